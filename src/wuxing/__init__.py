"""wuxing: the rules of the Five-Type (五型) government evaluation, as a library.

The public API is re-exported here; submodules :mod:`wuxing.io`, :mod:`wuxing.rulesets` and
:mod:`wuxing.strategies` are used by name.
"""

from __future__ import annotations

from wuxing import io, rulesets
from wuxing.applications import Application, Evidence, FormsFiled
from wuxing.audit import AuditLog, Role
from wuxing.bundle import Bundle, DeadlineExtension
from wuxing.calendar import ChinaCalendar, WeekdayCalendar, WorkCalendar
from wuxing.campaigns import Campaign
from wuxing.categories import Category, EntrantKind, FormRequirement, Route, Scope
from wuxing.criteria import Criterion, CriterionKind
from wuxing.dimensions import Dimension
from wuxing.errors import (
    AuthorizationError,
    CalendarError,
    ConflictOfInterestError,
    DeadlineError,
    EligibilityError,
    Problem,
    RulesetError,
    TransitionError,
    ValidationError,
    WuxingError,
)
from wuxing.evaluation import evaluate
from wuxing.ledger import Finding, Inspection, InspectionKind, Ledger, Rectification, Sanction
from wuxing.outcomes import ApplicationOutcome, CategoryResult, Outcome, Reason, SelectionResult
from wuxing.process import Actor, Round, State
from wuxing.records import AnnualScore, Mark, OfficeFlag, SanctionKind, ScoreSheet
from wuxing.rulesets import (
    Aggregation,
    FinalTieBreak,
    Periods,
    Ranking,
    Ruleset,
    Scoring,
    Source,
    VetoRule,
    VetoTarget,
)
from wuxing.tasks import Cadence, Indicator, KeyTask, TaskList
from wuxing.units import Person, Supervisor, Unit, UnitKind, mask_resident_id
from wuxing.vetoes import VetoRegistry

__version__ = "0.1.0.dev0"

__all__ = [
    "Actor",
    "Aggregation",
    "AnnualScore",
    "Application",
    "ApplicationOutcome",
    "AuditLog",
    "AuthorizationError",
    "Bundle",
    "Cadence",
    "CalendarError",
    "Campaign",
    "Category",
    "CategoryResult",
    "ChinaCalendar",
    "ConflictOfInterestError",
    "Criterion",
    "CriterionKind",
    "DeadlineError",
    "DeadlineExtension",
    "Dimension",
    "EligibilityError",
    "EntrantKind",
    "Evidence",
    "FinalTieBreak",
    "Finding",
    "FormRequirement",
    "FormsFiled",
    "Indicator",
    "Inspection",
    "InspectionKind",
    "KeyTask",
    "Ledger",
    "Mark",
    "OfficeFlag",
    "Outcome",
    "Periods",
    "Person",
    "Problem",
    "Ranking",
    "Reason",
    "Rectification",
    "Role",
    "Round",
    "Route",
    "Ruleset",
    "RulesetError",
    "Sanction",
    "SanctionKind",
    "Scope",
    "ScoreSheet",
    "Scoring",
    "SelectionResult",
    "Source",
    "State",
    "Supervisor",
    "TaskList",
    "TransitionError",
    "Unit",
    "UnitKind",
    "ValidationError",
    "VetoRegistry",
    "VetoRule",
    "VetoTarget",
    "WeekdayCalendar",
    "WorkCalendar",
    "WuxingError",
    "__version__",
    "evaluate",
    "io",
    "mask_resident_id",
    "rulesets",
]
