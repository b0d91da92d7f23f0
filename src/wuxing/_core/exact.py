"""Exact arithmetic: rounding an exact value once, half away from zero."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import MAX_EMAX, MIN_EMIN, Decimal, localcontext
from fractions import Fraction

__all__ = ["exact_sum", "round_half_up"]

_SUM_DIGITS = 10_000


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


def exact_sum(values: Iterable[Decimal]) -> Decimal | None:
    """The exact sum of finite decimals, whatever their number of digits.

    The default decimal context keeps 28 significant digits, so that
    ``Decimal("0.5") + Decimal("0.49999999999999999999999999999")`` rounds to 1; here the sum
    is exact. ``None`` when it would need more than 10,000 digits.

    >>> exact_sum([Decimal("0.5"), Decimal("0.49999999999999999999999999999")])
    Decimal('0.99999999999999999999999999999')
    """
    items = [v for v in values if v]
    if not items:
        return Decimal(0)
    high = max(v.adjusted() for v in items)
    low = min(int(v.as_tuple().exponent) for v in items)
    digits = high - low + len(str(len(items))) + 2
    if digits > _SUM_DIGITS:
        return None
    with localcontext() as ctx:
        ctx.prec, ctx.Emax, ctx.Emin = digits, MAX_EMAX, MIN_EMIN
        return sum(items, Decimal(0))
