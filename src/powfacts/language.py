"""Which language a document is written in, among those powfacts has patterns for."""

from __future__ import annotations

from functools import lru_cache

from .rules import available_languages

DEFAULT = "en"


@lru_cache(maxsize=1)
def _identifier(languages: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(languages))
    return identifier


def detect(text: str, languages: tuple[str, ...] | None = None) -> str:
    """The language of ``text`` among ``languages`` (default: every ``patterns/<lang>/``).

    The whole document is classified, so an English article that quotes a
    Russian statement stays English.

    >>> detect("Russia and Ukraine exchanged 95 prisoners of war each.")
    'en'
    >>> detect("Россия и Украина провели обмен военнопленными по формуле 45 на 45")
    'ru'
    """
    languages = tuple(sorted(languages or available_languages()))
    if len(languages) == 1 or not text.strip():
        return languages[0] if len(languages) == 1 else DEFAULT
    return str(_identifier(languages).classify(text)[0])
