"""``wuxing evaluate``, ``wuxing demo`` and ``wuxing schema``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from io import StringIO
from typing import Any, TextIO

from wuxing import io
from wuxing.cli.arguments import parse_at
from wuxing.cli.office import read_round, write_output
from wuxing.cli.ruleset_option import add_ruleset_option, ruleset_from
from wuxing.errors import Problem, ValidationError
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.interchange.schema import document_schema
from wuxing.reports import names_of, render_result
from wuxing.reports.exports import outcomes_csv, outcomes_xlsx
from wuxing.rulesets import Ruleset
from wuxing.samples import DEMO_AT, demo_bundle

__all__ = ["register"]


def _print_result(
    bundle: Bundle,
    at: dt.datetime,
    fmt: str,
    out: TextIO,
    output: str | None = None,
    ruleset: Ruleset | None = None,
) -> None:
    if ruleset is None:
        ruleset = bundle.resolve_ruleset()
    elif ruleset.id != bundle.campaign.ruleset_id:
        raise ValidationError(
            [
                Problem(
                    "--ruleset",
                    "ruleset_mismatch",
                    f"the campaign's rules are {bundle.campaign.ruleset_id!r}, not {ruleset.id!r}",
                )
            ],
            subject="arguments",
        )
    result = evaluate(bundle, at, ruleset=ruleset)
    if fmt == "csv":
        write_output(out, output, text=outcomes_csv(result, bundle, ruleset))
    elif fmt == "xlsx":
        write_output(out, output, data=outcomes_xlsx(result, bundle, ruleset))
    elif output is not None:
        buffer = StringIO()
        _print_result(bundle, at, fmt, buffer, ruleset=ruleset)
        write_output(out, output, text=buffer.getvalue())
    elif fmt == "json":
        out.write(io.dumps(result))
    else:
        print(
            render_result(result, ruleset, names_of(bundle), markdown=fmt == "markdown"), file=out
        )


def _cmd_evaluate(args: argparse.Namespace, out: TextIO) -> int:
    at = parse_at(args.at)
    bundle = read_round(args.bundle)
    _print_result(bundle, at, args.format, out, args.output, ruleset_from(args))
    return 0


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    out.write(json.dumps(document_schema(args.kind), ensure_ascii=False, indent=2) + "\n")
    return 0


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    _print_result(demo_bundle(), DEMO_AT, args.format, out)
    return 0


def register(sub: Any) -> None:
    """Add the evaluation commands to the sub-command parsers."""
    evaluate_ = sub.add_parser("evaluate", help="evaluate a campaign bundle (JSON)")
    evaluate_.add_argument(
        "bundle", help="a bundle (JSON, see `wuxing schema bundle`), a workbook or a CSV folder"
    )
    evaluate_.add_argument("--at", required=True, help="the cut-off, e.g. 2023-01-10T17:00+08:00")
    evaluate_.add_argument(
        "--format", choices=["table", "json", "markdown", "csv", "xlsx"], default="table"
    )
    evaluate_.add_argument("-o", "--output", help="the file to write (needed for xlsx)")
    add_ruleset_option(evaluate_, what="the campaign's rules, when they are not built in")
    evaluate_.set_defaults(run=_cmd_evaluate)
    schema = sub.add_parser("schema", help="print the JSON Schema of a document kind")
    schema.add_argument("kind", nargs="?", default="bundle", choices=sorted(io.KINDS))
    schema.set_defaults(run=_cmd_schema)
    demo = sub.add_parser("demo", help="evaluate the built-in sample Xingguo 2022 campaign")
    demo.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    demo.set_defaults(run=_cmd_demo)
