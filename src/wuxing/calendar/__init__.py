"""Working days: the :class:`WorkCalendar` protocol and China's official calendar.

China's calendar is weekends plus the official public holidays, minus the adjusted working
days (调休) that the State Council publishes each year. :class:`ChinaCalendar` reads them from
the ``holidays`` package and refuses a year whose notice it does not carry: ``holidays`` would
otherwise *estimate* such a year (holidays without their 调休), which is wrong on exactly the
days that matter. A later year's notice is supplied as data, an :class:`Arrangement` read from
a small TOML file. A county can pass any object with the protocol's three methods.
"""

from __future__ import annotations

from wuxing.calendar.arrangements import Arrangement, loads_arrangement, read_arrangement
from wuxing.calendar.china import (
    FIRST_CHECKED_YEAR,
    ChinaCalendar,
    WeekdayCalendar,
    WorkCalendar,
    as_day,
)

__all__ = [
    "FIRST_CHECKED_YEAR",
    "Arrangement",
    "ChinaCalendar",
    "WeekdayCalendar",
    "WorkCalendar",
    "as_day",
    "loads_arrangement",
    "read_arrangement",
]
