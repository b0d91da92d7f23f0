"""A small county for the round's tests: units, people, a staff registry with every kind of
actor (several roles at once, members of the applicants' units), and hand-made results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import pendulum

from wuxing import FormsFiled, Person, Supervisor, Unit, UnitKind, rulesets
from wuxing.evaluation.outcomes import (
    ApplicationOutcome,
    CategoryResult,
    Outcome,
    SelectionResult,
    TiePending,
)
from wuxing.model.applications import Application
from wuxing.model.campaigns import Campaign
from wuxing.process import Appointment, Role, Round, StaffRegistry

TZ = "Asia/Shanghai"
RULES = rulesets.load("xingguo-2022")
TOWNSHIP = "demonstration-township"
CAMPAIGN = Campaign("xg-2022", RULES.id, 2022, dt.date(2022, 12, 31))
TOWNS = ("lianjiang", "jiangbei", "gaoxing", "longkou", "meijiao", "guilong", "liangcun")
UNITS = (
    *(Unit(t, f"{t}镇", UnitKind.TOWN, "360732") for t in TOWNS),
    Unit("finance", "县财政局", UnitKind.GOVERNMENT_DEPARTMENT, "360732"),
    Unit("office-unit", "县“五型”办", UnitKind.GOVERNMENT_DEPARTMENT, "360732"),
)
PEOPLE = (
    Person("p1", "李明", "finance", "科员"),
    Person("office-g", "高办", "gaoxing", "借调干部"),  # an office member from gaoxing
    Person("gov-g", "高府", "gaoxing", "副县长"),  # a county official from gaoxing
)
SUPERVISORS = (
    Supervisor("s1", "王芳", dt.date(2021, 1, 1), dt.date(2023, 12, 31)),
    Supervisor("s2", "张伟", dt.date(2021, 1, 1), dt.date(2023, 12, 31)),
    Supervisor("sup-g", "高监", dt.date(2021, 1, 1), dt.date(2023, 12, 31), unit_id="gaoxing"),
)
OFF, SUP, GOV, A = Role.OFFICE, Role.SUPERVISOR, Role.COUNTY_GOVERNMENT, Role.APPLICANT_UNIT
STAFF = StaffRegistry(
    [
        Appointment("office-1", OFF, "office-unit"),
        Appointment("office-2", OFF, "office-unit"),
        Appointment("office-3", OFF, "office-unit"),
        Appointment("office-g", OFF, "office-unit"),
        Appointment("office-s", OFF, "office-unit"),  # office member who also verifies
        Appointment("office-s", SUP),
        Appointment("s1", SUP),
        Appointment("s2", SUP),
        Appointment("sup-g", SUP),
        Appointment("gov-1", GOV),
        Appointment("gov-2", GOV),
        Appointment("gov-g", GOV),
        Appointment("late-gov", GOV, valid_from=dt.date(2023, 6, 1)),
        Appointment("p1-clerk", Role.RECOMMENDING_UNIT, "finance"),
        *(Appointment(f"{t}-clerk", A, t) for t in TOWNS),
    ]
)


def at(y: int, m: int, d: int, h: int = 10, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(y, m, d, h, minute, tz=TZ)


OPENED = at(2022, 11, 4)
FILED = at(2022, 12, 20)
ACCEPTED = at(2022, 12, 28)
VERIFIED = at(2023, 1, 5)
CUTOFF = at(2023, 1, 10, 17)
SELECTED = at(2023, 1, 11)
APPROVED = at(2023, 1, 12)
NOTICE = at(2023, 1, 13)  # a Friday: five working days end Friday 2023-01-20


def app(town: str, when: dt.datetime = FILED, **kw: object) -> Application:
    forms = kw.pop("forms", FormsFiled(2, True, True))
    return Application(f"dt-{town}", TOWNSHIP, town, when, forms=forms, **kw)  # type: ignore[arg-type]


def opened(key: bytes | None = None, category: str = TOWNSHIP) -> Round:
    return Round.start(
        CAMPAIGN,
        RULES,
        category,
        STAFF,
        by="office-1",
        at=OPENED,
        units=UNITS,
        people=PEOPLE,
        supervisors=SUPERVISORS,
        key=key,
    )


def submitted(*towns: str, key: bytes | None = None) -> Round:
    rnd = opened(key)
    for t in towns:
        rnd = rnd.submit(f"{t}-clerk", app(t), FILED)
    return rnd


def verified(*towns: str, key: bytes | None = None) -> Round:
    rnd = submitted(*towns, key=key)
    for t in towns:
        rnd = rnd.accept("office-1", f"dt-{t}", ACCEPTED)
    for t in towns:
        rnd = rnd.verify("s1", f"dt-{t}", VERIFIED)
    return rnd


def result(
    selected: Sequence[str],
    reserve: Sequence[str] = (),
    others: Sequence[str] = (),
    *,
    ties: Sequence[TiePending] = (),
    settlements: Sequence[str] = (),
    quota: int = 5,
    cutoff: dt.datetime = CUTOFF,
) -> SelectionResult:
    """A result as the evaluation gives one, written by hand."""
    outcomes = [
        *(ApplicationOutcome(a, a[3:], Outcome.SELECTED) for a in selected),
        *(ApplicationOutcome(a, a[3:], Outcome.RESERVE) for a in reserve),
        *(ApplicationOutcome(a, a[3:], Outcome.OUT_OF_QUOTA) for a in others),
        *(
            ApplicationOutcome(a, a[3:], Outcome.TIE_PENDING)
            for t in ties
            for a in t.application_ids
        ),
    ]
    category = CategoryResult(
        TOWNSHIP, quota, selected, reserve, outcomes, ties=ties, settlements=settlements
    )
    return SelectionResult(CAMPAIGN.id, RULES.id, cutoff, [category])


def tie(*apps: str, seats: int = 1) -> TiePending:
    return TiePending(apps, seats, Decimal("86.60"))


def approved(
    towns: Sequence[str] = ("lianjiang", "jiangbei", "gaoxing"),
    reserve: Sequence[str] = ("longkou",),
    key: bytes | None = None,
) -> Round:
    """Candidates selected from a hand-made result and approved; reserves on the list."""
    rnd = verified(*towns, *reserve, key=key)
    ids = [f"dt-{t}" for t in towns]
    rnd = rnd.select("office-1", result(ids, [f"dt-{t}" for t in reserve]), SELECTED)
    for a in ids:
        rnd = rnd.approve("gov-1", a, APPROVED)
    return rnd


def in_notice(key: bytes | None = None) -> Round:
    return approved(key=key).open_notice("office-1", NOTICE)
