"""The ``wuxing`` command.

``wuxing rulesets`` lists the built-in rulesets; ``wuxing show ID`` prints one as tables;
``wuxing validate FILE`` checks a ruleset (TOML) or a JSON document, everything ``evaluate``,
``ledger`` and ``tasks`` would check, and warns of what will make an application ineligible;
``wuxing evaluate BUNDLE --at WHEN`` selects within each category's quota and explains every
outcome; ``wuxing ledger summary FILE --at WHEN`` prints a supervision ledger's figures;
``wuxing tasks FILE --at WHEN`` prints a key-task responsibility list; ``wuxing schema [KIND]``
prints the JSON Schema of a document; ``wuxing demo`` evaluates the built-in sample of the
Xingguo 2022 campaign.

For the office: ``wuxing template RULESET -o round.xlsx`` writes a workbook to fill in,
``wuxing init`` a starter workbook and bundle; ``wuxing import``/``wuxing export`` move a
round between workbooks (or CSV folders) and bundles; ``wuxing evaluate`` also reads workbooks
and writes ``--format csv|xlsx -o FILE``; ``wuxing report candidates|notice|scores`` prints the
candidate list, the public notice and the score sheets.


Conventions every command follows:

* ``--version`` prints the version; ``--help`` the usage.
* ``-`` as a file reads standard input; ``-o FILE`` writes the output to FILE (``-``: standard
  output); ``--format json`` gives the output as JSON; ``--encoding`` reads input in another
  encoding than UTF-8 (e.g. ``gb18030``).
* ``--at`` takes a date (the end of that day in the data's time zone), ``2024年1月10日``, or a
  date and time with or without a UTC offset.
* Exit status: 0 when all is well, 1 when the input has problems (each printed with its path
  and code on standard error), 2 for a usage error (an unknown option, a bad ``--at``), 3 for
  an internal error (a bug; the message says so, and no traceback is printed), 130 when
  interrupted. A reader that closes the pipe early (``wuxing demo | head``) ends the command
  quietly, with status 0.
* Whatever reaches the terminal has its control and format characters escaped (``\\u001b``),
  so that no input can drive the terminal.
* Long work (an input of a megabyte or more) shows its steps on standard error when that is a
  terminal.
"""

from __future__ import annotations

import argparse
import functools
import io as stdio
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any, NoReturn, TextIO

from wuxing._core.files import write_text
from wuxing._core.text import escape_unprintable
from wuxing.cli import evaluate, office, registers, report, rules
from wuxing.cli.arguments import STDIO, UsageError
from wuxing.errors import ValidationError, WuxingError

__all__ = ["EXIT_INTERNAL", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "main", "print_problems"]

EXIT_OK = 0
"""Everything went well."""
EXIT_PROBLEMS = 1
"""The input has problems."""
EXIT_USAGE = 2
"""The command line is wrong."""
EXIT_INTERNAL = 3
"""A bug in wuxing."""


class _Escaped(stdio.TextIOBase):
    """A text stream that escapes what a terminal would act on before writing it on."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escape_unprintable(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.stream, "isatty", lambda: False)())


class _Parser(argparse.ArgumentParser):
    """argparse, writing to the command's own streams and never exiting the interpreter."""

    def __init__(self, *args: Any, streams: tuple[Any, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.streams = streams

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", functools.partial(_Parser, streams=self.streams))
        return super().add_subparsers(**kwargs)

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            out, err = self.streams
            (out if file is sys.stdout else err).write(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._print_message(message, sys.stderr)
        raise _Exit(status)


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _version() -> str:
    try:
        return version("wuxing")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown"


def _parser(out: Any = None, err: Any = None) -> argparse.ArgumentParser:
    """The parser of every command; it writes help and usage errors to ``out`` and ``err``."""
    streams = (out or sys.stdout, err or sys.stderr)
    parser = _Parser(
        streams=streams,
        prog="wuxing",
        description="The Five-Type (五型) government evaluation rules.",
        epilog="Exit status: 0 fine, 1 problems in the input, 2 usage, 3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"wuxing {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    rules.register(sub)
    evaluate.register(sub)
    registers.register(sub)
    office.register(sub)
    report.register(sub)
    return parser


def print_problems(error: ValidationError, stream: Any) -> None:
    """Print a validation error's problems, one a line with path and code, and how many more
    were found than are listed."""
    count = error.count
    print(f"{error.subject}: {count:,} problem{'s' if count != 1 else ''}", file=stream)
    for problem in error.problems:
        print(f"  {problem}", file=stream)
    if error.more:
        print(f"  … and {error.more:,} more", file=stream)


def _run(argv: Sequence[str] | None, out: Any, err: Any) -> int:
    try:
        args = _parser(out, err).parse_args(argv)
    except _Exit as done:
        return done.status
    args.stderr = err
    # A command that writes its own files (workbooks, CSV with a byte-order mark) says so;
    # for the others the text they print goes to -o FILE here.
    target = STDIO if getattr(args, "own_output", False) else getattr(args, "output", STDIO)
    buffer = stdio.StringIO() if target != STDIO else None
    try:
        status = int(args.run(args, buffer if buffer is not None else out))
    except ValidationError as exc:
        print_problems(exc, err)
        return EXIT_PROBLEMS
    except UsageError as exc:
        print(f"wuxing {args.command}: error: {exc.message}", file=err)
        return EXIT_USAGE
    except WuxingError as exc:
        print(f"error: {exc} [{exc.code}]", file=err)
        return EXIT_PROBLEMS
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}", file=err)
        return EXIT_PROBLEMS
    if buffer is not None:
        try:
            write_text(target, escape_unprintable(buffer.getvalue()))
        except OSError as exc:
            print(f"error: cannot write {target}: {exc.strerror or exc}", file=err)
            return EXIT_PROBLEMS
    return status


def _quiet(stream: Any) -> None:
    """After a reader closed the pipe: send the rest of standard output nowhere, so that the
    interpreter's last flush stays silent."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status (see the module's description).

    Args:
        argv: The arguments, without the program name; ``None`` for ``sys.argv[1:]``.
        out: Where the output goes; ``None`` for standard output. Messages go to standard
            error.
    """
    stream: Any = out if out is not None else sys.stdout
    if out is None:
        for real in (sys.stdout, sys.stderr):
            reconfigure = getattr(real, "reconfigure", None)
            if reconfigure is not None:  # a console that cannot show a character escapes it
                reconfigure(errors="backslashreplace")
    err = _Escaped(sys.stderr)
    try:
        status = _run(argv, _Escaped(stream), err)
        stream.flush()
    except BrokenPipeError:
        _quiet(stream)
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so plainly, without a traceback
        print(
            f"wuxing: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in wuxing; please report it with the command and input that "
            "caused it.",
            file=err,
        )
        return EXIT_INTERNAL
    return status
