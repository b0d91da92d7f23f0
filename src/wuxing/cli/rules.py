"""``wuxing rulesets``, ``wuxing show`` and ``wuxing validate``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

import attrs

from wuxing import io, rulesets
from wuxing._core.messages import Language, problem_text, text
from wuxing._core.time import DEFAULT_TIME_ZONE
from wuxing.cli.arguments import (
    STDIO,
    add_at,
    add_format,
    add_input,
    add_output,
    problem_json,
    progress,
    read_input,
    source_name,
)
from wuxing.cli.ruleset_option import add_ruleset_option, is_file, resolve_ref, ruleset_from
from wuxing.errors import Problem, RulesetError, ValidationError, WuxingError
from wuxing.interchange.gate import Verdict, check
from wuxing.reports.table import render
from wuxing.rulesets import Resolution, Ruleset
from wuxing.rulesets.parsing import MAX_RULESET_CHARS
from wuxing.rulesets.trace import Traced, trace, trace_data

__all__ = ["register"]


_DEFAULT = " *"
_COINED = " (coined)"


def _marked(ruleset: Ruleset, path: str, text: str) -> str:
    """``text``, marked when the value at ``path`` is a declared default."""
    return text + _DEFAULT if ruleset.declared(path) else text


def _source_line(ruleset: Ruleset) -> str:
    src = ruleset.source
    text = f"source: 《{src.title}》 ({src.issuer}, {src.date.isoformat()})"
    if ruleset.layers and ruleset.layers[0].source is None:
        cited = next((la.id for la in ruleset.layers if la.source is not None), "?")
        text += f", inherited from {cited}: {ruleset.id} cites no document of its own"
    return text


def _section(ruleset: Ruleset, path: str, ref: str | None) -> str:
    if ref is None:
        return ""
    layer = ruleset.layer_of(path)
    return ref if layer is None or layer.id == ruleset.id else f"{ref} ({layer.id})"


_CATEGORY_COLUMNS = ("id", "title", "quota", "route", "verified", "scope")
_CRITERION_COLUMNS = ("code", "title", "types", "kind", "weight", "maximum", "source")


def _show(ruleset: Ruleset, out: TextIO, *, markdown: bool = False, lang: Language = "en") -> None:
    item = "- " if markdown else "  "
    print(f"{ruleset.title}", file=out)
    print(f"id {ruleset.id} · jurisdiction {ruleset.jurisdiction} · year {ruleset.year}", file=out)
    if ruleset.layers:
        print(f"chain: {' → '.join(ruleset.chain)}", file=out)
    print(_source_line(ruleset), file=out)
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
            text("show.yes" if c.verified_on_site else "show.no", lang),
            c.scope.describe(),
        ]
        for i, c in enumerate(ruleset.categories)
    ]
    print(
        render(
            [text(f"show.category.{c}", lang) for c in _CATEGORY_COLUMNS],
            rows,
            right=[2],
            markdown=markdown,
        ),
        file=out,
    )
    for i, cat in enumerate(ruleset.categories):
        print("\n" + text("show.criteria", lang, title=cat.title_zh, id=cat.id), file=out)
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
                    _section(ruleset, f"{at}.source", k.source),
                ]
            )
        print(
            render(
                [text(f"show.criterion.{c}", lang) for c in _CRITERION_COLUMNS],
                rows,
                right=[4, 5],
                markdown=markdown,
            ),
            file=out,
        )
        if not cat.verified_on_site:
            aspects = "、".join(cat.assessed_on) or "—"
            scored = _marked(
                ruleset,
                f"categories[{i}].assessed_on",
                "scored from that assessment alone, without on-site sheets or annual score",
            )
            print(f"\nassessed by the office (综合评估) on: {aspects}; {scored}", file=out)
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
    for layer in ruleset.layers or ():
        if layer.declared_defaults:
            whose = "" if layer.id == ruleset.id else f" of {layer.id}, inherited"
            print(f"\ndeclared defaults{whose} (not in the source document):", file=out)
            for d in layer.declared_defaults:
                print(f"{item}{d.key}: {d.reason}", file=out)
    if not ruleset.layers and ruleset.declared_defaults:
        print(
            "\ndeclared defaults (readings of the ruleset, not in the source document):", file=out
        )
        for d in ruleset.declared_defaults:
            print(f"{item}{d.key}: {d.reason}", file=out)


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
    listed: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for rid in rulesets.available():
        try:
            found = rulesets.resolve(rid)
        except RulesetError as exc:  # a broken plugin: the others are still listed
            problems.extend(p.at(f"plugins.{rid}") for p in exc.problems)
            continue
        if found.problems and not (found.abstract and len(found.problems) == 1):
            problems.extend(p.at(f"rulesets.{rid}") for p in found.problems)
            continue
        data = found.data
        listed.append(
            {
                "id": rid,
                "year": data.get("year"),
                "jurisdiction": data.get("jurisdiction"),
                "abstract": found.abstract,
                "categories": len(data.get("categories", [])),
                "chain": list(found.chain),
                "title": data.get("title"),
            }
        )
    if args.format == "json":
        document = {"rulesets": listed, "problems": [problem_json(p) for p in problems]}
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        rows = [
            [
                str(r["id"]),
                str(r["year"] or ""),
                str(r["jurisdiction"] or ""),
                "abstract" if r["abstract"] else str(r["categories"]),
                " → ".join(r["chain"]),
                str(r["title"] or ""),
            ]
            for r in listed
        ]
        columns = ["id", "year", "division", "categories", "chain", "title"]
        print(render([text(f"rulesets.{c}", args.lang) for c in columns], rows), file=out)
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
    ref = args.name or args.ruleset
    if ref is None:
        raise ValidationError(
            [Problem("ruleset", "missing", "name a ruleset id or give --ruleset FILE")],
            subject="arguments",
        )
    if ref == STDIO:
        text = read_input(args, "name", limit=4 * MAX_RULESET_CHARS)
        found = rulesets.resolve(STDIO, text=text, search_path=args.ruleset_path)
    elif is_file(ref):
        found = rulesets.resolve(Path(ref), search_path=args.ruleset_path, encoding=args.encoding)
    else:
        found = resolve_ref(ref, args.ruleset_path)
    markdown = args.format == "markdown"
    if found.abstract and len(found.problems) == 1:
        if args.format == "json":
            document = {"abstract": True, "chain": list(found.chain), "open": list(found.open)}
            out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        else:
            _show_abstract(found, out, markdown=markdown)
        return 0
    ruleset = found.require()
    if args.format == "json":
        out.write(io.dumps(ruleset))
        return 0
    _show(ruleset, out, markdown=markdown, lang=args.lang)
    if args.trace:
        print(file=out)
        _print_trace(trace(ruleset), out, markdown=markdown)
    return 0


def _load_any(args: argparse.Namespace) -> object:
    """A ruleset (a ``.toml`` file, or standard input that is not JSON; an abstract one is
    its :class:`~wuxing.rulesets.Resolution`) or a JSON document; the text is held no longer
    than it is parsed."""
    if args.file != STDIO and not args.file.endswith(".toml"):
        return io.loads(read_input(args))
    text = read_input(args, limit=4 * MAX_RULESET_CHARS)
    if args.file == STDIO:
        start = text.lstrip()[:1]
        if not start:
            raise ValidationError(
                [Problem("", "empty", "standard input is empty")], subject=source_name(args)
            )
        if start == "{":
            return io.loads(text)
    found = rulesets.resolve(args.file, text=text, search_path=args.ruleset_path)
    if found.abstract and len(found.problems) == 1:
        return found
    return found.require()


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    name = source_name(args)
    what = kind = None
    steps = progress(args)
    try:
        steps.step(f"reading {name}")
        value = _load_any(args)
        steps.step("checking")
        if isinstance(value, Resolution):  # an abstract base: valid, but not to evaluate
            left = ", ".join(value.open) or "nothing"
            print(
                f"{name}: valid abstract ruleset {value.chain[0]!r}; leaves open: {left}", file=out
            )
            return 0
        what = kind = io.kind_of(type(value))
        if isinstance(value, Ruleset):
            what = f"ruleset {value.id!r}" if args.file.endswith(".toml") else what
            if value.layers:
                what += f" ({' → '.join(value.chain)})"
        at = args.at.resolve(_time_zone(value)) if args.at is not None else None
        verdict = check(value, at=at, ruleset=ruleset_from(args))
    except ValidationError as exc:
        verdict = Verdict(exc.problems, exc.more)
    except WuxingError as exc:
        verdict = Verdict((Problem(exc.path, exc.code, exc.message),))
    if args.format == "json":
        document = {
            "file": name,
            "kind": kind,
            "valid": verdict.ok,
            "problems": [problem_json(p, args.lang) for p in verdict.problems],
            "more_problems": verdict.more,
            "warnings": [problem_json(w, args.lang) for w in verdict.warnings],
        }
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return 0 if verdict.ok else 1
    if verdict.warnings:
        count = len(verdict.warnings)
        key = "validate.warnings.one" if count == 1 else "validate.warnings.many"
        print(text(key, args.lang, file=name, count=f"{count:,}"), file=args.stderr)
        for warning in verdict.warnings:
            shown = attrs.evolve(warning, message=problem_text(warning, args.lang))
            print("  " + text("validate.warning", args.lang, warning=shown), file=args.stderr)
    if not verdict.ok:
        raise ValidationError(verdict.problems, subject=name, more=verdict.more)
    print(text("validate.valid", args.lang, file=name, what=what), file=out)
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
    show.add_argument(
        "name",
        nargs="?",
        metavar="RULESET",
        help="a ruleset id (see `wuxing rulesets`), a .toml file, or - for standard input",
    )
    add_format(show, ("table", "markdown", "json"))
    add_output(show)
    show.add_argument("--trace", action="store_true", help="print the layer that set each value")
    show.add_argument(
        "--encoding", default="utf-8", help="the input's text encoding (default utf-8)"
    )
    add_ruleset_option(show, what="the ruleset to show")
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
    add_ruleset_option(validate, what="the rules to check a bundle against")
    validate.set_defaults(run=_cmd_validate)
