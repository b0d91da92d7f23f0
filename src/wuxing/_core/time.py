"""Time helpers: aware pendulum datetimes, time zones, the end of a day."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache, lru_cache

import pendulum

from wuxing._core.checks import Checks

DEFAULT_TIME_ZONE = "Asia/Shanghai"
"""The time zone of the evaluation unless a ruleset or campaign says otherwise."""


def as_pendulum(value: object) -> object:
    """attrs converter: an aware :class:`~datetime.datetime` becomes a pendulum ``DateTime``.

    Naive datetimes and other values are left as they are, for the validation to refuse.
    """
    if (
        isinstance(value, dt.datetime)
        and not isinstance(value, pendulum.DateTime)
        and value.tzinfo is not None
        and value.utcoffset() is not None
    ):
        return pendulum.instance(value)
    return value


@cache
def _zone_names() -> frozenset[str]:
    # The machine's own zone ("localtime") and the database's aliases for build tools are not
    # names of a place: the same input must mean the same instant on every machine.
    names = zoneinfo.available_timezones() - {"localtime", "Factory", "posixrules"}
    return frozenset(n for n in names if not n.startswith(("posix/", "right/")))


def is_time_zone(name: object) -> bool:
    """Whether ``name`` is an IANA time zone name (e.g. ``"Asia/Shanghai"``, ``"UTC"``).

    ``"localtime"``, the zone of whatever machine runs the code, is not one.

    >>> is_time_zone("Asia/Shanghai"), is_time_zone("localtime"), is_time_zone("Mars/Base")
    (True, False, False)
    """
    if not isinstance(name, str) or not 0 < len(name) <= 64 or name not in _zone_names():
        return False
    try:
        pendulum.timezone(name)
    except Exception:
        return False
    return True


def check_instant(at: object, what: str = "at") -> None:
    """Refuse a cut-off that is not an aware datetime between ``EARLIEST`` and ``LATEST``
    (whole-minute UTC offset), with a :class:`~wuxing.errors.ValidationError` at ``what``."""
    c = Checks("cut-off")
    if c.aware(what, at):
        return
    c.done()


@lru_cache(maxsize=1024)
def end_of_day(day: dt.date, time_zone: str = DEFAULT_TIME_ZONE) -> pendulum.DateTime:
    """The last instant of ``day`` in ``time_zone``: 23:59:59.999999 local time (worked out
    once per day and zone; the instant is immutable).

    >>> end_of_day(pendulum.date(2022, 12, 31)).isoformat()
    '2022-12-31T23:59:59.999999+08:00'
    """
    return pendulum.datetime(
        day.year, day.month, day.day, 23, 59, 59, 999999, tz=pendulum.timezone(time_zone)
    )
