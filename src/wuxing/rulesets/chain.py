"""Reading a ruleset's chain of layers: each ``extends`` followed to a registered id or a file.

``extends`` names either a registered ruleset id (``"xingguo-2022"``) or a TOML file by a
path relative to the extending file (``"province-base.toml"``, ``"../base/province.toml"``).
A value is a path when it ends in ``.toml`` or holds a ``/``; anything else is an id.

A path is followed only inside the search path: the directories the caller declares, by
default the directory of the file loaded first. ``..`` and symbolic links are resolved before
the check, so no chain climbs out of it. An absolute path is refused, and so is a path in a
ruleset that is not a file (a registered one, or text given without its file). A chain that
comes back to a file or id it already passed is refused with the whole loop in the message.
The chain is followed in a loop, not by recursion, so a long chain needs no deep stack.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import Any

from wuxing._core.files import read_text, resolve_within
from wuxing.errors import Problem, RulesetError, ValidationError
from wuxing.rulesets.located import LayerText, LocatedProblem, at_key
from wuxing.rulesets.positions import key_lines
from wuxing.rulesets.registry import known, unknown

__all__ = ["parse_layer", "read_chain"]

_PARSE = Callable[[str, str], dict[str, Any]]
_LINE = re.compile(r"at line (\d+)")


def _is_path(ref: str) -> bool:
    return ref.endswith(".toml") or "/" in ref or "\\" in ref


def _syntax_line(exc: RulesetError) -> int | None:
    match = _LINE.search(exc.problems[0].message)
    return int(match.group(1)) if match else None


def parse_layer(
    text: str, *, name: str, origin: str | None, path: Path | None, parse: _PARSE
) -> LayerText:
    """Parse one layer; a syntax error names the file and its line."""
    try:
        data = parse(text, name)
    except RulesetError as exc:
        first = exc.problems[0]
        problem = LocatedProblem(
            first.path, first.code, first.message, file=name, line=_syntax_line(exc)
        )
        raise RulesetError([problem], subject=name) from None
    return LayerText(name, origin, path, data, key_lines(text))


def read_chain(
    top: LayerText,
    *,
    search_path: Sequence[str | Path] | None,
    parse: _PARSE,
) -> list[LayerText]:
    """The chain from ``top`` down to the layer that extends nothing, ``top`` first.

    Raises:
        RulesetError: an ``extends`` that cannot be followed (unknown id, a path outside the
            search path, an unreadable file, a loop), located at its ``extends`` line.
    """
    roots: list[str | Path] = list(search_path) if search_path is not None else []
    if search_path is None and top.path is not None:
        roots.append(top.path.parent)
    registered: dict[str, Callable[[], str]] | None = None
    chain = [top]
    files = {top.path} if top.path is not None else set()
    ids = {top.id} if top.id else set()
    layer = top
    while "extends" in layer.data:
        ref = layer.data["extends"]

        def fail(code: str, message: str, layer: LayerText = layer) -> RulesetError:
            problem = at_key(Problem("extends", code, message), layer, "extends")
            return RulesetError([problem], subject=chain[0].name)

        if not isinstance(ref, str):
            raise fail("wrong_type", f"must be a ruleset id or a file, got {ref!r}")

        def loop(ref: str = ref) -> str:
            return " → ".join([*(c.label for c in chain), ref])

        if _is_path(ref):
            if layer.path is None:
                raise fail(
                    "extends_needs_file",
                    f"{ref!r} is a file, and a file is found relative to the extending file; "
                    f"{layer.name} is not read from a file (load it with load_file)",
                )
            if PurePath(ref).is_absolute() or PurePath(ref).drive:
                raise fail(
                    "extends_absolute",
                    f"{ref!r} is an absolute path; write it relative to {layer.name}",
                )
            found = resolve_within(layer.path.parent / ref, roots)
            if found is None:
                where = ", ".join(str(r) for r in roots) or "nothing"
                raise fail(
                    "extends_outside",
                    f"{ref!r} lies outside the search path ({where}); declare its "
                    "directory in the search path to allow it",
                )
            if found in files:
                raise fail("extends_cycle", f"cycle: {loop()}")
            origin = os.path.normpath(os.path.join(os.path.dirname(layer.origin or ""), ref))
            try:
                text = read_text(found)
            except OSError as exc:
                raise fail("extends_unreadable", f"cannot read {ref!r}: {exc.strerror}") from None
            except ValidationError as exc:  # not UTF-8, or too large to be a ruleset
                raise fail("extends_unreadable", f"{ref!r}: {exc.problems[0].message}") from None
            nxt = parse_layer(text, name=origin, origin=origin, path=found, parse=parse)
            files.add(found)
        else:
            if ref in ids:
                raise fail("extends_cycle", f"cycle: {loop()}")
            registered = known() if registered is None else registered
            if ref not in registered:
                raise fail("unknown_ruleset", unknown(ref, registered).message)
            nxt = parse_layer(
                registered[ref](), name=f"ruleset {ref!r}", origin=None, path=None, parse=parse
            )
        if nxt.id is not None and nxt.id in ids:
            raise fail(
                "duplicate_layer",
                f"{nxt.label} has the id {nxt.id!r} of a layer above it: {loop()}",
            )
        if nxt.id is not None:
            ids.add(nxt.id)
        chain.append(nxt)
        layer = nxt
    return chain
