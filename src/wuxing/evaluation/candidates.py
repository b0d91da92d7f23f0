"""A qualified applicant as the selection sees it, the ranking's key, and the draw's tickets.

:mod:`~wuxing.evaluation.selection` chooses among :class:`Candidate`\\ s (and re-exports
these names, so ``from wuxing.evaluation.selection import Candidate`` keeps working).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from decimal import Decimal
from itertools import accumulate, compress, pairwise
from operator import ne
from typing import Any

import attrs

__all__ = ["Candidate", "draw_order", "draw_ticket", "rank_key", "rank_numbers", "ranking_of"]


@attrs.frozen
class Candidate:
    """A qualified applicant, as the selection sees it.

    Attributes:
        application_id: The application.
        total: The published total.
        key: The tie-break values, in the ruleset's order, each "smaller is better".
        unit_id: The applicant's unit, for per-unit caps.
        groups: The application's group labels, for group caps and reserved seats.
        points: The total as a whole number of its last decimal place (``8725`` for
            ``87.25``), as :attr:`Score.points <wuxing.evaluation.scoring.Score.points>` gives
            it, so that the ranking compares integers; worked out from ``total`` when not
            given. Candidates ranked together give it with the same number of places.
    """

    application_id: str
    total: Decimal
    key: tuple[Any, ...] = ()
    unit_id: str | None = None
    groups: frozenset[str] = frozenset()
    points: int | None = None


def rank_key(c: Candidate) -> tuple[Any, ...]:
    """The ranking key: higher total first, then the tie-breaks (ids do not decide)."""
    return (-c.total, *c.key)


def draw_ticket(seed: int, application_id: str) -> str:
    """An application's ticket in the ruleset's draw: the SHA-256 of ``"{seed}:{id}"`` (UTF-8),
    in hexadecimal. The draw orders equals by ticket, lowest first.

    >>> draw_ticket(2022, "dt-t03") == hashlib.sha256(b"2022:dt-t03").hexdigest()
    True
    >>> draw_ticket(2022, "dt-t03")[:12]
    '0b9ed21d3f22'
    """
    return hashlib.sha256(f"{seed}:{application_id}".encode()).hexdigest()


def draw_order(seed: int, application_ids: Sequence[str]) -> tuple[str, ...]:
    """The order a seeded draw gives: by ticket (:func:`draw_ticket`), a function of the seed
    and the ids, not of their order (two equal tickets, which SHA-256 makes practically
    impossible, would fall back to the ids).

    >>> draw_order(7, ["b", "a"]) == draw_order(7, ["a", "b"])
    True
    """
    return tuple(sorted(application_ids, key=lambda a: (draw_ticket(seed, a), a)))


def _whole(values: Sequence[Any]) -> list[int] | None:
    """Exact integers in the same order as ``values`` (integers, or decimals brought to the
    places of the finest), or ``None`` when some value is neither."""
    kinds = set(map(type, values))
    if kinds <= {int}:
        return list(values)
    if not kinds <= {int, Decimal}:
        return None
    distinct = set(values)
    if not all(v.is_finite() for v in distinct if type(v) is Decimal):
        return None
    places = max((-int(v.as_tuple().exponent) for v in distinct if type(v) is Decimal), default=0)
    scaled = {v: int(Decimal(v).scaleb(places)) for v in distinct}
    return [scaled[v] for v in values]


def ranking_of(candidates: Sequence[Candidate]) -> tuple[list[Candidate], list[int]]:
    """The candidates in rank order (:func:`rank_key`, equals by id), and where each group of
    equals starts in that order (then the number of candidates).

    The key of each candidate is made one integer (the total's points, then each tie-break
    value, every column brought to whole numbers and packed in turn above the next one's
    range), so that ranking sorts integers; a tie-break of another type is compared as is.

    >>> ranked, bounds = ranking_of(
    ...     [Candidate("b", Decimal("90.5")), Candidate("a", Decimal("90.5")),
    ...      Candidate("c", Decimal("95"))])
    >>> [c.application_id for c in ranked], bounds
    (['c', 'a', 'b'], [0, 1, 3])
    """
    n = len(candidates)
    if not n:
        return [], [0]
    given = [c.points for c in candidates]
    first = _whole([c.total for c in candidates]) if None in given else given
    columns: list[list[int] | None] = [first]  # type: ignore[list-item]
    tie_breaks = [c.key for c in candidates]
    if len(set(map(len, tie_breaks))) == 1:
        columns += [_whole(column) for column in zip(*tie_breaks, strict=True)]
    else:
        columns.append(None)
    keys: list[Any]
    if any(col is None for col in columns):
        keys = [rank_key(c) for c in candidates]
    else:
        keys = [-v for v in columns[0]]  # type: ignore[union-attr]
        for col in columns[1:]:
            assert col is not None
            low, span = min(col), max(col) - min(col) + 1
            keys = [k * span + (v - low) for k, v in zip(keys, col, strict=True)]
    order = sorted(range(n), key=keys.__getitem__)
    ordered = list(map(keys.__getitem__, order))
    bounds = [0, *compress(range(1, n), map(ne, ordered[1:], ordered)), n]
    if len(bounds) < n + 1:  # equals are ordered by id
        ids = [c.application_id for c in candidates]
        for a, b in pairwise(bounds):
            if b - a > 1:
                order[a:b] = sorted(order[a:b], key=ids.__getitem__)
    return list(map(candidates.__getitem__, order)), bounds


def rank_numbers(bounds: Sequence[int]) -> list[int]:
    """Each position's rank (competition ranking: 1, 2, 2, 4) from where the groups of equals
    start (:func:`ranking_of`).

    >>> rank_numbers([0, 1, 3, 4])
    [1, 2, 2, 4]
    """
    starts = [0] * bounds[-1]
    for a in bounds[:-1]:
        starts[a] = a
    return [a + 1 for a in accumulate(starts, max)]
