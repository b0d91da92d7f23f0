"""Intake and verification (自主申报, 实地核查): filing, extensions, returns for correction,
acceptance, rejection, withdrawal, on-site verification.

Each function takes a :class:`~wuxing.process.machine.Machine` and returns a new one; the
:class:`~wuxing.process.round.Round` methods of the same names call them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import attrs

from wuxing._core.convert import dump
from wuxing._core.time import end_of_day
from wuxing.errors import (
    ConflictOfInterestError,
    DeadlineError,
    EligibilityError,
    Problem,
    TransitionError,
    ValidationError,
)
from wuxing.evaluation.eligibility import intake_reasons
from wuxing.model.applications import Application
from wuxing.model.categories import Route
from wuxing.model.units import Person, Supervisor, Unit
from wuxing.process.audit import Role
from wuxing.process.machine import Acting, Machine
from wuxing.process.records import Extension, IntakeError, Record
from wuxing.process.transitions import APPLICANT, OFFICE, ROUND_ACTIONS, State

__all__ = [
    "accept",
    "dump_application",
    "filer",
    "grant_extension",
    "open_round",
    "reject",
    "resubmit",
    "return_for_correction",
    "submit",
    "verify",
    "withdraw",
]

By = str | Sequence[str]


def dump_application(application: Application) -> str:
    """An application as the JSON text a log entry carries."""
    return json.dumps(dump(application), ensure_ascii=False, sort_keys=True)


def _owner(m: Machine, application: Application) -> tuple[str | None, str | None]:
    entrant = m.setup.directory.get(application.applicant_id)
    if isinstance(entrant, Unit):
        return entrant.id, entrant.id
    unit = entrant.unit_id if isinstance(entrant, Person | Supervisor) else None
    return application.recommended_by or unit, unit


def _text(value: object, field: str, action: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            [Problem(field, "blank", f"{action} states its {field}")], subject=action
        )
    return value


def _declared_time(m: Machine, application: object, at: dt.datetime) -> Application:
    if not isinstance(application, Application):
        raise ValidationError(
            [Problem("application", "wrong_type", f"must be an Application, got {application!r}")],
            subject="submit",
        )
    last = m.log.events[-1].at if m.log.events else None
    declared = application.submitted_at
    problems = []
    if declared > at:
        problems.append(
            Problem(
                "application.submitted_at",
                "after_action",
                f"declared {declared.isoformat()}, later than the action recording it "
                f"({at.isoformat()})",
            )
        )
    if last is not None and declared < last:
        problems.append(
            Problem(
                "application.submitted_at",
                "before_last_entry",
                f"declared {declared.isoformat()}, earlier than the last entry of the log "
                f"({last.isoformat()}): a filing is recorded when it arrives",
            )
        )
    if problems:
        raise ValidationError(problems, subject="application")
    return application


def _admissible(
    m: Machine,
    application: Application,
    at: dt.datetime,
    replacing: str | None = None,
    resubmit_by: dt.date | None = None,
) -> None:
    if application.category_id != m.setup.category.id:
        raise EligibilityError(
            f"{application.id!r} is for {application.category_id!r}, not {m.setup.category.id!r}",
            code="wrong_category",
        )
    earlier = next(
        (
            r.application
            for r in m.state.records
            if r.application.applicant_id == application.applicant_id
            and r.id != replacing
            and r.state not in (State.WITHDRAWN, State.REJECTED)
        ),
        None,
    )
    extension = next(
        (e.until for e in m.state.extensions if e.applicant_id == application.applicant_id),
        None,
    )
    # The deadline is checked against the time of the action, not the filer's own stamp.
    reasons = intake_reasons(
        attrs.evolve(application, submitted_at=at),
        campaign=m.setup.campaign,
        category=m.setup.category,
        directory=m.setup.directory,
        earlier=earlier,
        extended_until=resubmit_by or extension,
    )
    if reasons:
        raise IntakeError(reasons, application_id=application.id)


def _filer(m: Machine, by: By, application: Application, at: dt.datetime) -> Acting:
    if m.setup.category.route is Route.OFFICE_ASSESSED and application.proposed_by_office:
        return m.resolve(by, "submit", at, OFFICE)
    owner, _ = _owner(m, application)
    return m.resolve(by, "submit", at, APPLICANT, unit_id=owner)


def submit(m: Machine, by: By, application: Application, at: dt.datetime) -> Machine:
    """File an application (or, for an office-assessed category, the office's proposal)."""
    at = m.check_time(at, "submit")
    application = _declared_time(m, application, at)
    acting = _filer(m, by, application, at)
    if any(r.id == application.id for r in m.state.records):
        raise EligibilityError(f"{application.id!r} is already filed", code="duplicate_id")
    _admissible(m, application, at)
    owner, unit = _owner(m, application)
    record = Record(application, State.SUBMITTED, owner, unit)
    m.guard(acting, record, "submit")
    m = m.with_state(records=(*m.state.records, record))
    return m.emit(
        "submit",
        acting,
        application.id,
        at,
        payload={"application": dump_application(application)},
    )


def resubmit(m: Machine, by: By, application: Application, at: dt.datetime) -> Machine:
    """Resubmit a returned application, corrected, by its resubmission date; the applicant,
    the category, the recommending unit and the route stay as first filed."""
    at = m.check_time(at, "resubmit")
    application = _declared_time(m, application, at)
    record = m.record(application.id)
    m.transition(record, "resubmit")
    acting = m.resolve(by, "resubmit", at, APPLICANT, unit_id=record.owner)
    first = record.application
    changed = [
        Problem(
            f"application.{name}",
            "changed_on_resubmission",
            f"was {getattr(first, name)!r}, now {getattr(application, name)!r}: a "
            "resubmission corrects the application, it does not change who or what it is for",
        )
        for name in ("applicant_id", "category_id", "recommended_by", "proposed_by_office")
        if getattr(first, name) != getattr(application, name)
    ]
    if changed:
        raise ValidationError(changed, subject="resubmission")
    assert record.resubmit_by is not None
    deadline = end_of_day(record.resubmit_by, m.time_zone)
    if at > deadline:
        raise DeadlineError(
            f"the resubmission deadline {deadline.isoformat()} has passed",
            code="resubmission_late",
        )
    _admissible(m, application, at, replacing=record.id, resubmit_by=record.resubmit_by)
    return m.move(
        record,
        "resubmit",
        acting,
        at,
        payload={"application": dump_application(application)},
        application=application,
        resubmit_by=None,
        allowed_until=max(record.resubmit_by, record.allowed_until or record.resubmit_by),
    )


def grant_extension(
    m: Machine, by: By, applicant_id: str, until: dt.date, at: dt.datetime, reason: str
) -> Machine:
    """The office extends the declaration deadline for one applicant."""
    at = m.check_time(at, "grant_extension")
    acting = m.resolve(by, "grant_extension", at, ROUND_ACTIONS["grant_extension"])
    reason = _text(reason, "reason", "grant_extension")
    if not isinstance(until, dt.date) or isinstance(until, dt.datetime):
        raise ValidationError(
            [Problem("until", "wrong_type", f"must be a date, got {until!r}")],
            subject="grant_extension",
        )
    entrant = m.setup.directory.get(applicant_id)
    problems = []
    if entrant is None:
        problems.append(
            Problem("applicant_id", "unknown_applicant", f"no applicant {applicant_id!r}")
        )
    if until <= m.setup.campaign.deadline:
        problems.append(
            Problem(
                "until",
                "extension_before_deadline",
                f"an extension to {until.isoformat()} does not go past the campaign's "
                f"deadline {m.setup.campaign.deadline.isoformat()}",
            )
        )
    if any(e.applicant_id == applicant_id for e in m.state.extensions):
        problems.append(
            Problem(
                "applicant_id",
                "already_extended",
                f"{applicant_id!r} already has an extension: the office extends a deadline once",
            )
        )
    if problems:
        raise ValidationError(problems, subject="grant_extension")
    unit = entrant.id if isinstance(entrant, Unit) else getattr(entrant, "unit_id", None)
    for person in acting.ids:
        if person == applicant_id or (
            unit is not None and unit in m.setup.staff.units_of(person, m.setup.directory)
        ):
            raise ConflictOfInterestError(
                f"{person!r} may not extend the deadline of {applicant_id!r}: their own "
                "candidacy or their own unit (conflict of interest)",
                code="conflict_of_interest",
            )
    ext = Extension(applicant_id, until, reason)
    m = m.with_state(extensions=(*m.state.extensions, ext))
    return m.emit(
        "grant_extension", acting, applicant_id, at, reason, {"until": until.isoformat()}
    )


def _official(
    m: Machine,
    by: By,
    application_id: str,
    action: str,
    at: dt.datetime,
) -> tuple[Machine, Record, Acting, dt.datetime]:
    at = m.check_time(at, action)
    record = m.record(application_id)
    _, roles = m.transition(record, action)
    acting = m.resolve(by, action, at, roles)
    m.guard(acting, record, action)
    return m, record, acting, at


def return_for_correction(
    m: Machine,
    by: By,
    application_id: str,
    at: dt.datetime,
    reason: str,
    resubmit_by: dt.date,
) -> Machine:
    """The office returns an application for correction (退回) with a resubmission date."""
    m, record, acting, at = _official(m, by, application_id, "return_for_correction", at)
    reason = _text(reason, "reason", "return_for_correction")
    if not isinstance(resubmit_by, dt.date) or isinstance(resubmit_by, dt.datetime):
        raise ValidationError(
            [Problem("resubmit_by", "wrong_type", f"must be a date, got {resubmit_by!r}")],
            subject="return_for_correction",
        )
    if resubmit_by < m.day(at):
        raise ValidationError(
            [Problem("resubmit_by", "in_the_past", f"{resubmit_by} is before the return")],
            subject="return_for_correction",
        )
    return m.move(
        record,
        "return_for_correction",
        acting,
        at,
        reason,
        {"resubmit_by": resubmit_by.isoformat()},
        resubmit_by=resubmit_by,
    )


def accept(m: Machine, by: By, application_id: str, at: dt.datetime) -> Machine:
    """The office accepts an application for verification."""
    m, record, acting, at = _official(m, by, application_id, "accept", at)
    return m.move(record, "accept", acting, at)


def reject(m: Machine, by: By, application_id: str, at: dt.datetime, reason: str) -> Machine:
    """The office rejects an application, with a reason."""
    m, record, acting, at = _official(m, by, application_id, "reject", at)
    return m.move(record, "reject", acting, at, _text(reason, "reason", "reject"))


def verify(m: Machine, by: By, application_id: str, at: dt.datetime) -> Machine:
    """On-site verification is complete (实地核查)."""
    m, record, acting, at = _official(m, by, application_id, "verify", at)
    return m.move(record, "verify", acting, at)


def withdraw(
    m: Machine, by: By, application_id: str, at: dt.datetime, reason: str = ""
) -> Machine:
    """The filing unit withdraws its application (before the selection)."""
    at = m.check_time(at, "withdraw")
    record = m.record(application_id)
    m.transition(record, "withdraw")
    acting = filer(m, by, record, "withdraw", at)
    return m.move(record, "withdraw", acting, at, reason if isinstance(reason, str) else "")


def filer(m: Machine, by: By, record: Record, action: str, at: dt.datetime) -> Acting:
    """The filer acting on its own application: the office on its proposal, else a clerk of
    the unit that filed it."""
    if record.application.proposed_by_office:
        acting = m.resolve(by, action, at, {Role.OFFICE})
        m.guard(acting, record, action)
        return acting
    return m.resolve(by, action, at, APPLICANT, unit_id=record.owner)


def open_round(m: Machine, by: By, at: dt.datetime) -> Machine:
    """The office opens the round: the first entry of its log records the digests of the
    round's inputs (campaign, ruleset, category, directory, staff registry)."""
    at = m.check_time(at, "open_round")
    if m.log.events:
        raise TransitionError("the round is already open", code="already_open")
    acting = m.resolve(by, "open_round", at, ROUND_ACTIONS["open_round"])
    return m.emit("open_round", acting, m.setup.category.id, at, payload=m.setup.digests())
