"""Evaluating a campaign: eligibility, scores, vetoes, the pass mark, then the selection."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import pendulum

from wuxing.applications import Application
from wuxing.bundle import Bundle
from wuxing.categories import Category
from wuxing.errors import Problem, ValidationError
from wuxing.intake import Directory, intake_reasons
from wuxing.outcomes import ApplicationOutcome, CategoryResult, Outcome, Reason, SelectionResult
from wuxing.records import FindingRecord, ScoreSheet
from wuxing.rulesets._model import Ruleset
from wuxing.scoring import Score, score
from wuxing.selection import Candidate, choose
from wuxing.vetoes import VetoContext, VetoRegistry

__all__ = ["evaluate"]


def _key(
    app: Application,
    sc: Score,
    ruleset: Ruleset,
    findings: dict[str, int],
    unit_id: str | None,
) -> tuple[Any, ...]:
    key: list[Any] = []
    for name in ruleset.ranking.tie_breaks:
        if name == "annual_score":
            key.append(-(sc.annual or 0))
        elif name == "verification_score":
            key.append(-sc.verification)
        elif name == "fewer_findings":
            own = findings.get(app.applicant_id, 0)
            key.append(
                own + (findings.get(unit_id, 0) if unit_id and unit_id != app.applicant_id else 0)
            )
        elif name == "earlier_submission":
            key.append(app.submitted_at.timestamp())
        else:  # criterion:CODE
            code = name.split(":", 1)[1]
            points = next((c.points for c in sc.criteria if c.code == code), None)
            key.append(-(points or 0))
    return tuple(key)


def _tie_break_reason(ruleset: Ruleset) -> str:
    order = ", ".join(ruleset.ranking.tie_breaks) or "none"
    return f"tie-breaks applied in order: {order}"


def evaluate(
    bundle: Bundle,
    at: dt.datetime,
    *,
    ruleset: Ruleset | None = None,
    vetoes: VetoRegistry | None = None,
) -> SelectionResult:
    """Evaluate every category of a campaign at the cut-off ``at``.

    Args:
        bundle: The campaign's data.
        at: The cut-off, an aware datetime: vetoes look at records as they stood then.
        ruleset: The rules; by default the bundle's (:meth:`Bundle.resolve_ruleset`).
        vetoes: The veto registry; by default :meth:`VetoRegistry.default`.

    Raises:
        ValidationError: a naive ``at`` or bundle problems (every one, with its path).
        RulesetError: a ruleset naming an unknown veto.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValidationError([Problem("at", "naive_datetime", "the cut-off needs a UTC offset")])
    # The same instant, in the campaign's zone: "the day of the cut-off" is Xingguo's day.
    at = pendulum.instance(at).in_timezone(bundle.campaign.time_zone)
    rules = ruleset if ruleset is not None else bundle.resolve_ruleset()
    bundle = bundle.as_of(at)
    registry = vetoes if vetoes is not None else VetoRegistry.default()
    registry.check(rules)
    bundle.check(rules)

    directory: Directory = {
        **{s.id: s for s in bundle.supervisors},
        **{p.id: p for p in bundle.people},
        **{u.id: u for u in bundle.units},
    }
    unit_of = bundle.units_of_applicants()
    sheets: dict[str, list[ScoreSheet]] = defaultdict(list)
    for sheet in bundle.sheets:
        sheets[sheet.application_id].append(sheet)
    annual = {a.applicant_id: a.score for a in bundle.annual_scores}
    extensions = {e.application_id: e.until for e in bundle.extensions}
    year_findings: list[FindingRecord] = [
        f
        for f in bundle.findings
        if f.found_on.year == bundle.campaign.year and f.found_on <= at.date()
    ]
    findings: dict[str, int] = defaultdict(int)
    for f in year_findings:
        findings[f.subject_id] += 1
    first: dict[tuple[str, str], Application] = {}
    for app in sorted(bundle.applications, key=lambda a: (a.submitted_at, a.id)):
        first.setdefault((app.applicant_id, app.category_id), app)

    by_category: dict[str, list[Application]] = defaultdict(list)
    for app in bundle.applications:
        by_category[app.category_id].append(app)

    results = []
    for category in rules.categories:
        apps = sorted(by_category.get(category.id, []), key=lambda a: a.id)
        results.append(
            _evaluate_category(
                category,
                apps,
                rules,
                bundle,
                at,
                registry=registry,
                directory=directory,
                unit_of=unit_of,
                sheets=sheets,
                annual=annual,
                extensions=extensions,
                findings=findings,
                first=first,
            )
        )
    return SelectionResult(bundle.campaign.id, rules.id, at, tuple(results))


