"""The “践五型、促十进” plan's responsibility list: 10 areas, 30 key tasks, who leads them, and
the plan's own review cadences.

The data file carries each task's lead units (牵头单位) and responsible units (责任单位) as
the plan 《关于开展新型政府建设活动的实施方案》 gives them, its titles in the plan's words. Where
the plan is unclear the file says so instead of guessing: task 29 names no lead unit, only how
the work is allocated; tasks 24 and 25 label both their unit lists 责任单位, so they are read as
written (no lead) unless the list is read the other way. The plan sets no completion dates, so
none are recorded and nothing can be overdue.

The script prints the per-unit load table (lead counts only where the plan names the lead), the
tasks whose lead is open, what the other reading of tasks 24 and 25 changes, and a year of the
plan's reviews: the leaders linked to units (quarterly) and the deputy secretaries-general
(monthly) under 四(二); the project dispatch of 四(四) (vice-mayors monthly, the executive
vice-mayor every two months, the mayor quarterly) and the reports, site meetings and the
“三看三比” year-end assessment of 四(六), each covering only the tasks it concerns. Review days
are moved off non-working days with China's official calendar.

Run: python examples/key_tasks.py
"""

from __future__ import annotations

from pathlib import Path

import pendulum

from wuxing import io
from wuxing.calendar import ChinaCalendar
from wuxing.reports import render_tasks
from wuxing.tasks import LeadReading, TaskList, schedule

HERE = Path(__file__).parent


def lead_tasks(tasks: TaskList, unit: str, role: str) -> list[int]:
    """The numbers of the tasks in which ``unit`` has ``role``."""
    return [t.number for t, r in tasks.tasks_of(unit) if r == role]


def main() -> None:
    tasks = io.read(HERE / "data" / "city-2023-key-tasks.json", TaskList)
    at = pendulum.datetime(2023, 6, 30, 17, tz="Asia/Shanghai")
    print(render_tasks(tasks, at, "unit"))
    print()
    print(render_tasks(tasks, at, "area"))

    print()
    for unit in ("市城管局", "市住建局", "市双创办"):
        leads, unclear = lead_tasks(tasks, unit, "lead"), lead_tasks(tasks, unit, "unclear")
        print(f"{unit}: leads {len(leads)} tasks {leads}; lead unclear in {unclear}")
    for d in tasks.declared_defaults:
        print(f"declared default {d.key}: {d.reason}")
    other = tasks.read_as(LeadReading.FIRST_AS_LEAD)
    print(
        "read first_as_lead instead: task 24 lead "
        f"{'、'.join(other.task(24).lead_units)}, task 25 lead "
        f"{'、'.join(other.task(25).lead_units)}"
    )

    print()
    print("the plan's reviews (调度制度):")
    for rule in tasks.dispatch:
        covers = f"tasks {', '.join(map(str, rule.tasks))}" if rule.tasks else "no task"
        print(f"  {rule.source} {rule.describe()} ({covers}): {rule.text_zh}")
    reviews = schedule(2023, tasks.dispatch, calendar=ChinaCalendar(), tasks=tasks)
    print(f"2023: {len(reviews)} reviews; the first four:")
    for review in reviews[:4]:
        who = review.role or "(no holder named)"
        print(f"  {review.on} {who} {review.kind.zh} covers {len(review.covers)} open tasks")


if __name__ == "__main__":
    main()
