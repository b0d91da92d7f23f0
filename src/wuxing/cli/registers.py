"""``wuxing ledger summary`` and ``wuxing tasks``: the office's registers."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from wuxing import io
from wuxing.cli.arguments import parse_day_or_time
from wuxing.reports import render_ledger, render_tasks
from wuxing.supervision import Ledger
from wuxing.tasks import TaskList

__all__ = ["register"]


def _cmd_ledger(args: argparse.Namespace, out: TextIO) -> int:
    ledger = io.read(args.file, Ledger)
    at = parse_day_or_time(args.at, ledger.time_zone)
    print(render_ledger(ledger, at, args.by, markdown=args.format == "markdown"), file=out)
    return 0


def _cmd_tasks(args: argparse.Namespace, out: TextIO) -> int:
    tasks = io.read(args.file, TaskList)
    at = parse_day_or_time(args.at, tasks.time_zone)
    print(render_tasks(tasks, at, args.by, markdown=args.format == "markdown"), file=out)
    return 0


def register(sub: Any) -> None:
    """Add the ledger and task-list commands to the sub-command parsers."""
    ledger = sub.add_parser("ledger", help="supervision ledger figures")
    ledger_sub = ledger.add_subparsers(dest="ledger_command", required=True, metavar="COMMAND")
    summary = ledger_sub.add_parser("summary", help="counts for the year up to --at")
    summary.add_argument("file", help="a ledger document (JSON)")
    summary.add_argument("--at", required=True, help="a date (end of that day) or a datetime")
    summary.add_argument("--by", choices=["kind", "unit", "month"], default="kind")
    summary.add_argument("--format", choices=["table", "markdown"], default="table")
    summary.set_defaults(run=_cmd_ledger)
    tasks = sub.add_parser("tasks", help="a key-task responsibility list as of a date")
    tasks.add_argument("file", help="a task list document (JSON)")
    tasks.add_argument("--at", required=True, help="a date (end of that day) or a datetime")
    tasks.add_argument("--by", choices=["unit", "area"], default="unit")
    tasks.add_argument("--format", choices=["table", "markdown"], default="table")
    tasks.set_defaults(run=_cmd_tasks)
