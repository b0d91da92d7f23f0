"""The audit log: an append-only, hash-chained record of every action of a selection round.

Each :class:`Event` carries the hash of the one before it and its own SHA-256 hash over its
content, so :meth:`AuditLog.verify` finds an edited, dropped, inserted or reordered entry that
was not re-chained, and says where. Two things find the rest:

* **Keyed chaining.** Given a key (HMAC-SHA256; the embedding system supplies and keeps it),
  every event also carries a MAC over its hash. Whoever re-chains an edited log, or appends
  an event, cannot make the MACs without the key: ``verify(key=...)`` finds it.
* **Published heads.** Each public step of a round (opening and closing a notice) publishes
  the head hash at that point, printed on the notice. ``verify(heads=[...])`` checks that the
  log still passes through every published head, in order, and names the first it
  contradicts: a log changed before a published head, or cut off before it, no longer
  reaches it.

What no check can find is an entry added or removed after the last published head in a log
without a key: publish often, or keep a key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Sequence
from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_tuple
from wuxing._core.time import as_pendulum
from wuxing.errors import Problem, ValidationError, WuxingError

__all__ = ["GENESIS", "AuditLog", "Entry", "Event", "Role", "TamperError", "check_key"]

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
    """The audit log does not verify; :attr:`index` is the first entry at fault.

    Attributes:
        index: The first entry at fault (the log's length for something missing at the end).
        head: For a contradicted published head, its position in the list given to
            :meth:`AuditLog.verify`; else ``None``.
    """

    code = "log_tampered"

    def __init__(
        self, message: str, *, index: int, code: str = "log_tampered", head: int | None = None
    ) -> None:
        super().__init__(message, code=code, path=f"events[{index}]")
        self.index = index
        self.head = head


def check_key(key: object) -> bytes:
    """The key of a keyed log, checked: bytes, at least 16 of them.

    Raises:
        ValidationError: code ``weak_key``.
    """
    if not isinstance(key, bytes) or len(key) < 16:
        raise ValidationError(
            [
                Problem(
                    "key", "weak_key", "a log key is at least 16 bytes (32 random ones advised)"
                )
            ],
            subject="key",
        )
    return key


def _mac(key: bytes, digest: str) -> str:
    return hmac.new(key, digest.encode(), hashlib.sha256).hexdigest()


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
        actor_id: Who did it (the first participant of a group decision).
        role: In which :class:`Role`, as the staff registry gives it.
        subject: What it was done to (an application id, a notice id, an objection id).
        at: When, aware.
        reason: Why, if given.
        payload: Anything else the action needs to be replayed.
        prev_hash: The hash of the event before (:data:`GENESIS` for the first).
        hash: The SHA-256 hash of this event's content and ``prev_hash``.
        participants: Everyone who took part in a group decision (集体研究); empty when one
            actor acted alone.
        mac: The HMAC-SHA256 of ``hash`` under the log's key, in a keyed log; else ``""``.
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
    participants: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    mac: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Event")
        c.integer("seq", self.seq, minimum=0)
        c.text("action", self.action)
        c.text("actor_id", self.actor_id)
        c.enum("role", self.role, Role)
        c.text("subject", self.subject)
        c.aware("at", self.at)
        c.of_type("reason", self.reason, str)
        if c.of_type("payload", self.payload, tuple):
            c.items("payload", self.payload, Entry)
        c.of_type("prev_hash", self.prev_hash, str)
        c.of_type("hash", self.hash, str)
        if c.of_type("participants", self.participants, tuple):
            c.items("participants", self.participants, str)
        c.of_type("mac", self.mac, str)
        c.done()

    def get(self, key: str) -> str | None:
        """The payload value of ``key``, if any."""
        return next((e.value for e in self.payload if e.key == key), None)

    @property
    def who(self) -> tuple[str, ...]:
        """Everyone who took part: the participants, or the one actor."""
        return self.participants or (self.actor_id,)

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
            "participants": list(self.participants),
            "prev_hash": self.prev_hash,
        }
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def unsigned(self) -> Event:
        """The same event without its MAC (what a log without the key can rebuild)."""
        return attrs.evolve(self, mac="")


@attrs.frozen
class AuditLog:
    """An append-only chain of :class:`Event`\\ s."""

    events: tuple[Event, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("AuditLog")
        if c.of_type("events", self.events, tuple):
            c.items("events", self.events, Event)
        c.done()

    @property
    def head(self) -> str:
        """The hash of the newest event (:data:`GENESIS` when empty): publish it to detect a
        changed or truncated log later."""
        return self.events[-1].hash if self.events else GENESIS

    @property
    def keyed(self) -> bool:
        """Whether the log's events carry MACs (it was written with a key)."""
        return bool(self.events) and bool(self.events[0].mac)

    def append(
        self,
        action: str,
        actor_id: str,
        role: Role,
        subject: str,
        at: dt.datetime,
        reason: str = "",
        payload: dict[str, str] | None = None,
        *,
        participants: Sequence[str] = (),
        key: bytes | None = None,
    ) -> tuple[AuditLog, Event]:
        """A new log with one more event, and that event (with its MAC when ``key`` is
        given)."""
        entries = tuple(Entry(k, v) for k, v in sorted((payload or {}).items()))
        draft = Event(
            len(self.events),
            action,
            actor_id,
            role,
            subject,
            at,
            reason,
            entries,
            self.head,
            participants=tuple(participants),
        )
        digest = draft.content_hash()
        event = attrs.evolve(draft, hash=digest, mac=_mac(key, digest) if key else "")
        return AuditLog((*self.events, event)), event

    def verify(
        self,
        *,
        key: bytes | None = None,
        heads: Sequence[str] = (),
        head: str | None = None,
    ) -> None:
        """Check the chain; with ``key``, every event's MAC; with ``heads`` (published
        earlier, oldest first), that the log passes through each of them in order.

        Args:
            key: The log's key, for a keyed log: finds any change, re-chained or not, and any
                appended event.
            heads: Head hashes published earlier, in the order they were published.
            head: One published head (the same as ``heads=[head]``).

        Raises:
            TamperError: naming the first entry at fault, with code ``log_reordered`` (a
                sequence number out of place), ``log_tampered`` (a broken chain or an edited
                entry), ``log_forged`` (a MAC missing or wrong under the key),
                ``log_unkeyed`` (some events keyed and others not) or ``head_contradicted``
                (a published head the log does not reach; :attr:`TamperError.head` says
                which).
        """
        if key is not None:
            check_key(key)
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
            if key is not None and not hmac.compare_digest(event.mac, _mac(key, event.hash)):
                raise TamperError(
                    f"entry {i} ({event.action}) does not carry the key's MAC: it was not "
                    "written by the holder of the key",
                    index=i,
                    code="log_forged",
                )
            if key is None and bool(event.mac) != self.keyed:
                raise TamperError(
                    f"entry {i} ({event.action}) is {'' if event.mac else 'not '}keyed, "
                    f"unlike entry 0: events were added without the key",
                    index=i,
                    code="log_unkeyed",
                )
            prev = event.hash
        self._check_heads([*heads, *([head] if head is not None else [])])

    def _check_heads(self, heads: Sequence[str]) -> None:
        position = {e.hash: e.seq for e in self.events}
        position[GENESIS] = -1
        last = -1
        for n, published in enumerate(heads):
            at = position.get(published)
            if at is None or at < last:
                where = "is not in the log" if at is None else "comes before an earlier head"
                raise TamperError(
                    f"published head #{n} ({published[:12]}…) {where}: the log was changed "
                    "before it or cut off",
                    index=len(self.events) if at is None else at,
                    code="head_contradicted",
                    head=n,
                )
            last = at
