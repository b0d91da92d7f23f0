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
* ``--lang zh`` or ``--lang en`` (anywhere on the line) chooses the language of messages and
  tables; without it the locale decides (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``:
  Chinese for ``zh…``, English otherwise). Codes, ids and paths are the same in both.
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

import attrs

from wuxing._core.files import write_text
from wuxing._core.messages import Language, language_from_environment, problem_text, text
from wuxing._core.text import escape_unprintable
from wuxing.cli import evaluate, office, registers, report, rules
from wuxing.cli.arguments import STDIO, UsageError
from wuxing.errors import Problem, ValidationError, WuxingError

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

    def __init__(
        self, *args: Any, streams: tuple[Any, Any], lang: Language, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.streams = streams
        self.lang = lang
        # On every command, so that it may come anywhere on the line; a sub-command's parser
        # leaves the value the main parser found when it is not given again.
        self.add_argument(
            "--lang",
            choices=["zh", "en"],
            default=argparse.SUPPRESS,
            help=text("cli.lang_help", lang),
        )

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault(
            "parser_class", functools.partial(_Parser, streams=self.streams, lang=self.lang)
        )
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


def _parser(out: Any = None, err: Any = None, lang: Language = "en") -> argparse.ArgumentParser:
    """The parser of every command; it writes help and usage errors to ``out`` and ``err``."""
    streams = (out or sys.stdout, err or sys.stderr)
    parser = _Parser(
        streams=streams,
        lang=lang,
        prog="wuxing",
        description=text("cli.description", lang),
        epilog=text("cli.epilog", lang),
    )
    parser.add_argument("--version", action="version", version=f"wuxing {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    rules.register(sub)
    evaluate.register(sub)
    registers.register(sub)
    office.register(sub)
    report.register(sub)
    return parser


def print_problems(error: ValidationError, stream: Any, lang: Language = "en") -> None:
    """Print a validation error's problems, one a line with path and code, and how many more
    were found than are listed, in ``lang``."""
    count = error.count
    key = "cli.problems.one" if count == 1 else "cli.problems.many"
    print(text(key, lang, subject=error.subject, count=f"{count:,}"), file=stream)
    for problem in error.problems:
        shown = problem if lang == "en" else _translated(problem, lang)
        print(f"  {shown}", file=stream)
    if error.more:
        print(f"  {text('cli.problems.more', lang, count=f'{error.more:,}')}", file=stream)


def _translated(problem: Problem, lang: Language) -> Problem:
    """The problem with its message in ``lang`` (its subclass's place, e.g. a ruleset file
    and line, kept)."""
    return attrs.evolve(problem, message=problem_text(problem, lang))


def _language(argv: Sequence[str]) -> Language:
    """The language the line asks for (``--lang zh``, ``--lang=en``), else the locale's."""
    chosen: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    if chosen in ("zh", "en"):
        return chosen  # type: ignore[return-value]
    return language_from_environment(os.environ)


def _run(argv: Sequence[str] | None, out: Any, err: Any) -> int:
    line = list(sys.argv[1:] if argv is None else argv)
    lang = _language(line)
    try:
        args = _parser(out, err, lang).parse_args(line)
    except _Exit as done:
        return done.status
    args.stderr = err
    args.lang = lang
    # A command that writes its own files (workbooks, CSV with a byte-order mark) says so;
    # for the others the text they print goes to -o FILE here.
    target = STDIO if getattr(args, "own_output", False) else getattr(args, "output", STDIO)
    buffer = stdio.StringIO() if target != STDIO else None
    try:
        status = int(args.run(args, buffer if buffer is not None else out))
    except ValidationError as exc:
        print_problems(exc, err, lang)
        return EXIT_PROBLEMS
    except UsageError as exc:
        print(text("cli.usage_error", lang, command=args.command, message=exc.message), file=err)
        return EXIT_USAGE
    except WuxingError as exc:
        shown = problem_text(Problem(exc.path, exc.code, str(exc)), lang)
        print(text("cli.error", lang, message=shown, code=exc.code), file=err)
        return EXIT_PROBLEMS
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        reason = exc.strerror or str(exc)
        print(text("cli.os_error", lang, reason=reason, file=exc.filename or ""), file=err)
        return EXIT_PROBLEMS
    if buffer is not None:
        try:
            write_text(target, escape_unprintable(buffer.getvalue()))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            print(text("cli.cannot_write", lang, target=target, reason=reason), file=err)
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
        lang = _language(list(sys.argv[1:] if argv is None else argv))
        try:
            message = text("cli.internal", lang, kind=type(exc).__name__, message=exc)
        except Exception:  # the catalogue itself is what failed
            message = f"wuxing: internal error: {type(exc).__name__}: {exc}"
        print(message, file=err)
        return EXIT_INTERNAL
    return status
