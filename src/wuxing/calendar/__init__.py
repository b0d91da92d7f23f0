"""Working days: the :class:`WorkCalendar` protocol and China's official calendar.

China's calendar is weekends plus the official public holidays, minus the adjusted working
days (调休) that the State Council publishes each year. :class:`ChinaCalendar` reads them from
the ``holidays`` package and refuses a year whose notice it does not carry: ``holidays`` would
otherwise *estimate* such a year (holidays without their 调休), which is wrong on exactly the
days that matter. A county can pass any object with the protocol's three methods.
"""

from __future__ import annotations

from wuxing.calendar.china import ChinaCalendar, WeekdayCalendar, WorkCalendar

__all__ = ["ChinaCalendar", "WeekdayCalendar", "WorkCalendar"]
