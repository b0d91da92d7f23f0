"""A county's result as recommendations to a city or province campaign (向上推荐).

The county's notice makes its results the basis for recommending to the city and the province
(兴国县 notice of 2022-11-04, 六(三)). :func:`recommend` turns a county's
:class:`~wuxing.evaluation.outcomes.SelectionResult` into :class:`Recommendation`\\ s that
keep where each candidate came from: the county, its campaign and rules, the application, the
outcome, the rank and the total.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import Outcome, SelectionResult
from wuxing.model.rulesets import Ruleset

__all__ = ["Origin", "Recommendation", "recommend"]


@attrs.frozen
class Origin:
    """Where a recommended candidate came from.

    Attributes:
        county: The county's division code (its ruleset's jurisdiction), e.g. ``"360731"``.
        campaign_id: The county's campaign.
        ruleset_id: The county's rules.
        category_id: The county category it was selected in.
        application_id: Its application in the county campaign.
        applicant_id: The unit, person or supervisor, as the county names it.
        outcome: Its outcome in the county (``selected``).
        rank: Its place in the county's ranking.
        total: Its county total.
    """

    county: str
    campaign_id: str
    ruleset_id: str
    category_id: str
    application_id: str
    applicant_id: str
    outcome: Outcome
    rank: int | None
    total: Decimal | None


@attrs.frozen
class Recommendation:
    """One candidate recommended upward.

    Attributes:
        id: Its application id in the higher campaign, ``"COUNTY:APPLICATION"``.
        category_id: The higher campaign's category it enters.
        origin: Where it came from.
    """

    id: str
    category_id: str
    origin: Origin


def namespaced(county: str, ident: str) -> str:
    """An id of a county's bundle in the higher campaign: ``"360731:gaoxing"``."""
    return f"{county}:{ident}"


def recommend(
    bundle: Bundle,
    result: SelectionResult,
    ruleset: Ruleset,
    *,
    categories: Mapping[str, str] | None = None,
    outcomes: Sequence[Outcome] = (Outcome.SELECTED,),
) -> tuple[Recommendation, ...]:
    """A county's result as recommendations, in the result's order.

    Args:
        bundle: The county's bundle.
        result: Its evaluation.
        ruleset: Its rules (their jurisdiction names the county).
        categories: County category → higher category; by default each to the same id.
        outcomes: Which outcomes go up; by default the selected only.
    """
    mapping = categories if categories is not None else {c.id: c.id for c in ruleset.categories}
    county = ruleset.jurisdiction
    found = []
    for category in result.categories:
        higher = mapping.get(category.category_id)
        if higher is None:
            continue
        for o in category.outcomes:
            if o.outcome not in outcomes:
                continue
            origin = Origin(
                county,
                bundle.campaign.id,
                ruleset.id,
                category.category_id,
                o.application_id,
                o.applicant_id,
                o.outcome,
                o.rank,
                o.total,
            )
            found.append(Recommendation(namespaced(county, o.application_id), higher, origin))
    return tuple(found)
