"""Key-task responsibility lists (责任清单), such as the “践五型、促十进” plan's 30 tasks.

A :class:`TaskList` holds areas and numbered key tasks (重点工作), each with lead units
(牵头单位), responsible units (责任单位), optionally a lead leader and a deadline, targets,
progress reports and acceptance (销号) by the office, run as 项目化管理、实名制领办、销号制验收.
Units are named as the document names them. Overdue is derived from the time asked.

A plan is not always clear about its leads. A task may name no lead unit but say how the work
is allocated (:attr:`KeyTask.allocation_zh`); a task may label both its unit lists 责任单位
(:class:`UnclearLead`), and then the list's :class:`LeadReading` says how it is read. Counts
of lead tasks take only the leads the plan names; the unclear ones are counted apart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from wuxing._core.checks import Checks, as_decimal, as_tuple, unknown_references
from wuxing._core.text import describe
from wuxing._core.time import DEFAULT_TIME_ZONE, as_pendulum, end_of_day, is_time_zone
from wuxing.errors import Problem, TransitionError, ValidationError
from wuxing.model.bounds import LONG_TEXT, MAX_ITEMS, MEASURE, NUMBER, SCORE
from wuxing.model.statements import DeclaredDefault
from wuxing.tasks.cadences import DispatchRule
from wuxing.tasks.leads import LeadReading, UnclearLead

__all__ = ["Area", "KeyTask", "Progress", "Target", "TaskList"]


@attrs.frozen
class Area:
    """An area of the list (方面), e.g. 1, "促进项目建设提速提质提效"."""

    number: int
    title_zh: str

    def __attrs_post_init__(self) -> None:
        c = Checks("Area")
        c.integer("number", self.number, NUMBER)
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
        c.decimal("value", self.value, MEASURE)
        c.free_text("unit", self.unit, max_length=100)
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
        c.free_text("note", self.note)
        if self.percent is not None:
            c.decimal("percent", self.percent, SCORE)
        c.done()


@attrs.frozen
class KeyTask:
    """A key task (重点工作) of a responsibility list.

    Args:
        number: Its number in the list (1–30 in the “践五型、促十进” plan).
        area: The number of its area.
        title_zh: What is to be done, in the plan's words.
        lead_units: The lead units (牵头单位). Empty only when the plan names none: then
            :attr:`allocation_zh` says how the work is allocated, or :attr:`unclear_lead`
            holds lists the reading leaves without a lead.
        responsible_units: The responsible units (责任单位).
        lead_leader: The leader who owns it by name (实名制领办), if named.
        deadline: The completion deadline (完成时限), if set.
        targets: Quantified targets.
        progress: Progress reports, in time order.
        accepted_at: When the office accepted it as done (销号); final.
        allocation_zh: The plan's words in place of named lead units, e.g.
            ``"按58件民生实事责任分工对应落实"``.
        unclear_lead: The unit lists as written when the plan does not say which leads;
            :attr:`lead_units` and :attr:`responsible_units` are then one
            :class:`LeadReading` of them.
        notes: Remarks on the task: what the plan leaves unclear, what a figure means.
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
    allocation_zh: str | None = None
    unclear_lead: UnclearLead | None = None
    notes: tuple[str, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("KeyTask")
        c.integer("number", self.number, NUMBER)
        c.integer("area", self.area, NUMBER)
        c.text("title_zh", self.title_zh, max_length=LONG_TEXT)
        c.free_text("allocation_zh", self.allocation_zh, optional=True)
        if self.unclear_lead is not None and c.of_type(
            "unclear_lead", self.unclear_lead, UnclearLead
        ):
            c.that(
                self.reading() is not None,
                "unclear_lead",
                "reading_mismatch",
                "lead_units and responsible_units are no reading of the lists as written",
            )
        if _unit_names(c, "lead_units", self.lead_units):
            c.that(
                bool(self.lead_units)
                or self.allocation_zh is not None
                or self.unclear_lead is not None,
                "lead_units",
                "no_lead_unit",
                "a key task names a lead unit (牵头单位), or the plan's words for how it is "
                "allocated (allocation_zh), or its unit lists as written (unclear_lead)",
            )
        if _unit_names(c, "responsible_units", self.responsible_units):
            leads = set(self.lead_units) if isinstance(self.lead_units, tuple) else set()
            for i, unit in enumerate(self.responsible_units):
                c.that(
                    unit not in leads,
                    f"responsible_units[{i}]",
                    "lead_and_responsible",
                    f"{describe(unit)} is both lead and responsible unit of task "
                    f"{describe(self.number)}",
                )
        c.text("lead_leader", self.lead_leader, optional=True)
        if self.deadline is not None:
            c.date("deadline", self.deadline)
        c.items("targets", self.targets, Target, max_items=MAX_ITEMS)
        if c.of_type("notes", self.notes, tuple) and c.items(
            "notes", self.notes, str, max_items=MAX_ITEMS
        ):
            for i, note in enumerate(self.notes):
                c.text(f"notes[{i}]", note, max_length=LONG_TEXT)
        if c.items("progress", self.progress, Progress, max_items=MAX_ITEMS):
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
        elif self.accepted_at is not None:
            c.aware("accepted_at", self.accepted_at)
        c.done()

    def reading(self) -> LeadReading | None:
        """Which reading of :attr:`unclear_lead` the lead and responsible units are (the
        reading as written when both agree); ``None`` without unclear lists or when neither
        fits."""
        if not isinstance(self.unclear_lead, UnclearLead):
            return None
        units = (self.lead_units, self.responsible_units)
        return next((r for r in LeadReading if self.unclear_lead.read(r) == units), None)

    def read_as(self, reading: LeadReading) -> KeyTask:
        """The task with its unclear lists read as ``reading`` (itself when clear)."""
        if self.unclear_lead is None:
            return self
        lead, responsible = self.unclear_lead.read(reading)
        return attrs.evolve(self, lead_units=lead, responsible_units=responsible)

    def role_of(self, unit: str) -> str | None:
        """``"lead"``, ``"responsible"``, ``"unclear"`` (in the first of unclear lists,
        whatever the reading) or ``None`` when the task does not name ``unit``."""
        if self.unclear_lead is not None and unit in self.unclear_lead.first:
            return "unclear"
        if unit in self.lead_units:
            return "lead"
        return "responsible" if unit in self.responsible_units else None

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


def _unit_names(c: Checks, path: str, units: object) -> bool:
    """Check a list of unit names (as the document names them): each a name, none twice."""
    if not isinstance(units, tuple):
        return c.of_type(path, units, tuple)
    if not c.items(path, units, str, max_items=MAX_ITEMS):
        return False
    ok = True
    for i, unit in enumerate(units):
        ok = c.text(f"{path}[{i}]", unit) and ok
    c.unique(path, units, lambda u: u, "unit")
    return ok


def _number(x: object) -> int:
    number = getattr(x, "number", 0)
    return number if type(number) is int else 0


def _by_number(items: Iterable[Any]) -> tuple[Any, ...]:
    try:
        return tuple(sorted(items, key=_number))
    except TypeError:  # not a collection: left for the type check to refuse
        return items  # type: ignore[return-value]


@attrs.frozen
class TaskList:
    """A responsibility list (责任清单): areas and their key tasks, kept in number order.

    Args:
        title: The list's title.
        areas: The areas (方面).
        tasks: The key tasks.
        time_zone: The zone of deadlines.
        lead_reading: How tasks with :class:`UnclearLead` lists are read; every such task's
            units must follow it. :meth:`read_as` gives the list under the other reading.
        dispatch: The plan's :class:`~wuxing.tasks.cadences.DispatchRule`\\ s, each naming
            the tasks it concerns.
        declared_defaults: What the list reads into the plan rather than takes from it
            (:class:`~wuxing.model.statements.DeclaredDefault`), each with its reason.
        source: The plan, e.g. its title and issuer.
    """

    title: str
    areas: tuple[Area, ...] = attrs.field(converter=_by_number)
    tasks: tuple[KeyTask, ...] = attrs.field(converter=_by_number)
    time_zone: str = DEFAULT_TIME_ZONE
    lead_reading: LeadReading = LeadReading.AS_WRITTEN
    dispatch: tuple[DispatchRule, ...] = attrs.field(converter=as_tuple, default=())
    declared_defaults: tuple[DeclaredDefault, ...] = attrs.field(converter=as_tuple, default=())
    source: str = ""

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
            f"{describe(self.time_zone)} is not an IANA time zone name (e.g. 'Asia/Shanghai')",
        )
        c.enum("lead_reading", self.lead_reading, LeadReading)
        if c.of_type("dispatch", self.dispatch, tuple):
            c.items("dispatch", self.dispatch, DispatchRule)
        if c.of_type("declared_defaults", self.declared_defaults, tuple):
            c.items("declared_defaults", self.declared_defaults, DeclaredDefault)
        c.of_type("source", self.source, str)
        c.done()
        areas = {a.number for a in self.areas}
        problems = unknown_references("tasks", self.tasks, "area", areas, "unknown_area", "area")
        numbers = {t.number for t in self.tasks}
        for i, rule in enumerate(self.dispatch):
            problems += [
                Problem(f"dispatch[{i}].tasks[{j}]", "unknown_task", f"no task {n}")
                for j, n in enumerate(rule.tasks)
                if n not in numbers
            ]
        for i, t in enumerate(self.tasks):
            if isinstance(t.unclear_lead, UnclearLead) and (
                (t.lead_units, t.responsible_units) != t.unclear_lead.read(self.lead_reading)
            ):
                problems.append(
                    Problem(
                        f"tasks[{i}].lead_units",
                        "reading_mismatch",
                        f"task {t.number} is not read as {self.lead_reading.value!r}, the "
                        "list's lead_reading",
                    )
                )
        if problems:
            raise ValidationError(problems, subject="TaskList")

    def read_as(self, reading: LeadReading) -> TaskList:
        """The list with every unclear task read as ``reading``."""
        return attrs.evolve(
            self, lead_reading=reading, tasks=tuple(t.read_as(reading) for t in self.tasks)
        )

    def unclear(self) -> tuple[KeyTask, ...]:
        """Tasks whose unit lists do not say which leads (:class:`UnclearLead`)."""
        return tuple(t for t in self.tasks if t.unclear_lead is not None)

    def without_lead_unit(self) -> tuple[KeyTask, ...]:
        """Tasks that name no lead unit but say how they are allocated (allocation_zh)."""
        return tuple(t for t in self.tasks if t.allocation_zh is not None and not t.lead_units)

    def task(self, number: int) -> KeyTask:
        """The task with ``number``; :class:`KeyError` if there is none."""
        for t in self.tasks:
            if t.number == number:
                return t
        raise KeyError(number)

    def tasks_of(self, unit: str) -> tuple[tuple[KeyTask, str], ...]:
        """Every task that names ``unit``, with its role: ``"lead"``, ``"responsible"``, or
        ``"unclear"`` where the plan does not say whether it leads (:meth:`KeyTask.role_of`).
        """
        return tuple((t, role) for t in self.tasks if (role := t.role_of(unit)) is not None)

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
        """The per-unit load table: tasks led (``leads``: only where the plan names the unit
        牵头单位), shared (``shares``), named in the first of unclear lists (``unclear``,
        whatever the reading), and of those open, accepted, overdue."""
        table: dict[str, Counter[str]] = {}
        for t in self.tasks:
            status = self.status(t, at)
            # t.role_of, with sets: a task may name tens of thousands of units
            leads = set(t.lead_units)
            unclear = set(t.unclear_lead.first) if t.unclear_lead is not None else set()
            for unit in dict.fromkeys(t.units()):
                column = "unclear" if unit in unclear else "leads" if unit in leads else "shares"
                row = table.setdefault(unit, Counter())
                row[column] += 1
                row[status] += 1
        return dict(sorted(table.items(), key=lambda kv: (-kv[1]["leads"], kv[0])))
