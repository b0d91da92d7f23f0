"""Rulesets: a county's selection rules as TOML data.

Built-in rulesets ship with the package; third-party packages add their own through the
``wuxing.rulesets`` entry-point group (the entry point's name is the ruleset id, its object a
callable that returns the TOML text).

>>> import wuxing
>>> wuxing.rulesets.available()
('xingguo-2022',)
>>> r = wuxing.rulesets.load("xingguo-2022")
>>> [(c.id, c.quota, len(c.criteria)) for c in r.categories]
[('demonstration-township', 5, 5), ('advanced-collective', 10, 4),
 ('advanced-individual', 10, 4), ('outstanding-supervisor', 2, 4)]

A ruleset may build on another with ``extends``: its tables are merged into the base's,
categories by ``id``, criteria by ``code`` and vetoes by ``name``; anything it does not name
stays as the base has it.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from wuxing.errors import Problem, RulesetError, ValidationError
from wuxing.rulesets._model import (
    Aggregation,
    FinalTieBreak,
    Periods,
    Ranking,
    Ruleset,
    Scoring,
    Source,
    VetoRule,
    VetoTarget,
)

__all__ = [
    "Aggregation",
    "FinalTieBreak",
    "Periods",
    "Ranking",
    "Ruleset",
    "Scoring",
    "Source",
    "VetoRule",
    "VetoTarget",
    "available",
    "dumps_toml",
    "load",
    "load_file",
    "loads",
    "text_of",
]

ENTRY_POINT_GROUP = "wuxing.rulesets"
_MERGE_KEYS = {"categories": "id", "criteria": "code", "vetoes": "name"}


def _builtin() -> dict[str, Callable[[], str]]:
    found: dict[str, Callable[[], str]] = {}
    for entry in sorted(resources.files(__package__).joinpath("data").iterdir(), key=str):
        if entry.name.endswith(".toml"):
            found[entry.name.removesuffix(".toml")] = entry.read_text
    return found


def _registered() -> dict[str, Callable[[], str]]:
    found = _builtin()
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name not in found:
            found[ep.name] = ep.load()
    return found


def available() -> tuple[str, ...]:
    """The ids of the rulesets that :func:`load` knows: built-in, then registered ones."""
    return tuple(sorted(_registered()))


def text_of(ruleset_id: str) -> str:
    """The TOML text of a known ruleset.

    Raises:
        RulesetError: code ``unknown_ruleset``, listing the known ids.
    """
    known = _registered()
    if ruleset_id not in known:
        raise RulesetError(
            [
                Problem(
                    "",
                    "unknown_ruleset",
                    f"no ruleset {ruleset_id!r}; known: {', '.join(sorted(known)) or 'none'}",
                )
            ],
            subject=f"ruleset {ruleset_id!r}",
        )
    return known[ruleset_id]()


def _parse(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise RulesetError([Problem("", "toml_syntax", str(exc))], subject=name) from None


def _merge(base: Any, child: Any, key: str = "") -> Any:
    if isinstance(base, dict) and isinstance(child, dict):
        merged = dict(base)
        for k, v in child.items():
            merged[k] = _merge(base[k], v, k) if k in base else copy.deepcopy(v)
        return merged
    ident = _MERGE_KEYS.get(key)
    if ident and isinstance(base, list) and isinstance(child, list):
        result = [copy.deepcopy(b) for b in base]
        index = {b.get(ident): i for i, b in enumerate(result) if isinstance(b, dict)}
        for item in child:
            name = item.get(ident) if isinstance(item, dict) else None
            if name is not None and name in index:
                result[index[name]] = _merge(result[index[name]], item)
            else:
                result.append(copy.deepcopy(item))
        return result
    return copy.deepcopy(child)


def _resolve(raw: dict[str, Any], name: str, seen: tuple[str, ...]) -> dict[str, Any]:
    if "extends" not in raw:
        return raw
    parent = raw.pop("extends")
    if not isinstance(parent, str):
        raise RulesetError(
            [Problem("extends", "wrong_type", f"must be a ruleset id, got {parent!r}")],
            subject=name,
        )
    if parent in seen:
        chain = " → ".join((*seen, parent))
        raise RulesetError([Problem("extends", "extends_cycle", f"cycle: {chain}")], subject=name)
    try:
        base_raw = _parse(text_of(parent), parent)
    except RulesetError as exc:
        raise RulesetError([p.at("extends") for p in exc.problems], subject=name) from None
    base = _resolve(base_raw, parent, (*seen, parent))
    merged: dict[str, Any] = _merge(base, raw)
    merged["extended_from"] = parent
    return merged


def loads(text: str, *, name: str = "ruleset") -> Ruleset:
    """Build a :class:`Ruleset` from TOML text.

    Floats in the TOML are read as exact decimals. Every problem is reported at once, each
    named by its TOML key (``categories[1].criteria[2].weight``).

    Raises:
        RulesetError: listing every problem.
    """
    from wuxing import io  # io imports the model; import here to keep the package acyclic

    raw = _parse(text, name)
    own_id = raw.get("id") if isinstance(raw.get("id"), str) else name
    resolved = _resolve(raw, name, (str(own_id),))
    try:
        return io.load(resolved, Ruleset, subject=name)
    except ValidationError as exc:
        raise RulesetError(exc.problems, subject=name) from None


def load(ruleset_id: str) -> Ruleset:
    """Load a built-in or registered ruleset by id (see :func:`available`)."""
    return loads(text_of(ruleset_id), name=f"ruleset {ruleset_id!r}")


def load_file(path: str | Path) -> Ruleset:
    """Load a ruleset from a TOML file."""
    from wuxing import io

    return loads(io.read_text(path), name=str(path))


def dumps_toml(ruleset: Ruleset) -> str:
    """The TOML text of a ruleset (``loads(dumps_toml(r)) == r``).

    Nulls are left out (TOML has none); decimals are written as TOML strings, which read back
    exactly.
    """
    from wuxing import io

    return _toml_document(io.dump(ruleset))


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as a TOML value")


def _toml_document(data: dict[str, Any], prefix: str = "") -> str:
    lines: list[str] = []
    tables: list[tuple[str, dict[str, Any]]] = []
    arrays: list[tuple[str, list[dict[str, Any]]]] = []
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict):
            tables.append((key, value))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            arrays.append((key, value))
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    out = "\n".join(lines) + ("\n" if lines else "")
    for key, table in tables:
        out += f"\n[{prefix}{key}]\n" + _toml_document(table, f"{prefix}{key}.")
    for key, items in arrays:
        for item in items:
            out += f"\n[[{prefix}{key}]]\n" + _toml_document(item, f"{prefix}{key}.")
    return out
