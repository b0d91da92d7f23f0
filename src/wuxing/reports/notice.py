"""The public notice (公示) of the proposed commendations: as text and as a printable page.

The notice lists, per category, the applicants the evaluation selected, ordered by the strokes
of their names (按姓氏笔画排序, see :mod:`wuxing.reports.strokes`); gives the period in working
days with its dates; and says where to send objections. The period follows the process's rule
(:meth:`~wuxing.process.round.Round.open_notice`): it runs for the ruleset's
``periods.notice_working_days`` working days after the day of publication and ends at the end
of the last of them, counted on China's official calendar (调休 included) unless another
:class:`~wuxing.calendar.WorkCalendar` is given.

The Xingguo notice asks only for social supervision and openness (接受社会监督、做到公开透明); it
fixes neither a notice period nor a channel for objections. Where the period is a declared
default of the ruleset, or no channel is given, the notice says so in a closing note.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from wuxing.calendar import ChinaCalendar, WorkCalendar
from wuxing.errors import WuxingError
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import Outcome, SelectionResult
from wuxing.model.rulesets import Ruleset
from wuxing.reports.candidates import numeral
from wuxing.reports.pages import applicants, escape, page, source_line, steps_line, zh_date
from wuxing.reports.strokes import by_strokes

__all__ = ["DEFAULT_OBJECTIONS", "Notice", "NoticeError", "NoticeText", "build_notice"]

DEFAULT_OBJECTIONS = "县“五型”政府建设办公室"
"""Where objections go when the office names no channel (a default of this library)."""


class NoticeError(WuxingError, ValueError):
    """The notice cannot be published yet (a tie at the quota boundary is not settled)."""

    code = "tie_pending"


@attrs.frozen
class Notice:
    """A public notice (公示), ready to print.

    Attributes:
        title: The title.
        opening: The opening paragraph.
        sections: Per category, its heading and the names in stroke order.
        first_day: The day of publication.
        last_day: The last day of the period.
        working_days: The period's length in working days.
        closing: The paragraphs after the list (period, objections).
        notes: What the notice states by the library's or the ruleset's defaults.
        office: Who publishes it.
    """

    title: str
    opening: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    first_day: dt.date
    last_day: dt.date
    working_days: int
    closing: tuple[str, ...]
    notes: tuple[str, ...]
    office: str

    def text(self) -> str:
        """The notice as plain text."""
        lines = [self.title, "", self.opening, ""]
        for heading, names in self.sections:
            lines.append(heading)
            lines.append("　　" + ("　".join(names) if names else "（无）"))
            lines.append("")
        lines += [*self.closing, ""]
        lines += [*self.notes, ""] if self.notes else []
        lines += [self.office.rjust(30, "　"), zh_date(self.first_day).rjust(30, "　")]
        return "\n".join(lines) + "\n"

    def data(self) -> dict[str, Any]:
        """The notice's content as plain data (for ``--format json``): dates ISO 8601.

        >>> import datetime as dt
        >>> n = Notice("公示", "…", (("示范乡镇", ("甲镇",)),), dt.date(2023, 1, 16),
        ...            dt.date(2023, 1, 20), 5, (), (), "办公室")
        >>> n.data()["sections"], n.data()["last_day"]
        ([{'heading': '示范乡镇', 'names': ['甲镇']}], '2023-01-20')
        """
        return {
            "report": "notice",
            "title": self.title,
            "opening": self.opening,
            "sections": [{"heading": h, "names": list(names)} for h, names in self.sections],
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "working_days": self.working_days,
            "closing": list(self.closing),
            "notes": list(self.notes),
            "office": self.office,
        }

    def html(self) -> str:
        """The notice as a printable page (``lang="zh-CN"``, A4)."""
        body = [f"<h1>{escape(self.title)}</h1>", f"<p>{escape(self.opening)}</p>"]
        for heading, names in self.sections:
            body.append(f"<h2>{escape(heading)}</h2>")
            shown = "".join(f"<span>{escape(n)}</span>" for n in names) or "（无）"
            body.append(f'<p class="names">{shown}</p>')
        body += [f"<p>{escape(p)}</p>" for p in self.closing]
        body += [f'<p class="note">{escape(n)}</p>' for n in self.notes]
        body.append(f'<p class="sign">{escape(self.office)}<br>{zh_date(self.first_day)}</p>')
        return page(self.title, "\n".join(body))


NoticeText = Notice
"""The name :mod:`wuxing` exports :class:`Notice` under, beside the round's own
:class:`wuxing.process.Notice` (the record of a publication)."""


def build_notice(
    result: SelectionResult,
    bundle: Bundle,
    ruleset: Ruleset,
    first_day: dt.date,
    *,
    calendar: WorkCalendar | None = None,
    objections_to: str | None = None,
    office: str = "县“五型”政府建设办公室",
) -> Notice:
    """The notice of the selected applicants, published on ``first_day``.

    Args:
        result: The evaluation's result; every tie at a quota boundary must be settled.
        bundle: The round (for names and units).
        ruleset: Its rules (categories, notice period, source).
        first_day: The day the notice is published.
        calendar: The working-day calendar; China's official one by default.
        objections_to: Where to send objections (office, address, telephone); the library's
            default wording, said to be a default, when not given.
        office: Who publishes the notice.

    Raises:
        NoticeError: a tie at a quota boundary is still pending.
        CalendarError: the calendar does not know the period's year.

    >>> from wuxing.samples import demo_bundle, DEMO_AT
    >>> from wuxing import evaluate
    >>> bundle = demo_bundle()
    >>> result = evaluate(bundle, DEMO_AT)
    >>> build_notice(result, bundle, bundle.resolve_ruleset(), dt.date(2023, 1, 16))
    Traceback (most recent call last):
    ...
    wuxing.reports.notice.NoticeError: demonstration-township: 2 applications tie at 86.60 \
