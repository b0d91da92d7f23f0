"""Small one-category campaigns written by hand, for tests that pin one rule at a time.

A campaign of staff members (each in a unit of their own unless told otherwise), scored on
one criterion out of 100 by one sheet each, so that an applicant's verification score is
exactly the points given; the total weighs it and the annual score half and half unless the
scoring says otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import attrs
import pendulum

from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import CategoryResult
from wuxing.model.applications import Application
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import Category, EntrantKind, Route, Scope
from wuxing.model.criteria import Criterion
from wuxing.model.dimensions import Dimension
from wuxing.model.records import AnnualScore, Mark, ScoreSheet
from wuxing.model.rulesets import Aggregation, Ranking, Ruleset, Scoring, Source, VetoRule
from wuxing.model.units import Person, Unit, UnitKind

TZ = "Asia/Shanghai"
AT = pendulum.datetime(2023, 1, 10, 17, tz=TZ)
DEADLINE = dt.date(2022, 12, 31)
SCORING = Scoring(
    aggregation=Aggregation.MEAN,
    min_sheets=1,
    verification_weight=Decimal("0.5"),
    annual_weight=Decimal("0.5"),
    pass_mark=Decimal(60),
    places=2,
)


@dataclass
class Entrant:
    """One staff member's application: verification points (one sheet per value), annual
    score, submission day and hour, unit, groups, and the points on a second criterion K2."""

    id: str
    points: Sequence[int | str] = (80,)
    annual: int | str | None = 80
    submitted: tuple[int, ...] = (2022, 12, 20, 10)
    unit: str | None = None
    groups: frozenset[str] = field(default_factory=frozenset)
    k2: int | str | None = None

    @property
    def person(self) -> str:
        return f"p-{self.id}"

    @property
    def unit_id(self) -> str:
        return self.unit or f"u-{self.id}"


def at(*parts: int) -> pendulum.DateTime:
    """A time in Xingguo: year, month, day, hour, minute, second, microsecond."""
    return pendulum.datetime(*parts, tz=TZ)  # type: ignore[arg-type, misc]


def category(quota: int = 2, *, second: bool = False, **kw: object) -> Category:
    criteria = [
        Criterion("K1", "条件", "A condition.", {Dimension.LOYAL}, Decimal(1), Decimal(100))
    ]
    if second:
        criteria = [
            Criterion(
                "K1", "条件", "A condition.", {Dimension.LOYAL}, Decimal("0.5"), Decimal(100)
            ),
            Criterion(
                "K2",
                "条件二",
                "Another.",
                {Dimension.SERVICE_ORIENTED},
                Decimal("0.5"),
                Decimal(100),
            ),
        ]
    return Category(
        "c",
        "先进个人",
        "Advanced individual",
        Scope(EntrantKind.STAFF),
        quota,
        Route.RECOMMENDED,
        criteria,
        **kw,  # type: ignore[arg-type]
    )


def bundle(
    entrants: Sequence[Entrant],
    *,
    cat: Category | None = None,
    scoring: Scoring = SCORING,
    ranking: Ranking | None = None,
    vetoes: Sequence[VetoRule] = (),
    **records: object,
) -> Bundle:
    """A bundle of one category with these entrants; ``records`` go into the bundle as they
    are (rectifications, sanctions, findings, flags, extensions, applications, …)."""
    cat = cat if cat is not None else category()
    second = any(k.code == "K2" for k in cat.criteria)
    ruleset = Ruleset(
        id="rules",
        title="规则",
        jurisdiction="360732",
        year=2022,
        source=Source("通知", "县政府办", dt.date(2022, 11, 4)),
        categories=[cat],
        scoring=scoring,
        ranking=ranking if ranking is not None else Ranking(tie_breaks=(), reserve=2),
        vetoes=list(vetoes),
    )
    units = {e.unit_id for e in entrants}
    apps, sheets, annual = [], [], []
    for e in entrants:
        apps.append(
            Application(
                e.id,
                "c",
                e.person,
                at(*e.submitted),
                recommended_by=e.unit_id,
                groups=e.groups,
            )
        )
        for n, points in enumerate(e.points):
            marks = [Mark("K1", points=Decimal(points))]
            if second:
                marks.append(Mark("K2", points=Decimal(e.k2 if e.k2 is not None else points)))
            sheets.append(ScoreSheet(e.id, f"inspector-{n}", marks))
        if e.annual is not None:
            annual.append(AnnualScore(e.person, Decimal(e.annual)))
    base = Bundle(
        campaign=Campaign("camp", "rules", 2022, DEADLINE),
        ruleset=ruleset,
        units=[
            Unit(u, f"单位{n}", UnitKind.GOVERNMENT_DEPARTMENT, "360732")
            for n, u in enumerate(sorted(units))
        ],
        people=[Person(e.person, f"人员{n}", e.unit_id, "科员") for n, e in enumerate(entrants)],
        applications=apps,
        sheets=sheets,
        annual_scores=annual,
    )
    if "applications" in records:
        records["applications"] = (*base.applications, *records["applications"])  # type: ignore[misc]
    return attrs.evolve(base, **records)


def result(b: Bundle, at: pendulum.DateTime = AT) -> CategoryResult:
    return evaluate(b, at).categories[0]
