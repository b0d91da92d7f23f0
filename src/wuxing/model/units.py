"""Units (单位), staff members (工作人员) and supervisors (监督员)."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

import attrs
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

from wuxing._core.checks import Checks
from wuxing._core.convert import SENSITIVE
from wuxing._core.text import describe
from wuxing.model.divisions import lookup

__all__ = ["Person", "Supervisor", "Unit", "UnitKind", "mask_resident_id"]

# GB/T 2260 province-level prefixes (the first two digits of a division code).
_PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
_DIVISION = re.compile(r"\A[0-9]{6}\Z")
_RESIDENT_ID = re.compile(r"\A[0-9]{17}[0-9Xx]\Z")


class UnitKind(StrEnum):
    """The kinds of unit a Five-Type notice addresses.

    The Xingguo notice of 2022-11-04 addresses 乡镇人民政府, 经济开发区, 城市社区管委会,
    县政府各部门 and 县直(驻县)各单位; :attr:`SUBDISTRICT` (街道) is there for counties and
    districts that have them.

    >>> UnitKind.TOWN.zh
    '镇'
    >>> UnitKind.TOWN.is_township
    True
    """

    TOWNSHIP = "township"
    TOWN = "town"
    SUBDISTRICT = "subdistrict"
    DEVELOPMENT_ZONE = "development_zone"
    MANAGEMENT_COMMITTEE = "management_committee"
    GOVERNMENT_DEPARTMENT = "government_department"
    COUNTY_UNIT = "county_unit"
    STATIONED_UNIT = "stationed_unit"

    @property
    def zh(self) -> str:
        """The Chinese name of the kind."""
        return _UNIT_ZH[self]

    @property
    def is_township(self) -> bool:
        """Whether the kind is a township-level government (乡, 镇, 街道)."""
        return self in (UnitKind.TOWNSHIP, UnitKind.TOWN, UnitKind.SUBDISTRICT)


_UNIT_ZH = {
    UnitKind.TOWNSHIP: "乡",
    UnitKind.TOWN: "镇",
    UnitKind.SUBDISTRICT: "街道",
    UnitKind.DEVELOPMENT_ZONE: "经济开发区",
    UnitKind.MANAGEMENT_COMMITTEE: "管委会",
    UnitKind.GOVERNMENT_DEPARTMENT: "县政府部门",
    UnitKind.COUNTY_UNIT: "县直单位",
    UnitKind.STATIONED_UNIT: "驻县单位",
}


def _check_division(c: Checks, path: str, code: object) -> None:
    if not c.of_type(path, code, str):
        return
    assert isinstance(code, str)
    if not _DIVISION.match(code):
        c.add(path, "bad_division_code", f"must be 6 digits (GB/T 2260), got {describe(code)}")
    elif code[:2] not in _PROVINCES:
        c.add(path, "bad_division_code", f"{code!r} names no province-level division")


def _check_stdnum(c: Checks, path: str, value: str, module: object, what: str) -> None:
    if len(value) > 64:
        c.add(path, "bad_format", f"{what}: too long ({len(value):,} characters)")
        return
    try:
        module.validate(value)  # type: ignore[attr-defined]
    except StdnumError as exc:
        code = "bad_check_digit" if isinstance(exc, InvalidChecksum) else "bad_format"
        c.add(path, code, f"{what}: {exc}")


@attrs.frozen
class Unit:
    """A unit (单位): a township government, a department, a county-level unit, ….

    Args:
        id: The identifier used in files and references, e.g. ``"xingguo-gaoxing"``.
        name: The Chinese name, e.g. ``"高兴镇"``.
        kind: The :class:`UnitKind`.
        division_code: The 6-digit GB/T 2260 code of the division the unit belongs to.
        credit_code: The 18-character unified social credit code (统一社会信用代码), checked
            with its check character; optional.

    >>> Unit("gaoxing", "高兴镇", UnitKind.TOWN, "360732").kind.zh
    '镇'
    """

    id: str
    name: str
    kind: UnitKind
    division_code: str
    credit_code: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Unit")
        c.ident("id", self.id)
        c.text("name", self.name)
        c.enum("kind", self.kind, UnitKind)
        _check_division(c, "division_code", self.division_code)
        if self.credit_code is not None and c.of_type("credit_code", self.credit_code, str):
            _check_stdnum(c, "credit_code", self.credit_code, uscc, "unified social credit code")
            if self.credit_code != uscc.compact(self.credit_code):
                c.add("credit_code", "not_compact", "write the code without spaces or dashes")
        c.done()


def mask_resident_id(number: str | None) -> str | None:
    """Hide the birth date and sequence of a resident ID number (``360732********123X``).

    Only the region code and the last four characters of an 18-character number are shown;
    anything else is shown as stars alone.

    >>> mask_resident_id("11010519491231002X"), mask_resident_id("3607321983")
    ('110105********002X', '**********')
    """
    if number is None:
        return None
    if not isinstance(number, str):
        return "*" * 18
    if len(number) != 18:
        return "*" * min(len(number), 18)
    return number[:6] + "*" * 8 + number[-4:]


def _masked_repr(value: str | None) -> str:
    return repr(mask_resident_id(value))


def _check_resident_id(c: Checks, path: str, number: object) -> None:
    """Format, region, birth date and check digit of a resident ID number (GB 11643).

    The region code must be one GB/T 2260 has assigned at some time; not necessarily in the
    birth year, since a number is issued where the holder lives when it is issued (a person
    born in 1985 in Xingguo holds a ``360732`` number though that code dates from 1998).
    No message shows more of the number than its masked form.
    """
    if number is None or not c.of_type(path, number, str, hidden=True):
        return
    assert isinstance(number, str)
    masked = mask_resident_id(number)
    if not _RESIDENT_ID.match(number):
        c.add(
            path,
            "bad_format",
            f"resident ID number {masked} must be 17 digits and a check character "
            "(a digit or X), without spaces",
        )
        return
    if number[-1] == "x":
        c.add(path, "not_compact", "write the number with an upper-case X")
        return
    if not lookup(number[:6]):
        c.add(path, "bad_format", f"resident ID number {masked} names no GB/T 2260 region")
        return
    try:
        born = ric.get_birth_date(number)
    except StdnumError:
        c.add(path, "bad_format", f"resident ID number {masked} carries no valid birth date")
        return
    if born.year < 1900:
        c.add(path, "bad_format", f"resident ID number {masked} has a birth year before 1900")
        return
    if ric.calc_check_digit(number) != number[-1]:
        c.add(path, "bad_check_digit", f"resident ID number {masked}: the check digit is wrong")


@attrs.frozen
class Person:
    """A staff member (工作人员) of the government system.

    Args:
        id: The identifier used in files and references.
        name: The person's name.
        unit_id: The :class:`Unit` the person works in.
        position: The post held (职务), e.g. ``"副镇长"``.
        resident_id: The 18-character resident ID number (居民身份证号码), optional; checked
            with its check digit and masked in ``repr`` and ``str``.

    >>> Person("p1", "李明", "gaoxing", "副镇长", "11010519491231002X")
    Person(id='p1', name='李明', unit_id='gaoxing', position='副镇长',
           resident_id='110105********002X')
    """

    id: str
    name: str
    unit_id: str
    position: str
    resident_id: str | None = attrs.field(
        default=None, repr=_masked_repr, metadata={SENSITIVE: True}
    )

    def __attrs_post_init__(self) -> None:
        c = Checks("Person")
        c.ident("id", self.id)
        c.text("name", self.name)
        c.ident("unit_id", self.unit_id)
        c.text("position", self.position)
        _check_resident_id(c, "resident_id", self.resident_id)
        c.done()

    @property
    def birth_date(self) -> dt.date | None:
        """The birth date the resident ID number carries, if there is one."""
        return None if self.resident_id is None else ric.get_birth_date(self.resident_id)


@attrs.frozen
class Supervisor:
    """A Five-Type supervisor (“五型”政府建设监督员), appointed by the office for a term.

    Args:
        id: The identifier used in files and references.
        name: The supervisor's name.
        term_start: The first day of the appointment.
        term_end: The last day of the appointment (inclusive).
        affiliation: Where the supervisor comes from (a unit, an enterprise, a village), free
            text; optional.
        unit_id: The :class:`Unit` the supervisor works in, if a government one; used for
            conflict-of-interest checks.

    >>> import datetime as dt
    >>> s = Supervisor("s1", "王芳", dt.date(2021, 1, 1), dt.date(2023, 12, 31))
    >>> s.serves_on(dt.date(2022, 11, 4)), s.serves_on(dt.date(2024, 1, 1))
    (True, False)
    """

    id: str
    name: str
    term_start: dt.date
    term_end: dt.date
    affiliation: str | None = None
    unit_id: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Supervisor")
        c.ident("id", self.id)
        c.text("name", self.name)
        if c.date("term_start", self.term_start) and c.date("term_end", self.term_end):
            c.that(
                self.term_start <= self.term_end,
                "term_end",
                "term_reversed",
                f"the term ends ({self.term_end}) before it starts ({self.term_start})",
            )
        c.text("affiliation", self.affiliation, optional=True)
        if self.unit_id is not None:
            c.ident("unit_id", self.unit_id)
        c.done()

    def serves_on(self, day: dt.date) -> bool:
        """Whether ``day`` falls within the term."""
        return self.term_start <= day <= self.term_end
