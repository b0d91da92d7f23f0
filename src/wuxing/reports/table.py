"""Plain-text and Markdown tables that line up with Chinese (double-width) text."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["render", "width"]


def width(text: str) -> int:
    """Display width in a terminal: East Asian wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * (size - width(text))
    return gap + text if right else text + gap


def render(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    markdown: bool = False,
) -> str:
    """Render rows under headers; columns whose index is in ``right`` are right-aligned.

    >>> print(render(["code", "标题"], [["T1", "推进乡村振兴"]]))
    code  标题
    ----  ------------
    T1    推进乡村振兴
    """
    cells = [list(headers), *[list(r) for r in rows]]
    if markdown:
        esc = [[c.replace("|", "\\|") for c in row] for row in cells]
        line = ["| " + " | ".join(row) + " |" for row in esc]
        rule = "|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|"
        return "\n".join([line[0], rule, *line[1:]])
    sizes = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    out = []
    for n, row in enumerate(cells):
        out.append("  ".join(_pad(c, sizes[i], i in right) for i, c in enumerate(row)).rstrip())
        if n == 0:
            out.append("  ".join("-" * s for s in sizes))
    return "\n".join(out)
