"""Province-scale evaluation benchmark.

A synthetic province: COUNTIES counties × 200 applications × 5 score sheets × the criteria
of the xingguo-2022 ruleset, in one bundle. The documents (and the same marks as CSV, for
the pandas reference) are written by a separate process, so that no measured process holds
the generator's data. Every figure is measured in this one run and reported as a ratio to its
baseline:

* end to end (``io.loads`` of the bundle text + ``evaluate``) against ``json.loads`` of the
  same text (target ≤ 3×), with the library's collector pause and with the collector left
  alone;
* the selection step alone (``selection.choose`` over 20,000 candidates) against
  ``sorted()`` of the same totals (target ≤ 1.5×); and the same with every candidate's rank
  and outcome and the order of all read as well, which ``choose`` works out when first read
  (the explanation of an evaluation reads them);
* end to end at 10× the size, its growth against the growth of ``json.loads`` on the same two
  texts (target ≤ 1.1);
* the peak resident memory of a fresh process that reads the file and evaluates it, against
  a fresh process that only runs ``json.loads`` on it (target: below);
* what a user might pick instead: pandas reading the marks as CSV, a groupby and a rank (when
  pandas is installed in the benchmark's environment; it is no dependency of wuxing).

The load average before and after, and the spread of the repeated ``json.loads`` timings, say
how noisy the machine was.

Run: python benchmarks/bench_evaluate.py [--counties 100] [--scale 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pendulum

from wuxing import io, rulesets
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.selection import Candidate, choose
from wuxing.interchange import documents
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


def marks_csv(document: dict[str, Any]) -> str:
    """The scored marks of a province as CSV, one row per mark, with the criterion's weight
    and maximum and the application's category: what a pandas user would read."""
    rules = rulesets.load("xingguo-2022")
    criteria = {(c.id, k.code): k for c in rules.categories for k in c.criteria}
    category = {a["id"]: a["category_id"] for a in document["data"]["applications"]}
    rows = ["category,application,inspector,code,points,weight,maximum"]
    for sheet in document["data"]["sheets"]:
        cat = category[sheet["application_id"]]
        for m in sheet["marks"]:
            if m["points"] is not None:
                k = criteria[(cat, m["code"])]
                rows.append(
                    f"{cat},{sheet['application_id']},{sheet['inspector_id']},{m['code']},"
                    f"{m['points']},{k.weight},{k.maximum}"
                )
    return "\n".join(rows) + "\n"


def write(folder: Path, counties: int) -> None:
    """Write ``province-N.json`` and ``province-N.csv`` (run in a separate process)."""
    document = province(counties)
    path = folder / f"province-{counties}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    (folder / f"province-{counties}.csv").write_text(marks_csv(document), encoding="utf-8")


def best_of(repeat: int, fn: Callable[[], object]) -> tuple[float, list[float]]:
    """The best wall time of ``repeat`` runs, and all of them."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), times


@contextlib.contextmanager
def collector_untouched() -> Iterator[None]:
    """Run the library with its collector pause switched off where it is used (the reading
    and the evaluation), for the comparison."""
    users = (documents, importlib.import_module("wuxing.evaluation.evaluate"))
    paused = [module.paused_collector for module in users]
    for module in users:
        module.paused_collector = contextlib.nullcontext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module, original in zip(users, paused, strict=True):
            module.paused_collector = original  # type: ignore[attr-defined]


def end_to_end(text: str) -> None:
    evaluate(io.loads(text, Bundle), AT)


def selection_step(n: int, repeat: int) -> tuple[float, float, float]:
    """``choose`` over ``n`` candidates as the evaluation makes them (totals of two places
    with their points, the annual score as the tie-break, and the candidates in application-id
    order, as ``evaluate_category`` builds them: the ranking then has no group of equals to
    put in id order); ``choose`` with every rank and outcome and the order of all read; and
    ``sorted()`` of the same totals."""
    rng = random.Random(7)
    cands = []
    for i in range(n):
        points = rng.randint(6000, 9999)  # the total in hundredths, as Score.points gives it
        annual = Decimal(rng.randint(60, 100))
        cands.append(Candidate(f"a{i}", Decimal(points).scaleb(-2), (-annual,), points=points))
    cands.sort(key=lambda c: c.application_id)
    category = rulesets.load("xingguo-2022").category("advanced-collective")
    ranking = Ranking()
    totals = [c.total for c in cands]
    t_choose, _ = best_of(repeat, lambda: choose(cands, category, ranking))

    def read_all() -> object:
        choice = choose(cands, category, ranking)
        return len(choice.ranks), len(choice.outcomes), len(choice.order)

    t_read, _ = best_of(repeat, read_all)
    t_sorted, _ = best_of(repeat, lambda: sorted(totals, reverse=True))
    return t_choose, t_read, t_sorted


CHILD_JSON = """
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    json.loads(f.read())
"""
CHILD_WUXING = """
import sys, pendulum
from wuxing import io
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
evaluate(io.read(sys.argv[1], Bundle), pendulum.datetime(2023, 1, 10, 17, tz="Asia/Shanghai"))
"""
PEAK = """
with open("/proc/self/status", encoding="ascii") as status:
    print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")))
