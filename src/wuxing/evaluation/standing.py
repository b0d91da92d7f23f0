"""Filling one category's seats when applicants tie: every way of settling the ties at once.

The rules (the explanation page "How scores become a selection" states them for the office):
the qualified are ranked; the reserved seats of each group are filled from the group's ranking,
then the open seats from the whole ranking; a cap passes over an applicant it excludes. Where
equals cannot all be taken, nothing in the rules says who goes first among them. Rather than
let the input order or the ids decide, :func:`fill` follows **every** order among equals at
once and reports what all of them have in common: an applicant is selected when every order
selects it, ``tie_pending`` when some orders do and others do not, and so on. The seats that
differ between the orders are the contested ones; all others are filled as usual.

Equals that are alike in everything the rules look at (their units where a unit cap counts,
their groups where a cap or a reserved seat names one) are interchangeable, so one order
stands for all the orders that only swap them: the search follows distinct *counts* taken from
each such class, not every permutation, and merges the states that coincide. Where the
combinations would still exceed :data:`STATE_BUDGET` states or
:data:`~wuxing.evaluation.equals.NODE_BUDGET` steps at
one group of equals, the search stops there: that group becomes one tie for the office, and
everyone after it waits on that tie (sound, never wrong; settling the tie lets the next
evaluation go further).

A declared draw (``ranking.final = "draw"``) orders every group of equals that cannot all be
taken by the draw's tickets, so there is only one order and nothing to report. An office's
settlement (:class:`~wuxing.model.settlements.Settlement`) of a reported tie fixes the order
of that tie the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from wuxing.evaluation.equals import (
    CAP,
    OUT,
    RES,
    SEL,
    Member,
    Overflow,
    Phase,
    SeatState,
    TieRecord,
    blocking,
)
from wuxing.evaluation.seats import Run
from wuxing.model.categories import Cap
from wuxing.model.settlements import Settlement, TieKind

__all__ = ["STATE_BUDGET", "Search", "fill"]

STATE_BUDGET = 64
"""The most states (distinct partial selections) the search follows at once."""


@attrs.define
class Search:
    """What :func:`fill` found.

    Attributes:
        masks: For each member, the bits of what became of it in some order
            (:data:`~wuxing.evaluation.equals.SEL`, ``CAP``, ``RES``, ``OUT``).
        reserved: Members that took a reserved seat in some order, with the group.
        reserved_always: Members that took a reserved seat in every order.
        capped_by: For each member a cap passed over, the cap's index.
        ties: The ties met, in the order they arose.
        reserve: The reserve list as far as every order agrees on it.
        places: For members on the reserve list in every order, their first and last place.
        draws: Groups of equals ordered by the draw: the members in draw order, how many of
            them took seats (or places), and whether it ordered the reserve list.
        settled: Members of a tie a settlement decided, with the settlement.
        filled_most: The most seats any order fills.
        capped_in_fullest: How many a cap passed over in an order that fills the most seats.
        overflow: The search stopped at a budget.
    """

    masks: list[int]
    reserved: dict[int, str]
    reserved_always: dict[int, str]
    capped_by: dict[int, int]
    ties: list[TieRecord]
    reserve: list[int]
    places: dict[int, tuple[int, int]]
    draws: list[tuple[list[int], int, TieKind]]
    settled: dict[int, Settlement]
    filled_most: int
    capped_in_fullest: int
    overflow: bool


def fill(
    members: Sequence[Member],
    levels: Sequence[Sequence[int]],
    caps: Sequence[Cap],
    ceilings: Sequence[int],
    phases: Sequence[Phase],
    reserve_places: int,
    settlements: Sequence[Settlement] = (),
    ticket: Callable[[str], Any] | None = None,
) -> Search:
    """Fill the seats in every order among equals at once (see the module's rules).

    Args:
        members: The qualified, in rank order (``members[i].index == i``).
        levels: The groups of equals, best first, each a list of member indices in id order.
        caps: The category's caps.
        ceilings: Each cap's ceiling under the quota.
        phases: The reserved seats of each group, then the open seats.
        reserve_places: The length of the reserve list.
        settlements: The office's settlements of this category's ties.
        ticket: The draw's ticket of an application, when the ruleset declares a draw.
    """
    run = Run(members, levels, caps, ceilings, phases, reserve_places, settlements, ticket)
    frontier = [SeatState(0, 0, {}, {}, {})]
    stop: TieRecord | None = None
    for p, phase in enumerate(phases):
        for state in frontier:
            state.room = phase.seats + (state.carry if phase.group is None else 0)
        in_phase = [
            lv
            for lv, indices in enumerate(levels)
            if phase.group is None or any(phase.group in members[i].groups for i in indices)
        ]
        for lv in in_phase:
            if all(s.room <= 0 for s in frontier):
                break
            recorded = len(run.ties)
            try:
                frontier = _advance(run, frontier, lv, phase, (p, lv))
            except Overflow:
                del run.ties[recorded:]  # the step is not taken: its ties are not either
                stop = _stopped(run, frontier, lv, phase, (p, lv))
                break
        if stop is not None:
            break
        if phase.group is not None:
            for state in frontier:
                state.carry += state.room
    if stop is None:
        frontier = _finished(frontier)
    return _collect(run, frontier, stop)


def _finished(frontier: list[SeatState]) -> list[SeatState]:
    """Once every seat is filled, states that took and capped the same applicants are one,
    however many seats each phase left over."""
    alike: dict[tuple[frozenset[int], frozenset[int]], SeatState] = {}
    for state in frontier:
        key = (frozenset(state.taken), frozenset(state.capped))
        if key in alike:
            alike[key].merge(state)
        else:
            alike[key] = state
    return list(alike.values())


def _advance(
    run: Run, frontier: list[SeatState], level: int, phase: Phase, order: tuple[int, ...]
) -> list[SeatState]:
    """Every state through one group of equals; states that coincide are merged. With more
    than one state, the equals taken in some states and not in others wait on the earlier
    ties that made the states differ: they are recorded as a tie that depends on those."""
    single = len(frontier) == 1
    nxt: list[SeatState] = []
    branched = False
    here = run.levels[level]
    taken_here: list[set[int]] = []
    for state in frontier:
        before = set() if single else {i for i in here if i in state.taken}
        after = run.step(state, level, phase, single, order)
        branched = branched or len(after) > 1
        nxt.extend(after)
        if not single:
            taken_here += [{i for i in here if i in s.taken} - before for s in after]
    if taken_here:
        varying = set().union(*taken_here) - taken_here[0].intersection(*taken_here[1:])
        if varying:
            seats = max(len(t & varying) for t in taken_here)
            run.ties.append(
                TieRecord(TieKind.SEATS, phase.name, level, varying, seats, True, order)
            )
    if branched or not single:
        # States that coincide are merged: found by a fingerprint kept up to date as they
        # change, confirmed on the full state (so a long run of several states stays linear).
        seen: dict[tuple[int, int, int], list[SeatState]] = {}
        merged: list[SeatState] = []
        for s in nxt:
            alike = seen.setdefault(s.fingerprint(), [])
            same = next((t for t in alike if t.key() == s.key()), None)
            if same is not None:
                same.merge(s)
            else:
                alike.append(s)
                merged.append(s)
        nxt = merged
    if len(nxt) > STATE_BUDGET:
        raise Overflow
    return nxt


def _stopped(
    run: Run, frontier: Sequence[SeatState], level: int, phase: Phase, order: tuple[int, ...]
) -> TieRecord:
    """Where the budget ran out: the group of equals there becomes one tie (every free one
    of them, for the seats a first-come filling in id order gives them)."""
    members: set[int] = set()
    seats: list[int] = []
    dependent = len(frontier) > 1
    for state in frontier:
        trial = state.copy()
        free = [
            m
            for m in run.pool(trial, level, phase.group)
            if blocking(m, trial.counts, run.ceilings) < 0
        ]
        members |= {m.index for m in free}
        decided = run.decided(state, level)
        dependent = dependent or any(m.cls in decided for m in free)
        for m in free:
            if trial.room > 0 and blocking(m, trial.counts, run.ceilings) < 0:
                trial.take(m, phase.group)
        seats.append(len(trial.taken) - len(state.taken))
    return TieRecord(TieKind.SEATS, phase.name, level, members, max(seats), dependent, order)


def _collect(run: Run, frontier: Sequence[SeatState], stop: TieRecord | None) -> Search:
    members = run.members
    n = len(members)
    masks = [0] * n
    reserved: dict[int, str] = {}
    reserved_count: dict[int, int] = {}
    split: set[int] = set()
    capped_by: dict[int, int] = {}
    layouts: list[list[int | None]] = []
    spans_all: list[dict[int, tuple[int, int]]] = []
    single = len(frontier) == 1
    for state in frontier:
        for i, group in state.taken.items():
            masks[i] |= SEL
            if group is not None:
                if reserved.setdefault(i, group) != group:
                    split.add(i)  # one group's seat in one order, another's in another
                if i not in state.mixed:
                    reserved_count[i] = reserved_count.get(i, 0) + 1
        for i, cap in state.capped.items():
            masks[i] |= CAP
            capped_by.setdefault(i, cap)
        if stop is None:
            layout, bits, spans = run.reserve_of(state, single)
            layouts.append(layout)
            spans_all.append(spans)
            for i, b in bits.items():
                masks[i] |= b
            decided = state.taken.keys() | state.capped.keys() | bits.keys()
            for i in range(n):
                if i not in decided:
                    masks[i] |= OUT
        else:
            for i in range(n):
                if i not in state.taken and i not in state.capped:
                    masks[i] |= SEL | CAP | RES | OUT
    # Equals of one class are interchangeable: what one of them met in some order, each of
    # them meets in the order that swaps them.
    by_class: dict[int, list[int]] = {}
    for m in members:
        by_class.setdefault(m.cls, []).append(m.index)
    always = {
        i: g
        for i, g in reserved.items()
        if reserved_count.get(i) == len(frontier) and i not in split
    }
    for indices in by_class.values():
        if len(indices) > 1:
            union = 0
            for i in indices:
                union |= masks[i]
            group = next((reserved[i] for i in indices if i in reserved), None)
            everyone = all(i in always for i in indices)  # all of them, in every order
            for i in indices:
                masks[i] = union
                if group is not None:
                    reserved[i] = group
                    if not everyone:
                        always.pop(i, None)
    reserve: list[int] = []
    if layouts:
        for place in range(min(len(p) for p in layouts)):
            first = layouts[0][place]
            if first is None or any(p[place] != first for p in layouts):
                break
            reserve.append(first)
    places: dict[int, tuple[int, int]] = {}
    for i in range(n):
        if masks[i] == RES:
            found = [s[i] for s in spans_all if i in s]
            if len(found) == len(spans_all) and found:
                places[i] = (min(f[0] for f in found), max(f[1] for f in found))
    fullest = max(frontier, key=lambda s: len(s.taken))
    # The group where the budget ran out is a tie; everyone still open after it waits on
    # that tie (the selection reports them so).
    ties = [*run.ties, stop] if stop is not None else list(run.ties)
    return Search(
        masks=masks,
        reserved=reserved,
        reserved_always=always,
        capped_by=capped_by,
        ties=ties,
        reserve=reserve,
        places=places,
        draws=run.draws,
        settled=run.settled,
        filled_most=len(fullest.taken),
        capped_in_fullest=len(fullest.capped),
        overflow=stop is not None,
    )
