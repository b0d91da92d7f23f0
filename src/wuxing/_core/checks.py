"""Collecting validation problems, so that a value reports all of them at once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Container, Iterable
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from wuxing.errors import Problem, ValidationError

_IDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_T = TypeVar("_T")


class Checks:
    """Accumulates problems about one value; :meth:`done` raises them together."""

    def __init__(self, subject: str) -> None:
        self.subject = subject
        self.problems: list[Problem] = []

    def add(self, path: str, code: str, message: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(path, code, message))

    def that(self, ok: bool, path: str, code: str, message: str) -> bool:
        """Record a problem unless ``ok``; return ``ok``."""
        if not ok:
            self.add(path, code, message)
        return ok

    def of_type(self, path: str, value: object, kind: type | tuple[type, ...]) -> bool:
        """Check ``isinstance(value, kind)`` (a bool is never an int here)."""
        kinds = kind if isinstance(kind, tuple) else (kind,)
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if not ok:
            names = " or ".join(k.__name__ for k in kinds)
            self.add(path, "wrong_type", f"must be {names}, got {value!r}")
        return ok

    def text(self, path: str, value: object, *, optional: bool = False) -> bool:
        """Check a non-blank string (or ``None`` when ``optional``)."""
        if value is None and optional:
            return True
        if not self.of_type(path, value, str):
            return False
        assert isinstance(value, str)
        return self.that(bool(value.strip()), path, "blank", "must not be blank")

    def ident(self, path: str, value: object) -> bool:
        """Check an identifier: letters, digits and ``_ . : -``, at most 64 characters."""
        if not self.of_type(path, value, str):
            return False
        assert isinstance(value, str)
        return self.that(
            bool(_IDENT.match(value)),
            path,
            "bad_identifier",
            f"{value!r} is not an identifier (letters, digits, '_', '.', ':', '-'; "
            "at most 64 characters, not starting with punctuation)",
        )

    def enum(self, path: str, value: object, kind: type[Enum]) -> bool:
        """Check a member of ``kind``."""
        if isinstance(value, kind):
            return True
        allowed = ", ".join(repr(m.value) for m in kind)
        self.add(path, "unknown_value", f"must be one of {allowed}, got {value!r}")
        return False

    def decimal(
        self,
        path: str,
        value: object,
        *,
        minimum: Decimal | None = None,
        maximum: Decimal | None = None,
        positive: bool = False,
    ) -> bool:
        """Check a finite :class:`~decimal.Decimal` within the given bounds."""
        if not isinstance(value, Decimal):
            self.add(path, "wrong_type", f"must be a Decimal, got {value!r}")
            return False
        if not value.is_finite():
            self.add(path, "not_finite", f"must be a finite number, got {value}")
            return False
        if positive and value <= 0:
            self.add(path, "not_positive", f"must be greater than 0, got {value}")
            return False
        if minimum is not None and value < minimum:
            self.add(path, "too_small", f"must be at least {minimum}, got {value}")
            return False
        if maximum is not None and value > maximum:
            self.add(path, "too_large", f"must be at most {maximum}, got {value}")
            return False
        return True

    def integer(self, path: str, value: object, *, minimum: int | None = None) -> bool:
        """Check an ``int`` (not a bool) of at least ``minimum``."""
        if not self.of_type(path, value, int):
            return False
        assert isinstance(value, int)
        if minimum is not None and value < minimum:
            code = "negative" if minimum == 0 else "too_small"
            self.add(path, code, f"must be at least {minimum}, got {value}")
            return False
        return True

    def aware(self, path: str, value: object) -> bool:
        """Check an aware :class:`~datetime.datetime` (naive ones are refused)."""
        if not isinstance(value, dt.datetime):
            self.add(path, "wrong_type", f"must be a datetime, got {value!r}")
            return False
        return self.that(
            value.tzinfo is not None and value.utcoffset() is not None,
            path,
            "naive_datetime",
            f"must carry a time zone or UTC offset, got naive {value.isoformat()}",
        )

    def date(self, path: str, value: object) -> bool:
        """Check a :class:`~datetime.date` that is not a datetime."""
        ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        return self.that(ok, path, "wrong_type", f"must be a date, got {value!r}")

    def items(
        self,
        path: str,
        values: Iterable[_T],
        kind: type,
    ) -> bool:
        """Check every element of a collection is a ``kind``."""
        ok = True
        for i, v in enumerate(values):
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
                    f"{what} {k!r} already appears at {path}[{seen[k]}]",
                )
            else:
                seen[k] = i

    def done(self) -> None:
        """Raise a :class:`~wuxing.errors.ValidationError` with every recorded problem."""
        if self.problems:
            raise ValidationError(self.problems, subject=self.subject)


def as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: any iterable (not a string) becomes a tuple."""
    if isinstance(value, str | bytes):
        return value  # type: ignore[return-value]  # left for the type check to refuse
    return tuple(value)


def as_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    """attrs converter: any iterable (not a string) becomes a frozenset."""
    if isinstance(value, str | bytes):
        return value  # type: ignore[return-value]  # left for the type check to refuse
    return frozenset(value)


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
        Problem(f"{path}[{i}].{field}", code, f"no {what} {getattr(item, field)!r}")
        for i, item in enumerate(items)
        if getattr(item, field) not in known
    ]
