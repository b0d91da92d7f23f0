"""The wuxing command line."""

from __future__ import annotations

import io as stdio
from pathlib import Path

import pytest

from wuxing import io, rulesets
from wuxing.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = stdio.StringIO()
    return main(list(argv), out), out.getvalue()


class TestRulesets:
    def test_lists_builtin(self) -> None:
        """`wuxing rulesets` lists xingguo-2022."""
        status, out = run("rulesets")
        assert 0 == status
        assert "xingguo-2022" in out


class TestShow:
    def test_table_has_chinese_titles_and_quotas(self) -> None:
        """`wuxing show` prints every category with its quota and every criterion title."""
        status, out = run("show", "xingguo-2022")
        assert 0 == status
        for cat in rulesets.load("xingguo-2022").categories:
            assert cat.title_zh in out
            for k in cat.criteria:
                assert k.title_zh in out
        assert "declared defaults" in out

    def test_markdown(self) -> None:
        """`--format markdown` prints Markdown tables."""
        status, out = run("show", "xingguo-2022", "--format", "markdown")
        assert 0 == status
        assert "| code | 评选条件 |" in out


class TestValidate:
    def test_valid_document(self, tmp_path: Path) -> None:
        """A valid JSON document passes."""
        path = tmp_path / "r.json"
        io.write(path, rulesets.load("xingguo-2022"))
        assert (0, f"{path}: valid ruleset\n") == run("validate", str(path))

    def test_every_problem_printed(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An invalid document exits 1 and prints each problem with its path, no traceback."""
        path = tmp_path / "bad.json"
        path.write_text(
            '{"format": "wuxing", "version": 1, "kind": "unit", "data": '
            '{"id": "x", "name": "", "kind": "city", "division_code": "360732", '
            '"credit_code": null}}',
            encoding="utf-8",
        )
        status, _ = run("validate", str(path))
        err = capsys.readouterr().err
        assert 1 == status
        assert "name: must not be blank [blank]" in err
        assert "kind: must be one of" in err
        assert "Traceback" not in err

    def test_bad_toml(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A malformed ruleset file exits 1 and names the key."""
        path = tmp_path / "bad.toml"
        path.write_text('extends = "xingguo-2022"\n[scoring]\npass_mark = 120\n', encoding="utf-8")
        status, _ = run("validate", str(path))
        assert 1 == status
        assert "scoring.pass_mark: must be at most 100" in capsys.readouterr().err

    def test_missing_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing file is a clear error, not a traceback."""
        status, _ = run("validate", "/nonexistent/file.json")
        assert 1 == status
        assert "No such file" in capsys.readouterr().err


def test_demo_runs() -> None:
    """`wuxing demo` runs on the built-in data."""
    status, out = run("demo")
    assert 0 == status
    assert "兴国县" in out
