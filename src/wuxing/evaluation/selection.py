"""Selection: from qualified, scored applicants to the selected, the reserve and the rest.

The steps, per category (the explanation page "How scores become a selection" states each):

1. rank the qualified by their published (rounded) total, then by the ruleset's tie-breaks;
   applicants equal on all of them are *equals* and share a rank (1, 2, 2, 4);
2. fill the reserved seats of each group from that group's ranking, then the open seats (the
   rest of the quota and any reserved seat a group could not fill) from the whole ranking, in
   rank order; an applicant that a cap excludes once its group of equals is done, while seats
   were still left, is ``capped``, and never a reserve;
3. where equals cannot all be taken, no rule says who goes first: every order among them is
   followed at once (:mod:`~wuxing.evaluation.seats`). What every order does is done; the
   seats that differ are reported as ties, each with the seats it contests and the phase it
   arose in (a group's reserved seats, the open seats, or a cap), and the selection goes on
   around them. The office settles a tie with a
   :class:`~wuxing.model.settlements.Settlement`; a ruleset that declares a draw orders the
   equals by the draw instead (:func:`~wuxing.evaluation.candidates.draw_order`), recorded
   in the result;
4. the next qualified in rank order form the reserve list; equals on it are ordered by a
   settlement or the draw, else reported as a reserve tie (never by id); the rest are
   ``out_of_quota``.

The module is longer than the others because it holds the whole of that step: the ranking's
groups of equals, the members the search sees, the short cut of deciding among the best
candidates first (:func:`_choose`), and the ties reported.

With caps from one family (per unit, or disjoint groups) rank-order filling gives the
maximum-score feasible selection. With overlapping cap families it gives the best selection
by rank (each selected applicant is the best that could still be taken), which is what a
ranking can defend; a different set may have a larger sum.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from itertools import pairwise
from typing import Any

import attrs

from wuxing._core.deferred import DeferredDict, DeferredTuple
from wuxing.evaluation.candidates import Candidate as Candidate
from wuxing.evaluation.candidates import Ranked, draw_ticket
from wuxing.evaluation.candidates import draw_order as draw_order
from wuxing.evaluation.equals import CAP, OUT, RES, SEL, Member, Phase, TieRecord
from wuxing.evaluation.outcomes import (
    Draw,
    Outcome,
    Reason,
    TiePending,
    UnfilledReason,
    UnfilledSeats,
)
from wuxing.evaluation.standing import Search, fill
from wuxing.model.categories import CapBy, Category
from wuxing.model.rulesets import FinalTieBreak, Ranking
from wuxing.model.settlements import Settlement, TieKind

__all__ = ["Choice", "choose"]


@attrs.frozen
class Choice:
    """What :func:`choose` decided for one category.

    :attr:`ranks`, :attr:`order` and :attr:`outcomes` answer for every candidate; from
    :func:`choose` they are always a read-only mapping, a sequence and a mapping
    (:mod:`wuxing._core.deferred`) equal to the dict and tuple they stand for, built when
    first read where the decision did not need them (it reads only the best candidates of a
    large category). ``dict(choice.ranks)`` or ``tuple(choice.order)`` gives a plain one, for
    what only a dict or tuple does (``|``, ``+``, :func:`json.dumps`).

    Attributes:
        selected: Selected in every order among equals, in rank order (equals by the draw or
            the settlement that decided them, else by id, for display only).
        capped: Passed over by a cap in every order, with the cap's reason.
        ties: The ties left to the office, in the order they arose.
        draws: Groups of equals ordered by the declared draw.
        ranks: Each candidate's rank (competition ranking: 1, 2, 2, 4).
        order: All candidates in rank order (equals by id, for display only).
        reserved_for: The selected who took a seat reserved for a group, with the group.
        settled: The settlement that decided each application of a settled tie.
        outcomes: Each candidate's outcome.
        reserve: The reserve list, as far as its order is decided.
        places: Each application on the reserve list in every order: its first and last
            possible place (one place when decided).
        tie_of: The ties (their refs) each application is in.
        shared_reserved: Applications equal to one that took a reserved seat, selected too:
            which of them holds the reserved seat depends on the order, and neither needs it.
        unfilled: The seats left empty, and why.
    """

    selected: tuple[str, ...]
    capped: dict[str, Reason]
    ties: tuple[TiePending, ...]
    draws: tuple[Draw, ...]
    ranks: Mapping[str, int]
    order: Sequence[str]
    reserved_for: dict[str, str] = attrs.field(factory=dict)
    settled: dict[str, Settlement] = attrs.field(factory=dict)
    outcomes: Mapping[str, Outcome] = attrs.field(factory=dict)
    reserve: tuple[str, ...] = ()
    places: dict[str, tuple[int, int]] = attrs.field(factory=dict)
    tie_of: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    shared_reserved: dict[str, str] = attrs.field(factory=dict)
    unfilled: tuple[UnfilledSeats, ...] = ()


_SETTLED = frozenset({SEL, CAP, RES, OUT, CAP | OUT})
"""What an applicant met in every order when its outcome is decided (a mix of capped and out
of quota is out of quota)."""


def _outcome(mask: int) -> Outcome:
    """What an applicant's fate across every order among equals makes its outcome."""
    if mask & SEL:
        return Outcome.SELECTED if mask == SEL else Outcome.TIE_PENDING
    if mask == CAP:
        return Outcome.CAPPED
    if mask & RES:
        return Outcome.RESERVE if mask == RES else Outcome.TIE_PENDING
    return Outcome.OUT_OF_QUOTA


