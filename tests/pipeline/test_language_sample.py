"""Language detection reads a sample of a long text, and decides as it would on the whole text."""

from __future__ import annotations

import pytest
from documents import DOCUMENTS
from documents import text as _text

from powfacts.pipeline import language
from powfacts.pipeline.language import SAMPLE_CHARACTERS, SAMPLE_STRETCHES, detect, sample

LIMIT = SAMPLE_STRETCHES * SAMPLE_CHARACTERS



def _long_texts() -> dict[str, str]:
    """Every document, and every language's documents run together into one long text (few documents are long)."""
    texts = {path: _text(path) for path in DOCUMENTS}
    by_language: dict[str, list[str]] = {}
    for path, text in texts.items():
        by_language.setdefault(detect(text), []).append(text)
    texts.update({f"all of {lang}": "\n\n".join(parts) for lang, parts in by_language.items()})
    return texts


def test_some_texts_are_long_enough_to_be_sampled():
    assert len([t for t in _long_texts().values() if len(t) > LIMIT]) >= 4


def test_detect_decides_on_every_document_as_on_its_whole_text(monkeypatch):
    texts = _long_texts()
    sampled = {name: detect(text) for name, text in texts.items()}
    monkeypatch.setattr(language, "sample", lambda text: text)
    whole = {name: detect(text) for name, text in texts.items()}
    assert sampled == whole


@pytest.mark.parametrize("sentences", [20, 60, 200, 2000])
def test_an_english_story_ending_on_a_russian_quote_stays_english(sentences):
    english = "Russia and Ukraine exchanged prisoners of war again on Friday, officials in Kyiv said, as talks went on. "
    quote = "Россия и Украина провели обмен военнопленными по формуле 45 на 45, сообщили в министерстве."
    assert detect(english * sentences + quote) == "en"
    assert detect(quote + english * sentences) == "en"


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


@pytest.mark.parametrize("length", [LIMIT + 1, LIMIT + 7, LIMIT + 13, 9_999, 10_000, 123_457, 1_000_003])
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
