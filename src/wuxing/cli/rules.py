"""``wuxing rulesets``, ``wuxing show`` and ``wuxing validate``."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from wuxing import io, rulesets
from wuxing._core.time import DEFAULT_TIME_ZONE
from wuxing.cli.arguments import (
    STDIO,
    add_at,
    add_format,
    add_input,
    add_output,
    progress,
    read_input,
    source_name,
)
from wuxing.errors import Problem, RulesetError, ValidationError, WuxingError
from wuxing.interchange.gate import Verdict, check
from wuxing.reports.table import render
from wuxing.rulesets import Ruleset
from wuxing.rulesets.loading import MAX_RULESET_CHARS

__all__ = ["register"]


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
    loaded: list[Ruleset] = []
    problems: list[Problem] = []
    for rid in rulesets.available():
        try:
            loaded.append(rulesets.load(rid))
        except RulesetError as exc:  # a broken plugin: the others are still listed
            problems.extend(p.at(f"plugins.{rid}") for p in exc.problems)
    if args.format == "json":
        listed = [
            {
                "id": r.id,
                "year": r.year,
                "jurisdiction": r.jurisdiction,
                "categories": len(r.categories),
                "title": r.title,
            }
            for r in loaded
        ]
        document = {"rulesets": listed, "problems": [_plain(p) for p in problems]}
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        rows = [
            [r.id, str(r.year), r.jurisdiction, str(len(r.categories)), r.title] for r in loaded
        ]
        print(render(["id", "year", "division", "categories", "title"], rows), file=out)
    if problems:
        raise RulesetError(problems, subject="installed rulesets")
    return 0


def _read_ruleset(args: argparse.Namespace) -> Ruleset:
    name = args.ruleset
    if name != STDIO and not name.endswith(".toml"):
        return rulesets.load(name)
    text = read_input(args, "ruleset", limit=4 * MAX_RULESET_CHARS)
    return rulesets.loads(text, name=source_name(args, "ruleset"))


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    ruleset = _read_ruleset(args)
    if args.format == "json":
        out.write(io.dumps(ruleset))
    else:
        _show(ruleset, out, markdown=args.format == "markdown")
    return 0


def _plain(problem: Problem) -> dict[str, str]:
    return {"path": problem.path, "code": problem.code, "message": problem.message}


def _load_any(args: argparse.Namespace) -> object:
    """A ruleset (a ``.toml`` file, or standard input that is not JSON) or a JSON document;
    the text is held no longer than it is parsed."""
    name = source_name(args)
    if args.file.endswith(".toml"):
        return rulesets.loads(read_input(args), name=name)
    if args.file != STDIO:
        return io.loads(read_input(args))
    text = read_input(args)
    start = text.lstrip()[:1]
    if not start:
        raise ValidationError([Problem("", "empty", "standard input is empty")], subject=name)
    if start == "{":
        return io.loads(text)
    return rulesets.loads(text, name=name)


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    name = source_name(args)
    what = kind = None
    steps = progress(args)
    try:
        steps.step(f"reading {name}")
        value = _load_any(args)
        steps.step("checking")
        what = kind = io.kind_of(type(value))
        if isinstance(value, Ruleset):
            what = f"ruleset {value.id!r}" if args.file.endswith(".toml") else what
        at = args.at.resolve(_time_zone(value)) if args.at is not None else None
        verdict = check(value, at=at)
    except ValidationError as exc:
        verdict = Verdict(exc.problems, exc.more)
    except WuxingError as exc:
        verdict = Verdict((Problem(exc.path, exc.code, exc.message),))
    if args.format == "json":
        document = {
            "file": name,
            "kind": kind,
            "valid": verdict.ok,
            "problems": [_plain(p) for p in verdict.problems],
            "more_problems": verdict.more,
            "warnings": [_plain(w) for w in verdict.warnings],
        }
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return 0 if verdict.ok else 1
    if verdict.warnings:
        count = len(verdict.warnings)
        print(f"{name}: {count:,} warning{'s' if count != 1 else ''}", file=args.stderr)
        for warning in verdict.warnings:
            print(f"  warning: {warning}", file=args.stderr)
    if not verdict.ok:
        raise ValidationError(verdict.problems, subject=name, more=verdict.more)
    print(f"{name}: valid {what}", file=out)
    return 0


def _time_zone(value: object) -> str:
    for holder in (value, getattr(value, "campaign", None)):
        zone = getattr(holder, "time_zone", None)
        if isinstance(zone, str):
            return zone
    return DEFAULT_TIME_ZONE


def register(sub: Any) -> None:
    """Add the ruleset commands to the sub-command parsers."""
    listing = sub.add_parser("rulesets", help="list the built-in and installed rulesets")
    add_format(listing, ("table", "json"))
    add_output(listing)
    listing.set_defaults(run=_cmd_rulesets)
    show = sub.add_parser("show", help="print a ruleset's categories, quotas and criteria")
    add_input(show, "ruleset", what="a ruleset id (see `wuxing rulesets`) or a .toml file")
    add_format(show, ("table", "markdown", "json"))
    add_output(show)
    show.set_defaults(run=_cmd_show)
    validate = sub.add_parser(
        "validate",
        help="check a ruleset (.toml) or a JSON document as the other commands would",
        description="Check a document: every problem evaluate, ledger and tasks would refuse "
        "(exit 1), and warnings of what will make an application ineligible.",
    )
    add_input(validate, what="a ruleset (.toml) or a JSON document")
    add_at(
        validate,
        required=False,
        what="also evaluate a bundle (or read a ledger or task list) at this cut-off",
    )
    add_format(validate, ("text", "json"))
    add_output(validate)
    validate.set_defaults(run=_cmd_validate)
