"""Hypothesis strategies for every :mod:`wuxing` entity, valid by construction.

They are public so that a county system can property-test its own code against the same
shapes the library tests itself with::

    from hypothesis import given
    from wuxing import strategies as wst

    @given(wst.applications())
    def test_my_importer_accepts_every_application(application): ...

Requires the ``hypothesis`` package (the ``test`` extra).
"""

from __future__ import annotations

import datetime as dt
import itertools
import string
from decimal import Decimal

import pendulum
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from wuxing.applications import Application, Evidence, FormsFiled
from wuxing.bundle import Bundle
from wuxing.campaigns import Campaign
from wuxing.categories import (
    Cap,
    CapBy,
    Category,
    EntrantKind,
    FormRequirement,
    ReservedSeats,
    Route,
    Scope,
)
from wuxing.criteria import Criterion, CriterionKind
from wuxing.dimensions import Dimension
from wuxing.ledger import (
    Finding,
    Inspection,
    InspectionKind,
    Ledger,
    Rectification,
    RectificationState,
    Sanction,
)
from wuxing.records import AnnualScore, Mark, OfficeFlag, SanctionKind, ScoreSheet
from wuxing.rulesets._model import (
    Aggregation,
    FinalTieBreak,
    Periods,
    Ranking,
    Ruleset,
    Scoring,
    Source,
    VetoRule,
    VetoTarget,
)
from wuxing.tasks import Area, KeyTask, TaskList
from wuxing.units import Person, Supervisor, Unit, UnitKind

__all__ = [
    "SELECTION_AT",
    "applications",
    "aware_datetimes",
    "bundles",
    "campaigns",
    "categories",
    "credit_codes",
    "criteria",
    "decimals",
    "dimensions",
    "division_codes",
    "identifiers",
    "ledgers",
    "names",
    "people",
    "resident_ids",
    "rulesets",
    "scorings",
    "supervisors",
    "task_lists",
    "time_zones",
    "units",
]

_PROVINCES = ("11", "31", "36", "44", "51", "65")
# Real county-level codes (GB/T 2260), which stdnum checks a resident ID number against.
_REAL_COUNTIES = ("360732", "360730", "360702", "110105", "310104", "440305", "510104")
_ZH_CHARS = "兴国县高兴镇长冈乡龙口镇城岗乡社富乡埠头乡东村乡李明王芳张伟刘洋陈静"


def dimensions() -> st.SearchStrategy[Dimension]:
    """One of the five types."""
    return st.sampled_from(list(Dimension))


def identifiers() -> st.SearchStrategy[str]:
    """Identifiers as :mod:`wuxing` accepts them (``[A-Za-z0-9][A-Za-z0-9_.:-]*``)."""
    head = st.sampled_from(string.ascii_lowercase + string.digits)
    tail = st.text(string.ascii_lowercase + string.digits + "-_", max_size=12)
    return st.builds(lambda h, t: h + t, head, tail)


def names() -> st.SearchStrategy[str]:
    """Non-blank Chinese names."""
    return st.text(_ZH_CHARS, min_size=1, max_size=8)


def division_codes() -> st.SearchStrategy[str]:
    """6-digit GB/T 2260-shaped division codes with a real province prefix."""
    return st.builds(
        lambda p, rest: p + rest,
        st.sampled_from(_PROVINCES),
        st.text(string.digits, min_size=4, max_size=4),
    )


