"""A bundle as the tables of a round, and what readers of sheets give back.

:func:`bundle_tables` lays a :class:`~wuxing.evaluation.bundle.Bundle` out in the tables of
:func:`~wuxing.interchange.layout.layout`; a reader of workbooks or CSV folders gives back
:class:`RawSheet`\\ s, which :func:`~wuxing.interchange.reading.bundle_from_sheets` reads into
a bundle. Both ways go through the plain data of the JSON converter, so a spreadsheet and a JSON
document are read by the same rules and refused with the same codes; only the place differs:
``申报表!C7`` instead of ``applications[4].applicant_id``.

What a clerk does not type (an inline ruleset, a supervision ledger) is kept as JSON text in
the sheet ``附加数据``, one line a row, so that bundle → workbook → bundle loses nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from wuxing._core.convert import dump
from wuxing.errors import Problem, ValidationError
from wuxing.evaluation.bundle import Bundle
from wuxing.interchange.cells import Kind, write_cell
from wuxing.interchange.documents import dumps
from wuxing.interchange.layout import (
    EXTRA_SHEET,
    NOTE_PREFIX,
    Column,
    Table,
    layout,
    other_assessments,
    other_scores,
)
from wuxing.model.rulesets import Ruleset

__all__ = [
    "EXTRA_COLUMNS",
    "HEADER_ROWS",
    "RawSheet",
    "Refused",
    "SpreadsheetError",
    "bundle_tables",
    "cell_ref",
    "column_letter",
]

HEADER_ROWS = 2
"""Rows above the data: the Chinese header, then the field name."""
EXTRA_COLUMNS = (Column("item", "内容"), Column("line", "文本（JSON）"))


class SpreadsheetError(ValidationError):
    """A workbook or CSV folder is not a valid round; every problem names its cell
    (``申报表!C7``) and carries the code JSON validation gives for the same fault."""

    code = "spreadsheet_invalid"


@attrs.frozen
class Refused:
    """A cell the reader refused (a formula, a merged cell): its problem, or ``None`` when
    the sheet's problems already say it."""

    problem: Problem | None


