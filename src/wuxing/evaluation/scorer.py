"""Scoring on integers: the same scores as :func:`~wuxing.evaluation.scoring.score`, for a
whole category at once.

Points are counted in units of 10\\ :sup:`-4` (the places :data:`~wuxing.model.bounds.POINTS`
and :data:`~wuxing.model.bounds.SCORE` allow); the category's weights and maxima and the two
scoring weights are worked out once into integer multipliers over one common denominator; each
total is then one integer quotient, rounded half up once. The breakdown per criterion and per
dimension is worked out by :func:`~wuxing.evaluation.scoring.score` when it is first read, not
for every applicant.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from math import lcm
from typing import Final

from wuxing.evaluation.scoring import Score, score
from wuxing.model.bounds import POINTS, SCORE
from wuxing.model.categories import Category
from wuxing.model.records import ScoreSheet
from wuxing.model.rulesets import Aggregation, Scoring

__all__ = ["Scorer"]


_UNIT: Final[int] = 10 ** max(POINTS.places, SCORE.places)
"""Points and annual scores are counted in whole units of this fraction of one."""


def _divide(numerator: int, denominator: int, places: int) -> int:
    """``numerator / denominator`` (the denominator positive) rounded half away from zero to
    ``places``, as a whole number of units of 10\\ :sup:`-places`."""
    scale: int = 10**places
    whole, rest = divmod(abs(numerator) * scale, denominator)
    if 2 * rest >= denominator:
        whole += 1
    return whole if numerator >= 0 else -whole


class Scorer:
    """One category's scoring, worked out once, on integers; equal to :func:`score` for
    every application (``tests/test_integer_scoring.py`` holds the property).

    Each scored criterion contributes ``weight × 100 / maximum`` times its aggregated points
    to the verification score; those factors, and the scoring's two weights, are brought to
    one denominator once. An application's sheets then give, per criterion, a whole number
    of units (the sum, the trimmed sum or the middle of its points) over a count of sheets
    that is the same for every criterion, so the verification score and the total are each
    one integer quotient, rounded half up once.

    Args:
        category: The category, for its criteria.
        scoring: The ruleset's scoring settings for the category.

    >>> from wuxing import rulesets
    >>> rules = rulesets.load("xingguo-2022")
    >>> Scorer(rules.categories[0], rules.scoring).places == rules.scoring.places
    True
    """

    def __init__(self, category: Category, scoring: Scoring) -> None:
        self.category = category
        self.scoring = scoring
        self.places = scoring.places
        scored = [k for k in category.criteria if not k.required]
        self._index = {k.code: i for i, k in enumerate(scored)}
        self._required = {k.code for k in category.criteria if k.required}
        self._codes = len(category.criteria)
        factors = [Fraction(k.weight) * 100 / Fraction(k.maximum) for k in scored]
        common = lcm(1, *(f.denominator for f in factors))
        self._factors = [int(f * common) for f in factors]
        verification = Fraction(scoring.verification_weight)
        annual = Fraction(scoring.annual_weight)
        self._common = common
        self._v_den = common * _UNIT
        # With vw = Vn/Vd and aw = An/Ad, V the verification numerator over common·UNIT·m
        # (m the count of sheets aggregated) and A the annual score in units:
        # total = (Vn·Ad·V + An·Vd·A·common·m) / (Vd·Ad·common·UNIT·m).
        self._vw = (verification.numerator * annual.denominator, verification.denominator)
        self._aw = (annual.numerator * verification.denominator, annual.denominator)
        self._weighs_annual = bool(scoring.annual_weight)
        self._units: dict[Decimal, int] = {}

    def _units_of(self, value: Decimal) -> int | None:
        found = self._units.get(value)
        if found is None:
            scaled = value * _UNIT
            if scaled != scaled.to_integral_value():
                return None  # finer than the bounds allow: only :func:`score` takes it
            found = self._units[value] = int(scaled)
        return int(found)

    def score(self, sheets: Sequence[ScoreSheet], annual: Decimal | None) -> Score:
        """Score one application from its (already checked) sheets (see :func:`score`)."""
        if not sheets:
            raise ValueError("no sheets to score")
        if annual is None and self._weighs_annual:
            raise ValueError("an annual-evaluation score is needed")
        exact = self._exact(sheets, annual)
        if exact is None:  # an irregular sheet or value: the rule written out decides
            return score(self.category, sheets, self.scoring, annual)
        v_num, count, t_num, unmet = exact
        places = self.places
        verification = _divide(v_num, self._v_den * count, places)
        t_den = self._vw[1] * self._aw[1] * self._v_den * count
        total = _divide(t_num, t_den, places)
        return Score.deferred(
            Decimal(verification).scaleb(-places),
            annual if self._weighs_annual else None,
            Decimal(total).scaleb(-places),
            len(sheets),
            unmet,
            (self.category, sheets, self.scoring, annual),
            points=total,
        )

    def _exact(
        self, sheets: Sequence[ScoreSheet], annual: Decimal | None
    ) -> tuple[int, int, int, tuple[str, ...]] | None:
        """``(verification numerator, count, total numerator, unmet codes)``, or ``None``
        when a sheet does not mark each criterion of the category once with what it needs."""
        index, required, units_of = self._index, self._required, self._units_of
        memo = self._units
        n = len(self._factors)
        values: list[list[int]] = [[] for _ in range(n)]
        met: dict[str, int] = dict.fromkeys(required, 0)
        for sheet in sheets:
            if len(sheet.marks) != self._codes:
                return None
            for m in sheet.marks:
                i = index.get(m.code)
                if i is None:
                    if m.code not in met or m.met is None:
                        return None
                    met[m.code] += bool(m.met)
                    continue
                units = memo.get(m.points) if m.points is not None else None
                if units is None and (m.points is None or (units := units_of(m.points)) is None):
                    return None
                values[i].append(units)
        taken = len(sheets)
        for v in values:
            if len(v) != taken:
                return None  # a criterion marked twice on one sheet and not on another
        method, scoring = self.scoring.aggregation, self.scoring
        if method is Aggregation.MEDIAN:
            count = 1 if taken % 2 else 2
            mid = taken // 2
            sums = []
            for v in values:
                v.sort()
                sums.append(v[mid] if count == 1 else v[mid - 1] + v[mid])
        elif method is Aggregation.TRIMMED_MEAN and taken >= max(scoring.trim_from, 3):
            count = taken - 2
            sums = [sum(v) - min(v) - max(v) for v in values]
        else:
            count = taken
            sums = [sum(v) for v in values]
        v_num = sum(f * s for f, s in zip(self._factors, sums, strict=True))
        t_num = self._vw[0] * v_num
        if annual is not None and self._weighs_annual:
            annual_units = units_of(annual)
            if annual_units is None:
                return None
            t_num += self._aw[0] * annual_units * self._common * count
        unmet = tuple(k.code for k in self.category.criteria if k.required and met[k.code] < taken)
        return v_num, count, t_num, unmet
