"""Reading a ruleset's TOML text into plain data, within bounds: a size, a nesting depth,
numbers Python can read; every failure a :class:`~wuxing.errors.RulesetError`."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from wuxing._core.files import read_text
from wuxing._core.text import a_kind
from wuxing.errors import Problem, RulesetError, ValidationError

__all__ = ["MAX_RULESET_CHARS", "MAX_RULESET_DEPTH", "parse_toml", "read_file"]


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


def parse_toml(text: str, name: str) -> dict[str, Any]:
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


def read_file(path: str | Path, encoding: str) -> str:
    """A ruleset file's text: UTF-8 (with or without a byte-order mark) unless ``encoding``
    names another, and no larger than a ruleset can be."""
    try:
        return read_text(path, encoding=encoding, limit=4 * MAX_RULESET_CHARS)
    except ValidationError as exc:
        raise RulesetError(exc.problems, subject=str(path)) from None
