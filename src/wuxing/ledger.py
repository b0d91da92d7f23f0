"""The supervision and rectification ledger (督查整改台账), seed 000 and seed 004.

Inspections of a kind find problems (findings) against units or people; each finding may be
ordered rectified on the spot (现场整改) or within a deadline (限期整改); a rectification is
reported, then accepted (验收销号) or sent back with a new deadline; sanctions (处理, 问责,
诫勉谈话, 通报批评) fall on people, linked to the findings behind them. Whether a rectification is
overdue is derived from the time asked about, never stored.

The :class:`Ledger` answers an office's questions (counts by kind, mode and period, what is open
or overdue on a date, a unit's history) and gives the selection its veto inputs as they stood
at a cut-off (:meth:`Ledger.veto_records`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum

import attrs

from wuxing._checks import Checks, as_tuple, unknown_references
from wuxing._time import DEFAULT_TIME_ZONE, as_pendulum, end_of_day, is_time_zone
from wuxing.calendar import WorkCalendar
from wuxing.dimensions import Dimension
from wuxing.errors import Problem, TransitionError, ValidationError
from wuxing.records import FindingRecord, RectificationRecord, SanctionKind, SanctionRecord

__all__ = [
    "Finding",
    "Inspection",
    "InspectionKind",
    "Ledger",
    "Period",
    "Rectification",
    "RectificationMode",
    "RectificationState",
    "Sanction",
    "Severity",
    "Step",
    "StepKind",
]


class InspectionKind(StrEnum):
    """Kinds of supervision inspection."""

    CENTRALIZED = "centralized"  # 集中督查
    UNSCHEDULED = "unscheduled"  # 不定期督查
    SPECIAL_REMEDIATION = "special_remediation"  # 专项整治督查
    FIELD_ENTERPRISE = "field_enterprise"  # 深入企业督查
    FIELD_SERVICE_CENTRE = "field_service_centre"  # 深入便民中心督查
    VERIFICATION = "verification"  # 实地核查 (of an application)

    @property
    def zh(self) -> str:
        """The Chinese term."""
        return {
            "centralized": "集中督查",
            "unscheduled": "不定期督查",
            "special_remediation": "专项整治督查",
            "field_enterprise": "企业督查",
            "field_service_centre": "便民中心督查",
            "verification": "实地核查",
        }[self.value]


class Severity(StrEnum):
    """How serious a finding is."""

    MINOR = "minor"
    MODERATE = "moderate"
    SERIOUS = "serious"


class RectificationMode(StrEnum):
    """How a rectification is ordered."""

    ON_THE_SPOT = "on_the_spot"  # 现场整改
    WITHIN_DEADLINE = "within_deadline"  # 限期整改

    @property
    def zh(self) -> str:
        """The Chinese term."""
        return "现场整改" if self is RectificationMode.ON_THE_SPOT else "限期整改"


class RectificationState(StrEnum):
    """Where a rectification stands."""

    ORDERED = "ordered"
    REPORTED = "reported"
    ACCEPTED = "accepted"  # 验收销号


@attrs.frozen
class Period:
    """A span of days, both ends included.

    >>> Period.quarter(2021, 2)
    Period(start=datetime.date(2021, 4, 1), end=datetime.date(2021, 6, 30))
    >>> [p.start.month for p in Period.months(2021)][:3]
    [1, 2, 3]
    """

    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        c = Checks("Period")
        if c.date("start", self.start) and c.date("end", self.end):
            c.that(
                self.start <= self.end,
                "end",
                "period_reversed",
                "the period ends before it starts",
            )
        c.done()

    @classmethod
    def year(cls, year: int) -> Period:
        """A calendar year."""
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A calendar month."""
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return cls(dt.date(year, month, 1), nxt - dt.timedelta(days=1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """A quarter, 1 to 4."""
        first = 3 * (quarter - 1) + 1
        return cls(Period.month(year, first).start, Period.month(year, first + 2).end)

    @classmethod
    def months(cls, year: int) -> tuple[Period, ...]:
        """The twelve months of a year."""
        return tuple(cls.month(year, m) for m in range(1, 13))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


@attrs.frozen
class Inspection:
    """A supervision inspection (督查).

    Args:
        id: The identifier.
        kind: :class:`InspectionKind`.
        on: The day.
        team: Who inspected (supervisors, office staff).
        units_visited: The units visited.
        topic: What it looked at.
    """

    id: str
    kind: InspectionKind
    on: dt.date
    team: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    units_visited: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    topic: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Inspection")
        c.ident("id", self.id)
        c.enum("kind", self.kind, InspectionKind)
        c.date("on", self.on)
        c.items("team", self.team, str)
        c.items("units_visited", self.units_visited, str)
        c.of_type("topic", self.topic, str)
        c.done()


@attrs.frozen
class Finding:
    """A problem found (督查发现的问题) against a unit or a person."""

    id: str
    inspection_id: str
    subject_id: str
    dimension: Dimension
    description: str
    severity: Severity = Severity.MINOR

    def __attrs_post_init__(self) -> None:
        c = Checks("Finding")
        c.ident("id", self.id)
        c.ident("inspection_id", self.inspection_id)
        c.ident("subject_id", self.subject_id)
        c.enum("dimension", self.dimension, Dimension)
        c.text("description", self.description)
        c.enum("severity", self.severity, Severity)
        c.done()


class StepKind(StrEnum):
    """What happened to a rectification."""

    REPORTED = "reported"
    ACCEPTED = "accepted"
    SENT_BACK = "sent_back"


@attrs.frozen
class Step:
    """One step of a rectification: reported, accepted, or sent back with a new deadline."""

    kind: StepKind
    at: dt.datetime = attrs.field(converter=as_pendulum)
    note: str = ""
    new_deadline: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Step")
        c.enum("kind", self.kind, StepKind)
        c.aware("at", self.at)
        c.of_type("note", self.note, str)
        c.that(
            (self.kind is StepKind.SENT_BACK) == (self.new_deadline is not None),
            "new_deadline",
            "new_deadline",
            "a rectification sent back gets a new deadline, and only then",
        )
        c.done()


@attrs.frozen
class Rectification:
    """A rectification order (整改) and its steps.

    Args:
        id: The identifier, named in a veto's reason.
        finding_id: The finding it answers.
        subject_id: Who must rectify (a unit or a person).
        mode: :class:`RectificationMode`.
        ordered_at: When it was ordered.
        deadline: The last day (on the spot: the day of the order).
        steps: Reported, accepted, sent back, in order.
    """

    id: str
    finding_id: str
    subject_id: str
    mode: RectificationMode
    ordered_at: dt.datetime = attrs.field(converter=as_pendulum)
    deadline: dt.date
    steps: tuple[Step, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("Rectification")
        c.ident("id", self.id)
        c.ident("finding_id", self.finding_id)
        c.ident("subject_id", self.subject_id)
        c.enum("mode", self.mode, RectificationMode)
        if c.aware("ordered_at", self.ordered_at) and c.date("deadline", self.deadline):
            c.that(
                self.deadline >= self.ordered_at.date(),
                "deadline",
                "deadline_before_order",
                "the deadline is before the order",
            )
        if c.items("steps", self.steps, Step):
            state = RectificationState.ORDERED
            last = self.ordered_at if isinstance(self.ordered_at, dt.datetime) else None
            for i, step in enumerate(self.steps):
                if last is not None and step.at < last:
                    c.add(f"steps[{i}].at", "time_reversed", "steps run forward in time")
                last = step.at
                nxt = _NEXT.get((state, step.kind))
                if nxt is None:
                    c.add(
                        f"steps[{i}].kind",
                        "illegal_step",
                        f"cannot be {step.kind.value} when {state.value}",
                    )
                    break
                state = nxt
        c.done()

    @classmethod
    def order(
        cls,
        id: str,
        finding_id: str,
        subject_id: str,
        ordered_at: dt.datetime,
        *,
        days: int = 0,
        working_days: bool = False,
        calendar: WorkCalendar | None = None,
        deadline: dt.date | None = None,
    ) -> Rectification:
        """Order a rectification: on the spot (``days=0`` and no ``deadline``), within a
        deadline date, or within ``days`` calendar or working days of the order.

        >>> import pendulum
        >>> from wuxing.calendar import ChinaCalendar
        >>> r = Rectification.order("R1", "F1", "t01",
        ...     pendulum.datetime(2022, 9, 29, 10, tz="Asia/Shanghai"),
        ...     days=5, working_days=True, calendar=ChinaCalendar())
        >>> r.mode.value, r.deadline
        ('within_deadline', datetime.date(2022, 10, 11))
        """
        day = dt.date(ordered_at.year, ordered_at.month, ordered_at.day)  # a plain date
        if deadline is not None:
            due, mode = deadline, RectificationMode.WITHIN_DEADLINE
        elif days == 0:
            due, mode = day, RectificationMode.ON_THE_SPOT
        elif working_days:
            if calendar is None:
                raise ValueError("working days need a calendar")
            due, mode = calendar.add_working_days(day, days), RectificationMode.WITHIN_DEADLINE
        else:
            due, mode = day + dt.timedelta(days=days), RectificationMode.WITHIN_DEADLINE
        return cls(id, finding_id, subject_id, mode, ordered_at, due)

    def _step(self, step: Step) -> Rectification:
        state = self.state_at(step.at)
        if self.steps and step.at < self.steps[-1].at:
            raise TransitionError("steps run forward in time", code="time_reversed")
        if (state, step.kind) not in _NEXT:
            raise TransitionError(
                f"rectification {self.id!r} cannot be {step.kind.value} when {state.value}",
                code="illegal_transition",
            )
        return attrs.evolve(self, steps=(*self.steps, step))

    def report(self, at: dt.datetime, note: str = "") -> Rectification:
        """The subject reports the rectification done."""
        return self._step(Step(StepKind.REPORTED, at, note))

    def accept(self, at: dt.datetime, note: str = "") -> Rectification:
        """The office accepts it (验收销号): it is closed and never overdue again."""
        return self._step(Step(StepKind.ACCEPTED, at, note))

    def send_back(self, at: dt.datetime, reason: str, new_deadline: dt.date) -> Rectification:
        """The office sends a report back with a reason and a new deadline."""
        return self._step(Step(StepKind.SENT_BACK, at, reason, new_deadline))

    def state_at(self, at: dt.datetime) -> RectificationState:
        """The state as of ``at`` (steps after ``at`` have not happened yet)."""
        state = RectificationState.ORDERED
        for step in self.steps:
            if step.at <= at:
                state = _NEXT[(state, step.kind)]
        return state

    def deadline_at(self, at: dt.datetime) -> dt.date:
        """The deadline in force at ``at``: the last new deadline given by then."""
        due = self.deadline
        for step in self.steps:
            if step.at <= at and step.new_deadline is not None:
                due = step.new_deadline
        return due

    def accepted_at(self) -> dt.datetime | None:
        """When it was accepted, if it was."""
        return next((s.at for s in self.steps if s.kind is StepKind.ACCEPTED), None)

    def is_open(self, at: dt.datetime) -> bool:
        """Ordered by ``at`` and not accepted by then."""
        return self.ordered_at <= at and self.state_at(at) is not RectificationState.ACCEPTED

    def overdue_at(self, at: dt.datetime, time_zone: str = DEFAULT_TIME_ZONE) -> bool:
        """Open at ``at`` and past the end of the deadline in force."""
        return self.is_open(at) and at > end_of_day(self.deadline_at(at), time_zone)


_NEXT = {
    (RectificationState.ORDERED, StepKind.REPORTED): RectificationState.REPORTED,
    (RectificationState.REPORTED, StepKind.ACCEPTED): RectificationState.ACCEPTED,
    (RectificationState.REPORTED, StepKind.SENT_BACK): RectificationState.ORDERED,
}


@attrs.frozen
class Sanction:
    """A sanction on a person, linked to the findings behind it."""

    id: str
    person_id: str
    kind: SanctionKind
    decided_on: dt.date
    finding_ids: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    description: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Sanction")
        c.ident("id", self.id)
        c.ident("person_id", self.person_id)
        c.enum("kind", self.kind, SanctionKind)
        c.date("decided_on", self.decided_on)
        c.items("finding_ids", self.finding_ids, str)
        c.of_type("description", self.description, str)
        c.done()


def _by_id(items: Iterable[object]) -> tuple[object, ...]:
    return tuple(sorted(items, key=lambda x: str(getattr(x, "id", ""))))


@attrs.frozen
class Ledger:
    """A county's supervision ledger (台账): immutable; records are kept sorted by id, so the
    order they were added in never matters.

    Cross-references are checked: a finding names a known inspection, a rectification a known
    finding, a sanction known findings.
    """

    inspections: tuple[Inspection, ...] = attrs.field(converter=_by_id, default=())
    findings: tuple[Finding, ...] = attrs.field(converter=_by_id, default=())
    rectifications: tuple[Rectification, ...] = attrs.field(converter=_by_id, default=())
    sanctions: tuple[Sanction, ...] = attrs.field(converter=_by_id, default=())
    time_zone: str = DEFAULT_TIME_ZONE

    def __attrs_post_init__(self) -> None:
        c = Checks("Ledger")
        for name, kind in (
            ("inspections", Inspection),
            ("findings", Finding),
            ("rectifications", Rectification),
            ("sanctions", Sanction),
        ):
            items = getattr(self, name)
            if c.items(name, items, kind):
                c.unique(name, items, lambda x: x.id, "id")
        c.that(
            is_time_zone(self.time_zone),
            "time_zone",
            "unknown_time_zone",
            f"{self.time_zone!r} is not a known time zone",
        )
        c.done()
        problems: list[Problem] = []
        inspections = {i.id for i in self.inspections}
        findings = {f.id for f in self.findings}
        problems += unknown_references(
            "findings",
            self.findings,
            "inspection_id",
            inspections,
            "unknown_inspection",
            "inspection",
        )
        problems += unknown_references(
            "rectifications",
            self.rectifications,
            "finding_id",
            findings,
            "unknown_finding",
            "finding",
        )
        for i, s in enumerate(self.sanctions):
            for j, fid in enumerate(s.finding_ids):
                if fid not in findings:
                    problems.append(
                        Problem(
                            f"sanctions[{i}].finding_ids[{j}]",
                            "unknown_finding",
                            f"no finding {fid!r}",
                        )
                    )
        if problems:
            raise ValidationError(problems, subject="Ledger")

    # -- counts ------------------------------------------------------------------------
    def _order_day(self, r: Rectification) -> dt.date:
        return r.ordered_at.astimezone(end_of_day(r.deadline, self.time_zone).tzinfo).date()

    def inspections_by_kind(self, period: Period | None = None) -> Counter[InspectionKind]:
        """How many inspections of each kind, in ``period`` (all when ``None``)."""
        return Counter(i.kind for i in self.inspections if period is None or i.on in period)

    def rectifications_by_mode(self, period: Period | None = None) -> Counter[RectificationMode]:
        """How many rectifications were ordered in each mode, by the day of the order."""
        return Counter(
            r.mode for r in self.rectifications if period is None or self._order_day(r) in period
        )

    def sanctions_by_kind(self, period: Period | None = None) -> Counter[SanctionKind]:
        """How many sanctions of each kind, by the day decided."""
        return Counter(s.kind for s in self.sanctions if period is None or s.decided_on in period)

    def by_unit(self, units_of: dict[str, str] | None = None) -> dict[str, Counter[str]]:
        """Per unit: inspections visiting it, findings, rectifications and sanctions against
        it (people counted under their unit when ``units_of`` maps them)."""
        units_of = units_of or {}
        table: dict[str, Counter[str]] = {}

        def row(subject: str) -> Counter[str]:
            return table.setdefault(units_of.get(subject, subject), Counter())

        for i in self.inspections:
            for u in i.units_visited:
                row(u)["inspections"] += 1
        for f in self.findings:
            row(f.subject_id)["findings"] += 1
        for r in self.rectifications:
            row(r.subject_id)["rectifications"] += 1
        for s in self.sanctions:
            row(s.person_id)["sanctions"] += 1
        return dict(sorted(table.items()))

    # -- as of a date --------------------------------------------------------------------
    def open_at(self, at: dt.datetime) -> tuple[Rectification, ...]:
        """Rectifications open at ``at``."""
        return tuple(r for r in self.rectifications if r.is_open(at))

    def overdue_at(self, at: dt.datetime) -> tuple[Rectification, ...]:
        """Rectifications overdue at ``at``."""
        return tuple(r for r in self.rectifications if r.overdue_at(at, self.time_zone))

    def history(self, subject_id: str) -> tuple[object, ...]:
        """Everything about one unit or person: inspections visiting it, findings,
        rectifications and sanctions against it, in date order (on one day in that order)."""
        dated: list[tuple[dt.date, int, str, object]] = []
        dated += [(i.on, 0, i.id, i) for i in self.inspections if subject_id in i.units_visited]
        inspection_day = {i.id: i.on for i in self.inspections}
        dated += [
            (inspection_day[f.inspection_id], 1, f.id, f)
            for f in self.findings
            if f.subject_id == subject_id
        ]
        dated += [
            (self._order_day(r), 2, r.id, r)
            for r in self.rectifications
            if r.subject_id == subject_id
        ]
        dated += [(s.decided_on, 3, s.id, s) for s in self.sanctions if s.person_id == subject_id]
        return tuple(item for *_, item in sorted(dated, key=lambda t: t[:3]))

    def veto_records(
        self, at: dt.datetime
    ) -> tuple[
        tuple[RectificationRecord, ...], tuple[SanctionRecord, ...], tuple[FindingRecord, ...]
    ]:
        """The selection's veto and tie-break inputs as they stood at ``at``: rectifications
        ordered by then (with the deadline in force and the acceptance, if by then), sanctions
        decided by then, findings of inspections held by then."""
        rects = tuple(
            RectificationRecord(
                r.id,
                r.subject_id,
                r.ordered_at,
                end_of_day(r.deadline_at(at), self.time_zone),
                a if (a := r.accepted_at()) is not None and a <= at else None,
                f"{r.mode.zh}: finding {r.finding_id}",
            )
            for r in self.rectifications
            if r.ordered_at <= at
        )
        day = at.date()
        sanctions = tuple(
            SanctionRecord(s.id, s.person_id, s.kind, s.decided_on, s.description)
            for s in self.sanctions
            if s.decided_on <= day
        )
        inspection_day = {i.id: i.on for i in self.inspections}
        findings = tuple(
            FindingRecord(f.id, f.subject_id, inspection_day[f.inspection_id], f.description)
            for f in self.findings
            if inspection_day[f.inspection_id] <= day
        )
        return rects, sanctions, findings
