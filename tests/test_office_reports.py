"""The printable reports: candidate list, public notice, score sheets, radar, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io as stdio
import re
from decimal import Decimal
from html.parser import HTMLParser

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from wuxing import evaluate, rulesets
from wuxing import strategies as wst
from wuxing.calendar import WeekdayCalendar
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import Outcome
from wuxing.model.dimensions import Dimension
from wuxing.model.units import Person
from wuxing.reports.candidates import candidates_html
from wuxing.reports.exports import outcome_table, outcomes_csv, outcomes_xlsx
from wuxing.reports.notice import NoticeError, build_notice
from wuxing.reports.radar import dimension_shares, radar_svg
from wuxing.reports.scoresheet import score_sheet_text, score_sheets_html
from wuxing.samples import DEMO_AT, settled_bundle

BUNDLE = settled_bundle()
RULES = BUNDLE.resolve_ruleset()
RESULT = evaluate(BUNDLE, DEMO_AT)
MONDAY = dt.date(2023, 1, 16)


class _Text(HTMLParser):
    """The visible text of a page (no markup, no SVG titles)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.skip += tag in ("title", "style")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("title", "style")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def text_of(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "".join(parser.parts)


def names_of(bundle: Bundle, outcomes: tuple[Outcome, ...]) -> list[str]:
    """The names of the applicants with those outcomes, from the bundle directly."""
    by_id = {u.id: u.name for u in (*bundle.units, *bundle.people, *bundle.supervisors)}
    return [
        by_id[o.applicant_id]
        for c in RESULT.categories
        for o in c.outcomes
        if o.outcome in outcomes
    ]


class TestCandidates:
    def test_every_listed_name_and_no_other(self) -> None:
        """The list shows every selected and reserve applicant, and none that was vetoed."""
        page = text_of(candidates_html(RESULT, BUNDLE, RULES))
        for name in names_of(BUNDLE, (Outcome.SELECTED, Outcome.RESERVE)):
            assert name in page
        assert "龙口镇" not in page  # vetoed: an overdue rectification

    def test_page_is_chinese_and_cites_the_notice(self) -> None:
        """The page declares zh-CN, cites the notice by title and date, no internal label."""
        page = candidates_html(RESULT, BUNDLE, RULES)
        assert '<html lang="zh-CN">' in page
        assert "（兴国县人民政府办公室，2022年11月4日）" in page
        assert "seed" not in page.lower()

    def test_markup_in_names_is_escaped(self) -> None:
        """A name with markup cannot change the page (control characters never reach it: the
        model refuses them in names)."""
        people = [
            attrs.evolve(p, name="<script>alert(1)</script>") if p.id == "p01" else p
            for p in BUNDLE.people
        ]
        bundle = attrs.evolve(BUNDLE, people=people)
        page = candidates_html(evaluate(bundle, DEMO_AT), bundle, RULES)
        assert "<script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_pending_tie_is_shown(self) -> None:
        """Before the office settles, the list says which applicants tie and for how many."""
        bundle = attrs.evolve(BUNDLE, settlements=())
        page = text_of(candidates_html(evaluate(bundle, DEMO_AT), bundle, RULES))
        assert "并列待定：古龙岗镇、梅窖镇总分均为86.60，争1个名额" in page


class TestNotice:
    def test_lists_exactly_the_selected_in_stroke_order(self) -> None:
        """Each selected applicant once; units by name, people with their unit."""
        notice = build_notice(RESULT, BUNDLE, RULES, MONDAY)
        listed = [n for _, names in notice.sections for n in names]
        bare = [re.sub(r"（.*）$", "", n) for n in listed]
        assert sorted(names_of(BUNDLE, (Outcome.SELECTED,))) == sorted(bare)
        townships = notice.sections[0][1]
        assert ("江背镇", "高兴镇", "埠头乡", "梅窖镇", "潋江镇") == townships

    def test_period_counts_official_working_days(self) -> None:
        """Published Monday 16 January 2023: the Spring Festival (21–27 January) is not
        counted and Saturday 28 January, a 调休 working day, is the fifth working day."""
        notice = build_notice(RESULT, BUNDLE, RULES, MONDAY)
        assert (MONDAY, dt.date(2023, 1, 28), 5) == (
            notice.first_day,
            notice.last_day,
            notice.working_days,
        )
        assert "公示期：2023年1月16日至2023年1月28日（发布之日后5个工作日）。" in notice.text()

    def test_another_calendar(self) -> None:
        """A county's own calendar decides the period."""
        notice = build_notice(RESULT, BUNDLE, RULES, MONDAY, calendar=WeekdayCalendar())
        assert dt.date(2023, 1, 23) == notice.last_day

    def test_defaults_are_said_to_be_defaults(self) -> None:
        """The period is the ruleset's declared default and the channel the library's: the
        notice says both; with a channel given, only the period is said to be a default."""
        text = build_notice(RESULT, BUNDLE, RULES, MONDAY).text()
        assert "公示期5个工作日为评选规则“xingguo-2022”的默认设置" in text
        assert "异议受理方式为本程序的默认表述" in text
        given = build_notice(
            RESULT, BUNDLE, RULES, MONDAY, objections_to="县政府办（0797-1234567）"
        )
        assert "异议受理方式为本程序的默认表述" not in given.text()
        assert "向县政府办（0797-1234567）反映" in given.text()

    def test_pending_tie_refused(self) -> None:
        """A notice with an unsettled seat is refused, naming the tie."""
        bundle = attrs.evolve(BUNDLE, settlements=())
        with pytest.raises(NoticeError) as info:
            build_notice(evaluate(bundle, DEMO_AT), bundle, RULES, MONDAY)
        assert "tie_pending" == info.value.code
        assert "dt-t03, dt-t04" in str(info.value)

    def test_html_has_every_name(self) -> None:
        """The printable notice shows every name of the text."""
        notice = build_notice(RESULT, BUNDLE, RULES, MONDAY)
        page = notice.html()
        assert '<html lang="zh-CN">' in page
        for _, names in notice.sections:
            for name in names:
                assert name in text_of(page)

    @settings(suppress_health_check=[HealthCheck.too_slow], max_examples=20)
    @given(wst.bundles(ruleset=rulesets.load("xingguo-2022")))
    def test_every_selected_name_appears(self, bundle: Bundle) -> None:
        """In any round without pending ties, each selected applicant is on the notice."""
        result = evaluate(bundle, DEMO_AT)
        if any(c.ties for c in result.categories):
            return
        notice = build_notice(result, bundle, RULES, MONDAY, calendar=WeekdayCalendar())
        listed = [n for _, names in notice.sections for n in names]
        by_id = {e.id: e for e in (*bundle.units, *bundle.people, *bundle.supervisors)}
        selected = [
            o.applicant_id
            for c in result.categories
            for o in c.outcomes
            if o.outcome is Outcome.SELECTED
        ]
        assert len(selected) == len(listed)
        for applicant_id in selected:
            who = by_id[applicant_id]
            assert any(n.startswith(who.name) for n in listed)
            if isinstance(who, Person):
                unit = next(u.name for u in bundle.units if u.id == who.unit_id)
                assert f"{who.name}（{unit}）" in listed


class TestScoreSheet:
    def test_every_inspector_mark(self) -> None:
        """The sheet shows each inspector's points on each criterion and the total."""
        text = score_sheet_text(RESULT, BUNDLE, RULES, "dt-t01")
        sheets = [s for s in BUNDLE.sheets if s.application_id == "dt-t01"]
        for s in sheets:
            assert s.inspector_id in text
        first = next(line for line in text.splitlines() if line.startswith("T1"))
        assert [str(s.mark("T1").points) for s in sheets] == first.split()[4:9]  # type: ignore[union-attr]
        assert f"总分 {RESULT.outcome_of('dt-t01').total}" in text

    def test_html_one_section_per_application(self) -> None:
        """All applications print, one page each."""
        page = score_sheets_html(RESULT, BUNDLE, RULES)
        assert len(BUNDLE.applications) == page.count('<section class="sheet">')


class TestRadar:
    def test_shares_from_the_criteria(self) -> None:
        """潋江镇 scored 19 of 20 on every township criterion: 95 % of every type the
        township criteria bear on; 忠诚 is not one of them."""
        category = RULES.category("demonstration-township")
        shares = dimension_shares(RESULT.outcome_of("dt-t01").score, category)  # type: ignore[arg-type]
        assert None is shares[Dimension.LOYAL]
        assert {Decimal("0.950")} == {s for s in shares.values() if s is not None}

    def test_svg_is_inert(self) -> None:
        """The chart is plain SVG: no script, no link, no external resource."""
        svg = radar_svg(dict.fromkeys(Dimension, Decimal("0.8")), "<x>")
        assert "<script" not in svg
        assert "href" not in svg
        assert "&lt;x&gt;" in svg


class TestExports:
    def test_csv_one_row_per_application(self) -> None:
        """A header, then one row per application with exact totals."""
        rows = list(csv.reader(stdio.StringIO(outcomes_csv(RESULT, BUNDLE, RULES))))
        assert len(BUNDLE.applications) + 1 == len(rows)
        header = rows[0]
        first = dict(zip(header, rows[1], strict=True))
        assert ("潋江镇", "入选", "94.60") == (first["名称或姓名"], first["结果"], first["总分"])

    def test_formula_names_are_defused(self) -> None:
        """A name that starts like a formula is written as text in CSV and in a workbook."""
        units = [
            attrs.evolve(u, name='=HYPERLINK("http://x")') if u.id == "t01" else u
            for u in BUNDLE.units
        ]
        bundle = attrs.evolve(BUNDLE, units=units)
        result = evaluate(bundle, DEMO_AT)
        assert "'=HYPERLINK" in outcomes_csv(result, bundle, RULES)
        book = openpyxl.load_workbook(stdio.BytesIO(outcomes_xlsx(result, bundle, RULES)))
        cell = book["评选结果"]["F3"]
        assert ("s", True) == (cell.data_type, cell.quotePrefix)

    def test_xlsx_numbers_are_exact(self) -> None:
        """Totals in the workbook read back as the evaluation's decimals."""
        columns, rows = outcome_table(RESULT, BUNDLE, RULES)
        book = openpyxl.load_workbook(stdio.BytesIO(outcomes_xlsx(RESULT, BUNDLE, RULES)))
        sheet = book["评选结果"]
        total = [c.field for c in columns].index("total") + 1
        for r, row in enumerate(rows, start=3):
            value = sheet.cell(r, total).value
            expected = row[total - 1]
            assert (expected is None) == (value is None)
            if value is not None:
                assert expected == Decimal(repr(value))
                assert "0.00" == sheet.cell(r, total).number_format
