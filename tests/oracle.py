"""An independent, brute-force reading of the selection rules, for the tests to compare with.

Written from the explanation page "How scores become a selection", not from the library's
code: it tries **every** order among equals (every permutation of each group of equal
candidates), fills the seats one applicant at a time in that order, and reports what the
orders have in common. It is exponential in the size of the groups of equals; the tests feed
it a handful of candidates.

The rules it applies, per order:

* phases: each reserved group's seats (its members only), then the open seats (the quota
  less the reserved seats, plus every reserved seat a group left empty), everybody not yet
  taken;
* within a phase, candidates in the order; one is taken while seats are left and no cap it
  counts under is full;
* when a group of equals has been gone through in a phase that still had seats when the group
  came up, each of them not taken whom a cap now excludes is *capped*; a capped candidate is
  out of every later phase and off the reserve list;
* the reserve list: the next ``reserve`` candidates in the order, neither taken nor capped.

Across the orders: selected in all → selected; in some → tie_pending; else capped in all →
capped; on the reserve list in all → reserve; on it in some → tie_pending; else out of quota.
The reserve list reported is the longest start on which all orders agree.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Entry:
    """A qualified candidate: id, total, tie-break key (smaller better), unit, groups."""

    id: str
    total: Decimal
    key: tuple[int, ...] = ()
    unit: str | None = None
    groups: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rules:
    """Quota, caps ``(by, group, ceiling)`` with by ``"unit"`` or ``"group"``, reserved seats
    ``(group, seats)``, reserve length."""

    quota: int
    caps: tuple[tuple[str, str | None, int], ...] = ()
    reserved: tuple[tuple[str, int], ...] = ()
    reserve: int = 2


@dataclass
class Run:
    """What one order gives."""

    selected: dict[str, str | None] = field(default_factory=dict)  # id → reserved group
    capped: set[str] = field(default_factory=set)
    reserve: list[str] = field(default_factory=list)


def groups_of_equals(entries: Sequence[Entry]) -> list[list[Entry]]:
    """Candidates grouped by (total, key), best first; each group in id order."""
    ordered = sorted(entries, key=lambda e: (-e.total, e.key, e.id))
    found: list[list[Entry]] = []
    for e in ordered:
        if found and (found[-1][0].total, found[-1][0].key) == (e.total, e.key):
            found[-1].append(e)
        else:
            found.append([e])
    return found


def orders(entries: Sequence[Entry]) -> Iterator[list[list[Entry]]]:
    """Every order: one permutation of each group of equals."""
    for perm in itertools.product(*(itertools.permutations(g) for g in groups_of_equals(entries))):
        yield [list(g) for g in perm]


def _keys(e: Entry, rules: Rules) -> list[tuple[int, str]]:
    found = []
    for n, (by, group, _) in enumerate(rules.caps):
        if by == "unit" and e.unit is not None:
            found.append((n, e.unit))
        elif by == "group" and group in e.groups:
            found.append((n, str(group)))
    return found


def run(order: list[list[Entry]], rules: Rules) -> Run:
    """Fill the seats in one order."""
    out = Run()
    counts: dict[tuple[int, str], int] = {}

    def excluded(e: Entry) -> bool:
        return any(counts.get(k, 0) >= rules.caps[k[0]][2] for k in _keys(e, rules))

    phases = [(g, s) for g, s in rules.reserved]
    phases.append((None, rules.quota - sum(s for _, s in rules.reserved)))
    left_over = 0
    for group, seats in phases:
        room = seats + (left_over if group is None else 0)
        for equals in order:
            here = [
                e
                for e in equals
                if e.id not in out.selected
                and e.id not in out.capped
                and (group is None or group in e.groups)
            ]
            if not here:
                continue
            room_at_start = room
            for e in here:
                if room > 0 and not excluded(e):
                    out.selected[e.id] = group
                    room -= 1
                    for k in _keys(e, rules):
                        counts[k] = counts.get(k, 0) + 1
            if room_at_start > 0:
                for e in here:
                    if e.id not in out.selected and excluded(e):
                        out.capped.add(e.id)
        if group is not None:
            left_over += room
    for equals in order:
        for e in equals:
            listed = e.id in out.selected or e.id in out.capped
            if len(out.reserve) < rules.reserve and not listed:
                out.reserve.append(e.id)
    return out


@dataclass
class Standing:
    """What every order has in common."""

    outcomes: dict[str, str]
    reserve: tuple[str, ...]
    most_filled: int
    runs: list[Run]


def standing(entries: Sequence[Entry], rules: Rules) -> Standing:
    """Run every order; each candidate's outcome, the agreed reserve list, the fullest fill."""
    runs = [run(o, rules) for o in orders(entries)]
    outcomes = {}
    for e in entries:
        seen = set()
        for r in runs:
            if e.id in r.selected:
                seen.add("selected")
            elif e.id in r.capped:
                seen.add("capped")
            elif e.id in r.reserve:
                seen.add("reserve")
            else:
                seen.add("out")
        if "selected" in seen:
            outcomes[e.id] = "selected" if seen == {"selected"} else "tie_pending"
        elif seen == {"capped"}:
            outcomes[e.id] = "capped"
        elif "reserve" in seen:
            outcomes[e.id] = "reserve" if seen == {"reserve"} else "tie_pending"
        else:
            outcomes[e.id] = "out_of_quota"
    agreed: list[str] = []
    for place in range(min((len(r.reserve) for r in runs), default=0)):
        if len({r.reserve[place] for r in runs}) != 1:
            break
        agreed.append(runs[0].reserve[place])
    return Standing(outcomes, tuple(agreed), max(len(r.selected) for r in runs), runs)
