"""Scoring: aggregation, weighting, one rounding, sheets checked against the category."""

from __future__ import annotations

import statistics
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing import (
    Aggregation,
    Category,
    Criterion,
    CriterionKind,
    Dimension,
    EntrantKind,
    Route,
    Scope,
    Scoring,
    UnitKind,
    rulesets,
)
from wuxing.evaluation.scoring import Score, aggregate, round_half_up, score, sheet_problems
from wuxing.model.records import Mark, ScoreSheet

D = Decimal
TOWNSHIP = rulesets.load("xingguo-2022").category("demonstration-township")
points = st.lists(st.decimals(0, 20, places=1), min_size=1, max_size=9)


class TestRoundHalfUp:
    def test_half_goes_up(self) -> None:
        """0.125 rounds to 0.13 and 0.5 to 1, not to the even neighbour."""
        assert (D("0.13"), D("1"), D("3")) == (
            round_half_up(Fraction(1, 8), 2),
            round_half_up(Fraction(1, 2), 0),
            round_half_up(Fraction(5, 2), 0),
        )

    @pytest.mark.parametrize(
        ("value", "places", "expected"),
        [
            (Fraction(1249, 10000), 2, "0.12"),  # below the half: down, not up
            (Fraction(1251, 10000), 2, "0.13"),  # above the half: up, not down
            (Fraction(-5, 2), 0, "-3"),  # a negative half: away from zero
            (Fraction(-1249, 10000), 2, "-0.12"),
            (Fraction(2, 3), 0, "1"),
            (Fraction(1, 3), 2, "0.33"),
            (Fraction(7, 2), 0, "4"),  # half-even would give 4 here and 2 for 5/2
            (Fraction(0), 3, "0.000"),
        ],
    )
    def test_worked_values(self, value: Fraction, places: int, expected: str) -> None:
        """Values on either side of a half, negative halves, and the number of places."""
        rounded = round_half_up(value, places)
        assert D(expected) == rounded
        assert expected == str(rounded)

    @given(st.fractions(-100, 100), st.integers(0, 4))
    def test_nearest_and_halves_away_from_zero(self, value: Fraction, places: int) -> None:
        """The rounded value is the nearest multiple of the last place; an exact half goes away
        from zero (so no other rounding mode passes: not half-even, not half-down, not
        towards zero)."""
        unit = Fraction(1, 10**places)
        rounded = Fraction(round_half_up(value, places))
        assert rounded % unit == 0
        assert abs(rounded - value) <= unit / 2
        if abs(rounded - value) == unit / 2:
            assert abs(rounded) > abs(value)


class TestAggregate:
    @given(points)
    def test_mean_and_median_match_statistics(self, values: list[Decimal]) -> None:
        """Mean and median agree with the standard library on exact fractions."""
        exact = [Fraction(v) for v in values]
        assert statistics.mean(exact) == aggregate(values, Aggregation.MEAN, 5)
        assert statistics.median(exact) == aggregate(values, Aggregation.MEDIAN, 5)

    @given(points)
    def test_trimmed_mean_drops_exactly_one_each_side(self, values: list[Decimal]) -> None:
        """From trim_from sheets on, exactly one highest and one lowest are dropped."""
        exact = sorted(Fraction(v) for v in values)
        expected = statistics.mean(exact[1:-1]) if len(values) >= 5 else statistics.mean(exact)
        assert expected == aggregate(values, Aggregation.TRIMMED_MEAN, 5)

    def test_trims_with_three_sheets_when_configured(self) -> None:
        """With trim_from 3, three sheets leave the middle one (trim_mean would not)."""
        assert Fraction(15) == aggregate([D(1), D(15), D(20)], Aggregation.TRIMMED_MEAN, 3)

    def test_never_trims_below_three(self) -> None:
        """Asked to trim from two sheets, two sheets still give their plain mean."""
        assert Fraction(15) == aggregate([D(10), D(20)], Aggregation.TRIMMED_MEAN, 2)
        assert Fraction(16) == aggregate([D(10), D(18), D(20)], Aggregation.TRIMMED_MEAN, 4)

    def test_nothing_to_aggregate(self) -> None:
        """No values is an error, not a zero."""
        with pytest.raises(ValueError, match="no values"):
            aggregate([], Aggregation.MEAN, 5)


def sheet(app: str, inspector: str, *pts: str) -> ScoreSheet:
    return ScoreSheet(app, inspector, [Mark(f"T{i + 1}", points=D(p)) for i, p in enumerate(pts)])


def one_mark(i: int, points: str) -> ScoreSheet:
    return ScoreSheet("a", f"x{i}", [Mark("K1", points=D(points))])


def single_category(*criteria: Criterion) -> Category:
    return Category(
        "c",
        "类别",
        "Category",
        Scope(EntrantKind.UNIT, {UnitKind.TOWN}),
        1,
        Route.SELF_DECLARED,
        criteria,
    )


