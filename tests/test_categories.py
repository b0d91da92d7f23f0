"""Criteria and categories: weights, routes, and who may enter (评选范围)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import wuxing
from wuxing import (
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

    def test_in_scope(self) -> None:
        """A town may apply as a demonstration township; a department as a collective."""
        RULES.category("demonstration-township").check_entrant(TOWN)
        RULES.category("advanced-collective").check_entrant(DEPARTMENT)

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
