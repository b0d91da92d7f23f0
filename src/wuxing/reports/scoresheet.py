"""One applicant's score in detail (得分明细): every inspector's marks, the aggregate and the
weighted part of each criterion, the annual score, the total, the five types and the reasons.

As text (:func:`score_sheet_text`) or as printable pages, one applicant a page
(:func:`score_sheets_html`).
"""

from __future__ import annotations

from collections.abc import Sequence

from wuxing._core.messages import problem_text
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import ApplicationOutcome, SelectionResult
from wuxing.model.records import ScoreSheet
from wuxing.model.rulesets import Ruleset
from wuxing.reports.pages import applicants, escape, page
from wuxing.reports.radar import dimension_shares, radar_svg
from wuxing.reports.table import render

__all__ = ["score_sheet_rows", "score_sheet_text", "score_sheets_html"]


def _lookup(result: SelectionResult, application_id: str) -> tuple[str, ApplicationOutcome]:
    for cat in result.categories:
        for o in cat.outcomes:
            if o.application_id == application_id:
                return cat.category_id, o
    raise KeyError(application_id)


def score_sheet_rows(
    result: SelectionResult, bundle: Bundle, ruleset: Ruleset, application_id: str
) -> tuple[list[str], list[list[str]]]:
    """The criterion table of one application: a row per criterion with every inspector's
    mark, the aggregate and the weighted contribution.

    Raises:
        KeyError: no such application in the result.
    """
    category_id, outcome = _lookup(result, application_id)
    category = ruleset.category(category_id)
    sheets: Sequence[ScoreSheet] = [s for s in bundle.sheets if s.application_id == application_id]
    inspectors = [s.inspector_id for s in sheets]
    headers = ["评选条件", "满分", "权重", *inspectors, "汇总", "折算"]
    scored = {c.code: c for c in outcome.score.criteria} if outcome.score else {}
    rows = []
    for k in category.criteria:
        marks = []
        for s in sheets:
            mark = s.mark(k.code)
            if mark is None:
                marks.append("—")
            elif mark.points is not None:
                marks.append(str(mark.points))
            else:
                marks.append("是" if mark.met else "否")
        got = scored.get(k.code)
        if k.required:
            aggregate = "—" if got is None else ("达到" if got.met else "未达到")
            rows.append([f"{k.code} {k.title_zh}", "必备", "—", *marks, aggregate, "—"])
        else:
            rows.append(
                [
                    f"{k.code} {k.title_zh}",
                    str(k.maximum),
                    str(k.weight),
                    *marks,
                    str(got.points) if got and got.points is not None else "—",
                    str(got.contribution) if got and got.contribution is not None else "—",
                ]
            )
    return headers, rows


def _summary(result: SelectionResult, bundle: Bundle, ruleset: Ruleset, app_id: str) -> list[str]:
    category_id, o = _lookup(result, app_id)
    who = applicants(bundle).get(o.applicant_id)
    name = who.name if who else o.applicant_id
    unit = f"（{who.unit}）" if who and who.unit else ""
    lines = [
        f"{name}{unit} 得分明细",
        f"评选类别：{ruleset.category(category_id).title_zh}　申报编号：{app_id}",
        f"结果：{o.outcome.zh}　名次：{o.rank if o.rank is not None else '—'}",
    ]
    if o.score is not None:
        scoring = ruleset.scoring_for(category_id)
        annual = o.score.annual if o.score.annual is not None else "—"
        if ruleset.category(category_id).verified_on_site:
            lines.append(
                f"实地核查得分 {o.score.verification} × {scoring.verification_weight} ＋ "
                f"年度考评 {annual} × {scoring.annual_weight} ＝ 总分 {o.score.total}"
                f"（{o.score.sheets} 张评分表，{scoring.aggregation.value}）"
            )
        else:
            lines.append(
                f"县“五型”办综合评估得分 {o.score.verification} ＝ 总分 {o.score.total}"
                "（不实地核查，不计年度考评）"
            )
        lines.append(
            "五型：" + "，".join(f"{d.dimension.zh} {d.points}" for d in o.score.dimensions)
        )
    lines += [f"理由：{problem_text(r, 'zh')} [{r.code}]" for r in o.reasons]
    return lines


def score_sheet_text(
    result: SelectionResult, bundle: Bundle, ruleset: Ruleset, application_id: str
) -> str:
    """One application's score sheet as text.

    >>> from wuxing.samples import demo_bundle, DEMO_AT
    >>> from wuxing import evaluate
    >>> bundle = demo_bundle()
    >>> text = score_sheet_text(evaluate(bundle, DEMO_AT), bundle,
    ...                         bundle.resolve_ruleset(), "dt-t01")
    >>> print(text.splitlines()[0])
    潋江镇 得分明细
    """
    headers, rows = score_sheet_rows(result, bundle, ruleset, application_id)
    lines = _summary(result, bundle, ruleset, application_id)
    table = render(headers, rows, right=list(range(1, len(headers))))
    return "\n".join([*lines[:3], "", table, "", *lines[3:]]) + "\n"


def score_sheets_html(
    result: SelectionResult,
    bundle: Bundle,
    ruleset: Ruleset,
    application_ids: Sequence[str] | None = None,
) -> str:
    """Score sheets as a printable page, one application a sheet (all when none are named)."""
    ids = (
        list(application_ids)
        if application_ids is not None
        else [o.application_id for c in result.categories for o in c.outcomes]
    )
    sections = []
    for app_id in ids:
        headers, rows = score_sheet_rows(result, bundle, ruleset, app_id)
        lines = _summary(result, bundle, ruleset, app_id)
        category_id, o = _lookup(result, app_id)
        radar = ""
        if o.score is not None:
            radar = radar_svg(dimension_shares(o.score, ruleset.category(category_id)), lines[0])
        head = "".join(f"<th>{escape(h)}</th>" for h in headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        sections.append(
            f'<section class="sheet"><h1>{escape(lines[0])}</h1>'
            + "".join(f"<p>{escape(x)}</p>" for x in lines[1:3])
            + f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            + "".join(f"<p>{escape(x)}</p>" for x in lines[3:])
            + f"<div>{radar}</div></section>"
        )
    title = f"{bundle.campaign.title or ruleset.title}得分明细"
    return page(title, "\n".join(sections))
