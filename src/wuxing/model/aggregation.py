"""How the inspectors' scores of one criterion are combined (a ruleset's, or a category's)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Aggregation"]


class Aggregation(StrEnum):
    """How the inspectors' scores of one criterion are combined.

    * ``mean``: the arithmetic mean of all sheets.
    * ``trimmed_mean``: drop one highest and one lowest score, then the mean, when there are
      at least :attr:`~wuxing.model.rulesets.Scoring.trim_from` sheets; the plain mean below
      that.
    * ``median``: the middle score (mean of the two middle ones for an even count).
    """

    MEAN = "mean"
    TRIMMED_MEAN = "trimmed_mean"
    MEDIAN = "median"
