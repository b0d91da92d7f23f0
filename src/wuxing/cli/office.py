"""The office's commands: ``wuxing template``, ``wuxing import``, ``wuxing export`` and
``wuxing init``, and :func:`read_round`/:func:`write_output`, which the evaluation and report
commands use to read a round from a workbook, a CSV folder or a JSON bundle and to write their
output to a file or to standard output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any, TextIO

from wuxing import io, rulesets
from wuxing._core.files import make_folder, write_bytes, write_text
from wuxing._core.messages import text
from wuxing.cli.arguments import (
    STDIO,
    UsageError,
    add_format,
    add_input,
    add_output,
    read_input,
)
from wuxing.errors import Problem, ValidationError
from wuxing.evaluation.bundle import Bundle
from wuxing.interchange import spreadsheets
from wuxing.model.campaigns import Campaign
from wuxing.model.rulesets import Ruleset
from wuxing.samples import starter_bundle

__all__ = ["read_bundle", "read_round", "register", "write_output"]


def read_round(path: str) -> Bundle:
    """A round from a workbook (``.xlsx``), a folder of CSV files or a JSON bundle."""
    return spreadsheets.read_round(path)


def read_bundle(args: argparse.Namespace, name: str = "file") -> Bundle:
    """The round named by the input argument ``name``: a JSON bundle (``-`` reads standard
    input; ``--encoding`` applies), or a workbook or a folder of CSV files by its path."""
    path = getattr(args, name)
    if path == STDIO or Path(path).suffix.lower() == ".json":
        return io.loads(read_input(args, name), Bundle)
    return read_round(path)


def write_output(
    out: TextIO, output: str | None, *, text: str | None = None, data: bytes | None = None
) -> None:
    """Write ``text`` or ``data`` to the file ``output``, or text to ``out`` when no file is
    named. CSV text written to a file gets a byte-order mark, so that a spreadsheet opens it
    as UTF-8."""
    if data is not None:
        if output is None or output == STDIO:
            raise UsageError("this output is binary: name a file with -o FILE", path="--output")
        write_bytes(output, data)
        return
    assert text is not None
    if output is None or output == STDIO:
        out.write(text)
    elif output.lower().endswith(".csv"):
        write_text(output, "\ufeff" + text)
    else:
        write_text(output, text)


def _described(args: argparse.Namespace, out: TextIO, line: str, **facts: object) -> None:
    """What a command wrote: ``line`` for people, or with ``--format json`` a JSON object
    naming the command, the files written and ``facts``."""
    if getattr(args, "format", "text") == "json":
        document = {"command": args.command, **facts}
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        print(line, file=out)


def _ruleset(name: str) -> Ruleset:
    if name.endswith(".toml"):
        return rulesets.load_file(name)
    return rulesets.load(name)


def _cmd_template(args: argparse.Namespace, out: TextIO) -> int:
    ruleset = _ruleset(args.ruleset)
    campaign = None
    if args.campaign or args.year or args.deadline:
        year = args.year or ruleset.year
        campaign = Campaign(
            args.campaign or f"{ruleset.id}-{year}",
            ruleset.id,
            year,
            dt.date.fromisoformat(args.deadline) if args.deadline else dt.date(year, 12, 31),
            ruleset.time_zone,
            args.title,
        )
    if args.output.lower().endswith(".xlsx"):
        write_bytes(args.output, spreadsheets.template(ruleset, campaign))
    else:
        bundle = Bundle(
            campaign
            or Campaign(
                f"{ruleset.id}-{ruleset.year}",
                ruleset.id,
                ruleset.year,
                dt.date(ruleset.year, 12, 31),
            )
        )
        spreadsheets.write_csv_folder(args.output, bundle, ruleset)
    written = text("office.template_written", args.lang, path=args.output, ruleset=ruleset.id)
    kind = "workbook" if args.output.lower().endswith(".xlsx") else "csv_folder"
    _described(args, out, written, written=[args.output], kind=kind, ruleset_id=ruleset.id)
    return 0


def _cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    bundle = read_bundle(args, "source")
    write_output(out, args.output, text=io.dumps(bundle))
    if args.output not in (None, STDIO):  # on standard output the bundle is the output
        written = text(
            "office.bundle_written",
            args.lang,
            path=args.output,
            applications=len(bundle.applications),
            sheets=len(bundle.sheets),
        )
        _described(
            args,
            out,
            written,
            written=[args.output],
            kind="bundle",
            applications=len(bundle.applications),
            sheets=len(bundle.sheets),
        )
    return 0


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    bundle = read_bundle(args, "source")
    spreadsheets.write_round(args.output, bundle)
    kind = "workbook" if args.output.lower().endswith(".xlsx") else "csv_folder"
    line = text("office.exported", args.lang, path=args.output)
    _described(
        args,
        out,
        line,
        written=[args.output],
        kind=kind,
        applications=len(bundle.applications),
        sheets=len(bundle.sheets),
    )
    return 0


def _cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    folder = Path(args.folder)
    targets = [folder / "round.xlsx", folder / "bundle.json"]
    existing = [str(p) for p in targets if p.exists()]
    if existing and not args.force:
        raise ValidationError(
            [Problem(p, "exists", "already exists; use --force to replace it") for p in existing],
            subject="init",
        )
    make_folder(folder)
    bundle = starter_bundle()
    write_bytes(targets[0], spreadsheets.workbook(bundle))
    io.write(targets[1], bundle)
    lines = [text("office.wrote", args.lang, path=path) for path in targets]
    lines.append(text("office.next", args.lang))
    _described(
        args,
        out,
        "\n".join(lines),
        written=[str(p) for p in targets],
        next=["wuxing", "evaluate", str(targets[0]), "--at", "2023-01-10"],
    )
    return 0


def register(sub: Any) -> None:
    """Add the office's commands to the sub-command parsers."""
    template = sub.add_parser("template", help="write an empty workbook for a round")
    template.add_argument("ruleset", help="a ruleset id (e.g. xingguo-2022) or a .toml file")
    template.add_argument("-o", "--output", required=True, help="round.xlsx, or a folder for CSV")
    template.add_argument("--campaign", help="the campaign id to fill in")
    template.add_argument("--year", type=int, help="the year evaluated")
    template.add_argument("--deadline", help="the last day for applications, e.g. 2023-12-31")
    template.add_argument("--title", help="the campaign's title, printed on lists and notices")
    add_format(template, ("text",))
    template.set_defaults(run=_cmd_template, own_output=True)
    import_ = sub.add_parser("import", help="read a filled workbook or CSV folder into a bundle")
    add_input(import_, "source", what="round.xlsx, a folder of CSV files, or a bundle.json")
    add_output(import_)
    add_format(import_, ("text",))
    import_.set_defaults(run=_cmd_import, own_output=True)
    export = sub.add_parser("export", help="write a bundle as a workbook or a CSV folder")
    add_input(export, "source", what="a bundle.json (or a workbook or CSV folder)")
    export.add_argument("-o", "--output", required=True, help="round.xlsx, or a folder for CSV")
    add_format(export, ("text",))
    export.set_defaults(run=_cmd_export, own_output=True)
    init = sub.add_parser("init", help="write a small starter workbook and bundle to fill in")
    init.add_argument("folder", nargs="?", default=".", help="where to write (default: here)")
    init.add_argument("--force", action="store_true", help="replace existing files")
    add_format(init, ("text",))
    init.set_defaults(run=_cmd_init, own_output=True)
