"""The selection's short cuts against the long way: ranking on one packed integer key against
sorting the key tuples, and deciding among the best candidates first against deciding among
all of them at once."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import pairwise
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_selection import category, small_cases
from wuxing._core.deferred import DeferredDict, DeferredTuple
from wuxing.evaluation import candidates
from wuxing.evaluation.candidates import (
    Candidate,
    Ranked,
    _packed,
    rank_key,
    rank_numbers,
    ranking_of,
)
from wuxing.evaluation.outcomes import Outcome
from wuxing.evaluation.selection import _choose, choose
from wuxing.model.categories import Category, ReservedSeats
from wuxing.model.rulesets import FinalTieBreak, Ranking


def candidates_of(entries: list[Any]) -> list[Candidate]:
    return [Candidate(e.id, e.total, e.key, e.unit, e.groups) for e in entries]


def by_tuples(cands: list[Candidate]) -> tuple[list[str], list[list[str]]]:
    """Rank order and groups of equals the long way: sort the key tuples, then the ids."""
    ordered = sorted(cands, key=lambda c: (rank_key(c), c.application_id))
    groups: list[list[str]] = []
    last: object = None
    for c in ordered:
        if groups and rank_key(c) == last:
            groups[-1].append(c.application_id)
        else:
            groups.append([c.application_id])
        last = rank_key(c)
    return [c.application_id for c in ordered], groups


keys = st.one_of(
    st.integers(-5, 5),
    st.decimals(min_value=-5, max_value=5, places=2, allow_nan=False, allow_infinity=False),
)


@st.composite
def ranked_cases(draw: st.DrawFn) -> list[Candidate]:
    width = draw(st.integers(0, 2))
    n = draw(st.integers(0, 25))
    with_points = draw(st.booleans())
    cands = []
    for i in range(n):
        hundredths = draw(st.integers(0, 40))
        total = Decimal(hundredths).scaleb(-2)
        cands.append(
            Candidate(
                f"a{draw(st.integers(0, 99)):02d}-{i}",
                total,
                tuple(draw(keys) for _ in range(width)),
                points=hundredths if with_points else None,
            )
        )
    return cands


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(ranked_cases())
def test_packed_ranking_is_the_tuple_ranking(cands: list[Candidate]) -> None:
    """Ranking on the packed integer key gives the order and the groups of equals of sorting
    the key tuples, equals by id."""
    ranked, bounds = ranking_of(cands)
    order, groups = by_tuples(cands)
    assert order == [c.application_id for c in ranked]
    assert groups == [[c.application_id for c in ranked[a:b]] for a, b in pairwise(bounds)]


def ranks_by_tuples(cands: list[Candidate]) -> dict[str, int]:
    """Each candidate's competition rank the long way, in rank order."""
    order, groups = by_tuples(cands)
    ranks: dict[str, int] = {}
    for group in groups:
        ranks.update(dict.fromkeys(group, len(ranks) + 1))
    assert list(ranks) == order
    return ranks


integers = st.integers(-(10**30), 10**30)
numbers = st.one_of(
    keys,
    integers,
    st.decimals(min_value=-50, max_value=50, places=3, allow_nan=False, allow_infinity=False),
    # Equal to an integer or a decimal, of another type; a point moved to the right.
    st.sampled_from([True, False, 1.0, -2.0, Decimal("1E+1"), Decimal("-2E+1"), Decimal("-0")]),
    st.just(Decimal("1.000000000000000000000000000000000001")),
)


@st.composite
def packed_cases(draw: st.DrawFn, points: bool) -> list[Candidate]:
    """Candidates whose key the packed ranking takes (points given, numbers for tie-breaks;
    ``points`` false: the points left out), in id order as the evaluation gives them, in the
    reverse order, or in any order."""
    width = draw(st.integers(0, 3))
    # Each column of a few integers, a few integers and decimals, any integers, or numbers of
    # any kind.
    few = st.sampled_from([Decimal("-0.5"), 0, Decimal("0.50"), 1, Decimal("1.5")])
    kinds = [
        draw(st.sampled_from([st.integers(-3, 3), few, integers, numbers])) for _ in range(width)
    ]
    cands = []
    for i in range(draw(st.integers(1, 30))):
        hundredths = draw(st.integers(0, 12))
        cands.append(
            Candidate(
                f"a{draw(st.integers(0, 99)):02d}-{i}",
                Decimal(hundredths).scaleb(-2),
                tuple(draw(kind) for kind in kinds),
                points=hundredths if points else None,
            )
        )
    arrangement = draw(st.sampled_from(["by id", "reversed", "as drawn"]))
    if arrangement != "as drawn":
        cands.sort(key=lambda c: c.application_id, reverse=arrangement == "reversed")
    return cands


places = st.lists(st.integers(-3, 32), max_size=3)
"""Places up to which the best candidates are read first (a negative one: all but the last
few, as a slice)."""


