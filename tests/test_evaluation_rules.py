"""Each rule of the evaluation pinned by an example worked out by hand: the tie-breaks (which
way and what they decide), the pass mark at its boundary, the annual score and the sheets an
application needs, the rules a category sets for itself, and the vetoes that look at a
person's unit. Campaigns come from ``tests/campaigns.py``: one criterion out of 100, one sheet
per value, total = half the verification score + half the annual score."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pendulum
import pytest

from campaigns import AT, SCORING, Entrant, at, bundle, category, result
from wuxing import ValidationError
from wuxing._core.messages import problem_text
from wuxing.evaluation import evaluate
from wuxing.evaluation.outcomes import Outcome, Reason
from wuxing.evaluation.vetoes import VetoContext, VetoRegistry
from wuxing.model.records import (
    FindingRecord,
    OfficeFlag,
    RectificationRecord,
    SanctionKind,
    SanctionRecord,
)
from wuxing.model.rulesets import (
    Aggregation,
    FinalTieBreak,
    Ranking,
    VetoRule,
    VetoTarget,
)
from wuxing.model.settlements import Settlement, TieKind

D = Decimal


def outcome_codes(app_id: str, r: object) -> tuple[Outcome, list[str]]:
    o = r.outcome_of(app_id)  # type: ignore[attr-defined]
    return o.outcome, [x.code for x in o.reasons]


# A: verification 90, annual 70; B: verification 70, annual 90. Both total 80.00.
HIGH_VERIFICATION = Entrant("a", points=(90,), annual=70)
HIGH_ANNUAL = Entrant("b", points=(70,), annual=90)


class TestTieBreaks:
    def test_without_tie_breaks_equals_tie(self) -> None:
        """Equal totals and no tie-break: a tie for the one seat."""
        r = result(bundle([HIGH_VERIFICATION, HIGH_ANNUAL], cat=category(1)))
        assert () == r.selected
        assert [("a", "b")] == [t.application_ids for t in r.ties]

    def test_annual_score_higher_first(self) -> None:
        """``annual_score``: the higher annual score takes the seat."""
        ranking = Ranking(tie_breaks=("annual_score",))
        r = result(bundle([HIGH_VERIFICATION, HIGH_ANNUAL], cat=category(1), ranking=ranking))
        assert (("b",), ("a",)) == (r.selected, r.reserve)
        assert (1, 2) == (r.outcome_of("b").rank, r.outcome_of("a").rank)

    def test_verification_score_higher_first(self) -> None:
        """``verification_score``: the higher verification score takes the seat."""
        ranking = Ranking(tie_breaks=("verification_score",))
        r = result(bundle([HIGH_VERIFICATION, HIGH_ANNUAL], cat=category(1), ranking=ranking))
        assert ("a",) == r.selected

    def test_the_first_tie_break_decides_first(self) -> None:
        """Tie-breaks apply in the ruleset's order: the first that differs decides."""
        entrants = [HIGH_VERIFICATION, HIGH_ANNUAL]
        one = Ranking(tie_breaks=("annual_score", "verification_score"))
        other = Ranking(tie_breaks=("verification_score", "annual_score"))
        assert ("b",) == result(bundle(entrants, cat=category(1), ranking=one)).selected
        assert ("a",) == result(bundle(entrants, cat=category(1), ranking=other)).selected

    def test_fewer_findings_first(self) -> None:
        """``fewer_findings`` counts the findings of the campaign year up to the cut-off on
        the person and on the person's unit: C has three, but from 2021 and after the
        cut-off (none count); A has one of its own; B none of its own but two of its unit.
        C, A, B."""
        a, b, c = Entrant("a"), Entrant("b"), Entrant("c")
        findings = [
            FindingRecord("F1", a.person, dt.date(2022, 3, 1)),
            FindingRecord("F2", b.unit_id, dt.date(2022, 4, 1)),
            FindingRecord("F3", b.unit_id, dt.date(2022, 5, 1)),
            FindingRecord("F4", c.person, dt.date(2021, 12, 31)),
            FindingRecord("F5", c.unit_id, dt.date(2021, 6, 1)),
            FindingRecord("F6", c.person, dt.date(2023, 1, 11)),
        ]
        ranking = Ranking(tie_breaks=("fewer_findings",), reserve=2)
        r = result(bundle([a, b, c], cat=category(1), ranking=ranking, findings=findings))
        assert (("c",), ("a", "b")) == (r.selected, r.reserve)

    def test_a_unit_s_findings_count_once(self) -> None:
        """A unit is its own unit: its findings count once in its ``fewer_findings`` value,
        not once as the applicant's and again as its unit's."""
        from wuxing.evaluation.context import CampaignContext
        from wuxing.evaluation.scoring import Score
        from wuxing.evaluation.steps import tie_break_key
        from wuxing.evaluation.vetoes import VetoRegistry
        from wuxing.samples import DEMO_AT, demo_bundle

        demo = demo_bundle()
        app = next(a for a in demo.applications if a.category_id == "demonstration-township")
        found = [
            FindingRecord(f"FX{n}", app.applicant_id, dt.date(2022, 3, n + 1)) for n in range(3)
        ]
        rules = attrs.evolve(
            demo.resolve_ruleset(), ranking=Ranking(tie_breaks=("fewer_findings",))
        )
        bundle_ = attrs.evolve(demo, findings=(*demo.findings, *found)).as_of(DEMO_AT)
        ctx = CampaignContext.build(bundle_, rules, DEMO_AT, VetoRegistry.default())
        own = sum(
            1
            for f in bundle_.findings
            if f.subject_id == app.applicant_id
            and f.found_on.year == 2022
            and f.found_on <= DEMO_AT.date()
        )
        assert own >= 3
        score = Score(Decimal(90), None, Decimal(90), 3, (), ())
        assert (own,) == tie_break_key(app, score, ctx)

    def test_findings_on_the_cut_off_day_count(self) -> None:
        """With a cut-off in the campaign year, a finding on the cut-off's day counts and one
        the day after does not."""
        a, b = Entrant("a"), Entrant("b")
        findings = [
            FindingRecord("F1", a.person, dt.date(2022, 12, 31)),
            FindingRecord("F2", b.person, dt.date(2023, 1, 1)),
        ]
        ranking = Ranking(tie_breaks=("fewer_findings",))
        b_ = bundle([a, b], cat=category(1), ranking=ranking, findings=findings)
        assert ("b",) == result(b_, at(2022, 12, 31, 18)).selected

    def test_a_supervisor_s_unit_without_findings_adds_none(self) -> None:
        """Three supervisors equal in everything, one with a unit that has no findings and two
        with no unit: fewer_findings does not tell them apart, and the two seats are a tie."""
        from wuxing.samples import DEMO_AT, demo_bundle

        demo = demo_bundle()
        copies = ("os-s02", "os-s03")
        first = next(a for a in demo.assessments if a.application_id == "os-s01")
        assessments = [a for a in demo.assessments if a.application_id not in copies]
        assessments += [attrs.evolve(first, application_id=c) for c in copies]
        found = {f.subject_id for f in demo.as_of(DEMO_AT).findings}
        # A unit without findings that does not put s02 in a conflict with what s02 scores.
        for clean in (u.id for u in demo.units if u.id not in found):
            supervisors = [
                attrs.evolve(s, unit_id=clean) if s.id == "s02" else s for s in demo.supervisors
            ]
            b = attrs.evolve(demo, assessments=assessments, supervisors=supervisors)
            try:
                r = evaluate(b, DEMO_AT).category("outstanding-supervisor")
            except ValidationError:
                continue
            break
        else:
            pytest.fail("no unit without findings leaves s02 free of conflicts")
        assert [(("os-s01", "os-s02", "os-s03"), 2)] == [
            (t.application_ids, t.seats) for t in r.ties
        ]

    def test_earlier_submission_first_to_the_microsecond(self) -> None:
        """``earlier_submission``: the earlier submission, one microsecond apart."""
        late = Entrant("a", submitted=(2022, 12, 20, 10, 0, 0, 1))
        early = Entrant("b", submitted=(2022, 12, 20, 10, 0, 0, 0))
        ranking = Ranking(tie_breaks=("earlier_submission",))
        r = result(bundle([late, early], cat=category(1), ranking=ranking))
        assert ("b",) == r.selected

    def test_earlier_submission_across_time_zones(self) -> None:
        """Instants compare, not wall-clock readings: 10:00 in Shanghai is before 03:00 UTC."""
        shanghai = Entrant("a")  # 2022-12-20 10:00 +08:00 = 02:00 UTC
        b = bundle([shanghai, Entrant("b")], cat=category(1))
        utc = pendulum.datetime(2022, 12, 20, 3, tz="UTC")
        apps = tuple(
            app if app.id == "a" else attrs.evolve(app, submitted_at=utc) for app in b.applications
        )
        ranking = Ranking(tie_breaks=("earlier_submission",))
        assert b.ruleset is not None
        b = attrs.evolve(b, applications=apps, ruleset=attrs.evolve(b.ruleset, ranking=ranking))
        assert ("a",) == result(b).selected

    def test_criterion_points_higher_first(self) -> None:
        """``criterion:K2``: more points on K2 first, verification scores being equal."""
        more = Entrant("a", points=(60,), k2=100)
        fewer = Entrant("b", points=(100,), k2=60)
        ranking = Ranking(tie_breaks=("criterion:K2",))
        cat = category(1, second=True)
        r = result(bundle([more, fewer], cat=cat, ranking=ranking))
        assert ("a",) == r.selected


