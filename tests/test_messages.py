"""The message catalogue: every code in both languages, the compiled catalogues up to date
with their sources, the language from the command line and the locale, dates for people."""

from __future__ import annotations

import builtins
import datetime as dt
import gettext
import io as stdio
import re
import string
from pathlib import Path

import attrs
import pendulum
import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

import wuxing
from wuxing import Problem
from wuxing._core import messages
from wuxing._core.messages import (
    LOCALE_DIR,
    format_date,
    format_datetime,
    language,
    language_from_environment,
    problem_text,
    text,
)
from wuxing.cli import main
from wuxing.samples import DEMO_AT, demo_bundle

SOURCE = Path(wuxing.__file__).parent
CATALOGUES = {"zh": "zh_CN", "en": "en"}


def po(lang: str) -> dict[str, str]:
    path = LOCALE_DIR / CATALOGUES[lang] / "LC_MESSAGES" / "wuxing.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    return {str(m.id): str(m.string) for m in catalog if m.id}


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def codes_used() -> set[str]:
    """Every literal code the library's source passes to ``text``, and the columns it builds."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        source = path.read_text("utf-8")
        found |= set(re.findall(r"\btext\(\s*[\"']([a-z_]+\.[a-z_.]+)[\"']", source))
    columns = ["rank", "applicant", "application", "total", "outcome", "reason"]
    return found | {f"result.column.{c}" for c in columns}


def run(*argv: str) -> tuple[int, str]:
    out = stdio.StringIO()
    return main(list(argv), out), out.getvalue()


class TestCatalogue:
    def test_same_codes_in_both_languages(self) -> None:
        assert set(po("en")) == set(po("zh"))

    def test_every_code_used_is_in_the_catalogue(self) -> None:
        assert set() == codes_used() - set(po("zh"))
        assert len(codes_used()) > 20

    def test_every_text_is_translated(self) -> None:
        """No empty text, and no Chinese text the same as the English one unless it has no
        words (a template of fields only)."""
        en, zh = po("en"), po("zh")
        for code, template in zh.items():
            assert template, code
            assert en[code], code
            if re.search(r"[A-Za-z]{3}", re.sub(r"\{[a-z_]+\}", "", en[code])):
                assert re.search(r"[\u4e00-\u9fff]", template), code

    def test_fields_agree(self) -> None:
        """A text names the same fields in both languages. The English of a problem's or a
        reason's code is a description (its message is written by the code that finds it);
        there the Chinese text names the problem's args or its English message."""
        en, zh = po("en"), po("zh")
        for code in en:
            if code.startswith(("problem.", "reason.")):
                assert not fields(en[code]), code
                continue
            assert fields(en[code]) == fields(zh[code]), code

    def test_compiled_catalogue_is_the_source(self) -> None:
        """The .mo the library reads says what the .po says (the build is not stale)."""
        for lang in ("zh", "en"):
            for code, template in po(lang).items():
                assert template == messages.catalogue(lang).gettext(code), code  # type: ignore[arg-type]

    def test_unknown_code_is_an_error(self) -> None:
        with pytest.raises(KeyError):
            text("no.such.code", "zh")

    def test_no_process_wide_state(self) -> None:
        """Using the catalogue installs nothing in builtins (no gettext.install; a ``_`` an
        interactive session or a doctest left there is not a catalogue's)."""
        text("result.summary", "zh", summary="x")
        installed = getattr(builtins.__dict__.get("_"), "__self__", None)
        assert not isinstance(installed, gettext.NullTranslations)