def _members(
    ranked: Sequence[Candidate],
    levels: Sequence[Sequence[int]],
    category: Category,
    ceilings: Sequence[int],
    distinct: set[str],
) -> list[Member]:
    """The candidates as the search sees them, each in a class of interchangeable equals."""
    if not category.caps and not category.reserved and not distinct:
        # Nothing tells equals apart: each group of equals is one class.
        return [
            Member(i, ranked[i].application_id, level, (), ranked[i].groups, level)
            for level, indices in enumerate(levels)
            for i in indices
        ]
    per_unit: dict[str | None, int] = {}
    for c in ranked:
        per_unit[c.unit_id] = per_unit.get(c.unit_id, 0) + 1
    named = {r.group for r in category.reserved} | {
        cap.group for cap in category.caps if cap.group is not None
    }
    classes: dict[tuple[Any, ...], int] = {}
    members: list[Member] = []
    caps = list(enumerate(category.caps))
    for level, indices in enumerate(levels):
        for i in indices:
            c = ranked[i]
            keys: list[tuple[int, str]] = []
            for n, cap in caps:
                if cap.by is CapBy.UNIT:
                    # A unit with one candidate only ever reaches a cap of at least one.
                    if c.unit_id is not None and (per_unit[c.unit_id] > 1 or ceilings[n] < 1):
                        keys.append((n, c.unit_id))
                elif cap.group in c.groups:
                    keys.append((n, str(cap.group)))
            groups = c.groups & named if c.groups else c.groups
            signature: tuple[Any, ...] = (level, tuple(keys), groups)
            if c.application_id in distinct:
                signature = (*signature, c.application_id)
            cls = classes.setdefault(signature, len(classes))
            members.append(Member(i, c.application_id, level, tuple(keys), c.groups, cls))
    return members


def choose(
    candidates: Sequence[Candidate],
    category: Category,
    ranking: Ranking,
    settlements: Sequence[Settlement] = (),
    *,
    reserve: int | None = None,
) -> Choice:
    """Choose the selected among qualified candidates (see the module's steps).

    Args:
        candidates: The qualified applications of the category.
        category: The category (quota, caps, reserved seats, reserve length).
        ranking: The ruleset's ranking settings (final tie-break, seed, reserve length).
        settlements: The office's settlements of this category's ties.
        reserve: The length of the reserve list; by default the category's, else the
            ruleset's.
    """
    standing = Ranked.of(candidates)
    own = reserve if reserve is not None else category.reserve
    places = ranking.reserve if own is None else own
    return _choose(standing, category, ranking, settlements, places, _FIRST)


_FIRST = 64
"""How many of the best candidates the selection first decides among (see :func:`_choose`)."""


def _choose(
    standing: Ranked,
    category: Category,
    ranking: Ranking,
    settlements: Sequence[Settlement],
    places: int,
    first: int | None,
) -> Choice:
    """Decide among the best ``first`` candidates (whole groups of equals), and take that for
    all when it settles everything: every order fills every seat and reserve place, each
    group's reserved seats, from among them, within the search's budget, and the last group
    of equals among them is out of quota in every order; the others are then out of quota
    too. Otherwise four times as many, up to all (``first`` ``None``: all at once)."""
    ranks = DeferredDict(lambda: standing.ranks)
    tied = {a for s in settlements for a in s.tied}
    target = first
    while target is not None:
        end = standing.group_start(target)
        if end == len(standing.candidates):
            break
        head = standing.ranked(end)
        levels = [list(range(a, b)) for a, b in pairwise(standing.bounds(end))]
        found, choice = _decide(head, levels, ranks, category, ranking, settlements, places)
        inside = {c.application_id for c in head}
        if (
            not found.overflow
            and not choice.unfilled
            and not choice.shared_reserved
            and all(found.masks[i] == OUT for i in levels[-1])
            and tied <= inside
            and all(
                sum(1 for g in found.reserved_always.values() if g == r.group) == r.seats
                for r in category.reserved
            )
        ):
            # Everyone below is out of quota: the order of all and every outcome are
            # worked out when first read (in rank order, as the ranking gives them).
            return attrs.evolve(
                choice,
                order=DeferredTuple(partial(tuple, ranks)),
                outcomes=DeferredDict(partial(_outcomes, ranks, choice.outcomes)),
            )
        target *= 4
    levels = [list(range(a, b)) for a, b in pairwise(standing.bounds())]
    return _decide(standing.ranked(), levels, ranks, category, ranking, settlements, places)[1]


