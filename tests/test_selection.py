"""Selection: the properties of DESIGN §4, hand-written examples of every rule of the
explanation page, and comparisons with an independent brute-force reading of the rules
(``tests/oracle.py``), on generated inputs and on every input of a small space."""

from __future__ import annotations

import hashlib
import itertools
import random
from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from oracle import Entry, Rules, groups_of_equals, standing
from oracle import run as oracle_run
from wuxing import io
from wuxing import strategies as wst
from wuxing.evaluation import equals, evaluate
from wuxing.evaluation import standing as search
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.equals import Member, Phase, SeatState
from wuxing.evaluation.outcomes import Outcome, SelectionResult, UnfilledReason
from wuxing.evaluation.seats import Run
from wuxing.evaluation.selection import Candidate, Choice, choose
from wuxing.model.categories import (
    Cap,
    CapBy,
    Category,
    EntrantKind,
    ReservedSeats,
    Route,
    Scope,
    ShareRounding,
)
from wuxing.model.criteria import Criterion
from wuxing.model.dimensions import Dimension
from wuxing.model.records import AnnualScore
from wuxing.model.settlements import Settlement, TieKind
from wuxing.rulesets import FinalTieBreak, Ranking

AT = wst.SELECTION_AT
D = Decimal
QUALIFIED = {
    Outcome.SELECTED,
    Outcome.RESERVE,
    Outcome.OUT_OF_QUOTA,
    Outcome.TIE_PENDING,
    Outcome.CAPPED,
}
NO_TIE_BREAKS = Ranking(tie_breaks=())


def run(bundle: Bundle) -> SelectionResult:
    return evaluate(bundle, AT)


def shuffled(bundle: Bundle, seed: int) -> Bundle:
    rng = random.Random(seed)
    changes = {}
    for field in ("units", "applications", "sheets", "annual_scores", "flags"):
        items = list(getattr(bundle, field))
        rng.shuffle(items)
        changes[field] = tuple(items)
    return attrs.evolve(bundle, **changes)


def with_annual(bundle: Bundle, applicant: str, value: Decimal) -> Bundle:
    scores = tuple(
        AnnualScore(a.applicant_id, value) if a.applicant_id == applicant else a
        for a in bundle.annual_scores
    )
    return attrs.evolve(bundle, annual_scores=scores)


def category(
    quota: int,
    caps: tuple[Cap, ...] = (),
    reserved: tuple[ReservedSeats, ...] = (),
    reserve: int | None = None,
) -> Category:
    return Category(
        "c",
        "类别",
        "Category",
        Scope(EntrantKind.STAFF),
        quota,
        Route.RECOMMENDED,
        [Criterion("K1", "条件", "A condition.", {Dimension.LOYAL}, Decimal(1), Decimal(10))],
        caps=caps,
        reserved=reserved,
        reserve=reserve,
    )


def cand(app_id: str, total: int, unit: str | None = None, *groups: str) -> Candidate:
    return Candidate(app_id, D(total), (), unit, frozenset(groups))


def outcomes(choice: Choice) -> dict[str, str]:
    return {a: o.value for a, o in choice.outcomes.items()}


def settle(
    tied: set[str], chosen: list[str], kind: TieKind = TieKind.SEATS, sid: str = "S1"
) -> Settlement:
    return Settlement(
        sid,
        "c",
        tied,
        chosen,
        ["office-1", "office-2"],
        "集体研究确定",
        pendulum.datetime(2023, 1, 11, 9, tz="Asia/Shanghai"),
        kind,
    )


CAP_A1 = Cap(CapBy.GROUP, "a", limit=1)
ONE_PER_UNIT = Cap(CapBy.UNIT, limit=1)


