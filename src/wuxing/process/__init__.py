"""The selection process: a round's state machine, its audit log, and its replay.

A :class:`~wuxing.process.round.Round` is one category's selection round; every action returns a
new round with the action recorded in the hash-chained :class:`~wuxing.process.audit.AuditLog`;
:func:`~wuxing.process.replay.replay` rebuilds a round from its log.
"""

from __future__ import annotations

from wuxing.process.audit import GENESIS, AuditLog, Entry, Event, Role, TamperError
from wuxing.process.records import (
    Actor,
    Extension,
    IntakeError,
    Notice,
    Objection,
    PublicEntry,
    Record,
)
from wuxing.process.replay import replay
from wuxing.process.round import Round
from wuxing.process.transitions import TRANSITIONS, State

__all__ = [
    "GENESIS",
    "TRANSITIONS",
    "Actor",
    "AuditLog",
    "Entry",
    "Event",
    "Extension",
    "IntakeError",
    "Notice",
    "Objection",
    "PublicEntry",
    "Record",
    "Role",
    "Round",
    "State",
    "TamperError",
    "replay",
]
