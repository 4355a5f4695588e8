"""The custom attributes powfacts adds to spaCy's Doc, Span and Token."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

#: where :func:`mark` records which tokens carry which token extension (``doc.user_data[MARKS][name][i]``)
MARKS = "powfacts_marks"
#: how many times :func:`mark` was called on a doc (``doc.user_data[CHANGES]``): what was read of the marks before may have changed
CHANGES = "powfacts_mark_changes"
#: where the pipeline keeps the doc's text (``doc.text`` joins every token each time it is read)
TEXT = "powfacts_text"
#: where :func:`powfacts.pipeline.make_doc` keeps the sha256 of the text before the prefilter blanked any of it
SHA256 = "powfacts_sha256"

_DOC = {"published": None, "facts": None, "rejected": None}
_SPAN = {"info": None}
#: the token extensions and their defaults; they are written with :func:`mark` only, so rules can look them up
TOKEN_DEFAULTS = {"num_kind": None, "num_value": None, "num_glue": False, "in_figure": False, "figure_kind": None, "in_date": False}


def register() -> None:
    """Register every extension once (idempotent)."""
    for name, default in _DOC.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in TOKEN_DEFAULTS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)


def mark(token: Token, name: str, value) -> None:
    """Set a token extension and record it, so rules anchored on it find the token without reading every token.

    >>> import spacy
    >>> register()
    >>> doc = spacy.blank("en")("They freed 95 people")
    >>> mark(doc[2], "in_figure", True)
    >>> doc[2]._.in_figure, doc.user_data[MARKS]["in_figure"]
    (True, {2: True})
    """
    token._.set(name, value)
    data = token.doc.user_data
    data.setdefault(MARKS, {}).setdefault(name, {})[token.i] = value
    data[CHANGES] = data.get(CHANGES, 0) + 1


def marked(doc: Doc, name: str) -> dict[int, object]:
    """The tokens :func:`mark` gave extension ``name``, by index, with their values (tokens never marked have the default)."""
    return doc.user_data.get(MARKS, {}).get(name, {})


def text_of(doc: Doc) -> str:
    """``doc.text``, read once: the pipeline stores it when it makes the doc."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def source_of(doc: Doc, lang: str):
    """The :class:`~powfacts.records.Source` a doc's facts cite: ``<text>``, the sha256 of the text, the document date used."""
    import hashlib

    from .records import Source

    sha = doc.user_data.get(SHA256) or hashlib.sha256(text_of(doc).encode("utf-8")).hexdigest()
    published = doc._.published
    return Source(path="<text>", sha256=sha, published=published.isoformat() if published else None, language=lang)


register()  # at import: a pipeline loaded from disk, a rule check or a user's own nlp finds them without a build
