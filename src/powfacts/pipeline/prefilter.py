"""Skip text that cannot hold a fact, without moving a single offset.

A fact needs a figure and, in its sentence, a cue that names what the
figure counts (or a question before it that does). A block of lines
(between blank lines) that cannot hold both, and that nothing else a fact
reads can come from, is blanked with spaces (newlines kept), so the
pipeline tokenises it in no time and every offset stays where it was. What
a fact reads besides its own sentence is kept too: the block before a kept
block (the sentence before a figure), the first lines and any dateline (the
document's date), and a year earlier in the paragraph (it places a day).
:class:`Scan` says which blocks those are; a digit or a date alone keeps none.

Every word comes from the language's own pattern files (``measures``,
``figures``, ``numbers``, ``dates``, ``published``): a cue rule keeps a
block only when every word or regex it cannot match without is in it, so
the filter knows every rule and a new language or a user's rule needs no
code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from powfacts.pipeline.anchors import _top_level, condition_of, needs_digit, repeats
from powfacts.pipeline.rules import load_rules
from powfacts.pipeline.span_index import YEAR_SECTION_LENGTH
from powfacts.pipeline.tokenizer import FOOTNOTE_MARKS

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


#: the concerns whose rules decide what the prefilter keeps
SCAN_CONCERNS = ("numbers", "figures", "dates", "measures", "published")


@lru_cache(maxsize=None)
def vocabulary(root: Path | str, lang: str) -> "Scan":
    """The :class:`Scan` of a language's pattern folder: which blocks a fact can draw on (see :class:`Scan`)."""
    return scan_of(lang, {concern: load_rules(root, lang, concern) for concern in SCAN_CONCERNS})


def scan_of(lang: str, rules: dict[str, tuple]) -> "Scan":
    """The :class:`Scan` for these rules (one tuple per concern of :data:`SCAN_CONCERNS`): the tokenizer
    builds it from the rules its pipeline's components hold, so a saved pipeline needs no pattern folder."""
    return _scan(lang, rules, _finder(rules))


@lru_cache(maxsize=None)
def figures_and_dates(root: Path | str, lang: str) -> "Finder":
    """The :class:`Finder` of a language's pattern folder (see :func:`_finder`)."""
    return _finder({concern: load_rules(root, lang, concern) for concern in WORD_CONCERNS})


def _finder(rules: dict[str, tuple]) -> "Finder":
    """A :class:`Finder` of any digit, or any word without which no figure or date rule can match.

    For each rule one required token is enough: one that needs a digit or
    another rule's match says nothing new; else the token whose words look
    rarest stands for the rule. Glue and vague-quantity rules make no fact
    on their own and are left out.
    """
    words: set[str] = set()
    regexes: set[str] = set()
    for concern in WORD_CONCERNS:
        for rule in rules[concern]:
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
    if hasattr(finder, "keep"):
        keep = finder.keep(text, bounds)
    else:
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


# --- blocks a fact can draw on --------------------------------------------------------------------

#: letters (after lower-casing) of the scripts the patterns are written in; a word boundary is a
#: character outside this class, so a script missing here only makes the scan keep more
_LETTER = "a-zß-öø-ÿ\u0100-\u024f\u0370-\u03ff\u0400-\u052f"
#: the candidates a spaCy token's text can be, found in lower-cased text: whole chunks between
#: spaces, chunks without their leading or trailing punctuation, word runs, letter runs
_CANDIDATES = (
    re.compile(r"\S+"),
    re.compile(r"\w(?:\S*\w)?"),
    re.compile(r"\w\S*"),
    re.compile(r"\S*\w"),
    re.compile(r"\w+"),
    re.compile(r"[^\W\d_]+"),
)
#: a whitespace token after the one before it (a line break, a tab, a second space) or the block's end
_SPACE_TOKEN = r"(?:[^\S ]| \s|$)"
#: between two tokens: nothing or one space (any other whitespace is a token of its own)
_JOIN = "[ ]?"
#: marks that tokens of a number carry (set by ``numbers`` rules), of a figure, and of a date
_NUMBER_MARKS = ("num_kind", "num_glue")
_FIGURE_MARKS = ("in_figure", "figure_kind")
_DATE_MARKS = ("in_date",)
_ANCHORS = re.compile(r"\\.|\[(?:\\.|[^\]])*\]|[\^$]")
#: a user's cue rule can make one word a cue: the cache of words looked up stays this size at most
_CACHE_LIMIT = 500_000


