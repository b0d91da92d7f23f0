"""A city or province campaign over several counties' recommendations.

The higher campaign has its own :class:`~wuxing.model.campaigns.Campaign` and rules (its own
quota, e.g. the city selects four of the counties' advanced collectives). :func:`combine`
builds its bundle from the counties' bundles: the recommended applications, the units, staff
and supervisors they name, their verification sheets (the counties', unless the higher
campaign gives its own), annual scores and supervision records as of the cut-off. Every id is
prefixed with its county's division code (``"360731:finance"``), so that two counties' ids
never meet, and every application carries the group ``county-CODE``.

Per-county caps come from an :class:`~wuxing.apportion.Apportionment` over the counties
(claimant ids are the counties' division codes): each becomes a group cap on the higher
category, which the selection enforces as it enforces any cap (an applicant over its county's
cap is ``capped``).

Before anything is evaluated, the divisions are checked against the real division table for
the higher rules' year: the higher jurisdiction, each county's jurisdiction (a real county in
use that year, inside the higher one), and the division of every unit that goes up (inside its
county).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import attrs

from wuxing.apportion import Apportionment
from wuxing.errors import Problem, ValidationError
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import SelectionResult
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import Cap, CapBy
from wuxing.model.records import ScoreSheet
from wuxing.model.rulesets import Ruleset
from wuxing.upward.jurisdiction import division_problem
from wuxing.upward.recommendations import Origin, Recommendation, namespaced, recommend

__all__ = ["Submission", "UpwardResult", "combine", "county_group", "evaluate_upward"]


def county_group(county: str) -> str:
    """The group label of a county's candidates: ``"county-360731"``."""
    return f"county-{county}"


@attrs.frozen
class Submission:
    """One county's part: its bundle, its rules, its result, and what it recommends.

    Args:
        bundle: The county's bundle.
        ruleset: The county's rules; their jurisdiction is the county.
        result: The county's evaluation.
        categories: County category → higher category; by default each to the same id.
    """

    bundle: Bundle
    ruleset: Ruleset
    result: SelectionResult
    categories: Mapping[str, str] | None = None

    @property
    def county(self) -> str:
        """The county's division code."""
        return self.ruleset.jurisdiction

    def recommendations(self) -> tuple[Recommendation, ...]:
        """The county's selected candidates, as recommendations."""
        return recommend(self.bundle, self.result, self.ruleset, categories=self.categories)


@attrs.frozen
class UpwardResult:
    """The higher campaign's result, every candidate traced to its county.

    Attributes:
        result: The evaluation of the combined bundle.
        recommendations: Every recommendation that entered it.
        bundle: The combined bundle that was evaluated.
        ruleset: The higher rules, with the per-county caps added.
    """

    result: SelectionResult
    recommendations: tuple[Recommendation, ...]
    bundle: Bundle
    ruleset: Ruleset

    def origin_of(self, application_id: str) -> Origin:
        """Where a candidate of the higher campaign came from."""
        for r in self.recommendations:
            if r.id == application_id:
                return r.origin
        raise KeyError(application_id)

    def selected_by_county(self, category_id: str) -> dict[str, tuple[str, ...]]:
        """The selected of a category, by county, as the counties name their applications."""
        found: dict[str, list[str]] = {}
        for app in self.result.category(category_id).selected:
            origin = self.origin_of(app)
            found.setdefault(origin.county, []).append(origin.application_id)
        return {county: tuple(apps) for county, apps in found.items()}


def _checks(ruleset: Ruleset, submissions: Sequence[Submission]) -> list[Problem]:
    year = ruleset.year
    problems = []
    top = division_problem("ruleset.jurisdiction", ruleset.jurisdiction, year, None)
    if top is not None:
        problems.append(top)
    seen: dict[str, int] = {}
    for j, s in enumerate(submissions):
        path = f"submissions[{j}]"
        if s.county in seen:
            problems.append(
                Problem(
                    f"{path}.ruleset.jurisdiction",
                    "duplicate_county",
                    f"county {s.county} also submitted at submissions[{seen[s.county]}]",
                )
            )
        seen.setdefault(s.county, j)
        county = division_problem(
            f"{path}.ruleset.jurisdiction", s.county, year, ruleset.jurisdiction
        )
        if county is not None:
            problems.append(county)
            continue
        units = {u.id: (i, u) for i, u in enumerate(s.bundle.units)}
        wanted = _wanted(s)
        for unit_id in sorted(wanted.units):
            if unit_id not in units:
                continue
            i, unit = units[unit_id]
            problem = division_problem(
                f"{path}.bundle.units[{i}].division_code", unit.division_code, year, s.county
            )
            if problem is not None:
                problems.append(problem)
    return problems


@attrs.frozen
class _Wanted:
    applications: frozenset[str]
    applicants: frozenset[str]
    units: frozenset[str]


def _wanted(s: Submission) -> _Wanted:
    apps = {r.origin.application_id for r in s.recommendations()}
    chosen = [a for a in s.bundle.applications if a.id in apps]
    applicants = {a.applicant_id for a in chosen}
    unit_of = s.bundle.units_of_applicants()
    units = {u for a in applicants if (u := unit_of.get(a)) is not None}
    units |= {a.recommended_by for a in chosen if a.recommended_by is not None}
    return _Wanted(frozenset(apps), frozenset(applicants), frozenset(units))


