"""The round's own inputs decide its evaluation: its rules, directory, extensions and
settlements; a mistaken settlement can be withdrawn; a notice's calendar must agree with
itself; the reserve list shows who still waits on it."""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum
import pytest

from rounds import (
    CAMPAIGN,
    PEOPLE,
    RULES,
    STAFF,
    SUPERVISORS,
    UNITS,
    app,
    at,
    in_notice,
    result,
)
from wuxing import (
    CalendarError,
    TransitionError,
    ValidationError,
    WuxingError,
    evaluate,
    io,
)
from wuxing.calendar import ChinaCalendar
from wuxing.evaluation.bundle import DeadlineExtension
from wuxing.evaluation.outcomes import Outcome
from wuxing.process import Appointment, Role, Round, StaffRegistry, State
from wuxing.samples import DEMO_AT, demo_bundle

CATEGORY = "demonstration-township"
DEMO = demo_bundle()
OFFICE = "five-type-office"
SETTLED = at(2023, 1, 11)
SELECTED = at(2023, 1, 11, 15)


def refused(exc: type[WuxingError], code: str, call: object) -> WuxingError:
    with pytest.raises(exc) as info:
        call()  # type: ignore[operator]
    assert code == info.value.code, info.value
    return info.value


def staff() -> StaffRegistry:
    apps = [a for a in DEMO.applications if a.category_id == CATEGORY]
    return StaffRegistry(
        [
            Appointment("office-1", Role.OFFICE, OFFICE),
            Appointment("office-2", Role.OFFICE, OFFICE),
            Appointment("s01", Role.SUPERVISOR),
            Appointment("gov-1", Role.COUNTY_GOVERNMENT),
            Appointment("gov-2", Role.COUNTY_GOVERNMENT),
            *(
                Appointment(f"{a.applicant_id}-c", Role.APPLICANT_UNIT, a.applicant_id)
                for a in apps
            ),
        ]
    )


def demo_round(*, extend_t09: bool = False) -> Round:
    """The demonstration's townships filed, accepted and verified (dt-t09 files late unless
    the office extends its deadline first)."""
    rnd = Round.from_bundle(DEMO, CATEGORY, staff(), by="office-1", at=at(2022, 11, 4))
    if extend_t09:
        rnd = rnd.grant_extension("office-1", "t09", dt.date(2023, 1, 10), at(2022, 12, 1), "汛期")
    apps = sorted(
        (a for a in DEMO.applications if a.category_id == CATEGORY), key=lambda a: a.submitted_at
    )
    for a in apps:
        try:
            rnd = rnd.submit(f"{a.applicant_id}-c", a, a.submitted_at)
        except WuxingError:
            assert a.id == "dt-t09"
            assert not extend_t09
    for r in rnd.records:
        rnd = rnd.accept("office-1", r.id, at(2023, 1, 3))
    for r in rnd.records:
        rnd = rnd.verify("s01", r.id, at(2023, 1, 6))
    return rnd


ROUND = demo_round()
FIRST = evaluate(ROUND.evaluation_bundle(DEMO), DEMO_AT)
GROUP = ["office-1", "office-2"]


