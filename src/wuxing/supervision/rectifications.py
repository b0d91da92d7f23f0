"""Rectification orders (整改) and their steps: reported, accepted (验收销号), sent back.

Whether a rectification is overdue is derived from the time asked about, never stored.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_tuple
from wuxing._core.time import DEFAULT_TIME_ZONE, as_pendulum, end_of_day
from wuxing.calendar import WorkCalendar
from wuxing.errors import TransitionError
from wuxing.model.bounds import MAX_ITEMS

__all__ = ["Rectification", "RectificationMode", "RectificationState", "Step", "StepKind"]


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


class StepKind(StrEnum):
    """What happened to a rectification."""

    REPORTED = "reported"
    ACCEPTED = "accepted"
    SENT_BACK = "sent_back"


@attrs.frozen
class Step:
    """One step of a rectification: reported, accepted, or sent back with a new deadline.

    Attributes:
        kind: :class:`StepKind`: reported, accepted or sent back.
        at: When.
        note: A note; optional.
        new_deadline: The new last day, for a step that sends it back (and only then).
    """

    kind: StepKind
    at: dt.datetime = attrs.field(converter=as_pendulum)
    note: str = ""
    new_deadline: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Step")
        c.enum("kind", self.kind, StepKind)
        c.aware("at", self.at)
        c.free_text("note", self.note)
        if self.new_deadline is not None:
            c.date("new_deadline", self.new_deadline)
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
        ordered = c.aware("ordered_at", self.ordered_at)
        if c.date("deadline", self.deadline) and ordered:
            c.that(
                self.deadline >= self.ordered_at.date(),
                "deadline",
                "deadline_before_order",
                "the deadline is before the order",
            )
        if c.of_type("steps", self.steps, tuple) and c.items(
            "steps", self.steps, Step, max_items=MAX_ITEMS
        ):
            if ordered:
                for i, step in enumerate(self.steps):
                    c.that(
                        step.new_deadline is None or step.new_deadline >= self.ordered_at.date(),
                        f"steps[{i}].new_deadline",
                        "deadline_before_order",
                        "the new deadline is before the order",
                    )
            state = RectificationState.ORDERED
            last = self.ordered_at if ordered else None
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
