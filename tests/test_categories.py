"""Criteria and categories: weights, routes, and who may enter (评选范围)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import wuxing
from wuxing import (
    Aggregation,
    Category,
    Criterion,
    CriterionKind,
    Dimension,
    EligibilityError,
    EntrantKind,
    Person,
    Route,
    Scope,
    Supervisor,
    Unit,
    UnitKind,
    ValidationError,
)
from wuxing.model.categories import Cap, CapBy, ShareRounding

RULES = wuxing.rulesets.load("xingguo-2022")
TOWN = Unit("gaoxing", "高兴镇", UnitKind.TOWN, "360732")
DEPARTMENT = Unit("finance", "县财政局", UnitKind.GOVERNMENT_DEPARTMENT, "360732")


def criterion(code: str, weight: str, kind: CriterionKind = CriterionKind.SCORED) -> Criterion:
    maximum = Decimal(0) if kind is CriterionKind.REQUIRED else Decimal(20)
    return Criterion(
        code, "条件", "A condition.", {Dimension.LOYAL}, Decimal(weight), maximum, kind
    )


class TestCriterion:
    def test_float_weight_refused(self) -> None:
        """A float weight is refused: weights are exact decimals."""
        with pytest.raises(ValidationError) as info:
            Criterion("K1", "条件", "A condition.", {Dimension.LOYAL}, 0.2, 20)  # type: ignore[arg-type]
        assert [("weight", "wrong_type")] == [(p.path, p.code) for p in info.value.problems]

    def test_nan_and_infinity_refused(self) -> None:
        """NaN and infinite decimals are refused."""
        with pytest.raises(ValidationError) as info:
            Criterion(
                "K1", "条件", "A condition.", {Dimension.LOYAL}, Decimal("NaN"), Decimal("Inf")
            )
        assert [("weight", "not_finite"), ("maximum", "not_finite")] == [
            (p.path, p.code) for p in info.value.problems
        ]

    def test_required_has_no_weight(self) -> None:
        """A required criterion gates; it carries no weight."""
        with pytest.raises(ValidationError) as info:
            criterion("R1", "0.1", CriterionKind.REQUIRED)
        assert "weight" == info.value.path

    def test_no_dimension(self) -> None:
        """A criterion bears on at least one of the five types."""
        with pytest.raises(ValidationError) as info:
            Criterion("K1", "条件", "A condition.", set(), Decimal(1), Decimal(20))
        assert ("dimensions", "empty") == (info.value.path, info.value.code)


class TestCategory:
    def test_weights_must_add_up(self) -> None:
        """The scored criteria's weights add up to 1."""
        with pytest.raises(ValidationError) as info:
            Category(
                "c",
                "类别",
                "Category",
                Scope(EntrantKind.UNIT, {UnitKind.TOWN}),
                1,
                Route.SELF_DECLARED,
                [criterion("A", "0.5"), criterion("B", "0.4")],
            )
        assert ("criteria", "weights_sum") == (info.value.path, info.value.code)

    def test_duplicate_codes_and_negative_quota(self) -> None:
        """Duplicate criterion codes and a negative quota are both reported."""
        with pytest.raises(ValidationError) as info:
            Category(
                "c",
                "类别",
                "Category",
                Scope(EntrantKind.UNIT, {UnitKind.TOWN}),
                -1,
                Route.SELF_DECLARED,
                [criterion("A", "0.5"), criterion("A", "0.5")],
            )
        assert [("quota", "negative"), ("criteria[1]", "duplicate")] == [
            (p.path, p.code) for p in info.value.problems
        ]

    def test_route_must_fit_entrant(self) -> None:
        """Supervisors are office-assessed; a self-declared supervisor category is refused."""
        with pytest.raises(ValidationError) as info:
            Category(
                "c",
                "类别",
                "Category",
                Scope(EntrantKind.SUPERVISOR),
                1,
                Route.SELF_DECLARED,
                [criterion("A", "1")],
            )
        assert ("route", "route_mismatch") == (info.value.path, info.value.code)