SINGLE = single_category(
    Criterion("K1", "条件", "A condition.", {Dimension.LOYAL, Dimension.COMPETENT}, D(1), D(100))
)
GATED = single_category(
    Criterion("K1", "条件", "A condition.", {Dimension.LOYAL}, D(1), D(100)),
    Criterion("R1", "必备", "A gate.", {Dimension.LOYAL}, D(0), D(0), CriterionKind.REQUIRED),
)


class TestScore:
    def test_worked_example(self) -> None:
        """Three sheets, mean, 60/40 with the annual score: computed by hand."""
        sheets = [
            sheet("a", "x", "18", "16", "20", "15", "17"),
            sheet("a", "y", "17", "16", "19", "15", "18"),
            sheet("a", "z", "19", "17", "18", "16", "16"),
        ]
        scoring = Scoring(aggregation=Aggregation.MEAN)
        result = score(TOWNSHIP, sheets, scoring, D(90))
        # Criterion means 18, 49/3, 19, 46/3, 17; each × 0.2 / 20 × 100 = mean × 1;
        # verification = 18 + 49/3 + 19 + 46/3 + 17 = 85.666…; total = 0.6 × that + 36.
        assert D("85.67") == result.verification
        assert D("87.40") == result.total
        assert [D("18.00"), D("16.33"), D("19.00"), D("15.33"), D("17.00")] == [
            c.points for c in result.criteria
        ]

    def test_dimensions_add_up(self) -> None:
        """Dimension sub-totals add up to the verification score (within rounding)."""
        sheets = [sheet("a", i, "18", "16", "20", "15", "17") for i in "xyz"]
        result = score(TOWNSHIP, sheets, Scoring(), D(90))
        total = sum(d.points for d in result.dimensions)
        assert abs(total - result.verification) <= D("0.01") * len(result.dimensions)

    def test_annual_needed(self) -> None:
        """Without an annual score, a ruleset that weighs it cannot score."""
        with pytest.raises(ValueError, match="annual"):
            score(TOWNSHIP, [sheet("a", "x", "1", "1", "1", "1", "1")], Scoring(), None)

    def test_a_missing_mark_adds_nothing(self) -> None:
        """A sheet without a mark on a criterion (the bundle's checks refuse one; ``score``
        itself is given it here) leaves that criterion to the other sheets."""
        partial = ScoreSheet("a", "z", [Mark("K1", points=D(20))])
        full = [one_mark(0, "80"), one_mark(1, "80"), partial]
        result = score(SINGLE, [*full[:2], ScoreSheet("a", "w", [])], Scoring(), D(80))
        assert D("80.00") == result.verification
        assert D("60.00") == score(SINGLE, full, Scoring(), D(80)).verification

    def test_no_sheets(self) -> None:
        """No sheets cannot be scored."""
        with pytest.raises(ValueError, match="no sheets"):
            score(TOWNSHIP, [], Scoring(), D(90))

    def test_unweighted_annual_score_is_left_out(self) -> None:
        """With annual weight 0 the total is the verification score and no annual is kept."""
        sheets = [sheet("a", i, "18", "16", "20", "15", "17") for i in "xyz"]
        scoring = Scoring(verification_weight=D(1), annual_weight=D(0))
        result = score(TOWNSHIP, sheets, scoring, D(10))
        assert (D("86.00"), None) == (result.total, result.annual)

    def test_rounded_once_at_the_end(self) -> None:
        """Sheets 80, 80, 82 on one criterion, annual 90, half and half: the verification
        score is 242/3 (shown 80.67) and the total 121/3 + 45 = 85.333… → 85.33; rounding the
        verification score first would give 85.34."""
        scoring = Scoring(
            aggregation=Aggregation.MEAN, verification_weight=D("0.5"), annual_weight=D("0.5")
        )
        sheets = [one_mark(i, p) for i, p in enumerate(("80", "80", "82"))]
        result = score(SINGLE, sheets, scoring, D(90))
        assert (D("80.67"), D("85.33")) == (result.verification, result.total)

    def test_dimension_rows_rounded_each_on_its_own(self) -> None:
        """A criterion bearing on two types gives each half its exact contribution, and each
        row is rounded on its own: 242/6 = 40.333… → 40.33 twice, which add up to 80.66, not
        to the verification score 80.67."""
        sheets = [one_mark(i, p) for i, p in enumerate(("80", "80", "82"))]
        result = score(SINGLE, sheets, Scoring(aggregation=Aggregation.MEAN), D(90))
        assert [(Dimension.LOYAL, D("40.33")), (Dimension.COMPETENT, D("40.33"))] == [
            (d.dimension, d.points) for d in result.dimensions
        ]

    def test_required_criterion_met_only_if_every_sheet_says_so(self) -> None:
        """A required criterion is met when every sheet marks it met; it adds no points."""
        sheets = [
            ScoreSheet("a", i, [Mark("K1", points=D(50)), Mark("R1", met=met)])
            for i, met in (("x", True), ("y", False), ("z", True))
        ]
        result = score(GATED, sheets, Scoring(aggregation=Aggregation.MEAN), D(90))
        assert [("K1", None), ("R1", False)] == [(c.code, c.met) for c in result.criteria]
        assert ("R1",) == result.unmet
        met = score(GATED, [sheets[0], sheets[2]], Scoring(aggregation=Aggregation.MEAN), D(90))
        assert () == met.unmet
        assert D("50.00") == met.verification


