"""Exact arithmetic: rounding an exact value once, half away from zero."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["round_half_up"]


def round_half_up(value: Fraction | Decimal | int, places: int) -> Decimal:
    """Round an exact value once, half away from zero, to ``places`` decimal places.

    >>> round_half_up(Fraction(2, 3), 2), round_half_up(Fraction(1, 8), 2)
    (Decimal('0.67'), Decimal('0.13'))
    """
    exact = value if isinstance(value, Fraction) else Fraction(value)
    scaled = exact.numerator * 10**places
    whole, rest = divmod(abs(scaled), exact.denominator)
    if 2 * rest >= exact.denominator:  # half or more: away from zero
        whole += 1
    return Decimal(whole if scaled >= 0 else -whole).scaleb(-places)