class TestCheckEntrant:
    def test_township_not_an_advanced_collective(self) -> None:
        """A township cannot enter the advanced-collective category."""
        with pytest.raises(EligibilityError) as info:
            RULES.category("advanced-collective").check_entrant(TOWN)
        assert "out_of_scope" == info.value.code
        assert "经济开发区、城市社区管委会,县政府各部门,县直(驻县)各单位。" in str(info.value)
        assert "高兴镇 is a 镇" in str(info.value)

    def test_department_not_a_demonstration_township(self) -> None:
        """A department cannot enter as a demonstration township."""
        with pytest.raises(EligibilityError) as info:
            RULES.category("demonstration-township").check_entrant(DEPARTMENT)
        assert "out_of_scope" == info.value.code
        assert "全县各乡镇。" in str(info.value)

    @pytest.mark.parametrize("kind", list(UnitKind))
    def test_in_scope_exactly_the_notice_s_kinds(self, kind: UnitKind) -> None:
        """二(一): 全县各乡镇 (乡 and 镇) enter as demonstration townships; 二(二): development
        zones, management committees, government departments, county-level and stationed units
        as advanced collectives; no unit kind enters both, and every kind but 街道 one."""
        unit = Unit("u", "某单位", kind, "360732")
        township = {UnitKind.TOWNSHIP, UnitKind.TOWN}
        collective = {
            UnitKind.DEVELOPMENT_ZONE,
            UnitKind.MANAGEMENT_COMMITTEE,
            UnitKind.GOVERNMENT_DEPARTMENT,
            UnitKind.COUNTY_UNIT,
            UnitKind.STATIONED_UNIT,
        }
        for category_id, admitted in (
            ("demonstration-township", township),
            ("advanced-collective", collective),
        ):
            category = RULES.category(category_id)
            if kind in admitted:
                assert category.check_entrant(unit) is None
            else:
                with pytest.raises(EligibilityError) as info:
                    category.check_entrant(unit)
                assert "out_of_scope" == info.value.code

    def test_individuals_and_supervisors(self) -> None:
        """Staff enter the individual category; supervisors only their own."""
        person = Person("p1", "李明", "gaoxing", "科员")
        supervisor = Supervisor("s1", "王芳", dt.date(2021, 1, 1), dt.date(2023, 12, 31))
        RULES.category("advanced-individual").check_entrant(person)
        RULES.category("outstanding-supervisor").check_entrant(supervisor)
        with pytest.raises(EligibilityError):
            RULES.category("advanced-individual").check_entrant(supervisor)
        with pytest.raises(EligibilityError):
            RULES.category("outstanding-supervisor").check_entrant(person)
        with pytest.raises(EligibilityError):
            RULES.category("advanced-individual").check_entrant(TOWN)


def share_cap(**kw: object) -> Cap:
    return Cap(CapBy.GROUP, "leaders", share=Decimal("0.25"), **kw)  # type: ignore[arg-type]


class TestCap:
    @pytest.mark.parametrize(
        ("cap", "quotas"),
        [
            # quota:        1  2  3  4  5  6  7  8  9 10
            (Cap(CapBy.GROUP, "g", limit=2), [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]),
            (share_cap(), [0, 0, 0, 1, 1, 1, 1, 2, 2, 2]),
            (share_cap(rounding=ShareRounding.DOWN), [0, 0, 0, 1, 1, 1, 1, 2, 2, 2]),
            (share_cap(rounding=ShareRounding.UP), [1, 1, 1, 1, 2, 2, 2, 2, 3, 3]),
            (share_cap(rounding=ShareRounding.NEAREST), [0, 1, 1, 1, 1, 2, 2, 2, 2, 3]),
            (share_cap(floor=1), [1, 1, 1, 1, 1, 1, 1, 2, 2, 2]),
            (share_cap(rounding=ShareRounding.UP, floor=2), [2, 2, 2, 2, 2, 2, 2, 2, 3, 3]),
        ],
    )
    def test_ceiling(self, cap: Cap, quotas: list[int]) -> None:
        """25 % of quotas 1 to 10, rounded down, up (2.25 → 3) and to the nearest (a half, as
        at 2 and 6 seats, goes up: 0.5 → 1, 1.5 → 2), raised to the floor."""
        assert quotas == [cap.ceiling(q) for q in range(1, 11)]

    def test_describe(self) -> None:
        """The reason names the share, its rounding and its floor."""
        assert (
            "at most 25% of the quota (rounded up, at least 1) from group 'leaders'"
            == share_cap(rounding=ShareRounding.UP, floor=1).describe()
        )
        assert "at most 1 per unit" == Cap(CapBy.UNIT, limit=1).describe()

    def test_rounding_and_floor_only_for_a_share(self) -> None:
        """A count is not rounded and takes no floor; both are refused, with their paths."""
        with pytest.raises(ValidationError) as info:
            Cap(CapBy.UNIT, limit=1, rounding=ShareRounding.UP, floor=1)
        assert [("rounding", "not_applicable"), ("floor", "not_applicable")] == [
            (p.path, p.code) for p in info.value.problems
        ]

    def test_bad_values(self) -> None:
        """An unknown rounding and a negative floor are refused."""
        with pytest.raises(ValidationError) as info:
            share_cap(rounding="sideways", floor=-1)
        assert [("rounding", "unknown_value"), ("floor", "negative")] == [
            (p.path, p.code) for p in info.value.problems
        ]


