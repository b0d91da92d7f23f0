"""Where each field of a round came from: the reader that turns the rows of a sheet into the
plain data of a bundle, remembering every field's cell, and the mapping of a problem's path
back to that cell (with the column's name, and a choice column's Chinese words).

The cross-reference check of :func:`cross_checks` runs on the rows that did read, so that a
workbook's problems are reported at once: the cells' own and those between sheets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from wuxing._core.convert import load
from wuxing.errors import Problem, ValidationError
from wuxing.evaluation.bundle import Bundle
from wuxing.interchange.cells import Kind, read_cell
from wuxing.interchange.layout import NOTE_PREFIX, Column, Table
from wuxing.interchange.tables import HEADER_ROWS, RawSheet, Refused, cell_ref

__all__ = ["SheetReader", "cross_checks", "located"]

_CRITERION = re.compile(r"'([A-Za-z0-9][A-Za-z0-9_.:-]*)'")


def _put(target: dict[str, Any], field: str, value: object, *, nested: bool = True) -> None:
    parts = field.split(".") if nested else [field]
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


class SheetReader:
    """Collects the plain data of a bundle from sheets, and where each field came from."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.where: dict[str, str] = {}
        self.column_at: dict[str, Column] = {}
        self.failed: set[str] = set()
        self.time_zone = "Asia/Shanghai"

    def problem(self, ref: str, column: Column | None, problem: Problem) -> None:
        """Record ``problem`` at the cell ``ref``, naming the column when there is one."""
        label = f"{column.header}（{column.field}）: " if column is not None else ""
        self.problems.append(Problem(ref, problem.code, label + problem.message))

    def columns(self, sheet: RawSheet, table: Table) -> list[tuple[int, Column]]:
        """The sheet's columns by their field names (row 2), each with its index; unknown,
        repeated and missing required columns are problems."""
        found: list[tuple[int, Column]] = []
        seen: set[str] = set()
        for i, field in enumerate(sheet.fields):
            if field is None:
                continue
            column = table.column(field)
            if column is None and table.key in ("sheets", "assessments"):
                column = (
                    Column(field, field[len(NOTE_PREFIX) :], Kind.TEXT)
                    if table.key == "assessments" and field.startswith(NOTE_PREFIX)
                    else Column(field, field, Kind.MARK)
                )
            ref = cell_ref(sheet.name, i, HEADER_ROWS)
            if column is None:
                self.problem(
                    ref,
                    None,
                    Problem("", "unknown_field", f"{field!r} is not a field of {sheet.name}"),
                )
            elif field in seen:
                self.problem(
                    ref, None, Problem("", "duplicate", f"the column {field!r} appears twice")
                )
            else:
                seen.add(field)
                found.append((i, column))
        if sheet.rows:
            for column in table.columns:
                if column.required and column.field not in seen:
                    self.problem(
                        f"{sheet.name}!A{HEADER_ROWS}",
                        column,
                        Problem(
                            "", "missing_field", "the column is missing (row 2 names the fields)"
                        ),
                    )
        return found

    def records(
        self, sheet: RawSheet, table: Table, path: str, start: int = 0
    ) -> list[dict[str, Any]]:
        """The plain data of each row of ``sheet``, its fields' cells remembered under
        ``path[start + n].field``; cells that cannot be read are problems."""
        columns = self.columns(sheet, table)
        records: list[dict[str, Any]] = []
        for n, (row, cells) in enumerate(sheet.rows):
            record: dict[str, Any] = {}
            at = f"{path}[{start + n}]"
            self.where[at] = cell_ref(sheet.name, 0, row)
            for i, column in columns:
                value = cells[i] if i < len(cells) else None
                field_path = f"{at}.{column.field}"
                ref = cell_ref(sheet.name, i, row)
                if isinstance(value, Refused):
                    self.where[field_path] = ref
                    self.failed.add(field_path)
                    if value.problem is not None:
                        self.problems.append(value.problem)
                    continue
                plain, problem = read_cell(
                    value, column.kind, time_zone=self.time_zone, choices=column.choices
                )
                self.where[field_path] = ref
                self.column_at[ref] = column
                if problem is not None:
                    self.problem(ref, column, problem)
                    self.failed.add(field_path)
                elif plain is not None:
                    # A criterion's code or an aspect is one key, dots and all.
                    flat = column.kind is Kind.MARK or column.field.startswith(NOTE_PREFIX)
                    _put(record, column.field, plain, nested=not flat)
            records.append(record)
        return records


