"""Evaluation: from a campaign's data to a selection, every outcome explained.

The steps, one function each in :mod:`~wuxing.evaluation.steps`, in the order the explanation
page gives them: eligibility (:mod:`~wuxing.evaluation.eligibility`), score
(:mod:`~wuxing.evaluation.scoring`), vetoes (:mod:`~wuxing.evaluation.vetoes`), pass mark, rank
and choose (:mod:`~wuxing.evaluation.selection`, filling the seats in every order among equals
at once with :mod:`~wuxing.evaluation.standing`, :mod:`~wuxing.evaluation.seats` and
:mod:`~wuxing.evaluation.equals`, over the :mod:`~wuxing.evaluation.candidates`), explain
(:mod:`~wuxing.evaluation.explain`).
:func:`evaluate` runs them over a :class:`~wuxing.evaluation.bundle.Bundle`.
"""

from __future__ import annotations

from wuxing.evaluation.bundle import Bundle, DeadlineExtension
from wuxing.evaluation.evaluate import evaluate
from wuxing.evaluation.outcomes import (
    ApplicationOutcome,
    CategoryResult,
    Draw,
    Outcome,
    Reason,
    SelectionResult,
    TiePending,
    UnfilledReason,
    UnfilledSeats,
)
from wuxing.evaluation.scoring import Score
from wuxing.evaluation.vetoes import VetoContext, VetoRegistry

__all__ = [
    "ApplicationOutcome",
    "Bundle",
    "CategoryResult",
    "DeadlineExtension",
    "Draw",
    "Outcome",
    "Reason",
    "Score",
    "SelectionResult",
    "TiePending",
    "UnfilledReason",
    "UnfilledSeats",
    "VetoContext",
    "VetoRegistry",
    "evaluate",
]
