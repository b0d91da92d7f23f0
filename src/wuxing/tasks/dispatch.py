"""Dispatch (调度): scheduled reviews of a task list, generated from cadences or from the
plan's dispatch rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from wuxing._core.checks import as_tuple
from wuxing._core.time import end_of_day
from wuxing.calendar import WorkCalendar
from wuxing.tasks.cadences import Cadence, DispatchRule, ReviewKind
from wuxing.tasks.key_tasks import TaskList

__all__ = ["Review", "schedule"]


@attrs.frozen
class Review:
    """One scheduled review: who holds it, at which cadence, on which day, covering which
    tasks, and what kind of review it is."""

    role: str
    cadence: Cadence
    on: dt.date
    covers: tuple[int, ...] = attrs.field(converter=as_tuple, default=())
    kind: ReviewKind = ReviewKind.DISPATCH


def schedule(
    year: int,
    cadences: Mapping[str, Cadence] | Iterable[DispatchRule],
    *,
    calendar: WorkCalendar | None = None,
    day: int = 25,
    tasks: TaskList | None = None,
) -> tuple[Review, ...]:
    """The dated reviews of a year: one review per period of each cadence, on ``day`` of the
    period's last month, moved to the next working day when the calendar says that day is not
    one.

    ``cadences`` is either a mapping of roles to cadences, whose reviews cover every task of
    ``tasks`` not yet accepted then, or the plan's dispatch rules
    (:class:`~wuxing.tasks.cadences.DispatchRule`, e.g. ``tasks.dispatch``), whose reviews
    cover only the tasks each rule concerns that are not yet accepted then (none for a rule
    that concerns no task in particular).

    >>> reviews = schedule(2023, {"副市长": Cadence.MONTHLY, "市长": Cadence.QUARTERLY})
    >>> len(reviews), reviews[0].on
    (16, datetime.date(2023, 1, 25))
    >>> rule = DispatchRule("", Cadence.HALF_YEARLY, ReviewKind.SITE_MEETING, tasks=(1, 2))
    >>> [(r.on.month, r.kind.zh) for r in schedule(2023, [rule])]
    [(6, '现场推进会'), (12, '现场推进会')]
    """
    if not 1 <= day <= 28:
        raise ValueError("day must be 1 to 28, so that every month has it")
    if isinstance(cadences, Mapping):
        rules = [DispatchRule(role, cadence) for role, cadence in cadences.items()]
        every_task = True
    else:
        rules, every_task = list(cadences), False
    reviews = []
    for rule in rules:
        months = rule.cadence.months
        for last_month in range(months, 13, months):
            on = dt.date(year, last_month, day)
            if calendar is not None:
                while not calendar.is_working_day(on):
                    on += dt.timedelta(days=1)
            covers: tuple[int, ...] = ()
            if tasks is not None:
                cutoff = end_of_day(on, tasks.time_zone)
                covers = tuple(
                    t.number
                    for t in tasks.tasks
                    if (every_task or t.number in rule.tasks) and not t.accepted_by(cutoff)
                )
            reviews.append(Review(rule.role, rule.cadence, on, covers, rule.kind))
    return tuple(sorted(reviews, key=lambda r: (r.on, r.role, r.kind.value)))
