"""Rebuilding a round from its log: every recorded action performed again, every entry the
actions produce compared with the one the log gives.

:func:`rebuild` verifies the chain (and the MACs, given the key), then starts from the round's
inputs and performs each entry's action with the actor ids, times and arguments the entry
records. An action refused when performed again, an entry that differs from what performing it
gives (a derived entry left out or added, a closing time the calendar now answers differently,
inputs that differ from those the round was opened with) is a
:class:`~wuxing.process.audit.TamperError` naming the entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, cast

import attrs

from wuxing._core.convert import load
from wuxing._core.jsontext import read_json
from wuxing.calendar import Arrangement, WorkCalendar
from wuxing.errors import WuxingError
from wuxing.evaluation.outcomes import SelectionResult
from wuxing.model.applications import Application
from wuxing.model.settlements import Settlement
from wuxing.process import intake, notices, selecting
from wuxing.process.audit import AuditLog, Event, TamperError
from wuxing.process.machine import Machine, Setup
from wuxing.process.records import RoundState
from wuxing.process.transitions import DERIVED

__all__ = ["PERFORM", "rebuild"]

By = str | Sequence[str]


def _data(event: Event, key: str, cls: type[Any]) -> Any:
    return load(read_json(event.get(key) or "null"), cls)


def _day(event: Event, key: str) -> dt.date:
    return dt.date.fromisoformat(event.get(key) or "")


def _int(event: Event, key: str) -> int:
    return int(event.get(key) or "")


def _settle(m: Machine, e: Event, who: By) -> Machine:
    s = _data(e, "settlement", Settlement)
    return selecting.settle(m, who, sorted(s.tied), s.chosen, s.grounds, e.at, s.kind)


def _scorers(event: Event) -> dict[str, list[str]] | None:
    found = read_json(event.get("scorers") or "null")
    if found is None:
        return None
    ok = isinstance(found, dict) and all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in found.values()
    )
    if not ok:
        raise ValueError("the selection's scorers are not a list of ids per application")
    return cast(dict[str, list[str]], found)


PERFORM: Mapping[str, Callable[[Machine, Event, By], Machine]] = MappingProxyType(
    {
        "open_round": lambda m, e, who: intake.open_round(m, who, e.at),
        "adopt_arrangement": lambda m, e, who: notices.adopt_arrangement(
            m, who, _data(e, "arrangement", Arrangement), e.at
        ),
        "submit": lambda m, e, who: intake.submit(
            m, who, _data(e, "application", Application), e.at
        ),
        "grant_extension": lambda m, e, who: intake.grant_extension(
            m, who, e.subject, _day(e, "until"), e.at, e.reason
        ),
        "return_for_correction": lambda m, e, who: intake.return_for_correction(
            m, who, e.subject, e.at, e.reason, _day(e, "resubmit_by")
        ),
        "resubmit": lambda m, e, who: intake.resubmit(
            m, who, _data(e, "application", Application), e.at
        ),
        "accept": lambda m, e, who: intake.accept(m, who, e.subject, e.at),
        "reject": lambda m, e, who: intake.reject(m, who, e.subject, e.at, e.reason),
        "withdraw": lambda m, e, who: intake.withdraw(m, who, e.subject, e.at, e.reason),
        "verify": lambda m, e, who: intake.verify(m, who, e.subject, e.at),
        "settle": _settle,
        "withdraw_settlement": lambda m, e, who: selecting.withdraw_settlement(
            m, who, e.subject, e.at, e.reason
        ),
        "select": lambda m, e, who: selecting.select(
            m, who, _data(e, "result", SelectionResult), e.at, _scorers(e)
        ),
        "approve": lambda m, e, who: selecting.approve(m, who, e.subject, e.at),
        "not_approve": lambda m, e, who: selecting.not_approve(m, who, e.subject, e.at, e.reason),
        "decline": lambda m, e, who: selecting.decline(m, who, e.subject, e.at, e.reason),
        "revoke": lambda m, e, who: selecting.revoke(
            m, who, e.subject, e.at, e.reason, e.get("decision") or ""
        ),
        "open_notice": lambda m, e, who: notices.open_notice(
            m, who, e.at, _int(e, "working_days")
        ),
        "extend_notice": lambda m, e, who: notices.extend_notice(
            m, who, e.at, _int(e, "working_days"), e.reason, e.subject
        ),
        "lodge_objection": lambda m, e, who: notices.lodge_objection(
            m, who, e.subject, e.at, e.reason
        ),
        "rule_objection": lambda m, e, who: notices.rule_objection(
            m, who, e.subject, e.at, e.get("upheld") == "true", e.reason
        ),
        "close_notice": lambda m, e, who: notices.close_notice(m, who, e.at, e.subject),
    }
)
"""How each recorded action is performed again, from its entry (read-only)."""

_COMPARED = (
    "action",
    "actor_id",
    "role",
    "subject",
    "at",
    "reason",
    "payload",
    "participants",
    "prev_hash",
    "hash",
)


def _show(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def _compare(given: Event, rebuilt: Event, index: int) -> None:
    for name in _COMPARED:
        a, b = getattr(given, name), getattr(rebuilt, name)
        if name == "at":
            a, b = a.isoformat(), b.isoformat()
        if a == b:
            continue
        if name == "payload" and given.get("closes_at") != rebuilt.get("closes_at"):
            raise TamperError(
                f"entry {index} ({given.action} {given.subject}): the log counts the notice "
                f"to close at {given.get('closes_at')}, the calendar now gives "
                f"{rebuilt.get('closes_at')}: a calendar that answers differently is refused",
                index=index,
                code="calendar_disagrees",
            )
        if given.action == "open_round" and name == "payload":
            differ = [e.key for e in given.payload if e.value != rebuilt.get(e.key)] or ["payload"]
            raise TamperError(
                f"entry {index} (open_round): the round's inputs ({', '.join(differ)}) differ "
                "from those it was opened with",
                index=index,
                code="inputs_differ",
            )
        raise TamperError(
            f"entry {index} ({given.action}): the log says {name} {_show(a)}, performing it "
            f"again gives {_show(b)}",
            index=index,
            code="replay_mismatch",
        )


def rebuild(
    setup: Setup,
    log: AuditLog,
    *,
    key: bytes | None = None,
    calendar: WorkCalendar | None = None,
) -> Machine:
    """The machine that performing every entry of ``log`` again gives, with ``log`` itself
    as its log.

    Raises:
        TamperError: the chain does not verify (or a MAC, given ``key``); an entry's action is
            refused when performed again (code ``replay_refused``); an entry differs from what
            performing it gives (``replay_mismatch``, ``calendar_disagrees``,
            ``inputs_differ``); the log does not start with the round's opening
            (``no_opening``).
    """
    log.verify(key=key)
    events = log.events
    if not events or events[0].action != "open_round":
        raise TamperError(
            "a round's log starts with the round's opening", index=0, code="no_opening"
        )
    m = Machine(setup, RoundState(), AuditLog(), key=key, calendar_override=calendar)
    i = 0
    while i < len(events):
        event = events[i]
        perform = PERFORM.get(event.action)
        if perform is None or event.action in DERIVED:
            why = "follows from no entry before it" if perform is None else "is not an action"
            raise TamperError(f"entry {i} ({event.action}) {why}", index=i, code="replay_mismatch")
        before = len(m.log.events)
        who: By = event.participants or event.actor_id
        try:
            m = perform(m, event, who)
        except (WuxingError, ValueError, KeyError, TypeError) as exc:
            raise TamperError(
                f"entry {i} ({event.action} by {event.actor_id}) is refused when performed "
                f"again: {exc}",
                index=i,
                code="replay_refused",
            ) from exc
        for j, produced in enumerate(m.log.events[before:]):
            if i + j >= len(events):
                raise TamperError(
                    f"entry {i + j} is missing: performing entry {i} ({event.action}) also "
                    f"records {produced.action}",
                    index=i + j,
                    code="replay_mismatch",
                )
            _compare(events[i + j], produced, i + j)
        i += len(m.log.events) - before
    return attrs.evolve(m, log=log)