class TestSheetProblems:
    def test_above_maximum_unknown_and_missing(self) -> None:
        """Points above the maximum, an unknown criterion and a missing one are named."""
        bad = ScoreSheet(
            "a",
            "x",
            [Mark("T1", points=D(21)), Mark("T9", points=D(1))]
            + [Mark(f"T{i}", points=D(1)) for i in (2, 3, 4)],
        )
        assert [
            ("marks[1].code", "unknown_criterion"),
            ("marks", "above_maximum"),
            ("marks", "missing_mark"),
        ] == [(p, c) for p, c, _ in sheet_problems(bad, TOWNSHIP)]

    def test_the_maximum_itself_is_allowed(self) -> None:
        """Full marks are no problem."""
        full = sheet("a", "x", "20", "20", "20", "20", "20")
        assert [] == sheet_problems(full, TOWNSHIP)

    def test_required_needs_met_and_scored_needs_points(self) -> None:
        """A required criterion marked with points only, a scored one with met only."""
        bad = ScoreSheet("a", "x", [Mark("K1", met=True), Mark("R1", points=D(1))])
        assert [("marks", "needs_points"), ("marks", "needs_met")] == [
            (p, c) for p, c, _ in sheet_problems(bad, GATED)
        ]


_XINGGUO = rulesets.load("xingguo-2022")


@st.composite
def _odd_sheets(draw: st.DrawFn) -> tuple[Category, ScoreSheet]:
    """A category of the Xingguo rules and a sheet that marks as many criteria as it has,
    some marks wrong: an unknown code, points above the maximum, met on a scored criterion,
    points on a required one."""
    category = draw(st.sampled_from(_XINGGUO.categories))
    codes = [k.code for k in category.criteria]
    marks = []
    for code in draw(st.permutations([*codes[:-1], draw(st.sampled_from([codes[-1], "ZZ"]))])):
        kind = draw(st.sampled_from(["points", "above", "met"]))
        if kind == "met":
            marks.append(Mark(code, met=draw(st.booleans())))
        else:
            criterion = next((k for k in category.criteria if k.code == code), None)
            top = criterion.maximum if criterion is not None else Decimal(10)
            marks.append(Mark(code, top + (1 if kind == "above" else 0)))
    return category, ScoreSheet("a1", "i1", marks)


@given(_odd_sheets())
def test_the_category_s_sheet_check_is_sheet_problems(case: tuple[Category, ScoreSheet]) -> None:
    """Checking many sheets of one category with the category read once reports what
    checking each sheet alone reports."""
    from wuxing.evaluation.scoring import SheetCheck

    category, sheet = case
    assert sheet_problems(sheet, category) == SheetCheck(category)(sheet)


@given(st.lists(_odd_sheets(), min_size=1, max_size=8), st.data())
def test_a_sheet_passes_the_category_s_check_when_it_has_no_problem(
    cases: list[tuple[Category, ScoreSheet]], data: st.DataObject
) -> None:
    """One check over many sheets, some of them sharing their marks (one object each, as a
    province's loaded sheets do), passes a sheet exactly when it has no problem, whatever
    it saw before: a mark it found right once is right for every sheet."""
    from wuxing.evaluation.scoring import SheetCheck

    category = cases[0][0]
    sheets = [s for k, s in cases if k is category]
    pool = [m for s in sheets for m in s.marks]
    for _ in range(data.draw(st.integers(0, 4))):  # sheets made of marks seen before
        picked = data.draw(st.lists(st.sampled_from(pool), max_size=6))
        if len({m.code for m in picked}) == len(picked):
            sheets.append(ScoreSheet("a2", "i2", picked))
    check = SheetCheck(category)
    for sheet in data.draw(st.permutations(sheets + sheets)):
        assert check.passes(sheet) == (sheet_problems(sheet, category) == [])


def test_a_score_s_points_whoever_built_it() -> None:
    """A score's points are its total as a whole number of its last place, for a score built
    by hand and for a deferred one given no points as well as for the scorer's."""
    by_hand = Score(Decimal("1.00"), None, Decimal("87.25"), 3, (), ())
    deferred = Score.deferred(Decimal("1.00"), None, Decimal("87.25"), 3, (), (None,) * 4)  # type: ignore[arg-type]
    whole = Score(Decimal(1), None, Decimal("90"), 3, (), ())
    assert (8725, 8725, 90) == (by_hand.points, deferred.points, whole.points)