def _outcomes(ranks: Mapping[str, int], decided: Mapping[str, Outcome]) -> dict[str, Outcome]:
    """Every candidate's outcome, in rank order: ``decided``'s, else out of quota."""
    outcomes = dict.fromkeys(ranks, Outcome.OUT_OF_QUOTA)
    outcomes.update(decided)
    return outcomes


def _decide(
    ranked: Sequence[Candidate],
    levels: Sequence[Sequence[int]],
    ranks: Mapping[str, int],
    category: Category,
    ranking: Ranking,
    settlements: Sequence[Settlement],
    places: int,
) -> tuple[Search, Choice]:
    """The search over ``ranked`` (in rank order, ``levels`` its groups of equals) and what it
    decided."""
    ceilings = [cap.ceiling(category.quota) for cap in category.caps]
    reserved_total = sum(r.seats for r in category.reserved)
    phases = [Phase(f"reserved:{r.group}", r.group, r.seats) for r in category.reserved]
    phases.append(Phase("open", None, category.quota - reserved_total))
    draw = ranking.final is FinalTieBreak.DRAW and ranking.seed is not None
    seed = ranking.seed if ranking.seed is not None else 0
    distinct = {a for s in settlements for a in s.tied}
    if draw:  # the draw tells every application apart
        distinct = {c.application_id for c in ranked}
    members = _members(ranked, levels, category, ceilings, distinct)
    found = fill(
        members,
        levels,
        category.caps,
        ceilings,
        phases,
        places,
        settlements,
        (lambda a: (draw_ticket(seed, a), a)) if draw else None,
    )
    return found, _choice(ranked, levels, members, category, ranks, found, seed, places)


def _choice(
    ranked: Sequence[Candidate],
    levels: Sequence[Sequence[int]],
    members: Sequence[Member],
    category: Category,
    ranks: Mapping[str, int],
    found: Search,
    seed: int,
    places: int,
) -> Choice:
    ids = [c.application_id for c in ranked]
    outcomes = {ids[i]: _outcome(mask) for i, mask in enumerate(found.masks)}
    draws = [
        Draw(tuple(ids[i] for i in order), seats, seed, kind) for order, seats, kind in found.draws
    ]
    drawn = {a: n for d in draws for n, a in enumerate(d.application_ids)}
    settled = {ids[i]: s for i, s in found.settled.items()}

    def shown(i: int) -> tuple[Any, ...]:
        s = settled.get(ids[i])
        at = s.chosen.index(ids[i]) if s is not None and ids[i] in s.chosen else 0
        return (members[i].level, drawn.get(ids[i], 0), at, i)

    selected = sorted((i for i, m in enumerate(found.masks) if m == SEL), key=shown)
    capped = {
        ids[i]: Reason(
            "capped",
            f"{category.caps[cap].describe()} (限额): the cap is reached",
            args={"cap": category.caps[cap].describe()},
        )
        for i, cap in found.capped_by.items()
        if found.masks[i] == CAP
    }
    certain = len(selected)
    if found.overflow:
        pending = category.quota - certain
        empty = 0
    else:
        pending = found.filled_most - certain
        empty = category.quota - found.filled_most
    ties, tie_of = _ties(ranked, levels, members, found, pending, places)
    by_cap = min(empty, found.capped_in_fullest)
    unfilled = [
        UnfilledSeats(reason, seats)
        for reason, seats in (
            (UnfilledReason.TIE_PENDING, pending),
            (UnfilledReason.CAPPED, by_cap),
            (UnfilledReason.TOO_FEW_QUALIFIED, empty - by_cap),
        )
        if seats > 0
    ]
    return Choice(
        selected=tuple(ids[i] for i in selected),
        capped=capped,
        ties=tuple(ties),
        draws=tuple(draws),
        ranks=ranks,
        order=DeferredTuple.of(tuple(ids)),
        reserved_for={
            ids[i]: g for i, g in found.reserved_always.items() if found.masks[i] == SEL
        },
        settled=settled,
        outcomes=DeferredDict.of(outcomes),
        reserve=tuple(ids[i] for i in found.reserve),
        places={ids[i]: span for i, span in found.places.items()},
        tie_of=tie_of,
        shared_reserved={
            ids[i]: g
            for i, g in found.reserved.items()
            if i not in found.reserved_always and found.masks[i] == SEL
        },
        unfilled=tuple(unfilled),
    )