class TestCategoryRules:
    def test_overrides_validated(self) -> None:
        """A category's own pass mark, reserve, aggregation and minimum of sheets are checked
        like the ruleset's."""
        with pytest.raises(ValidationError) as info:
            attrs.evolve(
                RULES.category("advanced-individual"),
                pass_mark=Decimal(101),
                reserve=-1,
                aggregation="mode",
                min_sheets=0,
            )
        assert [
            ("pass_mark", "too_large"),
            ("reserve", "negative"),
            ("aggregation", "unknown_value"),
            ("min_sheets", "too_small"),
        ] == [(p.path, p.code) for p in info.value.problems]

    def test_scoring_and_reserve_fall_back_to_the_ruleset(self) -> None:
        """What a category does not set comes from the ruleset; what it sets wins."""
        own = attrs.evolve(
            RULES.category("advanced-individual"),
            pass_mark=Decimal(85),
            reserve=4,
            aggregation=Aggregation.MEDIAN,
            min_sheets=5,
        )
        rules = attrs.evolve(
            RULES, categories=[own if c.id == own.id else c for c in RULES.categories]
        )
        scoring = rules.scoring_for("advanced-individual")
        assert (Decimal(85), Aggregation.MEDIAN, 5, RULES.scoring.trim_from) == (
            scoring.pass_mark,
            scoring.aggregation,
            scoring.min_sheets,
            scoring.trim_from,
        )
        assert (4, RULES.ranking.reserve) == (
            rules.reserve_for("advanced-individual"),
            rules.reserve_for("demonstration-township"),
        )
        assert RULES.scoring is rules.scoring_for("demonstration-township")

    def test_overrides_from_toml_and_back(self) -> None:
        """A child ruleset sets a category's rules in TOML; they survive writing it back."""
        text = """
extends = "xingguo-2022"
id = "xingguo-2022-child"

[[categories]]
id = "advanced-individual"
pass_mark = 85
reserve = 3
aggregation = "median"
min_sheets = 4

[[categories.caps]]
by = "group"
group = "leaders"
share = "0.2"
rounding = "up"
floor = 1
"""
        child = wuxing.rulesets.loads(text)
        category = child.category("advanced-individual")
        assert (Decimal(85), 3, Aggregation.MEDIAN, 4) == (
            category.pass_mark,
            category.reserve,
            category.aggregation,
            category.min_sheets,
        )
        assert 2 == category.caps[0].ceiling(category.quota)
        assert child == wuxing.rulesets.loads(wuxing.rulesets.dumps_toml(child))

    def test_annual_score_tie_break_needs_an_annual_weight(self) -> None:
        """A tie-break on the annual score when the annual weight is 0 is a ruleset error at
        the tie-break's key."""
        scoring = attrs.evolve(
            RULES.scoring, verification_weight=Decimal(1), annual_weight=Decimal(0)
        )
        with pytest.raises(ValidationError) as info:
            attrs.evolve(RULES, scoring=scoring)
        assert [("ranking.tie_breaks[0]", "annual_score_unweighted")] == [
            (p.path, p.code) for p in info.value.problems
        ]
