"""Key tasks (重点工作): responsibility lists, dispatch schedules, enterprise issues and
indicators (a city's plan "践五型、促十进"; indicators as township reports give them)."""

from __future__ import annotations

from wuxing.tasks.dispatch import Cadence, Review, schedule
from wuxing.tasks.enterprise import EnterpriseIssue, HandlingMode, Response
from wuxing.tasks.indicators import Direction, Indicator, Reading
from wuxing.tasks.key_tasks import Area, KeyTask, Progress, Target, TaskList

__all__ = [
    "Area",
    "Cadence",
    "Direction",
    "EnterpriseIssue",
    "HandlingMode",
    "Indicator",
    "KeyTask",
    "Progress",
    "Reading",
    "Response",
    "Review",
    "Target",
    "TaskList",
    "schedule",
]
