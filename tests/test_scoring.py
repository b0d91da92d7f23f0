"""Scoring: aggregation, weighting, one rounding, sheets checked against the category."""

from __future__ import annotations

import statistics
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing import Aggregation, Scoring, rulesets
from wuxing.evaluation.scoring import aggregate, round_half_up, score, sheet_problems
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

    @given(st.fractions(0, 100), st.integers(0, 4))
    def test_within_half_a_unit(self, value: Fraction, places: int) -> None:
        """The rounded value is within half a unit of the last place, never further."""
        rounded = Fraction(round_half_up(value, places))
        assert abs(rounded - value) <= Fraction(1, 2 * 10**places)


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


def sheet(app: str, inspector: str, *pts: str) -> ScoreSheet:
    return ScoreSheet(app, inspector, [Mark(f"T{i + 1}", points=D(p)) for i, p in enumerate(pts)])


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
