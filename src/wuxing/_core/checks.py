"""Collecting validation problems, so that a value reports all of them at once.

:class:`Checks` keeps the first :data:`~wuxing.errors.PROBLEM_LIMIT` problems of a value and
counts the rest, so that checking a value with a million bad elements costs bounded memory.
Each check also holds the value to its bound (:mod:`wuxing._core.bounds`): decimals to a range
and a number of places, integers to a range, text to a length and to the characters
:mod:`wuxing._core.text` allows, dates and times to :data:`~wuxing._core.bounds.EARLIEST` ..
:data:`~wuxing._core.bounds.LATEST`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Container, Iterable, Iterator
from decimal import Decimal
from enum import Enum
from typing import Any, Final, TypeVar

from wuxing._core.bounds import (
    ANY_DECIMAL,
    ANY_INT,
    EARLIEST,
    LATEST,
    LONG_TEXT,
    SHORT_TEXT,
    DecimalRange,
    IntRange,
)
from wuxing._core.scalars import allowed_values
from wuxing._core.text import REFUSED, a_kind, describe, has_visible, refused_character
from wuxing.errors import PROBLEM_LIMIT, Problem, ValidationError

_IDENT: Final = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}\Z")
_MINUTE: Final = dt.timedelta(minutes=1)
_T = TypeVar("_T")


def is_ident(value: object) -> bool:
    """Whether :meth:`Checks.ident` would accept ``value`` without a word."""
    return type(value) is str and _IDENT.match(value) is not None


def plain(value: object, max_length: int) -> bool:
    """Whether :meth:`Checks.free_text` would accept ``value`` without a word: a string of at
    most ``max_length`` characters with no refused character (for constructors' fast
    paths, which fall through to the full checks on ``False``)."""
    return type(value) is str and len(value) <= max_length and not REFUSED.search(value)


class Checks:
    """Accumulates problems about one value; :meth:`done` raises them together.

    Only the first :data:`~wuxing.errors.PROBLEM_LIMIT` problems are kept; the others are
    counted in :attr:`more`.
    """

    def __init__(self, subject: str) -> None:
        self.subject = subject
        self.problems: list[Problem] = []
        self.more = 0

    def add(self, path: str, code: str, message: str) -> None:
        """Record one problem."""
        if len(self.problems) < PROBLEM_LIMIT:
            self.problems.append(Problem(path, code, message))
        else:
            self.more += 1

    def extend(self, problems: Iterable[Problem], more: int = 0) -> None:
        """Record problems found elsewhere (and ``more`` counted but not kept)."""
        for p in problems:
            if len(self.problems) < PROBLEM_LIMIT:
                self.problems.append(p)
            else:
                self.more += 1
        self.more += more

    def that(self, ok: bool, path: str, code: str, message: str) -> bool:
        """Record a problem unless ``ok``; return ``ok``."""
        if not ok:
            self.add(path, code, message)
        return ok

    def of_type(
        self, path: str, value: object, kind: type | tuple[type, ...], *, hidden: bool = False
    ) -> bool:
        """Check ``isinstance(value, kind)`` (a bool is never an int here); with ``hidden``,
        the message names the value's type only, never the value."""
        kinds = kind if isinstance(kind, tuple) else (kind,)
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if not ok:
            names = " or ".join(k.__name__ for k in kinds)
            got = a_kind(value) if hidden else describe(value)
            self.add(path, "wrong_type", f"must be {names}, got {got}")
        return ok

    def _characters(self, path: str, value: str, max_length: int) -> bool:
        if len(value) > max_length:
            self.add(
                path, "too_long", f"must be at most {max_length:,} characters, got {len(value):,}"
            )
            return False
        bad = refused_character(value)
        if bad is not None:
            self.add(path, "bad_character", f"must not contain {bad}")
            return False
        return True

    def text(
        self, path: str, value: object, *, optional: bool = False, max_length: int = SHORT_TEXT
    ) -> bool:
        """Check a name or title: a string of at most ``max_length`` characters, with no
        refused character, that shows something (or ``None`` when ``optional``)."""
        if value is None and optional:
            return True
        if not self.of_type(path, value, str):
            return False
        assert isinstance(value, str)
        if not self._characters(path, value, max_length):
            return False
        if not value.strip():
            self.add(path, "blank", "must not be blank")
            return False
        return self.that(
            has_visible(value), path, "blank", "must show at least one visible character"
        )

    def free_text(
        self, path: str, value: object, *, optional: bool = False, max_length: int = LONG_TEXT
    ) -> bool:
        """Check free text (descriptions, notes): a string, possibly empty, of at most
        ``max_length`` characters with no refused character (or ``None`` when ``optional``)."""
        if value is None and optional:
            return True
        if not self.of_type(path, value, str):
            return False
        assert isinstance(value, str)
        return self._characters(path, value, max_length)

    def ident(self, path: str, value: object) -> bool:
        """Check an identifier: letters, digits and ``_ . : -``, at most 64 characters."""
        if type(value) is str and _IDENT.match(value):
            return True
        if not self.of_type(path, value, str):
            return False
        self.add(
            path,
            "bad_identifier",
            f"{describe(value)} is not an identifier (ASCII letters, digits, '_', '.', ':', "
            "'-'; at most 64 characters, not starting with punctuation)",
        )
        return False

    def enum(self, path: str, value: object, kind: type[Enum]) -> bool:
        """Check a member of ``kind``."""
        if isinstance(value, kind):
            return True
        self.add(
            path, "unknown_value", f"must be one of {allowed_values(kind)}, got {describe(value)}"
        )
        return False

    def decimal(
        self,
        path: str,
        value: object,
        bound: DecimalRange | None = None,
        *,
        minimum: Decimal | None = None,
        maximum: Decimal | None = None,
        positive: bool = False,
        places: int | None = None,
    ) -> bool:
        """Check a finite :class:`~decimal.Decimal` within ``bound`` (or within the given
        ``minimum``, ``maximum`` and ``places``, each defaulting to
        :data:`~wuxing._core.bounds.ANY_DECIMAL`'s); ``positive``: greater than 0."""
        if not isinstance(value, Decimal):
            self.add(path, "wrong_type", f"must be a Decimal, got {describe(value)}")
            return False
        if bound is None:
            bound = DecimalRange(
                ANY_DECIMAL.minimum if minimum is None else minimum,
                ANY_DECIMAL.maximum if maximum is None else maximum,
                ANY_DECIMAL.places if places is None else places,
            )
        found = bound.problem(value)
        if found is not None:
            self.add(path, *found)
            return False
        if positive and value <= 0:
            self.add(path, "not_positive", f"must be greater than 0, got {value}")
            return False
        return True

    def integer(
        self,
        path: str,
        value: object,
        bound: IntRange | None = None,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> bool:
        """Check an ``int`` (not a bool) within ``bound`` (or the given ``minimum`` and
        ``maximum``, each defaulting to :data:`~wuxing._core.bounds.ANY_INT`'s)."""
        if not self.of_type(path, value, int):
            return False
        assert isinstance(value, int)
        if bound is None:
            bound = IntRange(
                ANY_INT.minimum if minimum is None else minimum,
                ANY_INT.maximum if maximum is None else maximum,
            )
        found = bound.problem(value)
        if found is not None:
            self.add(path, *found)
            return False
        return True

    def aware(self, path: str, value: object) -> bool:
        """Check an aware :class:`~datetime.datetime` (naive ones are refused) whose UTC
        offset is whole minutes and whose day lies between ``EARLIEST`` and ``LATEST``."""
        if not isinstance(value, dt.datetime):
            self.add(path, "wrong_type", f"must be a datetime, got {describe(value)}")
            return False
        offset = value.utcoffset() if value.tzinfo is not None else None
        if offset is None:
            self.add(
                path,
                "naive_datetime",
                f"must carry a time zone or UTC offset, got naive {value.isoformat()}",
            )
            return False
        if offset % _MINUTE:
            self.add(path, "bad_offset", f"the UTC offset {offset} is not whole minutes")
            return False
        return self._in_range(path, value.date())

    def date(self, path: str, value: object) -> bool:
        """Check a :class:`~datetime.date` that is not a datetime, between ``EARLIEST`` and
        ``LATEST``."""
        ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        if not self.that(ok, path, "wrong_type", f"must be a date, got {describe(value)}"):
            return False
        assert isinstance(value, dt.date)
        return self._in_range(path, value)

    def _in_range(self, path: str, day: dt.date) -> bool:
        return self.that(
            EARLIEST <= day <= LATEST,
            path,
            "out_of_range",
            f"must lie between {EARLIEST} and {LATEST}, got {day}",
        )

    def items(
        self,
        path: str,
        values: Iterable[_T],
        kind: type,
        *,
        max_items: int | None = None,
    ) -> bool:
        """Check every element of a collection is a ``kind`` (and, with ``max_items``, that
        there are at most that many); anything but a tuple, list or set is refused."""
        if (
            type(values) is tuple
            and (max_items is None or len(values) <= max_items)
            and all(type(v) is kind for v in values)
        ):
            return True  # the common case, at the cost of one type test per element
        if isinstance(values, Invalid):  # already reported where it was read
            return False
        if not isinstance(values, tuple | list | set | frozenset):
            self.add(path, "wrong_type", f"must be a list, got {describe(values)}")
            return False
        ok = True
        for i, v in enumerate(values):
            if max_items is not None and i == max_items:
                self.add(path, "too_many", f"must have at most {max_items:,} elements")
                return False
            ok = self.of_type(f"{path}[{i}]", v, kind) and ok
        return ok

    def unique(self, path: str, values: Iterable[_T], key: Callable[[_T], Any], what: str) -> None:
        """Record a problem for each element whose ``key`` repeats an earlier one."""
        seen: dict[Any, int] = {}
        for i, v in enumerate(values):
            k = key(v)
            if k in seen:
                self.add(
                    f"{path}[{i}]",
                    "duplicate",
                    f"{what} {describe(k)} already appears at {path}[{seen[k]}]",
                )
            else:
                seen[k] = i

    def done(self) -> None:
        """Raise a :class:`~wuxing.errors.ValidationError` with every recorded problem."""
        if self.problems:
            raise ValidationError(self.problems, subject=self.subject, more=self.more)


class Invalid:
    """Stands in for a field whose value could not be read, so that the value's own checks
    still run for its other fields: it is of no field's type (so type checks skip what
    depends on it), iterates as empty, and describes itself in a word."""

    __slots__ = ()

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "<unreadable>"


INVALID: Final = Invalid()
"""The one :class:`Invalid`."""


def as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: any iterable (not a string) becomes a tuple; anything else is left
    for the type check to refuse."""
    if isinstance(value, str | bytes | Invalid):
        return value  # type: ignore[return-value]
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


def as_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    """attrs converter: any iterable (not a string) becomes a frozenset; anything else is left
    for the type check to refuse."""
    if isinstance(value, str | bytes | Invalid):
        return value  # type: ignore[return-value]
    try:
        return frozenset(value)
    except TypeError:  # not iterable, or unhashable elements
        return value  # type: ignore[return-value]


def as_decimal(value: object) -> object:
    """attrs converter: an ``int`` becomes an exact :class:`~decimal.Decimal`.

    Floats and strings are left as they are, so that the validation refuses them: a float is
    not exact and a string is for the interchange layer to parse.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def unknown_references(
    path: str,
    items: Iterable[object],
    field: str,
    known: Container[object],
    code: str,
    what: str,
) -> list[Problem]:
    """A problem for each item whose ``field`` names nothing in ``known``.

    >>> class Row:
    ...     unit_id = "nowhere"
    >>> unknown_references("people", [Row()], "unit_id", {"gaoxing"}, "unknown_unit", "unit")
    [Problem(path='people[0].unit_id', code='unknown_unit', message="no unit 'nowhere'")]
    """
    return [
        Problem(f"{path}[{i}].{field}", code, f"no {what} {describe(getattr(item, field))}")
        for i, item in enumerate(items)
        if getattr(item, field) not in known
    ]
