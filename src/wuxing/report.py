"""Printable reports of a :class:`~wuxing.outcomes.SelectionResult`: tables or Markdown."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from wuxing._table import render
from wuxing.bundle import Bundle
from wuxing.ledger import InspectionKind, Ledger, Period, RectificationMode
from wuxing.outcomes import Outcome, SelectionResult
from wuxing.records import SanctionKind
from wuxing.rulesets._model import Ruleset
from wuxing.tasks import TaskList

__all__ = ["names_of", "render_ledger", "render_result", "render_tasks"]


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
    with its reason."""
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
        if cat_result.tie is not None:
            tied = ", ".join(
                names.get(_applicant(result, i), i) for i in cat_result.tie.application_ids
            )
            out.append("")
            out.append(
                f"tie at the boundary: {tied} at {cat_result.tie.total} for "
                f"{cat_result.tie.seats} seat(s); the office must decide"
            )
        counts = dict.fromkeys(Outcome, 0)
        for o in cat_result.outcomes:
            counts[o.outcome] += 1
        summary = ", ".join(f"{k.value} {n}" for k, n in counts.items() if n)
        out.append("")
        out.append(f"summary: {summary}")
    return "\n".join(out)


def _applicant(result: SelectionResult, application_id: str) -> str:
    return result.outcome_of(application_id).applicant_id


def render_ledger(
    ledger: Ledger, at: dt.datetime, by: str = "kind", *, markdown: bool = False
) -> str:
    """A ledger's figures for the year up to ``at``.

    ``by="kind"``: inspections by kind, rectifications by mode, sanctions by kind, and what is
    open or overdue at ``at``; ``by="unit"``: per unit; ``by="month"``: per month.
    """
    period = Period(dt.date(at.year, 1, 1), at.date())
    out = [f"ledger {period.start} – {period.end} (as of {at.isoformat()})", ""]
    if by == "kind":
        kinds = ledger.inspections_by_kind(period)
        modes = ledger.rectifications_by_mode(period)
        sanctions = ledger.sanctions_by_kind(period)
        rows = [[f"{k.zh} {k.value}", str(kinds[k])] for k in InspectionKind if kinds[k]]
        rows += [[f"{m.zh} {m.value}", str(modes[m])] for m in RectificationMode if modes[m]]
        rows += [[f"{s.zh} {s.value}", str(sanctions[s])] for s in SanctionKind if sanctions[s]]
        rows.append(["open rectifications 未销号", str(len(ledger.open_at(at)))])
        rows.append(["overdue rectifications 逾期", str(len(ledger.overdue_at(at)))])
        out.append(render(["item", "count"], rows, right=[1], markdown=markdown))
    elif by == "unit":
        table = ledger.by_unit()
        overdue = Counter(r.subject_id for r in ledger.overdue_at(at))
        rows = [
            [
                unit,
                str(c["inspections"]),
                str(c["findings"]),
                str(c["rectifications"]),
                str(overdue[unit]),
                str(c["sanctions"]),
            ]
            for unit, c in table.items()
        ]
        out.append(
            render(
                ["unit", "inspections", "findings", "rectifications", "overdue", "sanctions"],
                rows,
                right=[1, 2, 3, 4, 5],
                markdown=markdown,
            )
        )
    elif by == "month":
        rows = []
        for month in Period.months(at.year):
            if month.start > period.end:
                break
            rows.append(
                [
                    month.start.strftime("%Y-%m"),
                    str(sum(ledger.inspections_by_kind(month).values())),
                    str(sum(ledger.rectifications_by_mode(month).values())),
                    str(sum(ledger.sanctions_by_kind(month).values())),
                ]
            )
        out.append(
            render(
                ["month", "inspections", "rectifications", "sanctions"],
                rows,
                right=[1, 2, 3],
                markdown=markdown,
            )
        )
    else:
        raise ValueError(f"by must be kind, unit or month, not {by!r}")
    return "\n".join(out)


def render_tasks(
    tasks: TaskList, at: dt.datetime, by: str = "unit", *, markdown: bool = False
) -> str:
    """A responsibility list as of ``at``: the per-unit load table (``by="unit"``) or the
    tasks by area and status (``by="area"``)."""
    out = [tasks.title, f"as of {at.isoformat()}", ""]
    if by == "unit":
        rows = [
            [
                unit,
                str(c["leads"]),
                str(c["shares"]),
                str(c["open"]),
                str(c["accepted"]),
                str(c["overdue"]),
            ]
            for unit, c in tasks.load(at).items()
        ]
        out.append(
            render(
                [
                    "unit 单位",
                    "leads 牵头",
                    "shares 责任",
                    "open",
                    "accepted 销号",
                    "overdue 逾期",
                ],
                rows,
                right=[1, 2, 3, 4, 5],
                markdown=markdown,
            )
        )
    elif by == "area":
        titles = {a.number: a.title_zh for a in tasks.areas}
        rows = [
            [
                str(n),
                titles[n],
                str(sum(c.values())),
                str(c["open"]),
                str(c["accepted"]),
                str(c["overdue"]),
            ]
            for n, c in tasks.by_area(at).items()
        ]
        out.append(
            render(
                ["area", "方面", "tasks", "open", "accepted", "overdue"],
                rows,
                right=[0, 2, 3, 4, 5],
                markdown=markdown,
            )
        )
    else:
        raise ValueError(f"by must be unit or area, not {by!r}")
    return "\n".join(out)
