"""Key-task responsibility lists, dispatch schedules, enterprise issues and indicators
(seed 002 "践五型、促十进"; indicators from seeds 000, 003 and 004).

A :class:`TaskList` holds areas and numbered key tasks (重点工作), each with lead units
(牵头单位), responsible units (责任单位), optionally a lead leader and a deadline, targets,
progress reports and acceptance (销号) by the office, run as 项目化管理、实名制领办、销号制验收.
Units are named as the document names them. Overdue is derived from the time asked.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

import attrs

from wuxing._checks import Checks, as_decimal, as_tuple, unknown_references
from wuxing._time import DEFAULT_TIME_ZONE, as_pendulum, end_of_day, is_time_zone
from wuxing.calendar import WorkCalendar
from wuxing.errors import TransitionError, ValidationError
from wuxing.records import Mark
from wuxing.scoring import round_half_up

__all__ = [
    "Area",
    "Cadence",
    "Direction",
    "EnterpriseIssue",
    "HandlingMode",
    "Indicator",
    "KeyTask",
    "Progress",
    "Reading",
    "Response",
    "Review",
    "Target",
    "TaskList",
    "schedule",
]


@attrs.frozen
class Area:
    """An area of the list (方面), e.g. 1, "促进项目建设提速提质提效"."""

    number: int
    title_zh: str

    def __attrs_post_init__(self) -> None:
        c = Checks("Area")
        c.integer("number", self.number, minimum=1)
        c.text("title_zh", self.title_zh)
        c.done()


@attrs.frozen
class Target:
    """A quantified target of a task, e.g. 8 new “5020” projects."""

    indicator: str
    value: Decimal = attrs.field(converter=as_decimal)
    unit: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Target")
        c.text("indicator", self.indicator)
        c.decimal("value", self.value)
        c.of_type("unit", self.unit, str)
        c.done()


@attrs.frozen
class Progress:
    """A progress report on a task."""

    at: dt.datetime = attrs.field(converter=as_pendulum)
    note: str = ""
    percent: Decimal | None = attrs.field(default=None, converter=as_decimal)

    def __attrs_post_init__(self) -> None:
        c = Checks("Progress")
        c.aware("at", self.at)
        c.of_type("note", self.note, str)
        if self.percent is not None:
            c.decimal("percent", self.percent, minimum=Decimal(0), maximum=Decimal(100))
        c.done()


@attrs.frozen
class KeyTask:
    """A key task (重点工作) of a responsibility list.

    Args:
        number: Its number in the list (1–30 in seed 002).
        area: The number of its area.
        title_zh: What is to be done.
        lead_units: The lead units (牵头单位), at least one.
        responsible_units: The responsible units (责任单位).
        lead_leader: The leader who owns it by name (实名制领办), if named.
        deadline: The completion deadline (完成时限), if set.
        targets: Quantified targets.
        progress: Progress reports, in time order.
        accepted_at: When the office accepted it as done (销号); final.
    """

    number: int
    area: int
    title_zh: str
    lead_units: tuple[str, ...] = attrs.field(converter=as_tuple)
    responsible_units: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    lead_leader: str | None = None
    deadline: dt.date | None = None
    targets: tuple[Target, ...] = attrs.field(converter=as_tuple, default=())
    progress: tuple[Progress, ...] = attrs.field(converter=as_tuple, default=())
    accepted_at: dt.datetime | None = attrs.field(default=None, converter=as_pendulum)

    def __attrs_post_init__(self) -> None:
        c = Checks("KeyTask")
        c.integer("number", self.number, minimum=1)
        c.integer("area", self.area, minimum=1)
        c.text("title_zh", self.title_zh)
        if c.items("lead_units", self.lead_units, str):
            c.that(
                bool(self.lead_units),
                "lead_units",
                "no_lead_unit",
                "a key task has at least one lead unit (牵头单位)",
            )
        if c.items("responsible_units", self.responsible_units, str):
            for i, unit in enumerate(self.responsible_units):
                c.that(
                    unit not in self.lead_units,
                    f"responsible_units[{i}]",
                    "lead_and_responsible",
                    f"{unit} is both lead and responsible unit of task {self.number}",
                )
        c.text("lead_leader", self.lead_leader, optional=True)
        if self.deadline is not None:
            c.date("deadline", self.deadline)
        c.items("targets", self.targets, Target)
        if c.items("progress", self.progress, Progress):
            for i in range(1, len(self.progress)):
                c.that(
                    self.progress[i - 1].at <= self.progress[i].at,
                    f"progress[{i}].at",
                    "time_reversed",
                    "progress reports run forward in time",
                )
        if self.accepted_at is not None and c.aware("accepted_at", self.accepted_at):
            for i, p in enumerate(self.progress):
                c.that(
                    p.at <= self.accepted_at,
                    f"progress[{i}].at",
                    "after_acceptance",
                    "a progress report after the task's acceptance",
                )
        c.done()

    def report(self, at: dt.datetime, note: str = "", percent: Decimal | None = None) -> KeyTask:
        """A new task with one more progress report.

        Raises:
            TransitionError: code ``task_accepted`` once the task is accepted.
        """
        if self.accepted_at is not None:
            raise TransitionError(
                f"task {self.number} is accepted (已销号); no more reports", code="task_accepted"
            )
        return attrs.evolve(self, progress=(*self.progress, Progress(at, note, percent)))

    def accept(self, at: dt.datetime) -> KeyTask:
        """The office accepts the task as done (销号); acceptance is final."""
        if self.accepted_at is not None:
            raise TransitionError(f"task {self.number} is already accepted", code="task_accepted")
        return attrs.evolve(self, accepted_at=at)

    def accepted_by(self, at: dt.datetime) -> bool:
        """Whether it was accepted by ``at``."""
        return self.accepted_at is not None and self.accepted_at <= at

    def overdue_at(self, at: dt.datetime, time_zone: str = DEFAULT_TIME_ZONE) -> bool:
        """Not accepted by ``at`` and past the end of its deadline (never without one)."""
        return (
            self.deadline is not None
            and not self.accepted_by(at)
            and at > end_of_day(self.deadline, time_zone)
        )

    def units(self) -> tuple[str, ...]:
        """Lead and responsible units."""
        return (*self.lead_units, *self.responsible_units)


def _number(x: object) -> int:
    return int(getattr(x, "number", 0))


def _by_number(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(items, key=_number))


@attrs.frozen
class TaskList:
    """A responsibility list (责任清单): areas and their key tasks, kept in number order."""

    title: str
    areas: tuple[Area, ...] = attrs.field(converter=_by_number)
    tasks: tuple[KeyTask, ...] = attrs.field(converter=_by_number)
    time_zone: str = DEFAULT_TIME_ZONE

    def __attrs_post_init__(self) -> None:
        c = Checks("TaskList")
        c.text("title", self.title)
        if c.items("areas", self.areas, Area):
            c.unique("areas", self.areas, _number, "area number")
        if c.items("tasks", self.tasks, KeyTask):
            c.unique("tasks", self.tasks, _number, "task number")
        c.that(
            is_time_zone(self.time_zone),
            "time_zone",
            "unknown_time_zone",
            f"{self.time_zone!r} is not a known time zone",
        )
        c.done()
        areas = {a.number for a in self.areas}
        problems = unknown_references("tasks", self.tasks, "area", areas, "unknown_area", "area")
        if problems:
            raise ValidationError(problems, subject="TaskList")

    def task(self, number: int) -> KeyTask:
        """The task with ``number``; :class:`KeyError` if there is none."""
        for t in self.tasks:
            if t.number == number:
                return t
        raise KeyError(number)

    def tasks_of(self, unit: str) -> tuple[tuple[KeyTask, str], ...]:
        """Every task ``unit`` leads or shares, with ``"lead"`` or ``"responsible"``."""
        return tuple(
            (t, "lead" if unit in t.lead_units else "responsible")
            for t in self.tasks
            if unit in t.units()
        )

    def status(self, task: KeyTask, at: dt.datetime) -> str:
        """``accepted``, ``overdue`` or ``open`` at ``at``."""
        if task.accepted_by(at):
            return "accepted"
        return "overdue" if task.overdue_at(at, self.time_zone) else "open"

    def by_area(self, at: dt.datetime) -> dict[int, Counter[str]]:
        """Per area: how many tasks are open, overdue, accepted at ``at``."""
        table: dict[int, Counter[str]] = {a.number: Counter() for a in self.areas}
        for t in self.tasks:
            table[t.area][self.status(t, at)] += 1
        return table

    def overdue_at(self, at: dt.datetime) -> tuple[KeyTask, ...]:
        """Tasks overdue at ``at``."""
        return tuple(t for t in self.tasks if t.overdue_at(at, self.time_zone))

    def load(self, at: dt.datetime) -> dict[str, Counter[str]]:
        """The per-unit load table: tasks led, shared, and of those open, accepted, overdue."""
        table: dict[str, Counter[str]] = {}
        for t in self.tasks:
            status = self.status(t, at)
            for unit in t.units():
                row = table.setdefault(unit, Counter())
                row["leads" if unit in t.lead_units else "shares"] += 1
                row[status] += 1
        return dict(sorted(table.items(), key=lambda kv: (-kv[1]["leads"], kv[0])))


class Cadence(StrEnum):
    """How often a review (调度) happens."""

    MONTHLY = "monthly"  # 每月
    BIMONTHLY = "bimonthly"  # 每两个月
    QUARTERLY = "quarterly"  # 每季度
    HALF_YEARLY = "half_yearly"  # 每半年
    YEAR_END = "year_end"  # 年终

    @property
    def months(self) -> int:
        """Months in one period."""
        return {"monthly": 1, "bimonthly": 2, "quarterly": 3, "half_yearly": 6, "year_end": 12}[
            self.value
        ]


@attrs.frozen
class Review:
    """One scheduled review: who holds it, at which cadence, on which day, covering which
    tasks."""

    role: str
    cadence: Cadence
    on: dt.date
    covers: tuple[int, ...] = attrs.field(converter=as_tuple, default=())


def schedule(
    year: int,
    cadences: dict[str, Cadence],
    *,
    calendar: WorkCalendar | None = None,
    day: int = 25,
    tasks: TaskList | None = None,
) -> tuple[Review, ...]:
    """The dated reviews of a year: for each role, one review per period of its cadence, on
    ``day`` of the period's last month, moved to the next working day when the calendar says
    that day is not one. With ``tasks``, each review covers the tasks not yet accepted then.

    >>> reviews = schedule(2023, {"副市长": Cadence.MONTHLY, "市长": Cadence.QUARTERLY})
    >>> len(reviews), reviews[0].on
    (16, datetime.date(2023, 1, 25))
    """
    if not 1 <= day <= 28:
        raise ValueError("day must be 1 to 28, so that every month has it")
    reviews = []
    for role, cadence in cadences.items():
        for last_month in range(cadence.months, 13, cadence.months):
            on = dt.date(year, last_month, day)
            if calendar is not None:
                while not calendar.is_working_day(on):
                    on += dt.timedelta(days=1)
            covers: tuple[int, ...] = ()
            if tasks is not None:
                cutoff = end_of_day(on, tasks.time_zone)
                covers = tuple(t.number for t in tasks.tasks if not t.accepted_by(cutoff))
            reviews.append(Review(role, cadence, on, covers))
    return tuple(sorted(reviews, key=lambda r: (r.on, r.role)))


class HandlingMode(StrEnum):
    """How an enterprise's issue is handled (就地 / 限期 / 重点办理)."""

    ON_THE_SPOT = "on_the_spot"
    WITHIN_DEADLINE = "within_deadline"
    PRIORITY = "priority"


