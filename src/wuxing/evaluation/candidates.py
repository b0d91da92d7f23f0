"""A qualified applicant as the selection sees it, the ranking, and the draw's tickets.

:mod:`~wuxing.evaluation.selection` chooses among :class:`Candidate`\\ s, ranked by
:meth:`Ranked.of` (and re-exports these names, so
``from wuxing.evaluation.selection import Candidate`` keeps working).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, Inexact, Rounded
from functools import reduce
from itertools import accumulate, compress, islice
from operator import eq
from typing import Any

import attrs

__all__ = [
    "Candidate",
    "Ranked",
    "draw_order",
    "draw_ticket",
    "rank_key",
    "rank_numbers",
    "ranking_of",
]


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


_DIGITS = 1000
"""The most digits a tie-break value made whole may have: decimals further apart (or larger)
than that are compared as they are."""

_EXACT = Context(prec=3 * _DIGITS, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact, Rounded])
"""Where adding decimals and moving their point never rounds (and says so if it would)."""


def _places(distinct: Iterable[Any]) -> int | None:
    """How many decimal places the finest of ``distinct`` has (none for integers, and never
    fewer than none, so that an integer stays whole): those of their exact sum; ``None`` when
    some decimal is out of reach (see :data:`_DIGITS`).

    >>> _places([Decimal("1.5"), 2, Decimal("0.25"), Decimal("1E+1")])
    2
    """
    decimals = [v for v in distinct if type(v) is Decimal]
    if not all(-_DIGITS < v.adjusted() < _DIGITS for v in decimals):
        return None
    try:
        total = reduce(_EXACT.add, decimals, Decimal(0))
    except (Inexact, Rounded):
        return None
    places = max(0, -int(total.as_tuple().exponent))
    return places if places < _DIGITS else None


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
    places = _places(distinct)
    if places is None:
        return None
    scaled = {v: int(Decimal(v).scaleb(places, _EXACT)) for v in distinct}
    return [scaled[v] for v in values]


def _column(distinct: Iterable[Any]) -> tuple[dict[Any, int], int] | None:
    """Each distinct value of a tie-break column as an exact integer (decimals brought to the
    places of the finest), and the width of their range; ``None`` when some value is not an
    integer or a finite decimal."""
    distinct = list(distinct)
    if not all(type(v) is int or (type(v) is Decimal and v.is_finite()) for v in distinct):
        return None
    # A value of another type equal to one of these (True to 1, 1.0 to Decimal("1")) is the
    # same number: it compares as that one does, and takes its integer.
    places = _places(distinct)
    if places is None:
        return None
    scale = 10**places
    whole = {v: v * scale if type(v) is int else int(v.scaleb(places, _EXACT)) for v in distinct}
    return whole, max(whole.values()) - min(whole.values()) + 1


_MANY = 256
"""How many distinct values of a lone tie-break the ranking numbers as it meets them."""


class _TooMany(Exception):
    """More distinct values than :data:`_MANY`."""


class _Numbered(dict[Any, int]):
    """Numbers each value when first asked for it, from 0 up (equal values alike), and gives
    up past :data:`_MANY` of them."""

    def __missing__(self, value: Any) -> int:
        if len(self) == _MANY:
            raise _TooMany
        number = self[value] = len(self)
        return number


def _lone(candidates: Sequence[Candidate]) -> list[int] | None:
    """The packed key of candidates with one tie-break of few distinct values: each value is
    numbered as met, in one pass; the numbers are turned into the values' places in their
    order (0, 1, 2, ...), which are packed below the points."""
    numbered = _Numbered()
    try:
        met = [numbered[v] for c in candidates for (v,) in (c.key,)]
    except _TooMany:
        return None
    column = _column(numbered)
    if column is None:
        return None
    places = [0] * len(numbered)
    for place, value in enumerate(sorted(numbered, key=column[0].__getitem__)):
        places[numbered[value]] = place
    span = len(places)
    return [places[i] - c.points * span for c, i in zip(candidates, met, strict=True)]  # type: ignore[operator]


def _packed(candidates: Sequence[Candidate]) -> list[int] | None:
    """The packed ranking key of each candidate (see :func:`_keys`) when every candidate gives
    its points and every tie-break value is an integer or a finite decimal; else ``None``.

    A column of integers is packed as it is; the distinct values of any other are made
    integers once and looked up. A column's integers differ by less than its span, so the
    packed keys compare as the tuples do."""
    try:
        if len(candidates[0].key) == 1:  # one tie-break, the usual case: fewer passes
            lone = _lone(candidates)
            if lone is not None:
                return lone
        columns = list(zip(*[c.key for c in candidates], strict=True))
        keys = [-c.points for c in candidates]  # type: ignore[operator]
        for values in columns:
            if set(map(type, values)) <= {int}:
                span = max(values) - min(values) + 1
                keys = [k * span + v for k, v in zip(keys, values, strict=True)]
                continue
            column = _column(set(values))
            if column is None:
                return None
            whole, span = column
            keys = [k * span + whole[v] for k, v in zip(keys, values, strict=True)]
    except (TypeError, ValueError):  # no points, keys of different lengths, unhashable values
        return None
    return keys


def _keys(candidates: Sequence[Candidate]) -> list[Any]:
    """Each candidate's ranking key, in the same order: one integer (the total's points, then
    each tie-break value, every column brought to whole numbers and packed in turn above the
    next one's range), or the key tuple (:func:`rank_key`) when some value is of another kind."""
    packed = _packed(candidates)
    if packed is not None:
        return packed
    given = [c.points for c in candidates]
    first = _whole([c.total for c in candidates]) if None in given else given
    columns: list[list[int] | None] = [first]  # type: ignore[list-item]
    tie_breaks = [c.key for c in candidates]
    if len(set(map(len, tie_breaks))) == 1:
        columns += [_whole(column) for column in zip(*tie_breaks, strict=True)]
    else:
        columns.append(None)
    if any(col is None for col in columns):
        return [rank_key(c) for c in candidates]
    keys = [-v for v in columns[0]]  # type: ignore[union-attr]
    for col in columns[1:]:
        assert col is not None
        low, span = min(col), max(col) - min(col) + 1
        keys = [k * span + (v - low) for k, v in zip(keys, col, strict=True)]
    return keys


