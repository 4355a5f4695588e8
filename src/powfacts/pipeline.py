"""Build the spaCy pipeline for a language from the patterns on disk (once per process)."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers every factory)
from .extensions import SHA256, TEXT, register
from .prefilter import blank, pieces, vocabulary
from .rules import CONCERNS, patterns_root
from .tokenizer import NAME as TOKENIZER

#: cue concerns tagged by the generic cue component, in pipeline order
CUE_CONCERNS = ("qualifiers", "measures", "blockers", "status", "sides", "populations", "nationalities", "date_roles")
#: the longest text the pipeline takes (no parser or tagger runs, so memory stays modest)
MAX_CHARACTERS = 50_000_000
#: a blanked stretch as tokens: each run of spaces, each line break
_LINES = re.compile(r"\n|[^\n]+")
#: cue concerns whose overlapping matches are all kept (a "mixed@first" total beside its parts)
OVERLAPPING_CUES = ("populations",)
#: dateparser also tries these after the document's language (datelines of feed readers, English datelines)
EXTRA_DATE_LANGUAGES = ("en", "fr")

assert set(CUE_CONCERNS) | {"published", "dates", "figures"} >= set(CONCERNS) - {"numbers"}


@lru_cache(maxsize=None)
def build(lang: str = "en", root: str | None = None) -> Language:
    """The pipeline for ``lang``, reading ``<root>/<lang>/*.jsonl``.

    ``root`` defaults to the shipped patterns; :func:`powfacts.rules.user_root`
    adds a user's folder.

    >>> nlp = build("en")
    >>> nlp.pipe_names[:3]
    ['powfacts_lines', 'sentencizer', 'powfacts_dates']
    """
    register()
    base = root or str(patterns_root())
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.max_length = MAX_CHARACTERS
    languages = list(dict.fromkeys((lang, *EXTRA_DATE_LANGUAGES)))
    common = {"lang": lang, "root": base}
    nlp.add_pipe("powfacts_lines")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("powfacts_dates", config=common)
    nlp.add_pipe("powfacts_published", config={**common, "languages": languages})
    nlp.add_pipe("powfacts_figures", config=common)
    for concern in CUE_CONCERNS:
        config = {**common, "concern": concern, "overlaps": concern in OVERLAPPING_CUES}
        nlp.add_pipe("powfacts_cues", name=f"powfacts_{concern}", config=config)
    nlp.add_pipe("powfacts_facts", config={"languages": languages})
    return nlp


def make_doc(nlp: Language, text: str, finder) -> Doc:
    """The tokens of ``text`` with the blocks that cannot hold a fact blanked (:func:`powfacts.prefilter.mask`).

    Only the kept stretches go through the tokenizer (with everything it sets,
    such as the norms of its exceptions); a blanked stretch becomes one
    whitespace token per line, so its length costs nothing and ``doc.text``
    is the masked text, every offset where it was.
    """
    parts = pieces(text, finder)
    if all(kept for _, _, kept in parts) or len(text) > nlp.max_length:
        return _with_text(nlp.make_doc(text), text)  # nothing blanked, or spaCy's own error for a text over its limit
    words: list[str] = []
    spaces: list[bool] = []
    norms = []  # the tokenizer's exceptions set norms ("Feb." -> "February"): carried over to the new doc
    masked: list[str] = []
    for start, end, kept in parts:
        if kept:
            masked.append(text[start:end])
            tokens = nlp.tokenizer(masked[-1])
            words.extend([t.text for t in tokens])
            spaces.extend([bool(t.whitespace_) for t in tokens])
            norms.append(tokens.to_array(NORM))
        else:
            masked.append(blank(text[start:end]))
            lines = _LINES.findall(masked[-1])
            words.extend(lines)
            spaces.extend([False] * len(lines))
            norms.append(numpy.array([nlp.vocab.strings.add(line) for line in lines], dtype="uint64"))
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    doc.from_array([NORM], numpy.concatenate(norms).reshape(-1, 1))
    return _with_text(doc, "".join(masked))


def _with_text(doc: Doc, text: str) -> Doc:
    doc.user_data[TEXT] = text
    return doc


def annotate(text: str, published=None, lang: str = "en", root: str | None = None, prefilter: bool = True) -> Doc:
    """Run the pipeline on ``text``; ``published`` is the document's date when it is known (else found in the text).

    With ``prefilter``, blocks of text that cannot hold a fact are blanked
    first (offsets unchanged; see :mod:`powfacts.prefilter`).
    """
    nlp = build(lang, root)
    doc = make_doc(nlp, text, vocabulary(root or str(patterns_root()), lang)) if prefilter else _with_text(nlp.make_doc(text), text)
    doc.user_data[SHA256] = hashlib.sha256(text.encode("utf-8")).hexdigest()  # of the text, not of what the prefilter left
    doc._.published = published
    return nlp(doc)
