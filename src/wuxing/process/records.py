"""The values a round holds: actors, application records, extensions, the notice and its
objections, and what the public list shows."""

from __future__ import annotations

import datetime as dt

import attrs

from wuxing._core.checks import as_tuple
from wuxing._core.time import as_pendulum
from wuxing.errors import EligibilityError
from wuxing.evaluation.outcomes import Reason
from wuxing.model.applications import Application
from wuxing.process.audit import Role
from wuxing.process.transitions import State

__all__ = ["Actor", "Extension", "IntakeError", "Notice", "Objection", "PublicEntry", "Record"]


class IntakeError(EligibilityError):
    """An application refused at intake; :attr:`reasons` lists every problem, :attr:`code` is
    the first one's."""

    def __init__(self, reasons: tuple[Reason, ...]) -> None:
        message = "; ".join(f"{r.message} [{r.code}]" for r in reasons)
        super().__init__(f"refused at intake: {message}", code=reasons[0].code)
        self.reasons = reasons


@attrs.frozen
class Actor:
    """Someone acting in a role; ``unit_id`` is the unit they act for or belong to."""

    id: str
    role: Role
    unit_id: str | None = None


@attrs.frozen
class Record:
    """An application in a round and where it stands.

    Attributes:
        application: The application as last (re)submitted.
        state: Its :class:`State`.
        owner: The unit that filed it (the applicant unit, or the recommending unit).
        applicant_unit: The applicant's own unit, for conflict-of-interest checks.
        resubmit_by: The resubmission deadline after a return for correction.
    """

    application: Application
    state: State
    owner: str | None
    applicant_unit: str | None
    resubmit_by: dt.date | None = None

    @property
    def id(self) -> str:
        """The application's id."""
        return self.application.id


@attrs.frozen
class Extension:
    """A deadline extension the office granted one applicant."""

    applicant_id: str
    until: dt.date
    reason: str


@attrs.frozen
class Objection:
    """An objection lodged during the public notice (异议) and the office's ruling."""

    id: str
    application_id: str
    grounds: str
    lodged_by: str
    lodged_at: dt.datetime = attrs.field(converter=as_pendulum)
    upheld: bool | None = None
    ruling: str = ""

    @property
    def pending(self) -> bool:
        """Not yet ruled on."""
        return self.upheld is None


@attrs.frozen
class Notice:
    """The public notice (公示) of the approved list."""

    opened_at: dt.datetime = attrs.field(converter=as_pendulum)
    closes_at: dt.datetime = attrs.field(converter=as_pendulum)
    objections: tuple[Objection, ...] = attrs.field(converter=as_tuple, default=())
    closed: bool = False

    def is_open(self, at: dt.datetime) -> bool:
        """Whether objections may be lodged at ``at``."""
        return not self.closed and self.opened_at <= at <= self.closes_at


@attrs.frozen
class PublicEntry:
    """What a public notice shows of one applicant: name, unit, outcome; nothing else."""

    name: str
    unit: str
    outcome: str