class TestTiesWhereTheSeatsAre:
    """Issue cases B, C and D, and several ties in one category."""

    def test_reserved_tie_leaves_the_open_seat_to_the_top_scorer(self) -> None:
        """B: b1, b2 (90, group b) tie for b's one reserved seat; x (95) takes the open
        seat; the tie stays open for one seat, in the reserved phase."""
        choice = choose(
            [cand("b1", 90, None, "b"), cand("b2", 90, None, "b"), cand("x", 95)],
            category(2, reserved=(ReservedSeats("b", 1),)),
            NO_TIE_BREAKS,
        )
        assert ("x",) == choice.selected
        assert [(("b1", "b2"), 1, "reserved:b")] == [
            (t.application_ids, t.seats, t.phase) for t in choice.ties
        ]
        assert {"b1": "tie_pending", "b2": "tie_pending", "x": "selected"} == outcomes(choice)

    def test_reserved_tie_that_both_win(self) -> None:
        """With a second open seat the one not given b's seat takes it: both are selected,
        no tie."""
        choice = choose(
            [cand("b1", 90, None, "b"), cand("b2", 90, None, "b"), cand("x", 95)],
            category(3, reserved=(ReservedSeats("b", 1),)),
            NO_TIE_BREAKS,
        )
        assert {"b1", "b2", "x"} == set(choice.selected)
        assert () == choice.ties

    def test_cap_tie_leaves_the_rest_to_the_next(self) -> None:
        """C: at most one of group a; a1, a2 (90, a) tie for one seat, x (80) is selected."""
        choice = choose(
            [cand("a1", 90, None, "a"), cand("a2", 90, None, "a"), cand("x", 80)],
            category(2, (CAP_A1,)),
            NO_TIE_BREAKS,
        )
        assert ("x",) == choice.selected
        assert [(("a1", "a2"), 1, "cap:group:a")] == [
            (t.application_ids, t.seats, t.phase) for t in choice.ties
        ]

    def test_seats_never_exceed_the_tied(self) -> None:
        """Four tied for the last two seats of a quota of seven: the tie is for two seats."""
        cands = [cand(f"s{i}", 99 - i) for i in range(5)]
        cands += [cand(f"t{i}", 50) for i in range(4)]
        choice = choose(cands, category(7), NO_TIE_BREAKS)
        seats, reserve = choice.ties
        assert (4, 2, TieKind.SEATS) == (len(seats.application_ids), seats.seats, seats.kind)
        assert 5 == len(choice.selected)
        # The two not given a seat will be equals on the reserve list: that waits on tie-1.
        assert (TieKind.RESERVE, ("tie-1",)) == (reserve.kind, reserve.depends_on)

    def test_draw_loser_blocked_by_a_cap_is_capped(self) -> None:
        """D: the draw gives a1 or a2 the one seat of group a; the other is capped, never a
        reserve, and x below them is selected."""
        ranking = Ranking(tie_breaks=(), final=FinalTieBreak.DRAW, seed=7)
        choice = choose(
            [cand("a1", 90, None, "a"), cand("a2", 90, None, "a"), cand("x", 80)],
            category(2, (CAP_A1,)),
            ranking,
        )
        assert "x" in choice.selected
        won = next(a for a in ("a1", "a2") if a in choice.selected)
        lost = "a2" if won == "a1" else "a1"
        assert Outcome.CAPPED == choice.outcomes[lost]
        assert lost not in choice.reserve

    def test_several_ties_in_one_category(self) -> None:
        """A cap tie among u1's two and a boundary tie at the last seat: two ties, the seats
        between them filled."""
        cands = [
            cand("p", 95, "u1"),
            cand("q", 95, "u1"),
            cand("r", 90, "u2"),
            cand("s", 80, "u3"),
            cand("t", 80, "u4"),
        ]
        choice = choose(cands, category(3, (ONE_PER_UNIT,)), NO_TIE_BREAKS)
        assert ("r",) == choice.selected
        assert [(("p", "q"), 1, "cap:unit", ()), (("s", "t"), 1, "open", ())] == [
            (t.application_ids, t.seats, t.phase, t.depends_on) for t in choice.ties
        ]
        assert ["tie-1", "tie-2"] == [t.ref for t in choice.ties]

    def test_a_tie_after_a_reserved_tie_waits_on_it(self) -> None:
        """b1, b2 tie for b's seat; the one left and c tie for the last open seat: the second
        tie names every equal that may be in it and depends on the first."""
        cands = [cand("y", 95), cand("b1", 90, None, "b"), cand("b2", 90, None, "b")]
        cands.append(cand("c", 90))
        choice = choose(cands, category(3, reserved=(ReservedSeats("b", 1),)), NO_TIE_BREAKS)
        assert ("y",) == choice.selected
        first, second = choice.ties
        assert (("b1", "b2"), 1, "reserved:b", ()) == (
            first.application_ids,
            first.seats,
            first.phase,
            first.depends_on,
        )
        assert ("open", ("tie-1",)) == (second.phase, second.depends_on)
        assert {"b1", "b2", "c"} == set(second.application_ids)
        assert 1 == second.seats

    def test_equals_who_both_take_seats_still_tie_over_which(self) -> None:
        """y and z both take seats whichever goes first, but if y takes b's reserved seat it
        also fills its unit before c's seat, so x (same unit) is capped; if z takes it, y
        takes c's seat and x is next on the reserve list. So which seat each takes is a tie
        the office settles, and x's place waits on it."""
        cands = [cand("y", 2, "u1", "b", "c"), cand("z", 2, "u2", "b"), cand("x", 1, "u1", "c")]
        reserved = (ReservedSeats("b", 1), ReservedSeats("c", 1))
        cat = category(2, (ONE_PER_UNIT,), reserved, reserve=1)
        choice = choose(cands, cat, NO_TIE_BREAKS)
        assert ("y", "z") == choice.selected
        first, second = choice.ties
        assert (("y", "z"), 1, "reserved:b", ()) == (
            first.application_ids,
            first.seats,
            first.phase,
            first.depends_on,
        )
        assert (("x",), TieKind.RESERVE, ("tie-1",)) == (
            second.application_ids,
            second.kind,
            second.depends_on,
        )
        gave_y = choose(cands, cat, NO_TIE_BREAKS, [settle({"y", "z"}, ["y"])])
        gave_z = choose(cands, cat, NO_TIE_BREAKS, [settle({"y", "z"}, ["z"])])
        assert (Outcome.CAPPED, ()) == (gave_y.outcomes["x"], gave_y.reserve)
        assert (Outcome.RESERVE, ("x",)) == (gave_z.outcomes["x"], gave_z.reserve)

    def test_a_seat_that_waits_on_an_earlier_tie(self) -> None:
        """a0 and a1 tie for b's reserved seat; if a0 (unit u2) takes it, a3 (u2, the top
        scorer) is capped and a1 takes the open seat; if a1 takes it, a3 does. a3 ties with
        nobody, but its seat waits on tie-1; a1, selected either way, is in no tie."""
        cands = [
            cand("a3", 3, "u2"),
            cand("a0", 2, "u2", "b"),
            cand("a1", 2, "u1", "b", "c"),
            Candidate("a4", D(2), (1,), "u2"),
            cand("a2", 1, None, "a"),
        ]
        cat = category(2, (ONE_PER_UNIT,), (ReservedSeats("b", 1),), reserve=0)
        choice = choose(cands, cat, NO_TIE_BREAKS)
        assert [
            (("a0", "a1"), 1, "reserved:b", ()),
            (("a3",), 1, "open", ("tie-1",)),
        ] == [(t.application_ids, t.seats, t.phase, t.depends_on) for t in choice.ties]
        assert ("a1",) == choice.selected

    def test_unfilled_seats_say_why(self) -> None:
        """Two of a unit capped at one, one tie, and too few qualified: each seat counted."""
        cands = [cand("p", 95, "u1"), cand("q", 90, "u1"), cand("s", 80), cand("t", 80)]
        choice = choose(cands, category(6, (ONE_PER_UNIT,)), NO_TIE_BREAKS)
        assert ("p", "s", "t") == choice.selected
        assert [(UnfilledReason.CAPPED, 1), (UnfilledReason.TOO_FEW_QUALIFIED, 2)] == [
            (u.reason, u.seats) for u in choice.unfilled
        ]
        tied = choose(cands, category(2, (ONE_PER_UNIT,)), NO_TIE_BREAKS)
        assert [(UnfilledReason.TIE_PENDING, 1)] == [(u.reason, u.seats) for u in tied.unfilled]


