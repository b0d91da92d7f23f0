"""Problems located where the author wrote them: the file, the line and the key.

A ruleset built with ``extends`` is merged from several files; a problem found in the merged
rules is traced back to the layer that wrote the value and reported with that layer's file,
line and key path (counted as that file counts its own tables), so that the author can go
straight to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from wuxing.errors import Problem
from wuxing.rulesets.positions import line_of

__all__ = ["LayerText", "LocatedProblem", "at_key"]


@attrs.frozen
class LocatedProblem(Problem):
    """A :class:`~wuxing.errors.Problem` with the file and line where it was written.

    ``path`` is the key as the author's file counts it (``categories[0].criteria[4].weight``
    in a file whose only category is the first).

    Attributes:
        file: The file (or ``ruleset 'ID'`` for a registered one) that wrote the key.
        line: The line of the key in that file, from 1; ``None`` when nothing in the file
            comes near it.
        layer: The id of the ruleset layer that file is, when it gives one.

    >>> str(LocatedProblem("quota", "negative", "must be at least 0, got -1",
    ...                    file="yudu-2023.toml", line=12, layer="yudu-2023"))
    'yudu-2023.toml:12: quota: must be at least 0, got -1 [negative]'
    """

    file: str | None = None
    line: int | None = None
    layer: str | None = None

    def __str__(self) -> str:
        where = self.path or "(document)"
        place = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        return f"{place if self.file else ''}{where}: {self.message} [{self.code}]"


@attrs.frozen
class LayerText:
    """One layer as written: its TOML data and where each key was written.

    Attributes:
        name: How problems name it: the file as the chain reached it, or ``ruleset 'ID'``.
        origin: The file (normalised, as the chain reached it), or ``None`` for an id.
        path: The file, absolute with links resolved, or ``None``.
        data: The parsed TOML.
        lines: Key paths to lines (see :func:`~wuxing.rulesets.positions.key_lines`).
    """

    name: str
    origin: str | None
    path: Path | None
    data: dict[str, Any]
    lines: dict[str, int]

    @property
    def id(self) -> str | None:
        """The id the layer gives itself, if it gives a string one."""
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    @property
    def label(self) -> str:
        """The layer in a chain's message: its id, and its file when it has one."""
        if self.origin is None:
            return self.id or self.name
        return f"{self.id} ({self.origin})" if self.id else self.origin

    def first_line(self) -> int:
        """The first line that holds a key (where a missing top-level key is reported)."""
        return min(self.lines.values(), default=1)


def at_key(problem: Problem, layer: LayerText, key: str, message: str | None = None) -> Problem:
    """``problem`` placed at ``key`` of ``layer`` (at the nearest written key above it when
    ``key`` itself is not written)."""
    line = line_of(layer.lines, key) if key else None
    return LocatedProblem(
        key,
        problem.code,
        problem.message if message is None else message,
        file=layer.name,
        line=line if line is not None else layer.first_line(),
        layer=layer.id,
    )