@attrs.frozen
class RawSheet:
    """A sheet as a reader found it.

    Attributes:
        name: The sheet's (or CSV file's) name.
        fields: The field names of row 2, one per column (``None`` for a blank one).
        rows: The data rows: each its row number and its cells.
        problems: What the reader itself refused (formulas, merged cells, too many rows),
            already located.
    """

    name: str
    fields: tuple[str | None, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    problems: tuple[Problem, ...] = ()


def column_letter(index: int) -> str:
    """``A`` for 0, ``Z`` for 25, ``AA`` for 26."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(sheet: str, column: int, row: int) -> str:
    """``申报表!C7`` for column index 2, row 7."""
    return f"{sheet}!{column_letter(column)}{row}"


# -- bundle → tables -----------------------------------------------------------------------


def _get(data: dict[str, Any], field: str) -> Any:
    if field in data:  # a criterion's code or an aspect may hold a dot
        return data[field]
    value: Any = data
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _cell(column: Column, plain: Any, time_zone: str) -> object:
    if plain is None:
        return None
    kind = column.kind
    if kind is Kind.DECIMAL:
        return write_cell(Decimal(plain), kind)
    if kind is Kind.DATE:
        return write_cell(dt.date.fromisoformat(plain), kind)
    if kind is Kind.DATETIME:
        return write_cell(dt.datetime.fromisoformat(plain), kind, time_zone=time_zone)
    if kind is Kind.CHOICE:
        return column.label(str(plain))
    if kind is Kind.LIST:
        return write_cell(plain, kind) if plain else None
    if kind is Kind.MARK:
        if plain.get("points") is not None:
            return write_cell(Decimal(plain["points"]), Kind.DECIMAL)
        return write_cell(plain.get("met"), Kind.BOOLEAN)
    return write_cell(plain, kind)


def _with_found_columns(table: Table, records: list[dict[str, Any]]) -> Table:
    """An assessment table with a column for every mark and note its records hold."""
    known = {c.field for c in table.columns}
    extra = [k for r in records for k in r if k not in known and k not in _ASSESSMENT_KEYS]
    if not extra:
        return table
    columns = [
        Column(k, k[len(NOTE_PREFIX) :], Kind.TEXT)
        if k.startswith(NOTE_PREFIX)
        else Column(k, k, Kind.MARK)
        for k in dict.fromkeys(extra)
    ]
    return attrs.evolve(table, columns=(*table.columns, *columns))


_ASSESSMENT_KEYS = ("application_id", "assessor_id", "marks", "notes")


def bundle_tables(
    bundle: Bundle, ruleset: Ruleset | None
) -> list[tuple[Table, list[list[object]]]]:
    """The tables of a round with the bundle's rows, as cells a writer puts in a workbook."""
    data = dump(bundle)
    time_zone = bundle.campaign.time_zone
    category_of = {a.id: a.category_id for a in bundle.applications}
    out: list[tuple[Table, list[list[object]]]] = []
    tables = layout(ruleset)
    by_category = {t.category_id: t for t in tables if t.key == "sheets"}
    grouped: dict[str | None, list[dict[str, Any]]] = {}
    index = {id(s): n for n, s in enumerate(data["sheets"], start=1)}
    for sheet in data["sheets"]:
        category = category_of.get(sheet["application_id"])
        grouped.setdefault(category if category in by_category else None, []).append(sheet)
    other = grouped.get(None, [])
    if other:
        codes = list(dict.fromkeys(m["code"] for s in other for m in s["marks"]))
        tables.insert(
            tables.index(next(t for t in tables if t.key == "annual_scores")), other_scores(codes)
        )
    assessed = {t.category_id: t for t in tables if t.key == "assessments"}
    by_table: dict[str | None, list[dict[str, Any]]] = {}
    for a in data["assessments"]:
        category = category_of.get(a["application_id"])
        by_table.setdefault(category if category in assessed else None, []).append(a)
    stray = by_table.get(None, [])
    if stray:
        codes = list(dict.fromkeys(m["code"] for a in stray for m in a["marks"]))
        aspects = list(dict.fromkeys(n["aspect"] for a in stray for n in a["notes"]))
        tables.insert(
            tables.index(next(t for t in tables if t.key == "annual_scores")),
            other_assessments(codes, aspects),
        )
    for table in tables:
        if table.key == "campaign":
            records = [data["campaign"]]
        elif table.key == "evidence":
            records = [
                {"application_id": a["id"], **item}
                for a in data["applications"]
                for item in a["evidence"]
            ]
        elif table.key == "sheets":
            records = grouped.get(table.category_id, [])
            known = {c.field for c in table.columns}
            extra = [m["code"] for s in records for m in s["marks"] if m["code"] not in known]
            if extra:
                columns = (
                    *table.columns,
                    *(Column(c, c, Kind.MARK) for c in dict.fromkeys(extra)),
                )
                table = attrs.evolve(table, columns=columns)
            records = [
                {**s, "seq": index[id(s)], **{m["code"]: m for m in s["marks"]}} for s in records
            ]
        elif table.key == "assessments":
            records = [
                {
                    **a,
                    **{m["code"]: m for m in a["marks"]},
                    **{f"{NOTE_PREFIX}{n['aspect']}": n["text"] for n in a["notes"]},
                }
                for a in by_table.get(table.category_id, [])
            ]
            table = _with_found_columns(table, records)
        else:
            records = data[table.key]
        rows = [[_cell(c, _get(r, c.field), time_zone) for c in table.columns] for r in records]
        out.append((table, rows))
    extra_rows: list[list[object]] = []
    for item, value in (("ruleset", bundle.ruleset), ("ledger", bundle.ledger)):
        if value is not None:
            extra_rows += [[item, line] for line in dumps(value).splitlines()]
    out.append(
        (
            Table("extra", EXTRA_SHEET, EXTRA_COLUMNS, "内联规则与督查台账（JSON，勿手改）"),
            extra_rows,
        )
    )
    return out
