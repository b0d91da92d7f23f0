"""Whether units lie in a ruleset's jurisdiction, by their GB/T 2260 division codes.

A code is checked against the real division table (:mod:`wuxing.model.divisions`, from the
published code lists), for the year the rules are for: a code never assigned, or not in use
that year (南康市 360782 ended in 2013), is a problem, and so is a unit whose division lies
outside the jurisdiction.

>>> from wuxing.model.units import Unit, UnitKind
>>> units = [Unit("a", "于都县财政局", UnitKind.GOVERNMENT_DEPARTMENT, "360731"),
...          Unit("b", "南康市某局", UnitKind.GOVERNMENT_DEPARTMENT, "360782"),
...          Unit("c", "南昌县某局", UnitKind.GOVERNMENT_DEPARTMENT, "360121")]
>>> for p in unit_problems(units, "360700", 2023):
...     print(p)
units[1].division_code: 360782 (南康市) was not in use in 2023 [division_not_in_use]
units[2].division_code: 360121 (南昌县) lies outside 360700 (赣州市) [outside_jurisdiction]
"""

from __future__ import annotations

from collections.abc import Sequence

from wuxing.errors import Problem
from wuxing.model.divisions import lookup, name_in, within
from wuxing.model.units import Unit

__all__ = ["division_problem", "unit_problems"]


def _named(code: str, year: int) -> str:
    name = name_in(code, year) or next((d.name for d in lookup(code)), None)
    return f"{code} ({name})" if name else code


def division_problem(path: str, code: str, year: int, within_code: str | None) -> Problem | None:
    """The problem with one division code in ``year``, if any: never assigned, not in use
    that year, or outside ``within_code``."""
    if not lookup(code):
        return Problem(path, "unknown_division", f"{code} is no GB/T 2260 division")
    if name_in(code, year) is None:
        return Problem(
            path, "division_not_in_use", f"{_named(code, year)} was not in use in {year}"
        )
    if within_code is not None and not within(code, within_code):
        return Problem(
            path,
            "outside_jurisdiction",
            f"{_named(code, year)} lies outside {_named(within_code, year)}",
        )
    return None


def unit_problems(
    units: Sequence[Unit], jurisdiction: str, year: int, path: str = "units"
) -> list[Problem]:
    """Every unit whose division code is not a real division in ``year`` or lies outside
    ``jurisdiction``."""
    found = []
    for i, unit in enumerate(units):
        problem = division_problem(
            f"{path}[{i}].division_code", unit.division_code, year, jurisdiction
        )
        if problem is not None:
            found.append(problem)
    return found
