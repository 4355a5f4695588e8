"""Run validated rules over a Doc with spaCy's Matcher, each rule only where it can match; shared by the components."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache

import numpy
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, get_lang_class
from spacy.vocab import Vocab

from powfacts.pipeline.anchors import Anchor, Condition, Reach, anchor_of, condition_of, repeats, windows
from powfacts.errors import PatternError
from powfacts.pipeline.extensions import NATIVE, TOKEN_DEFAULTS, native_code
from powfacts.pipeline.lookup import Lookup, index
from powfacts.pipeline.rules import Rule

_REGIONS = "powfacts_regions"
_SENTENCES = "powfacts_sentences"


class RuleMatcher:
    """spaCy Matchers over one concern's rules, giving labelled spans.

    Each span carries its rule's label as ``label_`` and the rule id as
    ``id_``, so every fact can name the rules it came from.

    Rules are grouped by their :class:`~powfacts.pipeline.anchors.Anchor`, one
    Matcher a group, and each group runs only in the windows around the
    tokens its anchor finds; a one-token rule (``[{"LOWER": "seven"}]``)
    needs no Matcher at all, its matches are those tokens. The matches are
    exactly those of one Matcher over the whole text (a match always holds
    its anchor token, and the windows reach as far as any match can); only
    the time differs. ``tests/pipeline/test_matching.py`` checks this.
    """

    def __init__(self, vocab: Vocab, rules: tuple[Rule, ...], source: str):
        self.labels = {rule.id: rule.label for rule in rules}
        self.order = {rule.id: position for position, rule in enumerate(rules)}
        self.lookup = Lookup(vocab)
        self.direct: list[tuple[str, Condition]] = []  # one-token rules on a regex or a mark
        self.direct_words: dict[str, dict[int, list[str]]] = {}  # one-token rules on words: attr -> word -> rule ids
        validator = Matcher(vocab, validate=True)
        common = _stop_words(vocab.lang)
        members: dict[tuple, list[tuple[Rule, Anchor]]] = {}
        for rule in rules:
            _validate(validator, rule, source)
            whole = _whole(rule.pattern)
            if whole is None:
                anchor = anchor_of(rule.pattern, common)
                members.setdefault(_group_key(anchor), []).append((rule, anchor))
            elif whole[0] == "words":
                by_word = self.direct_words.setdefault(whole[1], {})
                for word in whole[2]:
                    by_word.setdefault(vocab.strings.add(word), []).append(rule.id)
            else:
                self.direct.append((rule.id, whole))
                self.lookup.register(whole)
        self.groups = [_Group(vocab, key, group, self.lookup) for key, group in members.items()]

    def spans(self, doc: Doc, regions: list[tuple[int, int]] | None = None) -> list[Span]:
        """Every match as a Span, in document order (overlaps kept).

        ``regions`` (sorted token ranges that do not overlap) limits the search
        to those parts of the doc.
        """
        regions = regions if regions is not None else [(0, len(doc))]
        hits = [(i, rule) for rule, condition in self.direct for i in self.lookup.positions(doc, condition)]
        for attr, by_word in self.direct_words.items():
            where = index(doc, attr)
            hits.extend((i, rule) for word in by_word.keys() & where.keys() for i in where[word] for rule in by_word[word])
        starts = [a for a, _ in regions]
        found = [Span(doc, i, i + 1, label=self.labels[rule], span_id=rule) for i, rule in hits if _inside(i, regions, starts)]
        for group in self.groups:
            for first, last in group.windows(doc, regions):
                for match_id, start, end in group.matcher(doc[first:last], allow_missing=True):  # TAG and LEMMA hold marks (native())
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
    cached = doc.user_data.get(_REGIONS)
    if cached is not None:
        return cached
    sentences = [(a, b) for a, b in sentence_bounds(doc) if not _only_space(doc, a, b)]
    marked = sorted({span.start for span in doc.spans["figures"]} | {span.start for span in doc.spans["dates"]})
    keep = [False] * len(sentences)
    for i, (start, end) in enumerate(sentences):
        if bisect_left(marked, start) < bisect_left(marked, end):  # a figure or a date starts in it
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
    doc.user_data[_REGIONS] = regions
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


def _inside(i: int, regions: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether token ``i`` is in one of the ``regions`` (sorted, not overlapping; ``starts`` their first tokens)."""
    n = bisect_right(starts, i) - 1
    return n >= 0 and i < regions[n][1]


