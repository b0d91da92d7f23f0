"""From score sheets to a total: aggregation, weighting, the annual evaluation, one rounding.

Arithmetic is exact and the total is rounded once, ROUND_HALF_UP, to the ruleset's places.
:func:`score` is the rule written out: intermediate values are
:class:`fractions.Fraction`\\ s, and sub-totals per criterion and per dimension are kept so the
outcome can be explained. :class:`~wuxing.evaluation.scorer.Scorer` gives the same scores
for a whole category on integers, and leaves the breakdown to :func:`score` until it is first
read (:meth:`Score.deferred`).
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import attrs

from wuxing._core.exact import round_half_up
from wuxing.model.categories import Category
from wuxing.model.dimensions import Dimension
from wuxing.model.records import Mark, ScoreSheet
from wuxing.model.rulesets import Aggregation, Scoring

_REMEMBERED: Final = 4096
"""How many distinct marks a :class:`SheetCheck` remembers as right."""

_EXACT = decimal.Context(prec=decimal.MAX_PREC, traps=[decimal.Inexact, decimal.Rounded])

__all__ = [
    "CriterionScore",
    "DimensionScore",
    "Score",
    "SheetCheck",
    "aggregate",
    "round_half_up",
    "score",
    "sheet_problems",
]


def aggregate(values: Sequence[Decimal], method: Aggregation, trim_from: int) -> Fraction:
    """Combine the sheets' points on one criterion, exactly.

    The trimmed mean drops one highest and one lowest value when there are at least
    ``trim_from`` (≥ 3) values, and is the plain mean below that.

    >>> from decimal import Decimal as D
    >>> aggregate([D(10), D(20), D(18), D(19), D(2)], Aggregation.TRIMMED_MEAN, 5)
    Fraction(47, 3)
    >>> aggregate([D(10), D(20), D(18), D(19)], Aggregation.MEDIAN, 5)
    Fraction(37, 2)
    """
    if not values:
        raise ValueError("no values to aggregate")
    with decimal.localcontext(_EXACT):  # additions of finite decimals stay exact
        ordered = sorted(values)
        if method is Aggregation.TRIMMED_MEAN and len(ordered) >= max(trim_from, 3):
            ordered = ordered[1:-1]
        if method is Aggregation.MEDIAN:
            mid = len(ordered) // 2
            if len(ordered) % 2:
                return Fraction(ordered[mid])
            return Fraction(ordered[mid - 1] + ordered[mid]) / 2
        return Fraction(sum(ordered, Decimal(0))) / len(ordered)


@attrs.frozen
class CriterionScore:
    """One criterion in a score: the aggregated points and what they contribute.

    Attributes:
        code: The criterion.
        points: Aggregated points (for a required criterion, ``None``).
        contribution: Its weighted contribution to the verification score (0–100 scale).
        met: For a required criterion, whether every sheet marked it met.
    """

    code: str
    points: Decimal | None
    contribution: Decimal | None
    met: bool | None


@attrs.frozen
class DimensionScore:
    """The part of the verification score borne by one of the five types.

    A criterion bearing on several types splits its contribution equally among them, so the
    dimension scores add up to the verification score (before rounding).
    """

    dimension: Dimension
    points: Decimal


@attrs.frozen(slots=False)
class Score:
    """An application's score.

    A score from :class:`Scorer` works out its breakdown (:attr:`criteria`,
    :attr:`dimensions`) when it is first read; it is then the same as any other score's.

    Attributes:
        verification: The verification score, 0–100, rounded for display.
        annual: The annual-evaluation score used, if the ruleset weighs it.
        total: The total, rounded once to the ruleset's places: what is ranked and published.
        sheets: How many sheets were used.
        criteria: Per criterion.
        dimensions: Per dimension (the five types).
    """

    verification: Decimal
    annual: Decimal | None
    total: Decimal
    sheets: int
    criteria: tuple[CriterionScore, ...]
    dimensions: tuple[DimensionScore, ...]

    @classmethod
    def deferred(
        cls,
        verification: Decimal,
        annual: Decimal | None,
        total: Decimal,
        sheets: int,
        unmet: tuple[str, ...],
        inputs: tuple[Category, Sequence[ScoreSheet], Scoring, Decimal | None],
        *,
        points: int | None = None,
    ) -> Score:
        """A score whose breakdown :func:`score` works out from ``inputs`` when it is first
        read; ``unmet`` is what :attr:`unmet` will find in it, and ``points`` (when known)
        what :attr:`points` will."""
        built = cls(verification, annual, total, sheets, (), ())
        state = built.__dict__
        del state["criteria"], state["dimensions"]
        state["_inputs"], state["_unmet"] = inputs, unmet
        if points is None:
            points = int(total.scaleb(-int(total.as_tuple().exponent)))
        state["_points"] = points
        return built

    if not TYPE_CHECKING:  # for the type checker, the two are plain attributes

        def __getattr__(self, name: str) -> Any:
            # Reached only for an attribute not set: the breakdown of a deferred score.
            state = self.__dict__
            inputs = state.get("_inputs")
            if name not in ("criteria", "dimensions") or inputs is None:
                raise AttributeError(name)
            # Stored before the inputs are dropped: a thread reading meanwhile finds one or
            # the other, and at worst works out the same breakdown twice.
            full = score(*inputs)
            state["criteria"], state["dimensions"] = full.criteria, full.dimensions
            state.pop("_inputs", None)
            return state[name]

    @property
    def points(self) -> int:
        """The total as a whole number of its last decimal place (``8725`` for ``87.25``):
        what the ranking compares."""
        known = self.__dict__.get("_points")
        if known is None:
            known = self.__dict__["_points"] = int(
                self.total.scaleb(-int(self.total.as_tuple().exponent))
            )
        return int(known)

    @property
    def unmet(self) -> tuple[str, ...]:
        """The codes of required criteria some sheet marked not met."""
        known = self.__dict__.get("_unmet")
        if known is not None:
            return known  # type: ignore[no-any-return]
        return tuple(c.code for c in self.criteria if c.met is False)


class SheetCheck:
    """:func:`sheet_problems` for many sheets of one category, the category read once; a
    sheet that marks every criterion as it should costs one look-up per mark.

    >>> from wuxing import rulesets
    >>> check = SheetCheck(rulesets.load("xingguo-2022").categories[0])
    >>> check(ScoreSheet("a1", "i1", []))[0][:2]
    ('marks', 'missing_mark')
    >>> right = [Mark(k.code, met=True) if k.required else Mark(k.code, k.maximum)
    ...          for k in check.category.criteria]
    >>> check.passes(ScoreSheet("a1", "i1", right)), check.passes(ScoreSheet("a1", "i1", []))
    (True, False)
    """

    def __init__(self, category: Category) -> None:
        self.category = category
        self._spec = {k.code: (k.required, k.maximum) for k in category.criteria}
        # The marks found right, by identity (kept, so that an identity is not reused while
        # it is remembered; at most _REMEMBERED): a province's sheets share equal marks.
        self._right: set[int] = set()
        self._kept: list[Mark] = []

    def passes(self, sheet: ScoreSheet) -> bool:
        """Whether the sheet has no problem (:meth:`__call__` would give none): each
        criterion marked once with what it needs. A mark is looked at once, however many
        sheets share it."""
        marks, spec, right = sheet.marks, self._spec, self._right
        if len(marks) != len(spec):  # the codes of a sheet are distinct
            return False
        if right.issuperset(map(id, marks)):
            return True
        for m in marks:
            found = spec.get(m.code)
            if found is None:
                return False
            required, maximum = found
            if m.met is None if required else m.points is None or m.points > maximum:
                return False
            if len(self._kept) < _REMEMBERED and id(m) not in right:
                self._kept.append(m)
                right.add(id(m))
        return True

    def __call__(self, sheet: ScoreSheet) -> list[tuple[str, str, str]]:
        """The sheet's problems, as :func:`sheet_problems` gives them."""
        spec = self._spec
        if len(sheet.marks) == len(spec):  # the codes of a sheet are distinct
            for m in sheet.marks:
                found = spec.get(m.code)
                if found is None:
                    break
                required, maximum = found
                if m.met is None if required else m.points is None or m.points > maximum:
                    break
            else:
                return []
        return sheet_problems(sheet, self.category)