def _evaluate_category(
    category: Category,
    apps: list[Application],
    rules: Ruleset,
    bundle: Bundle,
    at: dt.datetime,
    *,
    registry: VetoRegistry,
    directory: Directory,
    unit_of: dict[str, str | None],
    sheets: dict[str, list[ScoreSheet]],
    annual: dict[str, Any],
    extensions: dict[str, dt.date],
    findings: dict[str, int],
    first: dict[tuple[str, str], Application],
) -> CategoryResult:
    scoring = rules.scoring
    settled: dict[str, ApplicationOutcome] = {}
    scored: dict[str, Score] = {}
    candidates: list[Candidate] = []
    for app in apps:
        earlier = first[(app.applicant_id, app.category_id)]
        reasons = list(
            intake_reasons(
                app,
                campaign=bundle.campaign,
                category=category,
                directory=directory,
                earlier=None if earlier.id == app.id else earlier,
                extended_until=extensions.get(app.id),
            )
        )
        own = sorted(sheets.get(app.id, []), key=lambda s: s.inspector_id)
        if len(own) < scoring.min_sheets:
            reasons.append(
                Reason(
                    "verification_incomplete",
                    f"{len(own)} verification sheet(s), at least {scoring.min_sheets} needed "
                    "(实地核查未完成)",
                )
            )
        annual_score = annual.get(app.applicant_id)
        if annual_score is None and scoring.annual_weight:
            reasons.append(
                Reason("annual_score_missing", "no annual-evaluation score (缺少年度考评成绩)")
            )
        if reasons:
            settled[app.id] = ApplicationOutcome(
                app.id, app.applicant_id, Outcome.INELIGIBLE, reasons=reasons
            )
            continue
        sc = score(category, own, scoring, annual_score)
        scored[app.id] = sc
        veto_reasons: list[Reason] = []
        for rule in rules.vetoes_for(category.id):
            ctx = VetoContext(
                rule=rule,
                application=app,
                category=category,
                applicant_unit_id=unit_of.get(app.applicant_id),
                at=at,
                year=bundle.campaign.year,
                score=sc,
                rectifications=bundle.rectifications,
                sanctions=bundle.sanctions,
                findings=bundle.findings,
                flags=bundle.flags,
            )
            veto_reasons.extend(registry.apply(ctx))
        if veto_reasons:
            settled[app.id] = ApplicationOutcome(
                app.id, app.applicant_id, Outcome.VETOED, score=sc, reasons=veto_reasons
            )
            continue
        if sc.total < scoring.pass_mark:
            settled[app.id] = ApplicationOutcome(
                app.id,
                app.applicant_id,
                Outcome.BELOW_THRESHOLD,
                score=sc,
                reasons=[
                    Reason(
                        "below_threshold",
                        f"total {sc.total} is below the pass mark {scoring.pass_mark} "
                        "(未达分数线)",
                    )
                ],
            )
            continue
        unit_id = unit_of.get(app.applicant_id)
        candidates.append(
            Candidate(
                app.id,
                sc.total,
                _key(app, sc, rules, findings, unit_id),
                unit_id,
                app.groups,
            )
        )

    choice = choose(candidates, category, rules.ranking)
    selected = set(choice.selected)
    tied = set(choice.tie.application_ids) if choice.tie else set()
    reserve: list[str] = []
    outcomes: list[ApplicationOutcome] = []
    applicant = {a.id: a.applicant_id for a in apps}
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
        elif app_id in tied:
            assert choice.tie is not None
            outcome = Outcome.TIE_PENDING
            reasons = [
                Reason(
                    "tie_pending",
                    f"tied at {sc.total} with {', '.join(i for i in sorted(tied) if i != app_id)} "
                    f"for {choice.tie.seats} remaining seat(s); {_tie_break_reason(rules)}; "
                    "the office must decide (并列待定)",
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
        tie=choice.tie,
        draws=choice.draws,
    )


_ORDER = {Outcome.BELOW_THRESHOLD: 0, Outcome.VETOED: 1, Outcome.INELIGIBLE: 2}
