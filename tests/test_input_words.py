"""What documents may say in people's words: Chinese enum words (read, codes written), JSON
numbers for decimals (read exactly), a category near an unknown id, a hint to wrap a bare
bundle in its envelope."""

from __future__ import annotations

import json
from decimal import Decimal
from enum import Enum
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wuxing
from wuxing import Dimension, UnitKind, ValidationError, io
from wuxing._core.suggest import nearest
from wuxing.interchange.schema import document_schema
from wuxing.model.categories import nearest_category
from wuxing.samples import demo_bundle

# Written from the glossary of the design (中文 → code), not from the code's own tables.
UNIT_WORDS = {
    "乡": "township",
    "镇": "town",
    "街道": "subdistrict",
    "经济开发区": "development_zone",
    "管委会": "management_committee",
    "县政府部门": "government_department",
    "县直单位": "county_unit",
    "驻县单位": "stationed_unit",
}
DIMENSION_WORDS = {
    "忠诚": "loyal",
    "创新": "innovative",
    "担当": "accountable",
    "服务": "service_oriented",
    "过硬": "competent",
}


def bundle_data() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(io.dumps(demo_bundle()))
    return document


def problems(exc: ValidationError) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in exc.problems]


class TestChineseEnumWords:
    @given(st.sampled_from(sorted(UNIT_WORDS)))
    def test_unit_kind_word_is_read_and_code_written(self, word: str) -> None:
        """A unit's kind given as 镇 is read as town; the document written back says town."""
        document = bundle_data()
        document["data"]["units"][0]["kind"] = word
        bundle = io.loads(json.dumps(document, ensure_ascii=False))
        assert UnitKind(UNIT_WORDS[word]) == bundle.units[0].kind
        written = json.loads(io.dumps(bundle))
        assert UNIT_WORDS[word] == written["data"]["units"][0]["kind"]

    @given(st.sampled_from(sorted(DIMENSION_WORDS)))
    def test_dimension_word(self, word: str) -> None:
        """忠诚 … are read as the five types' codes."""
        assert Dimension(DIMENSION_WORDS[word]) == io.load(word, Dimension)
        assert DIMENSION_WORDS[word] == io.dump(io.load(word, Dimension))

    def test_unknown_word_lists_codes_and_words(self) -> None:
        with pytest.raises(ValidationError) as info:
            io.load("村", UnitKind)
        assert [("", "unknown_value")] == problems(info.value)
        message = info.value.problems[0].message
        assert "'town'" in message
        assert "'镇'" in message

    def test_every_enum_with_zh_reads_its_words(self) -> None:
        """Every enum of the public API that has Chinese words reads each of them."""
        enums = [
            v
            for n in wuxing.__all__
            if isinstance(v := getattr(wuxing, n), type) and issubclass(v, Enum)
        ]
        with_words = [e for e in enums if isinstance(getattr(next(iter(e)), "zh", None), str)]
        assert {UnitKind, Dimension} <= set(with_words)
        for kind in with_words:
            for member in kind:
                assert member == io.load(member.zh, kind)  # type: ignore[attr-defined]

    def test_schema_lists_the_words(self) -> None:
        """The schema accepts what the loader reads: a unit of kind 镇 validates."""
        document = bundle_data()
        document["data"]["units"][0]["kind"] = "镇"
        jsonschema.validate(document, document_schema("bundle"))
        document["data"]["units"][0]["kind"] = "村"
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, document_schema("bundle"))


class TestJsonNumbers:
    @given(
        st.decimals(
            min_value=Decimal(0), max_value=Decimal(100), places=2, allow_nan=False
        ).filter(lambda d: d == d.normalize() or True)
    )
    def test_number_and_string_read_alike(self, points: Decimal) -> None:
        """A mark's points as the JSON number 18.5 and as "18.5" give the same exact value."""
        text = f"{points:f}"
        document = bundle_data()
        sheet = document["data"]["sheets"][0]
        sheet["marks"][0]["points"] = "@@"
        raw = json.dumps(document).replace('"@@"', text)
        from_number = io.loads(raw).sheets[0].marks[0].points
        assert Decimal(text) == from_number
        assert isinstance(from_number, Decimal)
        assert text == str(from_number)

    def test_eighteen_and_eighteen_and_a_half(self) -> None:
        """The issue's case: 18 and 18.5 are both read."""
        for text, expected in (("18", Decimal(18)), ("18.5", Decimal("18.5"))):
            raw = json.dumps(bundle_data()).replace('"points": "18"', f'"points": {text}', 1)
            assert expected == io.loads(raw).sheets[0].marks[0].points

    def test_number_out_of_range_is_refused(self) -> None:
        raw = json.dumps(bundle_data()).replace('"points": "18"', '"points": 1e400', 1)
        with pytest.raises(ValidationError) as info:
            io.loads(raw)
        assert [("sheets[0].marks[0].points", "too_large")] == problems(info.value)

    def test_schema_says_number_or_string(self) -> None:
        document = bundle_data()
        document["data"]["sheets"][0]["marks"][0]["points"] = 18.5
        jsonschema.validate(document, document_schema("bundle"))
        document["data"]["sheets"][0]["marks"][0]["points"] = "18,5"
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, document_schema("bundle"))