def sheet_problems(sheet: ScoreSheet, category: Category) -> list[tuple[str, str, str]]:
    """Check a sheet against its category: ``(path, code, message)`` for each problem.

    Every criterion must be marked once, scored ones with points within the maximum, required
    ones met or not; no mark for an unknown criterion.
    """
    problems: list[tuple[str, str, str]] = []
    codes = {k.code for k in category.criteria}
    for i, given in enumerate(sheet.marks):
        if given.code not in codes:
            problems.append(
                (f"marks[{i}].code", "unknown_criterion", f"{category.id!r} has no {given.code!r}")
            )
    for k in category.criteria:
        mark = sheet.mark(k.code)
        if mark is None:
            problems.append(("marks", "missing_mark", f"criterion {k.code!r} is not marked"))
        elif k.required and mark.met is None:
            problems.append(("marks", "needs_met", f"{k.code!r} is required: mark met or not"))
        elif not k.required and mark.points is None:
            problems.append(("marks", "needs_points", f"{k.code!r} is scored: give points"))
        elif mark.points is not None and mark.points > k.maximum:
            problems.append(
                (
                    "marks",
                    "above_maximum",
                    f"{mark.points} points on {k.code!r} exceed its maximum of {k.maximum}",
                )
            )
    return problems


def score(
    category: Category,
    sheets: Sequence[ScoreSheet],
    scoring: Scoring,
    annual: Decimal | None,
) -> Score:
    """Score one application from its (already checked) sheets.

    Args:
        category: The category, for its criteria.
        sheets: The sheets; at least one; each valid for the category.
        scoring: The ruleset's scoring settings.
        annual: The annual-evaluation score; needed when ``scoring.annual_weight`` is not 0.
    """
    if not sheets:
        raise ValueError("no sheets to score")
    if annual is None and scoring.annual_weight:
        raise ValueError("an annual-evaluation score is needed")
    places = scoring.places
    verification = Fraction(0)
    per_dimension: dict[Dimension, Fraction] = dict.fromkeys(Dimension, Fraction(0))
    criteria: list[CriterionScore] = []
    by_code = [{m.code: m for m in s.marks} for s in sheets]
    for k in category.criteria:
        marks = [found.get(k.code) for found in by_code]
        if k.required:
            met = all(m is not None and m.met for m in marks)
            criteria.append(CriterionScore(k.code, None, None, met))
            continue
        points = aggregate(
            [m.points for m in marks if m is not None and m.points is not None],
            scoring.aggregation,
            scoring.trim_from,
        )
        contribution = Fraction(k.weight) * points / Fraction(k.maximum) * 100
        verification += contribution
        share = contribution / len(k.dimensions)
        for d in k.dimensions:
            per_dimension[d] += share
        criteria.append(
            CriterionScore(
                k.code, round_half_up(points, places), round_half_up(contribution, places), None
            )
        )
    total = Fraction(scoring.verification_weight) * verification
    if annual is not None:
        total += Fraction(scoring.annual_weight) * Fraction(annual)
    return Score(
        verification=round_half_up(verification, places),
        annual=annual if scoring.annual_weight else None,
        total=round_half_up(total, places),
        sheets=len(sheets),
        criteria=tuple(criteria),
        dimensions=tuple(
            DimensionScore(d, round_half_up(per_dimension[d], places))
            for d in Dimension
            if per_dimension[d]
        ),
    )
