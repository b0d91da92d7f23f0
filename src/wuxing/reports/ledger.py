"""A supervision ledger's figures as a table or Markdown."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from wuxing._core.messages import Language, format_date, format_datetime, text
from wuxing.model.records import SanctionKind
from wuxing.reports.table import render
from wuxing.supervision import InspectionKind, Ledger, Period, RectificationMode

__all__ = ["render_ledger"]


def render_ledger(
    ledger: Ledger,
    at: dt.datetime,
    by: str = "kind",
    *,
    markdown: bool = False,
    lang: Language = "en",
) -> str:
    """A ledger's figures for the year up to ``at``.

    ``by="kind"``: inspections by kind, rectifications by mode, sanctions by kind, and what is
    open or overdue at ``at``; ``by="unit"``: per unit; ``by="month"``: per month. ``lang``
    is the language of the headings and dates (``"zh"`` or ``"en"``).
    """
    period = Period(dt.date(at.year, 1, 1), at.date())
    start, end = format_date(period.start, lang), format_date(period.end, lang)
    shown_at = at.isoformat() if lang == "en" else format_datetime(at, lang)
    out = [text("ledger.heading", lang, start=start, end=end, at=shown_at)]
    out += [text("ledger.note", lang, note=note) for note in ledger.notes]

    def heads(*names: str) -> list[str]:
        return [text(f"ledger.column.{n}", lang) for n in names]

    out.append("")
    if by == "kind":
        kinds = ledger.inspections_by_kind(period)
        modes = ledger.rectifications_by_mode(period)
        sanctions = ledger.sanctions_by_kind(period)
        rows = [[f"{k.zh} {k.value}", str(kinds[k])] for k in InspectionKind if kinds[k]]
        rows += [[f"{m.zh} {m.value}", str(modes[m])] for m in RectificationMode if modes[m]]
        rows += [[f"{s.zh} {s.value}", str(sanctions[s])] for s in SanctionKind if sanctions[s]]
        rows.append([text("ledger.open", lang), str(len(ledger.open_at(at)))])
        rows.append([text("ledger.overdue", lang), str(len(ledger.overdue_at(at)))])
        out.append(render(heads("item", "count"), rows, right=[1], markdown=markdown))
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
                heads("unit", "inspections", "findings", "rectifications", "overdue", "sanctions"),
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
                heads("month", "inspections", "rectifications", "sanctions"),
                rows,
                right=[1, 2, 3],
                markdown=markdown,
            )
        )
    else:
        raise ValueError(f"by must be kind, unit or month, not {by!r}")
    return "\n".join(out)
