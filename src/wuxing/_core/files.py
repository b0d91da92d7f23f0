"""Reading and writing files: the one place the library touches the file system.

Input files are UTF-8, with or without a byte-order mark, unless another encoding is named
(``encoding="gb18030"`` for a file saved by a Chinese Windows program). Bytes that do not
decode are refused with a :class:`~wuxing.errors.ValidationError` that names the file and
suggests the encoding; a file larger than the limit given is refused before it is read.

The document layer re-exports these as :func:`wuxing.io.read_text` and friends; the ruleset
loader reads TOML files through them, the spreadsheet layer reads and writes workbooks (bytes)
and folders of CSV files through them too.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import Path

from wuxing.errors import Problem, ValidationError

__all__ = [
    "absolute",
    "decode",
    "list_files",
    "make_folder",
    "read_bytes",
    "read_text",
    "resolve_within",
    "write_bytes",
    "write_text",
]


def _refuse(source: str, code: str, message: str) -> ValidationError:
    return ValidationError([Problem("", code, message)], subject=source)


def read_bytes(path: str | Path, *, limit: int | None = None) -> bytes:
    """The bytes of a file; with ``limit``, a larger file is refused (code ``too_large``)
    before it is read."""
    file = Path(path)
    if limit is not None:
        size = file.stat().st_size
        if size > limit:
            raise _refuse(
                str(path), "too_large", f"{path} has {size:,} bytes; at most {limit:,} are read"
            )
    with file.open("rb") as stream:
        data = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise _refuse(str(path), "too_large", f"{path} has more than {limit:,} bytes")
    return data


def decode(data: bytes, *, encoding: str = "utf-8", source: str = "input") -> str:
    """Text from bytes in ``encoding``; a byte-order mark at the start is dropped.

    Raises:
        ValidationError: code ``bad_encoding`` when the bytes are not in ``encoding`` (naming
            ``source`` and suggesting gb18030), ``unknown_encoding`` for an unknown name.

    >>> decode("兴国县".encode("gb18030"), source="units.json")
    Traceback (most recent call last):
    ...
    wuxing.errors.ValidationError: units.json has 1 problem:
      (document): units.json is not UTF-8 text (byte 0 is 0xd0)...
    >>> decode("兴国县".encode("gb18030"), encoding="gb18030")
    '兴国县'
    """
    try:
        codec = codecs.lookup(encoding)
        if not getattr(codec, "_is_text_encoding", True):  # base64, rot13…: not text
            raise LookupError(encoding)
    except LookupError:
        raise _refuse(source, "unknown_encoding", f"no text encoding {encoding!r}") from None
    utf8 = codec.name == "utf-8"
    try:
        text = data.decode("utf-8-sig" if utf8 else codec.name)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if utf8 else codec.name
        hint = _hint(data) if utf8 else "give the encoding it was saved in"
        raise _refuse(
            source,
            "bad_encoding",
            f"{source} is not {name} text (byte {exc.start:,} is 0x{data[exc.start]:02x}); {hint}",
        ) from None
    return text.removeprefix("\ufeff")


def _hint(data: bytes) -> str:
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "it looks like UTF-16: read it with encoding 'utf-16' (--encoding utf-16)"
    return (
        "if a Chinese Windows program saved it, read it with encoding 'gb18030' "
        "(--encoding gb18030), or save it as UTF-8"
    )


def read_text(path: str | Path, *, encoding: str = "utf-8", limit: int | None = None) -> str:
    """The text of a file in ``encoding`` (UTF-8 by default, with or without a byte-order
    mark); see :func:`decode` and :func:`read_bytes`."""
    return decode(read_bytes(path, limit=limit), encoding=encoding, source=str(path))


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to a UTF-8 file."""
    Path(path).write_text(text, encoding="utf-8")


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
