"""RuleMatcher runs each rule only around its anchor tokens, yet finds exactly what one plain Matcher finds."""

from __future__ import annotations

import random
from functools import lru_cache

import pytest
import spacy
from documents import DOCUMENTS
from documents import name as _name
from documents import text_and_language as _text_and_language
from spacy.matcher import Matcher

from powfacts import pipeline

from powfacts.pipeline import extensions
from powfacts.errors import PatternError
from powfacts.pipeline.matching import RuleMatcher, fact_regions
from powfacts.pipeline.rules import CONCERNS, Rule, available_languages, load_rules, patterns_root


@lru_cache(maxsize=None)
def _matchers(lang: str, concern: str):
    """(plain Matcher of every rule, RuleMatcher of the same rules, rule order), or None without a pattern file."""
    root = patterns_root()
    if not (root / lang / f"{concern}.jsonl").is_file():
        return None
    rules = load_rules(str(root), lang, concern)
    vocab = pipeline.build(lang).vocab
    plain = Matcher(vocab, validate=True)
    for rule in rules:
        plain.add(rule.id, [rule.pattern], greedy="LONGEST")
    return plain, RuleMatcher(vocab, rules, "x"), {rule.id: i for i, rule in enumerate(rules)}


def plain_matches(matcher: Matcher, doc, regions, order) -> list[tuple[int, int, str]]:
    """What one Matcher of every rule finds, region by region, in RuleMatcher's documented order."""
    found = []
    for first, last in regions:
        for match_id, start, end in matcher(doc[first:last]):
            found.append((first + start, first + end, doc.vocab.strings[match_id]))
    return sorted(found, key=lambda m: (m[0], m[0] - m[1], order[m[2]]))


def rule_matches(matcher: RuleMatcher, doc, regions=None) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.id_) for s in matcher.spans(doc, regions)]


def random_regions(rng: random.Random, length: int, count: int = 3) -> list[tuple[int, int]]:
    """``count`` disjoint token ranges cut at random places (some may be empty)."""
    cuts = sorted(rng.randrange(length + 1) for _ in range(2 * count))
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]


def test_the_documents_cover_every_language():
    assert DOCUMENTS, "no fixture, corpus or development document found"
    languages = {_text_and_language(path)[1] for path in DOCUMENTS}
    assert languages >= set(available_languages())


@pytest.mark.parametrize("path", DOCUMENTS, ids=_name)
def test_rule_matcher_finds_what_one_plain_matcher_finds_on_real_documents(path):
    text, lang = _text_and_language(path)
    doc = pipeline.annotate(text, None, lang)
    sentences = [(s.start, s.end) for s in doc.sents]
    rng = random.Random(path)
    region_sets = {
        "whole": [(0, len(doc))],
        "fact regions": fact_regions(doc),
        "every other sentence": sentences[::2],
        "random cuts": random_regions(rng, len(doc)),
    }
    assert _compare_every_concern(doc, lang, region_sets) >= 3  # numbers, figures and dates at least


@pytest.mark.parametrize("path", DOCUMENTS[::4], ids=_name)
def test_rule_matcher_finds_what_one_plain_matcher_finds_without_the_prefilter(path):
    text, lang = _text_and_language(path)
    doc = pipeline.annotate(text, None, lang, prefilter=False)
    assert _compare_every_concern(doc, lang, {}) >= 3


def _compare_every_concern(doc, lang: str, region_sets: dict) -> int:
    """Assert both matchers agree on the whole doc and on each set of regions, for every concern; returns how many concerns."""
    checked = 0
    for concern in CONCERNS:
        found = _matchers(lang, concern)
        if found is None:
            continue
        plain, matcher, order = found
        assert rule_matches(matcher, doc) == plain_matches(plain, doc, [(0, len(doc))], order), concern
        for what, regions in region_sets.items():
            assert rule_matches(matcher, doc, regions) == plain_matches(plain, doc, regions, order), (concern, what)
        checked += 1
    return checked


# --- hand-made rules and documents -------------------------------------------------------------


def _rule(rule_id: str, pattern: list[dict], label: str = "x") -> Rule:
    return Rule(id=rule_id, label=label, pattern=pattern)


def _compare(rules: list[Rule], doc, regions=None) -> list[tuple[int, int, str]]:
    plain = Matcher(doc.vocab, validate=True)
    for rule in rules:
        plain.add(rule.id, [rule.pattern], greedy="LONGEST")
    order = {rule.id: i for i, rule in enumerate(rules)}
    regions_ = regions if regions is not None else [(0, len(doc))]
    expected = plain_matches(plain, doc, regions_, order)
    got = rule_matches(RuleMatcher(doc.vocab, tuple(rules), "x"), doc, regions)
    assert got == expected
    return got