def _ties(
    ranked: Sequence[Candidate],
    levels: Sequence[Sequence[int]],
    members: Sequence[Member],
    found: Search,
    seats_left: int,
    places: int,
) -> tuple[list[TiePending], dict[str, tuple[str, ...]]]:
    """The ties to report, in the order they arose: a tie whose seats differ between orders
    (a seat tie some member of which is pending; a reserve tie). A tie that arose only after
    an earlier one names all its equals and the earlier ties it waits on."""
    merged: dict[tuple[Any, ...], TieRecord] = {}
    for record in sorted(found.ties, key=lambda r: r.order):
        members_ = set(record.members)
        if record.dependent:  # which of the equals it is depends on the earlier ties
            classes = {members[i].cls for i in members_}
            members_ |= {i for i in levels[record.level] if members[i].cls in classes}
            key: tuple[Any, ...] = (record.kind, record.phase, record.level)
        else:
            key = (record.kind, record.phase, record.level, frozenset(members_))
        if key in merged:
            known = merged[key]
            known.members |= members_
            known.seats = max(known.seats, record.seats)
        else:
            merged[key] = TieRecord(
                record.kind,
                record.phase,
                record.level,
                members_,
                record.seats,
                record.dependent,
                record.order,
            )
    ties: list[TiePending] = []
    tie_of: dict[str, list[str]] = {}

    def pending(i: int) -> bool:  # whether it takes a seat depends on the settlement
        mask = found.masks[i]
        return bool(mask & SEL) and mask != SEL

    def report(kind: TieKind, phase: str, tied: set[int], seats: int, dependent: bool) -> None:
        ref = f"tie-{len(ties) + 1}"
        ids = sorted(ranked[i].application_id for i in tied)
        ties.append(
            TiePending(
                ids,
                seats,
                max(ranked[i].total for i in tied),
                phase,
                kind,
                ref=ref,
                depends_on=tuple(t.ref for t in ties) if dependent else (),
            )
        )
        for a in ids:
            tie_of.setdefault(a, []).append(ref)

    keep: list[TieRecord] = []
    silent: list[TieRecord] = []
    for record in merged.values():
        if record.kind is TieKind.RESERVE:  # those whose place on the list is open
            record.members = {i for i in record.members if found.masks[i] & RES}
        elif record.dependent:  # only those whose seat still depends on the earlier ties
            record.members = {i for i in record.members if pending(i)}
        record.seats = min(record.seats, len(record.members))
        if not record.members:
            continue  # nobody left in it
        if record.kind is TieKind.RESERVE or any(pending(i) for i in record.members):
            keep.append(record)
        elif not record.dependent:
            silent.append(record)  # its equals all take seats, whichever order

    def undecided(i: int) -> bool:
        span = found.places.get(i)
        return _outcome(found.masks[i]) is Outcome.TIE_PENDING or (
            span is not None and span[0] != span[1]
        )

    # Equals who all take seats whichever of them goes first still tie over *which* seat
    # each takes; that matters when it decides whom a cap passes over further down: then the
    # office settles that too, and a tie that waits on earlier ones names them.
    kept = {i for r in keep for i in r.members}
    if any(undecided(i) and i not in kept for i in range(len(ranked))):
        keep += silent
    else:
        last = max((r.order for r in keep if r.dependent), default=None)
        keep += [r for r in silent if last is not None and r.order < last]
    for record in sorted(keep, key=lambda r: r.order):
        report(record.kind, record.phase, record.members, record.seats, record.dependent)
    # Whoever is still pending outside every tie waits on the ties above: a seat that goes
    # to them or not, or their place on the reserve list, depends on how those are settled.
    open_outside = [
        i
        for i, mask in enumerate(found.masks)
        if mask not in _SETTLED and ranked[i].application_id not in tie_of
    ]
    for kind, phase, most in (
        (TieKind.SEATS, "after", seats_left),
        (TieKind.RESERVE, "reserve", places),
    ):
        # (one still open but not for a seat is so for its place on the reserve list)
        rest = {i for i in open_outside if pending(i) == (kind is TieKind.SEATS)}
        if rest:
            report(kind, phase, rest, min(len(rest), most), True)
    return ties, {a: tuple(refs) for a, refs in tie_of.items()}
