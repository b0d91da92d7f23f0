"""Cadences and dispatch rules (调度制度): who reviews what, how often, as a plan states it."""

from __future__ import annotations

from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_tuple

__all__ = ["Cadence", "DispatchRule", "ReviewKind"]


class Cadence(StrEnum):
    """How often a review (调度) happens."""

    MONTHLY = "monthly"  # 每月
    BIMONTHLY = "bimonthly"  # 每两个月
    QUARTERLY = "quarterly"  # 每季度
    HALF_YEARLY = "half_yearly"  # 每半年
    YEAR_END = "year_end"  # 年终

    @property
    def months(self) -> int:
        """Months in one period."""
        return {"monthly": 1, "bimonthly": 2, "quarterly": 3, "half_yearly": 6, "year_end": 12}[
            self.value
        ]


class ReviewKind(StrEnum):
    """What a scheduled review is."""

    DISPATCH = "dispatch"  # 调度
    INSPECTION = "inspection"  # 督查
    REPORT = "report"  # 通报
    SITE_MEETING = "site_meeting"  # 现场推进会
    ASSESSMENT = "assessment"  # 考核

    @property
    def zh(self) -> str:
        """The Chinese term."""
        return {
            "dispatch": "调度",
            "inspection": "督查",
            "report": "通报",
            "site_meeting": "现场推进会",
            "assessment": "考核",
        }[self.value]


@attrs.frozen
class DispatchRule:
    """A recurring review a plan sets: who holds it, how often, of what, in the plan's words.

    Args:
        role: Who holds it, e.g. ``"市政府常务副市长"``; ``""`` where the plan names nobody.
        cadence: :class:`Cadence`.
        kind: :class:`ReviewKind`: dispatch (default), inspection, report, site meeting or
            assessment.
        subject_zh: What it reviews, in the plan's words, e.g. ``"分管口的项目建设"``.
        tasks: The numbers of the list's tasks it concerns; empty when it concerns no task in
            particular (a leader's review of the units they are linked to, say).
        source: Where the plan states it, e.g. ``"四(四)"``.
        text_zh: The plan's words, verbatim.
        terms_zh: Named standards it applies, e.g. the six of “三看三比”.

    >>> rule = DispatchRule("市政府市长", Cadence.QUARTERLY, subject_zh="重点调度", tasks=(1, 2))
    >>> rule.kind.zh, rule.cadence.months
    ('调度', 3)
    """

    role: str
    cadence: Cadence
    kind: ReviewKind = ReviewKind.DISPATCH
    subject_zh: str = ""
    tasks: tuple[int, ...] = attrs.field(converter=as_tuple, default=())
    source: str = ""
    text_zh: str = ""
    terms_zh: tuple[str, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("DispatchRule")
        c.of_type("role", self.role, str)
        c.enum("cadence", self.cadence, Cadence)
        c.enum("kind", self.kind, ReviewKind)
        c.of_type("subject_zh", self.subject_zh, str)
        if c.of_type("tasks", self.tasks, tuple):
            for i, n in enumerate(self.tasks):
                c.integer(f"tasks[{i}]", n, minimum=1)
            c.unique("tasks", self.tasks, lambda n: n, "task")
        c.of_type("source", self.source, str)
        c.of_type("text_zh", self.text_zh, str)
        if c.of_type("terms_zh", self.terms_zh, tuple):
            for i, term in enumerate(self.terms_zh):
                c.text(f"terms_zh[{i}]", term)
        c.done()

    def describe(self) -> str:
        """A short line, e.g. ``"市政府市长 quarterly 调度 重点调度"``."""
        return " ".join(
            p for p in (self.role, self.cadence.value, self.kind.zh, self.subject_zh) if p
        )