class TestSettlements:
    def test_the_demonstration_reports_one_tie(self) -> None:
        """dt-t03 and dt-t04 tie for the fifth seat (the how-to's tie)."""
        (t,) = FIRST.category(CATEGORY).ties
        assert (("dt-t03", "dt-t04"), 1) == (t.application_ids, t.seats)

    def test_a_tie_the_result_does_not_report_is_refused(self) -> None:
        err = refused(
            ValidationError,
            "no_such_tie",
            lambda: ROUND.settle_tie(
                GROUP, ["dt-t01", "dt-t02"], ["dt-t01"], "误", SETTLED, result=FIRST
            ),
        )
        assert "dt-t03, dt-t04" in str(err)

    def test_the_reported_tie_is_settled(self) -> None:
        rnd = ROUND.settle_tie(
            GROUP, ["dt-t03", "dt-t04"], ["dt-t04"], "满意度较高", SETTLED, result=FIRST
        )
        second = evaluate(rnd.evaluation_bundle(DEMO), DEMO_AT)
        rnd = rnd.select("office-1", second, SELECTED, bundle=DEMO)
        assert State.CANDIDATE == rnd.state_of("dt-t04")

    def test_a_mistaken_settlement_is_withdrawn_and_the_round_goes_on(self) -> None:
        """Settled without the result, a tie that does not exist blocks the evaluation; the
        office withdraws it together, settles the real one, and selects."""
        rnd = ROUND.settle_tie(GROUP, ["dt-t01", "dt-t02"], ["dt-t01"], "误", SETTLED)
        refused(
            ValidationError,
            "settlement_unmatched",
            lambda: evaluate(rnd.evaluation_bundle(DEMO), DEMO_AT),
        )
        refused(
            WuxingError,
            "not_collective",
            lambda: rnd.withdraw_settlement("office-1", rnd.settlements[0].id, SETTLED, "误"),
        )
        rnd = rnd.withdraw_settlement(GROUP, rnd.settlements[0].id, SETTLED, "误记")
        assert () == rnd.settlements
        rnd = rnd.settle_tie(
            GROUP, ["dt-t03", "dt-t04"], ["dt-t03"], "理由", SETTLED, result=FIRST
        )
        assert "demonstration-township:S2" == rnd.settlements[0].id  # never S1 again
        second = evaluate(rnd.evaluation_bundle(DEMO), DEMO_AT)
        rnd = rnd.select("office-1", second, SELECTED, bundle=DEMO)
        assert State.CANDIDATE == rnd.state_of("dt-t03")
        refused(
            TransitionError,
            "already_selected",
            lambda: rnd.withdraw_settlement(GROUP, rnd.settlements[0].id, SELECTED, "晚"),
        )
        again = io.loads(io.dumps(rnd), Round)  # the withdrawal replays
        assert rnd.state == again.state

    def test_a_withdrawn_application_leaves_its_settlement_out(self) -> None:
        """Settled, then dt-t04 withdraws: the settlement decides nothing any more, and the
        evaluation of the round goes on without it."""
        rnd = ROUND.settle_tie(
            GROUP, ["dt-t03", "dt-t04"], ["dt-t04"], "理由", SETTLED, result=FIRST
        )
        rnd = rnd.withdraw("t04-c", "dt-t04", at(2023, 1, 11, 10), "放弃")
        b = rnd.evaluation_bundle(DEMO)
        assert () == b.settlements
        second = evaluate(b, DEMO_AT)
        rnd = rnd.select("office-1", second, SELECTED, bundle=DEMO)
        assert State.CANDIDATE == rnd.state_of("dt-t03")


