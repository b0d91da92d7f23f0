"""The values a round's state is made of: application records and the duties done on them,
extensions, notices and their objections, what the public list shows.

None of these is stored in a round's document: they are what replaying its log gives
(:class:`RoundState`), so no stored state can disagree with the log.
"""

from __future__ import annotations

import datetime as dt

import attrs

from wuxing._core.checks import as_tuple
from wuxing._core.time import as_pendulum
from wuxing.calendar import Arrangement
from wuxing.errors import EligibilityError, Problem
from wuxing.evaluation.outcomes import Reason
from wuxing.model.applications import Application
from wuxing.model.settlements import Settlement
from wuxing.process.transitions import State

__all__ = [
    "Duty",
    "Extension",
    "IntakeError",
    "Notice",
    "NoticeExtension",
    "Objection",
    "PublicEntry",
    "Record",
    "RoundState",
]


class IntakeError(EligibilityError):
    """An application refused at intake; :attr:`problems` lists every problem, :attr:`code` is
    the first one's.

    Attributes:
        problems: Every problem, each a :class:`~wuxing.errors.Problem` (the shape validation
            uses) whose ``ref`` is the record behind it (a criterion, a ledger item) or the
            application's id, and whose ``path`` is ``""`` (the application as a whole).
        reasons: The same, as the evaluation's reasons (kept for one release; read
            :attr:`problems`).
        application_id: The application refused, when known.
    """

    def __init__(self, reasons: tuple[Reason, ...], *, application_id: str | None = None) -> None:
        message = "; ".join(f"{r.message} [{r.code}]" for r in reasons)
        super().__init__(f"refused at intake: {message}", code=reasons[0].code)
        self.reasons = reasons
        self.application_id = application_id
        self.problems: tuple[Problem, ...] = tuple(
            Problem("", r.code, r.message, ref=r.ref or application_id) for r in reasons
        )


@attrs.frozen
class Duty:
    """An official action taken on an application, and by whom.

    Attributes:
        action: The action, e.g. ``"verify"``.
        actors: Everyone who took part.
        seq: The event that recorded it.
        at: When.
    """

    action: str
    actors: tuple[str, ...] = attrs.field(converter=as_tuple)
    seq: int
    at: dt.datetime = attrs.field(converter=as_pendulum)


@attrs.frozen
class Record:
    """An application in a round and where it stands.

    Attributes:
        application: The application as last (re)submitted.
        state: Its :class:`State`.
        owner: The unit that filed it (the applicant unit, or the recommending unit).
        applicant_unit: The applicant's own unit, for conflict-of-interest checks.
        resubmit_by: The resubmission deadline after a return for correction.
        allowed_until: The latest resubmission deadline it was resubmitted under, which the
            evaluation takes as its deadline extension.
        notice_id: The notice it was published on, once it was.
        duties: The official actions taken on it, oldest first.
    """

    application: Application
    state: State
    owner: str | None
    applicant_unit: str | None
    resubmit_by: dt.date | None = None
    notice_id: str | None = None
    allowed_until: dt.date | None = None
    duties: tuple[Duty, ...] = attrs.field(converter=as_tuple, default=())

    @property
    def id(self) -> str:
        """The application's id."""
        return self.application.id

    def duty(self, action: str) -> Duty | None:
        """The last time ``action`` was taken on it, if ever."""
        return next((d for d in reversed(self.duties) if d.action == action), None)


@attrs.frozen
class Extension:
    """A deadline extension the office granted one applicant."""

    applicant_id: str
    until: dt.date
    reason: str


@attrs.frozen
class Objection:
    """An objection lodged during a public notice (异议) and its ruling.

    Attributes:
        id: ``O1``, ``O2``, … in the order lodged.
        application_id: The applicant objected to.
        notice_id: The notice it was lodged on.
        grounds: Why.
        lodged_by: Who lodged it (anyone may: 接受社会监督).
        lodged_at: When.
        upheld: The ruling: ``True`` upheld, ``False`` dismissed, ``None`` not yet ruled.
        ruling: The ruling's reasons.
        ruled_by: Who ruled.
        ruled_at: When.
    """

    id: str
    application_id: str
    notice_id: str
    grounds: str
    lodged_by: str
    lodged_at: dt.datetime = attrs.field(converter=as_pendulum)
    upheld: bool | None = None
    ruling: str = ""
    ruled_by: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    ruled_at: dt.datetime | None = attrs.field(default=None, converter=as_pendulum)

    @property
    def pending(self) -> bool:
        """Not yet ruled on."""
        return self.upheld is None


@attrs.frozen
class NoticeExtension:
    """A notice extended while an objection is investigated, and why."""

    at: dt.datetime = attrs.field(converter=as_pendulum)
    working_days: int
    reason: str
    closes_at: dt.datetime = attrs.field(converter=as_pendulum)


@attrs.frozen
class Notice:
    """A public notice (公示) of approved applications.

    Attributes:
        id: ``N1`` for the first notice, ``N2``, … for supplementary ones (补充公示).
        opened_at: When it was published.
        closes_at: The end of its last working day, extensions included.
        working_days: Its length in working days, before extensions.
        applications: The applications it lists.
        supplementary: Whether it is a supplementary notice.
        objections: The objections lodged on it.
        extensions: Its extensions, each with its reason.
        closed_at: When it was closed (and its applications commended).
        heads: The log's head hashes it published: at opening, and at closing.
    """

    id: str
    opened_at: dt.datetime = attrs.field(converter=as_pendulum)
    closes_at: dt.datetime = attrs.field(converter=as_pendulum)
    working_days: int
    applications: tuple[str, ...] = attrs.field(converter=as_tuple)
    supplementary: bool = False
    objections: tuple[Objection, ...] = attrs.field(converter=as_tuple, default=())
    extensions: tuple[NoticeExtension, ...] = attrs.field(converter=as_tuple, default=())
    closed_at: dt.datetime | None = attrs.field(default=None, converter=as_pendulum)
    heads: tuple[str, ...] = attrs.field(converter=as_tuple, default=())

    @property
    def closed(self) -> bool:
        """Whether it was closed."""
        return self.closed_at is not None

    def is_open(self, at: dt.datetime) -> bool:
        """Whether objections may be lodged at ``at``."""
        return not self.closed and self.opened_at <= at <= self.closes_at


@attrs.frozen
class PublicEntry:
    """What a public notice shows of one applicant: name, unit, outcome; nothing else."""

    name: str
    unit: str
    outcome: str


@attrs.frozen
class RoundState:
    """Where a round stands: what replaying its log gives.

    Attributes:
        records: The applications, by submission order.
        extensions: Deadline extensions granted.
        reserve: The reserve list, in order.
        notices: The public notices, the first and the supplementary ones.
        settlements: The office's settlements of ties.
        arrangements: The calendar arrangements adopted.
        selection: The digest of the evaluation result the selection step took.
        cutoff: That result's cut-off.
    """

    records: tuple[Record, ...] = attrs.field(converter=as_tuple, default=())
    extensions: tuple[Extension, ...] = attrs.field(converter=as_tuple, default=())
    reserve: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    notices: tuple[Notice, ...] = attrs.field(converter=as_tuple, default=())
    settlements: tuple[Settlement, ...] = attrs.field(converter=as_tuple, default=())
    arrangements: tuple[Arrangement, ...] = attrs.field(converter=as_tuple, default=())
    selection: str | None = None
    cutoff: dt.datetime | None = attrs.field(default=None, converter=as_pendulum)
