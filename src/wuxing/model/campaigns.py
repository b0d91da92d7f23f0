"""Campaigns: one year's run of a ruleset in a county."""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum

from wuxing._core.checks import Checks
from wuxing._core.text import describe
from wuxing._core.time import DEFAULT_TIME_ZONE, end_of_day, is_time_zone
from wuxing.model.bounds import YEAR

__all__ = ["Campaign"]


@attrs.frozen
class Campaign:
    """One year's selection under a ruleset (评选活动).

    Args:
        id: The identifier, e.g. ``"xingguo-2022"``.
        ruleset_id: The ruleset whose rules apply.
        year: The year evaluated.
        deadline: The last day for applications (申报截止日); applications are in time until
            the end of that day (23:59:59.999999) in :attr:`time_zone`.
        time_zone: The campaign's time zone, ``"Asia/Shanghai"`` unless set.
        title: A title for printouts; optional.

    >>> import datetime as dt
    >>> c = Campaign("xg-2022", "xingguo-2022", 2022, dt.date(2022, 12, 31))
    >>> c.deadline_at.isoformat()
    '2022-12-31T23:59:59.999999+08:00'
    """

    id: str
    ruleset_id: str
    year: int
    deadline: dt.date
    time_zone: str = DEFAULT_TIME_ZONE
    title: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Campaign")
        c.ident("id", self.id)
        c.ident("ruleset_id", self.ruleset_id)
        c.integer("year", self.year, YEAR)
        c.date("deadline", self.deadline)
        c.that(
            is_time_zone(self.time_zone),
            "time_zone",
            "unknown_time_zone",
            f"{describe(self.time_zone)} is not an IANA time zone name (e.g. 'Asia/Shanghai')",
        )
        c.text("title", self.title, optional=True)
        c.done()

    @property
    def deadline_at(self) -> pendulum.DateTime:
        """The last instant at which an application is in time."""
        return end_of_day(self.deadline, self.time_zone)
