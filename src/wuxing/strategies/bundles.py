"""Strategies for applications and whole campaign bundles that evaluate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

import pendulum
from hypothesis import strategies as st

from wuxing.evaluation.bundle import Bundle
from wuxing.model.applications import Application, Evidence, FormsFiled
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import (
    Cap,
    CapBy,
    Category,
    EntrantKind,
    FormRequirement,
    ReservedSeats,
    Route,
    Scope,
)
from wuxing.model.criteria import Criterion
from wuxing.model.dimensions import Dimension
from wuxing.model.records import AnnualScore, Mark, OfficeFlag, ScoreSheet
from wuxing.model.rulesets import (
    Aggregation,
    FinalTieBreak,
    Ranking,
    Ruleset,
    Scoring,
    Source,
    VetoRule,
)
from wuxing.model.units import Person, Supervisor, Unit, UnitKind
from wuxing.strategies.rounds import round_bundles, ruleset_applications
from wuxing.strategies.rules import weights
from wuxing.strategies.values import (
    aware_datetimes,
    decimals,
    dimensions,
    identifiers,
    names,
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


def applications(
    ruleset: Ruleset | None = None,
    directory: Mapping[str, Unit | Person | Supervisor] | None = None,
) -> st.SearchStrategy[Application]:
    """Valid applications with aware submission times.

    Args:
        ruleset: Draw the category from this ruleset's categories (and the forms and route
            each takes); any identifier when ``None``.
        directory: Units, people and supervisors by id: the applicant is one the category
            admits (see :func:`~wuxing.strategies.rounds.ruleset_applications`).
    """
    if ruleset is not None:
        return ruleset_applications(ruleset, directory)
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
    ruleset: Ruleset | None = None,
) -> Bundle:
    """Small, valid campaign bundles with an inline one-category ruleset, for
    property-testing the selection: evaluate them at :data:`SELECTION_AT`.

    With ``ruleset``, a round under those rules instead
    (:func:`~wuxing.strategies.rounds.round_bundles`): every category of the ruleset, entrants
    its scopes admit, sheets marking every criterion; it passes ``bundle.check(ruleset)``.

    Scores, annual scores and pass marks are drawn from coarse grids, so ties, vetoes,
    below-threshold, late and incomplete applications all occur. ``caps`` and ``reserved``
    allow group caps and reserved seats in the category.
    """
    if ruleset is not None:
        return draw(round_bundles(ruleset, max_applications=max_applicants))
    n_criteria = draw(st.integers(1, 3))
    shares = draw(weights(n_criteria))
    criteria_ = [
        Criterion(f"K{i + 1}", "条件", "A condition.", {Dimension.SERVICE_ORIENTED}, w, 10)
        for i, w in enumerate(shares)
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
                        st.sampled_from(
                            ["annual_score", "earlier_submission", "criterion:K1"]
                            if weight
                            else ["earlier_submission", "criterion:K1"]
                        ),
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
