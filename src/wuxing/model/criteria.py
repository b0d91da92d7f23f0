"""Criteria (评选条件): the conditions of a category, scored or required."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_decimal, as_frozenset
from wuxing.model.bounds import LONG_TEXT, POINTS, WEIGHT
from wuxing.model.dimensions import Dimension

__all__ = ["Criterion", "CriterionKind"]


class CriterionKind(StrEnum):
    """How a criterion counts.

    ``scored`` criteria add weighted points; ``required`` ones are a pass/fail gate: an
    applicant that does not meet one is vetoed whatever its score.
    """

    SCORED = "scored"
    REQUIRED = "required"


@attrs.frozen
class Criterion:
    """One condition of a category (评选条件).

    Args:
        code: Unique within its category, e.g. ``"T1"``.
        title_zh: The Chinese title, e.g. ``"推进乡村振兴"``.
        summary: A short statement of what the criterion asks, in English.
        dimensions: The five types it bears on (at least one).
        weight: Its share of the category's verification score; the weights of a category's
            scored criteria add up to 1. ``0`` for a required criterion. At most six decimal
            places (:data:`~wuxing.model.bounds.WEIGHT`).
        maximum: The most points an inspector may give (scored criteria), at most 1000
            (:data:`~wuxing.model.bounds.POINTS`).
        kind: :class:`CriterionKind`: scored (default) or required.
        source: Where the criterion is stated, e.g. ``"四(一)1"`` (section of the notice).

    >>> from decimal import Decimal
    >>> c = Criterion("T5", "增进民生福祉", "Improve people's livelihood.",
    ...               {Dimension.SERVICE_ORIENTED}, Decimal("0.2"), Decimal(20))
    >>> c.weight, c.maximum, c.kind.value
    (Decimal('0.2'), Decimal('20'), 'scored')
    """

    code: str
    title_zh: str
    summary: str
    dimensions: frozenset[Dimension] = attrs.field(converter=as_frozenset)
    weight: Decimal = attrs.field(converter=as_decimal)
    maximum: Decimal = attrs.field(converter=as_decimal)
    kind: CriterionKind = CriterionKind.SCORED
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Criterion")
        c.ident("code", self.code)
        c.text("title_zh", self.title_zh)
        c.text("summary", self.summary, max_length=LONG_TEXT)
        if c.of_type("dimensions", self.dimensions, frozenset):
            c.that(bool(self.dimensions), "dimensions", "empty", "name at least one dimension")
            for d in self.dimensions:
                c.enum("dimensions", d, Dimension)
        c.enum("kind", self.kind, CriterionKind)
        if self.kind is CriterionKind.REQUIRED:
            if c.decimal("weight", self.weight, WEIGHT):
                c.that(self.weight == 0, "weight", "too_large", "a required criterion weighs 0")
            c.decimal("maximum", self.maximum, POINTS)
        else:
            c.decimal("weight", self.weight, WEIGHT, positive=True)
            c.decimal("maximum", self.maximum, POINTS, positive=True)
        c.text("source", self.source, optional=True)
        c.done()

    @property
    def required(self) -> bool:
        """Whether this is a pass/fail criterion."""
        return self.kind is CriterionKind.REQUIRED

    def sorted_dimensions(self) -> tuple[Dimension, ...]:
        """The dimensions in the canonical order of :class:`~wuxing.Dimension`."""
        return tuple(d for d in Dimension if d in self.dimensions)
