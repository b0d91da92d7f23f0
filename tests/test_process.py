"""The governed round: every way the issue found to push an application through alone is
refused, and the process the notice of 2022-11-04 sets out runs."""

from __future__ import annotations

import copy
import datetime as dt

import attrs
import pytest

from rounds import (
    ACCEPTED,
    APPROVED,
    CAMPAIGN,
    FILED,
    NOTICE,
    OPENED,
    PEOPLE,
    RULES,
    SELECTED,
    STAFF,
    SUPERVISORS,
    UNITS,
    VERIFIED,
    app,
    approved,
    at,
    in_notice,
    opened,
    result,
    submitted,
    tie,
    verified,
)
from wuxing import (
    AuthorizationError,
    ConflictOfInterestError,
    DeadlineError,
    EligibilityError,
    FormsFiled,
    ScoreSheet,
    TransitionError,
    ValidationError,
    WuxingError,
    evaluate,
)
from wuxing.model.applications import Application
from wuxing.process import (
    Appointment,
    IntakeError,
    Role,
    Round,
    StaffRegistry,
    State,
    result_digest,
)
from wuxing.samples import DEMO_AT, demo_bundle


def refused(exc: type[WuxingError], code: str, call: object) -> WuxingError:
    """The call raises ``exc`` with ``code``; returns the error for more checks."""
    with pytest.raises(exc) as info:
        call()  # type: ignore[operator]
    assert code == info.value.code
    return info.value


