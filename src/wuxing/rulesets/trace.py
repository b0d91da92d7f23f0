"""Which layer set each value of a ruleset: the trace ``wuxing show --trace`` prints.

>>> from wuxing import rulesets
>>> rules = rulesets.load_file("examples/rulesets/yudu-2023.toml")
>>> found = {t.path: t for t in trace(rules)}
>>> found["scoring.pass_mark"].layer, found["scoring.min_sheets"].layer
('yudu-2023', 'xingguo-2022')
>>> found["categories[1].criteria[4].label_zh"].value, found["source.issuer"].inherited
('优化营商环境', True)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from wuxing._core.convert import dump
from wuxing.model.rulesets import Layer, Ruleset
from wuxing.rulesets.positions import split_path

__all__ = ["Traced", "trace", "trace_data"]

_NOT_TRACED = frozenset({"layers", "extended_from", "declared_defaults"})


@attrs.frozen
class Traced:
    """One value of a ruleset and the layer that set it.

    Attributes:
        path: The key, e.g. ``"categories[1].quota"``.
        value: The value, as plain data.
        layer: The id of the layer that set it; ``None`` for a model default nobody wrote.
        inherited: Whether that layer is below the top one.
        declared_default: Whether that layer declares the value as a default (rather than
            taking it from the document it cites).
    """

    path: str
    value: Any
    layer: str | None
    inherited: bool = False
    declared_default: bool = False


def _leaves(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            if v is not None and not (not path and k in _NOT_TRACED):
                yield from _leaves(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, v in enumerate(value):
            yield from _leaves(v, f"{path}[{i}]")
    else:
        yield path, value


def trace_data(data: dict[str, Any], layers: Sequence[Layer], own: str) -> tuple[Traced, ...]:
    """The trace of merged plain ``data`` built from ``layers`` (top first); a ruleset of
    one layer (``layers`` empty) is ``own`` throughout."""
    setter: dict[str, Layer] = {}
    for below in reversed(layers):
        for key in below.sets:
            setter[key] = below
    top = layers[0].id if layers else own
    found = []
    for path, value in _leaves(data, ""):
        layer: Layer | None = None
        segments = split_path(path)
        for end in range(len(segments), 0, -1):
            layer = setter.get("".join(segments[:end]).lstrip("."))
            if layer is not None:
                break
        name = layer.id if layer is not None else (None if layers else own)
        defaults = layer.declared_defaults if layer is not None else ()
        found.append(
            Traced(
                path,
                value,
                name,
                name is not None and name != top,
                any(d.covers(path) for d in defaults),
            )
        )
    return tuple(found)


def trace(ruleset: Ruleset) -> tuple[Traced, ...]:
    """Every value of ``ruleset`` with the layer that set it (see :class:`Traced`)."""
    traced = trace_data(dump(ruleset), ruleset.layers, ruleset.id)
    if ruleset.layers:
        return traced
    own = ruleset.declared_defaults
    return tuple(
        attrs.evolve(t, declared_default=any(d.covers(t.path) for d in own)) for t in traced
    )