XINGGUO = wuxing.rulesets.load("xingguo-2022").categories


class TestNearestCategory:
    def test_chinese_title(self) -> None:
        """The issue's case: '示范乡镇' suggests demonstration-township."""
        assert "demonstration-township" == nearest_category("示范乡镇", XINGGUO)

    @given(st.sampled_from(XINGGUO), st.data())
    def test_one_letter_dropped(self, category: wuxing.Category, data: st.DataObject) -> None:
        """An id with one letter dropped suggests the id."""
        i = data.draw(st.integers(0, len(category.id) - 1))
        typo = category.id[:i] + category.id[i + 1 :]
        assert category.id == nearest_category(typo, XINGGUO)

    @given(st.sampled_from(XINGGUO))
    def test_titles(self, category: wuxing.Category) -> None:
        assert category.id == nearest_category(category.title_zh, XINGGUO)
        assert category.id == nearest_category(category.title_en.upper(), XINGGUO)

    def test_nothing_near(self) -> None:
        assert None is nearest_category("zzz", XINGGUO)
        assert None is nearest(12, {"a": ["b"]})

    def test_ambiguous_part_goes_to_spelling(self) -> None:
        """A word that several titles contain does not pick one of them by containment."""
        assert None is nearest("先进", {"a": ["先进集体"], "b": ["先进个人"]})

    def test_loading_names_it(self) -> None:
        """Loading a bundle with a Chinese category names the category in the problem."""
        document = bundle_data()
        document["data"]["applications"][0]["category_id"] = "示范乡镇"
        with pytest.raises(ValidationError) as info:
            io.loads(json.dumps(document, ensure_ascii=False))
        [problem] = info.value.problems
        assert "applications[0].category_id" == problem.path
        assert "demonstration-township" == problem.args["suggestion"]
        assert "did you mean 'demonstration-township'?" in problem.message

    def test_check_names_it(self) -> None:
        """A well-formed but unknown id is refused by the check with the suggestion."""
        document = bundle_data()
        document["data"]["applications"][0]["category_id"] = "advanced-colective"
        bundle = io.loads(json.dumps(document, ensure_ascii=False))
        with pytest.raises(ValidationError) as info:
            bundle.check(bundle.resolve_ruleset())
        [problem] = [p for p in info.value.problems if p.code == "unknown_category"]
        assert "advanced-collective" == problem.args["suggestion"]


class TestEnvelopeHint:
    def test_bare_bundle_gets_one_problem(self) -> None:
        """A bundle's data without the envelope: one problem that says how to wrap it."""
        bare = json.dumps(bundle_data()["data"], ensure_ascii=False)
        with pytest.raises(ValidationError) as info:
            io.loads(bare)
        assert [("", "no_envelope")] == problems(info.value)
        message = info.value.problems[0].message
        assert '"format": "wuxing"' in message
        assert '"kind": "bundle"' in message

    def test_kind_from_the_class_asked_for(self) -> None:
        with pytest.raises(ValidationError) as info:
            io.loads('{"id": "u1"}', wuxing.Unit)
        assert '"kind": "unit"' in info.value.problems[0].message

    def test_envelope_with_a_mistake_is_not_called_bare(self) -> None:
        """A document with an envelope and a wrong format gets the envelope's problems."""
        document = bundle_data()
        document["format"] = "other"
        with pytest.raises(ValidationError) as info:
            io.loads(json.dumps(document))
        assert [("format", "not_wuxing")] == problems(info.value)