class TestTheIssuesBullets:
    """Each way the issue found to get around the procedure, refused with a reason."""

    def test_one_actor_cannot_play_every_role(self) -> None:
        """A clerk cannot accept, verify, select or approve; the office cannot approve; a
        notice of 0 working days is refused."""
        rnd = submitted("gaoxing")
        err = refused(
            AuthorizationError,
            "role_not_held",
            lambda: rnd.accept("gaoxing-clerk", "dt-gaoxing", ACCEPTED),
        )
        assert "'gaoxing-clerk'" in str(err)
        assert "office" in str(err)
        rnd = rnd.accept("office-1", "dt-gaoxing", ACCEPTED)
        refused(
            AuthorizationError,
            "role_not_held",
            lambda: rnd.verify("gaoxing-clerk", "dt-gaoxing", VERIFIED),
        )
        done = approved()
        refused(
            ValidationError,
            "notice_too_short",
            lambda: done.open_notice("office-1", NOTICE, 0),
        )

    def test_no_more_than_the_quota(self) -> None:
        """A result selecting seven in a category whose quota is 5 is refused: a result
        cannot even be made so, and the round checks the quota again against its own rules
        (a result for a quota other than the round's is refused too)."""
        towns = ("lianjiang", "jiangbei", "gaoxing", "longkou", "meijiao", "guilong", "liangcun")
        rnd = verified(*towns)
        err = refused(
            ValidationError, "over_quota", lambda: result([f"dt-{t}" for t in towns], quota=5)
        )
        assert "7 selected, more than the quota of 5" in str(err)
        seven = result([f"dt-{t}" for t in towns], quota=7)
        refused(ValidationError, "quota_mismatch", lambda: rnd.select("office-1", seven, SELECTED))

    def test_office_objection_upheld_needs_the_government(self) -> None:
        """The office lodges an objection and may not rule on it itself; another office
        member upholds it: the reserve becomes a candidate, not commended, until the county
        government approves it and a supplementary notice has run."""
        rnd = in_notice().lodge_objection("office-1", "dt-jiangbei", at(2023, 1, 16), "反映")
        refused(
            AuthorizationError,
            "own_objection",
            lambda: rnd.rule_objection("office-1", "O1", at(2023, 1, 17), True, "属实"),
        )
        rnd = rnd.rule_objection("office-2", "O1", at(2023, 1, 17), True, "属实")
        assert State.CANDIDATE == rnd.state_of("dt-longkou")
        rnd = rnd.close_notice("office-1", at(2023, 1, 21))
        assert State.CANDIDATE == rnd.state_of("dt-longkou")  # not commended
        refused(
            TransitionError,
            "nothing_to_publish",
            lambda: rnd.open_notice("office-1", at(2023, 1, 22)),
        )

    def test_ruling_after_close_refused(self) -> None:
        """After the notice closed there is no ruling; a reserve cannot slip on."""
        rnd = in_notice().lodge_objection("citizen", "dt-jiangbei", at(2023, 1, 16), "反映")
        rnd = rnd.rule_objection("office-2", "O1", at(2023, 1, 17), False, "不属实")
        rnd = rnd.close_notice("office-1", at(2023, 1, 21))
        refused(
            DeadlineError,
            "notice_closed",
            lambda: rnd.rule_objection("office-2", "O1", at(2023, 1, 21, 11), True, "改判"),
        )
        assert State.RESERVE == rnd.state_of("dt-longkou")

    def test_deadline_is_the_actions_time(self) -> None:
        """Filed on 2023-01-05 declaring 2022-12-30: the deadline is checked against the
        time of the filing, which is late."""
        rnd = opened()
        backdated = app("jiangbei", at(2022, 12, 30))
        err = refused(
            IntakeError,
            "late",
            lambda: rnd.submit("jiangbei-clerk", backdated, at(2023, 1, 5)),
        )
        assert "2023-01-05" in str(err)

    def test_supervisor_verifies_own_candidacy(self) -> None:
        """A supervisor proposed for the supervisors' category may not verify it."""
        rnd = Round.start(
            CAMPAIGN,
            RULES,
            "outstanding-supervisor",
            STAFF,
            by="office-1",
            at=OPENED,
            units=UNITS,
            people=PEOPLE,
            supervisors=SUPERVISORS,
        )
        proposal = Application(
            "os-s1", "outstanding-supervisor", "s1", at(2023, 1, 5), proposed_by_office=True
        )
        rnd = rnd.submit("office-1", proposal, at(2023, 1, 5))
        rnd = rnd.accept("office-1", "os-s1", at(2023, 1, 5, 11))
        err = refused(
            ConflictOfInterestError,
            "conflict_of_interest",
            lambda: rnd.verify("s1", "os-s1", at(2023, 1, 6)),
        )
        assert "their own candidacy" in str(err)

    @pytest.mark.parametrize(
        ("who", "step"),
        [
            ("sup-g", "verify"),  # a supervisor whose directory entry is in gaoxing
            ("office-g", "select"),  # an office member from gaoxing
            ("gov-g", "approve"),  # a county official from gaoxing
        ],
    )
    def test_member_of_the_applicants_unit(self, who: str, step: str) -> None:
        """Nobody of gaoxing verifies, selects or approves gaoxing's application."""
        rnd = submitted("gaoxing").accept("office-1", "dt-gaoxing", ACCEPTED)
        if step != "verify":
            rnd = rnd.verify("s1", "dt-gaoxing", VERIFIED)
        if step == "approve":
            rnd = rnd.select("office-1", result(["dt-gaoxing"]), SELECTED)
        call = {
            "verify": lambda: rnd.verify(who, "dt-gaoxing", VERIFIED),
            "select": lambda: rnd.select(who, result(["dt-gaoxing"]), SELECTED),
            "approve": lambda: rnd.approve(who, "dt-gaoxing", APPROVED),
        }[step]
        err = refused(ConflictOfInterestError, "conflict_of_interest", call)
        assert "'gaoxing'" in str(err)

    def test_sheet_of_an_insider_with_no_unit_on_it(self) -> None:
        """A sheet with inspector_unit_id null by a person of the applicant's unit is a
        conflict: the unit comes from the directory."""
        bundle = demo_bundle()
        insider = next(p for p in bundle.people)
        own = next(a for a in bundle.applications if a.applicant_id == insider.unit_id)
        marks = next(s for s in bundle.sheets if s.application_id == own.id).marks
        sheet = ScoreSheet(own.id, insider.id, marks, inspector_unit_id=None)
        with pytest.raises(ValidationError) as info:
            evaluate(attrs.evolve(bundle, sheets=(*bundle.sheets, sheet)), DEMO_AT)
        assert (f"sheets[{len(bundle.sheets)}].inspector_id", "conflict_of_interest") in [
            (p.path, p.code) for p in info.value.problems
        ]

    @pytest.mark.parametrize("days", [0, -1, True, 4])
    def test_notice_length(self, days: object) -> None:
        """0, -1, a bool or anything short of the ruleset's 5 is a WuxingError."""
        rnd = approved()
        with pytest.raises(ValidationError) as info:
            rnd.open_notice("office-1", NOTICE, days)  # type: ignore[arg-type]
        assert info.value.code in ("notice_too_short", "wrong_type")
        assert "working_days" == info.value.path

    def test_late_approval_goes_on_a_supplementary_notice(self) -> None:
        """A candidate approved after the first notice opened is published on a
        supplementary notice of the full length and commended when it closes."""
        rnd = verified("lianjiang", "jiangbei")
        rnd = rnd.select("office-1", result(["dt-lianjiang", "dt-jiangbei"]), SELECTED)
        rnd = rnd.approve("gov-1", "dt-lianjiang", APPROVED)
        rnd = rnd.open_notice("office-1", NOTICE)
        rnd = rnd.approve("gov-1", "dt-jiangbei", at(2023, 1, 16))
        rnd = rnd.open_notice("office-1", at(2023, 1, 16, 11))
        assert ("N1", "N2") == tuple(n.id for n in rnd.notices)
        assert rnd.notices[1].supplementary
        # From Monday 01-16: 17, 18, 19, 20, then the Spring Festival (21-27) and Saturday
        # 01-28, a working day (调休).
        assert "2023-01-28T23:59:59.999999+08:00" == rnd.notices[1].closes_at.isoformat()
        rnd = rnd.close_notice("office-1", at(2023, 1, 21), "N1")
        refused(
            DeadlineError, "notice_open", lambda: rnd.close_notice("office-1", at(2023, 1, 27))
        )
        rnd = rnd.close_notice("office-1", at(2023, 1, 31))
        assert State.COMMENDED == rnd.state_of("dt-jiangbei")


