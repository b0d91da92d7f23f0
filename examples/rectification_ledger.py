"""Tongmu town's supervision figures (桐木镇, 2021) as a ledger of records, and its summary.

Tongmu town's write-up as a Five-Type advanced collective (“五型”政府建设先进集体事迹, published
2021-08-18) reports, under 五、守底线、强监管，打造过硬型政府: 32 centralized inspections
(集中督查), 41 unscheduled ones (不定期督查), 90-odd inspections of enterprises and the
service centre (深入企业和便民中心督查90余次); for problems of the town's and villages' cadres
in their work style (工作作风), 45 person-times ordered to rectify on the spot (现场要求整改)
and 16 within a deadline (责令限期整改); 13 cadres dealt with (处理) and 7 held accountable
(问责); 18 special remediation inspections (专项整治督查) of administrative approval, fund
disbursement, poverty relief and livelihood.

This script records those figures item by item, writes the ledger to examples/data/, and
prints the summary as of the write-up's date, counted from the records. Only the counts, the
kinds, the finding type and the remediation topics come from the write-up; the records' dates
(in 2021, up to 2021-08-18), the people, the split of the 90 field inspections between
enterprises and the service centre, the rectification deadlines and times are synthetic, and
the ledger says so in its notes. The 90-odd field inspections are recorded as 90.

Run: python examples/rectification_ledger.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum

from wuxing import Dimension, io
from wuxing.calendar import ChinaCalendar
from wuxing.model.records import SanctionKind
from wuxing.reports import render_ledger
from wuxing.supervision import (
    Finding,
    Inspection,
    InspectionKind,
    Ledger,
    Rectification,
    RectificationMode,
    Sanction,
)

TZ = "Asia/Shanghai"
TOWN = "tongmu"
HERE = Path(__file__).parent
WRITE_UP = dt.date(2021, 8, 18)  # the write-up's date: every record is on or before it
FIRST = dt.date(2021, 1, 4)  # synthetic: the write-up names no start
WRITE_UP_FIGURES = {  # as the write-up states them
    "集中督查": 32,
    "不定期督查": 41,
    "深入企业和便民中心督查": 90,  # 90余次
    "专项整治督查": 18,
    "现场要求整改": 45,
    "责令限期整改": 16,
    "处理干部": 13,
    "问责": 7,
}
SPECIAL_TOPICS = ("行政审批", "资金拨付", "扶贫", "民生")  # the write-up's four areas
STYLE_PROBLEM = "镇村干部在工作作风方面存在的问题"  # the write-up's words
NOTES = (
    "Counts, kinds, the finding type (工作作风, 过硬型) and the remediation topics are Tongmu "
    "town's write-up of 2021-08-18; dates, people, deadlines and times are synthetic.",
    "The write-up gives 90余次 inspections of enterprises and the service centre together; "
    "the split here (50 enterprises, 40 service centre) is synthetic.",
    "The write-up does not link the 13 cadres dealt with and the 7 held accountable to "
    "particular findings; the sanctions here name none.",
)


def spread(i: int, n: int, last: dt.date = WRITE_UP) -> dt.date:
    """The i-th of n synthetic days, spread evenly from FIRST to ``last``."""
    return FIRST + dt.timedelta(days=(i * (last - FIRST).days) // max(n - 1, 1))


def inspections() -> list[Inspection]:
    kinds = [
        (InspectionKind.CENTRALIZED, 32, lambda i: "集中督查"),
        (InspectionKind.UNSCHEDULED, 41, lambda i: "不定期督查"),
        (InspectionKind.FIELD_ENTERPRISE, 50, lambda i: "深入企业督查"),
        (InspectionKind.FIELD_SERVICE_CENTRE, 40, lambda i: "深入便民中心督查"),
        (
            InspectionKind.SPECIAL_REMEDIATION,
            18,
            lambda i: f"{SPECIAL_TOPICS[i % 4]}方面的专项整治督查",
        ),
    ]
    return [
        Inspection(f"{kind.value}-{i + 1:02d}", kind, spread(i, n), ("督查组",), (TOWN,), topic(i))
        for kind, n, topic in kinds
        for i in range(n)
    ]


def build() -> Ledger:
    calendar = ChinaCalendar()
    done = inspections()
    with_findings = [i for i in done if i.kind is not InspectionKind.SPECIAL_REMEDIATION]
    # deadline orders come from inspections before August, so all are closed by the write-up
    early = [i for i in with_findings if i.on < dt.date(2021, 8, 1)]
    findings, rectifications = [], []
    for i in range(45 + 16):
        on_the_spot = i < 45
        pool = with_findings if on_the_spot else early
        inspection = pool[(i * 7) % len(pool)]
        subject = f"cadre-{i % 30 + 1:02d}"
        fid = f"F-{i + 1:03d}"
        findings.append(Finding(fid, inspection.id, subject, Dimension.COMPETENT, STYLE_PROBLEM))
        day = inspection.on
        ordered = pendulum.datetime(day.year, day.month, day.day, 15, tz=TZ)
        rid = f"R-{i + 1:03d}"
        if on_the_spot:  # reported and accepted the same day
            r = Rectification.order(rid, fid, subject, ordered)
            r = r.report(ordered.add(hours=1)).accept(ordered.add(hours=2))
        else:  # within ten working days, reported and accepted within them
            r = Rectification.order(
                rid, fid, subject, ordered, days=10, working_days=True, calendar=calendar
            )
            r = r.report(ordered.add(days=7)).accept(ordered.add(days=8))
        rectifications.append(r)
    sanctions = [
        Sanction(
            f"S-{i + 1:02d}",
            f"cadre-{i + 1:02d}",
            SanctionKind.DEALT_WITH if i < 13 else SanctionKind.HELD_ACCOUNTABLE,
            spread(i, 20, dt.date(2021, 8, 10)),
            (),
            "处理干部" if i < 13 else "问责",
        )
        for i in range(13 + 7)
    ]
    return Ledger(done, findings, rectifications, sanctions, TZ, NOTES)


def main() -> None:
    ledger = build()
    io.write(HERE / "data" / "tongmu-2021-ledger.json", ledger)
    at = pendulum.datetime(2021, 8, 18, 23, 59, 59, tz=TZ)
    print(render_ledger(ledger, at))

    kinds = ledger.inspections_by_kind()
    modes = ledger.rectifications_by_mode()
    sanctions = ledger.sanctions_by_kind()
    field = kinds[InspectionKind.FIELD_ENTERPRISE] + kinds[InspectionKind.FIELD_SERVICE_CENTRE]
    counted = {
        "集中督查": kinds[InspectionKind.CENTRALIZED],
        "不定期督查": kinds[InspectionKind.UNSCHEDULED],
        "深入企业和便民中心督查": field,
        "专项整治督查": kinds[InspectionKind.SPECIAL_REMEDIATION],
        "现场要求整改": modes[RectificationMode.ON_THE_SPOT],
        "责令限期整改": modes[RectificationMode.WITHIN_DEADLINE],
        "处理干部": sanctions[SanctionKind.DEALT_WITH],
        "问责": sanctions[SanctionKind.HELD_ACCOUNTABLE],
    }
    latest = max(
        [i.on for i in ledger.inspections]
        + [s.decided_on for s in ledger.sanctions]
        + [step.at.date() for r in ledger.rectifications for step in r.steps]
    )
    print()
    print(f"Tongmu town's write-up of {WRITE_UP}, counted from the records up to {latest}:")
    print("  " + ", ".join(f"{name} {n}" for name, n in counted.items()))
    print("  (the write-up: 深入企业和便民中心督查90余次; the records count 90)")
    print("synthetic in these records: see the notes above.")
    assert counted == WRITE_UP_FIGURES, counted
    assert latest <= WRITE_UP, latest
    assert not ledger.open_at(at)
    assert not ledger.overdue_at(at)


if __name__ == "__main__":
    main()
