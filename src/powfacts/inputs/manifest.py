"""Metadata from outside the documents: a CSV (or TSV) file with one row a document.

Researchers keep a spreadsheet of where each article came from; scrapers
write one. Columns (names in any case; other columns are ignored):

| column | meaning | also accepted as |
|---|---|---|
| ``path`` (required) | the document, relative to the manifest's folder or as given on the command line | ``file``, ``filename`` |
| ``url`` | where the document was found | |
| ``title`` | its title | |
| ``published`` | its publication date, ``YYYY-MM-DD`` (a full ISO date-time is cut to its day) | ``publication_date``, ``date`` |
| ``outlet`` | who published it | ``site``, ``site_name`` |
| ``language`` | its language (``en``, ``uk``, ``ru`` ...), which picks the patterns | ``lang`` |

An empty cell says nothing. Values in the manifest win over what the reader
found in the document (see :func:`apply`); the command line wins over both
(the caller's business). A bad manifest stops the run before any document is
read: :class:`~powfacts.errors.UsageError` with ``file:line``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass, fields
from pathlib import Path

from powfacts.errors import InputError, UsageError
from powfacts.inputs.formats.encodings import decode_bytes
from powfacts.inputs.readers import Document

#: column name (lower case) → field; the first name of each field is the one the README documents
COLUMNS: dict[str, str] = {
    "path": "path", "file": "path", "filename": "path",
    "url": "url",
    "title": "title",
    "published": "published", "publication_date": "published", "date": "published",
    "outlet": "outlet", "site": "outlet", "site_name": "outlet",
    "language": "language", "lang": "language",
}
DELIMITERS = (",", "\t", ";")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class ManifestRow:
    """One row: the metadata of one document (``None`` where the cell is empty) and where it stands."""

    path: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    language: str | None = None
    source: str = ""  # "manifest.csv:4", for messages


class Manifest(dict[str, ManifestRow]):
    """Rows keyed by normalised absolute path (see :func:`key`); :meth:`row_for` finds a document's row."""

    def __init__(self, rows: dict[str, ManifestRow] | None = None, path: str = "", ignored_columns: tuple[str, ...] = ()):
        super().__init__(rows or {})
        self.path = path
        self.ignored_columns = ignored_columns

    def row_for(self, path: str) -> ManifestRow | None:
        """The row of a document path as read (relative to the working folder, or absolute)."""
        if path == "-" or path.startswith("<"):
            return None
        return self.get(key(path))


def key(path: str | Path, base: str | Path | None = None) -> str:
    """A path made absolute (against ``base``, else the working folder), normalised, symlinks resolved.

    >>> key("b/../a.txt", "/nonexistent")
    '/nonexistent/a.txt'
    """
    path = Path(path).expanduser()
    if not path.is_absolute():
        path = Path(base or os.getcwd()) / path
    return os.path.realpath(path)