@pytest.fixture(scope="module")
def blank_en():
    extensions.register()
    return spacy.blank("en")


def test_a_long_run_of_a_mark_before_the_anchor_is_matched_whole(blank_en):
    words = ["They", "freed"] + ["x"] * 12 + ["prisoners", "of", "war", ".", "9", "prisoners"]
    doc = spacy.tokens.Doc(blank_en.vocab, words=words)
    for i in range(2, 14):
        extensions.mark(doc[i], "in_figure", True)
    extensions.mark(doc[18], "in_figure", True)
    rule = _rule("run", [{"_": {"in_figure": True}, "OP": "+"}, {"LOWER": "prisoners"}])
    found = _compare([rule], doc)
    assert found == [(2, 15, "run"), (18, 20, "run")]
    assert _compare([rule], doc, [(5, 16)]) == [(5, 15, "run")]


def test_marks_added_after_a_first_run_are_seen_by_the_next(blank_en):
    doc = blank_en("They freed 95 prisoners")
    matcher = RuleMatcher(blank_en.vocab, (_rule("run", [{"_": {"in_figure": True}, "OP": "+"}, {"LOWER": "prisoners"}]),), "x")
    assert matcher.spans(doc) == []
    extensions.mark(doc[2], "in_figure", True)
    assert [(s.start, s.end) for s in matcher.spans(doc)] == [(2, 4)]


def test_a_rule_with_nothing_to_look_up_matches_everywhere(blank_en):
    doc = blank_en("Freed: 95, then 12 ; later (2025) more!")
    rules = [_rule("punct", [{"IS_PUNCT": True}], label="p")]
    found = _compare(rules, doc)
    assert [doc[s].text for s, _, _ in found] == [":", ",", ";", "(", ")", "!"]
    spans = RuleMatcher(blank_en.vocab, tuple(rules), "x").spans(doc)
    assert {s.label_ for s in spans} == {"p"}
    assert _compare(rules, doc, [(0, 4), (8, 11)]) == [(1, 2, "punct"), (3, 4, "punct"), (8, 9, "punct"), (10, 11, "punct")]


def test_spans_carry_the_rule_label_and_id(blank_en):
    doc = blank_en("Ukraine freed 95 prisoners of war.")
    rules = (_rule("pow", [{"LOWER": "prisoners"}, {"LOWER": "of"}, {"LOWER": "war"}], label="pows"),)
    spans = RuleMatcher(blank_en.vocab, rules, "x").spans(doc)
    assert [(s.text, s.label_, s.id_) for s in spans] == [("prisoners of war", "pows", "pow")]


def test_rules_on_every_powfacts_mark_find_what_one_plain_matcher_finds():
    doc = pipeline.annotate("On 6 May 2025 Ukraine freed a hundred and five prisoners of war, not 2,000 other prisoners.", None, "en")
    rules = [
        _rule("scale", [{"_": {"num_kind": {"IN": ["scale"]}}}]),
        _rule("glue", [{"_": {"num_glue": True}}]),
        _rule("not-figure", [{"_": {"in_figure": False}}, {"LOWER": "prisoners"}]),
        _rule("default", [{"_": {"in_figure": {"IN": [0]}}}, {"LOWER": "of"}]),
        _rule("kind", [{"_": {"figure_kind": {"IN": ["cardinal"]}}, "OP": "+"}, {"LOWER": "prisoners"}]),
        _rule("date", [{"_": {"in_date": True}, "OP": "+"}]),
    ]
    found = _compare(rules, doc)
    assert {rule for _, _, rule in found} == {rule.id for rule in rules}


def test_a_rule_on_an_unknown_attribute_names_its_file_and_rule(blank_en):
    rule = _rule("typo", [{"_": {"in_figures": True}}])
    rule._source = "mine/en/status.jsonl:3"
    with pytest.raises(PatternError, match=r"^mine/en/status\.jsonl:3: rule 'typo': unknown token attribute _\.in_figures "):
        RuleMatcher(blank_en.vocab, (rule,), "x")


