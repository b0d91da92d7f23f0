"""The selection process: a governed round's state machine, its staff registry, its audit log
and its replay.

A :class:`~wuxing.process.round.Round` is one category's selection round. Every action names
an actor id whose role and unit the round's :class:`~wuxing.process.staff.StaffRegistry` gives;
it returns a new round with the action recorded in the hash-chained (optionally keyed)
:class:`~wuxing.process.audit.AuditLog`. The log is the round: loading a round performs every
entry again (:func:`~wuxing.process.round.replay`).
"""

from __future__ import annotations

from wuxing.process.audit import GENESIS, AuditLog, Entry, Event, Role, TamperError
from wuxing.process.records import (
    Duty,
    Extension,
    IntakeError,
    Notice,
    NoticeExtension,
    Objection,
    PublicEntry,
    Record,
    RoundState,
)
from wuxing.process.round import Round, RoundLogError, replay
from wuxing.process.selecting import result_digest
from wuxing.process.staff import Appointment, StaffRegistry
from wuxing.process.transitions import DERIVED, ROUND_ACTIONS, TRANSITIONS, State

__all__ = [
    "DERIVED",
    "GENESIS",
    "ROUND_ACTIONS",
    "TRANSITIONS",
    "Appointment",
    "AuditLog",
    "Duty",
    "Entry",
    "Event",
    "Extension",
    "IntakeError",
    "Notice",
    "NoticeExtension",
    "Objection",
    "PublicEntry",
    "Record",
    "Role",
    "Round",
    "RoundLogError",
    "RoundState",
    "StaffRegistry",
    "State",
    "TamperError",
    "replay",
    "result_digest",
]