class TestRegistry:
    def test_unknown_actor_named_with_the_role(self) -> None:
        """An id nobody appointed: refused naming the actor and the role."""
        rnd = submitted("gaoxing")
        err = refused(
            AuthorizationError,
            "unknown_actor",
            lambda: rnd.accept("mallory", "dt-gaoxing", ACCEPTED),
        )
        assert "'mallory'" in str(err)
        assert "office" in str(err)

    def test_claimed_role_is_not_an_actor_id(self) -> None:
        """An object claiming a role is not an actor id."""
        rnd = submitted("gaoxing")
        claim = {"id": "x", "role": "office"}
        refused(
            AuthorizationError,
            "not_an_actor_id",
            lambda: rnd.accept(claim, "dt-gaoxing", ACCEPTED),  # type: ignore[arg-type]
        )

    def test_appointment_outside_its_period(self) -> None:
        """An official appointed from June 2023 cannot approve in January."""
        rnd = verified("gaoxing").select("office-1", result(["dt-gaoxing"]), SELECTED)
        err = refused(
            AuthorizationError,
            "appointment_not_valid",
            lambda: rnd.approve("late-gov", "dt-gaoxing", APPROVED),
        )
        assert "2023-06-01" in str(err)

    def test_office_and_government_held_by_one_refused(self) -> None:
        """A registry giving one person both the office and the county government is refused
        when the round starts."""
        staff = StaffRegistry(
            [*STAFF.appointments, Appointment("office-1", Role.COUNTY_GOVERNMENT)]
        )
        with pytest.raises(ValidationError) as info:
            Round.start(
                CAMPAIGN,
                RULES,
                "demonstration-township",
                staff,
                by="office-1",
                at=OPENED,
                units=UNITS,
            )
        assert "roles_separated" == info.value.code
        assert info.value.path.startswith("staff.appointments[")

    def test_clerk_files_only_for_its_unit(self) -> None:
        """A clerk of jiangbei cannot file gaoxing's application."""
        rnd = opened()
        err = refused(
            AuthorizationError,
            "role_not_held",
            lambda: rnd.submit("jiangbei-clerk", app("gaoxing"), FILED),
        )
        assert "for 'gaoxing'" in str(err)

    def test_group_decision_records_everyone(self) -> None:
        """A group approval records all who took part."""
        rnd = verified("gaoxing").select("office-1", result(["dt-gaoxing"]), SELECTED)
        rnd = rnd.approve(["gov-1", "gov-2"], "dt-gaoxing", APPROVED)
        assert ("gov-1", "gov-2") == rnd.log.events[-1].participants
        assert ("gov-1", "gov-2") == rnd.record("dt-gaoxing").duty("approve").actors  # type: ignore[union-attr]

    def test_group_with_an_outsider_refused(self) -> None:
        """Every participant of a group decision must hold the role."""
        rnd = verified("gaoxing").select("office-1", result(["dt-gaoxing"]), SELECTED)
        refused(
            AuthorizationError,
            "role_not_held",
            lambda: rnd.approve(["gov-1", "office-2"], "dt-gaoxing", APPROVED),
        )


