"""Which tokens of a document meet a condition (a word, a regex, a mark), found once per document.

:mod:`powfacts.matching` asks here where each rule's anchor stands and how
long the runs of repeated tokens around it can be.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

from .anchors import Condition, Reach
from .extensions import CHANGES, marked

_INDEX = "powfacts_index"
#: how many words a regex's verdicts are kept for
SEEN_WORDS = 100_000
_POSITIONS = "powfacts_positions"


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
        self.regexes: dict[str, tuple[re.Pattern[str], dict[int, bool]]] = {}

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
        else:  # a regex, tried once on each distinct word
            known = self.regexes.get(values[0])
            if known is None:
                known = self.regexes[values[0]] = (re.compile(values[0]), {})
            regex, seen = known
            if len(seen) > SEEN_WORDS:
                seen.clear()  # a long batch meets ever more words: start again rather than grow without end
            # (not ``where.keys() - seen.keys()``: a set difference with a dict view walks all of ``seen``)
            keys = []
            strings = self.strings
            for key in where:
                verdict = seen.get(key)
                if verdict is None:
                    verdict = seen[key] = bool(regex.search(strings[key]))
                if verdict:
                    keys.append(key)
        if len(keys) == 1:
            return where[keys[0]]
        return sorted(i for k in keys for i in where[k])

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
