"""Run validated rules over a Doc with spaCy's Matcher; shared by the components."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy

from spacy.matcher import Matcher
from spacy.util import get_lang_class
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .anchors import Anchor, Condition, Reach, anchor_of, condition_of, windows
from .errors import PatternError
from .extensions import MARKS
from .rules import Rule


_ATTRIBUTES = "powfacts_attributes"
_POSITIONS = "powfacts_positions"
_SENTENCES = "powfacts_sentences"


class RuleMatcher:
    """spaCy Matchers over one concern's rules, giving labelled spans.

    Each span carries its rule's label as ``label_`` and the rule id as
    ``id_``, so every fact can name the rules it came from.

    Rules are grouped by their :class:`~powfacts.anchors.Anchor`, one
    Matcher a group, and each group runs only in the windows around the
    tokens its anchor finds. The matches are exactly those of one Matcher
    over the whole text (a match always holds its anchor token, and the
    windows reach as far as any match can); only the time differs.
    """

    def __init__(self, vocab: Vocab, rules: tuple[Rule, ...], source: str):
        self.labels: dict[str, str] = {}
        self.order: dict[str, int] = {}
        common = _stop_words(vocab.lang)
        anchors = [_shared(anchor_of(rule.pattern, common)) for rule in rules]
        words: dict[tuple, set[str]] = {}
        for anchor, key in anchors:
            if key[0] == "any of":
                words.setdefault(key, set()).update(anchor.condition[2])  # type: ignore[index]
        groups: dict[tuple, _Group] = {}
        lookup = self.lookup = _Lookup(vocab)
        # one-token rules: their matches are the tokens their anchor finds; by word where they name words
        self.direct: list[tuple[str, Condition]] = []
        self.direct_words: dict[str, dict[int, list[str]]] = {}
        for position, (rule, (anchor, key)) in enumerate(zip(rules, anchors)):
            whole = _whole(rule.pattern)
            if whole is not None:
                key = ("direct", rule.id)
                if whole[0] == "words":
                    by_word = self.direct_words.setdefault(whole[1], {})
                    for word in whole[2]:
                        by_word.setdefault(vocab.strings.add(word), []).append(rule.id)
                else:
                    self.direct.append((rule.id, whole))
            group = groups.get(key)
            if group is None:
                condition = ("words", key[1], tuple(sorted(words[key]))) if key in words else anchor.condition
                group = groups[key] = _Group(vocab, condition, lookup)
            try:
                group.add(rule, anchor)
            except (ValueError, KeyError) as exc:
                detail = [line.strip("- ") for line in str(exc).splitlines() if line.startswith("- ")]
                reason = "; ".join(detail) or str(exc).strip().splitlines()[0]
                raise PatternError(f"{rule.source or source}: rule {rule.id!r}: invalid spaCy pattern ({reason[:200]})") from exc
            self.labels[rule.id] = rule.label
            self.order[rule.id] = position
        self.groups = [g for key, g in groups.items() if key[0] != "direct"]  # a direct rule's group only validated it

    def spans(self, doc: Doc, regions: list[tuple[int, int]] | None = None) -> list[Span]:
        """Every match as a Span, in document order (overlaps kept).

        ``regions`` (token ranges) limits the search to those parts of the doc.
        """
        regions = regions if regions is not None else [(0, len(doc))]
        found = []
        hits = [(i, rule) for rule, condition in self.direct for i in self.lookup.positions(doc, condition)]
        for attr, by_word in self.direct_words.items():
            index = _index(doc, attr)
            hits.extend((i, rule) for word in by_word.keys() & index.keys() for i in index[word] for rule in by_word[word])
        for i, rule in hits:
            if any(a <= i < b for a, b in regions):
                found.append(Span(doc, i, i + 1, label=self.labels[rule], span_id=rule))
        for group in self.groups:
            for first, last in group.windows(doc, regions):
                for match_id, start, end in group.matcher(doc[first:last]):
                    key = doc.vocab.strings[match_id]
                    found.append(Span(doc, first + start, first + end, label=self.labels[key], span_id=key))
        found.sort(key=lambda s: (s.start, -len(s), self.order[s.id_]))
        return found

    def longest(self, doc: Doc, keep=None, regions: list[tuple[int, int]] | None = None) -> list[Span]:
        """Matches without overlaps: the longest wins, then the earlier rule.

        ``keep`` (a predicate on spans) drops matches before overlaps are resolved.
        """
        spans = [s for s in self.spans(doc, regions) if keep is None or keep(s)]
        spans.sort(key=lambda s: (-len(s), s.start, self.order[s.id_]))
        return sorted(filter_spans(spans), key=lambda s: s.start)


def fact_regions(doc: Doc) -> list[tuple[int, int]]:
    """The token ranges a fact can draw on: sentences with a figure or a date, and the sentence before each.

    The facts component reads cues only there (a figure's own sentence, the
    sentence before it, and dated sentences), so cue rules need not run
    anywhere else. Computed once per document.
    """
    cached = doc.user_data.get("powfacts_regions")
    if cached is not None:
        return cached
    sentences = [(a, b) for a, b in sentence_bounds(doc) if not _only_space(doc, a, b)]
    marked = set()
    for span in list(doc.spans["figures"]) + list(doc.spans["dates"]):
        marked.add(span.start)
    keep = [False] * len(sentences)
    for i, (start, end) in enumerate(sentences):
        if any(start <= t < end for t in marked):
            keep[i] = True
            if i > 0:
                keep[i - 1] = True
    regions: list[tuple[int, int]] = []
    for (start, end), kept in zip(sentences, keep, strict=True):
        if not kept:
            continue
        if regions and regions[-1][1] >= start - 1 and _only_space(doc, regions[-1][1], start):
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    doc.user_data["powfacts_regions"] = regions
    return regions


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """The token range of every sentence, as ``doc.sents`` gives them, computed once per document.

    Read from the sentence-start column rather than by walking every token.
    """
    cached = doc.user_data.get(_SENTENCES)
    if cached is not None:
        return cached
    starts = [0] + [i for i in numpy.flatnonzero(doc.to_array("SENT_START") == 1).tolist() if i > 0]
    bounds = list(zip(starts, starts[1:] + [len(doc)])) if len(doc) else []
    doc.user_data[_SENTENCES] = bounds
    return bounds


def _only_space(doc: Doc, start: int, end: int) -> bool:
    return all(not t.text.strip() for t in doc[start:end])


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang`` (none for a language spaCy does not know)."""
    try:
        return frozenset(get_lang_class(lang).Defaults.stop_words)
    except Exception:  # noqa: BLE001 - an unknown language: no stop words
        return frozenset()


