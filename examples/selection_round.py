"""One category from submission through public notice to commendation, with its audit log.

Run: python examples/selection_round.py
"""

from __future__ import annotations

import datetime as dt

import pendulum

from wuxing import FormsFiled, Unit, UnitKind, rulesets
from wuxing.calendar import ChinaCalendar
from wuxing.model.applications import Application
from wuxing.model.campaigns import Campaign
from wuxing.process import Actor, Round
from wuxing.process.audit import Role

TZ = "Asia/Shanghai"


def at(month: int, day: int, hour: int = 10, year: int = 2022) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, tz=TZ)


def main() -> None:
    rules = rulesets.load("xingguo-2022")
    category = rules.category("demonstration-township")
    campaign = Campaign("xingguo-2022", rules.id, 2022, dt.date(2022, 12, 31))
    towns = [
        Unit("lianjiang", "潋江镇", UnitKind.TOWN, "360732"),
        Unit("jiangbei", "江背镇", UnitKind.TOWN, "360732"),
        Unit("gaoxing", "高兴镇", UnitKind.TOWN, "360732"),
    ]
    directory = {u.id: u for u in towns}
    office = Actor("office-1", Role.OFFICE, "five-type-office")
    supervisor = Actor("s01", Role.SUPERVISOR, None)
    government = Actor("county-gov", Role.COUNTY_GOVERNMENT)
    public = Actor("citizen-1", Role.PUBLIC)

    rnd = Round.start(campaign, category)
    for i, town in enumerate(towns):
        actor = Actor(f"{town.id}-clerk", Role.APPLICANT_UNIT, town.id)
        app = Application(
            f"dt-{town.id}", category.id, town.id, at(12, 20 + i), forms=FormsFiled(2, True, True)
        )
        rnd = rnd.submit(actor, app, at(12, 20 + i), directory)
    for town in towns:
        rnd = rnd.accept(office, f"dt-{town.id}", at(12, 28))
    for town in towns:
        rnd = rnd.verify(supervisor, f"dt-{town.id}", at(1, 6, year=2023))
    rnd = rnd.select(office, "dt-lianjiang", at(1, 9, year=2023))
    rnd = rnd.select(office, "dt-jiangbei", at(1, 9, year=2023))
    rnd = rnd.place_on_reserve(office, "dt-gaoxing", at(1, 9, year=2023))
    for app_id in ("dt-lianjiang", "dt-jiangbei"):
        rnd = rnd.approve(government, app_id, at(1, 12, year=2023))
    rnd = rnd.open_notice(
        office, at(1, 13, year=2023), ChinaCalendar(), rules.periods.notice_working_days
    )
    assert rnd.notice is not None
    print(f"notice open until {rnd.notice.closes_at.isoformat()}, head {rnd.log.head[:16]}")
    rnd = rnd.lodge_objection(
        public, "dt-jiangbei", at(1, 16, year=2023), "群众反映该镇便民服务中心存在推诿现象"
    )
    rnd = rnd.rule_objection(office, "O1", at(1, 18, year=2023), True, "经核实，情况属实")
    rnd = rnd.close_notice(office, at(1, 21, year=2023))
    rnd.log.verify()

    for event in rnd.log.events:
        print(
            f"{event.seq:2d} {event.at.isoformat()} {event.role.value:17s} "
            f"{event.action:16s} {event.subject:14s} {event.reason}"
        )
    print()
    names = {u.id: u.name for u in towns}
    for entry in rnd.public_list(names, names):
        print(f"{entry.name} {entry.outcome}")


if __name__ == "__main__":
    main()
