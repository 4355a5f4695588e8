"""Skip text that cannot hold a fact, without moving a single offset.

A fact needs a figure, and the dates around it need date words; a block of
lines (between blank lines) in which no figure rule and no date rule can
match cannot hold either. Such blocks are blanked with spaces (newlines kept), so
the pipeline tokenises them in no time and every offset stays where it was.
The block before a kept block is kept too: the facts builder reads the
sentence before a figure ("Executions have risen. 79 such killings ...").

The words come from the language's own pattern files (``numbers``,
``figures``, ``dates``), so the filter knows every word those patterns need
and a new language needs no code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from .anchors import needs_digit
from .rules import load_rules
from .tokenizer import FOOTNOTE_MARKS

#: concerns whose matches a fact or its date needs; every other rule only acts around them
WORD_CONCERNS = ("numbers", "figures", "dates")
#: labels of rules that never act alone: number glue ("-", "and") and vague quantities, which make no fact
QUIET_LABELS = ("glue", "vague")
_BLOCKS = re.compile(r"\n[^\S\n]*\n")
_DIGIT_SHAPE = re.compile(r"^d+$")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")
_NOT_NEWLINE = re.compile(r"[^\n]")
_FOOTNOTES = re.compile(FOOTNOTE_MARKS)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key in ("IN", "==") for s in _strings(value.get(key, []))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _requirement(token: dict):
    """What a required pattern token needs in the text: "implied" (a digit, or
    another rule's match), a set of words, a regex, or None when it could be
    anything."""
    if token.get("OP") in ("?", "*", "!") or (isinstance(token.get("OP"), str) and token["OP"].startswith("{0")):
        return None
    if "_" in token or token.get("IS_DIGIT") is True:
        return "implied"
    shape = token.get("SHAPE")
    if shape is not None and all(_DIGIT_SHAPE.match(s) for s in _strings(shape)):
        return "implied"
    for key in ("LOWER", "ORTH", "TEXT", "NORM"):
        value = token.get(key)
        if isinstance(value, dict) and "REGEX" in value:
            return "implied" if needs_digit(value["REGEX"]) else ("regex", value["REGEX"])
        words = _strings(value)
        if words:
            return frozenset(w.lower() for w in words)
    return None


@lru_cache(maxsize=None)
def vocabulary(root: Path | str, lang: str) -> "Finder":
    """A :class:`Finder` of any digit, or any word without which no figure or date rule can match.

    For each rule one required token is enough: one that needs a digit or
    another rule's match says nothing new; else the token whose words look
    rarest stands for the rule. Glue and vague-quantity rules make no fact
    on their own and are left out.
    """
    words: set[str] = set()
    regexes: set[str] = set()
    for concern in WORD_CONCERNS:
        for rule in load_rules(root, lang, concern):
            if rule.label.startswith(QUIET_LABELS):
                continue
            needs = [r for r in map(_requirement, rule.pattern) if r is not None]
            if not needs or "implied" in needs:
                if not needs:
                    regexes.add(r"\S")  # a rule that can match anything: keep every block
                continue
            sets = [n for n in needs if isinstance(n, frozenset)]
            if sets:
                # the rarest-looking word set: longest shortest word, then fewest words
                words.update(max(sets, key=lambda ws: (min(map(len, ws)), -len(ws))))
            else:
                regexes.add(needs[0][1])
    words = {w for w in words if w.strip()}
    plain = {w.lower() for w in words if _WORD.fullmatch(w)}
    alternatives = [re.escape(w) for w in sorted(words - plain, key=lambda w: (-len(w), w)) if w.lower() not in plain]
    alternatives += [f"(?:{rx.removeprefix('^').removesuffix('$')})" for rx in sorted(regexes)]
    other = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE) if alternatives else None
    return Finder(frozenset(plain), other)


class Finder:
    """Whether a stretch of text holds a digit or a word some figure or date rule needs.

    Plain words are looked up in a set (one pass over the words of the
    stretch); words with other characters and regex rules are searched for.

    >>> finder = Finder(frozenset({"hundred"}), None)
    >>> finder.search("A Hundred of them.", 0, 18), finder.search("None of them.", 0, 13)
    (True, False)
    """

    def __init__(self, words: frozenset[str], other: re.Pattern[str] | None):
        self.words = words
        self.other = other

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        end = len(text) if end is None else end
        if _DIGIT.search(text, start, end):
            return True
        words = _WORD.findall(text[start:end].lower())
        if not self.words.isdisjoint(words):
            return True
        if not "".join(words).isalpha():  # "hundred¹": the tokenizer splits off what is not a letter
            for word in words:
                if not word.isalpha() and any(letters and "".join(run) in self.words for letters, run in groupby(word, str.isalpha)):
                    return True
        return bool(self.other and self.other.search(_FOOTNOTES.sub(" ", text[start:end])))


def pieces(text: str, finder) -> list[tuple[int, int, bool]]:
    """``text`` cut into stretches that are kept (``True``) or blanked (``False``), covering it end to end.

    ``finder`` has ``search(text, start, end)``, like a compiled regex or a
    :class:`Finder`. A block is kept when the finder finds something in it,
    and so is the block before a kept block; the blank lines between blocks
    belong to the kept stretch beside them.

    >>> import re
    >>> pieces("Filler.\\n\\nIntro.\\n\\nThey freed 95.", re.compile(r"\\d"))
    [(0, 7, False), (7, 31, True)]
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
        if keep[i] and keep[i - 1] is False:
            keep[i - 1] = None  # the block before a kept block gives context
    out: list[tuple[int, int, bool]] = []
    cursor = 0
    for (a, b), kept in zip(bounds, keep):
        blank = kept is False
        if a > cursor:  # the blank lines before this block: blanked only between two blanked blocks
            gap = blank and (not out or not out[-1][2])
            _extend(out, cursor, a, not gap)
        _extend(out, a, b, not blank)
        cursor = b
    if cursor < len(text):
        _extend(out, cursor, len(text), bool(out and out[-1][2]) or not out)
    return out


def _extend(out: list[tuple[int, int, bool]], start: int, end: int, kept: bool) -> None:
    if out and out[-1][2] == kept and out[-1][1] == start:
        out[-1] = (out[-1][0], end, kept)
    else:
        out.append((start, end, kept))


def mask(text: str, finder) -> str:
    """``text`` with every block that cannot hold a fact replaced by spaces (line breaks kept).

    >>> import re
    >>> mask("Filler text.\\n\\nAnd more.\\n\\nIntro.\\n\\nThey freed 95.", re.compile(r"\\d"))
    '            \\n\\n         \\n\\nIntro.\\n\\nThey freed 95.'
    """
    return "".join(text[a:b] if kept else blank(text[a:b]) for a, b, kept in pieces(text, finder))


def blank(stretch: str) -> str:
    """``stretch`` with everything but its line breaks turned into spaces."""
    return _NOT_NEWLINE.sub(" ", stretch)
