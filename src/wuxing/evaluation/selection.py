"""Selection: from qualified, scored applicants to the selected, the reserve and the rest.

The steps, per category (see the explanation page "How scores become a selection"):

1. rank the qualified by total (the published, rounded total), then by the ruleset's
   tie-breaks; applicants equal on all of them share a rank;
2. fill the reserved seats of each group from that group's ranking, then the remaining seats
   from the whole ranking, in rank order, skipping an applicant a cap excludes (``capped``);
3. a tie group that does not fit in the seats left is a boundary tie: decided by the office's
   settlement of exactly that tie when one is given, else reported for the office
   (``tie_pending``; the seats stay open) or, when the ruleset declares a draw, ordered by a
   draw seeded with the ruleset's seed and the application ids only, and recorded;
4. the next qualified in rank order form the reserve list; the rest are ``out_of_quota``.

With caps from one family (per unit, or disjoint groups) this rank-order filling gives the
maximum-score feasible selection. With overlapping cap families it gives the
lexicographically best one by rank (each selected applicant is the best that could still be
taken), which is what a ranking can defend; a different set may have a larger sum.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from wuxing.evaluation.outcomes import Draw, Reason, TiePending
from wuxing.model.categories import Cap, CapBy, Category
from wuxing.model.rulesets import FinalTieBreak, Ranking
from wuxing.model.settlements import Settlement, TieKind

__all__ = ["Candidate", "Choice", "choose", "draw_order", "rank_key"]


@attrs.frozen
class Candidate:
    """A qualified applicant, as the selection sees it.

    Attributes:
        application_id: The application.
        total: The published total.
        key: The tie-break values, in the ruleset's order, each "smaller is better".
        unit_id: The applicant's unit, for per-unit caps.
        groups: The application's group labels, for group caps and reserved seats.
    """

    application_id: str
    total: Decimal
    key: tuple[Any, ...] = ()
    unit_id: str | None = None
    groups: frozenset[str] = frozenset()


def rank_key(c: Candidate) -> tuple[Any, ...]:
    """The ranking key: higher total first, then the tie-breaks (ids do not decide)."""
    return (-c.total, *c.key)


def draw_order(seed: int, application_ids: Sequence[str]) -> tuple[str, ...]:
    """The order a seeded draw gives: a function of the seed and the ids, not their order.

    >>> draw_order(7, ["b", "a"]) == draw_order(7, ["a", "b"])
    True
    """

    def ticket(app_id: str) -> str:
        return hashlib.sha256(f"{seed}:{app_id}".encode()).hexdigest()

    return tuple(sorted(application_ids, key=lambda a: (ticket(a), a)))


@attrs.frozen
class Choice:
    """What :func:`choose` decided for one category.

    Attributes:
        selected: Selected, in rank order.
        capped: Passed over by a cap, with the cap's reason.
        ties: The ties left to the office.
        draws: Ties settled by the declared draw.
        settled: The settlement that decided each application of a settled tie.
        ranks: Each candidate's rank (competition ranking: 1, 2, 2, 4).
        reserved_for: The selected who took a seat reserved for a group, with the group.
        order: All candidates in rank order (ties by id, for display only).
    """

    selected: tuple[str, ...]
    capped: dict[str, Reason]
    ties: tuple[TiePending, ...]
    draws: tuple[Draw, ...]
    ranks: dict[str, int]
    order: tuple[str, ...]
    reserved_for: dict[str, str] = attrs.field(factory=dict)
    settled: dict[str, Settlement] = attrs.field(factory=dict)


def _in_group(group: str) -> Callable[[Candidate], bool]:
    return lambda c: group in c.groups


def _groups_of(
    ranked: Sequence[Candidate], keys: dict[str, tuple[Any, ...]]
) -> list[list[Candidate]]:
    groups: list[list[Candidate]] = []
    last: tuple[Any, ...] | None = None
    for c in ranked:
        key = keys[c.application_id]
        if groups and key == last:
            groups[-1].append(c)
        else:
            groups.append([c])
        last = key
    return groups


class _Caps:
    """Counts of the selected per cap, and whether one more fits."""

    def __init__(self, caps: Sequence[Cap], quota: int) -> None:
        self.caps = [(cap, cap.ceiling(quota)) for cap in caps]
        self.counts: dict[tuple[int, str], int] = {}

    @staticmethod
    def _keys(cap: Cap, c: Candidate) -> str | None:
        if cap.by is CapBy.UNIT:
            return c.unit_id
        return cap.group if cap.group in c.groups else None

    def blocking(self, c: Candidate) -> Cap | None:
        for i, (cap, ceiling) in enumerate(self.caps):
            key = self._keys(cap, c)
            if key is not None and self.counts.get((i, key), 0) >= ceiling:
                return cap
        return None

    def add(self, c: Candidate) -> None:
        for i, (cap, _) in enumerate(self.caps):
            key = self._keys(cap, c)
            if key is not None:
                self.counts[(i, key)] = self.counts.get((i, key), 0) + 1

    def all_fit(self, members: Sequence[Candidate]) -> bool:
        saved = dict(self.counts)
        try:
            for m in members:
                if self.blocking(m) is not None:
                    return False
                self.add(m)
            return True
        finally:
            self.counts = saved


def _settlement_for(
    settlements: Sequence[Settlement], tied: Sequence[Candidate], seats: int, caps: _Caps
) -> Settlement | None:
    """The office's settlement of exactly this tie, if one was given and its choice fits the
    caps."""
    by_id = {c.application_id: c for c in tied}
    for s in settlements:
        if (
            s.kind is TieKind.SEATS
            and s.tied == frozenset(by_id)
            and len(s.chosen) == seats
            and caps.all_fit([by_id[a] for a in s.chosen])
        ):
            return s
    return None


def choose(
    candidates: Sequence[Candidate],
    category: Category,
    ranking: Ranking,
    settlements: Sequence[Settlement] = (),
) -> Choice:
    """Choose the selected among qualified candidates (see the module's steps).

    Args:
        candidates: The qualified applications of the category.
        category: The category (quota, caps, reserved seats).
        ranking: The ruleset's ranking settings (final tie-break, seed).
        settlements: The office's settlements of this category's ties.
    """
    keys = {c.application_id: rank_key(c) for c in candidates}
    ranked = sorted(candidates, key=lambda c: (keys[c.application_id], c.application_id))
    ranks: dict[str, int] = {}
    position = 0
    all_groups = _groups_of(ranked, keys)
    for group in all_groups:
        for c in group:
            ranks[c.application_id] = position + 1
        position += len(group)
    caps = _Caps(category.caps, category.quota)
    selected: list[Candidate] = []
    capped: dict[str, Reason] = {}
    draws: list[Draw] = []
    tie: TiePending | None = None
    settled: dict[str, Settlement] = {}
    taken: set[str] = set()
    reserved_for: dict[str, str] = {}
    reserved_total = sum(r.seats for r in category.reserved)
    phases: list[tuple[Callable[[Candidate], bool], int, str | None]] = [
        (_in_group(r.group), r.seats, r.group) for r in category.reserved
    ]
    phases.append((lambda c: True, category.quota - reserved_total, None))
    carry = 0
    for belongs, seats, group_name in phases:
        seats += carry if group_name is None else 0
        filled = 0
        if group_name is None and not taken:
            pool_groups = all_groups
        else:
            pool = [c for c in ranked if c.application_id not in taken and belongs(c)]
            pool_groups = _groups_of(pool, keys)
        for group in pool_groups:
            if filled >= seats:
                break
            fitting = []
            for c in group:
                cap = caps.blocking(c)
                if cap is None:
                    fitting.append(c)
                elif c.application_id not in capped:
                    capped[c.application_id] = Reason(
                        "capped", f"{cap.describe()} (限额): the cap is reached", None
                    )
            if not fitting:
                continue
            room = seats - filled
            if len(fitting) <= room and caps.all_fit(fitting):
                chosen = fitting
                for c in chosen:
                    caps.add(c)
            elif (settlement := _settlement_for(settlements, fitting, room, caps)) is not None:
                by_id = {c.application_id: c for c in fitting}
                chosen = [by_id[a] for a in settlement.chosen]
                for c in fitting:
                    settled[c.application_id] = settlement
                for c in chosen:
                    caps.add(c)
            elif ranking.final is FinalTieBreak.DRAW and ranking.seed is not None:
                order = draw_order(ranking.seed, [c.application_id for c in fitting])
                by_id = {c.application_id: c for c in fitting}
                chosen = []
                for app_id in order:
                    c = by_id[app_id]
                    if len(chosen) < room and caps.blocking(c) is None:
                        chosen.append(c)
                        caps.add(c)
                draws.append(Draw(order, len(chosen), ranking.seed))
            else:
                tie = TiePending(
                    tuple(sorted(c.application_id for c in fitting)),
                    room,
                    fitting[0].total,
                    "open" if group_name is None else f"reserved:{group_name}",
                )
                break
            for c in chosen:
                selected.append(c)
                taken.add(c.application_id)
                filled += 1
                if group_name is not None:
                    reserved_for[c.application_id] = group_name
        if tie is not None:
            break
        if group_name is not None:
            carry += seats - filled  # unfilled reserved seats go back to the open seats
    for app_id in list(capped):
        if app_id in taken:
            del capped[app_id]
    return Choice(
        selected=tuple(
            c.application_id
            for c in sorted(
                selected,
                key=lambda c: (
                    keys[c.application_id],
                    _drawn_at(draws, c.application_id),
                    _settled_at(settled, c.application_id),
                    c.application_id,
                ),
            )
        ),
        capped=capped,
        ties=() if tie is None else (tie,),
        draws=tuple(draws),
        ranks=ranks,
        order=tuple(c.application_id for c in ranked),
        reserved_for=reserved_for,
        settled=settled,
    )


def _drawn_at(draws: Sequence[Draw], application_id: str) -> int:
    """The position an application drew, or 0 when it was not in a draw."""
    for d in draws:
        if application_id in d.application_ids:
            return d.application_ids.index(application_id)
    return 0


def _settled_at(settled: dict[str, Settlement], application_id: str) -> int:
    """The position an application has in its settlement's choice, or 0."""
    s = settled.get(application_id)
    return s.chosen.index(application_id) if s and application_id in s.chosen else 0
