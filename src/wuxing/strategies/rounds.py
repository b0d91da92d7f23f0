"""Strategies that follow a real ruleset: applications whose categories and applicants exist,
and whole rounds (bundles) that pass :meth:`~wuxing.evaluation.bundle.Bundle.check`.

>>> from hypothesis import given, settings
>>> from wuxing import rulesets
>>> from wuxing.strategies import applications
>>> rules = rulesets.load("xingguo-2022")
>>> @settings(max_examples=20, deadline=None)
... @given(applications(ruleset=rules))
... def test_categories_are_known(app):
...     assert app.category_id in {c.id for c in rules.categories}
>>> test_categories_are_known()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

import pendulum
from hypothesis import strategies as st

from wuxing.errors import EligibilityError
from wuxing.evaluation.bundle import Bundle
from wuxing.model.applications import Application, FormsFiled
from wuxing.model.assessments import Assessment, AssessmentNote
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import Category, Route
from wuxing.model.records import AnnualScore, Mark, ScoreSheet
from wuxing.model.rulesets import Ruleset
from wuxing.model.units import Person, Supervisor, Unit, UnitKind
from wuxing.rulesets import available
from wuxing.strategies.values import names

__all__ = ["admitted", "round_bundles", "ruleset_applications"]

Entrant = Unit | Person | Supervisor


def admitted(category: Category, directory: Mapping[str, Entrant]) -> list[Entrant]:
    """The entrants of ``directory`` that ``category``'s scope admits, in id order."""
    found = []
    for key in sorted(directory):
        entrant = directory[key]
        unit = directory.get(entrant.unit_id) if isinstance(entrant, Person) else None
        try:
            category.check_entrant(
                entrant, unit_of_person=unit if isinstance(unit, Unit) else None
            )
        except EligibilityError:
            continue
        found.append(entrant)
    return found


def _submitted(year: int) -> st.SearchStrategy[dt.datetime]:
    return st.builds(
        lambda day, hour: pendulum.datetime(year, 12, day, hour, tz="Asia/Shanghai"),
        st.integers(1, 31),
        st.integers(8, 17),
    )


@st.composite
def ruleset_applications(
    draw: st.DrawFn,
    ruleset: Ruleset,
    directory: Mapping[str, Entrant] | None = None,
    *,
    app_id: str | None = None,
) -> Application:
    """An application to a category of ``ruleset``; with a ``directory``, by an entrant the
    category admits, by the route the category takes (recommended by the person's unit,
    proposed by the office)."""
    open_categories = [
        c for c in ruleset.categories if directory is None or admitted(c, directory)
    ]
    category = draw(st.sampled_from(open_categories or list(ruleset.categories)))
    entrants = admitted(category, directory) if directory else []
    if entrants:
        applicant = draw(st.sampled_from(entrants))
        applicant_id = applicant.id
    else:
        applicant = None
        applicant_id = draw(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True))
    recommended_by = applicant.unit_id if isinstance(applicant, Person) else None
    office = category.route is Route.OFFICE_ASSESSED
    forms = (
        FormsFiled()
        if office
        else draw(
            st.builds(FormsFiled, st.sampled_from([2, 2, 2, 1]), st.booleans(), st.just(True))
        )
    )
    return Application(
        app_id or draw(st.from_regex(r"a[0-9]{1,6}", fullmatch=True)),
        category.id,
        applicant_id,
        draw(_submitted(ruleset.year)),
        recommended_by=recommended_by,
        forms=forms,
        proposed_by_office=office,
    )


def _marks(draw: st.DrawFn, category: Category) -> list[Mark]:
    marks = []
    for k in category.criteria:
        if k.required:
            marks.append(Mark(k.code, met=draw(st.booleans())))
        else:
            halves = draw(st.integers(0, int(k.maximum * 2)))
            marks.append(Mark(k.code, points=Decimal(halves) / 2))
    return marks


@st.composite
def round_bundles(draw: st.DrawFn, ruleset: Ruleset, *, max_applications: int = 8) -> Bundle:
    """A round under ``ruleset`` that passes the bundle's checks: units of every kind, staff,
    supervisors, applications by admitted entrants, three to five score sheets each (the
    office's assessment instead in a category not verified on site), annual scores. A
    built-in or registered ruleset is named; any other is carried inline."""
    year = ruleset.year
    kinds = list(UnitKind)
    units = [
        Unit(f"u{i}", draw(names()) + kinds[i % len(kinds)].zh, kinds[i % len(kinds)], "360732")
        for i in range(draw(st.integers(len(kinds), 2 * len(kinds))))
    ]
    people = [
        Person(f"p{i}", draw(names()), units[draw(st.integers(0, len(units) - 1))].id, "科员")
        for i in range(draw(st.integers(0, 6)))
    ]
    supervisors = [
        Supervisor(f"s{i}", draw(names()), dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31))
        for i in range(draw(st.integers(0, 3)))
    ]
    entrants: list[Entrant] = [*units, *people, *supervisors]
    directory: dict[str, Entrant] = {e.id: e for e in entrants}
    applications: list[Application] = []
    seen: set[tuple[str, str]] = set()
    for n in range(draw(st.integers(0, max_applications))):
        app = draw(ruleset_applications(ruleset, directory, app_id=f"a{n}"))
        if (app.category_id, app.applicant_id) in seen:
            continue
        seen.add((app.category_id, app.applicant_id))
        applications.append(app)
    sheets = []
    assessments = []
    for app in applications:
        category = ruleset.category(app.category_id)
        if not category.verified_on_site:
            notes = [AssessmentNote(aspect, draw(names())) for aspect in category.assessed_on]
            assessments.append(Assessment(app.id, "office", _marks(draw, category), notes))
            continue
        for j in range(draw(st.integers(3, 5))):
            sheets.append(ScoreSheet(app.id, f"i{j}", _marks(draw, category)))
    applicants = sorted({a.applicant_id for a in applications})
    annual = [AnnualScore(a, Decimal(draw(st.integers(60, 100)))) for a in applicants]
    builtin = ruleset.id in available()
    return Bundle(
        campaign=Campaign(f"{ruleset.id}-round", ruleset.id, year, dt.date(year, 12, 31)),
        ruleset=None if builtin else ruleset,
        units=units,
        people=people,
        supervisors=supervisors,
        applications=applications,
        sheets=sheets,
        assessments=assessments,
        annual_scores=annual,
    )
