"""Spreadsheet cells to the plain data of a document, and back: the exact rules.

A cell arrives as what the reader gives: ``None`` (empty), a ``str``, an ``int``, a ``float``,
a ``bool``, or a naive ``datetime`` (a cell formatted as a date). Each column has a
:class:`Kind`; :func:`read_cell` turns the cell into the plain value the JSON converter takes
(decimals and datetimes as strings), or refuses it with a :class:`~wuxing.errors.Problem`
carrying the same code JSON validation would give. :func:`write_cell` is the other way.

The rules, which the office how-to repeats for people:

* **Numbers are exact.** A whole number is itself. A spreadsheet keeps other numbers in binary
  floating point; such a cell is read as the shortest decimal that gives back the same binary
  number (``18.5``, ``0.1``), and refused (``inexact_number``) if that needs more than 15
  significant digits, the most a spreadsheet shows (``0.30000000000000004`` is the trace of
  arithmetic, not a typed score). Text that spells a decimal (``"18.50"``) is read as written.
* **Dates** are date cells or text ``2022-12-31`` (also ``2022/12/31`` and ``2022年12月31日``).
  A bare number in a date column is refused (``bad_date``), and the message says which date
  it would be as a serial number, so the clerk can format the cell.
* **Times** are text with their offset (``2022-12-28T16:30:00+08:00``), or local text
  ``2022-12-28 16:30`` or a date-and-time cell, both read in the campaign's time zone; a
  date-and-time cell is rounded to the whole second (a spreadsheet stores it as a fraction of
  a day).
* **Yes or no** is ``是`` or ``否`` (``TRUE``/``FALSE`` cells too).
* **Text** is taken as it is, spaces included; a number in a text column is refused
  (``wrong_type``): format the column as text so that ``001`` stays ``001``.
* **Choices** (unit kinds, categories, the five types) take the Chinese word or the code.
* **Lists** of identifiers are separated by commas (``,`` ``，`` ``、``) or spaces.
* A formula is refused (``formula``): type the value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum

import pendulum

from wuxing.errors import Problem

__all__ = [
    "CONTROL",
    "Kind",
    "choices_of",
    "decimal_cell",
    "format_datetime",
    "read_cell",
    "write_cell",
]

YES, NO = "是", "否"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Characters a workbook cannot hold (XML 1.0 forbids them)."""

_DATE_TEXT = re.compile(r"^\s*(\d{4})(?:-|/|年)(\d{1,2})(?:-|/|月)(\d{1,2})日?\s*$")
_LOCAL_TIME = re.compile(
    r"^\s*(\d{4})(?:-|/)(\d{1,2})(?:-|/)(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*$"
)
_LIST_SPLIT = re.compile(r"[\s,，、]+")
_MAX_DIGITS = 15


class Kind(Enum):
    """What a column holds."""

    TEXT = "text"
    DECIMAL = "decimal"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    CHOICE = "choice"
    LIST = "list"
    MARK = "mark"
    """A score-sheet cell: points (a number) or met (是/否)."""


def choices_of(kind: type[Enum]) -> dict[str, str]:
    """Chinese word → code for an enum with a ``zh`` property, plus each code to itself."""
    found: dict[str, str] = {}
    for member in kind:
        found[str(member.value)] = str(member.value)
        zh = getattr(member, "zh", None)
        if isinstance(zh, str):
            found[zh] = str(member.value)
    return found


def _number_text(value: float) -> str | None:
    """The shortest decimal text of a float, or ``None`` if it needs more than 15 digits."""
    text = repr(value)
    digits = Decimal(text).as_tuple().digits
    significant = len("".join(map(str, digits)).lstrip("0")) or 1
    return text if significant <= _MAX_DIGITS else None


