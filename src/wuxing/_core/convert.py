"""The converter: attrs values to and from JSON-compatible data, every problem with its path.

It knows no document kind: it structures and unstructures any attrs class of the model by its
fields and their types. The document layer (:mod:`wuxing.interchange`) wraps its data in an
envelope and keeps the registry of kinds; every layer below it that needs plain data (rulesets
from TOML, a round's log payloads) uses this module directly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from enum import Enum
from typing import Any, Final, TypeVar, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from wuxing._core.checks import INVALID, Checks
from wuxing._core.scalars import (
    MAX_DIGITS,
    MAX_STRING,
    BadValue,
    LongNumber,
    structure_bool,
    structure_date,
    structure_datetime,
    structure_decimal,
    structure_enum,
    structure_int,
    structure_str,
    unstructure_datetime,
    unstructure_decimal,
    unstructure_enum,
    wrong_type,
)
from wuxing._core.text import describe
from wuxing.errors import PROBLEM_LIMIT, Problem, ValidationError, join_path

__all__ = [
    "MAX_DIGITS",
    "MAX_STRING",
    "SENSITIVE",
    "LongNumber",
    "dump",
    "load",
    "make_converter",
    "problems_of",
]

T = TypeVar("T")

SENSITIVE: Final = "wuxing.sensitive"
"""Field metadata key: a field whose value no message may show (a resident ID number)."""


_PLAIN_KEY: Final = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]{0,63}\Z")


class _Problems(Exception):
    """The problems of one value, already with their paths: at most the limit, and a count of
    those not kept."""

    def __init__(self, problems: list[Problem], more: int) -> None:
        super().__init__(f"{len(problems) + more} problems")
        self.problems = problems
        self.more = more


def _field_of(path: str) -> str:
    dot, bracket = path.find("."), path.find("[")
    ends = [i for i in (dot, bracket) if i >= 0]
    return path[: min(ends)] if ends else path


def _key_path(key: object) -> str:
    """A path step for a key of a JSON object: the key itself when it is plain, else quoted
    and escaped, so that a key holding control characters never reaches a terminal raw."""
    if isinstance(key, str) and _PLAIN_KEY.match(key):
        return key
    return f"[{describe(key)}]"


def _record(sink: Checks, exc: BaseException, path: str, hidden: bool = False) -> None:
    """Add the problems ``exc`` carries to ``sink``, their paths under ``path``."""
    if isinstance(exc, _Problems):
        taken = exc.problems[: max(0, PROBLEM_LIMIT - len(sink.problems))]
        sink.problems.extend(p.at(path) for p in taken)
        sink.more += len(exc.problems) - len(taken) + exc.more
    elif isinstance(exc, BadValue):
        sink.add(path, exc.code, exc.hidden if hidden else str(exc))
    elif isinstance(exc, ValidationError):
        sink.extend((p.at(path) for p in exc.problems), exc.more)
    elif isinstance(exc, RecursionError):
        sink.add(path, "too_deep", "is nested too deeply")
    else:
        sink.extend(_walk(exc, path))


def _attrs_structurer(conv: cattrs.Converter, cl: type[Any]) -> Callable[[object, type], Any]:
    """Structure an attrs class, reporting every problem of the value.

    Each field is structured on its own; the value is then built even when some fields
    failed (:data:`~wuxing._core.checks.INVALID` stands in for them), so that the class's own
    validation still reports the problems of the other fields. Problems at fields that already
    failed are not repeated.
    """
    attrs.resolve_types(cl)
    fields = attrs.fields(cl)
    names = {f.name for f in fields}
    plan: list[tuple[str, Any, Callable[[Any, Any], Any], bool, bool]] = []

    def fields_plan() -> list[tuple[str, Any, Callable[[Any, Any], Any], bool, bool]]:
        # Hooks are looked up on first use, so that recursive classes resolve lazily.
        if not plan:
            plan.extend(
                (
                    f.name,
                    f.type,
                    conv.get_structure_hook(f.type),
                    f.default is attrs.NOTHING,
                    bool(f.metadata.get(SENSITIVE)),
                )
                for f in fields
            )
        return plan

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            raise wrong_type(f"must be an object ({cl.__name__})", value)
        sink: Checks | None = None
        failed: set[str] = set()
        kwargs: dict[str, Any] = {}
        if len(value) > len(names) or not names.issuperset(value):
            sink = Checks(cl.__name__)
            for key in sorted((k for k in value if k not in names), key=str):
                sink.add(_key_path(key), "unknown_field", f"is not a field of {cl.__name__}")
        for name, ftype, hook, required, hidden in fields_plan():
            if name not in value:
                if required:
                    sink = sink or Checks(cl.__name__)
                    sink.add(name, "missing_field", "is required")
                    failed.add(name)
                    kwargs[name] = INVALID
                continue
            raw = value[name]
            try:
                kwargs[name] = hook(raw, ftype)
            except Exception as exc:
                sink = sink or Checks(cl.__name__)
                _record(sink, exc, name, hidden)
                failed.add(name)
                kwargs[name] = INVALID
        try:
            built = cl(**kwargs)
        except ValidationError as exc:
            rest = [p for p in exc.problems if _field_of(p.path) not in failed]
            if rest:
                sink = sink or Checks(cl.__name__)
                sink.extend(rest, exc.more if not failed else 0)
        except Exception as exc:
            if sink is None:  # nothing explains it: report it rather than crash
                sink = Checks(cl.__name__)
                sink.add("", "invalid", f"{type(exc).__name__}: {describe(str(exc))}")
        if sink is not None and sink.problems:
            raise _Problems(sink.problems, sink.more)
        return built

    return structure


def _sort_key(value: object) -> tuple[str, str]:
    if isinstance(value, Enum):
        return ("", str(value.value))
    return ("", str(value))


def _is_frozenset(t: Any) -> bool:
    return get_origin(t) is frozenset or t is frozenset


def _is_tuple(t: Any) -> bool:
    return get_origin(t) is tuple or t is tuple


def make_converter() -> cattrs.Converter:
    """Make the converter behind :mod:`wuxing.io`.

    Its rules:

    * attrs classes are JSON objects; unknown fields are refused, missing required ones too;
      constructing each value runs its own validation.
    * ``str``, ``int`` and ``bool`` fields take exactly that JSON type: no ``"3"`` for ``3``,
      no ``1`` for ``true``.
    * strings hold no control character (but tab and newline), no lone surrogate and no
      bidirectional control, and at most :data:`MAX_STRING` characters.
    * integers have at most :data:`MAX_DIGITS` digits (a longer one arrives as a
      :class:`LongNumber` and is refused without being converted).
    * :class:`~decimal.Decimal` is written as a plain string of ASCII digits (``"98.9"``,
      never ``"1e3"``, ``"１２"`` or ``"1_0"``); read from such a string, an integer, or a
      ``Decimal`` (TOML floats are read as decimals); floats, NaN and infinities are refused.
    * datetimes are ISO 8601 with their UTC offset in whole minutes
      (``2022-12-31T17:00:00+08:00``); a datetime without one is refused; dates are
      ``YYYY-MM-DD``; both lie between 1900-01-01 and 2999-12-31. Enums are written by value.
    * tuples are JSON arrays; frozensets are arrays sorted by value, so output is stable; an
      element repeated in a frozenset is refused (it would be lost).
    * the problems of a value are collected up to :data:`~wuxing.errors.PROBLEM_LIMIT` and
      counted beyond it; a field marked :data:`SENSITIVE` never has its value in a message.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    # Registered by class, so that they take precedence over cattrs' own; the str hook also
    # receives str-valued enums (their MRO puts str before Enum) and passes them on.
    conv.register_structure_hook(str, structure_str)
    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(bool, structure_bool)
    conv.register_structure_hook(Decimal, structure_decimal)
    conv.register_unstructure_hook(Decimal, unstructure_decimal)
    conv.register_structure_hook(dt.datetime, structure_datetime)
    conv.register_structure_hook(pendulum.DateTime, structure_datetime)
    conv.register_unstructure_hook(dt.datetime, unstructure_datetime)
    conv.register_unstructure_hook(pendulum.DateTime, unstructure_datetime)
    conv.register_structure_hook(dt.date, structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(pendulum.Date, dt.date.isoformat)
    conv.register_structure_hook(Enum, structure_enum)
    conv.register_unstructure_hook(Enum, unstructure_enum)

    def plain(value: Any, t: Any) -> Any:
        # cattrs passes str-valued enums through as members; files want their values.
        if isinstance(value, Enum):
            return value.value
        return conv.unstructure(value, t)

    def unstructure_attrs(t: type[Any]) -> Callable[[Any], dict[str, Any]]:
        attrs.resolve_types(t)
        fields = [(f.name, f.type) for f in attrs.fields(t)]

        def unstructure(value: Any) -> dict[str, Any]:
            return {name: plain(getattr(value, name), ft) for name, ft in fields}

        return unstructure

    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and attrs.has(t), unstructure_attrs
    )

    def unstructure_frozenset(t: Any) -> Callable[[frozenset[Any]], list[Any]]:
        args = get_args(t)
        inner = args[0] if args else Any

        def unstructure(value: frozenset[Any]) -> list[Any]:
            return [plain(v, inner) for v in sorted(value, key=_sort_key)]

        return unstructure

    def unstructure_tuple(t: Any) -> Callable[[tuple[Any, ...]], list[Any]]:
        args = get_args(t)
        inner = args[0] if args and (len(args) == 2 and args[1] is ...) else Any

        def unstructure(value: tuple[Any, ...]) -> list[Any]:
            return [plain(v, inner) for v in value]

        return unstructure

    conv.register_unstructure_hook_factory(_is_frozenset, unstructure_frozenset)
    conv.register_unstructure_hook_factory(_is_tuple, unstructure_tuple)

    def structure_attrs(t: type[Any]) -> Callable[[object, type], Any]:
        return _attrs_structurer(conv, t)

    def is_attrs(t: Any) -> bool:
        return isinstance(t, type) and attrs.has(t)

    conv.register_structure_hook_factory(is_attrs, structure_attrs)

    def structure_collection(t: Any) -> Callable[[object, type], Any]:
        args = get_args(t)
        inner = args[0] if args else Any
        as_set = _is_frozenset(t)
        if not as_set and args and not (len(args) == 2 and args[1] is ...):
            raise TypeError(f"fixed-length tuples are not supported: {t}")

        hooks: list[Callable[[Any, Any], Any]] = []

        def structure(value: object, _: type) -> Any:
            if not isinstance(value, list | tuple | set | frozenset):
                raise wrong_type("must be an array", value)
            if not hooks:
                hooks.append(conv.get_structure_hook(inner))
            hook = hooks[0]
            results: list[Any] = []
            seen: set[Any] = set()
            sink: Checks | None = None
            for i, item in enumerate(value):
                try:
                    element = hook(item, inner)
                except Exception as exc:
                    sink = sink or Checks(str(t))
                    _record(sink, exc, f"[{i}]")
                    continue
                if as_set:
                    if element in seen:
                        sink = sink or Checks(str(t))
                        sink.add(f"[{i}]", "duplicate", f"{describe(item)} appears twice in a set")
                        continue
                    seen.add(element)
                results.append(element)
            if sink is not None:
                raise _Problems(sink.problems, sink.more)
            return frozenset(results) if as_set else tuple(results)

        return structure

    conv.register_structure_hook_factory(
        lambda t: _is_frozenset(t) or _is_tuple(t), structure_collection
    )
    return conv


