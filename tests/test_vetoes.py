"""The veto rules and their registry, one rule at a time (一票否决)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pendulum
import pytest

from wuxing import RulesetError, rulesets
from wuxing.evaluation import evaluate
from wuxing.evaluation import vetoes as vetoes_module
from wuxing.evaluation.outcomes import Reason
from wuxing.evaluation.scoring import CriterionScore, Score
from wuxing.evaluation.vetoes import (
    VetoContext,
    VetoRegistry,
    VetoRuleFn,
    idle,
    office_flag,
    overdue_rectification,
    required_criterion_not_met,
    sanction_in_year,
)
from wuxing.model.applications import Application
from wuxing.model.records import OfficeFlag, RectificationRecord, SanctionKind, SanctionRecord
from wuxing.model.rulesets import VetoRule, VetoTarget
from wuxing.samples import DEMO_AT, demo_bundle

RULES = rulesets.load("xingguo-2022")
INDIVIDUAL = RULES.category("advanced-individual")
AT = pendulum.datetime(2023, 1, 10, 17, tz="Asia/Shanghai")
APP = Application("ai-1", "advanced-individual", "p1", AT.subtract(days=30))


def ctx(rule: str = "x", target: VetoTarget = VetoTarget.APPLICANT, **kw: object) -> VetoContext:
    return VetoContext(
        rule=VetoRule(rule, target=target),
        application=APP,
        category=INDIVIDUAL,
        applicant_unit_id="u1",
        at=AT,
        year=2022,
        score=kw.pop("score", None),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


def rect(rid: str, subject: str, deadline: pendulum.DateTime) -> RectificationRecord:
    return RectificationRecord(rid, subject, deadline.subtract(days=30), deadline, None, "整改")


class TestSubjects:
    def test_applicant_only(self) -> None:
        """Target applicant: the applicant's records only."""
        assert frozenset({"p1"}) == ctx().subjects()

    def test_applicant_and_unit(self) -> None:
        """Target applicant_or_unit: the unit's too."""
        assert frozenset({"p1", "u1"}) == ctx(target=VetoTarget.APPLICANT_OR_UNIT).subjects()


class TestRules:
    def test_required_criterion(self) -> None:
        """A required criterion marked not met is a veto naming it; unscored, nothing."""
        score = Score(
            Decimal(90),
            None,
            Decimal(90),
            3,
            (CriterionScore("I4", None, None, False), CriterionScore("I1", None, None, True)),
            (),
        )
        reasons = list(required_criterion_not_met(ctx(score=score)))
        assert [("veto.required_criterion_not_met", "I4")] == [(r.code, r.ref) for r in reasons]
        assert INDIVIDUAL.criterion("I4").title_zh in reasons[0].message
        assert [] == list(required_criterion_not_met(ctx()))

    def test_overdue_rectifications_in_id_order(self) -> None:
        """Every overdue item of the subjects, in id order; others' items and items not yet
        due are left out."""
        items = (
            rect("R9", "p1", AT.subtract(days=1)),
            rect("R2", "u1", AT.subtract(days=2)),
            rect("R5", "p2", AT.subtract(days=3)),
            rect("R1", "p1", AT.add(days=1)),
        )
        found = list(
            overdue_rectification(ctx(target=VetoTarget.APPLICANT_OR_UNIT, rectifications=items))
        )
        assert ["R2", "R9"] == [r.ref for r in found]
        assert "its unit u1" in found[0].message
        assert "the applicant" in found[1].message

    def test_sanctions(self) -> None:
        """Dealt with or held accountable this year up to the cut-off: one reason each."""
        items = (
            SanctionRecord("S2", "p1", SanctionKind.HELD_ACCOUNTABLE, dt.date(2022, 2, 1)),
            SanctionRecord("S1", "p1", SanctionKind.DEALT_WITH, dt.date(2023, 1, 10)),
            SanctionRecord("S3", "p1", SanctionKind.ADMONISHMENT_TALK, dt.date(2022, 2, 1)),
            SanctionRecord("S4", "p9", SanctionKind.DEALT_WITH, dt.date(2022, 2, 1)),
        )
        found = list(sanction_in_year(ctx(sanctions=items)))
        assert ["S2"] == [r.ref for r in found]  # S1 is in 2023, not the campaign year
        assert "问责" in found[0].message
        later = list(sanction_in_year(attrs_year(ctx(sanctions=items), 2023)))
        assert ["S1"] == [r.ref for r in later]

    def test_office_flags(self) -> None:
        """Each of the office's flags on the applicant, by code; not another's."""
        flags = (
            OfficeFlag("p1", "z-late-report", "迟报"),
            OfficeFlag("p1", "a-incident", "事故"),
            OfficeFlag("p2", "b-other", "其他"),
        )
        found = list(office_flag(ctx(flags=flags)))
        assert ["veto.office_flag.a-incident", "veto.office_flag.z-late-report"] == [
            r.code for r in found
        ]
        assert "office veto: 事故" == found[0].message


def attrs_year(c: VetoContext, year: int) -> VetoContext:
    return attrs.evolve(c, year=year)


