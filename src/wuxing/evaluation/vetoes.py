"""Vetoes (一票否决): named rules that remove an applicant whatever its score.

A ruleset names its vetoes (``[[vetoes]] name = "overdue_rectification"``); the names are
looked up in a :class:`VetoRegistry`. :meth:`VetoRegistry.default` holds the built-in rules
and those third-party packages register through the ``wuxing.vetoes`` entry-point group (the
entry point's name is the rule's name, its object the rule). A system can also pass its own
registry: ``VetoRegistry.default().with_rule("my_rule", my_rule)``.

A rule is a callable taking a :class:`VetoContext` and returning the reasons it vetoes the
applicant (none: no veto).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib.metadata import entry_points
from typing import Any

import attrs

from wuxing._core.messages import format_date, format_datetime
from wuxing.errors import Problem, RulesetError
from wuxing.evaluation.outcomes import Reason
from wuxing.evaluation.scoring import Score
from wuxing.model.applications import Application
from wuxing.model.categories import Category
from wuxing.model.records import (
    FindingRecord,
    OfficeFlag,
    RectificationRecord,
    SanctionKind,
    SanctionRecord,
)
from wuxing.model.rulesets import Ruleset, VetoRule, VetoTarget

__all__ = ["VetoContext", "VetoRegistry", "VetoRuleFn", "idle"]

ENTRY_POINT_GROUP = "wuxing.vetoes"


@attrs.frozen
class VetoContext:
    """What a veto rule sees about one applicant.

    Attributes:
        rule: The ruleset's :class:`~wuxing.rulesets.VetoRule` being applied.
        application: The application.
        category: Its category.
        applicant_unit_id: The applicant's unit (the unit itself, or the person's unit).
        at: The cut-off of the evaluation.
        year: The campaign's year.
        score: The application's score, when it was scored.
        rectifications, sanctions, findings, flags: The veto inputs about this applicant, as
            they stood at the cut-off: the rectifications, sanctions and findings of the
            applicant and of its unit, the office's flags on the applicant. The evaluation
            indexes the records by subject once, so a rule reads a handful, never the whole
            ledger; a rule still checks whose record it is (:meth:`subjects`).
    """

    rule: VetoRule
    application: Application
    category: Category
    applicant_unit_id: str | None
    at: dt.datetime
    year: int
    score: Score | None
    rectifications: Sequence[RectificationRecord] = ()
    sanctions: Sequence[SanctionRecord] = ()
    findings: Sequence[FindingRecord] = ()
    flags: Sequence[OfficeFlag] = ()

    def subjects(self) -> frozenset[str]:
        """The ids whose records the rule looks at, by the rule's target."""
        ids = {self.application.applicant_id}
        if self.rule.target is VetoTarget.APPLICANT_OR_UNIT and self.applicant_unit_id:
            ids.add(self.applicant_unit_id)
        return frozenset(ids)


VetoRuleFn = Callable[[VetoContext], Iterable[Reason]]
"""The type of a veto rule."""


def required_criterion_not_met(ctx: VetoContext) -> Iterator[Reason]:
    """A required criterion (必备条件) some inspector marked not met."""
    if ctx.score is None:
        return
    for code in ctx.score.unmet:
        title = ctx.category.criterion(code).title_zh
        yield Reason(
            "veto.required_criterion_not_met",
            f"required criterion {code} {title} not met (一票否决: 未达到必备条件)",
            code,
            args={"code": code, "title": title},
        )


def overdue_rectification(ctx: VetoContext) -> Iterator[Reason]:
    """A rectification (整改) of the applicant, or its unit, overdue at the cut-off."""
    subjects = ctx.subjects()
    for item in sorted(ctx.rectifications, key=lambda r: r.id):
        if item.subject_id in subjects and item.overdue_at(ctx.at):
            own = item.subject_id == ctx.application.applicant_id
            whose = "the applicant" if own else f"its unit {item.subject_id}"
            due = format_datetime(item.deadline, "en")
            yield Reason(
                "veto.overdue_rectification",
                f"rectification {item.id} of {whose} was due {due} and is "
                f"not accepted (逾期未整改销号): {item.description}".rstrip(": "),
                item.id,
                args={
                    "id": item.id,
                    "whose": "申报对象" if own else f"所在单位 {item.subject_id} ",
                    "deadline": format_datetime(item.deadline, "zh"),
                    "description": f"：{item.description}" if item.description else "",
                },
            )


_SANCTION_VETOES = frozenset({SanctionKind.DEALT_WITH, SanctionKind.HELD_ACCOUNTABLE})


def sanction_in_year(ctx: VetoContext) -> Iterator[Reason]:
    """The applicant was dealt with (处理) or held accountable (问责) in the campaign year."""
    subjects = ctx.subjects()
    cutoff = ctx.at.date()
    for item in sorted(ctx.sanctions, key=lambda s: s.id):
        if (
            item.person_id in subjects
            and item.kind in _SANCTION_VETOES
            and item.decided_on.year == ctx.year
            and item.decided_on <= cutoff
        ):
            yield Reason(
                "veto.sanction_in_year",
                f"{item.kind.zh} ({item.kind.value}) on {item.decided_on.isoformat()}, "
                f"sanction {item.id}",
                item.id,
                args={
                    "kind": item.kind.zh,
                    "date": format_date(item.decided_on, "zh"),
                    "id": item.id,
                },
            )


