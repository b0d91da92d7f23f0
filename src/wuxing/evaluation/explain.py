"""Step 6, explain: every application of a category gets its outcome and the reasons for it."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from wuxing._core.deferred import resolved
from wuxing._core.messages import format_date, text
from wuxing.evaluation.outcomes import (
    ApplicationOutcome,
    CategoryResult,
    Outcome,
    Reason,
    TiePending,
)
from wuxing.evaluation.scoring import Score
from wuxing.evaluation.selection import Choice
from wuxing.model.categories import Category
from wuxing.model.rulesets import Ruleset
from wuxing.model.settlements import Settlement, TieKind

__all__ = ["explain"]

_ORDER = (Outcome.BELOW_THRESHOLD, Outcome.VETOED, Outcome.INELIGIBLE)
"""How the applications that never reached the ranking are listed after the ranked ones: in
this order, each by total (highest first), then by id."""


def _tie_break_reason(ruleset: Ruleset) -> str:
    order = ", ".join(ruleset.ranking.tie_breaks) or "none"
    return f"tie-breaks applied in order: {order}"


def tie_break_zh(name: str) -> str:
    """A tie-break's Chinese name, from the catalogue: ``earlier_submission`` → 申报时间先后."""
    if name.startswith("criterion:"):
        return text("tie_break.criterion", "zh", code=name.split(":", 1)[1])
    return text(f"tie_break.{name}", "zh")


def _tie_break_args(ruleset: Ruleset) -> dict[str, str]:
    names = ruleset.ranking.tie_breaks
    return {"tie_breaks": "、".join(tie_break_zh(n) for n in names) or "无"}


def _after_args(depends_on: tuple[str, ...]) -> dict[str, str]:
    return {"after": f"；须先决定 {'、'.join(depends_on)}" if depends_on else ""}


def _decided_by_tie_breaks(
    choice: Choice,
    totals: Mapping[str, Decimal],
    keys: Mapping[str, tuple[Any, ...]],
    rules: Ruleset,
) -> dict[str, Reason]:
    """The reason of each application ranked apart from an equal by a tie-break: which rule
    decided, against the nearest equal ranked above it (the first, against the nearest below
    it). One pass over each group of equal totals, so a category of any size costs its sort."""
    rank_of = resolved(choice.ranks)
    groups: dict[Decimal, list[str]] = {}
    for app_id in choice.order:
        groups.setdefault(totals[app_id], []).append(app_id)
    found: dict[str, Reason] = {}
    for total, ids in groups.items():
        first_of: dict[int, str] = {}  # each rank's first application in the order
        for app_id in ids:
            first_of.setdefault(rank_of[app_id], app_id)
        if len(first_of) < 2:
            continue
        ranks = sorted(first_of)
        for app_id in ids:
            if app_id not in keys:
                continue
            rank = rank_of[app_id]
            place = bisect.bisect_left(ranks, rank)
            ahead = place == 0
            other = first_of[ranks[1] if ahead else ranks[place - 1]]
            mine, theirs = keys[app_id], keys.get(other, ())
            decided = next(
                (n for n, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b), None
            )
            if decided is None:
                continue
            name = rules.ranking.tie_breaks[decided]
            found[app_id] = Reason(
                "tie_break",
                f"equal at {total} with {other}; ranked {rank} "
                f"{'ahead of' if ahead else 'behind'} it by the tie-break {name}",
                other,
                args={
                    "text": "tie_break.ahead" if ahead else "tie_break.behind",
                    "total": total,
                    "other": other,
                    "rank": rank,
                    "rule": tie_break_zh(name),
                },
            )
    return found


