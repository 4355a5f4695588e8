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
#: the native token attribute :func:`mark` mirrors each of these marks in (no pipe of powfacts sets them, and rules
#: may not name them), so that :mod:`powfacts.pipeline.matching` can rewrite ``{"_": {"in_figure": true}}`` into a test
#: spaCy's Matcher makes in C instead of reading ``token._`` for every token of every window
NATIVE = {"in_figure": "ENT_TYPE", "figure_kind": "ENT_KB_ID", "in_date": "ENT_ID", "num_kind": "TAG", "num_glue": "LEMMA"}
_SETTERS = {"ENT_TYPE": "ent_type", "ENT_KB_ID": "ent_kb_id", "ENT_ID": "ent_id", "TAG": "tag", "LEMMA": "lemma"}


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
    attr = NATIVE.get(name)
    if attr is not None:
        code = native_code(name, value)
        setattr(token, _SETTERS[attr], token.vocab.strings.add(code) if code else 0)
    data = token.doc.user_data
    data.setdefault(MARKS, {}).setdefault(name, {})[token.i] = value
    data[CHANGES] = data.get(CHANGES, 0) + 1


def native_code(name: str, value) -> str | None:
    """The string a mark's value is mirrored as in its :data:`NATIVE` attribute; None (0 there) for the default.

    Values the Matcher takes as equal get the same code: ``True`` and ``1`` alike (it compares them as
    integers), a string by its text.

    >>> native_code("in_figure", True), native_code("in_figure", False), native_code("figure_kind", "swap")
    ('powfacts:in_figure#1', None, 'powfacts:figure_kind=swap')
    """
    if value is None or value == TOKEN_DEFAULTS[name]:
        return None
    if isinstance(value, str):
        return f"powfacts:{name}={value}"
    if isinstance(value, bool | int):
        return f"powfacts:{name}#{int(value)}"
    return f"powfacts:{name}?{value!r}"  # never written by a rule's translation: such a value is read through ``_``


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
    """The :class:`~powfacts.facts.records.Source` a doc's facts cite: ``<text>``, the sha256 of the text, the document date used."""
    import hashlib

    from powfacts.facts.records import Source

    sha = doc.user_data.get(SHA256) or hashlib.sha256(text_of(doc).encode("utf-8")).hexdigest()
    published = doc._.published
    return Source(path="<text>", sha256=sha, published=published.isoformat() if published else None, language=lang)


register()  # at import: a pipeline loaded from disk, a rule check or a user's own nlp finds them without a build