class TestPassMark:
    def test_exactly_at_the_pass_mark_passes(self) -> None:
        """A total of exactly 60.00 passes a pass mark of 60; 59.99 does not."""
        r = result(
            bundle(
                [
                    Entrant("at", points=(60,), annual=60),
                    Entrant("under", points=("59.98",), annual=60),
                ]
            )
        )
        assert ("at",) == r.selected
        assert (Outcome.BELOW_THRESHOLD, ["below_threshold"]) == outcome_codes("under", r)
        assert "59.99" in r.outcome_of("under").reasons[0].message

    def test_the_rounded_total_is_compared_and_ranked(self) -> None:
        """59.99 × ½ + 60 × ½ = 59.995 is published as 60.00: it passes, and it ties with an
        exact 60.00 (the unrounded value decides nothing)."""
        rounded = Entrant("r", points=("59.99",), annual=60)
        exact = Entrant("e", points=(60,), annual=60)
        r = result(bundle([rounded, exact], cat=category(1)))
        assert D("60.00") == r.outcome_of("r").total
        assert [("e", "r")] == [t.application_ids for t in r.ties]

    def test_a_category_sets_its_own_pass_mark(self) -> None:
        """A category's pass mark of 70 applies instead of the ruleset's 60."""
        r = result(bundle([Entrant("a", points=(65,), annual=65)], cat=category(1, pass_mark=70)))
        assert Outcome.BELOW_THRESHOLD == r.outcome_of("a").outcome
        assert "pass mark 70" in r.outcome_of("a").reasons[0].message


