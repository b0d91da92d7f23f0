"""A qualified applicant as the selection sees it, the ranking's key, and the draw's tickets.

:mod:`~wuxing.evaluation.selection` chooses among :class:`Candidate`\\ s (and re-exports
these names, so ``from wuxing.evaluation.selection import Candidate`` keeps working).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

__all__ = ["Candidate", "draw_order", "draw_ticket", "rank_key"]


@attrs.frozen
class Candidate:
    """A qualified applicant, as the selection sees it.

    Attributes:
        application_id: The application.
        total: The published total.
        key: The tie-break values, in the ruleset's order, each "smaller is better".
        unit_id: The applicant's unit, for per-unit caps.
        groups: The application's group labels, for group caps and reserved seats.
    """

    application_id: str
    total: Decimal
    key: tuple[Any, ...] = ()
    unit_id: str | None = None
    groups: frozenset[str] = frozenset()


def rank_key(c: Candidate) -> tuple[Any, ...]:
    """The ranking key: higher total first, then the tie-breaks (ids do not decide)."""
    return (-c.total, *c.key)


def draw_ticket(seed: int, application_id: str) -> str:
    """An application's ticket in the ruleset's draw: the SHA-256 of ``"{seed}:{id}"`` (UTF-8),
    in hexadecimal. The draw orders equals by ticket, lowest first.

    >>> draw_ticket(2022, "dt-t03") == hashlib.sha256(b"2022:dt-t03").hexdigest()
    True
    >>> draw_ticket(2022, "dt-t03")[:12]
    '0b9ed21d3f22'
    """
    return hashlib.sha256(f"{seed}:{application_id}".encode()).hexdigest()


def draw_order(seed: int, application_ids: Sequence[str]) -> tuple[str, ...]:
    """The order a seeded draw gives: by ticket (:func:`draw_ticket`), a function of the seed
    and the ids, not of their order (two equal tickets, which SHA-256 makes practically
    impossible, would fall back to the ids).

    >>> draw_order(7, ["b", "a"]) == draw_order(7, ["a", "b"])
    True
    """
    return tuple(sorted(application_ids, key=lambda a: (draw_ticket(seed, a), a)))
