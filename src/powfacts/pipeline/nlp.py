"""Build the spaCy pipeline for a language from the patterns on disk (once per process)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.errors import Errors
from spacy.tokens import Doc

from powfacts.pipeline import components  # noqa: F401  (registers every factory) (before nlp.add_pipe below)
from powfacts.pipeline.components.rule_state import RuleState
from powfacts.pipeline.extensions import register
from powfacts.pipeline.rules import CONCERNS, load_lists, patterns_root
from powfacts.pipeline.tokenizer import NAME as TOKENIZER

#: cue concerns tagged by the generic cue component, in pipeline order
CUE_CONCERNS = ("qualifiers", "measures", "blockers", "status", "sides", "populations", "nationalities", "date_roles", "said_by")
#: the longest text the pipeline takes (no parser or tagger runs, so memory stays modest)
MAX_CHARACTERS = 50_000_000
#: cue concerns whose overlapping matches are all kept (a "mixed@first" total beside its parts)
OVERLAPPING_CUES = ("populations",)
#: the word list (``lists.jsonl``) of abbreviations the tokenizer keeps whole, so their full stop ends no sentence
ABBREVIATIONS = "abbreviations"
#: dateparser also tries these after the document's language (datelines of feed readers, English datelines)
EXTRA_DATE_LANGUAGES = ("en", "fr")

assert set(CUE_CONCERNS) | {"published", "dates", "figures"} >= set(CONCERNS) - {"numbers"}


@lru_cache(maxsize=None)
def build(lang: str = "en", root: str | None = None) -> Language:
    """The pipeline for ``lang``, reading ``<root>/<lang>/*.jsonl`` (built once per process: see :func:`load` for a pipeline of your own).

    ``root`` defaults to the shipped patterns; :func:`powfacts.pipeline.rules.user_root`
    adds a user's folder.

    >>> nlp = build("en")
    >>> nlp.pipe_names[:3]
    ['powfacts_lines', 'sentencizer', 'powfacts_dates']
    """
    return load(lang, root)


def load(lang: str = "en", root: str | None = None) -> Language:
    """A new spaCy pipeline for ``lang`` with powfacts' tokenizer and components, its rules read now
    (a bad rule raises :class:`~powfacts.errors.PatternError` here). ``nlp(text)`` runs it;
    ``doc._.facts`` holds the facts. ``nlp.to_disk(path)`` saves the rules with it, and
    ``spacy.load(path)`` reads them back where powfacts is installed.

    >>> nlp = load("en")
    >>> [(f.measure, f.value) for f in nlp("Ukraine freed 95 prisoners of war on 3 May 2025.")._.facts]
    [('released', 95)]
    """
    register()
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.max_length = MAX_CHARACTERS
    for word in load_lists(root or str(patterns_root()), lang).get(ABBREVIATIONS, ()):
        # "6,4 тис. — стільки громадян повернули": the stop of "тис." is the abbreviation's, not a sentence's end
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])
    add_to(nlp, lang, root)
    return nlp


def add_to(nlp: Language, lang: str | None = None, root: str | None = None) -> Language:
    """Add powfacts' components to a pipeline of your own (after its components) and read their rules.

    ``lang`` picks the pattern folder (default: the pipeline's language). A
    pipeline that already sets sentences (a parser, a senter) keeps its own;
    powfacts' line breaks and sentencizer are added only where nothing does.
    Its own tokenizer is kept, so a few of powfacts' split points
    ("307-for-307") may not apply.

    >>> import spacy
    >>> nlp = add_to(spacy.blank("en"))
    >>> nlp.pipe_names[-1]
    'powfacts_facts'
    """
    register()
    lang = lang or nlp.lang
    languages = list(dict.fromkeys((lang, *EXTRA_DATE_LANGUAGES)))
    common = {"lang": lang, "root": root or ""}  # empty: the shipped patterns, wherever powfacts is installed
    if not any(nlp.get_pipe_meta(name).assigns and "token.is_sent_start" in nlp.get_pipe_meta(name).assigns and name != "powfacts_lines" for name in nlp.pipe_names):
        nlp.add_pipe("powfacts_lines")
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("powfacts_dates", config=common)
    nlp.add_pipe("powfacts_published", config={**common, "languages": languages})
    nlp.add_pipe("powfacts_figures", config=common)
    for concern in CUE_CONCERNS:
        config = {**common, "concern": concern, "overlaps": concern in OVERLAPPING_CUES}
        nlp.add_pipe("powfacts_cues", name=f"powfacts_{concern}", config=config)
    nlp.add_pipe("powfacts_facts", config={"languages": languages})
    for _, component in nlp.pipeline:
        if isinstance(component, RuleState):
            component.initialize()
    return nlp


def annotate(text: str, published=None, lang: str = "en", root: str | None = None, prefilter: bool = True, parts=None) -> Doc:
    """Run the pipeline on ``text``; ``published`` is the document's date when it is known (else found in the text).

    With ``prefilter`` (what ``nlp(text)`` does), blocks of text that cannot hold
    a fact are blanked first (offsets unchanged; see :mod:`powfacts.pipeline.prefilter`);
    ``parts`` is what :func:`screen` gave for this text, so the prefilter does not run twice.
    """
    nlp = build(lang, root)
    if not prefilter:
        doc = nlp.tokenizer.whole(text)
    else:
        doc = nlp.tokenizer.cut(text, screen(text, lang, root) if parts is None else parts)
    doc._.published = published
    return nlp(doc)


def screen(text: str, lang: str = "en", root: str | None = None) -> list[tuple[int, int, bool]]:
    """What the prefilter of ``lang``'s pipeline keeps of ``text``: its stretches, kept (``True``) or blanked (``False``).
    When none is kept, no block can hold a fact and the pipeline would find none: a caller may skip it.

    >>> [kept for _, _, kept in screen("The weather was fine.\\n\\nNothing else.")]
    [False]
    >>> any(kept for _, _, kept in screen("On 6 May 2025, Ukraine returned 205 prisoners of war home."))
    True
    """
    nlp = build(lang, root)
    if len(text) > nlp.max_length:  # what nlp.make_doc says of such a text, before any work
        raise ValueError(Errors.E088.format(length=len(text), max_length=nlp.max_length))
    return nlp.tokenizer.parts(text)
