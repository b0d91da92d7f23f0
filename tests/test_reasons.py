"""The evaluation's reasons: one problem shape, a Chinese text for every reason, and a rank
that a tie-break decided saying which."""

from __future__ import annotations

import re
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wuxing
from wuxing import Problem, problem_text
from wuxing import strategies as wst
from wuxing.evaluation.outcomes import Reason
from wuxing.evaluation.scoring import Score
from wuxing.samples import DEMO_AT, demo_bundle, settled_bundle

CHINESE = re.compile(r"[\u4e00-\u9fff]")

# Written from the catalogue's intent, not read from it: the Chinese name of each tie-break.
TIE_BREAK_ZH = {
    "annual_score": "年度考评成绩",
    "verification_score": "实地核查得分",
    "fewer_findings": "督查发现问题数",
    "earlier_submission": "申报时间先后",
}


def outcomes(result: wuxing.SelectionResult) -> list[wuxing.ApplicationOutcome]:
    return [o for c in result.categories for o in c.outcomes]


def later(bundle: wuxing.Bundle, app_id: str, days: int = 1) -> wuxing.Bundle:
    apps = tuple(
        attrs.evolve(a, submitted_at=a.submitted_at.add(days=days)) if a.id == app_id else a
        for a in bundle.applications
    )
    return attrs.evolve(bundle, applications=apps)


class TestShape:
    def test_reason_is_a_problem(self) -> None:
        """A reason is a Problem: code, message, path (empty), ref, args."""
        r = Reason("late", "after the deadline", "A-1", args={"deadline": "x"})
        assert isinstance(r, Problem)
        assert ("", "late", "A-1", {"deadline": "x"}) == (r.path, r.code, r.ref, dict(r.args))

    def test_old_positional_order(self) -> None:
        """Reason(code, message, ref) as before, for veto plugins."""
        r = Reason("veto.x", "m", "R-1")
        assert ("veto.x", "m", "R-1") == (r.code, r.message, r.ref)

    def test_result_round_trip(self) -> None:
        """A result with the reasons' args dumps and loads to an equal result."""
        result = wuxing.evaluate(settled_bundle(), DEMO_AT)
        assert result == wuxing.io.loads(wuxing.io.dumps(result))

    def test_result_written_before_args_still_reads(self) -> None:
        """A reason without path and args (as results were written before) reads."""
        assert Reason("late", "m") == wuxing.io.load({"code": "late", "message": "m"}, Reason)


class TestChinese:
    def check(self, result: wuxing.SelectionResult) -> None:
        for o in outcomes(result):
            for r in o.reasons:
                zh = problem_text(r, "zh")
                assert CHINESE.search(zh), (r.code, zh)
                assert not zh.startswith("问题："), (r.code, zh)  # no fallback
                assert r.message == problem_text(r, "en")

    def test_demo_and_settled(self) -> None:
        """Every reason of the samples has a Chinese text filled from its args."""
        self.check(wuxing.evaluate(demo_bundle(), DEMO_AT))
        self.check(wuxing.evaluate(settled_bundle(), DEMO_AT))

    @given(wst.bundles())
    def test_generated(self, bundle: wuxing.Bundle) -> None:
        """Every reason of generated selections (ties, caps, reserved seats, vetoes, late
        and incomplete applications) has a Chinese text filled from its args."""
        self.check(wuxing.evaluate(bundle, wst.SELECTION_AT))

    def test_dates_without_microseconds(self) -> None:
        """A late application's reason: English ISO to the second, Chinese to the minute."""
        result = wuxing.evaluate(demo_bundle(), DEMO_AT)
        [late] = [r for o in outcomes(result) for r in o.reasons if r.code == "late"]
        assert "999999" not in late.message
        assert "after the deadline 2022-12-31T23:59:59+08:00" in late.message
        assert "晚于截止时间 2022年12月31日 23:59（逾期申报）" in problem_text(late, "zh")


