"""A whole demonstration-township round, driven by the evaluation, with its audit log.

Units file their applications; the office accepts them and the supervisors verify them on
site; the office evaluates, settles the tie the evaluation reports (collectively), and takes
the result as its candidate list; the county government approves; the notice runs; an
upheld objection moves the reserve up, which the county government approves and a
supplementary notice (补充公示) publishes for the full period. On the way, an office member's
attempt to approve is refused: only the county government approves.

Run: python examples/selection_round.py
"""

from __future__ import annotations

import pendulum

from wuxing import WuxingError, evaluate, io
from wuxing.process import Appointment, Role, Round, StaffRegistry
from wuxing.samples import DEMO_AT, demo_bundle

TZ = "Asia/Shanghai"
CATEGORY = "demonstration-township"


def at(year: int, month: int, day: int, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, tz=TZ)


def main() -> None:
    bundle = demo_bundle()
    filed = sorted(
        (a for a in bundle.applications if a.category_id == CATEGORY),
        key=lambda a: a.submitted_at,
    )
    office = "five-type-office"
    staff = StaffRegistry(
        [
            Appointment("office-1", Role.OFFICE, office, name="县“五型”办 甲"),
            Appointment("office-2", Role.OFFICE, office, name="县“五型”办 乙"),
            Appointment("gov-1", Role.COUNTY_GOVERNMENT, name="县政府 丙"),
            Appointment("gov-2", Role.COUNTY_GOVERNMENT, name="县政府 丁"),
            *(Appointment(s.id, Role.SUPERVISOR, name=s.name) for s in bundle.supervisors),
            *(
                Appointment(f"{a.applicant_id}-clerk", Role.APPLICANT_UNIT, a.applicant_id)
                for a in filed
            ),
        ]
    )
    rnd = Round.from_bundle(bundle, CATEGORY, staff, by="office-1", at=at(2022, 11, 4))

    # 自主申报: each unit files; the filing is checked at the time it is recorded.
    for application in filed:
        try:
            rnd = rnd.submit(
                f"{application.applicant_id}-clerk", application, application.submitted_at
            )
        except WuxingError as refusal:
            print(f"refused {application.id}: {refusal}")
    # 实地核查
    for record in rnd.records:
        rnd = rnd.accept("office-1", record.id, at(2023, 1, 3))
    for i, record in enumerate(rnd.records):
        rnd = rnd.verify(f"s0{i % 5 + 1}", record.id, at(2023, 1, 6))

    # 审核确定: the evaluation at the cut-off reports a tie; the office settles it together.
    first = evaluate(rnd.evaluation_bundle(bundle), DEMO_AT)
    (pending,) = first.category(CATEGORY).ties
    print(f"tie: {', '.join(pending.application_ids)} at {pending.total} for {pending.seats} seat")
    rnd = rnd.settle_tie(
        ["office-1", "office-2"],
        pending.application_ids,
        ["dt-t04"],
        "实地核查群众满意度较高",
        at(2023, 1, 11),
        result=first,
    )
    result = evaluate(rnd.evaluation_bundle(bundle), DEMO_AT)
    rnd = rnd.select("office-2", result, at(2023, 1, 11, 15), bundle=bundle)
    candidates = [r.id for r in rnd.records if r.state.value == "candidate"]
    print(f"candidates: {', '.join(candidates)}; reserve: {', '.join(rnd.reserve)}")

    # 报县政府审定: the office cannot approve.
    try:
        rnd.approve("office-1", candidates[0], at(2023, 1, 12))
    except WuxingError as refusal:
        print(f"refused: {refusal}")
    for app_id in candidates:
        rnd = rnd.approve(["gov-1", "gov-2"], app_id, at(2023, 1, 12))

    # 公示 (the library's default: five working days), an objection, a supplementary notice.
    rnd = rnd.open_notice("office-1", at(2023, 1, 13))
    print(f"notice N1 until {rnd.notices[0].closes_at.isoformat()}")
    rnd = rnd.lodge_objection(
        "citizen-1", "dt-t13", at(2023, 1, 16), "群众反映该镇便民服务中心存在推诿现象"
    )
    rnd = rnd.rule_objection("office-2", "O1", at(2023, 1, 18), True, "经核实，情况属实")
    rnd = rnd.close_notice("office-1", at(2023, 1, 21))
    replacement = next(r.id for r in rnd.records if r.state.value == "candidate")
    rnd = rnd.approve("gov-1", replacement, at(2023, 1, 30))
    rnd = rnd.open_notice("office-1", at(2023, 1, 30, 11))
    print(
        f"supplementary notice N2 for {replacement} until {rnd.notices[1].closes_at.isoformat()}"
    )
    rnd = rnd.close_notice("office-1", at(2023, 2, 7))

    print()
    for e in rnd.log.events:
        who = "+".join(e.who)
        when = e.at.isoformat()[:16]
        print(f"{e.seq:2d} {when} {e.role.value:17s} {who:18s} {e.action:16s} {e.subject}")
    print()
    names = {u.id: u.name for u in bundle.units}
    for entry in rnd.public_list(names, names):
        print(f"{entry.name} {entry.outcome}")

    rnd.log.verify(heads=rnd.published_heads)
    assert rnd == io.loads(io.dumps(rnd), Round)  # loading replays every entry
    heads = len(rnd.published_heads)
    print(f"\nlog verified against {heads} published heads; head {rnd.log.head[:16]}")


if __name__ == "__main__":
    main()