class TestDuties:
    def test_verifier_may_not_select(self) -> None:
        """office-s verified; selecting is refused, naming the rule and the earlier event."""
        rnd = submitted("lianjiang").accept("office-1", "dt-lianjiang", ACCEPTED)
        rnd = rnd.verify("office-s", "dt-lianjiang", VERIFIED)
        err = refused(
            AuthorizationError,
            "separation_of_duties",
            lambda: rnd.select("office-s", result(["dt-lianjiang"]), SELECTED),
        )
        seq = rnd.record("dt-lianjiang").duty("verify").seq  # type: ignore[union-attr]
        assert f"verify of it (event {seq}" in str(err)
        assert "procedure.exclusive_duties" in str(err)

    def test_tightened_procedure(self) -> None:
        """A ruleset making accept exclusive too refuses the acceptor's verification."""
        tight = attrs.evolve(
            RULES,
            procedure=attrs.evolve(
                RULES.procedure, exclusive_duties=("accept", "verify", "select", "approve")
            ),
        )
        rnd = Round.start(
            CAMPAIGN, tight, "demonstration-township", STAFF, by="office-1", at=OPENED, units=UNITS
        )
        rnd = rnd.submit("gaoxing-clerk", app("gaoxing"), FILED)
        rnd = rnd.accept("office-s", "dt-gaoxing", ACCEPTED)
        refused(
            AuthorizationError,
            "separation_of_duties",
            lambda: rnd.verify("office-s", "dt-gaoxing", VERIFIED),
        )

    def test_settlement_is_collective(self) -> None:
        """One office member alone may not settle a tie."""
        rnd = verified("lianjiang", "jiangbei")
        refused(
            AuthorizationError,
            "not_collective",
            lambda: rnd.settle_tie(
                "office-1", ["dt-lianjiang", "dt-jiangbei"], ["dt-jiangbei"], "理由", SELECTED
            ),
        )


