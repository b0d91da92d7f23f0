"""Interchange: dump → load identity, strictness, and every problem with its path."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing import Application, Unit, UnitKind, ValidationError, io
from wuxing import strategies as wst

ENTITIES = st.one_of(
    wst.units(),
    wst.people(),
    wst.supervisors(),
    wst.criteria(),
    wst.categories(),
    wst.rulesets(),
    wst.campaigns(),
    wst.applications(),
)


def problems(exc: ValidationError) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in exc.problems]


APPLICATION: dict[str, Any] = {
    "id": "a1",
    "category_id": "demonstration-township",
    "applicant_id": "gaoxing",
    "submitted_at": "2022-12-20T10:00:00+08:00",
    "recommended_by": None,
    "forms": {"paper_copies": 2, "stamped": True, "electronic": True},
    "evidence": [
        {
            "title": "按时办结率",
            "dimension": "service_oriented",
            "indicator": "按时办结率",
            "value": "98.9",
            "unit": "%",
        }
    ],
}


class TestRoundTrip:
    @given(ENTITIES)
    def test_dump_load_identity(self, value: object) -> None:
        """dump then load gives back an equal value, for every entity."""
        assert value == io.load(io.dump(value), type(value))

    @given(ENTITIES)
    def test_json_document_identity(self, value: object) -> None:
        """A JSON document read back is equal, and writing it again gives the same text."""
        text = io.dumps(value)
        again = io.loads(text)
        assert value == again
        assert text == io.dumps(again)

    @given(ENTITIES)
    def test_dump_is_plain_json_data(self, value: object) -> None:
        """dump gives only dicts, lists, str, int, bool and None: no enums, decimals, dates."""

        def check(item: object, path: str) -> None:
            if isinstance(item, dict):
                for key, sub in item.items():
                    assert type(key) is str, path
                    check(sub, f"{path}.{key}")
            elif isinstance(item, list):
                for i, sub in enumerate(item):
                    check(sub, f"{path}[{i}]")
            else:
                assert type(item) in (str, int, bool, type(None)), (path, item)

        check(io.dump(value), "$")

    @given(wst.applications())
    def test_offset_kept(self, application: Application) -> None:
        """The submission time keeps its UTC offset through JSON."""
        loaded = io.loads(io.dumps(application), Application)
        assert application.submitted_at.utcoffset() == loaded.submitted_at.utcoffset()

    def test_decimal_written_as_string(self) -> None:
        """Decimals are JSON strings, exactly as given."""
        application = io.load(APPLICATION, Application)
        assert "98.9" == io.dump(application)["evidence"][0]["value"]


class TestStrictness:
    def test_all_problems_with_paths(self) -> None:
        """Naive datetime, unknown field, wrong types: all reported at once with paths."""
        data = json.loads(json.dumps(APPLICATION))
        data["submitted_at"] = "2022-12-20T10:00:00"
        data["extra"] = 1
        data["forms"]["paper_copies"] = "2"
        data["evidence"][0]["value"] = 98.9
        with pytest.raises(ValidationError) as info:
            io.load(data, Application)
        found = problems(info.value)
        assert 4 == len(found)
        assert {
            ("extra", "unknown_field"),
            ("submitted_at", "naive_datetime"),
            ("forms.paper_copies", "wrong_type"),
            ("evidence[0].value", "wrong_type"),
        } == set(found)

    def test_nested_index_in_path(self) -> None:
        """A problem inside a list names its index."""
        document = {
            "format": "wuxing",
            "version": 1,
            "kind": "application",
            "data": {**APPLICATION, "evidence": [APPLICATION["evidence"][0], {"title": " "}]},
        }
        with pytest.raises(ValidationError) as info:
            io.loads(json.dumps(document))
        assert [("evidence[1].title", "blank")] == problems(info.value)

    def test_bool_is_not_an_int_and_string_not_coerced(self) -> None:
        """No silent coercion: true is not 1, 3 is not "3"."""
        with pytest.raises(ValidationError) as info:
            io.load(
                {
                    "id": 3,
                    "name": "高兴镇",
                    "kind": "town",
                    "division_code": "360732",
                    "credit_code": True,
                },
                Unit,
            )
        assert [("id", "wrong_type"), ("credit_code", "wrong_type")] == problems(info.value)

    def test_set_duplicates_refused(self) -> None:
        """A dimension listed twice would be lost in a set: refused."""
        from wuxing import Criterion

        with pytest.raises(ValidationError) as info:
            io.load(
                {
                    "code": "K",
                    "label_zh": "条件",
                    "summary": "s",
                    "dimensions": ["loyal", "loyal"],
                    "weight": "1",
                    "maximum": "20",
                    "kind": "scored",
                    "source": None,
                },
                Criterion,
            )
        assert [("dimensions[1]", "duplicate")] == problems(info.value)

    def test_envelope(self) -> None:
        """A document of the wrong format, version or kind is refused with each problem."""
        with pytest.raises(ValidationError) as info:
            io.loads('{"format": "other", "version": 9, "kind": "unit", "data": {}}', Application)
        assert [
            ("format", "not_wuxing"),
            ("version", "unsupported_version"),
            ("kind", "wrong_kind"),
        ] == problems(info.value)

    def test_not_json(self) -> None:
        """Text that is not JSON is a validation error with the position."""
        with pytest.raises(ValidationError) as info:
            io.loads("{")
        assert "json_syntax" == info.value.code
        assert "line 1" in str(info.value)

    def test_top_level_not_object(self) -> None:
        """Data of the wrong shape is refused, not a TypeError from inside."""
        with pytest.raises(ValidationError) as info:
            io.load(["x"], Unit)
        assert [("", "wrong_type")] == problems(info.value)


class TestEncodings:
    unit = Unit("gaoxing", "高兴镇", UnitKind.TOWN, "360732")

    def test_utf8_with_and_without_bom(self, tmp_path: Path) -> None:
        """A file in UTF-8 reads the same with a byte-order mark as without."""
        text = io.dumps(self.unit)
        plain, marked = tmp_path / "plain.json", tmp_path / "marked.json"
        plain.write_bytes(text.encode("utf-8"))
        marked.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        assert self.unit == io.read(plain) == io.read(marked)
        assert self.unit == io.loads(b"\xef\xbb\xbf" + text.encode("utf-8"))
        assert self.unit == io.loads("\ufeff" + text)

    def test_gb18030_refused_naming_the_file_and_the_remedy(self, tmp_path: Path) -> None:
        """A GB18030 file (a Chinese Windows desktop's default) is refused with the file's name
        and the encoding to give; given it, the file reads."""
        path = tmp_path / "单位.json"
        path.write_bytes(io.dumps(self.unit).encode("gb18030"))
        with pytest.raises(ValidationError) as info:
            io.read(path)
        assert [("", "bad_encoding")] == problems(info.value)
        assert str(path) in str(info.value)
        assert "gb18030" in str(info.value)
        assert self.unit == io.read(path, encoding="gb18030")

    def test_utf16_hint(self, tmp_path: Path) -> None:
        """A UTF-16 file (with its byte-order mark) is refused with the hint to read it so."""
        path = tmp_path / "unit.json"
        path.write_bytes(io.dumps(self.unit).encode("utf-16"))
        with pytest.raises(ValidationError) as info:
            io.read(path)
        assert "utf-16" in str(info.value)
        assert self.unit == io.read(path, encoding="utf-16")

    def test_unknown_encoding(self) -> None:
        """An encoding name Python does not know is a problem, not a LookupError."""
        with pytest.raises(ValidationError) as info:
            io.loads(b"{}", encoding="no-such-encoding")
        assert "unknown_encoding" == info.value.code


class TestJsonText:
    def test_nan_and_infinity_refused(self) -> None:
        """NaN and Infinity are not JSON."""
        for constant in ("NaN", "Infinity", "-Infinity"):
            with pytest.raises(ValidationError) as info:
                io.loads(
                    f'{{"format": "wuxing", "version": 1, "kind": "unit", "data": {constant}}}'
                )
            assert "json_syntax" == info.value.code

    def test_unknown_key_with_control_characters_is_escaped_in_the_path(self) -> None:
        """An unknown key is named in its path with its control characters escaped."""
        data = {**io.dump(Unit("u", "高兴镇", UnitKind.TOWN, "360732")), "\x1b[2J": 1}
        with pytest.raises(ValidationError) as info:
            io.load(data, Unit)
        assert [("['\\x1b[2J']", "unknown_field")] == problems(info.value)
        assert "\x1b" not in str(info.value)

    def test_decimals_written_without_exponent(self) -> None:
        """A Decimal built with an exponent is written in plain digits, and reads back."""
        from wuxing import AnnualScore

        for value in (Decimal("1E+2"), Decimal("0.0000001E+3"), Decimal("-0")):
            written = io.dump(AnnualScore("u", abs(value)))["score"]
            assert "E" not in written
            assert abs(value) == Decimal(written)