class TestLanguage:
    @given(
        st.sampled_from(["zh", "zh_CN", "zh_CN.UTF-8", "zh-Hans", "zh_TW.Big5", "ZH_cn"]),
    )
    def test_chinese_tags(self, tag: str) -> None:
        assert "zh" == language(tag)

    @given(st.sampled_from(["en", "en_US.UTF-8", "en-GB", "C", "POSIX", "C.UTF-8"]))
    def test_english_tags(self, tag: str) -> None:
        assert "en" == language(tag)

    def test_other_language(self) -> None:
        with pytest.raises(ValueError, match="zh or en"):
            language("fr_FR")

    @given(
        st.dictionaries(
            st.sampled_from(["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "LC_TIME"]),
            st.sampled_from(["", "zh_CN.UTF-8", "en_US.UTF-8", "C", "fr_FR", "zh_TW:en"]),
        )
    )
    def test_environment_precedence(self, environ: dict[str, str]) -> None:
        """The first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set decides (gettext's
        order); LC_TIME never does."""
        expected = "en"
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
            if environ.get(name):
                expected = "zh" if environ[name].startswith("zh") else "en"
                break
        assert expected == language_from_environment(environ)


class TestDates:
    @given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
    def test_chinese_date_reads_back(self, day: dt.date) -> None:
        """2023年1月10日: year, month and day without leading zeros."""
        found = re.fullmatch(
            r"([1-9][0-9]{3})年([1-9][0-9]?)月([1-9][0-9]?)日", format_date(day, "zh")
        )
        assert found is not None
        assert day == dt.date(*(int(g) for g in found.groups()))
        assert day.isoformat() == format_date(day, "en")

    @given(
        st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2999, 12, 30)),
        st.sampled_from(["Asia/Shanghai", "UTC", "America/Los_Angeles"]),
    )
    def test_times(self, naive: dt.datetime, zone: str) -> None:
        """Chinese to the minute in the time's own zone; English ISO without a fraction."""
        moment = pendulum.instance(naive, tz=zone)
        zh = format_datetime(moment, "zh")
        found = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日 (\d{2}):(\d{2})", zh)
        assert found is not None
        y, mo, d, h, mi = (int(g) for g in found.groups())
        assert (moment.year, moment.month, moment.day, moment.hour, moment.minute) == (
            y,
            mo,
            d,
            h,
            mi,
        )
        en = format_datetime(moment, "en")
        assert "." not in en
        assert moment.replace(microsecond=0) == dt.datetime.fromisoformat(en)


class TestProblemText:
    def test_english_is_the_message(self) -> None:
        p = Problem("a", "wrong_type", "must be a string, got 3")
        assert "must be a string, got 3" == problem_text(p, "en")

    def test_chinese_names_the_kind_and_keeps_the_detail(self) -> None:
        p = Problem("a", "wrong_type", "must be a string, got 3")
        assert "类型不对：must be a string, got 3" == problem_text(p, "zh")

    def test_code_without_text_keeps_its_message(self) -> None:
        p = Problem("a", "some_new_code", "a sentence")
        assert "a sentence" == problem_text(p, "zh")

    def test_args_fill_the_text(self) -> None:
        p = Problem(
            "", "no_envelope", "x", args={"format": "wuxing", "version": 1, "kind": "unit"}
        )
        assert '"kind": "unit"' in problem_text(p, "zh")

    def test_missing_args_fall_back(self) -> None:
        """A text that wants an argument the problem lacks gives the generic word and the
        message, never a KeyError."""
        p = Problem("", "no_envelope", "has no envelope")
        assert "问题：has no envelope" == problem_text(p, "zh")