_CONVERTER: Final = make_converter()


def _path_of(note: object) -> str:
    if isinstance(note, AttributeValidationNote):
        return note.name
    if isinstance(note, IterableValidationNote):
        return f"[{note.index}]"
    return ""


def _walk(exc: BaseException, path: str) -> Iterator[Problem]:
    if isinstance(exc, _Problems | ValidationError):
        for p in exc.problems:
            yield p.at(path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields, key=str):
            yield Problem(
                join_path(path, _key_path(key)),
                "unknown_field",
                "is not a field of " + exc.cl.__name__,
            )
    elif isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            notes = getattr(sub, "__notes__", [])
            step = next((_path_of(n) for n in notes if _path_of(n)), "")
            yield from _walk(sub, join_path(path, step))
    elif isinstance(exc, BadValue):
        yield Problem(path, exc.code, str(exc))
    elif isinstance(exc, KeyError):
        yield Problem(path, "missing_field", "is required")
    else:
        yield Problem(path, "invalid", f"{type(exc).__name__}: {describe(str(exc))}")


def problems_of(exc: BaseException, path: str = "") -> tuple[Problem, ...]:
    """Every problem an exception from the converter carries, each with its path."""
    return tuple(_walk(exc, path))


def dump(value: object) -> Any:
    """Turn an entity into JSON-compatible data (dicts, lists, strings, numbers, booleans).

    >>> from wuxing import Unit, UnitKind
    >>> dump(Unit("gaoxing", "高兴镇", UnitKind.TOWN, "360732"))
    {'id': 'gaoxing', 'name': '高兴镇', 'kind': 'town', 'division_code': '360732',
     'credit_code': None}
    """
    return _CONVERTER.unstructure(value)


def load(data: object, cls: type[T], *, subject: str | None = None) -> T:
    """Build a ``cls`` from JSON-compatible data, validating everything.

    Raises:
        ValidationError: listing every problem, each with the path of its field (the first
            :data:`~wuxing.errors.PROBLEM_LIMIT`, and how many more).

    >>> from wuxing import Unit
    >>> load({"id": "gaoxing", "name": "高兴镇", "kind": "city", "division_code": 360732}, Unit)
    Traceback (most recent call last):
    ...
    wuxing.errors.ValidationError: Unit has 2 problems:
      kind: must be one of 'township', ..., got 'city' [unknown_value]
      division_code: must be a string, got 360732 [wrong_type]
    """
    name = subject or cls.__name__
    try:
        return _CONVERTER.structure(data, cls)
    except _Problems as exc:
        raise ValidationError(exc.problems, subject=name, more=exc.more) from None
    except ValidationError as exc:
        raise ValidationError(exc.problems, subject=name, more=exc.more) from None
    except (cattrs.BaseValidationError, BadValue) as exc:
        raise ValidationError(problems_of(exc), subject=name) from None
    except RecursionError:
        raise ValidationError(
            [Problem("", "too_deep", "is nested too deeply to read")], subject=name
        ) from None
