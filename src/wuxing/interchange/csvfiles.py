"""Folders of CSV files: one file per sheet of a round, named after it, read and written
with the standard library (no extra needed).

Files are UTF-8 with a byte-order mark, so that a spreadsheet opens the Chinese correctly, and
have the workbook's two header rows. Text that starts like a formula (or with ``'``) is
written with a leading ``'``, which reading removes: a spreadsheet opening the file shows
text, and the round comes back unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io as stdio
from collections.abc import Iterator, Sequence

from wuxing.errors import Problem
from wuxing.interchange.layout import Table
from wuxing.interchange.tables import (
    HEADER_ROWS,
    RawSheet,
    SpreadsheetError,
    cell_ref,
)
from wuxing.interchange.workbooks import FORMULA_START, MAX_ROWS, check_text

__all__ = ["csv_files", "csv_text", "read_csv_files"]


def csv_text(value: object) -> str:
    """A cell's text in a CSV file (see :func:`csv_files`)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if text.startswith((*FORMULA_START, "'")):
        return "'" + text  # a spreadsheet opening the file shows text, not a formula
    return text


def csv_files(
    tables: Sequence[tuple[Table, Sequence[Sequence[object]]]],
) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` for each table: UTF-8 with a byte-order mark (so that a
    spreadsheet opens the Chinese correctly), the two header rows, then the data. Text that
    starts like a formula, or with ``'``, gets a leading ``'``, which reading removes.

    Raises:
        SpreadsheetError: text with control characters, at its cell.
    """
    problems: list[Problem] = []
    out: list[tuple[str, str]] = []
    for table, rows in tables:
        buffer = stdio.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([csv_text(c.header) for c in table.columns])
        writer.writerow([c.field for c in table.columns])
        for r, row in enumerate(rows, start=HEADER_ROWS + 1):
            for i, value in enumerate(row):
                check_text(value, cell_ref(table.sheet, i, r), problems)
            writer.writerow([csv_text(v) for v in row])
        out.append((f"{table.sheet}.csv", "\ufeff" + buffer.getvalue()))
    if problems:
        raise SpreadsheetError(problems, subject="CSV folder")
    yield from out


def read_csv_files(files: Sequence[tuple[str, str]]) -> list[RawSheet]:
    """The sheets of a folder of CSV files, given as ``(file name, text)``."""
    sheets = []
    for file_name, text in files:
        name = file_name.removesuffix(".csv")
        reader = csv.reader(stdio.StringIO(text.removeprefix("\ufeff"), newline=""))
        rows: list[tuple[int, tuple[object, ...]]] = []
        fields: tuple[str | None, ...] = ()
        problems: list[Problem] = []
        try:
            for number, cells in enumerate(reader, start=1):
                if number > MAX_ROWS:
                    problems.append(
                        Problem(f"{name}!A1", "too_many_rows", f"more than {MAX_ROWS} rows")
                    )
                    rows = []
                    break
                values: tuple[object, ...] = tuple(
                    c[1:] if c.startswith("'") else c for c in cells
                )
                if number == HEADER_ROWS:
                    fields = tuple(str(v).strip() or None for v in values)
                elif number > HEADER_ROWS and any(values):
                    rows.append((number, values))
        except csv.Error as exc:
            problems.append(Problem(f"{name}!A1", "csv_syntax", f"not CSV: {exc}"))
        for n, values in rows:
            for i, value in enumerate(values):
                if (i >= len(fields) or fields[i] is None) and value:
                    problems.append(
                        Problem(
                            cell_ref(name, i, n),
                            "unknown_field",
                            "a value in a column without a field name (row 2)",
                        )
                    )
        sheets.append(RawSheet(name, fields, tuple(rows), tuple(problems)))
    return sheets
