"""The supervision and rectification ledger (督查整改台账), in the shape the townships' write-ups
describe (Tongmu town's inspections and rectifications; another township's complaints, spot
checks and admonishment talks).

Inspections of a kind find problems (findings) against units or people; each finding may be
ordered rectified on the spot (现场整改) or within a deadline (限期整改); a rectification is
reported, then accepted (验收销号) or sent back with a new deadline; sanctions (处理, 问责,
诫勉谈话, 通报批评) fall on people, linked to the findings behind them. Whether a rectification is
overdue is derived from the time asked about, never stored.

The :class:`Ledger` answers an office's questions (counts by kind, mode and period, what is open
or overdue on a date, a unit's history) and gives the selection its veto inputs as they stood
at a cut-off (:meth:`Ledger.veto_records`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

import attrs

from wuxing._core.checks import Checks, as_tuple, unknown_references
from wuxing._core.text import describe
from wuxing._core.time import DEFAULT_TIME_ZONE, end_of_day, is_time_zone
from wuxing.errors import Problem, ValidationError
from wuxing.model.bounds import LONG_TEXT, MAX_ITEMS
from wuxing.model.records import FindingRecord, RectificationRecord, SanctionKind, SanctionRecord
from wuxing.supervision.inspections import Finding, Inspection, InspectionKind, Sanction
from wuxing.supervision.rectifications import Rectification, RectificationMode

__all__ = ["Ledger", "Period"]


@attrs.frozen
class Period:
    """A span of days, both ends included.

    >>> Period.quarter(2021, 2)
    Period(start=datetime.date(2021, 4, 1), end=datetime.date(2021, 6, 30))
    >>> [p.start.month for p in Period.months(2021)][:3]
    [1, 2, 3]
    """

    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        c = Checks("Period")
        if c.date("start", self.start) and c.date("end", self.end):
            c.that(
                self.start <= self.end,
                "end",
                "period_reversed",
                "the period ends before it starts",
            )
        c.done()

    @classmethod
    def year(cls, year: int) -> Period:
        """A calendar year."""
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A calendar month."""
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return cls(dt.date(year, month, 1), nxt - dt.timedelta(days=1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """A quarter, 1 to 4."""
        first = 3 * (quarter - 1) + 1
        return cls(Period.month(year, first).start, Period.month(year, first + 2).end)

    @classmethod
    def months(cls, year: int) -> tuple[Period, ...]:
        """The twelve months of a year."""
        return tuple(cls.month(year, m) for m in range(1, 13))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def _by_id(items: Iterable[object]) -> tuple[object, ...]:
    try:
        return tuple(sorted(items, key=lambda x: str(getattr(x, "id", ""))))
    except TypeError:  # not a collection: left for the type check to refuse
        return items  # type: ignore[return-value]


@attrs.frozen
class Ledger:
    """A county's supervision ledger (台账): immutable; records are kept sorted by id, so the
    order they were added in never matters.

    Cross-references are checked: a finding names a known inspection, a rectification a known
    finding, a sanction known findings.

    Args:
        inspections: The :class:`~wuxing.supervision.inspections.Inspection`\\ s.
        findings: The problems they found.
        rectifications: The rectification orders and their steps.
        sanctions: The sanctions on people.
        time_zone: The zone of deadlines.
        notes: What a reader should know about the records, e.g. which details are
            synthetic in an example ledger.
    """

    inspections: tuple[Inspection, ...] = attrs.field(converter=_by_id, default=())
    findings: tuple[Finding, ...] = attrs.field(converter=_by_id, default=())
    rectifications: tuple[Rectification, ...] = attrs.field(converter=_by_id, default=())
    sanctions: tuple[Sanction, ...] = attrs.field(converter=_by_id, default=())
    time_zone: str = DEFAULT_TIME_ZONE
    notes: tuple[str, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("Ledger")
        if c.of_type("notes", self.notes, tuple) and c.items(
            "notes", self.notes, str, max_items=MAX_ITEMS
        ):
            for i, note in enumerate(self.notes):
                c.text(f"notes[{i}]", note, max_length=LONG_TEXT)
        whole = True
        for name, kind in (
            ("inspections", Inspection),
            ("findings", Finding),
            ("rectifications", Rectification),
            ("sanctions", Sanction),
        ):
            items = getattr(self, name)
            if c.of_type(name, items, tuple) and c.items(name, items, kind):
                c.unique(name, items, lambda x: x.id, "id")
            else:
                whole = False
        if (
            c.that(
                is_time_zone(self.time_zone),
                "time_zone",
                "unknown_time_zone",
                f"{describe(self.time_zone)} is not an IANA time zone name (e.g. 'Asia/Shanghai')",
            )
            and whole
        ):
            self._check_deadlines(c)
        c.done()
        problems: list[Problem] = []
        inspections = {i.id for i in self.inspections}
        findings = {f.id for f in self.findings}
        problems += unknown_references(
            "findings",
            self.findings,
            "inspection_id",
            inspections,
            "unknown_inspection",
            "inspection",
        )
        problems += unknown_references(
            "rectifications",
            self.rectifications,
            "finding_id",
            findings,
            "unknown_finding",
            "finding",
        )
        for i, s in enumerate(self.sanctions):
            for j, fid in enumerate(s.finding_ids):
                if fid not in findings:
                    problems.append(
                        Problem(
                            f"sanctions[{i}].finding_ids[{j}]",
                            "unknown_finding",
                            f"no finding {fid!r}",
                        )
                    )
        if problems:
            raise ValidationError(problems, subject="Ledger")

    def _check_deadlines(self, c: Checks) -> None:
        # A deadline is a day in the ledger's zone; the order's own offset may put its date
        # a day earlier or later, so the order is compared with the end of that day here.
        for i, r in enumerate(self.rectifications):
            if r.ordered_at > end_of_day(r.deadline, self.time_zone):
                c.add(
                    f"rectifications[{i}].deadline",
                    "deadline_before_order",
                    f"the deadline {r.deadline} ends before the order in {self.time_zone}",
                )
            for j, step in enumerate(r.steps):
                if step.new_deadline is not None and r.ordered_at > end_of_day(
                    step.new_deadline, self.time_zone
                ):
                    c.add(
                        f"rectifications[{i}].steps[{j}].new_deadline",
                        "deadline_before_order",
                        f"the new deadline {step.new_deadline} ends before the order in "
                        f"{self.time_zone}",
                    )

    # -- counts ------------------------------------------------------------------------
    def _order_day(self, r: Rectification) -> dt.date:
        return r.ordered_at.astimezone(end_of_day(r.deadline, self.time_zone).tzinfo).date()

    def inspections_by_kind(self, period: Period | None = None) -> Counter[InspectionKind]:
        """How many inspections of each kind, in ``period`` (all when ``None``)."""
        return Counter(i.kind for i in self.inspections if period is None or i.on in period)

    def rectifications_by_mode(self, period: Period | None = None) -> Counter[RectificationMode]:
        """How many rectifications were ordered in each mode, by the day of the order."""
        return Counter(
            r.mode for r in self.rectifications if period is None or self._order_day(r) in period
        )

    def sanctions_by_kind(self, period: Period | None = None) -> Counter[SanctionKind]:
        """How many sanctions of each kind, by the day decided."""
        return Counter(s.kind for s in self.sanctions if period is None or s.decided_on in period)

    def by_unit(self, units_of: dict[str, str] | None = None) -> dict[str, Counter[str]]:
        """Per unit: inspections visiting it, findings, rectifications and sanctions against
        it (people counted under their unit when ``units_of`` maps them)."""
        units_of = units_of or {}
        table: dict[str, Counter[str]] = {}

        def row(subject: str) -> Counter[str]:
            return table.setdefault(units_of.get(subject, subject), Counter())

        for i in self.inspections:
            for u in i.units_visited:
                row(u)["inspections"] += 1
        for f in self.findings:
            row(f.subject_id)["findings"] += 1
        for r in self.rectifications:
            row(r.subject_id)["rectifications"] += 1
        for s in self.sanctions:
            row(s.person_id)["sanctions"] += 1
        return dict(sorted(table.items()))

    # -- as of a date --------------------------------------------------------------------
    def open_at(self, at: dt.datetime) -> tuple[Rectification, ...]:
        """Rectifications open at ``at``."""
        return tuple(r for r in self.rectifications if r.is_open(at))

    def overdue_at(self, at: dt.datetime) -> tuple[Rectification, ...]:
        """Rectifications overdue at ``at``."""
        return tuple(r for r in self.rectifications if r.overdue_at(at, self.time_zone))

    def history(self, subject_id: str) -> tuple[object, ...]:
        """Everything about one unit or person: inspections visiting it, findings,
        rectifications and sanctions against it, in date order (on one day in that order)."""
        dated: list[tuple[dt.date, int, str, object]] = []
        dated += [(i.on, 0, i.id, i) for i in self.inspections if subject_id in i.units_visited]
        inspection_day = {i.id: i.on for i in self.inspections}
        dated += [
            (inspection_day[f.inspection_id], 1, f.id, f)
            for f in self.findings
            if f.subject_id == subject_id
        ]
        dated += [
            (self._order_day(r), 2, r.id, r)
            for r in self.rectifications
            if r.subject_id == subject_id
        ]
        dated += [(s.decided_on, 3, s.id, s) for s in self.sanctions if s.person_id == subject_id]
        return tuple(item for *_, item in sorted(dated, key=lambda t: t[:3]))

    def veto_records(
        self, at: dt.datetime
    ) -> tuple[
        tuple[RectificationRecord, ...], tuple[SanctionRecord, ...], tuple[FindingRecord, ...]
    ]:
        """The selection's veto and tie-break inputs as they stood at ``at``: rectifications
        ordered by then (with the deadline in force and the acceptance, if by then), sanctions
        decided by then, findings of inspections held by then."""
        rects = tuple(
            RectificationRecord(
                r.id,
                r.subject_id,
                r.ordered_at,
                end_of_day(r.deadline_at(at), self.time_zone),
                a if (a := r.accepted_at()) is not None and a <= at else None,
                f"{r.mode.zh}: finding {r.finding_id}",
            )
            for r in self.rectifications
            if r.ordered_at <= at
        )
        day = at.date()
        sanctions = tuple(
            SanctionRecord(s.id, s.person_id, s.kind, s.decided_on, s.description)
            for s in self.sanctions
            if s.decided_on <= day
        )
        inspection_day = {i.id: i.on for i in self.inspections}
        findings = tuple(
            FindingRecord(f.id, f.subject_id, inspection_day[f.inspection_id], f.description)
            for f in self.findings
            if inspection_day[f.inspection_id] <= day
        )
        return rects, sanctions, findings
