"""Read documents from disk or stdin into :class:`Document`: finds nothing, decides nothing."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

STDIN = "-"


@dataclass(frozen=True)
class Document:
    """A document's text (decoded UTF-8), where it came from and its sha256."""

    path: str
    text: str
    sha256: str

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> "Document":
        """Wrap text that is already in memory.

        >>> Document.from_text("abc").sha256[:8]
        'ba7816bf'
        """
        return cls(path=path, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def decode(data: bytes, path: str) -> str:
    """UTF-8 text (a BOM is dropped); raise :class:`InputError` for empty or binary data."""
    if not data.strip():
        raise InputError(f"{path}: empty file")
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc


def read_document(path: str) -> Document:
    """Read one document; ``-`` reads standard input."""
    if path == STDIN:
        return Document.from_text(decode(sys.stdin.buffer.read(), "<stdin>"), "<stdin>")
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    return Document.from_text(decode(data, path), path)


def expand(paths: list[str]) -> list[str]:
    """Files to read, sorted and once each: files as given, every ``*.txt`` below a folder, ``-`` for stdin.

    Records come out in this order, so output does not depend on the order of
    the arguments. A path that does not exist is kept, so reading it reports
    the problem.
    """
    out: set[str] = set()
    for path in paths:
        folder = Path(path)
        if path != STDIN and folder.is_dir():
            out.update(str(p) for p in folder.rglob("*.txt") if p.is_file())
        else:
            out.add(path)
    return sorted(out)
