"""Parsing the command line's own values: cut-off times and days."""

from __future__ import annotations

import datetime as dt

import pendulum

from wuxing._core.time import end_of_day
from wuxing.errors import Problem, ValidationError

__all__ = ["parse_at", "parse_day_or_time"]


def parse_at(text: str) -> dt.datetime:
    """An aware datetime from ISO 8601 text with its UTC offset."""
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            [Problem("--at", "bad_datetime", f"{text!r} is not an ISO 8601 date and time")],
            subject="arguments",
        ) from None
    if parsed.tzinfo is None:
        raise ValidationError(
            [Problem("--at", "naive_datetime", "give a UTC offset, e.g. 2023-01-10T17:00+08:00")],
            subject="arguments",
        )
    return pendulum.instance(parsed)


def parse_day_or_time(text: str, time_zone: str) -> dt.datetime:
    """A date (the end of that day in ``time_zone``) or an aware datetime."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return parse_at(text)
    return end_of_day(day, time_zone)
