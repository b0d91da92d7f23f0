"""The office's commands through the command line: exit codes, output, files, encodings."""

from __future__ import annotations

import csv
import io as stdio
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from wuxing import io
from wuxing.cli import main
from wuxing.evaluation.bundle import Bundle
from wuxing.interchange.spreadsheets import workbook
from wuxing.samples import demo_bundle, settled_bundle

AT = "2023-01-10T17:00+08:00"


def run(*argv: str) -> tuple[int, str]:
    out = stdio.StringIO()
    return main(list(argv), out), out.getvalue()


@pytest.fixture
def round_xlsx(tmp_path: Path) -> Path:
    """The settled demonstration round as a filled workbook."""
    path = tmp_path / "round.xlsx"
    path.write_bytes(workbook(settled_bundle()))
    return path


class TestTemplate:
    def test_writes_a_workbook(self, tmp_path: Path) -> None:
        """`wuxing template xingguo-2022 -o round.xlsx` writes the workbook, exit 0."""
        target = tmp_path / "round.xlsx"
        status, out = run("template", "xingguo-2022", "-o", str(target), "--year", "2023")
        assert 0 == status
        assert f"{target}: template for xingguo-2022\n" == out
        sheet = openpyxl.load_workbook(target)["评选活动"]
        assert ("xingguo-2022-2023", 2023) == (sheet["A3"].value, sheet["C3"].value)

    def test_a_csv_folder(self, tmp_path: Path) -> None:
        """Any other target is a folder of CSV files, UTF-8 with a byte-order mark."""
        status, _ = run("template", "xingguo-2022", "-o", str(tmp_path / "round"))
        assert 0 == status
        text = (tmp_path / "round" / "申报表.csv").read_bytes()
        assert text.startswith("\ufeff申报编号".encode())

    def test_unknown_ruleset(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown ruleset is an input problem: exit 1, a message, no traceback."""
        status, _ = run("template", "nowhere-1999", "-o", str(tmp_path / "x.xlsx"))
        err = capsys.readouterr().err
        assert 1 == status
        assert "nowhere-1999" in err
        assert "Traceback" not in err


class TestImport:
    def test_workbook_to_bundle(self, round_xlsx: Path, tmp_path: Path) -> None:
        """The workbook becomes the same bundle document, written as UTF-8 JSON."""
        target = tmp_path / "bundle.json"
        status, out = run("import", str(round_xlsx), "-o", str(target))
        assert 0 == status
        assert f"{len(settled_bundle().applications)} applications" in out
        assert settled_bundle() == io.read(target, Bundle)
        assert "潋江镇" in target.read_text(encoding="utf-8")

    def test_to_standard_output(self, round_xlsx: Path) -> None:
        """Without -o the bundle goes to standard output."""
        status, out = run("import", str(round_xlsx))
        assert 0 == status
        assert "bundle" == json.loads(out)["kind"]

    def test_problems_at_cells(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Every problem on standard error as sheet!cell, message and code; exit 1."""
        book = openpyxl.load_workbook(stdio.BytesIO(workbook(demo_bundle())))
        book["申报表"]["C7"] = "nobody"
        book["单位"]["C4"] = "城市"
        path = tmp_path / "bad.xlsx"
        book.save(path)
        status, out = run("import", str(path))
        err = capsys.readouterr().err
        assert (1, "") == (status, out)
        assert "workbook: 2 problems" in err
        assert "单位!C4: 单位类型（kind）: must be one of" in err

    def test_csv_folder(self, tmp_path: Path) -> None:
        """A folder of CSV files imports like a workbook."""
        run("export", "-o", str(tmp_path / "round"), str(self._bundle(tmp_path)))
        status, out = run("import", str(tmp_path / "round"))
        assert 0 == status
        assert demo_bundle() == io.loads(out, Bundle)

    @staticmethod
    def _bundle(tmp_path: Path) -> Path:
        path = tmp_path / "bundle.json"
        io.write(path, demo_bundle())
        return path


class TestInit:
    def test_writes_a_starter_round(self, tmp_path: Path) -> None:
        """`wuxing init DIR` writes round.xlsx and bundle.json that agree."""
        status, out = run("init", str(tmp_path))
        assert 0 == status
        assert "round.xlsx" in out
        status, imported = run("import", str(tmp_path / "round.xlsx"))
        assert io.read(tmp_path / "bundle.json", Bundle) == io.loads(imported, Bundle)

    def test_refuses_to_overwrite(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A second init keeps the clerk's files unless --force."""
        run("init", str(tmp_path))
        (tmp_path / "bundle.json").write_text("mine", encoding="utf-8")
        status, _ = run("init", str(tmp_path))
        assert 1 == status
        assert "already exists" in capsys.readouterr().err
        assert "mine" == (tmp_path / "bundle.json").read_text(encoding="utf-8")
        assert 0 == run("init", str(tmp_path), "--force")[0]


class TestEvaluateExports:
    def test_csv_to_stdout_and_file(self, round_xlsx: Path, tmp_path: Path) -> None:
        """CSV on standard output has no byte-order mark; in a file it has one."""
        status, out = run("evaluate", str(round_xlsx), "--at", AT, "--format", "csv")
        assert 0 == status
        rows = list(csv.reader(stdio.StringIO(out)))
        assert "评选类别编号" == rows[0][0]
        assert len(settled_bundle().applications) + 1 == len(rows)
        target = tmp_path / "ranked.csv"
        run("evaluate", str(round_xlsx), "--at", AT, "--format", "csv", "-o", str(target))
        assert target.read_bytes().startswith(b"\xef\xbb\xbf")

    def test_xlsx_needs_a_file(self, round_xlsx: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A workbook is not written to a terminal: a usage error, exit 2."""
        assert 2 == run("evaluate", str(round_xlsx), "--at", AT, "--format", "xlsx")[0]
        assert "-o FILE" in capsys.readouterr().err

    def test_xlsx_file(self, round_xlsx: Path, tmp_path: Path) -> None:
        """The ranked list as a workbook."""
        target = tmp_path / "ranked.xlsx"
        assert (
            0
            == run("evaluate", str(round_xlsx), "--at", AT, "--format", "xlsx", "-o", str(target))[
                0
            ]
        )
        sheet = openpyxl.load_workbook(target)["评选结果"]
        assert "潋江镇" == sheet["F3"].value

    def test_table_from_a_workbook(self, round_xlsx: Path) -> None:
        """The plain table reads a workbook as it reads JSON."""
        status, out = run("evaluate", str(round_xlsx), "--at", AT)
        assert 0 == status
        assert "潋江镇" in out


class TestReports:
    def test_candidates(self, round_xlsx: Path, tmp_path: Path) -> None:
        """The candidate list is a UTF-8 HTML page."""
        target = tmp_path / "候选名单.html"
        status, _ = run("report", "candidates", str(round_xlsx), "--at", AT, "-o", str(target))
        assert 0 == status
        page = target.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert "候选名单" in page

    def test_notice_text(self, round_xlsx: Path) -> None:
        """The notice's text with its period."""
        status, out = run(
            "report",
            "notice",
            str(round_xlsx),
            "--at",
            AT,
            "--from",
            "2023-01-16",
            "--objections",
            "县“五型”办（电话 0797-0000000）",
        )
        assert 0 == status
        assert out.startswith("关于兴国县2022年度“五型”政府建设评选（演示数据）拟表彰对象的公示")
        assert "2023年1月28日" in out
        assert "县“五型”办（电话 0797-0000000）" in out

    def test_notice_and_scores_as_pages(self, round_xlsx: Path, tmp_path: Path) -> None:
        """--format html gives printable pages in Chinese, written as UTF-8."""
        notice = tmp_path / "公示.html"
        scores = tmp_path / "得分明细.html"
        assert (
            0
            == run(
                "report",
                "notice",
                str(round_xlsx),
                "--at",
                AT,
                "--from",
                "2023-01-16",
                "--format",
                "html",
                "-o",
                str(notice),
            )[0]
        )
        assert (
            0
            == run(
                "report",
                "scores",
                str(round_xlsx),
                "--at",
                AT,
                "--format",
                "html",
                "-o",
                str(scores),
            )[0]
        )
        for page in (notice, scores):
            text = page.read_text(encoding="utf-8")
            assert '<html lang="zh-CN">' in text
        assert len(settled_bundle().applications) == scores.read_text(encoding="utf-8").count(
            '<section class="sheet">'
        )

    def test_notice_with_a_pending_tie(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Before the office settles the tie, the notice is refused with the tie named."""
        path = tmp_path / "round.xlsx"
        path.write_bytes(workbook(demo_bundle()))
        status, out = run("report", "notice", str(path), "--at", AT, "--from", "2023-01-16")
        err = capsys.readouterr().err
        assert (1, "") == (status, out)
        assert "[tie_pending]" in err

    def test_notice_bad_date(self, round_xlsx: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A day that is not a date is an input problem."""
        status, _ = run("report", "notice", str(round_xlsx), "--at", AT, "--from", "16/1")
        assert 1 == status
        assert "--from" in capsys.readouterr().err

    def test_scores(self, round_xlsx: Path) -> None:
        """Score sheets of named applications; an unknown one is refused."""
        status, out = run(
            "report", "scores", str(round_xlsx), "--at", AT, "--application", "dt-t01"
        )
        assert 0 == status
        assert out.startswith("潋江镇 得分明细")
        assert (
            1 == run("report", "scores", str(round_xlsx), "--at", AT, "--application", "nope")[0]
        )


def test_console_script_encoding(round_xlsx: Path) -> None:
    """The installed command writes UTF-8 whatever the locale (a Chinese notice in a C
    locale would otherwise fail)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wuxing",
            "report",
            "notice",
            str(round_xlsx),
            "--at",
            AT,
            "--from",
            "2023-01-16",
        ],
        capture_output=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": ""},
        check=False,
    )
    assert 0 == done.returncode, done.stderr.decode()
    assert "拟表彰对象的公示" in done.stdout.decode("utf-8")


class TestMissingExtras:
    """Without an optional package the command says which extra to install."""

    def test_without_openpyxl(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A workbook needs the excel extra."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        status, _ = run("template", "xingguo-2022", "-o", str(tmp_path / "round.xlsx"))
        err = capsys.readouterr().err
        assert 1 == status
        assert "pip install 'wuxing[excel]'" in err
        assert "[missing_extra]" in err

    def test_without_stroke_data(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The notice's stroke order needs the strokes extra."""
        path = tmp_path / "bundle.json"
        io.write(path, settled_bundle())
        monkeypatch.setitem(sys.modules, "unicodedataplus", None)
        status, _ = run("report", "notice", str(path), "--at", AT, "--from", "2023-01-16")
        assert 1 == status
        assert "pip install 'wuxing[strokes]'" in capsys.readouterr().err
