"""The domain model: validated, immutable values.

The five types (:mod:`~wuxing.model.dimensions`), units, staff and supervisors
(:mod:`~wuxing.model.units`), criteria and categories, campaigns and applications, the
evaluation's other inputs (:mod:`~wuxing.model.records`: score sheets, annual scores, veto
records) and the rules themselves as data (:mod:`~wuxing.model.rulesets`, with the source's
statements and the declared defaults of :mod:`~wuxing.model.statements`). Every value checks
itself on construction and reports every problem at once. Nothing here imports a layer above.
"""

from __future__ import annotations

from wuxing.model.aggregation import Aggregation
from wuxing.model.applications import Application, Evidence, FormsFiled
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import (
    Cap,
    CapBy,
    Category,
    EntrantKind,
    FormRequirement,
    ReservedSeats,
    Route,
    Scope,
    ShareRounding,
)
from wuxing.model.criteria import Criterion, CriterionKind, LabelOrigin
from wuxing.model.dimensions import Dimension
from wuxing.model.records import (
    AnnualScore,
    FindingRecord,
    Mark,
    OfficeFlag,
    RectificationRecord,
    SanctionKind,
    SanctionRecord,
    ScoreSheet,
)
from wuxing.model.rulesets import (
    FinalTieBreak,
    Periods,
    Procedure,
    Ranking,
    Ruleset,
    Scoring,
    Source,
    VetoRule,
    VetoTarget,
)
from wuxing.model.settlements import Settlement, TieKind
from wuxing.model.statements import DeclaredDefault, Statement
from wuxing.model.units import Person, Supervisor, Unit, UnitKind, mask_resident_id

__all__ = [
    "Aggregation",
    "AnnualScore",
    "Application",
    "Campaign",
    "Cap",
    "CapBy",
    "Category",
    "Criterion",
    "CriterionKind",
    "DeclaredDefault",
    "Dimension",
    "EntrantKind",
    "Evidence",
    "FinalTieBreak",
    "FindingRecord",
    "FormRequirement",
    "FormsFiled",
    "LabelOrigin",
    "Mark",
    "OfficeFlag",
    "Periods",
    "Person",
    "Procedure",
    "Ranking",
    "RectificationRecord",
    "ReservedSeats",
    "Route",
    "Ruleset",
    "SanctionKind",
    "SanctionRecord",
    "Scope",
    "ScoreSheet",
    "Scoring",
    "Settlement",
    "ShareRounding",
    "Source",
    "Statement",
    "Supervisor",
    "TieKind",
    "Unit",
    "UnitKind",
    "VetoRule",
    "VetoTarget",
    "mask_resident_id",
]
