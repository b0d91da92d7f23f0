"""The steps of evaluating one application, in the order of the explanation page
"How scores become a selection": eligibility, score, vetoes, pass mark; then the category's
candidates are ranked and chosen (:mod:`~wuxing.evaluation.selection`) and every outcome is
explained (:mod:`~wuxing.evaluation.explain`).

Each step takes plain values and the :class:`~wuxing.evaluation.context.CampaignContext`, and
returns what it found: reasons (none: the application goes on), a score, or a candidate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

from wuxing.evaluation.candidates import Candidate
from wuxing.evaluation.context import CampaignContext
from wuxing.evaluation.eligibility import intake_reasons
from wuxing.evaluation.outcomes import Reason
from wuxing.evaluation.scoring import Score
from wuxing.evaluation.vetoes import VetoContext, idle
from wuxing.model.applications import Application
from wuxing.model.categories import Category

__all__ = [
    "apply_pass_mark",
    "apply_vetoes",
    "candidate_of",
    "check_eligibility",
    "score_application",
]

_R = TypeVar("_R")


def _records(index: Mapping[str, tuple[_R, ...]], own: str, other: str | None) -> tuple[_R, ...]:
    """The records of ``own`` and, when given, of ``other`` (its unit), in that order."""
    mine = index.get(own, ())
    return mine if other is None else mine + index.get(other, ())


def check_eligibility(
    app: Application, category: Category, ctx: CampaignContext
) -> tuple[Reason, ...]:
    """Step 1, eligibility: every intake problem, too few verification sheets (or, in a
    category not verified on site, no assessment by the office), a missing annual-evaluation
    score. Any reason makes the application ``ineligible``."""
    reasons = list(
        intake_reasons(
            app,
            campaign=ctx.campaign,
            category=category,
            directory=ctx.directory,
            earlier=ctx.earlier_than(app),
            extended_until=ctx.extensions.get(app.id),
        )
    )
    scoring = ctx.scoring[category.id]
    count = len(ctx.sheets.get(app.id, ()))
    if not category.verified_on_site:
        if count == 0 and not any(r.code == "office_assessed" for r in reasons):
            reasons.append(
                Reason(
                    "assessment_missing",
                    "the office has not assessed this entrant yet (缺少“五型”办综合评估)",
                )
            )
    elif count < scoring.min_sheets:
        reasons.append(
            Reason(
                "verification_incomplete",
                f"{count} verification sheet(s), at least {scoring.min_sheets} needed "
                "(实地核查未完成)",
                args={"count": count, "needed": scoring.min_sheets},
            )
        )
    if ctx.annual.get(app.applicant_id) is None and scoring.annual_weight:
        reasons.append(
            Reason("annual_score_missing", "no annual-evaluation score (缺少年度考评成绩)")
        )
    return tuple(reasons)


def score_application(app: Application, category: Category, ctx: CampaignContext) -> Score:
    """Step 2, score: the sheets aggregated per criterion, weighted, combined with the annual
    evaluation, rounded once (:func:`~wuxing.evaluation.scoring.score`, worked out on
    integers by the category's :class:`~wuxing.evaluation.scorer.Scorer`)."""
    return ctx.scorers[category.id].score(
        ctx.sheets.get(app.id, ()), ctx.annual.get(app.applicant_id)
    )


def apply_vetoes(
    app: Application, category: Category, sc: Score, ctx: CampaignContext
) -> tuple[Reason, ...]:
    """Step 3, vetoes: the reasons of every veto rule of the category that removes the
    applicant (一票否决), in the ruleset's order."""
    own = app.applicant_id
    unit_id = ctx.unit_of.get(own)
    other = None if unit_id in (None, own) else unit_id
    rectifications = _records(ctx.rectifications, own, other)
    sanctions = _records(ctx.sanctions, own, other)
    findings = _records(ctx.finding_records, own, other)
    flags = ctx.flags.get(own, ())
    reasons: list[Reason] = []
    rules = ctx.vetoes.get(category.id)
    for rule in ctx.rules.vetoes_for(category.id) if rules is None else rules:
        if idle(ctx.registry.rules[rule.name], sc, rectifications, sanctions, flags):
            continue  # a built-in rule with nothing to look at
        veto = VetoContext(
            rule=rule,
            application=app,
            category=category,
            applicant_unit_id=unit_id,
            at=ctx.at,
            year=ctx.campaign.year,
            score=sc,
            rectifications=rectifications,
            sanctions=sanctions,
            findings=findings,
            flags=flags,
        )
        reasons.extend(ctx.registry.apply(veto))
    return tuple(reasons)


def apply_pass_mark(sc: Score, category: Category, ctx: CampaignContext) -> Reason | None:
    """Step 4, pass mark: a reason when the published (rounded) total is below the category's
    pass mark (宁缺毋滥); a total exactly at the mark passes."""
    mark = ctx.scoring[category.id].pass_mark
    if sc.total < mark:
        return Reason(
            "below_threshold",
            f"total {sc.total} is below the pass mark {mark} (未达分数线)",
            args={"total": sc.total, "mark": mark},
        )
    return None


def _microseconds(at: dt.datetime) -> int:
    """An instant as a whole number of microseconds (on the proleptic Gregorian calendar, UTC)."""
    u = at.astimezone(dt.UTC)
    seconds = u.toordinal() * 86400 + u.hour * 3600 + u.minute * 60 + u.second
    return seconds * 1_000_000 + u.microsecond


def tie_break_key(app: Application, sc: Score, ctx: CampaignContext) -> tuple[Any, ...]:
    """The values of the ruleset's tie-breaks, in order, each "smaller is better" and exact
    (a submission time is counted in whole microseconds, never as a float)."""
    key: list[Any] = []
    unit_id = ctx.unit_of.get(app.applicant_id)
    for name in ctx.rules.ranking.tie_breaks:
        if name == "annual_score":
            key.append(-(sc.annual or 0))
        elif name == "verification_score":
            key.append(-sc.verification)
        elif name == "fewer_findings":  # the applicant's and its unit's (a unit's: its own)
            found = ctx.findings.get(app.applicant_id, 0)
            if unit_id is not None and unit_id != app.applicant_id:
                found += ctx.findings.get(unit_id, 0)
            key.append(found)
        elif name == "earlier_submission":
            at = app.submitted_at
            micro = ctx.instants.get(at)
            if micro is None:
                micro = ctx.instants[at] = _microseconds(at)
            key.append(micro)
        else:  # criterion:CODE
            code = name.split(":", 1)[1]
            points = next((c.points for c in sc.criteria if c.code == code), None)
            key.append(-(points or 0))
    return tuple(key)


def candidate_of(app: Application, sc: Score, ctx: CampaignContext) -> Candidate:
    """Step 5's input: a qualified application as the ranking sees it (total, tie-break
    values, unit and groups for the caps and reserved seats)."""
    return Candidate(
        app.id,
        sc.total,
        tie_break_key(app, sc, ctx),
        ctx.unit_of.get(app.applicant_id),
        app.groups,
        sc.points,
    )
