"""A selection round (the Xingguo notice's 五、评选程序 and 六、有关要求): one category's states.

This module is one class, :class:`Round`, whose methods are the actions of the process; it is
longer than the others because every action is a method of the one immutable value.

A :class:`Round` is one category's selection round: its applications and their states, the
deadline extensions, the reserve list, the public notice (公示) and the audit log. Every action
is a method that returns a *new* round with the action recorded in the log; a refused action
raises and changes nothing. Who may do what is the table :data:`TRANSITIONS`::

    submitted ─accept→ under_verification ─verify→ verified ─select→ candidate ─approve→ approved
      │ return_for_correction → returned ─resubmit→ submitted       ├ place_on_reserve → reserve
      ├ reject → rejected                                           └ not_select → not_selected
      └ withdraw → withdrawn          candidate ─not_approve→ not_approved
    approved ─(open_notice)→ in_notice ─(close_notice)→ commended
    in_notice ─(objection upheld)→ removed, and the first on the reserve list → in_notice
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import attrs

from wuxing._core.checks import as_tuple
from wuxing._core.convert import dump
from wuxing._core.time import end_of_day
from wuxing.calendar import WorkCalendar
from wuxing.errors import (
    AuthorizationError,
    ConflictOfInterestError,
    DeadlineError,
    EligibilityError,
    TransitionError,
)
from wuxing.evaluation.eligibility import Directory, intake_reasons
from wuxing.model.applications import Application
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import Category, Route
from wuxing.model.units import Unit
from wuxing.process.audit import AuditLog, Role
from wuxing.process.records import (
    Actor,
    Extension,
    IntakeError,
    Notice,
    Objection,
    PublicEntry,
    Record,
)
from wuxing.process.transitions import _APPLICANT, TRANSITIONS, State

__all__ = ["Round"]

S, R = State, Role


def _owner(application: Application, directory: Directory) -> tuple[str | None, str | None]:
    entrant = directory.get(application.applicant_id)
    if isinstance(entrant, Unit):
        return entrant.id, entrant.id
    unit = getattr(entrant, "unit_id", None)
    return application.recommended_by or unit, unit


@attrs.frozen
class Round:
    """One category's selection round. Create with :meth:`start`; act with the methods.

    Attributes:
        campaign: The campaign.
        category: The category.
        records: The applications, by submission order.
        extensions: Deadline extensions granted.
        reserve: The reserve list, in order.
        notice: The public notice, once opened.
        log: The audit log of every action.
    """

    campaign: Campaign
    category: Category
    records: tuple[Record, ...] = attrs.field(converter=as_tuple, default=())
    extensions: tuple[Extension, ...] = attrs.field(converter=as_tuple, default=())
    reserve: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    notice: Notice | None = None
    log: AuditLog = attrs.field(factory=AuditLog)

    @classmethod
    def start(cls, campaign: Campaign, category: Category) -> Round:
        """An empty round."""
        return cls(campaign, category)

    # -- reading -------------------------------------------------------------------------
    def record(self, application_id: str) -> Record:
        """The record of an application.

        Raises:
            TransitionError: code ``unknown_application``.
        """
        for r in self.records:
            if r.id == application_id:
                return r
        raise TransitionError(
            f"no application {application_id!r} in this round", code="unknown_application"
        )

    def state_of(self, application_id: str) -> State:
        """The state of an application."""
        return self.record(application_id).state

    def public_list(
        self, names: Mapping[str, str], units: Mapping[str, str]
    ) -> tuple[PublicEntry, ...]:
        """What the notice publishes: names, units and outcomes of the listed applicants only
        (no scores, no identity numbers, no contact details)."""
        shown = (S.IN_NOTICE, S.COMMENDED, S.REMOVED)
        return tuple(
            PublicEntry(
                names.get(r.application.applicant_id, r.application.applicant_id),
                units.get(r.applicant_unit or "", ""),
                {
                    S.IN_NOTICE: "拟表彰 proposed",
                    S.COMMENDED: "表彰 commended",
                    S.REMOVED: "撤销 removed",
                }[r.state],
            )
            for r in self.records
            if r.state in shown
        )

    # -- machinery -----------------------------------------------------------------------
    def _log(
        self,
        action: str,
        actor: Actor,
        subject: str,
        at: dt.datetime,
        reason: str = "",
        payload: dict[str, str] | None = None,
    ) -> AuditLog:
        if self.log.events and at < self.log.events[-1].at:
            raise TransitionError(
                f"{action} at {at.isoformat()} is before the last recorded action "
                f"({self.log.events[-1].at.isoformat()}); the log runs forward in time",
                code="time_reversed",
            )
        data = dict(payload or {})
        if actor.unit_id is not None:
            data["actor_unit"] = actor.unit_id
        log, _ = self.log.append(action, actor.id, actor.role, subject, at, reason, data)
        return log

    def _replace(self, record: Record, **changes: Any) -> tuple[Record, ...]:
        updated = attrs.evolve(record, **changes)
        return tuple(updated if r.id == record.id else r for r in self.records)

    def _check(self, record: Record, action: str, actor: Actor) -> State:
        key = (record.state, action)
        if key not in TRANSITIONS:
            allowed = sorted(a for (s, a) in TRANSITIONS if s is record.state)
            raise TransitionError(
                f"cannot {action} application {record.id!r} in state {record.state.value!r} "
                f"(allowed there: {', '.join(allowed) or 'nothing'})",
                code="illegal_transition",
            )
        target, roles = TRANSITIONS[key]
        if actor.role not in roles:
            raise AuthorizationError(
                f"{actor.role.value} {actor.id!r} may not {action}; only "
                f"{', '.join(sorted(r.value for r in roles))} may",
                code="role_not_allowed",
            )
        if roles is _APPLICANT and actor.unit_id != record.owner:
            raise AuthorizationError(
                f"{actor.id!r} acts for {actor.unit_id!r}, which did not file {record.id!r}",
                code="not_own_application",
            )
        return target

    def _move(
        self,
        application_id: str,
        action: str,
        actor: Actor,
        at: dt.datetime,
        reason: str = "",
        payload: dict[str, str] | None = None,
        **changes: Any,
    ) -> Round:
        record = self.record(application_id)
        target = self._check(record, action, actor)
        return attrs.evolve(
            self,
            records=self._replace(record, state=target, **changes),
            log=self._log(action, actor, application_id, at, reason, payload),
        )

    # -- intake --------------------------------------------------------------------------
    def _intake(
        self,
        application: Application,
        actor: Actor,
        directory: Directory,
        replacing: str | None = None,
        resubmit_by: dt.date | None = None,
    ) -> None:
        if application.category_id != self.category.id:
            raise EligibilityError(
                f"{application.id!r} is for {application.category_id!r}, not {self.category.id!r}",
                code="wrong_category",
            )
        if self.category.route is Route.OFFICE_ASSESSED and application.proposed_by_office:
            if actor.role is not R.OFFICE:
                raise AuthorizationError("only the office proposes", code="role_not_allowed")
        else:
            owner, _ = _owner(application, directory)
            if actor.role not in _APPLICANT or actor.unit_id != owner:
                raise AuthorizationError(
                    f"{actor.role.value} {actor.id!r} of {actor.unit_id!r} cannot file for "
                    f"{application.applicant_id!r}: a unit applies for itself or recommends "
                    "its own staff",
                    code="not_own_application",
                )
        earlier = next(
            (
                r.application
                for r in self.records
                if r.application.applicant_id == application.applicant_id
                and r.id != replacing
                and r.state not in (S.WITHDRAWN, S.REJECTED)
            ),
            None,
        )
        extension = next(
            (e.until for e in self.extensions if e.applicant_id == application.applicant_id),
            None,
        )
        reasons = intake_reasons(
            application,
            campaign=self.campaign,
            category=self.category,
            directory=directory,
            earlier=earlier,
            extended_until=resubmit_by or extension,
        )
        if reasons:
            raise IntakeError(reasons)

    def submit(
        self, actor: Actor, application: Application, at: dt.datetime, directory: Directory
    ) -> Round:
        """File an application (or, for an office-assessed category, the office's proposal).

        Raises:
            IntakeError: every intake problem (scope, deadline, forms, duplicate, …).
            AuthorizationError: the actor does not file for this applicant.
        """
        self._intake(application, actor, directory)
        if any(r.id == application.id for r in self.records):
            raise TransitionError(f"{application.id!r} is already filed", code="duplicate_id")
        owner, unit = _owner(application, directory)
        record = Record(application, S.SUBMITTED, owner, unit)
        return attrs.evolve(
            self,
            records=(*self.records, record),
            log=self._log(
                "submit",
                actor,
                application.id,
                at,
                payload={"application": _dump_app(application)},
            ),
        )

    def grant_extension(
        self, actor: Actor, applicant_id: str, until: dt.date, at: dt.datetime, reason: str
    ) -> Round:
        """The office extends the declaration deadline for one applicant."""
        if actor.role is not R.OFFICE:
            raise AuthorizationError("only the office extends a deadline", code="role_not_allowed")
        ext = Extension(applicant_id, until, reason)
        rest = tuple(e for e in self.extensions if e.applicant_id != applicant_id)
        return attrs.evolve(
            self,
            extensions=(*rest, ext),
            log=self._log(
                "grant_extension", actor, applicant_id, at, reason, {"until": until.isoformat()}
            ),
        )

    def return_for_correction(
        self, actor: Actor, application_id: str, at: dt.datetime, reason: str, resubmit_by: dt.date
    ) -> Round:
        """The office returns an application for correction (退回) with a resubmission date."""
        return self._move(
            application_id,
            "return_for_correction",
            actor,
            at,
            reason,
            {"resubmit_by": resubmit_by.isoformat()},
            resubmit_by=resubmit_by,
        )

    def resubmit(
        self, actor: Actor, application: Application, at: dt.datetime, directory: Directory
    ) -> Round:
        """Resubmit a returned application, corrected, by its resubmission date."""
        record = self.record(application.id)
        self._check(record, "resubmit", actor)
        assert record.resubmit_by is not None
        deadline = end_of_day(record.resubmit_by, self.campaign.time_zone)
        if at > deadline:
            raise DeadlineError(
                f"the resubmission deadline {deadline.isoformat()} has passed",
                code="resubmission_late",
            )
        corrected = attrs.evolve(application, submitted_at=at)
        self._intake(
            corrected, actor, directory, replacing=record.id, resubmit_by=record.resubmit_by
        )
        return self._move(
            record.id,
            "resubmit",
            actor,
            at,
            payload={"application": _dump_app(corrected)},
            application=corrected,
            resubmit_by=None,
        )

    # -- the office's and the government's steps -----------------------------------------
    def accept(self, actor: Actor, application_id: str, at: dt.datetime) -> Round:
        """The office accepts an application for verification."""
        return self._move(application_id, "accept", actor, at)

    def reject(self, actor: Actor, application_id: str, at: dt.datetime, reason: str) -> Round:
        """The office rejects an application, with a reason."""
        return self._move(application_id, "reject", actor, at, reason)

    def withdraw(
        self, actor: Actor, application_id: str, at: dt.datetime, reason: str = ""
    ) -> Round:
        """The filing unit withdraws its application."""
        return self._move(application_id, "withdraw", actor, at, reason)

    def verify(self, actor: Actor, application_id: str, at: dt.datetime) -> Round:
        """On-site verification is complete (实地核查).

        Raises:
            ConflictOfInterestError: the actor belongs to the applicant's unit or the unit that
                filed it.
        """
        record = self.record(application_id)
        if actor.unit_id is not None and actor.unit_id in (record.applicant_unit, record.owner):
            raise ConflictOfInterestError(
                f"{actor.id!r} of {actor.unit_id!r} may not verify an applicant of that unit",
                code="conflict_of_interest",
            )
        return self._move(application_id, "verify", actor, at)

    def select(self, actor: Actor, application_id: str, at: dt.datetime) -> Round:
        """The office puts a verified application on the candidate list (候选名单)."""
        return self._move(application_id, "select", actor, at)

    def place_on_reserve(self, actor: Actor, application_id: str, at: dt.datetime) -> Round:
        """The office puts a verified application on the reserve list, after the others."""
        moved = self._move(application_id, "place_on_reserve", actor, at)
        return attrs.evolve(moved, reserve=(*self.reserve, application_id))

    def not_select(self, actor: Actor, application_id: str, at: dt.datetime, reason: str) -> Round:
        """The office does not propose a verified application."""
        return self._move(application_id, "not_select", actor, at, reason)

    def approve(self, actor: Actor, application_id: str, at: dt.datetime) -> Round:
        """The county government approves a candidate (审定)."""
        return self._move(application_id, "approve", actor, at)

    def not_approve(
        self, actor: Actor, application_id: str, at: dt.datetime, reason: str
    ) -> Round:
        """The county government does not approve a candidate."""
        return self._move(application_id, "not_approve", actor, at, reason)

    # -- the public notice ---------------------------------------------------------------
    def open_notice(
        self, actor: Actor, at: dt.datetime, calendar: WorkCalendar, working_days: int = 5
    ) -> Round:
        """Publish the approved list (公示) for ``working_days`` working days after today.

        The notice closes at the end of the last of those days, in the campaign's time zone.
        """
        if actor.role is not R.OFFICE:
            raise AuthorizationError("only the office publishes", code="role_not_allowed")
        if self.notice is not None:
            raise TransitionError("the notice is already open", code="notice_exists")
        approved = [r for r in self.records if r.state is S.APPROVED]
        if not approved:
            raise TransitionError("nothing is approved to publish", code="nothing_to_publish")
        local = at.astimezone(end_of_day(at.date(), self.campaign.time_zone).tzinfo)
        last = calendar.add_working_days(local.date(), working_days)
        closes = end_of_day(last, self.campaign.time_zone)
        records = tuple(
            attrs.evolve(r, state=S.IN_NOTICE) if r.state is S.APPROVED else r
            for r in self.records
        )
        return attrs.evolve(
            self,
            records=records,
            notice=Notice(at, closes),
            log=self._log(
                "open_notice",
                actor,
                "notice",
                at,
                payload={
                    "closes_at": closes.isoformat(),
                    "working_days": str(working_days),
                    "applications": ",".join(r.id for r in approved),
                },
            ),
        )

    def _open_notice(self, at: dt.datetime) -> Notice:
        if self.notice is None:
            raise TransitionError("no notice is open", code="no_notice")
        if not self.notice.is_open(at):
            raise DeadlineError(
                f"the notice is not open at {at.isoformat()} (it runs "
                f"{self.notice.opened_at.isoformat()} to {self.notice.closes_at.isoformat()})",
                code="notice_closed",
            )
        return self.notice

    def lodge_objection(
        self, actor: Actor, application_id: str, at: dt.datetime, grounds: str
    ) -> Round:
        """Anyone lodges an objection (异议) to a listed applicant while the notice is open."""
        notice = self._open_notice(at)
        if self.state_of(application_id) is not S.IN_NOTICE:
            raise TransitionError(
                f"{application_id!r} is not on the notice", code="illegal_transition"
            )
        if not grounds.strip():
            raise EligibilityError("an objection states its grounds", code="no_grounds")
        objection = Objection(
            f"O{len(notice.objections) + 1}", application_id, grounds, actor.id, at
        )
        return attrs.evolve(
            self,
            notice=attrs.evolve(notice, objections=(*notice.objections, objection)),
            log=self._log(
                "lodge_objection", actor, application_id, at, grounds, {"objection": objection.id}
            ),
        )

    def rule_objection(
        self, actor: Actor, objection_id: str, at: dt.datetime, upheld: bool, reason: str
    ) -> Round:
        """The office rules on an objection. Upheld: the applicant is removed and the first
        on the reserve list moves up; both are recorded."""
        if actor.role is not R.OFFICE:
            raise AuthorizationError(
                "only the office rules on objections", code="role_not_allowed"
            )
        if self.notice is None:
            raise TransitionError("no notice is open", code="no_notice")
        objection = next((o for o in self.notice.objections if o.id == objection_id), None)
        if objection is None or not objection.pending:
            raise TransitionError(
                f"no pending objection {objection_id!r}", code="no_pending_objection"
            )
        ruled = attrs.evolve(objection, upheld=upheld, ruling=reason)
        notice = attrs.evolve(
            self.notice,
            objections=tuple(ruled if o.id == objection_id else o for o in self.notice.objections),
        )
        after = attrs.evolve(
            self,
            notice=notice,
            log=self._log(
                "rule_objection",
                actor,
                objection_id,
                at,
                reason,
                {"upheld": "true" if upheld else "false"},
            ),
        )
        if not upheld or after.state_of(objection.application_id) is not S.IN_NOTICE:
            return after
        after = after._move(
            objection.application_id, "remove", actor, at, f"objection {objection_id} upheld"
        )
        nxt = next((a for a in after.reserve if after.state_of(a) is S.RESERVE), None)
        if nxt is not None:
            after = after._move(nxt, "move_up", actor, at, f"replaces {objection.application_id}")
        return after

    def close_notice(self, actor: Actor, at: dt.datetime) -> Round:
        """Close the notice once it has run, with every objection ruled on: the listed
        applicants are commended (表彰)."""
        if actor.role is not R.OFFICE:
            raise AuthorizationError("only the office closes the notice", code="role_not_allowed")
        if self.notice is None or self.notice.closed:
            raise TransitionError("no notice is open", code="no_notice")
        if at <= self.notice.closes_at:
            raise DeadlineError(
                f"the notice runs until {self.notice.closes_at.isoformat()}", code="notice_open"
            )
        pending = [o.id for o in self.notice.objections if o.pending]
        if pending:
            raise TransitionError(
                f"objections {', '.join(pending)} are not ruled on", code="objection_pending"
            )
        records = tuple(
            attrs.evolve(r, state=S.COMMENDED) if r.state is S.IN_NOTICE else r
            for r in self.records
        )
        return attrs.evolve(
            self,
            records=records,
            notice=attrs.evolve(self.notice, closed=True),
            log=self._log(
                "close_notice",
                actor,
                "notice",
                at,
                payload={"commended": ",".join(r.id for r in records if r.state is S.COMMENDED)},
            ),
        )


def _dump_app(application: Application) -> str:
    return json.dumps(dump(application), ensure_ascii=False, sort_keys=True)
