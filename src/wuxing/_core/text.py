"""Text in and out: which characters a value may hold, whether a name shows anything, short
descriptions of values for messages, and escaping for terminals.

Names and free text may hold any character except the control characters (C0 and C1, other
than tab and newline), lone surrogates (which no file can encode) and the bidirectional
embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), with which a name
can make a printed line read differently from what it holds. A name must also show at least
one visible character: spaces, zero-width characters, combining marks on their own and the
Hangul and Braille fillers do not count.

Whatever the library did not refuse and still cannot be shown safely (format characters,
unassigned code points, line separators) is escaped by :func:`escape_unprintable` before it
reaches a terminal.
"""

from __future__ import annotations

import re
import reprlib
import unicodedata
from typing import Final

__all__ = [
    "REFUSED",
    "a_kind",
    "describe",
    "escape_unprintable",
    "has_visible",
    "refused_character",
]

REFUSED: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""The characters no text may hold (see the module's description)."""

# Letters and symbols that render as blank space.
_BLANK: Final = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800\u180e\u17b4\u17b5\u034f\u3000\ufeff\u200b\u2060"
)


def refused_character(text: str) -> str | None:
    """The first character ``text`` may not hold, described (``"U+001B, a control
    character"``), or ``None``.

    >>> refused_character("高兴镇\\x1b[2J"), refused_character("高兴镇\\t(镇)\\n")
    ('U+001B, a control character', None)
    """
    found = REFUSED.search(text)
    if found is None:
        return None
    ch = found.group()
    point = ord(ch)
    if 0xD800 <= point <= 0xDFFF:
        kind = "a lone surrogate, which no file can encode"
    elif point >= 0x202A:
        kind = "a bidirectional control, which reorders the printed line"
    else:
        kind = "a control character"
    return f"U+{point:04X}, {kind}"


def has_visible(text: str) -> bool:
    """Whether ``text`` shows at least one visible character.

    >>> has_visible("李明"), has_visible(" \\u200b\\u3000"), has_visible("\\u3164")
    (True, False, False)
    """
    for ch in text:
        if ch.isspace() or ch in _BLANK:
            continue
        if unicodedata.category(ch)[0] not in "ZCM":
            return True
    return False


_SHORT: Final = reprlib.Repr()
_SHORT.maxstring = 60
_SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = _SHORT.maxfrozenset = 4
_SHORT.maxlevel = 2
_SHORT.maxlong = 40


def describe(value: object) -> str:
    """A short description of ``value`` for a message: a string or number as written (a long
    one cut), an object or array by its size only — never its contents, which may hold a
    value no message may show (a resident ID number in a misplaced record).

    >>> describe("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
    >>> describe({"id": "p1", "resident_id": "36073219850101001X"}), describe([1, 2, 3])
    ('an object of 2 fields', 'an array of 3 elements')
    """
    if value is None or type(value) is bool:
        return repr(value)
    if type(value) is str and len(value) <= 60:  # the common cases, without reprlib
        return repr(value)
    if type(value) is int and -(10**40) < value < 10**40:
        return repr(value)
    if isinstance(value, dict):
        return f"an object of {len(value):,} field{'s' if len(value) != 1 else ''}"
    if isinstance(value, list | tuple | set | frozenset):
        return f"an array of {len(value):,} element{'s' if len(value) != 1 else ''}"
    try:
        return _SHORT.repr(value)
    except Exception:  # a value whose own repr fails still gets a description
        return f"<{type(value).__name__}>"


def a_kind(value: object) -> str:
    """The kind of a value with its article, for a message that must not show the value.

    >>> a_kind(360732198501010010), a_kind("x")
    ('an int', 'a str')
    """
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def _escape(ch: str) -> str:
    point = ord(ch)
    if point > 0xFFFF:  # as a surrogate pair, so that JSON output stays JSON
        point -= 0x10000
        return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"
    return f"\\u{point:04x}"


def _shown(ch: str) -> bool:
    return ch.isprintable() or ch in "\t\n" or unicodedata.category(ch) == "Zs"


def escape_unprintable(text: str) -> str:
    """``text`` with every character a terminal would act on or not show written as a
    ``\\uXXXX`` escape (also valid inside a JSON string); tab and newline are kept.

    >>> escape_unprintable("潋江镇\\x1b]0;x\\x07\\n")
    '潋江镇\\\\u001b]0;x\\\\u0007\\n'
    """
    if text.isprintable():
        return text
    return "\n".join(
        line if line.isprintable() else "".join(ch if _shown(ch) else _escape(ch) for ch in line)
        for line in text.split("\n")
    )
