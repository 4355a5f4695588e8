"""Date expressions to ISO ranges: pure functions over text and a reference day.

The patterns decide *where* a date expression is and what *kind* it is
(``day``, ``month``, ``year``, ``day_range``, ``weekday``, ``relative_day``
...); this module turns its text into ``(start, end)`` ISO strings cut to the
precision the kind gives. Dates without a year, and relative dates, need the
document's own date (``reference``); without one they resolve to ``None``.
Nothing here reads the clock: dateparser always gets ``RELATIVE_BASE``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import dateparser

#: kinds whose expression carries its own year when a 4-digit year is present
PRECISION = {
    "iso": "day",
    "day": "day",
    "weekday": "day",
    "relative_day": "day",
    "month": "month",
    "relative_month": "month",
    "year": "year",
    "relative_year": "year",
    "day_range": "day",
    "month_range": "month",
}
KINDS = frozenset(PRECISION)

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_NUMBER = re.compile(r"\d+")
_RANGE_SPLIT = re.compile(r"\s*(?:[-\u2013\u2014]|\bto\b|\band\b|\bпо\b|\bдо\b|\bі\b|\bи\b|\bта\b)\s*")
_FUTURE_DAYS = 45


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
def _parse(text: str, languages: tuple[str, ...], base: dt.date | None) -> dt.date | None:
    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": dt.datetime.combine(base or dt.date(2000, 1, 1), dt.time()),
    }
    try:
        parsed = dateparser.parse(text, languages=list(languages), settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


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


def _day(text: str, languages: tuple[str, ...], reference: dt.date | None) -> dt.date | None:
    """A calendar day (or first of a month) named by ``text``."""
    has_year = bool(_YEAR.search(text))
    if not has_year and reference is None:
        return None
    parsed = _parse(text, languages, reference if has_year else dt.date(2000, 1, 1))
    if parsed is None:
        return None
    if has_year:
        return parsed
    return place_year(parsed.month, parsed.day, reference)  # type: ignore[arg-type]


def resolve(text: str, kind: str, reference: dt.date | None, languages: tuple[str, ...] = ("en",)) -> tuple[str, str] | None:
    """Resolve a date expression to ``(start, end)`` ISO strings, or ``None``.

    >>> ref = dt.date(2025, 6, 4)
    >>> resolve("6 May", "day", ref)
    ('2025-05-06', '2025-05-06')
    >>> resolve("7-8 June", "day_range", ref)
    ('2025-06-07', '2025-06-08')
    >>> resolve("February 2025", "month", None)
    ('2025-02', '2025-02')
    >>> resolve("6 May", "day", None) is None
    True
    """
    if kind not in KINDS:
        raise ValueError(f"unknown date kind {kind!r}")
    precision = PRECISION[kind]
    text = text.strip()
    if kind == "iso":
        try:
            day = parse_iso_day(text[:10])
        except ValueError:
            return None
        return (day.isoformat(), day.isoformat())
    if kind in ("year",):
        match = _YEAR.search(text)
        return (match.group(1), match.group(1)) if match else None
    if kind.startswith("relative_"):
        if reference is None:
            return None
        parsed = _parse(text, languages, reference)
        if parsed is None:
            return None
        iso = cut(parsed, precision)
        return (iso, iso)
    if kind == "weekday":
        if reference is None:
            return None
        parsed = _parse(text, languages, reference)
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


def _range(text: str, precision: str, languages: tuple[str, ...], reference: dt.date | None) -> tuple[str, str] | None:
    """``7-8 June``, ``from 23 to 25 May``, ``Jan. 23-24``, ``between May and July 2025``."""
    body = re.sub(r"^\W*(from|between|з|с|від|от)\s+", "", text, flags=re.IGNORECASE)
    parts = [p for p in _RANGE_SPLIT.split(body, maxsplit=1) if p]
    if len(parts) != 2:
        return None
    first, second = parts
    year = _YEAR.search(text)
    if precision == "day":
        if first.strip().isdigit():  # "7-8 June": the second part names the month
            end = _day(second, languages, reference)
            if end is None:
                return None
            try:
                start = end.replace(day=int(first))
            except ValueError:
                return None
        elif second.strip().isdigit():  # "Jan. 23-24"
            start = _day(first + (f" {year.group(1)}" if year else ""), languages, reference)
            if start is None:
                return None
            try:
                end = start.replace(day=int(second))
            except ValueError:
                return None
        else:
            suffix = f" {year.group(1)}" if year and not _YEAR.search(first) else ""
            start = _day(first + suffix, languages, reference)
            end = _day(second, languages, reference)
            if start is None or end is None:
                return None
    else:
        suffix = f" {year.group(1)}" if year and not _YEAR.search(first) else ""
        start = _day(first + suffix, languages, reference)
        end = _day(second, languages, reference)
        if start is None or end is None:
            return None
    if start > end:
        return None
    return (cut(start, precision), cut(end, precision))