class TestCommandLine:
    def test_lang_zh(self) -> None:
        """`--lang zh`: headings, times and the summary in Chinese; the campaign's title."""
        status, out = run("demo", "--lang", "zh")
        assert 0 == status
        lines = out.splitlines()
        assert demo_bundle().campaign.title == lines[0]
        assert "截止时间 2023年1月10日 17:00 · 评选规则 xingguo-2022" == lines[1]
        assert "名次" in out
        assert "小计：入选 4，差额备选 1，并列待定 2" in out

    def test_lang_before_the_command(self) -> None:
        assert run("--lang", "zh", "demo")[1] == run("demo", "--lang=zh")[1]

    def test_locale_chooses(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        assert "名次" in run("demo")[1]
        monkeypatch.setenv("LC_ALL", "C")
        assert "rank" in run("demo")[1]

    def test_lang_en_overrides_the_locale(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        status, out = run("demo", "--lang", "en")
        assert 0 == status
        assert f"cut-off {DEMO_AT.isoformat()} · ruleset xingguo-2022" == out.splitlines()[1]
        assert "summary: selected 4, reserve 1, tie_pending 2" in out

    def test_bad_lang_is_usage(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert 2 == run("demo", "--lang", "fr")[0]
        assert "--lang" in capsys.readouterr().err

    def test_problems_in_chinese(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A refused document: the count line and each problem's text in Chinese; the path
        and the code as in English."""
        path = tmp_path / "bare.json"
        path.write_text('{"units": []}', encoding="utf-8")
        assert 1 == run("validate", str(path), "--lang", "zh")[0]
        err = capsys.readouterr().err.splitlines()
        assert f"{path}：1 个问题" == err[0]
        assert err[1].startswith("  (document): 缺少文档外层")
        assert err[1].endswith("[no_envelope]")

    def test_error_line_in_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert 1 == run("validate", "/nonexistent/x.json", "--lang", "zh")[0]
        assert capsys.readouterr().err.startswith("错误：")


class TestResultPage:
    def test_empty_category_summary(self) -> None:
        """A category without applications says so instead of an empty summary."""
        bundle = demo_bundle()
        first = bundle.resolve_ruleset().categories[0].id
        kept = tuple(a for a in bundle.applications if a.category_id != first)
        kept_ids = {a.id for a in kept}
        emptied = attrs.evolve(
            bundle,
            applications=kept,
            sheets=tuple(s for s in bundle.sheets if s.application_id in kept_ids),
            settlements=(),
        )
        result = wuxing.evaluate(emptied, DEMO_AT)
        ruleset = emptied.resolve_ruleset()
        names = wuxing.names_of(emptied)
        en = wuxing.render_result(result, ruleset, names)
        zh = wuxing.render_result(result, ruleset, names, lang="zh")
        assert "summary: no applications in this category" in en
        assert "小计：本类别无申报" in zh
        assert not re.search(r"summary: *$", en, re.M)

    def test_campaign_title_heads_the_page(self) -> None:
        bundle = demo_bundle()
        result = wuxing.evaluate(bundle, DEMO_AT)
        ruleset = bundle.resolve_ruleset()
        names = wuxing.names_of(bundle)
        page = wuxing.render_result(result, ruleset, names, campaign=bundle.campaign)
        assert bundle.campaign.title == page.splitlines()[0]
        assert ruleset.title == wuxing.render_result(result, ruleset, names).splitlines()[0]


class TestRulesCommands:
    def test_show_headings(self) -> None:
        status, out = run("show", "xingguo-2022", "--lang", "zh")
        assert 0 == status
        assert "类别编号" in out
        assert "“五型”政府建设示范乡镇（demonstration-township）评选条件：" in out
        assert "category" not in out.split("\n\n")[1]

    def test_rulesets_headings(self) -> None:
        status, out = run("rulesets", "--lang", "zh")
        assert 0 == status
        assert out.split()[:3] == ["编号", "年度", "行政区划"]

    def test_validate(self, tmp_path: Path) -> None:
        path = tmp_path / "b.json"
        wuxing.io.write(path, demo_bundle())
        assert (0, f"{path}：bundle 有效\n") == run("validate", str(path), "--lang", "zh")

    def test_validate_json_has_the_one_shape(self, tmp_path: Path) -> None:
        """Problems in validate's JSON: path, code, message (in the language), ref, args."""
        import json

        path = tmp_path / "bare.json"
        path.write_text('{"units": []}', encoding="utf-8")
        status, out = run("validate", str(path), "--format", "json", "--lang", "zh")
        assert 1 == status
        [problem] = json.loads(out)["problems"]
        assert {"path", "code", "message", "ref", "args"} == set(problem)
        assert "no_envelope" == problem["code"]
        assert "bundle" == problem["args"]["kind"]
        assert problem["message"].startswith("缺少文档外层")


class TestRegisters:
    def test_ledger_in_chinese(self) -> None:
        argv = ("ledger", "summary", "examples/data/tongmu-2021-ledger.json", "--at", "2021-12-31")
        status, out = run(*argv, "--lang", "zh")
        assert 0 == status
        assert out.startswith(
            "督查整改台账 2021年1月1日至2021年12月31日（截至 2021年12月31日 23:59）"
        )
        assert ["事项", "数量"] == next(
            line for line in out.splitlines() if "事项" in line
        ).split()
        english = run(*argv, "--lang", "en")[1]
        assert english.startswith("ledger 2021-01-01 – 2021-12-31 (as of 2021-12-31T23:59:59")

    def test_tasks_in_chinese(self) -> None:
        argv = ("tasks", "examples/data/city-2023-key-tasks.json", "--at", "2023-06-30")
        status, out = run(*argv, "--lang", "zh")
        assert 0 == status
        assert "截至 2023年6月30日 23:59" == out.splitlines()[1]
        header = out.splitlines()[3].split()
        assert ["单位", "牵头", "责任", "牵头未明", "未销号", "已销号", "逾期"] == header
