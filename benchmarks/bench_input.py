"""Input benchmark: what reading and checking a large document costs, valid or all wrong.

Four documents are written to a temporary folder: a valid campaign bundle and one in which
every element is wrong (bad kinds, dates without offsets, decimals with huge exponents,
resident ID numbers of the wrong type, unknown fields…), each at 10 MB and 50 MB. Each is
then read in a fresh process, as ``wuxing validate`` does: ``io.read`` and, when that
succeeds, the gate ``io.check``. The table gives the wall time, the peak resident memory of
that process (``VmHWM``, interpreter included) and that peak as a multiple of the file's size,
and for the wrong ones how many problems were found and how many listed.

With ``--baseline SRC`` (the ``src`` folder of another version of wuxing, e.g. the one before
the fast loading path: ``git archive <commit> src | tar -x -C /tmp/base``), every document is
also read by that version, in the same run, and the table gives the ratio of the times.

Run: python benchmarks/bench_input.py [--sizes 10 50] [--keep DIR] [--baseline SRC]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

CHILD = """
import json, sys, time
from wuxing import ValidationError, io
start = time.perf_counter()
try:
    value = io.read(sys.argv[1])
    verdict = io.check(value)
    found = {"ok": verdict.ok, "problems": len(verdict.problems) + verdict.more,
             "listed": len(verdict.problems)}
except ValidationError as exc:
    found = {"ok": False, "problems": exc.count, "listed": len(exc.problems)}
found["seconds"] = time.perf_counter() - start
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            found["peak_kib"] = int(line.split()[1])
print(json.dumps(found))
"""


def _unit(i: int) -> dict[str, Any]:
    return {
        "id": f"u{i}",
        "name": f"第{i}镇",
        "kind": "town",
        "division_code": "360732",
        "credit_code": None,
    }


def _application(i: int) -> dict[str, Any]:
    return {
        "id": f"a{i}",
        "category_id": "demonstration-township",
        "applicant_id": f"u{i}",
        "submitted_at": "2022-12-20T10:00:00+08:00",
        "recommended_by": None,
        "forms": {"paper_copies": 2, "stamped": True, "electronic": True},
        "evidence": [],
        "proposed_by_office": False,
        "groups": [],
    }


def _sheet(i: int, j: int) -> dict[str, Any]:
    marks = [{"code": f"T{k}", "points": "16.5", "met": None} for k in range(1, 6)]
    return {
        "application_id": f"a{i}",
        "inspector_id": f"s{j}",
        "marks": marks,
        "inspector_unit_id": None,
    }


def _sized(build: Any, megabytes: int) -> dict[str, Any]:
    """``build(count)`` with the count that makes about ``megabytes`` MB of JSON."""
    sample = len(json.dumps(build(1000), ensure_ascii=False).encode())
    data: dict[str, Any] = build(megabytes * 1_000_000 * 1000 // sample)
    return data


def valid_bundle(megabytes: int) -> dict[str, Any]:
    """A valid bundle of about ``megabytes`` MB: towns applying, three sheets each."""
    return _sized(_valid, megabytes)


def _valid(count: int) -> dict[str, Any]:
    return {
        "campaign": {
            "id": "bench",
            "ruleset_id": "xingguo-2022",
            "year": 2022,
            "deadline": "2022-12-31",
            "time_zone": "Asia/Shanghai",
            "title": None,
        },
        "units": [_unit(i) for i in range(count)],
        "applications": [_application(i) for i in range(count)],
        "sheets": [_sheet(i, j) for i in range(count) for j in range(3)],
        "annual_scores": [{"applicant_id": f"u{i}", "score": "88.5"} for i in range(count)],
    }


def wrong_bundle(megabytes: int) -> dict[str, Any]:
    """A bundle of about ``megabytes`` MB in which every element has something wrong."""
    return _sized(_wrong, megabytes)


def _wrong(count: int) -> dict[str, Any]:
    units = [
        {**_unit(i), "kind": "village", "division_code": 360732, "extra": True}
        for i in range(count)
    ]
    people = [
        {
            "id": f"p{i} ",
            "name": "\u200b",
            "unit_id": "u0",
            "position": "科员",
            "resident_id": 360732198501010010,
        }
        for i in range(count)
    ]
    applications = [
        {**_application(i), "submitted_at": "2022-12-20 10:00", "forms": {"paper_copies": "2"}}
        for i in range(count)
    ]
    sheets = [
        {**_sheet(i, 0), "marks": [{"code": "T1\n", "points": "1e-99999999", "met": None}]}
        for i in range(count)
    ]
    annual = [{"applicant_id": f"u{i}", "score": "１２"} for i in range(count)]
    return {
        "campaign": {
            "id": "bench",
            "ruleset_id": "xingguo-2022",
            "year": "2022",
            "deadline": "2022-12-31",
        },
        "units": units,
        "people": people,
        "applications": applications,
        "sheets": sheets,
        "annual_scores": annual,
    }


def write(path: Path, data: dict[str, Any]) -> int:
    """Write a bundle document; return its size in bytes."""
    document = {"format": "wuxing", "version": 1, "kind": "bundle", "data": data}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path.stat().st_size


def measure(path: Path, source: Path | None = None) -> dict[str, Any]:
    """Read and check one document in a fresh process (with the wuxing of ``source``)."""
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main() -> None:
    """Write the documents, measure each, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50], metavar="MB")
    parser.add_argument("--keep", type=Path, help="write the documents here and keep them")
    parser.add_argument("--baseline", type=Path, help="the src folder of a version to compare")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="wuxing-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    extra = " | baseline time | time / baseline" if args.baseline else ""
    print(f"| document | size | time | peak memory | peak / size | problems (listed){extra} |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |" + (" ---: | ---: |" if extra else ""))
    for megabytes in args.sizes:
        for name, build in (("valid", valid_bundle), ("all wrong", wrong_bundle)):
            path = folder / f"{name.replace(' ', '-')}-{megabytes}mb.json"
            size = write(path, build(megabytes))
            found = measure(path)
            peak = found["peak_kib"] * 1024
            problems = f"{found['problems']:,} ({found['listed']:,})" if not found["ok"] else "0"
            compared = ""
            if args.baseline:
                before = measure(path, args.baseline)
                ratio = found["seconds"] / before["seconds"]
                compared = f" {before['seconds']:.1f} s | {ratio:.2f}× |"
            print(
                f"| {name} | {size / 1e6:.1f} MB | {found['seconds']:.1f} s | "
                f"{peak / 2**20:,.0f} MiB | {peak / size:.1f}× | {problems} |{compared}"
            )
            if args.keep is None:
                path.unlink()
    if args.keep is None:
        folder.rmdir()


if __name__ == "__main__":
    main()