class TestRanking:
    def test_competition_ranks(self) -> None:
        """Equals share a rank and the next rank skips them: 1, 2, 2, 4."""
        choice = choose(
            [cand("a", 90), cand("b", 80), cand("c", 80), cand("d", 70)],
            category(4),
            NO_TIE_BREAKS,
        )
        assert {"a": 1, "b": 2, "c": 2, "d": 4} == choice.ranks

    def test_tie_break_key_decides_before_the_office(self) -> None:
        """Equal totals, a tie-break value settles it: smaller is better."""
        cands = [Candidate("b", D(80), (2,)), Candidate("c", D(80), (1,))]
        choice = choose(cands, category(1), Ranking(tie_breaks=("annual_score",)))
        assert (("c",), ()) == (choice.selected, choice.ties)
        assert {"b": 2, "c": 1} == choice.ranks

    def test_boundary_tie_reported(self) -> None:
        """Two equal at the last seat: neither is selected, the tie is reported."""
        cands = [cand("a", 90), cand("b", 80), cand("c", 80)]
        choice = choose(cands, category(2), NO_TIE_BREAKS)
        assert ("a",) == choice.selected
        assert [(("b", "c"), 1)] == [(t.application_ids, t.seats) for t in choice.ties]


class TestReserve:
    def test_reserve_length(self) -> None:
        """The reserve list holds exactly as many as the category says, in rank order."""
        cands = [cand(x, t) for x, t in zip("abcdef", (90, 85, 80, 75, 70, 65), strict=True)]
        for length in (0, 1, 3):
            choice = choose(cands, category(2, reserve=length), Ranking(reserve=2))
            assert ("c", "d", "e")[:length] == choice.reserve
        assert ("c", "d") == choose(cands, category(2), Ranking(reserve=2)).reserve

    def test_equals_on_the_reserve_list_are_a_reserve_tie(self) -> None:
        """E: equals on the reserve list are not ordered by id: a reserve tie, the list stops
        before them, and renaming them changes nothing but the names."""
        for names in (("r1", "r2"), ("r2", "r1")):
            cands = [cand("a", 90), cand(names[0], 80), cand(names[1], 80), cand("z", 70)]
            choice = choose(cands, category(1), Ranking(tie_breaks=(), reserve=3))
            assert () == choice.reserve
            assert [(("r1", "r2"), 2, TieKind.RESERVE)] == [
                (t.application_ids, t.seats, t.kind) for t in choice.ties
            ]
            assert (1, 2) == choice.places["r1"] == choice.places["r2"]
            assert (3, 3) == choice.places["z"]

    def test_reserve_tie_at_the_end_of_the_list(self) -> None:
        """Two equals for the one place left: both pending, neither on the list yet."""
        cands = [cand("a", 90), cand("b", 85), cand("r1", 80), cand("r2", 80)]
        choice = choose(cands, category(1), Ranking(tie_breaks=(), reserve=2))
        assert ("b",) == choice.reserve
        assert {"r1": "tie_pending", "r2": "tie_pending"} == {
            a: outcomes(choice)[a] for a in ("r1", "r2")
        }

    def test_capped_are_never_reserves(self) -> None:
        """A second of a unit capped at one, passed over while seats were left, is capped and
        skipped by the reserve list."""
        cands = [cand("a", 90, "u1"), cand("b", 85, "u1"), cand("c", 80), cand("d", 70)]
        choice = choose(cands, category(2, (ONE_PER_UNIT,)), Ranking(reserve=1))
        assert (("a", "c"), ("d",)) == (choice.selected, choice.reserve)
        assert Outcome.CAPPED == choice.outcomes["b"]

    def test_reserve_settlement_orders_the_equals(self) -> None:
        """The office orders the equals on the reserve list; the list then holds them."""
        cands = [cand("a", 90), cand("r1", 80), cand("r2", 80)]
        given = [settle({"r1", "r2"}, ["r2", "r1"], TieKind.RESERVE)]
        choice = choose(cands, category(1), Ranking(tie_breaks=(), reserve=2), given)
        assert ("r2", "r1") == choice.reserve
        assert () == choice.ties