class TestTieBreak:
    def test_earlier_submission_decides(self) -> None:
        """Two equals at 86.60, one submitted a day later: the earlier is ranked 5 and
        selected, the later 6; both reasons name the earlier submission."""
        result = wuxing.evaluate(later(demo_bundle(), "dt-t04"), DEMO_AT)
        by_id = {o.application_id: o for o in outcomes(result)}
        ahead, behind = by_id["dt-t03"], by_id["dt-t04"]
        assert (5, 6) == (ahead.rank, behind.rank)
        [a] = [r for r in ahead.reasons if r.code == "tie_break"]
        [b] = [r for r in behind.reasons if r.code == "tie_break"]
        assert "dt-t04" == a.ref
        assert "dt-t03" == b.ref
        assert "ahead of it by the tie-break earlier_submission" in a.message
        assert "behind it by the tie-break earlier_submission" in b.message
        assert "与 dt-t04 同为 86.60 分，按申报时间先后排在其前（第 5 名）" == problem_text(
            a, "zh"
        )

    def test_the_table_says_so(self) -> None:
        bundle = later(demo_bundle(), "dt-t03")
        result = wuxing.evaluate(bundle, DEMO_AT)
        page = wuxing.render_result(
            result, bundle.resolve_ruleset(), wuxing.names_of(bundle), lang="zh"
        )
        [row] = [line for line in page.splitlines() if line.split()[2:3] == ["dt-t03"]]
        assert "按申报时间先后排在其后（第 6 名）" in row

    def test_no_tie_break_reason_without_equals(self) -> None:
        result = wuxing.evaluate(demo_bundle(), DEMO_AT)
        assert [] == [r for o in outcomes(result) for r in o.reasons if r.code == "tie_break"]

    @given(wst.bundles(), st.data())
    def test_iff_equal_total_and_different_rank(
        self, bundle: wuxing.Bundle, data: st.DataObject
    ) -> None:
        """A ranked application has a tie_break reason exactly when another ranked one of
        its category has the same total and another rank; the rule it names is one of the
        ruleset's tie-breaks, and the equal it names has that total."""
        result = wuxing.evaluate(bundle, wst.SELECTION_AT)
        ruleset = bundle.resolve_ruleset()
        for category in result.categories:
            ranked = [o for o in category.outcomes if o.rank is not None and o.score]
            totals = {o.application_id: o.total for o in ranked}
            for o in ranked:
                apart = [
                    p for p in ranked if p is not o and p.total == o.total and p.rank != o.rank
                ]
                found = [r for r in o.reasons if r.code == "tie_break"]
                if o.outcome is wuxing.Outcome.TIE_PENDING:
                    assert [] == found
                    continue
                assert len(found) == (1 if apart else 0), (o, apart)
                for r in found:
                    assert totals[r.ref] == o.total
                    named = r.message.rsplit(" ", 1)[1]
                    assert named in ruleset.ranking.tie_breaks
                    if named in TIE_BREAK_ZH:
                        assert TIE_BREAK_ZH[named] in problem_text(r, "zh")


def test_every_reason_code_has_a_chinese_text() -> None:
    """Every reason code the evaluation writes (read from its source) has a text in the
    Chinese catalogue: ``reason.<code>``, or the text its args name."""
    import gettext
    from pathlib import Path

    from wuxing._core.messages import LOCALE_DIR

    source = Path(wuxing.__file__).parent / "evaluation"
    codes: set[str] = set()
    for path in source.glob("*.py"):
        text = path.read_text("utf-8")
        codes |= set(re.findall(r'Reason\(\s*"([a-z_.]+)"', text))
        codes |= set(re.findall(r'"text": "([a-z_.]+)"', text))
    assert len(codes) > 25
    mo = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "wuxing.mo"
    with mo.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)
    missing = {c for c in codes if catalogue.gettext(f"reason.{c}") == f"reason.{c}"}
    assert set() == missing


# What a reason and an outcome accept, written out from the model's rules (bounds and the
# refused characters of wuxing._core.text), to hold the constructors' fast paths to them.
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_BLANK = set(
    " \t\n\r\u3000\u200b\u2060\ufeff\u3164\u115f\u1160\uffa0\u2800\u180e\u17b4\u17b5\u034f"
)
_IDENTIFIER = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}\Z")


