"""The working-day protocol, a plain weekday calendar, and China's official calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

import holidays
import pendulum
from holidays.countries.china import ChinaStaticHolidays

from wuxing._core.time import DEFAULT_TIME_ZONE
from wuxing.calendar.arrangements import Arrangement
from wuxing.errors import CalendarError

__all__ = ["FIRST_CHECKED_YEAR", "ChinaCalendar", "WeekdayCalendar", "WorkCalendar", "as_day"]

FIRST_CHECKED_YEAR = 2006
"""The first year whose official working days :class:`ChinaCalendar` answers from the
``holidays`` package. The package's earlier years are not reliable (its 2003 lacks that
year's change to the May holiday: 04-26/27 and 05-06/07 come out wrong), so they are refused
unless an :class:`~wuxing.calendar.arrangements.Arrangement` is supplied."""


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


def as_day(value: object, time_zone: str = DEFAULT_TIME_ZONE) -> dt.date:
    """The day ``value`` stands for: a date as it is, an aware datetime as its date in
    ``time_zone``.

    >>> as_day(pendulum.datetime(2022, 10, 7, 20, tz="UTC"))  # already the 8th in Xingguo
    datetime.date(2022, 10, 8)

    Raises:
        CalendarError: a naive datetime (code ``naive_datetime``) or not a date at all
            (code ``wrong_type``).
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise CalendarError(
                f"{value.isoformat()} has no UTC offset: which day it is depends on the zone",
                code="naive_datetime",
            )
        local = pendulum.instance(value).in_timezone(time_zone)
        return dt.date(local.year, local.month, local.day)
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    raise CalendarError(f"a day is a date, got {value!r}", code="wrong_type")