def _part(
    s: Submission, at: dt.datetime, categories: Mapping[str, str], carry_sheets: bool
) -> dict[str, list[object]]:
    """One county's entities and records, every id prefixed with the county."""
    county, want = s.county, _wanted(s)

    def ns(ident: str) -> str:
        return namespaced(county, ident)

    def maybe(ident: str | None) -> str | None:
        return None if ident is None else ns(ident)

    b = s.bundle.as_of(at)
    keep = want.applicants | want.units
    group = county_group(county)
    return {
        "units": [attrs.evolve(u, id=ns(u.id)) for u in b.units if u.id in keep],
        "people": [
            attrs.evolve(p, id=ns(p.id), unit_id=ns(p.unit_id)) for p in b.people if p.id in keep
        ],
        "supervisors": [
            attrs.evolve(v, id=ns(v.id), unit_id=maybe(v.unit_id))
            for v in b.supervisors
            if v.id in keep
        ],
        "applications": [
            attrs.evolve(
                a,
                id=ns(a.id),
                category_id=categories[a.id],
                applicant_id=ns(a.applicant_id),
                recommended_by=maybe(a.recommended_by),
                groups=a.groups | {group},
            )
            for a in b.applications
            if a.id in want.applications
        ],
        "sheets": [
            attrs.evolve(
                h,
                application_id=ns(h.application_id),
                inspector_id=ns(h.inspector_id),
                inspector_unit_id=maybe(h.inspector_unit_id),
            )
            for h in b.sheets
            if carry_sheets and h.application_id in want.applications
        ],
        "annual_scores": [
            attrs.evolve(x, applicant_id=ns(x.applicant_id))
            for x in b.annual_scores
            if x.applicant_id in keep
        ],
        "rectifications": [
            attrs.evolve(r, id=ns(r.id), subject_id=ns(r.subject_id))
            for r in b.rectifications
            if r.subject_id in keep
        ],
        "sanctions": [
            attrs.evolve(x, id=ns(x.id), person_id=ns(x.person_id))
            for x in b.sanctions
            if x.person_id in keep
        ],
        "findings": [
            attrs.evolve(f, id=ns(f.id), subject_id=ns(f.subject_id))
            for f in b.findings
            if f.subject_id in keep
        ],
        "flags": [
            attrs.evolve(f, applicant_id=ns(f.applicant_id))
            for f in b.flags
            if f.applicant_id in keep
        ],
    }


def _with_caps(
    ruleset: Ruleset, caps: Mapping[str, Apportionment], counties: Sequence[str]
) -> tuple[Ruleset, list[Problem]]:
    problems = []
    categories = []
    for category in ruleset.categories:
        share = caps.get(category.id)
        if share is None:
            categories.append(category)
            continue
        if share.open_seats:
            problems.append(
                Problem(
                    f"caps.{category.id}",
                    "tie_open",
                    "the apportionment has a tie for its last seats; settle it first",
                )
            )
        seats = share.seats
        for county in counties:
            if county not in seats:
                problems.append(
                    Problem(
                        f"caps.{category.id}",
                        "missing_county",
                        f"the apportionment has no seats for county {county}",
                    )
                )
        added = tuple(
            Cap(CapBy.GROUP, county_group(c), limit=seats[c]) for c in counties if c in seats
        )
        categories.append(attrs.evolve(category, caps=(*category.caps, *added)))
    for name in caps:
        if all(c.id != name for c in ruleset.categories):
            problems.append(
                Problem(f"caps.{name}", "unknown_category", f"no category {name!r} to cap")
            )
    return attrs.evolve(ruleset, categories=categories), problems


def combine(
    campaign: Campaign,
    ruleset: Ruleset,
    submissions: Sequence[Submission],
    at: dt.datetime,
    *,
    caps: Mapping[str, Apportionment] | None = None,
    sheets: Sequence[ScoreSheet] | None = None,
) -> tuple[Bundle, tuple[Recommendation, ...]]:
    """The higher campaign's bundle, and the recommendations in it.

    Args:
        campaign: The higher campaign; its ``ruleset_id`` is ``ruleset.id``.
        ruleset: The higher rules, whose jurisdiction holds every county.
        submissions: One per county.
        at: The cut-off: the counties' supervision records are taken as they stood then.
        caps: Per higher category, the seats apportioned to each county (claimant ids are
            the counties' division codes); each becomes a cap on the county's candidates.
        sheets: The higher campaign's own verification sheets (for the prefixed application
            ids); by default the counties' sheets are carried up.

    Raises:
        ValidationError: every problem: divisions, duplicate counties, caps.
    """
    caps = caps or {}
    problems = _checks(ruleset, submissions)
    rules, cap_problems = _with_caps(ruleset, caps, [s.county for s in submissions])
    problems += cap_problems
    if problems:
        raise ValidationError(problems, subject="upward campaign")
    recommendations: list[Recommendation] = []
    parts: dict[str, list[object]] = {}
    for s in submissions:
        mine = s.recommendations()
        recommendations += mine
        mapping = {r.origin.application_id: r.category_id for r in mine}
        for key, values in _part(s, at, mapping, sheets is None).items():
            parts.setdefault(key, []).extend(values)
    if sheets is not None:
        parts["sheets"] = list(sheets)
    bundle = Bundle(campaign, ruleset=rules, **parts)  # type: ignore[arg-type]
    return bundle, tuple(recommendations)


def evaluate_upward(
    campaign: Campaign,
    ruleset: Ruleset,
    submissions: Sequence[Submission],
    at: dt.datetime,
    *,
    caps: Mapping[str, Apportionment] | None = None,
    sheets: Sequence[ScoreSheet] | None = None,
) -> UpwardResult:
    """Evaluate the higher campaign over the counties' recommendations (see :func:`combine`
    for the arguments); every candidate keeps its :class:`Origin`."""
    bundle, recommendations = combine(campaign, ruleset, submissions, at, caps=caps, sheets=sheets)
    rules = bundle.resolve_ruleset()
    result = evaluate(bundle, at, ruleset=rules)
    return UpwardResult(result, recommendations, bundle, rules)
