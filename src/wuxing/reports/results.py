"""A :class:`~wuxing.evaluation.outcomes.SelectionResult` as a table or Markdown."""

from __future__ import annotations

from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import Outcome, SelectionResult
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
) -> str:
    """Per category: the ranked selection and reserves, then every other applicant's outcome
    with its reason; under them, the source document's statements the ruleset carries (the use
    of the results, guidance), in the document's words with their sections."""
    out: list[str] = []
    head = "## " if markdown else ""
    out.append(f"{head}{ruleset.title}")
    out.append(f"cut-off {result.at.isoformat()} · ruleset {result.ruleset_id}")
    for cat_result in result.categories:
        category = ruleset.category(cat_result.category_id)
        out.append("")
        out.append(
            f"{'### ' if markdown else ''}{category.title_zh} ({category.id}), quota "
            f"{cat_result.quota}: {len(cat_result.selected)} selected"
        )
        out.append("")
        rows = []
        for o in cat_result.outcomes:
            reason = "; ".join(r.message for r in o.reasons)
            rows.append(
                [
                    str(o.rank) if o.rank is not None else "-",
                    names.get(o.applicant_id, o.applicant_id),
                    o.application_id,
                    str(o.total) if o.total is not None else "-",
                    f"{o.outcome.zh} {o.outcome.value}",
                    reason,
                ]
            )
        out.append(
            render(
                ["rank", "applicant", "application", "total", "outcome", "reason"],
                rows,
                right=[0, 3],
                markdown=markdown,
            )
        )
        for tie in cat_result.ties:
            tied = ", ".join(names.get(_applicant(result, i), i) for i in tie.application_ids)
            out.append("")
            if tie.kind is TieKind.RESERVE:
                line = (
                    f"tie on the reserve list: {tied} at {tie.total} for {tie.seats} "
                    "place(s); the office must settle their order"
                )
            else:
                line = (
                    f"tie at the boundary: {tied} at {tie.total} for {tie.seats} seat(s) "
                    f"({tie.phase}); the office must decide"
                )
            after = f" once {', '.join(tie.depends_on)} is settled" if tie.depends_on else ""
            out.append(line + after)
        counts = dict.fromkeys(Outcome, 0)
        for o in cat_result.outcomes:
            counts[o.outcome] += 1
        summary = ", ".join(f"{k.value} {n}" for k, n in counts.items() if n)
        out.append("")
        out.append(f"summary: {summary}")
    if ruleset.statements:  # what the source says the results are for, in its words
        out.append("")
        out.append(f"《{ruleset.source.title}》 ({ruleset.source.date.isoformat()}):")
        out.extend(f"{st.source} {st.text_zh}" for st in ruleset.statements)
    return "\n".join(out)


def _applicant(result: SelectionResult, application_id: str) -> str:
    return result.outcome_of(application_id).applicant_id
