"""The library's front door: text or paths in, :class:`~powfacts.records.Fact` records out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .errors import InputError, UsageError
from .readers import Document, expand, read_document
from .records import DateRange, Fact, Source, Span, fact_id


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
    is detected from the text. ``prefilter=False`` runs the pipeline on every
    block of text (the result is the same, only slower). ``patterns`` is a
    pattern root from :func:`powfacts.rules.user_root` (shipped + user rules).
    """
    from .language import detect
    from .pipeline import annotate
    from .rules import available_languages

    if language is not None and language not in available_languages():
        raise UsageError(f"no patterns for language {language!r} (have: {', '.join(available_languages())})")
    lang = language or detect(document.text)
    doc = annotate(document.text, published=published, lang=lang, root=patterns, prefilter=prefilter)
    used = doc._.published
    source = Source(path=document.path, sha256=document.sha256, published=used.isoformat() if used else None, language=lang)
    facts = []
    for raw in doc._.facts:
        figure = Span(**raw["figure"])
        facts.append(
            Fact(
                id=fact_id(document.sha256, figure.start, figure.end, raw["measure"]),
                measure=raw["measure"],
                value=raw["value"],
                low=raw["low"],
                high=raw["high"],
                unit=raw["unit"],
                qualifier=raw["qualifier"],
                per_side=raw["per_side"],
                status=raw["status"],
                population=raw["population"],
                nationality=raw["nationality"],
                date=DateRange(**raw["date"]) if raw["date"] else None,
                figure=Span(text=document.text[figure.start : figure.end], start=figure.start, end=figure.end),
                evidence=Span(text=document.text[raw["evidence"]["start"] : raw["evidence"]["end"]], start=raw["evidence"]["start"], end=raw["evidence"]["end"]),
                source=source,
                rules=raw["rules"],
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


def extract_paths(paths: Iterable[str], published: dt.date | None = None, language: str | None = None) -> Iterator[Outcome]:
    """Extract every document under ``paths`` (files, folders of ``*.txt``, ``-``), in sorted order.

    A document that cannot be read yields an :class:`Outcome` with ``error``
    set, and the run goes on.
    """
    for path in expand(list(paths)):
        try:
            document = read_document(path)
        except InputError as exc:
            yield Outcome(path=path, error=str(exc))
            continue
        yield Outcome(path=path, facts=extract_document(document, published, language))
