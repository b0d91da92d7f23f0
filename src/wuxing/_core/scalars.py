"""The converter's hooks for single values: strings, integers, booleans, decimals, dates,
datetimes and enums, each refusing what it cannot read exactly, with a stable code.

See :func:`~wuxing._core.convert.make_converter` for the rules they carry out.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, Final

import pendulum

from wuxing._core.bounds import EARLIEST, LATEST
from wuxing._core.text import REFUSED, a_kind, describe, refused_character

__all__ = ["MAX_DIGITS", "MAX_STRING", "BadValue", "LongNumber", "wrong_type"]

MAX_STRING: Final = 100_000
"""The most characters of any string the converter reads (the model's limits are lower)."""
MAX_DIGITS: Final = 40
"""The most digits of an integer the converter reads."""

_DECIMAL: Final = re.compile(r"\A-?[0-9]{1,30}(?:\.[0-9]{1,20})?\Z")
_DATE: Final = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DATETIME: Final = re.compile(
    r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?\Z"
)


class LongNumber(str):
    """A JSON integer written with more than :data:`MAX_DIGITS` digits, kept as its text so
    that reading it costs nothing; every field refuses it."""

    __slots__ = ()


class BadValue(ValueError):
    """A structuring hook's refusal, with a stable code and a message for a field whose value
    must not be shown."""

    def __init__(self, code: str, message: str, hidden: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.hidden = hidden if hidden is not None else message


def wrong_type(expected: str, value: object) -> BadValue:
    return BadValue(
        "wrong_type",
        f"{expected}, got {describe(value)}",
        f"{expected}, got {a_kind(value)}",
    )


def _too_long_number(value: LongNumber) -> BadValue:
    return BadValue(
        "too_large",
        f"a number of {len(value):,} digits; at most {MAX_DIGITS} are read",
        "a number too long to read",
    )


def structure_str(value: object, cl: type) -> Any:
    if type(value) is str and len(value) <= MAX_STRING and not REFUSED.search(value):
        if cl is str:
            return value
        if issubclass(cl, Enum):
            return structure_enum(value, cl)
        return value
    if issubclass(cl, Enum):
        return structure_enum(value, cl)
    if type(value) is not str:
        raise wrong_type("must be a string", value)
    if len(value) > MAX_STRING:
        raise BadValue("too_long", f"must be at most {MAX_STRING:,} characters")
    raise BadValue("bad_character", f"must not contain {refused_character(value)}")


def structure_int(value: object, _: type) -> int:
    if isinstance(value, LongNumber):
        raise _too_long_number(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise wrong_type("must be an integer", value)
    if abs(value) >= 10**MAX_DIGITS:
        raise BadValue("too_large", f"must have at most {MAX_DIGITS} digits")
    return value


def structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise wrong_type("must be true or false", value)
    return value


def structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, str) and not isinstance(value, LongNumber):
        if len(value) > 60 or not _DECIMAL.match(value):
            raise BadValue(
                "bad_decimal",
                f"{describe(value)} is not a decimal number: ASCII digits with an optional "
                "'-' and one '.', at most 30 digits before it and 20 after, e.g. \"98.9\"",
                "is not a decimal number",
            )
        return Decimal(value)
    if isinstance(value, Decimal):  # a JSON or TOML number with a fraction, read exactly
        if not value.is_finite():
            raise BadValue("not_finite", f"must be a finite number, got {value}")
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        if not -20 <= exponent <= 30 or value.adjusted() >= 30:
            raise BadValue(
                "too_large", f"{describe(value)} is out of range: at most 30 digits, 20 places"
            )
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 10**30:
            raise BadValue("too_large", "must have at most 30 digits")
        return Decimal(value)
    if isinstance(value, LongNumber):
        raise _too_long_number(value)
    raise wrong_type(
        'must be a decimal number (e.g. "98.9" or 98.9)',
        value,
    )


def structure_datetime(value: object, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        shape = _DATETIME.match(value) if len(value) <= 40 else None
        if shape is None:
            raise BadValue(
                "bad_datetime",
                f"{describe(value)} is not an ISO 8601 date and time "
                "(e.g. 2022-12-31T17:00:00+08:00)",
                "is not an ISO 8601 date and time",
            )
        if shape.group(1) is None:
            raise BadValue(
                "naive_datetime",
                f"{value} has no UTC offset; write it with one, e.g. 2022-12-31T17:00:00+08:00",
                "has no UTC offset",
            )
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise BadValue(
                "bad_datetime", f"{value!r} is not a date and time that exists"
            ) from None
        if EARLIEST.year <= parsed.year <= LATEST.year:  # the shape gave whole minutes
            return pendulum.instance(parsed)
    else:
        raise wrong_type("must be an ISO 8601 string", value)
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise BadValue(
            "naive_datetime",
            f"{parsed.isoformat()} has no UTC offset; write it with one, "
            "e.g. 2022-12-31T17:00:00+08:00",
        )
    if not EARLIEST <= parsed.date() <= LATEST:
        raise BadValue(
            "out_of_range", f"must lie between {EARLIEST} and {LATEST}, got {parsed.date()}"
        )
    if parsed.utcoffset() % dt.timedelta(minutes=1):  # type: ignore[operator]
        raise BadValue("bad_offset", f"the UTC offset {parsed.utcoffset()} is not whole minutes")
    return pendulum.instance(parsed)


def unstructure_datetime(value: dt.datetime) -> str:
    return value.isoformat()


def unstructure_decimal(value: Decimal) -> str:
    return format(value, "f")


def structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and len(value) == 10 and _DATE.match(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise BadValue("bad_date", f"{value!r} is not a date that exists") from None
        if not EARLIEST <= day <= LATEST:
            raise BadValue("out_of_range", f"must lie between {EARLIEST} and {LATEST}, got {day}")
        return day
    raise BadValue(
        "bad_date",
        f"must be an ISO 8601 date (YYYY-MM-DD), got {describe(value)}",
        "must be an ISO 8601 date (YYYY-MM-DD)",
    )


@cache
def allowed_values(kind: type[Enum]) -> str:
    """The values of an enum, for a message: ``'town', 'township', …``, and the Chinese words
    read for them (``'镇', '乡', …``) when the enum has them."""
    words = list(zh_words(kind))
    listed = ", ".join(repr(m.value) for m in kind)
    return f"{listed} (or {', '.join(repr(w) for w in words)})" if words else listed


@cache
def zh_words(kind: type[Enum]) -> dict[str, Enum]:
    """The Chinese word of each member of an enum that has a ``zh`` property, e.g.
    ``{'镇': UnitKind.TOWN, …}``; empty for an enum without one."""
    found: dict[str, Enum] = {}
    for member in kind:
        word = getattr(member, "zh", None)
        if isinstance(word, str) and word not in found:
            found[word] = member
    return found


def structure_enum(value: object, kind: type[Enum]) -> Enum:
    """A member of ``kind`` from its value (its code), or from its Chinese word: documents may
    say ``"镇"`` for ``"town"``; the code is what is written back."""
    try:
        return kind(value)
    except (ValueError, TypeError):
        if isinstance(value, str) and value in zh_words(kind):
            return zh_words(kind)[value]
        allowed = allowed_values(kind)
        raise BadValue(
            "unknown_value", f"must be one of {allowed}, got {describe(value)}"
        ) from None


def unstructure_enum(member: Enum) -> Any:
    return member.value