class TestSelection:
    def test_tie_blocks_until_settled(self) -> None:
        """A pending tie blocks the selection; after the office's settlement the result that
        applies it is taken."""
        rnd = verified("lianjiang", "jiangbei")
        pending = result([], ties=[tie("dt-jiangbei", "dt-lianjiang")], quota=5)
        refused(TransitionError, "tie_pending", lambda: rnd.select("office-1", pending, SELECTED))
        rnd = rnd.settle_tie(
            ["office-1", "office-2"],
            ["dt-lianjiang", "dt-jiangbei"],
            ["dt-jiangbei"],
            "满意度较高",
            SELECTED,
        )
        (settlement,) = rnd.settlements
        assert ("office-1", "office-2") == settlement.decided_by
        unsettled = result(["dt-jiangbei"], ["dt-lianjiang"])
        refused(
            ValidationError,
            "settlements_differ",
            lambda: rnd.select("office-1", unsettled, SELECTED),
        )
        wrong = result(["dt-lianjiang"], ["dt-jiangbei"], settlements=[settlement.id])
        refused(
            ValidationError,
            "settlement_not_applied",
            lambda: rnd.select("office-1", wrong, SELECTED),
        )
        good = result(["dt-jiangbei"], ["dt-lianjiang"], settlements=[settlement.id])
        rnd = rnd.select("office-1", good, SELECTED)
        assert (State.CANDIDATE, State.RESERVE) == (
            rnd.state_of("dt-jiangbei"),
            rnd.state_of("dt-lianjiang"),
        )

    def test_result_becomes_the_lists(self) -> None:
        """Selected → candidates, reserve → reserve list in order, the rest not selected; the
        log records the result's digest and cut-off."""
        rnd = verified("lianjiang", "jiangbei", "gaoxing", "longkou")
        res = result(["dt-gaoxing"], ["dt-longkou", "dt-lianjiang"], ["dt-jiangbei"])
        rnd = rnd.select("office-1", res, SELECTED)
        assert {
            "dt-gaoxing": State.CANDIDATE,
            "dt-longkou": State.RESERVE,
            "dt-lianjiang": State.RESERVE,
            "dt-jiangbei": State.NOT_SELECTED,
        } == {r.id: r.state for r in rnd.records}
        assert ("dt-longkou", "dt-lianjiang") == rnd.reserve
        event = rnd.log.events[-1]
        assert result_digest(res) == event.get("result_digest")
        assert "2023-01-10T17:00:00+08:00" == event.get("cutoff")

    @pytest.mark.parametrize(
        ("changes", "code"),
        [
            ({"campaign_id": "other"}, "wrong_campaign"),
            ({"at": at(2023, 1, 11, 12)}, "cutoff_after_action"),
            ({"at": at(2023, 1, 4)}, "cutoff_before_verification"),
        ],
    )
    def test_result_must_fit_the_round(self, changes: dict[str, object], code: str) -> None:
        """A result for another campaign, cut off after the action or before verification."""
        rnd = verified("gaoxing")
        res = attrs.evolve(result(["dt-gaoxing"]), **changes)
        refused(ValidationError, code, lambda: rnd.select("office-1", res, SELECTED))

    def test_result_must_cover_the_round(self) -> None:
        """Every verified application is in the result; none outside the round is."""
        rnd = verified("gaoxing", "jiangbei")
        err = refused(
            ValidationError,
            "unknown_application",
            lambda: rnd.select("office-1", result(["dt-gaoxing", "dt-meijiao"]), SELECTED),
        )
        assert ["result_incomplete", "unknown_application"] == sorted(
            p.code
            for p in err.problems  # type: ignore[attr-defined]
        )

    def test_open_applications_block(self) -> None:
        """The selection waits until every application is verified, rejected or withdrawn."""
        rnd = submitted("gaoxing", "jiangbei").accept("office-1", "dt-gaoxing", ACCEPTED)
        rnd = rnd.verify("s1", "dt-gaoxing", VERIFIED)
        refused(
            TransitionError,
            "applications_open",
            lambda: rnd.select("office-1", result(["dt-gaoxing"]), SELECTED),
        )

    def test_driven_by_evaluate(self) -> None:
        """The demonstration campaign: late dt-t09 refused at intake; the tie between dt-t03
        and dt-t04 settled for dt-t04; the round takes evaluate's result and logs its
        digest, which evaluating again reproduces."""
        bundle = demo_bundle()
        apps = sorted(
            (a for a in bundle.applications if a.category_id == "demonstration-township"),
            key=lambda a: a.submitted_at,
        )
        office = "five-type-office"
        staff = StaffRegistry(
            [
                Appointment("office-1", Role.OFFICE, office),
                Appointment("office-2", Role.OFFICE, office),
                Appointment("s01", Role.SUPERVISOR),
                *(
                    Appointment(f"{a.applicant_id}-c", Role.APPLICANT_UNIT, a.applicant_id)
                    for a in apps
                ),
            ]
        )
        rnd = Round.from_bundle(bundle, "demonstration-township", staff, by="office-1", at=OPENED)
        for a in apps:
            if a.id == "dt-t09":
                refused(
                    IntakeError,
                    "late",
                    lambda a=a, r=rnd: r.submit(f"{a.applicant_id}-c", a, a.submitted_at),
                )
                continue
            rnd = rnd.submit(f"{a.applicant_id}-c", a, a.submitted_at)
        for r in rnd.records:
            rnd = rnd.accept("office-1", r.id, at(2023, 1, 3))
        for r in rnd.records:
            rnd = rnd.verify("s01", r.id, at(2023, 1, 6))
        first = evaluate(rnd.evaluation_bundle(bundle), DEMO_AT)
        refused(TransitionError, "tie_pending", lambda: rnd.select("office-1", first, SELECTED))
        rnd = rnd.settle_tie(
            ["office-1", "office-2"], ["dt-t03", "dt-t04"], ["dt-t04"], "群众满意度较高", SELECTED
        )
        second = evaluate(rnd.evaluation_bundle(bundle), DEMO_AT)
        rnd = rnd.select("office-1", second, at(2023, 1, 11, 15))
        assert {"dt-t01", "dt-t02", "dt-t13", "dt-t05", "dt-t04"} == {
            r.id for r in rnd.records if r.state is State.CANDIDATE
        }
        assert ("dt-t03", "dt-t08") == rnd.reserve
        again = evaluate(rnd.evaluation_bundle(bundle), DEMO_AT)
        assert result_digest(again) == rnd.log.events[-1].get("result_digest")


