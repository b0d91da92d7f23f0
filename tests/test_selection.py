"""Selection properties (DESIGN §4), the choice of the selected, ties, draws and caps."""

from __future__ import annotations

import itertools
import random
from decimal import Decimal

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from wuxing import io
from wuxing import strategies as wst
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import Outcome, SelectionResult
from wuxing.evaluation.selection import Candidate, choose, draw_order
from wuxing.model.categories import Cap, CapBy, Category, EntrantKind, Route, Scope
from wuxing.model.criteria import Criterion
from wuxing.model.dimensions import Dimension
from wuxing.model.records import AnnualScore
from wuxing.rulesets import FinalTieBreak, Ranking

AT = wst.SELECTION_AT
QUALIFIED = {
    Outcome.SELECTED,
    Outcome.RESERVE,
    Outcome.OUT_OF_QUOTA,
    Outcome.TIE_PENDING,
    Outcome.CAPPED,
}


def run(bundle: Bundle) -> SelectionResult:
    return evaluate(bundle, AT)


def shuffled(bundle: Bundle, seed: int) -> Bundle:
    rng = random.Random(seed)
    changes = {}
    for field in ("units", "applications", "sheets", "annual_scores", "flags"):
        items = list(getattr(bundle, field))
        rng.shuffle(items)
        changes[field] = tuple(items)
    return attrs.evolve(bundle, **changes)


def with_annual(bundle: Bundle, applicant: str, value: Decimal) -> Bundle:
    scores = tuple(
        AnnualScore(a.applicant_id, value) if a.applicant_id == applicant else a
        for a in bundle.annual_scores
    )
    return attrs.evolve(bundle, annual_scores=scores)


class TestProperties:
    @given(wst.bundles())
    def test_quota_never_exceeded(self, bundle: Bundle) -> None:
        """No category selects more than its quota."""
        for cat in run(bundle).categories:
            assert len(cat.selected) <= cat.quota

    @given(wst.bundles())
    def test_selected_are_qualified(self, bundle: Bundle) -> None:
        """Every selected applicant is eligible, unvetoed and at or above the pass mark."""
        assert bundle.ruleset is not None
        pass_mark = bundle.ruleset.scoring.pass_mark
        flagged = {f.applicant_id for f in bundle.flags}
        result = run(bundle)
        for cat in result.categories:
            for app_id in cat.selected:
                outcome = cat.outcome_of(app_id)
                assert outcome.score is not None
                assert outcome.score.total >= pass_mark
                assert outcome.applicant_id not in flagged
                app = next(a for a in bundle.applications if a.id == app_id)
                assert app.submitted_at <= bundle.campaign.deadline_at

    @given(wst.bundles(), st.integers(0, 2**16))
    def test_input_order_does_not_matter(self, bundle: Bundle, seed: int) -> None:
        """Shuffling every list of the bundle gives the same result."""
        assert run(bundle) == run(shuffled(bundle, seed))

    @given(wst.bundles())
    def test_deterministic_through_json(self, bundle: Bundle) -> None:
        """The same result after dump → load of the bundle, and the result round-trips."""
        result = run(bundle)
        assert result == run(io.loads(io.dumps(bundle), Bundle))
        assert result == io.loads(io.dumps(result), SelectionResult)

    @given(wst.bundles(), st.data())
    def test_raising_a_selected_keeps_it_selected(
        self, bundle: Bundle, data: st.DataObject
    ) -> None:
        """Raising a selected applicant's annual score keeps it selected."""
        assert bundle.ruleset is not None
        result = run(bundle).categories[0]
        assume(result.selected and bundle.ruleset.scoring.annual_weight)
        app_id = data.draw(st.sampled_from(result.selected))
        applicant = result.outcome_of(app_id).applicant_id
        after = run(with_annual(bundle, applicant, Decimal(100))).categories[0]
        assert app_id in after.selected

    @given(wst.bundles(), st.data())
    def test_lowering_an_unselected_keeps_it_out(
        self, bundle: Bundle, data: st.DataObject
    ) -> None:
        """Lowering an unselected applicant's annual score never selects it."""
        result = run(bundle).categories[0]
        out = [o.application_id for o in result.outcomes if o.outcome is not Outcome.SELECTED]
        assume(out)
        app_id = data.draw(st.sampled_from(out))
        applicant = result.outcome_of(app_id).applicant_id
        after = run(with_annual(bundle, applicant, Decimal(0))).categories[0]
        assert app_id not in after.selected

    @given(wst.bundles(caps=False, reserved=False))
    def test_exact_fill(self, bundle: Bundle) -> None:
        """With nothing binding and enough qualified, the quota is filled (save a tie)."""
        cat = run(bundle).categories[0]
        qualified = [o for o in cat.outcomes if o.outcome in QUALIFIED]
        if len(qualified) >= cat.quota:
            pending = sum(t.seats for t in cat.ties)
            assert cat.quota == len(cat.selected) + pending
        else:
            assert len(qualified) == len(cat.selected)

    @given(wst.bundles())
    def test_no_unexplained_outranking(self, bundle: Bundle) -> None:
        """A reserve or out-of-quota applicant outranks a selected one only when that one took
        a reserved seat, and both outcomes say so."""
        cat = run(bundle).categories[0]
        for o in cat.outcomes:
            if o.outcome not in (Outcome.RESERVE, Outcome.OUT_OF_QUOTA):
                continue
            assert o.rank is not None
            for app_id in cat.selected:
                chosen = cat.outcome_of(app_id)
                assert chosen.rank is not None
                if chosen.rank > o.rank:
                    assert "reserved_seat" in [r.code for r in chosen.reasons]
                    assert "reserved_seats" in [r.code for r in o.reasons]


