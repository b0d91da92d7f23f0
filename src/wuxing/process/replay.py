"""Rebuilding a round from its audit log by performing every recorded action again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from wuxing._core.convert import load
from wuxing._core.jsontext import read_json
from wuxing.calendar import WorkCalendar
from wuxing.evaluation.eligibility import Directory
from wuxing.model.applications import Application
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import Category
from wuxing.process.audit import AuditLog, Event
from wuxing.process.records import Actor
from wuxing.process.round import Round

__all__ = ["replay"]


def _actor(event: Event) -> Actor:
    return Actor(event.actor_id, event.role, event.get("actor_unit"))


def _app(event: Event) -> Application:
    return load(read_json(event.get("application") or "null"), Application)


_REPLAY: dict[str, Callable[[Round, Event, Directory, WorkCalendar], Round]] = {
    "submit": lambda r, e, d, c: r.submit(_actor(e), _app(e), e.at, d),
    "grant_extension": lambda r, e, d, c: r.grant_extension(
        _actor(e), e.subject, dt.date.fromisoformat(e.get("until") or ""), e.at, e.reason
    ),
    "return_for_correction": lambda r, e, d, c: r.return_for_correction(
        _actor(e), e.subject, e.at, e.reason, dt.date.fromisoformat(e.get("resubmit_by") or "")
    ),
    "resubmit": lambda r, e, d, c: r.resubmit(_actor(e), _app(e), e.at, d),
    "accept": lambda r, e, d, c: r.accept(_actor(e), e.subject, e.at),
    "reject": lambda r, e, d, c: r.reject(_actor(e), e.subject, e.at, e.reason),
    "withdraw": lambda r, e, d, c: r.withdraw(_actor(e), e.subject, e.at, e.reason),
    "verify": lambda r, e, d, c: r.verify(_actor(e), e.subject, e.at),
    "select": lambda r, e, d, c: r.select(_actor(e), e.subject, e.at),
    "place_on_reserve": lambda r, e, d, c: r.place_on_reserve(_actor(e), e.subject, e.at),
    "not_select": lambda r, e, d, c: r.not_select(_actor(e), e.subject, e.at, e.reason),
    "approve": lambda r, e, d, c: r.approve(_actor(e), e.subject, e.at),
    "not_approve": lambda r, e, d, c: r.not_approve(_actor(e), e.subject, e.at, e.reason),
    "open_notice": lambda r, e, d, c: r.open_notice(
        _actor(e), e.at, c, int(e.get("working_days") or "5")
    ),
    "lodge_objection": lambda r, e, d, c: r.lodge_objection(_actor(e), e.subject, e.at, e.reason),
    "rule_objection": lambda r, e, d, c: r.rule_objection(
        _actor(e), e.subject, e.at, e.get("upheld") == "true", e.reason
    ),
    "close_notice": lambda r, e, d, c: r.close_notice(_actor(e), e.at),
}


_DERIVED = frozenset({"remove", "move_up"})  # recorded by rule_objection itself


def replay(
    log: AuditLog,
    campaign: Campaign,
    category: Category,
    directory: Directory,
    calendar: WorkCalendar,
) -> Round:
    """Rebuild a round from its log by performing every recorded action again.

    The log is verified first; the rebuilt round's log equals ``log``.

    Raises:
        TamperError: the log does not verify.
    """
    log.verify()
    current = Round.start(campaign, category)
    for event in log.events:
        if event.action in _DERIVED:
            continue
        current = _REPLAY[event.action](current, event, directory, calendar)
    return current
