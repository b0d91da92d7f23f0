"""Seed 002's responsibility list: 10 areas, 30 key tasks, and the per-unit load table.

The data file carries the lead units (牵头单位) and responsible units (责任单位) of each task as
the plan "践五型、促十进" gives them. The plan sets no completion dates, so none are recorded
and nothing can be overdue; the script then shows a year's dispatch schedule from the plan's
cadences (vice-mayors monthly, the executive vice-mayor every two months, the mayor
quarterly), moved off non-working days with China's official calendar.

Run: python examples/key_tasks.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pendulum

from wuxing import io
from wuxing.calendar import ChinaCalendar
from wuxing.reports import render_tasks
from wuxing.tasks import Cadence, TaskList, schedule

HERE = Path(__file__).parent


def main() -> None:
    tasks = io.read(HERE / "data" / "seed-002-key-tasks.json", TaskList)
    at = pendulum.datetime(2023, 6, 30, 17, tz="Asia/Shanghai")
    print(render_tasks(tasks, at, "unit"))
    print()
    print(render_tasks(tasks, at, "area"))

    reviews = schedule(
        2023,
        {
            "分管副市长": Cadence.MONTHLY,
            "常务副市长": Cadence.BIMONTHLY,
            "市长": Cadence.QUARTERLY,
        },
        calendar=ChinaCalendar(),
        tasks=tasks,
    )
    print()
    counts = Counter(r.role for r in reviews)
    print("dispatch 2023: " + ", ".join(f"{role} {n}" for role, n in counts.items()))
    for review in reviews[:4]:
        print(f"  {review.on} {review.role} covers {len(review.covers)} open tasks")


if __name__ == "__main__":
    main()
