"""Figure text to numbers: pure functions, no spaCy, no I/O.

Digits are parsed here; number words get their values from the language's
``numbers.jsonl`` patterns and are combined here with :func:`compose`.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_GROUPED = re.compile(r"^\d{1,3}([,.]\d{3})+$")
_DECIMAL = re.compile(r"^\d+[,.]\d{1,2}$")
_ORDINAL = re.compile(r"^(\d+)\s*(?:st|nd|rd|th|\.?[º°ª]|-?[^\W\d_]{1,3})$")


def parse_digits(text: str) -> int | float:
    """Parse a figure written with digits.

    Spaces (also no-break and thin spaces) and commas group thousands; a
    comma or point followed by one or two digits is a decimal mark.

    >>> parse_digits("4 757"), parse_digits("1,000"), parse_digits("1200")
    (4757, 1000, 1200)
    >>> parse_digits("1,8")
    1.8
    """
    compact = _SPACES.sub("", text)
    if compact.isdigit():
        return int(compact)
    if _GROUPED.match(compact):
        return int(re.sub(r"[,.]", "", compact))
    if _DECIMAL.match(compact):
        return normalise(float(compact.replace(",", ".")))
    raise ValueError(f"not a figure: {text!r}")


def parse_ordinal(text: str) -> int:
    """The number of an ordinal written with digits.

    >>> parse_ordinal("69th"), parse_ordinal("63-й"), parse_ordinal("69.º")
    (69, 63, 69)
    """
    match = _ORDINAL.match(text.strip())
    if not match:
        raise ValueError(f"not an ordinal: {text!r}")
    return int(match.group(1))


def compose(parts: list[tuple[str, float]]) -> int | float:
    """Combine number words given as ``(kind, value)`` pairs.

    ``kind`` is ``cardinal`` (one, twenty), ``scale`` (hundred, thousand) or
    ``ordinal`` (seventh); digits can lead as a ``cardinal``.

    >>> compose([("cardinal", 1), ("scale", 100), ("cardinal", 1)])
    101
    >>> compose([("cardinal", 60), ("cardinal", 2)])
    62
    >>> compose([("cardinal", 1.8), ("scale", 1000)])
    1800
    """
    if not parts:
        raise ValueError("no number words")
    total: float = 0
    current: float = 0
    for kind, value in parts:
        if kind == "scale":
            if value == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * value
                current = 0
        else:
            current += value
    return normalise(total + current)


def normalise(value: float) -> int | float:
    """Whole numbers as ``int``, others rounded to 4 places.

    >>> normalise(1800.0000001), normalise(2.5)
    (1800, 2.5)
    """
    rounded = round(value, 4)
    return int(rounded) if rounded == int(rounded) else rounded