def credit_codes() -> st.SearchStrategy[str]:
    """Unified social credit codes (GB 32100) whose check characters are right."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

    def build(head: str, division: str, org: str) -> str:
        body = head + division + org
        return body + uscc.calc_check_digit(body)

    return st.builds(
        build,
        st.sampled_from(["11", "12", "13", "51", "52", "91", "92", "93"]),
        division_codes(),
        st.text(alphabet, min_size=9, max_size=9),
    )


def resident_ids(
    *, born_from: dt.date = dt.date(1950, 1, 1), born_until: dt.date = dt.date(2008, 12, 31)
) -> st.SearchStrategy[str]:
    """Resident ID numbers with valid birth dates and check digits."""

    def build(region: str, born: dt.date, seq: int) -> str:
        body = f"{region}{born:%Y%m%d}{seq:03d}"
        return body + ric.calc_check_digit(body + "0")  # stdnum skips the last position

    return st.builds(
        build,
        st.sampled_from(_REAL_COUNTIES),
        st.dates(born_from, born_until),
        st.integers(0, 999),
    ).filter(ric.is_valid)  # stdnum also checks the county existed in the birth year


def decimals(
    min_value: Decimal | int = 0, max_value: Decimal | int = 100, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Finite decimals with at most ``places`` places (never NaN or infinity)."""
    return st.decimals(
        min_value=Decimal(min_value),
        max_value=Decimal(max_value),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def time_zones() -> st.SearchStrategy[str]:
    """A few time zones, Asia/Shanghai most often."""
    return st.sampled_from(["Asia/Shanghai", "Asia/Shanghai", "Asia/Urumqi", "UTC"])


def aware_datetimes(
    min_value: dt.datetime = dt.datetime(2020, 1, 1),
    max_value: dt.datetime = dt.datetime(2030, 12, 31),
) -> st.SearchStrategy[dt.datetime]:
    """Aware pendulum datetimes (microsecond precision) in :func:`time_zones`."""
    return st.builds(
        lambda naive, tz: pendulum.instance(naive, tz=pendulum.timezone(tz)),
        st.datetimes(min_value, max_value),
        time_zones(),
    )


def units(kinds: st.SearchStrategy[UnitKind] | None = None) -> st.SearchStrategy[Unit]:
    """Valid units, with a credit code half the time."""
    return st.builds(
        Unit,
        id=identifiers(),
        name=names(),
        kind=kinds if kinds is not None else st.sampled_from(list(UnitKind)),
        division_code=division_codes(),
        credit_code=st.none() | credit_codes(),
    )


def people(unit_ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Person]:
    """Valid staff members, with a resident ID number half the time."""
    return st.builds(
        Person,
        id=identifiers(),
        name=names(),
        unit_id=unit_ids if unit_ids is not None else identifiers(),
        position=st.sampled_from(["科员", "副镇长", "局长", "主任科员", "站长"]),
        resident_id=st.none() | resident_ids(),
    )


def supervisors() -> st.SearchStrategy[Supervisor]:
    """Valid supervisors with a term of up to three years."""

    def build(
        sid: str, name: str, start: dt.date, days: int, aff: str | None, unit: str | None
    ) -> Supervisor:
        return Supervisor(sid, name, start, start + dt.timedelta(days=days), aff, unit)

    return st.builds(
        build,
        identifiers(),
        names(),
        st.dates(dt.date(2018, 1, 1), dt.date(2026, 12, 31)),
        st.integers(0, 3 * 366),
        st.none() | names(),
        st.none() | identifiers(),
    )


def _weights(n: int) -> st.SearchStrategy[list[Decimal]]:
    """``n`` positive weights with two places that add up to exactly 1."""

    def split(cuts: list[int]) -> list[Decimal]:
        points = [0, *sorted(cuts), 100]
        return [Decimal(b - a) / 100 for a, b in itertools.pairwise(points)]

    return st.lists(st.integers(1, 99), min_size=n - 1, max_size=n - 1, unique=True).map(split)


def criteria(
    *, code: str | None = None, weight: Decimal = Decimal(1), required: bool = False
) -> st.SearchStrategy[Criterion]:
    """Valid criteria; ``required`` ones have weight and maximum 0."""
    return st.builds(
        Criterion,
        code=st.just(code) if code else identifiers(),
        title_zh=names(),
        summary=st.text(string.ascii_letters + " ", min_size=1).filter(str.strip),
        dimensions=st.frozensets(dimensions(), min_size=1),
        weight=st.just(Decimal(0) if required else weight),
        maximum=st.just(Decimal(0)) if required else decimals(1, 100, 0),
        kind=st.just(CriterionKind.REQUIRED if required else CriterionKind.SCORED),
        source=st.none() | st.just("四(一)1"),
    )


@st.composite
def _criteria_sets(draw: st.DrawFn, max_scored: int = 5) -> tuple[Criterion, ...]:
    n = draw(st.integers(1, max_scored))
    weights = draw(_weights(n))
    scored = [draw(criteria(code=f"K{i + 1}", weight=w)) for i, w in enumerate(weights)]
    extra = draw(st.integers(0, 1))
    required = [draw(criteria(code=f"R{i + 1}", required=True)) for i in range(extra)]
    return (*scored, *required)


@st.composite
def categories(draw: st.DrawFn, entrant: EntrantKind | None = None) -> Category:
    """Valid categories: route fits the entrant, criteria weights add up to 1."""
    kind = entrant if entrant is not None else draw(st.sampled_from(list(EntrantKind)))
    route = {
        EntrantKind.UNIT: Route.SELF_DECLARED,
        EntrantKind.STAFF: Route.RECOMMENDED,
        EntrantKind.SUPERVISOR: Route.OFFICE_ASSESSED,
    }[kind]
    kinds: frozenset[UnitKind] = frozenset()
    if kind is EntrantKind.UNIT:
        kinds = draw(st.frozensets(st.sampled_from(list(UnitKind)), min_size=1))
    elif kind is EntrantKind.STAFF:
        kinds = draw(st.frozensets(st.sampled_from(list(UnitKind))))
    forms = None
    if route is not Route.OFFICE_ASSESSED:
        forms = draw(
            st.builds(
                FormRequirement,
                title_zh=st.none() | names(),
                paper_copies=st.integers(0, 3),
                stamped=st.booleans(),
                electronic=st.booleans(),
            )
        )
    return Category(
        id=draw(identifiers()),
        title_zh=draw(names()),
        title_en=draw(st.text(string.ascii_letters + " ", min_size=1).filter(str.strip)),
        scope=Scope(kind, kinds, draw(st.sampled_from(["", "全县各乡镇。"]))),
        quota=draw(st.integers(0, 12)),
        route=route,
        criteria=draw(_criteria_sets()),
        forms=forms,
        source=draw(st.none() | st.just("二(一)")),
    )


def scorings() -> st.SearchStrategy[Scoring]:
    """Valid scoring settings: the two weights add up to 1."""
    return st.builds(
        lambda agg, ms, tf, vw, pm, pl: Scoring(agg, ms, tf, vw, 1 - vw, pm, pl),
        st.sampled_from(list(Aggregation)),
        st.integers(1, 5),
        st.integers(3, 7),
        decimals(0, 1, 2),
        decimals(0, 100, 1),
        st.integers(0, 4),
    )


@st.composite
def rulesets(draw: st.DrawFn) -> Ruleset:
    """Valid rulesets of one to four categories with distinct ids."""
    cats = draw(st.lists(categories(), min_size=1, max_size=4, unique_by=lambda c: c.id))
    final = draw(st.sampled_from(list(FinalTieBreak)))
    ranking = Ranking(
        tie_breaks=tuple(
            draw(
                st.lists(
                    st.sampled_from(
                        [
                            "annual_score",
                            "verification_score",
                            "fewer_findings",
                            "earlier_submission",
                        ]
                    ),
                    unique=True,
                )
            )
        ),
        final=final,
        seed=draw(st.integers(0, 2**32)) if final is FinalTieBreak.DRAW else None,
        reserve=draw(st.integers(0, 3)),
    )
    vetoes = draw(
        st.lists(
            st.builds(
                VetoRule,
                name=st.sampled_from(
                    ["required_criterion_not_met", "overdue_rectification", "office_flag"]
                ),
                description_zh=names(),
                target=st.sampled_from(list(VetoTarget)),
                categories=st.lists(
                    st.sampled_from([c.id for c in cats]), max_size=1, unique=True
                ),
            ),
            max_size=3,
            unique_by=lambda v: v.name,
        )
    )
    return Ruleset(
        id=draw(identifiers()),
        title=draw(names()),
        jurisdiction=draw(division_codes()),
        year=draw(st.integers(2020, 2030)),
        source=Source(
            title=draw(names()),
            issuer=draw(names()),
            date=draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))),
        ),
        categories=cats,
        scoring=draw(scorings()),
        ranking=ranking,
        vetoes=vetoes,
        periods=Periods(draw(st.integers(1, 10)), draw(st.integers(1, 30))),
        time_zone=draw(time_zones()),
        declared_defaults=tuple(
            draw(st.lists(st.sampled_from(["scoring", "ranking"]), unique=True))
        ),
        extended_from=draw(st.none() | identifiers()),
    )


