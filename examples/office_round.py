"""From a spreadsheet to a public notice: the office's three commands on a filled workbook.

Run: python examples/office_round.py [ROUND.xlsx] [--out FOLDER]

The workbook in examples/data/ is the synthetic Xingguo 2022 round (the county's township
names, invented applications and scores) with the office's decision on its one tie. The
script runs exactly the commands of the office how-to:

    wuxing evaluate ROUND.xlsx --at 2023-01-10T17:00+08:00 --format xlsx -o 排名.xlsx
    wuxing report candidates ROUND.xlsx --at 2023-01-10T17:00+08:00 -o 候选名单.html
    wuxing report notice ROUND.xlsx --at 2023-01-10T17:00+08:00 --from 2023-01-16 -o 公示.txt

and prints what it wrote. Needs the office extra: pip install 'wuxing[office]'.
"""

from __future__ import annotations

import argparse
import io
import tempfile
from pathlib import Path

from wuxing.cli import main as wuxing

HERE = Path(__file__).parent
AT = "2023-01-10T17:00+08:00"


def run(out: Path, workbook: Path) -> None:
    commands = [
        ["evaluate", str(workbook), "--at", AT, "--format", "xlsx", "-o", str(out / "排名.xlsx")],
        ["report", "candidates", str(workbook), "--at", AT, "-o", str(out / "候选名单.html")],
        [
            "report",
            "notice",
            str(workbook),
            "--at",
            AT,
            "--from",
            "2023-01-16",
            "-o",
            str(out / "公示.txt"),
        ],
    ]
    for command in commands:
        status = wuxing(command, io.StringIO())
        if status != 0:
            raise SystemExit(f"wuxing {' '.join(command)} exited {status}")
        print(f"wuxing {command[0]} … → {command[-1]}")
    notice = (out / "公示.txt").read_text(encoding="utf-8")
    print(notice.splitlines()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("workbook", nargs="?", default=HERE / "data" / "xingguo-2022-round.xlsx")
    parser.add_argument("--out", help="where to write (a temporary folder if absent)")
    args = parser.parse_args()
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
        run(Path(args.out), Path(args.workbook))
        return
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder), Path(args.workbook))


if __name__ == "__main__":
    main()
