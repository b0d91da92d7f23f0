"""The shapes of the model's classes as the fast path reads them: which classes the decoder
builds while it reads (by the keys of their objects), which of them hold only scalars (their
equal values can be one), and how deep their JSON can nest. Worked out once per set of root
classes, from the classes' attrs fields."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, get_args, get_origin

import attrs

__all__ = ["is_attrs", "is_collection", "leaf", "shapes", "static_depth"]


def is_collection(t: Any) -> bool:
    """Whether ``t`` is a tuple or frozenset type (bare or parametrised)."""
    origin = get_origin(t) or t
    return origin is tuple or origin is frozenset


def is_attrs(t: Any) -> bool:
    """Whether ``t`` is an attrs class."""
    return isinstance(t, type) and attrs.has(t)


def _members(t: Any) -> Iterator[Any]:
    if is_attrs(t):
        attrs.resolve_types(t)
        for f in attrs.fields(t):
            yield f.type
    else:
        yield from (a for a in get_args(t) if a is not ... and a is not type(None))


@cache
def static_depth(cls: Any) -> int | None:
    """How deeply the JSON of a ``cls`` can nest (an object is one level, an array another),
    or ``None`` when it has no bound (a class that contains itself)."""

    def depth(t: Any, seen: frozenset[Any]) -> int | None:
        if t in seen:
            return None
        inner = [depth(m, seen | {t}) for m in _members(t)]
        if any(d is None for d in inner):
            return None
        here = 1 if is_attrs(t) or get_origin(t) in (tuple, frozenset) else 0
        return here + max((d for d in inner if d is not None), default=0)

    return depth(cls, frozenset())


def _classes(roots: tuple[type[Any], ...]) -> list[type[Any]]:
    found: list[type[Any]] = []
    stack = list(roots)
    while stack:
        t = stack.pop()
        if is_attrs(t) and t not in found:
            found.append(t)
        if t in found or not is_attrs(t):
            stack.extend(m for m in _members(t) if m not in found)
    return found


@cache
def shapes(roots: tuple[type[Any], ...]) -> dict[tuple[str, ...], type[Any]]:
    """The classes the decoder may build as it goes, by the keys of their objects in the
    order :func:`~wuxing._core.convert.dump` writes them. A class is left out when another
    class reachable from ``roots`` could read an object with the same keys (its other
    fields have defaults), so that an object is built only where nothing else could read
    it."""
    classes = _classes(roots)
    fields = {c: attrs.fields(c) for c in classes}
    found: dict[tuple[str, ...], type[Any]] = {}
    for c in classes:
        keys = tuple(f.name for f in fields[c])
        rivals = [
            other
            for other in classes
            if other is not c
            and set(keys) <= {f.name for f in fields[other]}
            and all(f.name in keys or f.default is not attrs.NOTHING for f in fields[other])
        ]
        if not rivals:
            found[keys] = c
    return found


def leaf(cl: type[Any]) -> bool:
    """A class of scalar fields only, whose equal objects can be one shared value."""
    return not any(is_attrs(m) or get_origin(m) in (tuple, frozenset) for m in _members(cl))
