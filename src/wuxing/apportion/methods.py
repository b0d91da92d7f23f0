"""Apportioning seats (名额分配): a province's or city's quota split across counties.

Four methods, each exact (every share a :class:`~fractions.Fraction`; no float decides a
seat):

* **largest remainder** (Hamilton, Hare quota): each county first gets the whole part of its
  quota ``house × weight / total``, the seats left go to the largest remainders;
* **D'Hondt** (Jefferson), **Sainte-Laguë** (Webster) and **Huntington-Hill**, the divisor
  methods: seats go one at a time to the county of highest priority ``weight / d(s)``, where
  ``s`` is the seats it holds and ``d(s)`` is ``s + 1``, ``2s + 1`` and ``√(s(s + 1))``.
  Huntington-Hill's ``d(0) = 0`` gives every county with a weight its first seat before any
  county its second, so the house must be at least the number of such counties.

Each county may have a minimum and a maximum. The divisor methods start every county at its
minimum and pass over a county at its maximum. The largest-remainder method first finds the
counties' quotas within their bounds (scaling the free ones until the bounded quotas add up to
the house), then gives the whole parts and the largest remainders of those.

A tie for the last seats (equal remainders, or equal priorities, with fewer seats than tied
counties) is never settled here: the result reports it (:class:`Tie`), its seats stay open,
and :meth:`Apportionment.settle` records whom the office gave them to.

>>> result = apportion(10, [Claimant("a", 6), Claimant("b", 6), Claimant("c", 2)])
>>> result.seats
{'a': 4, 'b': 4, 'c': 2}
>>> apportion(11, [Claimant("a", 6), Claimant("b", 6), Claimant("c", 2)]).seats
{'a': 5, 'b': 5, 'c': 1}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import TypeVar

import attrs

from wuxing._core.checks import Checks, as_tuple
from wuxing.apportion.rounding import highest_averages, largest_remainder
from wuxing.errors import Problem, ValidationError

_E = TypeVar("_E", bound=StrEnum)

__all__ = [
    "Apportionment",
    "ApportionmentError",
    "Basis",
    "Claimant",
    "Method",
    "Share",
    "Tie",
    "apportion",
]


class ApportionmentError(ValidationError):
    """The claimants or the house cannot be apportioned; every problem listed."""

    code = "apportionment_invalid"


class Method(StrEnum):
    """An apportionment method.

    * ``largest_remainder``: Hamilton's method, Hare quota (最大余额法).
    * ``dhondt``: D'Hondt, Jefferson's method (顿特最高均数法), divisors 1, 2, 3, ….
    * ``sainte_lague``: Sainte-Laguë, Webster's method, divisors 1, 3, 5, ….
    * ``huntington_hill``: Huntington-Hill, equal proportions, divisors √(s(s+1)).
    """

    LARGEST_REMAINDER = "largest_remainder"
    DHONDT = "dhondt"
    SAINTE_LAGUE = "sainte_lague"
    HUNTINGTON_HILL = "huntington_hill"


class Basis(StrEnum):
    """What the claimants' weights count: ``population`` (常住人口), ``staff`` (工作人员数) or
    a given ``weight``; recorded in the result, so that a printout says what was counted."""

    POPULATION = "population"
    STAFF = "staff"
    WEIGHT = "weight"


def _exact(value: object) -> Fraction | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, Decimal) and value.is_finite():
        return Fraction(value)
    return None


@attrs.frozen
class Claimant:
    """A county (or department) claiming seats.

    Args:
        id: The identifier, e.g. ``"360731"`` or ``"yudu"``.
        weight: Its size: a population, a staff count, or any weight, exact (an ``int``, a
            :class:`~decimal.Decimal` or a :class:`~fractions.Fraction`; a float is refused),
            zero or more.
        minimum: The fewest seats it gets.
        maximum: The most seats it gets; ``None`` for no limit.
        name: A name for printouts, e.g. ``"于都县"``.
    """

    id: str
    weight: int | Decimal | Fraction
    minimum: int = 0
    maximum: int | None = None
    name: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Claimant")
        c.ident("id", self.id)
        exact = _exact(self.weight)
        if c.that(
            exact is not None,
            "weight",
            "wrong_type",
            f"must be an exact number (int, Decimal or Fraction), got {self.weight!r}",
        ):
            assert exact is not None
            c.that(exact >= 0, "weight", "negative", f"must be at least 0, got {self.weight}")
        c.integer("minimum", self.minimum, minimum=0)
        if self.maximum is not None and c.integer("maximum", self.maximum, minimum=0):
            c.that(
                not isinstance(self.minimum, int) or self.minimum <= self.maximum,
                "maximum",
                "below_minimum",
                f"the maximum {self.maximum} is below the minimum {self.minimum}",
            )
        c.text("name", self.name, optional=True)
        c.done()

    @property
    def exact_weight(self) -> Fraction:
        """The weight as a fraction."""
        exact = _exact(self.weight)
        assert exact is not None
        return exact


@attrs.frozen
class Share:
    """One claimant's part of the result.

    Attributes:
        claimant_id: The claimant.
        quota: Its exact quota ``house × weight / total weight``, bounds aside.
        seats: The seats it was given (a seat still tied is not counted).
    """

    claimant_id: str
    quota: Fraction
    seats: int


@attrs.frozen
class Tie:
    """A tie for the last seats: more claimants with an equal claim than seats left.

    Attributes:
        claimant_ids: The tied claimants, sorted.
        seats: How many seats they contest (fewer than the claimants).
        claim: What they are equal on: the remainder (largest remainder) or the priority
            (divisor methods; for Huntington-Hill its square, ``weight² / (s(s+1))``).
    """

    claimant_ids: tuple[str, ...] = attrs.field(converter=as_tuple)
    seats: int
    claim: Fraction


@attrs.frozen
class Apportionment:
    """The seats of a house apportioned among claimants.

    Attributes:
        method: The :class:`Method`.
        basis: What the weights count (:class:`Basis`).
        house: The seats to apportion.
        shares: One :class:`Share` per claimant, in the claimants' order.
        tie: A tie for the last seats, if there was one; its seats stay open until settled.
        chosen: When the tie was settled, whom its seats went to.
        grounds: Why, as the office recorded it.
    """

    method: Method
    basis: Basis
    house: int
    shares: tuple[Share, ...] = attrs.field(converter=as_tuple)
    tie: Tie | None = None
    chosen: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    grounds: str | None = None

    @property
    def seats(self) -> dict[str, int]:
        """Each claimant's seats, a settled tie's included."""
        return {s.claimant_id: s.seats + self.chosen.count(s.claimant_id) for s in self.shares}

    @property
    def open_seats(self) -> int:
        """The seats a tie leaves open until it is settled."""
        return self.tie.seats if self.tie is not None and not self.chosen else 0

    def seats_of(self, claimant_id: str) -> int:
        """One claimant's seats; :class:`KeyError` for an unknown id."""
        return self.seats[claimant_id]

    def settle(self, chosen: Sequence[str], *, grounds: str) -> Apportionment:
        """The result with the tie's seats given to ``chosen``, as the office decided.

        Raises:
            ApportionmentError: no tie to settle, or ``chosen`` is not exactly as many of the
                tied claimants as the tie has seats.
        """
        c = Checks("settlement")
        if not c.that(self.open_seats > 0, "chosen", "no_tie", "there is no open tie to settle"):
            raise ApportionmentError(c.problems, subject="settlement")
        assert self.tie is not None
        c.that(
            len(chosen) == self.tie.seats and len(set(chosen)) == len(chosen),
            "chosen",
            "wrong_count",
            f"choose {self.tie.seats} different claimant(s), got {list(chosen)}",
        )
        for i, who in enumerate(chosen):
            c.that(
                who in self.tie.claimant_ids,
                f"chosen[{i}]",
                "not_tied",
                f"{who!r} is not among the tied {list(self.tie.claimant_ids)}",
            )
        c.text("grounds", grounds)
        if c.problems:
            raise ApportionmentError(c.problems, subject="settlement")
        return attrs.evolve(self, chosen=tuple(chosen), grounds=grounds)