for 1 seat(s) (dt-t03, dt-t04); record the office's settlement and evaluate again
    """
    pending = [(c.category_id, t) for c in result.categories for t in c.ties]
    if pending:
        raise NoticeError(
            "; ".join(
                f"{cid}: {len(t.application_ids)} applications tie at {t.total} for {t.seats} "
                f"seat(s) ({', '.join(t.application_ids)})"
                for cid, t in pending
            )
            + "; record the office's settlement and evaluate again"
        )
    cal = calendar if calendar is not None else ChinaCalendar()
    days = ruleset.periods.notice_working_days
    last_day = cal.add_working_days(first_day, days)
    who = applicants(bundle)
    sections = []
    for n, cat in enumerate(result.categories, start=1):
        category = ruleset.category(cat.category_id)
        names = []
        for o in cat.outcomes:
            if o.outcome is not Outcome.SELECTED:
                continue
            person = who.get(o.applicant_id)
            if person is None:
                names.append(o.applicant_id)
            elif person.kind == "unit" or not person.unit:
                names.append(person.name)
            else:
                names.append(f"{person.name}（{person.unit}）")
        count = "名" if category.scope.entrant.value != "unit" else "个"
        heading = f"{numeral(n)}、{category.title_zh}（{len(names)}{count}）"
        sections.append((heading, tuple(by_strokes(names))))
    subject = bundle.campaign.title or ruleset.title
    channel = objections_to or DEFAULT_OBJECTIONS
    closing = (
        f"公示期：{zh_date(first_day)}至{zh_date(last_day)}（发布之日后{days}个工作日）。",
        f"公示期间，如对公示对象有异议，请以书面形式向{channel}反映。"
        "以单位名义反映的请加盖公章，以个人名义反映的请署真实姓名并留联系方式。",
        "以上名单按姓氏笔画排序。",
    )
    notes = []
    if ruleset.declared("periods.notice_working_days") is not None:
        notes.append(
            f"注：公示期{days}个工作日为评选规则“{ruleset.id}”的默认设置，"
            "评选通知只要求接受社会监督、做到公开透明，未规定公示期。"
        )
    if objections_to is None:
        notes.append("注：异议受理方式为本程序的默认表述，评选通知未作规定，请按本地要求补充。")
    return Notice(
        title=f"关于{subject}拟表彰对象的公示",
        opening=(
            f"根据{source_line(ruleset)}，经{steps_line(ruleset)}、审核确定并报县政府审定，"
            "现将拟表彰对象予以公示，接受社会监督。"
        ),
        sections=tuple(sections),
        first_day=first_day,
        last_day=last_day,
        working_days=days,
        closing=closing,
        notes=tuple(notes),
        office=office,
    )
