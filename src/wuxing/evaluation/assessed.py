"""The bundle's checks of what scores an application: score sheets in a category verified on
site, the office's one assessment in a category that is not (see
:mod:`wuxing.model.assessments`).

Codes, beside those of :func:`~wuxing.evaluation.scoring.sheet_problems` for the marks:

=========================  ====================================================================
``unknown_application``    the sheet or assessment names no application of the bundle
``scored_twice``           one inspector's second sheet for an application
``conflict_of_interest``   the inspector or assessor is the entrant or of the entrant's unit
``not_verified_on_site``   a score sheet in a category the office assesses instead
``verified_on_site``       an assessment in a category verified on site
``duplicate``              a second assessment of one application
``aspect_missing``         the assessment leaves out an aspect the category names
``unknown_aspect``         the assessment notes an aspect the category does not name
=========================  ====================================================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import attrgetter

from wuxing.errors import Problem
from wuxing.evaluation.scoring import SheetCheck, sheet_problems
from wuxing.model.applications import Application
from wuxing.model.assessments import Assessment
from wuxing.model.categories import Category
from wuxing.model.records import ScoreSheet

__all__ = ["assessment_problems", "sheet_reference_problems"]

_APPLICATION = attrgetter("application_id")
_INSPECTOR = attrgetter("inspector_id")


def _conflict(
    path: str,
    scorer: str,
    claimed_unit: str | None,
    app: Application,
    unit_of: Mapping[str, str | None],
) -> list[Problem]:
    """A conflict of interest: the scorer is the entrant, or shares a unit with it. The
    scorer's unit comes from the directory; a claimed unit can only add a conflict, never
    clear one."""
    own_units = (unit_of.get(app.applicant_id), app.recommended_by)
    claimed_units = (unit_of.get(scorer), claimed_unit)
    if scorer != app.applicant_id and not any(
        u is not None and u in claimed_units for u in own_units
    ):
        return []  # the common case, decided without building sets
    own = {u for u in own_units if u}
    claimed = {u for u in claimed_units if u}
    if scorer == app.applicant_id:
        message = f"{scorer!r} may not score their own candidacy"
    else:
        unit = sorted(own & claimed)[0]
        message = f"{scorer!r} of unit {unit!r} may not score an applicant of that unit"
    return [Problem(path, "conflict_of_interest", message)]


def sheet_reference_problems(
    sheets: Sequence[ScoreSheet],
    apps: Mapping[str, Application],
    categories: Mapping[str, Category],
    unit_of: Mapping[str, str | None],
) -> list[Problem]:
    """Every problem of the bundle's score sheets against its applications and rules."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    pairs = list(zip(map(_APPLICATION, sheets), map(_INSPECTOR, sheets), strict=True))
    repeated = len(set(pairs)) != len(pairs)  # an inspector's second sheet somewhere
    checks = {cid: SheetCheck(k) for cid, k in categories.items() if k.verified_on_site}
    last: str | None = None  # the application of the sheet before: sheets come in runs
    scored: Application | None = None
    own: str | None = None
    for i, sheet in enumerate(sheets):
        if sheet.application_id != last:
            last = sheet.application_id
            scored = apps.get(last)
            own = None if scored is None else unit_of.get(scored.applicant_id)
        if scored is None:
            problems.append(
                Problem(
                    f"sheets[{i}].application_id",
                    "unknown_application",
                    f"no application {sheet.application_id!r}",
                )
            )
            continue
        inspector, claimed = sheet.inspector_id, sheet.inspector_unit_id
        if repeated:
            first = seen.setdefault(pairs[i], i)
            if first != i:
                problems.append(
                    Problem(
                        f"sheets[{i}].inspector_id",
                        "scored_twice",
                        f"{inspector!r} already scored {sheet.application_id!r} "
                        f"at sheets[{first}]",
                    )
                )
        recommended = scored.recommended_by
        # The common case, decided without a call: not the entrant, no unit in common.
        units = (unit_of.get(inspector), claimed)
        if (
            inspector == scored.applicant_id
            or (own is not None and own in units)
            or (recommended is not None and recommended in units)
        ):
            problems += _conflict(f"sheets[{i}].inspector_id", inspector, claimed, scored, unit_of)
        check = checks.get(scored.category_id)
        if check is not None:
            if not check.passes(sheet):
                for where, code, message in check(sheet):
                    problems.append(Problem(f"sheets[{i}].{where}", code, message))
            continue
        category = categories.get(scored.category_id)
        if category is not None:  # a category the office assesses
            problems.append(
                Problem(
                    f"sheets[{i}].application_id",
                    "not_verified_on_site",
                    f"{category.title_zh} is not verified on site: the office's assessment "
                    "scores it, not score sheets (由“五型”办综合评估)",
                )
            )
    return problems


def assessment_problems(
    assessments: Sequence[Assessment],
    apps: Mapping[str, Application],
    categories: Mapping[str, Category],
    unit_of: Mapping[str, str | None],
) -> list[Problem]:
    """Every problem of the bundle's assessments against its applications and rules."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, assessment in enumerate(assessments):
        path = f"assessments[{i}]"
        assessed = apps.get(assessment.application_id)
        if assessed is None:
            problems.append(
                Problem(
                    f"{path}.application_id",
                    "unknown_application",
                    f"no application {assessment.application_id!r}",
                )
            )
            continue
        if assessment.application_id in seen:
            problems.append(
                Problem(
                    f"{path}.application_id",
                    "duplicate",
                    f"{assessment.application_id!r} is already assessed at "
                    f"assessments[{seen[assessment.application_id]}]",
                )
            )
        seen.setdefault(assessment.application_id, i)
        problems += _conflict(
            f"{path}.assessor_id", assessment.assessor_id, None, assessed, unit_of
        )
        category = categories.get(assessed.category_id)
        if category is None:
            continue
        if category.verified_on_site:
            problems.append(
                Problem(
                    f"{path}.application_id",
                    "verified_on_site",
                    f"{category.title_zh} is verified on site: score sheets score it, not an "
                    "assessment by the office",
                )
            )
            continue
        for where, code, message in sheet_problems(assessment.as_sheet(), category):
            problems.append(Problem(f"{path}.{where}", code, message))
        noted = [n.aspect for n in assessment.notes]
        for aspect in category.assessed_on:
            if aspect not in noted:
                problems.append(
                    Problem(
                        f"{path}.notes",
                        "aspect_missing",
                        f"the assessment says nothing on {aspect!r}, which "
                        f"{category.title_zh} is assessed on",
                    )
                )
        for j, aspect in enumerate(noted):
            if aspect not in category.assessed_on:
                problems.append(
                    Problem(
                        f"{path}.notes[{j}].aspect",
                        "unknown_aspect",
                        f"{category.title_zh} is not assessed on {aspect!r}; it is assessed on "
                        + (", ".join(repr(a) for a in category.assessed_on) or "nothing named"),
                    )
                )
    return problems
