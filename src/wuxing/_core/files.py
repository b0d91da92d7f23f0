"""Reading and writing text files: the one place the library touches the file system.

The document layer re-exports these as :func:`wuxing.io.read_text` and friends; the ruleset
loader reads TOML files through them too.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["read_text", "write_text"]


def read_text(path: str | Path) -> str:
    """The text of a UTF-8 file."""
    return Path(path).read_text(encoding="utf-8")


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to a UTF-8 file."""
    Path(path).write_text(text, encoding="utf-8")
