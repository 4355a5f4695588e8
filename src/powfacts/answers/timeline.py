"""From loose facts to a timeline: merged mentions, ordered by date, with the conflicts between sources.

- **Merging.** Facts with the same measure, value or range, unit, qualifier,
  per-side flag, status, population, nationality and date (start and end)
  are one :class:`Entry`, which cites every mention, from any document or
  place.
- **Kinds**, from each fact's ``kind`` (:mod:`powfacts.facts.kinds`):
  ``cumulative`` (a running total up to a date), ``state`` (``held``,
  ``missing``, percentages: they may go up or down), ``period_total`` (a count
  for a stated month, year or stretch) and ``event`` (one occurrence).
  Records without a kind are given one as :mod:`powfacts.facts.kinds` would.
- **Events** (:mod:`powfacts.answers.events`): the reported transfers (released,
  exchanges, bodies returned) of kind ``event`` are grouped into real-world
  occurrences, within and across documents, each with its number per side,
  its parts and every mention; only events are summed
  (:func:`powfacts.answers.events.answer`).
- **Conflicts.** An ``event`` conflict: two figures for the same quantity of
  one event that cannot both hold (see :mod:`powfacts.answers.events`; never a part
  against its total, nor a per-side figure against one side's). A
  ``disagreement``: two other entries (totals, states, period totals, plans)
  from different documents give figures that cannot both hold (see
  :func:`bounds`) for the same measure, side, population, status and date. A
  ``decrease``: a cumulative total ends strictly after another of the same
  series (measure, side, population, start, the body credited with it
  (``said_by``, or none), and outlet where the records name one) but is
  strictly smaller; totals whose starts are both set and in different years
  are not compared, nor totals of two different outlets or bodies.

Everything is sorted, so the same facts always give the same timeline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from powfacts.errors import InputError, UsageError
from powfacts.facts.dates import period_bounds as period
from powfacts.facts.records import MEASURES, Fact

KINDS = ("cumulative", "state", "period_total", "event")
#: how far "about N" may stray from N before two figures disagree
APPROXIMATE = 0.10
NATIONALITIES = ("UA", "RU")


@dataclass(frozen=True)
class Citation:
    """One mention of an entry: the fact, its document and its characters."""

    fact: str
    path: str
    sha256: str
    published: str | None
    figure: dict
    evidence: dict
    date_text: str | None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    said_by: str | None = None

    def as_dict(self) -> dict:
        """The citation as plain JSON data."""
        return {
            "fact": self.fact,
            "path": self.path,
            "sha256": self.sha256,
            "published": self.published,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "figure": self.figure,
            "evidence": self.evidence,
            "date_text": self.date_text,
            "said_by": self.said_by,
        }


@dataclass(frozen=True)
class Entry:
    """One figure, as every source that states it: merged facts with their citations."""

    id: str
    kind: str
    measure: str
    value: float | int | None
    low: float | int | None
    high: float | int | None
    unit: str
    qualifier: str
    per_side: bool
    status: str
    population: str | None
    nationality: str | None
    start: str | None
    end: str | None
    citations: tuple[Citation, ...]
    conflicts: tuple[str, ...] = ()

    @property
    def dated(self) -> bool:
        """Whether the entry can be placed in time (its date has an end)."""
        return self.end is not None

    @property
    def documents(self) -> tuple[str, ...]:
        """The sha256 of every document that states the entry, sorted."""
        return tuple(sorted({c.sha256 for c in self.citations}))

    @property
    def outlets(self) -> frozenset[str]:
        """The outlets its records name (empty when none does)."""
        return frozenset(c.outlet for c in self.citations if c.outlet)

    @property
    def said_by(self) -> frozenset[str]:
        """Who its mentions say gives the figure, ``""`` for a mention that names no one."""
        return frozenset(c.said_by or "" for c in self.citations)

    @property
    def series(self) -> tuple:
        """What a figure is a figure of: measure, unit, status, side and population (not the date)."""
        return (self.measure, self.unit, self.status, self.per_side, self.nationality or "", self.population or "")

    def as_dict(self) -> dict:
        """The entry as plain JSON data, keys in a fixed order."""
        return {
            "id": self.id,
            "kind": self.kind,
            "date": {"start": self.start, "end": self.end} if self.start or self.end else None,
            "measure": self.measure,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "per_side": self.per_side,
            "status": self.status,
            "population": self.population,
            "nationality": self.nationality,
            "citations": [c.as_dict() for c in self.citations],
            "conflicts": list(self.conflicts),
        }


@dataclass(frozen=True)
class Conflict:
    """Two entries that cannot both be right; ``entries`` holds their ids (the earlier or first one first).

    An ``event`` conflict also names its event and both figures with their citations (``claims``).
    """

    id: str
    kind: str
    entries: tuple[str, str]
    message: str
    event: str | None = None
    claims: tuple[dict, ...] = ()

    def as_dict(self) -> dict:
        """The conflict as plain JSON data."""
        data = {"id": self.id, "kind": self.kind, "entries": list(self.entries), "message": self.message}
        if self.event is not None:
            data["event"] = self.event
            data["claims"] = list(self.claims)
        return data


@dataclass(frozen=True)
class Timeline:
    """Entries sorted by kind (cumulative, state, period_total, event) then date; the events; and the conflicts."""

    entries: tuple[Entry, ...]
    conflicts: tuple[Conflict, ...]
    events: tuple = ()  # powfacts.answers.events.Event, dated ones first

    def entry(self, entry_id: str) -> Entry:
        """The entry with this id."""
        return next(e for e in self.entries if e.id == entry_id)

    def points(self) -> list[Entry]:
        """The entries a chart over time shows: dated cumulative totals and states with a number."""
        return [e for e in self.entries if e.kind != "event" and e.dated and midpoint(e) is not None]

    def as_dict(self) -> dict:
        """The timeline as plain JSON data."""
        return {
            "entries": [e.as_dict() for e in self.entries],
            "events": [e.as_dict() for e in self.events],
            "conflicts": [c.as_dict() for c in self.conflicts],
        }

    def to_json(self) -> str:
        """The timeline as one JSON document (indented, ending in a newline)."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_csv(self) -> str:
        """One row per entry that no event stands for, then one per event, measure and side
        (:data:`powfacts.answers.tables.TIMELINE_COLUMNS`), as CSV text (no BOM: see :func:`powfacts.answers.tables.spreadsheet_text`)."""
        from powfacts.answers.tables import TIMELINE_COLUMNS, csv_text, entry_row, event_rows

        in_events = {m.fact.id for e in self.events for m in e.mentions}
        rows = [entry_row(e.as_dict()) for e in self.entries if not (e.kind == "event" and {c.fact for c in e.citations} <= in_events)]
        rows += [row for event in self.events for row in event_rows(event, self)]
        return csv_text(TIMELINE_COLUMNS, rows)

    def entry_of(self, fact_id: str) -> Entry | None:
        """The entry that cites this fact."""
        return next((e for e in self.entries for c in e.citations if c.fact == fact_id), None)