class TestTime:
    def test_declared_time_later_than_the_action(self) -> None:
        """submitted_at after the action recording it: refused, with its path."""
        rnd = opened()
        err = refused(
            ValidationError,
            "after_action",
            lambda: rnd.submit("gaoxing-clerk", app("gaoxing", at(2022, 12, 21)), FILED),
        )
        assert "application.submitted_at" == err.path

    def test_declared_time_before_the_last_entry(self) -> None:
        """submitted_at earlier than the last entry of the log: refused."""
        rnd = submitted("lianjiang")
        refused(
            ValidationError,
            "before_last_entry",
            lambda: rnd.submit("gaoxing-clerk", app("gaoxing", at(2022, 12, 1)), at(2022, 12, 21)),
        )

    def test_naive_time_refused(self) -> None:
        """An action at a naive time is refused."""
        rnd = submitted("gaoxing")
        refused(
            ValidationError,
            "naive_datetime",
            lambda: rnd.accept("office-1", "dt-gaoxing", dt.datetime(2022, 12, 28, 10)),
        )

    def test_time_runs_forward(self) -> None:
        """An action dated before the last one is refused."""
        rnd = submitted("gaoxing")
        refused(
            TransitionError,
            "time_reversed",
            lambda: rnd.accept("office-1", "dt-gaoxing", at(2022, 12, 1)),
        )

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("applicant_id", "jiangbei"),
            ("category_id", "advanced-collective"),
            ("recommended_by", "finance"),
        ],
    )
    def test_resubmission_keeps_who_and_what(self, field: str, value: str) -> None:
        """A resubmission after 退回 may not change applicant, category or nominee."""
        rnd = submitted("gaoxing").return_for_correction(
            "office-1", "dt-gaoxing", at(2022, 12, 22), "电子版缺附件", dt.date(2023, 1, 6)
        )
        changed = attrs.evolve(app("gaoxing", at(2023, 1, 5)), **{field: value})
        err = refused(
            ValidationError,
            "changed_on_resubmission",
            lambda: rnd.resubmit("gaoxing-clerk", changed, at(2023, 1, 5)),
        )
        assert f"application.{field}" == err.path

    def test_resubmission_in_time(self) -> None:
        """Corrected and resubmitted by the date; a late one is refused."""
        rnd = submitted("gaoxing").return_for_correction(
            "office-1", "dt-gaoxing", at(2022, 12, 22), "电子版缺附件", dt.date(2023, 1, 6)
        )
        assert State.RETURNED == rnd.state_of("dt-gaoxing")
        refused(
            DeadlineError,
            "resubmission_late",
            lambda: rnd.resubmit("gaoxing-clerk", app("gaoxing", at(2023, 1, 7)), at(2023, 1, 7)),
        )
        again = rnd.resubmit("gaoxing-clerk", app("gaoxing", at(2023, 1, 5)), at(2023, 1, 5))
        assert State.SUBMITTED == again.state_of("dt-gaoxing")

    def test_extension_is_logged_and_used(self) -> None:
        """An extension lets the late filing in; it is in the log."""
        rnd = opened().grant_extension(
            "office-1", "jiangbei", dt.date(2023, 1, 3), at(2022, 12, 30), "汛期抢险延误"
        )
        rnd = rnd.submit("jiangbei-clerk", app("jiangbei", at(2023, 1, 2)), at(2023, 1, 2))
        assert ["open_round", "grant_extension", "submit"] == [e.action for e in rnd.log.events]

    def test_intake_reports_every_problem(self) -> None:
        """One unstamped paper copy, no electronic copy: every problem at once."""
        bad = app("gaoxing", forms=FormsFiled(1, False, False))
        with pytest.raises(IntakeError) as info:
            opened().submit("gaoxing-clerk", bad, FILED)
        assert ["paper_copies", "not_stamped", "no_electronic_copy"] == [
            r.code for r in info.value.reasons
        ]


