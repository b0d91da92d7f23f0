"""Supervision and rectification (督查整改): inspections, findings, rectifications, sanctions,
and the ledger (台账) that answers an office's questions and feeds the selection's vetoes."""

from __future__ import annotations

from wuxing.supervision.inspections import Finding, Inspection, InspectionKind, Sanction, Severity
from wuxing.supervision.ledger import Ledger, Period
from wuxing.supervision.rectifications import (
    Rectification,
    RectificationMode,
    RectificationState,
    Step,
    StepKind,
)

__all__ = [
    "Finding",
    "Inspection",
    "InspectionKind",
    "Ledger",
    "Period",
    "Rectification",
    "RectificationMode",
    "RectificationState",
    "Sanction",
    "Severity",
    "Step",
    "StepKind",
]