class TestCapsAndReservedSeats:
    @pytest.mark.parametrize(
        ("cap", "quota", "ceiling"),
        [
            (Cap(CapBy.GROUP, "a", limit=3), 10, 3),
            (Cap(CapBy.GROUP, "a", share=D("0.25")), 10, 2),
            (Cap(CapBy.GROUP, "a", share=D("0.25"), rounding=ShareRounding.UP), 10, 3),
            (
                Cap(CapBy.GROUP, "a", share=D("0.25"), rounding=ShareRounding.NEAREST),
                10,
                3,
            ),
            (
                Cap(CapBy.GROUP, "a", share=D("0.24"), rounding=ShareRounding.NEAREST),
                10,
                2,
            ),
            (Cap(CapBy.GROUP, "a", share=D("0.1"), floor=1), 5, 1),
            (Cap(CapBy.GROUP, "a", share=D("0.5"), floor=1), 5, 2),
        ],
    )
    def test_group_cap_ceiling(self, cap: Cap, quota: int, ceiling: int) -> None:
        """A group cap admits exactly its ceiling of the group, and the next one of the group
        is capped while the rest of the quota goes on."""
        cands = [cand(f"a{i}", 99 - i, None, "a") for i in range(ceiling + 1)]
        cands += [cand(f"x{i}", 50 - i) for i in range(quota)]
        choice = choose(cands, category(quota, (cap,)), NO_TIE_BREAKS)
        chosen_a = [a for a in choice.selected if a.startswith("a")]
        assert [f"a{i}" for i in range(ceiling)] == chosen_a
        assert Outcome.CAPPED == choice.outcomes[f"a{ceiling}"]
        assert quota == len(choice.selected)

    def test_reserved_seat_goes_to_the_group(self) -> None:
        """The reserved seat goes to the best of the group, even below others; it says so,
        and those it outranks are told why."""
        cands = [cand("x", 95), cand("y", 90), cand("g", 60, None, "grassroots")]
        choice = choose(
            cands, category(2, reserved=(ReservedSeats("grassroots", 1),)), NO_TIE_BREAKS
        )
        assert ("x", "g") == choice.selected
        assert {"g": "grassroots"} == choice.reserved_for
        assert Outcome.RESERVE == choice.outcomes["y"]

    def test_equals_in_every_reserved_seat_say_so(self) -> None:
        """Two equals of the group take both its seats, below one left out: both say they
        took a reserved seat, and the one left out is told it outranks them."""
        cands = [cand("x", 76), cand("g1", 68, None, "b"), cand("g2", 68, None, "b")]
        choice = choose(cands, category(2, reserved=(ReservedSeats("b", 2),)), NO_TIE_BREAKS)
        assert ("g1", "g2") == choice.selected
        assert {"g1": "b", "g2": "b"} == choice.reserved_for

    def test_equals_who_share_a_reserved_seat(self) -> None:
        """b1 and b2 (told apart by a capped group) tie for b's seat, and the one not given it
        takes an open seat: both selected, no tie; each shares the reserved seat rather than
        holding it."""
        cands = [cand("b1", 90, None, "b", "c"), cand("b2", 90, None, "b"), cand("x", 95)]
        cat = category(3, (Cap(CapBy.GROUP, "c", limit=5),), (ReservedSeats("b", 1),))
        choice = choose(cands, cat, NO_TIE_BREAKS)
        assert (("x", "b1", "b2"), ()) == (choice.selected, choice.ties)
        assert ({}, {"b1": "b", "b2": "b"}) == (choice.reserved_for, choice.shared_reserved)

    def test_equals_who_share_a_reserved_seat_across_phases(self) -> None:
        """p (groups b, c) and q (b) tie for b's seat: if p takes it, c's seat goes back to
        the open seats and q takes one; if q takes it, p takes c's seat. Either way both are
        selected and each shares a reserved seat."""
        cands = [cand("x", 3), cand("p", 2, None, "b", "c"), cand("q", 2, None, "b")]
        reserved = (ReservedSeats("b", 1), ReservedSeats("c", 1))
        choice = choose(cands, category(3, (), reserved, reserve=0), NO_TIE_BREAKS)
        assert (("x", "p", "q"), ()) == (choice.selected, choice.ties)
        assert ({}, {"p": "b", "q": "b"}) == (choice.reserved_for, choice.shared_reserved)

    def test_unfilled_reserved_seats_go_back_to_the_open_seats(self) -> None:
        """A group with fewer members than its seats leaves the rest to the open seats."""
        cands = [cand("x", 95), cand("y", 90), cand("z", 85), cand("g", 60, None, "b")]
        choice = choose(cands, category(3, reserved=(ReservedSeats("b", 2),)), NO_TIE_BREAKS)
        assert ("x", "y", "g") == choice.selected

    def test_unit_cap_counts_every_phase(self) -> None:
        """A unit that took a reserved seat is full for the open seats."""
        cands = [cand("x", 95, "u1"), cand("g", 60, "u1", "b"), cand("y", 50, "u2")]
        choice = choose(
            cands, category(2, (ONE_PER_UNIT,), (ReservedSeats("b", 1),)), NO_TIE_BREAKS
        )
        assert ("g", "y") == choice.selected
        assert Outcome.CAPPED == choice.outcomes["x"]


class TestWays:
    """The ways a group of equals can take its seats (``equals.ways`` and ``allowed``)."""

    def test_room_and_cap_together(self) -> None:
        """Three classes, two seats, the first two sharing a cap of one: every maximal way."""
        keys = (((0, "u"),), ((0, "u"),), ())
        assert [(1, 0, 1), (0, 1, 1)] == equals.ways([1, 1, 1], keys, 2, {(0, "u"): 1})

    def test_nothing_binds(self) -> None:
        """Room and caps for all: one way, all taken."""
        assert [(2, 1)] == equals.ways([2, 1], [(), ((0, "u"),)], 5, {(0, "u"): 1})

    def test_more_than_a_class_has(self) -> None:
        """Taking more of a class than it has is never a way, even with room to spare."""
        assert not equals.allowed([1], [()], 5, {}, (2,))
        assert equals.allowed([1], [()], 5, {}, (1,))

    @pytest.mark.parametrize(
        ("t", "ok"),
        [
            ((1, 0, 1), True),
            ((1, 1, 0), False),  # the cap of one is exceeded
            ((0, 0, 1), False),  # not maximal: a seat and the cap are left
            ((2, 0, 0), False),  # more than the class has
            ((-1, 1, 1), False),
            ((1, 0, 2), False),  # more than the room
        ],
    )
    def test_allowed(self, t: tuple[int, int, int], ok: bool) -> None:
        """A way is allowed when it fits the sizes, the room and the caps, and is maximal."""
        keys = (((0, "u"),), ((0, "u"),), ())
        assert ok == equals.allowed([1, 1, 2], keys, 2, {(0, "u"): 1}, t)


