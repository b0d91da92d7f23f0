"""A round as a workbook or a CSV folder: round trips, and every problem at its cell."""

from __future__ import annotations

import datetime as dt
import io as stdio
import re
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wuxing import ValidationError, io, rulesets
from wuxing import strategies as wst
from wuxing.evaluation.bundle import Bundle
from wuxing.interchange import workbooks
from wuxing.interchange.spreadsheets import (
    SpreadsheetError,
    read_csv_folder,
    read_round,
    read_workbook_bundle,
    template,
    workbook,
    write_csv_folder,
)
from wuxing.model.units import Unit, UnitKind
from wuxing.samples import demo_bundle, settled_bundle

RULES = rulesets.load("xingguo-2022")
DEMO = demo_bundle()
DEMO_BOOK = workbook(DEMO)


def problems_of(data: bytes) -> list[tuple[str, str]]:
    """``(cell, code)`` of every problem a workbook has."""
    with pytest.raises(SpreadsheetError) as info:
        read_workbook_bundle(data)
    return [(p.path, p.code) for p in info.value.problems]


def edited(data: bytes, sheet: str, **cells: object) -> bytes:
    """The workbook with some cells of one sheet changed (``C7=...``), in General format."""
    book = openpyxl.load_workbook(stdio.BytesIO(data))
    for ref, value in cells.items():
        book[sheet][ref] = value
        if not isinstance(value, dt.datetime):
            book[sheet][ref].number_format = "General"
    out = stdio.BytesIO()
    book.save(out)
    return out.getvalue()


