"""The fast loading path (``wuxing._core.fastload``) against the detailed one: both accept
the same documents and build equal values, and on any doubt ``io.loads`` reports exactly what
the detailed path reports. The collector is paused during the fast path and restored on every
way out."""

from __future__ import annotations

import gc
import importlib
import json
import os
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import KINDS, documents
from wuxing import ValidationError, io
from wuxing._core.collector import paused_collector
from wuxing._core.fastload import Doubt
from wuxing._core.shapes import shapes, static_depth
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.interchange import documents as docs
from wuxing.model.records import Mark
from wuxing.samples import DEMO_AT, demo_bundle

EXAMPLES = int(os.environ.get("WUXING_FUZZ_EXAMPLES", "300"))


def detailed(text: str) -> Any:
    """The detailed path alone: the value, or the error it raises."""
    try:
        return docs._load(*docs._parse(text), None)
    except ValidationError as exc:
        return exc


def fast(text: str) -> Any:
    """The fast path alone: the value, or :class:`Doubt`."""
    try:
        return docs._fast(text, None)
    except Doubt as exc:
        return exc


def public(text: str) -> Any:
    try:
        return io.loads(text)
    except ValidationError as exc:
        return exc


def report(exc: ValidationError) -> tuple[Any, ...]:
    return (exc.subject, exc.more, [(p.path, p.code, p.message) for p in exc.problems])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_both_paths_accept_the_same_documents(document: tuple[str, str, list[str]]) -> None:
    """On valid and broken documents of every kind: the fast path accepts a document exactly
    when the detailed path does, with an equal value that dumps to the same data; where it
    doubts, ``io.loads`` gives the detailed path's report, problem for problem."""
    _, text, made = document
    slow, quick, both = detailed(text), fast(text), public(text)
    if isinstance(slow, ValidationError):
        assert isinstance(quick, Doubt), made
        assert isinstance(both, ValidationError)
        assert report(slow) == report(both)
    else:
        assert not isinstance(quick, Doubt), made
        assert slow == quick
        assert io.dump(slow) == io.dump(quick)
        assert io.dumps(slow) == io.dumps(both)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_valid_documents_never_fall_back(data: st.DataObject) -> None:
    """A valid document of any kind is read by the fast path alone, to an equal value."""
    kind = data.draw(st.sampled_from(sorted(set(KINDS) & set(io.KINDS))))
    value = data.draw(KINDS[kind])
    text = io.dumps(value, indent=data.draw(st.sampled_from([None, 2])))
    assert value == docs._fast(text, None)
    assert value == docs._fast(text, type(value))


def _bundle_text() -> str:
    return io.dumps(demo_bundle())


def _with_marks(marks: list[Any]) -> str:
    """The demonstration bundle with its first sheet's marks replaced."""
    document = json.loads(_bundle_text())
    document["data"]["sheets"][0]["marks"] = marks
    return json.dumps(document, ensure_ascii=False)


