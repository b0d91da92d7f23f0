"""The per-campaign lookups every step of an evaluation reads, built once."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from operator import attrgetter
from types import MappingProxyType
from typing import Any, TypeVar

import attrs
import pendulum

from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.eligibility import Directory
from wuxing.evaluation.scorer import Scorer
from wuxing.evaluation.vetoes import VetoRegistry
from wuxing.model.applications import Application
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import Route
from wuxing.model.records import (
    FindingRecord,
    OfficeFlag,
    RectificationRecord,
    SanctionRecord,
    ScoreSheet,
)
from wuxing.model.rulesets import Ruleset, Scoring, VetoRule

__all__ = ["CampaignContext"]

_R = TypeVar("_R")

_ID = attrgetter("id")
_INSPECTOR = attrgetter("inspector_id")


def _index(
    records: Iterable[_R], subject: Callable[[_R], str], order: Callable[[_R], Any]
) -> Mapping[str, tuple[_R, ...]]:
    """The records of each subject, in an order that does not depend on the input's (by id,
    then by every field): looked up per applicant, never scanned."""
    found: dict[str, list[_R]] = defaultdict(list)
    for record in records:
        found[subject(record)].append(record)
    return MappingProxyType({k: tuple(sorted(v, key=order)) for k, v in found.items()})


@attrs.frozen
class CampaignContext:
    """What every step needs to know about the campaign, looked up once per evaluation.

    Attributes:
        rules: The ruleset applied.
        campaign: The campaign.
        at: The cut-off, in the campaign's time zone.
        registry: The veto registry.
        directory: Units, people and supervisors by id.
        unit_of: Each applicant's unit (a unit is its own).
        sheets: The verification sheets of each application, by inspector id; in a category
            not verified on site, the office's assessment as its one sheet.
        annual: The annual-evaluation score of each applicant.
        extensions: The deadline extension granted to each application (at most one: the
            bundle's checks refuse a second).
        findings: How many supervision findings each subject has in the campaign year up to
            the cut-off (the ``fewer_findings`` tie-break).
        earliest: The applications each applicant filed first to each category: one, or
            several submitted at the same instant. In a category the office assesses, only
            the office's proposals count.
        office_assessed: The categories the office assesses (nobody applies to them).
        scoring: The scoring settings of each category (the ruleset's, with the category's
            own pass mark, aggregation and minimum of sheets).
        scorers: Each category's :class:`~wuxing.evaluation.scorer.Scorer`, its
            multipliers worked out once.
        rectifications, sanctions, finding_records, flags: The veto inputs as they stood at
            the cut-off, each indexed by its subject (rectifications and findings by subject,
            sanctions by person, flags by applicant) and ordered by id.
        vetoes: Each category's veto rules, in the ruleset's order
            (:meth:`Ruleset.vetoes_for <wuxing.model.rulesets.Ruleset.vetoes_for>`, worked out
            once).
        instants: Each submission time seen, as an instant in whole microseconds (the
            ``earlier_submission`` tie-break), worked out once per distinct time and filled as
            the evaluation goes.
    """

    rules: Ruleset
    campaign: Campaign
    at: pendulum.DateTime
    registry: VetoRegistry
    directory: Directory
    unit_of: Mapping[str, str | None]
    sheets: Mapping[str, tuple[ScoreSheet, ...]]
    annual: Mapping[str, Decimal]
    extensions: Mapping[str, dt.date]
    findings: Mapping[str, int]
    earliest: Mapping[tuple[str, str], tuple[Application, ...]]
    office_assessed: frozenset[str]
    scoring: Mapping[str, Scoring]
    scorers: Mapping[str, Scorer]
    rectifications: Mapping[str, tuple[RectificationRecord, ...]]
    sanctions: Mapping[str, tuple[SanctionRecord, ...]]
    finding_records: Mapping[str, tuple[FindingRecord, ...]]
    flags: Mapping[str, tuple[OfficeFlag, ...]]
    vetoes: Mapping[str, tuple[VetoRule, ...]] = MappingProxyType({})
    instants: dict[dt.datetime, int] = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def build(
        cls, bundle: Bundle, rules: Ruleset, at: pendulum.DateTime, registry: VetoRegistry
    ) -> CampaignContext:
        """Gather the lookups of a bundle already brought to the cut-off (:meth:`Bundle.as_of`)."""
        directory: Directory = {
            **{s.id: s for s in bundle.supervisors},
            **{p.id: p for p in bundle.people},
            **{u.id: u for u in bundle.units},
        }
        sheets: dict[str, list[ScoreSheet]] = defaultdict(list)
        for sheet in bundle.sheets:
            sheets[sheet.application_id].append(sheet)
        for assessment in bundle.assessments:  # the one "sheet" of an assessed category
            sheets[assessment.application_id].append(assessment.as_sheet())
        findings = Counter(
            f.subject_id
            for f in bundle.findings
            if f.found_on.year == bundle.campaign.year and f.found_on <= at.date()
        )
        office = {k.id for k in rules.categories if k.route is Route.OFFICE_ASSESSED}
        earliest: dict[tuple[str, str], list[Application]] = {}
        for app in bundle.applications:
            if app.category_id in office and not app.proposed_by_office:
                continue  # not an application at all: the office assesses the category
            key = (app.applicant_id, app.category_id)
            known = earliest.get(key)
            if known is None or app.submitted_at < known[0].submitted_at:
                earliest[key] = [app]
            elif app.submitted_at == known[0].submitted_at:
                known.append(app)
        scoring = {k.id: rules.scoring_for(k.id) for k in rules.categories}
        return cls(
            rules=rules,
            campaign=bundle.campaign,
            at=at,
            registry=registry,
            directory=MappingProxyType(directory),
            unit_of=MappingProxyType(bundle.units_of_applicants()),
            sheets=MappingProxyType(
                {app_id: tuple(sorted(own, key=_INSPECTOR)) for app_id, own in sheets.items()}
            ),
            annual=MappingProxyType({a.applicant_id: a.score for a in bundle.annual_scores}),
            extensions=MappingProxyType({e.application_id: e.until for e in bundle.extensions}),
            findings=MappingProxyType(dict(findings)),
            earliest=MappingProxyType({k: tuple(sorted(v, key=_ID)) for k, v in earliest.items()}),
            office_assessed=frozenset(office),
            scoring=MappingProxyType(scoring),
            scorers=MappingProxyType({k.id: Scorer(k, scoring[k.id]) for k in rules.categories}),
            rectifications=_index(
                bundle.rectifications, lambda r: r.subject_id, lambda r: (r.id, repr(r))
            ),
            sanctions=_index(bundle.sanctions, lambda s: s.person_id, lambda s: (s.id, repr(s))),
            finding_records=_index(
                bundle.findings, lambda f: f.subject_id, lambda f: (f.id, repr(f))
            ),
            flags=_index(bundle.flags, lambda f: f.applicant_id, lambda f: (f.code, repr(f))),
            vetoes=MappingProxyType({k.id: rules.vetoes_for(k.id) for k in rules.categories}),
        )

    def earlier_than(self, app: Application) -> Application | None:
        """The application that makes ``app`` a duplicate, if any: the applicant's first one
        to the category, or another submitted at the same instant as ``app``. An application
        to a category the office assesses is none (its own reason says so), and makes none."""
        if app.category_id in self.office_assessed and not app.proposed_by_office:
            return None
        first = self.earliest.get((app.applicant_id, app.category_id), ())
        others = [a for a in first if a.id != app.id]
        return others[0] if others else None
