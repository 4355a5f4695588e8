"""Flat rows for spreadsheets: one fact (or one timeline entry) a row, columns with stable names.

Nested fields are flattened with an underscore (``date.start`` becomes
``date_start``), lists are joined with ``;``, ``null`` is an empty cell and
booleans are ``true``/``false``. CSV is written with ``\\n`` line ends and
minimal quoting, so the same facts always give the same bytes.

A text cell that a spreadsheet would run as a formula (it starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return: text copied from web pages
can) is written with a leading ``'``, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from .records import Fact

#: the columns of ``powfacts extract --format csv``, in order; their names never change
FACT_COLUMNS: tuple[str, ...] = (
    "id",
    "measure",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "per_side",
    "status",
    "population",
    "nationality",
    "date_start",
    "date_end",
    "date_text",
    "figure_text",
    "figure_start",
    "figure_end",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "source_path",
    "source_sha256",
    "source_published",
    "source_language",
    "source_url",
    "source_title",
    "source_outlet",
    "source_format",
    "source_encoding",
    "source_page",
    "rules",
    "kind",  # added in 1.1, last so that scripts reading columns by position keep working
)

#: the columns of ``powfacts timeline --format csv``, in order
ENTRY_COLUMNS: tuple[str, ...] = (
    "entry",
    "kind",
    "date_start",
    "date_end",
    "measure",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "per_side",
    "status",
    "population",
    "nationality",
    "mentions",
    "documents",
    "facts",
    "conflicts",
)

#: free-text columns, guarded against spreadsheet formulas
TEXT_COLUMNS = frozenset({"date_text", "figure_text", "evidence_text", "source_path", "source_url", "source_title", "source_outlet", "documents"})
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = ";"


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A nested record as one level of ``parent_child`` keys.

    A nested record that is ``None`` (a fact without a date) stays one key, so
    the columns below it are empty.

    >>> flatten({"a": 1, "date": {"start": "2025", "end": None}, "b": None})
    {'a': 1, 'date_start': '2025', 'date_end': None, 'b': None}
    """
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}_"))
        else:
            flat[name] = value
    return flat


def cell(value: Any, column: str = "") -> str:
    """One value as CSV cell text.

    >>> [cell(None), cell(True), cell(4757), cell(95.5), cell(["a", "b"]), cell("=1+1", "evidence_text")]
    ['', 'true', '4757', '95.5', 'a;b', "'=1+1"]
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell(v) for v in value)
    text = str(value)
    if column in TEXT_COLUMNS and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def fact_row(fact: Fact | Mapping[str, Any]) -> list[str]:
    """One fact (a :class:`Fact` or its JSON dict) as cells in :data:`FACT_COLUMNS` order."""
    record = fact.model_dump(mode="json") if isinstance(fact, Fact) else fact
    flat = flatten(record)
    return [cell(flat.get(column), column) for column in FACT_COLUMNS]


def entry_row(entry: Mapping[str, Any]) -> list[str]:
    """One timeline entry (the dict of :meth:`powfacts.timeline.Entry.as_dict`) as cells in :data:`ENTRY_COLUMNS` order."""
    citations = entry["citations"]
    date = entry.get("date") or {}
    flat = {
        **{k: v for k, v in entry.items() if k not in ("date", "citations", "conflicts", "id")},
        "entry": entry["id"],
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "mentions": len(citations),
        "documents": sorted({c["path"] for c in citations}),
        "facts": [c["fact"] for c in citations],
        "conflicts": entry["conflicts"],
    }
    return [cell(flat.get(column), column) for column in ENTRY_COLUMNS]


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A header line and the rows, as CSV text (``\\n`` line ends)."""
    buffer = io.StringIO()
    write_csv(buffer, columns, rows)
    return buffer.getvalue()


def write_csv(handle: IO[str], columns: Sequence[str], rows: Iterable[Sequence[str]], header: bool = True) -> int:
    """Write the header line (unless ``header`` is false) and the rows to ``handle``; return the row count.

    Open files with ``newline=""`` (or use :func:`powfacts.writers.atomic_text`)
    so line ends stay ``\\n``; ``header=False`` lets a caller stream several
    batches into one table.
    """
    writer = csv.writer(handle, lineterminator="\n")
    if header:
        writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def write_facts_csv(handle: IO[str], facts: Iterable[Fact | Mapping[str, Any]], header: bool = True) -> int:
    """Write facts as CSV rows in :data:`FACT_COLUMNS` order (header line first unless ``header`` is false)."""
    return write_csv(handle, FACT_COLUMNS, (fact_row(f) for f in facts), header)


def csv_line(columns: Sequence[str], row: Sequence[str]) -> str:
    """One CSV line (without its line end), quoted as :func:`write_csv` quotes.

    >>> csv_line(("a", "b"), ["x", "y, z"])
    'x,"y, z"'
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    return buffer.getvalue().removesuffix("\n")


def fact_line(fact: Fact | Mapping[str, Any]) -> str:
    """One fact as a CSV line in :data:`FACT_COLUMNS` order."""
    return csv_line(FACT_COLUMNS, fact_row(fact))


def header_line() -> str:
    """The CSV header of a facts table."""
    return csv_line(FACT_COLUMNS, FACT_COLUMNS)