# -- reading -------------------------------------------------------------------


def load_facts(path: str | Path) -> list[Fact]:
    """Read a JSONL file of facts (``powfacts extract -o``); raise :class:`InputError` naming a bad line."""
    from powfacts.inputs.readers import read_bytes

    try:
        text = read_bytes(str(path)).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    facts = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            facts.append(Fact.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            detail = f"{where}: {first['msg']}" if where else first["msg"]
            raise InputError(f"{path}:{number}: not a powfacts record ({detail})") from exc
    return facts


def timeline_file(path: str | Path, measure: str | None = None, nationality: str | None = None) -> Timeline:
    """The timeline of a JSONL file of facts, optionally of one measure and one nationality."""
    return build(load_facts(path), measure=measure, nationality=nationality)


# -- building ------------------------------------------------------------------


def build(facts: Iterable[Fact], measure: str | None = None, nationality: str | None = None) -> Timeline:
    """Merge facts into entries, sort them and find their conflicts.

    ``measure`` and ``nationality`` (``UA`` or ``RU``, any case) keep only
    the facts of that measure or nationality; a value powfacts does not know
    raises :class:`UsageError`.
    """
    if measure is not None and measure not in MEASURES:
        raise UsageError(f"unknown measure {measure!r} (one of: {', '.join(MEASURES)})")
    if nationality is not None:
        if nationality.upper() not in NATIONALITIES:
            raise UsageError(f"unknown nationality {nationality!r} (one of: {', '.join(NATIONALITIES)})")
        nationality = nationality.upper()
    from powfacts.answers.events import build_events, makes_event

    facts = list(facts)
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in facts:
        if (measure and fact.measure != measure) or (nationality and fact.nationality != nationality and not fact.per_side):
            continue
        groups[merge_key(fact)].append(fact)
    entries = sorted((_entry(key, members) for key, members in groups.items()), key=_order)
    in_events = {f.id for f in facts if makes_event(f)}
    others = [e for e in entries if not {c.fact for c in e.citations} <= in_events]
    found = build_events(facts)
    events = [e for e in found.events if _keeps(e, measure, nationality)]
    kept = {e.id for e in events}
    entry_of = {c.fact: e.id for e in entries for c in e.citations}
    event_conflicts = [
        Conflict(
            id=c.id, kind="event", entries=(entry_of[c.first.facts[0].id], entry_of[c.second.facts[0].id]),
            message=c.message, event=c.event, claims=(c.first.as_dict(), c.second.as_dict()),
        )
        for c in found.conflicts
        if c.event in kept and c.first.facts[0].id in entry_of and c.second.facts[0].id in entry_of
    ]
    conflicts = sorted(event_conflicts + disagreements(others) + decreases(entries), key=lambda c: (c.kind, c.entries, c.id))
    events = [replace(e, conflicts=tuple(c.id for c in event_conflicts if c.event == e.id)) for e in events]
    involved: dict[str, list[str]] = defaultdict(list)
    for conflict in conflicts:
        for entry_id in conflict.entries:
            involved[entry_id].append(conflict.id)
    entries = [replace(e, conflicts=tuple(involved.get(e.id, ()))) for e in entries]
    return Timeline(entries=tuple(entries), conflicts=tuple(conflicts), events=tuple(events))


def _keeps(event, measure: str | None, nationality: str | None) -> bool:
    """Whether an event tells of this measure and side (a per-side figure counts for both sides)."""
    figures = [f for f in event.figures if measure is None or f.measure == measure]
    if measure == "exchanges" and event.type == "exchange":
        return True
    if nationality is not None:
        figures = [f for f in figures if f.side == nationality]
    return bool(figures)


def merge_key(fact: Fact) -> tuple:
    """The fields two mentions share when they state the same fact."""
    date = fact.date
    return (
        fact.measure,
        fact.value,
        fact.low,
        fact.high,
        fact.unit,
        fact.qualifier,
        fact.per_side,
        fact.status,
        fact.population,
        fact.nationality,
        date.start if date else None,
        date.end if date else None,
    )


def _entry(key: tuple, facts: list[Fact]) -> Entry:
    measure, value, low, high, unit, qualifier, per_side, status, population, nationality, start, end = key
    citations: dict[tuple, Citation] = {}
    for fact in facts:
        citation = Citation(
            fact=fact.id,
            path=fact.source.path,
            sha256=fact.source.sha256,
            published=fact.source.published,
            figure=fact.figure.model_dump(),
            evidence=fact.evidence.model_dump(),
            date_text=fact.date.text if fact.date else None,
            title=fact.source.title,
            outlet=fact.source.outlet,
            url=fact.source.url,
            said_by=fact.said_by,
        )
        citations[(citation.path, citation.figure["start"], citation.figure["end"], citation.fact)] = citation
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()
    return Entry(
        id=f"t-{digest[:12]}",
        kind=kind_of(facts),
        measure=measure,
        value=value,
        low=low,
        high=high,
        unit=unit,
        qualifier=qualifier,
        per_side=per_side,
        status=status,
        population=population,
        nationality=nationality,
        start=start,
        end=end,
        citations=tuple(citations[k] for k in sorted(citations)),
    )


def kind_of(facts: list[Fact]) -> str:
    """``cumulative``, ``state``, ``period_total`` or ``event`` for mentions of one entry (see the module's docstring).

    The fact's own kind (decided when it was made); for records written
    before kinds existed, the kind :mod:`powfacts.facts.kinds` gives their fields.
    """
    from powfacts.answers.events import fact_kind

    kind = fact_kind(facts[0])
    return {"running_total": "cumulative", "state": "state", "period_total": "period_total"}.get(kind, "event")


def _order(entry: Entry) -> tuple:
    end = period(entry.end) if entry.end else (dt.date.max, dt.date.max)
    start = period(entry.start)[0] if entry.start else dt.date.min
    low = entry.value if entry.value is not None else entry.low
    return (KINDS.index(entry.kind), end[0], end[1], start, entry.series, low if low is not None else -1, entry.qualifier, entry.id)


# -- figures -------------------------------------------------------------------


@dataclass(frozen=True)
class Bounds:
    """The values a figure allows: ``low`` to ``high``; an open end excludes its bound."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def below(self, other: "Bounds") -> bool:
        """Every value allowed here is smaller than every value allowed by ``other``."""
        return self.high < other.low or (self.high == other.low and (self.high_open or other.low_open))


def bounds(entry: Entry) -> Bounds:
    """What a figure allows, by its qualifier.

    Exact: the value (or the range); ``approximately``: 10% either side;
    ``at_least``/``more_than``: the value and up; ``at_most``/``less_than``:
    zero to the value.

    >>> e = Entry("t", "event", "released", 100, None, None, "people", "more_than", False, "reported", None, None, None, None, ())
    >>> bounds(e)
    Bounds(low=100, high=inf, low_open=True, high_open=False)
    """
    if entry.value is not None:
        low = high = entry.value
    elif entry.low is not None and entry.high is not None:
        low, high = entry.low, entry.high
    else:
        return Bounds(-math.inf, math.inf)
    q = entry.qualifier
    if q == "approximately":
        return Bounds(low * (1 - APPROXIMATE), high * (1 + APPROXIMATE))
    if q in ("at_least", "more_than"):
        return Bounds(low, math.inf, low_open=q == "more_than")
    if q in ("at_most", "less_than"):
        return Bounds(0, high, high_open=q == "less_than")
    return Bounds(low, high)


def midpoint(entry: Entry) -> float | int | None:
    """The number a chart draws for an entry: the value, or the middle of a range."""
    if entry.value is not None:
        return entry.value
    if entry.low is not None and entry.high is not None:
        return (entry.low + entry.high) / 2
    return None


def figure_text(entry: Entry) -> str:
    """The figure as a reader says it: ``more than 7,000``, ``15–20%``, ``about 1,000 each side``.

    >>> e = Entry("t", "event", "torture", None, 15, 20, "percent", "approximately", False, "reported", None, None, None, None, ())
    >>> figure_text(e)
    'about 15–20%'
    """
    words = {"exact": "", "approximately": "about ", "at_least": "at least ", "more_than": "more than ", "at_most": "up to ", "less_than": "almost "}
    if entry.value is not None:
        number = _number(entry.value)
    elif entry.low is not None and entry.high is not None:
        number = f"{_number(entry.low)}–{_number(entry.high)}"
    else:
        number = "?"
    if entry.unit == "percent":
        number += "%"
    return f"{words.get(entry.qualifier, '')}{number}{' each side' if entry.per_side else ''}"


def _number(value: float | int) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def side_text(entry: Entry) -> str:
    """Whose people: ``UA``, ``RU``, ``each side`` or ``-``."""
    return "each side" if entry.per_side else entry.nationality or "-"


def date_text(entry: Entry) -> str:
    """The entry's date for a reader: ``2025-05-06``, ``2025-05-23 → 2025-05-25``, ``since 2022-02-24, as of 2025-06-04``,
    ``as of 2025-05``, or ``no date``."""
    if entry.start and entry.end:
        if entry.start == entry.end:
            return entry.start
        return f"since {entry.start}, as of {entry.end}" if entry.kind == "cumulative" else f"{entry.start} → {entry.end}"
    if entry.end:
        return f"as of {entry.end}"
    if entry.start:
        return f"since {entry.start}"
    return "no date"


def label(entry: Entry) -> str:
    """Measure, side and population in a few words: ``released UA pow``, ``held RU``."""
    parts = [entry.measure, side_text(entry) if entry.per_side or entry.nationality else ""]
    parts += [entry.population or "", "planned" if entry.status == "planned" else ""]
    return " ".join(p for p in parts if p)


# -- conflicts -----------------------------------------------------------------


def _conflict(kind: str, first: Entry, second: Entry, message: str) -> Conflict:
    digest = hashlib.sha256(f"{kind}:{first.id}:{second.id}".encode()).hexdigest()
    return Conflict(id=f"c-{digest[:12]}", kind=kind, entries=(first.id, second.id), message=message)


def _where(entry: Entry) -> str:
    return ", ".join(sorted({c.path for c in entry.citations}))


def disagreements(entries: Iterable[Entry]) -> list[Conflict]:
    """Pairs of entries, stated by different documents, whose figures cannot both hold for the same series and date."""
    groups: dict[tuple, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.dated:
            groups[(entry.series, entry.start, entry.end)].append(entry)
    found = []
    for members in groups.values():
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                a, b = bounds(first), bounds(second)
                if not (a.below(b) or b.below(a)):
                    continue
                if not any(x != y for x in first.documents for y in second.documents):
                    continue  # one document's own figures for a day are parts, not rival claims
                message = (
                    f"{label(first)} on {date_text(first)}: {figure_text(first)} ({_where(first)}) "
                    f"against {figure_text(second)} ({_where(second)})"
                )
                found.append(_conflict("disagreement", first, second, message))
    return found


def _start_year(entry: Entry) -> int | None:
    return period(entry.start)[0].year if entry.start else None


def decreases(entries: Iterable[Entry]) -> list[Conflict]:
    """Cumulative totals smaller than an earlier total of the same series.

    Each total is compared with the largest earlier total it can be compared
    with (one whose end is strictly before its own, and whose start is unset
    or in the same year); one conflict a total at most. A series is kept per
    outlet when the records name one, and per body the text credits with the
    figure (``said_by``; totals credited to no one form one series): totals
    of two outlets or of two bodies are not compared. A total stated in a sentence
    beside a larger one of the same series (the rest "by other means") is a
    part of it (same sentence, same day), not a value of the series.
    """
    entries = list(entries)
    largest: dict[tuple, float] = defaultdict(lambda: -math.inf)  # per sentence, series and day: its largest running total
    for entry in entries:
        if entry.kind == "cumulative" and midpoint(entry) is not None:
            for c in entry.citations:
                key = (c.sha256, c.evidence.get("start"), entry.series, entry.end)
                largest[key] = max(largest[key], midpoint(entry))
    series: dict[tuple, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.kind == "cumulative" and entry.dated and entry.unit != "percent" and midpoint(entry) is not None:
            if all(largest[(c.sha256, c.evidence.get("start"), entry.series, entry.end)] > midpoint(entry) for c in entry.citations):
                continue  # "5,000 through exchanges and another 300 by other means": a part of its sentence's total, not the series' value
            for outlet in sorted(entry.outlets) or [""]:  # a UN count and a national one are two series
                for who in sorted(entry.said_by):  # so are two bodies' counts (and those nobody is credited with)
                    series[(*entry.series, outlet, who)].append(entry)
    found: dict[str, Conflict] = {}
    for members in series.values():
        by_first = sorted(members, key=lambda e: (period(e.end)[0], e.id))
        by_last = sorted(members, key=lambda e: (period(e.end)[1], e.id))
        best: dict[int | None, Entry] = {}  # per start year: the earlier total whose lower bound is highest
        cursor = 0
        for later in by_first:
            first_day = period(later.end)[0]
            while cursor < len(by_last) and period(by_last[cursor].end)[1] < first_day:
                earlier = by_last[cursor]
                year = _start_year(earlier)
                if year not in best or (bounds(earlier).low, earlier.id) > (bounds(best[year]).low, best[year].id):
                    best[year] = earlier
                cursor += 1
            year = _start_year(later)
            candidates = list(best.values()) if year is None else [best[k] for k in (None, year) if k in best]
            if not candidates:
                continue
            earlier = max(candidates, key=lambda e: (bounds(e).low, e.id))
            if bounds(later).below(bounds(earlier)):
                message = (
                    f"{label(later)}: {figure_text(later)} {date_text(later)} ({_where(later)}) is below "
                    f"{figure_text(earlier)} {date_text(earlier)} ({_where(earlier)})"
                )
                conflict = _conflict("decrease", earlier, later, message)
                found[conflict.id] = conflict
    return [found[k] for k in sorted(found)]
