"""Dispatch (调度): scheduled progress reviews of a task list, generated from cadences."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import attrs

from wuxing._core.checks import as_tuple
from wuxing._core.time import end_of_day
from wuxing.calendar import WorkCalendar
from wuxing.tasks.key_tasks import TaskList

__all__ = ["Cadence", "Review", "schedule"]


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
