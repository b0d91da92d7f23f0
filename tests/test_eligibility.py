"""Intake through the evaluation: duplicates (office proposals included, same-instant ones
alike), deadlines and their extensions (issue cases A, F and G)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from campaigns import AT, Entrant, at, bundle, result
from wuxing import ValidationError, rulesets
from wuxing._core.messages import problem_text
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import DeadlineExtension
from wuxing.evaluation.outcomes import Outcome
from wuxing.model.applications import Application
from wuxing.samples import DEMO_AT, demo_bundle

DEMO = demo_bundle()


def codes(app_id: str, r: object) -> tuple[Outcome, list[str]]:
    o = r.outcome_of(app_id)  # type: ignore[attr-defined]
    return o.outcome, [x.code for x in o.reasons]


class TestDuplicates:
    def test_the_later_application_is_the_duplicate(self) -> None:
        """The applicant's second application, a day later, is the duplicate and names the
        first."""
        a = Entrant("a")
        again = Application(
            "a-again", "c", a.person, at(2022, 12, 21, 10), recommended_by=a.unit_id
        )
        r = result(bundle([a], applications=[again]))
        assert Outcome.SELECTED == r.outcome_of("a").outcome
        o = r.outcome_of("a-again")
        assert "同一时刻" not in problem_text(o.reasons[0], "zh")
        assert "已在 a 中申报" in problem_text(o.reasons[0], "zh")
        assert (Outcome.INELIGIBLE, ["duplicate", "verification_incomplete"], "a") == (
            o.outcome,
            [x.code for x in o.reasons],
            o.reasons[0].ref,
        )

    @pytest.mark.parametrize("names", [("a", "z"), ("z", "a")])
    def test_same_instant_duplicates_are_both_refused(self, names: tuple[str, str]) -> None:
        """F: two applications at the same instant: neither counts, whatever their ids; each
        names the other and says the office keeps one."""
        first = Entrant(names[0])
        twin = Application(
            names[1], "c", first.person, at(*first.submitted), recommended_by=first.unit_id
        )
        r = result(bundle([first], applications=[twin]))
        for app_id, other in ((names[0], names[1]), (names[1], names[0])):
            o = r.outcome_of(app_id)
            assert (Outcome.INELIGIBLE, "duplicate", other) == (
                o.outcome,
                o.reasons[0].code,
                o.reasons[0].ref,
            )
            assert "same instant" in o.reasons[0].message
            assert "同一时刻两次申报" in problem_text(o.reasons[0], "zh")

    def test_office_proposals_are_checked_for_duplicates(self) -> None:
        """A: the office proposing one supervisor twice gets one proposal, not two seats."""
        twice = Application(
            "os-s01-again",
            "outstanding-supervisor",
            "s01",
            next(a for a in DEMO.applications if a.id == "os-s01").submitted_at.add(days=1),
            proposed_by_office=True,
        )
        b = attrs.evolve(DEMO, applications=(*DEMO.applications, twice))
        r = evaluate(b, DEMO_AT).category("outstanding-supervisor")
        assert Outcome.SELECTED == r.outcome_of("os-s01").outcome
        assert (Outcome.INELIGIBLE, ["duplicate", "assessment_missing"]) == codes(
            "os-s01-again", r
        )
        assert ("os-s01", "os-s02") == r.selected

    def test_a_self_application_does_not_make_the_proposal_a_duplicate(self) -> None:
        """In a category the office assesses, a supervisor's own application is no
        application: the office's later proposal still counts."""
        own = Application(
            "os-s01-own", "outstanding-supervisor", "s01", DEMO.applications[0].submitted_at
        )
        b = attrs.evolve(DEMO, applications=(*DEMO.applications, own))
        r = evaluate(b, DEMO_AT).category("outstanding-supervisor")
        assert Outcome.SELECTED == r.outcome_of("os-s01").outcome
        assert "duplicate" not in codes("os-s01-own", r)[1]


