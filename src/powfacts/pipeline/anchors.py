"""Where a rule can match: the token every match of it must hold, and how far a match reaches around it.

spaCy's Matcher tries every pattern at every token, so its cost grows with
tokens × patterns. Most rules cannot match without one particular word
("exchange", "prisoners", a digit, a figure): the matcher need only look
around the places where that word stands. This module reads each rule's
pattern (data, unchanged) and derives its :class:`Anchor`: the required
token chosen to find those places, and how many tokens a match can reach
before and after it. :mod:`powfacts.pipeline.matching` runs each rule only in those
windows, which gives exactly the matches of a run over the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from powfacts.pipeline.extensions import TOKEN_DEFAULTS

#: token attributes whose value is a function of the word alone
WORD_KEYS = {"LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH", "NORM": "NORM", "SHAPE": "SHAPE"}
#: how many tokens a token pattern can take, by operator (None: no bound)
_OP_MAX = {None: 1, "?": 1, "!": 1, "+": None, "*": None}
_OP_MIN = {None: 1, "?": 0, "!": 1, "+": 1, "*": 0}
_REPEAT = re.compile(r"^\{(\d*)(,?)(\d*)\}$")


#: what a token must be, when it can be looked up: ("words", attr, words), ("regex", attr, (regex,)) or ("mark", name, values)
Condition = tuple[str, str, tuple]
#: how far a match reaches on one side of its anchor: a sum of token counts and of the
#: longest runs of tokens meeting a condition in the document; None when nothing bounds it
Reach = tuple[int | Condition, ...] | None


@dataclass(frozen=True)
class Anchor:
    """What a required token of a rule must be, and how far a match reaches around it.

    ``condition`` is looked up in the document: ``("words", attr, values)``
    (``attr`` is ``LOWER``, ``ORTH``, ``NORM`` or ``SHAPE``), ``("regex", attr, (regex,))``
    or ``("mark", extension, values)``; ``None`` when no required token can
    be looked up, and the rule then runs everywhere. ``before`` and
    ``after`` bound how many tokens a match reaches on each side of the
    anchor token (see :data:`Reach`).
    """

    condition: Condition | None
    before: Reach = None
    after: Reach = None


def repeats(token: dict) -> tuple[int, int | None]:
    """The fewest and most tokens one token pattern takes.

    >>> repeats({"LOWER": "a"}), repeats({"OP": "+"}), repeats({"OP": "{0,12}"}), repeats({"OP": "{2}"})
    ((1, 1), (1, None), (0, 12), (2, 2))
    """
    op = token.get("OP")
    if op in _OP_MAX:
        return _OP_MIN[op], _OP_MAX[op]
    found = _REPEAT.match(op or "")
    if not found:
        return 1, None  # unknown operator: assume the widest reach
    low, comma, high = found.groups()
    least = int(low) if low else 0
    if not comma:
        return least, least
    return least, int(high) if high else None


def condition_of(token: dict) -> Condition | None:
    """What this token pattern requires, when it can be looked up: words, a regex, or a mark.

    >>> condition_of({"LOWER": {"IN": ["pows", "prisoners"]}, "OP": "+"})
    ('words', 'LOWER', ('pows', 'prisoners'))
    >>> condition_of({"_": {"in_figure": True}}), condition_of({"IS_PUNCT": True})
    (('mark', 'in_figure', (True,)), None)
    """
    for key, attr in WORD_KEYS.items():
        value = token.get(key)
        if isinstance(value, str):
            return "words", attr, (value,)
        if isinstance(value, dict):
            if isinstance(value.get("IN"), list) and value["IN"] and all(isinstance(v, str) for v in value["IN"]):
                return "words", attr, tuple(sorted(set(value["IN"])))
            if isinstance(value.get("REGEX"), str):
                return "regex", attr, (value["REGEX"],)
    marks = token.get("_")
    if isinstance(marks, dict):
        for name, value in marks.items():
            if name not in TOKEN_DEFAULTS:
                continue  # not one of powfacts' marks: not recorded where it is set
            if isinstance(value, dict):
                if set(value) != {"IN"} or not isinstance(value["IN"], list):
                    continue
                values = tuple(value["IN"])
            else:
                values = (value,)
            default = TOKEN_DEFAULTS[name]  # a token never marked has it: such a value cannot be looked up
            if values and all(isinstance(v, str | int | float) and v != default for v in values):
                return "mark", name, values
    return None


#: how rare a mark looks, on the scale of :func:`rarity` (a figure is about as rare as a 3-letter word)
_MARK_RARITY = 3


def needs_digit(regex: str) -> bool:
    r"""Whether every text a token regex finds starts with a digit (so a token without one cannot match).

    >>> needs_digit("^(19[5-9]\\d|20\\d\\d)$"), needs_digit("^\\d+(st|nd|rd|th)$"), needs_digit("^(\\d+|,|and)$")
    (True, True, False)
    """
    return regex.startswith("^") and _starts_with_digit(regex[1:])


#: what makes the token before it optional in a regex
_OPTIONAL = ("?", "*", "{0", "{,")


def _starts_with_digit(body: str) -> bool:
    return all(_alternative_starts_with_digit(a) for a in _top_level(body, "|"))


def _alternative_starts_with_digit(alternative: str) -> bool:
    if alternative.startswith("("):
        close = _closing(alternative)
        if close < 0 or alternative[close + 1 :].startswith(_OPTIONAL):
            return False  # an optional group: the text may start after it
        inner = alternative[1:close]
        return _starts_with_digit(inner[2:] if inner.startswith("?:") else inner)
    digit = re.match(r"\\d|[0-9]|\[0-9\]", alternative)
    return bool(digit) and not alternative[digit.end() :].startswith(_OPTIONAL)


def _top_level(body: str, separator: str) -> list[str]:
    """``body`` split at ``separator`` outside groups, classes and escapes."""
    parts, start = [], 0
    for i, c, depth in _syntax(body):
        if c == separator and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return parts


def _closing(text: str) -> int:
    """The index of the parenthesis closing the group ``text`` opens, or -1."""
    return next((i for i, c, depth in _syntax(text) if c == ")" and depth == 0), -1)


def _syntax(regex: str):
    """Each character of ``regex`` that is neither escaped nor in a class, with the group depth after it."""
    depth, i, in_class = 0, 0, False
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        else:
            depth += (c == "(") - (c == ")")
            yield i, c, depth
        i += 1


def rarity(condition: Condition, common: frozenset[str] = frozenset()) -> int:
    """How rare the tokens meeting ``condition`` look: the length of its commonest-looking word.

    Punctuation counts 0 and a ``common`` (stop) word 1, being everywhere.

    >>> rarity(("words", "LOWER", ("exchange", "swap"))), rarity(("words", "ORTH", (".",)))
    (4, 0)
    >>> rarity(("words", "LOWER", ("in", "since")), frozenset({"in", "since"}))
    1
    """
    kind, _, values = condition
    if kind == "mark":
        return _MARK_RARITY
    if kind == "regex":  # a token that must start with a digit is as rare as a figure; any other may be everywhere
        return _MARK_RARITY if needs_digit(values[0]) else 0

    def one(word: str) -> int:
        if not any(c.isalnum() for c in word):
            return 0
        return 1 if word.lower() in common else len(word)

    return min((one(str(v)) for v in values), default=0)


def _rank(condition: Condition, common: frozenset[str]) -> tuple:
    """Lower is better: the rarest-looking tokens, then words over regexes over marks, then fewer words."""
    return (-rarity(condition, common), ("words", "regex", "mark").index(condition[0]), len(condition[2]))


def _term(token: dict, most: int | None) -> int | Condition | None:
    """How many tokens one token pattern can take: a count, the run of its condition, or None."""
    if most is not None:
        return most
    return condition_of(token)


def _sum(terms: list) -> Reach:
    if any(t is None for t in terms):
        return None
    counts = sum(t for t in terms if isinstance(t, int))
    runs = tuple(t for t in terms if not isinstance(t, int))
    return ((counts,) if counts else ()) + runs


def anchor_of(pattern: list[dict], common: frozenset[str] = frozenset()) -> Anchor:
    """The anchor that gives a rule the smallest windows (``common``: the language's stop words).

    >>> a = anchor_of([{"_": {"in_figure": True}, "OP": "+"}, {"LOWER": {"IN": ["prisoners", "pows"]}}])
    >>> a.condition, a.before, a.after
    (('words', 'LOWER', ('pows', 'prisoners')), (('mark', 'in_figure', (True,)),), ())
    >>> anchor_of([{"IS_PUNCT": True}]).condition is None
    True
    """
    reach = [repeats(token) for token in pattern]
    terms = [_term(token, most) for token, (_, most) in zip(pattern, reach)]
    best: tuple | None = None
    for j, token in enumerate(pattern):
        least, most = reach[j]
        if least < 1 or token.get("OP") == "!":
            continue
        condition = condition_of(token)
        if condition is None:
            continue
        extra = most - 1 if most is not None else condition
        before = _sum(terms[:j] + [extra])
        after = _sum(terms[j + 1 :] + [extra])
        rank = _rank(condition, common)  # every candidate's reach is bounded, or none is: reach cannot decide
        if best is None or rank < best[0]:
            best = (rank, Anchor(condition, before, after))
    return best[1] if best else Anchor(None)


def windows(positions: list[int], before: int | None, after: int | None, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges within ``[start, end)`` around each position, merged where they overlap.

    >>> windows([3, 5, 20], 2, 1, 0, 30)
    [(1, 7), (18, 22)]
    >>> windows([3], None, 1, 0, 30)
    [(0, 5)]
    """
    merged: list[tuple[int, int]] = []
    for p in sorted(positions):
        if not start <= p < end:
            continue
        a = start if before is None else max(start, p - before)
        b = end if after is None else min(end, p + after + 1)
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
