"""The supervision ledger: rectification steps, overdue, counts by period, queries."""

from __future__ import annotations

import datetime as dt
import random

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing import Dimension, TransitionError, ValidationError, io
from wuxing import strategies as wst
from wuxing.model.records import SanctionKind
from wuxing.reports import render_ledger
from wuxing.supervision import Finding, Inspection, InspectionKind, Ledger, Period, Rectification

TZ = "Asia/Shanghai"
TIMES = st.integers(0, 400 * 24).map(lambda h: pendulum.datetime(2022, 1, 1, tz=TZ).add(hours=h))


def order(days: int = 10) -> Rectification:
    return Rectification.order(
        "R1", "F1", "u1", pendulum.datetime(2022, 3, 1, 10, tz=TZ), days=days
    )


class TestRectification:
    def test_overdue_after_the_deadline_day(self) -> None:
        """Due 03-11: open all that day, overdue from the next instant."""
        r = order()
        assert not r.overdue_at(pendulum.datetime(2022, 3, 11, 23, 59, 59, tz=TZ))
        assert r.overdue_at(pendulum.datetime(2022, 3, 12, 0, 0, 0, tz=TZ))

    def test_accept_needs_a_report(self) -> None:
        """Accepting an unreported rectification is refused, naming the state."""
        with pytest.raises(TransitionError) as info:
            order().accept(pendulum.datetime(2022, 3, 2, tz=TZ))
        assert "illegal_transition" == info.value.code
        assert "ordered" in str(info.value)

    def test_send_back_gives_a_new_deadline(self) -> None:
        """Sent back, the new deadline is in force from then on."""
        r = (
            order()
            .report(pendulum.datetime(2022, 3, 5, tz=TZ))
            .send_back(pendulum.datetime(2022, 3, 6, tz=TZ), "资料不全", dt.date(2022, 3, 20))
        )
        assert dt.date(2022, 3, 11) == r.deadline_at(pendulum.datetime(2022, 3, 5, tz=TZ))
        assert dt.date(2022, 3, 20) == r.deadline_at(pendulum.datetime(2022, 3, 7, tz=TZ))
        assert not r.overdue_at(pendulum.datetime(2022, 3, 15, tz=TZ))

    def test_accepted_is_final(self) -> None:
        """Nothing happens to an accepted rectification."""
        r = (
            order()
            .report(pendulum.datetime(2022, 3, 5, tz=TZ))
            .accept(pendulum.datetime(2022, 3, 6, tz=TZ))
        )
        with pytest.raises(TransitionError):
            r.report(pendulum.datetime(2022, 3, 7, tz=TZ))

    @given(wst.ledgers(), TIMES, TIMES)
    def test_overdue_monotone_between_steps(
        self, ledger: Ledger, t1: pendulum.DateTime, t2: pendulum.DateTime
    ) -> None:
        """With no step in between, overdue at t1 stays overdue at a later t2."""
        a, b = min(t1, t2), max(t1, t2)
        for r in ledger.rectifications:
            if any(a < s.at <= b for s in r.steps):
                continue
            if r.overdue_at(a):
                assert r.overdue_at(b)

    @given(wst.ledgers(), TIMES)
    def test_acceptance_clears_overdue(self, ledger: Ledger, t: pendulum.DateTime) -> None:
        """Once accepted, a rectification is never overdue."""
        for r in ledger.rectifications:
            accepted = r.accepted_at()
            if accepted is not None and t >= accepted:
                assert not r.overdue_at(t)
                assert not r.is_open(t)


