"""Bounds: the ranges a value may take, so that every input costs bounded work.

A :class:`DecimalRange` is an interval and a number of decimal places; an :class:`IntRange`
an interval of integers. The model declares one for each field (:mod:`wuxing.model.bounds`);
a value outside it is refused with a problem that names the bound. Places are counted as
written, trailing zeros included: ``"1.50"`` has two. That is what keeps exact arithmetic
cheap: a decimal with at most six places and fifteen integer digits is at most 21 digits long,
whereas ``"1e-99999999"`` would make every sum a hundred-million-digit number.

Dates and times lie between :data:`EARLIEST` and :data:`LATEST`, so that moving one into any
time zone, or a few years on, never leaves what a datetime can hold.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

import attrs

__all__ = [
    "ANY_DECIMAL",
    "ANY_INT",
    "EARLIEST",
    "LATEST",
    "LONG_TEXT",
    "SHORT_TEXT",
    "DecimalRange",
    "IntRange",
]

EARLIEST: Final = dt.date(1900, 1, 1)
"""The earliest date (and day of a datetime) the library accepts."""
LATEST: Final = dt.date(2999, 12, 31)
"""The latest date (and day of a datetime) the library accepts."""

SHORT_TEXT: Final = 500
"""The most characters of a name or title."""
LONG_TEXT: Final = 10_000
"""The most characters of free text: descriptions, notes, grounds, reasons."""

_MAX_EXPONENT: Final = 18


@attrs.frozen
class DecimalRange:
    """Exact decimals from ``minimum`` to ``maximum`` with at most ``places`` decimal places.

    >>> score = DecimalRange(Decimal(0), Decimal(100), 4)
    >>> str(score), score.problem(Decimal("87.5"))
    ('0 to 100, at most 4 decimal places', None)
    >>> score.problem(Decimal("1e-99999999"))
    ('too_many_places', 'must have at most 4 decimal places, got 99999999')
    """

    minimum: Decimal
    maximum: Decimal
    places: int

    def __str__(self) -> str:
        return f"{self.minimum} to {self.maximum}, at most {self.places} decimal places"

    def problem(self, value: Decimal) -> tuple[str, str] | None:
        """``(code, message)`` when ``value`` is outside the range, else ``None``.

        Cheap for any finite decimal, however long its exponent.
        """
        if not value.is_finite():
            return "not_finite", f"must be a finite number, got {value}"
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        if exponent < -self.places:
            return "too_many_places", (
                f"must have at most {self.places} decimal places, got {-exponent}"
            )
        if value < self.minimum:
            return "too_small", f"must be at least {self.minimum}, got {_short(value)}"
        if value > self.maximum:
            return "too_large", f"must be at most {self.maximum}, got {_short(value)}"
        if exponent > _MAX_EXPONENT:
            return "too_large", f"has an exponent of {exponent}; write it out in digits"
        return None


@attrs.frozen
class IntRange:
    """Integers from ``minimum`` to ``maximum``.

    >>> IntRange(0, 100).problem(-5)
    ('negative', 'must be at least 0, got -5')
    """

    minimum: int
    maximum: int

    def __str__(self) -> str:
        return f"{self.minimum} to {self.maximum}"

    def problem(self, value: int) -> tuple[str, str] | None:
        """``(code, message)`` when ``value`` is outside the range, else ``None``."""
        if value < self.minimum:
            code = "negative" if self.minimum == 0 else "too_small"
            return code, f"must be at least {self.minimum}, got {_short(value)}"
        if value > self.maximum:
            return "too_large", f"must be at most {self.maximum}, got {_short(value)}"
        return None


def _short(value: object) -> str:
    if isinstance(value, int) and abs(value) > 10**30:
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    text = str(value)
    return text if len(text) <= 30 else f"{text[:12]}…({len(text)} characters)"


ANY_DECIMAL: Final = DecimalRange(Decimal(-(10**15)), Decimal(10**15), 6)
"""The range of a decimal field that declares none."""
ANY_INT: Final = IntRange(-(10**9), 10**9)
"""The range of an integer field that declares none."""
