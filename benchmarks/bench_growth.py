"""Growth benchmark: one category, 20 → 20,000 applications; each step's cost per application.

The worst case for the selection's bookkeeping rather than a typical county: every application
is in one category (``advanced-individual`` of ``xingguo-2022``, quota 10) with a binding
per-unit cap (at most one per unit, and about three applicants per unit), random scores on a
coarse grid so that many applicants tie on every tie-break, and many supervision records (one
rectification, sanction or finding for every ten applications, a third of them vetoing). The
time is ``io.loads`` of the bundle text plus ``evaluate``; it must grow linearly: the cost per
application at 20,000 within 1.5× of that at 2,000.

Run: python benchmarks/bench_growth.py [--sizes 20 200 2000 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import time
from typing import Any

import attrs
import pendulum

from wuxing import io, rulesets
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.model.categories import Cap, CapBy
from wuxing.model.rulesets import Ruleset

AT = pendulum.datetime(2023, 1, 10, 17, tz="Asia/Shanghai")
CATEGORY = "advanced-individual"


def capped_rules() -> Ruleset:
    """``xingguo-2022`` with at most one advanced individual per unit."""
    rules = rulesets.load("xingguo-2022")
    categories = tuple(
        attrs.evolve(c, caps=(Cap(CapBy.UNIT, limit=1),)) if c.id == CATEGORY else c
        for c in rules.categories
    )
    return attrs.evolve(rules, categories=categories)


def bundle_data(n: int, seed: int = 16) -> dict[str, Any]:
    """The document of a bundle of ``n`` applications to one category."""
    rng = random.Random(seed)
    rules = rulesets.load("xingguo-2022")
    category = rules.category(CATEGORY)
    units = [
        {
            "id": f"u{i}",
            "name": f"单位{i}",
            "kind": "government_department",
            "division_code": "360732",
            "credit_code": None,
        }
        for i in range(max(1, n // 3))
    ]
    people, apps, sheets, annual = [], [], [], []
    instants = [f"2022-12-{d:02d}T10:00:00+08:00" for d in (20, 21, 22)]
    for i in range(n):
        unit = f"u{rng.randrange(len(units))}"
        people.append(
            {
                "id": f"p{i}",
                "name": f"人员{i}",
                "unit_id": unit,
                "position": "科员",
                "resident_id": None,
            }
        )
        apps.append(
            {
                "id": f"a{i}",
                "category_id": CATEGORY,
                "applicant_id": f"p{i}",
                "submitted_at": rng.choice(instants),
                "recommended_by": unit,
                "forms": {"paper_copies": 2, "stamped": True, "electronic": True},
                "evidence": [],
                "proposed_by_office": False,
                "groups": [],
            }
        )
        level = rng.choice((6, 8, 10))
        for s in range(5):
            marks = []
            for k in category.criteria:
                if k.required:
                    marks.append({"code": k.code, "points": None, "met": True})
                else:
                    points = k.maximum * level / 10
                    marks.append({"code": k.code, "points": str(points), "met": None})
            sheets.append(
                {
                    "application_id": f"a{i}",
                    "inspector_id": f"i{s}",
                    "marks": marks,
                    "inspector_unit_id": None,
                }
            )
        annual.append({"applicant_id": f"p{i}", "score": rng.choice(("80", "90"))})
    rects, sanctions, findings = [], [], []
    for r in range(n // 10):
        subject = f"p{rng.randrange(n)}"
        if r % 3 == 0:
            rects.append(
                {
                    "id": f"r{r}",
                    "subject_id": subject,
                    "ordered_at": "2022-10-01T09:00:00+08:00",
                    "deadline": "2022-11-01T09:00:00+08:00",
                    "accepted_at": None if r % 2 else "2022-10-20T09:00:00+08:00",
                    "description": "",
                }
            )
        elif r % 3 == 1:
            sanctions.append(
                {
                    "id": f"s{r}",
                    "person_id": subject,
                    "kind": "admonishment_talk",
                    "decided_on": "2022-06-01",
                    "description": "",
                }
            )
        else:
            findings.append(
                {"id": f"f{r}", "subject_id": subject, "found_on": "2022-06-01", "description": ""}
            )
    data = {
        "campaign": {
            "id": "growth",
            "ruleset_id": "xingguo-2022",
            "year": 2022,
            "deadline": "2022-12-31",
            "time_zone": "Asia/Shanghai",
            "title": None,
        },
        "units": units,
        "people": people,
        "applications": apps,
        "sheets": sheets,
        "annual_scores": annual,
        "rectifications": rects,
        "sanctions": sanctions,
        "findings": findings,
    }
    return {"format": "wuxing", "version": 1, "kind": "bundle", "data": data}


def run(text: str, rules: Ruleset) -> int:
    """Read and evaluate; the number of ties reported."""
    result = evaluate(io.loads(text, Bundle), AT, ruleset=rules)
    return sum(len(c.ties) for c in result.categories)


def main() -> None:
    """Measure each size, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200, 2000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rules = capped_rules()
    print("| applications | records | time | per application | × the step before |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    before = None
    for n in args.sizes:
        text = json.dumps(bundle_data(n), ensure_ascii=False)
        best = float("inf")
        for _ in range(args.repeat):
            gc.collect()
            start = time.perf_counter()
            run(text, rules)
            best = min(best, time.perf_counter() - start)
        per = best / n
        growth = f"{per / before:.2f}×" if before else ""
        print(f"| {n:,} | {n // 10:,} | {best:.3f} s | {per * 1e6:.0f} µs | {growth} |")
        before = per


if __name__ == "__main__":
    main()
