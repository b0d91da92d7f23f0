"""Structure-aware fuzzing of every document kind, shared by ``tests/test_fuzz.py`` (a few
hundred documents in every test run) and ``tests/fuzz_campaign.py`` (``make fuzz N=…``).

A document is made valid (from :mod:`wuxing.strategies` or the demonstration campaign), then
broken by one to three mutations at random places: a key deleted or retyped, a huge or tiny
number, odd Unicode, a repeated key or element, a dangling reference, deep nesting, an odd
envelope. :func:`run_one` then reads it and holds the library to its promises:

* only a :class:`wuxing.WuxingError` escapes, and its message shows no resident ID number;
* a document that is accepted dumps and reloads to an equal value, and writes the same text;
* the gate (:func:`wuxing.io.check`) raises nothing, and on a bundle it passes, ``evaluate``
  and the reports work; ledgers and task lists print.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
from hypothesis import strategies as st

from rounds import in_notice
from wuxing import WuxingError, io
from wuxing import strategies as wst
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle, DeadlineExtension
from wuxing.model.categories import EntrantKind, FormRequirement, Scope
from wuxing.model.records import (
    FindingRecord,
    RectificationRecord,
    SanctionKind,
    SanctionRecord,
)
from wuxing.model.rulesets import Periods, Ranking, Scoring, Source, VetoRule
from wuxing.model.settlements import Settlement
from wuxing.model.units import Person, UnitKind
from wuxing.process import Round
from wuxing.process.audit import AuditLog
from wuxing.reports import names_of, render_ledger, render_result, render_tasks
from wuxing.rulesets import load as load_ruleset
from wuxing.samples import DEMO_AT, demo_bundle
from wuxing.supervision import Ledger
from wuxing.tasks import EnterpriseIssue, HandlingMode, Indicator, Response, TaskList
from wuxing.tasks.indicators import Reading

AT = wst.SELECTION_AT
DEMO = demo_bundle()
RULES = load_ruleset("xingguo-2022")

# A person with a resident ID number, so that the fuzzing also checks it never leaks.
RESIDENT_ID = "360732198501010010"
PERSON = Person("p-fuzz", "李明", "lianjiang", "科员", RESIDENT_ID)


def _round() -> Round:
    """A round on its public notice, with the log that got it there (the small county of the
    round's tests: applications filed, verified, selected by an evaluation, approved)."""
    return in_notice()


def _audit_log() -> AuditLog:
    """A round's whole log, on its own."""
    return _round().log


def _issues() -> st.SearchStrategy[EnterpriseIssue]:
    raised = pendulum.datetime(2023, 3, 1, 9, tz="Asia/Shanghai")
    return st.builds(
        lambda mode, n: EnterpriseIssue(
            f"E{n}",
            "某企业",
            raised,
            "用地审批慢",
            ("市自然资源局", "市行政审批局"),
            mode,
            None if mode is HandlingMode.ON_THE_SPOT else dt.date(2023, 3, 15),
            (Response("市自然资源局", raised.add(days=1), "已到场"),),
        ),
        st.sampled_from(list(HandlingMode)),
        st.integers(1, 99),
    )


def _indicators() -> st.SearchStrategy[Indicator]:
    return st.builds(
        lambda target: Indicator(
            "按时办结率",
            "%",
            target,
            source="某县",
            readings=(Reading(dt.date(2023, 6, 30), target),),
        ),
        wst.decimals(1, 100, 1),
    )


_SETTLEMENT = Settlement(
    "S1",
    "demonstration-township",
    {"dt-t03", "dt-t04"},
    ["dt-t04"],
    ["office-1", "office-2"],
    "实地核查中群众满意度较高",
    pendulum.datetime(2023, 1, 11, 9, tz="Asia/Shanghai"),
)


def _from(strategy: st.SearchStrategy[Any], pick: Callable[[Any], Any]) -> Any:
    return strategy.flatmap(
        lambda v: st.sampled_from(items) if (items := pick(v)) else st.nothing()
    )


_ROUND = _round()
_LEDGER = DEMO.ledger
assert _LEDGER is not None

KINDS: dict[str, st.SearchStrategy[Any]] = {
    "unit": wst.units() | st.sampled_from(DEMO.units),
    "person": wst.people() | st.just(PERSON),
    "supervisor": wst.supervisors() | st.sampled_from(DEMO.supervisors),
    "criterion": wst.criteria(),
    "category": wst.categories() | st.sampled_from(RULES.categories),
    "scope": st.sampled_from([c.scope for c in RULES.categories])
    | st.just(Scope(EntrantKind.UNIT, {UnitKind.TOWN})),
    "form_requirement": st.just(FormRequirement("《申报表》", 2, True, True)),
    "ruleset": wst.rulesets() | st.just(RULES),
    "source": st.just(RULES.source) | st.just(Source("通知", "县政府办", dt.date(2022, 11, 4))),
    "scoring": wst.scorings() | st.just(Scoring()),
    "ranking": st.just(RULES.ranking) | st.just(Ranking()),
    "veto_rule": st.sampled_from(RULES.vetoes) | st.just(VetoRule("office_flag")),
    "periods": st.just(Periods()),
    "campaign": wst.campaigns() | st.just(DEMO.campaign),
    "application": wst.applications() | st.sampled_from(DEMO.applications),
    "forms_filed": st.sampled_from([a.forms for a in DEMO.applications]),
    "evidence": wst.evidence(),
    "score_sheet": st.sampled_from(DEMO.sheets),
    "annual_score": st.sampled_from(DEMO.annual_scores),
    "rectification_record": st.just(
        RectificationRecord(
            "R1",
            "lianjiang",
            pendulum.datetime(2022, 9, 1, 10, tz="Asia/Shanghai"),
            pendulum.datetime(2022, 9, 30, 23, 59, tz="Asia/Shanghai"),
        )
    ),
    "sanction_record": st.just(
        SanctionRecord("S1", "p01", SanctionKind.HELD_ACCOUNTABLE, dt.date(2022, 5, 1))
    ),
    "finding_record": st.just(FindingRecord("F1", "lianjiang", dt.date(2022, 5, 1), "问题")),
    "office_flag": st.sampled_from(DEMO.flags),
    "deadline_extension": st.just(DeadlineExtension("dt-t01", dt.date(2023, 1, 5), "材料补正")),
    "settlement": st.just(_SETTLEMENT),
    "bundle": wst.bundles() | st.just(DEMO) | st.just(attrs.evolve(DEMO, people=(PERSON,))),
    "result": wst.bundles().map(lambda b: evaluate(b, AT)) | st.just(evaluate(DEMO, DEMO_AT)),
    "audit_log": st.just(_audit_log()),
    "ledger": wst.ledgers() | st.just(_LEDGER),
    "task_list": wst.task_lists(),
    "key_task": _from(wst.task_lists(), lambda t: t.tasks),
    "enterprise_issue": _issues(),
    "indicator": _indicators(),
    "inspection": st.sampled_from(_LEDGER.inspections),
    "finding": st.sampled_from(_LEDGER.findings),
    "rectification": st.sampled_from(_LEDGER.rectifications),
    "sanction": st.sampled_from(_LEDGER.sanctions),
}
"""A valid value of every kind of document (kinds added later are fuzzed once listed)."""
if _ROUND is not None:
    KINDS["round"] = st.just(_ROUND)


# -- mutations -------------------------------------------------------------------------------

ODD_STRINGS = [
    "\ud800",
    "\x1b]0;x\x07\x1b[2J",
    "\u202e",
    "\u200b\u3164",
    "t01\n",
    " ",
    "",
    "\x00",
    "Ａ１",
    "١٢",
    "\u0301",
    "😀",
    "\ufeff",
    "x" * 70,
    "镇" * 600,
    "nowhere-123",
    "localtime",
    "Asia/Shanghai",
    "annual_score\n",
    "criterion:K1",
]
ODD_NUMBERS = [
    "0",
    "100",
    "1000",
    "1000.0001",
    "0.000001",
    "999999999999",
    "1e-99999999",
    "0E-99999999",
    "1e999999999",
    "１２",
    "1_0",
    " 1",
    "1.",
    ".5",
    "+1",
    "-0",
    "9" * 31,
    "0.0000000000000000000001",
    "100.00001",
    "-5",
    "NaN",
]
ODD_TIMES = [
    "2022-12-20T10:00:00+08:00:30",
    "2022-12-20T10:00:00.5+08:00",
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+00:00",
    "2022-12-20T10:00:00",
    "2022-02-30T10:00:00+08:00",
    "2022-12-20",
    "2022-12-20T10:00:00Z",
    "２０２２-12-20T10:00:00+08:00",
    "1899-12-31",
    "2999-12-31",
]
RAW = "\x00RAW{}\x00"
"""A placeholder whose JSON text is spliced in after dumping (JSON that json.dumps cannot
write: long integers, repeated keys, deep nesting, NaN)."""


@attrs.define
class Mutated:
    """A document being broken: its data, the raw splices, the mutations made."""

    data: Any
    splices: dict[str, str] = attrs.Factory(dict)
    made: list[str] = attrs.Factory(list)

    def raw(self, text: str) -> str:
        key = RAW.format(len(self.splices))
        self.splices[key] = text
        return key

    def text(self, ensure_ascii: bool) -> str:
        out = json.dumps(self.data, ensure_ascii=ensure_ascii)
        for key, text in self.splices.items():
            out = out.replace(json.dumps(key, ensure_ascii=ensure_ascii), text)
        return out


def _places(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of the data, in a stable order."""
    found: list[tuple[Any, Any]] = []
    stack = [data]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, sub in items:
            found.append((node, key))
            if isinstance(sub, dict | list) and sub:
                stack.append(sub)
    return found


def _mutate(draw: st.DrawFn, doc: Mutated) -> None:
    inside = isinstance(doc.data.get("data"), dict | list) and doc.data["data"]
    places = _places(doc.data["data"] if inside and draw(st.integers(0, 19)) else doc.data)
    parent, key = places[draw(st.integers(0, len(places) - 1))]
    value = parent[key]
    op = draw(
        st.sampled_from(
            [
                "delete",
                "retype",
                "number",
                "long_int",
                "string",
                "time",
                "duplicate_element",
                "duplicate_key",
                "dangling",
                "deep",
                "extra_key",
                "integer",
                "swap",
                "swap",
            ]
        )
    )
    if draw(st.integers(0, 19)) == 0:
        op = "envelope"
    doc.made.append(f"{op} at {key!r}")
    if op == "delete":
        del parent[key]
    elif op == "retype":
        parent[key] = draw(
            st.sampled_from([None, True, False, 0, -1, 1.5, 10**19, "", "x", [], {}, [value]])
        )
    elif op == "number":
        parent[key] = draw(st.sampled_from(ODD_NUMBERS))
    elif op == "long_int":
        parent[key] = doc.raw(draw(st.sampled_from(["1" * 5000, "-" + "9" * 41, "NaN", "1e400"])))
    elif op == "string":
        parent[key] = draw(st.sampled_from(ODD_STRINGS))
    elif op == "time":
        parent[key] = draw(st.sampled_from(ODD_TIMES))
    elif op == "duplicate_element" and isinstance(value, list) and value:
        value.append(json.loads(json.dumps(value[0])))
    elif op == "duplicate_key" and isinstance(value, dict) and value:
        first = next(iter(value))
        body = json.dumps(value, ensure_ascii=False)[:-1]
        parent[key] = doc.raw(f"{body}, {json.dumps(first)}: {json.dumps('again')}}}")
    elif op == "dangling" and isinstance(value, str):
        parent[key] = value + "-gone"
    elif op == "deep":
        depth = draw(st.sampled_from([31, 40, 1000, 100_000]))
        parent[key] = doc.raw("[" * depth + json.dumps(value) + "]" * depth)
    elif op == "envelope":
        envelope = doc.data
        field = draw(st.sampled_from(["version", "format", "kind"]))
        envelope[field] = draw(st.sampled_from([True, 1.0, "1", 2, None, "bundle", "unit"]))
    elif op == "integer":
        parent[key] = draw(st.sampled_from([0, -1, 1, 2, 100_000, 100_001, 2**63, 2**64, 10**39]))
    elif op == "swap":
        other_parent, other_key = places[draw(st.integers(0, len(places) - 1))]
        parent[key] = json.loads(json.dumps(other_parent[other_key]))
    elif op == "extra_key" and isinstance(value, dict):
        value[draw(st.sampled_from(["extra", "\x1b[2J", "id "]))] = 1


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    """A broken document: its kind, its JSON text and the mutations made."""
    kinds = sorted(set(KINDS) & set(io.KINDS))
    kind = draw(
        st.sampled_from([*kinds, *["bundle"] * 12, *["ledger", "task_list", "result"] * 3])
    )
    value = draw(KINDS[kind])
    doc = Mutated(json.loads(io.dumps(value)))
    for _ in range(draw(st.integers(0, 3))):
        _mutate(draw, doc)
    return kind, doc.text(draw(st.booleans())), doc.made


# -- the promises ----------------------------------------------------------------------------


@attrs.define
class Figures:
    """What a fuzzing run saw."""

    documents: int = 0
    accepted: int = 0
    refused: Counter[str] = attrs.Factory(Counter)
    kinds: Counter[str] = attrs.Factory(Counter)
    evaluated: int = 0
    gate_refused: int = 0
    failures: list[str] = attrs.Factory(list)


def run_one(kind: str, text: str, figures: Figures | None = None) -> None:
    """Read one document and check every promise; raise AssertionError on a broken one."""
    figures = figures if figures is not None else Figures()
    figures.documents += 1
    figures.kinds[kind] += 1
    # The number must not leak from its field (a mutation may also have copied it elsewhere,
    # into a field that is not secret).
    secret = text.count(RESIDENT_ID[6:-1]) == text.count(f'"resident_id": "{RESIDENT_ID}"')
    try:
        value = io.loads(text)
    except WuxingError as exc:
        figures.refused[exc.code] += 1
        leaked = RESIDENT_ID[6:-1] in str(exc)
        assert not (secret and leaked), "a resident ID number leaked into a message"
        return
    figures.accepted += 1
    again = io.loads(io.dumps(value))
    assert value == again, "dump then load changed the value"
    assert io.dumps(value) == io.dumps(again), "writing it again changed the text"
    assert not (secret and RESIDENT_ID[6:-1] in repr(value)), "a resident ID number in a repr"
    verdict = io.check(value, at=AT)
    if not verdict.ok:
        figures.gate_refused += 1
        return
    if isinstance(value, Bundle):
        result = evaluate(value, AT)
        figures.evaluated += 1
        assert result == io.loads(io.dumps(result))
        render_result(result, value.resolve_ruleset(), names_of(value))
        render_result(result, value.resolve_ruleset(), names_of(value), markdown=True)
    elif isinstance(value, Ledger):
        for by in ("kind", "unit", "month"):
            render_ledger(value, AT, by)
    elif isinstance(value, TaskList):
        for by in ("unit", "area"):
            render_tasks(value, AT, by)