class TestSharedMarks:
    def test_equal_marks_are_one_value(self) -> None:
        """Marks equal in code, points and met are one shared object after a load."""
        bundle = io.loads(_bundle_text(), Bundle)
        marks = [m for s in bundle.sheets for m in s.marks]
        by_content: dict[tuple[Any, ...], set[int]] = {}
        for m in marks:
            by_content.setdefault((m.code, str(m.points), m.met), set()).add(id(m))
        assert len(by_content) < len(marks)
        assert all(len(ids) == 1 for ids in by_content.values())

    def test_equal_forms_are_one_value(self) -> None:
        """Applications that filed the same forms share one value of them (a class the
        decoder cannot build by its keys alone), and a copies count given as ``true`` is
        still refused after an equal one given as ``1``."""
        document = json.loads(_bundle_text())
        apps = document["data"]["applications"]
        for app in apps:
            app["forms"] = {"paper_copies": 1, "stamped": True, "electronic": True}
        bundle = io.loads(json.dumps(document, ensure_ascii=False), Bundle)
        assert len(bundle.applications) > 1
        assert 1 == len({id(a.forms) for a in bundle.applications})
        assert 1 == bundle.applications[0].forms.paper_copies
        apps[-1]["forms"]["paper_copies"] = True
        with pytest.raises(ValidationError) as info:
            io.loads(json.dumps(document, ensure_ascii=False), Bundle)
        assert [(f"applications[{len(apps) - 1}].forms.paper_copies", "wrong_type")] == [
            (p.path, p.code) for p in info.value.problems
        ]

    def test_many_distinct_values_then_equal_ones(self) -> None:
        """Past a thousand distinct units (then people, annual scores) the decoder stops
        looking them up, and what it builds is still what the detailed path builds; the
        marks, which hit from the start, are still shared."""
        document = json.loads(_bundle_text())
        data = document["data"]
        first = data["units"][0]
        data["units"] += [{**first, "id": f"x{n}", "name": f"单位{n}"} for n in range(1100)] + [
            {**first, "id": f"y{n}"} for n in range(3)
        ]  # equal but for the id
        text = json.dumps(document, ensure_ascii=False)
        built = fast(text)
        assert not isinstance(built, Doubt)
        assert detailed(text) == built
        marks = [m for s in built.sheets for m in s.marks]
        assert len({id(m) for m in marks}) < len({(m.code, m.points, m.met) for m in marks}) + 1

    def test_a_number_for_met_after_true_is_refused(self) -> None:
        """``"met": 1`` equals ``True`` in Python but is not a boolean: after a shared
        ``"met": true`` mark, it is still refused, with its path."""
        document = json.loads(_bundle_text())
        sheets = document["data"]["sheets"]
        met = [
            (i, k, m["code"])
            for i, sheet in enumerate(sheets)
            for k, m in enumerate(sheet["marks"])
            if m["met"] is True
        ]
        first = met[0]
        i, k, _ = next(later for later in met[1:] if later[2] == first[2])
        sheets[i]["marks"][k]["met"] = 1
        with pytest.raises(ValidationError) as info:
            io.loads(json.dumps(document, ensure_ascii=False))
        assert [f"sheets[{i}].marks[{k}].met"] == [p.path for p in info.value.problems]
        assert "wrong_type" == info.value.problems[0].code

    def test_points_keep_their_places(self) -> None:
        """``"5"`` and ``"5.0"`` are equal marks but not the same text: each is written back
        as it was read."""
        first = json.loads(_bundle_text())["data"]["sheets"][0]["marks"]
        scored = next(m for m in first if m["points"] is not None)
        document = json.loads(_bundle_text())
        document["data"]["sheets"][0]["marks"] = [
            {**m, "points": "5"} if m is scored else m for m in first
        ]
        document["data"]["sheets"][1]["marks"] = [
            {**m, "points": "5.0"} if m is scored else m for m in first
        ]
        again = json.loads(io.dumps(io.loads(json.dumps(document, ensure_ascii=False))))
        assert "5" == again["data"]["sheets"][0]["marks"][first.index(scored)]["points"]
        assert "5.0" == again["data"]["sheets"][1]["marks"][first.index(scored)]["points"]


class TestRefusals:
    def test_a_repeated_key_is_refused_as_before(self) -> None:
        """A key repeated inside a mark makes the fast path doubt; the detailed path names
        it."""
        text = _bundle_text().replace('"met": null', '"met": null, "met": null', 1)
        assert isinstance(fast(text), Doubt)
        with pytest.raises(ValidationError) as info:
            io.loads(text)
        assert {"duplicate_key"} == {p.code for p in info.value.problems}

    @pytest.mark.parametrize(
        "escape", ["\\u001b", "\\r", "\\b", "\\f", "\\u202e", "\\ud800", "\\u007f"]
    )
    def test_an_escaped_refused_character_is_refused(self, escape: str) -> None:
        """A refused character written as an escape in an ASCII id is found."""
        text = _bundle_text().replace('"inspector_id": "', f'"inspector_id": "x{escape}', 1)
        assert isinstance(fast(text), Doubt)
        with pytest.raises(ValidationError):
            io.loads(text)

    def test_a_raw_del_is_refused(self) -> None:
        """DEL is not escaped by JSON writers, yet no text may hold it."""
        text = _bundle_text().replace('"inspector_id": "', '"inspector_id": "x\x7f', 1)
        assert isinstance(fast(text), Doubt)
        with pytest.raises(ValidationError) as info:
            io.loads(text)
        assert "bad_character" in {p.code for p in info.value.problems}

    def test_a_deep_document_is_refused_by_the_bound(self) -> None:
        """Nesting beyond the bound is refused with ``too_deep``, as before."""
        text = _bundle_text().replace('"evidence": []', '"evidence": ' + "[" * 40 + "]" * 40, 1)
        with pytest.raises(ValidationError) as info:
            io.loads(text)
        assert ["too_deep"] == [p.code for p in info.value.problems]


