"""The bundle's check of score sheets against applications, inspectors and rules, held to
the rule written out one sheet at a time (sheets in runs per application or shuffled, shared
marks, repeated inspectors, conflicts of interest through the directory or a claimed unit)."""

from __future__ import annotations

from typing import Any

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from wuxing import rulesets
from wuxing.evaluation.assessed import sheet_reference_problems
from wuxing.evaluation.scoring import sheet_problems
from wuxing.model.applications import Application
from wuxing.model.records import Mark, ScoreSheet

RULES = rulesets.load("xingguo-2022")
CATEGORIES = {k.id: k for k in RULES.categories}
AT = pendulum.datetime(2022, 12, 20, 10, tz="Asia/Shanghai")
# Applicants u1, u2 (units, their own unit), p1 (a person of u1, recommended by u1), s1 and
# p2 (a person of u2 whom u1 recommended: both units count).
APPS = {
    "a1": Application("a1", "demonstration-township", "u1", AT),
    "a2": Application("a2", "advanced-collective", "u2", AT),
    "a3": Application("a3", "advanced-individual", "p1", AT, recommended_by="u1"),
    "a4": Application("a4", "outstanding-supervisor", "s1", AT, proposed_by_office=True),
    "a5": Application("a5", "advanced-individual", "p2", AT, recommended_by="u1"),
}
UNIT_OF: dict[str, str | None] = {"u1": "u1", "u2": "u2", "p1": "u1", "p2": "u2", "s1": "u2"}


def marks_for(category_id: str, flaw: int) -> list[Mark]:
    """Right marks for the category, or with one flaw (a missing mark, a mark too high, a
    met mark where points are due)."""
    found = [
        Mark(k.code, met=True) if k.required else Mark(k.code, k.maximum - 1)
        for k in CATEGORIES[category_id].criteria
    ]
    if flaw == 1:
        found.pop()
    elif flaw == 2:
        found[0] = Mark(
            found[0].code,
            found[0].points + 2 if found[0].points else None,
            met=None if found[0].points else True,
        )
    elif flaw == 3:
        found[-1] = Mark(found[-1].code, met=False)
    return found


@st.composite
def sheets(draw: Any) -> list[ScoreSheet]:
    shared: dict[tuple[str, int], list[Mark]] = {}
    found = []
    for _ in range(draw(st.integers(0, 12))):
        app = draw(st.sampled_from([*APPS, "zz"]))
        category = APPS[app].category_id if app in APPS else "demonstration-township"
        flaw = draw(st.sampled_from([0, 0, 0, 1, 2, 3]))
        marks = shared.setdefault((category, flaw), marks_for(category, flaw))  # one object
        inspector = draw(st.sampled_from(["i1", "i2", "p2", "p1", "u1", "s1"]))
        claimed = draw(st.sampled_from([None, None, "u1", "u2", "u9"]))
        found.append(ScoreSheet(app, inspector, marks, claimed))
    if draw(st.booleans()):
        found.sort(key=lambda s: s.application_id)  # in runs, as a bundle usually has them
    return found


def expected(given_sheets: list[ScoreSheet]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    first: dict[tuple[str, str], int] = {}
    for i, sheet in enumerate(given_sheets):
        app = APPS.get(sheet.application_id)
        if app is None:
            out.append((f"sheets[{i}].application_id", "unknown_application"))
            continue
        if (sheet.application_id, sheet.inspector_id) in first:
            out.append((f"sheets[{i}].inspector_id", "scored_twice"))
        first.setdefault((sheet.application_id, sheet.inspector_id), i)
        own = {UNIT_OF.get(app.applicant_id), app.recommended_by} - {None}
        theirs = {UNIT_OF.get(sheet.inspector_id), sheet.inspector_unit_id} - {None}
        if sheet.inspector_id == app.applicant_id or own & theirs:
            out.append((f"sheets[{i}].inspector_id", "conflict_of_interest"))
        category = CATEGORIES[app.category_id]
        if not category.verified_on_site:
            out.append((f"sheets[{i}].application_id", "not_verified_on_site"))
            continue
        out += [
            (f"sheets[{i}].{where}", code) for where, code, _ in sheet_problems(sheet, category)
        ]
    return out


@given(sheets())
def test_every_problem_of_every_sheet_in_order(given_sheets: list[ScoreSheet]) -> None:
    found = sheet_reference_problems(given_sheets, APPS, CATEGORIES, UNIT_OF)
    assert expected(given_sheets) == [(p.path, p.code) for p in found]
