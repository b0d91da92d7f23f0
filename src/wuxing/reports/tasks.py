"""A key-task responsibility list as a table or Markdown."""

from __future__ import annotations

import datetime as dt

from wuxing._core.messages import Language, format_datetime, text
from wuxing.reports.table import render
from wuxing.tasks import TaskList

__all__ = ["render_tasks"]


def render_tasks(
    tasks: TaskList,
    at: dt.datetime,
    by: str = "unit",
    *,
    markdown: bool = False,
    lang: Language = "en",
) -> str:
    """A responsibility list as of ``at``: the per-unit load table (``by="unit"``) or the
    tasks by area and status (``by="area"``), then the tasks whose lead the plan leaves open:
    those that name no lead unit, and those whose unit lists do not say which leads. ``lang``
    is the language of the headings and the date (``"zh"`` or ``"en"``)."""
    shown_at = at.isoformat() if lang == "en" else format_datetime(at, lang)
    out = [tasks.title, text("tasks.as_of", lang, at=shown_at), ""]

    def heads(*names: str) -> list[str]:
        return [text(f"tasks.column.{n}", lang) for n in names]

    if by == "unit":
        rows = [
            [
                unit,
                str(c["leads"]),
                str(c["shares"]),
                str(c["unclear"]),
                str(c["open"]),
                str(c["accepted"]),
                str(c["overdue"]),
            ]
            for unit, c in tasks.load(at).items()
        ]
        out.append(
            render(
                heads("unit", "leads", "shares", "unclear", "open", "accepted", "overdue"),
                rows,
                right=[1, 2, 3, 4, 5, 6],
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
                heads("area", "area_title", "tasks", "open", "accepted", "overdue"),
                rows,
                right=[0, 2, 3, 4, 5],
                markdown=markdown,
            )
        )
    else:
        raise ValueError(f"by must be unit or area, not {by!r}")
    out.extend(_open_leads(tasks))
    return "\n".join(out)


def _open_leads(tasks: TaskList) -> list[str]:
    lines: list[tuple[int, str]] = [
        (t.number, f"task {t.number} {t.title_zh}: no lead unit named; {t.allocation_zh}")
        for t in tasks.without_lead_unit()
    ]
    for t in tasks.unclear():
        u = t.unclear_lead
        assert u is not None
        lines.append(
            (
                t.number,
                f"task {t.number} {t.title_zh}: lead unclear, both lists {u.label_zh}: "
                f"{'、'.join(u.first)} | {'、'.join(u.second)} "
                f"(read {tasks.lead_reading.value})",
            )
        )
    return ["", *(line for _, line in sorted(lines))] if lines else []
