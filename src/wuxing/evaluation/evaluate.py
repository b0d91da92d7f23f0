"""Evaluating a campaign: per category, each application through the steps of
:mod:`~wuxing.evaluation.steps`, then the ranking and choice, then the explanation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from operator import attrgetter

import pendulum

from wuxing._core.collector import paused_collector
from wuxing._core.time import check_instant
from wuxing.errors import Problem, ValidationError
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.context import CampaignContext
from wuxing.evaluation.explain import explain
from wuxing.evaluation.outcomes import ApplicationOutcome, CategoryResult, Outcome, SelectionResult
from wuxing.evaluation.scoring import Score
from wuxing.evaluation.selection import Candidate, choose
from wuxing.evaluation.steps import (
    apply_pass_mark,
    apply_vetoes,
    candidate_of,
    check_eligibility,
    score_application,
)
from wuxing.evaluation.vetoes import VetoRegistry
from wuxing.model.applications import Application
from wuxing.model.categories import Category
from wuxing.model.rulesets import Ruleset
from wuxing.model.settlements import Settlement

__all__ = ["evaluate"]


def evaluate(
    bundle: Bundle,
    at: dt.datetime,
    *,
    ruleset: Ruleset | None = None,
    vetoes: VetoRegistry | None = None,
    settlements: Sequence[Settlement] | None = None,
) -> SelectionResult:
    """Evaluate every category of a campaign at the cut-off ``at``.

    Args:
        bundle: The campaign's data.
        at: The cut-off, an aware datetime: vetoes look at records as they stood then.
        ruleset: The rules; by default the bundle's (:meth:`Bundle.resolve_ruleset`).
        vetoes: The veto registry; by default :meth:`VetoRegistry.default`.
        settlements: The office's settlements of ties; by default the bundle's
            (:attr:`Bundle.settlements`). Each must decide a tie this evaluation reports: its
            applications exactly, its seats given as the caps allow (a seats tie), or all of
            them in order (a reserve tie); a tie that depends on an earlier one is settled
            after that one.

    Raises:
        ValidationError: a naive ``at``, bundle problems (every one, with its path), or a
            settlement that decides no tie of the evaluation (code ``settlement_unmatched``).
        RulesetError: a ruleset naming an unknown veto.
    """
    check_instant(at)  # aware, whole-minute offset, a day the library can move between zones
    with paused_collector():  # a bulk build: see wuxing._core.collector
        return _evaluate(bundle, at, ruleset, vetoes, settlements)


def _evaluate(
    bundle: Bundle,
    at: dt.datetime,
    ruleset: Ruleset | None,
    vetoes: VetoRegistry | None,
    settlements: Sequence[Settlement] | None,
) -> SelectionResult:
    # The same instant, in the campaign's zone: "the day of the cut-off" is Xingguo's day.
    local = pendulum.instance(at).in_timezone(bundle.campaign.time_zone)
    rules = ruleset if ruleset is not None else bundle.resolve_ruleset()
    bundle = bundle.as_of(local)
    registry = vetoes if vetoes is not None else VetoRegistry.default()
    registry.check(rules)
    bundle.check(rules)
    ctx = CampaignContext.build(bundle, rules, local, registry)
    by_category: dict[str, list[Application]] = defaultdict(list)
    for app in bundle.applications:
        by_category[app.category_id].append(app)
    given = tuple(bundle.settlements if settlements is None else settlements)
    results = tuple(
        evaluate_category(
            category,
            by_category.get(category.id, []),
            ctx,
            [s for s in given if s.category_id == category.id],
        )
        for category in rules.categories
    )
    used = {sid for r in results for sid in r.settlements}
    unmatched = [
        Problem(
            f"settlements[{i}]",
            "settlement_unmatched",
            f"settlement {s.id!r} decides no tie of this evaluation: category "
            f"{s.category_id!r} reports no {s.kind.value} tie of exactly "
            f"{', '.join(sorted(s.tied))} (one that depends on no earlier tie) whose "
            f"rules its choice keeps; with a declared draw there is none",
        )
        for i, s in enumerate(given)
        if s.id not in used
    ]
    if unmatched:
        raise ValidationError(unmatched, subject="settlements")
    return SelectionResult(bundle.campaign.id, rules.id, local, results)


def evaluate_category(
    category: Category,
    apps: list[Application],
    ctx: CampaignContext,
    settlements: Sequence[Settlement] = (),
) -> CategoryResult:
    """One category: eligibility, score, vetoes and pass mark for each application; the
    qualified are ranked and chosen; every outcome is explained."""
    settled: dict[str, ApplicationOutcome] = {}
    scored: dict[str, Score] = {}
    candidates: list[Candidate] = []
    for app in sorted(apps, key=attrgetter("id")):
        reasons = check_eligibility(app, category, ctx)
        if reasons:
            settled[app.id] = ApplicationOutcome(
                app.id, app.applicant_id, Outcome.INELIGIBLE, reasons=reasons
            )
            continue
        sc = scored[app.id] = score_application(app, category, ctx)
        vetoed = apply_vetoes(app, category, sc, ctx)
        if vetoed:
            settled[app.id] = ApplicationOutcome(
                app.id, app.applicant_id, Outcome.VETOED, score=sc, reasons=vetoed
            )
            continue
        below = apply_pass_mark(sc, category, ctx)
        if below is not None:
            settled[app.id] = ApplicationOutcome(
                app.id, app.applicant_id, Outcome.BELOW_THRESHOLD, score=sc, reasons=[below]
            )
            continue
        candidates.append(candidate_of(app, sc, ctx))
    choice = choose(
        candidates,
        category,
        ctx.rules.ranking,
        settlements,
        reserve=ctx.rules.reserve_for(category.id),
    )
    applicant = {a.id: a.applicant_id for a in apps}
    keys = {c.application_id: c.key for c in candidates}
    return explain(category, ctx.rules, choice, scored, applicant, settled, keys)
