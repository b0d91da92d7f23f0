"""Applications and nominations (申报 / 推荐) and the forms and evidence they file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from wuxing._core.checks import Checks, as_decimal, as_frozenset, as_tuple
from wuxing._core.time import as_pendulum
from wuxing.model.bounds import COPIES, MAX_CATEGORIES, MAX_ITEMS, MEASURE
from wuxing.model.dimensions import Dimension

__all__ = ["Application", "Evidence", "FormsFiled"]


@attrs.frozen
class FormsFiled:
    """What an application actually filed.

    Args:
        paper_copies: Paper copies handed in (纸质版).
        stamped: Whether they bear the unit's seal (盖章).
        electronic: Whether the electronic copy was sent (电子版).
    """

    paper_copies: int = 0
    stamped: bool = False
    electronic: bool = False

    def __attrs_post_init__(self) -> None:
        c = Checks("FormsFiled")
        c.integer("paper_copies", self.paper_copies, COPIES)
        c.of_type("stamped", self.stamped, bool)
        c.of_type("electronic", self.electronic, bool)
        c.done()


@attrs.frozen
class Evidence:
    """One item of evidence in an application, optionally with a measured value.

    Args:
        title: What it shows, e.g. ``"按时办结率"``.
        dimension: The type it bears on, if one.
        indicator: The indicator's name when the item is a measurement.
        value: The measured value, exact (e.g. ``Decimal("98.9")``).
        unit: The unit of the value, e.g. ``"%"`` or ``"件"``.
    """

    title: str
    dimension: Dimension | None = None
    indicator: str | None = None
    value: Decimal | None = attrs.field(default=None, converter=as_decimal)
    unit: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Evidence")
        c.text("title", self.title)
        if self.dimension is not None:
            c.enum("dimension", self.dimension, Dimension)
        c.text("indicator", self.indicator, optional=True)
        if self.value is not None:
            c.decimal("value", self.value, MEASURE)
            c.that(
                self.indicator is not None,
                "indicator",
                "missing",
                "a value needs the indicator it measures",
            )
        c.text("unit", self.unit, optional=True)
        c.done()


@attrs.frozen
class Application:
    """An application (申报) by a unit, or a nomination (推荐) of a person by a unit.

    Args:
        id: The identifier.
        category_id: The category entered.
        applicant_id: The unit, person or supervisor entered.
        submitted_at: When the office received it: an aware datetime (naive ones are refused).
        recommended_by: The recommending unit, for the ``recommended`` route.
        forms: What was filed (:class:`FormsFiled`).
        evidence: The evidence items.
        proposed_by_office: The office's own proposal (the ``office_assessed`` route, e.g. a
            supervisor assessed from the duty record); no forms are filed for it.
        groups: Labels the ruleset's caps and reserved seats refer to (e.g. ``"grassroots"``).

    >>> import pendulum
    >>> a = Application("a1", "demonstration-township", "gaoxing",
    ...                 pendulum.datetime(2022, 12, 20, 10, tz="Asia/Shanghai"),
    ...                 forms=FormsFiled(2, True, True))
    >>> a.submitted_at.isoformat()
    '2022-12-20T10:00:00+08:00'
    """

    id: str
    category_id: str
    applicant_id: str
    submitted_at: dt.datetime = attrs.field(converter=as_pendulum)
    recommended_by: str | None = None
    forms: FormsFiled = FormsFiled()
    evidence: tuple[Evidence, ...] = attrs.field(converter=as_tuple, default=())
    proposed_by_office: bool = False
    groups: frozenset[str] = attrs.field(converter=as_frozenset, default=frozenset())

    def __attrs_post_init__(self) -> None:
        c = Checks("Application")
        c.ident("id", self.id)
        c.ident("category_id", self.category_id)
        c.ident("applicant_id", self.applicant_id)
        c.aware("submitted_at", self.submitted_at)
        if self.recommended_by is not None:
            c.ident("recommended_by", self.recommended_by)
        c.of_type("forms", self.forms, FormsFiled)
        if c.of_type("evidence", self.evidence, tuple):
            c.items("evidence", self.evidence, Evidence, max_items=MAX_ITEMS)
        c.of_type("proposed_by_office", self.proposed_by_office, bool)
        if c.of_type("groups", self.groups, frozenset):
            if len(self.groups) > MAX_CATEGORIES:
                c.add("groups", "too_many", f"must have at most {MAX_CATEGORIES} elements")
            else:
                for g in sorted(self.groups, key=str):
                    c.ident("groups", g)
        c.done()
