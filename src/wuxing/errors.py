"""The exception hierarchy of :mod:`wuxing`.

Every error the library raises on bad input is a :class:`WuxingError`. Each carries a stable
machine-readable ``code`` and, where a field is at fault, the ``path`` of that field
(``applications[3].submitted_at``). Errors that describe bad values also subclass the matching
built-in exception (``ValueError``, ``PermissionError``), so callers can catch either.

Errors about a whole document (a ruleset, a JSON bundle) are :class:`ValidationError`\\ s that
list *every* problem found, each a :class:`Problem`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import ClassVar, Final

import attrs

__all__ = [
    "PROBLEM_LIMIT",
    "AuthorizationError",
    "CalendarError",
    "ConflictOfInterestError",
    "DeadlineError",
    "EligibilityError",
    "Problem",
    "RulesetError",
    "TransitionError",
    "ValidationError",
    "WuxingError",
]


PROBLEM_LIMIT: Final = 1000
"""How many problems a loader keeps; the rest are counted (:attr:`ValidationError.more`)."""


_NO_ARGS: Final[Mapping[str, str]] = MappingProxyType({})
"""The args of a problem that names no value: one read-only empty mapping for all of them."""


def _frozen_args(value: Mapping[str, object] | None) -> Mapping[str, str]:
    if not value:
        return _NO_ARGS
    return MappingProxyType({str(k): str(v) for k, v in value.items()})


@attrs.frozen(repr=False)
class Problem:
    """One problem found in a value or a document: the one shape of what the library tells a
    caller is wrong, for validation, intake and (after the evaluation) the reasons.

    A program reads :attr:`code` (stable) and :attr:`path` or :attr:`ref`; a person reads
    :attr:`message`. :attr:`args` are the values the message was written from, so that a
    caller can write the message again in another language from the catalogue
    (:func:`wuxing.problem_text`).

    Attributes:
        path: Where the problem is, e.g. ``categories[1].quota``; ``""`` for the whole value.
        code: A stable identifier of the kind of problem, e.g. ``"negative"``.
        message: A sentence for a person.
        ref: The record the problem is about (an application id, a ledger item, a
            criterion), when it is about a record rather than a field; else ``None``.
        args: The values the message names, by name (read-only; strings).

    >>> p = Problem("quota", "negative", "must be at least 0, got -1")
    >>> str(p)
    'quota: must be at least 0, got -1 [negative]'
    >>> str(p.at("categories[1]"))
    'categories[1].quota: must be at least 0, got -1 [negative]'
    >>> str(Problem("", "late", "after the deadline", ref="A-7"))
    '(A-7): after the deadline [late]'
    """

    CATALOGUE: ClassVar[str] = "problem"
    """The catalogue's prefix of this kind of problem's texts (``problem.<code>``)."""

    path: str
    code: str
    message: str
    ref: str | None = attrs.field(default=None, kw_only=True)
    args: Mapping[str, str] = attrs.field(
        factory=dict, converter=_frozen_args, kw_only=True, hash=False
    )

    def at(self, prefix: str) -> Problem:
        """Return this problem with ``prefix`` put in front of its path."""
        return attrs.evolve(self, path=join_path(prefix, self.path))

    def __repr__(self) -> str:
        # ref and args are shown only when given, so that a plain problem reads as before.
        shown = [f"{name}={getattr(self, name)!r}" for name in ("path", "code", "message")]
        if self.ref is not None:
            shown.append(f"ref={self.ref!r}")
        if self.args:
            shown.append(f"args={dict(self.args)!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def __str__(self) -> str:
        where = self.path or (f"({self.ref})" if self.ref else "(document)")
        return f"{where}: {self.message} [{self.code}]"


def join_path(prefix: str, path: str) -> str:
    """Join two field paths: ``join_path("a[1]", "b") == "a[1].b"``."""
    if not prefix:
        return path
    if not path:
        return prefix
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"


class WuxingError(Exception):
    """The root of every error :mod:`wuxing` raises on bad input or a refused action.

    Attributes:
        code: A stable identifier of the kind of error.
        path: The path of the offending field, or ``""``.
    """

    code: str = "wuxing_error"

    def __init__(self, message: str, *, code: str | None = None, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(WuxingError, ValueError):
    """A value or a document is invalid; :attr:`problems` lists every problem found.

    The message lists one problem a line. ``code`` is the code of the first problem, so that
    a single-problem error can be matched directly.

    A document with very many problems is not listed whole: the loaders keep the first
    :data:`PROBLEM_LIMIT` problems and count the rest in :attr:`more` (the message ends "and
    631,000 more problems"), so that a broken document of any size is refused in bounded
    memory.

    Attributes:
        problems: The problems, in document order (at most :data:`PROBLEM_LIMIT` when they
            come from a loader).
        more: How many further problems were found and not kept.
        subject: What was checked, e.g. ``"bundle"`` or ``"Unit"``.
    """

    code = "invalid"

    def __init__(
        self, problems: Iterable[Problem], *, subject: str = "value", more: int = 0
    ) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("a ValidationError needs at least one problem")
        self.subject = subject
        self.more = more
        first = self.problems[0]
        # The message is written when asked for: a loader may raise and catch many of these.
        Exception.__init__(self, subject, first.code)
        self.code = first.code
        self.path = first.path

    @property
    def message(self) -> str:  # type: ignore[override]
        """Every problem, one a line, after a line that counts them."""
        count = self.count
        head = f"{self.subject} has {count:,} problem{'s' if count > 1 else ''}"
        lines = "\n".join(f"  {p}" for p in self.problems)
        if self.more:
            lines += f"\n  … and {self.more:,} more problem{'s' if self.more > 1 else ''}"
        return f"{head}:\n{lines}"

    @property
    def count(self) -> int:
        """How many problems were found in all: those listed and :attr:`more`."""
        return len(self.problems) + self.more

    def __str__(self) -> str:
        return self.message

    def at(self, prefix: str) -> ValidationError:
        """Return the same error with every path prefixed by ``prefix``."""
        return type(self)(
            [p.at(prefix) for p in self.problems], subject=self.subject, more=self.more
        )


class RulesetError(ValidationError):
    """A ruleset is malformed; every problem is named by its TOML key."""

    code = "ruleset_invalid"


class EligibilityError(WuxingError, ValueError):
    """An applicant may not enter a category (outside its scope, wrong route, …)."""

    code = "ineligible"


class DeadlineError(WuxingError, ValueError):
    """Something arrived after its deadline."""

    code = "late"


class TransitionError(WuxingError, ValueError):
    """An action is not allowed in the current state; nothing was changed."""

    code = "illegal_transition"


class AuthorizationError(WuxingError, PermissionError):
    """The actor's role may not perform this action."""

    code = "not_authorized"


class ConflictOfInterestError(AuthorizationError):
    """The actor belongs to the applicant's unit or made the nomination."""

    code = "conflict_of_interest"


class CalendarError(WuxingError, ValueError):
    """A date is outside what a working-day calendar knows for certain."""

    code = "calendar_unknown_year"
