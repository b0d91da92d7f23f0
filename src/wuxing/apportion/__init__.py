"""Apportionment (名额分配): a province's or city's seats split across counties.

:func:`apportion` splits a house by largest remainder (Hamilton), D'Hondt, Sainte-Laguë or
Huntington-Hill, exactly, with a minimum and a maximum per county; a tie for the last seats is
reported, never settled silently. :func:`write_quotas` writes the result into each county's
ruleset layer. The explanation page "Apportionment and its paradoxes" shows the methods side by
side.

>>> from wuxing.apportion import apportion, Claimant, Method
>>> counties = [Claimant("a", 1_115_000), Claimant("b", 836_000), Claimant("c", 810_000)]
>>> apportion(10, counties, Method.DHONDT, basis="population").seats
{'a': 4, 'b': 3, 'c': 3}
"""

from __future__ import annotations

from wuxing.apportion.methods import (
    Apportionment,
    ApportionmentError,
    Basis,
    Claimant,
    Method,
    Share,
    Tie,
    apportion,
)
from wuxing.apportion.writing import write_quotas

__all__ = [
    "Apportionment",
    "ApportionmentError",
    "Basis",
    "Claimant",
    "Method",
    "Share",
    "Tie",
    "apportion",
    "write_quotas",
]
