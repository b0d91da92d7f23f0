"""Loading rulesets from TOML: parsing, ``extends`` chains, merging, validation."""

from __future__ import annotations

import copy
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from wuxing._core.convert import load as load_data
from wuxing._core.files import read_text
from wuxing.errors import Problem, RulesetError, ValidationError
from wuxing.model.rulesets import Ruleset
from wuxing.rulesets.registry import text_of

__all__ = ["load", "load_file", "loads"]

_MERGE_KEYS = {"categories": "id", "criteria": "code", "vetoes": "name"}


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


def load_file(path: str | Path) -> Ruleset:
    """Load a ruleset from a TOML file."""
    return loads(read_text(path), name=str(path))
