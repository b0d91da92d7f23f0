"""The candidate list (候选名单) the office puts to the county government, as a printable page.

Per category, in rank order: the candidates within the quota, then the reserve list (差额) and
any tie the office must still settle, each with the total, the verification and annual scores
and a five-type radar chart; below, how many applications did not reach the list and why. The
page prints on A4 and names the notice the rules come from by its title, issuer and date.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import (
    ApplicationOutcome,
    CategoryResult,
    Outcome,
    SelectionResult,
)
from wuxing.model.rulesets import Ruleset
from wuxing.reports.pages import (
    Applicant,
    applicants,
    escape,
    page,
    source_line,
    steps_line,
    zh_date,
)
from wuxing.reports.radar import dimension_shares, radar_svg

__all__ = ["LISTED", "candidates_data", "candidates_html", "numeral"]

LISTED = (Outcome.SELECTED, Outcome.TIE_PENDING, Outcome.RESERVE)
"""The outcomes a candidate list shows."""

_NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """Chinese section numerals: 一 for 1 … 十 for 10, then 11, 12 …"""
    return _NUMERALS[n - 1] if 1 <= n <= len(_NUMERALS) else str(n)


def _who(applicant: Applicant | None, applicant_id: str) -> tuple[str, str]:
    if applicant is None:
        return applicant_id, ""
    return applicant.name, applicant.unit


def _listed(cat: CategoryResult) -> list[ApplicationOutcome]:
    """The outcomes a category's list shows, in its order: the selected, the tied, the reserve."""
    by_id = {o.application_id: o for o in cat.outcomes}
    tied = [a for tie in cat.ties for a in tie.application_ids]
    order = [*cat.selected, *tied, *cat.reserve]
    return [by_id[a] for a in dict.fromkeys(order) if by_id[a].outcome in LISTED]


def candidates_data(result: SelectionResult, bundle: Bundle, ruleset: Ruleset) -> dict[str, Any]:
    """The candidate list's content as plain data (for ``--format json``): per category the
    listed applications in the page's order, with names, units and scores as strings.

    >>> from wuxing.samples import demo_bundle, DEMO_AT
    >>> from wuxing import evaluate
    >>> bundle = demo_bundle()
    >>> data = candidates_data(evaluate(bundle, DEMO_AT), bundle, bundle.resolve_ruleset())
    >>> first = data["categories"][0]["listed"][0]
    >>> first["name"], first["total"], first["outcome"]
    ('潋江镇', '94.60', 'selected')
    """
    who = applicants(bundle)
    categories = []
    for cat in result.categories:
        category = ruleset.category(cat.category_id)
        listed = []
        for place, o in enumerate(_listed(cat), start=1):
            name, unit = _who(who.get(o.applicant_id), o.applicant_id)
            score = o.score
            listed.append(
                {
                    "place": place,
                    "application_id": o.application_id,
                    "applicant_id": o.applicant_id,
                    "name": name,
                    "unit": unit,
                    "total": None if score is None else str(score.total),
                    "verification": None if score is None else str(score.verification),
                    "annual": None if score is None or score.annual is None else str(score.annual),
                    "outcome": o.outcome.value,
                    "settled": any(r.code == "settled" for r in o.reasons),
                }
            )
        categories.append(
            {
                "id": category.id,
                "title": category.title_zh,
                "quota": cat.quota,
                "listed": listed,
                "ties": [
                    {
                        "application_ids": list(t.application_ids),
                        "total": str(t.total),
                        "seats": t.seats,
                    }
                    for t in cat.ties
                ],
            }
        )
    return {
        "report": "candidates",
        "title": f"{bundle.campaign.title or ruleset.title}候选名单",
        "at": result.at.isoformat(),
        "ruleset_id": ruleset.id,
        "categories": categories,
    }