class TestDraw:
    def test_draw_orders_by_ticket(self) -> None:
        """The draw gives the seats in the order of SHA-256("seed:id"), here not the ids'
        order; it is recorded, and the input order does not matter."""
        seed = 2004
        tickets = {a: hashlib.sha256(f"{seed}:{a}".encode()).hexdigest() for a in "bcd"}
        assert ["d", "c", "b"] == sorted(tickets, key=tickets.__getitem__)
        ranking = Ranking(tie_breaks=(), final=FinalTieBreak.DRAW, seed=seed)
        cands = [cand(x, 80) for x in "bcd"]
        first = choose(cands, category(2), ranking)
        assert ("d", "c") == first.selected
        assert [(("d", "c", "b"), 2, seed)] == [
            (d.application_ids, d.seats, d.seed) for d in first.draws
        ]
        assert first == choose(list(reversed(cands)), category(2), ranking)

    def test_draw_orders_the_reserve_list(self) -> None:
        """Equals on the reserve list are ordered by the draw too."""
        ranking = Ranking(tie_breaks=(), final=FinalTieBreak.DRAW, seed=2004, reserve=3)
        choice = choose([cand("a", 90), *(cand(x, 80) for x in "bcd")], category(1), ranking)
        assert ("d", "c", "b") == choice.reserve
        assert [TieKind.RESERVE] == [d.kind for d in choice.draws]


class TestSettlements:
    def test_settles_a_reserved_tie(self) -> None:
        """The office gives b2 the reserved seat: b2 selected, b1 not, the reason names S1."""
        cands = [cand("b1", 90, None, "b"), cand("b2", 90, None, "b"), cand("x", 95)]
        choice = choose(
            cands,
            category(2, reserved=(ReservedSeats("b", 1),)),
            Ranking(tie_breaks=(), reserve=1),
            [settle({"b1", "b2"}, ["b2"])],
        )
        assert ("x", "b2") == choice.selected
        assert ("b1",) == choice.reserve
        assert {"b1", "b2"} == set(choice.settled)

    def test_settles_a_cap_tie(self) -> None:
        """The office gives a2 the one seat of group a: a1 is capped."""
        cands = [cand("a1", 90, None, "a"), cand("a2", 90, None, "a"), cand("x", 80)]
        choice = choose(
            cands, category(2, (CAP_A1,)), NO_TIE_BREAKS, [settle({"a1", "a2"}, ["a2"])]
        )
        assert ("a2", "x") == choice.selected
        assert Outcome.CAPPED == choice.outcomes["a1"]

    def test_choice_the_caps_forbid_is_not_applied(self) -> None:
        """Two of group a for a tie whose cap admits one: the settlement decides nothing."""
        cands = [cand("a1", 90, None, "a"), cand("a2", 90, None, "a"), cand("x", 80)]
        choice = choose(
            cands, category(3, (CAP_A1,)), NO_TIE_BREAKS, [settle({"a1", "a2"}, ["a1", "a2"])]
        )
        assert {} == choice.settled
        assert 1 == len(choice.ties)

    def test_dependent_tie_is_settled_after_the_first(self) -> None:
        """A settlement of the second tie alone decides nothing; with the first it does."""
        cands = [cand("y", 95), cand("b1", 90, None, "b"), cand("b2", 90, None, "b")]
        cands.append(cand("c", 90))
        cat = category(3, reserved=(ReservedSeats("b", 1),))
        second = settle({"b2", "c"}, ["c"], sid="S2")
        assert {} == choose(cands, cat, NO_TIE_BREAKS, [second]).settled
        both = choose(cands, cat, NO_TIE_BREAKS, [settle({"b1", "b2"}, ["b1"]), second])
        assert ("y", "b1", "c") == both.selected
        assert () == both.ties


