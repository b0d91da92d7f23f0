"""Units, people and supervisors: construction and validation."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing import Dimension, Person, Supervisor, Unit, UnitKind, ValidationError, io
from wuxing import strategies as wst


def codes(exc: ValidationError) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in exc.problems]


class TestDimension:
    def test_order_and_chinese_names(self) -> None:
        """The five types come in the documents' order with their Chinese names."""
        assert ["忠诚", "创新", "担当", "服务", "过硬"] == [d.zh for d in Dimension]

    def test_from_value(self) -> None:
        """Dimensions are read from their English code."""
        assert Dimension.COMPETENT == Dimension("competent")


class TestUnit:
    def test_valid(self) -> None:
        """A township with a valid credit code is accepted."""
        unit = Unit("gaoxing", "高兴镇", UnitKind.TOWN, "360732", "91110000600037341L")
        assert "91110000600037341L" == unit.credit_code

    def test_all_problems_at_once(self) -> None:
        """Every bad field is reported, each with its path and code."""
        with pytest.raises(ValidationError) as info:
            Unit("", " ", "town", "99000", "91110000600037341X")  # type: ignore[arg-type]
        assert [
            ("id", "bad_identifier"),
            ("name", "blank"),
            ("kind", "unknown_value"),
            ("division_code", "bad_division_code"),
            ("credit_code", "bad_check_digit"),
        ] == codes(info.value)

    def test_unknown_province(self) -> None:
        """A division code must start with a real province-level code."""
        with pytest.raises(ValidationError) as info:
            Unit("x", "某镇", UnitKind.TOWN, "990732")
        assert [("division_code", "bad_division_code")] == codes(info.value)

    def test_credit_code_must_be_compact(self) -> None:
        """A credit code with separators is refused rather than silently rewritten."""
        with pytest.raises(ValidationError) as info:
            Unit("x", "某局", UnitKind.GOVERNMENT_DEPARTMENT, "360732", "91110000-600037341L")
        assert [("credit_code", "not_compact")] == codes(info.value)

    def test_township_kinds(self) -> None:
        """乡, 镇 and 街道 are township-level; departments are not."""
        assert [k for k in UnitKind if k.is_township] == [
            UnitKind.TOWNSHIP,
            UnitKind.TOWN,
            UnitKind.SUBDISTRICT,
        ]


class TestPerson:
    def test_resident_id_masked(self) -> None:
        """The resident ID number is masked in repr and str, kept whole in the value."""
        p = Person("p1", "李明", "gaoxing", "科员", "11010519491231002X")
        assert "11010519491231002X" not in repr(p)
        assert "11010519491231002X" not in str(p)
        assert "110105********002X" in repr(p)
        assert "11010519491231002X" == p.resident_id
        assert dt.date(1949, 12, 31) == p.birth_date

    def test_bad_check_digit(self) -> None:
        """A wrong check digit is refused, and the message does not leak the number."""
        with pytest.raises(ValidationError) as info:
            Person("p1", "李明", "gaoxing", "科员", "110105194912310021")
        assert [("resident_id", "bad_check_digit")] == codes(info.value)
        assert "194912310021" not in str(info.value)

    def test_impossible_birth_date(self) -> None:
        """A number whose birth date does not exist is refused."""
        body = "11010519490231002"
        from stdnum.cn import ric

        number = body + ric.calc_check_digit(body + "0")
        with pytest.raises(ValidationError) as info:
            Person("p1", "李明", "gaoxing", "科员", number)
        assert [("resident_id", "bad_format")] == codes(info.value)

    @given(wst.people())
    def test_generated_people_are_valid(self, person: Person) -> None:
        """Generated people are what a real record holds: an identifier, a resident ID whose
        check digit (ISO 7064 MOD 11-2, worked out here) and birth date hold, a name; and
        they survive dump → load."""
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}", person.id)
        assert person.name.strip()
        number = person.resident_id
        if number is not None:
            weights = [2 ** (17 - i) % 11 for i in range(17)]
            total = sum(int(d) * w for d, w in zip(number[:17], weights, strict=True))
            assert "0123456789X"[(12 - total % 11) % 11] == number[17]
            born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
            assert born == person.birth_date
        assert person == io.load(io.dump(person), Person)


class TestSupervisor:
    def test_term_reversed(self) -> None:
        """A term that ends before it starts is refused."""
        with pytest.raises(ValidationError) as info:
            Supervisor("s1", "王芳", dt.date(2023, 1, 1), dt.date(2022, 1, 1))
        assert [("term_end", "term_reversed")] == codes(info.value)

    @given(wst.supervisors(), st.dates(dt.date(2017, 1, 1), dt.date(2031, 1, 1)))
    def test_serves_on_matches_term(self, s: Supervisor, day: dt.date) -> None:
        """A supervisor serves exactly on the days of the term."""
        assert (s.term_start <= day <= s.term_end) == s.serves_on(day)