def _date(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise UsageError(f"{where}: published {value!r}: expected YYYY-MM-DD") from None


def _language(value: str, where: str) -> str:
    code = value.strip().lower().replace("_", "-").split("-")[0]
    if not _LANGUAGE.match(code):
        raise UsageError(f"{where}: language {value!r}: expected a language code such as en, uk or ru")
    return code


def _dialect(header: str, where: str) -> str:
    for delimiter in DELIMITERS:
        names = [c.strip().lower() for c in next(csv.reader([header], delimiter=delimiter))]
        if any(COLUMNS.get(name) == "path" for name in names):
            return delimiter
    raise UsageError(f"{where}: no 'path' column (the first line names the columns: path, url, title, published, outlet, language)")


def parse_manifest(text: str, name: str, base: str | Path) -> Manifest:
    """Parse manifest text; ``name`` names it in messages, ``base`` resolves its relative paths."""
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), None)
    if header is None:
        raise UsageError(f"{name}: empty manifest")
    delimiter = _dialect(header, f"{name}:{lines.index(header) + 1}")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    columns: dict[int, str] = {}
    ignored: list[str] = []
    rows: dict[str, ManifestRow] = {}
    as_written: dict[str, ManifestRow] = {}
    for record in _records(reader, name):
        where = f"{name}:{reader.line_num}"
        if not columns:
            if not any(cell.strip() for cell in record):
                continue
            for i, cell in enumerate(record):
                field = COLUMNS.get(cell.strip().lower())
                if field is None:
                    ignored.append(cell.strip())
                elif field in columns.values():
                    raise UsageError(f"{where}: two columns for {field!r}")
                else:
                    columns[i] = field
            continue
        if not any(cell.strip() for cell in record):
            continue  # blank rows at the end of a spreadsheet
        values: dict[str, str] = {}
        for i, cell in enumerate(record):
            if i in columns and cell.strip():
                values[columns[i]] = " ".join(cell.split()) if columns[i] != "path" else cell.strip()
        if "path" not in values:
            raise UsageError(f"{where}: empty path")
        row = ManifestRow(
            path=values["path"],
            url=values.get("url"),
            title=values.get("title"),
            published=_date(values["published"], where) if "published" in values else None,
            outlet=values.get("outlet"),
            language=_language(values["language"], where) if "language" in values else None,
            source=where,
        )
        resolved = key(row.path, base)
        if resolved in rows:
            raise UsageError(f"{where}: {row.path!r} is already on line {_line(rows[resolved].source)}")
        rows[resolved] = row
        as_written.setdefault(key(row.path), row)
    merged = {**as_written, **rows}  # a path resolved against the manifest's folder wins
    return Manifest(dict(sorted(merged.items())), path=name, ignored_columns=tuple(c for c in ignored if c))


def _records(reader, name: str):
    """The reader's rows; a quote left open (which would swallow every line after it) or a stray quote is a :class:`UsageError` with its line."""
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            why = "a quote opened here is never closed" if "end of data" in str(exc) or "EOF" in str(exc) else str(exc)
            raise UsageError(f"{name}:{start}: {why}") from None
        start = reader.line_num + 1
        yield record


def read_manifest(path: str | Path) -> Manifest:
    """Read a manifest file (CSV, or TSV/semicolons as spreadsheets save them; any common encoding).

    Each row is reachable by its path resolved against the manifest's folder
    and by its path as written (against the working folder), so both
    ``powfacts extract docs/ --manifest docs/sources.csv`` with ``path`` =
    ``a.html`` and a manifest listing ``docs/a.html`` beside the working folder work.
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{name}: no such manifest file") from None
    except IsADirectoryError:
        raise UsageError(f"{name}: manifest is a directory") from None
    except OSError as exc:
        raise UsageError(f"{name}: cannot read the manifest ({exc.strerror})") from None
    try:
        text = decode_bytes(data, name).text
    except InputError as exc:
        raise UsageError(str(exc)) from None
    return parse_manifest(text, name, Path(path).absolute().parent)


def check_languages(manifest: Manifest, available: list[str] | tuple[str, ...]) -> None:
    """Raise :class:`UsageError` (``file:line``) for a row whose language powfacts has no patterns for."""
    for row in sorted(manifest.values(), key=lambda r: _line(r.source)):
        if row.language is not None and row.language not in available:
            raise UsageError(f"{row.source}: no patterns for language {row.language!r} (have: {', '.join(available)})")


def _line(source: str) -> int:
    return int(source.rsplit(":", 1)[1])


def apply(document: Document, row: ManifestRow | None) -> Document:
    """The document with the row's non-empty values in place of its own (``path`` and text stay).

    >>> row = ManifestRow(path="a.html", outlet="Kyiv Wire", published=dt.date(2025, 6, 4))
    >>> doc = apply(Document.from_text("x", "a.html", outlet="kyivwire.example", title="T"), row)
    >>> doc.outlet, doc.title, doc.published
    ('Kyiv Wire', 'T', datetime.date(2025, 6, 4))
    """
    if row is None:
        return document
    changes = {
        f.name: getattr(row, f.name)
        for f in fields(row)
        if f.name not in ("path", "source") and getattr(row, f.name) is not None
    }
    return document.with_metadata(**changes) if changes else document
