"""The tokenizer: spaCy's own for the language, with a few more split points, built once.

Registered as ``powfacts.Tokenizer.v1`` so that ``spacy.blank`` builds it
directly: compiling spaCy's affix regexes and loading its exceptions is the
costliest part of starting up, and changing the rules of a built tokenizer
would do both again.
"""

from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

#: "307-for-307" splits at its hyphens, "home—157" at its dash
EXTRA_INFIXES = (r"(?<=[0-9])[-\u2013](?=[^\W\d_])", r"(?<=[^\W\d_])[-\u2013](?=[0-9])", r"\u2014")
#: footnote marks (superscript digits), split off the word they follow
FOOTNOTE_MARKS = r"[\u00b9\u00b2\u00b3\u2070-\u2079]"
#: "(2025)¹" splits before its footnote mark, "95%" before its sign
EXTRA_SUFFIXES = (FOOTNOTE_MARKS + "+", r"(?<=[0-9])%")
#: the name under which :func:`create_tokenizer` is registered
NAME = "powfacts.Tokenizer.v1"


@registry.tokenizers(NAME)
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's ``spacy.Tokenizer.v1`` for the language, plus :data:`EXTRA_INFIXES` and :data:`EXTRA_SUFFIXES`.

    >>> import spacy
    >>> nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": NAME}}})
    >>> [t.text for t in nlp("307-for-307 and 95%")]
    ['307', '-', 'for', '-', '307', 'and', '95', '%']
    """

    def tokenizer_factory(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        prefixes, suffixes, infixes = defaults.prefixes, list(defaults.suffixes or ()) + list(EXTRA_SUFFIXES), list(defaults.infixes or ()) + list(EXTRA_INFIXES)
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(prefixes).search if prefixes else None,
            suffix_search=compile_suffix_regex(suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return tokenizer_factory
