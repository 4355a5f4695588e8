"""The library's front door: text or paths in, :class:`~powfacts.facts.records.Fact` records out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from powfacts.errors import InputError, UsageError
from powfacts.inputs.readers import Document, expand, page_at, read_document
from powfacts.facts.records import Fact, Source, Span

if TYPE_CHECKING:
    from powfacts.inputs.manifest import Manifest


def parse_published(value: str | None) -> dt.date | None:
    """A ``--published`` value (``YYYY-MM-DD``) as a date.

    >>> parse_published("2025-06-04")
    datetime.date(2025, 6, 4)
    """
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"invalid --published date {value!r}: expected YYYY-MM-DD") from exc


def extract_document(
    document: Document, published: dt.date | None = None, language: str | None = None, prefilter: bool = True, patterns: str | None = None
) -> list[Fact]:
    """The facts of one document, sorted by figure offset then measure.

    ``language`` picks the patterns (``patterns/<language>/``); by default it
    is the document's own (from a manifest), else detected from the text.
    ``published`` is the document's date; it wins over the document's own
    (from a manifest or an HTML page's metadata), which wins over a date
    found in the text. Each record's ``source`` carries the document's metadata and,
    for a PDF, the page its figure stands on. ``prefilter=False`` runs the
    pipeline on every block of text (the result is the same, only slower).
    With the prefilter, a document where it keeps nothing (no block can hold
    a fact) has no facts and never reaches the pipeline (no Doc is made).
    ``patterns`` is a pattern root from :func:`powfacts.pipeline.rules.user_root`
    (shipped + user rules).
    """
    from powfacts.pipeline.language import detect
    from powfacts.pipeline import annotate, screen
    from powfacts.pipeline.rules import available_languages

    lang = language or document.language
    if lang is not None and lang not in available_languages():
        raise UsageError(f"no patterns for language {lang!r} (have: {', '.join(available_languages())})")
    lang = lang or detect(document.text)
    parts = screen(document.text, lang, patterns) if prefilter else None
    if parts is not None and not any(kept for _, _, kept in parts):
        return []  # the pipeline would run on blank text: no Doc, no components
    doc = annotate(document.text, published=published or document.published, lang=lang, root=patterns, prefilter=prefilter, parts=parts)
    used = doc._.published
    base = Source(
        path=document.path,
        sha256=document.sha256,
        published=used.isoformat() if used else None,
        language=lang,
        url=document.url,
        title=document.title,
        outlet=document.outlet,
        format=document.format,
        encoding=document.encoding,
    )
    sources: dict[int | None, Source] = {None: base}

    def source(start: int) -> Source:
        page = page_at(document, start)
        if page not in sources:
            sources[page] = base.model_copy(update={"page": page})
        return sources[page]

    facts = []
    for fact in doc._.facts:  # records citing "<text>": given the document's own source, and its text where the prefilter blanked none
        figure, evidence = fact.figure, fact.evidence
        facts.append(
            fact.model_copy(
                update={
                    "figure": Span(text=document.text[figure.start : figure.end], start=figure.start, end=figure.end),
                    "evidence": Span(text=document.text[evidence.start : evidence.end], start=evidence.start, end=evidence.end),
                    "source": source(figure.start),
                }
            )
        )
    facts.sort(key=lambda f: (f.figure.start, f.figure.end, f.measure))
    return facts


def extract_text(text: str, published: dt.date | str | None = None, path: str = "<text>", language: str | None = None) -> list[Fact]:
    """Extract the facts of a text.

    >>> facts = extract_text("On 6 May 2025, Ukraine returned 205 prisoners of war home.")
    >>> [(f.measure, f.value, f.date.start) for f in facts]
    [('released', 205, '2025-05-06')]
    """
    if isinstance(published, str):
        published = parse_published(published)
    return extract_document(Document.from_text(text, path), published, language)


@dataclass
class Outcome:
    """What happened to one input path: its facts, or the error that stopped it."""

    path: str
    facts: list[Fact] = field(default_factory=list)
    error: str | None = None


def extract_paths(
    paths: Iterable[str], published: dt.date | None = None, language: str | None = None, manifest: Manifest | None = None
) -> Iterator[Outcome]:
    """Extract every document under ``paths`` (files; folders of text, Markdown, HTML and PDF files; ``-``), in sorted order.

    A document that cannot be read yields an :class:`Outcome` with ``error``
    set, and the run goes on. ``manifest`` (:func:`powfacts.inputs.manifest.read_manifest`)
    gives documents metadata that wins over their own; ``published`` and
    ``language`` win over both.
    """
    for path in expand(list(paths)):
        try:
            document = load_document(path, manifest)
        except InputError as exc:
            yield Outcome(path=path, error=str(exc))
            continue
        yield Outcome(path=path, facts=extract_document(document, published, language))


def load_document(path: str, manifest: Manifest | None = None) -> Document:
    """Read one document and give it its manifest row's metadata (which wins over its own)."""
    document = read_document(path)
    if manifest is None:
        return document
    from powfacts.inputs.manifest import apply

    return apply(document, manifest.row_for(path))
