"""Strategies for scalar values and for who is who: identifiers, names, codes, units, staff,
supervisors."""

from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal

import pendulum
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from wuxing.model.dimensions import Dimension
from wuxing.model.units import Person, Supervisor, Unit, UnitKind

_PROVINCES = ("11", "31", "36", "44", "51", "65")


# Real county-level codes (GB/T 2260), which stdnum checks a resident ID number against.
_REAL_COUNTIES = ("360732", "360730", "360702", "110105", "310104", "440305", "510104")


_ZH_CHARS = "兴国县高兴镇长冈乡龙口镇城岗乡社富乡埠头乡东村乡李明王芳张伟刘洋陈静"


def dimensions() -> st.SearchStrategy[Dimension]:
    """One of the five types."""
    return st.sampled_from(list(Dimension))


def identifiers() -> st.SearchStrategy[str]:
    """Identifiers as :mod:`wuxing` accepts them (``[A-Za-z0-9][A-Za-z0-9_.:-]*``)."""
    head = st.sampled_from(string.ascii_lowercase + string.digits)
    tail = st.text(string.ascii_lowercase + string.digits + "-_", max_size=12)
    return st.builds(lambda h, t: h + t, head, tail)


def names() -> st.SearchStrategy[str]:
    """Non-blank Chinese names."""
    return st.text(_ZH_CHARS, min_size=1, max_size=8)


def division_codes() -> st.SearchStrategy[str]:
    """6-digit GB/T 2260-shaped division codes with a real province prefix."""
    return st.builds(
        lambda p, rest: p + rest,
        st.sampled_from(_PROVINCES),
        st.text(string.digits, min_size=4, max_size=4),
    )


def credit_codes() -> st.SearchStrategy[str]:
    """Unified social credit codes (GB 32100) whose check characters are right."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

    def build(head: str, division: str, org: str) -> str:
        body = head + division + org
        return body + uscc.calc_check_digit(body)

    return st.builds(
        build,
        st.sampled_from(["11", "12", "13", "51", "52", "91", "92", "93"]),
        division_codes(),
        st.text(alphabet, min_size=9, max_size=9),
    )


def resident_ids(
    *, born_from: dt.date = dt.date(1950, 1, 1), born_until: dt.date = dt.date(2008, 12, 31)
) -> st.SearchStrategy[str]:
    """Resident ID numbers with valid birth dates and check digits."""

    def build(region: str, born: dt.date, seq: int) -> str:
        body = f"{region}{born:%Y%m%d}{seq:03d}"
        return body + ric.calc_check_digit(body + "0")  # stdnum skips the last position

    return st.builds(
        build,
        st.sampled_from(_REAL_COUNTIES),
        st.dates(born_from, born_until),
        st.integers(0, 999),
    ).filter(ric.is_valid)  # stdnum also checks the county existed in the birth year


def decimals(
    min_value: Decimal | int = 0, max_value: Decimal | int = 100, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Finite decimals with at most ``places`` places (never NaN or infinity)."""
    return st.decimals(
        min_value=Decimal(min_value),
        max_value=Decimal(max_value),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def time_zones() -> st.SearchStrategy[str]:
    """A few time zones, Asia/Shanghai most often."""
    return st.sampled_from(["Asia/Shanghai", "Asia/Shanghai", "Asia/Urumqi", "UTC"])


def aware_datetimes(
    min_value: dt.datetime = dt.datetime(2020, 1, 1),
    max_value: dt.datetime = dt.datetime(2030, 12, 31),
) -> st.SearchStrategy[dt.datetime]:
    """Aware pendulum datetimes (microsecond precision) in :func:`time_zones`."""
    return st.builds(
        lambda naive, tz: pendulum.instance(naive, tz=pendulum.timezone(tz)),
        st.datetimes(min_value, max_value),
        time_zones(),
    )


def units(kinds: st.SearchStrategy[UnitKind] | None = None) -> st.SearchStrategy[Unit]:
    """Valid units, with a credit code half the time."""
    return st.builds(
        Unit,
        id=identifiers(),
        name=names(),
        kind=kinds if kinds is not None else st.sampled_from(list(UnitKind)),
        division_code=division_codes(),
        credit_code=st.none() | credit_codes(),
    )


def people(unit_ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Person]:
    """Valid staff members, with a resident ID number half the time."""
    return st.builds(
        Person,
        id=identifiers(),
        name=names(),
        unit_id=unit_ids if unit_ids is not None else identifiers(),
        position=st.sampled_from(["科员", "副镇长", "局长", "主任科员", "站长"]),
        resident_id=st.none() | resident_ids(),
    )


def supervisors() -> st.SearchStrategy[Supervisor]:
    """Valid supervisors with a term of up to three years."""

    def build(
        sid: str, name: str, start: dt.date, days: int, aff: str | None, unit: str | None
    ) -> Supervisor:
        return Supervisor(sid, name, start, start + dt.timedelta(days=days), aff, unit)

    return st.builds(
        build,
        identifiers(),
        names(),
        st.dates(dt.date(2018, 1, 1), dt.date(2026, 12, 31)),
        st.integers(0, 3 * 366),
        st.none() | names(),
        st.none() | identifiers(),
    )