class TestTheRoundsOwnInputs:
    def test_a_result_under_other_rules_is_refused(self) -> None:
        """The same ruleset id inline with a pass mark of 0 and the annual score alone gives
        another selection; the round, given the bundle, refuses that result."""
        rnd = ROUND.settle_tie(
            GROUP, ["dt-t03", "dt-t04"], ["dt-t04"], "理由", SETTLED, result=FIRST
        )
        rules = DEMO.resolve_ruleset()
        swapped = attrs.evolve(
            rules,
            scoring=attrs.evolve(
                rules.scoring,
                pass_mark=rules.scoring.pass_mark * 0,
                annual_weight=rules.scoring.annual_weight * 0 + 1,
                verification_weight=rules.scoring.verification_weight * 0,
            ),
        )
        own = rnd.evaluation_bundle(DEMO)
        other = evaluate(attrs.evolve(own, ruleset=swapped), DEMO_AT, ruleset=swapped)
        assert (
            other.category(CATEGORY).selected != evaluate(own, DEMO_AT).category(CATEGORY).selected
        )
        refused(
            ValidationError,
            "result_differs",
            lambda: rnd.select("office-1", other, SELECTED, bundle=DEMO),
        )

    def test_the_bundle_s_rules_and_directory_give_way(self) -> None:
        """A bundle carrying other rules under the round's ruleset id, or another unit for a
        supervisor, is evaluated under the round's."""
        rules = DEMO.resolve_ruleset()
        other_rules = attrs.evolve(rules, scoring=attrs.evolve(rules.scoring, pass_mark=0))
        moved = [attrs.evolve(s, unit_id="t01") for s in DEMO.supervisors]
        b = attrs.evolve(DEMO, ruleset=other_rules, supervisors=moved)
        own = ROUND.evaluation_bundle(b)
        assert own.ruleset == rules
        by_id = {s.id: s for s in own.supervisors}
        assert all(by_id[s.id] == s for s in DEMO.supervisors if s.id in ROUND.directory)

    def test_an_extension_granted_in_the_round_counts_in_the_evaluation(self) -> None:
        """The office extends t09's deadline to 2023-01-10; dt-t09 filed on 2023-01-02 is in
        time in the round and in the evaluation alike."""
        rnd = demo_round(extend_t09=True)
        b = rnd.evaluation_bundle(DEMO)
        assert DeadlineExtension("dt-t09", dt.date(2023, 1, 10), "汛期") in b.extensions
        o = evaluate(b, DEMO_AT).category(CATEGORY).outcome_of("dt-t09")
        assert "late" not in [r.code for r in o.reasons]
        assert Outcome.INELIGIBLE != o.outcome or o.reasons[0].code != "late"

    def test_a_resubmission_deadline_counts_in_the_evaluation(self) -> None:
        """Returned for correction on 2022-12-30 with until 2023-01-05, resubmitted on
        2023-01-02: not late in the evaluation."""
        rnd = Round.from_bundle(DEMO, CATEGORY, staff(), by="office-1", at=at(2022, 11, 4))
        first = next(a for a in DEMO.applications if a.id == "dt-t06")
        rnd = rnd.submit("t06-c", first, first.submitted_at)
        rnd = rnd.return_for_correction(
            "office-1", "dt-t06", at(2022, 12, 30), "缺盖章", dt.date(2023, 1, 5)
        )
        again = attrs.evolve(
            first, submitted_at=pendulum.datetime(2023, 1, 2, 9, tz="Asia/Shanghai")
        )
        rnd = rnd.resubmit("t06-c", again, at(2023, 1, 2, 9))
        rnd = rnd.accept("office-1", "dt-t06", at(2023, 1, 3))
        rnd = rnd.verify("s01", "dt-t06", at(2023, 1, 6))
        b = rnd.evaluation_bundle(DEMO)
        assert DeadlineExtension(
            "dt-t06", dt.date(2023, 1, 5), "resubmission after correction (退回修改)"
        ) in (b.extensions)
        o = evaluate(b, DEMO_AT).category(CATEGORY).outcome_of("dt-t06")
        assert "late" not in [r.code for r in o.reasons]

    def test_extensions_the_bundle_would_refuse_are_refused(self) -> None:
        rnd = Round.from_bundle(DEMO, CATEGORY, staff(), by="office-1", at=at(2022, 11, 4))
        when = at(2022, 12, 20)
        for applicant, until, code in (
            ("t09", dt.date(2022, 12, 30), "extension_before_deadline"),
            ("t09", dt.date(2022, 12, 31), "extension_before_deadline"),
            ("zzz", dt.date(2023, 1, 5), "unknown_applicant"),
        ):
            with pytest.raises(ValidationError) as info:
                rnd.grant_extension("office-1", applicant, until, when, "理由")
            assert code in [p.code for p in info.value.problems]
        rnd = rnd.grant_extension("office-1", "t09", dt.date(2023, 1, 5), when, "理由")
        with pytest.raises(ValidationError) as info:
            rnd.grant_extension("office-1", "t09", dt.date(2023, 1, 3), at(2022, 12, 21), "改")
        assert ["already_extended"] == [p.code for p in info.value.problems]


