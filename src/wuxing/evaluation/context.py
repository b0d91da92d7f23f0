"""The per-campaign lookups every step of an evaluation reads, built once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs
import pendulum

from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.eligibility import Directory
from wuxing.evaluation.vetoes import VetoRegistry
from wuxing.model.applications import Application
from wuxing.model.campaigns import Campaign
from wuxing.model.records import (
    FindingRecord,
    OfficeFlag,
    RectificationRecord,
    SanctionRecord,
    ScoreSheet,
)
from wuxing.model.rulesets import Ruleset

__all__ = ["CampaignContext"]


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
        sheets: The verification sheets of each application, by inspector id.
        annual: The annual-evaluation score of each applicant.
        extensions: The deadline extension granted to an application, if any.
        findings: How many supervision findings each subject has in the campaign year up to
            the cut-off (the ``fewer_findings`` tie-break).
        first: Each applicant's first application to each category (earliest submission);
            a later one is a duplicate.
        rectifications, sanctions, finding_records, flags: The veto inputs as they stood at
            the cut-off.
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
    first: Mapping[tuple[str, str], Application]
    rectifications: tuple[RectificationRecord, ...]
    sanctions: tuple[SanctionRecord, ...]
    finding_records: tuple[FindingRecord, ...]
    flags: tuple[OfficeFlag, ...]

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
        findings: dict[str, int] = defaultdict(int)
        for f in bundle.findings:
            if f.found_on.year == bundle.campaign.year and f.found_on <= at.date():
                findings[f.subject_id] += 1
        first: dict[tuple[str, str], Application] = {}
        for app in sorted(bundle.applications, key=lambda a: (a.submitted_at, a.id)):
            first.setdefault((app.applicant_id, app.category_id), app)
        return cls(
            rules=rules,
            campaign=bundle.campaign,
            at=at,
            registry=registry,
            directory=MappingProxyType(directory),
            unit_of=MappingProxyType(bundle.units_of_applicants()),
            sheets=MappingProxyType(
                {
                    app_id: tuple(sorted(own, key=lambda s: s.inspector_id))
                    for app_id, own in sheets.items()
                }
            ),
            annual=MappingProxyType({a.applicant_id: a.score for a in bundle.annual_scores}),
            extensions=MappingProxyType({e.application_id: e.until for e in bundle.extensions}),
            findings=MappingProxyType(dict(findings)),
            first=MappingProxyType(first),
            rectifications=bundle.rectifications,
            sanctions=bundle.sanctions,
            finding_records=bundle.findings,
            flags=bundle.flags,
        )
