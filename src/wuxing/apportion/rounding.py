"""The arithmetic of apportionment, in exact fractions: divisor methods by priority, the
largest remainder on quotas kept within each claimant's bounds.

>>> from fractions import Fraction as F
>>> bounded_quotas(10, [F(100), F(10), F(50)], [0, 3, 0], [2, None, None])
[Fraction(2, 1), Fraction(3, 1), Fraction(5, 1)]
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["bounded_quotas", "highest_averages", "largest_remainder"]


def _priority(method: str, weight: Fraction, seats: int) -> tuple[int, Fraction]:
    """A comparable priority: ``(1, weight)`` for Huntington-Hill's infinite first seat; its
    others are squared (``weight² / (s(s+1))``), which orders them as ``weight / √(s(s+1))``
    does, without a square root."""
    if method == "huntington_hill":
        if seats == 0:
            return (1, weight) if weight > 0 else (0, Fraction(0))
        return (0, weight * weight / (seats * (seats + 1)))
    divisor = seats + 1 if method == "dhondt" else 2 * seats + 1
    return (0, weight / divisor)


def highest_averages(
    method: str, house: int, weights: list[Fraction], lows: list[int], highs: list[int | None]
) -> tuple[list[int], Fraction | None, list[int]]:
    """A divisor method (``dhondt``, ``sainte_lague``, ``huntington_hill``): the seats, and
    for a tie for the last seats its claim and the tied indexes (their seats left open)."""
    seats = list(lows)
    left = house - sum(seats)
    while left > 0:
        open_ = [
            i for i, (s, hi) in enumerate(zip(seats, highs, strict=True)) if hi is None or s < hi
        ]
        best = max(_priority(method, weights[i], seats[i]) for i in open_)
        tied = [i for i in open_ if _priority(method, weights[i], seats[i]) == best]
        if len(tied) > left:
            return seats, best[1], tied
        for i in tied:
            seats[i] += 1
        left -= len(tied)
    return seats, None, []


def bounded_quotas(
    house: int, weights: list[Fraction], lows: list[int], highs: list[int | None]
) -> list[Fraction]:
    """The quotas within bounds: ``clamp(t × weight, low, high)`` adding up to the house."""

    def at(t: Fraction) -> list[Fraction]:
        found = []
        for w, lo, hi in zip(weights, lows, highs, strict=True):
            q = max(Fraction(lo), t * w)
            found.append(q if hi is None else min(q, Fraction(hi)))
        return found

    points = sorted(
        {Fraction(0)}
        | {Fraction(lo) / w for w, lo in zip(weights, lows, strict=True) if w > 0}
        | {
            Fraction(hi) / w
            for w, hi in zip(weights, highs, strict=True)
            if w > 0 and hi is not None
        }
    )
    for left, right in zip(points, [*points[1:], None], strict=True):
        probe = left + 1 if right is None else (left + right) / 2
        free = [i for i, q in enumerate(at(probe)) if q == probe * weights[i] and weights[i] > 0]
        fixed = sum(q for i, q in enumerate(at(probe)) if i not in free)
        total = sum(weights[i] for i in free)
        if total == 0:
            if sum(at(left)) == house:
                return at(left)
            continue
        t = (house - fixed) / total
        if left <= t and (right is None or t <= right):
            return at(t)
    return at(points[-1])  # unreachable when the bounds are feasible


def largest_remainder(
    house: int, weights: list[Fraction], lows: list[int], highs: list[int | None]
) -> tuple[list[int], Fraction | None, list[int]]:
    """Hamilton's method on the quotas within bounds: the seats, and for a tie for the last
    seats the tied remainder and the tied indexes (their seats left open)."""
    quotas = bounded_quotas(house, weights, lows, highs)
    seats = [q.numerator // q.denominator for q in quotas]
    left = house - sum(seats)
    rests = [q - s for q, s in zip(quotas, seats, strict=True)]
    order = sorted((r for r in rests if r > 0), reverse=True)
    if left == 0:
        return seats, None, []
    cut = order[left - 1]
    for i, r in enumerate(rests):
        if r > cut:
            seats[i] += 1
            left -= 1
    tied = [i for i, r in enumerate(rests) if r == cut]
    if len(tied) > left:
        return seats, cut, tied
    for i in tied:
        seats[i] += 1
    return seats, None, []
