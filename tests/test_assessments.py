"""Categories the office assesses instead of verifying on site (the Xingguo notice, 五(一) and
五(二)): scored from one assessment each, never from score sheets, without the annual
evaluation; the bundle's checks of assessments; assessments in workbooks."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing import ValidationError, evaluate, io, rulesets
from wuxing.evaluation.outcomes import Outcome
from wuxing.model.assessments import Assessment, AssessmentNote
from wuxing.model.categories import Category
from wuxing.model.records import Mark, ScoreSheet
from wuxing.samples import DEMO_AT, demo_bundle
from wuxing.strategies import bundles

DEMO = demo_bundle()
RULES = rulesets.load("xingguo-2022")
SUPERVISORS = RULES.category("outstanding-supervisor")
ASPECTS = ("日常履职表现", "参与专题监督活动")


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in exc.value.problems]


def index_of(app_id: str) -> int:
    return next(i for i, a in enumerate(DEMO.assessments) if a.application_id == app_id)


def with_assessments(*assessments: Assessment) -> object:
    return attrs.evolve(DEMO, assessments=assessments)


class TestTheRuleset:
    def test_supervisors_are_assessed_on_the_notice_s_aspects(self) -> None:
        """五(一): 结合监督员日常履职表现、参与专题监督活动等情况进行综合评估."""
        assert (False, ASPECTS) == (SUPERVISORS.verified_on_site, SUPERVISORS.assessed_on)
        verified = [k.id for k in RULES.categories if k.verified_on_site]
        assert ["demonstration-township", "advanced-collective", "advanced-individual"] == verified

    def test_the_reading_is_a_declared_default(self) -> None:
        """Scoring the assessment alone is the ruleset's reading, and says so."""
        assert RULES.declared("categories[3].assessed_on") is not None

    def test_scored_without_the_annual_evaluation(self) -> None:
        scoring = RULES.scoring_for("outstanding-supervisor")
        assert (Decimal(1), Decimal(0), 1) == (
            scoring.verification_weight,
            scoring.annual_weight,
            scoring.min_sheets,
        )
        township = RULES.scoring_for("demonstration-township")
        assert (Decimal("0.6"), Decimal("0.4"), 3) == (
            township.verification_weight,
            township.annual_weight,
            township.min_sheets,
        )

    def test_aspects_only_where_the_office_assesses(self) -> None:
        township = RULES.category("demonstration-township")
        with pytest.raises(ValidationError) as exc:
            attrs.evolve(township, assessed_on=("日常履职表现",))
        assert [("assessed_on", "not_applicable")] == problems(exc)

    def test_an_aspect_once(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Category(**{**attrs.asdict(SUPERVISORS, recurse=False), "assessed_on": ("a", "a")})
        assert [("assessed_on[1]", "duplicate")] == problems(exc)


class TestScoring:
    def test_the_total_is_the_assessment_s_weighted_marks(self) -> None:
        """Each supervisor's total is Σ points / maximum × weight × 100 of the assessment,
        rounded once to two places; no sheet and no annual score takes part."""
        r = evaluate(DEMO, DEMO_AT).category("outstanding-supervisor")
        criteria = {k.code: k for k in SUPERVISORS.criteria}
        assert 5 == len(DEMO.assessments)
        for assessment in DEMO.assessments:
            exact = sum(
                m.points / criteria[m.code].maximum * criteria[m.code].weight * 100
                for m in assessment.marks
                if m.points is not None
            )
            expected = Decimal(exact).quantize(Decimal("0.01"), ROUND_HALF_UP)
            score = r.outcome_of(assessment.application_id).score
            assert score is not None
            assert (expected, None, 1) == (score.total, score.annual, score.sheets)

    def test_hand_worked_total(self) -> None:
        """S1 21.5, S2 23, S3 22, S4 23.5 of 25 each, a quarter each: 90.00."""
        marks = [
            Mark(code, Decimal(p))
            for code, p in zip(("S1", "S2", "S3", "S4"), ("21.5", "23", "22", "23.5"), strict=True)
        ]
        first = DEMO.assessments[index_of("os-s05")]
        changed = attrs.evolve(first, marks=marks)
        rest = [a for a in DEMO.assessments if a is not first]
        r = evaluate(with_assessments(*rest, changed), DEMO_AT)
        o = r.category("outstanding-supervisor").outcome_of("os-s05")
        assert Decimal("90.00") == o.total

    def test_no_annual_score_needed(self) -> None:
        """Dropping a supervisor's annual score changes nothing."""
        without = attrs.evolve(
            DEMO, annual_scores=[a for a in DEMO.annual_scores if a.applicant_id != "s01"]
        )
        before = evaluate(DEMO, DEMO_AT).category("outstanding-supervisor").outcome_of("os-s01")
        after = evaluate(without, DEMO_AT).category("outstanding-supervisor").outcome_of("os-s01")
        assert (Outcome.SELECTED, before.total) == (after.outcome, after.total)

    def test_no_assessment_is_ineligible(self) -> None:
        rest = [a for a in DEMO.assessments if a.application_id != "os-s01"]
        o = evaluate(with_assessments(*rest), DEMO_AT).category("outstanding-supervisor")
        found = o.outcome_of("os-s01")
        assert (Outcome.INELIGIBLE, ["assessment_missing"]) == (
            found.outcome,
            [x.code for x in found.reasons],
        )
        assert ("os-s02", "os-s03") == o.selected

    def test_a_self_application_is_not_also_missing_an_assessment(self) -> None:
        o = evaluate(DEMO, DEMO_AT).category("outstanding-supervisor").outcome_of("os-s08-self")
        assert ["office_assessed"] == [x.code for x in o.reasons]


class TestBundleChecks:
    def test_a_score_sheet_in_an_assessed_category_is_refused(self) -> None:
        marks = DEMO.assessments[0].marks
        sheet = ScoreSheet("os-s01", "i9", marks)
        b = attrs.evolve(DEMO, sheets=(*DEMO.sheets, sheet))
        with pytest.raises(ValidationError) as exc:
            evaluate(b, DEMO_AT)
        assert [(f"sheets[{len(DEMO.sheets)}].application_id", "not_verified_on_site")] == (
            problems(exc)
        )

    def test_an_assessment_in_a_verified_category_is_refused(self) -> None:
        """Refused for its category alone: its notes are not read against a category that
        names no aspects."""
        township = DEMO.sheets[0]
        wrong = Assessment(
            township.application_id, "office-0", township.marks, [AssessmentNote("a", "b")]
        )
        with pytest.raises(ValidationError) as exc:
            evaluate(with_assessments(*DEMO.assessments, wrong), DEMO_AT)
        assert [("assessments[5].application_id", "verified_on_site")] == problems(exc)

    def test_an_application_of_an_unknown_category(self) -> None:
        """A sheet and an assessment of an application whose category the rules lack: the
        application's own problem is reported, no more, and nothing else breaks."""
        odd = attrs.evolve(DEMO.applications[0], id="odd", category_id="no-such-category")
        b = attrs.evolve(
            DEMO,
            applications=(*DEMO.applications, odd),
            sheets=(*DEMO.sheets, attrs.evolve(DEMO.sheets[0], application_id="odd")),
            assessments=(
                *DEMO.assessments,
                attrs.evolve(DEMO.assessments[0], application_id="odd"),
            ),
        )
        with pytest.raises(ValidationError) as exc:
            evaluate(b, DEMO_AT)
        assert [(f"applications[{len(DEMO.applications)}].category_id", "unknown_category")] == (
            problems(exc)
        )

    def test_an_aspect_where_the_category_names_none(self) -> None:
        rules = attrs.evolve(
            RULES,
            categories=[
                attrs.evolve(k, assessed_on=()) if not k.verified_on_site else k
                for k in RULES.categories
            ],
        )
        b = attrs.evolve(DEMO, ruleset=rules)
        with pytest.raises(ValidationError) as exc:
            evaluate(b, DEMO_AT)
        assert {"unknown_aspect"} == {p.code for p in exc.value.problems}
        assert all(p.message.endswith("nothing named") for p in exc.value.problems)

    def test_one_assessment_each(self) -> None:
        again = attrs.evolve(DEMO.assessments[0], assessor_id="office-1")
        with pytest.raises(ValidationError) as exc:
            evaluate(with_assessments(*DEMO.assessments, again), DEMO_AT)
        assert [("assessments[5].application_id", "duplicate")] == problems(exc)

    def test_an_unknown_application(self) -> None:
        stray = attrs.evolve(DEMO.assessments[0], application_id="nobody")
        with pytest.raises(ValidationError) as exc:
            evaluate(with_assessments(*DEMO.assessments[1:], stray), DEMO_AT)
        assert [("assessments[4].application_id", "unknown_application")] == problems(exc)

    def test_nobody_assesses_their_own_candidacy(self) -> None:
        i = index_of("os-s01")
        own = attrs.evolve(DEMO.assessments[i], assessor_id="s01")
        rest = [a for a in DEMO.assessments if a.application_id != "os-s01"]
        with pytest.raises(ValidationError) as exc:
            evaluate(with_assessments(*rest, own), DEMO_AT)
        assert [("assessments[4].assessor_id", "conflict_of_interest")] == problems(exc)

    def test_nobody_assesses_a_member_of_their_unit(self) -> None:
        """The assessor's unit comes from the directory: a staff member of the unit a
        supervisor belongs to may not assess that supervisor."""
        person = DEMO.people[0]
        supervisors = [
            attrs.evolve(s, unit_id=person.unit_id) if s.id == "s01" else s
            for s in DEMO.supervisors
        ]
        i = index_of("os-s01")
        by_colleague = attrs.evolve(DEMO.assessments[i], assessor_id=person.id)
        rest = [a for a in DEMO.assessments if a.application_id != "os-s01"]
        b = attrs.evolve(DEMO, supervisors=supervisors, assessments=(*rest, by_colleague))
        with pytest.raises(ValidationError) as exc:
            evaluate(b, DEMO_AT)
        # s01's own sheets of that unit's applications conflict too, now.
        assert [("assessments[4].assessor_id", "conflict_of_interest")] == [
            p for p in problems(exc) if p[0].startswith("assessments")
        ]

    def test_every_aspect_noted_and_no_other(self) -> None:
        first = DEMO.assessments[0]
        odd = attrs.evolve(first, notes=[AssessmentNote("年度考评", "良好")])
        with pytest.raises(ValidationError) as exc:
            evaluate(with_assessments(odd, *DEMO.assessments[1:]), DEMO_AT)
        assert [
            ("assessments[0].notes", "aspect_missing"),
            ("assessments[0].notes", "aspect_missing"),
            ("assessments[0].notes[0].aspect", "unknown_aspect"),
        ] == problems(exc)

    def test_marks_checked_as_on_a_sheet(self) -> None:
        first = DEMO.assessments[0]
        short = attrs.evolve(first, marks=first.marks[1:])
        above = attrs.evolve(
            DEMO.assessments[1],
            marks=[Mark(m.code, Decimal(26)) for m in DEMO.assessments[1].marks],
        )
        with pytest.raises(ValidationError) as exc:
            evaluate(with_assessments(short, above, *DEMO.assessments[2:]), DEMO_AT)
        assert ("assessments[0].marks", "missing_mark") in problems(exc)
        assert ("assessments[1].marks", "above_maximum") in problems(exc)

    def test_a_value_checks_itself(self) -> None:
        with pytest.raises(ValidationError) as exc:
            Assessment("os-s01", "o1", [Mark("S1", Decimal(1)), Mark("S1", Decimal(2))])
        assert [("marks[1]", "duplicate")] == problems(exc)
        with pytest.raises(ValidationError) as exc:
            AssessmentNote("", "x")
        assert [("aspect", "blank")] == problems(exc)


class TestInterchange:
    def test_json_round_trip(self) -> None:
        assert DEMO == io.loads(io.dumps(DEMO), type(DEMO))

    @given(bundles(ruleset=RULES))
    def test_generated_rounds_check_and_round_trip(self, b: object) -> None:
        """Rounds under the Xingguo rules carry assessments for supervisors and pass."""
        b.check(RULES)  # type: ignore[attr-defined]
        assert b == io.loads(io.dumps(b), type(b))
        supervisors = {
            a.id
            for a in b.applications  # type: ignore[attr-defined]
            if a.category_id == "outstanding-supervisor"
        }
        assert supervisors == {a.application_id for a in b.assessments}  # type: ignore[attr-defined]
        assert not supervisors & {s.application_id for s in b.sheets}  # type: ignore[attr-defined]

    def test_workbook_round_trip_with_a_dotted_aspect(self, tmp_path: Path) -> None:
        """An aspect with a dot in it (a sub-item number) survives the workbook."""
        pytest.importorskip("openpyxl")
        from wuxing.interchange import spreadsheets

        aspects = ("日常履职表现", "参与专题监督活动", "第1.2项")
        rules = attrs.evolve(
            RULES,
            categories=[
                attrs.evolve(k, assessed_on=aspects) if not k.verified_on_site else k
                for k in RULES.categories
            ],
        )
        assessments = [
            attrs.evolve(a, notes=(*a.notes, AssessmentNote("第1.2项", "完成")))
            for a in DEMO.assessments
        ]
        b = attrs.evolve(
            DEMO, ruleset=attrs.evolve(rules, id="xingguo-2022"), assessments=assessments
        )
        (tmp_path / "round.xlsx").write_bytes(spreadsheets.workbook(b))
        assert b == spreadsheets.read_round(tmp_path / "round.xlsx")

    def test_a_missing_note_is_found_at_its_cell(self, tmp_path: Path) -> None:
        pytest.importorskip("openpyxl")
        from wuxing.interchange import spreadsheets

        first = DEMO.assessments[0]
        bare = attrs.evolve(first, notes=first.notes[:1])
        data = spreadsheets.workbook(with_assessments(bare, *DEMO.assessments[1:]))
        (tmp_path / "round.xlsx").write_bytes(data)
        with pytest.raises(ValidationError) as exc:
            spreadsheets.read_round(tmp_path / "round.xlsx")
        (found,) = exc.value.problems
        assert found.path.startswith("综合评估·优秀监督员!")
        assert "aspect_missing" == found.code


@given(st.sampled_from(DEMO.assessments), st.sampled_from(ASPECTS))
def test_dropping_any_aspect_is_refused(assessment: Assessment, aspect: str) -> None:
    """Whichever aspect an assessment leaves out, the check names it."""
    notes = [n for n in assessment.notes if n.aspect != aspect]
    changed = attrs.evolve(assessment, notes=notes)
    rest = [a for a in DEMO.assessments if a is not assessment]
    with pytest.raises(ValidationError) as exc:
        evaluate(with_assessments(*rest, changed), DEMO_AT)
    ((path, code),) = problems(exc)
    assert ("assessments[4].notes", "aspect_missing") == (path, code)
    assert aspect in exc.value.problems[0].message


def test_an_aspect_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """A header taken from a ruleset's words is never a formula, in a workbook or a CSV."""
    openpyxl = pytest.importorskip("openpyxl")
    from wuxing.interchange import spreadsheets

    rules = attrs.evolve(
        RULES,
        categories=[
            attrs.evolve(k, assessed_on=("=1+1", "参与专题监督活动"))
            if not k.verified_on_site
            else k
            for k in RULES.categories
        ],
    )
    assessments = [
        attrs.evolve(a, notes=[AssessmentNote("=1+1", "x"), a.notes[1]]) for a in DEMO.assessments
    ]
    b = attrs.evolve(DEMO, ruleset=rules, assessments=assessments)
    (tmp_path / "round.xlsx").write_bytes(spreadsheets.workbook(b))
    sheet = openpyxl.load_workbook(tmp_path / "round.xlsx")["综合评估·优秀监督员"]
    heads = [c for c in sheet[1] if str(c.value).startswith("=")]
    assert ["=1+1（评估情况）"] == [c.value for c in heads]
    assert ["s"] == [c.data_type for c in heads]
    assert b == spreadsheets.read_round(tmp_path / "round.xlsx")
    spreadsheets.write_csv_folder(tmp_path / "csv", b)
    header = (tmp_path / "csv" / "综合评估·优秀监督员.csv").read_text("utf-8-sig").splitlines()[0]
    assert "'=1+1（评估情况）" in header
