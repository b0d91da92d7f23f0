"""wuxing: the rules of the Five-Type (五型) government evaluation, as a library.

The public API is re-exported here; submodules :mod:`wuxing.io`, :mod:`wuxing.rulesets` and
:mod:`wuxing.strategies` are used by name.
"""

from __future__ import annotations

from wuxing import io, rulesets
from wuxing.applications import Application, Evidence, FormsFiled
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
from wuxing.units import Person, Supervisor, Unit, UnitKind, mask_resident_id

__version__ = "0.1.0.dev0"

__all__ = [
    "Aggregation",
    "Application",
    "AuthorizationError",
    "CalendarError",
    "Campaign",
    "Category",
    "ConflictOfInterestError",
    "Criterion",
    "CriterionKind",
    "DeadlineError",
    "Dimension",
    "EligibilityError",
    "EntrantKind",
    "Evidence",
    "FinalTieBreak",
    "FormRequirement",
    "FormsFiled",
    "Periods",
    "Person",
    "Problem",
    "Ranking",
    "Route",
    "Ruleset",
    "RulesetError",
    "Scope",
    "Scoring",
    "Source",
    "Supervisor",
    "TransitionError",
    "Unit",
    "UnitKind",
    "ValidationError",
    "VetoRule",
    "VetoTarget",
    "WuxingError",
    "__version__",
    "io",
    "mask_resident_id",
    "rulesets",
]