class TestWhatAnApplicationNeeds:
    def test_missing_annual_score_when_weighed(self) -> None:
        """Without an annual score, a ruleset that weighs it makes the application ineligible."""
        r = result(bundle([Entrant("a", annual=None)]))
        assert (Outcome.INELIGIBLE, ["annual_score_missing"]) == outcome_codes("a", r)

    def test_missing_annual_score_when_not_weighed(self) -> None:
        """With annual weight 0, no annual score is needed."""
        scoring = attrs.evolve(SCORING, verification_weight=D(1), annual_weight=D(0))
        r = result(bundle([Entrant("a", annual=None)], scoring=scoring))
        assert ("a",) == r.selected

    def test_minimum_of_sheets(self) -> None:
        """Two sheets meet a minimum of two; one does not."""
        scoring = attrs.evolve(SCORING, min_sheets=2)
        r = result(bundle([Entrant("two", points=(80, 80)), Entrant("one")], scoring=scoring))
        assert ("two",) == r.selected
        assert (Outcome.INELIGIBLE, ["verification_incomplete"]) == outcome_codes("one", r)

    def test_a_category_sets_its_own_minimum_and_aggregation(self) -> None:
        """A category asking for three sheets and the median: two sheets are too few, and
        10, 20, 90 give 20 (the mean would be 40)."""
        cat = category(2, min_sheets=3, aggregation=Aggregation.MEDIAN)
        r = result(
            bundle(
                [Entrant("three", points=(10, 20, 90)), Entrant("two", points=(80, 80))], cat=cat
            )
        )
        three = r.outcome_of("three")
        assert three.score is not None
        assert D("20.00") == three.score.verification
        assert (Outcome.INELIGIBLE, ["verification_incomplete"]) == outcome_codes("two", r)

    def test_a_category_sets_its_own_reserve_length(self) -> None:
        """A category's reserve of one applies instead of the ruleset's two."""
        entrants = [Entrant(x, points=(p,)) for x, p in (("a", 90), ("b", 85), ("c", 80))]
        r = result(bundle(entrants, cat=category(1, reserve=1)))
        assert (("a",), ("b",)) == (r.selected, r.reserve)
        assert Outcome.OUT_OF_QUOTA == r.outcome_of("c").outcome


