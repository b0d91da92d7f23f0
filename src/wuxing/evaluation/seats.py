"""Filling seats one group of equals at a time: where equals cannot all be taken, the ties the
office settles, the office's settlements and the ruleset's draw; then the reserve list.

:class:`Run` holds what one evaluation of a category needs (its members, groups of equals,
caps, phases, settlements and the draw) and what it found (ties, draws, settlements applied);
:mod:`~wuxing.evaluation.standing` drives it through every state at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from wuxing.evaluation.equals import (
    OUT,
    RES,
    Member,
    Overflow,
    Phase,
    SeatState,
    TieRecord,
    allowed,
    blocking,
    fits_all,
    ways,
)
from wuxing.model.categories import Cap, CapBy
from wuxing.model.settlements import Settlement, TieKind

__all__ = ["Run"]


class Run:
    """One run of the search over a category's members."""

    def __init__(
        self,
        members: Sequence[Member],
        levels: Sequence[Sequence[int]],
        caps: Sequence[Cap],
        ceilings: Sequence[int],
        phases: Sequence[Phase],
        reserve_places: int,
        settlements: Sequence[Settlement],
        ticket: Callable[[str], Any] | None,
    ) -> None:
        self.members = members
        self.levels = levels
        self.caps = caps
        self.ceilings = ceilings
        self.phases = phases
        self.reserve_places = reserve_places
        self.seat_settlements = [s for s in settlements if s.kind is TieKind.SEATS]
        self.reserve_settlements = [s for s in settlements if s.kind is TieKind.RESERVE]
        self.ticket = ticket
        self.by_id = {m.application_id: m.index for m in members}
        self.class_size: dict[int, int] = {}
        for m in members:
            self.class_size[m.cls] = self.class_size.get(m.cls, 0) + 1
        self.ties: list[TieRecord] = []
        self.draws: list[tuple[list[int], int, TieKind]] = []
        self.settled: dict[int, Settlement] = {}

    # -- one group of equals in one state --------------------------------------------------

    def pool(self, state: SeatState, level: int, group: str | None) -> list[Member]:
        """The members of a group of equals still to be placed in a phase (of ``group``)."""
        return [
            self.members[i]
            for i in self.levels[level]
            if i not in state.taken
            and i not in state.capped
            and (group is None or group in self.members[i].groups)
        ]

    def mark_capped(self, state: SeatState, pool: Sequence[Member]) -> None:
        """A member left behind that a cap excludes once the group of equals is done was
        passed over by the cap (a group is only gone through while the phase has seats)."""
        for m in pool:
            if m.index not in state.taken:
                cap = blocking(m, state.counts, self.ceilings)
                if cap >= 0:
                    state.cap(m.index, cap)

    def decided(self, state: SeatState, level: int) -> set[int]:
        """The classes of a group of equals some member of which is already taken or capped:
        which of their equals it was depends on an earlier tie."""
        return {
            self.members[i].cls
            for i in self.levels[level]
            if (i in state.taken or i in state.capped) and self.class_size[self.members[i].cls] > 1
        }

    def step(
        self, state: SeatState, level: int, phase: Phase, single: bool, order: tuple[int, ...]
    ) -> list[SeatState]:
        """Process one group of equals in one state: its successor states."""
        pool = self.pool(state, level, phase.group)
        if not pool or state.room <= 0:
            return [state]
        room = state.room
        free = [m for m in pool if blocking(m, state.counts, self.ceilings) < 0]
        if fits_all(free, room, state.counts, self.ceilings):
            for m in free:
                state.take(m, phase.group)
            self.mark_capped(state, pool)
            return [state]
        if self.ticket is not None:
            return [self._draw(state, pool, free, phase)]
        # The classes of the free members, each with its members in id order.
        classes: dict[int, list[Member]] = {}
        for m in free:
            classes.setdefault(m.cls, []).append(m)
        cls_ids = list(classes)
        sizes = [len(classes[c]) for c in cls_ids]
        keys = [classes[c][0].keys for c in cls_ids]
        capacity = {k: self.ceilings[k[0]] - state.counts.get(k, 0) for ks in keys for k in ks}
        decided = self.decided(state, level)
        dependent = not single or any(c in decided for c in cls_ids)
        try:
            vectors = ways(sizes, keys, room, capacity)
        except Overflow:
            # Too many ways to list: only the office's settlement of the whole group goes on.
            ids = {m.application_id for m in free}
            settlement = None if dependent else self._seat_settlement(ids)
            if settlement is None:
                raise
            chosen = [
                sizes[c] if classes[cls_ids[c]][0].application_id in settlement.chosen else 0
                for c in range(len(cls_ids))
            ]
            if not allowed(sizes, keys, room, capacity, chosen):
                raise
            vectors = [tuple(chosen)]
            for m in free:
                self.settled[m.index] = settlement
        else:
            vectors = self._settle_or_record(
                vectors,
                classes,
                cls_ids,
                sizes,
                keys,
                room,
                capacity,
                dependent,
                level,
                phase,
                order,
            )
        out: list[SeatState] = []
        for v in vectors:
            nxt = state.copy() if len(vectors) > 1 else state
            for c, count in zip(cls_ids, v, strict=True):
                for m in classes[c][:count]:
                    nxt.take(m, phase.group)
            self.mark_capped(nxt, pool)
            out.append(nxt)
        return out

    def _settle_or_record(
        self,
        vectors: list[tuple[int, ...]],
        classes: dict[int, list[Member]],
        cls_ids: Sequence[int],
        sizes: Sequence[int],
        keys: Sequence[tuple[tuple[int, str], ...]],
        room: int,
        capacity: dict[tuple[int, str], int],
        dependent: bool,
        level: int,
        phase: Phase,
        order: tuple[int, ...],
    ) -> list[tuple[int, ...]]:
        """Each independent tie among the classes is decided by the office's settlement of
        exactly that tie (when its choice is one the rules allow), or recorded; the ways of
        taking the seats that remain."""
        for comp, limit in self._components(vectors, sizes, keys, room, capacity):
            comp_members = [m for c in comp for m in classes[cls_ids[c]]]
            settlement = None
            if not dependent:
                settlement = self._seat_settlement({m.application_id for m in comp_members})
            if settlement is not None:
                chosen = settlement.chosen
                fixed = {
                    c: sizes[c] if classes[cls_ids[c]][0].application_id in chosen else 0
                    for c in comp
                }
                kept = [v for v in vectors if all(v[c] == x for c, x in fixed.items())]
                if kept:
                    vectors = kept
                    for m in comp_members:
                        self.settled[m.index] = settlement
                    continue
            members = {m.index for m in comp_members}
            self.ties.append(
                TieRecord(
                    TieKind.SEATS,
                    phase.name if limit is None else self._cap_phase(limit),
                    level,
                    members,
                    max(sum(v[c] for c in comp) for v in vectors),
                    dependent,
                    order,
                )
            )
        return vectors

    def _components(
        self,
        vectors: Sequence[tuple[int, ...]],
        sizes: Sequence[int],
        keys: Sequence[tuple[tuple[int, str], ...]],
        room: int,
        capacity: dict[tuple[int, str], int],
    ) -> list[tuple[list[int], tuple[int, str] | None]]:
        """The independent ties among the classes whose share varies: classes are in one tie
        when they compete for the room or for a cap. Each with the cap that limits it, or
        ``None`` when they compete for the room."""
        varying = [c for c in range(len(sizes)) if any(v[c] < sizes[c] for v in vectors)]
        parent = {c: c for c in varying}

        def root(c: int) -> int:
            while parent[c] != c:
                c = parent[c]
            return c

        def join(group: Sequence[int]) -> None:
            for c in group[1:]:
                parent[root(c)] = root(group[0])

        room_tight = any(sum(v) == room for v in vectors)
        if room_tight:
            join(varying)
        tight_keys: list[tuple[int, str]] = []
        for k, cap in sorted(capacity.items()):
            if any(sum(v[c] for c in range(len(sizes)) if k in keys[c]) == cap for v in vectors):
                tight_keys.append(k)
                join([c for c in varying if k in keys[c]])
        comps: dict[int, list[int]] = {}
        for c in varying:
            comps.setdefault(root(c), []).append(c)
        result: list[tuple[list[int], tuple[int, str] | None]] = []
        for comp in comps.values():
            limit = None
            if not room_tight:
                limit = next((k for k in tight_keys if any(k in keys[c] for c in comp)), None)
            result.append((comp, limit))
        return result

    def _cap_phase(self, key: tuple[int, str]) -> str:
        cap = self.caps[key[0]]
        return "cap:unit" if cap.by is CapBy.UNIT else f"cap:group:{cap.group}"

    def _seat_settlement(self, ids: set[str]) -> Settlement | None:
        for s in self.seat_settlements:
            if s.tied == ids:
                return s
        return None

    def _draw(
        self, state: SeatState, pool: Sequence[Member], free: Sequence[Member], phase: Phase
    ) -> SeatState:
        assert self.ticket is not None
        ticket = self.ticket
        order = sorted(free, key=lambda m: ticket(m.application_id))
        taken = 0
        for m in order:
            if state.room > 0 and blocking(m, state.counts, self.ceilings) < 0:
                state.take(m, phase.group)
                taken += 1
        self.mark_capped(state, pool)
        self.draws.append(([m.index for m in order], taken, TieKind.SEATS))
        return state

    # -- the reserve list -------------------------------------------------------------------

    def reserve_of(
        self, state: SeatState, single: bool
    ) -> tuple[list[int | None], dict[int, int], dict[int, tuple[int, int]]]:
        """One state's reserve list: its places (a member, or None where the place is not
        decided), the bits of each member met, and each listed member's places."""
        places: list[int | None] = []
        bits: dict[int, int] = {}
        spans: dict[int, tuple[int, int]] = {}
        total = self.reserve_places
        for level, indices in enumerate(self.levels):
            if len(places) >= total:
                break
            block = [i for i in indices if i not in state.taken and i not in state.capped]
            if not block:
                continue
            left = total - len(places)
            decided = self.decided(state, level)
            if len(block) == 1:
                i = block[0]
                places.append(None if self.members[i].cls in decided else i)
                bits[i] = RES
                spans[i] = (len(places), len(places))
                continue
            ids = {self.members[i].application_id for i in block}
            dependent = not single or any(self.members[i].cls in decided for i in block)
            settlement = None
            if not dependent:
                settlement = next((s for s in self.reserve_settlements if s.tied == ids), None)
            if settlement is not None:
                order = [self.by_id[a] for a in settlement.chosen]
                for i in order:
                    self.settled[i] = settlement
            elif self.ticket is not None:
                ticket = self.ticket
                order = sorted(block, key=lambda i: ticket(self.members[i].application_id))
                self.draws.append((order, min(left, len(order)), TieKind.RESERVE))
            else:
                first = len(places) + 1
                given = min(left, len(block))
                for i in block:
                    bits[i] = RES if len(block) <= left else RES | OUT
                    if len(block) <= left:
                        spans[i] = (first, first + given - 1)
                places.extend([None] * given)
                self.ties.append(
                    TieRecord(
                        TieKind.RESERVE,
                        "reserve",
                        level,
                        set(block),
                        given,
                        dependent,
                        (len(self.phases), level),
                    )
                )
                continue
            for i in order[:left]:
                places.append(i)
                bits[i] = RES
                spans[i] = (len(places), len(places))
        return places, bits, spans