def check_rules(rules: tuple[Rule, ...], source: str) -> None:
    """What building a :class:`RuleMatcher` checks, without building one: each pattern spaCy rejects raises :class:`PatternError`.

    >>> check_rules((Rule(id="a", label="b", pattern=[{"LOWER": "c", "OP": "%"}]),), "en/x.jsonl")
    Traceback (most recent call last):
    ...
    powfacts.errors.PatternError: en/x.jsonl: rule 'a': invalid spaCy pattern (...)
    """
    validator = Matcher(Vocab(), validate=True)
    for rule in rules:
        _validate(validator, rule, source)


def _validate(validator: Matcher, rule: Rule, source: str) -> None:
    """spaCy's own check of a pattern, and that its ``_`` attributes exist; a bad one raises :class:`PatternError` with its file and line."""
    for token in rule.pattern:
        unknown = [name for name in token.get("_") or {} if not Token.has_extension(name)]
        if unknown:
            raise PatternError(f"{rule.source or source}: rule {rule.id!r}: unknown token attribute _.{unknown[0]} (powfacts sets {', '.join(sorted(TOKEN_DEFAULTS))})")
    try:
        validator.add(rule.id, [rule.pattern], greedy="LONGEST")
    except (ValueError, KeyError) as exc:
        detail = [line.strip("- ") for line in str(exc).splitlines() if line.startswith("- ")]
        reason = "; ".join(detail) or str(exc).strip().splitlines()[0]
        raise PatternError(f"{rule.source or source}: rule {rule.id!r}: invalid spaCy pattern ({reason[:200]})") from exc


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang`` (none for a language spaCy does not know)."""
    try:
        return frozenset(get_lang_class(lang).Defaults.stop_words)
    except Exception:  # noqa: BLE001 - an unknown language: no stop words
        return frozenset()


def _whole(pattern: list[dict]) -> Condition | None:
    """The condition of a one-token rule when it says all the rule says, else None.

    >>> _whole([{"LOWER": {"IN": ["seven", "7"]}}]), _whole([{"LOWER": "seven", "OP": "?"}])
    (('words', 'LOWER', ('7', 'seven')), None)
    """
    if len(pattern) != 1 or len(pattern[0]) != 1 or set(pattern[0]) - {"LOWER", "ORTH", "TEXT", "NORM", "SHAPE", "_"}:
        return None
    ((key, value),) = pattern[0].items()
    if isinstance(value, dict) and (len(value) != 1 or (key != "_" and not set(value) <= {"IN", "REGEX"})):
        return None
    if key == "_" and any(isinstance(v, dict) and set(v) != {"IN"} for v in value.values()):
        return None
    return condition_of(pattern[0])


def _group_key(anchor: Anchor) -> tuple:
    """Which group a rule joins.

    Rules anchored on words of the same attribute with the same fixed reach
    share one group whose anchor is any of their words: the windows are the
    same, and one Matcher call serves them all. Other rules group by their
    anchor's condition.
    """
    condition, before, after = anchor.condition, anchor.before, anchor.after
    fixed = before is not None and after is not None and all(isinstance(t, int) for t in before + after)
    if condition is not None and condition[0] == "words" and fixed:
        return ("any of", condition[1], sum(before), sum(after))  # type: ignore[arg-type]
    return ("one", condition)


class _Group:
    """Rules that share an anchor, in one Matcher (already validated), and the windows they run in."""

    def __init__(self, vocab: Vocab, key: tuple, members: list[tuple[Rule, Anchor]], lookup: Lookup):
        self.matcher = Matcher(vocab, validate=False)  # validated as written; native() writes what the schema does not know (0 for "not marked")
        self.lookup = lookup
        if key[0] == "any of":
            words = sorted({word for _, anchor in members for word in anchor.condition[2]})  # type: ignore[index]
            self.condition: Condition | None = ("words", key[1], tuple(words))
        else:
            self.condition = key[1]
        self.reaches: list[tuple[Reach, Reach]] = []
        #: for each rule, the conditions of every token it cannot match without (a window missing one of
        #: each rule's is skipped: no match of the group can lie in it)
        self.required: list[tuple[Condition, ...]] = []
        for rule, anchor in members:
            self.required.append(tuple(dict.fromkeys(_required(rule.pattern))))
            self.matcher.add(rule.id, [native(rule.pattern)], greedy="LONGEST")
            if (anchor.before, anchor.after) not in self.reaches:
                self.reaches.append((anchor.before, anchor.after))
        lookup.register(self.condition)
        for conditions in self.required:
            for condition in conditions:
                lookup.register(condition)
        if any(not conditions for conditions in self.required):
            self.required = []  # a rule that needs nothing that can be looked up: every window may hold a match
        for reach in self.reaches:
            for side in reach:
                for term in side or ():
                    if not isinstance(term, int):
                        lookup.register(term)

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
        for a, b in regions:  # each region reads only its own anchor tokens (positions are sorted)
            inside = positions[bisect_left(positions, a) : bisect_left(positions, b)]
            if inside:
                found.extend(windows(inside, before, after, a, b))
        if found and self.required:
            wanted = [[self.lookup.positions(doc, condition) for condition in conditions] for conditions in self.required]
            found = [(a, b) for a, b in found if any(all(_any_in(p, a, b) for p in rule) for rule in wanted)]
        return found


def _widest(reaches) -> int | None:
    most = 0
    for reach in reaches:
        if reach is None:
            return None
        most = max(most, reach)
    return most


def native(pattern: list[dict]) -> list[dict]:
    """``pattern`` with each test of a mark on ``token._`` made on the mark's native attribute instead
    (:data:`powfacts.pipeline.extensions.NATIVE`), where it gives the same verdict on every token.

    spaCy's Matcher reads every ``_`` attribute a pattern names for every token it is run over,
    in Python; a native attribute it compares in C. Tests it cannot translate stay on ``_``.

    >>> native([{"_": {"in_figure": True}, "OP": "+"}, {"_": {"figure_kind": {"IN": ["cardinal", "swap"]}, "num_value": 7}}])
    [{'OP': '+', 'ENT_TYPE': 'powfacts:in_figure#1'}, {'ENT_KB_ID': {'IN': ['powfacts:figure_kind=cardinal', 'powfacts:figure_kind=swap']}, '_': {'num_value': 7}}]
    >>> native([{"_": {"in_figure": False}}, {"_": {"num_kind": {"IN": ["scale"]}}}])
    [{'ENT_TYPE': 0}, {'TAG': 'powfacts:num_kind=scale'}]
    """
    translated = []
    for token in pattern:
        marks = token.get("_")
        if not isinstance(marks, dict):
            translated.append(token)
            continue
        kept: dict = {}
        new = {key: value for key, value in token.items() if key != "_"}
        for name, value in marks.items():
            test = _native_test(name, value)
            if test is None:
                kept[name] = value
            else:
                new[NATIVE[name]] = test
        if kept:
            new["_"] = kept
        translated.append(new)
    return translated


def _native_test(name: str, value) -> str | int | dict | None:
    """The test on the native attribute of mark ``name`` that agrees with spaCy's test of ``value`` on ``_``; None when there is none."""
    if name not in NATIVE:
        return None
    if isinstance(value, dict):  # {"IN": [strings]}: spaCy compares the strings' hashes with the value's
        words = value.get("IN")
        if set(value) != {"IN"} or not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
            return None
        codes = sorted({native_code(name, w) for w in words})  # a string is never a default (None or False)
        return codes[0] if len(codes) == 1 else {"IN": codes}
    if isinstance(value, bool | str):
        code = native_code(name, value)
        if code is None:  # the default: only False compares as the 0 a token never marked holds
            return 0 if TOKEN_DEFAULTS[name] is False else None
        return code
    return None


def _required(pattern: list[dict]) -> list[Condition]:
    """The conditions of the tokens of ``pattern`` that every match holds (a token taken at least once, not negated).

    >>> _required([{"_": {"in_figure": True}, "OP": "+"}, {"IS_SENT_START": False, "OP": "{0,10}"}, {"LOWER": {"REGEX": "^(з|із)$"}}, {"LOWER": "x", "OP": "?"}])
    [('mark', 'in_figure', (True,)), ('regex', 'LOWER', ('^(з|із)$',))]
    """
    found = []
    for token in pattern:
        if repeats(token)[0] < 1 or token.get("OP") == "!":
            continue
        condition = condition_of(token)
        if condition is not None:
            found.append(condition)
    return found


def _any_in(positions: list[int], start: int, end: int) -> bool:
    """Whether a position of the sorted ``positions`` is in ``[start, end)``."""
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end
