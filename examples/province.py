"""A province's selection, end to end: an illustrative province base, two county rulesets
extending it by file, apportioned quotas, two county evaluations and a city-level selection
from their recommendations.

ILLUSTRATIVE ONLY: the province base in examples/province/ is not an official document, and
the populations, staff counts, units and scores are invented.

Run: python examples/province.py
"""

from __future__ import annotations

import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pendulum

from wuxing import (
    AnnualScore,
    Application,
    Campaign,
    FormsFiled,
    Mark,
    Person,
    Ruleset,
    ScoreSheet,
    Unit,
    UnitKind,
    rulesets,
)
from wuxing.apportion import Basis, Claimant, Method, apportion, write_quotas
from wuxing.evaluation import Bundle, SelectionResult, evaluate
from wuxing.upward import Submission, evaluate_upward

HERE = Path(__file__).parent / "province"
TZ = "Asia/Shanghai"

# Illustrative figures, not census data: population and government staff of each county.
COUNTIES = {
    "360731": ("yudu", "于都县", 1_120_000, 3_400),
    "360732": ("xingguo", "兴国县", 830_000, 2_600),
}


def apportion_county_quotas(folder: Path) -> None:
    """The city's county-level seats split across its counties and written into each county's
    layer: 9 advanced collectives by population (largest remainder), 8 advanced individuals by
    staff count (D'Hondt)."""
    layers = {code: folder / f"{name}-2023.toml" for code, (name, *_) in COUNTIES.items()}
    by_population = [Claimant(code, pop, name=zh) for code, (_, zh, pop, _) in COUNTIES.items()]
    by_staff = [Claimant(code, staff, name=zh) for code, (_, zh, _, staff) in COUNTIES.items()]
    collectives = apportion(9, by_population, Method.LARGEST_REMAINDER, basis=Basis.POPULATION)
    individuals = apportion(8, by_staff, Method.DHONDT, basis=Basis.STAFF)
    write_quotas(collectives, "advanced-collective", layers)
    write_quotas(individuals, "advanced-individual", layers)
    print("county quotas: collectives", collectives.seats, "individuals", individuals.seats)


def _points(seed: int, inspector: int, maximum: int) -> Decimal:
    level = 70 + (seed * 37 + inspector * 11) % 29  # 70..98 per cent of the maximum
    return (Decimal(maximum) * level / 100).quantize(Decimal("0.1"))


def county_bundle(code: str, rules: Ruleset) -> Bundle:
    """An invented campaign for one county: departments applying as advanced collectives,
    one staff member of each recommended as an advanced individual."""
    name = COUNTIES[code][0]
    units, people, apps, sheets, annual = [], [], [], [], []
    when = pendulum.datetime(2023, 12, 20, 10, tz=TZ)
    for i in range(1, 9):
        unit = Unit(
            f"dept-{i}", f"{COUNTIES[code][1]}第{i}局", UnitKind.GOVERNMENT_DEPARTMENT, code
        )
        person = Person(f"staff-{i}", f"{name}-{i}", unit.id, "科长")
        units.append(unit)
        people.append(person)
        forms = FormsFiled(2, True, True)
        apps.append(Application(f"ac-{i}", "advanced-collective", unit.id, when, forms=forms))
        apps.append(
            Application(f"ai-{i}", "advanced-individual", person.id, when, unit.id, forms=forms)
        )
        for app, category in (
            (f"ac-{i}", "advanced-collective"),
            (f"ai-{i}", "advanced-individual"),
        ):
            criteria = rules.category(category).criteria
            for k in range(1, 4):
                marks = [
                    Mark(c.code, _points(i + len(code) * int(code[-1]) + n, k, int(c.maximum)))
                    for n, c in enumerate(criteria)
                ]
                sheets.append(ScoreSheet(app, f"inspector-{k}", marks))
        annual.append(AnnualScore(unit.id, Decimal(80 + (i * 7 + int(code[-1])) % 19)))
        annual.append(AnnualScore(person.id, Decimal(78 + (i * 5 + int(code[-1])) % 21)))
    campaign = Campaign(f"{name}-2023", rules.id, 2023, pendulum.date(2023, 12, 31))
    return Bundle(
        campaign,
        ruleset=rules,
        units=units,
        people=people,
        applications=apps,
        sheets=sheets,
        annual_scores=annual,
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for f in HERE.glob("*.toml"):
            shutil.copy(f, folder / f.name)
        apportion_county_quotas(folder)
        county_rules = {
            code: rulesets.load_file(folder / f"{name}-2023.toml")
            for code, (name, *_) in COUNTIES.items()
        }
        city_rules = rulesets.load_file(folder / "ganzhou-2023.toml")
    for code, rules in county_rules.items():
        committed = rulesets.load_file(HERE / f"{COUNTIES[code][0]}-2023.toml")
        # the committed layers carry the same apportioned quotas
        assert [c.quota for c in committed.categories] == [c.quota for c in rules.categories]
        print(f"{rules.id}: {' → '.join(rules.chain)};", {c.id: c.quota for c in rules.categories})

    submissions = []
    for code, rules in county_rules.items():
        bundle = county_bundle(code, rules)
        result: SelectionResult = evaluate(bundle, pendulum.datetime(2024, 1, 10, 17, tz=TZ))
        for category in result.categories:
            print(f"{rules.id} {category.category_id}: selected {', '.join(category.selected)}")
        submissions.append(Submission(bundle, rules, result))

    # each county's share of the city's seats, by population: a cap on its candidates
    population = [Claimant(code, pop) for code, (_, _, pop, _) in COUNTIES.items()]
    caps = {
        c.id: apportion(c.quota, population, Method.LARGEST_REMAINDER)
        for c in city_rules.categories
    }
    print("\ncity caps by county:", {k: v.seats for k, v in caps.items()})
    city = Campaign("ganzhou-2023", city_rules.id, 2023, pendulum.date(2024, 2, 29))
    upward = evaluate_upward(
        city, city_rules, submissions, pendulum.datetime(2024, 3, 1, 17, tz=TZ), caps=caps
    )
    for category in upward.result.categories:
        print(f"\n{city_rules.id} {category.category_id} (quota {category.quota}):")
        for app in category.selected:
            origin = upward.origin_of(app)
            total = category.outcome_of(app).total
            print(
                f"  {app}: {COUNTIES[origin.county][1]} {origin.application_id}, "
                f"county rank {origin.rank}, city total {total}"
            )
        print("  by county:", upward.selected_by_county(category.category_id))
        for o in category.outcomes:
            if o.outcome.value == "capped":
                print(f"  capped: {o.application_id} ({o.total}): {o.reasons[0].message}")


if __name__ == "__main__":
    main()
