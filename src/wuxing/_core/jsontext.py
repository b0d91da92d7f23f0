"""JSON text read within bounds: its size, its nesting depth, the length of its integers; a
key repeated in an object is found with its path (JSON readers disagree on which value wins,
so such a document means different things to different systems), and ``NaN`` and
``Infinity`` are refused (they are not JSON).

A JSON number with a fraction or an exponent (``18.5``) is read exactly, as a
:class:`~decimal.Decimal` (never a binary float), so that a decimal field takes ``18.5`` and
``"18.5"`` alike and a float never decides a score; the converter then checks its range.

:func:`wuxing.io.loads` reads documents through :func:`parse`; a layer that keeps JSON inside
its own values (a log's payloads) reads it with :func:`read_json`.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Final

from wuxing._core.convert import MAX_DIGITS, LongNumber, _key_path
from wuxing.errors import PROBLEM_LIMIT, Problem, ValidationError, join_path

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "Repeated",
    "depth_of",
    "parse",
    "read_json",
    "repeated_keys",
]

MAX_DOCUMENT_BYTES: Final = 512 * 1024 * 1024
"""The largest JSON document read: 512 MiB (a province-wide bundle of 100,000 applications
with their sheets is about 180 MiB)."""
MAX_DEPTH: Final = 32
"""How deeply arrays and objects may nest in a JSON document (the deepest document the model
writes, a result, nests 9 deep)."""

Repeated = list[tuple[dict[str, Any], list[str]]]
"""The objects in which a key was repeated, each with the keys repeated."""


class _NotJson(ValueError):
    pass


def _constant(name: str) -> object:
    raise _NotJson(f"{name} is not JSON; numbers are finite")


def _int(text: str) -> int | LongNumber:
    return int(text) if len(text) - text.startswith("-") <= MAX_DIGITS else LongNumber(text)


def depth_of(document: object) -> int:
    """How deeply the arrays and objects of parsed JSON nest, found without recursion; the
    walk stops once it is past :data:`MAX_DEPTH`.

    >>> depth_of(None), depth_of(3), depth_of([]), depth_of({"a": [[1]]})
    (0, 0, 1, 3)
    """
    if type(document) is not dict and type(document) is not list:
        return 0  # a bare number, string, true, false or null
    deepest = 0
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if depth > MAX_DEPTH:
                break
        for sub in node.values() if type(node) is dict else node:
            if type(sub) is dict or type(sub) is list:
                stack.append((sub, depth + 1))
    return deepest


def parse(text: str, *, subject: str = "document") -> tuple[object, Repeated]:
    """Parse JSON text within the bounds; return the data and the objects in which a key was
    repeated (see :func:`repeated_keys`).

    Raises:
        ValidationError: code ``too_large``, ``too_deep`` or ``json_syntax``.
    """

    def refuse(code: str, message: str) -> ValidationError:
        return ValidationError([Problem("", code, message)], subject=subject)

    if len(text) > MAX_DOCUMENT_BYTES:
        raise refuse(
            "too_large", f"has {len(text):,} characters; at most {MAX_DOCUMENT_BYTES:,} are read"
        )
    repeated: Repeated = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) != len(items):
            seen: set[str] = set()
            keys = [k for k, _ in items if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
            repeated.append((obj, keys))
        return obj

    try:
        document = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_int=_int,
            parse_float=Decimal,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        raise refuse(
            "json_syntax", f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except _NotJson as exc:
        raise refuse("json_syntax", f"not JSON: {exc}") from None
    except RecursionError:  # far deeper than the bound: the parser itself gave up
        raise refuse("too_deep", f"nests arrays and objects more than {MAX_DEPTH} deep") from None
    if depth_of(document) > MAX_DEPTH:
        raise refuse("too_deep", f"nests arrays and objects more than {MAX_DEPTH} deep")
    return document, repeated


def repeated_keys(
    document: object, repeated: Repeated, *, envelope: bool = False
) -> tuple[list[Problem], list[Problem]]:
    """A ``duplicate_key`` problem for each repeated key, with the path of its object, found
    in one walk that stops once every object is placed. With ``envelope``, the keys of the
    outer object come first, apart, and paths inside its ``data`` are relative to it."""
    if not repeated:
        return [], []
    wanted = {id(obj): keys for obj, keys in repeated}
    outer: list[Problem] = []
    found: list[Problem] = []
    stack: list[tuple[object, str]] = [(document, "")]
    while stack and wanted:
        node, path = stack.pop()
        if isinstance(node, dict):
            keys = wanted.pop(id(node), None)
            if keys is not None:
                (outer if envelope and node is document else found).extend(
                    Problem(
                        join_path(path, _key_path(k)),
                        "duplicate_key",
                        "appears more than once in its object; the reader would keep only one",
                    )
                    for k in keys
                )
            for key, sub in node.items():
                if isinstance(sub, dict | list):
                    step = (
                        "" if envelope and node is document and key == "data" else _key_path(key)
                    )
                    stack.append((sub, join_path(path, step)))
        elif isinstance(node, list):
            stack.extend(
                (sub, f"{path}[{i}]") for i, sub in enumerate(node) if isinstance(sub, dict | list)
            )
    return outer, sorted(found, key=lambda p: p.path)[:PROBLEM_LIMIT]


def read_json(text: str, *, subject: str = "value") -> object:
    """Plain data from JSON text within the bounds, any repeated key refused.

    >>> read_json('{"a": 1, "a": 2}')
    Traceback (most recent call last):
    ...
    wuxing.errors.ValidationError: value has 1 problem:
      a: appears more than once in its object; the reader would keep only one [duplicate_key]
    """
    document, repeated = parse(text, subject=subject)
    _, found = repeated_keys(document, repeated)
    if found:
        raise ValidationError(found, subject=subject)
    return document
