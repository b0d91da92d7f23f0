"""A campaign bundle: everything one evaluation needs, in one document."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from operator import attrgetter

import attrs

from wuxing._core.checks import Checks, as_tuple, unknown_references
from wuxing.errors import PROBLEM_LIMIT, Problem, ValidationError
from wuxing.evaluation.assessed import assessment_problems, sheet_reference_problems
from wuxing.model.applications import Application
from wuxing.model.assessments import Assessment
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import nearest_category
from wuxing.model.records import (
    AnnualScore,
    FindingRecord,
    OfficeFlag,
    RectificationRecord,
    SanctionRecord,
    ScoreSheet,
)
from wuxing.model.rulesets import Ruleset
from wuxing.model.settlements import Settlement
from wuxing.model.units import Person, Supervisor, Unit
from wuxing.rulesets import load as load_ruleset
from wuxing.supervision import Ledger

__all__ = ["Bundle", "DeadlineExtension"]

_ID = attrgetter("id")


def _unknown_category(path: str, given: str, ruleset: Ruleset) -> Problem:
    """The problem of a category id the rules do not know, naming the nearest one."""
    near = nearest_category(given, ruleset.categories)
    return Problem(
        path,
        "unknown_category",
        f"ruleset {ruleset.id!r} has no category {given!r}"
        + (f"; did you mean {near!r}?" if near else ""),
        args={"ruleset": ruleset.id, "given": given, **({"suggestion": near} if near else {})},
    )


@attrs.frozen
class DeadlineExtension:
    """The office's extension of the declaration deadline for one application.

    Args:
        application_id: The application.
        until: The new last day (in the campaign's time zone).
        reason: Why it was granted.
    """

    application_id: str
    until: dt.date
    reason: str

    def __attrs_post_init__(self) -> None:
        c = Checks("DeadlineExtension")
        c.ident("application_id", self.application_id)
        c.date("until", self.until)
        c.text("reason", self.reason)
        c.done()


@attrs.frozen
class Bundle:
    """Everything an evaluation needs: the campaign, its rules, who is who, the applications,
    the verification sheets, the annual scores and the supervision records.

    Args:
        campaign: The campaign; its ``ruleset_id`` names the rules.
        ruleset: The rules inline, for a ruleset that is not built in; its id must match.
        units, people, supervisors: Who is who.
        applications: The applications and nominations (and the office's proposals).
        sheets: The on-site verification score sheets (categories verified on site).
        assessments: The office's assessments (categories it assesses instead, one per
            entrant; :class:`~wuxing.model.assessments.Assessment`).
        annual_scores: The annual-evaluation scores.
        rectifications, sanctions, findings, flags: Veto and tie-break inputs.
        extensions: Deadline extensions the office granted.
        ledger: The supervision ledger; its rectifications, sanctions and findings as they
            stood at the cut-off are added to the veto inputs.
        settlements: The office's settlements of ties (集体研究确定), which
            :func:`~wuxing.evaluate` applies.
    """

    campaign: Campaign
    ruleset: Ruleset | None = None
    units: tuple[Unit, ...] = attrs.field(converter=as_tuple, default=())
    people: tuple[Person, ...] = attrs.field(converter=as_tuple, default=())
    supervisors: tuple[Supervisor, ...] = attrs.field(converter=as_tuple, default=())
    applications: tuple[Application, ...] = attrs.field(converter=as_tuple, default=())
    sheets: tuple[ScoreSheet, ...] = attrs.field(converter=as_tuple, default=())
    assessments: tuple[Assessment, ...] = attrs.field(converter=as_tuple, default=())
    annual_scores: tuple[AnnualScore, ...] = attrs.field(converter=as_tuple, default=())
    rectifications: tuple[RectificationRecord, ...] = attrs.field(converter=as_tuple, default=())
    sanctions: tuple[SanctionRecord, ...] = attrs.field(converter=as_tuple, default=())
    findings: tuple[FindingRecord, ...] = attrs.field(converter=as_tuple, default=())
    flags: tuple[OfficeFlag, ...] = attrs.field(converter=as_tuple, default=())
    extensions: tuple[DeadlineExtension, ...] = attrs.field(converter=as_tuple, default=())
    ledger: Ledger | None = None
    settlements: tuple[Settlement, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("Bundle")
        c.of_type("campaign", self.campaign, Campaign)
        if self.ruleset is not None and c.of_type("ruleset", self.ruleset, Ruleset):
            c.that(
                not isinstance(self.campaign, Campaign)
                or self.ruleset.id == self.campaign.ruleset_id,
                "ruleset.id",
                "ruleset_mismatch",
                "the inline ruleset's id differs from campaign.ruleset_id",
            )
        for name, kind in (
            ("units", Unit),
            ("people", Person),
            ("supervisors", Supervisor),
            ("applications", Application),
            ("sheets", ScoreSheet),
            ("assessments", Assessment),
            ("annual_scores", AnnualScore),
            ("rectifications", RectificationRecord),
            ("sanctions", SanctionRecord),
            ("findings", FindingRecord),
            ("flags", OfficeFlag),
            ("extensions", DeadlineExtension),
            ("settlements", Settlement),
        ):
            value = getattr(self, name)
            if c.of_type(name, value, tuple):
                c.items(name, value, kind)
        if self.ledger is not None:
            c.of_type("ledger", self.ledger, Ledger)
        c.done()

    def resolve_ruleset(self) -> Ruleset:
        """The inline ruleset, or the built-in (or registered) one the campaign names."""
        if self.ruleset is not None:
            return self.ruleset
        return load_ruleset(self.campaign.ruleset_id)

    def check(self, ruleset: Ruleset) -> None:
        """Check the bundle's cross-references against its rules; raise every problem.

        Ids are unique; applications name a category of the ruleset and a known applicant;
        sheets name a known application of a category verified on site, mark every
        criterion within its maximum, are scored once per inspector, never by the applicant
        nor by an inspector of the applicant's own unit (the inspector's unit as the
        directory gives it); assessments, one per application of a category the office
        assesses, mark it the same way, note every aspect the category names and are signed
        by neither the entrant nor a member of its unit; annual
        scores name a known applicant, once; an application is extended at most once, and
        never to a day before the campaign's deadline; a settlement is decided by as many as
        the ruleset's procedure asks.

        Raises:
            ValidationError: listing every problem with its path in the bundle.
        """
        problems: list[Problem] = []
        problems += _unique("units", self.units, "unit id")
        problems += _unique("people", self.people, "person id")
        problems += _unique("supervisors", self.supervisors, "supervisor id")
        problems += _shared_ids(self)
        problems += _unique("applications", self.applications, "application id")
        everyone = (
            {u.id for u in self.units}
            | {p.id for p in self.people}
            | {s.id for s in self.supervisors}
        )
        units = {u.id for u in self.units}
        problems += unknown_references(
            "people", self.people, "unit_id", units, "unknown_unit", "unit"
        )
        categories = {k.id: k for k in ruleset.categories}
        apps = {a.id: a for a in self.applications}
        for i, app in enumerate(self.applications):
            if app.category_id not in categories:
                problems.append(
                    _unknown_category(f"applications[{i}].category_id", app.category_id, ruleset)
                )
            if app.applicant_id not in everyone:
                problems.append(
                    Problem(
                        f"applications[{i}].applicant_id",
                        "unknown_applicant",
                        f"no unit, person or supervisor {app.applicant_id!r}",
                    )
                )
            if app.recommended_by is not None and app.recommended_by not in units:
                problems.append(
                    Problem(
                        f"applications[{i}].recommended_by",
                        "unknown_unit",
                        f"no unit {app.recommended_by!r}",
                    )
                )
        unit_of = self.units_of_applicants()
        problems += sheet_reference_problems(self.sheets, apps, categories, unit_of)
        problems += assessment_problems(self.assessments, apps, categories, unit_of)
        counts = Counter(a.applicant_id for a in self.annual_scores)
        for i, annual in enumerate(self.annual_scores):
            if annual.applicant_id not in everyone:
                problems.append(
                    Problem(
                        f"annual_scores[{i}].applicant_id",
                        "unknown_applicant",
                        f"no unit, person or supervisor {annual.applicant_id!r}",
                    )
                )
            if counts[annual.applicant_id] > 1:
                problems.append(
                    Problem(
                        f"annual_scores[{i}].applicant_id",
                        "duplicate",
                        f"{annual.applicant_id!r} has more than one annual score",
                    )
                )
        seen_settlements: dict[str, int] = {}
        for i, settlement in enumerate(self.settlements):
            path = f"settlements[{i}]"
            if settlement.id in seen_settlements:
                problems.append(
                    Problem(
                        f"{path}.id",
                        "duplicate",
                        f"settlement id {settlement.id!r} is also at "
                        f"settlements[{seen_settlements[settlement.id]}]",
                    )
                )
            seen_settlements.setdefault(settlement.id, i)
            procedure = ruleset.procedure
            if (
                "settle" in procedure.collective
                and len(settlement.decided_by) < procedure.collective_minimum
            ):
                problems.append(
                    Problem(
                        f"{path}.decided_by",
                        "not_collective",
                        f"decided by {len(settlement.decided_by)}; the ruleset has ties settled "
                        f"collectively (集体研究), by at least {procedure.collective_minimum}",
                    )
                )
            if settlement.category_id not in categories:
                problems.append(
                    _unknown_category(f"{path}.category_id", settlement.category_id, ruleset)
                )
            for app_id in sorted(settlement.tied):
                tied_app = apps.get(app_id)
                if tied_app is None or tied_app.category_id != settlement.category_id:
                    problems.append(
                        Problem(
                            f"{path}.tied",
                            "unknown_application",
                            f"no application {app_id!r} in category {settlement.category_id!r}",
                        )
                    )
        problems += unknown_references(
            "extensions",
            self.extensions,
            "application_id",
            apps,
            "unknown_application",
            "application",
        )
        extended: dict[str, int] = {}
        for i, extension in enumerate(self.extensions):
            if extension.until < self.campaign.deadline:
                problems.append(
                    Problem(
                        f"extensions[{i}].until",
                        "extension_before_deadline",
                        f"an extension to {extension.until.isoformat()} ends before the "
                        f"campaign's deadline {self.campaign.deadline.isoformat()}",
                    )
                )
            if extension.application_id in extended:
                problems.append(
                    Problem(
                        f"extensions[{i}].application_id",
                        "duplicate",
                        f"{extension.application_id!r} is already extended at "
                        f"extensions[{extended[extension.application_id]}]",
                    )
                )
            extended.setdefault(extension.application_id, i)
        if problems:
            raise ValidationError(
                problems[:PROBLEM_LIMIT],
                subject="bundle",
                more=max(0, len(problems) - PROBLEM_LIMIT),
            )

    def as_of(self, at: dt.datetime) -> Bundle:
        """The bundle with the ledger's veto inputs as they stood at ``at`` added to its own
        records (and the ledger itself left out)."""
        if self.ledger is None:
            return self
        rects, sanctions, findings = self.ledger.veto_records(at)
        return attrs.evolve(
            self,
            rectifications=(*self.rectifications, *rects),
            sanctions=(*self.sanctions, *sanctions),
            findings=(*self.findings, *findings),
            ledger=None,
        )

    def units_of_applicants(self) -> dict[str, str | None]:
        """Each applicant's unit: a unit is its own, a person's or supervisor's is theirs."""
        found: dict[str, str | None] = {s.id: s.unit_id for s in self.supervisors}
        found.update({p.id: p.unit_id for p in self.people})
        found.update({u.id: u.id for u in self.units})
        return found


