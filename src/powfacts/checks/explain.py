"""How the pipeline read a sentence: its tokens, every pattern match, the facts built and the figures that made none.

This is what ``powfacts explain`` shows, so a researcher can see which rule
fired (or did not) before writing a new pattern.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from powfacts.errors import UsageError

#: the span groups shown, in pipeline order
CONCERNS = ("figures", "dates", "date_roles", "qualifiers", "measures", "blockers", "status", "sides", "populations", "nationalities", "said_by")


@dataclass(frozen=True)
class Explanation:
    """The reading of one stretch of text (a sentence of a document, or a whole text given alone).

    Offsets are into the whole document. ``published`` is the document date
    used to resolve dates; ``published_from`` says where it came from:
    ``text`` (with ``published_text``, the date expression), ``option``, or
    ``none``.
    """

    language: str
    published: str | None
    published_from: str
    published_text: str | None
    sentence: dict
    tokens: tuple[dict, ...]
    spans: tuple[dict, ...]
    facts: tuple[dict, ...]
    rejected: tuple[dict, ...]

    def as_dict(self) -> dict:
        """The explanation as plain JSON data."""
        return {
            "language": self.language,
            "published": self.published,
            "published_from": self.published_from,
            "published_text": self.published_text,
            "sentence": self.sentence,
            "tokens": list(self.tokens),
            "spans": list(self.spans),
            "facts": list(self.facts),
            "rejected": list(self.rejected),
        }

    def to_json(self) -> str:
        """The explanation as indented JSON, ending in a newline."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"


def explain_text(text: str, published: dt.date | str | None = None, language: str | None = None, patterns: str | None = None) -> Explanation:
    """Explain how the pipeline reads ``text`` (every sentence of it).

    >>> ex = explain_text("Ukraine brought home 84 prisoners of war.", published="2025-06-03")
    >>> [(s["concern"], s["rule"]) for s in ex.spans if s["concern"] == "measures"][0]
    ('measures', 'measure.released-bring-home')
    >>> [(f["measure"], f["value"]) for f in ex.facts]
    [('released', 84)]
    """
    if not text.strip():
        raise UsageError("nothing to explain: the text is empty")
    doc, lang, given = _annotate(text, published, language, patterns)
    return _explain(doc, lang, given, 0, len(text))


def explain_file(path: str | Path, offset: int, published: dt.date | str | None = None, language: str | None = None, patterns: str | None = None) -> Explanation:
    """Explain the sentence of a document that holds character ``offset``.

    The whole document is read, so its own date and the days named in
    earlier sentences resolve dates as they do in ``powfacts extract``.
    ``patterns`` is a pattern root from :func:`powfacts.pipeline.rules.user_root`.
    """
    from powfacts.inputs.readers import read_document

    document = read_document(str(path))
    if not 0 <= offset < len(document.text):
        raise UsageError(f"offset {offset} is outside {path} (0 to {len(document.text) - 1})")
    doc, lang, given = _annotate(document.text, published, language, patterns)
    sentence = _sentence_at(doc, offset)
    return _explain(doc, lang, given, sentence[0], sentence[1])


def _annotate(text: str, published: dt.date | str | None, language: str | None, patterns: str | None = None) -> tuple[Doc, str, dt.date | None]:
    from powfacts.api import parse_published
    from powfacts.pipeline.language import detect
    from powfacts.pipeline import annotate
    from powfacts.pipeline.rules import available_languages

    if language is not None and language not in available_languages():
        raise UsageError(f"no patterns for language {language!r} (have: {', '.join(available_languages())})")
    given = parse_published(published) if isinstance(published, str) else published
    lang = language or detect(text)
    return annotate(text, published=given, lang=lang, root=patterns), lang, given


def _sentence_at(doc: Doc, offset: int) -> tuple[int, int]:
    """Character bounds of the sentence holding ``offset`` (or, in the blank between two, the next one)."""
    bounds = []
    for sent in doc.sents:
        text = sent.text
        if text.strip():
            bounds.append((sent.start_char + len(text) - len(text.lstrip()), sent.end_char - (len(text) - len(text.rstrip()))))
    return next((b for b in bounds if offset < b[1]), bounds[-1])


def _published(doc: Doc, lang: str, given: dt.date | None) -> tuple[str, str | None]:
    from powfacts.pipeline import build

    # the pipeline drops a dateline's date from doc.spans["dates"]: find it again on a fresh doc
    nlp = build(lang)
    fresh = nlp.tokenizer.whole(doc.text)
    fresh._.published = None
    for name in nlp.pipe_names[: nlp.pipe_names.index("powfacts_published")]:
        fresh = nlp.get_pipe(name)(fresh)
    found = nlp.get_pipe("powfacts_published").match(fresh)
    if found is not None and found[0] == doc._.published:
        return "text", found[1].text
    return ("option", None) if given is not None and doc._.published == given else ("none", None)


def _explain(doc: Doc, lang: str, given: dt.date | None, start: int, end: int) -> Explanation:
    def inside(item: dict) -> bool:
        return start <= item["figure"]["start"] < end

    tokens = tuple(
        {
            "i": t.i,
            "text": t.text,
            "start": t.idx,
            "end": t.idx + len(t.text),
            "number": f"{t._.num_kind} {_value(t._.num_value)}" if t._.num_kind else None,
            "figure": t._.figure_kind,
            "date": bool(t._.in_date),
        }
        for t in doc
        if start <= t.idx < end
    )
    spans = tuple(
        {"concern": concern, "rule": span.id_, "label": span.label_, "text": span.text, "start": span.start_char, "end": span.end_char}
        for concern in CONCERNS
        for span in doc.spans.get(concern, [])
        if span.start_char < end and span.end_char > start
    )
    published_from, published_text = _published(doc, lang, given)
    used = doc._.published
    return Explanation(
        language=lang,
        published=used.isoformat() if used else None,
        published_from=published_from,
        published_text=published_text,
        sentence={"text": doc.text[start:end], "start": start, "end": end},
        tokens=tokens,
        spans=spans,
        facts=tuple(_fields(f) for f in doc._.facts if start <= f.figure.start < end),
        rejected=tuple(r for r in doc._.rejected if inside(r)),
    )


def _fields(fact) -> dict:
    """A fact's fields as the explanation shows them: everything but its id and its document."""
    return {name: value for name, value in fact.model_dump(mode="json").items() if name not in ("id", "source")}


def _value(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
