"""``wuxing report candidates|notice|scores``: the printable candidate list (候选名单), the
public notice (公示) and the score sheets (得分明细) of a round."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any, TextIO

from wuxing._core.messages import problem_text
from wuxing.cli.arguments import add_at, add_input, add_output
from wuxing.cli.office import read_bundle, write_output
from wuxing.errors import Problem, ValidationError
from wuxing.evaluation import evaluate
from wuxing.reports.candidates import candidates_data, candidates_html
from wuxing.reports.notice import build_notice
from wuxing.reports.scoresheet import score_sheet_rows, score_sheet_text, score_sheets_html

__all__ = ["register"]


def _evaluated(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    bundle = read_bundle(args, "round")
    at = args.at.resolve(bundle.campaign.time_zone)
    ruleset = bundle.resolve_ruleset()
    return bundle, ruleset, evaluate(bundle, at, ruleset=ruleset)


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cmd_candidates(args: argparse.Namespace, out: TextIO) -> int:
    bundle, ruleset, result = _evaluated(args)
    if args.format == "json":
        text = _json(candidates_data(result, bundle, ruleset))
    else:
        text = candidates_html(result, bundle, ruleset, office=args.office)
    write_output(out, args.output, text=text)
    return 0


def _cmd_notice(args: argparse.Namespace, out: TextIO) -> int:
    try:
        first = dt.date.fromisoformat(args.first_day)
    except ValueError:
        raise ValidationError(
            [Problem("--from", "bad_date", f"{args.first_day!r} is not a date (YYYY-MM-DD)")],
            subject="arguments",
        ) from None
    bundle, ruleset, result = _evaluated(args)
    notice = build_notice(
        result, bundle, ruleset, first, objections_to=args.objections, office=args.office
    )
    if args.format == "json":
        text = _json(notice.data())
    else:
        text = notice.html() if args.format == "html" else notice.text()
    write_output(out, args.output, text=text)
    return 0


def _cmd_scores(args: argparse.Namespace, out: TextIO) -> int:
    bundle, ruleset, result = _evaluated(args)
    ids = args.application or [o.application_id for c in result.categories for o in c.outcomes]
    known = {o.application_id for c in result.categories for o in c.outcomes}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ValidationError(
            [
                Problem("--application", "unknown_application", f"no application {i!r}")
                for i in unknown
            ],
            subject="arguments",
        )
    if args.format == "json":
        sheets = []
        for i in ids:
            headers, rows = score_sheet_rows(result, bundle, ruleset, i)
            outcome = result.outcome_of(i)
            sheets.append(
                {
                    "application_id": i,
                    "applicant_id": outcome.applicant_id,
                    "outcome": outcome.outcome.value,
                    "total": None if outcome.total is None else str(outcome.total),
                    "headers": headers,
                    "rows": rows,
                    "reasons": [
                        {"code": r.code, "message": problem_text(r, args.lang), "ref": r.ref}
                        for r in outcome.reasons
                    ],
                }
            )
        text = _json({"report": "scores", "sheets": sheets})
    elif args.format == "html":
        text = score_sheets_html(result, bundle, ruleset, ids)
    else:
        text = "\n".join(score_sheet_text(result, bundle, ruleset, i) for i in ids)
    write_output(out, args.output, text=text)
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    add_input(parser, "round", what="round.xlsx, a folder of CSV files, or a bundle.json")
    add_at(parser, what="the cut-off")
    add_output(parser)
    parser.add_argument("--office", default="县“五型”政府建设办公室", help="who signs the page")
    parser.set_defaults(own_output=True)


def register(sub: Any) -> None:
    """Add ``wuxing report`` and its three reports to the sub-command parsers."""
    report = sub.add_parser("report", help="print the candidate list, the notice or score sheets")
    kinds = report.add_subparsers(dest="report", required=True, metavar="REPORT")
    candidates = kinds.add_parser("candidates", help="the candidate list (候选名单), HTML for A4")
    _common(candidates)
    candidates.add_argument("--format", choices=["html", "json"], default="html")
    candidates.set_defaults(run=_cmd_candidates)
    notice = kinds.add_parser("notice", help="the public notice (公示), text or HTML")
    _common(notice)
    notice.add_argument(
        "--from", dest="first_day", required=True, help="the day of publication, e.g. 2023-01-16"
    )
    notice.add_argument("--objections", help="where objections go (office, address, telephone)")
    notice.add_argument("--format", choices=["text", "html", "json"], default="text")
    notice.set_defaults(run=_cmd_notice)
    scores = kinds.add_parser("scores", help="score sheets (得分明细), text or HTML")
    _common(scores)
    scores.add_argument("--application", action="append", help="an application id (repeatable)")
    scores.add_argument("--format", choices=["text", "html", "json"], default="text")
    scores.set_defaults(run=_cmd_scores)