class TestNotices:
    def test_closing_in_an_ordinary_week(self) -> None:
        """Opened Friday 2023-01-13: five working days run Monday 16 to Friday 20."""
        assert "2023-01-20T23:59:59.999999+08:00" == in_notice().notices[0].closes_at.isoformat()

    def test_extension_while_an_objection_is_investigated(self) -> None:
        """Extended by three working days with the reason recorded; not without an objection."""
        rnd = in_notice()
        refused(
            TransitionError,
            "no_objection_pending",
            lambda: rnd.extend_notice("office-1", at(2023, 1, 16), 3, "调查"),
        )
        rnd = rnd.lodge_objection("citizen", "dt-gaoxing", at(2023, 1, 16), "反映问题")
        rnd = rnd.extend_notice("office-1", at(2023, 1, 17), 3, "异议调查中")
        notice = rnd.notices[0]
        # 01-20 plus three: the Spring Festival (21-27) off, 28 and 29 worked (调休), 30.
        assert "2023-01-30T23:59:59.999999+08:00" == notice.closes_at.isoformat()
        assert "异议调查中" == notice.extensions[0].reason
        rnd = rnd.rule_objection("office-2", "O1", at(2023, 1, 18), False, "不属实")
        refused(
            DeadlineError, "notice_open", lambda: rnd.close_notice("office-1", at(2023, 1, 21))
        )

    def test_upheld_objection_reserve_approved_and_published(self) -> None:
        """Upheld: removed; the reserve is approved by the county government and put on a
        supplementary notice of the full length; then commended."""
        rnd = in_notice().lodge_objection("citizen", "dt-jiangbei", at(2023, 1, 16), "推诿")
        refused(
            TransitionError,
            "objection_pending",
            lambda: rnd.close_notice("office-1", at(2023, 1, 21)),
        )
        rnd = rnd.rule_objection("office-2", "O1", at(2023, 1, 17), True, "属实")
        assert ["rule_objection", "remove", "move_up"] == [e.action for e in rnd.log.events[-3:]]
        rnd = rnd.close_notice("office-1", at(2023, 1, 21))
        rnd = rnd.approve("gov-2", "dt-longkou", at(2023, 1, 30))
        rnd = rnd.open_notice("office-1", at(2023, 1, 30, 11))
        assert "2023-02-06T23:59:59.999999+08:00" == rnd.notices[1].closes_at.isoformat()
        rnd = rnd.close_notice("office-1", at(2023, 2, 7))
        assert {
            "dt-lianjiang": State.COMMENDED,
            "dt-jiangbei": State.REMOVED,
            "dt-gaoxing": State.COMMENDED,
            "dt-longkou": State.COMMENDED,
        } == {r.id: r.state for r in rnd.records}

    def test_not_approved_moves_the_reserve_up(self) -> None:
        """The county government's rejection frees the seat for the reserve."""
        rnd = verified("gaoxing", "longkou")
        rnd = rnd.select("office-1", result(["dt-gaoxing"], ["dt-longkou"]), SELECTED)
        rnd = rnd.not_approve("gov-1", "dt-gaoxing", APPROVED, "不符合条件")
        assert (State.NOT_APPROVED, State.CANDIDATE) == (
            rnd.state_of("dt-gaoxing"),
            rnd.state_of("dt-longkou"),
        )

    def test_decline_and_revoke_after_the_notice(self) -> None:
        """After commendation: declined by the unit, revoked by the county government with
        its decision; both shown on the public list; nobody moves up."""
        rnd = in_notice().close_notice("office-1", at(2023, 1, 21))
        rnd = rnd.decline("gaoxing-clerk", "dt-gaoxing", at(2023, 2, 1), "本单位放弃")
        refused(
            AuthorizationError,
            "role_not_held",
            lambda: rnd.revoke(
                "office-1", "dt-lianjiang", at(2023, 3, 1), "弄虚作假", "兴府字〔2023〕1号"
            ),
        )
        rnd = rnd.revoke("gov-1", "dt-lianjiang", at(2023, 3, 1), "弄虚作假", "兴府字〔2023〕1号")
        assert "兴府字〔2023〕1号" == rnd.log.events[-1].get("decision")
        assert State.RESERVE == rnd.state_of("dt-longkou")
        names = {u.id: u.name for u in UNITS}
        assert [
            ("lianjiang镇", "撤销 revoked"),
            ("jiangbei镇", "表彰 commended"),
            ("gaoxing镇", "放弃 declined"),
        ] == [(e.name, e.outcome) for e in rnd.public_list(names, names)]

    def test_decline_before_commendation_moves_the_reserve_up(self) -> None:
        """A candidate's decline on the notice frees its seat."""
        rnd = in_notice().decline("gaoxing-clerk", "dt-gaoxing", at(2023, 1, 16), "放弃")
        assert State.CANDIDATE == rnd.state_of("dt-longkou")

    def test_objection_after_close_refused(self) -> None:
        """An objection after the notice has run: notice_closed."""
        rnd = in_notice()
        refused(
            DeadlineError,
            "notice_closed",
            lambda: rnd.lodge_objection("citizen", "dt-lianjiang", at(2023, 1, 21), "理由"),
        )


class TestRefusalsChangeNothing:
    def test_refused_action_leaves_the_round_as_it_was(self) -> None:
        """A refused action changes neither the round nor its state."""
        rnd = in_notice()
        before = copy.deepcopy(rnd)
        with pytest.raises(WuxingError):
            rnd.approve("office-1", "dt-longkou", at(2023, 1, 16))
        assert before == rnd
        assert before.state == rnd.state

    def test_errors_are_value_errors(self) -> None:
        """Intake refusals can be caught as EligibilityError or ValueError."""
        assert issubclass(IntakeError, EligibilityError)
        assert issubclass(IntakeError, ValueError)
