"""The bounds of the model's values: every number has a range (and a decimal its places),
every text a length, every list that the domain keeps short a size.

They are declared here, once, and checked by the classes that use them; a value outside its
bound is refused with a problem that names the bound. The figures are generous for the domain
(a county's notice has a handful of categories and criteria; scores run from 0 to 100) and
small enough that any input costs bounded work: exact arithmetic on a 21-digit decimal is
cheap, on ``1e-99999999`` it would not end.

>>> for name in ("SCORE", "POINTS", "WEIGHT", "MEASURE"):
...     print(f"{name:8} {globals()[name]}")
SCORE    0 to 100, at most 4 decimal places
POINTS   0 to 1000, at most 4 decimal places
WEIGHT   0 to 1, at most 6 decimal places
MEASURE  -1000000000000 to 1000000000000, at most 6 decimal places
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from wuxing._core.bounds import (
    EARLIEST,
    LATEST,
    LONG_TEXT,
    SHORT_TEXT,
    DecimalRange,
    IntRange,
)

__all__ = [
    "COPIES",
    "COUNT",
    "DAYS",
    "EARLIEST",
    "LATEST",
    "LONG_TEXT",
    "MAX_CATEGORIES",
    "MAX_CRITERIA",
    "MAX_ITEMS",
    "MEASURE",
    "NUMBER",
    "PLACES",
    "POINTS",
    "SCORE",
    "SEED",
    "SEQ",
    "SHEETS",
    "SHORT_TEXT",
    "TRIM_FROM",
    "WEIGHT",
    "YEAR",
]

SCORE: Final = DecimalRange(Decimal(0), Decimal(100), 4)
"""Annual-evaluation scores, pass marks and percentages."""
POINTS: Final = DecimalRange(Decimal(0), Decimal(1000), 4)
"""An inspector's points on a criterion, and a criterion's maximum."""
WEIGHT: Final = DecimalRange(Decimal(0), Decimal(1), 6)
"""Weights (a criterion's share, the verification and annual weights) and shares of a quota."""
MEASURE: Final = DecimalRange(Decimal(-(10**12)), Decimal(10**12), 6)
"""Measured values: evidence, indicator targets and readings, task targets."""

YEAR: Final = IntRange(1949, 2999)
"""The year of a campaign or a ruleset."""
COUNT: Final = IntRange(0, 100_000)
"""Quotas, seats, limits and the length of a reserve list."""
COPIES: Final = IntRange(0, 100)
"""Paper copies of a form."""
SHEETS: Final = IntRange(1, 1000)
"""The fewest verification sheets an application needs."""
TRIM_FROM: Final = IntRange(3, 1000)
"""From how many sheets the trimmed mean drops the extremes."""
PLACES: Final = IntRange(0, 6)
"""Decimal places of a total."""
DAYS: Final = IntRange(1, 3650)
"""Lengths of time in days (notice, rectification)."""
NUMBER: Final = IntRange(1, 1_000_000)
"""Numbers of areas and key tasks in a responsibility list."""
SEED: Final = IntRange(0, 2**64 - 1)
"""The seed of a draw."""
SEQ: Final = IntRange(0, 10**9)
"""Positions in a log."""

MAX_CATEGORIES: Final = 100
"""The most categories of a ruleset (and vetoes, caps or reserved groups of one)."""
MAX_CRITERIA: Final = 100
"""The most criteria of a category (and marks on one score sheet)."""
MAX_ITEMS: Final = 10_000
"""The most elements of the lists inside one value (evidence, units of a task, progress
reports, steps of a rectification); the lists of a document (applications, sheets) are bounded
by its size only."""
