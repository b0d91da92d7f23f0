"""Issues raised by enterprises (企业吹哨、部门报到), handled on the spot, within a deadline or
as priority cases (就地 / 限期 / 重点办理)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_tuple
from wuxing._core.text import describe
from wuxing._core.time import DEFAULT_TIME_ZONE, as_pendulum, end_of_day
from wuxing.model.bounds import LONG_TEXT, MAX_ITEMS

__all__ = ["EnterpriseIssue", "HandlingMode", "Response"]


class HandlingMode(StrEnum):
    """How an enterprise's issue is handled (就地 / 限期 / 重点办理)."""

    ON_THE_SPOT = "on_the_spot"
    WITHIN_DEADLINE = "within_deadline"
    PRIORITY = "priority"


@attrs.frozen
class Response:
    """A department reporting in (部门报到) on an issue.

    Attributes:
        department: The department.
        at: When it reported in.
        note: What it said; optional.
    """

    department: str
    at: dt.datetime = attrs.field(converter=as_pendulum)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Response")
        c.text("department", self.department)
        c.aware("at", self.at)
        c.free_text("note", self.note)
        c.done()


@attrs.frozen
class EnterpriseIssue:
    """An issue an enterprise raised (企业吹哨) and the departments that must report in.

    Attributes:
        id: The identifier.
        enterprise: The enterprise that raised it.
        raised_at: When it was raised.
        description: The issue.
        departments: The departments that must report in.
        mode: :class:`HandlingMode`: how it is handled.
        deadline: The last day to resolve it, if set.
        responses: The departments' reports, in order.
        closed_at: When it was closed, once it was.
    """

    id: str
    enterprise: str
    raised_at: dt.datetime = attrs.field(converter=as_pendulum)
    description: str
    departments: tuple[str, ...] = attrs.field(converter=as_tuple)
    mode: HandlingMode
    deadline: dt.date | None = None
    responses: tuple[Response, ...] = attrs.field(converter=as_tuple, default=())
    closed_at: dt.datetime | None = attrs.field(default=None, converter=as_pendulum)

    def __attrs_post_init__(self) -> None:
        c = Checks("EnterpriseIssue")
        c.ident("id", self.id)
        c.text("enterprise", self.enterprise)
        raised = c.aware("raised_at", self.raised_at)
        c.text("description", self.description, max_length=LONG_TEXT)
        departments: set[str] = set()
        if c.of_type("departments", self.departments, tuple) and c.items(
            "departments", self.departments, str, max_items=MAX_ITEMS
        ):
            c.that(bool(self.departments), "departments", "empty", "name a department")
            for i, dept in enumerate(self.departments):
                c.text(f"departments[{i}]", dept)
            c.unique("departments", self.departments, lambda d: d, "department")
            departments = set(self.departments)
        c.enum("mode", self.mode, HandlingMode)
        c.that(
            self.mode is HandlingMode.ON_THE_SPOT or self.deadline is not None,
            "deadline",
            "missing",
            "an issue handled within a deadline or as a priority has a deadline",
        )
        if self.deadline is not None:
            c.date("deadline", self.deadline)
        if c.of_type("responses", self.responses, tuple) and c.items(
            "responses", self.responses, Response, max_items=MAX_ITEMS
        ):
            for i, r in enumerate(self.responses):
                c.that(
                    not departments or r.department in departments,
                    f"responses[{i}].department",
                    "not_assigned",
                    f"{describe(r.department)} was not asked to report",
                )
        if self.closed_at is not None and c.aware("closed_at", self.closed_at) and raised:
            c.that(
                self.raised_at <= self.closed_at,
                "closed_at",
                "closed_before_raised",
                "closed before it was raised",
            )
        c.done()

    def overdue_at(self, at: dt.datetime, time_zone: str = DEFAULT_TIME_ZONE) -> bool:
        """Not closed by ``at`` and past its deadline (on-the-spot issues: the day raised)."""
        if self.closed_at is not None and self.closed_at <= at:
            return False
        due = self.deadline if self.deadline is not None else self.raised_at.date()
        return at > end_of_day(due, time_zone)

    @staticmethod
    def figures(issues: tuple[EnterpriseIssue, ...], at: dt.datetime) -> dict[str, Counter[str]]:
        """Per department: issues assigned, reported in on, and overdue at ``at``."""
        table: dict[str, Counter[str]] = {}
        for issue in issues:
            responded = {r.department for r in issue.responses if r.at <= at}
            for dept in issue.departments:
                row = table.setdefault(dept, Counter())
                row["assigned"] += 1
                row["responded"] += dept in responded
                row["overdue"] += issue.overdue_at(at)
        return dict(sorted(table.items()))
