"""Which rulesets exist: the built-in TOML files and those registered by other packages.

Built-in rulesets ship as package data (``wuxing/rulesets/data/*.toml``); third-party packages
add their own through the ``wuxing.rulesets`` entry-point group (the entry point's name is the
ruleset id, its object a callable that returns the TOML text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from importlib import resources
from importlib.metadata import EntryPoint, entry_points

from wuxing._core.text import a_kind, describe
from wuxing.errors import Problem, RulesetError

__all__ = ["ENTRY_POINT_GROUP", "available", "known", "plugin_problems", "text_of"]

ENTRY_POINT_GROUP = "wuxing.rulesets"


def _builtin() -> dict[str, Callable[[], str]]:
    found: dict[str, Callable[[], str]] = {}
    for entry in sorted(resources.files("wuxing.rulesets").joinpath("data").iterdir(), key=str):
        if entry.name.endswith(".toml"):
            found[entry.name.removesuffix(".toml")] = entry.read_text
    return found


def _plugins() -> dict[str, EntryPoint]:
    """The registered entry points, by ruleset id; a built-in id cannot be taken over. Nothing
    is imported here: a plugin is loaded only when its ruleset is asked for."""
    builtin = _builtin()
    try:
        found = entry_points(group=ENTRY_POINT_GROUP)
    except Exception:  # broken installation metadata: the built-in rulesets still work
        return {}
    return {ep.name: ep for ep in found if ep.name not in builtin}


def known() -> dict[str, Callable[[], str]]:
    """Every known ruleset id with the callable that gives its TOML text, looked up once: a
    loader resolving a long chain asks this once rather than once a layer. A plugin is loaded
    only when its callable is called, and fails as :func:`text_of` says."""
    found: dict[str, Callable[[], str]] = dict(_builtin())
    for ruleset_id, ep in _plugins().items():
        found[ruleset_id] = partial(_plugin_text, ruleset_id, ep)
    return found


def unknown(ruleset_id: str, ids: Iterable[str]) -> Problem:
    """The problem of an unknown id, listing the known ones."""
    listed = ", ".join(sorted(ids)) or "none"
    return Problem("", "unknown_ruleset", f"no ruleset {describe(ruleset_id)}; known: {listed}")


def available() -> tuple[str, ...]:
    """The ids of the rulesets that :func:`load` knows: built-in and registered ones."""
    return tuple(sorted({*_builtin(), *_plugins()}))


def _plugin_text(ruleset_id: str, ep: EntryPoint) -> str:
    """The TOML text a plugin gives; a plugin that fails is refused as a problem of its own
    (code ``plugin_failed``), never as the error it raised."""

    def failed(why: str) -> RulesetError:
        return RulesetError(
            [
                Problem(
                    "",
                    "plugin_failed",
                    f"the ruleset plugin {ruleset_id!r} ({describe(ep.value)}) {why}",
                )
            ],
            subject=f"ruleset plugin {ruleset_id!r}",
        )

    try:
        text = ep.load()()
    except Exception as exc:
        raise failed(f"failed to load: {type(exc).__name__}: {describe(str(exc))}") from None
    if not isinstance(text, str):
        raise failed(f"gave {a_kind(text)}, not TOML text")
    return text


def plugin_problems() -> tuple[Problem, ...]:
    """A ``plugin_failed`` problem for each registered ruleset plugin that cannot give its
    text, path ``plugins.ID``; empty when every plugin works.

    Loading tries each plugin, so this is for diagnosis (``wuxing rulesets``,
    ``wuxing validate``), not for every call.
    """
    problems: list[Problem] = []
    for ruleset_id, ep in sorted(_plugins().items()):
        try:
            _plugin_text(ruleset_id, ep)
        except RulesetError as exc:
            problems.extend(p.at(f"plugins.{ruleset_id}") for p in exc.problems)
    return tuple(problems)


def text_of(ruleset_id: str) -> str:
    """The TOML text of a known ruleset.

    Built-in rulesets never depend on the installed plugins: a broken plugin fails only when
    its own ruleset is asked for.

    Raises:
        RulesetError: code ``unknown_ruleset``, listing the known ids; code ``plugin_failed``
            when the plugin registered for ``ruleset_id`` fails to load or to give text.
    """
    builtin = _builtin()
    if ruleset_id in builtin:
        return builtin[ruleset_id]()
    plugins = _plugins()
    if ruleset_id not in plugins:
        raise RulesetError(
            [unknown(ruleset_id, {*builtin, *plugins})],
            subject=f"ruleset {describe(ruleset_id)}",
        )
    return _plugin_text(ruleset_id, plugins[ruleset_id])
