"""The public notices (公示): opening, extending, objections and their rulings, closing; and
the calendar arrangements the notices are counted with.

The notice and its objections are the library's defaults, not the notice of 2022-11-04's
words (it asks for 接受社会监督、公开透明 without naming a procedure); their length is the
ruleset's ``periods.notice_working_days``, which a notice may exceed and never fall short of.
Every application is published on a notice of the full length: those approved after the first
notice opened, and reserves moving up, go on a supplementary notice (补充公示).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import attrs

from wuxing._core.convert import dump
from wuxing._core.time import end_of_day
from wuxing.calendar import Arrangement, ChinaCalendar
from wuxing.errors import (
    AuthorizationError,
    CalendarError,
    DeadlineError,
    Problem,
    TransitionError,
    ValidationError,
)
from wuxing.process.audit import Role
from wuxing.process.intake import _text
from wuxing.process.machine import Acting, Machine, _ids
from wuxing.process.records import Notice, NoticeExtension, Objection
from wuxing.process.selecting import move_up
from wuxing.process.transitions import OFFICE, State

__all__ = [
    "adopt_arrangement",
    "close_notice",
    "extend_notice",
    "lodge_objection",
    "open_notice",
    "rule_objection",
]

By = str | Sequence[str]


def _working_days(value: object, minimum: int, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(
            [Problem(field, "wrong_type", f"must be a whole number of days, got {value!r}")],
            subject="notice",
        )
    if value < minimum:
        raise ValidationError(
            [
                Problem(
                    field,
                    "notice_too_short",
                    f"{value} working days: a notice runs at least {minimum} (ruleset "
                    "periods.notice_working_days)"
                    if minimum > 1
                    else f"{value} working days: at least 1",
                )
            ],
            subject="notice",
        )
    return value


def _closing(m: Machine, start: dt.date, days: int) -> dt.datetime:
    """The end of the ``days``-th working day after ``start``, by the round's calendar, which
    must agree with itself: a later day, a working day, ``days`` working days on (a county's
    own calendar that answers otherwise is refused rather than trusted)."""
    end = m.calendar.add_working_days(start, days)
    ok = (
        type(end) is dt.date
        and start < end <= start + dt.timedelta(days=3 * days + 60)
        and m.calendar.is_working_day(end)
        and m.calendar.working_days_between(start, end) == days
    )
    if not ok:
        raise CalendarError(
            f"the calendar puts the {days}th working day after {start.isoformat()} on "
            f"{end!r}, which its own count contradicts",
            code="calendar_inconsistent",
        )
    return end_of_day(end, m.time_zone)


def _notice(m: Machine, notice_id: str | None, at: dt.datetime) -> Notice:
    candidates = [n for n in m.state.notices if not n.closed]
    if notice_id is not None:
        found = next((n for n in m.state.notices if n.id == notice_id), None)
        if found is None:
            raise TransitionError(f"no notice {notice_id!r}", code="no_notice")
        return found
    if not candidates:
        raise TransitionError("no notice is open", code="no_notice")
    if len(candidates) > 1:
        raise TransitionError(
            f"notices {', '.join(n.id for n in candidates)} are open: name one",
            code="which_notice",
        )
    return candidates[0]


def _put(m: Machine, notice: Notice) -> Machine:
    return m.with_state(notices=tuple(notice if n.id == notice.id else n for n in m.state.notices))


def open_notice(m: Machine, by: By, at: dt.datetime, working_days: int | None = None) -> Machine:
    """Publish every approved application not yet published (公示), for at least the
    ruleset's number of working days after the day of publication; the first notice, or a
    supplementary one (补充公示)."""
    at = m.check_time(at, "open_notice")
    acting = m.resolve(by, "open_notice", at, OFFICE)
    minimum = m.setup.ruleset.periods.notice_working_days
    days = _working_days(
        minimum if working_days is None else working_days, minimum, "working_days"
    )
    approved = [r for r in m.state.records if r.state is State.APPROVED]
    if not approved:
        raise TransitionError("nothing is approved to publish", code="nothing_to_publish")
    closes = _closing(m, m.day(at), days)
    notice = Notice(
        f"N{len(m.state.notices) + 1}",
        at,
        closes,
        days,
        [r.id for r in approved],
        supplementary=bool(m.state.notices),
    )
    for record in approved:
        m.transition(record, "publish")
        m = m.replace(record, state=State.IN_NOTICE, notice_id=notice.id)
    m = m.emit(
        "open_notice",
        acting,
        notice.id,
        at,
        payload={
            "closes_at": closes.isoformat(),
            "working_days": str(days),
            "applications": ",".join(notice.applications),
            "supplementary": "true" if notice.supplementary else "false",
        },
    )
    notice = attrs.evolve(notice, heads=(m.log.head,))
    return m.with_state(notices=(*m.state.notices, notice))


def extend_notice(
    m: Machine,
    by: By,
    at: dt.datetime,
    working_days: int,
    reason: str,
    notice_id: str | None = None,
) -> Machine:
    """Extend a notice while an objection to it is investigated, with the reason."""
    at = m.check_time(at, "extend_notice")
    acting = m.resolve(by, "extend_notice", at, OFFICE)
    notice = _notice(m, notice_id, at)
    if not notice.is_open(at):
        raise DeadlineError(
            f"notice {notice.id} is not open at {at.isoformat()}: it is extended while it runs",
            code="notice_closed",
        )
    if not any(o.pending for o in notice.objections):
        raise TransitionError(
            f"no objection to notice {notice.id} is under investigation: a notice is extended "
            "while one is",
            code="no_objection_pending",
        )
    days = _working_days(working_days, 1, "working_days")
    reason = _text(reason, "reason", "extend_notice")
    closes = _closing(m, m.day(notice.closes_at), days)
    extension = NoticeExtension(at, days, reason, closes)
    m = _put(m, attrs.evolve(notice, closes_at=closes, extensions=(*notice.extensions, extension)))
    return m.emit(
        "extend_notice",
        acting,
        notice.id,
        at,
        reason,
        {"closes_at": closes.isoformat(), "working_days": str(days)},
    )


def lodge_objection(
    m: Machine, by: By, application_id: str, at: dt.datetime, grounds: str
) -> Machine:
    """Anyone lodges an objection (异议) to a listed applicant while its notice is open; the
    objector is recorded by the id given."""
    at = m.check_time(at, "lodge_objection")
    ids = _ids(by)
    if len(ids) != 1:
        raise AuthorizationError("an objection is lodged by one person", code="not_an_actor_id")
    objector = ids[0]
    record = m.record(application_id)
    if record.state is not State.IN_NOTICE or record.notice_id is None:
        raise TransitionError(f"{application_id!r} is not on a notice", code="illegal_transition")
    notice = _notice(m, record.notice_id, at)
    if not notice.is_open(at):
        raise DeadlineError(
            f"notice {notice.id} is not open at {at.isoformat()} (it runs "
            f"{notice.opened_at.isoformat()} to {notice.closes_at.isoformat()})",
            code="notice_closed",
        )
    grounds = _text(grounds, "grounds", "lodge_objection")
    count = sum(len(n.objections) for n in m.state.notices)
    objection = Objection(f"O{count + 1}", application_id, notice.id, grounds, objector, at)
    m = _put(m, attrs.evolve(notice, objections=(*notice.objections, objection)))
    acting = Acting((objector,), Role.PUBLIC)
    return m.emit(
        "lodge_objection", acting, application_id, at, grounds, {"objection": objection.id}
    )


def rule_objection(
    m: Machine, by: By, objection_id: str, at: dt.datetime, upheld: bool, reason: str
) -> Machine:
    """The office rules on an objection, before its notice is closed. Upheld: the applicant
    is removed and the first on the reserve list becomes a candidate, for the county
    government to approve and a supplementary notice to publish."""
    at = m.check_time(at, "rule_objection")
    acting = m.resolve(by, "rule_objection", at, OFFICE)
    found = [(n, o) for n in m.state.notices for o in n.objections if o.id == objection_id]
    if not found:
        raise TransitionError(f"no objection {objection_id!r}", code="no_pending_objection")
    notice, objection = found[0]
    if notice.closed:
        raise DeadlineError(
            f"notice {notice.id} was closed at {notice.closed_at}: no ruling after it closed",
            code="notice_closed",
        )
    if not objection.pending:
        raise TransitionError(f"{objection_id} is already ruled", code="no_pending_objection")
    if not isinstance(upheld, bool):
        raise ValidationError(
            [Problem("upheld", "wrong_type", f"must be true or false, got {upheld!r}")],
            subject="rule_objection",
        )
    reason = _text(reason, "reason", "rule_objection")
    if objection.lodged_by in acting.ids:
        raise AuthorizationError(
            f"{objection.lodged_by!r} lodged {objection_id} and may not rule on it: an "
            "objection is ruled by someone other than the objector",
            code="own_objection",
        )
    record = m.record(objection.application_id)
    m.guard(acting, record, "rule_objection")
    ruled = attrs.evolve(objection, upheld=upheld, ruling=reason, ruled_by=acting.ids, ruled_at=at)
    m = _put(
        m,
        attrs.evolve(
            notice,
            objections=tuple(ruled if o.id == objection_id else o for o in notice.objections),
        ),
    )
    m = m.emit(
        "rule_objection",
        acting,
        objection_id,
        at,
        reason,
        {"upheld": "true" if upheld else "false", "application": record.id},
    )
    if not upheld or record.state is not State.IN_NOTICE:
        return m
    m = m.move(m.record(record.id), "remove", acting, at, f"objection {objection_id} upheld")
    return move_up(m, acting, at, record.id)


def close_notice(m: Machine, by: By, at: dt.datetime, notice_id: str | None = None) -> Machine:
    """Close a notice once it has run its full length with every objection ruled on: its
    listed applicants are commended (表彰)."""
    at = m.check_time(at, "close_notice")
    acting = m.resolve(by, "close_notice", at, OFFICE)
    notice = _notice(m, notice_id, at)
    if notice.closed:
        raise TransitionError(f"notice {notice.id} is already closed", code="no_notice")
    if at <= notice.closes_at:
        raise DeadlineError(
            f"notice {notice.id} runs until {notice.closes_at.isoformat()}", code="notice_open"
        )
    pending = [o.id for o in notice.objections if o.pending]
    if pending:
        raise TransitionError(
            f"objections {', '.join(pending)} are not ruled on", code="objection_pending"
        )
    commended = []
    for app_id in notice.applications:
        record = m.record(app_id)
        if record.state is State.IN_NOTICE:
            m.transition(record, "commend")
            m = m.replace(record, state=State.COMMENDED)
            commended.append(app_id)
    m = m.emit("close_notice", acting, notice.id, at, payload={"commended": ",".join(commended)})
    return _put(m, attrs.evolve(notice, closed_at=at, heads=(*notice.heads, m.log.head)))


def adopt_arrangement(m: Machine, by: By, arrangement: Arrangement, at: dt.datetime) -> Machine:
    """Record a year's State Council arrangement (调休) in the round, by its digest, so that
    notices running into that year can be counted."""
    at = m.check_time(at, "adopt_arrangement")
    acting = m.resolve(by, "adopt_arrangement", at, OFFICE)
    if not isinstance(arrangement, Arrangement):
        raise ValidationError(
            [Problem("arrangement", "wrong_type", f"must be an Arrangement, got {arrangement!r}")],
            subject="adopt_arrangement",
        )
    if arrangement in m.state.arrangements:
        raise TransitionError(
            f"the arrangement {arrangement.notice} is already adopted", code="already_adopted"
        )
    arrangements = (*m.state.arrangements, arrangement)
    ChinaCalendar(arrangements, time_zone=m.time_zone)  # refuses a conflicting arrangement
    m = m.with_state(arrangements=arrangements)
    text = json.dumps(dump(arrangement), ensure_ascii=False, sort_keys=True)
    return m.emit(
        "adopt_arrangement",
        acting,
        f"calendar-{arrangement.year}",
        at,
        arrangement.notice,
        {"arrangement": text, "digest": arrangement.digest},
    )
