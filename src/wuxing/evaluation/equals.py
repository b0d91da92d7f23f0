"""Groups of equals as the seat filling sees them: members, their classes, the ways a group
can take its seats, and the state of a filling in progress (:mod:`~wuxing.evaluation.standing`
runs the filling).

Equals that are alike in everything the rules look at (their units where a unit cap counts,
their groups where a cap or a reserved seat names one) are interchangeable: a class. One order
among them stands for all the orders that only swap them, so :func:`ways` lists how *many* of
each class a group of equals can take, not which.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from wuxing.model.settlements import TieKind

__all__ = [
    "CAP",
    "MAX_CLASSES",
    "NODE_BUDGET",
    "OUT",
    "RES",
    "SEL",
    "Member",
    "Overflow",
    "Phase",
    "SeatState",
    "TieRecord",
    "allowed",
    "blocking",
    "fits_all",
    "ways",
]

NODE_BUDGET = 20_000
"""The most steps spent listing the ways one group of equals can take its seats."""

MAX_CLASSES = 200
"""The most classes of equals whose shares the search weighs against each other at once."""

SEL, CAP, RES, OUT = 1, 2, 4, 8
"""Bits of what became of an applicant in one order: selected, capped, reserve, neither."""


class Overflow(Exception):
    """The combinations exceed a budget."""


@attrs.define
class Member:
    """One qualified applicant as the search sees it.

    Attributes:
        index: Its position in the ranking (ties in id order, for display only).
        application_id: The application.
        level: The index of its group of equals.
        keys: The cap counters it adds to: ``(cap index, unit or group)``.
        groups: Its group labels.
        cls: Its class: equals alike in everything the rules look at share one.
    """

    index: int
    application_id: str
    level: int
    keys: tuple[tuple[int, str], ...]
    groups: frozenset[str]
    cls: int


@attrs.frozen
class Phase:
    """One pass of filling: a group's reserved seats, or the open seats (``group`` None)."""

    name: str
    group: str | None
    seats: int


@attrs.define
class TieRecord:
    """A tie the search met.

    Attributes:
        kind: Seats or reserve order.
        phase: Where it arose (``open``, ``reserved:GROUP``, ``cap:…``, ``reserve``).
        level: The group of equals.
        members: The tied members (indices).
        seats: How many of them take seats (for a reserve tie: places on the list).
        dependent: It arose only after an earlier tie, which the office settles first.
        order: The step at which it arose, for reporting in order.
    """

    kind: TieKind
    phase: str
    level: int
    members: set[int]
    seats: int
    dependent: bool
    order: tuple[int, ...]


@attrs.define
class SeatState:
    """A filling in progress: the seats left in the phase, the reserved seats a group left
    empty (for the open seats), each cap's counts, who took a seat (and whether a reserved
    one) and whom a cap passed over."""

    room: int
    carry: int
    counts: dict[tuple[int, str], int]
    taken: dict[int, str | None]  # member → the reserved group whose seat it took, or None
    capped: dict[int, int]  # member → index of the cap that passed it over
    mixed: set[int] = attrs.field(factory=set)  # took a reserved seat on some merged paths
    mark: int = 0  # a running fingerprint of counts, taken and capped, kept as they change

    def copy(self) -> SeatState:
        """An independent copy, for one way of taking a group's seats."""
        return SeatState(
            self.room,
            self.carry,
            dict(self.counts),
            dict(self.taken),
            dict(self.capped),
            set(self.mixed),
            self.mark,
        )

    def take(self, m: Member, group: str | None) -> None:
        """``m`` takes a seat (reserved for ``group``, or an open one)."""
        self.taken[m.index] = group
        self.room -= 1
        self.mark += hash(("taken", m.index))
        for key in m.keys:
            was = self.counts.get(key, 0)
            self.counts[key] = was + 1
            self.mark += hash((key, was + 1)) - hash((key, was))

    def cap(self, i: int, cap: int) -> None:
        """The cap of index ``cap`` passes member ``i`` over."""
        if i not in self.capped:
            self.capped[i] = cap
            self.mark += hash(("capped", i))

    def fingerprint(self) -> tuple[int, int, int]:
        """A cheap summary of :meth:`key`: equal states have equal fingerprints."""
        return (self.room, self.carry, self.mark)

    def key(self) -> tuple[Any, ...]:
        """What the rest of the filling depends on (not which seat each one took, nor which
        cap passed one over)."""
        return (
            self.room,
            self.carry,
            frozenset(self.counts.items()),
            frozenset(self.taken),
            frozenset(self.capped),
        )

    def merge(self, other: SeatState) -> None:
        """Take in a state the rest of the filling cannot tell from this one."""
        for i, group in other.taken.items():
            if self.taken[i] != group:
                self.mixed.add(i)
                if self.taken[i] is None:
                    self.taken[i] = group
        self.mixed |= other.mixed


