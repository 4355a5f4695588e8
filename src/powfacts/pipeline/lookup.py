"""Which tokens of a document meet a condition (a word, a regex, a mark), found once per document.

:mod:`powfacts.pipeline.matching` asks here where each rule's anchor stands and how
long the runs of repeated tokens around it can be.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

from powfacts.pipeline.anchors import Condition, Reach
from powfacts.pipeline.extensions import CHANGES, marked

_INDEX = "powfacts_index"
#: how many words a regex's verdicts are kept for
SEEN_WORDS = 100_000
_POSITIONS = "powfacts_positions"
_REGEX_WORDS = "powfacts_regex_words"


class Lookup:
    """Finds the tokens that meet a condition, for the documents of one vocabulary.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> Lookup(nlp.vocab).positions(nlp("Prisoners of war and more prisoners"), ("words", "LOWER", ("prisoners",)))
    [0, 5]
    """

    def __init__(self, vocab: Vocab):
        self.strings = vocab.strings
        self.words: dict[Condition, frozenset[int]] = {}
        self.regexes = _regexes(vocab)

    def positions(self, doc: Doc, condition: Condition) -> list[int]:
        """Indices of the tokens of ``doc`` that meet ``condition``, in order.

        Words and regexes are looked up once per document; marks again
        whenever one was set since (components add them as the pipeline runs).
        """
        cache = doc.user_data.setdefault(_POSITIONS, {})
        if condition[0] == "mark":
            key = (condition, doc.user_data.get(CHANGES, 0))  # marks set since the last look make a new key
            found = cache.get(key)
            if found is None:
                found = cache[key] = sorted(i for i, value in marked(doc, condition[1]).items() if value in condition[2])
            return found
        found = cache.get(condition)
        if found is None:
            found = cache[condition] = self._find(doc, condition)
        return found

    def _find(self, doc: Doc, condition: Condition) -> list[int]:
        kind, attr, values = condition
        where = index(doc, attr)
        if kind == "words":
            wanted = self.words.get(condition)
            if wanted is None:
                wanted = self.words[condition] = frozenset(self.strings.add(v) for v in values)
            keys = [k for k in wanted if k in where] if len(wanted) < len(where) else [k for k in where if k in wanted]
        else:  # a regex: every regex of the vocabulary is tried once on each distinct word (see _Regexes)
            keys = self.regexes.words(doc, attr, values[0])
        if len(keys) == 1:
            return where[keys[0]]
        return sorted(i for k in keys for i in where[k])

    def register(self, condition: Condition | None) -> None:
        """Make a regex condition known before documents come (one found later is added then)."""
        if condition is not None and condition[0] == "regex":
            self.regexes.add(condition[1], condition[2][0])

    def reach(self, doc: Doc, reach: Reach) -> int | None:
        """How many tokens ``reach`` comes to in ``doc`` (None: no bound)."""
        if reach is None:
            return None
        return sum(term if isinstance(term, int) else longest_run(self.positions(doc, term)) for term in reach)


def longest_run(positions: list[int]) -> int:
    """The most consecutive indices in a sorted list.

    >>> longest_run([1, 2, 3, 7, 8])
    3
    """
    longest = run = 0
    previous = None
    for i in positions:
        run = run + 1 if previous is not None and i == previous + 1 else 1
        longest = max(longest, run)
        previous = i
    return longest


def index(doc: Doc, attr: str) -> dict[int, list[int]]:
    """Where each value of a word attribute (LOWER, ORTH, NORM, SHAPE) stands in ``doc``, computed once per doc."""
    cache = doc.user_data.setdefault(_INDEX, {})
    found = cache.get(attr)
    if found is None:
        found = cache[attr] = {}
        for i, value in enumerate(doc.to_array(attr).tolist()):
            found.setdefault(value, []).append(i)
    return found


class _Regexes:
    """The regex conditions of every rule of one vocabulary, by word attribute, and which of them each word meets.

    A document's distinct words are read once for all the regexes (not once per regex): each word's
    verdicts are kept (the indices of the regexes it meets, usually none), and a document gathers,
    for each regex, its words that meet it.
    """

    def __init__(self):
        self.by_attr: dict[str, dict[str, int]] = {}  # attr -> regex -> its index
        self.compiled: dict[str, list[re.Pattern[str]]] = {}
        self.verdicts: dict[str, dict[int, tuple[int, ...]]] = {}  # attr -> word -> indices of the regexes it meets

    def add(self, attr: str, regex: str) -> int:
        known = self.by_attr.setdefault(attr, {})
        index = known.get(regex)
        if index is None:
            index = known[regex] = len(known)
            self.compiled.setdefault(attr, []).append(re.compile(regex))
            self.verdicts[attr] = {}  # every word is read again for the new regex
        return index

    def words(self, doc: Doc, attr: str, regex: str) -> list[int]:
        """The distinct words of ``doc`` (values of ``attr``) that ``regex`` finds something in, in the order of :func:`index`."""
        index = self.add(attr, regex)
        cache = doc.user_data.setdefault(_REGEX_WORDS, {})
        count = len(self.compiled[attr])
        found = cache.get(attr)
        if found is None or found[0] != count:  # first look, or a regex added since
            found = cache[attr] = (count, self._gather(doc, attr))
        return found[1].get(index, [])

    def _gather(self, doc: Doc, attr: str) -> dict[int, list[int]]:
        verdicts = self.verdicts[attr]
        if len(verdicts) > SEEN_WORDS:
            verdicts.clear()  # a long batch meets ever more words: start again rather than grow without end
        compiled, strings = self.compiled[attr], doc.vocab.strings  # the doc's own (a hash is the same in every vocabulary)
        by_regex: dict[int, list[int]] = {}
        for key in index(doc, attr):
            met = verdicts.get(key)
            if met is None:
                text = strings[key]
                met = verdicts[key] = tuple(i for i, regex in enumerate(compiled) if regex.search(text))
            for i in met:
                by_regex.setdefault(i, []).append(key)
        return by_regex


#: one :class:`_Regexes` a vocabulary (by id; the vocabulary is kept with it so that the id stays its own)
_SHARED: dict[int, tuple[Vocab, _Regexes]] = {}


def _regexes(vocab: Vocab) -> _Regexes:
    shared = _SHARED.get(id(vocab))
    if shared is None:
        shared = _SHARED[id(vocab)] = (vocab, _Regexes())
    return shared[1]