def _whole(pattern: list[dict]) -> Condition | None:
    """The condition of a one-token rule when it says all the rule says (``[{"LOWER": "seven"}]``), else None."""
    if len(pattern) != 1 or set(pattern[0]) - {"LOWER", "ORTH", "TEXT", "NORM", "SHAPE", "_"} or len(pattern[0]) != 1:
        return None
    (key, value), = pattern[0].items()
    if isinstance(value, dict) and (len(value) != 1 or (key != "_" and not set(value) <= {"IN", "REGEX"})):
        return None
    if key == "_" and any(isinstance(v, dict) and set(v) != {"IN"} for v in value.values()):
        return None
    return condition_of(pattern[0])


def _shared(anchor: Anchor) -> tuple[Anchor, tuple]:
    """The anchor and the key of the group its rule joins.

    Rules anchored on words of the same attribute with the same fixed reach
    share one group whose anchor is any of their words: the windows are the
    same, and one Matcher call serves them all.
    """
    condition, before, after = anchor.condition, anchor.before, anchor.after
    fixed = before is not None and after is not None and all(isinstance(t, int) for t in before + after)
    if condition is not None and condition[0] == "words" and fixed:
        return anchor, ("any of", condition[1], sum(before), sum(after))  # type: ignore[arg-type]
    return anchor, ("one", condition)