@attrs.frozen
class Response:
    """A department reporting in (部门报到) on an issue."""

    department: str
    at: dt.datetime = attrs.field(converter=as_pendulum)
    note: str = ""


@attrs.frozen
class EnterpriseIssue:
    """An issue an enterprise raised (企业吹哨) and the departments that must report in."""

    id: str
    enterprise: str
    raised_at: dt.datetime = attrs.field(converter=as_pendulum)
    description: str
    departments: tuple[str, ...] = attrs.field(converter=as_tuple)
    mode: HandlingMode
    deadline: dt.date | None = None
    responses: tuple[Response, ...] = attrs.field(converter=as_tuple, default=())
    closed_at: dt.datetime | None = attrs.field(default=None, converter=as_pendulum)

    def __attrs_post_init__(self) -> None:
        c = Checks("EnterpriseIssue")
        c.ident("id", self.id)
        c.text("enterprise", self.enterprise)
        c.aware("raised_at", self.raised_at)
        c.text("description", self.description)
        if c.items("departments", self.departments, str):
            c.that(bool(self.departments), "departments", "empty", "name a department")
        c.enum("mode", self.mode, HandlingMode)
        c.that(
            self.mode is HandlingMode.ON_THE_SPOT or self.deadline is not None,
            "deadline",
            "missing",
            "an issue handled within a deadline or as a priority has a deadline",
        )
        for i, r in enumerate(self.responses):
            c.that(
                r.department in self.departments,
                f"responses[{i}].department",
                "not_assigned",
                f"{r.department} was not asked to report",
            )
        c.done()

    def overdue_at(self, at: dt.datetime, time_zone: str = DEFAULT_TIME_ZONE) -> bool:
        """Not closed by ``at`` and past its deadline (on-the-spot issues: the day raised)."""
        if self.closed_at is not None and self.closed_at <= at:
            return False
        due = self.deadline if self.deadline is not None else self.raised_at.date()
        return at > end_of_day(due, time_zone)

    @staticmethod
    def figures(issues: tuple[EnterpriseIssue, ...], at: dt.datetime) -> dict[str, Counter[str]]:
        """Per department: issues assigned, reported in on, and overdue at ``at``."""
        table: dict[str, Counter[str]] = {}
        for issue in issues:
            responded = {r.department for r in issue.responses if r.at <= at}
            for dept in issue.departments:
                row = table.setdefault(dept, Counter())
                row["assigned"] += 1
                row["responded"] += dept in responded
                row["overdue"] += issue.overdue_at(at)
        return dict(sorted(table.items()))


