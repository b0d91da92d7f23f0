"""Indicators (指标): a target, where a document sets one, and the values documents report.

A target and a reported value are different things. A township report that says “自来水普及率
达到了98%” reports an achievement; it sets no target. An :class:`Indicator` keeps the two apart:
:attr:`Indicator.target` is what a document (or a county) sets, each :class:`Reading` a value
measured or reported, with the document that states it, how the document bounds it (“95%以上”
is at least 95, “13000余件” more than 13,000) and its words for when (“截至目前”).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

import attrs

from wuxing._core.checks import Checks, as_decimal, as_tuple
from wuxing._core.exact import round_half_up
from wuxing.errors import Problem, ValidationError
from wuxing.model.bounds import MAX_ITEMS, MEASURE
from wuxing.model.records import Mark

__all__ = ["Bound", "Direction", "Indicator", "Reading"]


class Direction(StrEnum):
    """Whether more of an indicator is better (coverage) or less (complaints)."""

    HIGHER = "higher"
    LOWER = "lower"


class Bound(StrEnum):
    """How a stated figure bounds the value.

    * ``exact``: the figure itself (“98.9%”).
    * ``at_least``: the figure or more (“95%以上”, “不少于12次”).
    * ``over``: more than the round figure (“13000余件”, “30多万元”).
    """

    EXACT = "exact"
    AT_LEAST = "at_least"
    OVER = "over"

    @property
    def zh(self) -> str:
        """The Chinese wording of the bound."""
        return {"exact": "", "at_least": "以上", "over": "余"}[self.value]


@attrs.frozen
class Reading:
    """A value of an indicator: measured on a day, or reported by a document.

    Args:
        on: The day it holds; ``None`` when the document gives no date.
        value: The figure.
        bound: :class:`Bound`: exact (default), at least, or more than.
        source: The document that states it; ``""`` for a county's own measurement.
        as_of_zh: The document's words for when, e.g. ``"截至目前"``.
        quote_zh: The document's sentence or clause, verbatim.

    >>> r = Reading(None, Decimal(95), Bound.AT_LEAST, "《乡镇政府服务能力建设工作进展情况报告》",
    ...             "截至目前", "全镇主要道路硬化率达到了95%以上")
    >>> r.describe("%")
    '95%以上 (截至目前, 《乡镇政府服务能力建设工作进展情况报告》)'
    """

    on: dt.date | None
    value: Decimal = attrs.field(converter=as_decimal)
    bound: Bound = Bound.EXACT
    source: str = ""
    as_of_zh: str = ""
    quote_zh: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Reading")
        if self.on is not None:
            c.date("on", self.on)
        c.decimal("value", self.value, MEASURE)
        c.enum("bound", self.bound, Bound)
        for name in ("source", "as_of_zh", "quote_zh"):
            c.free_text(name, getattr(self, name))
        c.done()

    @property
    def reported(self) -> bool:
        """Whether a document states it (rather than a county measuring it)."""
        return bool(self.source)

    def describe(self, unit: str = "") -> str:
        """The figure as the document bounds it, with when and who states it."""
        when = ", ".join(p for p in (self.as_of_zh, self.on.isoformat() if self.on else "") if p)
        where = ", ".join(p for p in (when, self.source) if p)
        if self.bound is Bound.OVER:
            figure = f"{self.value}余{unit}"
        else:
            figure = f"{self.value}{unit}{self.bound.zh}"
        return f"{figure} ({where})" if where else figure


@attrs.frozen
class Indicator:
    """A measured indicator (指标): its target, if one is set, and its readings.

    Args:
        name: The indicator, e.g. ``"自来水普及率"``.
        unit: The unit of its figures, e.g. ``"%"``.
        target: The target, if a document or the county sets one; ``None`` otherwise.
        direction: :class:`Direction`: whether more is better.
        source: Who sets the target (a document, or the county); ``""`` without a target.
        readings: Values measured or reported (:class:`Reading`).
        note: What the figures leave unclear, e.g. a figure a damaged copy does not show.

    A target is needed to score a reading:

    >>> tap = Indicator("自来水普及率", "%", Decimal(98), Direction.HIGHER, "县定目标（示例）")
    >>> tap.attainment(Decimal(70))
    Fraction(5, 7)
    >>> tap.points(Decimal(70), floor=Decimal(60), maximum=Decimal(20))
    Fraction(100, 19)
    """

    name: str
    unit: str
    target: Decimal | None = attrs.field(default=None, converter=as_decimal)
    direction: Direction = Direction.HIGHER
    source: str = ""
    readings: tuple[Reading, ...] = attrs.field(converter=as_tuple, default=())
    note: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Indicator")
        c.text("name", self.name)
        c.free_text("unit", self.unit, max_length=100)
        if self.target is not None:
            c.decimal("target", self.target, MEASURE, positive=True)
        c.enum("direction", self.direction, Direction)
        if c.free_text("source", self.source):
            c.that(
                self.target is not None or not self.source,
                "source",
                "no_target",
                "source names who sets the target, and there is no target: a document that "
                "reports a value is the reading's source",
            )
        if c.of_type("readings", self.readings, tuple):
            c.items("readings", self.readings, Reading, max_items=MAX_ITEMS)
        c.free_text("note", self.note)
        c.done()

    def _target(self) -> Fraction:
        if self.target is None:
            raise ValidationError(
                [Problem("target", "no_target", f"{self.name} has no target to measure against")],
                subject="Indicator",
            )
        return Fraction(self.target)

    def attainment(self, value: Decimal) -> Fraction:
        """How far a reading reaches the target, as an exact ratio (1 = on target; more is
        better than target).

        Raises:
            ValidationError: code ``no_target`` without a target; ``not_positive`` for a
                lower-is-better reading of 0 or less.
        """
        target = self._target()
        if self.direction is Direction.HIGHER:
            return Fraction(value) / target
        if value <= 0:
            raise ValidationError(
                [Problem("value", "not_positive", "a lower-is-better reading must be positive")],
                subject="Indicator",
            )
        return target / Fraction(value)

    def points(self, value: Decimal, *, floor: Decimal, maximum: Decimal) -> Fraction:
        """Criterion points from a reading: 0 at ``floor``, ``maximum`` at the target, linear
        between, capped at both ends.

        Raises:
            ValidationError: code ``no_target`` without a target, ``floor_is_target`` when the
                floor equals the target.
        """
        span = self._target() - Fraction(floor)
        if span == 0:
            raise ValidationError(
                [Problem("floor", "floor_is_target", "the floor equals the target")],
                subject="Indicator",
            )
        share = (Fraction(value) - Fraction(floor)) / span
        return Fraction(maximum) * min(Fraction(1), max(Fraction(0), share))

    def mark(
        self, code: str, value: Decimal, *, floor: Decimal, maximum: Decimal, places: int = 2
    ) -> Mark:
        """A score-sheet :class:`~wuxing.model.records.Mark` on criterion ``code`` from a reading:
        :meth:`points`, rounded once (ROUND_HALF_UP) to ``places``.

        >>> Indicator("按时办结率", "%", Decimal(98), source="县定目标（示例）").mark(
        ...     "T2", Decimal("98.9"), floor=Decimal(90), maximum=Decimal(20))
        Mark(code='T2', points=Decimal('20.00'), met=None)
        """
        return Mark(
            code, points=round_half_up(self.points(value, floor=floor, maximum=maximum), places)
        )

    def reported(self) -> tuple[Reading, ...]:
        """The readings a document states."""
        return tuple(r for r in self.readings if r.reported)

    def latest(self, on: dt.date) -> Reading | None:
        """The last dated reading on or before ``on`` (undated readings never count)."""
        known = [r for r in self.readings if r.on is not None and r.on <= on]
        return max(known, key=lambda r: r.on or on) if known else None
