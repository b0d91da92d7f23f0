"""``wuxing rulesets``, ``wuxing show`` and ``wuxing validate``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from wuxing import io, rulesets
from wuxing.evaluation.bundle import Bundle
from wuxing.reports.table import render
from wuxing.rulesets import Ruleset

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


def register(sub: Any) -> None:
    """Add the ruleset commands to the sub-command parsers."""
    sub.add_parser("rulesets", help="list the built-in rulesets").set_defaults(run=_cmd_rulesets)
    show = sub.add_parser("show", help="print a ruleset's categories, quotas and criteria")
    show.add_argument("ruleset", help="a ruleset id (see `wuxing rulesets`) or a .toml file")
    show.add_argument("--format", choices=["table", "markdown"], default="table")
    show.set_defaults(run=_cmd_show)
    validate = sub.add_parser("validate", help="check a ruleset (.toml) or a JSON document")
    validate.add_argument("file")
    validate.set_defaults(run=_cmd_validate)
