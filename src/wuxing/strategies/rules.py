"""Strategies for the rules: criteria, categories, scoring settings, whole rulesets, campaigns."""

from __future__ import annotations

import datetime as dt
import itertools
import string
from decimal import Decimal

from hypothesis import strategies as st

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
    ShareRounding,
)
from wuxing.model.criteria import Criterion, CriterionKind, LabelOrigin
from wuxing.model.rulesets import (
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
from wuxing.model.statements import DeclaredDefault, Statement
from wuxing.model.units import UnitKind
from wuxing.strategies.values import (
    decimals,
    dimensions,
    division_codes,
    identifiers,
    names,
    time_zones,
)


def weights(n: int) -> st.SearchStrategy[list[Decimal]]:
    """``n`` positive weights with two places that add up to exactly 1."""

    def split(cuts: list[int]) -> list[Decimal]:
        points = [0, *sorted(cuts), 100]
        return [Decimal(b - a) / 100 for a, b in itertools.pairwise(points)]

    return st.lists(st.integers(1, 99), min_size=n - 1, max_size=n - 1, unique=True).map(split)


@st.composite
def _labelled(draw: st.DrawFn) -> tuple[str, str, LabelOrigin]:
    """A label, a text and the label's origin that fit together: a heading opens the text."""
    label = draw(names())
    origin = draw(st.sampled_from(list(LabelOrigin)))
    rest = draw(st.sampled_from(["", "。严格落实有关要求。", ",健全工作机制。"]))
    if origin is LabelOrigin.HEADING:
        text = label + rest if rest else ""
    else:
        text = draw(st.sampled_from(["", "持续深入学习,务实担当作为。"]))
    return label, text, origin


@st.composite
def criteria(
    draw: st.DrawFn,
    *,
    code: str | None = None,
    weight: Decimal = Decimal(1),
    required: bool = False,
) -> Criterion:
    """Valid criteria; ``required`` ones have weight and maximum 0; a heading label opens the
    text when there is one."""
    label, text, origin = draw(_labelled())
    return Criterion(
        code=code if code else draw(identifiers()),
        label_zh=label,
        summary=draw(st.text(string.ascii_letters + " ", min_size=1).filter(str.strip)),
        dimensions=draw(st.frozensets(dimensions(), min_size=1)),
        weight=Decimal(0) if required else weight,
        maximum=Decimal(0) if required else draw(decimals(1, 100, 0)),
        kind=CriterionKind.REQUIRED if required else CriterionKind.SCORED,
        source=draw(st.none() | st.just("四(一)1")),
        text_zh=text,
        label_origin=origin,
    )


@st.composite
def _criteria_sets(draw: st.DrawFn, max_scored: int = 5) -> tuple[Criterion, ...]:
    n = draw(st.integers(1, max_scored))
    shares = draw(weights(n))
    scored = [draw(criteria(code=f"K{i + 1}", weight=w)) for i, w in enumerate(shares)]
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
    quota = draw(st.integers(0, 12))
    return Category(
        id=draw(identifiers()),
        title_zh=draw(names()),
        title_en=draw(st.text(string.ascii_letters + " ", min_size=1).filter(str.strip)),
        scope=Scope(kind, kinds, draw(st.sampled_from(["", "全县各乡镇。"]))),
        quota=quota,
        route=route,
        criteria=draw(_criteria_sets()),
        forms=forms,
        source=draw(st.none() | st.just("二(一)")),
        verified_on_site=draw(st.booleans()),
        caps=draw(st.lists(caps(), max_size=2)),
        reserved=[ReservedSeats("grassroots", draw(st.integers(1, quota)))]
        if quota and draw(st.booleans())
        else [],
        pass_mark=draw(st.none() | decimals(0, 100, 1)),
        reserve=draw(st.none() | st.integers(0, 3)),
        aggregation=draw(st.none() | st.sampled_from(list(Aggregation))),
        min_sheets=draw(st.none() | st.integers(1, 5)),
    )


def caps() -> st.SearchStrategy[Cap]:
    """Valid caps: per unit or per group, a count or a share with its rounding and floor."""
    return st.one_of(
        st.builds(Cap, st.just(CapBy.UNIT), limit=st.integers(0, 3)),
        st.builds(
            Cap,
            st.just(CapBy.GROUP),
            st.sampled_from(["leaders", "grassroots"]),
            share=decimals(0, 1, 2),
            rounding=st.none() | st.sampled_from(list(ShareRounding)),
            floor=st.none() | st.integers(0, 2),
        ),
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
    scoring = draw(scorings())
    final = draw(st.sampled_from(list(FinalTieBreak)))
    ranking = Ranking(
        tie_breaks=tuple(
            draw(
                st.lists(
                    st.sampled_from(
                        [
                            *(["annual_score"] if scoring.annual_weight else []),
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
        scoring=scoring,
        ranking=ranking,
        vetoes=vetoes,
        periods=Periods(draw(st.integers(1, 10)), draw(st.integers(1, 30))),
        time_zone=draw(time_zones()),
        declared_defaults=tuple(
            DeclaredDefault(key, draw(names()))
            for key in draw(
                st.lists(
                    st.sampled_from(["scoring", "ranking", "categories[*].criteria[*].weight"]),
                    unique=True,
                )
            )
        ),
        extended_from=draw(st.none() | identifiers()),
        statements=tuple(
            Statement(
                key,
                draw(names()),
                "六(三)",
                draw(st.sampled_from(["", "What the results are used for."])),
                draw(st.lists(st.sampled_from([c.id for c in cats]), max_size=2, unique=True)),
            )
            for key in draw(st.lists(identifiers(), max_size=2, unique=True))
        ),
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
