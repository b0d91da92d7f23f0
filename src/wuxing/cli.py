"""The ``wuxing`` command.

``wuxing rulesets`` lists the built-in rulesets; ``wuxing show ID`` prints one as tables;
``wuxing validate FILE`` checks a ruleset (TOML) or a JSON document and prints every problem
with its path; ``wuxing evaluate BUNDLE --at DATETIME`` selects within each category's quota and
explains every outcome; ``wuxing ledger summary FILE --at DATE`` prints a supervision ledger's
figures; ``wuxing tasks FILE --at DATE`` prints a key-task responsibility list;
``wuxing schema [KIND]`` prints the JSON Schema of a document;
``wuxing demo`` evaluates the built-in sample of the Xingguo 2022 campaign.

Exit status: 0 on success, 1 when the input is invalid, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import pendulum

from wuxing import io, rulesets
from wuxing._demo import DEMO_AT, demo_bundle
from wuxing._table import render
from wuxing._time import end_of_day
from wuxing.bundle import Bundle
from wuxing.errors import Problem, ValidationError, WuxingError
from wuxing.evaluation import evaluate
from wuxing.ledger import Ledger
from wuxing.report import names_of, render_ledger, render_result, render_tasks
from wuxing.rulesets import Ruleset
from wuxing.schema import document_schema
from wuxing.tasks import TaskList

__all__ = ["main"]


def _show(ruleset: Ruleset, out: TextIO, *, markdown: bool = False) -> None:
    src = ruleset.source
    print(f"{ruleset.title}", file=out)
    print(f"id {ruleset.id} · jurisdiction {ruleset.jurisdiction} · year {ruleset.year}", file=out)
    print(f"source: {src.title} ({src.issuer}, {src.date.isoformat()})", file=out)
    print(file=out)
    rows = [
        [c.id, c.title_zh, str(c.quota), c.route.value, c.scope.describe()]
        for c in ruleset.categories
    ]
    print(
        render(
            ["category", "名称", "quota", "route", "评选范围"], rows, right=[2], markdown=markdown
        ),
        file=out,
    )
    for cat in ruleset.categories:
        print(f"\n{cat.title_zh} ({cat.id}) criteria:", file=out)
        rows = [
            [
                k.code,
                k.title_zh,
                " ".join(d.zh for d in k.sorted_dimensions()),
                k.kind.value,
                str(k.weight),
                str(k.maximum),
            ]
            for k in cat.criteria
        ]
        print(
            render(
                ["code", "评选条件", "五型", "kind", "weight", "max"],
                rows,
                right=[4, 5],
                markdown=markdown,
            ),
            file=out,
        )
    s = ruleset.scoring
    print(
        f"\nscoring: {s.aggregation.value}, at least {s.min_sheets} sheets, "
        f"verification {s.verification_weight} + annual {s.annual_weight}, "
        f"pass mark {s.pass_mark}, {s.places} places",
        file=out,
    )
    print(
        f"tie-breaks: {', '.join(ruleset.ranking.tie_breaks)} → {ruleset.ranking.final.value}",
        file=out,
    )
    print(f"vetoes: {', '.join(v.name for v in ruleset.vetoes) or 'none'}", file=out)
    if ruleset.declared_defaults:
        print(
            "declared defaults (not in the source document): "
            + ", ".join(ruleset.declared_defaults),
            file=out,
        )


def _cmd_rulesets(args: argparse.Namespace, out: TextIO) -> int:
    rows = []
    for rid in rulesets.available():
        r = rulesets.load(rid)
        rows.append([r.id, str(r.year), r.jurisdiction, str(len(r.categories)), r.title])
    print(render(["id", "year", "division", "categories", "title"], rows), file=out)
    return 0


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.ruleset)
    ruleset = rulesets.load_file(path) if path.suffix == ".toml" else rulesets.load(args.ruleset)
    _show(ruleset, out, markdown=args.format == "markdown")
    return 0


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.file)
    if path.suffix == ".toml":
        ruleset = rulesets.load_file(path)
        print(f"{path}: valid ruleset {ruleset.id!r}", file=out)
    else:
        value: object = io.read(path)
        if isinstance(value, Bundle):  # also the cross-references against its rules
            value.check(value.resolve_ruleset())
        print(f"{path}: valid {io.kind_of(type(value))}", file=out)
    return 0


def _parse_at(text: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            [Problem("--at", "bad_datetime", f"{text!r} is not an ISO 8601 date and time")],
            subject="arguments",
        ) from None
    if parsed.tzinfo is None:
        raise ValidationError(
            [Problem("--at", "naive_datetime", "give a UTC offset, e.g. 2023-01-10T17:00+08:00")],
            subject="arguments",
        )
    return pendulum.instance(parsed)


def _print_result(bundle: Bundle, at: dt.datetime, fmt: str, out: TextIO) -> None:
    ruleset = bundle.resolve_ruleset()
    result = evaluate(bundle, at, ruleset=ruleset)
    if fmt == "json":
        out.write(io.dumps(result))
    else:
        print(
            render_result(result, ruleset, names_of(bundle), markdown=fmt == "markdown"), file=out
        )


def _cmd_evaluate(args: argparse.Namespace, out: TextIO) -> int:
    at = _parse_at(args.at)
    bundle = io.read(args.bundle, Bundle)
    _print_result(bundle, at, args.format, out)
    return 0


def _parse_day_or_time(text: str, time_zone: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return _parse_at(text)
    return end_of_day(day, time_zone)


def _cmd_ledger(args: argparse.Namespace, out: TextIO) -> int:
    ledger = io.read(args.file, Ledger)
    at = _parse_day_or_time(args.at, ledger.time_zone)
    print(render_ledger(ledger, at, args.by, markdown=args.format == "markdown"), file=out)
    return 0


def _cmd_tasks(args: argparse.Namespace, out: TextIO) -> int:
    tasks = io.read(args.file, TaskList)
    at = _parse_day_or_time(args.at, tasks.time_zone)
    print(render_tasks(tasks, at, args.by, markdown=args.format == "markdown"), file=out)
    return 0


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    out.write(json.dumps(document_schema(args.kind), ensure_ascii=False, indent=2) + "\n")
    return 0


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    _print_result(demo_bundle(), DEMO_AT, args.format, out)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wuxing", description="The Five-Type (五型) government evaluation rules."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("rulesets", help="list the built-in rulesets").set_defaults(run=_cmd_rulesets)
    show = sub.add_parser("show", help="print a ruleset's categories, quotas and criteria")
    show.add_argument("ruleset", help="a ruleset id (see `wuxing rulesets`) or a .toml file")
    show.add_argument("--format", choices=["table", "markdown"], default="table")
    show.set_defaults(run=_cmd_show)
    validate = sub.add_parser("validate", help="check a ruleset (.toml) or a JSON document")
    validate.add_argument("file")
    validate.set_defaults(run=_cmd_validate)
    evaluate_ = sub.add_parser("evaluate", help="evaluate a campaign bundle (JSON)")
    evaluate_.add_argument("bundle", help="a bundle document (see `wuxing schema bundle`)")
    evaluate_.add_argument("--at", required=True, help="the cut-off, e.g. 2023-01-10T17:00+08:00")
    evaluate_.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    evaluate_.set_defaults(run=_cmd_evaluate)
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
    schema = sub.add_parser("schema", help="print the JSON Schema of a document kind")
    schema.add_argument("kind", nargs="?", default="bundle", choices=sorted(io.KINDS))
    schema.set_defaults(run=_cmd_schema)
    demo = sub.add_parser("demo", help="evaluate the built-in sample Xingguo 2022 campaign")
    demo.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    demo.set_defaults(run=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    stream = out if out is not None else sys.stdout
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args, stream))
    except ValidationError as exc:
        print(f"{exc.subject}: {len(exc.problems)} problem(s)", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except WuxingError as exc:
        print(f"error: {exc} [{exc.code}]", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
