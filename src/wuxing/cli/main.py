"""The ``wuxing`` command.

``wuxing rulesets`` lists the built-in rulesets; ``wuxing show ID`` prints one as tables;
``wuxing validate FILE`` checks a ruleset (TOML) or a JSON document and prints every problem
with its path; ``wuxing evaluate BUNDLE --at DATETIME`` selects within each category's quota and
explains every outcome; ``wuxing ledger summary FILE --at DATE`` prints a supervision ledger's
figures; ``wuxing tasks FILE --at DATE`` prints a key-task responsibility list;
``wuxing schema [KIND]`` prints the JSON Schema of a document;
``wuxing demo`` evaluates the built-in sample of the Xingguo 2022 campaign.

For the office: ``wuxing template RULESET -o round.xlsx`` writes a workbook to fill in,
``wuxing init`` a starter workbook and bundle; ``wuxing import``/``wuxing export`` move a
round between workbooks (or CSV folders) and bundles; ``wuxing evaluate`` also reads workbooks
and writes ``--format csv|xlsx -o FILE``; ``wuxing report candidates|notice|scores`` prints the
candidate list, the public notice and the score sheets.

Exit status: 0 on success, 1 when the input is invalid, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from wuxing.cli import evaluate, office, registers, report, rules
from wuxing.errors import ValidationError, WuxingError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wuxing", description="The Five-Type (五型) government evaluation rules."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    rules.register(sub)
    evaluate.register(sub)
    registers.register(sub)
    office.register(sub)
    report.register(sub)
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
