"""Every outcome of an evaluation as a table: CSV text or a workbook (``.xlsx``).

One row per application, ranked within its category: the names, the unit, the outcome (in
Chinese and as its code), the total, the verification and annual scores, the points on every
criterion, the points per type, and the reasons with their codes. Numbers are exact: they are
written as the decimals the evaluation gave.

Text that starts like a formula is written as text (a leading ``'`` in CSV, a text cell in a
workbook), and control characters are made visible, so a name can never run as a formula.
"""

from __future__ import annotations

import csv
import io as stdio
from collections.abc import Sequence
from decimal import Decimal

from wuxing._core.messages import problem_text
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import SelectionResult
from wuxing.interchange.cells import Kind
from wuxing.interchange.csvfiles import csv_text
from wuxing.interchange.layout import Column, Table
from wuxing.interchange.workbooks import write_workbook
from wuxing.model.dimensions import Dimension
from wuxing.model.rulesets import Ruleset
from wuxing.reports.pages import applicants, visible

__all__ = ["outcome_table", "outcomes_csv", "outcomes_xlsx"]


def outcome_table(
    result: SelectionResult, bundle: Bundle, ruleset: Ruleset
) -> tuple[list[Column], list[list[object]]]:
    """The columns and rows of every outcome (cells: text, exact decimals, integers)."""
    who = applicants(bundle)
    criteria: list[tuple[str, str]] = []
    headers: dict[tuple[str, str], str] = {}
    for category in ruleset.categories:
        for k in category.criteria:
            criteria.append((category.id, k.code))
            headers[(category.id, k.code)] = f"{k.code} {k.title_zh}"
    if len(set(headers.values())) < len(headers):
        headers = {key: f"{key[0]}:{text}" for key, text in headers.items()}
    columns = [
        Column("category_id", "评选类别编号"),
        Column("category", "评选类别"),
        Column("rank", "名次", Kind.INTEGER),
        Column("application_id", "申报编号"),
        Column("applicant_id", "申报对象编号"),
        Column("name", "名称或姓名"),
        Column("unit", "所在单位"),
        Column("outcome", "结果"),
        Column("outcome_code", "结果代码"),
        Column("total", "总分", Kind.DECIMAL),
        Column("verification", "实地核查得分", Kind.DECIMAL),
        Column("annual", "年度考评得分", Kind.DECIMAL),
        *(Column(f"criteria.{c}.{k}", headers[(c, k)], Kind.DECIMAL) for c, k in criteria),
        *(Column(f"types.{d.value}", f"五型·{d.zh}", Kind.DECIMAL) for d in Dimension),
        Column("reasons", "理由"),
    ]
    rows: list[list[object]] = []
    for cat in result.categories:
        title = ruleset.category(cat.category_id).title_zh
        for o in cat.outcomes:
            person = who.get(o.applicant_id)
            score = o.score
            marks: dict[str, object] = {}
            types: dict[Dimension, Decimal] = {}
            if score is not None:
                for c in score.criteria:
                    marks[c.code] = c.points if c.points is not None else ("是" if c.met else "否")
                types = {d.dimension: d.points for d in score.dimensions}
            rows.append(
                [
                    cat.category_id,
                    title,
                    o.rank,
                    o.application_id,
                    o.applicant_id,
                    person.name if person else "",
                    person.unit if person else "",
                    o.outcome.zh,
                    o.outcome.value,
                    score.total if score else None,
                    score.verification if score else None,
                    score.annual if score else None,
                    *(marks.get(k) if c == cat.category_id else None for c, k in criteria),
                    *(types.get(d) if score else None for d in Dimension),
                    "；".join(f"{problem_text(r, 'zh')} [{r.code}]" for r in o.reasons),
                ]
            )
    return columns, rows


def _plain(value: object) -> object:
    if isinstance(value, str):
        return visible(value)
    return value


def outcomes_csv(result: SelectionResult, bundle: Bundle, ruleset: Ruleset) -> str:
    """Every outcome as CSV text (UTF-8 with a byte-order mark when written to a file, so a
    spreadsheet opens the Chinese correctly): a header row, then one row per application."""
    columns, rows = outcome_table(result, bundle, ruleset)
    buffer = stdio.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow(
            [csv_text(_plain(v)) if not isinstance(v, Decimal) else str(v) for v in row]
        )
    return buffer.getvalue()


def _cells(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    return [[_plain(v) for v in row] for row in rows]


def outcomes_xlsx(result: SelectionResult, bundle: Bundle, ruleset: Ruleset) -> bytes:
    """Every outcome as a workbook: a sheet of all outcomes (``评选结果``) after a short
    explanation sheet; needs the ``excel`` extra."""
    columns, rows = outcome_table(result, bundle, ruleset)
    table = Table("outcomes", "评选结果", tuple(columns), "评选结果")
    about = [
        f"{bundle.campaign.title or ruleset.title} 评选结果",
        f"评选规则：{ruleset.id}；截止时间：{result.at.isoformat()}",
        "“评选结果”表每行一项申报：名次、结果、总分、各评选条件得分、五型得分和理由。",
        "第 2 行是字段名，供程序读取。",
    ]
    return write_workbook([(table, _cells(rows))], about, guide_sheet="说明")
