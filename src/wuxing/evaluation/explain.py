"""Step 6, explain: every application of a category gets its outcome and the reasons for it."""

from __future__ import annotations

from collections.abc import Mapping

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


def explain(
    category: Category,
    rules: Ruleset,
    choice: Choice,
    scored: Mapping[str, Score],
    applicant: Mapping[str, str],
    settled: Mapping[str, ApplicationOutcome],
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
    """
    ties = {t.ref: t for t in choice.ties}
    outcomes: list[ApplicationOutcome] = []
    drawn = {
        app_id: (draw, i) for draw in choice.draws for i, app_id in enumerate(draw.application_ids)
    }
    for app_id in choice.order:
        rank = choice.ranks[app_id]
        sc = scored[app_id]
        outcome = choice.outcomes[app_id]
        reasons: list[Reason] = []
        if outcome is Outcome.SELECTED:
            reasons.append(
                Reason(
                    "selected",
                    f"rank {rank}, total {sc.total}, within the quota of {category.quota}",
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
                    )
                )
        elif outcome is Outcome.TIE_PENDING:
            reasons.extend(_tie_reasons(app_id, sc, choice, ties, rules))
        elif outcome is Outcome.CAPPED:
            reasons.append(choice.capped[app_id])
        elif outcome is Outcome.RESERVE:
            first, last = choice.places[app_id]
            where = f"reserve {first}" if first == last else f"reserve place {first}–{last}"
            reasons.append(Reason("reserve", f"rank {rank}, {where} (差额备选)"))
            reasons.extend(_tie_reasons(app_id, sc, choice, ties, rules))
        else:
            reasons.append(
                Reason("out_of_quota", f"rank {rank}, below the quota and the reserve list")
            )
        if outcome in (Outcome.RESERVE, Outcome.OUT_OF_QUOTA):
            holders = {*choice.reserved_for, *choice.shared_reserved}
            below = sorted(i for i in holders if choice.ranks[i] > rank)
            if below:
                reasons.append(
                    Reason(
                        "reserved_seats",
                        f"outranks {', '.join(below)}, who took seats reserved for a group "
                        "(预留名额)",
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
                )
            )
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
                )
            )
    return reasons


def _settled_reason(app_id: str, sc: Score, settlement: Settlement) -> Reason:
    if settlement.kind is TieKind.RESERVE:
        place = settlement.chosen.index(app_id) + 1
        decided = f"placed it {place} of {len(settlement.chosen)} on the reserve list"
    elif app_id in settlement.chosen:
        decided = "gave it a seat"
    else:
        decided = "did not give it a seat"
    return Reason(
        "settled",
        f"tied at {sc.total}; the office's settlement {settlement.id} "
        f"({settlement.decided_at.date().isoformat()}, {', '.join(settlement.decided_by)}) "
        f"{decided}: {settlement.grounds} (集体研究确定)",
        settlement.id,
    )
