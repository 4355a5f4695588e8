"""Common calendar date forms read without dateparser, exactly as dateparser reads them.

Most date expressions of the news are a handful of forms: a day, a month
name and a year ("24 February 2022", "February 24, 2022", "24 лютого 2022
року", "2 марта 2025 года", "1 de diciembre de 2023"), a month and a year, a
month or a day and month alone, an ISO day, a day in figures ("26.04.2024"),
a year alone. dateparser takes
about half a millisecond for each; :func:`read` reads them in microseconds
and gives the same day (``tests/facts/test_date_forms.py`` compares the two on
every month word of every language, many days, years and reference days).
Anything else, or anything it is not sure of, is ``None``: the caller asks
dateparser.

No word is written here: month names, the words dateparser skips ("de",
"of") and its words for "year" ("року", "года") come from dateparser's own
locale data, and a word is read only when every language that knows every
word of the text reads it the same way (dateparser picks one of those
languages, and then any of them gives this day).

The settings are those of :func:`powfacts.facts.dates.dateparser_reading` for calendar
dates: the first day of a month without a day, the base's month for a year
alone, a date without a year in the base's year unless that is after the
base (then the year before).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import regex  # dateparser's own regular expressions need it (variable-width look-behinds)
from dateparser.languages.loader import default_loader
from dateparser.timezone_parser import pop_tz_offset_from_string

#: a day, a month, a year (four digits), a word dateparser skips, a word for "year"
DAY, MONTH, YEAR, SKIP, YEAR_WORD = "D", "M", "Y", "S", "W"
#: the forms read, as roles in order: "24 February", "February 24", "February", each with an optional year
#: (and a word for "year" after it); a skipped word may stand between day and month and before the year
FORMS = re.compile(r"(?:DS?M|MD|M)(?:S?YW?)?")
#: the years read (dateparser reads others too; these are the years news speaks of, and those the tests check)
YEARS = range(1900, 2100)
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
#: the entries of dateparser's locale data whose words :func:`read` reads, and as what
_ROLES: dict[str, str | int] = {**{key: n for n, key in enumerate(_MONTH_KEYS, 1)}, "skip": SKIP, "year": YEAR_WORD}
#: entries of the locale data that hold no words
_NOT_WORDS = ("name", "date_order")
#: entries that hold regular expressions (their words count as known, never as read)
_PATTERNS = ("simplifications", "relative-type-regex")
#: words with separators between them: spaces, or a comma or full stop before a space or at the end
_SHAPE = re.compile(r"[^\W_]+(?:[.,]?\s+[^\W_]+)*\.?")
_WORD = re.compile(r"[^\W_]+")
_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
#: a day, month and year in figures, day first ("26.04.2024", "14/08/2025"), as ``DATE_ORDER`` "DMY" reads them
_NUMERIC = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d{4})")


class Vocabulary:
    """The words of one dateparser language that :func:`read` reads: month names, skipped words, words for "year",
    and every word the language knows in any role (so that a text with a word of another role is left to dateparser).

    >>> Vocabulary.of("uk").role("лютого"), Vocabulary.of("uk").role("року"), Vocabulary.of("es").role("de")
    (2, 'W', 'S')
    """

    def __init__(self, info: dict):
        #: every word the language's data holds on its own, with the entries it stands in ("january", "skip", ...)
        self.entries: dict[str, set[str]] = {}
        #: every word of the language's data, in phrases and patterns too (dateparser may know it)
        self.known: set[str] = set()
        phrases: list[frozenset[str]] = []
        for key, value in info.items():
            if key in _NOT_WORDS:
                continue
            for string in _strings(value) + ([] if key in _ROLES else _strings(key)):
                words = _WORD.findall(string.lower())
                self.known.update(words)
                if key in _PATTERNS:
                    continue
                if len(words) == 1 and words[0] == string.lower():
                    self.entries.setdefault(words[0], set()).add(key)
                elif words:
                    phrases.append(frozenset(w for w in words if not w.isdigit()))
        #: phrases ("минулого року") made only of words read here: a text holding all of them is left to dateparser
        self.phrases = [p for p in phrases if p and all(self.role(w) is not None for w in p)]
        #: dateparser rewrites what these match before it reads a text ("an" -> "1"); such a text is left to it
        self.rewrites = [
            regex.compile(rf"(?<=\A|\W|_){pattern}(?=\Z|\W|_)", regex.I | regex.U) for rule in info.get("simplifications", ()) for pattern in rule
        ]

    @staticmethod
    @lru_cache(maxsize=None)
    def of(language: str) -> "Vocabulary":
        """The vocabulary of ``language`` from dateparser's locale data (read once per process)."""
        return Vocabulary(default_loader.get_locale(language).info)

    def role(self, word: str) -> str | int | None:
        """A month's number, :data:`SKIP`, :data:`YEAR_WORD`, or ``None`` (another entry, or two at once)."""
        entries = self.entries.get(word, set())
        if "skip" in entries:
            entries = entries - {"pertain"}  # "of", "de": a word that relates a day to its month, skipped alike
        if len(entries) != 1:
            return None
        (entry,) = entries
        return _ROLES.get(entry)