class _Group:
    """The rules that share an anchor condition, in one Matcher, and the windows they run in."""

    def __init__(self, vocab: Vocab, condition: Condition | None, lookup: "_Lookup"):
        self.matcher = Matcher(vocab, validate=True)
        self.condition = condition
        self.lookup = lookup
        self.reaches: list[tuple[Reach, Reach]] = []

    def add(self, rule: Rule, anchor: Anchor) -> None:
        self.matcher.add(rule.id, [rule.pattern], greedy="LONGEST")
        if (anchor.before, anchor.after) not in self.reaches:
            self.reaches.append((anchor.before, anchor.after))

    def windows(self, doc: Doc, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The token ranges to run in: around every anchor token, within the regions."""
        if self.condition is None:
            return [(a, b) for a, b in regions if b > a]
        positions = self.lookup.positions(doc, self.condition)
        if not positions:
            return []
        before = _widest(self.lookup.reach(doc, r) for r, _ in self.reaches)
        after = _widest(self.lookup.reach(doc, r) for _, r in self.reaches)
        found = []
        for a, b in regions:
            found.extend(windows(positions, before, after, a, b))
        return found


def _widest(reaches) -> int | None:
    most = 0
    for reach in reaches:
        if reach is None:
            return None
        most = max(most, reach)
    return most


class _Lookup:
    """Finds the tokens that meet a condition, once per document and condition."""

    def __init__(self, vocab: Vocab):
        self.strings = vocab.strings
        self.words: dict[tuple, frozenset[int]] = {}
        self.regexes: dict[str, tuple[re.Pattern[str], dict[int, bool]]] = {}

    def positions(self, doc: Doc, condition: Condition) -> list[int]:
        """Indices of the tokens of ``doc`` that meet ``condition``, in order.

        Marks are read afresh each time (components add them as the pipeline
        runs); words and regexes are looked up once per document.
        """
        if condition[0] == "mark":
            marks = doc.user_data.get(MARKS, {}).get(condition[1], {})
            return sorted(i for i, value in marks.items() if value in condition[2])
        cache = doc.user_data.setdefault(_POSITIONS, {})
        found = cache.get(condition)
        if found is None:
            found = cache[condition] = self._find(doc, condition)
        return found

    def _find(self, doc: Doc, condition: Condition) -> list[int]:
        kind, attr, values = condition
        index = _index(doc, attr)
        if kind == "words":
            wanted = self.words.get(condition)
            if wanted is None:
                wanted = self.words[condition] = frozenset(self.strings.add(v) for v in values)
            keys = [k for k in wanted if k in index] if len(wanted) < len(index) else [k for k in index if k in wanted]
        else:
            regex, seen = self.regexes.setdefault(values[0], (re.compile(values[0]), {}))
            for key in index.keys() - seen.keys():
                seen[key] = bool(regex.search(self.strings[key]))
            keys = [k for k in index if seen[k]]
        if len(keys) == 1:
            return index[keys[0]]
        return sorted(i for k in keys for i in index[k])

    def reach(self, doc: Doc, reach: Reach) -> int | None:
        """How many tokens ``reach`` comes to in ``doc``."""
        if reach is None:
            return None
        return sum(term if isinstance(term, int) else _longest_run(self.positions(doc, term)) for term in reach)


def _longest_run(positions: list[int]) -> int:
    """The most consecutive indices in a sorted list.

    >>> _longest_run([1, 2, 3, 7, 8])
    3
    """
    longest = run = 0
    previous = None
    for i in positions:
        run = run + 1 if previous is not None and i == previous + 1 else 1
        longest = max(longest, run)
        previous = i
    return longest


def _index(doc: Doc, attr: str) -> dict[int, list[int]]:
    """Where each value of a word attribute (LOWER, ORTH, NORM, SHAPE) stands in the doc, computed once per doc."""
    cache = doc.user_data.setdefault(_ATTRIBUTES, {})
    index = cache.get(attr)
    if index is None:
        index = cache[attr] = {}
        for i, value in enumerate(doc.to_array(attr).tolist()):
            index.setdefault(value, []).append(i)
    return index