class _Counting:
    """add_working_days and working_days_between from is_working_day."""

    time_zone: str = DEFAULT_TIME_ZONE

    def _working(self, day: dt.date) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day; a datetime is taken as its date in
        :attr:`time_zone`."""
        return self._working(as_day(day, self.time_zone))

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``day`` (``day`` itself not counted).

        Raises:
            CalendarError: ``count`` is not a whole number of 0 or more (code
                ``bad_count``), or a day in between is not known.
        """
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise CalendarError(
                f"count must be a whole number of 0 or more, got {count!r}", code="bad_count"
            )
        current = as_day(day, self.time_zone)
        while count:
            current += dt.timedelta(days=1)
            if self._working(current):
                count -= 1
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days fall after ``start`` up to and including ``end`` (negative
        when ``end`` is before ``start``)."""
        lo, hi = as_day(start, self.time_zone), as_day(end, self.time_zone)
        if hi < lo:
            return -self.working_days_between(hi, lo)
        days = (hi - lo).days
        return sum(1 for i in range(1, days + 1) if self._working(lo + dt.timedelta(days=i)))


class WeekdayCalendar(_Counting):
    """Monday to Friday are working days; no holidays. For tests and rough planning.

    >>> WeekdayCalendar().add_working_days(dt.date(2022, 9, 30), 1)
    datetime.date(2022, 10, 3)
    """

    def __init__(self, *, time_zone: str = DEFAULT_TIME_ZONE) -> None:
        self.time_zone = time_zone

    def _working(self, day: dt.date) -> bool:
        return day.weekday() < 5

    def __repr__(self) -> str:
        return "WeekdayCalendar()"


class ChinaCalendar(_Counting):
    """China's official working days, with 调休, for the years whose arrangement is known.

    A year is known when the installed ``holidays`` package carries the State Council's
    notice for it (from :data:`FIRST_CHECKED_YEAR` on), or when its
    :class:`~wuxing.calendar.arrangements.Arrangement` is supplied. A datetime passed where a
    day is expected is taken as its date in ``time_zone``.

    >>> cal = ChinaCalendar()
    >>> cal.is_working_day(dt.date(2022, 10, 3)), cal.is_working_day(dt.date(2022, 10, 8))
    (False, True)
    >>> cal.add_working_days(dt.date(2022, 9, 29), 5)
    datetime.date(2022, 10, 11)

    Args:
        arrangements: Arrangements for years the package does not carry (or carries before
            :data:`FIRST_CHECKED_YEAR`). One for a year the package carries must agree with
            it on every day.
        time_zone: The zone in which a datetime is taken as a day.

    Raises:
        CalendarError: code ``calendar_unknown_year`` for a day of a year nobody supplied,
            naming the year and how to supply it; code ``arrangement_conflict`` for two
            different arrangements of one year or one that contradicts the package.
    """

    def __init__(
        self, arrangements: Iterable[Arrangement] = (), *, time_zone: str = DEFAULT_TIME_ZONE
    ) -> None:
        self.time_zone = time_zone
        packaged = frozenset(
            y for y in ChinaStaticHolidays.special_public_holidays if y >= FIRST_CHECKED_YEAR
        )
        self._official = holidays.country_holidays("CN", years=sorted(packaged))
        self._workdays = frozenset(self._official.weekend_workdays)
        self._packaged = packaged
        supplied: dict[int, Arrangement] = {}
        for arrangement in arrangements:
            if not isinstance(arrangement, Arrangement):
                raise CalendarError(
                    f"an arrangement is an Arrangement, got {arrangement!r}", code="wrong_type"
                )
            earlier = supplied.get(arrangement.year)
            if earlier is not None and earlier != arrangement:
                raise CalendarError(
                    f"two different arrangements for {arrangement.year}: {earlier.notice} and "
                    f"{arrangement.notice}",
                    code="arrangement_conflict",
                )
            if arrangement.year in packaged:
                self._check_agrees(arrangement)
            supplied[arrangement.year] = arrangement
        self.arrangements: tuple[Arrangement, ...] = tuple(supplied[y] for y in sorted(supplied))
        """The supplied arrangements, by year."""
        self._supplied = supplied
        self.years = packaged | frozenset(supplied)
        """The years the calendar answers."""

    def _package_working(self, day: dt.date) -> bool:
        if day in self._workdays:
            return True
        return day.weekday() < 5 and day not in self._official

    def _check_agrees(self, arrangement: Arrangement) -> None:
        day = dt.date(arrangement.year, 1, 1)
        while day.year == arrangement.year:
            if arrangement.is_working_day(day) != self._package_working(day):
                raise CalendarError(
                    f"the arrangement {arrangement.notice} for {arrangement.year} contradicts "
                    f"the State Council's notice the `holidays` package carries on "
                    f"{day.isoformat()}",
                    code="arrangement_conflict",
                )
            day += dt.timedelta(days=1)

    def _working(self, day: dt.date) -> bool:
        supplied = self._supplied.get(day.year)
        if supplied is not None:
            return supplied.is_working_day(day)
        if day.year not in self._packaged:
            raise CalendarError(self._unknown(day.year), code="calendar_unknown_year")
        return self._package_working(day)

    def _unknown(self, year: int) -> str:
        how = (
            f"supply the State Council's arrangement for {year} "
            f"(《国务院办公厅关于{year}年部分节假日安排的通知》) as a TOML file with year, "
            "notice, holidays and working_days, and pass it: "
            "ChinaCalendar(arrangements=[read_arrangement(path)]), or record it in a round "
            "with Round.adopt_arrangement"
        )
        if year < FIRST_CHECKED_YEAR:
            return (
                f"China's working days for {year} are not answered: the `holidays` package's "
                f"data before {FIRST_CHECKED_YEAR} is not reliable; {how}"
            )
        return (
            f"China's working days for {year} are not known: the installed `holidays` package "
            f"carries the State Council's arrangements for {min(self._packaged)}–"
            f"{max(self._packaged)} only; {how}"
        )

    def __repr__(self) -> str:
        supplied = "".join(f", {y} supplied" for y in sorted(self._supplied))
        return f"ChinaCalendar(years={min(self._packaged)}–{max(self._packaged)}{supplied})"
