"""Date expressions to ISO ranges: pure functions over text and a reference day.

The patterns decide *where* a date expression is and what *kind* it is
(``day``, ``month``, ``year``, ``day_range``, ``weekday``, ``relative_day``,
``past_years`` ...); this module turns its text into ``(start, end)`` ISO strings cut to the
precision the kind gives. Dates without a year, and relative dates, need the
document's own date (``reference``); without one they resolve to ``None``.
Nothing here reads the clock: dateparser always gets ``RELATIVE_BASE``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

import dateparser

from powfacts.facts import date_forms

#: kinds whose expression carries its own year when a 4-digit year is present
PRECISION = {
    "iso": "day",
    "day": "day",
    "weekday": "day",
    "weekday_day": "day",
    "relative_day": "day",
    "month": "month",
    "relative_month": "month",
    "year": "year",
    "relative_year": "year",
    "day_range": "day",
    "month_range": "month",
    "past_years": "day",
}
KINDS = frozenset(PRECISION)

#: a four-digit year of the years news speaks of (1950-2099), standing alone
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
#: the first day of Russia's full-scale invasion, where every running total "since the full-scale war began" starts
WAR_START = "2022-02-24"
_NUMBER = re.compile(r"\d+")
_FUTURE_DAYS = 45
#: the base a day without a year is parsed against, before :func:`place_year` gives it its year
_YEARLESS_BASE = dt.date(2000, 1, 1)
#: a second base, in another month and on another day, to tell whether a text names its own month and day
_OTHER_BASE = dt.date(2001, 7, 15)
#: dateparser's parsers for calendar dates (its relative-time parser is tried only for relative kinds)
ABSOLUTE_PARSERS = ("custom-formats", "absolute-time")


def parse_iso_day(text: str) -> dt.date:
    """A ``YYYY-MM-DD`` string as a date; raises ``ValueError`` otherwise.

    >>> parse_iso_day("2025-06-04")
    datetime.date(2025, 6, 4)
    """
    return dt.date.fromisoformat(text.strip())


def cut(day: dt.date, precision: str) -> str:
    """ISO text of ``day`` cut to ``day``, ``month`` or ``year`` precision.

    >>> cut(dt.date(2025, 2, 1), "month")
    '2025-02'
    """
    iso = day.isoformat()
    return {"day": iso, "month": iso[:7], "year": iso[:4]}[precision]


@lru_cache(maxsize=4096)
def _parse(text: str, languages: tuple[str, ...], base: dt.date | None, relative: bool = False) -> dt.date | None:
    """dateparser's reading of ``text``, read once per process for each text, languages and base.

    A calendar date of a common form ("24 лютого 2022 року") is read by
    :func:`powfacts.facts.date_forms.read`, which gives the same day as
    dateparser a hundred times faster; the rest goes to :func:`dateparser_reading`.
    """
    if not relative:
        quick = date_forms.read(text, languages, base or _YEARLESS_BASE)
        if quick is not None:
            return quick
    return dateparser_reading(text, languages, base, relative)


def dateparser_reading(text: str, languages: tuple[str, ...], base: dt.date | None, relative: bool = False) -> dt.date | None:
    """dateparser's reading of ``text``; ``relative`` words ("yesterday", "last month", "Friday") need its relative parser, calendar dates only its absolute one (eight times faster).

    >>> dateparser_reading("24 лютого 2022 року", ("uk", "en", "fr"), None)
    datetime.date(2022, 2, 24)
    """
    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": dt.datetime.combine(base or _YEARLESS_BASE, dt.time()),
    }
    if not relative:
        settings["PARSERS"] = list(ABSOLUTE_PARSERS)
    try:
        parsed = dateparser.parse(text, languages=list(languages), settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


def prepare(languages: tuple[str, ...]) -> None:
    """Load now what the first dates of ``languages`` would load lazily: dateparser's tables for each language (its
    calendar and its relative parser) and its time-zone names, and the vocabularies of :mod:`powfacts.facts.date_forms`;
    processes forked after this share them instead of each building its own.
    """
    date_forms.prepare(languages)
    for language in languages:
        vocabulary = date_forms.Vocabulary.of(language)
        month = min(word for word in vocabulary.entries if isinstance(vocabulary.role(word), int))  # one of its month names
        dateparser_reading(month, (language,), None)
        dateparser_reading(month, (language,), _YEARLESS_BASE, relative=True)


def year_reference(year: int) -> dt.date:
    """The reference that places every year-less day in ``year`` (a year the text told for them).

    >>> place_year(1, 8, year_reference(2023)), place_year(12, 31, year_reference(2023))
    (datetime.date(2023, 1, 8), datetime.date(2023, 12, 31))
    """
    return dt.date(year, 12, 31) - dt.timedelta(days=_FUTURE_DAYS)


def past_reference(day: dt.date) -> dt.date:
    """The reference that places every year-less day on or before ``day`` (what a text reports as done has happened).

    >>> place_year(1, 3, past_reference(dt.date(2024, 12, 30))), place_year(12, 30, past_reference(dt.date(2024, 12, 30)))
    (datetime.date(2024, 1, 3), datetime.date(2024, 12, 30))
    """
    return day - dt.timedelta(days=_FUTURE_DAYS)


def place_year(month: int, day: int, reference: dt.date) -> dt.date:
    """The date of ``day``/``month`` nearest before ``reference``.

    News reports past events and plans for the coming weeks, so a day up to
    45 days after the reference stays in the reference's year.

    >>> place_year(6, 7, dt.date(2025, 6, 4)), place_year(10, 1, dt.date(2025, 6, 4))
    (datetime.date(2025, 6, 7), datetime.date(2024, 10, 1))
    """
    for year in (reference.year + 1, reference.year, reference.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 29 February
            candidate = dt.date(year, month, 28)
        if (candidate - reference).days <= _FUTURE_DAYS:
            return candidate
    return dt.date(reference.year - 2, month, min(day, 28))


#: a day and a month in figures without a year ("14.02"), which dateparser reads as a clock time when it can be one
_DAY_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})")


def _day(text: str, languages: tuple[str, ...], reference: dt.date | None) -> dt.date | None:
    """A calendar day (or first of a month) named by ``text``.

    >>> _day("14.02", ("uk",), dt.date(2026, 3, 2)), _day("14.02", ("uk",), None)
    (datetime.date(2026, 2, 14), None)
    """
    has_year = bool(YEAR.search(text))
    if not has_year and reference is None:
        return None
    day_month = _DAY_MONTH.fullmatch(text.strip())
    if day_month:
        day, month = int(day_month.group(1)), int(day_month.group(2))
        return place_year(month, day, reference) if 1 <= month <= 12 and 1 <= day <= 31 else None  # type: ignore[arg-type]
    if has_year:
        # read against two bases: when they agree the text names its own month and day, and one parse
        # serves every document; when not ("року 2025"), the reference fills in what is missing
        parsed = _parse(text, languages, _YEARLESS_BASE)
        if parsed is None or parsed != _parse(text, languages, _OTHER_BASE):
            parsed = _parse(text, languages, reference)
    else:
        parsed = _parse(text, languages, _YEARLESS_BASE)
    if parsed is None:
        return None
    if has_year:
        return parsed
    return place_year(parsed.month, parsed.day, reference)  # type: ignore[arg-type]


#: a stretch of days of one month in figures ("23–25.05.2025", "23-25.05"), as tables and chronologies give a swap of
#: several days
_NUMERIC_DAYS = re.compile(r"(\d{1,2})\s*[-\u2013\u2014]\s*(\d{1,2}\.\d{1,2}(?:\.(?:19|20)\d\d)?)")

#: a year with a Ukrainian or Russian case ending ("2023-го", "2022-м")
_YEAR_ENDING = re.compile(r"\b((?:19|20)\d\d)-(?:го|му|м|й|ий|ого|ому|ом)\b")


def resolve(text: str, kind: str, reference: dt.date | None, languages: tuple[str, ...] = ("en",)) -> tuple[str, str] | None:
    """Resolve a date expression to ``(start, end)`` ISO strings, or ``None``.

    >>> ref = dt.date(2025, 6, 4)
    >>> resolve("6 May", "day", ref)
    ('2025-05-06', '2025-05-06')
    >>> resolve("7-8 June", "day_range", ref)
    ('2025-06-07', '2025-06-08')
    >>> resolve("1 December 2023 to 29 February 2024", "day_range", ref)
    ('2023-12-01', '2024-02-29')
    >>> resolve("February 2025", "month", None)
    ('2025-02', '2025-02')
    >>> resolve("6 May", "day", None) is None
    True

    A kind may carry the words to read instead of the text, for forms
    dateparser does not know (``month@June`` for "у червні 2025 року"):

    >>> resolve("у червні 2025 року", "month@June", None)
    ('2025-06', '2025-06')

    A year's case ending is read as the year ("листопад 2023-го"):

    >>> resolve("листопад 2023-го", "month", None, ("uk",))
    ('2023-11', '2023-11')
    """
    kind, _, alias = kind.partition("@")
    if kind not in KINDS:
        raise ValueError(f"unknown date kind {kind!r}")
    if kind == "past_years":
        return _past_years(alias, reference)
    precision = PRECISION[kind]
    if kind == "weekday_day":
        return _weekday_day(text, alias, reference)
    text = _YEAR_ENDING.sub(r"\1", text.strip())
    if alias:
        # the rule names the expression in words dateparser knows ("у червні" -> "June"); the year stays
        year = YEAR.search(text)
        text = f"{alias} {year.group(1)}" if year and kind in ("day", "month") else alias
    if kind == "iso":
        try:
            day = parse_iso_day(text[:10])
        except ValueError:
            return None
        return (day.isoformat(), day.isoformat())
    if kind in ("year",):
        match = YEAR.search(text)
        return (match.group(1), match.group(1)) if match else None
    if kind.startswith("relative_"):
        if reference is None:
            return None
        parsed = _parse(text, languages, reference, relative=True)
        if parsed is None:
            return None
        iso = cut(parsed, precision)
        return (iso, iso)
    if kind == "weekday":
        if reference is None:
            return None
        parsed = _parse(text, languages, reference, relative=True)
        if parsed is None:
            return None
        back = (reference.weekday() - parsed.weekday()) % 7
        day = reference - dt.timedelta(days=back)
        return (day.isoformat(), day.isoformat())
    if kind in ("day_range", "month_range"):
        return _range(text, precision, languages, reference)
    day = _day(text, languages, reference)
    if day is None:
        return None
    iso = cut(day, precision)
    return (iso, iso)


#: the weekdays as a ``weekday_day`` label names them, Monday first (``datetime.date.weekday``)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: how many months back a weekday with a day of the month is looked for ("el viernes 23")
WEEKDAY_DAY_MONTHS = 14


def _weekday_day(text: str, weekday: str, reference: dt.date | None) -> tuple[str, str] | None:
    """A weekday with a day of the month and no month ("el viernes 23", ``weekday_day@Friday``): the latest such day on
    or before the reference; ``None`` without a reference, a day number or a known weekday.

    >>> _weekday_day("el viernes 23", "Friday", dt.date(2025, 7, 25))
    ('2025-05-23', '2025-05-23')
    >>> _weekday_day("este viernes 25", "Friday", dt.date(2025, 7, 25))
    ('2025-07-25', '2025-07-25')
    >>> _weekday_day("el viernes 23", "Friday", None) is None
    True
    """
    number = _NUMBER.search(text)
    if reference is None or number is None or weekday not in WEEKDAYS:
        return None
    wanted, n = WEEKDAYS.index(weekday), int(number.group(0))
    year, month = reference.year, reference.month
    for _ in range(WEEKDAY_DAY_MONTHS):
        if n <= calendar.monthrange(year, month)[1]:
            day = dt.date(year, month, n)
            if day <= reference and day.weekday() == wanted:
                return (day.isoformat(), day.isoformat())
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _past_years(count: str, reference: dt.date | None) -> tuple[str, str] | None:
    """The stretch of ``count`` years that ends on the reference day: "over four years" (``past_years@4``), said on
    11 March 2026, runs from 11 March 2022 to that day; ``None`` without a reference or a count.

    >>> _past_years("4", dt.date(2026, 3, 11)), _past_years("1", dt.date(2024, 2, 29))
    (('2022-03-11', '2026-03-11'), ('2023-02-28', '2024-02-29'))
    >>> _past_years("4", None) is None, _past_years("", dt.date(2026, 3, 11)) is None
    (True, True)
    """
    if reference is None or not count.strip().isdigit():
        return None
    year = reference.year - int(count)
    start = dt.date(year, reference.month, min(reference.day, calendar.monthrange(year, reference.month)[1]))
    return (start.isoformat(), reference.isoformat())


def _without_tail(text: str, languages: tuple[str, ...], reference: dt.date | None) -> dt.date | None:
    """Parse the first half of a range, dropping the connecting word ("to", "по", "al") if it gets in the way."""
    text = text.strip(" -\u2013\u2014,")
    while text:
        day = _day(text, languages, reference)
        if day is not None:
            return day
        if " " not in text:
            return None
        text = text.rsplit(" ", 1)[0].strip(" -\u2013\u2014,")
    return None


def _without_head(text: str, languages: tuple[str, ...], reference: dt.date | None) -> dt.date | None:
    """Parse the second half of a range, dropping the connecting words before it ("and", "по", "al el")."""
    words = text.strip(" -\u2013\u2014,").split()
    while words:
        day = _day(" ".join(words), languages, reference)
        if day is not None and YEAR.search(" ".join(words)):
            return day
        words = words[1:]
    return None


def _range(text: str, precision: str, languages: tuple[str, ...], reference: dt.date | None) -> tuple[str, str] | None:
    """``7-8 June``, ``23 to 25 May``, ``Jan. 23-24``, ``1 June — 31 August 2014``, ``May and July 2025``,
    ``24 February 2022 to 17 September 2024``, ``23–25.05.2025``.

    >>> _range("23–25.05.2025", "day", ("uk",), None), _range("23-25.05", "day", ("ru",), dt.date(2025, 6, 4))
    (('2025-05-23', '2025-05-25'), ('2025-05-23', '2025-05-25'))

    The text is cut at its second number (a day) or, for months, before its
    last word; each half is read on its own, the year of the end lending
    itself to the start.
    """
    numeric = _NUMERIC_DAYS.fullmatch(text.strip())
    if numeric and precision == "day":
        end = _day(numeric.group(2), languages, reference)
        start = _with_day(end, int(numeric.group(1)))
        return (cut(start, precision), cut(end, precision)) if start is not None and end is not None and start <= end else None
    years = list(YEAR.finditer(text))
    if len(years) >= 2:  # "24 February 2022 to 17 September 2024": each end carries its own year
        start = _without_tail(text[: years[0].end()], languages, reference)
        end = _without_head(text[years[0].end() :], languages, reference)
        if start is None or end is None or start > end:
            return None
        return (cut(start, precision), cut(end, precision))
    year = years[0] if years else None
    suffix = f" {year.group(1)}" if year else ""
    body = YEAR.sub("", text).strip(" ,")
    if precision == "day":
        days = list(re.finditer(r"(?<!\d)\d{1,2}(?!\d)", body))
        if len(days) < 2:
            return None
        head, tail = body[: days[1].start()], body[days[1].start() :]
        if re.search(r"[^\W\d_]", tail):  # "23 to 25 May": the end names the month
            end = _day(tail + suffix, languages, reference)
            if end is None:
                return None
            if _names_month(head, languages):
                start = _without_tail(head + suffix, languages, reference)
                if start is not None and start > end:  # the end's year was placed for the end only
                    start = start.replace(year=end.year)
            else:
                start = _with_day(end, int(days[0].group()))
        else:  # "Jan. 23-24": the start names the month
            start = _without_tail(head + suffix, languages, reference)
            end = _with_day(start, int(days[1].group())) if start else None
    else:
        words = [w for w in re.split(r"[\s\-\u2013\u2014]+", body) if w]
        if len(words) < 2:
            return None
        end = _day(words[-1] + suffix, languages, reference)
        start = _day(words[0] + suffix, languages, reference) or _without_tail(" ".join(words[:-1]) + suffix, languages, reference)
    if start is None or end is None or start > end:
        return None
    return (cut(start, precision), cut(end, precision))


def _with_day(day: dt.date | None, number: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(day=number)
    except ValueError:
        return None


def _names_month(text: str, languages: tuple[str, ...]) -> bool:
    """Whether a word of ``text`` is a month name ("1 June —" yes, "23 to" no)."""
    for word in re.findall(r"[^\W\d_]+\.?", text):
        # a month name fixes the month whatever the reference; other words follow the reference
        winter = _parse(f"15 {word}", languages, dt.date(2001, 1, 1))
        summer = _parse(f"15 {word}", languages, dt.date(2001, 7, 1))
        if winter is not None and summer is not None and winter.month == summer.month:
            return True
    return False


def period_bounds(iso: str) -> tuple[dt.date, dt.date]:
    """The first and last day of an ISO date cut to year, month or day.

    >>> period_bounds("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    day = dt.date(*parts)
    return day, day
