"""powfacts.facts.date_forms.read gives the day dateparser gives, on every month word of every language.

The forms are generated from dateparser's own locale data (every month word,
skipped word and word for "year" of uk, ru, es and en, with French and
English after them as the pipeline asks), with days and years drawn at random
(a fixed seed) and the bases the pipeline parses against: the two fixed bases
of a day with a year, and document dates for a day without one.
"""

import datetime as dt
import random

import pytest

from powfacts.facts import date_forms
from powfacts.facts.dates import _OTHER_BASE, _YEARLESS_BASE, _parse, dateparser_reading
from powfacts.facts.date_forms import Vocabulary, read

#: the languages dateparser is given for a document in each language (powfacts.pipeline.nlp.EXTRA_DATE_LANGUAGES after it)
LANGUAGES = {"en": ("en", "fr"), "uk": ("uk", "en", "fr"), "ru": ("ru", "en", "fr"), "es": ("es", "en", "fr")}
#: the fixed bases, those of powfacts.facts.dates._names_month, and document dates (a leap day, a year's last day ...)
BASES = [_YEARLESS_BASE, _OTHER_BASE, dt.date(2001, 1, 1), dt.date(2001, 7, 1), dt.date(2024, 2, 29), dt.date(2025, 6, 4), dt.date(2023, 12, 31), dt.date(2025, 3, 1), dt.date(2022, 11, 30)]
#: forms read (and a few that must be left to dateparser): d day, m month word, y year, s skipped word, w word for "year"
FORMS = [
    "{d} {m}", "{m} {d}", "{m}. {d}", "{d} {m} {y}", "{m} {d}, {y}", "{m}. {d}, {y}", "{d} {m}, {y}", "{m} {y}", "{m}",
    "{d} {m} {y} {w}", "{d} {m} {y} {w}.", "{m} {y} {w}", "{d} {s} {m}", "{d} {s} {m} {s} {y}", "{m} {s} {y}", "{m} {d} {s} {y}",
    "{D}.{M}.{y}", "{D}/{M}/{y}", "{d}.{M}.{y}", "{y}-{M}-{D}", "{y}", "{M}.{y}", "{y}-{M}",
    "{w} {y}", "{m} {y} {y}", "{d} {d} {m}", "{d} {m} {d}", "{s} {d} {m}", "{d} {m} {s}", "{d}{m}", "{d}-{m}-{y}", "{d} {m} {y}{w}",
]
SAMPLES = 3000


def _words(language: str, role) -> list[str]:
    vocabulary = Vocabulary.of(language)
    return sorted(w for w in vocabulary.entries if vocabulary.role(w) == role or (role is int and isinstance(vocabulary.role(w), int)))


def _fill(form: str, rng: random.Random, language: str, month: str) -> str:
    day = rng.choice([1, 2, 9, 10, 15, 24, 28, 29, 30, 31, rng.randint(1, 31), rng.randint(1, 31), 0, 32])
    number = rng.randint(1, 13)
    year = rng.choice([2022, 2023, 2024, 2025, 2026, 2000, 1900, 1999, 2099, rng.randint(1900, 2099), rng.randint(1900, 2099), 1899, 2100])
    skipped = _words(language, date_forms.SKIP) or ["of"]
    year_words = _words(language, date_forms.YEAR_WORD) or ["year"]
    word = rng.choice([month, month.capitalize(), month.upper()])
    return form.format(
        d=day, D=f"{day:02}", M=f"{number:02}" if rng.random() < 0.7 else str(number), m=word, y=year, s=rng.choice(skipped), w=rng.choice(year_words)
    )


def _cases(language: str) -> list[tuple[str, dt.date]]:
    rng = random.Random(f"date-forms-{language}")
    months = _words(language, int) + (_words("en", int) if language != "en" else [])
    cases = []
    for month in months:  # every month word in the commonest forms at least once
        for form in ("{d} {m} {y}", "{d} {m}", "{m} {y}", "{m} {d}, {y}"):
            cases.append((_fill(form, rng, language, month), rng.choice(BASES)))
    for _ in range(SAMPLES):
        cases.append((_fill(rng.choice(FORMS), rng, language, rng.choice(months)), rng.choice(BASES)))
    return cases


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_the_fast_path_gives_the_day_dateparser_gives(language):
    languages = LANGUAGES[language]
    read_here = 0
    for text, base in _cases(language):
        quick = read(text, languages, base)
        if quick is not None:
            read_here += 1
            assert quick == dateparser_reading(text, languages, base), (text, languages, base)
    assert read_here > SAMPLES / 3  # most generated forms are read without dateparser


@pytest.mark.parametrize(
    "text, language, base, day",
    [
        ("24 February 2022", "en", _YEARLESS_BASE, dt.date(2022, 2, 24)),
        ("February 24, 2022", "en", _OTHER_BASE, dt.date(2022, 2, 24)),
        ("Feb. 4, 2023", "en", _YEARLESS_BASE, dt.date(2023, 2, 4)),
        ("24 лютого 2022 року", "uk", _YEARLESS_BASE, dt.date(2022, 2, 24)),
        ("квітень 2025 року", "uk", _OTHER_BASE, dt.date(2025, 4, 1)),
        ("2 марта 2025 года", "ru", _YEARLESS_BASE, dt.date(2025, 3, 2)),
        ("1 de diciembre de 2023", "es", _YEARLESS_BASE, dt.date(2023, 12, 1)),
        ("abril de 2025", "es", _OTHER_BASE, dt.date(2025, 4, 1)),
        ("2024-02-29", "en", _YEARLESS_BASE, dt.date(2024, 2, 29)),
        ("26.04.2024", "uk", _YEARLESS_BASE, dt.date(2024, 4, 26)),
        ("2024", "ru", _OTHER_BASE, dt.date(2024, 7, 1)),
        ("May 2025", "en", _YEARLESS_BASE, dt.date(2025, 5, 1)),
        ("4 June", "en", _YEARLESS_BASE, dt.date(1999, 6, 4)),  # after the base: the year before
        ("1 січня", "uk", _YEARLESS_BASE, dt.date(2000, 1, 1)),  # the base's own day stays in its year
        ("16 мая", "ru", dt.date(2025, 6, 4), dt.date(2025, 5, 16)),
        ("julio", "es", _YEARLESS_BASE, dt.date(1999, 7, 1)),
    ],
)
def test_common_forms_are_read_without_dateparser(text, language, base, day):
    assert read(text, LANGUAGES[language], base) == day == dateparser_reading(text, LANGUAGES[language], base)


@pytest.mark.parametrize(
    "text, language",
    [
        ("29 February", "en"),  # no such day in the base's year: dateparser looks for a leap year
        ("31 червня", "uk"),
        ("Friday, 23 May 2025", "en"),  # a weekday
        ("року 2025", "uk"),  # a word for "year" before the year
        ("24 Feb 22", "en"),  # a two-digit year
        ("24th February", "en"),
        ("1 June to 2024", "en"),  # a range's half
        ("last month", "en"),
        ("24 mar 2025", "es"),  # "mar" is March in Spanish and Tuesday in French
    ],
)
def test_other_forms_are_left_to_dateparser(text, language):
    assert read(text, LANGUAGES[language], _YEARLESS_BASE) is None


def test_parse_reads_common_forms_without_dateparser(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("dateparser was asked")

    _parse.cache_clear()
    monkeypatch.setattr("powfacts.facts.dates.dateparser.parse", refuse)
    try:
        assert _parse("24 лютого 2022 року", LANGUAGES["uk"], _YEARLESS_BASE) == dt.date(2022, 2, 24)
    finally:
        _parse.cache_clear()