def overdue(subject: str, **kw: object) -> RectificationRecord:
    return RectificationRecord(
        str(kw.get("id", "R1")),
        subject,
        at(2022, 10, 1),
        kw.get("deadline", at(2022, 11, 1)),  # type: ignore[arg-type]
        kw.get("accepted"),  # type: ignore[arg-type]
        "整改事项",
    )


class TestVetoes:
    def test_a_person_vetoed_for_the_unit_s_overdue_rectification(self) -> None:
        """With target applicant_or_unit, the unit's overdue rectification vetoes its staff
        member, naming the item and the unit."""
        a = Entrant("a")
        rule = VetoRule("overdue_rectification", target=VetoTarget.APPLICANT_OR_UNIT)
        r = result(bundle([a], vetoes=[rule], rectifications=[overdue(a.unit_id)]))
        o = r.outcome_of("a")
        assert (Outcome.VETOED, "R1") == (o.outcome, o.reasons[0].ref)
        assert f"its unit {a.unit_id}" in o.reasons[0].message

    def test_applicant_target_ignores_the_unit(self) -> None:
        """With target applicant, the unit's record does not veto the person."""
        a = Entrant("a")
        rule = VetoRule("overdue_rectification", target=VetoTarget.APPLICANT)
        r = result(bundle([a], vetoes=[rule], rectifications=[overdue(a.unit_id)]))
        assert ("a",) == r.selected

    @pytest.mark.parametrize(
        ("deadline", "accepted", "vetoed"),
        [
            (at(2022, 11, 1), None, True),
            (at(2022, 11, 1), at(2023, 1, 10, 17), False),  # accepted at the cut-off itself
            (at(2022, 11, 1), at(2023, 1, 10, 17, 0, 1), True),  # a second too late
            (at(2023, 1, 10, 17), None, False),  # due at the cut-off: not yet overdue
            (at(2023, 1, 10, 16, 59, 59), None, True),
        ],
    )
    def test_overdue_at_the_cut_off(
        self, deadline: pendulum.DateTime, accepted: pendulum.DateTime | None, vetoed: bool
    ) -> None:
        """Overdue means past the deadline and not accepted, both as of the cut-off."""
        a = Entrant("a")
        item = overdue(a.person, deadline=deadline, accepted=accepted)
        rule = VetoRule("overdue_rectification")
        r = result(bundle([a], vetoes=[rule], rectifications=[item]))
        assert vetoed == (Outcome.VETOED is r.outcome_of("a").outcome)

    @pytest.mark.parametrize(
        ("kind", "day", "vetoed"),
        [
            (SanctionKind.DEALT_WITH, dt.date(2022, 12, 31), True),
            (SanctionKind.HELD_ACCOUNTABLE, dt.date(2022, 1, 1), True),
            (SanctionKind.ADMONISHMENT_TALK, dt.date(2022, 6, 1), False),
            (SanctionKind.NOTIFIED_CRITICISM, dt.date(2022, 6, 1), False),
            (SanctionKind.DEALT_WITH, dt.date(2021, 12, 31), False),
        ],
    )
    def test_sanction_in_the_year(self, kind: SanctionKind, day: dt.date, vetoed: bool) -> None:
        """Dealt with or held accountable in the campaign year vetoes; an admonishment talk,
        a notified criticism or last year's sanction does not."""
        a = Entrant("a")
        sanction = SanctionRecord("S1", a.person, kind, day)
        r = result(bundle([a], vetoes=[VetoRule("sanction_in_year")], sanctions=[sanction]))
        assert vetoed == (Outcome.VETOED is r.outcome_of("a").outcome)

    def test_sanction_after_the_cut_off_does_not_count(self) -> None:
        """A sanction decided after the cut-off is not known at the cut-off."""
        a = Entrant("a")
        sanction = SanctionRecord("S1", a.person, SanctionKind.DEALT_WITH, dt.date(2022, 12, 31))
        b = bundle([a], vetoes=[VetoRule("sanction_in_year")], sanctions=[sanction])
        assert Outcome.VETOED is result(b, at(2022, 12, 31, 12)).outcome_of("a").outcome
        assert Outcome.VETOED is not result(b, at(2022, 12, 30, 12)).outcome_of("a").outcome

    def test_office_flag_on_the_applicant_only(self) -> None:
        """The office's flag vetoes the applicant it names, with its code, and nobody else."""
        a, b_ = Entrant("a"), Entrant("b")
        flag = OfficeFlag(a.person, "incident", "重大安全事故")
        r = result(bundle([a, b_], vetoes=[VetoRule("office_flag")], flags=[flag]))
        assert (Outcome.VETOED, ["veto.office_flag.incident"]) == outcome_codes("a", r)
        assert ("b",) == r.selected

    def test_a_rule_sees_the_records_of_the_applicant_and_its_unit_only(self) -> None:
        """A registered rule is given the applicant's and its unit's records, in id order,
        and nobody else's."""
        a, other = Entrant("a"), Entrant("b")
        seen: list[tuple[str, ...]] = []

        def count(ctx: VetoContext) -> Iterator[Reason]:
            seen.append(tuple(r.id for r in ctx.rectifications))
            return iter(())

        items = [
            overdue(a.unit_id, id="R3"),
            overdue(other.person, id="R2"),
            overdue(a.person, id="R1"),
        ]
        registry = VetoRegistry.builtin().with_rule("count", count)
        b = bundle([a], vetoes=[VetoRule("count")], rectifications=items)
        evaluate(b, AT, vetoes=registry)
        assert [("R1", "R3")] == seen


