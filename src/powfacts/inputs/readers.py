"""Read documents from disk or stdin into :class:`Document`: finds nothing, decides nothing.

A document is text files (``.txt``, ``.md``) in any common encoding, HTML
pages and PDFs. The format is told by the content (``%PDF-``, markup), not by
the file's name; see :mod:`powfacts.inputs.formats` for how each is read.
``Document.text`` is exactly the text that records' offsets index into.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import os
import stat
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from powfacts.errors import InputError
from powfacts.inputs.formats.encodings import decode_bytes, decode_html
from powfacts.inputs.formats.sniff import HEAD, Format, is_html, is_pdf, sniff

STDIN = "-"

#: what a folder run reads; other files below a folder are skipped and counted
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")


@dataclass(frozen=True)
class Document:
    """A document's text (decoded), where it came from, its sha256 and what is known about it.

    ``sha256`` is the hash of ``text`` encoded as UTF-8 (not of the file's
    bytes), so a record's id does not change when the same text is saved in
    another encoding or format. ``pages`` holds ``(start offset, page
    number)`` for each page of a PDF, sorted; see :func:`page_at`.
    """

    path: str
    text: str
    sha256: str
    format: Format = "text"
    encoding: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    pages: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = ()  # parts of the file that could not be read ("x.pdf: page 3 unreadable ...")

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", **metadata) -> "Document":
        """Wrap text that is already in memory; ``metadata`` sets the other fields.

        >>> Document.from_text("abc").sha256[:8]
        'ba7816bf'
        >>> Document.from_text("abc", "a.html", format="html", title="A").title
        'A'
        """
        return cls(path=path, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), **metadata)

    def with_metadata(self, **changes) -> "Document":
        """A copy with some metadata fields changed (``text``, and so ``sha256``, stay).

        >>> Document.from_text("abc").with_metadata(url="https://example.org").url
        'https://example.org'
        """
        if "text" in changes or "sha256" in changes:
            raise ValueError("with_metadata changes metadata only; use Document.from_text for new text")
        return replace(self, **changes)


def page_at(document: Document, offset: int) -> int | None:
    """The page on which the character at ``offset`` stands; ``None`` for documents without pages.

    >>> doc = Document.from_text("one\\n\\ntwo", "x.pdf", format="pdf", pages=((0, 1), (5, 2)))
    >>> page_at(doc, 0), page_at(doc, 4), page_at(doc, 5), page_at(Document.from_text("x"), 0)
    (1, 1, 2, None)
    """
    if not document.pages:
        return None
    i = bisect.bisect_right(document.pages, (offset, float("inf"))) - 1
    return document.pages[max(i, 0)][1]


def decode(data: bytes, path: str) -> str:
    """The text of a text file's bytes in any common encoding; :class:`InputError` for empty, binary or undecidable data."""
    return decode_bytes(data, path).text


def from_bytes(data: bytes, path: str) -> Document:
    """A document from a file's bytes, its format told by the content; ``path`` names it in records and errors."""
    from powfacts.inputs.formats.pdf import read_pdf

    if is_pdf(data):
        pdf = read_pdf(data, path)
        return Document.from_text(pdf.text, path, format="pdf", title=pdf.title, pages=pdf.pages, warnings=pdf.warnings)
    if is_html(data, path):
        from powfacts.inputs.formats.html import read_html

        decoded = decode_html(data, path)
        page = read_html(decoded.text, path)
        return Document.from_text(
            page.text, path, format="html", encoding=decoded.encoding,
            url=page.url, title=page.title, outlet=page.outlet, published=page.published,
        )
    decoded = decode_bytes(data, path)
    return Document.from_text(decoded.text, path, format="text", encoding=decoded.encoding)


def read_bytes(path: str) -> bytes:
    """The bytes of a file; every problem is an :class:`InputError` ``<path>: <reason>``."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc


def read_document(path: str) -> Document:
    """Read one document (text, HTML or PDF); ``-`` reads standard input."""
    if path == STDIN:
        return from_bytes(sys.stdin.buffer.read(), "<stdin>")
    return from_bytes(read_bytes(path), path)


@dataclass(frozen=True)
class Expansion:
    """The documents a run reads (sorted, once each) and the other files found below its folders."""

    files: list[str]
    skipped: list[str]


def is_document_name(path: str) -> bool:
    """Whether a folder run reads a file by its name alone.

    >>> is_document_name("a/b.PDF"), is_document_name("notes.md"), is_document_name("facts.jsonl")
    (True, True, False)
    """
    return path.lower().endswith(DOCUMENT_SUFFIXES)


def _looks_like_document(path: str) -> bool:
    """A file with another name whose content is a PDF or an HTML page (``page.php``, ``download``)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD)
    except OSError:
        return False
    return sniff(head, path) != "text"


def _walk(folder: str) -> tuple[list[str], list[str]]:
    """Documents and other files below ``folder``.

    What cannot be read as a regular file (a broken symlink, a symlink loop,
    a symlink to a folder, a FIFO, a socket, a device, a folder that cannot
    be entered) is listed with the documents, so the batch names it with its
    reason; it is never opened here.
    """
    found: list[str] = []
    skipped: list[str] = []

    def unreadable(error: OSError) -> None:
        if error.filename is not None and str(error.filename) != folder:
            found.append(str(Path(error.filename)))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in dirs:
            path = str(Path(root, name))
            if os.path.islink(path):  # os.walk does not follow it: say so
                found.append(path)
        for name in files:
            if name.startswith("."):
                continue
            path = str(Path(root, name))  # normalised as pathlib writes it ("./a/" -> "a")
            try:
                regular = stat.S_ISREG(os.stat(path).st_mode)
            except OSError:
                regular = False  # broken symlink, loop: named by the batch
            if not regular:
                found.append(path)
                continue
            (found if is_document_name(name) or _looks_like_document(path) else skipped).append(path)
    return found, skipped


def scan(paths: list[str]) -> Expansion:
    """Files to read and files skipped: files as given, documents below a folder, ``-`` for stdin.

    Below a folder, a document is a ``.txt``, ``.md``, ``.html``, ``.htm`` or
    ``.pdf`` file (any case), or a file of another name whose content is a PDF
    or an HTML page; every other file is skipped (and counted by the CLI).
    Hidden files and folders (a name starting with ``.``) are neither read nor
    counted. A path that does not exist is kept, so reading it reports the
    problem. Records come out in this order, so output does not depend on the
    order of the arguments.
    """
    out: set[str] = set()
    skipped: set[str] = set()
    for path in paths:
        if path != STDIN and Path(path).is_dir():
            found, other = _walk(path)
            out.update(found)
            skipped.update(other)
        else:
            out.add(path)
    return Expansion(files=sorted(out), skipped=sorted(skipped - out))


def expand(paths: list[str]) -> list[str]:
    """Files to read, sorted and once each (see :func:`scan`, which also lists the files skipped)."""
    return scan(paths).files
