"""The audit log: an append-only, hash-chained record of every action of a selection round.

Each :class:`Event` carries the hash of the one before it and its own hash over its content,
so :meth:`AuditLog.verify` detects an edited, dropped, inserted or reordered entry and says
where. Cutting off the newest entries leaves a valid chain; it is detected against a head hash
kept outside the log (printed on the public notice, for instance): ``log.verify(head=...)``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_tuple
from wuxing._core.time import as_pendulum
from wuxing.errors import WuxingError

__all__ = ["GENESIS", "AuditLog", "Entry", "Event", "Role", "TamperError"]

GENESIS = "0" * 64
"""The ``prev_hash`` of the first event."""


class Role(StrEnum):
    """Who acts in a selection round."""

    APPLICANT_UNIT = "applicant_unit"  # 申报单位
    RECOMMENDING_UNIT = "recommending_unit"  # 推荐单位
    OFFICE = "office"  # 县“五型”办
    SUPERVISOR = "supervisor"  # 监督员
    COUNTY_GOVERNMENT = "county_government"  # 县政府
    PUBLIC = "public"  # 社会公众 (objections during the notice)


class TamperError(WuxingError, ValueError):
    """The audit log does not verify; :attr:`index` is the first entry at fault."""

    code = "log_tampered"

    def __init__(self, message: str, *, index: int, code: str = "log_tampered") -> None:
        super().__init__(message, code=code, path=f"events[{index}]")
        self.index = index


@attrs.frozen
class Entry:
    """One key and value of an event's payload (values are text)."""

    key: str
    value: str


@attrs.frozen
class Event:
    """One action, as recorded.

    Attributes:
        seq: Its position in the log, from 0.
        action: What was done, e.g. ``"accept"``.
        actor_id: Who did it.
        role: In which :class:`Role`.
        subject: What it was done to (an application id, ``"notice"``, an objection id).
        at: When, aware.
        reason: Why, if given.
        payload: Anything else the action needs to be replayed.
        prev_hash: The hash of the event before (:data:`GENESIS` for the first).
        hash: The hash of this event's content and ``prev_hash``.
    """

    seq: int
    action: str
    actor_id: str
    role: Role
    subject: str
    at: dt.datetime = attrs.field(converter=as_pendulum)
    reason: str = ""
    payload: tuple[Entry, ...] = attrs.field(converter=as_tuple, default=())
    prev_hash: str = GENESIS
    hash: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Event")
        c.integer("seq", self.seq, minimum=0)
        c.text("action", self.action)
        c.text("actor_id", self.actor_id)
        c.enum("role", self.role, Role)
        c.text("subject", self.subject)
        c.aware("at", self.at)
        c.of_type("reason", self.reason, str)
        c.done()

    def get(self, key: str) -> str | None:
        """The payload value of ``key``, if any."""
        return next((e.value for e in self.payload if e.key == key), None)

    def content_hash(self) -> str:
        """The hash this event should carry, from its content and ``prev_hash``."""
        body = {
            "seq": self.seq,
            "action": self.action,
            "actor_id": self.actor_id,
            "role": self.role.value,
            "subject": self.subject,
            "at": self.at.isoformat(),
            "reason": self.reason,
            "payload": [[e.key, e.value] for e in self.payload],
            "prev_hash": self.prev_hash,
        }
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


@attrs.frozen
class AuditLog:
    """An append-only chain of :class:`Event`\\ s."""

    events: tuple[Event, ...] = attrs.field(converter=as_tuple, default=())

    @property
    def head(self) -> str:
        """The hash of the newest event (:data:`GENESIS` when empty): publish it to detect a
        truncated log later."""
        return self.events[-1].hash if self.events else GENESIS

    def append(
        self,
        action: str,
        actor_id: str,
        role: Role,
        subject: str,
        at: dt.datetime,
        reason: str = "",
        payload: dict[str, str] | None = None,
    ) -> tuple[AuditLog, Event]:
        """A new log with one more event, and that event."""
        entries = tuple(Entry(k, v) for k, v in sorted((payload or {}).items()))
        draft = Event(
            len(self.events), action, actor_id, role, subject, at, reason, entries, self.head
        )
        event = attrs.evolve(draft, hash=draft.content_hash())
        return AuditLog((*self.events, event)), event

    def verify(self, head: str | None = None) -> None:
        """Check the chain; with ``head`` (a head published earlier), also that the log still
        reaches it, so that nothing was cut off the end (entries added since are fine).

        Raises:
            TamperError: naming the first entry at fault (code ``log_tampered``,
                ``log_reordered`` or ``log_truncated``).
        """
        prev = GENESIS
        for i, event in enumerate(self.events):
            if event.seq != i:
                raise TamperError(
                    f"entry {i} carries sequence number {event.seq}: an entry was dropped, "
                    "inserted or moved",
                    index=i,
                    code="log_reordered",
                )
            if event.prev_hash != prev:
                raise TamperError(
                    f"entry {i} does not follow entry {i - 1}: the chain is broken", index=i
                )
            if event.content_hash() != event.hash:
                raise TamperError(f"entry {i} ({event.action}) was edited", index=i)
            prev = event.hash
        if head is not None and head != GENESIS and head not in {e.hash for e in self.events}:
            raise TamperError(
                "the published head hash is not in the log: entries after it are missing",
                index=len(self.events),
                code="log_truncated",
            )
