"""The tokenizer: spaCy's own for the language, with a few more split points, and the prefilter.

Registered as ``powfacts.Tokenizer.v1`` so that ``spacy.blank`` builds it
directly: compiling spaCy's affix regexes and loading its exceptions is the
costliest part of starting up, and changing the rules of a built tokenizer
would do both again. Before tokenizing, it blanks the blocks of text that
cannot hold a fact (:mod:`powfacts.pipeline.prefilter`), so ``nlp(text)`` is
the fast path; offsets never move.
"""

from __future__ import annotations

import hashlib
import re
import weakref
from typing import Callable, Iterable, Iterator

import numpy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from powfacts.pipeline.extensions import SHA256, TEXT

#: "307-for-307" splits at its hyphens, "home—157" at its dash
EXTRA_INFIXES = (r"(?<=[0-9])[-\u2013](?=[^\W\d_])", r"(?<=[^\W\d_])[-\u2013](?=[0-9])", r"\u2014")
#: footnote marks (superscript digits), split off the word they follow
FOOTNOTE_MARKS = r"[\u00b9\u00b2\u00b3\u2070-\u2079]"
#: "(2025)¹" splits before its footnote mark, "України¹." before its stop and then its mark, "95%" before its sign
EXTRA_SUFFIXES = (FOOTNOTE_MARKS + "+", r"(?<=" + FOOTNOTE_MARKS + r")[.,;:]", r"(?<=[0-9])%")
#: the name under which :func:`create_tokenizer` is registered
NAME = "powfacts.Tokenizer.v1"


#: a blanked stretch as tokens: each run of spaces, each line break
_LINES = re.compile(r"\n|[^\n]+")


@registry.tokenizers(NAME)
def create_tokenizer(prefilter: bool = True) -> Callable[[Language], "PrefilterTokenizer"]:
    """spaCy's ``spacy.Tokenizer.v1`` for the language, plus :data:`EXTRA_INFIXES` and :data:`EXTRA_SUFFIXES`,
    behind the prefilter (``prefilter=False`` turns it off). The prefilter reads the rules the pipeline's
    components hold (the shipped patterns when it has none), so a saved pipeline needs no pattern folder.

    >>> import spacy
    >>> nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": NAME}}})
    >>> [t.text for t in nlp("307-for-307 prisoners of war and 95%")]
    ['307', '-', 'for', '-', '307', 'prisoners', 'of', 'war', 'and', '95', '%']
    >>> nlp("The weather was fine.\\n\\nNothing else.").text.strip()
    ''
    """

    def tokenizer_factory(nlp: Language) -> PrefilterTokenizer:
        defaults = nlp.Defaults
        prefixes, suffixes, infixes = defaults.prefixes, list(defaults.suffixes or ()) + list(EXTRA_SUFFIXES), list(defaults.infixes or ()) + list(EXTRA_INFIXES)
        words = Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(prefixes).search if prefixes else None,
            suffix_search=compile_suffix_regex(suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )
        return PrefilterTokenizer(words, nlp, prefilter)

    return tokenizer_factory


