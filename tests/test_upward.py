"""Recommendations upward: county results into a city campaign, origins kept, per-county caps
from an apportionment, divisions checked against the real division table."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pendulum
import pytest

from wuxing import (
    AnnualScore,
    Application,
    Campaign,
    FormsFiled,
    Mark,
    Outcome,
    Ruleset,
    ScoreSheet,
    Unit,
    UnitKind,
    ValidationError,
    evaluate,
    rulesets,
)
from wuxing.apportion import apportion
from wuxing.evaluation import Bundle
from wuxing.upward import Submission, combine, evaluate_upward, recommend, unit_problems

PROVINCE = Path(__file__).parent.parent / "examples" / "province"
TZ = "Asia/Shanghai"
COUNTY_AT = pendulum.datetime(2024, 1, 10, 17, tz=TZ)
CITY_AT = pendulum.datetime(2024, 3, 1, 17, tz=TZ)
YUDU = rulesets.load_file(PROVINCE / "yudu-2023.toml")
XINGGUO = rulesets.load_file(PROVINCE / "xingguo-2023.toml")
CITY = rulesets.load_file(PROVINCE / "ganzhou-2023.toml")
CITY_CAMPAIGN = Campaign("ganzhou-2023", CITY.id, 2023, pendulum.date(2024, 2, 29))


def county(rules: Ruleset, units: list[tuple[str, int, int]], code: str | None = None) -> Bundle:
    """A county bundle of advanced-collective applicants: (unit id, per cent of every maximum
    each of three inspectors gives, annual score). Its total is 0.6 × per cent + 0.4 × annual."""
    when = pendulum.datetime(2023, 12, 20, 10, tz=TZ)
    criteria = rules.category("advanced-collective").criteria
    found: dict[str, list[object]] = {"units": [], "applications": [], "sheets": [], "annual": []}
    for uid, share, annual in units:
        found["units"].append(
            Unit(uid, f"{uid}局", UnitKind.GOVERNMENT_DEPARTMENT, code or rules.jurisdiction)
        )
        found["applications"].append(
            Application(uid, "advanced-collective", uid, when, forms=FormsFiled(2, True, True))
        )
        for k in range(3):
            marks = [Mark(c.code, c.maximum * share / 100) for c in criteria]
            found["sheets"].append(ScoreSheet(uid, f"inspector-{k}", marks))
        found["annual"].append(AnnualScore(uid, Decimal(annual)))
    campaign = Campaign(f"{rules.id}-c", rules.id, 2023, pendulum.date(2023, 12, 31))
    return Bundle(
        campaign,
        ruleset=rules,
        units=found["units"],  # type: ignore[arg-type]
        applications=found["applications"],  # type: ignore[arg-type]
        sheets=found["sheets"],  # type: ignore[arg-type]
        annual_scores=found["annual"],  # type: ignore[arg-type]
    )


def submission(rules: Ruleset, units: list[tuple[str, int, int]]) -> Submission:
    bundle = county(rules, units)
    return Submission(bundle, rules, evaluate(bundle, COUNTY_AT))


# Yudu's quota of collectives is 5 and Xingguo's 4 (examples/province); with the pass mark 75:
# totals 0.6 × share + 0.4 × annual.
YUDU_UNITS = [
    ("finance", 95, 90),  # 57 + 36 = 93.00
    ("tax", 90, 90),  # 54 + 36 = 90.00
    ("water", 85, 80),  # 51 + 32 = 83.00
    ("roads", 80, 80),  # 48 + 32 = 80.00
    ("health", 70, 70),  # 42 + 28 = 70.00: below the pass mark
]
XINGGUO_UNITS = [
    ("finance", 92, 85),  # 55.2 + 34 = 89.20
    ("tax", 91, 85),  # 54.6 + 34 = 88.60
    ("water", 90, 85),  # 54 + 34 = 88.00
]


class TestRecommend:
    def test_selected_go_up_with_their_origin(self) -> None:
        """The county's selected go up, each with county, campaign, rank and total."""
        s = submission(YUDU, YUDU_UNITS)
        recs = recommend(s.bundle, s.result, YUDU)
        assert ["360731:finance", "360731:tax", "360731:water", "360731:roads"] == [
            r.id for r in recs
        ]
        first = recs[0].origin
        assert ("360731", "yudu-2023-c", "yudu-2023", 1, Decimal("93.00"), Outcome.SELECTED) == (
            first.county,
            first.campaign_id,
            first.ruleset_id,
            first.rank,
            first.total,
            first.outcome,
        )

    def test_category_mapping(self) -> None:
        """A county category can enter a differently named higher category, or none."""
        s = submission(YUDU, YUDU_UNITS[:1])
        assert () == recommend(s.bundle, s.result, YUDU, categories={})
        recs = recommend(s.bundle, s.result, YUDU, categories={"advanced-collective": "x"})
        assert ["x"] == [r.category_id for r in recs]