class TestReservedSeatsThroughEvaluate:
    def test_equals_who_both_win_say_so(self) -> None:
        """b1 and b2 (group b) tie for b's one seat, and the one not given it takes the last
        open seat: both are selected, no tie, and each says they share the reserved seat."""
        from wuxing.model.categories import ReservedSeats

        entrants = [
            Entrant("x", points=(95,), annual=95),
            Entrant("b1", groups=frozenset({"b"})),
            Entrant("b2", groups=frozenset({"b"})),
        ]
        r = result(bundle(entrants, cat=category(3, reserved=[ReservedSeats("b", 1)])))
        assert ("x", "b1", "b2") == r.selected
        assert () == r.ties
        for app_id in ("b1", "b2"):
            reason = r.outcome_of(app_id).reasons[-1]
            assert ("reserved_seat", "b") == (reason.code, reason.ref)
            assert "equal with another" in reason.message


class TestSeatTieThroughEvaluate:
    def test_which_seat_each_takes_is_settled(self) -> None:
        """y and z take seats either way, but which takes b's reserved seat decides whether
        the cap passes x over: both are selected and their reasons name the tie."""
        from wuxing.model.categories import Cap, CapBy, ReservedSeats

        entrants = [
            Entrant("y", points=(90,), annual=90, unit="u1", groups=frozenset({"b", "c"})),
            Entrant("z", points=(90,), annual=90, unit="u2", groups=frozenset({"b"})),
            Entrant("x", unit="u1", groups=frozenset({"c"})),
        ]
        cat = category(
            2,
            caps=[Cap(CapBy.UNIT, limit=1)],
            reserved=[ReservedSeats("b", 1), ReservedSeats("c", 1)],
            reserve=1,
        )
        r = result(bundle(entrants, cat=cat))
        assert ("y", "z") == r.selected
        for app_id in ("y", "z"):
            assert ["selected", "seat_tie", "reserved_seat"] == outcome_codes(app_id, r)[1]
            assert "tie-1" == r.outcome_of(app_id).reasons[1].ref
            assert "equal with another" in r.outcome_of(app_id).reasons[2].message