def _problems(house: int, claimants: Sequence[Claimant], method: Method) -> list[Problem]:
    c = Checks("apportionment")
    c.integer("house", house, minimum=0)
    c.that(bool(claimants), "claimants", "empty", "name at least one claimant")
    c.unique("claimants", claimants, lambda k: k.id, "claimant id")
    if c.problems:
        return c.problems
    low = sum(k.minimum for k in claimants)
    c.that(low <= house, "house", "below_minimums", f"the minimums add up to {low}, over {house}")
    weightless = all(k.exact_weight == 0 for k in claimants)
    if method is Method.LARGEST_REMAINDER:
        if not c.that(
            not weightless or low == house,
            "claimants",
            "no_weight",
            "every weight is 0: there is nothing to apportion by",
        ):
            return c.problems
        reachable = [k.minimum if k.exact_weight == 0 else k.maximum for k in claimants]
    else:
        reachable = [k.maximum for k in claimants]
    if all(r is not None for r in reachable):
        high = sum(r for r in reachable if r is not None)
        c.that(
            high >= house,
            "house",
            "over_maximums",
            f"the claimants can take at most {high} seats, fewer than {house}",
        )
    if method is Method.HUNTINGTON_HILL:
        firsts = sum(
            1 for k in claimants if k.exact_weight > 0 and k.minimum == 0 and k.maximum != 0
        )
        c.that(
            firsts <= house - low,
            "house",
            "house_too_small",
            f"Huntington-Hill gives each of the {firsts} claimants with a weight and no seat "
            f"a first seat before any second one; {house - low} seats cannot",
        )
    return c.problems