class Ranked:
    """Candidates in rank order (:func:`rank_key`, equals by id), as the selection reads them.

    The candidates are sorted once, by :meth:`of`; the rest is worked out as far as it is
    read. The selection reads the best few of a category (:meth:`group_start`,
    :meth:`ranked`, :meth:`bounds` up to a place), and equals among those are put in id order
    then; the order of all (:attr:`order`) and every rank (:attr:`ranks`) are worked out when
    first read. Threads reading one ranking at once may each work out the same part; none
    reads a part half worked out.

    Attributes:
        candidates: The candidates, as given (a copy: a caller may change its own list).

    >>> ranked = Ranked.of(
    ...     [Candidate("b", Decimal("90.5")), Candidate("a", Decimal("90.5")),
    ...      Candidate("c", Decimal("95"))])
    >>> [c.application_id for c in ranked.ranked()], ranked.ranks
    (['c', 'a', 'b'], {'c': 1, 'a': 2, 'b': 2})
    """

    __slots__ = ("_done", "_equal_so_far", "_ids", "_keys", "_order", "_ranks", "candidates")

    def __init__(self, candidates: Sequence[Candidate], keys: list[Any], order: list[int]):
        self.candidates = tuple(candidates)
        self._ids: list[str] | None = None
        self._keys = keys
        self._order = order  # (equals in id order in the first ``_done`` places)
        self._done = 0
        self._equal_so_far: list[int] = []  # (the places equal to the one before, up to there)
        self._ranks: dict[str, int] | None = None

    @classmethod
    def of(cls, candidates: Sequence[Candidate]) -> Ranked:
        """Rank ``candidates``: sort their keys (:func:`_keys`), which keeps equals in the
        order given (equals given out of id order are put in id order when read)."""
        keys = _keys(candidates) if candidates else []
        order = list(range(len(candidates)))
        order.sort(key=keys.__getitem__)
        return cls(candidates, keys, order)

    def __repr__(self) -> str:
        return f"Ranked({[c.application_id for c in self.ranked()]!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ranked):
            return NotImplemented
        return self.candidates == other.candidates  # (the same candidates rank alike)

    __hash__ = None  # type: ignore[assignment]

    @property
    def ids(self) -> list[str]:
        """The candidates' application ids, as given."""
        ids = self._ids
        if ids is None:
            ids = self._ids = [c.application_id for c in self.candidates]
        return ids

    @property
    def order(self) -> list[int]:
        """The candidates' positions (as given) in rank order."""
        self._settle(len(self._order))
        return self._order

    @property
    def ranks(self) -> dict[str, int]:
        """Each candidate's rank (competition ranking: 1, 2, 2, 4), in rank order."""
        ranks = self._ranks
        if ranks is None:
            order = self.order
            numbers = list(range(1, len(order) + 1))
            for p in self._equal_so_far:
                numbers[p] = numbers[p - 1]
            ids = self.ids
            ranks = self._ranks = dict(zip(map(ids.__getitem__, order), numbers, strict=True))
        return ranks

    def _equal(self, start: int, end: int) -> list[int]:
        """The places from ``start`` to ``end`` whose candidate equals the one before it
        (``start`` only when it does)."""
        keys = self._keys
        ordered = list(map(keys.__getitem__, islice(self._order, max(start - 1, 0), end)))
        first = max(start, 1)
        return list(compress(range(first, end), map(eq, islice(ordered, 1, None), ordered)))

    def _settle(self, end: int) -> None:
        """Put equals given out of id order in id order, in the first ``end`` places (a place
        where a group of equals starts)."""
        done = self._done
        if end <= done:
            return
        equal = self._equal(done, end)
        if equal:  # the evaluation gives the candidates in id order: nothing to do then
            order, cands = self._order, self.candidates
            after = set(equal)
            last = done

            def by_id(i: int) -> str:
                return cands[i].application_id

            for p in equal:
                if p < last:
                    continue  # (in a group put in id order just now)
                if not cands[order[p]].application_id < cands[order[p - 1]].application_id:
                    continue
                start, last = p - 1, p + 1
                while start in after:
                    start -= 1
                while last in after:
                    last += 1
                order[start:last] = sorted(order[start:last], key=by_id)
        self._equal_so_far += equal
        self._done = end

    def ranked(self, end: int | None = None) -> list[Candidate]:
        """The candidates in rank order (the first ``end`` of them)."""
        n = len(self._order)
        self._settle(n if end is None or end < 0 else self.group_start(end))
        return list(map(self.candidates.__getitem__, self._order[:end]))

    def group_start(self, place: int) -> int:
        """The first place at or after ``place`` where a group of equals starts (the number of
        candidates when none does)."""
        keys, order = self._keys, self._order
        n = len(order)
        while 0 < place < n and keys[order[place]] == keys[order[place - 1]]:
            place += 1
        return min(place, n)

    def bounds(self, end: int | None = None) -> list[int]:
        """Where each group of equals starts (of those that start before ``end``), then
        ``end`` (by default the number of candidates)."""
        n = len(self._order) if end is None else end
        if not n:
            return [0]
        equal = set(self._equal(0, min(n, len(self._order)))) if n > 1 else set()
        return [0, *(p for p in range(1, n) if p not in equal), n]


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
    ranked = Ranked.of(candidates)
    return ranked.ranked(), ranked.bounds()


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
