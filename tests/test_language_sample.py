"""Language detection reads a sample of a long text, and decides as it would on the whole text."""

from __future__ import annotations

import pytest
from documents import DOCUMENTS
from documents import text as _text

from powfacts import language
from powfacts.language import SAMPLE_CHARACTERS, SAMPLE_STRETCHES, detect, sample

LIMIT = SAMPLE_STRETCHES * SAMPLE_CHARACTERS



def test_some_documents_are_long_enough_to_be_sampled():
    assert len([p for p in DOCUMENTS if len(_text(p)) > LIMIT]) >= 5


def test_detect_decides_on_every_document_as_on_its_whole_text(monkeypatch):
    sampled = {path: detect(_text(path)) for path in DOCUMENTS}
    monkeypatch.setattr(language, "sample", lambda text: text)
    whole = {path: detect(_text(path)) for path in DOCUMENTS}
    assert sampled == whole


def test_detect_reads_a_sample_of_a_long_text(monkeypatch):
    seen = []
    real = language.sample
    monkeypatch.setattr(language, "sample", lambda text: seen.append(len(text)) or real(text))
    text = _text(max(DOCUMENTS, key=lambda p: len(_text(p))))
    detect(text)
    assert seen == [len(text)]


@pytest.mark.parametrize("text", ["", "short", "x" * LIMIT, "Україна\n" * (LIMIT // 8)])
def test_a_short_text_is_its_own_sample(text):
    assert len(text) <= LIMIT
    assert sample(text) == text


@pytest.mark.parametrize("length", [LIMIT + 1, LIMIT + 7, 3989, 4606, 10_000, 123_457, 1_000_003])
def test_a_long_text_is_sampled_in_even_stretches_from_its_start_to_its_end(length):
    text = "".join(chr(0x10000 + i) for i in range(length))  # every character tells where it stands
    found = sample(text)
    assert len(found) <= LIMIT + SAMPLE_STRETCHES - 1
    stretches = found.split("\n")
    assert len(stretches) == SAMPLE_STRETCHES
    assert all(len(s) == SAMPLE_CHARACTERS for s in stretches)
    assert stretches[0] == text[:SAMPLE_CHARACTERS]
    assert stretches[-1] == text[-SAMPLE_CHARACTERS:]
    starts = [text.index(s) for s in stretches]
    assert starts == sorted(starts)
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert max(gaps) - min(gaps) <= 1  # evenly spread


def test_a_text_of_whitespace_gets_the_default_language():
    assert detect("  \n\t ") == language.DEFAULT