class TestSearchBudget:
    def test_too_many_ways_make_one_tie_and_the_rest_wait(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Past the budget the group of equals is one tie (the one a cap already excludes is
        not in it) and everyone below waits on it; what was decided above stands; the
        office's settlement of that tie lets the selection go on."""
        monkeypatch.setattr(equals, "NODE_BUDGET", 3)
        cands = [cand("top", 99, "u0")]
        cands += [cand(f"e{i}", 90, f"u{i}") for i in range(5)]
        cands += [cand(f"e{i}b", 10, f"u{i}") for i in range(5)]
        cands.append(cand("low", 50))
        cat = category(3, (ONE_PER_UNIT,))
        choice = choose(cands, cat, NO_TIE_BREAKS)
        assert ("top",) == choice.selected
        first, rest = choice.ties
        assert ({"e1", "e2", "e3", "e4"}, 2, "open", ()) == (
            set(first.application_ids),
            first.seats,
            first.phase,
            first.depends_on,
        )
        assert ("after", ("tie-1",), 2) == (rest.phase, rest.depends_on, rest.seats)
        assert {"e0", "low"} <= set(rest.application_ids)
        assert [(UnfilledReason.TIE_PENDING, 2)] == [(u.reason, u.seats) for u in choice.unfilled]
        given = [settle(set(first.application_ids), ["e1", "e3"])]
        settled = choose(cands, cat, NO_TIE_BREAKS, given)
        assert ("top", "e1", "e3") == settled.selected
        assert {"e1", "e2", "e3", "e4"} == set(settled.settled)
        # The two not given a seat are equals on the reserve list now.
        assert [(("e2", "e4"), TieKind.RESERVE)] == [
            (t.application_ids, t.kind) for t in settled.ties
        ]

    def test_a_tie_before_the_stop_does_not_make_it_wait(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A cap tie that leaves one state behind it (either of u9's two, the same either
        way for the rest) does not make the stopped group depend on it."""
        monkeypatch.setattr(equals, "NODE_BUDGET", 3)
        cands = [cand("p", 99, "u9"), cand("q", 99, "u9")]
        cands += [cand(f"e{i}", 90, f"u{i}") for i in range(4)]
        cands += [cand(f"e{i}b", 10, f"u{i}") for i in range(4)]
        choice = choose(cands, category(3, (ONE_PER_UNIT,)), NO_TIE_BREAKS)
        assert [("cap:unit", ()), ("open", ())] == [
            (t.phase, t.depends_on) for t in choice.ties[:2]
        ]

    def test_too_many_classes(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Past the most classes weighed at once the search stops the same way; a settlement
        the caps forbid does not let it go on."""
        monkeypatch.setattr(equals, "MAX_CLASSES", 2)
        cands = [cand(f"e{i}", 90, f"u{i}") for i in range(3)]
        cands += [cand(f"e{i}b", 10, f"u{i}") for i in range(3)]
        cat = category(2, (ONE_PER_UNIT,))
        ties = choose(cands, cat, NO_TIE_BREAKS).ties
        assert [({"e0", "e1", "e2"}, 2, "open"), ({"e0b", "e1b", "e2b"}, 2, "after")] == [
            (set(t.application_ids), t.seats, t.phase) for t in ties
        ]
        bad = [settle({"e0", "e1", "e2"}, ["e0"])]  # one seat left empty: not allowed
        assert {} == choose(cands, cat, NO_TIE_BREAKS, bad).settled

    def test_too_many_states(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Past the most states at once the search stops the same way, and the ties met in
        the step that overflowed are not reported twice."""
        monkeypatch.setattr(search, "STATE_BUDGET", 1)
        cands = [cand("b1", 90, "u1", "b"), cand("b2", 90, "u2", "b"), cand("x", 80, "u1")]
        choice = choose(
            cands, category(2, (ONE_PER_UNIT,), (ReservedSeats("b", 1),)), NO_TIE_BREAKS
        )
        assert () == choice.selected
        assert [(("b1", "b2"), "reserved:b", 1), (("x",), "after", 1)] == [
            (t.application_ids, t.phase, t.seats) for t in choice.ties
        ]


class TestSeatState:
    def test_merge_keeps_who_held_reserved_seats_on_some_paths(self) -> None:
        """Merging two states that took the same applicants: who took a reserved seat on
        one path and not the other is marked, and keeps the group; marks carry over."""
        one = SeatState(0, 0, {}, {1: "b", 2: None, 3: "c"}, {}, {7})
        other = SeatState(0, 0, {}, {1: None, 2: "b", 3: "c"}, {}, {5})
        one.merge(other)
        assert ({1: "b", 2: "b", 3: "c"}, {1, 2, 5, 7}) == (one.taken, one.mixed)


class TestWhereTheSearchStops:
    """The tie made where the budget runs out (``standing._stopped``), on hand-made states."""

    @staticmethod
    def run_of(*keys: tuple[tuple[int, str], ...], classes: tuple[int, ...] = ()) -> Run:
        members = [
            Member(i, f"m{i}", 0, k, frozenset(), classes[i] if classes else i)
            for i, k in enumerate(keys)
        ]
        return Run(members, [list(range(len(keys)))], [ONE_PER_UNIT], [1], [OPEN], 2, [], None)

    def test_seats_are_the_most_any_state_leaves_them(self) -> None:
        """Two states, one seat left in one and three in the other: the tie is for three,
        and it depends on the ties that made the states differ."""
        run = self.run_of((), (), ())
        record = search._stopped(run, [state(1), state(3)], 0, OPEN, (0, 0))
        assert ({0, 1, 2}, 3, True) == (record.members, record.seats, record.dependent)

    def test_one_state_alone_depends_on_nothing(self) -> None:
        """One state, equals of classes nobody took: the tie stands on its own."""
        record = search._stopped(self.run_of((), ()), [state(2)], 0, OPEN, (0, 0))
        assert (2, False) == (record.seats, record.dependent)

    def test_an_equal_already_taken_makes_it_depend(self) -> None:
        """One state, but one of a class of equals already took a seat: which of them it was
        depends on an earlier tie."""
        run = self.run_of((), (), classes=(0, 0))
        taken = state(2)
        taken.take(run.members[0], None)
        record = search._stopped(run, [taken], 0, OPEN, (0, 0))
        assert ({1}, True) == (record.members, record.dependent)

    def test_seats_are_what_the_caps_allow(self) -> None:
        """Two of one unit capped at one and room for three: one seat, not two."""
        unit = ((0, "u1"),)
        record = search._stopped(self.run_of(unit, unit), [state(3)], 0, OPEN, (0, 0))
        assert ({0, 1}, 1) == (record.members, record.seats)


OPEN = Phase("open", None, 3)


def state(room: int) -> SeatState:
    return SeatState(room, 0, {}, {}, {})


# -- comparisons with the independent reading of the rules -----------------------------------


def rules_of(category_: Category, reserve: int) -> Rules:
    caps = tuple(
        ("unit" if c.by is CapBy.UNIT else "group", c.group, c.ceiling(category_.quota))
        for c in category_.caps
    )
    return Rules(
        category_.quota, caps, tuple((r.group, r.seats) for r in category_.reserved), reserve
    )


def agree(entries: list[Entry], cat: Category, reserve: int) -> None:
    """``choose`` and the brute-force oracle agree on every outcome, the reserve list, the
    seats left to the ties, and every pending application is in a reported tie."""
    cands = [Candidate(e.id, e.total, e.key, e.unit, e.groups) for e in entries]
    choice = choose(cands, cat, Ranking(tie_breaks=(), reserve=reserve))
    expected = standing(entries, rules_of(cat, reserve))
    assert expected.outcomes == outcomes(choice)
    assert expected.reserve == choice.reserve
    certain = sum(1 for v in expected.outcomes.values() if v == "selected")
    pending = sum(u.seats for u in choice.unfilled if u.reason is UnfilledReason.TIE_PENDING)
    assert expected.most_filled - certain == pending
    tied = {a for t in choice.ties for a in t.application_ids}
    assert {a for a, v in expected.outcomes.items() if v == "tie_pending"} <= tied


@st.composite
def small_cases(draw: st.DrawFn, most: int = 6) -> tuple[list[Entry], Category, int]:
    n = draw(st.integers(0, most))
    entries = [
        Entry(
            f"a{i}",
            D(draw(st.integers(1, 3))),
            (draw(st.integers(0, 1)),),
            draw(st.sampled_from(["u1", "u2", "u3", None])),
            draw(st.frozensets(st.sampled_from("abc"))),
        )
        for i in range(n)
    ]
    quota = draw(st.integers(0, 5))
    caps = []
    for group in draw(st.lists(st.sampled_from("ab"), unique=True)):
        caps.append(Cap(CapBy.GROUP, group, limit=draw(st.integers(0, 2))))
    if draw(st.booleans()):
        caps.append(Cap(CapBy.UNIT, limit=draw(st.integers(0, 2))))
    reserved: list[ReservedSeats] = []
    left = quota
    for group in draw(st.lists(st.sampled_from("bc"), unique=True)):
        if left:
            seats = draw(st.integers(1, left))
            left -= seats
            reserved.append(ReservedSeats(group, seats))
    return entries, category(quota, tuple(caps), tuple(reserved)), draw(st.integers(0, 3))


class TestAgainstTheOracle:
    @given(small_cases())
    @settings(max_examples=300)
    def test_every_order_at_once(self, case: tuple[list[Entry], Category, int]) -> None:
        """On generated small campaigns (caps of two families, two reserved groups, many
        equals) the selection is what every order among equals has in common."""
        agree(*case)

    def test_exhaustively_group_caps_and_reserved_seats(self) -> None:
        """Every input of a small space: three candidates with totals 1 or 2 and any of the
        groups a, b; quota 1–3; group a capped at 0 or 1 or not; 0–2 seats reserved for b."""
        shapes = list(itertools.product((1, 2), ("", "a", "b", "ab")))
        for people in itertools.product(shapes, repeat=3):
            entries = [
                Entry(f"a{i}", D(t), (), None, frozenset(g)) for i, (t, g) in enumerate(people)
            ]
            for quota in (1, 2, 3):
                for limit in (None, 0, 1):
                    caps = () if limit is None else (Cap(CapBy.GROUP, "a", limit=limit),)
                    for seats in range(min(quota, 2) + 1):
                        reserved = (ReservedSeats("b", seats),) if seats else ()
                        agree(entries, category(quota, caps, reserved), 1)

    def test_exhaustively_unit_caps(self) -> None:
        """Every input of a small space: four candidates, totals 1 or 2, units u1 or u2, one
        per unit, quota 1–3, the fourth reserved for group b or not."""
        for people in itertools.product(itertools.product((1, 2), ("u1", "u2")), repeat=4):
            for quota in (1, 2, 3):
                for reserved in ((), (ReservedSeats("b", 1),)):
                    entries = [
                        Entry(f"a{i}", D(t), (), u, frozenset("b" if i == 3 else ""))
                        for i, (t, u) in enumerate(people)
                    ]
                    agree(entries, category(quota, (ONE_PER_UNIT,), reserved), 2)

    @given(small_cases(most=5))
    @settings(max_examples=60)
    def test_settling_reaches_every_order(self, case: tuple[list[Entry], Category, int]) -> None:
        """Settling the reported ties one after another, in every way the office could,
        gives exactly the selections and reserve lists of the orders among equals."""
        entries, cat, reserve = case
        cands = [Candidate(e.id, e.total, e.key, e.unit, e.groups) for e in entries]
        ranking = Ranking(tie_breaks=(), reserve=reserve)
        expected = {
            (frozenset(r.selected), tuple(r.reserve))
            for r in standing(entries, rules_of(cat, reserve)).runs
        }
        assert expected == settled_results(cands, cat, ranking, [])

    @given(small_cases(most=6), st.integers(0, 10**6))
    def test_draw_is_one_order(self, case: tuple[list[Entry], Category, int], seed: int) -> None:
        """With a draw, the selection is the oracle's for the order of the draw's tickets."""
        entries, cat, reserve = case
        cands = [Candidate(e.id, e.total, e.key, e.unit, e.groups) for e in entries]
        ranking = Ranking(tie_breaks=(), final=FinalTieBreak.DRAW, seed=seed, reserve=reserve)
        choice = choose(cands, cat, ranking)

        def ticket(e: Entry) -> str:
            return hashlib.sha256(f"{seed}:{e.id}".encode()).hexdigest()

        order = [sorted(g, key=ticket) for g in groups_of_equals(entries)]
        expected = oracle_run(order, rules_of(cat, reserve))
        assert (set(expected.selected), tuple(expected.reserve), expected.capped) == (
            set(choice.selected),
            choice.reserve,
            {a for a, o in choice.outcomes.items() if o is Outcome.CAPPED},
        )
        assert () == choice.ties


def settled_results(
    cands: list[Candidate], cat: Category, ranking: Ranking, given_: list[Settlement]
) -> set[tuple[frozenset[str], tuple[str, ...]]]:
    """Every selection and reserve list the office can reach by settling the first tie that
    waits on no other, in every way, until no tie is left. (Whom a cap passed over may still
    differ between orders that select the same and list the same: an applicant capped in one
    and out of quota in the other is out of quota, and nothing is left to settle.)"""
    choice = choose(cands, cat, ranking, given_)
    if not choice.ties:
        return {(frozenset(choice.selected), choice.reserve)}
    tie = next(t for t in choice.ties if not t.depends_on)
    assert len(tie.application_ids) >= 2, f"{tie} can be settled but ties nobody"
    if tie.kind is TieKind.SEATS:
        choices = [
            c
            for k in range(1, tie.seats + 1)
            for c in itertools.combinations(tie.application_ids, k)
        ]
    else:
        choices = list(itertools.permutations(tie.application_ids))
    found: set[tuple[frozenset[str], tuple[str, ...]]] = set()
    for n, chosen in enumerate(choices):
        s = settle(set(tie.application_ids), list(chosen), tie.kind, f"S{len(given_)}-{n}")
        if s in choose(cands, cat, ranking, [*given_, s]).settled.values():
            found |= settled_results(cands, cat, ranking, [*given_, s])
    assert found, f"no settlement of {tie} is accepted"
    return found


class TestMaximumScore:
    @given(
        st.lists(st.tuples(st.integers(0, 6), st.sampled_from(["u1", "u2", "u3"])), max_size=7),
        st.integers(0, 4),
        st.integers(0, 2),
    )
    def test_every_assignment_of_seats(
        self, items: list[tuple[int, str]], quota: int, limit: int
    ) -> None:
        """With a per-unit cap, the selected and the seats of the ties together have the
        largest sum of totals of any assignment of seats the cap allows (all are tried)."""
        cands = [Candidate(f"a{i}", D(t), (), u) for i, (t, u) in enumerate(items)]
        choice = choose(cands, category(quota, (Cap(CapBy.UNIT, limit=limit),)), NO_TIE_BREAKS)
        best = 0
        for size in range(min(quota, len(cands)) + 1):
            for subset in itertools.combinations(cands, size):
                units = [c.unit_id for c in subset]
                if all(units.count(u) <= limit for u in set(units)):
                    best = max(best, sum(int(c.total) for c in subset))
        by_id = {c.application_id: c for c in cands}
        got = sum(int(by_id[a].total) for a in choice.selected)
        got += sum(int(t.total) * t.seats for t in choice.ties if t.kind is TieKind.SEATS)
        assert best == got


class TestProperties:
    @given(wst.bundles())
    def test_quota_never_exceeded(self, bundle: Bundle) -> None:
        """No category selects more than its quota; selected and unfilled seats make it up."""
        for cat in run(bundle).categories:
            assert len(cat.selected) <= cat.quota
            assert cat.quota == len(cat.selected) + sum(u.seats for u in cat.unfilled)

    @given(wst.bundles())
    def test_selected_are_qualified(self, bundle: Bundle) -> None:
        """Every selected applicant is eligible, unvetoed and at or above the pass mark."""
        assert bundle.ruleset is not None
        pass_mark = bundle.ruleset.scoring.pass_mark
        flagged = {f.applicant_id for f in bundle.flags}
        result = run(bundle)
        for cat in result.categories:
            for app_id in cat.selected:
                outcome = cat.outcome_of(app_id)
                assert outcome.score is not None
                assert outcome.score.total >= pass_mark
                assert outcome.applicant_id not in flagged
                app = next(a for a in bundle.applications if a.id == app_id)
                assert app.submitted_at <= bundle.campaign.deadline_at

    @given(wst.bundles(), st.integers(0, 2**16))
    def test_input_order_does_not_matter(self, bundle: Bundle, seed: int) -> None:
        """Shuffling every list of the bundle gives the same result."""
        assert run(bundle) == run(shuffled(bundle, seed))

    @given(wst.bundles())
    def test_deterministic_through_json(self, bundle: Bundle) -> None:
        """The same result after dump → load of the bundle, and the result round-trips."""
        result = run(bundle)
        assert result == run(io.loads(io.dumps(bundle), Bundle))
        assert result == io.loads(io.dumps(result), SelectionResult)

    @given(wst.bundles(), st.data())
    def test_raising_a_selected_keeps_it_selected(
        self, bundle: Bundle, data: st.DataObject
    ) -> None:
        """Raising a selected applicant's annual score keeps it selected."""
        assert bundle.ruleset is not None
        result = run(bundle).categories[0]
        assume(result.selected and bundle.ruleset.scoring.annual_weight)
        app_id = data.draw(st.sampled_from(result.selected))
        applicant = result.outcome_of(app_id).applicant_id
        after = run(with_annual(bundle, applicant, Decimal(100))).categories[0]
        assert app_id in after.selected

    @given(wst.bundles(), st.data())
    def test_lowering_an_unselected_keeps_it_out(
        self, bundle: Bundle, data: st.DataObject
    ) -> None:
        """Lowering an unselected applicant's annual score never selects it."""
        result = run(bundle).categories[0]
        out = [o.application_id for o in result.outcomes if o.outcome is not Outcome.SELECTED]
        assume(out)
        app_id = data.draw(st.sampled_from(out))
        applicant = result.outcome_of(app_id).applicant_id
        after = run(with_annual(bundle, applicant, Decimal(0))).categories[0]
        assert app_id not in after.selected

    @given(wst.bundles(caps=False, reserved=False))
    def test_exact_fill(self, bundle: Bundle) -> None:
        """With nothing binding and enough qualified, the quota is filled (save a tie)."""
        cat = run(bundle).categories[0]
        qualified = [o for o in cat.outcomes if o.outcome in QUALIFIED]
        pending = sum(u.seats for u in cat.unfilled if u.reason is UnfilledReason.TIE_PENDING)
        if len(qualified) >= cat.quota:
            assert cat.quota == len(cat.selected) + pending
        else:
            assert len(qualified) == len(cat.selected) + pending

    @given(wst.bundles())
    def test_no_unexplained_outranking(self, bundle: Bundle) -> None:
        """A reserve or out-of-quota applicant outranks a selected one only when that one took
        a reserved seat, and both outcomes say so."""
        cat = run(bundle).categories[0]
        for o in cat.outcomes:
            if o.outcome not in (Outcome.RESERVE, Outcome.OUT_OF_QUOTA):
                continue
            assert o.rank is not None
            for app_id in cat.selected:
                chosen = cat.outcome_of(app_id)
                assert chosen.rank is not None
                if chosen.rank > o.rank:
                    assert "reserved_seat" in [r.code for r in chosen.reasons]
                    assert "reserved_seats" in [r.code for r in o.reasons]

    @given(wst.bundles())
    def test_every_pending_application_is_in_a_tie(self, bundle: Bundle) -> None:
        """Each tie_pending application is in a reported tie its reasons name, and the
        reserve list holds reserves only."""
        cat = run(bundle).categories[0]
        tied = {a: t.ref for t in cat.ties for a in t.application_ids}
        for o in cat.outcomes:
            if o.outcome is Outcome.TIE_PENDING:
                assert o.application_id in tied
                assert tied[o.application_id] in [r.ref for r in o.reasons]
        for app_id in cat.reserve:
            assert Outcome.RESERVE == cat.outcome_of(app_id).outcome