"""


def child_peak(code: str, path: Path) -> float:
    """Peak resident memory (MiB, ``VmHWM``) of a fresh process running ``code`` on ``path``."""
    out = subprocess.run(
        [sys.executable, "-c", code + PEAK, str(path)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024


def pandas_reference(csv: Path, repeat: int) -> float | None:
    """Read the marks as CSV, average per application and criterion, weight, sum, rank per
    category: the seconds it takes, or ``None`` without pandas."""
    try:
        import pandas as pd
    except ImportError:
        return None

    def run() -> object:
        marks = pd.read_csv(csv)
        mean = marks.groupby(["category", "application", "code"], sort=False).agg(
            points=("points", "mean"), weight=("weight", "first"), maximum=("maximum", "first")
        )
        mean["part"] = mean["points"] * mean["weight"] * 100 / mean["maximum"]
        totals = mean.groupby(level=["category", "application"], sort=False)["part"].sum()
        return totals.groupby(level="category").rank(method="min", ascending=False)

    best, _ = best_of(repeat, run)
    return best


def measure(path: Path, repeat: int, *, parts: bool = True) -> dict[str, Any]:
    """``json.loads`` and end to end on the text of ``path``, best of ``repeat``; with
    ``parts``, also with the collector left alone, and loading and evaluating apart."""
    text = path.read_text(encoding="utf-8")
    found: dict[str, Any] = {}
    found["json"], found["json_runs"] = best_of(repeat, lambda: json.loads(text))
    found["e2e"], _ = best_of(repeat, lambda: end_to_end(text))
    if parts:
        with collector_untouched():
            found["e2e_gc"], _ = best_of(repeat, lambda: end_to_end(text))
        found["load"], _ = best_of(repeat, lambda: io.loads(text, Bundle))
        bundle = io.loads(text, Bundle)
        found["eval"], _ = best_of(repeat, lambda: evaluate(bundle, AT))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--write", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write is not None:
        write(args.write, args.counties)
        return

    load_before = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="wuxing-province-"))
    big_counties = args.counties * args.scale
    for counties in (args.counties, big_counties):
        subprocess.run(
            [sys.executable, __file__, "--write", str(folder), "--counties", str(counties)],
            check=True,
        )
    small_path = folder / f"province-{args.counties}.json"
    big_path = folder / f"province-{big_counties}.json"
    n = args.counties * APPLICATIONS_PER_COUNTY

    small = measure(small_path, args.repeat)
    t_json, json_runs = small["json"], small["json_runs"]
    t_e2e, t_e2e_gc, t_load, t_eval = small["e2e"], small["e2e_gc"], small["load"], small["eval"]
    t_choose, t_read, t_sorted = selection_step(n, args.repeat)
    t_pandas = pandas_reference(folder / f"province-{args.counties}.csv", args.repeat)
    big = measure(big_path, 1, parts=False)
    t_json_big, t_e2e_big = big["json"], big["e2e"]

    size = small_path.stat().st_size
    print(
        f"province: {args.counties} counties × {APPLICATIONS_PER_COUNTY} applications × "
        f"{SHEETS} sheets = {n:,} applications, {size / 2**20:.1f} MiB of JSON"
    )
    print(f"json.loads {t_json:.3f} s (runs: {', '.join(f'{t:.3f}' for t in json_runs)})")
    print(
        f"end to end {t_e2e:.2f} s (io.loads {t_load:.2f} s + evaluate {t_eval:.2f} s): "
        f"{t_e2e / t_json:.2f}× json.loads (target ≤ 3×)"
    )
    print(
        f"  with the collector left alone: {t_e2e_gc:.2f} s, {t_e2e_gc / t_json:.2f}× json.loads"
    )
    print(
        f"selection step ({n:,} candidates) {t_choose * 1000:.1f} ms; sorted() "
        f"{t_sorted * 1000:.1f} ms: {t_choose / t_sorted:.2f}× (target ≤ 1.5×)"
    )
    print(
        f"  with every rank, outcome and the order read: {t_read * 1000:.1f} ms, "
        f"{t_read / t_sorted:.2f}× sorted()"
    )
    growth, json_growth = t_e2e_big / t_e2e, t_json_big / t_json
    print(
        f"{args.scale}× the data: end to end {t_e2e_big:.2f} s ({growth:.2f}× the 1× run); "
        f"json.loads {t_json_big:.2f} s ({json_growth:.2f}×): "
        f"{growth / json_growth:.2f} × the growth of json.loads (target ≤ 1.1)"
    )
    if t_pandas is not None:
        print(f"pandas read_csv + groupby + rank: {t_pandas:.2f} s, {t_pandas / t_json:.2f}×")
    if not args.no_memory:
        for path, label in ((small_path, "1×"), (big_path, f"{args.scale}×")):
            ours, theirs = child_peak(CHILD_WUXING, path), child_peak(CHILD_JSON, path)
            print(
                f"peak memory at {label}: read + evaluate {ours:,.0f} MiB; json.loads only "
                f"{theirs:,.0f} MiB: {ours / theirs:.2f}× (target < 1)"
            )
    load_after = os.getloadavg()
    print(
        f"load average (1, 5, 15 min) before {', '.join(f'{x:.2f}' for x in load_before)}; "
        f"after {', '.join(f'{x:.2f}' for x in load_after)}"
    )
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
