"""Intake: checking an application against its campaign and category (申报审查).

:func:`intake_reasons` returns *every* problem of an application at once, each a
:class:`~wuxing.evaluation.outcomes.Reason` with a stable code:

============================  ================================================================
``out_of_scope``              the applicant is outside the category's scope (评选范围)
``late``                      submitted after the deadline (or the extension granted)
``paper_copies``              fewer paper copies than required (一式两份)
``not_stamped``               the paper copies are not stamped (盖章)
``no_electronic_copy``        the electronic copy is missing (电子版)
``duplicate``                 the applicant already applied to the category
``wrong_recommender``         a person recommended by a unit that is not theirs
``no_recommender``            a person entered without the recommending unit
``office_assessed``           somebody applied to a category the office assesses itself
``not_office_route``          an office proposal in a category that takes applications
``not_serving``               a supervisor not in office during the campaign year
``unknown_applicant``         the applicant is not in the directory
============================  ================================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from wuxing._core.time import end_of_day
from wuxing.errors import EligibilityError
from wuxing.evaluation.outcomes import Reason
from wuxing.model.applications import Application
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import Category, Route
from wuxing.model.units import Person, Supervisor, Unit

__all__ = ["Directory", "intake_reasons"]

Directory = Mapping[str, Unit | Person | Supervisor]
"""Units, people and supervisors by id."""


def intake_reasons(
    application: Application,
    *,
    campaign: Campaign,
    category: Category,
    directory: Directory,
    earlier: Application | None = None,
    extended_until: dt.date | None = None,
) -> tuple[Reason, ...]:
    """Every intake problem of an application, each with a stable code (none: admissible).

    Args:
        application: The application.
        campaign: Its campaign (deadline, time zone, year).
        category: Its category.
        directory: Units, people and supervisors by id.
        earlier: The applicant's earlier application to the same category, or another one
            submitted at the same instant, if any: this one is then a duplicate. When two
            arrive at the same instant, each is the other's duplicate: nothing but the time
            decides which one counts, and the office withdraws one.
        extended_until: A deadline extension granted to this application, if any; an
            extension never moves the deadline earlier than the campaign's.
    """
    reasons: list[Reason] = []
    entrant = directory.get(application.applicant_id)
    if entrant is None:
        return (Reason("unknown_applicant", f"no applicant {application.applicant_id!r}"),)
    unit = directory.get(entrant.unit_id) if isinstance(entrant, Person) else None
    try:
        category.check_entrant(entrant, unit_of_person=unit if isinstance(unit, Unit) else None)
    except EligibilityError as exc:
        reasons.append(Reason("out_of_scope", f"{exc.message} (不在评选范围)"))
    if isinstance(entrant, Supervisor) and not (
        entrant.term_start.year <= campaign.year <= entrant.term_end.year
    ):
        reasons.append(
            Reason(
                "not_serving",
                f"{entrant.name}'s term {entrant.term_start}–{entrant.term_end} does not cover "
                f"{campaign.year}",
            )
        )
    duplicate = None if earlier is None else _duplicate(application, earlier, category)
    if category.route is Route.OFFICE_ASSESSED:
        if not application.proposed_by_office:
            reasons.append(
                Reason(
                    "office_assessed",
                    f"{category.title_zh} is assessed by the office from the duty record; "
                    "nobody applies for it (由“五型”办综合评估)",
                )
            )
        if duplicate is not None:  # the office proposes each supervisor once, too
            reasons.append(duplicate)
        return tuple(reasons)
    if application.proposed_by_office:
        reasons.append(
            Reason("not_office_route", f"{category.title_zh} takes applications, not proposals")
        )
    last_day = campaign.deadline
    if extended_until is not None and extended_until > last_day:
        last_day = extended_until
    deadline = end_of_day(last_day, campaign.time_zone)
    if application.submitted_at > deadline:
        reasons.append(
            Reason(
                "late",
                f"submitted {application.submitted_at.isoformat()}, after the deadline "
                f"{deadline.isoformat()} (逾期申报)",
            )
        )
    forms, filed = category.forms, application.forms
    if forms is not None:
        if filed.paper_copies < forms.paper_copies:
            reasons.append(
                Reason(
                    "paper_copies",
                    f"{filed.paper_copies} paper copies filed, {forms.paper_copies} required "
                    "(纸质版一式两份)",
                )
            )
        if forms.stamped and not filed.stamped:
            reasons.append(Reason("not_stamped", "the paper copies are not stamped (未盖章)"))
        if forms.electronic and not filed.electronic:
            reasons.append(Reason("no_electronic_copy", "no electronic copy (未报送电子版)"))
    if duplicate is not None:
        reasons.append(duplicate)
    if category.route is Route.RECOMMENDED and isinstance(entrant, Person):
        if application.recommended_by is None:
            reasons.append(Reason("no_recommender", "a nomination names the recommending unit"))
        elif application.recommended_by != entrant.unit_id:
            reasons.append(
                Reason(
                    "wrong_recommender",
                    f"{entrant.name} works in {entrant.unit_id!r}, not in "
                    f"{application.recommended_by!r}, which recommended them",
                )
            )
    return tuple(reasons)


def _duplicate(application: Application, earlier: Application, category: Category) -> Reason:
    if earlier.submitted_at == application.submitted_at:
        message = (
            f"{application.applicant_id!r} applied to {category.id!r} twice at the same "
            f"instant, here and in {earlier.id!r}; the office keeps one (重复申报)"
        )
    else:
        message = (
            f"{application.applicant_id!r} already applied to {category.id!r} in "
            f"{earlier.id!r} (重复申报)"
        )
    return Reason("duplicate", message, earlier.id)
