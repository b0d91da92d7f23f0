"""Inspections (督查), the problems they find, and the sanctions on people that follow."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_tuple
from wuxing.model.bounds import LONG_TEXT, MAX_ITEMS
from wuxing.model.dimensions import Dimension
from wuxing.model.records import SanctionKind

__all__ = ["Finding", "Inspection", "InspectionKind", "Sanction", "Severity"]


class InspectionKind(StrEnum):
    """Kinds of supervision inspection."""

    CENTRALIZED = "centralized"  # 集中督查
    UNSCHEDULED = "unscheduled"  # 不定期督查
    SPECIAL_REMEDIATION = "special_remediation"  # 专项整治督查
    FIELD_ENTERPRISE = "field_enterprise"  # 深入企业督查
    FIELD_SERVICE_CENTRE = "field_service_centre"  # 深入便民中心督查
    VERIFICATION = "verification"  # 实地核查 (of an application)

    @property
    def zh(self) -> str:
        """The Chinese term."""
        return {
            "centralized": "集中督查",
            "unscheduled": "不定期督查",
            "special_remediation": "专项整治督查",
            "field_enterprise": "企业督查",
            "field_service_centre": "便民中心督查",
            "verification": "实地核查",
        }[self.value]


class Severity(StrEnum):
    """How serious a finding is."""

    MINOR = "minor"
    MODERATE = "moderate"
    SERIOUS = "serious"


@attrs.frozen
class Inspection:
    """A supervision inspection (督查).

    Args:
        id: The identifier.
        kind: :class:`InspectionKind`.
        on: The day.
        team: Who inspected (supervisors, office staff).
        units_visited: The units visited.
        topic: What it looked at.
    """

    id: str
    kind: InspectionKind
    on: dt.date
    team: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    units_visited: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    topic: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Inspection")
        c.ident("id", self.id)
        c.enum("kind", self.kind, InspectionKind)
        c.date("on", self.on)
        for name in ("team", "units_visited"):
            values = getattr(self, name)
            if c.of_type(name, values, tuple) and c.items(name, values, str, max_items=MAX_ITEMS):
                for i, value in enumerate(values):
                    c.text(f"{name}[{i}]", value)
        c.free_text("topic", self.topic)
        c.done()


@attrs.frozen
class Finding:
    """A problem found (督查发现的问题) against a unit or a person.

    Attributes:
        id: The identifier.
        inspection_id: The inspection that found it.
        subject_id: The unit or person it is against.
        dimension: The type (五型) it falls short of.
        description: What was found.
        severity: :class:`Severity`, minor unless set.
    """

    id: str
    inspection_id: str
    subject_id: str
    dimension: Dimension
    description: str
    severity: Severity = Severity.MINOR

    def __attrs_post_init__(self) -> None:
        c = Checks("Finding")
        c.ident("id", self.id)
        c.ident("inspection_id", self.inspection_id)
        c.ident("subject_id", self.subject_id)
        c.enum("dimension", self.dimension, Dimension)
        c.text("description", self.description, max_length=LONG_TEXT)
        c.enum("severity", self.severity, Severity)
        c.done()


@attrs.frozen
class Sanction:
    """A sanction on a person, linked to the findings behind it.

    Attributes:
        id: The identifier, named in a veto's reason.
        person_id: The person sanctioned.
        kind: The SanctionKind (处理, 问责, 诫勉谈话 …).
        decided_on: The day it was decided.
        finding_ids: The findings behind it.
        description: What it was for; optional.
    """

    id: str
    person_id: str
    kind: SanctionKind
    decided_on: dt.date
    finding_ids: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    description: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Sanction")
        c.ident("id", self.id)
        c.ident("person_id", self.person_id)
        c.enum("kind", self.kind, SanctionKind)
        c.date("decided_on", self.decided_on)
        if c.of_type("finding_ids", self.finding_ids, tuple) and c.items(
            "finding_ids", self.finding_ids, str, max_items=MAX_ITEMS
        ):
            for i, fid in enumerate(self.finding_ids):
                c.ident(f"finding_ids[{i}]", fid)
        c.free_text("description", self.description)
        c.done()
