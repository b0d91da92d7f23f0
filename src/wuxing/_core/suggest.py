"""The nearest known code to an unknown one, for "did you mean …" in a problem's message.

Known codes are matched by their own spelling and by the names people use for them (a
category's Chinese and English titles), so that ``'示范乡镇'`` finds
``demonstration-township`` through its title “五型”政府建设示范乡镇. The edit distance is
:mod:`difflib`'s ratio (the standard library's, well tried, and enough for a hint).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

__all__ = ["nearest"]

_MARKS = str.maketrans("", "", " \t“”\"'《》「」()（）")
_CUTOFF = 0.6


def _plain(text: str) -> str:
    return text.translate(_MARKS).casefold()


def nearest(given: object, known: Mapping[str, Iterable[str]]) -> str | None:
    """The known code nearest to ``given``, or ``None`` when nothing is near enough.

    Args:
        given: What was written (anything; only text is matched).
        known: Each known code with the other names it goes by.

    Returns:
        A code of ``known``: the one whose code or name is ``given`` (ignoring case, spaces
        and quotation marks); else the only one with a name that contains ``given`` or is
        contained in it; else the one with the closest spelling by :mod:`difflib`, if close
        enough and no other is as close.

    >>> titles = {"demonstration-township": ["“五型”政府建设示范乡镇", "demonstration township"],
    ...           "advanced-collective": ["“五型”政府建设先进集体"]}
    >>> nearest("示范乡镇", titles)
    'demonstration-township'
    >>> nearest("demonstraton-township", titles)
    'demonstration-township'
    >>> nearest("优秀监督员", titles) is None
    True
    """
    if not isinstance(given, str) or not given.strip():
        return None
    wanted = _plain(given)
    names: dict[str, str] = {}
    for code, others in known.items():
        for name in (code, *others):
            names.setdefault(_plain(name), code)
    if wanted in names:
        return names[wanted]
    containing = {
        code for name, code in names.items() if name and (wanted in name or name in wanted)
    }
    if len(containing) == 1:
        return containing.pop()
    scored: dict[str, float] = {}
    for name, code in names.items():
        ratio = difflib.SequenceMatcher(None, wanted, name).ratio()
        if ratio >= _CUTOFF and ratio > scored.get(code, 0.0):
            scored[code] = ratio
    if not scored:
        return None
    best = max(scored.values())
    codes = [code for code, ratio in scored.items() if ratio == best]
    return codes[0] if len(codes) == 1 else None  # two as near: no guess
