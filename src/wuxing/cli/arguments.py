"""The command line's shared options and values, for every command to adopt.

* :func:`add_input` — a file argument where ``-`` is standard input, with ``--encoding``;
  :func:`read_input` reads it (bounded, UTF-8 with or without a byte-order mark by default).
* :func:`add_output` — ``-o/--output FILE`` (``-``: standard output, the default); the main
  program opens it, so a command just writes to the stream it is given.
* :func:`add_format` — ``--format`` with ``json`` among the choices.
* :func:`add_at` — ``--at``: a date (the end of that day in the data's time zone), a date and
  time with or without a UTC offset, or a Chinese date such as ``2024年1月10日``;
  :meth:`Cutoff.resolve` turns it into an aware datetime once the time zone is known.
* :class:`UsageError` — a bad option value: exit status 2, like argparse's own errors.
* :func:`progress` — steps of long work on standard error, when it is a terminal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any, Final

import attrs
import pendulum

from wuxing._core.bounds import EARLIEST, LATEST
from wuxing._core.files import decode, read_bytes
from wuxing._core.messages import Language, problem_text
from wuxing._core.text import describe
from wuxing._core.time import end_of_day
from wuxing.errors import Problem, WuxingError
from wuxing.interchange.documents import MAX_DOCUMENT_BYTES

__all__ = [
    "PROGRESS_BYTES",
    "Cutoff",
    "Progress",
    "UsageError",
    "add_at",
    "add_format",
    "add_input",
    "add_output",
    "parse_at",
    "parse_cutoff",
    "parse_day_or_time",
    "problem_json",
    "progress",
    "read_input",
    "source_name",
]

STDIO: Final = "-"
"""The file name that means standard input (for an input) or standard output (for -o)."""


class UsageError(WuxingError, ValueError):
    """A command-line option has a value the command cannot use (exit status 2)."""

    code = "usage"


_ISO: Final = re.compile(
    r"\A(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"
    r"(?:[T ](?P<H>[0-9]{2}):(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2})(?:\.(?P<f>[0-9]{1,6}))?)?"
    r"(?P<tz>Z|[+-][0-9]{2}:?[0-9]{2})?)?\Z"
)
_SLASHED: Final = re.compile(r"\A([0-9]{4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,2})(?=\Z|[T ])")
_CHINESE: Final = re.compile(
    r"\A(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})[日号]"
    r"(?:\s*(?P<H>[0-9]{1,2})(?:[:：](?P<M>[0-9]{2})|时(?:(?P<M2>[0-9]{1,2})分)?|点))?\Z"
)


@attrs.frozen
class Cutoff:
    """A cut-off as written on the command line, before its time zone is known.

    Attributes:
        text: What was written.
        day: The day.
        time: The time of day, or ``None`` for the end of the day.
        offset: The UTC offset written, if any.
    """

    text: str
    day: dt.date
    time: dt.time | None = None
    offset: dt.timedelta | None = None

    def resolve(self, time_zone: str) -> pendulum.DateTime:
        """The aware instant: with its own offset if one was written, else in ``time_zone``
        (a day alone: 23:59:59.999999 of it)."""
        if self.time is None:
            return end_of_day(self.day, time_zone)
        naive = dt.datetime.combine(self.day, self.time)
        if self.offset is not None:
            return pendulum.instance(naive.replace(tzinfo=dt.timezone(self.offset)))
        return pendulum.instance(naive, tz=pendulum.timezone(time_zone))


def _refuse(text: str, why: str) -> UsageError:
    return UsageError(
        f"--at {describe(text)}: {why}; write a date (2024-01-10 or 2024年1月10日, the end of "
        "that day) or a date and time (2024-01-10T17:00, with an offset if not in the data's "
        "time zone: 2024-01-10T17:00+08:00)",
        path="--at",
    )


def parse_cutoff(text: str) -> Cutoff:
    """Read ``--at``; refuse (:class:`UsageError`) what is not a date or date and time.

    ``2024-01-10``, ``2024/1/10`` and ``2024年1月10日`` (full-width digits too) are a day;
    a time may follow, with or without a UTC offset.

    >>> parse_cutoff("2024年1月10日").resolve("Asia/Shanghai").isoformat()
    '2024-01-10T23:59:59.999999+08:00'
    >>> parse_cutoff("2024-01-10T17:00").resolve("Asia/Shanghai").isoformat()
    '2024-01-10T17:00:00+08:00'
    """
    # Full-width digits and colons, as a Chinese input method types them, are the ASCII ones.
    plain = unicodedata.normalize("NFKC", text.strip()) if len(text) <= 40 else ""
    plain = _SLASHED.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", plain)
    found = _ISO.match(plain) or _CHINESE.match(plain)
    if found is None:
        raise _refuse(text, "not a date or a date and time")
    parts = found.groupdict()
    try:
        day = dt.date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
        time = None
        if parts.get("H") is not None:
            minute = parts.get("M") or parts.get("M2") or "0"
            fraction = (parts.get("f") or "").ljust(6, "0")
            time = dt.time(int(parts["H"]), int(minute), int(parts.get("S") or 0), int(fraction))
    except ValueError as exc:
        raise _refuse(text, str(exc)) from None
    if not EARLIEST <= day <= LATEST:
        raise _refuse(text, f"the day must lie between {EARLIEST} and {LATEST}")
    offset = None
    if parts.get("tz"):
        tz = parts["tz"].replace(":", "")
        if tz == "Z":
            offset = dt.timedelta(0)
        else:
            hours, minutes = int(tz[1:3]), int(tz[3:5])
            if hours > 23 or minutes > 59:
                raise _refuse(text, "the UTC offset is out of range")
            offset = (-1 if tz[0] == "-" else 1) * dt.timedelta(hours=hours, minutes=minutes)
    return Cutoff(text, day, time, offset)


def parse_at(text: str, time_zone: str = "Asia/Shanghai") -> pendulum.DateTime:
    """An aware datetime from ``--at`` text, in ``time_zone`` where the text gives none."""
    return parse_cutoff(text).resolve(time_zone)


def parse_day_or_time(text: str, time_zone: str) -> pendulum.DateTime:
    """A date (the end of that day in ``time_zone``) or a datetime; same as :func:`parse_at`."""
    return parse_at(text, time_zone)


def _cutoff_type(text: str) -> Cutoff:
    try:
        return parse_cutoff(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def add_at(parser: argparse.ArgumentParser, *, required: bool = True, what: str = "") -> None:
    """Add ``--at`` (a :class:`Cutoff`; resolve it with the data's time zone)."""
    parser.add_argument(
        "--at",
        type=_cutoff_type,
        required=required,
        metavar="WHEN",
        help=(
            f"{what or 'the cut-off'}: a date (the end of that day in the data's time zone) "
            "such as 2024-01-10 or 2024年1月10日, or a date and time such as "
            "2024-01-10T17:00 or 2024-01-10T17:00+08:00"
        ),
    )


def add_input(parser: argparse.ArgumentParser, name: str = "file", *, what: str = "") -> None:
    """Add a file argument (``-`` reads standard input) and ``--encoding``."""
    parser.add_argument(name, help=f"{what or 'the input file'}; - reads standard input")
    if not any("--encoding" in a.option_strings for a in parser._actions):
        parser.add_argument(
            "--encoding",
            default="utf-8",
            help="the input's text encoding (default utf-8, with or without a byte-order "
            "mark); e.g. gb18030 for a file saved by a Chinese Windows program",
        )


def add_output(parser: argparse.ArgumentParser) -> None:
    """Add ``-o/--output FILE`` (``-``, the default: standard output)."""
    parser.add_argument(
        "-o", "--output", default=STDIO, metavar="FILE", help="write to FILE (default: -, stdout)"
    )


def add_format(
    parser: argparse.ArgumentParser, choices: tuple[str, ...] = ("table",), default: str = ""
) -> None:
    """Add ``--format`` with ``choices`` and ``json``."""
    options = [*dict.fromkeys((*choices, "json"))]
    parser.add_argument("--format", choices=options, default=default or options[0])


def read_input(args: argparse.Namespace, name: str = "file", *, limit: int = 0) -> str:
    """The text of the input argument ``name`` (standard input for ``-``), decoded with
    ``--encoding``; at most ``limit`` bytes (default: the largest JSON document)."""
    path = getattr(args, name)
    encoding = getattr(args, "encoding", "utf-8")
    limit = limit or MAX_DOCUMENT_BYTES
    if path == STDIO:
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise UsageError(f"standard input has more than {limit:,} bytes", path=name)
        return decode(data, encoding=encoding, source="standard input")
    return decode(read_bytes(path, limit=limit), encoding=encoding, source=str(path))


def source_name(args: argparse.Namespace, name: str = "file") -> str:
    """How messages name the input: its path, or ``standard input``."""
    path: Any = getattr(args, name)
    return "standard input" if path == STDIO else str(path)


PROGRESS_BYTES: Final = 1_000_000
"""Inputs at least this large count as long work: their steps are shown on a terminal."""


class Progress:
    """Steps of long work, shown on standard error when it is a terminal (never in a pipe or
    a file, where they would mix with the output a program reads).

    Create it with :func:`progress`; call :meth:`step` before each long step.
    """

    def __init__(self, stream: Any, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled

    def step(self, message: str) -> None:
        """Say what is being done now."""
        if self.enabled:
            self.stream.write(f"wuxing: {message} …\n")
            self.stream.flush()


def progress(args: argparse.Namespace, name: str = "file") -> Progress:
    """A :class:`Progress` for the command's input ``name``: shown when standard error is a
    terminal and the input is at least :data:`PROGRESS_BYTES` long (or standard input)."""
    stream = getattr(args, "stderr", None) or sys.stderr
    path = getattr(args, name, None)
    if path is None:
        size = 0
    elif path == STDIO:
        size = PROGRESS_BYTES
    else:
        try:
            size = Path(path).stat().st_size
        except OSError:
            size = 0
    tty = getattr(stream, "isatty", lambda: False)()
    return Progress(stream, enabled=bool(tty) and size >= PROGRESS_BYTES)


def problem_json(problem: Problem, lang: Language = "en") -> dict[str, object]:
    """A problem as JSON: the one shape (path, code, message, ref, args), the message in
    ``lang``.

    >>> problem_json(Problem("quota", "missing_field", "is required"), "zh")["message"]
    '缺少必填字段'
    """
    return {
        "path": problem.path,
        "code": problem.code,
        "message": problem_text(problem, lang),
        "ref": problem.ref,
        "args": dict(problem.args),
    }
