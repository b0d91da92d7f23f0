"""``wuxing ledger summary`` and ``wuxing tasks``: the office's registers."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from typing import Any, TextIO

from wuxing import io
from wuxing.cli.arguments import (
    add_at,
    add_format,
    add_input,
    add_output,
    progress,
    read_input,
    source_name,
)
from wuxing.model.records import SanctionKind
from wuxing.reports import render_ledger, render_tasks
from wuxing.supervision import InspectionKind, Ledger, Period, RectificationMode
from wuxing.tasks import TaskList

__all__ = ["register"]


def _ledger_figures(ledger: Ledger, at: dt.datetime, by: str) -> dict[str, Any]:
    """The figures of ``wuxing ledger summary`` as JSON data."""
    period = Period(dt.date(at.year, 1, 1), at.date())
    figures: dict[str, Any] = {"from": period.start.isoformat(), "at": at.isoformat(), "by": by}
    if by == "kind":
        kinds = ledger.inspections_by_kind(period)
        modes = ledger.rectifications_by_mode(period)
        sanctions = ledger.sanctions_by_kind(period)
        figures["inspections"] = {k.value: kinds[k] for k in InspectionKind}
        figures["rectifications"] = {m.value: modes[m] for m in RectificationMode}
        figures["sanctions"] = {s.value: sanctions[s] for s in SanctionKind}
        figures["open"] = len(ledger.open_at(at))
        figures["overdue"] = len(ledger.overdue_at(at))
    elif by == "unit":
        overdue = Counter(r.subject_id for r in ledger.overdue_at(at))
        figures["units"] = [
            {"unit": unit, **dict(counts), "overdue": overdue[unit]}
            for unit, counts in ledger.by_unit().items()
        ]
    else:
        figures["months"] = [
            {
                "month": month.start.strftime("%Y-%m"),
                "inspections": sum(ledger.inspections_by_kind(month).values()),
                "rectifications": sum(ledger.rectifications_by_mode(month).values()),
                "sanctions": sum(ledger.sanctions_by_kind(month).values()),
            }
            for month in Period.months(at.year)
            if month.start <= period.end
        ]
    return figures


def _task_figures(tasks: TaskList, at: dt.datetime, by: str) -> dict[str, Any]:
    """The figures of ``wuxing tasks`` as JSON data."""
    figures: dict[str, Any] = {"title": tasks.title, "at": at.isoformat(), "by": by}
    if by == "unit":
        figures["units"] = [{"unit": unit, **dict(c)} for unit, c in tasks.load(at).items()]
    else:
        titles = {a.number: a.title_zh for a in tasks.areas}
        figures["areas"] = [
            {"area": n, "title_zh": titles[n], "tasks": sum(c.values()), **dict(c)}
            for n, c in tasks.by_area(at).items()
        ]
    return figures


def _write_json(data: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _cmd_ledger(args: argparse.Namespace, out: TextIO) -> int:
    progress(args).step(f"reading {source_name(args)}")
    ledger = io.loads(read_input(args), Ledger)
    at = args.at.resolve(ledger.time_zone)
    if args.format == "json":
        _write_json(_ledger_figures(ledger, at, args.by), out)
    else:
        markdown = args.format == "markdown"
        print(render_ledger(ledger, at, args.by, markdown=markdown, lang=args.lang), file=out)
    return 0


def _cmd_tasks(args: argparse.Namespace, out: TextIO) -> int:
    progress(args).step(f"reading {source_name(args)}")
    tasks = io.loads(read_input(args), TaskList)
    at = args.at.resolve(tasks.time_zone)
    if args.format == "json":
        _write_json(_task_figures(tasks, at, args.by), out)
    else:
        markdown = args.format == "markdown"
        print(render_tasks(tasks, at, args.by, markdown=markdown, lang=args.lang), file=out)
    return 0


def register(sub: Any) -> None:
    """Add the ledger and task-list commands to the sub-command parsers."""
    ledger = sub.add_parser("ledger", help="supervision ledger figures")
    ledger_sub = ledger.add_subparsers(dest="ledger_command", required=True, metavar="COMMAND")
    summary = ledger_sub.add_parser("summary", help="counts for the year up to --at")
    add_input(summary, what="a ledger document (JSON)")
    add_at(summary, what="the day (or instant) the figures run to")
    summary.add_argument("--by", choices=["kind", "unit", "month"], default="kind")
    add_format(summary, ("table", "markdown", "json"))
    add_output(summary)
    summary.set_defaults(run=_cmd_ledger)
    tasks = sub.add_parser("tasks", help="a key-task responsibility list as of a date")
    add_input(tasks, what="a task list document (JSON)")
    add_at(tasks, what="the day (or instant) the list is shown at")
    tasks.add_argument("--by", choices=["unit", "area"], default="unit")
    add_format(tasks, ("table", "markdown", "json"))
    add_output(tasks)
    tasks.set_defaults(run=_cmd_tasks)