def assert_tuple_ranking(cands: list[Candidate], reads: Sequence[int] = ()) -> None:
    """The ranking, its groups of equals and the ranks are those of the long way, also after
    the best few were read first (up to each place of ``reads`` in turn), as the selection
    reads them."""
    standing = Ranked.of(cands)
    order, groups = by_tuples(cands)
    for place in reads:
        head = [c.application_id for c in standing.ranked(place)]
        assert order[:place] == head
        end = standing.group_start(place)
        if end >= 0:
            assert [order[a:b] for a, b in pairwise(standing.bounds(end))] == [
                g for g in groups if order.index(g[0]) < end
            ]
    assert Ranked.of(cands) == standing
    assert standing != cands  # (a ranking is not its list of candidates)
    assert order == [standing.ids[i] for i in standing.order]
    bounds = standing.bounds()
    assert groups == [order[a:b] for a, b in pairwise(bounds)]
    assert ranks_by_tuples(cands) == standing.ranks
    assert list(standing.ranks) == order
    for place in range(1, len(cands) + 2):
        start = standing.group_start(place)
        assert start == min([b for b in bounds if b >= place], default=len(cands))
        assert standing.bounds(start) == [*(b for b in bounds if b < start), start]
    ranked, starts = ranking_of(cands)
    assert [c.application_id for c in ranked] == order
    assert starts == bounds


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(packed_cases(points=True), st.sampled_from([1, 3, candidates._MANY]), places)
def test_the_packed_key_ranks_as_the_tuples(
    cands: list[Candidate], many: int, reads: list[int]
) -> None:
    """With points given and tie-breaks that are numbers (integers and decimals of any places,
    and values of another type equal to one of them), the ranking packs one integer per
    candidate, and ranks as sorting the key tuples does, equals by id, whatever the order the
    candidates come in; a lone tie-break with more distinct values than the ranking numbers
    as it meets them is packed as several are. The best few read first are those too."""
    with mock.patch.object(candidates, "_MANY", many):
        if all(type(v) in (int, Decimal) for c in cands for v in c.key):
            assert _packed(cands) is not None
            if len(cands[0].key) == 1:  # numbered as met, unless there are too many
                distinct = {v for c in cands for v in c.key}
                assert (candidates._lone(cands) is not None) == (len(distinct) <= many)
        assert_tuple_ranking(cands, reads)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(packed_cases(points=False), places)
def test_without_points_the_ranking_is_the_same(cands: list[Candidate], reads: list[int]) -> None:
    """Without points the ranking takes the long way round (the totals made whole numbers),
    with the same result."""
    assert _packed(cands) is None
    assert_tuple_ranking(cands, reads)


def test_tie_breaks_keep_their_exact_values() -> None:
    """Integers with decimals of a positive exponent in one column, and a decimal of more places
    than the decimal context holds, keep their exact values in the packed key."""
    cands = [
        Candidate("a", Decimal(1), (5,), points=1),
        Candidate("b", Decimal(1), (Decimal("1E+1"),), points=1),
        Candidate("c", Decimal(1), (3,), points=1),
    ]
    assert ["c", "a", "b"] == [c.application_id for c in ranking_of(cands)[0]]
    assert {"c": 1, "a": 2, "b": 3} == Ranked.of(cands).ranks
    finer = Decimal("1.000000000000000000000000000000000001")  # more places than a context
    cands = [
        Candidate("a", Decimal(1), (finer,), points=1),
        Candidate("b", Decimal(1), (1,), points=1),
    ]
    assert {"b": 1, "a": 2} == Ranked.of(cands).ranks


@pytest.mark.parametrize(
    "values",
    [
        ["1E+999999", "1", "-1E+999999"],
        ["1E-999999", "0", "1"],
        ["1" + "0" * 2500 + ".5", "1" + "0" * 2500, "-1"],
        ["0.1", "1E+2000", "1E-2000", "0.1"],
    ],
)
def test_tie_breaks_too_far_apart_are_compared_as_they_are(values: list[str]) -> None:
    """Decimals too large, too small or too far apart to be made whole numbers in reason are
    compared as they are, one or several tie-breaks, with or without points."""
    for points in (True, False):
        for width in (1, 2):
            cands = [
                Candidate(f"a{i}", Decimal(1), (Decimal(v),) * width, points=1 if points else None)
                for i, v in enumerate(values)
            ]
            assert_tuple_ranking(cands)


