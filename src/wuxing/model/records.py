"""The evaluation's inputs besides applications: score sheets, annual scores, and the
supervision records vetoes and tie-breaks read (rectifications, sanctions, findings, flags)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter
from typing import Final

import attrs

from wuxing._core.checks import _IDENT, Checks, as_decimal, as_tuple
from wuxing._core.time import as_pendulum
from wuxing.model.bounds import LONG_TEXT, MAX_CRITERIA, POINTS, SCORE

_MAX_POINTS = POINTS.maximum
_MIN_EXPONENT = -POINTS.places

__all__ = [
    "AnnualScore",
    "FindingRecord",
    "Mark",
    "OfficeFlag",
    "RectificationRecord",
    "SanctionKind",
    "SanctionRecord",
    "ScoreSheet",
]


@attrs.frozen
class Mark:
    """One inspector's mark on one criterion: points for a scored one, met or not for a
    required one.

    Args:
        code: The criterion's code.
        points: Points given, from 0 to the criterion's maximum (scored criteria); at most
            :data:`~wuxing.model.bounds.POINTS`.
        met: Whether the condition is met (required criteria).
    """

    code: str
    points: Decimal | None = attrs.field(default=None, converter=as_decimal)
    met: bool | None = None

    def __attrs_post_init__(self) -> None:
        # Fast path for the common valid mark (a province has hundreds of thousands); any
        # doubt falls through to the full checks, which say what is wrong.
        points, met = self.points, self.met
        if (
            type(self.code) is str
            and _IDENT.match(self.code)
            and (
                (
                    met is None
                    and type(points) is Decimal
                    and points.is_finite()
                    and 0 <= points <= _MAX_POINTS
                    and points.as_tuple().exponent >= _MIN_EXPONENT  # type: ignore[operator]
                )
                or (points is None and type(met) is bool)
            )
        ):
            return
        c = Checks("Mark")
        c.ident("code", self.code)
        if self.points is not None:
            c.decimal("points", self.points, POINTS)
        if self.met is not None:
            c.of_type("met", self.met, bool)
        c.that(
            (self.points is None) != (self.met is None),
            "points",
            "points_or_met",
            "give points (scored criterion) or met (required criterion), exactly one",
        )
        c.done()


_MARK: Final = frozenset([Mark])
_CODE: Final = attrgetter("code")


@attrs.frozen
class ScoreSheet:
    """One inspector's on-site verification sheet (实地核查评分表) for one application.

    Args:
        application_id: The application scored.
        inspector_id: Who scored it (a supervisor or office staff member).
        marks: One :class:`Mark` per criterion of the category.
        inspector_unit_id: The inspector's own unit, if any; an inspector may not score an
            applicant of that unit (conflict of interest).
    """

    application_id: str
    inspector_id: str
    marks: tuple[Mark, ...] = attrs.field(converter=as_tuple)
    inspector_unit_id: str | None = None

    def __attrs_post_init__(self) -> None:
        # Fast path for the common valid sheet; any doubt falls through to the full checks.
        marks, unit = self.marks, self.inspector_unit_id
        if (
            type(self.application_id) is str
            and _IDENT.match(self.application_id)
            and type(self.inspector_id) is str
            and _IDENT.match(self.inspector_id)
            and (unit is None or (type(unit) is str and _IDENT.match(unit)))
            and type(marks) is tuple
            and len(marks) <= MAX_CRITERIA
            and set(map(type, marks)) <= _MARK
            and len(set(map(_CODE, marks))) == len(marks)
        ):
            return
        c = Checks("ScoreSheet")
        c.ident("application_id", self.application_id)
        c.ident("inspector_id", self.inspector_id)
        if c.of_type("marks", self.marks, tuple) and c.items(
            "marks", self.marks, Mark, max_items=MAX_CRITERIA
        ):
            c.unique("marks", self.marks, lambda m: m.code, "criterion")
        if self.inspector_unit_id is not None:
            c.ident("inspector_unit_id", self.inspector_unit_id)
        c.done()

    def mark(self, code: str) -> Mark | None:
        """The mark on criterion ``code``, if the sheet has one."""
        return next((m for m in self.marks if m.code == code), None)


@attrs.frozen
class AnnualScore:
    """An applicant's score in the year's Five-Type annual evaluation (年度考评), 0–100
    (:data:`~wuxing.model.bounds.SCORE`).

    Attributes:
        applicant_id: The unit, person or supervisor scored.
        score: The score, 0–100, exact.
    """

    applicant_id: str
    score: Decimal = attrs.field(converter=as_decimal)

    def __attrs_post_init__(self) -> None:
        c = Checks("AnnualScore")
        c.ident("applicant_id", self.applicant_id)
        c.decimal("score", self.score, SCORE)
        c.done()


@attrs.frozen
class RectificationRecord:
    """A rectification order (整改) against a unit or a person, as a veto input.

    Args:
        id: The ledger item's id, named in a veto's reason.
        subject_id: The unit or person ordered to rectify.
        ordered_at: When it was ordered.
        deadline: The last instant it may be accepted in time.
        accepted_at: When it was accepted (验收销号), if it was.
        description: What is to be rectified.
    """

    id: str
    subject_id: str
    ordered_at: dt.datetime = attrs.field(converter=as_pendulum)
    deadline: dt.datetime = attrs.field(converter=as_pendulum)
    accepted_at: dt.datetime | None = attrs.field(default=None, converter=as_pendulum)
    description: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("RectificationRecord")
        c.ident("id", self.id)
        c.ident("subject_id", self.subject_id)
        ok = c.aware("ordered_at", self.ordered_at) & c.aware("deadline", self.deadline)
        if ok:
            c.that(
                self.ordered_at <= self.deadline,
                "deadline",
                "deadline_before_order",
                "the deadline is before the order",
            )
        if self.accepted_at is not None and c.aware("accepted_at", self.accepted_at) and ok:
            c.that(
                self.ordered_at <= self.accepted_at,
                "accepted_at",
                "accepted_before_order",
                "accepted before it was ordered",
            )
        c.free_text("description", self.description)
        c.done()

    def overdue_at(self, at: dt.datetime) -> bool:
        """Past its deadline at ``at`` and not accepted by then."""
        accepted = self.accepted_at is not None and self.accepted_at <= at
        return not accepted and at > self.deadline


class SanctionKind(StrEnum):
    """Kinds of sanction on a person."""

    DEALT_WITH = "dealt_with"  # 处理
    HELD_ACCOUNTABLE = "held_accountable"  # 问责
    ADMONISHMENT_TALK = "admonishment_talk"  # 诫勉谈话
    NOTIFIED_CRITICISM = "notified_criticism"  # 通报批评

    @property
    def zh(self) -> str:
        """The Chinese term."""
        return {
            "dealt_with": "处理",
            "held_accountable": "问责",
            "admonishment_talk": "诫勉谈话",
            "notified_criticism": "通报批评",
        }[self.value]


@attrs.frozen
class SanctionRecord:
    """A sanction decided on a person, as a veto input.

    Attributes:
        id: The ledger item's id, named in a veto's reason.
        person_id: The person sanctioned.
        kind: The SanctionKind (处理, 问责, 诫勉谈话 …).
        decided_on: The day it was decided.
        description: What it was for; optional.
    """

    id: str
    person_id: str
    kind: SanctionKind
    decided_on: dt.date
    description: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("SanctionRecord")
        c.ident("id", self.id)
        c.ident("person_id", self.person_id)
        c.enum("kind", self.kind, SanctionKind)
        c.date("decided_on", self.decided_on)
        c.free_text("description", self.description)
        c.done()


@attrs.frozen
class FindingRecord:
    """A supervision finding (督查发现的问题) against a unit or a person; tie-breaks count them.

    Attributes:
        id: The ledger item's id.
        subject_id: The unit or person the finding is against.
        found_on: The day it was found.
        description: What was found; optional.
    """

    id: str
    subject_id: str
    found_on: dt.date
    description: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("FindingRecord")
        c.ident("id", self.id)
        c.ident("subject_id", self.subject_id)
        c.date("found_on", self.found_on)
        c.free_text("description", self.description)
        c.done()


@attrs.frozen
class OfficeFlag:
    """A veto the office records against an applicant, e.g. a major safety incident.

    Attributes:
        applicant_id: The applicant vetoed.
        code: A stable code of the kind of veto, e.g. ``"safety_incident"``.
        reason_zh: Why, in Chinese, as the reason will say it.
    """

    applicant_id: str
    code: str
    reason_zh: str

    def __attrs_post_init__(self) -> None:
        c = Checks("OfficeFlag")
        c.ident("applicant_id", self.applicant_id)
        c.ident("code", self.code)
        c.text("reason_zh", self.reason_zh, max_length=LONG_TEXT)
        c.done()
