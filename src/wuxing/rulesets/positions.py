"""Where each key of a TOML text was written: key paths to line numbers.

:mod:`tomllib` gives the values but forgets where they were written. This module reads the
same text once more, after :mod:`tomllib` has accepted it, and records the line of every key,
table header, array-of-tables element and inline-array element under the path the loader uses
in its problems (``categories[1].criteria[0].weight``), indexed as the author's own file
counts them. Only positions are read here; the values always come from :mod:`tomllib`.

>>> lines = key_lines('id = "a"\\n\\n[[categories]]\\nid = "x"\\nquota = 3\\n'
...                   '[categories.scope]\\nunit_kinds = [\\n  "town",\\n  "township",\\n]\\n')
>>> lines["categories[0]"], lines["categories[0].quota"], lines["categories[0].scope"]
(3, 5, 6)
>>> lines["categories[0].scope.unit_kinds"], lines["categories[0].scope.unit_kinds[1]"]
(7, 9)
>>> line_of(lines, "categories[0].criteria[2].summary")
3
"""

from __future__ import annotations

import bisect
import re
import tomllib

__all__ = ["key_lines", "line_of", "split_path"]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[A-Za-z0-9_+\-.:]+")
_DATE_THEN_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d")
_SEGMENT = re.compile(r"\.?[^.\[]+|\[\d+\]")


class _Scanner:
    """One pass over a valid TOML text, recording the line of every key path."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        self.lines: dict[str, int] = {}
        self.arrays: dict[str, int] = {}

    def line(self, pos: int | None = None) -> int:
        return bisect.bisect_left(self.newlines, self.pos if pos is None else pos) + 1

    def record(self, path: str, line: int) -> None:
        self.lines.setdefault(path, line)

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    def skip_space(self, newlines: bool) -> None:
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.pos += 1
            elif ch == "#" and newlines:
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            else:
                return

    def skip_to_line_end(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end + 1

    # keys -------------------------------------------------------------------------------

    def key_part(self) -> str:
        ch = self.peek()
        if ch in "\"'":
            start = self.pos
            self.string()
            raw = self.text[start : self.pos]
            value = tomllib.loads(f"k = {raw}")["k"]
            assert isinstance(value, str)
            return value
        match = _BARE.match(self.text, self.pos)
        assert match is not None, f"no key at offset {self.pos}"
        self.pos = match.end()
        return match.group()

    def dotted_key(self) -> list[str]:
        parts = [self.key_part()]
        self.skip_space(False)
        while self.peek() == ".":
            self.pos += 1
            self.skip_space(False)
            parts.append(self.key_part())
            self.skip_space(False)
        return parts

    # values -----------------------------------------------------------------------------

    def string(self) -> None:
        text = self.text
        quote = text[self.pos]
        if text.startswith(quote * 3, self.pos):
            end = self.pos + 3
            while True:
                end = text.find(quote * 3, end)
                assert end >= 0, "unterminated multi-line string"
                if quote == '"' and _escaped(text, end):
                    end += 1
                    continue
                break
            end += 3
            for _ in range(2):  # up to two quotes may end the content itself
                if end < len(text) and text[end] == quote:
                    end += 1
            self.pos = end
            return
        end = self.pos + 1
        while True:
            end = text.find(quote, end)
            assert end >= 0, "unterminated string"
            if quote == '"' and _escaped(text, end):
                end += 1
                continue
            break
        self.pos = end + 1

    def value(self, path: str) -> None:
        ch = self.peek()
        if ch in "\"'":
            self.string()
        elif ch == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip_space(True)
                if self.peek() == "]":
                    self.pos += 1
                    return
                item = f"{path}[{index}]"
                self.record(item, self.line())
                self.value(item)
                index += 1
                self.skip_space(True)
                if self.peek() == ",":
                    self.pos += 1
        elif ch == "{":
            self.pos += 1
            while True:
                self.skip_space(False)
                if self.peek() == "}":
                    self.pos += 1
                    return
                self.key_value(path)
                self.skip_space(False)
                if self.peek() == ",":
                    self.pos += 1
        else:
            match = _SCALAR.match(self.text, self.pos)
            assert match is not None, f"no value at offset {self.pos}"
            self.pos = match.end()
            if _DATE_THEN_TIME.match(self.text, match.start()) and self.pos - match.start() == 10:
                self.pos += 1  # a date and a time separated by a space
                tail = _SCALAR.match(self.text, self.pos)
                assert tail is not None
                self.pos = tail.end()

    def key_value(self, table: str) -> None:
        line = self.line()
        path = table
        for part in self.dotted_key():
            path = _join(path, part)
            self.record(path, line)
        self.skip_space(False)
        assert self.peek() == "=", f"no '=' at offset {self.pos}"
        self.pos += 1
        self.skip_space(False)
        self.value(path)

    # tables -----------------------------------------------------------------------------

    def concrete(self, parts: list[str]) -> str:
        """A header's path, each array of tables on the way taken at its latest element."""
        path = ""
        for part in parts:
            path = _join(path, part)
            if path in self.arrays:
                path = f"{path}[{self.arrays[path] - 1}]"
        return path

    def header(self) -> str:
        line = self.line()
        double = self.peek(2) == "[["
        self.pos += 2 if double else 1
        self.skip_space(False)
        parts = self.dotted_key()
        self.pos += 2 if double else 1
        if not double:
            path = self.concrete(parts)
            self.record(path, line)
            return path
        parent = self.concrete(parts[:-1])
        array = _join(parent, parts[-1])
        index = self.arrays.get(array, 0)
        self.arrays[array] = index + 1
        self.record(array, line)
        path = f"{array}[{index}]"
        self.record(path, line)
        return path

    def scan(self) -> dict[str, int]:
        table = ""
        while True:
            self.skip_space(True)
            if self.pos >= len(self.text):
                return self.lines
            if self.peek() == "[":
                table = self.header()
            else:
                self.key_value(table)
            self.skip_space(False)
            if self.peek() == "#" or self.peek() == "\n":
                self.skip_to_line_end()


def _escaped(text: str, pos: int) -> bool:
    """Whether the character at ``pos`` is escaped by an odd run of backslashes."""
    count = 0
    while pos - count - 1 >= 0 and text[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def key_lines(text: str) -> dict[str, int]:
    """The line (from 1) of every key path written in ``text``, a TOML document that
    :mod:`tomllib` accepts.

    Paths are the loader's: keys joined by ``.``, elements of arrays (of tables, or inline)
    as ``[i]``, counted in this text. A key given twice over (as a dotted key and in a table)
    keeps its first line.
    """
    return _Scanner(text).scan()


def split_path(path: str) -> list[str]:
    """A key path in segments: ``"a[1].b"`` is ``["a", "[1]", ".b"]``."""
    return list(_SEGMENT.findall(path))


def line_of(lines: dict[str, int], path: str) -> int | None:
    """The line of ``path``, or of its longest prefix that was written; ``None`` for none.

    A missing key is placed at the table it is missing from.
    """
    segments = split_path(path)
    for end in range(len(segments), 0, -1):
        prefix = "".join(segments[:end]).lstrip(".")
        if prefix in lines:
            return lines[prefix]
    return None