def _shared_ids(bundle: Bundle) -> list[Problem]:
    """Units, people and supervisors share one namespace: an application's ``applicant_id``
    must name exactly one of them."""
    owner: dict[str, str] = {}
    problems = []
    groups: tuple[tuple[str, tuple[Unit | Person | Supervisor, ...]], ...] = (
        ("units", bundle.units),
        ("people", bundle.people),
        ("supervisors", bundle.supervisors),
    )
    distinct = [set(map(_ID, items)) for _, items in groups]
    if len(set().union(*distinct)) == sum(map(len, distinct)):
        return []  # the common case: no id in two of them
    for name, items in groups:
        for i, item in enumerate(items):
            first = owner.setdefault(item.id, f"{name}[{i}]")
            if not first.startswith(f"{name}["):
                problems.append(
                    Problem(
                        f"{name}[{i}].id",
                        "duplicate",
                        f"{item.id!r} is also the id of {first}: units, people and supervisors "
                        "need ids of their own",
                    )
                )
    return problems


def _unique(name: str, items: Sequence[object], what: str) -> list[Problem]:
    try:
        ids = set(map(_ID, items))
    except (AttributeError, TypeError):
        ids = set()
    if len(ids) == len(items) and set(map(type, ids)) <= {str}:
        return []  # the common case: every id a string, none twice
    seen: dict[str, int] = {}
    problems = []
    for i, item in enumerate(items):
        key = str(getattr(item, "id", ""))
        if key in seen:
            problems.append(
                Problem(
                    f"{name}[{i}].id",
                    "duplicate",
                    f"{what} {key!r} is also at {name}[{seen[key]}]",
                )
            )
        seen.setdefault(key, i)
    return problems