class TestRegistry:
    def test_builtin_names(self) -> None:
        """The four built-in rules."""
        assert [
            "office_flag",
            "overdue_rectification",
            "required_criterion_not_met",
            "sanction_in_year",
        ] == sorted(VetoRegistry.builtin().names())

    def test_unknown_veto_named_by_its_key(self) -> None:
        """A ruleset naming an unknown veto is refused at the veto's key."""
        bad = attrs.evolve(RULES, vetoes=(*RULES.vetoes, VetoRule("no_such_rule")))
        with pytest.raises(RulesetError) as info:
            VetoRegistry.builtin().check(bad)
        n = len(RULES.vetoes)
        assert [(f"vetoes[{n}].name", "unknown_veto")] == [
            (p.path, p.code) for p in info.value.problems
        ]
        VetoRegistry.builtin().check(RULES)  # the built-in ruleset names known rules only

    def test_with_rule_adds_and_replaces(self) -> None:
        """with_rule gives a new registry; the old one is unchanged."""

        def never(_: VetoContext) -> Iterator[Reason]:
            return iter(())

        base = VetoRegistry.builtin()
        more = base.with_rule("never", never).with_rule("office_flag", never)
        assert "never" in more.names()
        assert "never" not in base.names()
        flag = (OfficeFlag("p1", "x", "否决"),)
        assert () == more.apply(ctx("office_flag", flags=flag))
        assert 1 == len(base.apply(ctx("office_flag", flags=flag)))

    def test_default_adds_registered_rules(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The default registry loads the rules packages register, but a registered rule
        never replaces a built-in one of the same name."""

        def extra(_: VetoContext) -> Iterator[Reason]:
            return iter(())

        class Point:
            def __init__(self, name: str) -> None:
                self.name = name

            def load(self) -> object:
                return extra

        def found(group: str) -> list[Point]:
            assert "wuxing.vetoes" == group
            return [Point("county_rule"), Point("office_flag")]

        monkeypatch.setattr(vetoes_module, "entry_points", found)
        registry = VetoRegistry.default()
        assert extra is registry.rules["county_rule"]
        assert office_flag is registry.rules["office_flag"]

    def test_default_keeps_the_builtin_rules(self) -> None:
        """The default registry has every built-in rule, whatever packages register."""
        assert set(VetoRegistry.builtin().names()) <= set(VetoRegistry.default().names())
        for name in VetoRegistry.builtin().names():
            assert VetoRegistry.builtin().rules[name] is VetoRegistry.default().rules[name]


class TestIdle:
    """The evaluation skips a built-in rule only when it could give no reason; a rule
    registered in a built-in's place always runs."""

    MET = Score(Decimal(90), None, Decimal(90), 3, (CriterionScore("I1", None, None, True),), ())
    UNMET = Score(
        Decimal(90), None, Decimal(90), 3, (CriterionScore("I4", None, None, False),), ()
    )
    OVERDUE = (rect("R1", "p1", AT.subtract(days=5)),)
    SANCTION = (SanctionRecord("S1", "p1", SanctionKind.HELD_ACCOUNTABLE, dt.date(2022, 6, 1)),)
    FLAG = (OfficeFlag("p1", "x", "否决"),)

    @pytest.mark.parametrize(
        "rule",
        [required_criterion_not_met, overdue_rectification, sanction_in_year, office_flag],
    )
    def test_idle_rules_give_nothing_and_busy_ones_veto(self, rule: VetoRuleFn) -> None:
        quiet = ctx(score=self.MET)
        assert idle(rule, self.MET, (), (), ())
        assert idle(rule, None, (), (), ())
        assert [] == list(rule(quiet))
        busy = ctx(
            score=self.UNMET,
            rectifications=self.OVERDUE,
            sanctions=self.SANCTION,
            flags=self.FLAG,
        )
        assert not idle(rule, self.UNMET, self.OVERDUE, self.SANCTION, self.FLAG)
        assert 1 == len(list(rule(busy)))  # each of them vetoes on these inputs

    def test_a_rule_in_a_builtin_s_place_is_never_idle(self) -> None:
        def always(c: VetoContext) -> Iterator[Reason]:
            yield Reason("veto.county", "county rule")

        assert not idle(always, None, (), (), ())
        replaced = VetoRegistry.builtin().with_rule("office_flag", always)
        bundle = demo_bundle()
        plain = evaluate(bundle, DEMO_AT)
        result = evaluate(bundle, DEMO_AT, vetoes=replaced)
        vetoed = [
            o.application_id
            for c in result.categories
            for o in c.outcomes
            if any(r.code == "veto.county" for r in o.reasons)
        ]
        # every scored application of a category whose rules name the office flag
        named = {
            c.id
            for c in RULES.categories
            if any(v.name == "office_flag" for v in RULES.vetoes_for(c.id))
        }
        scored = [
            o.application_id
            for c in plain.categories
            if c.category_id in named
            for o in c.outcomes
            if o.score is not None
        ]
        assert scored
        assert sorted(scored) == sorted(vetoed)
