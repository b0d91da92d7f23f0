"""``wuxing evaluate``, ``wuxing demo`` and ``wuxing schema``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any, TextIO

from wuxing import io
from wuxing._core.messages import Language
from wuxing.cli.arguments import (
    add_at,
    add_format,
    add_input,
    add_output,
    progress,
    source_name,
)
from wuxing.cli.office import read_bundle, write_output
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
    lang: Language = "en",
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
    if fmt == "xlsx":
        write_output(out, output, data=outcomes_xlsx(result, bundle, ruleset))
    elif fmt == "csv":
        write_output(out, output, text=outcomes_csv(result, bundle, ruleset))
    elif fmt == "json":
        write_output(out, output, text=io.dumps(result))
    else:
        table = render_result(
            result,
            ruleset,
            names_of(bundle),
            markdown=fmt == "markdown",
            lang=lang,
            campaign=bundle.campaign,
        )
        write_output(out, output, text=table + "\n")


def _cmd_evaluate(args: argparse.Namespace, out: TextIO) -> int:
    steps = progress(args, "bundle")
    steps.step(f"reading {source_name(args, 'bundle')}")
    bundle = read_bundle(args, "bundle")
    at = args.at.resolve(bundle.campaign.time_zone)
    steps.step(f"evaluating {len(bundle.applications):,} applications at {at.isoformat()}")
    _print_result(bundle, at, args.format, out, args.output, ruleset_from(args), args.lang)
    return 0


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    out.write(json.dumps(document_schema(args.kind), ensure_ascii=False, indent=2) + "\n")
    return 0


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    _print_result(demo_bundle(), DEMO_AT, args.format, out, lang=args.lang)
    return 0


def register(sub: Any) -> None:
    """Add the evaluation commands to the sub-command parsers."""
    evaluate_ = sub.add_parser("evaluate", help="evaluate a campaign bundle (JSON)")
    add_input(
        evaluate_,
        "bundle",
        what="a bundle (JSON, see `wuxing schema bundle`), a workbook or a CSV folder",
    )
    add_at(evaluate_, what="the cut-off")
    add_format(evaluate_, ("table", "markdown", "json", "csv", "xlsx"))
    add_output(evaluate_)
    add_ruleset_option(evaluate_, what="the campaign's rules, when they are not built in")
    evaluate_.set_defaults(run=_cmd_evaluate, own_output=True)
    schema = sub.add_parser("schema", help="print the JSON Schema of a document kind")
    schema.add_argument("kind", nargs="?", default="bundle", choices=sorted(io.KINDS))
    add_format(schema, ("json",))
    add_output(schema)
    schema.set_defaults(run=_cmd_schema)
    demo = sub.add_parser("demo", help="evaluate the built-in sample Xingguo 2022 campaign")
    add_format(demo, ("table", "markdown", "json"))
    add_output(demo)
    demo.set_defaults(run=_cmd_demo)
