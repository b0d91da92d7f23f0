"""Administrative divisions (行政区划代码, GB/T 2260): which codes exist, when, under what name.

The data is the division table that ``python-stdnum`` ships (``stdnum/cn/loc.dat``, compiled
from the published code lists, with the years each code was in use), so that the library
checks codes against real divisions rather than a hand-made list. A code may have been reused:
:func:`lookup` returns every assignment, oldest first.

>>> [(d.name, d.since, d.until) for d in lookup("360732")]
[('兴国县', 1998, None)]
>>> [(d.name, d.until) for d in lookup("360782")]
[('南康市', 2013)]
>>> level("360700"), level("360000"), within("360732", "360700"), within("360732", "360000")
('prefecture', 'province', True, True)
"""

from __future__ import annotations

import re
from functools import cache

import attrs
from stdnum import numdb

__all__ = ["Division", "level", "lookup", "name_in", "within"]

_CODE = re.compile(r"\A[0-9]{6}\Z")
_SPAN = re.compile(r"\A\[(\d{4})?-(\d{4})?\](.+)\Z")


@attrs.frozen
class Division:
    """One assignment of a division code.

    Attributes:
        code: The 6-digit code.
        name: The division's name while the code meant it, e.g. ``"兴国县"``.
        province: The province-level division's name, e.g. ``"江西省"``.
        since: The first year of the assignment, if the table gives one.
        until: The last year of the assignment, if it has ended.
    """

    code: str
    name: str
    province: str
    since: int | None = None
    until: int | None = None

    def in_use(self, year: int) -> bool:
        """Whether the code meant this division in ``year``."""
        return (self.since is None or self.since <= year) and (
            self.until is None or year <= self.until
        )


@cache
def _table() -> numdb.NumDB:
    return numdb.get("cn/loc")


@cache
def lookup(code: str) -> tuple[Division, ...]:
    """Every assignment of ``code``, oldest first; empty for a code never assigned (or not six
    digits)."""
    if not isinstance(code, str) or not _CODE.match(code):
        return ()
    info: dict[str, str] = {}
    for _, props in _table().info(code):
        info.update(props)
    province, county = info.get("province"), info.get("county")
    if province is None or county is None:
        return ()
    found = []
    for part in county.split(","):
        span = _SPAN.match(part)
        if span is None:
            found.append(Division(code, part, province))
        else:
            since, until, name = span.groups()
            found.append(
                Division(
                    code,
                    name,
                    province,
                    int(since) if since else None,
                    int(until) if until else None,
                )
            )
    return tuple(found)


def name_in(code: str, year: int) -> str | None:
    """The name ``code`` had in ``year``, or ``None`` when it meant nothing then."""
    return next((d.name for d in lookup(code) if d.in_use(year)), None)


def level(code: str) -> str:
    """``"province"`` (``xx0000``), ``"prefecture"`` (``xxxx00``) or ``"county"``, by the code's
    shape."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def within(code: str, jurisdiction: str) -> bool:
    """Whether the division ``code`` lies in ``jurisdiction`` (itself, or below it by the
    code's prefix: a province's first two digits, a prefecture's first four)."""
    kind = level(jurisdiction)
    if kind == "province":
        return code[:2] == jurisdiction[:2]
    if kind == "prefecture":
        return code[:4] == jurisdiction[:4]
    return code == jurisdiction