def decimal_cell(value: Decimal) -> int | float | str:
    """How a decimal is written: a whole number as an integer, a decimal whose shortest
    floating-point form spells it exactly as a number, anything else as text (``"18.50"``
    keeps its trailing zero, very long numbers keep every digit)."""
    _, digits, exponent = value.as_tuple()
    if isinstance(exponent, int) and exponent == 0 and len(digits) <= _MAX_DIGITS:
        return int(value)
    as_float = float(value)
    if _number_text(as_float) == str(value):
        return as_float
    return str(value)


def format_datetime(value: dt.datetime, time_zone: str) -> str:
    """A datetime as the text a clerk would type when nothing is lost by it
    (``2022-12-28 16:30`` in the campaign's zone), else ISO 8601 with its offset."""
    local = pendulum.instance(value).in_timezone(time_zone)
    same_offset = local.utcoffset() == value.utcoffset()
    if same_offset and value.microsecond == 0:
        fmt = "%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S"
        return local.strftime(fmt)
    return value.isoformat()


def _serial_hint(value: float, epoch: dt.datetime) -> str:
    try:
        day = (epoch + dt.timedelta(days=value)).date()
    except OverflowError:
        return ""
    return (
        f" (as a spreadsheet serial number it would be {day.isoformat()}; "
        "format the cell as a date)"
    )


_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def read_cell(
    value: object,
    kind: Kind,
    *,
    time_zone: str = "Asia/Shanghai",
    choices: Mapping[str, str] | None = None,
) -> tuple[object, Problem | None]:
    """The plain value of a cell for a column of ``kind``, or a problem (path left empty).

    Empty cells (``None`` or ``""``) are ``None``. ``choices`` maps the words a choice column
    accepts to their codes.

    >>> read_cell(18.5, Kind.DECIMAL)
    ('18.5', None)
    >>> read_cell(0.1 + 0.2, Kind.DECIMAL)[1].code
    'inexact_number'
    >>> read_cell("2022-12-28 16:30", Kind.DATETIME)
    ('2022-12-28T16:30:00+08:00', None)
    >>> print(read_cell(44926, Kind.DATE)[1].message)
    must be a date, got the number 44926 (as a spreadsheet serial number it would be
    2022-12-31; format the cell as a date)
    """
    if value is None or value == "":
        return None, None
    if kind is Kind.TEXT:
        if isinstance(value, str):
            return value, None
        return None, _wrong(value, "text")
    if kind is Kind.DECIMAL:
        return _read_decimal(value)
    if kind is Kind.INTEGER:
        if isinstance(value, bool):
            return None, _wrong(value, "a whole number")
        if isinstance(value, int):
            return value, None
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value), None
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value), None
        return None, _wrong(value, "a whole number")
    if kind is Kind.BOOLEAN:
        if isinstance(value, bool):
            return value, None
        if isinstance(value, str) and value.strip() in (YES, NO, "TRUE", "FALSE"):
            return value.strip() in (YES, "TRUE"), None
        return None, Problem("", "wrong_type", f"must be {YES} or {NO}, got {value!r}")
    if kind is Kind.DATE:
        return _read_date(value)
    if kind is Kind.DATETIME:
        return _read_datetime(value, time_zone)
    if kind is Kind.CHOICE:
        known = choices or {}
        if isinstance(value, str) and value.strip() in known:
            return known[value.strip()], None
        if isinstance(value, str):
            return value, None  # the converter names the choices (unknown_value)
        return None, _wrong(value, "one of the listed choices")
    if kind is Kind.LIST:
        if isinstance(value, str):
            return [part for part in _LIST_SPLIT.split(value) if part], None
        return None, _wrong(value, "identifiers separated by commas")
    if isinstance(value, str) and value.strip() in (YES, NO):
        return {"met": value.strip() == YES}, None
    if isinstance(value, bool):
        return {"met": value}, None
    points, problem = _read_decimal(value)
    return (None, problem) if problem else ({"points": points}, None)


