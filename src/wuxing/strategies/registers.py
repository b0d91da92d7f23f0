"""Strategies for the office's registers: supervision ledgers and key-task lists."""

from __future__ import annotations

import datetime as dt

import pendulum
from hypothesis import strategies as st

from wuxing.model.records import SanctionKind
from wuxing.strategies.values import (
    dimensions,
)
from wuxing.supervision import (
    Finding,
    Inspection,
    InspectionKind,
    Ledger,
    Rectification,
    RectificationState,
    Sanction,
)
from wuxing.tasks import (
    Area,
    Cadence,
    DispatchRule,
    KeyTask,
    LeadReading,
    ReviewKind,
    TaskList,
    UnclearLead,
)


@st.composite
def ledgers(draw: st.DrawFn, *, year: int = 2022, max_items: int = 8) -> Ledger:
    """Valid supervision ledgers of one year: inspections, findings, rectifications with
    random steps (reported, accepted, sent back), and sanctions linked to findings."""
    tz = "Asia/Shanghai"
    subjects = st.sampled_from(["u1", "u2", "p1", "p2"])
    days = st.dates(dt.date(year, 1, 1), dt.date(year, 12, 20))
    inspections = [
        Inspection(
            f"I{i}",
            draw(st.sampled_from(list(InspectionKind))),
            draw(days),
            ("s1",),
            tuple(draw(st.lists(subjects, max_size=2, unique=True))),
            "督查",
        )
        for i in range(draw(st.integers(1, max_items)))
    ]
    findings = [
        Finding(
            f"F{i}",
            draw(st.sampled_from(inspections)).id,
            draw(subjects),
            draw(dimensions()),
            "问题",
        )
        for i in range(draw(st.integers(0, max_items)))
    ]
    on = {i.id: i.on for i in inspections}
    rectifications = []
    for i, finding in enumerate(findings):
        if not draw(st.booleans()):
            continue
        start = on[finding.inspection_id]
        ordered = pendulum.datetime(
            start.year, start.month, start.day, draw(st.integers(8, 17)), tz=tz
        )
        r = Rectification.order(
            f"R{i}",
            finding.id,
            finding.subject_id,
            ordered,
            days=draw(st.sampled_from([0, 3, 10, 30])),
        )
        t = ordered
        for _ in range(draw(st.integers(0, 4))):
            t = t.add(hours=draw(st.integers(1, 24 * 20)))
            state = r.state_at(t)
            if state is RectificationState.ORDERED:
                r = r.report(t)
            elif state is RectificationState.REPORTED:
                if draw(st.booleans()):
                    r = r.accept(t)
                else:
                    extra = dt.timedelta(days=draw(st.integers(1, 20)))
                    r = r.send_back(t, "不合格", t.date() + extra)
        rectifications.append(r)
    sanctions = [
        Sanction(
            f"S{i}",
            draw(st.sampled_from(["p1", "p2"])),
            draw(st.sampled_from(list(SanctionKind))),
            draw(days),
            (draw(st.sampled_from(findings)).id,) if findings else (),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    notes = draw(st.lists(st.sampled_from(["日期为示例", "Dates are synthetic."]), unique=True))
    return Ledger(inspections, findings, rectifications, sanctions, tz, notes)


@st.composite
def task_lists(draw: st.DrawFn, *, max_tasks: int = 10) -> TaskList:
    """Valid key-task lists: areas, tasks with distinct lead and responsible units, some
    naming no lead but how the work is allocated, some with unclear leads read as the list
    says, some deadlines, progress reports and acceptances in 2023, and dispatch rules."""
    tz = "Asia/Shanghai"
    units = ["市商务局", "市工信局", "市城管局", "各区(市)政府", "市行政审批局"]
    reading = draw(st.sampled_from(list(LeadReading)))
    n_areas = draw(st.integers(1, 4))
    areas = [Area(i + 1, f"方面{i + 1}") for i in range(n_areas)]
    tasks = []
    for n in range(1, draw(st.integers(0, max_tasks)) + 1):
        lead = draw(st.lists(st.sampled_from(units), min_size=1, max_size=2, unique=True))
        rest = [u for u in units if u not in lead]
        resp = draw(st.lists(st.sampled_from(rest), max_size=2, unique=True))
        deadline = draw(st.none() | st.dates(dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
        shape = draw(st.sampled_from(["clear", "clear", "allocated", "unclear"]))
        allocation: str | None = None
        unclear: UnclearLead | None = None
        if shape == "allocated":  # no lead unit named, only how the work is allocated
            lead, allocation = [], "按责任分工对应落实"
        elif shape == "unclear" and resp:  # both lists labelled 责任单位
            unclear = UnclearLead(lead, resp)
            lead, resp = (list(units_) for units_ in unclear.read(reading))
        task = KeyTask(
            n,
            draw(st.integers(1, n_areas)),
            f"任务{n}",
            lead,
            resp,
            deadline=deadline,
            allocation_zh=allocation,
            unclear_lead=unclear,
            notes=("牵头单位不明",) if unclear else (),
        )
        t = pendulum.datetime(2023, 1, 1, 9, tz=tz)
        for _ in range(draw(st.integers(0, 3))):
            t = t.add(days=draw(st.integers(1, 90)))
            task = task.report(t, "进展")
        if draw(st.booleans()):
            task = task.accept(t.add(days=draw(st.integers(0, 60))))
        tasks.append(task)
    numbers = [t.number for t in tasks]
    rules = draw(
        st.lists(
            st.builds(
                DispatchRule,
                role=st.sampled_from(["", "市政府市长", "市政府常务副市长"]),
                cadence=st.sampled_from(list(Cadence)),
                kind=st.sampled_from(list(ReviewKind)),
                tasks=st.lists(st.sampled_from(numbers), unique=True) if numbers else st.just([]),
            ),
            max_size=3,
        )
    )
    return TaskList("责任清单", areas, tasks, tz, reading, rules)
