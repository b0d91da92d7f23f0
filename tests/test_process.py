"""The selection process: intake, roles, lifecycle, notice, audit log, replay."""

from __future__ import annotations

import datetime as dt
import json

import pendulum
import pytest

from wuxing import (
    AuthorizationError,
    ConflictOfInterestError,
    DeadlineError,
    EligibilityError,
    FormsFiled,
    Person,
    Supervisor,
    TransitionError,
    Unit,
    UnitKind,
    io,
    rulesets,
)
from wuxing.calendar import ChinaCalendar
from wuxing.model.applications import Application
from wuxing.model.campaigns import Campaign
from wuxing.process import Actor, IntakeError, Round, State, replay
from wuxing.process.audit import AuditLog, Role, TamperError

TZ = "Asia/Shanghai"
RULES = rulesets.load("xingguo-2022")
TOWNSHIP = RULES.category("demonstration-township")
INDIVIDUAL = RULES.category("advanced-individual")
SUPERVISORS = RULES.category("outstanding-supervisor")
CAMPAIGN = Campaign("xg-2022", RULES.id, 2022, dt.date(2022, 12, 31))
CAL = ChinaCalendar()
UNITS = [
    Unit("lianjiang", "潋江镇", UnitKind.TOWN, "360732"),
    Unit("jiangbei", "江背镇", UnitKind.TOWN, "360732"),
    Unit("gaoxing", "高兴镇", UnitKind.TOWN, "360732"),
    Unit("finance", "县财政局", UnitKind.GOVERNMENT_DEPARTMENT, "360732"),
]
DIRECTORY: dict[str, Unit | Person | Supervisor] = {u.id: u for u in UNITS}
DIRECTORY["p1"] = Person("p1", "李明", "finance", "科员")
DIRECTORY["s1"] = Supervisor("s1", "王芳", dt.date(2021, 1, 1), dt.date(2023, 12, 31))
OFFICE = Actor("office-1", Role.OFFICE, "five-type-office")
SUPERVISOR = Actor("s01", Role.SUPERVISOR)
GOV = Actor("gov", Role.COUNTY_GOVERNMENT)
PUBLIC = Actor("citizen", Role.PUBLIC)


