"""A town's supervision year, in the shape of seed 000 (桐木镇, 2021), and its summary.

The town's write-up reports 32 centralized and 41 unscheduled inspections, 90 or so field
inspections of enterprises and service centres, 18 special remediation inspections, 45
person-times ordered to rectify on the spot and 16 within a deadline, 13 cadres dealt with and
7 held accountable. This script records such a year item by item (the records are invented;
only their numbers come from the seed), writes the ledger to examples/data/, and prints the
summary, whose figures are counted from the records.

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
YEAR = 2021
HERE = Path(__file__).parent
SEED_000 = {  # the figures the seed reports
    InspectionKind.CENTRALIZED: 32,
    InspectionKind.UNSCHEDULED: 41,
    InspectionKind.FIELD_ENTERPRISE: 50,
    InspectionKind.FIELD_SERVICE_CENTRE: 40,
    InspectionKind.SPECIAL_REMEDIATION: 18,
}


def day(n: int) -> dt.date:
    """The n-th working-ish day of the year, spread over the year."""
    return dt.date(YEAR, 1, 4) + dt.timedelta(days=(n * 7) % 350)


def build() -> Ledger:
    calendar = ChinaCalendar()
    inspections = []
    n = 0
    for kind, count in SEED_000.items():
        for i in range(count):
            inspections.append(
                Inspection(
                    f"{kind.value}-{i + 1:02d}", kind, day(n), ("督查组",), (TOWN,), kind.zh
                )
            )
            n += 1
    findings, rectifications = [], []
    dims = list(Dimension)
    for i in range(45 + 16):
        inspection = inspections[(i * 5) % len(inspections)]
        subject = f"cadre-{i % 30 + 1:02d}"
        fid = f"F-{i + 1:03d}"
        findings.append(Finding(fid, inspection.id, subject, dims[i % 5], "工作作风问题"))
        ordered = pendulum.datetime(
            inspection.on.year, inspection.on.month, inspection.on.day, 15, tz=TZ
        )
        if i < 45:  # on the spot, reported and accepted the same day
            r = Rectification.order(f"R-{i + 1:03d}", fid, subject, ordered)
            r = r.report(ordered.add(hours=1)).accept(ordered.add(hours=2))
        else:  # within ten working days; two of them still open at the year's end
            r = Rectification.order(
                f"R-{i + 1:03d}",
                fid,
                subject,
                ordered,
                days=10,
                working_days=True,
                calendar=calendar,
            )
            if i < 59:
                done = ordered.add(days=7)
                r = r.report(done).accept(done.add(days=1))
        rectifications.append(r)
    sanctions = [
        Sanction(
            f"S-{i + 1:02d}",
            f"cadre-{i + 1:02d}",
            SanctionKind.DEALT_WITH if i < 13 else SanctionKind.HELD_ACCOUNTABLE,
            day(40 + i),
            (f"F-{i + 1:03d}",),
            "作风问题",
        )
        for i in range(13 + 7)
    ]
    return Ledger(inspections, findings, rectifications, sanctions, TZ)


def main() -> None:
    ledger = build()
    io.write(HERE / "data" / "tongmu-2021-ledger.json", ledger)
    at = pendulum.datetime(YEAR, 12, 31, 23, 59, 59, tz=TZ)
    print(render_ledger(ledger, at))

    kinds = ledger.inspections_by_kind()
    modes = ledger.rectifications_by_mode()
    sanctions = ledger.sanctions_by_kind()
    field = kinds[InspectionKind.FIELD_ENTERPRISE] + kinds[InspectionKind.FIELD_SERVICE_CENTRE]
    figures = (
        kinds[InspectionKind.CENTRALIZED],
        kinds[InspectionKind.UNSCHEDULED],
        field,
        kinds[InspectionKind.SPECIAL_REMEDIATION],
        modes[RectificationMode.ON_THE_SPOT],
        modes[RectificationMode.WITHIN_DEADLINE],
        sanctions[SanctionKind.DEALT_WITH],
        sanctions[SanctionKind.HELD_ACCOUNTABLE],
    )
    print()
    print(
        "seed 000: 集中督查 {} 不定期督查 {} 企业和便民中心督查 {} 专项整治督查 {} "
        "现场整改 {} 限期整改 {} 处理 {} 问责 {}".format(*figures)
    )
    assert figures == (32, 41, 90, 18, 45, 16, 13, 7), figures


if __name__ == "__main__":
    main()
