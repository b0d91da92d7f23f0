"""The wuxing command line."""

from __future__ import annotations

import io as stdio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wuxing import io, rulesets
from wuxing.cli import main
from wuxing.errors import RulesetError, ValidationError
from wuxing.samples import DEMO_AT as DEMO_AT_


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
        data["data"]["sheets"][0]["marks"][0]["points"] = "18,5"
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
    path = "examples/data/city-2023-key-tasks.json"

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


BUNDLE = "examples/data/xingguo-2022-bundle.json"
LEDGER = "examples/data/tongmu-2021-ledger.json"
TASKS = "examples/data/city-2023-key-tasks.json"
WUXING = str(Path(sys.executable).with_name("wuxing"))


def run_all(*argv: str) -> tuple[int, str, str]:
    """Run in-process; return the status, standard output and standard error."""
    out, err = stdio.StringIO(), stdio.StringIO()
    saved = sys.stderr
    sys.stderr = err
    try:
        status = main(list(argv), out)
    finally:
        sys.stderr = saved
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Installed plugins: rulesets ``broken`` (its module does not exist) and ``odd`` (gives a
    dict, not TOML text), and a veto rule ``broken_veto`` whose module does not exist."""
    info = tmp_path / "wuxing_fake_plugins-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Name: wuxing-fake-plugins\nVersion: 1.0\n", "utf-8")
    (info / "entry_points.txt").write_text(
        "[wuxing.rulesets]\nbroken = wuxing_no_such_module:ruleset\nodd = builtins:dict\n"
        "[wuxing.vetoes]\nbroken_veto = wuxing_no_such_module:rule\n",
        "utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


class TestConventions:
    def test_version(self) -> None:
        """`--version` prints the installed version and exits 0."""
        from importlib.metadata import version

        assert (0, f"wuxing {version('wuxing')}\n", "") == run_all("--version")

    @pytest.mark.parametrize(
        "argv",
        [
            (),
            ("no-such-command",),
            ("evaluate", BUNDLE),
            ("evaluate", BUNDLE, "--at", "2023-13-45"),
            ("evaluate", BUNDLE, "--at", "tomorrow"),
            ("evaluate", BUNDLE, "--at", "9999-12-31T23:59:59-12:00"),
            ("demo", "--format", "yaml"),
        ],
    )
    def test_usage_errors_exit_2(self, argv: tuple[str, ...]) -> None:
        """A wrong command line exits 2 with a usage message and no traceback."""
        status, out, err = run_all(*argv)
        assert 2 == status
        assert "" == out
        assert "usage:" in err or "error:" in err
        assert "Traceback" not in err

    def test_bad_input_exits_1(self, tmp_path: Path) -> None:
        """Problems in the input exit 1, each problem on standard error."""
        path = tmp_path / "bad.json"
        path.write_text('{"format": "wuxing", "version": 1, "kind": "unit", "data": {}}', "utf-8")
        status, out, err = run_all("validate", str(path))
        assert (1, "") == (status, out)
        assert "id: is required [missing_field]" in err

    def test_standard_input_and_output(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`-` reads standard input; `-o FILE` writes the output there, `-o -` to stdout."""
        data = Path(BUNDLE).read_bytes()
        monkeypatch.setattr(sys, "stdin", stdio.TextIOWrapper(stdio.BytesIO(data)))
        status, piped, _ = run_all("evaluate", "-", "--at", "2023-01-10")
        assert 0 == status
        assert (0, piped, "") == run_all("evaluate", BUNDLE, "--at", "2023-01-10", "-o", "-")
        target = tmp_path / "result.txt"
        assert (0, "", "") == run_all("evaluate", BUNDLE, "--at", "2023-01-10", "-o", str(target))
        assert piped == target.read_text("utf-8")

    @pytest.mark.parametrize(
        "argv",
        [
            ("rulesets",),
            ("show", "xingguo-2022"),
            ("validate", BUNDLE),
            ("evaluate", BUNDLE, "--at", "2023-01-10"),
            ("demo",),
            ("schema", "unit"),
            ("ledger", "summary", LEDGER, "--at", "2021-12-31"),
            ("ledger", "summary", LEDGER, "--at", "2021-12-31", "--by", "unit"),
            ("ledger", "summary", LEDGER, "--at", "2021-12-31", "--by", "month"),
            ("tasks", TASKS, "--at", "2023-06-30"),
            ("tasks", TASKS, "--at", "2023-06-30", "--by", "area"),
        ],
    )
    def test_format_json_on_every_command(self, argv: tuple[str, ...]) -> None:
        """Every command gives its output as one JSON document with `--format json`."""
        status, out, _ = run_all(*argv, "--format", "json")
        assert 0 == status
        assert isinstance(json.loads(out), dict)

    def test_ledger_json_figures(self) -> None:
        """The ledger's JSON figures are seed 000's."""
        _, out, _ = run_all("ledger", "summary", LEDGER, "--at", "2021-12-31", "--format", "json")
        figures = json.loads(out)
        assert (32, 41, 18) == (
            figures["inspections"]["centralized"],
            figures["inspections"]["unscheduled"],
            figures["inspections"]["special_remediation"],
        )
        assert (13, 7) == (
            figures["sanctions"]["dealt_with"],
            figures["sanctions"]["held_accountable"],
        )

    @pytest.mark.parametrize(
        ("written", "meaning"),
        [
            ("2023-01-10", "2023-01-10T23:59:59.999999+08:00"),
            ("2023年1月10日", "2023-01-10T23:59:59.999999+08:00"),
            ("２０２３年１月１０日", "2023-01-10T23:59:59.999999+08:00"),
            ("2023/1/10", "2023-01-10T23:59:59.999999+08:00"),
            ("2023-1-10 17:00", "2023-01-10T17:00:00+08:00"),
            ("2023年1月10日 17:00", "2023-01-10T17:00:00+08:00"),
            ("2023年1月10日17时30分", "2023-01-10T17:30:00+08:00"),
            ("2023-01-10T17:00", "2023-01-10T17:00:00+08:00"),
            ("2023-01-10T09:00Z", "2023-01-10T17:00:00+08:00"),
            ("2023-01-10T17:00+08:00", "2023-01-10T17:00:00+08:00"),
        ],
    )
    def test_at(self, written: str, meaning: str) -> None:
        """`--at` takes a date (the end of that day in the campaign's zone), a Chinese date,
        and a date and time with or without an offset."""
        _, out, _ = run_all("evaluate", BUNDLE, "--at", written, "--format", "json")
        assert meaning == json.loads(out)["data"]["at"]

    def test_closed_pipe_is_quiet(self) -> None:
        """A reader that closes the pipe early (`wuxing demo | head`) leaves no message."""
        process = subprocess.Popen(
            [WUXING, "schema", "result"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        err = process.stderr.read()
        assert 0 == process.wait()
        assert b"" == err

    def test_output_in_an_encoding_without_chinese(self) -> None:
        """On a console that cannot show Chinese the characters are escaped, not a crash."""
        done = subprocess.run(
            [WUXING, "show", "xingguo-2022"],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "ascii"},
            check=False,
        )
        assert 0 == done.returncode
        assert b"\\u" in done.stdout
        assert b"" == done.stderr

    def test_gb18030_input(self, tmp_path: Path) -> None:
        """A GB18030 file is refused naming the file and `--encoding gb18030`, which works."""
        path = tmp_path / "ledger.json"
        path.write_bytes(Path(LEDGER).read_text("utf-8").encode("gb18030"))
        status, _, err = run_all("ledger", "summary", str(path), "--at", "2021-12-31")
        assert 1 == status
        assert str(path) in err
        assert "--encoding gb18030" in err
        status, out, _ = run_all(
            "ledger", "summary", str(path), "--at", "2021-12-31", "--encoding", "gb18030"
        )
        assert (0, run_all("ledger", "summary", LEDGER, "--at", "2021-12-31")[1]) == (status, out)

    def test_terminal_output_escaped(self, tmp_path: Path) -> None:
        """What the input did not get refused for is escaped before reaching the terminal."""
        path = tmp_path / "bad.json"
        path.write_text(
            '{"format": "wuxing", "version": 1, "kind": "unit", '
            '"data": {"\\u001b]0;x\\u0007": 1}}',
            "utf-8",
        )
        status, _out, err = run_all("validate", str(path))
        assert 1 == status
        assert "\x1b" not in err
        assert "\x07" not in err
        assert "\\x1b]0;x\\x07" in err

    def test_unrefused_format_characters_escaped(self, tmp_path: Path) -> None:
        """A name may hold a format character or a line separator (not refused: some scripts
        need them), but the terminal gets it escaped."""
        data = json.loads(Path(BUNDLE).read_text("utf-8"))
        data["data"]["units"][0]["name"] = "潋江\u2028\u200e镇"
        path = tmp_path / "bundle.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        status, out, _ = run_all("evaluate", str(path), "--at", "2023-01-10")
        assert 0 == status
        assert "潋江\\u2028\\u200e镇" in out
        assert "\u2028" not in out
        assert "\u200e" not in out

    def test_no_traceback_on_a_bug(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An internal error says it is a bug and exits 3, without a traceback."""
        import wuxing.cli.evaluate as command

        def broken(*_: object) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr(command, "demo_bundle", broken)
        status, _, err = run_all("demo")
        assert 3 == status
        assert "internal error: RuntimeError: boom" in err
        assert "Traceback" not in err

    def test_progress_on_a_terminal_only(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Long work shows its steps on standard error when it is a terminal, not otherwise."""
        import wuxing.cli.arguments as arguments

        class Terminal(stdio.StringIO):
            def isatty(self) -> bool:
                return True

        monkeypatch.setattr(arguments, "PROGRESS_BYTES", 1000)  # the example counts as long
        terminal = Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        assert 0 == main(["evaluate", BUNDLE, "--at", "2023-01-10"], stdio.StringIO())
        assert "wuxing: reading" in terminal.getvalue()
        assert "wuxing: evaluating" in terminal.getvalue()
        _, _, err = run_all("evaluate", BUNDLE, "--at", "2023-01-10")
        assert "" == err


def _incomplete(tmp_path: Path) -> str:
    """The example bundle with a township's sheets, a supervisor's assessment and the
    township's annual score left out: valid, but three applications will be ineligible."""
    data = json.loads(Path(BUNDLE).read_text("utf-8"))["data"]
    township = data["applications"][0]
    data["sheets"] = [s for s in data["sheets"] if s["application_id"] != township["id"]]
    data["annual_scores"] = [
        a for a in data["annual_scores"] if a["applicant_id"] != township["applicant_id"]
    ]
    data["assessments"] = data["assessments"][1:]
    path = tmp_path / "incomplete.json"
    envelope = {"format": "wuxing", "version": 1, "kind": "bundle", "data": data}
    path.write_text(json.dumps(envelope, ensure_ascii=False), "utf-8")
    return str(path)


class TestValidateGate:
    def test_the_example_is_complete(self) -> None:
        """The example bundle passes (exit 0) without warnings."""
        assert (0, f"{BUNDLE}: valid bundle\n", "") == run_all("validate", BUNDLE)

    def test_warnings_of_ineligibility(self, tmp_path: Path) -> None:
        """A valid bundle passes (exit 0) with warnings of what will make applications
        ineligible, on standard error."""
        path = _incomplete(tmp_path)
        status, out, err = run_all("validate", path)
        assert (0, f"{path}: valid bundle\n") == (status, out)
        assert "[verification_incomplete]" in err
        assert "[annual_score_missing]" in err
        assert "[assessment_missing]" in err

    def test_json_document(self, tmp_path: Path) -> None:
        """`--format json` gives the problems and warnings as a document."""
        status, out, _ = run_all("validate", _incomplete(tmp_path), "--format", "json")
        document = json.loads(out)
        assert (0, True, "bundle", []) == (
            status,
            document["valid"],
            document["kind"],
            document["problems"],
        )
        assert {"verification_incomplete", "annual_score_missing", "assessment_missing"} == {
            w["code"] for w in document["warnings"]
        }

    def test_missing_recommender_warned(self, tmp_path: Path) -> None:
        """A nomination without its recommending unit is a warning, not silence."""
        data = json.loads(Path(BUNDLE).read_text("utf-8"))
        nomination = next(
            a for a in data["data"]["applications"] if a["recommended_by"] is not None
        )
        nomination["recommended_by"] = None
        path = tmp_path / "bundle.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        status, _, err = run_all("validate", str(path))
        assert 0 == status
        assert "[no_recommender]" in err

    def test_unknown_veto_is_a_problem(self, tmp_path: Path) -> None:
        """A ruleset naming a veto nobody registered fails validate, as it fails evaluate."""
        path = tmp_path / "r.toml"
        path.write_text(
            'extends = "xingguo-2022"\nid = "x"\n[[vetoes]]\nname = "no_such_rule"\n', "utf-8"
        )
        status, _, err = run_all("validate", str(path))
        assert 1 == status
        assert "[unknown_veto]" in err

    def test_tampered_audit_log(self, tmp_path: Path) -> None:
        """An edited audit log fails validate."""
        from wuxing.process.audit import AuditLog, Role

        log, _ = AuditLog().append("submit", "u1-clerk", Role.APPLICANT_UNIT, "a1", DEMO_AT_)
        log, _ = log.append("accept", "office-1", Role.OFFICE, "a1", DEMO_AT_)
        data = json.loads(io.dumps(log))
        data["data"]["events"][0]["subject"] = "a2"
        path = tmp_path / "log.json"
        path.write_text(json.dumps(data), "utf-8")
        status, _, err = run_all("validate", str(path))
        assert 1 == status
        assert "log_tampered" in err

    def test_settlement_matched_with_at(self, tmp_path: Path) -> None:
        """With --at, validate evaluates: a settlement that decides no tie is a problem."""
        data = json.loads(Path(BUNDLE).read_text("utf-8"))
        data["data"]["settlements"] = [
            {
                "id": "S1",
                "category_id": "demonstration-township",
                "tied": ["dt-t01", "dt-t02"],
                "chosen": ["dt-t01"],
                "decided_by": ["office-1", "office-2"],
                "grounds": "集体研究",
                "decided_at": "2023-01-11T09:00:00+08:00",
                "kind": "seats",
            }
        ]
        path = tmp_path / "bundle.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        status, _, err = run_all("validate", str(path))
        assert 0 == status
        assert "[settlements_unchecked]" in err
        status, _, err = run_all("validate", str(path), "--at", "2023-01-10")
        assert 1 == status
        assert "[settlement_unmatched]" in err


class TestPlugins:
    def test_builtin_rulesets_keep_working(self, plugins: Path) -> None:
        """A broken plugin does not stop the built-in ruleset, `show` or `demo`."""
        assert "xingguo-2022" == rulesets.load("xingguo-2022").id
        assert {"broken", "odd", "xingguo-2022"} <= set(rulesets.available())
        assert 0 == run_all("show", "xingguo-2022")[0]
        assert 0 == run_all("demo")[0]

    def test_broken_plugin_is_its_own_problem(self, plugins: Path) -> None:
        """Loading the broken plugin's ruleset is a plugin_failed problem naming it."""
        for name, words in (("broken", "ModuleNotFoundError"), ("odd", "gave a dict")):
            with pytest.raises(RulesetError) as info:
                rulesets.load(name)
            assert "plugin_failed" == info.value.code
            assert words in str(info.value)
        assert ["plugins.broken", "plugins.odd"] == [p.path for p in rulesets.plugin_problems()]

    def test_rulesets_command_lists_the_rest(self, plugins: Path) -> None:
        """`wuxing rulesets` lists the working rulesets and reports the broken plugins."""
        status, out, err = run_all("rulesets")
        assert 1 == status
        assert "xingguo-2022" in out
        assert "plugins.broken" in err
        assert "plugins.odd" in err

    def test_broken_veto_plugin(self, plugins: Path, tmp_path: Path) -> None:
        """A veto plugin that fails to load stops only the rulesets that name it."""
        assert 0 == run_all("demo")[0]
        path = tmp_path / "r.toml"
        path.write_text(
            'extends = "xingguo-2022"\nid = "x"\n[[vetoes]]\nname = "broken_veto"\n', "utf-8"
        )
        status, _, err = run_all("validate", str(path))
        assert 1 == status
        assert "[plugin_failed]" in err
        assert "ModuleNotFoundError" in err

    def test_validate_warns_of_unused_broken_plugins(self, plugins: Path) -> None:
        """A document that does not use a broken plugin passes, with a warning about it."""
        status, _, err = run_all("validate", BUNDLE)
        assert 0 == status
        assert "plugins.broken" in err


class TestFailuresAtTheEdges:
    def test_output_to_a_folder(self, tmp_path: Path) -> None:
        """An output that cannot be written is a plain error, exit 1."""
        status, _, err = run_all("demo", "-o", str(tmp_path))
        assert 1 == status
        assert f"cannot write {tmp_path}" in err

    def test_not_a_text_encoding(self) -> None:
        """`--encoding rot13` names no text encoding: a problem, not a crash."""
        status, _, err = run_all("validate", BUNDLE, "--encoding", "rot13")
        assert 1 == status
        assert "[unknown_encoding]" in err

    def test_library_refuses_what_is_not_text(self) -> None:
        """io.loads of something that is not JSON text is a ValidationError."""
        with pytest.raises(ValidationError) as info:
            io.loads(None)  # type: ignore[arg-type]
        assert "wrong_type" == info.value.code
