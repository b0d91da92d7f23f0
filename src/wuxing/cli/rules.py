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


_DEFAULT = " *"
_COINED = " (coined)"


def _marked(ruleset: Ruleset, path: str, text: str) -> str:
    """``text``, marked when the value at ``path`` is a declared default."""
    return text + _DEFAULT if ruleset.declared(path) else text


def _show(ruleset: Ruleset, out: TextIO, *, markdown: bool = False) -> None:
    src = ruleset.source
    item = "- " if markdown else "  "
    print(f"{ruleset.title}", file=out)
    print(f"id {ruleset.id} · jurisdiction {ruleset.jurisdiction} · year {ruleset.year}", file=out)
    print(f"source: 《{src.title}》 ({src.issuer}, {src.date.isoformat()})", file=out)
    print(
        f"marks:{_DEFAULT} a declared default, not in the source document (reasons at the "
        f"end);{_COINED} a label the ruleset gives an item the document does not head",
        file=out,
    )
    print(file=out)
    rows = [
        [
            c.id,
            c.title_zh,
            str(c.quota),
            _marked(ruleset, f"categories[{i}].recommender", c.route.value),
            "yes" if c.verified_on_site else "no",
            c.scope.describe(),
        ]
        for i, c in enumerate(ruleset.categories)
    ]
    print(
        render(
            ["category", "名称", "quota", "route", "实地核查", "评选范围"],
            rows,
            right=[2],
            markdown=markdown,
        ),
        file=out,
    )
    for i, cat in enumerate(ruleset.categories):
        print(f"\n{cat.title_zh} ({cat.id}) criteria:", file=out)
        rows = []
        for j, k in enumerate(cat.criteria):
            at = f"categories[{i}].criteria[{j}]"
            rows.append(
                [
                    k.code,
                    k.label_zh + (_COINED if k.label_coined else ""),
                    _marked(
                        ruleset, f"{at}.dimensions", " ".join(d.zh for d in k.sorted_dimensions())
                    ),
                    _marked(ruleset, f"{at}.kind", k.kind.value),
                    _marked(ruleset, f"{at}.weight", str(k.weight)),
                    _marked(ruleset, f"{at}.maximum", str(k.maximum)),
                ]
            )
        print(
            render(
                ["code", "评选条件", "五型", "kind", "weight", "max"],
                rows,
                right=[4, 5],
                markdown=markdown,
            ),
            file=out,
        )
        texts = [k for k in cat.criteria if k.text_zh]
        if texts:
            print(file=out)
        for k in texts:
            where = f" ({k.source})" if k.source else ""
            print(f"{item}{k.code}{where} {k.text_zh}", file=out)
    s = ruleset.scoring
    print(
        f"\n{_marked(ruleset, 'scoring', 'scoring')}: {s.aggregation.value}, "
        f"at least {s.min_sheets} sheets, verification {s.verification_weight} + annual "
        f"{s.annual_weight}, pass mark {s.pass_mark}, {s.places} places",
        file=out,
    )
    r = ruleset.ranking
    print(
        f"{_marked(ruleset, 'ranking', 'tie-breaks')}: {', '.join(r.tie_breaks)} → "
        f"{r.final.value}, reserve {r.reserve}",
        file=out,
    )
    vetoes = "; ".join(f"{v.name} {v.description_zh}".strip() for v in ruleset.vetoes)
    print(f"{_marked(ruleset, 'vetoes', 'vetoes')}: {vetoes or 'none'}", file=out)
    p = ruleset.periods
    notice = _marked(ruleset, "periods.notice_working_days", "public notice")
    rectify = _marked(ruleset, "periods.rectification_working_days", "rectification")
    print(
        f"periods: {notice} {p.notice_working_days} working days, "
        f"{rectify} {p.rectification_working_days} working days",
        file=out,
    )
    if ruleset.statements:
        print("\nthe source document's statements:", file=out)
        for st in ruleset.statements:
            print(f"{item}{st.key} ({st.source}): {st.text_zh}", file=out)
    if ruleset.declared_defaults:
        print(
            "\ndeclared defaults (readings of the ruleset, not in the source document):", file=out
        )
        for d in ruleset.declared_defaults:
            print(f"{item}{d.key}: {d.reason}", file=out)


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
