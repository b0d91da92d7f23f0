"""The printed pages in a real browser: Debian's headless Chromium renders the candidate list,
the public notice and a picture of the workbook template.

Each page must fit the printable width of A4 (180 mm: 210 mm less 15 mm margins), show every
name it lists, and print on A4 paper. The screenshots are the pictures of the office how-to
(``docs/images/``); a picture is rewritten only when it changed.
"""

from __future__ import annotations

import io as stdio
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from webdriver import Browser, browser, require_browser
from wuxing import evaluate
from wuxing.interchange.spreadsheets import workbook
from wuxing.reports.candidates import LISTED, candidates_html
from wuxing.reports.notice import build_notice
from wuxing.reports.pages import escape, page
from wuxing.samples import DEMO_AT, settled_bundle, starter_bundle

PICTURES = Path(__file__).resolve().parents[1] / "docs" / "images"
A4_WIDTH = 794  # 210 mm at 96 CSS pixels per inch
A4_HEIGHT = 1123  # 297 mm
PRINTABLE = 680  # 180 mm: A4 less the pages' 15 mm margins
BUNDLE = settled_bundle()
RULES = BUNDLE.resolve_ruleset()
RESULT = evaluate(BUNDLE, DEMO_AT)


@pytest.fixture(scope="module")
def chrome() -> Iterator[Browser]:
    require_browser()
    with browser() as client:
        yield client


def keep_picture(name: str, png: bytes) -> None:
    """Store a screenshot as a docs picture, unless the stored one is the same."""
    assert png.startswith(b"\x89PNG")
    target = PICTURES / name
    if not target.exists() or target.read_bytes() != png:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)


def check_printed(chrome: Browser, path: Path, names: list[str]) -> None:
    """At the printable width of A4 nothing sticks out; every name is shown; the print is
    on A4."""
    chrome.open(path, PRINTABLE, A4_HEIGHT)
    width, inner, text = chrome.script(
        "return [document.documentElement.scrollWidth, window.innerWidth,"
        " document.body.innerText];"
    )
    assert width <= inner == PRINTABLE
    missing = [n for n in names if n not in text]
    assert [] == missing
    pdf = chrome.pdf()
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes
    for w, h in boxes:
        assert abs(float(w) - 595.3) < 2
        assert abs(float(h) - 841.9) < 2


def listed_names() -> list[str]:
    who = {e.id: e.name for e in (*BUNDLE.units, *BUNDLE.people, *BUNDLE.supervisors)}
    return [
        who[o.applicant_id] for c in RESULT.categories for o in c.outcomes if o.outcome in LISTED
    ]


def test_candidate_list(chrome: Browser, tmp_path: Path) -> None:
    """The candidate list fits A4, shows every candidate and reserve, prints on A4."""
    path = tmp_path / "candidates.html"
    path.write_text(candidates_html(RESULT, BUNDLE, RULES), encoding="utf-8")
    names = listed_names()
    assert len(names) > 20
    check_printed(chrome, path, names)
    chrome.open(path, A4_WIDTH, A4_HEIGHT)
    keep_picture("candidate-list.png", chrome.screenshot())


def test_notice(chrome: Browser, tmp_path: Path) -> None:
    """The notice fits A4, shows every name of the list, prints on A4."""
    notice = build_notice(RESULT, BUNDLE, RULES, DEMO_AT.date().replace(day=16))
    path = tmp_path / "notice.html"
    path.write_text(notice.html(), encoding="utf-8")
    names = [n for _, group in notice.sections for n in group]
    assert len(names) == sum(len(c.selected) for c in RESULT.categories)
    check_printed(chrome, path, names)
    chrome.open(path, A4_WIDTH, A4_HEIGHT)
    keep_picture("notice.png", chrome.screenshot())


def sheet_as_html(data: bytes, sheets: list[str]) -> str:
    """Sheets of a workbook drawn as a spreadsheet shows them: column letters, row numbers,
    the two header rows, the data, and the sheet tabs."""
    book = openpyxl.load_workbook(stdio.BytesIO(data))
    css = (
        "body{max-width:none;margin:8px}"
        "table.grid{border-collapse:collapse;font:12px 'Noto Sans CJK SC',sans-serif;"
        "table-layout:auto;width:auto}"
        ".grid td,.grid th{border:1px solid #d0d0d0;padding:2px 6px;white-space:nowrap}"
        ".grid th{background:#f0f0f0;color:#555;font-weight:normal}"
        ".grid tr.h1 td{background:#ddebf7;font-weight:bold}"
        ".grid tr.h2 td{color:#808080;font-style:italic;font-size:10px}"
        ".tabs span{display:inline-block;border:1px solid #bbb;padding:2px 8px;margin-right:2px;"
        "font:12px sans-serif}.tabs span.on{background:#fff;border-top:2px solid #217346}"
    )
    parts = [f"<style>{css}</style>"]
    for name in sheets:
        sheet = book[name]
        width = sheet.max_column
        parts.append(f"<h2>{escape(name)}</h2><table class=grid><tr><th></th>")
        parts += [f"<th>{openpyxl.utils.get_column_letter(c)}</th>" for c in range(1, width + 1)]
        parts.append("</tr>")
        for r in range(1, min(sheet.max_row, 9) + 1):
            kind = {1: " class=h1", 2: " class=h2"}.get(r, "")
            cells = "".join(
                f"<td>{escape(sheet.cell(r, c).value or '')}</td>" for c in range(1, width + 1)
            )
            parts.append(f"<tr{kind}><th>{r}</th>{cells}</tr>")
        parts.append("</table>")
    tabs = "".join(
        f"<span class={'on' if t == sheets[0] else 'off'}>{escape(t)}</span>"
        for t in book.sheetnames
    )
    parts.append(f"<p class=tabs>{tabs}</p>")
    return page("工作簿", "".join(parts))


def test_template_picture(chrome: Browser, tmp_path: Path) -> None:
    """A picture of the filled starter workbook, as the office how-to shows it."""
    data = workbook(starter_bundle())
    path = tmp_path / "workbook.html"
    sheets = ["申报表", "评分表·示范乡镇"]
    path.write_text(sheet_as_html(data, sheets), encoding="utf-8")
    chrome.open(path, 1060, 560)
    text = chrome.script("return document.body.innerText;")
    assert "submitted_at" in text
    assert "潋江镇" not in text  # the sheets hold ids; names are on 单位 and 人员
    keep_picture("workbook.png", chrome.screenshot())