def blocking(m: Member, counts: dict[tuple[int, str], int], ceilings: Sequence[int]) -> int:
    """The index of the first cap that excludes ``m`` given the counts, or -1."""
    for key in m.keys:
        if counts.get(key, 0) >= ceilings[key[0]]:
            return key[0]
    return -1


def fits_all(
    free: Sequence[Member], room: int, counts: dict[tuple[int, str], int], ceilings: Sequence[int]
) -> bool:
    """Whether all of ``free`` can take seats together: within the room and every cap."""
    if len(free) > room:
        return False
    added: dict[tuple[int, str], int] = {}
    for m in free:
        for key in m.keys:
            added[key] = added.get(key, 0) + 1
            if counts.get(key, 0) + added[key] > ceilings[key[0]]:
                return False
    return True


def ways(
    sizes: Sequence[int],
    keys: Sequence[tuple[tuple[int, str], ...]],
    room: int,
    capacity: dict[tuple[int, str], int],
) -> list[tuple[int, ...]]:
    """Every maximal way of taking ``t[c]`` members of each class ``c``: within the room and
    the caps' capacities, and no class could take one more.

    Raises:
        Overflow: more than :data:`MAX_CLASSES` classes compete, or the listing takes more
            than :data:`NODE_BUDGET` steps.
    """
    n = len(sizes)
    most = [min([sizes[c], *(capacity[k] for k in keys[c])]) for c in range(n)]
    if sum(most) <= room:
        load: dict[tuple[int, str], int] = {}
        for c in range(n):
            for k in keys[c]:
                load[k] = load.get(k, 0) + most[c]
        if all(load[k] <= capacity[k] for k in load):
            return [tuple(most)]  # nothing binds two classes together: one way only
    if n > MAX_CLASSES:
        raise Overflow
    found: list[tuple[int, ...]] = []
    t = [0] * n
    left = dict(capacity)
    nodes = 0

    def visit(i: int, room_left: int) -> None:
        nonlocal nodes
        nodes += 1
        if nodes > NODE_BUDGET:
            raise Overflow
        if i == n:
            if allowed(sizes, keys, room, capacity, t):
                found.append(tuple(t))
            return
        top = min([sizes[i], room_left, *(left[k] for k in keys[i])])
        for v in range(top, -1, -1):
            t[i] = v
            for k in keys[i]:
                left[k] -= v
            visit(i + 1, room_left - v)
            for k in keys[i]:
                left[k] += v
        t[i] = 0

    visit(0, room)
    return found


def allowed(
    sizes: Sequence[int],
    keys: Sequence[tuple[tuple[int, str], ...]],
    room: int,
    capacity: dict[tuple[int, str], int],
    t: Sequence[int],
) -> bool:
    """Whether taking ``t[c]`` of each class is one of the :func:`ways`: within the sizes,
    the room and the capacities, and no class could take one more."""
    left = dict(capacity)
    for c, count in enumerate(t):
        if not 0 <= count <= sizes[c]:
            return False
        for k in keys[c]:
            left[k] -= count
    room_left = room - sum(t)
    if room_left < 0 or any(v < 0 for v in left.values()):
        return False
    return not any(
        t[c] < sizes[c] and room_left > 0 and all(left[k] > 0 for k in keys[c])
        for c in range(len(t))
    )