def _wrong(value: object, what: str) -> Problem:
    if isinstance(value, dt.datetime):
        shown = f"the date {value:%Y-%m-%d %H:%M}"
    elif isinstance(value, bool):
        shown = "TRUE" if value else "FALSE"
    elif isinstance(value, int | float):
        shown = f"the number {value!r}"
    else:
        shown = repr(value)
    hint = "; format the column as text (文本) and type it again" if what == "text" else ""
    return Problem("", "wrong_type", f"must be {what}, got {shown}{hint}")


def _read_decimal(value: object) -> tuple[object, Problem | None]:
    if isinstance(value, bool | dt.datetime):
        return None, _wrong(value, "a number")
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None, Problem("", "not_finite", f"must be a finite number, got {value!r}")
        text = _number_text(value)
        if text is None:
            return None, Problem(
                "",
                "inexact_number",
                f"{value!r} has more than {_MAX_DIGITS} significant digits, so it is not the "
                "number that was typed; type the value (not a formula result) or write it as text",
            )
        return str(Decimal(text)), None
    if isinstance(value, str):
        return value, None  # the converter reads it exactly, or says bad_decimal
    return None, _wrong(value, "a number")


def _read_date(value: object) -> tuple[object, Problem | None]:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            return None, Problem(
                "", "bad_date", f"must be a date without a time, got {value:%Y-%m-%d %H:%M:%S}"
            )
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, str):
        match = _DATE_TEXT.match(value)
        if match:
            try:
                return dt.date(*map(int, match.groups())).isoformat(), None
            except ValueError:
                pass
        return value, None  # the converter says bad_date with its own wording
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None, Problem(
            "",
            "bad_date",
            f"must be a date, got the number {value!r}{_serial_hint(value, _EXCEL_EPOCH)}",
        )
    return None, _wrong(value, "a date")


def _read_datetime(value: object, time_zone: str) -> tuple[object, Problem | None]:
    if isinstance(value, dt.datetime):
        seconds = round(value.microsecond / 1_000_000)
        naive = value.replace(microsecond=0) + dt.timedelta(seconds=seconds)
        return _localize(naive, time_zone), None
    if isinstance(value, str):
        match = _LOCAL_TIME.match(value)
        if match:
            year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
            try:
                naive = dt.datetime(year, month, day, hour, minute, second)
            except ValueError:
                return value, None
            return _localize(naive, time_zone), None
        return value, None  # ISO 8601 with offset, or the converter's bad_datetime
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None, Problem(
            "",
            "bad_datetime",
            f"must be a date and time, got the number {value!r}"
            f"{_serial_hint(value, _EXCEL_EPOCH)}",
        )
    return None, _wrong(value, "a date and time")


def _localize(naive: dt.datetime, time_zone: str) -> str:
    local = pendulum.instance(naive, tz=pendulum.timezone(time_zone))
    return local.isoformat()


def write_cell(value: object, kind: Kind, *, time_zone: str = "Asia/Shanghai") -> object:
    """The cell for a plain value of a column of ``kind`` (the inverse of :func:`read_cell`).

    >>> write_cell(Decimal("18.50"), Kind.DECIMAL), write_cell(Decimal("18.5"), Kind.DECIMAL)
    ('18.50', 18.5)
    >>> write_cell(True, Kind.BOOLEAN)
    '是'
    """
    if value is None:
        return None
    if kind is Kind.DECIMAL:
        assert isinstance(value, Decimal)
        return decimal_cell(value)
    if kind is Kind.BOOLEAN:
        return YES if value else NO
    if kind is Kind.DATE:
        assert isinstance(value, dt.date)
        if 1900 <= value.year <= 9999:
            return dt.datetime(value.year, value.month, value.day)
        return value.isoformat()
    if kind is Kind.DATETIME:
        assert isinstance(value, dt.datetime)
        return format_datetime(value, time_zone)
    if kind is Kind.LIST:
        assert isinstance(value, list | tuple | frozenset)
        return ", ".join(str(v) for v in value)
    if isinstance(value, Enum):
        return str(value.value)
    return value