def apportion(
    house: int,
    claimants: Sequence[Claimant] | Mapping[str, int | Decimal | Fraction],
    method: Method | str = Method.LARGEST_REMAINDER,
    *,
    basis: Basis | str = Basis.WEIGHT,
) -> Apportionment:
    """Apportion ``house`` seats among ``claimants`` by ``method``.

    Args:
        house: How many seats.
        claimants: :class:`Claimant`\\ s, or a mapping of ids to weights (no bounds).
        method: A :class:`Method` (or its value).
        basis: What the weights count (:class:`Basis`, or its value), for the record.

    Raises:
        ApportionmentError: every problem (duplicate ids, minimums over the house, maximums
            under it, no weight, a house too small for Huntington-Hill), each with its path.
    """
    found = (
        [Claimant(k, v) for k, v in claimants.items()]
        if isinstance(claimants, Mapping)
        else list(claimants)
    )
    how, counted = _member(Method, method, "method"), _member(Basis, basis, "basis")
    problems = _problems(house, found, how)
    if problems:
        raise ApportionmentError(problems, subject="apportionment")
    weights = [k.exact_weight for k in found]
    lows = [k.minimum for k in found]
    highs = [k.maximum for k in found]
    if how is Method.LARGEST_REMAINDER:
        seats, claim, tied = largest_remainder(house, weights, lows, highs)
    else:
        seats, claim, tied = highest_averages(how.value, house, weights, lows, highs)
    total = sum(weights)
    shares = tuple(
        Share(k.id, house * w / total if total else Fraction(0), s)
        for k, w, s in zip(found, weights, seats, strict=True)
    )
    tie = None
    if claim is not None:
        tie = Tie(sorted(found[i].id for i in tied), house - sum(seats), claim)
    return Apportionment(how, counted, house, shares, tie)


def _member(kind: type[_E], value: str, name: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in kind)
        raise ApportionmentError(
            [Problem(name, "unknown_value", f"must be one of {allowed}, got {value!r}")],
            subject="apportionment",
        ) from None