def _text_ok(value: object, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit and not _REFUSED.search(value)


def _reason_ok(code: object, message: object, ref: object) -> bool:
    return (
        _text_ok(code, 500)
        and any(ch not in _BLANK and not ch.isspace() for ch in str(code))
        and _text_ok(message, 100_000)
        and (ref is None or _text_ok(ref, 500))
    )


_SCORE = Score(Decimal(90), None, Decimal(90), 3, (), ())

_PIECES = st.sampled_from(
    ["veto.x", "late", "a", " ", "\u3000", "\u200b", "\x1b", "\x85", "\u202e", "高兴镇", "\t", "-"]
)
_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=4).map("".join),
    st.text(alphabet="ab .-_:\t\x1b\x85高\u3000\u202e", max_size=6),
    st.integers(0, 3).map(lambda n: "x" * (499 + n)),
    st.just(3),
    st.none(),
)


class TestConstruction:
    """Reasons and outcomes accept exactly what the model's rules allow, whichever way the
    constructor decides it."""

    @given(
        code=st.one_of(st.sampled_from(["late", "veto.office_flag.x"]), _TEXTS),
        message=_TEXTS,
        ref=st.one_of(st.none(), _TEXTS),
    )
    def test_reason(self, code: object, message: object, ref: object) -> None:
        self.check_reason(code, message, ref)

    @pytest.mark.parametrize("bad", ["\x1b", "\x85", "\u202e", "\ud800", "x" * 501])
    @pytest.mark.parametrize("field", [0, 1, 2])
    def test_one_bad_field(self, field: int, bad: str) -> None:
        """A reason fit for the fast path but for one field."""
        given_ = ["late", "after the deadline", "R-1"]
        given_[field] = given_[field] + bad if len(bad) == 1 else bad
        if field == 1 and len(bad) > 1:
            return  # a message may be long
        self.check_reason(*given_)

    @staticmethod
    def check_reason(code: object, message: object, ref: object) -> None:
        try:
            Reason(code, message, ref)  # type: ignore[arg-type]
            built = True
        except wuxing.ValidationError:
            built = False
        assert _reason_ok(code, message, ref) == built

    @pytest.mark.parametrize(
        ("field", "value"),
        [("score", "90"), ("rank", 0), ("reasons", ("late",)), ("outcome", "selected")],
    )
    def test_one_bad_outcome_field(self, field: str, value: object) -> None:
        """An outcome fit for the fast path but for one field is refused, naming it."""
        given_: dict[str, object] = {
            "application_id": "a1",
            "applicant_id": "p1",
            "outcome": wuxing.Outcome.SELECTED,
            "rank": 1,
            "score": _SCORE,
            "reasons": (Reason("late", "after the deadline"),),
        }
        given_[field] = value
        with pytest.raises(wuxing.ValidationError) as info:
            wuxing.ApplicationOutcome(**given_)  # type: ignore[arg-type]
        assert [field] == [p.path.split("[")[0] for p in info.value.problems]

    @given(
        app=st.one_of(st.sampled_from(["a1", "-a", "a" * 65, "a" * 64, "高"]), st.just(7)),
        rank=st.one_of(st.none(), st.integers(-1, 2), st.just(10**9), st.just(10**9 + 1)),
        reasons=st.sampled_from([(), (Reason("late", "after the deadline"),), ("late",)]),
        outcome=st.sampled_from([wuxing.Outcome.SELECTED, "selected", None]),
        score=st.sampled_from([None, _SCORE, "90"]),
    )
    def test_outcome(
        self, app: object, rank: object, reasons: object, outcome: object, score: object
    ) -> None:
        expected = (
            isinstance(app, str)
            and (score is None or isinstance(score, Score))
            and _IDENTIFIER.match(app) is not None
            and (rank is None or 1 <= rank <= 10**9)  # type: ignore[operator]
            and all(isinstance(r, Reason) for r in reasons)  # type: ignore[attr-defined]
            and outcome is wuxing.Outcome.SELECTED
        )
        try:
            wuxing.ApplicationOutcome(app, "p1", outcome, rank, score, reasons)  # type: ignore[arg-type]
            built = True
        except wuxing.ValidationError:
            built = False
        assert expected == built