class TestDeadlineExtensions:
    def late(self) -> tuple[Entrant, Application]:
        a = Entrant("a")
        late = Application("late", "c", "p-late", at(2023, 1, 2, 9), recommended_by="u-late")
        return a, late

    def test_late_without_extension(self) -> None:
        """Submitted after the campaign's last day: late."""
        r = result(bundle([Entrant("a"), Entrant("late", submitted=(2023, 1, 2, 9))]))
        assert (Outcome.INELIGIBLE, ["late"]) == codes("late", r)

    def test_the_last_day_is_in_time_to_its_end(self) -> None:
        """23:59:59.999999 on the last day, Xingguo time, is in time."""
        r = result(bundle([Entrant("a", submitted=(2022, 12, 31, 23, 59, 59, 999999))]))
        assert ("a",) == r.selected

    def test_extension_makes_it_in_time(self) -> None:
        """An extension to 01-03 makes a 01-02 submission in time."""
        entrants = [Entrant("a"), Entrant("late", submitted=(2023, 1, 2, 9))]
        ext = DeadlineExtension("late", dt.date(2023, 1, 3), "材料补正")
        r = result(bundle(entrants, extensions=[ext]))
        assert {"a", "late"} == set(r.selected)

    def test_extension_before_the_deadline_is_refused(self) -> None:
        """G: an extension ending before the campaign's deadline is refused with its path."""
        ext = DeadlineExtension("a", dt.date(2022, 12, 1), "误填")
        with pytest.raises(ValidationError) as info:
            evaluate(bundle([Entrant("a")], extensions=[ext]), AT)
        assert [("extensions[0].until", "extension_before_deadline")] == [
            (p.path, p.code) for p in info.value.problems
        ]

    def test_two_extensions_of_one_application_are_refused(self) -> None:
        """An application is extended once; a second extension is a duplicate."""
        exts = [
            DeadlineExtension("a", dt.date(2023, 1, 3), "一"),
            DeadlineExtension("a", dt.date(2023, 1, 5), "二"),
        ]
        with pytest.raises(ValidationError) as info:
            evaluate(bundle([Entrant("a")], extensions=exts), AT)
        assert [("extensions[1].application_id", "duplicate")] == [
            (p.path, p.code) for p in info.value.problems
        ]

    def test_an_early_extension_never_shortens_the_deadline(self) -> None:
        """G, at intake: given an extension earlier than the deadline, an on-time
        application stays on time (the process may pass one straight to intake)."""
        from wuxing.evaluation.eligibility import intake_reasons

        rules = rulesets.load("xingguo-2022")
        app = DEMO.applications[0]
        directory = {u.id: u for u in DEMO.units}
        reasons = intake_reasons(
            app,
            campaign=DEMO.campaign,
            category=rules.category(app.category_id),
            directory=directory,
            extended_until=dt.date(2022, 12, 1),
        )
        assert [] == [r.code for r in reasons]


class TestIntakeReasons:
    """Every intake problem at once, straight from :func:`intake_reasons` (the round's intake
    calls it too)."""

    def reasons(self, app: Application, category_id: str) -> list[str]:
        from wuxing.evaluation.eligibility import intake_reasons

        rules = rulesets.load("xingguo-2022")
        directory = {
            **{u.id: u for u in DEMO.units},
            **{p.id: p for p in DEMO.people},
            **{s.id: s for s in DEMO.supervisors},
        }
        return [
            r.code
            for r in intake_reasons(
                app,
                campaign=DEMO.campaign,
                category=rules.category(category_id),
                directory=directory,
            )
        ]

    @pytest.mark.parametrize(
        ("start", "end", "serving"),
        [
            (dt.date(2022, 3, 1), dt.date(2024, 2, 28), True),  # starts in the campaign year
            (dt.date(2020, 3, 1), dt.date(2022, 2, 28), True),  # ends in it
            (dt.date(2019, 1, 1), dt.date(2021, 12, 31), False),
            (dt.date(2023, 1, 1), dt.date(2025, 12, 31), False),
        ],
    )
    def test_supervisor_serving_in_the_campaign_year(
        self, start: dt.date, end: dt.date, serving: bool
    ) -> None:
        """A supervisor proposed by the office must serve at some time of the campaign year."""
        from wuxing.evaluation.eligibility import intake_reasons
        from wuxing.model.units import Supervisor

        supervisor = Supervisor("s-new", "新监督员", start, end)
        app = Application(
            "os-new", "outstanding-supervisor", "s-new", at(2023, 1, 5, 9), proposed_by_office=True
        )
        found = intake_reasons(
            app,
            campaign=DEMO.campaign,
            category=rulesets.load("xingguo-2022").category("outstanding-supervisor"),
            directory={"s-new": supervisor},
        )
        assert ([] if serving else ["not_serving"]) == [r.code for r in found]

    def test_unknown_applicant(self) -> None:
        """An applicant not in the directory: that alone is said."""
        app = Application("x", "demonstration-township", "nobody", at(2022, 12, 1, 9))
        assert ["unknown_applicant"] == self.reasons(app, "demonstration-township")

    def test_every_problem_of_a_unit_s_application(self) -> None:
        """A department entered as a township, proposed by the office, one unstamped paper
        copy and no electronic copy: each is a reason."""
        department = next(u for u in DEMO.units if u.kind.value == "government_department")
        app = Application(
            "x",
            "demonstration-township",
            department.id,
            at(2022, 12, 1, 9),
            forms=attrs.evolve(DEMO.applications[0].forms, paper_copies=1, electronic=False),
            proposed_by_office=True,
        )
        assert [
            "out_of_scope",
            "not_office_route",
            "paper_copies",
            "no_electronic_copy",
        ] == self.reasons(app, "demonstration-township")

    def test_nomination_without_its_unit(self) -> None:
        """A person nominated without naming the recommending unit."""
        person = DEMO.people[0]
        app = Application(
            "x",
            "advanced-individual",
            person.id,
            at(2022, 12, 1, 9),
            forms=DEMO.applications[0].forms,
        )
        assert ["no_recommender"] == self.reasons(app, "advanced-individual")
