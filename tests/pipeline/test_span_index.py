"""The position indexes answer exactly what a scan of the whole document answers, on any document."""

import random

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from powfacts.api import extract_text
from powfacts.pipeline.span_index import ByEdge, Containing, SpanIndex, blank_tokens, covered, runs_back

NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")
WORDS = st.sampled_from(["95", "people", "freed", ".", "\n", "\n\n", " ", "about", "Kyiv", "exchange", "!", "\n\n\n"])


def random_spans(doc, rng: random.Random, n: int) -> list[Span]:
    spans = []
    for _ in range(n):
        start = rng.randrange(len(doc))
        end = rng.randrange(start + 1, min(len(doc), start + 6) + 1)
        spans.append(Span(doc, start, end, label=rng.choice(["a", "b"])))
    return spans


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=60), st.integers(0, 10**6))
def test_edges_and_containment_agree_with_a_scan(words, seed):
    doc = NLP.make_doc("".join(w if w.isspace() else w + " " for w in words))
    rng = random.Random(seed)
    spans = random_spans(doc, rng, rng.randrange(0, 12))
    keep = lambda s: s.label_ == "a"  # noqa: E731
    ends, starts, around = ByEdge(spans, keep), ByEdge(spans, keep, edge="start"), Containing(spans, keep)
    for _ in range(20):
        low = rng.randrange(len(doc) + 1)
        high = rng.randrange(low, len(doc) + 1)
        kept = [s for s in spans if keep(s)]
        assert ends.first(low, high) is next((s for s in kept if low <= s.end <= high), None)
        assert starts.first(low, high) is next((s for s in kept if low <= s.start <= high), None)
        if low < len(doc):
            end = min(len(doc), low + rng.randrange(1, 3))
            assert around.first(low, end) is next((s for s in kept if s.start <= low and end <= s.end), None)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=60))
def test_lines_paragraphs_and_sentences_agree_with_a_scan(words):
    doc = NLP("".join(w if w.isspace() else w + " " for w in words))
    index = SpanIndex(doc)
    text = doc.text
    for char in range(len(text) + 1):
        assert index.paragraph_break_before(char) == text.rfind("\n\n", 0, char)
    for sent in doc.sents:
        line_end = text.find("\n", sent.end_char)
        assert index.line_bounds(sent.start_char, sent.end_char) == (
            text.rfind("\n", 0, sent.start_char) + 1,
            len(text) if line_end < 0 else line_end,
        )
        for token in sent:
            assert index.sentence(doc[token.i : token.i + 1]) == sent
        previous = [s for s in doc.sents if s.end <= sent.start and s.text.strip()]
        assert index.previous_sentence(sent) == (previous[-1] if previous else None)


def test_blank_runs_and_cover():
    doc = NLP.make_doc("about  95 \n\n people")
    blank = blank_tokens(doc)
    assert [t.text for t, b in zip(doc, blank, strict=True) if b] == [" ", "\n\n "]
    assert runs_back(blank) == [0, 1, 1, 3, 3, 5]
    assert covered([Span(doc, 0, 2), Span(doc, 1, 3)]) == {0, 1, 2}


@pytest.mark.parametrize("copies", [1, 40])
def test_a_long_document_reads_each_copy_as_one_alone(copies):
    """Repeating a story gives the same facts at each copy: no lookup leaks across paragraphs."""
    story = "KYIV, Oct 3 - Ukraine brought home 185 soldiers and 20 civilians on Thursday, aged 19 to 60.\n\n"
    one = extract_text(story, published="2025-10-03")
    many = extract_text(story * copies, published="2025-10-03")
    assert len(many) == copies * len(one)
    step = len(story)
    for n, fact in enumerate(many):
        base = one[n % len(one)]
        bounds = {"start", "end", "text", "basis"}  # the date expression's offsets move with the copy
        assert (fact.measure, fact.value, fact.population, fact.date.model_dump(include=bounds) if fact.date else None, fact.qualifier) == (
            base.measure, base.value, base.population, base.date.model_dump(include=bounds) if base.date else None, base.qualifier)
        assert fact.figure.start == base.figure.start + step * (n // len(one))
