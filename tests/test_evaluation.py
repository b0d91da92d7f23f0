"""End-to-end evaluation of the demonstration bundle and of bad bundles."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pendulum
import pytest

from wuxing import ValidationError, io
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import Outcome, SelectionResult
from wuxing.model.records import Mark, RectificationRecord, ScoreSheet
from wuxing.model.settlements import Settlement
from wuxing.samples import DEMO_AT, demo_bundle

BUNDLE = demo_bundle()


def demo_result() -> SelectionResult:
    """The demonstration's result, worked out afresh by each test that asks (so that each
    test runs the code it checks, which the mutation run's map of tests to lines relies on)."""
    return evaluate(BUNDLE, DEMO_AT)


def outcome(app_id: str) -> tuple[Outcome, list[str]]:
    o = demo_result().outcome_of(app_id)
    return o.outcome, [r.code for r in o.reasons]


class TestDemo:
    def test_quotas(self) -> None:
        """The four categories select within 5/10/10/2."""
        assert [(5, 4), (10, 10), (10, 10), (2, 2)] == [
            (c.quota, len(c.selected)) for c in demo_result().categories
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
        (tie,) = demo_result().category("demonstration-township").ties
        assert (("dt-t03", "dt-t04"), 1) == (tie.application_ids, tie.seats)

    def test_outcomes_listed_ranked_first(self) -> None:
        """The ranked in rank order, then those below the pass mark, vetoed and ineligible,
        each by total (highest first) then id."""
        townships = demo_result().category("demonstration-township")
        assert [
            ("selected", 1),
            ("selected", 2),
            ("selected", 3),
            ("selected", 4),
            ("tie_pending", 5),
            ("tie_pending", 5),
            ("reserve", 7),
            ("below_threshold", None),
            ("below_threshold", None),
            ("below_threshold", None),
            ("vetoed", None),
            ("ineligible", None),
        ] == [(o.outcome.value, o.rank) for o in townships.outcomes]
        rest = [o for o in townships.outcomes if o.rank is None]
        below = [o.total for o in rest if o.outcome is Outcome.BELOW_THRESHOLD]
        assert sorted(below, reverse=True) == below  # type: ignore[type-var]

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
        assert Outcome.SELECTED == earlier.outcome_of("dt-t01").outcome

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
    assert demo_result() == evaluate(BUNDLE, utc)


def settlement(chosen: list[str], tied: set[str] | None = None, **kw: object) -> Settlement:
    """The office's decision on the demo's township tie (dt-t03 / dt-t04 for one seat)."""
    return Settlement(
        str(kw.get("id", "S1")),
        str(kw.get("category_id", "demonstration-township")),
        tied if tied is not None else {"dt-t03", "dt-t04"},
        chosen,
        ["office-1", "office-2", "office-3"],
        "实地核查中群众满意度较高",
        pendulum.datetime(2023, 1, 11, 9, tz="Asia/Shanghai"),
    )


class TestSettlements:
    """The office settles a reported tie; the settlement makes the result recomputable."""

    def test_pending_tie_holds_its_seat_and_the_reserve_list(self) -> None:
        """While dt-t03 / dt-t04 wait for the office, one seat is open for them and the first
        place on the reserve list (the one not given the seat) is not decided: the list is
        empty so far, and dt-t08 knows it is second."""
        townships = demo_result().category("demonstration-township")
        assert [("tie_pending", 1)] == [(u.reason.value, u.seats) for u in townships.unfilled]
        assert () == townships.reserve
        assert Outcome.RESERVE == townships.outcome_of("dt-t08").outcome
        assert "reserve 2" in townships.outcome_of("dt-t08").reasons[0].message

    def test_settled_tie_fills_the_seat(self) -> None:
        """The chosen one is selected, the seat is no longer open, and both name S1."""
        result = evaluate(BUNDLE, DEMO_AT, settlements=[settlement(["dt-t04"])])
        townships = result.category("demonstration-township")
        assert ("dt-t01", "dt-t02", "dt-t13", "dt-t05", "dt-t04") == townships.selected
        assert () == townships.ties
        assert ("dt-t03", "dt-t08") == townships.reserve
        assert () == townships.unfilled
        assert ("S1",) == townships.settlements
        won, lost = townships.outcome_of("dt-t04"), townships.outcome_of("dt-t03")
        assert Outcome.SELECTED == won.outcome
        assert ["selected", "settled"] == [r.code for r in won.reasons]
        assert "S1" == won.reasons[-1].ref
        assert "did not give it a seat" in lost.reasons[-1].message
        assert "settled" == lost.reasons[-1].code

    def test_the_other_choice_selects_the_other(self) -> None:
        """The settlement, not the id or the input order, decides who takes the seat."""
        townships = evaluate(BUNDLE, DEMO_AT, settlements=[settlement(["dt-t03"])]).category(
            "demonstration-township"
        )
        assert "dt-t03" in townships.selected
        assert "dt-t04" not in townships.selected

    def test_settlements_from_the_bundle(self) -> None:
        """A bundle carries its settlements; they survive dump → load and decide the same."""
        bundle = attrs.evolve(BUNDLE, settlements=(settlement(["dt-t04"]),))
        again = io.loads(io.dumps(bundle), Bundle)
        assert bundle == again
        assert "dt-t04" in evaluate(again, DEMO_AT).category("demonstration-township").selected

    @pytest.mark.parametrize(
        ("given", "why"),
        [
            (settlement(["dt-t04"], {"dt-t04", "dt-t05"}), "not the tie reported"),
            (settlement(["dt-t03", "dt-t04"]), "two chosen for one seat"),
            (settlement(["dt-t04"], category_id="advanced-collective"), "another category"),
        ],
    )
    def test_unmatched_settlement_is_refused(self, given: Settlement, why: str) -> None:
        """A settlement that decides no reported tie is refused, naming it."""
        with pytest.raises(ValidationError) as info:
            evaluate(BUNDLE, DEMO_AT, settlements=[given])
        assert ["settlement_unmatched"] == [p.code for p in info.value.problems], why
        assert "settlements[0]" == info.value.problems[0].path

    def test_settlement_naming_an_untied_application(self) -> None:
        """A choice outside the tie is refused when the settlement is made."""
        with pytest.raises(ValidationError) as info:
            settlement(["dt-t01"])
        assert [("chosen[0]", "not_tied")] == [(p.path, p.code) for p in info.value.problems]

    def test_bundle_settlement_with_unknown_application(self) -> None:
        """A bundle's settlement naming an application of no such category is refused."""
        bundle = attrs.evolve(BUNDLE, settlements=(settlement(["dt-t04"], {"dt-t04", "nowhere"}),))
        with pytest.raises(ValidationError) as info:
            evaluate(bundle, DEMO_AT)
        assert [("settlements[0].tied", "unknown_application")] == [
            (p.path, p.code) for p in info.value.problems
        ]


def test_a_reason_reads_as_a_problem() -> None:
    """A reason's repr is the problem's: the fields set, ref only when given."""
    from wuxing.evaluation.outcomes import Reason

    assert "Reason(path='', code='late', message='m')" == repr(Reason("late", "m"))
    assert "Reason(path='', code='late', message='m', ref='x')" == repr(Reason("late", "m", "x"))


def test_a_tie_and_a_draw_name_their_applications() -> None:
    """A pending tie or a draw of nobody is refused (code ``empty``)."""
    from decimal import Decimal

    from wuxing.evaluation.outcomes import Draw, TiePending

    for make in (lambda: TiePending((), 1, Decimal(90)), lambda: Draw((), 1, 7)):
        with pytest.raises(ValidationError) as info:
            make()
        assert [("application_ids", "empty")] == [(p.path, p.code) for p in info.value.problems]