class TestSettlementsThroughEvaluate:
    def settlement(self, tied: set[str], chosen: list[str], kind: TieKind) -> Settlement:
        return Settlement(
            "S1",
            "c",
            tied,
            chosen,
            ["office-1", "office-2"],
            "集体研究确定",
            at(2023, 1, 11, 9),
            kind,
        )

    def test_reserve_order_settled(self) -> None:
        """Equals on the reserve list ordered by the office: the list holds them in that
        order and each names the settlement."""
        entrants = [Entrant("a", points=(90,)), Entrant("r1"), Entrant("r2")]
        b = bundle(entrants, cat=category(1))
        assert () == result(b).reserve
        given = [self.settlement({"r1", "r2"}, ["r2", "r1"], TieKind.RESERVE)]
        r = evaluate(b, AT, settlements=given).categories[0]
        assert ("r2", "r1") == r.reserve
        assert ("S1",) == r.settlements
        assert "placed it 1 of 2" in r.outcome_of("r2").reasons[-1].message
        zh = problem_text(r.outcome_of("r1").reasons[-1], "zh")
        assert "在差额备选名单 2 个中排第 2" in zh

    def test_seats_settled_say_who_took_the_seat_and_who_did_not(self) -> None:
        """A seats tie settled: the one chosen is told it was given the seat, the other that
        it was not, in English and in Chinese."""
        b = bundle([Entrant("a"), Entrant("b")], cat=category(1))
        given = [self.settlement({"a", "b"}, ["b"], TieKind.SEATS)]
        r = evaluate(b, AT, settlements=given).categories[0]
        assert ("b",) == r.selected
        chosen, other = r.outcome_of("b").reasons[-1], r.outcome_of("a").reasons[-1]
        assert ("settled", "settled") == (chosen.code, other.code)
        assert "gave it a seat" in chosen.message
        assert "did not give it a seat" in other.message
        assert "给予名额" in problem_text(chosen, "zh")
        assert "未给予名额" not in problem_text(chosen, "zh")
        assert "未给予名额" in problem_text(other, "zh")

    def test_no_settlement_under_a_draw(self) -> None:
        """With a declared draw nothing is left to settle: a settlement is refused."""
        ranking = Ranking(tie_breaks=(), final=FinalTieBreak.DRAW, seed=1)
        b = bundle([Entrant("a"), Entrant("b")], cat=category(1), ranking=ranking)
        given = [self.settlement({"a", "b"}, ["a"], TieKind.SEATS)]
        with pytest.raises(ValidationError) as info:
            evaluate(b, AT, settlements=given)
        assert ["settlement_unmatched"] == [p.code for p in info.value.problems]

    def test_unfilled_seats_on_the_result(self) -> None:
        """One qualified applicant for a quota of three: two seats left, too few qualified."""
        r = result(bundle([Entrant("a")], cat=category(3)))
        assert [("too_few_qualified", 2)] == [(u.reason.value, u.seats) for u in r.unfilled]


def test_scoring_defaults_are_the_ruleset_s() -> None:
    """A category that sets nothing scores with the ruleset's settings."""
    b = bundle([Entrant("a")])
    assert b.ruleset is not None
    assert SCORING == b.ruleset.scoring_for("c")
