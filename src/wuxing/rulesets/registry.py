"""Which rulesets exist: the built-in TOML files and those registered by other packages.

Built-in rulesets ship as package data (``wuxing/rulesets/data/*.toml``); third-party packages
add their own through the ``wuxing.rulesets`` entry-point group (the entry point's name is the
ruleset id, its object a callable that returns the TOML text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import resources
from importlib.metadata import entry_points

from wuxing.errors import Problem, RulesetError

__all__ = ["ENTRY_POINT_GROUP", "available", "known", "text_of"]

ENTRY_POINT_GROUP = "wuxing.rulesets"


def _builtin() -> dict[str, Callable[[], str]]:
    found: dict[str, Callable[[], str]] = {}
    for entry in sorted(resources.files("wuxing.rulesets").joinpath("data").iterdir(), key=str):
        if entry.name.endswith(".toml"):
            found[entry.name.removesuffix(".toml")] = entry.read_text
    return found


def _registered() -> dict[str, Callable[[], str]]:
    found = _builtin()
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name not in found:
            found[ep.name] = ep.load()
    return found


def known() -> dict[str, Callable[[], str]]:
    """Every known ruleset id with the callable that gives its TOML text, read once: a loader
    resolving a long chain asks this once rather than once a layer."""
    return _registered()


def unknown(ruleset_id: str, ids: Iterable[str]) -> Problem:
    """The problem of an unknown id, listing the known ones."""
    listed = ", ".join(sorted(ids)) or "none"
    return Problem("", "unknown_ruleset", f"no ruleset {ruleset_id!r}; known: {listed}")


def available() -> tuple[str, ...]:
    """The ids of the rulesets that :func:`load` knows: built-in, then registered ones."""
    return tuple(sorted(_registered()))


def text_of(ruleset_id: str) -> str:
    """The TOML text of a known ruleset.

    Raises:
        RulesetError: code ``unknown_ruleset``, listing the known ids.
    """
    found = _registered()
    if ruleset_id not in found:
        raise RulesetError([unknown(ruleset_id, found)], subject=f"ruleset {ruleset_id!r}")
    return found[ruleset_id]()
