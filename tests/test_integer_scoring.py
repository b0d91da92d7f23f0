"""Scoring on integers (:class:`wuxing.evaluation.scorer.Scorer`) against the rule written out
with fractions here, independently of the library: aggregate each criterion's points (mean,
trimmed mean, median), weight them, add the annual evaluation, round once half up. The
breakdown of a score is worked out when first read, and is then that of :func:`score`."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wuxing import strategies as wst
from wuxing.evaluation import evaluate
from wuxing.evaluation.scorer import Scorer
from wuxing.evaluation.scoring import Score, score
from wuxing.model.categories import Category
from wuxing.model.records import Mark, ScoreSheet
from wuxing.model.rulesets import Aggregation, Scoring
from wuxing.rulesets import load as load_ruleset
from wuxing.strategies.rules import categories, scorings


def half_up(value: Fraction, places: int) -> Decimal:
    """Round half away from zero, from the definition: the nearest multiple of 10^-places,
    and on a tie the one further from zero."""
    scaled = value * 10**places
    lower = math.floor(abs(scaled))
    chosen = lower + 1 if abs(scaled) - lower >= Fraction(1, 2) else lower
    return Decimal(chosen if scaled >= 0 else -chosen) / Decimal(10) ** places


def by_rule(
    category: Category, sheets: Sequence[ScoreSheet], scoring: Scoring, annual: Decimal | None
) -> tuple[Decimal, Decimal, tuple[str, ...]]:
    """(verification, total, unmet) as the rule states them, in fractions."""
    verification = Fraction(0)
    for k in category.criteria:
        if k.required:
            continue
        values = sorted(
            Fraction(m.points or 0) for s in sheets for m in s.marks if m.code == k.code
        )
        if scoring.aggregation is Aggregation.MEDIAN:
            points = Fraction(statistics.median(values))
        elif scoring.aggregation is Aggregation.TRIMMED_MEAN and len(values) >= max(
            3, scoring.trim_from
        ):
            points = Fraction(sum(values[1:-1])) / (len(values) - 2)
        else:
            points = Fraction(sum(values)) / len(values)
        verification += Fraction(k.weight) * points * 100 / Fraction(k.maximum)
    total = Fraction(scoring.verification_weight) * verification
    if scoring.annual_weight:
        assert annual is not None
        total += Fraction(scoring.annual_weight) * Fraction(annual)
    unmet = tuple(
        k.code
        for k in category.criteria
        if k.required and not all(any(m.code == k.code and m.met for m in s.marks) for s in sheets)
    )
    return half_up(verification, scoring.places), half_up(total, scoring.places), unmet


def points(maximum: Decimal) -> st.SearchStrategy[Decimal]:
    """Points from 0 to ``maximum`` with up to four places (the bound of points)."""
    top = int(maximum * 10_000)
    return st.integers(0, top).map(lambda n: Decimal(n).scaleb(-4).normalize())


@st.composite
def cases(draw: st.DrawFn) -> tuple[Category, Scoring, list[ScoreSheet], Decimal | None]:
    category = draw(categories())
    scoring = draw(scorings())
    n = draw(st.integers(1, 9))
    sheets = []
    for i in range(n):
        marks = [
            Mark(k.code, met=draw(st.booleans()))
            if k.required
            else Mark(k.code, points=draw(points(k.maximum)))
            for k in category.criteria
        ]
        sheets.append(ScoreSheet("a1", f"i{i}", draw(st.permutations(marks))))
    annual = draw(st.integers(0, 1_000_000).map(lambda n: Decimal(n).scaleb(-4)))
    return (
        category,
        scoring,
        sheets,
        annual if scoring.annual_weight or draw(st.booleans()) else None,
    )


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(cases())
def test_integer_scores_are_the_rule(
    case: tuple[Category, Scoring, list[ScoreSheet], Any],
) -> None:
    """On generated categories, scorings, sheets and annual scores, the integer scorer gives
    the verification score, the total and the unmet criteria the rule gives, and the same
    score as :func:`score`, breakdown included."""
    category, scoring, sheets, annual = case
    scored = Scorer(category, scoring).score(sheets, annual)
    verification, total, unmet = by_rule(category, sheets, scoring, annual)
    assert (verification, total, unmet) == (scored.verification, scored.total, scored.unmet)
    assert scored.total.as_tuple().exponent == -scoring.places
    assert score(category, sheets, scoring, annual) == scored


def test_the_breakdown_waits_until_read() -> None:
    """A score from the scorer holds no breakdown until it is read; then it has one."""
    rules = load_ruleset("xingguo-2022")
    category = rules.categories[0]
    marks = [
        Mark(k.code, met=True) if k.required else Mark(k.code, points=k.maximum)
        for k in category.criteria
    ]
    sheets = [ScoreSheet("a1", f"i{i}", marks) for i in range(5)]
    scored = Scorer(category, rules.scoring).score(sheets, Decimal(90))
    assert "criteria" not in vars(scored)
    assert () == scored.unmet
    assert "criteria" not in vars(scored)
    assert [k.code for k in category.criteria] == [c.code for c in scored.criteria]
    assert "criteria" in vars(scored)
    assert Decimal(100) == scored.verification


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(wst.bundles())
def test_evaluated_scores_are_the_rule(bundle: object) -> None:
    """On generated campaigns, every score in the result is :func:`score` of the
    application's sheets (ordered by inspector) and annual score."""
    from wuxing.evaluation.bundle import Bundle

    assert isinstance(bundle, Bundle)
    result = evaluate(bundle, wst.SELECTION_AT)
    rules = bundle.resolve_ruleset()
    apps = {a.id: a for a in bundle.applications}
    annual = {a.applicant_id: a.score for a in bundle.annual_scores}
    for category in result.categories:
        k = next(c for c in rules.categories if c.id == category.category_id)
        for outcome in category.outcomes:
            if outcome.score is None:
                continue
            app = apps[outcome.application_id]
            sheets = sorted(
                (s for s in bundle.sheets if s.application_id == app.id),
                key=lambda s: s.inspector_id,
            )
            expected = score(k, sheets, rules.scoring_for(k.id), annual.get(app.applicant_id))
            assert isinstance(outcome.score, Score)
            assert expected == outcome.score
