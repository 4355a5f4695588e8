"""One self-contained HTML page to review facts: charts, events, conflicts, timeline and every document with its facts marked.

The page loads nothing (a Content-Security-Policy forbids every fetch, and it
has no script), works with a keyboard (every fact is focusable, every figure
and chart point or bar is a link; a "skip to" link to the first highlight
comes first, then a table of contents) and prints readably. Documents are
named by title, outlet and URL where the records or the files say them. Facts are placed in the
documents they came from, matched by sha256, else by path; a fact whose
figure is not at its offsets is listed, never drawn in the wrong place.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from powfacts import __version__
from powfacts.inputs.readers import Document, expand, read_document
from powfacts.facts.records import Fact
from powfacts.answers.timeline import Entry, Timeline, build, date_text, figure_text, label, load_facts, midpoint, period

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
#: series colours (Okabe-Ito, readable by colour-blind readers) and dash patterns (readable in grey print)
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ("", "6 3", "2 3", "8 3 2 3")
WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 16, 40


@dataclass
class Placement:
    """Where facts stand: per document, its facts with their anchors; and the facts that could not be placed."""

    anchors: dict[tuple[str, str], str] = field(default_factory=dict)  # (fact id, source path) -> element id
    by_document: dict[int, list[tuple[Fact, str]]] = field(default_factory=lambda: defaultdict(list))
    unplaced: list[tuple[Fact, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ReportSummary:
    """What the page holds."""

    documents: int
    facts: int
    highlighted: int
    entries: int
    points: int
    conflicts: int
    unplaced: tuple[str, ...]


def write_report(facts_path: str | Path, doc_paths: Sequence[str], output: str | Path) -> ReportSummary:
    """Read the facts and documents, write the page to ``output`` (atomically), and say what it holds."""
    from powfacts.run.writers import atomic_text

    facts = load_facts(facts_path)
    documents = [read_document(path) for path in expand(list(doc_paths))]
    page, summary = render(facts, documents)
    with atomic_text(Path(output)) as sink:
        sink.write(page)
    return summary


def render(facts: Iterable[Fact], documents: Sequence[Document]) -> tuple[str, ReportSummary]:
    """The page's HTML for these facts and documents, and a summary of it."""
    unique = {(f.id, f.source.path): f for f in facts}
    facts = [unique[k] for k in sorted(unique, key=lambda k: (k[1], unique[k].figure.start, unique[k].figure.end, k[0]))]
    documents = sorted(documents, key=lambda d: (d.path, d.sha256))
    timeline = build(facts)
    placement = place(facts, documents)
    points = timeline.points()
    body = "\n".join(
        [
            _header(facts, documents, timeline, placement),
            "<main>",
            _chart_section(timeline),
            _events_section(timeline, placement),
            _conflicts_section(timeline, placement),
            _undated_section(facts, placement),
            _timeline_section(timeline, placement),
            _unplaced_section(placement),
            _documents_section(documents, placement, timeline),
            "</main>",
        ]
    )
    first = min(placement.anchors.values(), key=lambda a: _first_order(a, placement), default=None)
    page = _page(body, first)
    summary = ReportSummary(
        documents=len(documents),
        facts=len(facts),
        highlighted=len(placement.anchors),
        entries=len(timeline.entries),
        points=len(points),
        conflicts=len(timeline.conflicts),
        unplaced=tuple(f"{fact.source.path}: {fact.id} {fact.figure.text!r}: {why}" for fact, why in placement.unplaced),
    )
    return page, summary


# -- placing facts ---------------------------------------------------------------


def place(facts: Iterable[Fact], documents: Sequence[Document]) -> Placement:
    """Find each fact's document (same sha256, else same path) and check its figure stands at its offsets."""
    by_sha: dict[str, list[int]] = defaultdict(list)
    by_path: dict[str, int] = {}
    for index, document in enumerate(documents):
        by_sha[document.sha256].append(index)
        by_path.setdefault(_normal(document.path), index)
    placement = Placement()
    used: set[str] = set()
    for fact in facts:
        same = by_sha.get(fact.source.sha256, [])
        named = by_path.get(_normal(fact.source.path))
        index = named if named in same else (same[0] if same else named)
        if index is None:
            placement.unplaced.append((fact, "its document was not given"))
            continue
        text = documents[index].text
        if text[fact.figure.start : fact.figure.end] != fact.figure.text:
            placement.unplaced.append((fact, f"the figure is not at characters {fact.figure.start}-{fact.figure.end} of {documents[index].path} (the document changed?)"))
            continue
        anchor = _unique(f"fact-{fact.id}", used)
        placement.anchors[(fact.id, fact.source.path)] = anchor
        placement.by_document[index].append((fact, anchor))
    return placement


