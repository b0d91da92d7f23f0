"""A round as a workbook or a folder of CSV files: the office's way in.

* :func:`template` writes an empty workbook for a ruleset: a sheet per table, Chinese headers
  with the field name beneath, drop-down lists for categories and kinds, and an instructions
  sheet (``填写说明``).
* :func:`workbook` writes a bundle as a workbook; :func:`read_workbook_bundle` reads one back.
  ``read_workbook_bundle(workbook(b)) == b``: nothing is lost.
* :func:`write_csv_folder` and :func:`read_csv_folder` do the same with one CSV file per sheet.
* :func:`read_round` reads whichever a path is: a workbook, a CSV folder or a JSON bundle.

Every problem is reported at once, each at its cell (``申报表!C7``) with the code JSON
validation gives for the same fault (:class:`~wuxing.interchange.tables.SpreadsheetError`).
The exact rules for cells are in :mod:`wuxing.interchange.cells`.

>>> from wuxing.samples import demo_bundle
>>> bundle = demo_bundle()
>>> read_workbook_bundle(workbook(bundle)) == bundle
True
"""

from __future__ import annotations

from pathlib import Path

from wuxing._core.files import (
    list_files,
    make_folder,
    read_bytes,
    read_text,
    write_bytes,
    write_text,
)
from wuxing.errors import Problem
from wuxing.evaluation.bundle import Bundle
from wuxing.interchange.csvfiles import csv_files, read_csv_files
from wuxing.interchange.documents import read
from wuxing.interchange.layout import Table, layout
from wuxing.interchange.reading import bundle_from_sheets
from wuxing.interchange.tables import SpreadsheetError, bundle_tables
from wuxing.interchange.workbooks import MAX_ROWS, read_workbook, write_workbook
from wuxing.model.campaigns import Campaign
from wuxing.model.rulesets import Ruleset

__all__ = [
    "instructions",
    "read_csv_folder",
    "read_round",
    "read_workbook_bundle",
    "template",
    "workbook",
    "write_csv_folder",
    "write_round",
]


def instructions(ruleset: Ruleset | None, tables: list[Table]) -> list[str]:
    """The lines of the instructions sheet (填写说明)."""
    title = ruleset.title if ruleset is not None else "“五型”政府建设评选"
    lines = [
        f"{title} 评选数据填写说明",
        "",
        "1. 每个工作表是一张表：第 1 行是中文表头，第 2 行是字段名（请勿修改），"
        "从第 3 行起每行填一条。",
        "2. 带下拉箭头的列请从列表中选择；“是/否”列填 是 或 否。",
        "3. 日期写作 2022-12-31；时间写作 2022-12-28 16:30（按评选活动的时区）。",
        "4. 分数直接填数字，如 18.5；不要填公式，不要合并单元格。",
        "5. 编号只用字母、数字和 - _ . : ，在本工作簿内互相引用（如申报对象编号填单位编号）。",
        "6. “附加数据”表由程序生成，请勿手改。",
        f"7. 每个工作表最多 {MAX_ROWS} 行。",
        "",
        "填好后：wuxing evaluate 本文件.xlsx --at 截止时间 --format xlsx -o 排名.xlsx",
        "",
        "各表说明：",
    ]
    for table in tables:
        lines.append(f"【{table.sheet}】{table.about}")
        for column in table.columns:
            need = "必填" if column.required else "选填"
            note = f"；{column.note}" if column.note else ""
            lines.append(f"    {column.header}（{column.field}）：{need}{note}")
    return lines


def _tables(bundle: Bundle, ruleset: Ruleset | None) -> list[tuple[Table, list[list[object]]]]:
    rules = ruleset if ruleset is not None else bundle.resolve_ruleset()
    return bundle_tables(bundle, rules)


def workbook(bundle: Bundle, ruleset: Ruleset | None = None) -> bytes:
    """A bundle as the bytes of a workbook (``.xlsx``); needs the ``excel`` extra.

    Args:
        bundle: The round.
        ruleset: Its rules, if not the ones the bundle names (for the score-sheet columns and
            the category drop-down list).

    Raises:
        SpreadsheetError: text that a workbook cannot hold, at its cell.
        MissingExtraError: ``openpyxl`` is not installed.
    """
    rules = ruleset if ruleset is not None else bundle.resolve_ruleset()
    tables = bundle_tables(bundle, rules)
    return write_workbook(tables, instructions(rules, [t for t, _ in tables]))


def template(ruleset: Ruleset, campaign: Campaign | None = None) -> bytes:
    """An empty workbook for a round under ``ruleset``, with the campaign row filled in if
    given; needs the ``excel`` extra.

    >>> from wuxing import rulesets
    >>> data = template(rulesets.load("xingguo-2022"))
    >>> data[:2]
    b'PK'
    """
    tables: list[tuple[Table, list[list[object]]]] = []
    if campaign is not None:
        tables = bundle_tables(Bundle(campaign, ruleset=None), ruleset)
    else:
        tables = [(t, []) for t in layout(ruleset)]
    return write_workbook(tables, instructions(ruleset, [t for t, _ in tables]))


def read_workbook_bundle(data: bytes) -> Bundle:
    """Read a workbook (its bytes) into a bundle, checked against its rules.

    Raises:
        SpreadsheetError: every problem, each at its cell.
        MissingExtraError: ``openpyxl`` is not installed.
    """
    return bundle_from_sheets(read_workbook(data))


def write_csv_folder(folder: str | Path, bundle: Bundle, ruleset: Ruleset | None = None) -> None:
    """Write a bundle as a folder of CSV files, one per sheet (UTF-8 with a byte-order mark)."""
    make_folder(folder)
    for name, text in csv_files(_tables(bundle, ruleset)):
        write_text(Path(folder) / name, text)


def read_csv_folder(folder: str | Path) -> Bundle:
    """Read a folder of CSV files (as :func:`write_csv_folder` writes them) into a bundle.

    Raises:
        SpreadsheetError: every problem, each at its file and cell (``申报表!C7``).
    """
    files = [(p.name, read_text(p)) for p in list_files(folder, ".csv")]
    if not files:
        raise SpreadsheetError(
            [Problem(str(folder), "no_tables", "the folder holds no .csv files")],
            subject="CSV folder",
        )
    return bundle_from_sheets(read_csv_files(files))


def read_round(path: str | Path) -> Bundle:
    """Read a round from a workbook (``.xlsx``), a folder of CSV files or a JSON bundle."""
    where = Path(path)
    if where.is_dir():
        return read_csv_folder(where)
    suffix = where.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_workbook_bundle(read_bytes(where))
    if suffix in (".xls", ".et", ".ods", ".numbers"):
        raise SpreadsheetError(
            [
                Problem(
                    str(where),
                    "unsupported_format",
                    f"{suffix} workbooks are not read: save it as an Excel workbook (.xlsx)",
                )
            ],
            subject="workbook",
        )
    return read(where, Bundle)


def write_round(path: str | Path, bundle: Bundle) -> None:
    """Write a round as a workbook (``.xlsx``), or as a CSV folder for any other path."""
    where = Path(path)
    if where.suffix.lower() == ".xlsx":
        write_bytes(where, workbook(bundle))
    else:
        write_csv_folder(where, bundle)