# Random documents over a small vocabulary, random marks, and rules using every operator and anchor kind.
WORDS = ["a", "A", "b", "c", "x", "prisoners", "Prisoners", "of", "war", "War", "POWs", "95", "7", ",", ".", "!", "\n"]
RANDOM_RULES = [
    _rule("mark-run", [{"_": {"in_figure": True}, "OP": "+"}, {"LOWER": "prisoners"}]),
    _rule("pow", [{"LOWER": "prisoners"}, {"LOWER": "of"}, {"LOWER": "war"}]),
    _rule("a-run", [{"LOWER": "a", "OP": "+"}, {"LOWER": "b"}]),
    _rule("ab-repeat", [{"LOWER": {"IN": ["a", "b"]}, "OP": "{2,4}"}, {"LOWER": "c", "OP": "?"}]),
    _rule("x-to-war", [{"LOWER": "x"}, {"OP": "*"}, {"LOWER": "war"}]),
    _rule("digits-regex", [{"IS_DIGIT": True, "OP": "+"}, {"LOWER": {"REGEX": "^pris"}}, {"LOWER": "of", "OP": "!"}]),
    _rule("punct", [{"IS_PUNCT": True}]),
    _rule("kind-run", [{"_": {"num_kind": {"IN": ["cardinal", "scale"]}}, "OP": "+"}, {"ORTH": ","}, {"LOWER": "c", "OP": "*"}]),
    _rule("of-war-date", [{"LOWER": "of", "OP": "{,3}"}, {"TEXT": "war"}, {"OP": "{0,3}"}, {"_": {"in_date": True}}]),
    _rule("b-alpha-c", [{"LOWER": "b"}, {"IS_ALPHA": True, "OP": "{1,}"}, {"LOWER": "c"}]),
    _rule("c-a-c", [{"LOWER": "c", "OP": "*"}, {"LOWER": "a"}, {"LOWER": "c", "OP": "*"}]),
    _rule("optional-only", [{"LOWER": "c", "OP": "?"}, {"LOWER": "x", "OP": "*"}]),
    _rule("kind-string", [{"_": {"figure_kind": {"IN": ["swap"]}}}, {"LOWER": "of", "OP": "{1,2}"}]),
    _rule("orth-in", [{"ORTH": {"IN": ["War", "POWs"]}}, {"IS_PUNCT": True, "OP": "?"}]),
    _rule("norm", [{"NORM": "prisoners"}, {"LOWER": "of", "OP": "?"}]),
    _rule("regex-run", [{"TEXT": {"REGEX": "^[A-Z]"}, "OP": "+"}, {"LOWER": "b", "OP": "{0,2}"}]),
    _rule("exact-repeat", [{"LOWER": "x", "OP": "{3}"}, {"IS_DIGIT": True}]),
    # same attribute and fixed reach as "pow": the two share one group anchored on either word
    _rule("x-punct", [{"LOWER": "x"}, {"IS_PUNCT": True}, {"LOWER": "a", "OP": "?"}]),
    _rule("shape", [{"SHAPE": {"IN": ["dd", "d"]}}, {"LOWER": "prisoners", "OP": "?"}]),
    _rule("shape-run", [{"SHAPE": {"IN": ["Xxxxx", "Xxx", "XXXx"]}, "OP": "+"}, {"IS_PUNCT": True}]),
]


def _random_doc(vocab, rng: random.Random):
    words = [rng.choice(WORDS) for _ in range(rng.randrange(0, 90))]
    doc = spacy.tokens.Doc(vocab, words=words)
    i = 0
    while i < len(doc):  # runs of marks, some long
        if rng.random() < 0.15:
            run = rng.choice([1, 2, 3, 8, 15])
            for j in range(i, min(len(doc), i + run)):
                extensions.mark(doc[j], "in_figure", True)
            i += run
        i += 1
    for token in doc:
        r = rng.random()
        if r < 0.15:
            extensions.mark(token, "num_kind", rng.choice(["cardinal", "scale", "ordinal"]))
        elif r < 0.2:
            extensions.mark(token, "in_date", True)
        elif r < 0.25:
            extensions.mark(token, "figure_kind", rng.choice(["swap", "cardinal"]))
    return doc


@pytest.mark.parametrize("seed", range(8))
def test_rule_matcher_finds_what_one_plain_matcher_finds_on_random_documents(blank_en, seed):
    rng = random.Random(seed)
    matched = 0
    for _ in range(60):
        doc = _random_doc(blank_en.vocab, rng)
        matched += len(_compare(RANDOM_RULES, doc))
        _compare(RANDOM_RULES, doc, random_regions(rng, len(doc)))
        _compare(RANDOM_RULES[seed::4], doc)  # fewer rules: other groups, other widest reaches
    assert matched > 0
