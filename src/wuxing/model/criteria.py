"""Criteria (评选条件): the conditions of a category, scored or required."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_decimal, as_frozenset
from wuxing.model.bounds import LONG_TEXT, POINTS, WEIGHT
from wuxing.model.dimensions import Dimension

__all__ = ["Criterion", "CriterionKind", "LabelOrigin"]


class CriterionKind(StrEnum):
    """How a criterion counts.

    ``scored`` criteria add weighted points; ``required`` ones are a pass/fail gate: an
    applicant that does not meet one is vetoed whatever its score.
    """

    SCORED = "scored"
    REQUIRED = "required"


class LabelOrigin(StrEnum):
    """Where a criterion's short label comes from.

    * ``heading``: the document's own heading of the item (``"推进乡村振兴"`` opens item
      四(一)1 of the Xingguo notice); the text then starts with it.
    * ``coined``: the ruleset's own short name for an item the document does not head
      (items 四(二)1–4 and 四(四)1–4 of the Xingguo notice have no heading).
    """

    HEADING = "heading"
    COINED = "coined"


@attrs.frozen
class Criterion:
    """One condition of a category (评选条件).

    Args:
        code: Unique within its category, e.g. ``"T1"``.
        label_zh: A short Chinese label, e.g. ``"推进乡村振兴"``: the document's own heading
            or a name the ruleset coins, as :attr:`label_origin` says.
        summary: A short statement of what the criterion asks, in English (the ruleset's
            paraphrase, not a translation).
        dimensions: The five types it bears on (at least one). Documents rarely assign a
            criterion to a type; a ruleset that does so declares it as a reading.
        weight: Its share of the category's verification score; the weights of a category's
            scored criteria add up to 1. ``0`` for a required criterion. At most six decimal
            places (:data:`~wuxing.model.bounds.WEIGHT`).
        maximum: The most points an inspector may give (scored criteria), at most 1000
            (:data:`~wuxing.model.bounds.POINTS`).
        kind: :class:`CriterionKind`: scored (default) or required.
        source: Where the criterion is stated, e.g. ``"四(一)1"`` (section of the notice).
        text_zh: The criterion's full text as the document writes it, verbatim, without the
            item number; ``""`` when the ruleset does not carry it.
        label_origin: :class:`LabelOrigin`: whether :attr:`label_zh` is the document's
            heading (default; then :attr:`text_zh`, if given, starts with it) or coined.

    >>> from decimal import Decimal
    >>> c = Criterion("T5", "增进民生福祉", "Improve people's livelihood.",
    ...               {Dimension.SERVICE_ORIENTED}, Decimal("0.2"), Decimal(20))
    >>> c.weight, c.maximum, c.kind.value, c.label_origin.value
    (Decimal('0.2'), Decimal('20'), 'scored', 'heading')
    """

    code: str
    label_zh: str
    summary: str
    dimensions: frozenset[Dimension] = attrs.field(converter=as_frozenset)
    weight: Decimal = attrs.field(converter=as_decimal)
    maximum: Decimal = attrs.field(converter=as_decimal)
    kind: CriterionKind = CriterionKind.SCORED
    source: str | None = None
    text_zh: str = ""
    label_origin: LabelOrigin = LabelOrigin.HEADING

    def __attrs_post_init__(self) -> None:
        c = Checks("Criterion")
        c.ident("code", self.code)
        c.text("label_zh", self.label_zh)
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
        text_ok = c.of_type("text_zh", self.text_zh, str)
        if (
            c.enum("label_origin", self.label_origin, LabelOrigin)
            and text_ok
            and isinstance(self.label_zh, str)
            and self.text_zh
            and self.label_origin is LabelOrigin.HEADING
        ):
            c.that(
                self.text_zh.startswith(self.label_zh),
                "label_origin",
                "label_not_heading",
                f"{self.label_zh!r} does not open the text, so it is not the document's "
                "heading: mark it coined",
            )
        c.done()

    @property
    def title_zh(self) -> str:
        """The label under its earlier name (same as :attr:`label_zh`)."""
        return self.label_zh

    @property
    def label_coined(self) -> bool:
        """Whether the label is the ruleset's own rather than the document's heading."""
        return self.label_origin is LabelOrigin.COINED

    @property
    def required(self) -> bool:
        """Whether this is a pass/fail criterion."""
        return self.kind is CriterionKind.REQUIRED

    def sorted_dimensions(self) -> tuple[Dimension, ...]:
        """The dimensions in the canonical order of :class:`~wuxing.Dimension`."""
        return tuple(d for d in Dimension if d in self.dimensions)
