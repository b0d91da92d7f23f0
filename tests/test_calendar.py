"""Working-day calendars: China's official calendar against an independent oracle."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing import CalendarError, ValidationError, io
from wuxing._core.time import end_of_day
from wuxing.calendar import (
    Arrangement,
    ChinaCalendar,
    WeekdayCalendar,
    WorkCalendar,
    loads_arrangement,
    read_arrangement,
)

CHINA = ChinaCalendar()
COVERED = st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31))

# An illustrative arrangement for 2027, made up for the tests (the State Council had not
# published 2027's when this was written): New Year 1-3 January, Spring Festival 5-11
# February with Sunday 31 January and Saturday 20 February worked.
TOML_2027 = """
year = 2027
notice = "国办发明电〔2026〕示例号"
holidays = [2027-01-01, 2027-01-02, 2027-01-03, 2027-02-05, 2027-02-06, 2027-02-07,
            2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11]
working_days = [2027-01-31, 2027-02-20]
"""
ARR_2027 = loads_arrangement(TOML_2027)


class TestChinaCalendar:
    def test_agrees_with_chinesecalendar_every_day(self) -> None:
        """Every day of 2006–2026 agrees with the chinesecalendar package."""
        day, disagree = dt.date(2006, 1, 1), []
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

    @pytest.mark.parametrize("year", [2001, 2003, 2005])
    def test_refuses_years_before_2006(self, year: int) -> None:
        """Years before 2006 are refused: the package's 2003 lacks the SARS-year change."""
        with pytest.raises(CalendarError) as info:
            CHINA.is_working_day(dt.date(year, 5, 6))
        assert "calendar_unknown_year" == info.value.code
        assert f"for {year} are not answered" in str(info.value)

    def test_2003_supplied_is_answered_right(self) -> None:
        """With 2003's arrangement as changed in April 2003, 04-26/27 are rest days and
        05-06/07 working days (the package has them the other way round)."""
        arrangement = Arrangement(
            2003,
            "国办发明电〔2003〕(May holiday changed)",
            [dt.date(2003, 1, 1), dt.date(2003, 5, 1), dt.date(2003, 5, 2), dt.date(2003, 5, 3)],
        )
        cal = ChinaCalendar([arrangement])
        assert [False, False, True, True] == [
            cal.is_working_day(dt.date(2003, m, d)) for m, d in [(4, 26), (4, 27), (5, 6), (5, 7)]
        ]

    def test_datetime_is_its_date_in_the_zone(self) -> None:
        """A pendulum DateTime on the 调休 Saturday 2022-10-08 is a working day; 2022-10-07
        20:00 UTC is already 10-08 in Xingguo."""
        assert CHINA.is_working_day(pendulum.datetime(2022, 10, 8, 9, tz="Asia/Shanghai"))
        assert CHINA.is_working_day(pendulum.datetime(2022, 10, 7, 20, tz="UTC"))
        assert not CHINA.is_working_day(pendulum.datetime(2022, 10, 7, 15, tz="UTC"))
        assert dt.date(2022, 10, 9) == CHINA.add_working_days(
            pendulum.datetime(2022, 10, 7, 20, tz="UTC"), 1
        )

    def test_naive_datetime_refused(self) -> None:
        """A naive datetime has no day: refused with a WuxingError."""
        with pytest.raises(CalendarError) as info:
            CHINA.is_working_day(dt.datetime(2022, 10, 8, 9))
        assert "naive_datetime" == info.value.code

    @pytest.mark.parametrize("count", [-1, True, 1.5])
    def test_bad_count_refused(self, count: object) -> None:
        """A negative or non-integer count is a CalendarError, not a bare ValueError."""
        with pytest.raises(CalendarError) as info:
            CHINA.add_working_days(dt.date(2022, 10, 8), count)  # type: ignore[arg-type]
        assert "bad_count" == info.value.code