@st.composite
def odd_cases(draw: st.DrawFn) -> list[Candidate]:
    """Tie-break values the packed key cannot take: text, infinities, keys of different
    lengths; the ranking then sorts the key tuples themselves."""
    kind = draw(st.sampled_from(["text", "infinite", "ragged"]))
    values: dict[str, st.SearchStrategy[Any]] = {
        "text": st.sampled_from(["a", "b", "c"]).map(lambda v: (v,)),
        "infinite": st.sampled_from(["-Infinity", "1", "1.5", "Infinity"]).map(
            lambda v: (Decimal(v),)
        ),
        "ragged": st.lists(st.integers(0, 2), max_size=2).map(tuple),
    }
    return [
        Candidate(f"a{i}", Decimal(draw(st.integers(0, 3))), draw(values[kind]))
        for i in range(draw(st.integers(0, 12)))
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(odd_cases())
def test_keys_that_cannot_be_packed_rank_as_tuples(cands: list[Candidate]) -> None:
    """Where a tie-break value is not a number the packed key can hold, the ranking is still
    the tuple ranking."""
    ranked, bounds = ranking_of(cands)
    order, groups = by_tuples(cands)
    assert order == [c.application_id for c in ranked]
    assert groups == [[c.application_id for c in ranked[a:b]] for a, b in pairwise(bounds)]


def decide(cands: list[Candidate], cat: Category, ranking: Ranking, first: int | None) -> Any:
    ranked, bounds = ranking_of(cands)
    ranks = {c.application_id: a + 1 for a, b in pairwise(bounds) for c in ranked[a:b]}
    assert list(ranks.values()) == rank_numbers(bounds)
    assert ranks == Ranked.of(cands).ranks
    places = ranking.reserve if cat.reserve is None else cat.reserve
    return _choose(Ranked.of(cands), cat, ranking, (), places, first)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(small_cases(most=24), st.integers(1, 8), st.booleans())
def test_deciding_among_the_best_first_changes_nothing(
    case: tuple[list[Any], Category, int], first: int, draw: bool
) -> None:
    """With caps, reserved seats, ties and a reserve list, deciding among the best few first
    (and more when that does not settle everything) gives the choice of deciding among all."""
    entries, cat, reserve = case
    ranking = Ranking(
        tie_breaks=(),
        reserve=reserve,
        final=FinalTieBreak.DRAW if draw else FinalTieBreak.REPORT,
        seed=7 if draw else None,
    )
    cands = candidates_of(entries)
    assert decide(cands, cat, ranking, None) == decide(cands, cat, ranking, first)


def test_a_reserved_seat_far_down_the_ranking_is_found() -> None:
    """The one candidate of a group with a reserved seat ranks last, far below the first
    candidates decided among: it still takes the seat, and the best other is the reserve."""
    cat = category(1, (), (ReservedSeats("b", 1),))
    cands = [Candidate(f"a{i}", Decimal(100 - i)) for i in range(80)]
    cands.append(Candidate("z", Decimal(1), groups=frozenset("b")))
    ranking = Ranking(tie_breaks=(), reserve=1)
    for first in (1, 4, None):
        choice = decide(cands, cat, ranking, first)
        assert ("z",) == choice.selected
        assert ("a0",) == choice.reserve
        assert Outcome.OUT_OF_QUOTA is choice.outcomes["a1"]


def test_the_decision_reads_only_the_best() -> None:
    """Among 300 candidates for 4 seats, two to a total (given in id order, and in reverse),
    the selection decides among the best and leaves every rank, outcome and the order of all
    to be worked out when read; read, they are those of the rule: equals share a rank (1, 1,
    3, 3, ...) and are ranked by id."""
    cat = category(4, reserve=0)
    ranking = Ranking(tie_breaks=())
    ids = [f"a{i:03d}" for i in range(300)]
    for arrangement in (ids, ids[::-1]):
        cands = [Candidate(a, Decimal(1000 - int(a[1:]) // 2)) for a in arrangement]
        choice = choose(cands, cat, ranking)
        assert not choice.ranks.is_built  # type: ignore[attr-defined]
        assert not choice.order.is_built  # type: ignore[attr-defined]
        assert not choice.outcomes.is_built  # type: ignore[attr-defined]
        assert ("a000", "a001", "a002", "a003") == choice.selected
        assert () == choice.ties
        assert tuple(ids) == choice.order
        assert {a: 2 * (n // 2) + 1 for n, a in enumerate(ids)} == choice.ranks
        expected = dict.fromkeys(ids, Outcome.OUT_OF_QUOTA)
        expected.update(dict.fromkeys(ids[:4], Outcome.SELECTED))
        assert expected == choice.outcomes
        assert list(expected) == list(choice.outcomes)


def test_the_fields_for_every_candidate_are_of_one_kind() -> None:
    """Whether the selection decided among the best or among all, the ranks, the order and
    the outcomes are the same kinds of value."""
    ranking = Ranking(tie_breaks=())
    for n in (5, 300):
        cands = [Candidate(f"a{i:03d}", Decimal(1000 - i)) for i in range(n)]
        choice = choose(cands, category(2, reserve=0), ranking)
        assert isinstance(choice.ranks, DeferredDict)
        assert isinstance(choice.order, DeferredTuple)
        assert isinstance(choice.outcomes, DeferredDict)


def test_a_list_changed_after_the_choice_changes_nothing() -> None:
    """A caller that reuses its list of candidates once the choice is made (reversed,
    emptied) finds the ranks, the order and the outcomes of the candidates it gave."""
    ranking = Ranking(tie_breaks=())
    for change in (list.reverse, list.clear):
        cands = [Candidate(f"a{i:03d}", Decimal(1000 - i)) for i in range(300)]
        choice = choose(cands, category(2, reserve=0), ranking)
        change(cands)
        assert ("a000", "a001", "a002") == tuple(choice.order[:3])
        assert 1 == choice.ranks["a000"]
        assert Outcome.SELECTED is choice.outcomes["a001"]
        assert Outcome.OUT_OF_QUOTA is choice.outcomes["a002"]