class Direction(StrEnum):
    """Whether more of an indicator is better (coverage) or less (complaints)."""

    HIGHER = "higher"
    LOWER = "lower"


@attrs.frozen
class Reading:
    """A reading of an indicator on a day."""

    on: dt.date
    value: Decimal = attrs.field(converter=as_decimal)


@attrs.frozen
class Indicator:
    """A measured indicator (指标) with a target, e.g. tap-water coverage 98 %.

    >>> tap = Indicator("自来水普及率", "%", Decimal(98), Direction.HIGHER, "seed 003")
    >>> tap.attainment(Decimal(70))
    Fraction(5, 7)
    >>> tap.points(Decimal(70), floor=Decimal(60), maximum=Decimal(20))
    Fraction(100, 19)
    """

    name: str
    unit: str
    target: Decimal = attrs.field(converter=as_decimal)
    direction: Direction = Direction.HIGHER
    source: str = ""
    readings: tuple[Reading, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("Indicator")
        c.text("name", self.name)
        c.of_type("unit", self.unit, str)
        c.decimal("target", self.target, positive=True)
        c.enum("direction", self.direction, Direction)
        c.of_type("source", self.source, str)
        c.items("readings", self.readings, Reading)
        c.done()

    def attainment(self, value: Decimal) -> Fraction:
        """How far a reading reaches the target, as an exact ratio (1 = on target; more is
        better than target)."""
        if self.direction is Direction.HIGHER:
            return Fraction(value) / Fraction(self.target)
        if value <= 0:
            raise ValueError("a lower-is-better reading must be positive")
        return Fraction(self.target) / Fraction(value)

    def points(self, value: Decimal, *, floor: Decimal, maximum: Decimal) -> Fraction:
        """Criterion points from a reading: 0 at ``floor``, ``maximum`` at the target, linear
        between, capped at both ends."""
        span = Fraction(self.target) - Fraction(floor)
        if span == 0:
            raise ValueError("the floor equals the target")
        share = (Fraction(value) - Fraction(floor)) / span
        return Fraction(maximum) * min(Fraction(1), max(Fraction(0), share))

    def mark(
        self, code: str, value: Decimal, *, floor: Decimal, maximum: Decimal, places: int = 2
    ) -> Mark:
        """A score-sheet :class:`~wuxing.records.Mark` on criterion ``code`` from a reading:
        :meth:`points`, rounded once (ROUND_HALF_UP) to ``places``.

        >>> Indicator("按时办结率", "%", Decimal(98)).mark(
        ...     "T2", Decimal("98.9"), floor=Decimal(90), maximum=Decimal(20))
        Mark(code='T2', points=Decimal('20.00'), met=None)
        """
        return Mark(
            code, points=round_half_up(self.points(value, floor=floor, maximum=maximum), places)
        )

    def latest(self, on: dt.date) -> Reading | None:
        """The last reading on or before ``on``."""
        known = [r for r in self.readings if r.on <= on]
        return max(known, key=lambda r: r.on) if known else None