def prepare(languages: tuple[str, ...]) -> None:
    """Read the vocabularies of ``languages`` and dateparser's time-zone names now (both load on first use), so that
    processes forked after this share them."""
    for language in languages:
        Vocabulary.of(language)
    pop_tz_offset_from_string(DAY)


def _strings(value) -> list[str]:
    """Every string of a locale's data, its keys too (a superset of the words dateparser's dictionary knows)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in _strings(key) + _strings(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


def read(text: str, languages: tuple[str, ...], base: dt.date) -> dt.date | None:
    """The day dateparser gives ``text`` (absolute parsers, ``base`` as its relative base), or ``None`` when the form is
    not one of the common ones (then ask dateparser).

    >>> base = dt.date(2000, 1, 1)
    >>> read("24 лютого 2022 року", ("uk", "en", "fr"), base), read("1 de diciembre de 2023", ("es", "en", "fr"), base)
    (datetime.date(2022, 2, 24), datetime.date(2023, 12, 1))
    >>> read("June 4", ("en", "fr"), base), read("March 2024", ("en", "fr"), base), read("2024", ("en", "fr"), dt.date(2001, 7, 15))
    (datetime.date(1999, 6, 4), datetime.date(2024, 3, 1), datetime.date(2024, 7, 1))
    >>> read("last Friday", ("en", "fr"), base) is None
    True
    """
    if pop_tz_offset_from_string(text, as_offset=False)[1] is not None:
        return None  # dateparser drops a time zone's name ("29 Set": SET) and reads the rest
    text = text.strip().lower()
    iso = _ISO.fullmatch(text)
    if iso:
        return _date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        year = int(numeric.group(4))
        return _date(year, int(numeric.group(3)), int(numeric.group(1))) if year in YEARS else None
    if not _SHAPE.fullmatch(text):
        return None
    tokens = _WORD.findall(text)
    words = [t for t in tokens if not t.isdigit()]
    if not words:
        if len(tokens) == 1 and len(tokens[0]) == 4 and int(tokens[0]) in YEARS:
            return dt.date(int(tokens[0]), base.month, 1)  # a year alone: the base's month, its first day
        return None
    read_by = _meaning(tuple(words), languages)
    if read_by is None:
        return None
    meaning, applicable = read_by
    if any(rewrite.search(text) for language in applicable for rewrite in Vocabulary.of(language).rewrites):
        return None
    roles: list[str] = []
    month = day = year = None
    for token in tokens:
        if token.isdigit():
            value = int(token)
            if len(token) <= 2 and 1 <= value <= 31:
                roles.append(DAY)
                day = value
            elif len(token) == 4 and value in YEARS:
                roles.append(YEAR)
                year = value
            else:
                return None
        else:
            role = meaning[token]
            if isinstance(role, int):
                month = role
                role = MONTH
            roles.append(role)
    form = "".join(roles)
    if month is None or not FORMS.fullmatch(form):
        return None
    if year is not None:
        return _date(year, month, day or 1)
    found = _date(base.year, month, day or 1)
    if found is not None and found > base:  # dateparser prefers the past: the year before
        found = _date(base.year - 1, month, day or 1)
    return found


@lru_cache(maxsize=4096)
def _meaning(words: tuple[str, ...], languages: tuple[str, ...]) -> tuple[dict[str, str | int], list[str]] | None:
    """What each word is (a month's number, :data:`SKIP`, :data:`YEAR_WORD`) in every language that knows all of
    them, when they agree, and those languages; else ``None``."""
    found = None
    applicable = []
    for language in languages:
        vocabulary = Vocabulary.of(language)
        if not all(word in vocabulary.known for word in words):
            continue  # dateparser does not use this language for the text
        meaning = {word: vocabulary.role(word) for word in words}
        if None in meaning.values() or (found is not None and meaning != found):
            return None
        if any(phrase <= set(words) for phrase in vocabulary.phrases):
            return None
        found = meaning
        applicable.append(language)
    return (found, applicable) if found is not None else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # "31 June", "29 February 2023": dateparser decides
        return None
