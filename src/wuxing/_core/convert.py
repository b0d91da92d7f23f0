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
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Final, TypeVar, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from wuxing.errors import Problem, ValidationError, join_path

__all__ = ["dump", "load", "make_converter", "problems_of"]

T = TypeVar("T")


class _BadValue(ValueError):
    """A structuring hook's refusal, with a stable code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _structure_str(value: object, cl: type) -> Any:
    if issubclass(cl, Enum):
        return _structure_enum(value, cl)
    if not isinstance(value, str):
        raise _BadValue("wrong_type", f"must be a string, got {_describe(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _BadValue("wrong_type", f"must be an integer, got {_describe(value)}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _BadValue("wrong_type", f"must be true or false, got {_describe(value)}")
    return value


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int) and not isinstance(value, bool):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise _BadValue("bad_decimal", f"{value!r} is not a decimal number") from None
    else:
        raise _BadValue(
            "wrong_type",
            f'must be a decimal number written as a string (e.g. "98.9"), got {_describe(value)}',
        )
    if not result.is_finite():
        raise _BadValue("not_finite", f"must be a finite number, got {value!r}")
    return result


def _structure_datetime(value: object, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise _BadValue(
                "bad_datetime", f"{value!r} is not an ISO 8601 date and time"
            ) from None
    else:
        raise _BadValue("wrong_type", f"must be an ISO 8601 string, got {_describe(value)}")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise _BadValue(
            "naive_datetime",
            f"{value!s} has no UTC offset; write it with one, e.g. 2022-12-31T17:00:00+08:00",
        )
    return pendulum.instance(parsed)


def _unstructure_datetime(value: dt.datetime) -> str:
    return value.isoformat()


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _BadValue("bad_date", f"must be an ISO 8601 date (YYYY-MM-DD), got {_describe(value)}")


def _structure_enum(value: object, kind: type[Enum]) -> Enum:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in kind)
        raise _BadValue(
            "unknown_value", f"must be one of {allowed}, got {_describe(value)}"
        ) from None


def _unstructure_enum(member: Enum) -> Any:
    return member.value


def _field_of(path: str) -> str:
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def _attrs_structurer(conv: cattrs.Converter, cl: type[Any]) -> Callable[[object, type], Any]:
    """Structure an attrs class, reporting every problem of the value.

    Each field is structured on its own; the value is then built even when some fields
    failed (their raw data stands in), so that the class's own validation still reports the
    problems of the other fields. Problems at fields that already failed are not repeated.
    """
    attrs.resolve_types(cl)
    fields = attrs.fields(cl)
    names = {f.name for f in fields}
    plan: list[tuple[attrs.Attribute[Any], Callable[[Any, Any], Any], bool]] = []

    def fields_plan() -> list[tuple[attrs.Attribute[Any], Callable[[Any, Any], Any], bool]]:
        # Hooks are looked up on first use, so that recursive classes resolve lazily.
        if not plan:
            plan.extend(
                (f, conv.get_structure_hook(f.type), f.default is attrs.NOTHING) for f in fields
            )
        return plan

    def note(f: attrs.Attribute[Any]) -> AttributeValidationNote:
        return AttributeValidationNote(
            f"Structuring class {cl.__name__} @ attribute {f.name}", f.name, f.type
        )

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            raise _BadValue(
                "wrong_type", f"must be an object ({cl.__name__}), got {_describe(value)}"
            )
        errors: list[Exception] = []
        failed: set[str] = set()
        kwargs: dict[str, Any] = {}
        if len(value) > len(names) or not names.issuperset(value):
            errors.append(ForbiddenExtraKeysError("", cl, set(value) - names))
        for f, hook, required in fields_plan():
            name = f.name
            if name not in value:
                if required:
                    missing = KeyError(name)
                    missing.add_note(note(f))
                    errors.append(missing)
                    failed.add(name)
                    kwargs[name] = None
                continue
            try:
                kwargs[name] = hook(value[name], f.type)
            except Exception as exc:
                exc.add_note(note(f))
                errors.append(exc)
                failed.add(name)
                kwargs[name] = value[name]
        try:
            built = cl(**kwargs)
        except ValidationError as exc:
            rest = [p for p in exc.problems if _field_of(p.path) not in failed]
            if rest:
                errors.append(ValidationError(rest, subject=cl.__name__))
        except Exception as exc:
            if not errors:
                errors.append(exc)
        if errors:
            raise cattrs.ClassValidationError(f"While structuring {cl.__name__}", errors, cl)
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
    * :class:`~decimal.Decimal` is written as a string (``"98.9"``); read from a string, an
      integer, or a ``Decimal`` (TOML floats are read as decimals); floats, NaN and infinities
      are refused.
    * datetimes are ISO 8601 with their UTC offset; a datetime without one is refused.
    * dates are ISO 8601 (``YYYY-MM-DD``); enums are written by value.
    * tuples are JSON arrays; frozensets are arrays sorted by value, so output is stable.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    # Registered by class, so that they take precedence over cattrs' own; the str hook also
    # receives str-valued enums (their MRO puts str before Enum) and passes them on.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_structure_hook(pendulum.DateTime, _structure_datetime)
    conv.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    conv.register_unstructure_hook(pendulum.DateTime, _unstructure_datetime)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(pendulum.Date, dt.date.isoformat)
    conv.register_structure_hook(Enum, _structure_enum)
    conv.register_unstructure_hook(Enum, _unstructure_enum)

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

        def structure(value: object, _: type) -> Any:
            if not isinstance(value, list | tuple | set | frozenset):
                raise _BadValue("wrong_type", f"must be an array, got {_describe(value)}")
            results: list[Any] = []
            errors: list[Exception] = []
            for i, item in enumerate(value):
                try:
                    element = conv.structure(item, inner)
                except Exception as exc:
                    exc.add_note(IterableValidationNote(f"Structuring {t} @ index {i}", i, inner))
                    errors.append(exc)
                    continue
                if as_set and element in results:
                    dup = _BadValue("duplicate", f"{_describe(item)} appears twice in a set")
                    dup.add_note(IterableValidationNote(f"Structuring {t} @ index {i}", i, inner))
                    errors.append(dup)
                results.append(element)
            if errors:
                raise IterableValidationError(f"While structuring {t}", errors, t)
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
    if isinstance(exc, ValidationError):
        for p in exc.problems:
            yield p.at(path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Problem(
                join_path(path, key), "unknown_field", "is not a field of " + exc.cl.__name__
            )
    elif isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            notes = getattr(sub, "__notes__", [])
            step = next((_path_of(n) for n in notes if _path_of(n)), "")
            yield from _walk(sub, join_path(path, step))
    elif isinstance(exc, _BadValue):
        yield Problem(path, exc.code, str(exc))
    elif isinstance(exc, KeyError):
        yield Problem(path, "missing_field", "is required")
    else:
        yield Problem(path, "invalid", f"{type(exc).__name__}: {exc}")


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
        ValidationError: listing every problem, each with the path of its field.

    >>> from wuxing import Unit
    >>> load({"id": "gaoxing", "name": "高兴镇", "kind": "city", "division_code": 360732}, Unit)
    Traceback (most recent call last):
    ...
    wuxing.errors.ValidationError: Unit has 2 problems:
      kind: must be one of 'township', ..., got 'city' [unknown_value]
      division_code: must be a string, got 360732 [wrong_type]
    """
    try:
        return _CONVERTER.structure(data, cls)
    except (ValidationError, cattrs.BaseValidationError, _BadValue) as exc:
        raise ValidationError(problems_of(exc), subject=subject or cls.__name__) from None