def category(quota: int, caps: tuple[Cap, ...] = ()) -> Category:
    return Category(
        "c",
        "类别",
        "Category",
        Scope(EntrantKind.STAFF),
        quota,
        Route.RECOMMENDED,
        [Criterion("K1", "条件", "A condition.", {Dimension.LOYAL}, Decimal(1), Decimal(10))],
        caps=caps,
    )


candidates = st.lists(
    st.builds(
        lambda total, unit: (total, unit),
        st.integers(0, 1000),
        st.sampled_from(["u1", "u2", "u3"]),
    ),
    max_size=7,
    unique_by=lambda t: t[0],
)


class TestChoose:
    @given(candidates, st.integers(0, 4), st.integers(0, 2))
    def test_equals_brute_force_with_unit_caps(
        self, items: list[tuple[int, str]], quota: int, limit: int
    ) -> None:
        """With a per-unit cap and distinct totals, the choice has the maximum total sum."""
        cands = [Candidate(f"a{i}", Decimal(t), (), u) for i, (t, u) in enumerate(items)]
        cap = Cap(CapBy.UNIT, limit=limit)
        choice = choose(cands, category(quota, (cap,)), Ranking(tie_breaks=()))
        best = 0
        best_size = 0
        for size in range(min(quota, len(cands)) + 1):
            for subset in itertools.combinations(cands, size):
                units = [c.unit_id for c in subset]
                if all(units.count(u) <= limit for u in set(units)):
                    best = max(best, sum(int(c.total) for c in subset))
                    best_size = max(best_size, size)
        by_id = {c.application_id: c for c in cands}
        assert best == sum(int(by_id[a].total) for a in choice.selected)
        assert best_size == len(choice.selected)

    def test_boundary_tie_reported(self) -> None:
        """Two equal at the last seat: neither is selected, the tie is reported."""
        cands = [
            Candidate("a", Decimal(90)),
            Candidate("b", Decimal(80)),
            Candidate("c", Decimal(80)),
        ]
        choice = choose(cands, category(2), Ranking(tie_breaks=()))
        assert ("a",) == choice.selected
        assert [(("b", "c"), 1)] == [(t.application_ids, t.seats) for t in choice.ties]

    def test_tie_broken_by_key(self) -> None:
        """A tie-break value settles what the total does not."""
        cands = [Candidate("b", Decimal(80), (2,)), Candidate("c", Decimal(80), (1,))]
        choice = choose(cands, category(1), Ranking(tie_breaks=("annual_score",)))
        assert (("c",), ()) == (choice.selected, choice.ties)

    def test_draw_recorded_and_order_independent(self) -> None:
        """A declared draw fills the seat, is recorded, and ignores input order."""
        ranking = Ranking(tie_breaks=(), final=FinalTieBreak.DRAW, seed=2022)
        cands = [Candidate(x, Decimal(80)) for x in "bcd"]
        first = choose(cands, category(2), ranking)
        again = choose(list(reversed(cands)), category(2), ranking)
        assert first == again
        assert 2 == len(first.selected)
        assert first.selected == draw_order(2022, ["b", "c", "d"])[:2]
        assert 1 == len(first.draws)

    def test_cap_marks_capped(self) -> None:
        """A second applicant from a unit capped at one is capped, the next one selected."""
        cands = [
            Candidate("a", Decimal(90), (), "u1"),
            Candidate("b", Decimal(85), (), "u1"),
            Candidate("c", Decimal(80), (), "u2"),
        ]
        choice = choose(cands, category(2, (Cap(CapBy.UNIT, limit=1),)), Ranking(tie_breaks=()))
        assert ("a", "c") == choice.selected
        assert {"b"} == set(choice.capped)
