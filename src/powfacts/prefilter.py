"""Skip text that cannot hold a fact, without moving a single offset.

A fact needs a figure, and the dates around it need date words; a block of
lines (between blank lines) with no digit, no number word and no date word
cannot hold either. Such blocks are blanked with spaces (newlines kept), so
the pipeline tokenises them in no time and every offset stays where it was.
The block before a kept block is kept too: the facts builder reads the
sentence before a figure ("Executions have risen. 79 such killings ...").

The words come from the language's own pattern files (``numbers``,
``dates``, ``date_roles``, ``figures``, ``published``), so the filter knows
every word the patterns can match and a new language needs no code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .rules import load_rules

#: concerns whose words can start a figure or a date
WORD_CONCERNS = ("numbers", "dates", "date_roles", "figures", "published")
_BLOCKS = re.compile(r"\n[^\S\n]*\n")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key in ("IN", "==") for s in _strings(value.get(key, []))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@lru_cache(maxsize=None)
def vocabulary(root: Path | str, lang: str) -> re.Pattern[str]:
    """One regex that finds any digit, or any word the language's figure and date patterns name."""
    words: set[str] = set()
    regexes: set[str] = set()
    for concern in WORD_CONCERNS:
        for rule in load_rules(root, lang, concern):
            for token in rule.pattern:
                for key in ("LOWER", "ORTH", "TEXT", "NORM"):
                    value = token.get(key)
                    if isinstance(value, dict) and "REGEX" in value:
                        regexes.add(value["REGEX"].removeprefix("^").removesuffix("$"))
                    else:
                        words.update(w.lower() for w in _strings(value) if any(c.isalpha() for c in w))
    alternatives = [re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))]
    alternatives += [f"(?:{rx})" for rx in sorted(regexes)]
    body = "|".join(alternatives) or "(?!)"
    return re.compile(rf"\d|(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def mask(text: str, finder: re.Pattern[str]) -> str:
    """``text`` with every block that cannot hold a fact replaced by spaces.

    >>> import re
    >>> mask("Filler text.\\n\\nAnd more.\\n\\nIntro.\\n\\nThey freed 95.", re.compile(r"\\d"))
    '            \\n\\n         \\n\\nIntro.\\n\\nThey freed 95.'
    """
    bounds = []
    start = 0
    for separator in _BLOCKS.finditer(text):
        bounds.append((start, separator.start()))
        start = separator.end()
    bounds.append((start, len(text)))
    bounds = [(a, b) for a, b in bounds if text[a:b].strip()]
    keep = [bool(finder.search(text, a, b)) for a, b in bounds]
    for i in range(1, len(keep)):
        if keep[i] is True and keep[i - 1] is False:
            keep[i - 1] = None  # the block before a kept block gives context
    pieces = []
    cursor = 0
    for (a, b), kept in zip(bounds, keep):
        pieces.append(text[cursor:a])
        pieces.append(_blank(text[a:b]) if kept is False else text[a:b])
        cursor = b
    pieces.append(text[cursor:])
    return "".join(pieces)


def _blank(block: str) -> str:
    return re.sub(r"[^\n]", " ", block)