def _normal(path: str) -> str:
    return Path(path).as_posix().removeprefix("./")


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{name}-{n}"
    used.add(candidate)
    return candidate


# -- the page ----------------------------------------------------------------------


def _first_order(anchor: str, placement: Placement) -> tuple:
    for index, placed in placement.by_document.items():
        for fact, name in placed:
            if name == anchor:
                return (index, fact.figure.start, anchor)
    return (len(placement.by_document) + 1, 0, anchor)


def _page(body: str, first_highlight: str | None = None) -> str:
    skips = (f'<a class="skip" href="#{first_highlight}">Skip to the first highlighted fact</a>\n' if first_highlight else "") + (
        '<a class="skip" href="#documents">Skip to the documents</a>\n'
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="powfacts {escape(__version__)}">\n'
        "<title>powfacts report</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{skips}{body}\n</body>\n</html>\n"
    )


def _header(facts: list[Fact], documents: Sequence[Document], timeline: Timeline, placement: Placement) -> str:
    links = [("chart", "Totals over time"), ("events", "Events per month"), ("conflicts", "Conflicts"), ("undated", "Unresolved dates"), ("timeline", "Timeline")]
    if placement.unplaced:
        links.append(("unplaced", "Facts not placed"))
    links.append(("documents", "Documents"))
    toc = "".join(
        f'<li><a href="#{anchor}">{escape(_doc_name(document, placement.by_document.get(i, []))[0])}</a></li>'
        for i, (document, anchor) in enumerate(zip(documents, _doc_anchors(documents)))
    )
    nav = "".join(
        f'<li><a href="#{anchor}">{escape(text)}</a>' + (f'<ol class="doc-toc">{toc}</ol>' if anchor == "documents" and toc else "") + "</li>"
        for anchor, text in links
    )
    return (
        "<header>\n<h1>powfacts report</h1>\n"
        f"<p>{len(facts)} facts from {len(documents)} documents: {len(timeline.entries)} timeline entries, "
        f"{len(timeline.events)} events, {len(timeline.conflicts)} conflicts, {len(placement.unplaced)} facts not placed.</p>\n"
        f'<nav aria-label="Contents"><h2 class="toc">Contents</h2><ul>{nav}</ul></nav>\n</header>'
    )


def _fact_link(fact_id: str, path: str, figure: dict, placement: Placement) -> str:
    anchor = placement.anchors.get((fact_id, path))
    text = f"{escape(path)} @{figure['start']}"
    if anchor is None:
        return f'<span class="missing" title="not placed in a document">{text}</span>'
    return f'<a href="#{anchor}">{text}</a>'


def _citations(entry: Entry, placement: Placement) -> str:
    items = "".join(
        f"<li>{_fact_link(c.fact, c.path, c.figure, placement)}: <q>{escape(c.figure['text'])}</q></li>" for c in entry.citations
    )
    return f'<ul class="citations">{items}</ul>'


# -- chart -------------------------------------------------------------------------


def _chart_section(timeline: Timeline) -> str:
    points = timeline.points()
    head = '<section id="chart" aria-labelledby="chart-h">\n<h2 id="chart-h">Totals over time</h2>\n'
    if not points:
        return head + "<p>No dated totals or standing figures.</p>\n</section>"
    conflicted = {e.id for e in timeline.entries if e.conflicts}
    panels: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in points:
        panels[(entry.measure, entry.unit)].append(entry)
    intro = (
        "<p>Each mark is one timeline entry, drawn at the date it stands as of (the middle of a month or year); it links to the entry and its sources. "
        'Marks with a <span class="flag">!</span> ring are in a conflict.</p>\n'
    )
    return head + intro + "\n".join(_panel(measure, unit, entries, conflicted) for (measure, unit), entries in sorted(panels.items())) + "\n</section>"


def _when(entry: Entry) -> dt.date:
    first, last = period(entry.end)
    return first + (last - first) // 2