def at(y: int, m: int, d: int, h: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(y, m, d, h, tz=TZ)


def clerk(unit: str) -> Actor:
    return Actor(f"{unit}-clerk", Role.APPLICANT_UNIT, unit)


DEC_20 = at(2022, 12, 20)


def app(unit: str, when: pendulum.DateTime = DEC_20, **kw: object) -> Application:
    forms = kw.pop("forms", FormsFiled(2, True, True))
    return Application(f"dt-{unit}", "demonstration-township", unit, when, forms=forms, **kw)  # type: ignore[arg-type]


def submitted(*units: str) -> Round:
    rnd = Round.start(CAMPAIGN, TOWNSHIP)
    for u in units:
        rnd = rnd.submit(clerk(u), app(u), at(2022, 12, 20), DIRECTORY)
    return rnd


def in_notice() -> Round:
    rnd = submitted("lianjiang", "jiangbei", "gaoxing")
    for u in ("lianjiang", "jiangbei", "gaoxing"):
        rnd = rnd.accept(OFFICE, f"dt-{u}", at(2022, 12, 28))
    for u in ("lianjiang", "jiangbei", "gaoxing"):
        rnd = rnd.verify(SUPERVISOR, f"dt-{u}", at(2023, 1, 5))
    rnd = rnd.select(OFFICE, "dt-lianjiang", at(2023, 1, 9))
    rnd = rnd.select(OFFICE, "dt-jiangbei", at(2023, 1, 9))
    rnd = rnd.place_on_reserve(OFFICE, "dt-gaoxing", at(2023, 1, 9))
    rnd = rnd.approve(GOV, "dt-lianjiang", at(2023, 1, 12))
    rnd = rnd.approve(GOV, "dt-jiangbei", at(2023, 1, 12))
    return rnd.open_notice(OFFICE, at(2023, 1, 13), CAL, 5)


def refused(exc: type[Exception], code: str, call: object) -> None:
    with pytest.raises(exc) as info:
        call()  # type: ignore[operator]
    assert code == info.value.code  # type: ignore[attr-defined]


class TestIntake:
    def test_out_of_scope(self) -> None:
        """A department is not a township: out_of_scope."""
        rnd = Round.start(CAMPAIGN, TOWNSHIP)
        refused(
            IntakeError,
            "out_of_scope",
            lambda: rnd.submit(clerk("finance"), app("finance"), at(2022, 12, 1), DIRECTORY),
        )

    def test_late(self) -> None:
        """Submitted after the end of the deadline day: late."""
        rnd = Round.start(CAMPAIGN, TOWNSHIP)
        late = app("jiangbei", at(2023, 1, 1, 0))
        refused(
            IntakeError,
            "late",
            lambda: rnd.submit(clerk("jiangbei"), late, at(2023, 1, 1), DIRECTORY),
        )

    def test_extension(self) -> None:
        """With an extension the same late application is accepted, and it is logged."""
        rnd = Round.start(CAMPAIGN, TOWNSHIP).grant_extension(
            OFFICE, "jiangbei", dt.date(2023, 1, 3), at(2022, 12, 30), "汛期抢险延误"
        )
        rnd = rnd.submit(
            clerk("jiangbei"), app("jiangbei", at(2023, 1, 1)), at(2023, 1, 1), DIRECTORY
        )
        assert ["grant_extension", "submit"] == [e.action for e in rnd.log.events]

    def test_forms(self) -> None:
        """One unstamped paper copy, no electronic copy: every problem at once."""
        rnd = Round.start(CAMPAIGN, TOWNSHIP)
        bad = app("gaoxing", forms=FormsFiled(1, False, False))
        with pytest.raises(IntakeError) as info:
            rnd.submit(clerk("gaoxing"), bad, at(2022, 12, 20), DIRECTORY)
        assert ["paper_copies", "not_stamped", "no_electronic_copy"] == [
            r.code for r in info.value.reasons
        ]

    def test_duplicate(self) -> None:
        """A second application by the same applicant to the category: duplicate."""
        rnd = submitted("gaoxing")
        second = Application(
            "dt-gaoxing-2",
            "demonstration-township",
            "gaoxing",
            at(2022, 12, 21),
            forms=FormsFiled(2, True, True),
        )
        refused(
            IntakeError,
            "duplicate",
            lambda: rnd.submit(clerk("gaoxing"), second, at(2022, 12, 21), DIRECTORY),
        )

    def test_wrong_recommender(self) -> None:
        """A person recommended by a unit that is not theirs: refused."""
        rnd = Round.start(CAMPAIGN, INDIVIDUAL)
        nomination = Application(
            "ai-p1",
            "advanced-individual",
            "p1",
            at(2022, 12, 20),
            recommended_by="gaoxing",
            forms=FormsFiled(2, True, True),
        )
        refused(
            IntakeError,
            "wrong_recommender",
            lambda: rnd.submit(
                Actor("g", Role.RECOMMENDING_UNIT, "gaoxing"),
                nomination,
                at(2022, 12, 20),
                DIRECTORY,
            ),
        )

    def test_office_assessed(self) -> None:
        """Nobody applies for the supervisors' category: office_assessed."""
        rnd = Round.start(CAMPAIGN, SUPERVISORS)
        self_app = Application(
            "os-s1",
            "outstanding-supervisor",
            "s1",
            at(2022, 12, 20),
            recommended_by="gaoxing",
            forms=FormsFiled(2, True, True),
        )
        refused(
            IntakeError,
            "office_assessed",
            lambda: rnd.submit(
                Actor("g", Role.RECOMMENDING_UNIT, "gaoxing"),
                self_app,
                at(2022, 12, 20),
                DIRECTORY,
            ),
        )

    def test_office_proposes_supervisors(self) -> None:
        """The office's own proposal of a supervisor is filed."""
        proposal = Application(
            "os-s1", "outstanding-supervisor", "s1", at(2023, 1, 5), proposed_by_office=True
        )
        rnd = Round.start(CAMPAIGN, SUPERVISORS).submit(
            OFFICE, proposal, at(2023, 1, 5), DIRECTORY
        )
        assert State.SUBMITTED == rnd.state_of("os-s1")

    def test_unit_cannot_file_for_another(self) -> None:
        """A unit applies only for itself."""
        rnd = Round.start(CAMPAIGN, TOWNSHIP)
        refused(
            AuthorizationError,
            "not_own_application",
            lambda: rnd.submit(clerk("jiangbei"), app("gaoxing"), at(2022, 12, 20), DIRECTORY),
        )

    def test_return_for_correction(self) -> None:
        """Returned with a reason and a date; resubmitted in time; late resubmission refused."""
        rnd = submitted("gaoxing").return_for_correction(
            OFFICE, "dt-gaoxing", at(2022, 12, 22), "电子版缺少附件", dt.date(2023, 1, 6)
        )
        assert State.RETURNED == rnd.state_of("dt-gaoxing")
        refused(
            DeadlineError,
            "resubmission_late",
            lambda: rnd.resubmit(clerk("gaoxing"), app("gaoxing"), at(2023, 1, 7), DIRECTORY),
        )
        again = rnd.resubmit(clerk("gaoxing"), app("gaoxing"), at(2023, 1, 5), DIRECTORY)
        assert State.SUBMITTED == again.state_of("dt-gaoxing")


class TestRoles:
    def test_only_government_approves(self) -> None:
        """The office cannot approve: role_not_allowed."""
        cand = submitted("gaoxing").accept(OFFICE, "dt-gaoxing", at(2022, 12, 28))
        cand = cand.verify(SUPERVISOR, "dt-gaoxing", at(2023, 1, 5))
        cand = cand.select(OFFICE, "dt-gaoxing", at(2023, 1, 9))
        refused(
            AuthorizationError,
            "role_not_allowed",
            lambda: cand.approve(OFFICE, "dt-gaoxing", at(2023, 1, 10)),
        )
        assert State.APPROVED == cand.approve(GOV, "dt-gaoxing", at(2023, 1, 10)).state_of(
            "dt-gaoxing"
        )

    def test_conflict_of_interest(self) -> None:
        """Nobody verifies an applicant of their own unit."""
        rnd = submitted("gaoxing").accept(OFFICE, "dt-gaoxing", at(2022, 12, 28))
        insider = Actor("s02", Role.SUPERVISOR, "gaoxing")
        refused(
            ConflictOfInterestError,
            "conflict_of_interest",
            lambda: rnd.verify(insider, "dt-gaoxing", at(2023, 1, 5)),
        )

    def test_illegal_transition_names_state_and_action(self) -> None:
        """Approving a submitted application names the state and the action; nothing changes."""
        rnd = submitted("gaoxing")
        with pytest.raises(TransitionError) as info:
            rnd.approve(GOV, "dt-gaoxing", at(2022, 12, 21))
        assert "illegal_transition" == info.value.code
        assert "'submitted'" in str(info.value)
        assert "approve" in str(info.value)
        assert State.SUBMITTED == rnd.state_of("dt-gaoxing")

    def test_time_reversed(self) -> None:
        """An action dated before the last one is refused."""
        rnd = submitted("gaoxing")
        refused(
            TransitionError,
            "time_reversed",
            lambda: rnd.accept(OFFICE, "dt-gaoxing", at(2022, 12, 1)),
        )


class TestNotice:
    def test_closing_time_in_an_ordinary_week(self) -> None:
        """Opened on Friday 2023-01-13, five working days run Monday 16 to Friday 20."""
        rnd = in_notice()
        assert rnd.notice is not None
        # 5 working days after Friday 2023-01-13: Mon 16 … Fri 20.
        assert "2023-01-20T23:59:59.999999+08:00" == rnd.notice.closes_at.isoformat()

    def test_closing_time_over_national_day(self) -> None:
        """Opened 2022-09-29, before National Day: closes 2022-10-11, counting 10-08, 10-09."""
        rnd = in_notice()
        moved = Round(
            CAMPAIGN,
            TOWNSHIP,
            records=[
                r
                if r.state is not State.IN_NOTICE
                else type(r)(r.application, State.APPROVED, r.owner, r.applicant_unit)
                for r in rnd.records
            ],
        )
        opened = moved.open_notice(OFFICE, at(2022, 9, 29), CAL, 5)
        assert opened.notice is not None
        assert "2022-10-11T23:59:59.999999+08:00" == opened.notice.closes_at.isoformat()

    def test_objection_after_close_refused(self) -> None:
        """An objection after the notice has run: notice_closed."""
        rnd = in_notice()
        refused(
            DeadlineError,
            "notice_closed",
            lambda: rnd.lodge_objection(PUBLIC, "dt-lianjiang", at(2023, 1, 21), "理由"),
        )

    def test_upheld_objection_moves_reserve_up(self) -> None:
        """Upheld: removed, the reserve moves up, both recorded; then all are commended."""
        rnd = in_notice().lodge_objection(PUBLIC, "dt-jiangbei", at(2023, 1, 16), "存在推诿")
        refused(
            TransitionError, "objection_pending", lambda: rnd.close_notice(OFFICE, at(2023, 1, 21))
        )
        rnd = rnd.rule_objection(OFFICE, "O1", at(2023, 1, 17), True, "属实")
        assert ["rule_objection", "remove", "move_up"] == [e.action for e in rnd.log.events[-3:]]
        refused(DeadlineError, "notice_open", lambda: rnd.close_notice(OFFICE, at(2023, 1, 18)))
        done = rnd.close_notice(OFFICE, at(2023, 1, 21))
        assert {
            "dt-lianjiang": State.COMMENDED,
            "dt-jiangbei": State.REMOVED,
            "dt-gaoxing": State.COMMENDED,
        } == {r.id: r.state for r in done.records}

    def test_public_list_hides_private_data(self) -> None:
        """The public list has names, units and outcomes only: no ids, scores or ID numbers."""
        import attrs

        from wuxing.process import PublicEntry

        rnd = in_notice()
        names = {u.id: u.name for u in UNITS}
        entries = rnd.public_list(names, names)
        assert ["name", "unit", "outcome"] == [f.name for f in attrs.fields(PublicEntry)]
        assert [
            ("潋江镇", "潋江镇", "拟表彰 proposed"),
            ("江背镇", "江背镇", "拟表彰 proposed"),
        ] == [(e.name, e.unit, e.outcome) for e in entries]


class TestAuditLog:
    def test_replay_rebuilds_state(self) -> None:
        """Replaying the log gives the same round, log included."""
        rnd = in_notice().lodge_objection(PUBLIC, "dt-jiangbei", at(2023, 1, 16), "存在推诿")
        rnd = rnd.rule_objection(OFFICE, "O1", at(2023, 1, 17), True, "属实")
        assert rnd == replay(rnd.log, CAMPAIGN, TOWNSHIP, DIRECTORY, CAL)

    def test_round_and_log_through_json(self) -> None:
        """The round and its log round-trip through JSON."""
        rnd = in_notice()
        assert rnd == io.loads(io.dumps(rnd), Round)
        assert rnd.log == io.loads(io.dumps(rnd.log), AuditLog)

    @pytest.mark.parametrize("index", [0, 5, 12])
    def test_every_single_edit_detected(self, index: int) -> None:
        """Editing one field of one serialized entry is detected at that entry."""
        log = in_notice().log
        data = io.dump(log)
        data["events"][index]["reason"] = "被篡改"
        with pytest.raises(TamperError) as info:
            io.load(data, AuditLog).verify()
        assert index == info.value.index

    def test_dropped_and_reordered(self) -> None:
        """Dropping or swapping entries is detected and located."""
        events = in_notice().log.events
        with pytest.raises(TamperError) as info:
            AuditLog(events[:3] + events[4:]).verify()
        assert (3, "log_reordered") == (info.value.index, info.value.code)
        with pytest.raises(TamperError) as info:
            AuditLog((events[1], events[0], *events[2:])).verify()
        assert 0 == info.value.index

    def test_truncation_against_published_head(self) -> None:
        """Cutting off the newest entries is detected against the published head hash."""
        log = in_notice().log
        AuditLog(log.events[:-2]).verify()  # still a valid chain on its own
        with pytest.raises(TamperError) as info:
            AuditLog(log.events[:-2]).verify(head=log.head)
        assert "log_truncated" == info.value.code

    def test_replay_refuses_tampered_log(self) -> None:
        """A tampered log is not replayed."""
        data = json.loads(io.dumps(in_notice().log))
        data["data"]["events"][2]["actor_id"] = "someone-else"
        with pytest.raises(TamperError):
            replay(io.loads(json.dumps(data), AuditLog), CAMPAIGN, TOWNSHIP, DIRECTORY, CAL)


def test_eligibility_errors_are_value_errors() -> None:
    """Intake refusals can be caught as EligibilityError or ValueError."""
    assert issubclass(IntakeError, EligibilityError)
    assert issubclass(IntakeError, ValueError)
