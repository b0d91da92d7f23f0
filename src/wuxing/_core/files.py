"""Reading and writing files: the one place the library touches the file system.

The document layer re-exports these as :func:`wuxing.io.read_text` and friends; the ruleset
loader reads TOML files through them, the spreadsheet layer reads and writes workbooks (bytes)
and folders of CSV files through them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "absolute",
    "list_files",
    "make_folder",
    "read_bytes",
    "read_text",
    "resolve_within",
    "write_bytes",
    "write_text",
]


def read_text(path: str | Path) -> str:
    """The text of a UTF-8 file."""
    return Path(path).read_text(encoding="utf-8")


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to a UTF-8 file."""
    Path(path).write_text(text, encoding="utf-8")


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a file."""
    return Path(path).read_bytes()


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to a file."""
    Path(path).write_bytes(data)


def list_files(folder: str | Path, suffix: str) -> list[Path]:
    """The files directly in ``folder`` whose name ends with ``suffix``, sorted by name.

    Raises:
        NotADirectoryError: ``folder`` is not a folder.
    """
    base = Path(folder)
    if not base.is_dir():
        raise NotADirectoryError(20, "Not a folder", str(base))
    return sorted(p for p in base.iterdir() if p.is_file() and p.name.endswith(suffix))


def make_folder(folder: str | Path) -> None:
    """Create ``folder`` (and its parents) unless it exists."""
    Path(folder).mkdir(parents=True, exist_ok=True)


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
