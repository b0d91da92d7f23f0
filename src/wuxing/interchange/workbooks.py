"""Workbooks (``.xlsx``): writing the tables of a round and reading them back as
:class:`~wuxing.interchange.tables.RawSheet`\\ s (:mod:`~wuxing.interchange.csvfiles` does the
same for folders of CSV files).

Workbooks need ``openpyxl`` (the ``excel`` extra). openpyxl both
reads and writes, writes data validation lists, streams large sheets in read-only mode and
tells a formula from its value, which is why it was chosen (see the explanation page on the
office formats).

Reading refuses, each at its cell: a formula (``formula``), an error value such as ``#N/A``
(``cell_error``), a merged range over data
(``merged_cell``), more than :data:`MAX_ROWS` rows in a sheet (``too_many_rows``), a value in
a column without a field name (``unknown_field``). Writing refuses text with control
characters a workbook cannot hold (``control_character``) and writes text that starts like a
formula (``=``, ``+``, ``-``, ``@``) as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import io as stdio
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import iterparse

from wuxing._core.extras import require
from wuxing.errors import Problem
from wuxing.interchange.cells import CONTROL, Kind, decimal_cell
from wuxing.interchange.layout import INSTRUCTIONS_SHEET, OPTIONS_SHEET, Column, Table
from wuxing.interchange.tables import (
    HEADER_ROWS,
    RawSheet,
    Refused,
    SpreadsheetError,
    cell_ref,
    column_letter,
)

__all__ = [
    "MAX_COLUMNS",
    "MAX_ROWS",
    "read_workbook",
    "write_workbook",
]

MAX_ROWS = 20_000
"""The most rows a sheet (or CSV file) of a round may have, headers included: a county's
round has a few hundred; a province's data go as JSON bundles. The limit bounds the time a
reader spends on a sheet that runs to 1,048,576 rows."""
MAX_COLUMNS = 1_000
"""The most columns a sheet may use."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _openpyxl() -> Any:
    return require("openpyxl", "excel", "Reading and writing workbooks (.xlsx)")


def check_text(value: object, ref: str, problems: list[Problem]) -> None:
    if isinstance(value, str) and CONTROL.search(value):
        problems.append(
            Problem(
                ref,
                "control_character",
                f"{value!r} holds control characters that a spreadsheet cannot hold",
            )
        )


# -- writing -------------------------------------------------------------------------------


def write_workbook(
    tables: Sequence[tuple[Table, Sequence[Sequence[object]]]],
    instructions: Sequence[str] = (),
    guide_sheet: str = INSTRUCTIONS_SHEET,
) -> bytes:
    """A workbook with a sheet per table (headers on rows 1 and 2, data from row 3), an
    instructions sheet first and a sheet of the choices the data validation lists offer.

    Raises:
        SpreadsheetError: text that a workbook cannot hold, at its cell.
    """
    openpyxl = _openpyxl()
    styles = require("openpyxl.styles", "excel", "Writing workbooks")
    validation = require("openpyxl.worksheet.datavalidation", "excel", "Writing workbooks")
    book = openpyxl.Workbook()
    guide = book.active
    guide.title = guide_sheet
    for n, line in enumerate(instructions, start=1):
        guide.cell(n, 1, line)
    guide.column_dimensions["A"].width = 110
    guide["A1"].font = styles.Font(bold=True, size=14)
    options: Any = None
    option_lists: dict[tuple[str, ...], str] = {}
    head_font = styles.Font(bold=True)
    head_fill = styles.PatternFill("solid", fgColor="DDEBF7")
    field_font = styles.Font(italic=True, color="808080", size=9)
    problems: list[Problem] = []
    for table, rows in tables:
        sheet = book.create_sheet(table.sheet)
        for i, column in enumerate(table.columns, start=1):
            head = sheet.cell(1, i, column.header)
            head.font, head.fill = head_font, head_fill
            sheet.cell(2, i, column.field).font = field_font
            letter = column_letter(i - 1)
            sheet.column_dimensions[letter].width = max(10, min(40, 2 * len(column.header) + 2))
            if column.kind in (Kind.TEXT, Kind.CHOICE, Kind.LIST, Kind.DATETIME):
                sheet.column_dimensions[letter].number_format = "@"
            words = _choices(column)
            if words:
                if options is None:
                    options = book.create_sheet(OPTIONS_SHEET, 1)
                if words not in option_lists:
                    col = len(option_lists) + 1
                    options.cell(1, col, column.header)
                    for r, word in enumerate(words, start=2):
                        options.cell(r, col, word)
                    last = len(words) + 1
                    where = column_letter(col - 1)
                    option_lists[words] = f"'{OPTIONS_SHEET}'!${where}$2:${where}${last}"
                rule = validation.DataValidation(
                    type="list", formula1=option_lists[words], allow_blank=True
                )
                rule.error = "请从下拉列表中选择"
                sheet.add_data_validation(rule)
                rule.add(f"{letter}{HEADER_ROWS + 1}:{letter}{MAX_ROWS}")
        for r, row in enumerate(rows, start=HEADER_ROWS + 1):
            for i, value in enumerate(row, start=1):
                if value is None:
                    continue
                check_text(value, cell_ref(table.sheet, i - 1, r), problems)
                if problems:
                    continue
                cell = sheet.cell(r, i)
                if isinstance(value, Decimal):
                    value, cell.number_format = _shown(value)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
                    cell.number_format = "@"
                    if value.startswith(FORMULA_START):
                        cell._style.quotePrefix = 1  # Excel keeps it text when edited
                elif isinstance(value, dt.datetime):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = f"A{HEADER_ROWS + 1}"
    if problems:
        raise SpreadsheetError(problems, subject="workbook")
    out = stdio.BytesIO()
    book.save(out)
    return _reproducible(out.getvalue())