def campaigns() -> st.SearchStrategy[Campaign]:
    """Valid campaigns."""
    return st.builds(
        Campaign,
        id=identifiers(),
        ruleset_id=identifiers(),
        year=st.integers(2020, 2030),
        deadline=st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
        time_zone=time_zones(),
        title=st.none() | names(),
    )


def evidence() -> st.SearchStrategy[Evidence]:
    """Evidence items, some with a measured value."""
    plain = st.builds(Evidence, title=names(), dimension=st.none() | dimensions())
    measured = st.builds(
        Evidence,
        title=names(),
        dimension=st.none() | dimensions(),
        indicator=names(),
        value=decimals(0, 100000, 1),
        unit=st.none() | st.sampled_from(["%", "件", "人"]),
    )
    return plain | measured


def applications() -> st.SearchStrategy[Application]:
    """Valid applications with aware submission times."""
    return st.builds(
        Application,
        id=identifiers(),
        category_id=identifiers(),
        applicant_id=identifiers(),
        submitted_at=aware_datetimes(),
        recommended_by=st.none() | identifiers(),
        forms=st.builds(FormsFiled, st.integers(0, 3), st.booleans(), st.booleans()),
        evidence=st.lists(evidence(), max_size=3).map(tuple),
    )


SELECTION_AT = pendulum.datetime(2023, 1, 10, 17, tz="Asia/Shanghai")
"""The cut-off :func:`bundles` are made for."""


