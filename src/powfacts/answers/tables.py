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

from powfacts.facts.records import Fact

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
    "said_by",  # added after kind, for the same reason
    "date_basis",  # where the date came from, added last for the same reason
    "date_span_text",
    "date_span_start",
    "date_span_end",
    "date_rule",
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

#: the columns of ``powfacts timeline --format csv``: the entry columns, then (added last, so that columns keep their
#: positions) the event a row belongs to, its sources (outlet, else title, else path; syndicated copies once) and
#: whether its number is derived (the sum of parts or stages, or a per-side figure)
TIMELINE_COLUMNS: tuple[str, ...] = ENTRY_COLUMNS + ("event", "source", "derived")

#: the columns of ``powfacts timeline --by month|year --format csv``
PERIOD_COLUMNS: tuple[str, ...] = ("period", "value", "events", "sources")

#: what a spreadsheet needs to read a CSV file as UTF-8 (Excel reads it as the local code page otherwise)
BOM = "\ufeff"

#: free-text columns, guarded against spreadsheet formulas
TEXT_COLUMNS = frozenset({"date_text", "date_span_text", "figure_text", "evidence_text", "source_path", "source_url", "source_title", "source_outlet", "documents", "source", "sources"})
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
    """One timeline entry (the dict of :meth:`powfacts.answers.timeline.Entry.as_dict`) as cells in :data:`TIMELINE_COLUMNS` order."""
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
        "source": sorted({c.get("outlet") or c.get("title") or c["path"] for c in citations}),
    }
    return [cell(flat.get(column), column) for column in TIMELINE_COLUMNS]


def event_rows(event: Any, timeline: Any = None) -> list[list[str]]:
    """One :class:`powfacts.answers.events.Event` as rows in :data:`TIMELINE_COLUMNS` order: one per measure and side.

    Sides are UA and RU (a per-side figure gives both, ``per_side`` true); a
    figure that names no side has a row only when the event has no UA or RU
    figure of that measure, so that summing a column counts each person once.
    ``entry`` is the timeline entry of the stated figure (empty when derived).
    """
    rows = []
    for figure in event.figures:
        if figure.side == "each":
            continue
        if figure.side == "-" and any(f.measure == figure.measure and f.side in ("UA", "RU") for f in event.figures):
            continue
        facts = figure.mentions()
        paths = sorted({f.source.path for f in facts})
        labels = sorted({g.label for g in event.sources if any(d.source.path in paths for d in g.documents)})
        entry = timeline.entry_of(figure.stated.mentions[0].id) if timeline is not None and figure.stated is not None else None
        side_conflicts = {figure.side, "each"} if figure.from_each else {figure.side}
        conflicts = []
        if timeline is not None:
            conflicts = [
                c.id
                for c in timeline.conflicts
                if c.event == event.id and any(claim["citations"] and _side_of_fact(event, claim["citations"][0]["fact"]) in side_conflicts for claim in c.claims)
                and any(_measure_of_fact(event, claim["citations"][0]["fact"]) == figure.measure for claim in c.claims)
            ]
        flat = {
            "entry": entry.id if entry is not None and not figure.derived else None,
            "kind": "event",
            "date_start": event.start,
            "date_end": event.end,
            "measure": figure.measure,
            "value": figure.value,
            "low": figure.low,
            "high": figure.high,
            "unit": figure.unit,
            "qualifier": figure.qualifier,
            "per_side": figure.from_each,
            "status": "reported",
            "population": figure.population,
            "nationality": figure.side if figure.side in ("UA", "RU") else None,
            "mentions": len(facts),
            "documents": paths,
            "facts": [f.id for f in facts],
            "conflicts": sorted(set(conflicts)),
            "event": event.id,
            "source": labels,
            "derived": figure.derived or figure.from_each,
        }
        rows.append([cell(flat.get(column), column) for column in TIMELINE_COLUMNS])
    return rows


def _side_of_fact(event: Any, fact_id: str) -> str | None:
    from powfacts.answers.events import side_of

    return next((side_of(m.fact) for m in event.mentions if m.fact.id == fact_id), None)


def _measure_of_fact(event: Any, fact_id: str) -> str | None:
    return next((m.fact.measure for m in event.mentions if m.fact.id == fact_id), None)


def period_rows(answer: Any) -> list[list[str]]:
    """A :class:`powfacts.answers.events.Answer` as rows in :data:`PERIOD_COLUMNS` order; events with no date last, period ``undated``, one row each."""
    rows = [[p.period, cell(p.value), cell([e.id for e, _, _ in p.events]), cell(p.sources, "sources")] for p in answer.periods]
    for event, value, _ in answer.undated:
        label = f"undated ({event.date_text})" if event.date_text else "undated"
        rows.append([label, cell(value), event.id, cell(sorted(g.label for g in event.sources), "sources")])
    return rows


def spreadsheet_text(text: str) -> str:
    """CSV text as a spreadsheet opens right: UTF-8 with a byte-order mark, so Cyrillic stays Cyrillic.

    >>> spreadsheet_text("a,b\\n").encode("utf-8")[:3]
    b'\\xef\\xbb\\xbf'
    """
    return text if text.startswith(BOM) else BOM + text


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A header line and the rows, as CSV text (``\\n`` line ends)."""
    buffer = io.StringIO()
    write_csv(buffer, columns, rows)
    return buffer.getvalue()


def write_csv(handle: IO[str], columns: Sequence[str], rows: Iterable[Sequence[str]], header: bool = True) -> int:
    """Write the header line (unless ``header`` is false) and the rows to ``handle``; return the row count.

    Open files with ``newline=""`` (or use :func:`powfacts.run.writers.atomic_text`)
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