class TestArrangements:
    def test_january_2027_refused_without_it(self) -> None:
        """Without 2027's arrangement the refusal names the year and how to supply it."""
        with pytest.raises(CalendarError) as info:
            CHINA.add_working_days(dt.date(2026, 12, 30), 5)
        message = str(info.value)
        assert "2027" in message
        assert "国务院办公厅关于2027年部分节假日安排的通知" in message
        assert "ChinaCalendar(arrangements=" in message

    def test_january_2027_countable_with_it(self) -> None:
        """With it: from Wednesday 2026-12-30, 12-31, then 01-04 … 01-07 (01-01 to 03 off)."""
        cal = ChinaCalendar([ARR_2027])
        assert dt.date(2027, 1, 7) == cal.add_working_days(dt.date(2026, 12, 30), 5)
        assert cal.is_working_day(dt.date(2027, 1, 31))  # a Sunday worked
        assert not cal.is_working_day(dt.date(2027, 2, 8))  # a Monday off
        assert 2027 in cal.years

    def test_every_problem_at_once(self) -> None:
        """A date outside the year, twice, on both lists, a weekday worked: all reported."""
        with pytest.raises(ValidationError) as info:
            loads_arrangement(
                'year = 2027\nnotice = "n"\nholidays = [2027-01-01, 2028-01-01, 2027-01-01]\n'
                "working_days = [2027-01-01, 2027-01-04]\n"
            )
        assert [
            ("holidays[1]", "outside_year"),
            ("holidays[2]", "duplicate"),
            ("working_days[0]", "overlap"),
            ("working_days[0]", "not_weekend"),
            ("working_days[1]", "not_weekend"),
        ] == [(p.path, p.code) for p in info.value.problems]

    def test_toml_syntax(self) -> None:
        """Text that is not TOML: a ValidationError, code toml_syntax."""
        with pytest.raises(ValidationError) as info:
            loads_arrangement("year = ")
        assert "toml_syntax" == info.value.code

    def test_contradicting_the_package_refused(self) -> None:
        """An arrangement for 2022 that makes 2022-10-08 a rest day contradicts the package."""
        lie = Arrangement(2022, "forged", [dt.date(2022, 10, 3)])
        with pytest.raises(CalendarError) as info:
            ChinaCalendar([lie])
        assert "arrangement_conflict" == info.value.code
        assert "2022-01-03" in str(info.value)  # New Year (observed): the first it contradicts

    def test_two_different_for_one_year_refused(self) -> None:
        """Two different arrangements of one year: refused; the same one twice is fine."""
        other = Arrangement(2027, "other", [dt.date(2027, 1, 1)])
        with pytest.raises(CalendarError) as info:
            ChinaCalendar([ARR_2027, other])
        assert "arrangement_conflict" == info.value.code
        assert (ARR_2027,) == ChinaCalendar([ARR_2027, ARR_2027]).arrangements

    def test_read_and_round_trip(self, tmp_path: object) -> None:
        """From a file, and through JSON, the arrangement is the same value."""
        from pathlib import Path

        path = Path(str(tmp_path)) / "2027.toml"
        path.write_text(TOML_2027, encoding="utf-8")
        assert ARR_2027 == read_arrangement(path)
        assert ARR_2027 == io.load(io.dump(ARR_2027), Arrangement)

    @given(st.permutations(ARR_2027.holidays), st.permutations(ARR_2027.working_days))
    def test_digest_ignores_order(self, days: list[dt.date], worked: list[dt.date]) -> None:
        """The digest names the content, whatever the order of the lists."""
        assert ARR_2027.digest == Arrangement(2027, ARR_2027.notice, days, worked).digest

    @given(st.sampled_from(ARR_2027.holidays))
    def test_digest_changes_with_any_day(self, dropped: dt.date) -> None:
        """Dropping any one holiday changes the digest."""
        fewer = [d for d in ARR_2027.holidays if d != dropped]
        changed = Arrangement(2027, ARR_2027.notice, fewer, ARR_2027.working_days)
        assert ARR_2027.digest != changed.digest

    @given(st.dates(dt.date(2026, 11, 1), dt.date(2027, 10, 31)), st.integers(0, 30))
    def test_add_agrees_with_counting_across_years(self, start: dt.date, n: int) -> None:
        """With 2027 supplied, adding and counting agree across the year boundary."""
        cal = ChinaCalendar([ARR_2027])
        end = cal.add_working_days(start, n)
        assert n == cal.working_days_between(start, end)


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
