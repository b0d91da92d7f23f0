"""Reading and writing text files: the one place the library touches the file system.

The document layer re-exports these as :func:`wuxing.io.read_text` and friends; the ruleset
loader reads TOML files through them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = ["absolute", "read_text", "resolve_within", "write_text"]


def read_text(path: str | Path) -> str:
    """The text of a UTF-8 file."""
    return Path(path).read_text(encoding="utf-8")


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to a UTF-8 file."""
    Path(path).write_text(text, encoding="utf-8")


def absolute(path: str | Path) -> Path:
    """``path`` made absolute, with ``..`` and symbolic links resolved."""
    return Path(path).resolve()


def resolve_within(path: str | Path, roots: Sequence[str | Path]) -> Path | None:
    """``path`` made absolute with every symbolic link followed, or ``None`` when the result
    lies outside all of ``roots`` (themselves resolved the same way).

    ``..`` and links are resolved before the check, so neither can climb out of a root.
    """
    target = Path(path).resolve()
    for root in roots:
        if target.is_relative_to(Path(root).resolve()):
            return target
    return None