def explain(
    category: Category,
    rules: Ruleset,
    choice: Choice,
    scored: Mapping[str, Score],
    applicant: Mapping[str, str],
    settled: Mapping[str, ApplicationOutcome],
    keys: Mapping[str, tuple[Any, ...]] | None = None,
) -> CategoryResult:
    """The category's result: the ranked candidates' outcomes (selected, tied, capped, reserve,
    out of quota) with their reasons, then those settled before the ranking (below the pass
    mark, vetoed, ineligible).

    Args:
        category: The category.
        rules: The ruleset (its tie-breaks, named in the reasons of a tie).
        choice: What the selection decided.
        scored: The score of every ranked application.
        applicant: The applicant of every ranked application.
        settled: The outcomes decided before the ranking.
        keys: Each ranked application's tie-break values (the candidates' keys), so that a
            rank a tie-break decided says which; ``None`` leaves that out.
    """
    rank_of, outcome_of = resolved(choice.ranks), resolved(choice.outcomes)
    totals = {i: scored[i].total for i in choice.order}
    decided_by = {} if keys is None else _decided_by_tie_breaks(choice, totals, keys, rules)
    ties = {t.ref: t for t in choice.ties}
    outcomes: list[ApplicationOutcome] = []
    drawn = {
        app_id: (draw, i) for draw in choice.draws for i, app_id in enumerate(draw.application_ids)
    }
    for app_id in choice.order:
        rank = rank_of[app_id]
        sc = scored[app_id]
        outcome = outcome_of[app_id]
        reasons: list[Reason] = []
        if outcome is Outcome.SELECTED:
            reasons.append(
                Reason(
                    "selected",
                    f"rank {rank}, total {sc.total}, within the quota of {category.quota}",
                    args={"rank": rank, "total": sc.total, "quota": category.quota},
                )
            )
            reasons.extend(_tie_reasons(app_id, sc, choice, ties, rules))
            group = choice.reserved_for.get(app_id)
            if group is not None:
                reasons.append(
                    Reason(
                        "reserved_seat",
                        f"took a seat reserved for group {group!r} (预留名额)",
                        group,
                        args={"group": group},
                    )
                )
            elif app_id in choice.shared_reserved:
                group = choice.shared_reserved[app_id]
                reasons.append(
                    Reason(
                        "reserved_seat",
                        f"equal with another of group {group!r}; between them they take the "
                        "seat reserved for the group and an open seat (预留名额)",
                        group,
                        args={"group": group, "text": "reserved_seat.shared"},
                    )
                )
        elif outcome is Outcome.TIE_PENDING:
            reasons.extend(_tie_reasons(app_id, sc, choice, ties, rules))
        elif outcome is Outcome.CAPPED:
            reasons.append(choice.capped[app_id])
        elif outcome is Outcome.RESERVE:
            first, last = choice.places[app_id]
            where = f"reserve {first}" if first == last else f"reserve place {first}–{last}"
            places: dict[str, object] = {"rank": rank, "first": first, "last": last}
            if first != last:
                places["text"] = "reserve.range"
            reasons.append(Reason("reserve", f"rank {rank}, {where} (差额备选)", args=places))
            reasons.extend(_tie_reasons(app_id, sc, choice, ties, rules))
        else:
            reasons.append(
                Reason(
                    "out_of_quota",
                    f"rank {rank}, below the quota and the reserve list",
                    args={"rank": rank},
                )
            )
        if outcome in (Outcome.RESERVE, Outcome.OUT_OF_QUOTA):
            holders = {*choice.reserved_for, *choice.shared_reserved}
            below = sorted(i for i in holders if rank_of[i] > rank)
            if below:
                reasons.append(
                    Reason(
                        "reserved_seats",
                        f"outranks {', '.join(below)}, who took seats reserved for a group "
                        "(预留名额)",
                        args={"below": "、".join(below)},
                    )
                )
        if app_id in choice.settled:
            reasons.append(_settled_reason(app_id, sc, choice.settled[app_id]))
        if app_id in drawn:
            draw, place = drawn[app_id]
            what = "seat(s)" if draw.kind is TieKind.SEATS else "place(s) on the reserve list"
            reasons.append(
                Reason(
                    "draw",
                    f"tied at {sc.total}; the ruleset's draw (seed {draw.seed}) placed it "
                    f"{place + 1} of {len(draw.application_ids)} for {draw.seats} {what}",
                    args={
                        "total": sc.total,
                        "seed": draw.seed,
                        "place": place + 1,
                        "count": len(draw.application_ids),
                        "seats": draw.seats,
                        **({} if draw.kind is TieKind.SEATS else {"text": "draw.reserve"}),
                    },
                )
            )
        broken = decided_by.get(app_id)
        if broken is not None and outcome is not Outcome.TIE_PENDING:
            reasons.append(broken)
        outcomes.append(ApplicationOutcome(app_id, applicant[app_id], outcome, rank, sc, reasons))
    rest = sorted(
        settled.values(),
        key=lambda o: (_ORDER.index(o.outcome), -(o.total or 0), o.application_id),
    )
    return CategoryResult(
        category_id=category.id,
        quota=category.quota,
        selected=choice.selected,
        reserve=choice.reserve,
        outcomes=(*outcomes, *rest),
        ties=choice.ties,
        draws=choice.draws,
        settlements=tuple(sorted({s.id for s in choice.settled.values()})),
        unfilled=choice.unfilled,
    )