class TestLedger:
    @given(wst.ledgers())
    def test_months_and_quarters_add_up_to_the_year(self, ledger: Ledger) -> None:
        """Counts over consecutive periods add up to the count over their union."""
        year = Period.year(2022)
        for count in (
            ledger.inspections_by_kind,
            ledger.rectifications_by_mode,
            ledger.sanctions_by_kind,
        ):
            months = sum(
                (count(m) for m in Period.months(2022)),
                start=count(Period(dt.date(1999, 1, 1), dt.date(1999, 1, 1))),
            )
            quarters = sum(
                (count(Period.quarter(2022, q)) for q in range(1, 5)),
                start=count(Period(dt.date(1999, 1, 1), dt.date(1999, 1, 1))),
            )
            assert count(year) == months == quarters

    @given(wst.ledgers(), st.integers(0, 2**16))
    def test_order_of_records_does_not_matter(self, ledger: Ledger, seed: int) -> None:
        """A ledger built from its records in any order is the same, with the same summary."""
        rng = random.Random(seed)
        lists = {}
        for field in ("inspections", "findings", "rectifications", "sanctions"):
            items = list(getattr(ledger, field))
            rng.shuffle(items)
            lists[field] = items
        again = Ledger(**lists, time_zone=ledger.time_zone, notes=ledger.notes)
        at = pendulum.datetime(2022, 12, 31, tz=TZ)
        assert ledger == again
        for by in ("kind", "unit", "month"):
            assert render_ledger(ledger, at, by) == render_ledger(again, at, by)

    @given(wst.ledgers())
    def test_dump_load_identity(self, ledger: Ledger) -> None:
        """A ledger survives JSON."""
        assert ledger == io.loads(io.dumps(ledger), Ledger)

    def test_unknown_references(self) -> None:
        """A finding of an unknown inspection is named with its path."""
        with pytest.raises(ValidationError) as info:
            Ledger([], [Finding("F1", "I9", "u1", Dimension.LOYAL, "问题")])
        assert [("findings[0].inspection_id", "unknown_inspection")] == [
            (p.path, p.code) for p in info.value.problems
        ]

    def test_history_in_date_order(self) -> None:
        """A unit's history lists inspections, findings and rectifications by date."""
        i1 = Inspection("I1", InspectionKind.CENTRALIZED, dt.date(2022, 3, 1), (), ("u1",))
        f1 = Finding("F1", "I1", "u1", Dimension.LOYAL, "问题")
        ledger = Ledger([i1], [f1], [order()])
        assert ["I1", "F1", "R1"] == [x.id for x in ledger.history("u1")]  # type: ignore[attr-defined]

    def test_veto_records_as_of_cutoff(self) -> None:
        """Veto inputs carry the deadline in force and only an acceptance made by then."""
        i1 = Inspection("I1", InspectionKind.CENTRALIZED, dt.date(2022, 3, 1))
        f1 = Finding("F1", "I1", "u1", Dimension.LOYAL, "问题")
        r = (
            order()
            .report(pendulum.datetime(2022, 3, 5, tz=TZ))
            .accept(pendulum.datetime(2022, 3, 20, tz=TZ))
        )
        ledger = Ledger([i1], [f1], [r])
        before, _, _ = ledger.veto_records(pendulum.datetime(2022, 3, 15, tz=TZ))
        after, _, _ = ledger.veto_records(pendulum.datetime(2022, 3, 25, tz=TZ))
        assert before[0].accepted_at is None
        assert before[0].overdue_at(pendulum.datetime(2022, 3, 15, tz=TZ))
        assert after[0].accepted_at is not None
        assert not after[0].overdue_at(pendulum.datetime(2022, 3, 25, tz=TZ))

    def test_sanction_kinds_have_chinese_terms(self) -> None:
        """The four sanctions of seeds 000 and 004."""
        assert ["处理", "问责", "诫勉谈话", "通报批评"] == [k.zh for k in SanctionKind]


class TestNotes:
    def test_blank_note_refused(self) -> None:
        """A ledger's notes say something: a blank one is refused with its index."""
        with pytest.raises(ValidationError) as info:
            Ledger(notes=("Dates are synthetic.", " "))
        assert ("notes[1]", "blank") == (info.value.path, info.value.code)

    def test_summary_shows_notes(self) -> None:
        """The printed summary carries the ledger's notes above its figures."""
        ledger = Ledger(notes=("Dates are synthetic.",))
        text = render_ledger(ledger, pendulum.datetime(2021, 8, 18, tz=TZ))
        assert "note: Dates are synthetic." == text.splitlines()[1]
