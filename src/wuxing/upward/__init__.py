"""Recommendations upward (向上推荐): county results into a city or province campaign.

:func:`recommend` turns a county's result into :class:`Recommendation`\\ s that keep their
:class:`Origin`; :func:`evaluate_upward` evaluates a higher campaign, with its own rules and
quota, over several counties' :class:`Submission`\\ s, enforcing per-county caps from an
apportionment and checking every division against the real division table
(:func:`unit_problems`). The how-to "Run a province's selection" walks through it.
"""

from __future__ import annotations

from wuxing.upward.campaign import (
    Submission,
    UpwardResult,
    combine,
    county_group,
    evaluate_upward,
)
from wuxing.upward.jurisdiction import division_problem, unit_problems
from wuxing.upward.recommendations import Origin, Recommendation, recommend

__all__ = [
    "Origin",
    "Recommendation",
    "Submission",
    "UpwardResult",
    "combine",
    "county_group",
    "division_problem",
    "evaluate_upward",
    "recommend",
    "unit_problems",
]