def office_flag(ctx: VetoContext) -> Iterator[Reason]:
    """A veto the office recorded against the applicant (e.g. a major safety incident)."""
    for flag in sorted(ctx.flags, key=lambda f: f.code):
        if flag.applicant_id == ctx.application.applicant_id:
            yield Reason(
                f"veto.office_flag.{flag.code}",
                f"office veto: {flag.reason_zh}",
                flag.code,
                args={"text": "veto.office_flag", "reason": flag.reason_zh},
            )


class _Broken:
    """Stands for a veto plugin that failed to load; :meth:`VetoRegistry.check` refuses a
    ruleset that names it."""

    def __init__(self, why: str) -> None:
        self.why = why

    def __call__(self, ctx: VetoContext) -> Iterable[Reason]:
        raise RulesetError(
            [Problem("", "plugin_failed", f"the veto plugin {ctx.rule.name!r} {self}")],
            subject=f"veto plugin {ctx.rule.name!r}",
        )

    def __str__(self) -> str:
        return f"failed to load: {self.why}"


_BUILTIN: dict[str, VetoRuleFn] = {
    "required_criterion_not_met": required_criterion_not_met,
    "overdue_rectification": overdue_rectification,
    "sanction_in_year": sanction_in_year,
    "office_flag": office_flag,
}


def idle(
    rule: VetoRuleFn,
    score: Score | None,
    rectifications: Sequence[RectificationRecord],
    sanctions: Sequence[SanctionRecord],
    flags: Sequence[OfficeFlag],
) -> bool:
    """Whether ``rule`` is a built-in rule that cannot give a reason with these inputs (a
    score with no unmet required criterion, or no record of the kind it looks at), so that
    the evaluation need not run it. A rule of a plugin, or one registered in a built-in's
    place, is never idle.

    >>> idle(office_flag, None, (), (), ())
    True
    """
    if rule is required_criterion_not_met:
        return score is None or not score.unmet
    if rule is overdue_rectification:
        return not rectifications
    if rule is sanction_in_year:
        return not sanctions
    if rule is office_flag:
        return not flags
    return False


def _as_dict(rules: Mapping[str, VetoRuleFn]) -> dict[str, VetoRuleFn]:
    return dict(rules)


@attrs.frozen
class VetoRegistry:
    """An immutable map from veto names to rules.

    >>> sorted(VetoRegistry.builtin().names())
    ['office_flag', 'overdue_rectification', 'required_criterion_not_met', 'sanction_in_year']
    """

    rules: Mapping[str, VetoRuleFn] = attrs.field(converter=_as_dict)

    @classmethod
    def builtin(cls) -> VetoRegistry:
        """The built-in rules only."""
        return cls(_BUILTIN)

    @classmethod
    def default(cls) -> VetoRegistry:
        """The built-in rules and those of the ``wuxing.vetoes`` entry-point group.

        A plugin that fails to load does not stop the others: its name stands for a rule
        that :meth:`check` refuses (code ``plugin_failed``), so only a ruleset naming it
        fails."""
        rules: dict[str, Any] = dict(_BUILTIN)
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if ep.name not in rules:
                try:
                    rules[ep.name] = ep.load()
                except Exception as exc:
                    rules[ep.name] = _Broken(f"{type(exc).__name__}: {exc}"[:200])
        return cls(rules)

    def with_rule(self, name: str, rule: VetoRuleFn) -> VetoRegistry:
        """A new registry with ``rule`` under ``name`` (replacing one of that name)."""
        return VetoRegistry({**self.rules, name: rule})

    def names(self) -> tuple[str, ...]:
        """The registered names."""
        return tuple(self.rules)

    def check(self, ruleset: Ruleset) -> None:
        """Refuse a ruleset naming a veto this registry does not know.

        Raises:
            RulesetError: code ``unknown_veto``, naming the TOML key.
        """
        problems = [
            Problem(
                f"vetoes[{i}].name",
                "unknown_veto",
                f"no veto rule {v.name!r}; known: {', '.join(sorted(self.rules))}",
            )
            for i, v in enumerate(ruleset.vetoes)
            if v.name not in self.rules
        ]
        problems += [
            Problem(f"vetoes[{i}].name", "plugin_failed", f"the veto plugin {v.name!r} {rule}")
            for i, v in enumerate(ruleset.vetoes)
            if isinstance(rule := self.rules.get(v.name), _Broken)
        ]
        if problems:
            raise RulesetError(problems, subject=f"ruleset {ruleset.id!r}")

    def apply(self, ctx: VetoContext) -> tuple[Reason, ...]:
        """The reasons the rule of ``ctx`` vetoes the applicant."""
        return tuple(self.rules[ctx.rule.name](ctx))
