"""JSON Schema (draft 2020-12) of wuxing's JSON documents, generated from the model.

Systems in other languages can produce and check documents against it:
``wuxing schema bundle > bundle.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import types
from collections import abc
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any, Union, get_args, get_origin

import attrs
import pendulum

from wuxing import io
from wuxing._core.convert import MAX_DIGITS, MAX_STRING
from wuxing._core.scalars import zh_words

__all__ = ["document_schema", "field_descriptions", "schema_of"]

DECIMAL_PATTERN = r"^-?[0-9]{1,30}(\.[0-9]{1,20})?$"
"""Decimals as the converter reads them: plain ASCII digits, no exponent."""


def _type_schema(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        return {"anyOf": [_type_schema(a, defs) for a in get_args(t)]}
    if t is type(None):
        return {"type": "null"}
    if t is str:
        return {"type": "string", "maxLength": MAX_STRING}
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        return {"type": "integer", "minimum": -(10**MAX_DIGITS) + 1, "maximum": 10**MAX_DIGITS - 1}
    if t is Decimal:
        return {
            "anyOf": [
                {"type": "string", "pattern": DECIMAL_PATTERN},
                {"type": "number"},
            ],
            "description": 'an exact decimal: a string such as "18.5" (as written back) or a '
            "JSON number, read exactly (never as a binary float)",
        }
    if t in (dt.datetime, pendulum.DateTime):
        return {"type": "string", "format": "date-time", "description": "with a UTC offset"}
    if t is dt.date:
        return {"type": "string", "format": "date"}
    if isinstance(t, type) and issubclass(t, Enum):
        words = list(zh_words(t))
        if not words:
            return {"enum": [m.value for m in t]}
        return {
            "enum": [m.value for m in t] + words,
            "description": "a code ("
            + ", ".join(f"{m.value} = {getattr(m, 'zh', '')}" for m in t)
            + "); the Chinese word is read as its code, the code is written",
        }
    if origin in (tuple, frozenset):
        args = get_args(t)
        item = _type_schema(args[0], defs) if args else {}
        schema: dict[str, Any] = {"type": "array", "items": item}
        if origin is frozenset:
            schema["uniqueItems"] = True
        return schema
    if isinstance(t, type) and attrs.has(t):
        name = t.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _class_schema(t, defs)
        return {"$ref": f"#/$defs/{name}"}
    if origin in (dict, Mapping, abc.Mapping) and get_args(t):
        return {"type": "object", "additionalProperties": _type_schema(get_args(t)[1], defs)}
    if t is dict or origin is dict:
        return {"type": "object"}
    raise TypeError(f"no JSON Schema for {t!r}")


_SECTION = re.compile(r"^(\s*)(Attributes|Args|Arguments):\s*$")
_ENTRY = re.compile(r"^(\s*)([A-Za-z_]\w*(?:,\s*[A-Za-z_]\w*)*)(?:\s*\([^)]*\))?:\s*(.*)$")
_ROLE = re.compile(r":[a-z]+:`~?([^`<]*?)(?:\s*<[^>]*>)?`")


def _plain(text: str) -> str:
    """Docstring markup made plain: ``:class:`~wuxing.X``` → ``X``, double backquotes dropped."""
    text = _ROLE.sub(lambda m: m.group(1).rsplit(".", 1)[-1], text)
    return " ".join(text.replace("``", "").split())


def field_descriptions(cls: type[Any]) -> dict[str, str]:
    """Each field's description from the class's Google-style docstring (its ``Attributes:``
    or ``Args:`` section), markup made plain.

    The docstrings are the model's one description of its fields; the schema reads them
    rather than repeating them (a small reader of the one layout the project's docstrings
    use, since the run-time dependencies hold no docstring parser).

    >>> from wuxing.model.units import Unit
    >>> field_descriptions(Unit)["division_code"]
    'The 6-digit GB/T 2260 code of the division the unit belongs to.'
    """
    found: dict[str, list[str]] = {}
    lines = inspect.cleandoc(cls.__doc__ or "").splitlines()
    section: int | None = None  # the indent of the section's entries
    current: list[str] | None = None
    for line in lines:
        if _SECTION.match(line):
            section, current = -1, None
            continue
        if section is None:
            continue
        if not line.strip():
            current = None
            continue
        indent = len(line) - len(line.lstrip())
        entry = _ENTRY.match(line)
        if section == -1 and entry:
            section = indent
        if section == -1 or indent < section:
            section, current = None, None
            continue
        if entry and indent == section:
            current = [entry.group(3)]
            for name in entry.group(2).split(","):  # "units, people: Who is who."
                found[name.strip()] = current
        elif current is not None:
            current.append(line.strip())
    return {name: _plain(" ".join(parts)) for name, parts in found.items() if parts}


def _class_schema(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    attrs.resolve_types(cls)
    fields = attrs.fields(cls)
    summary = inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0]
    described = field_descriptions(cls)
    properties: dict[str, Any] = {}
    for f in fields:
        schema = _type_schema(f.type, defs)
        if f.name in described:
            schema = {**schema, "description": described[f.name]}
        properties[f.name] = schema
    return {
        "type": "object",
        "title": cls.__name__,
        "description": _plain(summary) or cls.__name__,
        "properties": properties,
        "required": [f.name for f in fields if f.default is attrs.NOTHING],
        "additionalProperties": False,
    }


def schema_of(cls: type[Any]) -> dict[str, Any]:
    """The JSON Schema of the plain data of ``cls`` (what :func:`wuxing.io.dump` writes)."""
    defs: dict[str, Any] = {}
    root = _type_schema(cls, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **root, "$defs": defs}


def document_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a whole document (the envelope) of ``kind``, e.g. ``"bundle"``.

    >>> document_schema("bundle")["properties"]["kind"]
    {'const': 'bundle'}
    """
    cls = io.KINDS[kind]
    defs: dict[str, Any] = {}
    data = _type_schema(cls, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://wuxing.invalid/schema/v{io.FORMAT_VERSION}/{kind}.json",
        "title": f"wuxing {kind} document, format version {io.FORMAT_VERSION}",
        "type": "object",
        "properties": {
            "format": {"const": io.FORMAT},
            "version": {"const": io.FORMAT_VERSION},
            "kind": {"const": kind},
            "data": data,
        },
        "required": ["format", "version", "kind", "data"],
        "additionalProperties": False,
        "$defs": defs,
    }