def located(
    problems: Iterable[Problem], reader: SheetReader, tables: dict[str, Table]
) -> list[Problem]:
    """The problems of a bundle's plain data, each moved to the cell its path came from (the
    nearest row when the field has no cell) and named by its column; problems at cells that
    already failed to read are left out."""
    out = []
    for p in problems:
        path = p.path
        if any(path == f or path.startswith(f + ".") for f in reader.failed):
            continue
        key = path
        named = _CRITERION.search(p.message) if path.endswith(".marks") else None
        if named and f"{path[: -len('.marks')]}.{named.group(1)}" in reader.where:
            key = path = f"{path[: -len('.marks')]}.{named.group(1)}"
        while key and key not in reader.where:
            key = key.rpartition(".")[0] if "." in key else ""
        ref = reader.where.get(key, path)
        column = reader.column_at.get(ref) if key == path else None
        if column is None:
            out.append(Problem(ref, p.code, f"{path}: {p.message}" if ref != path else p.message))
            continue
        message = p.message
        if p.code == "unknown_value" and column.kind is Kind.CHOICE:
            words = "、".join(dict.fromkeys(column.label(c) for c in column.choices.values()))
            message = f"must be one of {words}; {message.rpartition(', ')[2]}"
        out.append(Problem(ref, p.code, f"{column.header}（{column.field}）: {message}"))
    return out


_ROW = re.compile(r"^([a-z_]+)\[(\d+)\]")
_NAMES = ("id", "applicant_id", "application_id", "person_id", "subject_id")


def cross_checks(
    data: dict[str, Any],
    problems: Iterable[Problem],
    reader: SheetReader,
    tables: dict[str, Table],
) -> list[Problem]:
    """The cross-reference problems of the rows that did read, so that they are reported
    with the problems of the cells rather than after those are fixed.

    The rows with a problem are left out, the rest is loaded and checked against the rules;
    a reference to a row left out is not reported (that row's own problem is)."""
    if not isinstance(data.get("campaign"), dict):
        return []
    bad: dict[str, set[int]] = {}
    for path in [*(p.path for p in problems), *reader.failed]:
        match = _ROW.match(path)
        if match:
            bad.setdefault(match.group(1), set()).add(int(match.group(2)))
    if "campaign" in reader.failed or any(p.path.startswith("campaign") for p in problems):
        return []
    kept = dict(data)
    old_index: dict[str, list[int]] = {}
    left_out: set[str] = set()
    for key, rows in data.items():
        if not isinstance(rows, list) or key not in bad:
            continue
        old_index[key] = [i for i in range(len(rows)) if i not in bad[key]]
        kept[key] = [rows[i] for i in old_index[key]]
        for i in bad[key]:
            if i < len(rows) and isinstance(rows[i], dict):
                left_out |= {str(rows[i][n]) for n in _NAMES if isinstance(rows[i].get(n), str)}
    try:
        bundle = load(kept, Bundle, subject="bundle")
        rules = bundle.resolve_ruleset()
    except ValidationError:
        return []  # rules that cannot be had are the campaign's problem, said already
    try:
        bundle.check(rules)
    except ValidationError as exc:
        found = []
        for p in exc.problems:
            if p.code.startswith("unknown_") and any(repr(x) in p.message for x in left_out):
                continue
            match = _ROW.match(p.path)
            path = p.path
            if match and match.group(1) in old_index:
                old = old_index[match.group(1)][int(match.group(2))]
                path = f"{match.group(1)}[{old}]" + p.path[match.end() :]
            found.append(Problem(path, p.code, p.message))
        return located(found, reader, tables)
    return []
