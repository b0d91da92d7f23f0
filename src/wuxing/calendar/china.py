"""The working-day protocol, a plain weekday calendar, and China's official calendar."""

from __future__ import annotations

import datetime as dt
from typing import Protocol, runtime_checkable

import holidays
from holidays.countries.china import ChinaStaticHolidays

from wuxing.errors import CalendarError

__all__ = ["ChinaCalendar", "WeekdayCalendar", "WorkCalendar"]


@runtime_checkable
class WorkCalendar(Protocol):
    """What the library needs of a working-day calendar."""

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day."""
        ...

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``day`` (``day`` itself not counted)."""
        ...

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days fall after ``start`` up to and including ``end``."""
        ...


class _Counting:
    """add_working_days and working_days_between from is_working_day."""

    def is_working_day(self, day: dt.date) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        if count < 0:
            raise ValueError("count must be 0 or more")
        current = day
        while count:
            current += dt.timedelta(days=1)
            if self.is_working_day(current):
                count -= 1
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        if end < start:
            return -self.working_days_between(end, start)
        days = (end - start).days
        return sum(
            1 for i in range(1, days + 1) if self.is_working_day(start + dt.timedelta(days=i))
        )


class WeekdayCalendar(_Counting):
    """Monday to Friday are working days; no holidays. For tests and rough planning.

    >>> WeekdayCalendar().add_working_days(dt.date(2022, 9, 30), 1)
    datetime.date(2022, 10, 3)
    """

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is Monday to Friday."""
        return day.weekday() < 5

    def __repr__(self) -> str:
        return "WeekdayCalendar()"


class ChinaCalendar(_Counting):
    """China's official working days, with 调休, for the years whose notice is published.

    >>> cal = ChinaCalendar()
    >>> cal.is_working_day(dt.date(2022, 10, 3)), cal.is_working_day(dt.date(2022, 10, 8))
    (False, True)
    >>> cal.add_working_days(dt.date(2022, 9, 29), 5)
    datetime.date(2022, 10, 11)

    Raises:
        CalendarError: code ``calendar_unknown_year`` for a year without a published notice.
    """

    def __init__(self) -> None:
        self.years = frozenset(ChinaStaticHolidays.special_public_holidays)
        """The years whose State Council notice (with 调休) the calendar carries."""
        self._official = holidays.country_holidays("CN", years=sorted(self.years))
        self._workdays = frozenset(self._official.weekend_workdays)

    def _check(self, day: dt.date) -> None:
        if day.year not in self.years:
            raise CalendarError(
                f"China's working days for {day.year} are not known: the State Council notice "
                f"for that year is not in the installed `holidays` package "
                f"(covered: {min(self.years)}–{max(self.years)}); pass a calendar that has it",
                code="calendar_unknown_year",
            )

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is an official working day (调休 included)."""
        self._check(day)
        if day in self._workdays:
            return True
        return day.weekday() < 5 and day not in self._official

    def __repr__(self) -> str:
        return f"ChinaCalendar(years={min(self.years)}–{max(self.years)})"
