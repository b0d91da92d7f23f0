"""End-to-end evaluation of the demonstration bundle and of bad bundles."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pendulum
import pytest

from wuxing import ValidationError, io
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import Outcome
from wuxing.model.records import Mark, RectificationRecord, ScoreSheet
from wuxing.samples import DEMO_AT, demo_bundle

BUNDLE = demo_bundle()
RESULT = evaluate(BUNDLE, DEMO_AT)


def outcome(app_id: str) -> tuple[Outcome, list[str]]:
    o = RESULT.outcome_of(app_id)
    return o.outcome, [r.code for r in o.reasons]


class TestDemo:
    def test_quotas(self) -> None:
        """The four categories select within 5/10/10/2."""
        assert [(5, 4), (10, 10), (10, 10), (2, 2)] == [
            (c.quota, len(c.selected)) for c in RESULT.categories
        ]

    def test_every_kind_of_outcome(self) -> None:
        """The sample shows a veto of each kind, ineligibles, below threshold and a tie."""
        assert (Outcome.VETOED, ["veto.overdue_rectification"]) == outcome("dt-t07")
        assert (Outcome.VETOED, ["veto.office_flag.major-safety-incident"]) == outcome(
            "ac-emergency"
        )
        assert (Outcome.VETOED, ["veto.sanction_in_year"]) == outcome("ai-p13")
        assert (Outcome.VETOED, ["veto.required_criterion_not_met"]) == outcome("ai-p05")
        assert (Outcome.INELIGIBLE, ["late"]) == outcome("dt-t09")
        assert (Outcome.INELIGIBLE, ["not_stamped"]) == outcome("ac-market-regulation")
        assert (Outcome.INELIGIBLE, ["out_of_scope"]) == outcome("ac-t05")
        assert (Outcome.INELIGIBLE, ["wrong_recommender"]) == outcome("ai-p12")
        assert Outcome.INELIGIBLE == outcome("os-s08-self")[0]
        assert "office_assessed" in outcome("os-s08-self")[1]
        assert (Outcome.BELOW_THRESHOLD, ["below_threshold"]) == outcome("dt-t12")
        tie = RESULT.category("demonstration-township").tie
        assert tie is not None
        assert (("dt-t03", "dt-t04"), 1) == (tie.application_ids, tie.seats)

    def test_rectification_accepted_before_cutoff_is_no_veto(self) -> None:
        """R-2022-044 (潋江镇) was accepted the day before the cut-off: no veto."""
        assert Outcome.SELECTED == outcome("dt-t01")[0]

    def test_same_rectification_unaccepted_vetoes(self) -> None:
        """Without its acceptance, R-2022-044 vetoes 潋江镇 with the item named."""
        assert BUNDLE.ledger is not None
        items = tuple(
            attrs.evolve(r, steps=r.steps[:-1]) if r.id == "R-2022-044" else r
            for r in BUNDLE.ledger.rectifications
        )
        ledger = attrs.evolve(BUNDLE.ledger, rectifications=items)
        result = evaluate(attrs.evolve(BUNDLE, ledger=ledger), DEMO_AT)
        o = result.outcome_of("dt-t01")
        assert Outcome.VETOED == o.outcome
        assert "R-2022-044" == o.reasons[0].ref

    def test_accepted_after_cutoff_still_overdue(self) -> None:
        """At noon on 01-09, past the new deadline (01-08) and before the 16:00 acceptance,
        the item was overdue; on 01-05, under the new deadline, it was not."""
        result = evaluate(BUNDLE, pendulum.datetime(2023, 1, 9, 12, tz="Asia/Shanghai"))
        assert Outcome.VETOED == result.outcome_of("dt-t01").outcome
        earlier = evaluate(BUNDLE, pendulum.datetime(2023, 1, 5, tz="Asia/Shanghai"))
        assert Outcome.VETOED != earlier.outcome_of("dt-t01").outcome

    def test_example_data_is_the_demo(self) -> None:
        """examples/data holds exactly the built-in demonstration bundle."""
        from pathlib import Path

        path = Path(__file__).parents[1] / "examples" / "data" / "xingguo-2022-bundle.json"
        assert io.dumps(BUNDLE) == path.read_text(encoding="utf-8")


class TestBadBundles:
    def test_naive_cutoff(self) -> None:
        """A naive cut-off is refused."""
        with pytest.raises(ValidationError) as info:
            evaluate(BUNDLE, pendulum.naive(2023, 1, 10))
        assert "naive_datetime" == info.value.code

    def test_every_cross_reference_problem(self) -> None:
        """Unknown application, double scoring, own-unit inspector, above maximum: all listed."""
        extra = (
            ScoreSheet("nope", "s01", BUNDLE.sheets[0].marks),
            attrs.evolve(BUNDLE.sheets[0]),
            ScoreSheet(
                "dt-t01",
                "insider",
                [Mark(m.code, points=m.points) for m in BUNDLE.sheets[0].marks],
                inspector_unit_id="t01",
            ),
            ScoreSheet("dt-t02", "zz", [Mark("T1", points=Decimal(1))]),
        )
        bad = attrs.evolve(BUNDLE, sheets=BUNDLE.sheets + extra)
        n = len(BUNDLE.sheets)
        with pytest.raises(ValidationError) as info:
            evaluate(bad, DEMO_AT)
        found = [(p.path, p.code) for p in info.value.problems]
        assert (f"sheets[{n}].application_id", "unknown_application") in found
        assert (f"sheets[{n + 1}].inspector_id", "scored_twice") in found
        assert (f"sheets[{n + 2}].inspector_id", "conflict_of_interest") in found
        assert (f"sheets[{n + 3}].marks", "missing_mark") in found

    def test_overdue_record_validation(self) -> None:
        """A deadline before the order is refused when the record is built."""
        with pytest.raises(ValidationError) as info:
            RectificationRecord(
                "R1",
                "t01",
                pendulum.datetime(2022, 5, 1, tz="Asia/Shanghai"),
                pendulum.datetime(2022, 4, 1, tz="Asia/Shanghai"),
            )
        assert "deadline_before_order" == info.value.code

    def test_bundle_json_problems_with_paths(self) -> None:
        """A bundle with a naive time deep inside names the full path."""
        data = io.dump(BUNDLE)
        data["applications"][3]["submitted_at"] = "2022-12-20T10:00:00"
        with pytest.raises(ValidationError) as info:
            io.load(data, Bundle)
        assert [("applications[3].submitted_at", "naive_datetime")] == [
            (p.path, p.code) for p in info.value.problems
        ]


def test_cutoff_zone_does_not_matter() -> None:
    """The same cut-off instant written in UTC gives the same result."""
    utc = DEMO_AT.in_timezone("UTC")
    assert RESULT == evaluate(BUNDLE, utc)