class PrefilterTokenizer:
    """spaCy's tokenizer behind the prefilter: ``tokenizer(text)`` is the text with the blocks that cannot
    hold a fact blanked, every offset where it was; :meth:`whole` tokenizes all of it.

    Both keep the text's sha256 (of the text given, not of what the prefilter
    left) in ``doc.user_data``. Everything else (``explain``, ``rules``,
    ``to_disk``...) is the wrapped :class:`spacy.tokenizer.Tokenizer`'s.
    """

    def __init__(self, words: Tokenizer, nlp: Language, prefilter: bool = True):
        self.words = words
        self.lang = nlp.lang
        self._nlp = weakref.ref(nlp)  # the pipeline owns its tokenizer: no cycle
        self.prefilter = prefilter
        self._scan: tuple[tuple[int, ...], object] | None = None

    def __call__(self, text: str) -> Doc:
        return self.cut(text, self.parts(text)) if self.prefilter else self.whole(text)

    def masked(self, text: str, finder) -> Doc:
        """The tokens of ``text`` with the blocks ``finder`` does not keep blanked (:func:`powfacts.pipeline.prefilter.pieces`)."""
        from powfacts.pipeline.prefilter import pieces

        return self.cut(text, pieces(text, finder))

    def parts(self, text: str) -> list[tuple[int, int, bool]]:
        """What the prefilter keeps of ``text``: its stretches, kept (``True``) or blanked (``False``)
        (:func:`powfacts.pipeline.prefilter.pieces` with :meth:`scan`); none kept when no block can hold a fact."""
        from powfacts.pipeline.prefilter import pieces

        return pieces(text, self.scan())

    def cut(self, text: str, parts: list[tuple[int, int, bool]]) -> Doc:
        """The tokens of ``text`` with the stretches ``parts`` does not keep blanked (see :meth:`parts`).

        Only the kept stretches go through the tokenizer (with everything it
        sets, such as the norms of its exceptions); a blanked stretch becomes
        one whitespace token per line, so its length costs nothing and
        ``doc.text`` is the masked text, every offset where it was.
        """
        from powfacts.pipeline.prefilter import blank

        if all(kept for _, _, kept in parts):
            return self.whole(text)
        words: list[str] = []
        spaces: list[bool] = []
        norms = []  # the tokenizer's exceptions set norms ("Feb." -> "February"): carried over to the new doc
        masked: list[str] = []
        for start, end, kept in parts:
            if kept:
                masked.append(text[start:end])
                tokens = self.words(masked[-1])
                words.extend([t.text for t in tokens])
                spaces.extend([bool(t.whitespace_) for t in tokens])
                norms.append(tokens.to_array(NORM))
            else:
                masked.append(blank(text[start:end]))
                lines = _LINES.findall(masked[-1])
                words.extend(lines)
                spaces.extend([False] * len(lines))
                norms.append(numpy.array([self.words.vocab.strings.add(line) for line in lines], dtype="uint64"))
        doc = Doc(self.words.vocab, words=words, spaces=spaces)
        doc.from_array([NORM], numpy.concatenate(norms).reshape(-1, 1))
        return _kept(doc, text, "".join(masked))

    def whole(self, text: str) -> Doc:
        """Every token of ``text``, nothing blanked."""
        return _kept(self.words(text), text, text)

    def scan(self):
        """The prefilter's :class:`~powfacts.pipeline.prefilter.Scan`, from the rules the pipeline's components
        hold (built again only when those rules change); the shipped patterns' when no component holds them."""
        from powfacts.pipeline.prefilter import SCAN_CONCERNS, scan_of, vocabulary
        from powfacts.pipeline.rules import patterns_root

        held: dict[str, tuple] = {}
        nlp = self._nlp()
        for _, component in nlp.pipeline if nlp is not None else ():
            rules = getattr(component, "rules", None)
            if isinstance(rules, dict):
                held.update({concern: rules[concern] for concern in SCAN_CONCERNS if concern in rules})
        if set(held) != set(SCAN_CONCERNS):
            return vocabulary(str(patterns_root()), self.lang)
        key = tuple(id(held[concern]) for concern in SCAN_CONCERNS)
        if self._scan is None or self._scan[0] != key:
            self._scan = (key, scan_of(self.lang, held))
        return self._scan[1]

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    @property
    def vocab(self):
        return self.words.vocab

    def __getattr__(self, name: str):
        if name == "words":  # not set yet (unpickling): never recurse
            raise AttributeError(name)
        return getattr(self.words, name)

    def to_disk(self, path, **kwargs) -> None:
        self.words.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs) -> "PrefilterTokenizer":
        self.words.from_disk(path, **kwargs)
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return self.words.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs) -> "PrefilterTokenizer":
        self.words.from_bytes(data, **kwargs)
        return self


def _kept(doc: Doc, text: str, masked: str) -> Doc:
    doc.user_data[TEXT] = masked
    doc.user_data[SHA256] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return doc