def _tie_reasons(
    app_id: str,
    sc: Score,
    choice: Choice,
    ties: Mapping[str, TiePending],
    rules: Ruleset,
) -> list[Reason]:
    """The reasons an application gives for each tie it is in: the tie named once, never its
    other applications (a tie of thousands stays a sentence)."""
    reasons: list[Reason] = []
    for ref in choice.tie_of.get(app_id, ()):
        tie = ties[ref]
        others = len(tie.application_ids) - 1
        after = (
            f"; it arose after {', '.join(tie.depends_on)}, which the office settles first"
            if tie.depends_on
            else ""
        )
        if tie.kind is TieKind.SEATS and choice.outcomes[app_id] is Outcome.SELECTED:
            reasons.append(
                Reason(
                    "seat_tie",
                    f"equal with {others} other(s) in {ref}, who all take seats ({tie.phase}); "
                    "which of them takes which seat decides whom a cap passes over further "
                    f"down, so the office settles it (并列待定){after}",
                    ref,
                    args={
                        "others": others,
                        "ref": ref,
                        "phase": tie.phase,
                        **_after_args(tie.depends_on),
                    },
                )
            )
        elif tie.kind is TieKind.SEATS:
            reasons.append(
                Reason(
                    "tie_pending",
                    f"tied at {sc.total} with {others} other(s) in {ref} for {tie.seats} "
                    f"seat(s) ({tie.phase}); {_tie_break_reason(rules)}; the office must "
                    f"decide (并列待定){after}",
                    ref,
                    args={
                        "total": sc.total,
                        "others": others,
                        "ref": ref,
                        "seats": tie.seats,
                        "phase": tie.phase,
                        **_tie_break_args(rules),
                        **_after_args(tie.depends_on),
                    },
                )
            )
        else:
            reasons.append(
                Reason(
                    "reserve_tie",
                    f"tied at {sc.total} with {others} other(s) in {ref} for {tie.seats} "
                    f"place(s) on the reserve list; {_tie_break_reason(rules)}; the office "
                    f"settles their order (并列待定){after}",
                    ref,
                    args={
                        "total": sc.total,
                        "others": others,
                        "ref": ref,
                        "seats": tie.seats,
                        **_tie_break_args(rules),
                        **_after_args(tie.depends_on),
                    },
                )
            )
    return reasons


def _settled_reason(app_id: str, sc: Score, settlement: Settlement) -> Reason:
    args: dict[str, object] = {
        "total": sc.total,
        "id": settlement.id,
        "date": format_date(settlement.decided_at.date(), "zh"),
        "by": "、".join(settlement.decided_by),
        "grounds": settlement.grounds,
    }
    if settlement.kind is TieKind.RESERVE:
        place = settlement.chosen.index(app_id) + 1
        decided = f"placed it {place} of {len(settlement.chosen)} on the reserve list"
        args |= {"text": "settled.reserve", "place": place, "count": len(settlement.chosen)}
    elif app_id in settlement.chosen:
        decided = "gave it a seat"
    else:
        decided = "did not give it a seat"
        args["text"] = "settled.no_seat"
    return Reason(
        "settled",
        f"tied at {sc.total}; the office's settlement {settlement.id} "
        f"({settlement.decided_at.date().isoformat()}, {', '.join(settlement.decided_by)}) "
        f"{decided}: {settlement.grounds} (集体研究确定)",
        settlement.id,
        args=args,
    )
