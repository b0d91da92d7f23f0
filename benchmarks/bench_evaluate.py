"""Province-scale evaluation benchmark.

A synthetic province: COUNTIES counties × 200 applications × 5 score sheets × the criteria
of the xingguo-2022 ruleset, in one bundle. Every figure is measured in the same run and
reported as a ratio to its baseline:

* end to end (``io.loads`` of the bundle text + ``evaluate``) against ``json.loads`` of the
  same text (target ≤ 8×);
* the selection step alone (``selection.choose`` over precomputed candidates) against
  ``sorted()`` of the same totals (target ≤ 3×);
* end to end at 1× and 10× the size (growth target ≤ 11×);
* peak resident memory of each size, measured in a child process.

Run: python benchmarks/bench_evaluate.py [--counties 100] [--scale 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import subprocess
import sys
import time
from decimal import Decimal
from typing import Any

import pendulum

from wuxing import io, rulesets
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.selection import Candidate, choose
from wuxing.rulesets import Ranking

AT = pendulum.datetime(2023, 1, 10, 17, tz="Asia/Shanghai")
APPLICATIONS_PER_COUNTY = 200
SHEETS = 5


def province(counties: int, seed: int = 2022) -> dict[str, Any]:
    """The plain data of a synthetic province bundle (deterministic)."""
    rng = random.Random(seed)
    rules = rulesets.load("xingguo-2022")
    cats = {c.id: c for c in rules.categories}
    units: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    apps: list[dict[str, Any]] = []
    sheets: list[dict[str, Any]] = []
    annual: list[dict[str, Any]] = []
    forms = {"paper_copies": 2, "stamped": True, "electronic": True}
    for county in range(counties):
        for n in range(APPLICATIONS_PER_COUNTY):
            kind = n % 4
            uid = f"c{county}-u{n}"
            unit_kind = "town" if kind == 0 else "government_department"
            units.append(
                {
                    "id": uid,
                    "name": f"单位{county}-{n}",
                    "kind": unit_kind,
                    "division_code": "360732",
                    "credit_code": None,
                }
            )
            if kind == 0:
                category, applicant, rec, office = "demonstration-township", uid, None, False
            elif kind == 1:
                category, applicant, rec, office = "advanced-collective", uid, None, False
            else:
                pid = f"c{county}-p{n}"
                people.append(
                    {
                        "id": pid,
                        "name": f"人员{n}",
                        "unit_id": uid,
                        "position": "科员",
                        "resident_id": None,
                    }
                )
                category, applicant, rec, office = "advanced-individual", pid, uid, False
            app_id = f"c{county}-a{n}"
            apps.append(
                {
                    "id": app_id,
                    "category_id": category,
                    "applicant_id": applicant,
                    "submitted_at": f"2022-12-{rng.randint(10, 31):02d}T10:00:00+08:00",
                    "recommended_by": rec,
                    "forms": forms,
                    "evidence": [],
                    "proposed_by_office": office,
                    "groups": [],
                }
            )
            level = rng.randint(55, 98)
            for s in range(SHEETS):
                marks = []
                for k in cats[category].criteria:
                    if k.required:
                        marks.append({"code": k.code, "points": None, "met": True})
                    else:
                        top = int(k.maximum)
                        pts = max(0, min(top, round(level * top / 100) + rng.randint(-2, 2)))
                        marks.append({"code": k.code, "points": str(pts), "met": None})
                sheets.append(
                    {
                        "application_id": app_id,
                        "inspector_id": f"i{s}",
                        "marks": marks,
                        "inspector_unit_id": None,
                    }
                )
            annual.append({"applicant_id": applicant, "score": str(rng.randint(60, 100))})
    data = {
        "campaign": {
            "id": "province-2022",
            "ruleset_id": "xingguo-2022",
            "year": 2022,
            "deadline": "2022-12-31",
            "time_zone": "Asia/Shanghai",
            "title": None,
        },
        "ruleset": None,
        "units": units,
        "people": people,
        "supervisors": [],
        "applications": apps,
        "sheets": sheets,
        "annual_scores": annual,
        "rectifications": [],
        "sanctions": [],
        "findings": [],
        "flags": [],
        "extensions": [],
    }
    return {"format": "wuxing", "version": 1, "kind": "bundle", "data": data}


def best_of(repeat: int, fn: Any) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def end_to_end(text: str) -> None:
    evaluate(io.loads(text, Bundle), AT)


def measure(counties: int, repeat: int) -> dict[str, float]:
    text = json.dumps(province(counties), ensure_ascii=False)
    t_json = best_of(repeat, lambda: json.loads(text))
    t_e2e = best_of(repeat, lambda: end_to_end(text))
    return {"counties": counties, "bytes": len(text.encode()), "json": t_json, "e2e": t_e2e}


def selection_step(n: int, repeat: int) -> tuple[float, float]:
    rng = random.Random(7)
    cands = [
        Candidate(
            f"a{i}", Decimal(rng.randint(6000, 9999)) / 100, (Decimal(rng.randint(60, 100)),)
        )
        for i in range(n)
    ]
    category = rulesets.load("xingguo-2022").category("advanced-collective")
    ranking = Ranking()
    totals = [c.total for c in cands]
    t_choose = best_of(repeat, lambda: choose(cands, category, ranking))
    t_sorted = best_of(repeat, lambda: sorted(totals, reverse=True))
    return t_choose, t_sorted


def child_peak(counties: int) -> float:
    """Peak resident memory (MiB) of one end-to-end run in a fresh process."""
    code = (
        "import json, sys; sys.path.insert(0, 'benchmarks');"
        "import bench_evaluate as b;"
        f"text = json.dumps(b.province({counties}), ensure_ascii=False);"
        "b.end_to_end(text);"
        "print(b.high_water_kib())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def high_water_kib() -> int:
    """This process's peak resident memory (VmHWM), which a fresh process starts anew;
    ``ru_maxrss`` of a child can report its parent's peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--memory-only", action="store_true")
    args = parser.parse_args()
    if args.memory_only:
        print(
            f"peak memory: {child_peak(args.counties):.0f} MiB at 1×, "
            f"{child_peak(args.counties * args.scale):.0f} MiB at {args.scale}×"
        )
        return

    base = measure(args.counties, args.repeat)
    big = measure(args.counties * args.scale, 1)
    n = args.counties * APPLICATIONS_PER_COUNTY
    t_choose, t_sorted = selection_step(n, args.repeat)
    print(
        f"province: {args.counties} counties × {APPLICATIONS_PER_COUNTY} applications × "
        f"{SHEETS} sheets = {n} applications, {base['bytes'] / 2**20:.1f} MiB of JSON"
    )
    print(
        f"end to end {base['e2e']:.2f} s; json.loads {base['json']:.3f} s; "
        f"ratio {base['e2e'] / base['json']:.1f}× (target ≤ 8×)"
    )
    print(
        f"selection step ({n} candidates) {t_choose * 1000:.1f} ms; sorted() "
        f"{t_sorted * 1000:.1f} ms; ratio {t_choose / t_sorted:.1f}× (target ≤ 3×)"
    )
    print(
        f"{args.scale}× size: end to end {big['e2e']:.2f} s; growth "
        f"{big['e2e'] / base['e2e']:.1f}× (target ≤ {args.scale + 1}×)"
    )
    if not args.no_memory:
        print(
            f"peak memory: {child_peak(args.counties):.0f} MiB at 1×, "
            f"{child_peak(args.counties * args.scale):.0f} MiB at {args.scale}×"
        )


if __name__ == "__main__":
    main()