def with_raw_number(data: bytes, marker: str, raw: str, cell_type: str | None = None) -> bytes:
    """The workbook with the stored value ``marker`` replaced by the text ``raw`` (and the
    cell's type by ``cell_type``), as another spreadsheet program would store it (openpyxl
    rounds the floats it writes and writes no error values)."""
    out = stdio.BytesIO()
    with zipfile.ZipFile(stdio.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                pattern = rb'( t="[a-z]+")?><v>' + re.escape(marker.encode()) + rb"</v>"
                kind = f' t="{cell_type}"'.encode() if cell_type else rb"\1"
                content = re.sub(pattern, kind + b"><v>" + raw.encode() + b"</v>", content)
            dst.writestr(item, content)
    return out.getvalue()


class TestRoundTrip:
    """bundle → workbook → bundle is the identity; so is bundle → CSV folder → bundle."""

    def test_demo_through_a_workbook(self) -> None:
        """The demonstration round, with its ledger and office flags, comes back equal and
        dumps to the same JSON."""
        again = read_workbook_bundle(DEMO_BOOK)
        assert DEMO == again
        assert io.dumps(DEMO) == io.dumps(again)

    def test_settlements_through_a_workbook(self) -> None:
        """The office's settlement of a tie survives."""
        bundle = settled_bundle()
        assert bundle == read_workbook_bundle(workbook(bundle))

    def test_demo_through_csv(self, tmp_path: Path) -> None:
        """A CSV folder carries the same round."""
        write_csv_folder(tmp_path / "round", DEMO)
        assert io.dumps(DEMO) == io.dumps(read_csv_folder(tmp_path / "round"))

    @settings(suppress_health_check=[HealthCheck.too_slow], max_examples=25)
    @given(wst.bundles(ruleset=RULES))
    def test_rounds_under_the_builtin_rules(self, bundle: Bundle) -> None:
        """Any round under xingguo-2022 survives a workbook."""
        assert io.dumps(bundle) == io.dumps(read_workbook_bundle(workbook(bundle)))

    @settings(suppress_health_check=[HealthCheck.too_slow], max_examples=25)
    @given(wst.bundles())
    def test_rounds_with_an_inline_ruleset(self, bundle: Bundle) -> None:
        """Rounds carrying their own ruleset (kept in 附加数据), groups, flags and sheets of
        every kind survive a workbook."""
        assert io.dumps(bundle) == io.dumps(read_workbook_bundle(workbook(bundle)))

    @settings(suppress_health_check=[HealthCheck.too_slow], max_examples=15)
    @given(wst.bundles(ruleset=RULES), st.data())
    def test_csv_round_trip(self, bundle: Bundle, data: st.DataObject) -> None:
        """Any round survives a CSV folder, also with text that starts like a formula."""
        name = data.draw(st.sampled_from(["=1+2", "+86 0797", "-x", "@sum", "'quoted", "高兴镇"]))
        bundle = attrs.evolve(
            bundle, units=(*bundle.units, Unit("extra", name, UnitKind.TOWN, "360732"))
        )
        with tempfile.TemporaryDirectory() as folder:
            write_csv_folder(folder, bundle)
            assert io.dumps(bundle) == io.dumps(read_csv_folder(folder))

    @given(
        st.decimals(
            allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9
        )
    )
    def test_every_decimal_survives(self, value: Decimal) -> None:
        """Scores written as numbers or text read back as the same decimal, digits and all."""
        bundle = attrs.evolve(
            DEMO,
            annual_scores=[],
            applications=[],
            sheets=[],
            flags=[],
            ledger=None,
            units=DEMO.units[:1],
        )
        evidence_app = demo_bundle().applications[0]
        item = attrs.evolve(evidence_app.evidence[0], value=value)
        bundle = attrs.evolve(bundle, applications=[attrs.evolve(evidence_app, evidence=[item])])
        sheets = workbooks.read_workbook(workbook(bundle))
        again = next(s for s in sheets if s.name == "佐证材料")
        read = again.rows[0][1][4]
        assert str(value) == (read if isinstance(read, str) else str(Decimal(repr(read))))


class TestTemplate:
    """The template for a ruleset."""

    def test_sheets_headers_and_lists(self) -> None:
        """Chinese headers with field names beneath, a score sheet per category with a column
        per criterion, drop-down lists, and the instructions sheet first."""
        book = openpyxl.load_workbook(stdio.BytesIO(template(RULES)))
        assert "填写说明" == book.sheetnames[0]
        assert {"单位", "人员", "申报表", "年度考评", "否决情形"} <= set(book.sheetnames)
        apps = book["申报表"]
        assert ("申报编号", "id") == (apps["A1"].value, apps["A2"].value)
        township = book["评分表·示范乡镇"]
        codes = [c.value for c in township[2]][4:]
        assert [k.code for k in RULES.category("demonstration-township").criteria] == codes
        lists = [v.formula1 for v in apps.data_validations.dataValidation]
        assert any("选项" in f for f in lists)
        options = book["选项"]
        col = next(c.column for c in options[1] if c.value == "评选类别")
        categories = [options.cell(r, col).value for r in range(2, 6)]
        assert [c.title_zh for c in RULES.categories] == categories

    def test_empty_template_names_the_missing_campaign(self) -> None:
        """An unfilled template is refused once, at the campaign row."""
        assert [("评选活动!A3", "missing_field")] == problems_of(template(RULES))


class TestProblemsAtCells:
    """Every problem is reported at once, at its cell, with the code JSON gives."""

    def test_bad_cells_all_at_once(self) -> None:
        """A naive text time is read in the campaign's zone; an unknown unit kind, a blank
        name and a number in a text column are each reported at their cell."""
        data = edited(DEMO_BOOK, "单位", C3="城市", B4="", D5=360732)
        found = problems_of(data)
        assert ("单位!C3", "unknown_value") in found
        assert ("单位!B4", "missing_field") in found
        assert ("单位!D5", "wrong_type") in found

    def test_values_and_references_at_once(self) -> None:
        """A bad value, a reference to nobody, a score over the maximum and a missing mark
        are reported together, each at its own cell; a reference to the row with the bad
        value is not reported twice."""
        book = openpyxl.load_workbook(stdio.BytesIO(DEMO_BOOK))
        book["单位"]["C3"] = "县"  # t01 潋江镇: a bad kind
        book["申报表"]["C9"] = "t99"
        book["评分表·示范乡镇"]["E4"] = 25
        book["评分表·示范乡镇"]["F5"] = None
        out = stdio.BytesIO()
        book.save(out)
        assert [
            ("单位!C3", "unknown_value"),
            ("申报表!C9", "unknown_applicant"),
            ("评分表·示范乡镇!E4", "above_maximum"),
            ("评分表·示范乡镇!F5", "missing_mark"),
        ] == problems_of(out.getvalue())

    def test_cross_references_at_cells(self) -> None:
        """An application naming nobody is reported at its applicant cell."""
        assert [("申报表!C3", "unknown_applicant")] == problems_of(
            edited(DEMO_BOOK, "申报表", C3="nobody")
        )

    def test_formula_is_refused(self) -> None:
        """A formula is not a value."""
        found = problems_of(edited(DEMO_BOOK, "评分表·示范乡镇", E3="=18+1"))
        assert [("评分表·示范乡镇!E3", "formula")] == found

    def test_error_value_is_refused(self) -> None:
        """An error value (#N/A) is not text."""
        data = with_raw_number(edited(DEMO_BOOK, "单位", B3=4242.5), "4242.5", "#N/A")
        data = with_raw_number(data, "#N/A", "#N/A", cell_type="e")
        assert [("单位!B3", "cell_error")] == problems_of(data)

    def test_inexact_number_is_refused(self) -> None:
        """A float that is the trace of arithmetic is refused; a typed one is exact."""
        data = with_raw_number(
            edited(DEMO_BOOK, "年度考评", B3=12345.678), "12345.678", "0.30000000000000004"
        )
        found = problems_of(data)
        assert [("年度考评!B3", "inexact_number")] == found
        bundle = read_workbook_bundle(edited(DEMO_BOOK, "年度考评", B3=91.3))
        assert Decimal("91.3") == bundle.annual_scores[0].score

    def test_serial_number_in_a_date_column(self) -> None:
        """A date serial number is refused with the date it would be."""
        with pytest.raises(SpreadsheetError) as info:
            read_workbook_bundle(edited(DEMO_BOOK, "评选活动", D3=44926))
        (problem,) = info.value.problems
        assert ("评选活动!D3", "bad_date") == (problem.path, problem.code)
        assert "2022-12-31" in problem.message

    def test_date_and_time_cells(self) -> None:
        """A date-and-time cell is read in the campaign's zone, to the second."""
        when = dt.datetime(2022, 12, 20, 10, 0, 0, 999_999)
        bundle = read_workbook_bundle(edited(DEMO_BOOK, "申报表", D3=when))
        expected = pendulum.datetime(2022, 12, 20, 10, 0, 1, tz="Asia/Shanghai")
        assert expected == bundle.applications[0].submitted_at

    def test_merged_cells_are_refused(self) -> None:
        """Merged cells over data are reported as one range, not as empty cells."""
        book = openpyxl.load_workbook(stdio.BytesIO(DEMO_BOOK))
        book["人员"].merge_cells("C3:C5")
        out = stdio.BytesIO()
        book.save(out)
        assert [("人员!C3:C5", "merged_cell")] == problems_of(out.getvalue())

    def test_unknown_sheet_and_column(self) -> None:
        """A sheet or a column the round does not have is reported, not ignored."""
        book = openpyxl.load_workbook(stdio.BytesIO(DEMO_BOOK))
        book.create_sheet("备注")["A3"] = "x"
        book["单位"]["G3"] = "stray"
        out = stdio.BytesIO()
        book.save(out)
        found = problems_of(out.getvalue())
        assert ("备注!A1", "unknown_sheet") in found
        assert ("单位!G3", "unknown_field") in found

    def test_a_million_rows(self) -> None:
        """A sheet that reaches row 1,048,576 is refused at once, without reading it."""
        book = openpyxl.load_workbook(stdio.BytesIO(DEMO_BOOK))
        book["单位"]["A1048576"] = "last"
        out = stdio.BytesIO()
        book.save(out)
        assert ("单位!A1", "too_many_rows") in problems_of(out.getvalue())

    def test_unknown_time_zone(self) -> None:
        """An unknown campaign zone is one problem; local times are still read."""
        found = problems_of(edited(DEMO_BOOK, "评选活动", E3="Mars/Base"))
        assert [("评选活动!E3", "unknown_time_zone")] == found

    def test_old_excel_format(self, tmp_path: Path) -> None:
        """An .xls file is refused with what to do."""
        path = tmp_path / "round.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(SpreadsheetError) as info:
            read_round(path)
        assert "unsupported_format" == info.value.code

    def test_not_a_workbook(self) -> None:
        """Bytes that are no workbook are one problem."""
        assert [("", "not_a_workbook")] == problems_of(b"not a zip")


class TestWriting:
    """What the writer refuses or protects."""

    def test_formula_like_text_stays_text(self) -> None:
        """A name like ``=cmd|' /C calc'!A0`` is a text cell Excel keeps as text."""
        name = "=cmd|' /C calc'!A0"
        bundle = attrs.evolve(DEMO, units=(Unit("evil", name, UnitKind.TOWN, "360732"),))
        data = workbook(bundle)
        with zipfile.ZipFile(stdio.BytesIO(data)) as archive:
            sheet_xml = archive.read("xl/worksheets/sheet3.xml").decode()
        assert "<f>" not in sheet_xml
        cell = openpyxl.load_workbook(stdio.BytesIO(data))["单位"]["B3"]
        assert ("s", name, True) == (cell.data_type, cell.value, cell.quotePrefix)

    def test_control_characters_are_refused(self, tmp_path: Path) -> None:
        """A control character in a cell is refused at its cell, not dropped or mangled (the
        model refuses it in every name, so no bundle carries one to write)."""
        write_csv_folder(tmp_path, DEMO)
        units = tmp_path / "单位.csv"
        text = units.read_text(encoding="utf-8-sig")
        units.write_text(text.replace("潋江镇", "潋江\x07镇", 1), encoding="utf-8-sig")
        with pytest.raises(ValidationError) as info:
            read_csv_folder(tmp_path)
        assert [("单位!B3", "bad_character")] == [
            (p.path.split(":")[0], p.code) for p in info.value.problems
        ]
        with pytest.raises(ValidationError):
            Unit("bad", "高兴\x07镇", UnitKind.TOWN, "360732")


def test_example_workbook_is_the_settled_demo() -> None:
    """examples/data/xingguo-2022-round.xlsx is, byte for byte, the settled demonstration
    round as the library writes it (regenerate it with
    ``wuxing export examples/data/… -o examples/data/xingguo-2022-round.xlsx`` from
    ``settled_bundle()`` when the layout changes)."""
    example = Path(__file__).resolve().parents[1] / "examples/data/xingguo-2022-round.xlsx"
    assert workbook(settled_bundle()) == example.read_bytes()


def test_unknown_ruleset_is_said_once() -> None:
    """A campaign naming rules that do not exist is one problem at its cell, not one per
    application whose category cannot be read without them."""
    assert [("评选活动!B3", "unknown_ruleset")] == problems_of(
        edited(DEMO_BOOK, "评选活动", B3="no-such-rules")
    )


def test_rows_are_counted_without_a_dimension(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet that does not declare its size is still cut off after MAX_ROWS rows (a
    write-only workbook declares none)."""
    monkeypatch.setattr(workbooks, "MAX_ROWS", 50)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("单位")
    for n in range(60):
        sheet.append([f"u{n}", "镇"])
    out = stdio.BytesIO()
    book.save(out)
    (found,) = workbooks.read_workbook(out.getvalue())
    assert [("单位!A1", "too_many_rows")] == [(p.path, p.code) for p in found.problems]
    assert () == found.rows
