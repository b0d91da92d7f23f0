"""Working-day calendars: China's official calendar against an independent oracle."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing import CalendarError
from wuxing._core.time import end_of_day
from wuxing.calendar import ChinaCalendar, WeekdayCalendar, WorkCalendar

CHINA = ChinaCalendar()
COVERED = st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31))


class TestChinaCalendar:
    def test_agrees_with_chinesecalendar_every_day(self) -> None:
        """Every day of 2020–2026 agrees with the chinesecalendar package."""
        day, disagree = dt.date(2020, 1, 1), []
        while day.year <= 2026:
            if CHINA.is_working_day(day) != chinese_calendar.is_workday(day):
                disagree.append(day)
            day += dt.timedelta(days=1)
        assert [] == disagree

    def test_adjusted_working_days(self) -> None:
        """2022-10-08 (a Saturday) was a working day; 2022-10-03 (a Monday) was not."""
        assert CHINA.is_working_day(dt.date(2022, 10, 8))
        assert not CHINA.is_working_day(dt.date(2022, 10, 3))

    def test_refuses_unpublished_year(self) -> None:
        """A year whose notice is not published is an error, not an estimate."""
        with pytest.raises(CalendarError) as info:
            CHINA.is_working_day(dt.date(max(CHINA.years) + 1, 3, 2))
        assert "calendar_unknown_year" == info.value.code

    def test_is_a_work_calendar(self) -> None:
        """Both calendars satisfy the protocol."""
        assert isinstance(CHINA, WorkCalendar)
        assert isinstance(WeekdayCalendar(), WorkCalendar)

    def test_five_working_days_over_national_day(self) -> None:
        """From 2022-09-29: 9-30, then 10-08 and 10-09 (调休 weekend), 10-10, 10-11."""
        assert dt.date(2022, 10, 11) == CHINA.add_working_days(dt.date(2022, 9, 29), 5)


class TestArithmetic:
    @given(st.dates(dt.date(2020, 1, 1), dt.date(2026, 10, 31)), st.integers(0, 30))
    def test_add_agrees_with_counting(self, start: dt.date, n: int) -> None:
        """add_working_days lands on a working day with exactly n working days counted."""
        end = CHINA.add_working_days(start, n)
        assert n == CHINA.working_days_between(start, end)
        if n:
            assert CHINA.is_working_day(end)

    @given(COVERED, COVERED)
    def test_between_counts_day_by_day(self, a: dt.date, b: dt.date) -> None:
        """working_days_between equals counting the days one by one (and is antisymmetric)."""
        lo, hi = min(a, b), max(a, b)
        count = sum(
            1
            for i in range(1, (hi - lo).days + 1)
            if chinese_calendar.is_workday(lo + dt.timedelta(days=i))
        )
        assert count == CHINA.working_days_between(lo, hi)
        assert -count == CHINA.working_days_between(hi, lo)


def test_end_of_day() -> None:
    """The end of a day is 23:59:59.999999 local time."""
    assert "2022-12-31T23:59:59.999999+08:00" == end_of_day(dt.date(2022, 12, 31)).isoformat()
