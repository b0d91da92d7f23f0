"""Step 6, explain: every application of a category gets its outcome and the reasons for it."""

from __future__ import annotations

from collections.abc import Mapping

from wuxing.evaluation.outcomes import ApplicationOutcome, CategoryResult, Outcome, Reason
from wuxing.evaluation.scoring import Score
from wuxing.evaluation.selection import Choice
from wuxing.model.categories import Category
from wuxing.model.rulesets import Ruleset

__all__ = ["explain"]

_ORDER = {Outcome.BELOW_THRESHOLD: 0, Outcome.VETOED: 1, Outcome.INELIGIBLE: 2}
"""How the applications that never reached the ranking are listed after the ranked ones."""


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
        rules: The ruleset (reserve length, tie-breaks).
        choice: What the selection decided.
        scored: The score of every ranked application.
        applicant: The applicant of every ranked application.
        settled: The outcomes decided before the ranking.
    """
    selected = set(choice.selected)
    tie_of = {a: tie for tie in choice.ties for a in tie.application_ids}
    reserve: list[str] = []
    outcomes: list[ApplicationOutcome] = []
    drawn = {
        app_id: (draw, i) for draw in choice.draws for i, app_id in enumerate(draw.application_ids)
    }
    for app_id in choice.order:
        rank = choice.ranks[app_id]
        sc = scored[app_id]
        if app_id in selected:
            outcome = Outcome.SELECTED
            group = choice.reserved_for.get(app_id)
            reasons = [
                Reason(
                    "selected",
                    f"rank {rank}, total {sc.total}, within the quota of {category.quota}",
                )
            ]
            if group is not None:
                reasons.append(
                    Reason(
                        "reserved_seat",
                        f"took a seat reserved for group {group!r} (预留名额)",
                        group,
                    )
                )
        elif app_id in tie_of:
            tie = tie_of[app_id]
            others = ", ".join(i for i in tie.application_ids if i != app_id)
            outcome = Outcome.TIE_PENDING
            reasons = [
                Reason(
                    "tie_pending",
                    f"tied at {sc.total} with {others} for {tie.seats} remaining seat(s); "
                    f"{_tie_break_reason(rules)}; the office must decide (并列待定)",
                )
            ]
        elif app_id in choice.capped:
            outcome = Outcome.CAPPED
            reasons = [choice.capped[app_id]]
        elif len(reserve) < rules.ranking.reserve:
            outcome = Outcome.RESERVE
            reserve.append(app_id)
            reasons = [Reason("reserve", f"rank {rank}, reserve {len(reserve)} (差额备选)")]
        else:
            outcome = Outcome.OUT_OF_QUOTA
            reasons = [
                Reason("out_of_quota", f"rank {rank}, below the quota and the reserve list")
            ]
        if outcome in (Outcome.RESERVE, Outcome.OUT_OF_QUOTA):
            below = sorted(i for i, g in choice.reserved_for.items() if choice.ranks[i] > rank)
            if below:
                reasons.append(
                    Reason(
                        "reserved_seats",
                        f"outranks {', '.join(below)}, who took seats reserved for a group "
                        "(预留名额)",
                    )
                )
        if app_id in choice.settled:
            settlement = choice.settled[app_id]
            won = app_id in settlement.chosen
            reasons.append(
                Reason(
                    "settled",
                    f"tied at {sc.total}; the office's settlement {settlement.id} "
                    f"({settlement.decided_at.date().isoformat()}, "
                    f"{', '.join(settlement.decided_by)}) "
                    f"{'gave it' if won else 'did not give it'} a seat: {settlement.grounds} "
                    "(集体研究确定)",
                    settlement.id,
                )
            )
        if app_id in drawn:
            draw, place = drawn[app_id]
            reasons.append(
                Reason(
                    "draw",
                    f"tied at the boundary; the ruleset's draw (seed {draw.seed}) placed it "
                    f"{place + 1} of {len(draw.application_ids)} for {draw.seats} seat(s)",
                )
            )
        outcomes.append(ApplicationOutcome(app_id, applicant[app_id], outcome, rank, sc, reasons))
    rest = sorted(
        settled.values(), key=lambda o: (_ORDER[o.outcome], -(o.total or 0), o.application_id)
    )
    return CategoryResult(
        category_id=category.id,
        quota=category.quota,
        selected=choice.selected,
        reserve=tuple(reserve),
        outcomes=(*outcomes, *rest),
        ties=choice.ties,
        draws=choice.draws,
        settlements=tuple(sorted({s.id for s in choice.settled.values()})),
    )