class TestCityCampaign:
    def test_selection_across_counties_with_caps(self) -> None:
        """The city's 5 collectives by total, at most 3 from Yudu and 2 from Xingguo (5 seats
        by population 1,120,000 : 830,000, largest remainder: quotas 2.87 and 2.13). Yudu has
        4 recommended (93, 90, 83, 80), Xingguo 3 (89.2, 88.6, 88). By total: Yudu finance,
        tax, Xingguo finance, tax, water: but Xingguo's third is over its cap of 2, so Yudu's
        water (83) takes the fifth seat."""
        caps = {"advanced-collective": apportion(5, {"360731": 1_120_000, "360732": 830_000})}
        up = evaluate_upward(
            CITY_CAMPAIGN,
            CITY,
            [submission(YUDU, YUDU_UNITS), submission(XINGGUO, XINGGUO_UNITS)],
            CITY_AT,
            caps=caps,
        )
        result = up.result.category("advanced-collective")
        assert (
            "360731:finance",
            "360731:tax",
            "360732:finance",
            "360732:tax",
            "360731:water",
        ) == result.selected
        assert Outcome.CAPPED == result.outcome_of("360732:water").outcome
        assert {"360731": ("finance", "tax", "water"), "360732": ("finance", "tax")} == (
            up.selected_by_county("advanced-collective")
        )
        assert "yudu-2023" == up.origin_of("360731:water").ruleset_id

    def test_same_ids_in_two_counties_do_not_meet(self) -> None:
        """Both counties have a unit 'finance': each keeps its own, prefixed by its county."""
        bundle, _ = combine(
            CITY_CAMPAIGN,
            CITY,
            [submission(YUDU, YUDU_UNITS[:1]), submission(XINGGUO, XINGGUO_UNITS[:1])],
            CITY_AT,
        )
        assert ["360731:finance", "360732:finance"] == [u.id for u in bundle.units]
        assert {"county-360731"} == set(bundle.applications[0].groups)
        assert 6 == len(bundle.sheets)

    def test_city_sheets_replace_the_counties(self) -> None:
        """The city's own sheets are used instead of the counties' when it gives them."""
        criteria = CITY.category("advanced-collective").criteria
        sheets = [
            ScoreSheet("360731:finance", f"city-{k}", [Mark(c.code, c.maximum) for c in criteria])
            for k in range(3)
        ]
        up = evaluate_upward(
            CITY_CAMPAIGN, CITY, [submission(YUDU, YUDU_UNITS[:1])], CITY_AT, sheets=sheets
        )
        # 0.6 × 100 + 0.4 × 90
        assert Decimal("96.00") == up.result.outcome_of("360731:finance").total


class TestDivisions:
    def test_units_checked_against_real_divisions(self) -> None:
        """A unit outside the county, and a code no longer in use, are refused."""
        units = [
            Unit("a", "甲", UnitKind.COUNTY_UNIT, "360731"),
            Unit("b", "乙", UnitKind.COUNTY_UNIT, "360782"),  # 南康市, until 2013
            Unit("c", "丙", UnitKind.COUNTY_UNIT, "360999"),  # never assigned
            Unit("d", "丁", UnitKind.COUNTY_UNIT, "360732"),
        ]
        assert [
            ("units[1].division_code", "division_not_in_use"),
            ("units[2].division_code", "unknown_division"),
            ("units[3].division_code", "outside_jurisdiction"),
        ] == [(p.path, p.code) for p in unit_problems(units, "360731", 2023)]

    def test_combine_refuses_every_problem(self) -> None:
        """A county outside the city, a unit outside its county, the same county twice, and a
        cap that misses a county: all reported at once, before anything is evaluated."""
        nanchang = attrs.evolve(XINGGUO, jurisdiction="360121")  # 南昌县, not in 赣州市
        wrong_unit = county(YUDU, YUDU_UNITS[:1], code="360732")
        subs = [
            Submission(wrong_unit, YUDU, evaluate(wrong_unit, COUNTY_AT)),
            submission(YUDU, YUDU_UNITS[:1]),
            submission(nanchang, XINGGUO_UNITS[:1]),
        ]
        with pytest.raises(ValidationError) as info:
            combine(
                CITY_CAMPAIGN,
                CITY,
                subs,
                CITY_AT,
                caps={"advanced-collective": apportion(2, {"360731": 1})},
            )
        assert [
            ("submissions[0].bundle.units[0].division_code", "outside_jurisdiction"),
            ("submissions[1].ruleset.jurisdiction", "duplicate_county"),
            ("submissions[2].ruleset.jurisdiction", "outside_jurisdiction"),
            ("caps.advanced-collective", "missing_county"),
        ] == [(p.path, p.code) for p in info.value.problems]

    def test_open_tie_in_caps(self) -> None:
        """Caps from an apportionment with an unsettled tie are refused."""
        with pytest.raises(ValidationError) as info:
            combine(
                CITY_CAMPAIGN,
                CITY,
                [submission(YUDU, YUDU_UNITS[:1])],
                CITY_AT,
                caps={"advanced-collective": apportion(1, {"360731": 1, "360732": 1})},
            )
        assert ["tie_open"] == [p.code for p in info.value.problems]