def candidates_html(
    result: SelectionResult,
    bundle: Bundle,
    ruleset: Ruleset,
    *,
    office: str = "县“五型”政府建设办公室",
) -> str:
    """The candidate list as a complete HTML page (``lang="zh-CN"``, A4).

    >>> from wuxing.samples import demo_bundle, DEMO_AT
    >>> from wuxing import evaluate
    >>> bundle = demo_bundle()
    >>> page = candidates_html(evaluate(bundle, DEMO_AT), bundle, bundle.resolve_ruleset())
    >>> '<html lang="zh-CN">' in page, "潋江镇" in page, page.count("<svg") > 20
    (True, True, True)
    """
    who = applicants(bundle)
    title = f"{bundle.campaign.title or ruleset.title}候选名单"
    body = [f"<h1>{escape(title)}</h1>"]
    body.append(
        f'<p class="sub">{escape(office)}提出　报县政府审定　'
        f"评选截止：{escape(zh_date(result.at.date()))}</p>"
    )
    body.append(
        f"<p>依据{escape(source_line(ruleset))}，经{steps_line(ruleset)}，"
        "按评选条件评分排序，在评选名额内提出候选名单如下。</p>"
    )
    for n, cat in enumerate(result.categories, start=1):
        category = ruleset.category(cat.category_id)
        listed = _listed(cat)
        selected = sum(1 for o in listed if o.outcome is Outcome.SELECTED)
        body.append(
            f"<h2>{numeral(n)}、{escape(category.title_zh)}"
            f"（名额{cat.quota}个，拟推荐{selected}个）</h2>"
        )
        if not listed:
            body.append("<p>（无）</p>")
        else:
            body.append(
                "<table><thead><tr>"
                '<th style="width:8%">序号</th><th style="width:24%">名称或姓名</th>'
                '<th style="width:9%">总分</th>'
                f'<th style="width:9%">{"实地核查" if category.verified_on_site else "综合评估"}'
                "</th>"
                '<th style="width:9%">年度考评</th><th style="width:21%">五型</th>'
                '<th style="width:20%">备注</th></tr></thead><tbody>'
            )
            for i, o in enumerate(listed, start=1):
                name, unit = _who(who.get(o.applicant_id), o.applicant_id)
                shown = escape(name) + (f"<br>（{escape(unit)}）" if unit else "")
                score = o.score
                cells = ["", "", ""]
                radar = ""
                if score is not None:
                    cells = [str(score.total), str(score.verification), str(score.annual or "—")]
                    radar = radar_svg(dimension_shares(score, category), name)
                remark = o.outcome.zh
                if any(r.code == "settled" for r in o.reasons):
                    remark += "（县“五型”办集体研究确定）"
                body.append(
                    f"<tr><td class=num>{i}</td><td>{shown}</td>"
                    + "".join(f"<td class=num>{escape(c)}</td>" for c in cells)
                    + f"<td class=radar>{radar}</td><td>{escape(remark)}</td></tr>"
                )
            body.append("</tbody></table>")
        for tie in cat.ties:
            names = "、".join(
                escape(_who(who.get(result.outcome_of(a).applicant_id), a)[0])
                for a in tie.application_ids
            )
            body.append(
                f"<p>并列待定：{names}总分均为{escape(tie.total)}，争{tie.seats}个名额，"
                "须县“五型”办集体研究确定。</p>"
            )
        rest = Counter(o.outcome for o in cat.outcomes if o.outcome not in LISTED)
        if rest:
            parts = "、".join(f"{k.zh}{v}个" for k, v in sorted(rest.items()))
            body.append(f'<p class="note">未列入名单：{escape(parts)}。</p>')
    if any(ruleset.declared(key) is not None for key in ("scoring", "ranking", "vetoes")):
        body.append(
            '<p class="note">注：评分权重、分数线和并列处理等为评选规则'
            f"“{escape(ruleset.id)}”的默认设置，通知未作规定。</p>"
        )
    body.append(f'<p class="sign">{escape(office)}</p>')
    return page(title, "\n".join(body))