def _unanchored(regex: str) -> str:
    """``regex`` without its ``^`` and ``$`` anchors (escapes and classes kept)."""
    return _ANCHORS.sub(lambda m: "" if m.group(0) in "^$" else m.group(0), regex)


def _word_fragment(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


class _Conditions:
    """The word and regex conditions of token patterns, numbered, looked up per distinct word."""

    def __init__(self, tokenizer_exceptions: dict[str, tuple[str, ...]]):
        self.words: dict[str, set[int]] = {}
        self.regexes: list[tuple[int, re.Pattern[str]]] = []
        self.count = 0
        self._known: dict[tuple, int] = {}
        self._cache: dict[str, frozenset[int]] = {}
        self._screen: re.Pattern[str] | None = None
        self._exceptions = tokenizer_exceptions

    def of(self, token: dict) -> int | None:
        """The number of what ``token`` requires in the text, or None when it can be anything here."""
        condition = condition_of(token)
        if condition is None or condition[0] == "mark" or condition[1] not in ("LOWER", "ORTH", "TEXT"):
            return None
        kind, attr, values = condition
        if kind == "words":
            words = frozenset(str(v).lower() for v in values)
            if not any(any(c.isalnum() for c in w) for w in words):
                return None  # punctuation: everywhere
            key = ("words", words)
        else:
            key = ("regex", values[0], attr == "LOWER")
        if key not in self._known:
            self._known[key] = number = self.count
            self.count += 1
            if kind == "words":
                for word in words:
                    self.words.setdefault(word, set()).add(number)
            else:
                self.regexes.append((number, re.compile(values[0], 0 if attr == "LOWER" else re.IGNORECASE)))
            self._screen = None
        return self._known[key]

    def found(self, lowered: str) -> set[int]:
        """The numbers of every condition some token of ``lowered`` (lower-cased text) may meet."""
        candidates: set[str] = set()
        for finder in _CANDIDATES:
            candidates.update(finder.findall(lowered))
        for word in candidates & self._exceptions.keys():
            candidates.update(self._exceptions[word])  # "cannot" -> "can", "not"
        out: set[int] = set()
        cache = self._cache
        for word in candidates:
            numbers = cache.get(word)
            if numbers is None:
                numbers = self._look_up(word)
            if numbers:
                out |= numbers
        return out

    def _look_up(self, word: str) -> frozenset[int]:
        if self._screen is None:
            self._screen = re.compile("|".join(f"(?:{rx.pattern})" for _, rx in self.regexes) or "(?!)", re.IGNORECASE)
        numbers = set(self.words.get(word, ()))
        if self._screen.search(word):
            numbers.update(n for n, rx in self.regexes if rx.search(word))
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = found = frozenset(numbers)
        return found


class Scan:
    """Which blocks of a document a fact (or anything a fact reads) can come from.

    Built from the language's pattern files (:func:`vocabulary`). A block is
    kept when it can hold a figure or a date (:class:`Finder`) and

    - a ``measures`` rule that names a measure can match in it: every word
      or regex the rule cannot match without is in the block, and each two
      of its required tokens stand side by side as the rule has them
      ("this swap was the 69th", not "this year ... is spending 45"; cue
      rules that only describe, such as "people" or "none", make no fact alone);
    - or the block before it ends a question with such a cue ("How many
      exchanges? Fifty-one."), or a list's lead with such a cue ("розподіл
      звільнених:" over "— 82 військовослужбовці ЗСУ;"; and each short block
      of the list after it), or it can hold a swap ("1,000 for 1,000",
      a fact without a cue), or a dateline (which dates the document
      wherever it stands);

    and every block that starts within the first ``head`` characters is
    kept (an early lone date dates the document). Then a block with a year
    is kept when a kept block follows it in the same paragraph (the year
    places the later day), or anywhere when a dateline at the top states no
    year (it takes the latest year the text states), and the block before
    every kept block is kept (the sentence before a figure). A digit or a date alone keeps nothing,
    and a document where no block can hold a fact is blanked whole (its
    first lines, datelines and years would date no fact).
    """

    def __init__(self, finder: Finder, conditions: _Conditions, cues, swaps, datelines, head: int, item_chars: int):
        self.finder = finder
        self.item_chars = item_chars  # how long a list's item may be (what the facts read as one)
        self.conditions = conditions
        self.cues = cues  # (condition numbers, [pair regexes]) of each cue rule that names a measure
        self.swaps = swaps  # (condition numbers, [pair regexes]) of each swap rule
        self.datelines = datelines  # the same for each dateline rule
        self.head = head

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether ``text[start:end]`` can hold a figure or a date (what :class:`Finder` finds)."""
        return self.finder.search(text, start, end)

    def keep(self, text: str, bounds: list[tuple[int, int]]) -> list[bool | None]:
        """For each block: kept for what it holds (True), kept as context (None), or blanked (False)."""
        count = len(bounds)
        figure = [bool(self.finder.search(text, a, b)) for a, b in bounds]
        found: dict[int, set[int]] = {}

        def conditions(i: int) -> set[int]:
            if i not in found:
                a, b = bounds[i]
                found[i] = self.conditions.found(text[a:b].lower())
            return found[i]

        def question(i: int) -> bool:
            """Whether block ``i`` may end with a question that names a measure."""
            a, b = bounds[i]
            return "?" in text[a:b] and _possible(self.cues, conditions(i), text[a:b].lower())

        def lead(i: int) -> bool:
            """Whether block ``i`` ends with a colon and names a measure: the lead of a list ("розподіл звільнених:")."""
            a, b = bounds[i]
            return text[a:b].rstrip().endswith(":") and _possible(self.cues, conditions(i), text[a:b].lower())

        # True: a fact may stand here (the block before it is kept too); None: kept for what it says
        # (a date that dates the document, a year that places a later day); False: blanked
        own: list[bool | None] = [False] * count
        yearless = False  # a dateline without a year at the top: the latest year the text states places it
        listed = [False] * count  # the items of a list under a lead that names a measure, block after block
        for i, (a, b) in enumerate(bounds):
            if not figure[i]:
                continue
            here = conditions(i)
            block = text[a:b].lower()
            dateline = _possible(self.datelines, here, block)
            yearless = yearless or (dateline and a < self.head and not _YEAR.search(block))
            listed[i] = i > 0 and (lead(i - 1) or (listed[i - 1] and b - a <= self.item_chars))
            if _possible(self.cues, here, block) or _possible(self.swaps, here, block) or (i > 0 and question(i - 1)) or listed[i]:
                # a cue that names a measure, a swap, an answer to the question before it, or an item of a list
                own[i] = True
            elif a < self.head or dateline:
                own[i] = None
        if True not in own:
            return [False] * count  # no fact can stand anywhere: the blocks kept for what a fact reads serve none
        self._years(text, bounds, own, everywhere=yearless)
        keep: list[bool | None] = list(own)
        changed = True
        while changed:
            changed = False
            last_kept = -1
            for i in range(count):
                if keep[i] is not False:
                    if i > 0 and keep[i - 1] is False and (keep[i] or (figure[i] and last_kept >= 0 and question(last_kept))):
                        # the sentence before a kept block; and, before a block kept as context that holds
                        # a figure, what stops the figure from answering a question further back
                        keep[i - 1] = None
                        changed = True
                    last_kept = i
        return keep

    @staticmethod
    def _years(text: str, bounds: list[tuple[int, int]], own: list[bool | None], everywhere: bool = False) -> None:
        """Keep each block with a year that a block where a fact may stand follows in the same paragraph (``\\n\\n`` apart),
        and each short block with a year (a heading: "=== 2 October 2025, Thursday ===") that one follows anywhere;
        ``everywhere`` (a dateline without a year at the top, placed in the latest year the text states): every block
        with a year."""
        later = anywhere = False
        for i in range(len(bounds) - 1, -1, -1):
            a, b = bounds[i]
            if own[i]:
                later = anywhere = True
            elif own[i] is False and (everywhere or later or (anywhere and b - a <= YEAR_SECTION_LENGTH)) and _YEAR.search(text, a, b):
                own[i] = None
            if i > 0 and "\n\n" in text[bounds[i - 1][1] : a]:
                later = False  # a new paragraph starts at this block


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _possible(rules, found: set[int], block: str) -> bool:
    return any(needs <= found and all(pair.search(block) for pair in pairs) for needs, pairs in rules)


def _token_fragment(token: dict, classes: dict[tuple[str, ...], str]) -> str | None:
    """A regex that the text of any token meeting ``token`` matches whole (lower-cased text), or None.

    ``classes`` gives, for the marks of each group, a regex of any token that can carry them."""
    condition = condition_of(token)
    if condition is None:
        return None
    kind, attr, values = condition
    if kind == "mark":
        return next((regex for marks, regex in classes.items() if attr in marks), None)
    if kind == "words":
        if attr == "SHAPE":
            return r"\d+" if all(_DIGIT_SHAPE.match(str(v)) for v in values) else None
        return _word_fragment({str(v).lower() for v in values}) if attr in ("LOWER", "ORTH", "TEXT") else None
    if attr not in ("LOWER", "ORTH", "TEXT"):
        return None
    regex = values[0]
    body = _unanchored(regex)
    exact = regex.startswith("^") and regex.endswith("$") and not regex.endswith("\\$") and len(_top_level(regex, "|")) == 1
    fragment = f"(?:{body})" if exact else rf"\S*?(?:{body})\S*?"
    return fragment if attr == "LOWER" else f"(?i:{fragment})"


def _token_class(rules, numbers_fallback: str = "") -> str:
    """One token of any of ``rules`` (a digit-bearing token, or any of their words and regexes)."""
    parts = [r"[^\s\d]*\d\S*"]  # any token with a digit; the digit is its first, so a run of digits splits one way
    for rule in rules:
        for token in rule.pattern:
            condition = condition_of(token)
            if condition is not None and condition[0] == "mark":
                if numbers_fallback:
                    parts.append(numbers_fallback)
                continue
            fragment = _token_fragment(token, {})
            if fragment is None:
                return r"\S+"  # a token these rules do not constrain: it could be any
            parts.append(fragment)
    return "(?:" + "|".join(dict.fromkeys(parts)) + ")"


def _pairs(pattern: list[dict], classes: dict[tuple[str, ...], str]) -> list["_Pair"]:
    """For each two required tokens of ``pattern`` with only optional ones between, a :class:`_Pair`
    that finds them side by side: a block where the rule matches has each pair."""
    out = []
    required = [i for i, token in enumerate(pattern) if repeats(token)[0] >= 1 and token.get("OP") != "!"]
    for i, j in zip(required, required[1:]):
        left = _token_fragment(pattern[i], classes)
        if pattern[j].get("IS_SPACE") is True and condition_of(pattern[j]) is None:
            right = _SPACE_AFTER if j == i + 1 else None
        else:
            right = _token_fragment(pattern[j], classes)
        if left is None or right is None:
            continue
        middle = ""
        for k in range(i + 1, j):
            most = repeats(pattern[k])[1]
            if most is None:
                break
            inner = _token_fragment(pattern[k], classes) or (r"\s+" if pattern[k].get("IS_SPACE") else r"(?:\S+|\s+)")
            middle += f"(?:{inner}{_JOIN}){{0,{most}}}"
        else:
            tokens = 1 + sum(repeats(pattern[k])[1] for k in range(i + 1, j))
            out.append(_Pair(left + ("" if right is _SPACE_AFTER else _JOIN + middle), right, left in classes.values(), tokens))
    return out


#: a whitespace token right after a token: a line break or tab, a second space, or the block's end
_SPACE_AFTER = r"(?:[ ]?[^\S ]|  |[ ]?$)"
#: how far before the second token of a pair the first may start (characters)
_REACH = 200
#: how many characters of a run without spaces the first part of a wide pair may take at most
_CHUNK_CHARS = 24
_LONG_RUN = re.compile(r"\S{%d,}" % (_CHUNK_CHARS + 1))


class _Pair:
    """Two tokens side by side in lower-cased text: one regex; or, when the first token is any
    number or date token (a wide class), the second token found first and the first looked for
    in the few words just before it (``tokens``: how many tokens the first part spans at most)."""

    def __init__(self, before: str, after: str, wide: bool, tokens: int = 1):
        self.whole = None if wide else re.compile(before + after)
        self.after = re.compile(after)
        self.before = re.compile(f"(?:{before})$")
        # a first part that may match nothing (all its tokens optional) is found before any second token: searching
        # for it would only try, at every position, every split of the words before (exponential in a long run)
        self.anything_before = self.before.search("") is not None
        self.chunks = tokens + 1  # the second token may share a chunk with the first

    def search(self, block: str) -> bool:
        if self.whole is not None:
            return self.whole.search(block) is not None
        if self.anything_before:
            return self.after.search(block) is not None
        for found in self.after.finditer(block):
            end = found.start()
            window = block[max(0, end - _REACH) : end]
            spaces = [m.end() for m in _SPACES.finditer(window.rstrip())]
            start = spaces[-self.chunks] if len(spaces) >= self.chunks else 0
            # no token of a number or date runs longer than this: a long run without spaces ("aggressio025...") would
            # make the regex try every split of it into tokens, which takes time exponential in its length
            for run in _LONG_RUN.finditer(window, start):
                start = max(start, run.end() - _CHUNK_CHARS)
            if self.before.search(window, start):
                return True
        return False


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=None)
def _exceptions(lang: str) -> dict[str, tuple[str, ...]]:
    """The tokenizer's special cases that split one chunk into several tokens, lower-cased."""
    import spacy
    from spacy.attrs import ORTH

    out: dict[str, tuple[str, ...]] = {}
    for orth, pieces_ in spacy.util.get_lang_class(lang).Defaults.tokenizer_exceptions.items():
        if len(pieces_) > 1:
            out[orth.lower()] = tuple(str(p.get(ORTH, "")).lower() for p in pieces_)
    return out


def _head_chars() -> int:
    """How far from the start a lone date can still date the document (the published component's setting)."""
    from spacy.language import Language

    from powfacts.pipeline import components  # noqa: F401  (registers the factories)

    return int(Language.get_factory_meta("powfacts_published").default_config["fallback_chars"])


def _scan(lang: str, rules: dict[str, tuple], finder: Finder) -> Scan:
    from powfacts.pipeline.components.facts import ANAPHORS, LIST_ITEM_CHARS, WEAK_HELD
    from powfacts.facts.records import MEASURES

    conditions = _Conditions(_exceptions(lang))
    numbers = _token_class(rules["numbers"])
    figures = _token_class(tuple(rules["numbers"]) + tuple(rules["figures"]), numbers)
    dates = _token_class(rules["dates"], figures)
    classes = {_NUMBER_MARKS: numbers, _FIGURE_MARKS: figures, _DATE_MARKS: dates}

    def needs(rule) -> frozenset[int]:
        found = (conditions.of(t) for t in rule.pattern if repeats(t)[0] >= 1 and t.get("OP") != "!")
        return frozenset(n for n in found if n is not None)

    naming = set(MEASURES) | set(ANAPHORS) | {WEAK_HELD}
    cues = [(needs(r), _pairs(r.pattern, classes)) for r in rules["measures"] if r.label in naming]
    swaps = [(needs(r), _pairs(r.pattern, classes)) for r in rules["figures"] if r.label == "swap"]
    # a copyright notice's year places a year-less dateline: its block is kept as a dateline's is
    datelines = [(needs(r), _pairs(r.pattern, classes)) for r in rules["published"] if r.label in ("dateline", "copyright")]
    return Scan(finder, conditions, cues, swaps, datelines, _head_chars(), LIST_ITEM_CHARS)
