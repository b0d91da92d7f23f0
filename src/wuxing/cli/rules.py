"""``wuxing rulesets``, ``wuxing show`` and ``wuxing validate``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from wuxing import io, rulesets
from wuxing.cli.ruleset_option import add_ruleset_option, resolve_ref, ruleset_from
from wuxing.errors import Problem, ValidationError
from wuxing.evaluation.bundle import Bundle
from wuxing.reports.table import render
from wuxing.rulesets import Resolution, Ruleset
from wuxing.rulesets.trace import Traced, trace, trace_data

__all__ = ["register"]


def _source_line(ruleset: Ruleset) -> str:
    src = ruleset.source
    text = f"source: {src.title} ({src.issuer}, {src.date.isoformat()})"
    if ruleset.layers and ruleset.layers[0].source is None:
        cited = next((la.id for la in ruleset.layers if la.source is not None), "?")
        text += f", inherited from {cited}: {ruleset.id} cites no document of its own"
    return text


def _section(ruleset: Ruleset, path: str, ref: str | None) -> str:
    if ref is None:
        return ""
    layer = ruleset.layer_of(path)
    return ref if layer is None or layer.id == ruleset.id else f"{ref} ({layer.id})"


def _show(ruleset: Ruleset, out: TextIO, *, markdown: bool = False) -> None:
    print(f"{ruleset.title}", file=out)
    print(f"id {ruleset.id} · jurisdiction {ruleset.jurisdiction} · year {ruleset.year}", file=out)
    if ruleset.layers:
        print(f"chain: {' → '.join(ruleset.chain)}", file=out)
    print(_source_line(ruleset), file=out)
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
    for c, cat in enumerate(ruleset.categories):
        print(f"\n{cat.title_zh} ({cat.id}) criteria:", file=out)
        rows = [
            [
                k.code,
                k.title_zh,
                " ".join(d.zh for d in k.sorted_dimensions()),
                k.kind.value,
                str(k.weight),
                str(k.maximum),
                _section(ruleset, f"categories[{c}].criteria[{i}].source", k.source),
            ]
            for i, k in enumerate(cat.criteria)
        ]
        print(
            render(
                ["code", "评选条件", "五型", "kind", "weight", "max", "source"],
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
    for layer in ruleset.layers or ():
        if layer.declared_defaults:
            whose = "" if layer.id == ruleset.id else f" of {layer.id}, inherited"
            print(
                f"declared defaults{whose} (not in the source document): "
                + ", ".join(layer.declared_defaults),
                file=out,
            )
    if not ruleset.layers and ruleset.declared_defaults:
        print(
            "declared defaults (not in the source document): "
            + ", ".join(ruleset.declared_defaults),
            file=out,
        )


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 48 else text[:45] + "..."


def _print_trace(traced: tuple[Traced, ...], out: TextIO, *, markdown: bool) -> None:
    rows = [
        [
            t.path,
            _short(t.value),
            (t.layer or "(default)")
            + (" (inherited)" if t.inherited else "")
            + (" · declared default" if t.declared_default else ""),
        ]
        for t in traced
    ]
    print(render(["key", "value", "set by"], rows, markdown=markdown), file=out)


def _show_abstract(found: Resolution, out: TextIO, *, markdown: bool) -> None:
    data = found.data
    print(f"{data.get('title', '(no title)')}", file=out)
    print(f"id {data.get('id')} · abstract: a base to extend, not rules to evaluate", file=out)
    print(f"chain: {' → '.join(found.chain)}", file=out)
    print(
        f"left open for the rulesets extending it: {', '.join(found.open) or 'nothing'}", file=out
    )
    print(file=out)
    _print_trace(trace_data(data, found.layers, found.chain[0]), out, markdown=markdown)


def _cmd_rulesets(args: argparse.Namespace, out: TextIO) -> int:
    rows = []
    for rid in rulesets.available():
        found = rulesets.resolve(rid)
        data = found.data
        what = "abstract" if found.abstract else str(len(data.get("categories", [])))
        rows.append(
            [
                rid,
                str(data.get("year", "")),
                str(data.get("jurisdiction", "")),
                what,
                " → ".join(found.chain),
                str(data.get("title", "")),
            ]
        )
    print(render(["id", "year", "division", "categories", "chain", "title"], rows), file=out)
    return 0


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    ref = args.name or args.ruleset
    if ref is None:
        raise ValidationError(
            [Problem("ruleset", "missing", "name a ruleset id or give --ruleset FILE")],
            subject="arguments",
        )
    found = resolve_ref(ref, args.ruleset_path)
    markdown = args.format == "markdown"
    if found.abstract and len(found.problems) == 1:
        _show_abstract(found, out, markdown=markdown)
        return 0
    ruleset = found.require()
    _show(ruleset, out, markdown=markdown)
    if args.trace:
        print(file=out)
        _print_trace(trace(ruleset), out, markdown=markdown)
    return 0


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.file)
    if path.suffix == ".toml":
        found = rulesets.resolve(path, search_path=args.ruleset_path)
        if found.abstract and len(found.problems) == 1:
            left = ", ".join(found.open) or "nothing"
            print(
                f"{path}: valid abstract ruleset {found.chain[0]!r}; leaves open: {left}", file=out
            )
            return 0
        ruleset = found.require()
        print(f"{path}: valid ruleset {ruleset.id!r} ({' → '.join(ruleset.chain)})", file=out)
    else:
        value: object = io.read(path)
        if isinstance(value, Bundle):  # also the cross-references against its rules
            value.check(ruleset_from(args) or value.resolve_ruleset())
        print(f"{path}: valid {io.kind_of(type(value))}", file=out)
    return 0


def register(sub: Any) -> None:
    """Add the ruleset commands to the sub-command parsers."""
    sub.add_parser("rulesets", help="list the built-in rulesets").set_defaults(run=_cmd_rulesets)
    show = sub.add_parser("show", help="print a ruleset's categories, quotas and criteria")
    show.add_argument(
        "name",
        nargs="?",
        metavar="RULESET",
        help="a ruleset id (see `wuxing rulesets`) or a .toml file",
    )
    show.add_argument("--format", choices=["table", "markdown"], default="table")
    show.add_argument("--trace", action="store_true", help="print the layer that set each value")
    add_ruleset_option(show, what="the ruleset to show")
    show.set_defaults(run=_cmd_show)
    validate = sub.add_parser("validate", help="check a ruleset (.toml) or a JSON document")
    validate.add_argument("file")
    add_ruleset_option(validate, what="the rules to check a bundle against")
    validate.set_defaults(run=_cmd_validate)
