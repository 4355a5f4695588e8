"""The custom attributes powfacts adds to spaCy's Doc, Span and Token."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_DOC = {"published": None, "facts": None, "rejected": None}
_SPAN = {"info": None}
_TOKEN = {"num_kind": None, "num_value": None, "num_glue": False, "in_figure": False, "figure_kind": None, "in_date": False}


def register() -> None:
    """Register every extension once (idempotent)."""
    for name, default in _DOC.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in _TOKEN.items():
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)