@st.composite
def bundles(
    draw: st.DrawFn,
    *,
    max_applicants: int = 8,
    caps: bool = True,
    reserved: bool = True,
) -> Bundle:
    """Small, valid campaign bundles with an inline one-category ruleset, for
    property-testing the selection: evaluate them at :data:`SELECTION_AT`.

    Scores, annual scores and pass marks are drawn from coarse grids, so ties, vetoes,
    below-threshold, late and incomplete applications all occur. ``caps`` and ``reserved``
    allow group caps and reserved seats in the category.
    """
    n_criteria = draw(st.integers(1, 3))
    weights = draw(_weights(n_criteria))
    criteria_ = [
        Criterion(f"K{i + 1}", "条件", "A condition.", {Dimension.SERVICE_ORIENTED}, w, 10)
        for i, w in enumerate(weights)
    ]
    quota = draw(st.integers(0, 5))
    cap_list: list[Cap] = []
    if caps and draw(st.booleans()):
        cap_list.append(Cap(CapBy.GROUP, "a", limit=draw(st.integers(0, 2))))
    seats: list[ReservedSeats] = []
    if reserved and quota >= 1 and draw(st.booleans()):
        seats.append(ReservedSeats("b", draw(st.integers(1, quota))))
    category = Category(
        "c",
        "示范乡镇",
        "Demonstration township",
        Scope(EntrantKind.UNIT, {UnitKind.TOWN}),
        quota,
        Route.SELF_DECLARED,
        criteria_,
        forms=FormRequirement(None, 2, True, True),
        caps=cap_list,
        reserved=seats,
    )
    weight = draw(st.sampled_from([Decimal(0), Decimal("0.4"), Decimal("0.5"), Decimal(1)]))
    final = draw(st.sampled_from(list(FinalTieBreak)))
    ruleset = Ruleset(
        id="prop",
        title="性质测试",
        jurisdiction="360732",
        year=2022,
        source=Source("通知", "县政府办", dt.date(2022, 11, 4)),
        categories=[category],
        scoring=Scoring(
            aggregation=draw(st.sampled_from(list(Aggregation))),
            min_sheets=draw(st.integers(1, 2)),
            trim_from=draw(st.integers(3, 5)),
            verification_weight=1 - weight,
            annual_weight=weight,
            pass_mark=draw(st.sampled_from([Decimal(0), Decimal(50), Decimal(70)])),
            places=draw(st.integers(0, 2)),
        ),
        ranking=Ranking(
            tie_breaks=tuple(
                draw(
                    st.lists(
                        st.sampled_from(["annual_score", "earlier_submission", "criterion:K1"]),
                        unique=True,
                    )
                )
            ),
            final=final,
            seed=draw(st.integers(0, 1000)) if final is FinalTieBreak.DRAW else None,
            reserve=draw(st.integers(0, 2)),
        ),
        vetoes=[VetoRule("office_flag")],
    )
    n = draw(st.integers(0, max_applicants))
    units = [
        Unit(f"u{i}", f"第{i}镇", UnitKind.TOWN if i % 7 != 6 else UnitKind.COUNTY_UNIT, "360732")
        for i in range(n)
    ]
    apps: list[Application] = []
    sheets: list[ScoreSheet] = []
    annual: list[AnnualScore] = []
    flags: list[OfficeFlag] = []
    for i, unit in enumerate(units):
        late = draw(st.integers(0, 9)) == 0
        day = dt.date(2023, 1, 2) if late else dt.date(2022, 12, draw(st.integers(20, 21)))
        submitted = pendulum.datetime(day.year, day.month, day.day, 10, tz="Asia/Shanghai")
        groups = draw(st.frozensets(st.sampled_from(["a", "b"])))
        apps.append(
            Application(
                f"a{i}", "c", unit.id, submitted, forms=FormsFiled(2, True, True), groups=groups
            )
        )
        for j in range(0 if draw(st.integers(0, 11)) == 0 else draw(st.integers(2, 4))):
            marks = [
                Mark(k.code, points=draw(st.sampled_from([Decimal(v) for v in (6, 10)])))
                for k in criteria_
            ]
            sheets.append(ScoreSheet(f"a{i}", f"inspector{j}", marks))
        annual.append(AnnualScore(unit.id, draw(st.sampled_from([Decimal(v) for v in (80, 100)]))))
        if draw(st.integers(0, 9)) == 0:
            flags.append(OfficeFlag(unit.id, "incident", "重大安全事故"))
    return Bundle(
        campaign=Campaign("prop-2022", "prop", 2022, dt.date(2022, 12, 31)),
        ruleset=ruleset,
        units=units,
        applications=apps,
        sheets=sheets,
        annual_scores=annual,
        flags=flags,
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
    return Ledger(inspections, findings, rectifications, sanctions, tz)


@st.composite
def task_lists(draw: st.DrawFn, *, max_tasks: int = 10) -> TaskList:
    """Valid key-task lists: areas, tasks with distinct lead and responsible units, some
    deadlines, progress reports and acceptances in 2023."""
    tz = "Asia/Shanghai"
    units = ["市商务局", "市工信局", "市城管局", "各区(市)政府", "市行政审批局"]
    n_areas = draw(st.integers(1, 4))
    areas = [Area(i + 1, f"方面{i + 1}") for i in range(n_areas)]
    tasks = []
    for n in range(1, draw(st.integers(0, max_tasks)) + 1):
        lead = draw(st.lists(st.sampled_from(units), min_size=1, max_size=2, unique=True))
        rest = [u for u in units if u not in lead]
        resp = draw(st.lists(st.sampled_from(rest), max_size=2, unique=True))
        deadline = draw(st.none() | st.dates(dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
        task = KeyTask(n, draw(st.integers(1, n_areas)), f"任务{n}", lead, resp, deadline=deadline)
        t = pendulum.datetime(2023, 1, 1, 9, tz=tz)
        for _ in range(draw(st.integers(0, 3))):
            t = t.add(days=draw(st.integers(1, 90)))
            task = task.report(t, "进展")
        if draw(st.booleans()):
            task = task.accept(t.add(days=draw(st.integers(0, 60))))
        tasks.append(task)
    return TaskList("责任清单", areas, tasks, tz)
