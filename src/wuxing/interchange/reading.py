"""Sheets back to a bundle: every problem at its cell, with the code JSON validation gives.

:func:`bundle_from_sheets` reads the :class:`~wuxing.interchange.tables.RawSheet`\\ s a
workbook or a CSV folder gave into the plain data of a bundle, remembering the cell of every
field, loads it through the converter and checks its cross-references; each problem's path is
then replaced by its cell (``申报表!C7``) and its message names the column. Score sheets come
back in the order of their 序号; evidence rows join their application in row order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from wuxing._core.convert import dump, load
from wuxing._core.time import DEFAULT_TIME_ZONE, is_time_zone
from wuxing.errors import Problem, ValidationError
from wuxing.evaluation.bundle import Bundle
from wuxing.interchange.cellmap import SheetReader, cross_checks, located
from wuxing.interchange.documents import loads
from wuxing.interchange.layout import (
    ASSESSMENT_PREFIX,
    EXTRA_SHEET,
    INSTRUCTIONS_SHEET,
    NOTE_PREFIX,
    OPTIONS_SHEET,
    SCORE_PREFIX,
    Table,
    layout,
    other_assessments,
    other_scores,
)
from wuxing.interchange.tables import (
    RawSheet,
    SpreadsheetError,
)
from wuxing.model.rulesets import Ruleset
from wuxing.rulesets import load as load_ruleset
from wuxing.supervision import Ledger

__all__ = ["bundle_from_sheets"]


def bundle_from_sheets(sheets: Sequence[RawSheet]) -> Bundle:
    """Read a round's sheets into a bundle and check it against its rules.

    Raises:
        SpreadsheetError: every problem of every sheet, each at its cell.
    """
    reader = SheetReader()
    for sheet in sheets:
        reader.problems.extend(sheet.problems)
    by_name = {s.name: s for s in sheets}
    extra = by_name.get(EXTRA_SHEET)
    data: dict[str, Any] = {}
    ruleset: Ruleset | None = None
    unknown_rules: tuple[Problem, ...] = ()
    if extra is not None:
        for item, value in _extra_documents(extra, reader).items():
            data[item] = dump(value)
            if isinstance(value, Ruleset):
                ruleset = value
    fixed = {t.sheet: t for t in layout(None)}
    campaign_sheet = by_name.get("评选活动")
    if campaign_sheet is None or not campaign_sheet.rows:
        reader.problem(
            "评选活动!A3", None, Problem("", "missing_field", "the campaign row is missing")
        )
        reader.failed.add("campaign")
    else:
        if len(campaign_sheet.rows) > 1:
            row = campaign_sheet.rows[1][0]
            reader.problem(
                f"评选活动!A{row}",
                None,
                Problem("", "too_many_rows", "give one campaign, on one row"),
            )
        campaign = reader.records(
            attrs.evolve(campaign_sheet, rows=campaign_sheet.rows[:1]),
            fixed["评选活动"],
            "campaign",
        )[0]
        reader.where = {k.replace("campaign[0]", "campaign"): v for k, v in reader.where.items()}
        reader.failed = {k.replace("campaign[0]", "campaign") for k in reader.failed}
        data["campaign"] = campaign
        zone = campaign.get("time_zone")
        # An unknown zone is the campaign's problem (the converter reports it); local times
        # are read in the default zone meanwhile.
        reader.time_zone = (
            zone if isinstance(zone, str) and is_time_zone(zone) else DEFAULT_TIME_ZONE
        )
        if ruleset is None and isinstance(campaign.get("ruleset_id"), str):
            try:
                ruleset = load_ruleset(campaign["ruleset_id"])
            except ValidationError as exc:
                unknown_rules = exc.problems
    tables = {t.sheet: t for t in layout(ruleset)}
    if unknown_rules:
        ref = reader.where.get("campaign.ruleset_id", "评选活动!B3")
        for p in unknown_rules:
            reader.problem(ref, fixed["评选活动"].column("ruleset_id"), p)
    for name in by_name:
        if name in (INSTRUCTIONS_SHEET, OPTIONS_SHEET, EXTRA_SHEET, "评选活动"):
            continue
        if name not in tables and not name.startswith((SCORE_PREFIX, ASSESSMENT_PREFIX)):
            reader.problem(
                f"{name}!A1",
                None,
                Problem("", "unknown_sheet", f"{name!r} is not a sheet of a round's workbook"),
            )
    sheet_records: list[dict[str, Any]] = []
    evidence_rows: list[tuple[dict[str, Any], str]] = []
    for table in layout(ruleset):
        if table.key in ("campaign", "sheets", "assessments"):
            continue
        found = by_name.get(table.sheet)
        if found is None:
            continue
        sheet = found
        if table.key == "evidence":
            base = len(evidence_rows)
            for n, record in enumerate(reader.records(sheet, table, "evidence", base)):
                evidence_rows.append((record, f"evidence[{base + n}]"))
            continue
        data[table.key] = reader.records(sheet, table, table.key)
    score_names = [t.sheet for t in tables.values() if t.key == "sheets" and t.sheet in by_name]
    score_names += [n for n in by_name if n.startswith(SCORE_PREFIX) and n not in score_names]
    for name in score_names:
        table = tables.get(name) or other_scores([])
        sheet_records += reader.records(by_name[name], table, "sheets", len(sheet_records))
    data["sheets"] = _sheets_data(sheet_records, tables, reader)
    data["assessments"] = _assessments_data(by_name, tables, reader)
    if unknown_rules:  # categories cannot be told apart without the rules: said once, above
        reader.failed |= {k for k in reader.where if k.endswith(".category_id")}
    _attach_evidence(data, evidence_rows, reader)
    try:
        bundle = load(data, Bundle, subject="bundle")
    except ValidationError as exc:
        reader.problems.extend(located(exc.problems, reader, tables))
        reader.problems.extend(cross_checks(data, exc.problems, reader, tables))
        raise SpreadsheetError(reader.problems, subject="workbook") from None
    if reader.problems:
        reader.problems.extend(cross_checks(data, (), reader, tables))
        raise SpreadsheetError(reader.problems, subject="workbook")
    try:
        bundle.check(bundle.resolve_ruleset())
    except ValidationError as exc:
        raise SpreadsheetError(located(exc.problems, reader, tables), subject="workbook") from None
    return bundle


_SHEET_FIELDS = ("application_id", "inspector_id", "inspector_unit_id")
_SHEET_INDEX = re.compile(r"^sheets\[(\d+)\]")


def _in_order(records: list[dict[str, Any]], reader: SheetReader) -> list[dict[str, Any]]:
    """Score sheets in the order of their 序号 (``seq``); rows without one follow in the
    order of the workbook. A 序号 given twice is a problem at the second."""
    seen: dict[int, int] = {}
    for n, record in enumerate(records):
        seq = record.get("seq")
        if isinstance(seq, int) and seq in seen:
            reader.problems.append(
                Problem(
                    reader.where.get(f"sheets[{n}].seq", ""),
                    "duplicate",
                    f"序号（seq）: {seq} is also the 序号 of another score sheet",
                )
            )
        elif isinstance(seq, int):
            seen[seq] = n
    order = sorted(
        range(len(records)),
        key=lambda n: (not isinstance(records[n].get("seq"), int), records[n].get("seq") or 0, n),
    )
    new_index = {old: new for new, old in enumerate(order)}

    def moved(key: str) -> str:
        match = _SHEET_INDEX.match(key)
        if match is None:
            return key
        return f"sheets[{new_index[int(match.group(1))]}]" + key[match.end() :]

    reader.where = {moved(k): v for k, v in reader.where.items()}
    reader.failed = {moved(k) for k in reader.failed}
    return [records[n] for n in order]


def _sheets_data(
    records: list[dict[str, Any]], tables: dict[str, Table], reader: SheetReader
) -> list[dict[str, Any]]:
    out = []
    for n, record in enumerate(_in_order(records, reader)):
        sheet: dict[str, Any] = {k: record[k] for k in _SHEET_FIELDS if k in record}
        marks: list[dict[str, Any]] = []
        for code, value in record.items():
            if code in (*_SHEET_FIELDS, "seq"):
                continue
            old = f"sheets[{n}].{code}"
            new = f"sheets[{n}].marks[{len(marks)}]"
            if old in reader.where:
                reader.where[new] = reader.where[old]
            if old in reader.failed:
                reader.failed.add(new)
            marks.append({"code": code, **value})
        sheet["marks"] = marks
        out.append(sheet)
    return out


def _assessments_data(
    by_name: dict[str, RawSheet], tables: dict[str, Table], reader: SheetReader
) -> list[dict[str, Any]]:
    """The assessments of the assessment sheets, in the order of the workbook: each row's
    criterion columns become its marks, its ``note:`` columns its notes."""
    names = [t.sheet for t in tables.values() if t.key == "assessments" and t.sheet in by_name]
    names += [n for n in by_name if n.startswith(ASSESSMENT_PREFIX) and n not in names]
    out: list[dict[str, Any]] = []
    for name in names:
        table = tables.get(name) or other_assessments([], [])
        for record in reader.records(by_name[name], table, "assessments", len(out)):
            n = len(out)
            assessment: dict[str, Any] = {
                k: record[k] for k in ("application_id", "assessor_id") if k in record
            }
            marks: list[dict[str, Any]] = []
            notes: list[dict[str, Any]] = []
            for key, value in record.items():
                if key in assessment:
                    continue
                if key.startswith(NOTE_PREFIX):
                    new = f"assessments[{n}].notes[{len(notes)}]"
                    notes.append({"aspect": key[len(NOTE_PREFIX) :], "text": value})
                    suffix = ".text"
                else:
                    new = f"assessments[{n}].marks[{len(marks)}]"
                    marks.append({"code": key, **value})
                    suffix = ""
                old = f"assessments[{n}].{key}"
                if old in reader.where:
                    reader.where[new + suffix] = reader.where[old]
                    reader.where.setdefault(new, reader.where[old])
                if old in reader.failed:
                    reader.failed.add(new)
            assessment["marks"] = marks
            assessment["notes"] = notes
            out.append(assessment)
    return out


def _attach_evidence(
    data: dict[str, Any], rows: list[tuple[dict[str, Any], str]], reader: SheetReader
) -> None:
    apps = data.get("applications", [])
    index = {a.get("id"): i for i, a in enumerate(apps) if isinstance(a.get("id"), str)}
    for record, path in rows:
        app_id = record.pop("application_id", None)
        i = index.get(app_id)
        if i is None:
            if f"{path}.application_id" not in reader.failed:
                reader.problem(
                    reader.where.get(f"{path}.application_id", reader.where[path]),
                    None,
                    Problem("", "unknown_application", f"no application {app_id!r} on 申报表"),
                )
            continue
        items = apps[i].setdefault("evidence", [])
        new = f"applications[{i}].evidence[{len(items)}]"
        for key, ref in list(reader.where.items()):
            if key == path or key.startswith(path + "."):
                reader.where[new + key[len(path) :]] = ref
        reader.failed |= {new + k[len(path) :] for k in reader.failed if k.startswith(path + ".")}
        items.append(record)


def _extra_documents(sheet: RawSheet, reader: SheetReader) -> dict[str, object]:
    lines: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    for row, cells in sheet.rows:
        item = cells[0] if cells else None
        line = cells[1] if len(cells) > 1 else None
        if item not in ("ruleset", "ledger"):
            reader.problem(
                f"{EXTRA_SHEET}!A{row}",
                None,
                Problem("", "unknown_value", f"must be 'ruleset' or 'ledger', got {item!r}"),
            )
            continue
        assert isinstance(item, str)
        first.setdefault(item, row)
        lines.setdefault(item, []).append(line if isinstance(line, str) else "")
    found: dict[str, object] = {}
    for item, text in lines.items():
        kind: type[Any] = Ruleset if item == "ruleset" else Ledger
        try:
            found[item] = loads("\n".join(text) + "\n", kind)
        except ValidationError as exc:
            for p in exc.problems:
                reader.problem(
                    f"{EXTRA_SHEET}!B{first[item]}",
                    None,
                    Problem("", p.code, f"{item} {p.path}: {p.message}"),
                )
    return found