class TestShapes:
    def test_a_class_another_could_read_is_not_built_while_decoding(self) -> None:
        """An object is built while decoding only when no other class could read its keys:
        a mark's keys are not a criterion score's (which also needs ``contribution``)."""
        built = shapes((Bundle,))
        assert Mark is built[("code", "points", "met")]
        assert all(
            keys != ("id", "name") for keys in built
        )  # no class of just these fields in a bundle

    def test_static_depth(self) -> None:
        """A bundle's JSON nests as deep as its types allow: bundle, ruleset, categories,
        criteria, labels and the like, counted by hand from the model."""
        depth = static_depth(Bundle)
        assert depth is not None
        assert 4 <= depth < 31


class TestCollector:
    def test_restored_after_a_load(self) -> None:
        """The collector is enabled after a fast load, a fallback and a refusal."""
        assert gc.isenabled()
        io.loads(_bundle_text())
        assert gc.isenabled()
        with pytest.raises(ValidationError):
            io.loads(_bundle_text().replace('"met": null', '"met": 3', 1))
        assert gc.isenabled()
        with pytest.raises(ValidationError):
            io.loads("{")
        assert gc.isenabled()

    def test_left_disabled_when_it_was(self) -> None:
        """A caller that disabled the collector finds it still disabled."""
        gc.disable()
        try:
            io.loads(_bundle_text())
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_paused_inside_and_restored_on_an_exception(self) -> None:
        """Inside the pause no collection runs on its own; an exception restores it."""
        inside: list[bool] = []

        def fail() -> None:
            with paused_collector():
                inside.append(gc.isenabled())
                raise KeyError("x")

        with pytest.raises(KeyError):
            fail()
        assert [False] == inside
        assert gc.isenabled()

    def test_paused_during_the_fast_path(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The fast path runs with the collector paused."""
        seen: list[bool] = []
        original = docs.decode_json

        def spy(*args: Any, **kwargs: Any) -> object:
            seen.append(gc.isenabled())
            return original(*args, **kwargs)

        monkeypatch.setattr(docs, "decode_json", spy)
        io.loads(_bundle_text())
        assert [False] == seen

    def test_paused_during_an_evaluation_and_restored(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An evaluation runs with the collector paused (each category's explanation is
        built inside it), and finds it enabled again afterwards, after a refusal too."""
        module = importlib.import_module("wuxing.evaluation.evaluate")
        seen: list[bool] = []
        original = module.explain

        def spy(*args: Any, **kwargs: Any) -> object:
            seen.append(gc.isenabled())
            return original(*args, **kwargs)

        monkeypatch.setattr(module, "explain", spy)
        bundle = demo_bundle()
        evaluate(bundle, DEMO_AT)
        assert seen
        assert not any(seen)
        assert gc.isenabled()
        with pytest.raises(ValidationError):
            evaluate(attrs.evolve(bundle, sheets=(*bundle.sheets, bundle.sheets[0])), DEMO_AT)
        assert gc.isenabled()
        gc.disable()
        try:
            evaluate(bundle, DEMO_AT)
            assert not gc.isenabled()
        finally:
            gc.enable()
