"""`--format json` on every command, through `main`: exit status, standard output and error,
encodings and the language."""

from __future__ import annotations

import argparse
import io as stdio
import json
from pathlib import Path
from typing import Any

import pytest

from wuxing import io, rulesets
from wuxing.cli import main
from wuxing.cli.main import _parser
from wuxing.samples import starter_bundle


def run(*argv: str) -> tuple[int, str]:
    out = stdio.StringIO()
    return main(list(argv), out), out.getvalue()


def leaf_commands() -> list[tuple[str, ...]]:
    """Every command of the parser, as the words that name it (``("report", "notice")``)."""
    found: list[tuple[str, ...]] = []

    def walk(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append(words)
            return
        for name, sub in subs[0].choices.items():
            walk(sub, (*words, name))

    walk(_parser(), ())
    return found


def json_choices(words: tuple[str, ...]) -> list[str]:
    parser: Any = _parser()
    for word in words:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[word]
    action = next(a for a in parser._actions if "--format" in a.option_strings)
    return list(action.choices)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a starter round in it (`wuxing init`), as the working directory."""
    monkeypatch.chdir(tmp_path)
    assert 0 == run("init", ".")[0]
    return tmp_path


def document(out: str) -> Any:
    value = json.loads(out)
    assert isinstance(value, dict | list)
    return value


class TestEveryCommand:
    def test_every_command_offers_json(self) -> None:
        """Every command's --format takes json."""
        commands = leaf_commands()
        assert len(commands) >= 15
        for words in commands:
            assert "json" in json_choices(words), words

    @pytest.mark.parametrize(
        "argv",
        [
            ("rulesets",),
            ("show", "xingguo-2022"),
            ("validate", "bundle.json"),
            ("evaluate", "round.xlsx", "--at", "2023-01-10"),
            ("schema", "unit"),
            ("demo",),
            ("template", "xingguo-2022", "-o", "t.xlsx"),
            ("template", "xingguo-2022", "-o", "csv-folder"),
            ("import", "round.xlsx", "-o", "imported.json"),
            ("export", "bundle.json", "-o", "exported.xlsx"),
            ("report", "candidates", "round.xlsx", "--at", "2023-01-10"),
            ("report", "notice", "round.xlsx", "--at", "2023-01-10", "--from", "2023-01-16"),
            ("report", "scores", "round.xlsx", "--at", "2023-01-10"),
        ],
    )
    def test_json_output(
        self, folder: Path, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Exit 0, one JSON document on standard output, nothing on standard error."""
        status, out = run(*argv, "--format", "json")
        assert (0, "") == (status, capsys.readouterr().err)
        document(out)

    def test_init_json(self, tmp_path: Path) -> None:
        status, out = run("init", str(tmp_path / "new"), "--format", "json")
        assert 0 == status
        described = document(out)
        assert "init" == described["command"]
        assert [str(tmp_path / "new" / "round.xlsx"), str(tmp_path / "new" / "bundle.json")] == (
            described["written"]
        )
        for path in described["written"]:
            assert Path(path).is_file()

    def test_ledger_and_tasks_json(self, tmp_path: Path) -> None:
        """The registers' commands (their files from the examples)."""
        data = Path("examples/data")
        ledgers = sorted(data.glob("*ledger*.json"))
        tasks = sorted(data.glob("*task*.json"))
        assert ledgers
        assert tasks
        status, out = run(
            "ledger", "summary", str(ledgers[0]), "--at", "2022-12-31", "--format", "json"
        )
        assert 0 == status
        document(out)
        status, out = run("tasks", str(tasks[0]), "--at", "2022-12-31", "--format", "json")
        assert 0 == status
        document(out)


class TestDescriptions:
    def test_template(self, folder: Path) -> None:
        status, out = run("template", "xingguo-2022", "-o", "t.xlsx", "--format", "json")
        assert 0 == status
        assert {
            "command": "template",
            "written": ["t.xlsx"],
            "kind": "workbook",
            "ruleset_id": "xingguo-2022",
        } == document(out)
        assert (folder / "t.xlsx").is_file()

    def test_import_counts(self, folder: Path) -> None:
        """The description counts what the bundle written holds."""
        status, out = run("import", "round.xlsx", "-o", "b.json", "--format", "json")
        assert 0 == status
        bundle = io.read(folder / "b.json")
        starter = starter_bundle()
        assert {
            "command": "import",
            "written": ["b.json"],
            "kind": "bundle",
            "applications": len(starter.applications),
            "sheets": len(starter.sheets),
        } == document(out)
        assert starter == bundle

    def test_import_to_standard_output_is_the_bundle(self, folder: Path) -> None:
        """Without -o the bundle itself is the output, JSON already."""
        status, out = run("import", "round.xlsx", "--format", "json")
        assert 0 == status
        assert starter_bundle() == io.loads(out)

    def test_candidates_content(self, folder: Path) -> None:
        status, out = run(
            "report", "candidates", "round.xlsx", "--at", "2023-01-10", "--format", "json"
        )
        assert 0 == status
        data = document(out)
        names = [c["name"] for cat in data["categories"] for c in cat["listed"]]
        starter = starter_bundle()
        known = {u.name for u in starter.units} | {p.name for p in starter.people}
        assert set(names) <= known | {s.name for s in starter.supervisors}
        assert names

    def test_notice_content(self, folder: Path) -> None:
        argv = ("report", "notice", "round.xlsx", "--at", "2023-01-10", "--from", "2023-01-16")
        status, out = run(*argv, "--format", "json")
        assert 0 == status
        data = document(out)
        assert "2023-01-16" == data["first_day"]
        text = run(*argv)[1]
        for section in data["sections"]:
            assert section["heading"] in text
            for name in section["names"]:
                assert name in text

    def test_scores_reasons_in_the_language(self, folder: Path) -> None:
        argv = ("report", "scores", "round.xlsx", "--at", "2023-01-10", "--format", "json")
        zh = document(run(*argv, "--lang", "zh")[1])
        en = document(run(*argv, "--lang", "en")[1])
        zh_reasons = [r for s in zh["sheets"] for r in s["reasons"]]
        en_reasons = [r for s in en["sheets"] for r in s["reasons"]]
        assert [r["code"] for r in zh_reasons] == [r["code"] for r in en_reasons]
        assert zh_reasons
        assert all("第" in r["message"] or "分" in r["message"] for r in zh_reasons)


class TestEncodingsAndErrors:
    def test_import_gb18030(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A bundle in GB18030 read with --encoding; the description in JSON."""
        source = tmp_path / "gb.json"
        source.write_bytes(io.dumps(starter_bundle()).encode("gb18030"))
        target = tmp_path / "utf8.json"
        status, out = run(
            "import", str(source), "--encoding", "gb18030", "-o", str(target), "--format", "json"
        )
        assert (0, "") == (status, capsys.readouterr().err)
        assert str(target) == document(out)["written"][0]
        assert starter_bundle() == io.read(target)

    def test_problems_stay_on_standard_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A refused input with --format json: exit 1, nothing on standard output, the
        problems on standard error (in Chinese with --lang zh)."""
        bad = tmp_path / "bare.json"
        bad.write_text('{"units": []}', encoding="utf-8")
        status, out = run("import", str(bad), "-o", str(tmp_path / "x.json"), "--format", "json")
        err = capsys.readouterr().err
        assert (1, "") == (status, out)
        assert "[no_envelope]" in err
        status, out = run("export", str(bad), "-o", str(tmp_path / "x.xlsx"), "--lang", "zh")
        assert 1 == status
        assert "缺少文档外层" in capsys.readouterr().err

    def test_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown format is a usage error (2)."""
        assert 2 == run("init", "--format", "yaml")[0]
        assert "--format" in capsys.readouterr().err

    def test_ruleset_file_template(self, tmp_path: Path) -> None:
        """A ruleset given as a file works as an id does."""
        path = tmp_path / "r.toml"
        path.write_text(rulesets.dumps_toml(rulesets.load("xingguo-2022")), encoding="utf-8")
        status, out = run(
            "template", str(path), "-o", str(tmp_path / "t.xlsx"), "--format", "json"
        )
        assert 0 == status
        assert "xingguo-2022" == document(out)["ruleset_id"]