class _Backwards(ChinaCalendar):
    """A county calendar that answers an earlier day."""

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        return day - dt.timedelta(days=30)


class _Short(ChinaCalendar):
    """A county calendar whose answer its own count contradicts (one day on)."""

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        return super().add_working_days(day, 1)


class TestTheNoticesCalendar:
    @pytest.mark.parametrize("calendar", [_Backwards(), _Short()])
    def test_a_calendar_that_contradicts_itself_is_refused(self, calendar: ChinaCalendar) -> None:
        rnd = Round.start(
            CAMPAIGN,
            RULES,
            "demonstration-township",
            STAFF,
            by="office-1",
            at=at(2022, 11, 4),
            units=UNITS,
            people=PEOPLE,
            supervisors=SUPERVISORS,
            calendar=calendar,
        )
        towns = ("lianjiang", "jiangbei")
        for t in towns:
            rnd = rnd.submit(f"{t}-clerk", app(t), at(2022, 12, 20))
        for t in towns:
            rnd = rnd.accept("office-1", f"dt-{t}", at(2022, 12, 28))
        for t in towns:
            rnd = rnd.verify("s1", f"dt-{t}", at(2023, 1, 5))
        rnd = rnd.select("office-1", result(["dt-lianjiang", "dt-jiangbei"]), at(2023, 1, 11))
        rnd = rnd.approve("gov-1", "dt-lianjiang", at(2023, 1, 12))
        refused(
            CalendarError,
            "calendar_inconsistent",
            lambda: rnd.open_notice("office-1", at(2023, 1, 13)),
        )


class TestTheReserveList:
    def test_one_who_moved_up_is_off_the_reserve_list(self) -> None:
        rnd = in_notice().lodge_objection("citizen", "dt-jiangbei", at(2023, 1, 16), "推诿")
        assert ("dt-longkou",) == rnd.reserve
        rnd = rnd.rule_objection("office-2", "O1", at(2023, 1, 17), True, "属实")
        assert State.CANDIDATE == rnd.state_of("dt-longkou")
        assert () == rnd.reserve


class TestScorersAreVerifiers:
    def settled(self) -> Round:
        return ROUND.settle_tie(
            GROUP, ["dt-t03", "dt-t04"], ["dt-t04"], "理由", SETTLED, result=FIRST
        )

    def test_a_scorer_does_not_select(self) -> None:
        """office-2 wrote a sheet for dt-t01: office-2 may not take part in selecting it."""
        rnd = self.settled()
        sheet = next(s for s in DEMO.sheets if s.application_id == "dt-t01")
        b = attrs.evolve(DEMO, sheets=(*DEMO.sheets, attrs.evolve(sheet, inspector_id="office-2")))
        result = evaluate(rnd.evaluation_bundle(b), DEMO_AT)
        refused(
            WuxingError,
            "separation_of_duties",
            lambda: rnd.select(["office-1", "office-2"], result, SELECTED, bundle=b),
        )

    def test_a_scorer_does_not_approve_and_the_record_replays(self) -> None:
        """gov-1 wrote a sheet for dt-t01: after the selection, gov-1 may not approve it;
        the selection's record of scorers replays on loading."""
        rnd = self.settled()
        sheet = next(s for s in DEMO.sheets if s.application_id == "dt-t01")
        b = attrs.evolve(DEMO, sheets=(*DEMO.sheets, attrs.evolve(sheet, inspector_id="gov-1")))
        result = evaluate(rnd.evaluation_bundle(b), DEMO_AT)
        rnd = rnd.select("office-1", result, SELECTED, bundle=b)
        rnd = io.loads(io.dumps(rnd), Round)
        refused(
            WuxingError,
            "separation_of_duties",
            lambda: rnd.approve(["gov-1", "gov-2"], "dt-t01", at(2023, 1, 12)),
        )
        rnd = rnd.approve("gov-2", "dt-t02", at(2023, 1, 12))
        assert State.APPROVED == rnd.state_of("dt-t02")
