"""Measured indicators (指标) with a target, and the points a reading earns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

import attrs

from wuxing._core.checks import Checks, as_decimal, as_tuple
from wuxing._core.exact import round_half_up
from wuxing.model.bounds import MAX_ITEMS, MEASURE
from wuxing.model.records import Mark

__all__ = ["Direction", "Indicator", "Reading"]


class Direction(StrEnum):
    """Whether more of an indicator is better (coverage) or less (complaints)."""

    HIGHER = "higher"
    LOWER = "lower"


@attrs.frozen
class Reading:
    """A reading of an indicator on a day."""

    on: dt.date
    value: Decimal = attrs.field(converter=as_decimal)

    def __attrs_post_init__(self) -> None:
        c = Checks("Reading")
        c.date("on", self.on)
        c.decimal("value", self.value, MEASURE)
        c.done()


@attrs.frozen
class Indicator:
    """A measured indicator (指标) with a target, e.g. tap-water coverage 98 %.

    >>> tap = Indicator("自来水普及率", "%", Decimal(98), Direction.HIGHER, "seed 003")
    >>> tap.attainment(Decimal(70))
    Fraction(5, 7)
    >>> tap.points(Decimal(70), floor=Decimal(60), maximum=Decimal(20))
    Fraction(100, 19)
    """

    name: str
    unit: str
    target: Decimal = attrs.field(converter=as_decimal)
    direction: Direction = Direction.HIGHER
    source: str = ""
    readings: tuple[Reading, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("Indicator")
        c.text("name", self.name)
        c.free_text("unit", self.unit, max_length=100)
        c.decimal("target", self.target, MEASURE, positive=True)
        c.enum("direction", self.direction, Direction)
        c.free_text("source", self.source)
        if c.of_type("readings", self.readings, tuple):
            c.items("readings", self.readings, Reading, max_items=MAX_ITEMS)
        c.done()

    def attainment(self, value: Decimal) -> Fraction:
        """How far a reading reaches the target, as an exact ratio (1 = on target; more is
        better than target)."""
        if self.direction is Direction.HIGHER:
            return Fraction(value) / Fraction(self.target)
        if value <= 0:
            raise ValueError("a lower-is-better reading must be positive")
        return Fraction(self.target) / Fraction(value)

    def points(self, value: Decimal, *, floor: Decimal, maximum: Decimal) -> Fraction:
        """Criterion points from a reading: 0 at ``floor``, ``maximum`` at the target, linear
        between, capped at both ends."""
        span = Fraction(self.target) - Fraction(floor)
        if span == 0:
            raise ValueError("the floor equals the target")
        share = (Fraction(value) - Fraction(floor)) / span
        return Fraction(maximum) * min(Fraction(1), max(Fraction(0), share))

    def mark(
        self, code: str, value: Decimal, *, floor: Decimal, maximum: Decimal, places: int = 2
    ) -> Mark:
        """A score-sheet :class:`~wuxing.model.records.Mark` on criterion ``code`` from a reading:
        :meth:`points`, rounded once (ROUND_HALF_UP) to ``places``.

        >>> Indicator("按时办结率", "%", Decimal(98)).mark(
        ...     "T2", Decimal("98.9"), floor=Decimal(90), maximum=Decimal(20))
        Mark(code='T2', points=Decimal('20.00'), met=None)
        """
        return Mark(
            code, points=round_half_up(self.points(value, floor=floor, maximum=maximum), places)
        )

    def latest(self, on: dt.date) -> Reading | None:
        """The last reading on or before ``on``."""
        known = [r for r in self.readings if r.on <= on]
        return max(known, key=lambda r: r.on) if known else None
