"""A :class:`~wuxing.evaluation.outcomes.SelectionResult` as a table or Markdown."""

from __future__ import annotations

from collections.abc import Iterable

from wuxing._core.messages import Language, format_date, format_datetime, problem_text, text
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import ApplicationOutcome, Outcome, SelectionResult
from wuxing.model.campaigns import Campaign
from wuxing.model.rulesets import Ruleset
from wuxing.model.settlements import TieKind
from wuxing.reports.table import render

__all__ = ["names_of", "render_result"]


def names_of(bundle: Bundle) -> dict[str, str]:
    """Display names of applicants: units by name, people as ``name（unit）``."""
    units = {u.id: u.name for u in bundle.units}
    names = dict(units)
    names.update({p.id: f"{p.name}（{units.get(p.unit_id, p.unit_id)}）" for p in bundle.people})
    names.update({s.id: f"{s.name}（监督员）" for s in bundle.supervisors})
    return names


def render_result(
    result: SelectionResult,
    ruleset: Ruleset,
    names: dict[str, str],
    *,
    markdown: bool = False,
    lang: Language = "en",
    campaign: Campaign | None = None,
) -> str:
    """Per category: the ranked selection and reserves, then every other applicant's outcome
    with its reason; under them, the source document's statements the ruleset carries (the use
    of the results, guidance), in the document's words with their sections.

    Args:
        result: The evaluation's result.
        ruleset: Its rules.
        names: Display names by applicant id (:func:`names_of`).
        markdown: Markdown instead of a terminal table.
        lang: The language of headings and times (``"zh"`` or ``"en"``; see
            :mod:`wuxing._core.messages`).
        campaign: The campaign; its title heads the page (else the ruleset's).
    """
    out: list[str] = []
    head = "## " if markdown else ""
    title = (campaign.title if campaign is not None else None) or ruleset.title
    out.append(f"{head}{title}")
    at = format_datetime(result.at, lang)
    out.append(text("result.cutoff", lang, at=at, ruleset=result.ruleset_id))
    if not result.categories:
        out.append(text("result.no_categories", lang))
    for cat_result in result.categories:
        category = ruleset.category(cat_result.category_id)
        out.append("")
        heading = text(
            "result.category",
            lang,
            title=category.title_zh,
            id=category.id,
            quota=cat_result.quota,
            selected=len(cat_result.selected),
        )
        out.append(f"{'### ' if markdown else ''}{heading}")
        out.append("")
        rows = []
        for o in cat_result.outcomes:
            reason = ("；" if lang == "zh" else "; ").join(
                problem_text(r, lang) for r in o.reasons
            )
            rows.append(
                [
                    str(o.rank) if o.rank is not None else "-",
                    names.get(o.applicant_id, o.applicant_id),
                    o.application_id,
                    str(o.total) if o.total is not None else "-",
                    o.outcome.zh if lang == "zh" else f"{o.outcome.zh} {o.outcome.value}",
                    reason,
                ]
            )
        columns = ["rank", "applicant", "application", "total", "outcome", "reason"]
        out.append(
            render(
                [text(f"result.column.{c}", lang) for c in columns],
                rows,
                right=[0, 3],
                markdown=markdown,
            )
        )
        for tie in cat_result.ties:
            sep = "、" if lang == "zh" else ", "
            tied = sep.join(names.get(_applicant(result, i), i) for i in tie.application_ids)
            out.append("")
            if tie.kind is TieKind.RESERVE:
                line = text(
                    "result.tie.reserve", lang, tied=tied, total=tie.total, seats=tie.seats
                )
            else:
                line = text(
                    "result.tie",
                    lang,
                    tied=tied,
                    total=tie.total,
                    seats=tie.seats,
                    phase=tie.phase,
                )
            if tie.depends_on:
                line += text("result.tie.after", lang, ties=sep.join(tie.depends_on))
            out.append(line)
        out.append("")
        out.append(_summary(cat_result.outcomes, lang))
    if ruleset.statements:  # what the source says the results are for, in its words
        out.append("")
        date = format_date(ruleset.source.date, lang)
        out.append(text("result.source", lang, title=ruleset.source.title, date=date))
        out.extend(f"{st.source} {st.text_zh}" for st in ruleset.statements)
    return "\n".join(out)


def _summary(outcomes: Iterable[ApplicationOutcome], lang: Language) -> str:
    """``summary: selected 3, reserve 1``, or a line saying the category had no applications."""
    counts = dict.fromkeys(Outcome, 0)
    for o in outcomes:
        counts[o.outcome] += 1
    if not any(counts.values()):
        return text("result.summary.empty", lang)
    summary = ("，" if lang == "zh" else ", ").join(
        text("result.summary.count", lang, outcome=k.zh if lang == "zh" else k.value, count=n)
        for k, n in counts.items()
        if n
    )
    return text("result.summary", lang, summary=summary)


def _applicant(result: SelectionResult, application_id: str) -> str:
    return result.outcome_of(application_id).applicant_id
