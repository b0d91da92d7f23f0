"""Key tasks (重点工作): responsibility lists, dispatch rules and schedules, enterprise issues
and indicators, as the “践五型、促十进” plan and the townships' reports state them."""

from __future__ import annotations

from wuxing.tasks.cadences import Cadence, DispatchRule, ReviewKind
from wuxing.tasks.dispatch import Review, schedule
from wuxing.tasks.documented import documented_indicators
from wuxing.tasks.enterprise import EnterpriseIssue, HandlingMode, Response
from wuxing.tasks.indicators import Bound, Direction, Indicator, Reading
from wuxing.tasks.key_tasks import Area, KeyTask, Progress, Target, TaskList
from wuxing.tasks.leads import LeadReading, UnclearLead

__all__ = [
    "Area",
    "Bound",
    "Cadence",
    "Direction",
    "DispatchRule",
    "EnterpriseIssue",
    "HandlingMode",
    "Indicator",
    "KeyTask",
    "LeadReading",
    "Progress",
    "Reading",
    "Response",
    "Review",
    "ReviewKind",
    "Target",
    "TaskList",
    "UnclearLead",
    "documented_indicators",
    "schedule",
]
