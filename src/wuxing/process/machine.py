"""The machinery every action of a round shares: who is acting, what they may not do, and
recording it.

A :class:`Machine` is a round's inputs (:class:`Setup`), its state and its log. The action
modules (:mod:`~wuxing.process.intake`, :mod:`~wuxing.process.selecting`,
:mod:`~wuxing.process.notices`) are functions from a machine to a new one; each checks, in
this order, that the time runs forward, that the transition is in the table, who the actor is
(:meth:`Machine.resolve`), conflicts of interest and separation of duties
(:meth:`Machine.guard`), and only then records the action (:meth:`Machine.emit`). A refused
action raises and returns nothing, so nothing changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from wuxing._core.convert import dump
from wuxing.calendar import ChinaCalendar, WorkCalendar, as_day
from wuxing.errors import (
    AuthorizationError,
    ConflictOfInterestError,
    Problem,
    TransitionError,
    ValidationError,
)
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import Category
from wuxing.model.rulesets import Procedure, Ruleset
from wuxing.model.units import Person, Supervisor, Unit
from wuxing.process.audit import AuditLog, Role
from wuxing.process.records import Duty, Record, RoundState
from wuxing.process.staff import StaffRegistry
from wuxing.process.transitions import TRANSITIONS, State

__all__ = ["Acting", "Machine", "Setup", "canonical_digest"]

OFFICIAL = frozenset({Role.OFFICE, Role.SUPERVISOR, Role.COUNTY_GOVERNMENT})
"""Roles whose actions on an application are checked for conflicts of interest."""


def canonical_digest(value: object) -> str:
    """SHA-256 of a value's plain data as canonical JSON (keys sorted, no spaces)."""
    text = json.dumps(dump(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@attrs.frozen
class Setup:
    """A round's inputs: the campaign, the rules, who is who and who holds which role."""

    campaign: Campaign
    ruleset: Ruleset
    category: Category
    directory: Mapping[str, Unit | Person | Supervisor]
    staff: StaffRegistry

    @property
    def procedure(self) -> Procedure:
        """The ruleset's :class:`~wuxing.model.rulesets.Procedure`."""
        return self.ruleset.procedure

    def digests(self) -> dict[str, str]:
        """The digests of the inputs, as the round's first event records them."""
        people = sorted(self.directory.items())
        return {
            "campaign": canonical_digest(self.campaign),
            "ruleset": canonical_digest(self.ruleset),
            "category": self.category.id,
            "directory": hashlib.sha256(
                json.dumps(
                    [[k, dump(v)] for k, v in people], ensure_ascii=False, sort_keys=True
                ).encode()
            ).hexdigest(),
            "staff": self.staff.digest,
        }


@attrs.frozen
class Acting:
    """Who is taking an action: the participants and the role the registry gives them."""

    ids: tuple[str, ...]
    role: Role

    @property
    def actor_id(self) -> str:
        """The first participant."""
        return self.ids[0]


def _ids(by: object) -> tuple[str, ...]:
    if isinstance(by, str):
        ids: tuple[object, ...] = (by,)
    elif isinstance(by, list | tuple):
        ids = tuple(by)
    else:
        raise AuthorizationError(
            f"an action names an actor id (or the ids of a group decision), got {by!r}: the "
            "round's staff registry says who they are",
            code="not_an_actor_id",
        )
    if not ids or not all(isinstance(i, str) and i for i in ids):
        raise AuthorizationError(
            f"an action names one or more actor ids, got {by!r}", code="not_an_actor_id"
        )
    if len(set(ids)) != len(ids):
        raise AuthorizationError(
            f"{by!r} names someone twice: a group decision records each participant once",
            code="participant_twice",
        )
    return tuple(str(i) for i in ids)


@attrs.frozen
class Machine:
    """A round's inputs, state and log, and the checks every action shares."""

    setup: Setup
    state: RoundState
    log: AuditLog
    key: bytes | None = attrs.field(default=None, repr=False)
    calendar_override: WorkCalendar | None = None

    # -- reading -------------------------------------------------------------------------
    @property
    def time_zone(self) -> str:
        """The campaign's time zone."""
        return self.setup.campaign.time_zone

    @property
    def calendar(self) -> WorkCalendar:
        """The calendar notices are counted with: China's official working days with the
        adopted arrangements, unless the round was given another."""
        if self.calendar_override is not None:
            return self.calendar_override
        return ChinaCalendar(self.state.arrangements, time_zone=self.time_zone)

    def record(self, application_id: str) -> Record:
        """The record of an application.

        Raises:
            TransitionError: code ``unknown_application``.
        """
        for r in self.state.records:
            if r.id == application_id:
                return r
        raise TransitionError(
            f"no application {application_id!r} in this round", code="unknown_application"
        )

    def day(self, at: dt.datetime) -> dt.date:
        """The day of ``at`` in the campaign's zone."""
        return as_day(at, self.time_zone)

    # -- checks --------------------------------------------------------------------------
    def check_time(self, at: object, action: str) -> pendulum.DateTime:
        """``at`` as an aware pendulum datetime not before the last recorded action."""
        if not isinstance(at, dt.datetime) or at.tzinfo is None or at.utcoffset() is None:
            raise ValidationError(
                [Problem("at", "naive_datetime", f"{action} needs an aware time, got {at!r}")],
                subject=action,
            )
        moment = pendulum.instance(at)
        if self.log.events and moment < self.log.events[-1].at:
            raise TransitionError(
                f"{action} at {moment.isoformat()} is before the last recorded action "
                f"({self.log.events[-1].at.isoformat()}); the log runs forward in time",
                code="time_reversed",
            )
        if self.log.keyed and self.key is None:
            raise TransitionError(
                "this round's log is keyed: attach its key with Round.with_key(key) to act",
                code="key_required",
            )
        return moment

    def transition(self, record: Record, action: str) -> tuple[State, frozenset[Role]]:
        """The next state and the roles allowed, or the refusal naming state and action."""
        key = (record.state, action)
        if key not in TRANSITIONS:
            allowed = sorted(a for (s, a) in TRANSITIONS if s is record.state)
            raise TransitionError(
                f"cannot {action} application {record.id!r} in state {record.state.value!r} "
                f"(allowed there: {', '.join(allowed) or 'nothing'})",
                code="illegal_transition",
            )
        return TRANSITIONS[key]

    def resolve(
        self,
        by: str | Sequence[str],
        action: str,
        at: dt.datetime,
        roles: Iterable[Role],
        *,
        unit_id: str | None = None,
    ) -> Acting:
        """Who is acting, from the staff registry: every participant must hold one of
        ``roles`` on the day of ``at`` (for ``unit_id``, when given); a collective action
        needs the ruleset's number of participants."""
        ids = _ids(by)
        day = self.day(at)
        found = [self.setup.staff.holding(i, roles, day, action, unit_id=unit_id) for i in ids]
        procedure = self.setup.procedure
        if action in procedure.collective and len(ids) < procedure.collective_minimum:
            raise AuthorizationError(
                f"{action} is decided collectively (集体研究) by at least "
                f"{procedure.collective_minimum} participants, not by {', '.join(ids)} alone "
                "(ruleset procedure.collective)",
                code="not_collective",
            )
        return Acting(ids, found[0].role)

    def guard(self, acting: Acting, record: Record, action: str) -> None:
        """Conflicts of interest and separation of duties for an official action on an
        application."""
        if acting.role not in OFFICIAL:
            return
        app = record.application
        units = {record.applicant_unit, record.owner} - {None}
        for person in acting.ids:
            if person == app.applicant_id:
                raise ConflictOfInterestError(
                    f"{person!r} may not {action} {record.id!r}: it is their own candidacy "
                    "(nobody acts officially on their own candidacy)",
                    code="conflict_of_interest",
                )
            shared = sorted(self.setup.staff.units_of(person, self.setup.directory) & units)
            if shared:
                raise ConflictOfInterestError(
                    f"{person!r} belongs to {shared[0]!r}, the unit of {record.id!r}: nobody "
                    f"may {action} an application of their own unit (conflict of interest)",
                    code="conflict_of_interest",
                )
        exclusive = self.setup.procedure.exclusive_duties
        if action not in exclusive:
            return
        for person in acting.ids:
            for duty in record.duties:
                if duty.action != action and duty.action in exclusive and person in duty.actors:
                    raise AuthorizationError(
                        f"{person!r} may not {action} {record.id!r}: they took part in "
                        f"{duty.action} of it (event {duty.seq}, {duty.at.isoformat()}); "
                        f"nobody does two of {', '.join(exclusive)} for one application "
                        "(ruleset procedure.exclusive_duties)",
                        code="separation_of_duties",
                    )

    # -- writing -------------------------------------------------------------------------
    def emit(
        self,
        action: str,
        acting: Acting,
        subject: str,
        at: dt.datetime,
        reason: str = "",
        payload: dict[str, str] | None = None,
    ) -> Machine:
        """The machine with the action recorded in its log."""
        log, _ = self.log.append(
            action,
            acting.actor_id,
            acting.role,
            subject,
            at,
            reason,
            payload,
            participants=acting.ids if len(acting.ids) > 1 else (),
            key=self.key,
        )
        return attrs.evolve(self, log=log)

    def with_state(self, **changes: Any) -> Machine:
        """The machine with its state changed."""
        return attrs.evolve(self, state=attrs.evolve(self.state, **changes))

    def replace(self, record: Record, **changes: Any) -> Machine:
        """The machine with one record changed."""
        updated = attrs.evolve(record, **changes)
        return self.with_state(
            records=tuple(updated if r.id == record.id else r for r in self.state.records)
        )

    def move(
        self,
        record: Record,
        action: str,
        acting: Acting,
        at: dt.datetime,
        reason: str = "",
        payload: dict[str, str] | None = None,
        **changes: Any,
    ) -> Machine:
        """Move one application along the table and record it (the checks already done)."""
        target, _ = self.transition(record, action)
        duties = record.duties
        if acting.role in OFFICIAL:
            duties = (*duties, Duty(action, acting.ids, len(self.log.events), at))
        moved = self.replace(record, state=target, duties=duties, **changes)
        return moved.emit(action, acting, record.id, at, reason, payload)
