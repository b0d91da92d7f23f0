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


class TestEvaluate:
    def test_demo_shows_veto_threshold_and_tie(self) -> None:
        """`wuxing demo` prints all four categories with a veto, a below-threshold and a tie."""
        status, out = run("demo")
        assert 0 == status
        for title in ("示范乡镇", "先进集体", "先进个人", "优秀监督员"):
            assert title in out
        assert "一票否决 vetoed" in out
        assert "未达分数线 below_threshold" in out
        assert "tie at the boundary: 古龙岗镇, 梅窖镇" in out

    def test_json_format_is_the_result_document(self) -> None:
        """`--format json` prints a result document that loads back."""
        from wuxing.evaluation.outcomes import SelectionResult

        status, out = run(
            "evaluate",
            "examples/data/xingguo-2022-bundle.json",
            "--at",
            "2023-01-10T17:00:00+08:00",
            "--format",
            "json",
        )
        assert 0 == status
        assert 4 == len(io.loads(out, SelectionResult).categories)

    def test_markdown(self) -> None:
        """`--format markdown` prints Markdown tables."""
        status, out = run("demo", "--format", "markdown")
        assert 0 == status
        assert "| rank | applicant |" in out

    def test_malformed_bundle(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A malformed bundle exits 1 with every problem and its path, no traceback."""
        import json

        data = json.loads(Path("examples/data/xingguo-2022-bundle.json").read_text("utf-8"))
        data["data"]["applications"][2]["submitted_at"] = "2022-12-20 10:00"
        data["data"]["sheets"][0]["marks"][0]["points"] = 19.5
        data["data"]["units"][0]["kind"] = "village"
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        status, _ = run("evaluate", str(path), "--at", "2023-01-10T17:00+08:00")
        err = capsys.readouterr().err
        assert 1 == status
        assert "applications[2].submitted_at" in err
        assert "sheets[0].marks[0].points" in err
        assert "units[0].kind" in err
        assert "Traceback" not in err

    def test_at_a_date_is_the_end_of_that_day(self) -> None:
        """`--at 2023-01-10` and `--at 2023年1月10日` are the end of that day in the campaign's
        zone: the same result as the instant written out."""
        bundle = "examples/data/xingguo-2022-bundle.json"
        expected = run("evaluate", bundle, "--at", "2023-01-10T23:59:59.999999+08:00")
        assert 0 == expected[0]
        assert expected == run("evaluate", bundle, "--at", "2023-01-10")
        assert expected == run("evaluate", bundle, "--at", "2023年1月10日")


class TestSchema:
    def test_demo_bundle_validates(self) -> None:
        """The published schema accepts the demonstration bundle and refuses a broken one."""
        import json

        import jsonschema

        status, out = run("schema", "bundle")
        assert 0 == status
        schema = json.loads(out)
        document = json.loads(Path("examples/data/xingguo-2022-bundle.json").read_text("utf-8"))
        jsonschema.validate(document, schema)
        document["data"]["units"][0]["surprise"] = 1
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, schema)

    def test_result_schema_accepts_a_result(self) -> None:
        """The result schema accepts `--format json` output."""
        import json

        import jsonschema

        _, schema = run("schema", "result")
        _, out = run("demo", "--format", "json")
        jsonschema.validate(json.loads(out), json.loads(schema))


class TestLedgerSummary:
    path = "examples/data/tongmu-2021-ledger.json"

    def test_seed_000_figures(self) -> None:
        """The example ledger's summary shows seed 000's figures."""
        status, out = run("ledger", "summary", self.path, "--at", "2021-12-31")
        assert 0 == status
        for line in ("集中督查 centralized", "不定期督查 unscheduled", "专项整治督查"):
            assert line in out
        counts = {
            row.rsplit(None, 1)[0].strip(): int(row.rsplit(None, 1)[1])
            for row in out.splitlines()[4:]
            if row and row.rsplit(None, 1)[-1].isdigit()
        }
        assert 32 == counts["集中督查 centralized"]
        assert 41 == counts["不定期督查 unscheduled"]
        assert (
            90 == counts["企业督查 field_enterprise"] + counts["便民中心督查 field_service_centre"]
        )
        assert 18 == counts["专项整治督查 special_remediation"]
        assert (45, 16) == (counts["现场整改 on_the_spot"], counts["限期整改 within_deadline"])
        assert (13, 7) == (counts["处理 dealt_with"], counts["问责 held_accountable"])

    def test_by_unit_and_month(self) -> None:
        """--by unit and --by month print their tables."""
        status, out = run("ledger", "summary", self.path, "--at", "2021-06-30", "--by", "month")
        assert 0 == status
        assert "2021-06" in out
        assert "2021-07" not in out
        status, out = run("ledger", "summary", self.path, "--at", "2021-12-31", "--by", "unit")
        assert 0 == status
        assert "tongmu" in out

    def test_evaluate_names_overdue_item(self) -> None:
        """`wuxing evaluate` vetoes 龙口镇 for R-2022-031, and not 潋江镇 (accepted 01-09)."""
        status, out = run(
            "evaluate",
            "examples/data/xingguo-2022-bundle.json",
            "--at",
            "2023-01-10T17:00+08:00",
        )
        assert 0 == status
        longkou = next(line for line in out.splitlines() if "dt-t07" in line)
        assert "vetoed" in longkou
        assert "R-2022-031" in longkou
        lianjiang = next(line for line in out.splitlines() if "dt-t01" in line)
        assert "selected" in lianjiang


class TestTasks:
    path = "examples/data/seed-002-key-tasks.json"

    def test_by_unit(self) -> None:
        """`wuxing tasks --by unit` prints the load table, heaviest lead units first."""
        status, out = run("tasks", self.path, "--at", "2023-06-30")
        assert 0 == status
        rows = [r for r in out.splitlines() if r.startswith("市")]
        assert rows[0].split()[:2] in (["市城管局", "5"], ["市行政审批局", "5"])

    def test_by_area(self) -> None:
        """`wuxing tasks --by area` prints the ten areas."""
        status, out = run("tasks", self.path, "--at", "2023-06-30", "--by", "area")
        assert 0 == status
        assert "促进常态化疫情防控抓实抓细" in out


def test_validate_checks_bundle_references(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`wuxing validate` on a bundle also checks its cross-references."""
    import json

    data = json.loads(Path("examples/data/xingguo-2022-bundle.json").read_text("utf-8"))
    data["data"]["sheets"][0]["application_id"] = "no-such-application"
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, _ = run("validate", str(path))
    assert 1 == status
    assert "sheets[0].application_id: no application" in capsys.readouterr().err
    assert (0, "examples/data/xingguo-2022-bundle.json: valid bundle\n") == run(
        "validate", "examples/data/xingguo-2022-bundle.json"
    )
