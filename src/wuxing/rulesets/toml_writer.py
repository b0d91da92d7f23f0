"""Writing a ruleset back as TOML text."""

from __future__ import annotations

from typing import Any

from wuxing._core.convert import dump
from wuxing.model.rulesets import Ruleset

__all__ = ["dumps_toml"]


def dumps_toml(ruleset: Ruleset) -> str:
    """The TOML text of a ruleset (``loads(dumps_toml(r)) == r``).

    Nulls are left out (TOML has none); decimals are written as TOML strings, which read back
    exactly. A ruleset built with ``extends`` is written flat, its chain kept in ``layers``.
    """
    data = dump(ruleset)
    if not data.get("layers"):  # a ruleset of one layer writes no history
        data.pop("layers", None)
    return _toml_document(data)


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
