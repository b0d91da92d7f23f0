"""A five-type radar chart (五型雷达图) of one application, as a small SVG.

Each axis is one of the five types; its value is the share of that type's points the
application earned: the type's part of the verification score (see
:class:`~wuxing.evaluation.scoring.DimensionScore`) over the most the category's criteria can
give that type. A type that no criterion of the category bears on has no value and its axis is
drawn grey. The shares are exact decimals; only the drawing uses floating point.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from wuxing.evaluation.scoring import Score
from wuxing.model.categories import Category
from wuxing.model.dimensions import Dimension
from wuxing.reports.pages import escape

__all__ = ["dimension_maxima", "dimension_shares", "radar_svg"]

_SIZE = 120
_CENTRE = 60
_RADIUS = 38


def dimension_maxima(category: Category) -> dict[Dimension, Fraction]:
    """The most each type can score in ``category`` (0–100 scale, split as scoring splits)."""
    maxima = dict.fromkeys(Dimension, Fraction(0))
    for k in category.criteria:
        if k.required:
            continue
        share = Fraction(k.weight) * 100 / len(k.dimensions)
        for d in k.dimensions:
            maxima[d] += share
    return maxima


def dimension_shares(score: Score, category: Category) -> dict[Dimension, Decimal | None]:
    """Per type, the share of its maximum earned, from 0 to 1 in three places (``None`` for a
    type the category does not score).

    >>> from wuxing.samples import demo_bundle, DEMO_AT
    >>> from wuxing import evaluate
    >>> bundle = demo_bundle()
    >>> result = evaluate(bundle, DEMO_AT)
    >>> township = bundle.resolve_ruleset().category("demonstration-township")
    >>> shares = dimension_shares(result.outcome_of("dt-t01").score, township)
    >>> shares[Dimension.LOYAL] is None, shares[Dimension.SERVICE_ORIENTED]
    (True, Decimal('0.950'))
    """
    maxima = dimension_maxima(category)
    points = {d.dimension: Fraction(d.points) for d in score.dimensions}
    shares: dict[Dimension, Decimal | None] = {}
    for d in Dimension:
        if not maxima[d]:
            shares[d] = None
            continue
        ratio = min(Fraction(1), points.get(d, Fraction(0)) / maxima[d])
        exact = Decimal(ratio.numerator) / Decimal(ratio.denominator)
        shares[d] = exact.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return shares


def _point(index: int, share: float) -> tuple[float, float]:
    angle = -math.pi / 2 + index * 2 * math.pi / 5
    return (
        round(_CENTRE + _RADIUS * share * math.cos(angle), 2),
        round(_CENTRE + _RADIUS * share * math.sin(angle), 2),
    )


def _polygon(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def radar_svg(shares: dict[Dimension, Decimal | None], label: str = "") -> str:
    """The radar chart as an inline SVG element (no script, no external resource).

    >>> svg = radar_svg(dict.fromkeys(Dimension, Decimal("0.5")), "高兴镇")
    >>> svg.startswith('<svg class="radar"'), "忠诚 50.0%" in svg
    (True, True)
    """
    parts = [
        f'<svg class="radar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_SIZE} {_SIZE}" '
        'role="img">'
    ]
    described = "，".join(
        f"{d.zh} {'—' if s is None else f'{s * 100:.1f}%'}" for d, s in shares.items()
    )
    parts.append(f"<title>{escape(label)} 五型：{escape(described)}</title>")
    for level in (0.5, 1.0):
        grid = _polygon([_point(i, level) for i in range(5)])
        parts.append(f'<polygon points="{grid}" fill="none" stroke="#999" stroke-width="0.5"/>')
    for i, d in enumerate(Dimension):
        x, y = _point(i, 1.0)
        colour = "#999" if shares.get(d) is None else "#555"
        parts.append(
            f'<line x1="{_CENTRE}" y1="{_CENTRE}" x2="{x:g}" y2="{y:g}" stroke="{colour}" '
            'stroke-width="0.5"/>'
        )
        lx, ly = _point(i, 1.32)
        fill = "#999" if shares.get(d) is None else "#000"
        parts.append(
            f'<text x="{lx:g}" y="{ly + 4:g}" font-size="10" text-anchor="middle" '
            f'fill="{fill}">{d.zh}</text>'
        )
    values = [float(s) if s is not None else 0.0 for s in shares.values()]
    shape = _polygon([_point(i, v) for i, v in enumerate(values)])
    parts.append(
        f'<polygon points="{shape}" fill="#c00" fill-opacity="0.25" stroke="#c00" '
        'stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
