"""Names in the order of their strokes (按姓氏笔画排序), as official Chinese lists are.

A name is compared character by character: first by the character's total number of strokes
as Unicode's Unihan database gives it for mainland China (``kTotalStrokes``, the G value, read
through the ``unicodedataplus`` package: the ``strokes`` extra), then, for two characters of the
same count, by their code point, which within Unicode's unified ideographs is the order of the
Kangxi radicals and their remaining strokes (部首序). The first character is the surname, so the
list is ordered by surname strokes, then by the given name. Characters without a stroke count
(Latin letters, digits, ``·``) count 0 strokes and come first.

The convention of GB 13000.1's stroke order (横竖撇点折) for characters of equal count is not
applied: Unicode carries no stroke-order data. The tests compare the order with an independent
stroke table.

>>> by_strokes(["王芳", "丁一", "李明", "王一"])
['丁一', '王一', '王芳', '李明']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from wuxing._core.extras import require

__all__ = ["by_strokes", "stroke_count", "stroke_key"]

T = TypeVar("T")


def _data() -> Any:
    return require("unicodedataplus", "strokes", "Ordering names by strokes (姓氏笔画)")


def stroke_count(char: str) -> int:
    """The total strokes of one character (0 when Unicode gives none).

    >>> stroke_count("陈"), stroke_count("陳"), stroke_count("A")
    (7, 10, 0)
    """
    return int(_data().total_strokes(char, "G") or 0)


def stroke_key(name: str) -> tuple[tuple[int, int], ...]:
    """The sort key of a name: ``(strokes, code point)`` per character."""
    data = _data()
    return tuple((int(data.total_strokes(ch, "G") or 0), ord(ch)) for ch in name)


def by_strokes(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """``items`` sorted by the strokes of their names (``key`` gives an item's name)."""
    name_of: Callable[[T], str] = key if key is not None else str
    return sorted(items, key=lambda item: stroke_key(name_of(item)))