def _axes(top: float, plot_h: float, suffix: str = "") -> list[str]:
    """The two axes of a chart, and five grid lines from 0 to ``top`` with their labels (``suffix``: "%" for rates)."""
    parts = [
        f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}"/>',
    ]
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_h - value / top * plot_h
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_short(value)}{suffix}</text>')
    return parts


def _panel(measure: str, unit: str, entries: list[Entry], conflicted: set[str]) -> str:
    days = [_when(e).toordinal() for e in entries]
    x0, x1 = min(days), max(days)
    pad = max((x1 - x0) // 20, 7)  # keep the first and last marks off the axes
    x0, x1 = x0 - pad, x1 + pad
    top = max(midpoint(e) for e in entries) or 1
    top = _nice(top * 1.1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: int) -> float:
        return LEFT + (day - x0) / (x1 - x0) * plot_w

    def y(value: float) -> float:
        return TOP + plot_h - value / top * plot_h

    parts = [
        f'<figure class="panel" id="panel-{escape(measure)}-{escape(unit)}">',
        f"<figcaption>{escape(measure)} ({escape(unit)})</figcaption>",
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-label="{escape(measure)} over time">',
        *_axes(top, plot_h, "%" if unit == "percent" else ""),
    ]
    cut = 4 if x1 - x0 > 3 * 365 else 7 if x1 - x0 > 120 else 10
    labels: list[str] = []
    for i in range(5):
        day = round(x0 + (x1 - x0) * i / 4)
        text = dt.date.fromordinal(day).isoformat()[:cut]
        if text not in labels:
            labels.append(text)
            anchor = "start" if i == 0 else "end" if i == 4 else "middle"
            parts.append(f'<text class="tick" x="{x(day):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="{anchor}">{text}</text>')
    series: dict[tuple, list[Entry]] = defaultdict(list)
    for entry in entries:
        series[entry.series].append(entry)
    legend = []
    for n, (_, members) in enumerate(sorted(series.items())):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        members.sort(key=lambda e: (_when(e), e.id))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if len(members) > 1:
            coords = " ".join(f"{x(_when(e).toordinal()):.1f},{y(midpoint(e)):.1f}" for e in members)
            parts.append(f'<polyline class="line" points="{coords}" stroke="{colour}"{dash_attr}/>')
        for entry in members:
            cx, cy = x(_when(entry).toordinal()), y(midpoint(entry))
            flagged = entry.id in conflicted
            sources = len(entry.citations)
            title = f"{label(entry)}: {figure_text(entry)}, {date_text(entry)}; {sources} source{'s' if sources != 1 else ''}{'; in a conflict' if flagged else ''}"
            parts.append(
                f'<a class="point-link" href="#entry-{entry.id}" aria-label="{escape(title)}">'
                f"<title>{escape(title)}</title>"
                + (f'<circle class="conflict-ring" cx="{cx:.1f}" cy="{cy:.1f}" r="10"/>' if flagged else "")
                + f'<circle class="point{" conflict" if flagged else ""}" data-entry="{entry.id}" cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{colour}"/>'
                + (f'<text class="flag-text" x="{cx + 11:.1f}" y="{cy - 8:.1f}">!</text>' if flagged else "")
                + "</a>"
            )
        swatch = f'<svg class="swatch" viewBox="0 0 30 10" aria-hidden="true"><line x1="0" y1="5" x2="30" y2="5" stroke="{colour}"{dash_attr}/></svg>'
        legend.append(f"<li>{swatch} {escape(label(members[0]))}</li>")
    parts.append("</svg>")
    parts.append(f'<ul class="legend">{"".join(legend)}</ul>')
    parts.append("</figure>")
    return "\n".join(parts)


def _nice(value: float) -> float:
    """The next round number at or above ``value`` (1, 2 or 5 times a power of ten)."""
    power = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _short(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


# -- events per month ----------------------------------------------------------------

#: the measures whose events the monthly chart adds up, and the sides it shows
EVENT_MEASURES = ("released", "bodies_returned")
EVENT_SIDES = ("UA", "RU")


def _events_section(timeline: Timeline, placement: Placement) -> str:
    """Bars of events per month, per measure and side (each event once; a per-side figure counts for both), and every event."""
    from powfacts.answers.events import answer, event_summary

    head = '<section id="events" aria-labelledby="events-h">\n<h2 id="events-h">Events per month</h2>\n'
    if not timeline.events:
        return head + "<p>No events (reported exchanges, releases or handovers of bodies).</p>\n</section>"
    parts = [head, "<p>Each bar is the sum over the events of a month for one side (reported events only, each counted once; "
             "running totals, standing figures and period totals are never added in). A bar links to its events and their citations.</p>"]
    for measure in EVENT_MEASURES:
        series = {side: answer(timeline.events, measure, side, "month") for side in EVENT_SIDES}
        if not any(a.periods for a in series.values()):
            continue
        parts.append(_bars(measure, series))
        items = []
        for side, summed in series.items():
            for month in summed.periods:
                events = "".join(_bar_event(e, v, figs, placement) for e, v, figs in month.events)
                items.append(f'<li id="bar-{measure}-{side}-{month.period}"><strong>{escape(measure)} {side}, {month.period}: {_short(month.value)}</strong><ul>{events}</ul></li>')
        parts.append(f'<ol class="bars-list">{"".join(items)}</ol>')
    rows = []
    for event in timeline.events:
        when = (event.start if event.start == event.end else f"{event.start} → {event.end}") if event.dated else f"no date{' (' + event.date_text + ')' if event.date_text else ''}"
        sources = "".join(
            f"<li>{escape(g.label)}{' (' + str(len(g.documents)) + ' copies)' if len(g.documents) > 1 else ''}</li>" for g in event.sources
        )
        mentions = "".join(
            f"<li>{_fact_link(m.fact.id, m.fact.source.path, m.fact.figure.model_dump(), placement)}: <q>{escape(m.fact.figure.text)}</q> ({escape(m.role)})</li>"
            for m in event.mentions
        )
        flags = " ".join(f'<a href="#conflict-{c}">⚠ conflict</a>' for c in event.conflicts)
        marked = ' class="conflict"' if event.conflicts else ""
        rows.append(
            f'<tr id="event-{event.id}"{marked}><td>{escape(when)}</td><td>{escape(event.type)}</td>'
            f'<td>{escape(event_summary(event))}</td><td><ul class="citations">{sources}</ul></td><td><ul class="citations">{mentions}</ul></td><td>{flags}</td></tr>'
        )
    parts.append(
        '<h3>Every event</h3>\n<table>\n<thead><tr><th scope="col">date</th><th scope="col">type</th><th scope="col">figures</th>'
        '<th scope="col">sources</th><th scope="col">mentions</th><th scope="col">conflicts</th></tr></thead>\n'
        f"<tbody>{''.join(rows)}</tbody>\n</table>"
    )
    return "\n".join(parts) + "\n</section>"


def _bar_event(event, value, figures, placement: Placement) -> str:
    derived = " (derived)" if any(f.derived or f.from_each for f in figures) else ""
    cited = "".join(
        f"<li>{_fact_link(m.id, m.source.path, m.figure.model_dump(), placement)}: <q>{escape(m.figure.text)}</q></li>"
        for f in figures
        for m in f.mentions()
    )
    return f'<li><a href="#event-{event.id}">{escape(event.start or "")} {escape(event.type)}</a>: {_short(value)}{derived}<ul class="citations">{cited}</ul></li>'


def _bars(measure: str, series: dict) -> str:
    months = sorted({p.period for a in series.values() for p in a.periods})
    top = _nice(max(p.value for a in series.values() for p in a.periods) * 1.1 or 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(months)
    bar = min(24.0, slot / (len(EVENT_SIDES) + 1))
    parts = [
        f'<figure class="panel" id="bars-{measure}">',
        f"<figcaption>{escape(measure)} per month, by side</figcaption>",
        f'<svg class="chart bars" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-label="{escape(measure)} per month, by side">',
        *_axes(top, plot_h),
    ]
    every = max(1, len(months) // 12)
    for n, month in enumerate(months):
        x0 = LEFT + n * slot + (slot - bar * len(EVENT_SIDES)) / 2
        if n % every == 0:
            parts.append(f'<text class="tick" x="{LEFT + n * slot + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{month}</text>')
        for k, side in enumerate(EVENT_SIDES):
            period = next((p for p in series[side].periods if p.period == month), None)
            if period is None:
                continue
            h = period.value / top * plot_h
            title = f"{measure} {side}, {month}: {_short(period.value)} in {len(period.events)} event{'s' if len(period.events) != 1 else ''}"
            parts.append(
                f'<a class="bar-link" href="#bar-{measure}-{side}-{month}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
                f'<rect class="bar bar-{side}" x="{x0 + k * bar:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" fill="{COLOURS[k]}"/></a>'
            )
    parts.append("</svg>")
    legend = "".join(
        f'<li><svg class="swatch" viewBox="0 0 30 10" aria-hidden="true"><rect x="0" y="0" width="30" height="10" fill="{COLOURS[k]}"/></svg> {side}</li>'
        for k, side in enumerate(EVENT_SIDES)
    )
    parts.append(f'<ul class="legend">{legend}</ul>')
    parts.append("</figure>")
    return "\n".join(parts)


# -- lists ---------------------------------------------------------------------------


def _conflicts_section(timeline: Timeline, placement: Placement) -> str:
    head = '<section id="conflicts" aria-labelledby="conflicts-h">\n<h2 id="conflicts-h">Conflicts</h2>\n'
    if not timeline.conflicts:
        return head + "<p>No conflicts between sources.</p>\n</section>"
    items = []
    for conflict in timeline.conflicts:
        what = {"disagreement": "Sources disagree", "event": "Figures of one event disagree"}.get(conflict.kind, "A total goes down")
        if conflict.event:
            what += f' (<a href="#event-{escape(conflict.event)}">event</a>)'

        entries = "".join(
            f'<li><a href="#entry-{e}">{escape(figure_text(timeline.entry(e)))}, {escape(date_text(timeline.entry(e)))}</a>'
            f"{_citations(timeline.entry(e), placement)}</li>"
            for e in conflict.entries
        )
        items.append(f'<li id="conflict-{conflict.id}" class="conflict"><strong>⚠ {what}:</strong> {escape(conflict.message)}<ul>{entries}</ul></li>')
    return head + f'<ol class="conflicts">{"".join(items)}</ol>\n</section>'


def _undated_section(facts: list[Fact], placement: Placement) -> str:
    head = '<section id="undated" aria-labelledby="undated-h">\n<h2 id="undated-h">Facts with unresolved dates</h2>\n'
    undated = [f for f in facts if f.date is None or f.date.end is None]
    if not undated:
        return head + "<p>Every fact has a date.</p>\n</section>"
    items = "".join(
        f"<li>{_fact_link(f.id, f.source.path, f.figure.model_dump(), placement)}: {escape(f.measure)} "
        f"<q>{escape(f.figure.text)}</q> in <q>{escape(_excerpt(f.evidence.text))}</q></li>"
        for f in undated
    )
    count = f"{len(undated)} fact" + ("s" if len(undated) != 1 else "")
    return head + f"<p>{count} whose date the text does not fix.</p>\n<ul>{items}</ul>\n</section>"


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _timeline_section(timeline: Timeline, placement: Placement) -> str:
    head = '<section id="timeline" aria-labelledby="timeline-h">\n<h2 id="timeline-h">Timeline</h2>\n'
    groups = (("Totals and standing figures", ("cumulative", "state")), ("Totals for a period", ("period_total",)), ("Single figures of events", ("event",)))
    tables = []
    for title, kinds in groups:
        entries = [e for e in timeline.entries if e.kind in kinds]
        if not entries:
            continue
        rows = []
        for e in entries:
            flags = " ".join(f'<a href="#conflict-{c}">⚠ conflict</a>' for c in e.conflicts)
            conflict_class = ' class="conflict"' if e.conflicts else ""
            rows.append(
                f'<tr id="entry-{e.id}"{conflict_class}>'
                f"<td>{escape(date_text(e))}</td><td>{escape(e.kind)}</td><td>{escape(label(e))}</td>"
                f"<td>{escape(figure_text(e))}</td><td>{_citations(e, placement)}</td><td>{flags}</td></tr>"
            )
        tables.append(
            f"<h3>{escape(title)}</h3>\n<table>\n<thead><tr><th scope=\"col\">date</th><th scope=\"col\">kind</th>"
            f"<th scope=\"col\">what</th><th scope=\"col\">figure</th><th scope=\"col\">sources</th><th scope=\"col\">conflicts</th></tr></thead>\n"
            f"<tbody>{''.join(rows)}</tbody>\n</table>"
        )
    return head + ("\n".join(tables) or "<p>No facts.</p>") + "\n</section>"


def _unplaced_section(placement: Placement) -> str:
    if not placement.unplaced:
        return ""
    items = "".join(
        f"<li>{escape(f.source.path)}: {escape(f.measure)} <q>{escape(f.figure.text)}</q> ({escape(f.id)}): {escape(why)}</li>"
        for f, why in placement.unplaced
    )
    return f'<section id="unplaced" aria-labelledby="unplaced-h">\n<h2 id="unplaced-h">Facts not placed</h2>\n<ul>{items}</ul>\n</section>'


# -- documents -----------------------------------------------------------------------


def _documents_section(documents: Sequence[Document], placement: Placement, timeline: Timeline) -> str:
    entry_of = {(c.fact, c.path): e for e in timeline.entries for c in e.citations}
    anchors = _doc_anchors(documents)
    parts = ['<section id="documents" aria-labelledby="documents-h">\n<h2 id="documents-h">Documents</h2>']
    for index, document in enumerate(documents):
        placed = placement.by_document.get(index, [])
        anchor = anchors[index]
        language = next((f.source.language for f, _ in placed), None)
        lang = f' lang="{escape(language)}"' if language else ""
        title, outlet, url = _doc_name(document, placed)
        where = " · ".join(escape(x) for x in (outlet, document.path if title != document.path else None) if x)
        link = f' · <a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>' if url else ""
        parts.append(
            f'<article class="document" id="{anchor}" aria-labelledby="{anchor}-h">\n<h3 id="{anchor}-h">{escape(title)}</h3>\n'
            f'<p class="meta">{where + " · " if where else ""}{len(placed)} fact{"s" if len(placed) != 1 else ""} · sha256 {document.sha256[:12]}…{link}</p>\n'
            f'<pre class="text"{lang}>{_marked(document.text, placed, entry_of)}</pre>\n</article>'
        )
    parts.append("</section>")
    return "\n".join(parts)


def _doc_anchors(documents: Sequence[Document]) -> list[str]:
    used: set[str] = set()
    return [_unique(f"doc-{document.sha256[:12]}", used) for document in documents]


def _doc_name(document: Document, placed: list[tuple[Fact, str]]) -> tuple[str, str | None, str | None]:
    """Title (else the path), outlet and URL: from the records (a manifest's), else from the file itself."""
    source = placed[0][0].source if placed else None
    title = (source.title if source else None) or document.title or document.path
    outlet = (source.outlet if source else None) or document.outlet
    url = (source.url if source else None) or document.url
    return title, outlet, url


def _marked(text: str, placed: list[tuple[Fact, str]], entry_of: dict) -> str:
    """The text with one ``<mark>`` per fact; a fact inside another's figure nests, an overlapping one is clipped."""
    items = sorted(placed, key=lambda p: (p[0].figure.start, -p[0].figure.end, p[1]))
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (end, closing html)
    pos = 0

    def close() -> None:
        nonlocal pos
        end, closing = stack.pop()
        out.append(escape(text[pos:end], quote=False))
        out.append(closing)
        pos = end

    for fact, anchor in items:
        start, end = fact.figure.start, fact.figure.end
        while stack and stack[-1][0] <= start:
            close()
        if stack:
            end = min(end, stack[-1][0])
        start = max(start, pos)
        out.append(escape(text[pos:start], quote=False))
        pos = start
        entry = entry_of.get((fact.id, fact.source.path))
        opening, closing = _mark(fact, anchor, entry)
        out.append(opening)
        stack.append((max(end, start), closing))
    while stack:
        close()
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


def _mark(fact: Fact, anchor: str, entry: Entry | None) -> tuple[str, str]:
    date = fact.date
    when = "no date" if date is None else f"{date.start or '…'} → {date.end or '…'}" + (f" ({date.text})" if date.text else "")
    figure = f"{fact.value}" if fact.value is not None else f"{fact.low}–{fact.high}"
    rows = [
        ("measure", fact.measure),
        ("figure", f"{fact.qualifier} {figure} {fact.unit}"),
        ("per side", "yes" if fact.per_side else "no"),
        ("status", fact.status),
        ("population", fact.population or "-"),
        ("nationality", fact.nationality or "-"),
        ("date", when),
        ("rules", ", ".join(fact.rules)),
        ("id", fact.id),
    ]
    fields = "".join(f'<span class="row"><b>{escape(k)}</b> <span>{escape(v)}</span></span>' for k, v in rows)
    link = f'<a href="#entry-{entry.id}">timeline entry</a>' if entry else ""
    short = f"{fact.measure} {fact.nationality or ('each side' if fact.per_side else '')} {date.end if date and date.end else 'no date'}".replace("  ", " ")
    entry_attr = f' data-entry="{entry.id}"' if entry else ""
    opening = (
        f'<mark class="fact" id="{anchor}" tabindex="0" aria-describedby="tip-{anchor}" '
        f'data-fact="{escape(fact.id)}" data-label="{escape(short)}"{entry_attr}>'
    )
    closing = f'<span class="tip" role="tooltip" id="tip-{anchor}">{fields}{link}</span></mark>'
    return opening, closing


STYLE = """
:root { color-scheme: light; --ink: #111; --muted: #555; --mark: #ffe58a; --focus: #0050b3; --bad: #b00020; }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; margin: 0 auto; max-width: 60rem; padding: 0 1rem 4rem; }
a { color: #0645ad; }
a:focus, mark.fact:focus, .point-link:focus, .bar-link:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
h2.toc { font-size: 1rem; margin: 0; }
.doc-toc { columns: 2; font-size: .9rem; margin: .25rem 0 0; }
.bars-list { font-size: .9rem; }
.bars-list > li:target, tr:target td { background: #fff3c4; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .25rem .5rem; }
nav > ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
nav > ul > li:last-child { flex-basis: 100%; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ccc; padding: .25rem .4rem; text-align: left; vertical-align: top; }
tr.conflict td { background: #fde8ec; }
.citations { margin: 0; padding-left: 1rem; }
.conflict strong, .flag { color: var(--bad); }
.missing { color: var(--muted); }
figure.panel { margin: 1rem 0 2rem; }
figcaption { font-weight: bold; }
svg.chart { width: 100%; height: auto; }
svg.chart .axis { stroke: #333; }
svg.chart .grid { stroke: #ddd; }
svg.chart .tick { font-size: 11px; fill: #333; }
svg.chart .line { fill: none; stroke-width: 2; }
svg.chart .point { stroke: #fff; stroke-width: 1.5; }
svg.chart .conflict-ring { fill: none; stroke: var(--bad); stroke-width: 2.5; }
svg.chart .flag-text { fill: var(--bad); font-weight: bold; font-size: 14px; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; font-size: .9rem; }
.swatch { width: 30px; height: 10px; stroke-width: 3; }
pre.text { white-space: pre-wrap; word-wrap: break-word; font: 15px/1.6 ui-monospace, monospace; background: #fafafa; padding: 1rem; border: 1px solid #ddd; }
mark.fact { background: var(--mark); position: relative; cursor: help; border-bottom: 2px solid #a07d00; }
mark.fact .tip { display: none; position: absolute; left: 0; top: 1.6em; z-index: 10; width: 22rem; white-space: normal;
  background: #fff; color: var(--ink); border: 1px solid #888; box-shadow: 0 2px 6px rgba(0,0,0,.2); padding: .4rem .6rem; font: 13px/1.4 system-ui, sans-serif; }
mark.fact:hover > .tip, mark.fact:focus > .tip, mark.fact:focus-within > .tip { display: block; }
mark.fact:target { background: #ffc94d; }
.tip .row { display: grid; grid-template-columns: 6.5rem 1fr; }
.tip .row > span { overflow-wrap: anywhere; }
@media print {
  body { max-width: none; font-size: 11pt; }
  nav, .skip, mark.fact .tip { display: none !important; }
  a { color: inherit; text-decoration: none; }
  mark.fact { background: none; font-weight: bold; border-bottom: 1.5pt solid #000; }
  mark.fact::after { content: " [" attr(data-label) "]"; font-weight: normal; font-size: 8pt; }
  pre.text { background: none; border: none; padding: 0; font-size: 10pt; }
  tr, li, figure.panel { break-inside: avoid; }
  article.document { break-before: page; }
  tr.conflict td { background: none; }
}
""".strip()