_STAMPS = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _reproducible(data: bytes) -> bytes:
    """The same workbook without the times openpyxl stamps on it (the document's created and
    modified times, the archive entries' times), so that the same round always gives the
    same bytes."""
    out = stdio.BytesIO()
    with (
        zipfile.ZipFile(stdio.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = _STAMPS.sub(b"", content)
            target.writestr(
                zipfile.ZipInfo(item.filename, (1980, 1, 1, 0, 0, 0)),
                content,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()


def _shown(value: Decimal) -> tuple[object, str]:
    """A decimal of a report: a number shown with its places when the number is exact
    (``94.60`` is 94.6 shown as ``0.00``), else its text.

    >>> _shown(Decimal("94.60")), _shown(Decimal("90.00")), _shown(Decimal("7"))
    ((94.6, '0.00'), (90, '0.00'), (7, '0'))
    """
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    plain = value
    if places:
        plain = value.normalize()  # 94.60 → 94.6; 90.00 → 9E+1, written back as 90
        if plain.as_tuple().exponent > 0:  # type: ignore[operator]
            plain = plain.quantize(Decimal(1))
    number = decimal_cell(plain)
    if isinstance(number, str):
        return str(value), "@"
    return number, "0." + "0" * places if places else "0"


def _choices(column: Column) -> tuple[str, ...]:
    if column.kind is Kind.BOOLEAN or (column.kind is Kind.MARK and "是" in column.note):
        return ("是", "否")
    if column.kind is not Kind.CHOICE or not column.choices:
        return ()
    return tuple(dict.fromkeys(column.label(code) for code in column.choices.values()))


# -- reading -------------------------------------------------------------------------------


def _merged_ranges(book: Any, sheet: Any) -> list[str]:
    """The merged ranges of a read-only sheet, read from its XML (openpyxl's read-only mode
    does not report them)."""
    path = getattr(sheet, "_worksheet_path", None)
    archive = getattr(book, "_archive", None)
    if path is None or archive is None:
        return []
    found = []
    with archive.open(path) as source:
        for _, node in iterparse(source):
            if node.tag == f"{_NS}mergeCell":
                found.append(str(node.get("ref")))
            node.clear()
    return found


def _covered(ranges: list[str]) -> dict[tuple[int, int], str]:
    utils = require("openpyxl.utils.cell", "excel", "Reading workbooks")
    covered: dict[tuple[int, int], str] = {}
    for ref in ranges:
        min_col, min_row, max_col, max_row = utils.range_boundaries(ref)
        for row in range(min_row, max_row + 1):
            for col in range(min_col, max_col + 1):
                if (row, col) != (min_row, min_col):
                    covered[(row, col)] = ref
    return covered


def read_workbook(data: bytes) -> list[RawSheet]:
    """The sheets of a workbook (``.xlsx``), their header fields and non-blank data rows.

    Raises:
        SpreadsheetError: the bytes are not a workbook.
    """
    openpyxl = _openpyxl()
    try:
        book = openpyxl.load_workbook(stdio.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise SpreadsheetError(
            [Problem("", "not_a_workbook", f"not a readable .xlsx workbook ({exc})")],
            subject="workbook",
        ) from None
    try:
        return [
            _read_sheet(book, sheet)
            for sheet in book.worksheets
            if sheet.title not in (INSTRUCTIONS_SHEET, OPTIONS_SHEET)
        ]
    finally:
        book.close()


def _read_sheet(book: Any, sheet: Any) -> RawSheet:
    name = str(sheet.title)
    declared_rows = sheet.max_row or 0
    declared_cols = sheet.max_column or 0
    if declared_rows > MAX_ROWS:
        return _too_many(name, f"{declared_rows} rows")
    if declared_cols > MAX_COLUMNS:
        return _too_many(name, f"{declared_cols} columns")
    width = declared_cols or MAX_COLUMNS
    rows: list[tuple[int, tuple[object, ...]]] = []
    fields: tuple[str | None, ...] = ()
    header_problems: list[Problem] = []
    for number, cells in enumerate(sheet.iter_rows(max_col=width), start=1):
        if number > MAX_ROWS:
            return _too_many(name, f"more than {MAX_ROWS} rows")
        values = tuple(_value(name, number, i, cell) for i, cell in enumerate(cells))
        if number == HEADER_ROWS:
            fields = tuple(v.strip() if isinstance(v, str) and v.strip() else None for v in values)
            header_problems += [
                Problem(cell_ref(name, i, number), "formula", "a formula cannot name a field")
                for i, v in enumerate(values)
                if isinstance(v, Refused)
            ]
        elif number > HEADER_ROWS and any(v is not None and v != "" for v in values):
            rows.append((number, values))
    problems = list(header_problems)
    covered = _covered(_merged_ranges(book, sheet))
    if covered:
        refs = sorted(set(covered.values()))
        problems += [
            Problem(
                f"{name}!{ref}",
                "merged_cell",
                f"the cells {ref} are merged; unmerge them and fill in every cell",
            )
            for ref in refs
        ]
        rows = [
            (
                n,
                tuple(Refused(None) if (n, i + 1) in covered else v for i, v in enumerate(values)),
            )
            for n, values in rows
        ]
    for n, values in rows:
        for i, value in enumerate(values):
            nameless = i >= len(fields) or fields[i] is None
            if nameless and value not in (None, "") and not isinstance(value, Refused):
                problems.append(
                    Problem(
                        cell_ref(name, i, n),
                        "unknown_field",
                        "a value in a column without a field name (row 2)",
                    )
                )
    return RawSheet(name, fields, tuple(rows), tuple(problems))


def _too_many(name: str, what: str) -> RawSheet:
    return RawSheet(
        name,
        (),
        (),
        (
            Problem(
                f"{name}!A1",
                "too_many_rows",
                f"the sheet has {what}; a round's sheet may have at most {MAX_ROWS} rows and "
                f"{MAX_COLUMNS} columns",
            ),
        ),
    )


def _value(sheet: str, row: int, column: int, cell: Any) -> object:
    if getattr(cell, "data_type", None) == "f":
        return Refused(
            Problem(
                cell_ref(sheet, column, row),
                "formula",
                f"holds the formula {str(cell.value)[:40]!r}; type the value instead",
            )
        )
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "e":
        return Refused(
            Problem(
                cell_ref(sheet, column, row),
                "cell_error",
                f"holds the spreadsheet error {value}; type the value instead",
            )
        )
    if isinstance(value, dt.time | dt.timedelta):
        return Refused(
            Problem(cell_ref(sheet, column, row), "wrong_type", f"holds a time span {value}")
        )
    return value
