"""Loading rulesets from TOML: parsing, ``extends`` chains, merging, validation."""

from __future__ import annotations

import copy
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from wuxing._core.convert import load as load_data
from wuxing._core.files import read_text
from wuxing._core.text import a_kind
from wuxing.errors import Problem, RulesetError, ValidationError
from wuxing.model.rulesets import Ruleset
from wuxing.rulesets.registry import text_of

__all__ = ["MAX_RULESET_CHARS", "MAX_RULESET_DEPTH", "load", "load_file", "loads"]

_MERGE_KEYS = {"categories": "id", "criteria": "code", "vetoes": "name"}


MAX_RULESET_CHARS: Final = 1_000_000
"""The longest ruleset read, in characters (a county's is about 12,000)."""
MAX_RULESET_DEPTH: Final = 32
"""How deeply the tables and arrays of a ruleset may nest."""


def _depth(data: object) -> int:
    deepest = 0
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [({"": data}, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_RULESET_DEPTH:
            break
        children = node.values() if isinstance(node, dict) else node
        stack.extend((sub, depth + 1) for sub in children if isinstance(sub, dict | list))
    return deepest


def _parse(text: str, name: str) -> dict[str, Any]:
    def refuse(code: str, message: str) -> RulesetError:
        return RulesetError([Problem("", code, message)], subject=name)

    if not isinstance(text, str):
        raise refuse("wrong_type", f"a ruleset is TOML text, got {a_kind(text)}")
    if len(text) > MAX_RULESET_CHARS:
        raise refuse(
            "too_large", f"has {len(text):,} characters; at most {MAX_RULESET_CHARS:,} are read"
        )
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise refuse("toml_syntax", str(exc)) from None
    except RecursionError:
        raise refuse("too_deep", f"nests more than {MAX_RULESET_DEPTH} deep") from None
    except ValueError as exc:  # an integer too long for Python to read
        raise refuse("toml_syntax", f"a number cannot be read: {str(exc)[:60]}") from None
    if _depth(data) > MAX_RULESET_DEPTH:
        raise refuse("too_deep", f"nests more than {MAX_RULESET_DEPTH} deep")
    return data


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
    raw = _parse(text, name)
    own_id = raw.get("id") if isinstance(raw.get("id"), str) else name
    resolved = _resolve(raw, name, (str(own_id),))
    try:
        return load_data(resolved, Ruleset, subject=name)
    except ValidationError as exc:
        raise RulesetError(exc.problems, subject=name) from None


def load(ruleset_id: str) -> Ruleset:
    """Load a built-in or registered ruleset by id (see :func:`available`)."""
    return loads(text_of(ruleset_id), name=f"ruleset {ruleset_id!r}")


def load_file(path: str | Path, *, encoding: str = "utf-8") -> Ruleset:
    """Load a ruleset from a TOML file (UTF-8, with or without a byte-order mark, unless
    ``encoding`` names another)."""
    try:
        text = read_text(path, encoding=encoding, limit=4 * MAX_RULESET_CHARS)
    except ValidationError as exc:
        raise RulesetError(exc.problems, subject=str(path)) from None
    return loads(text, name=str(path))
