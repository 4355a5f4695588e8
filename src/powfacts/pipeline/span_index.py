"""Where things stand in one document, indexed once so each figure looks up its neighbours in time independent of the document's length.

The facts component asks, for every figure: which sentence is it in, which
cues start in that sentence, which blocker or qualifier ends just before it,
which paragraph and line is it on. Scanning the whole document's span
groups for each figure made the cost grow with the square (and worse) of a
document's length; these indexes answer each question by a dictionary
lookup or a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Span

from powfacts.facts.dates import YEAR
from powfacts.pipeline.extensions import text_of
from powfacts.pipeline.matching import sentence_bounds
from powfacts.pipeline.table_cells import TableIndex

_PARAGRAPH_BREAK = re.compile(r"(?=\n\n)")
#: a heading: a short line of its own (five words at most, no closing stop) between blank lines or the text's edges;
#: :func:`headings` finds what ``re.finditer(HEADING, text)`` finds, line by line (the regex backtracks over long blank lines)
HEADING = r"(?:^|\n[^\S\n]*\n)[^\S\n]*([^\n.!?:;]{1,40})[^\S\n]*(?=\n[^\S\n]*\n|\Z)"
_STOPS = frozenset(".!?:;")
#: a numbered section of a review that opens with its year ("4. 2024 рік: посередництво ОАЕ", "2023: long pauses"):
#: a line of its own, of at most 60 characters, that names its year first
_YEAR_SECTION = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?[^\S\n]+)?(19[5-9]\d|20\d\d)(?!\d)(?![.,]\d)")
#: how many lines above a table's header may caption it ("2. Обмены военнопленными" / "Таблица 1")
CAPTION_LINES = 2
#: how long a heading line with its year may be (the prefilter keeps such a block for the sections below it)
YEAR_SECTION_LENGTH = 60
#: a line that is only a year, with its word for "year" or not ("2022", "2022 год", "2023 рік")
_YEAR_LINE = re.compile(r"(19[5-9]\d|20\d\d)(?:[^\S\n]*(?:год|року|рік|р\.|г\.|year|año))?[:.]?", re.IGNORECASE)
#: a full date with its year in a heading ("ROUND ONE – MAY 16, 2025, DOLMABAHCE PALACE", "Обмін 14 вересня 2024 року"):
#: a day, then a comma or one word (its month), then the year
_DATED = re.compile(r"(?<!\d)\d{1,2}(?:,|[^\S\n]+[^\W\d_]+\.?,?)[^\S\n]+(19[5-9]\d|20\d\d)(?!\d)")
#: the number of a numbered heading ("5. ", "12) ")
_NUMBERED = re.compile(r"\d{1,2}[.)][^\S\n]+(?=\S)")
#: a heading marked up as one: "== ... ==" (wiki) or "# ..." (Markdown), its text in the group
_MARKED_HEADING = re.compile(r"[^\S\n]*(?:={2,6}|#{1,6})[^\S\n=#]+(.{1,60}?)[^\S\n]*=*[^\S\n]*$")


class SpanIndex:
    """One document's sentences, spans by sentence, and line and paragraph breaks.

    >>> import spacy
    >>> nlp = spacy.blank("en"); nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
    <...>
    >>> index = SpanIndex(nlp("Ukraine freed 95 people. Russia freed 95.\\n\\nMore."))
    >>> index.sentence(index.doc[6:7]).text, index.paragraph_break_before(45)
    ('Russia freed 95.', 41)
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = text_of(doc)
        self._starts = [0] * len(doc)
        self._sentences: dict[int, Span] = {}
        for start, end in sentence_bounds(doc):
            self._sentences[start] = doc[start:end]
            self._starts[start:end] = [start] * (end - start)
        self._by_sentence: dict[str, dict[int, list[Span]]] = {}
        self._previous: dict[int, Span | None] = {}
        self._newlines: list[int] | None = None
        self._paragraph_breaks: list[int] | None = None
        self._headings: tuple[list[int], list[int | None]] | None = None
        self._tables: TableIndex | None = None

    # -- sentences -------------------------------------------------------------

    def sentence_start(self, span: Span) -> int:
        """The first token of the sentence ``span`` starts in."""
        return self._starts[span.start]

    def sentence(self, span: Span) -> Span:
        """The sentence ``span`` starts in."""
        return self._sentences[self._starts[span.start]]

    def in_sentence(self, concern: str, sent: Span) -> list[Span]:
        """The spans of ``doc.spans[concern]`` that start in ``sent``, in the group's order."""
        table = self._by_sentence.get(concern)
        if table is None:
            table = self._by_sentence[concern] = {}
            for span in self.doc.spans[concern]:
                table.setdefault(self._starts[span.start], []).append(span)
        return table.get(sent.start, [])

    def previous_sentence(self, sent: Span) -> Span | None:
        """The last sentence before ``sent`` that has words (blank lines are sentences of their own)."""
        if sent.start not in self._previous:
            found, start = None, sent.start
            while start > 0:
                previous = self._sentences[self._starts[start - 1]]
                if previous.text.strip():
                    found = previous
                    break
                start = previous.start
            self._previous[sent.start] = found
        return self._previous[sent.start]

    # -- characters ------------------------------------------------------------

    def line_bounds(self, start_char: int, end_char: int) -> tuple[int, int]:
        """The line holding ``text[start_char:end_char]``: from after the last line break before
        ``start_char`` to the first line break from ``end_char`` on (or the end of the text)."""
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        breaks = self._newlines
        before = bisect_left(breaks, start_char) - 1
        after = bisect_left(breaks, end_char)
        return (breaks[before] + 1 if before >= 0 else 0), (breaks[after] if after < len(breaks) else len(self.text))

    def paragraph_break_before(self, char: int) -> int:
        """Where the last blank line (``"\\n\\n"``) ending at or before ``char`` starts; -1 when there is none
        (what ``text.rfind("\\n\\n", 0, char)`` gives)."""
        if self._paragraph_breaks is None:
            self._paragraph_breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(self.text)]
        n = bisect_right(self._paragraph_breaks, char - 2) - 1
        return self._paragraph_breaks[n] if n >= 0 else -1

    def header_cues(self, concern: str, char: int) -> list[Span]:
        """The spans of ``concern`` that overlap the header cell of the pipe-table column holding ``char`` (none outside
        a table's data cells): what a table's column says its figures count ("Повернуто, осіб", "Russians held")."""
        header = self._table_index().header_of(char)
        if header is None:
            return []
        line = self.doc.char_span(header[0], header[1], alignment_mode="expand")
        if line is None or not len(line):
            return []
        return [span for span in self.in_sentence(concern, self.sentence(line[:1])) if span.start_char < header[1] and header[0] < span.end_char]

    def caption_cues(self, concern: str, char: int) -> list[Span]:
        """The spans of ``concern`` on the caption of the table whose data cell holds ``char``: the lines (two at most,
        no blank line between) right above its header ("2. Обмены военнопленными" / "Таблица 1"); none outside a table."""
        header = self._table_index().header_of(char)
        if header is None:
            return []
        text = self.text
        top = text.rfind("\n", 0, header[0]) + 1
        start = top
        for _ in range(CAPTION_LINES):
            if start == 0:
                break
            above = text.rfind("\n", 0, start - 1) + 1
            if not text[above : start - 1].strip():
                break
            start = above
        if start == top:
            return []
        lines = self.doc.char_span(start, top - 1, alignment_mode="expand")
        if lines is None or not len(lines):
            return []
        found: list[Span] = []
        sentence = self.sentence(lines[:1])
        while sentence is not None and sentence.start_char < top:
            found += [span for span in self.in_sentence(concern, sentence) if start <= span.start_char < top]
            sentence = self.sentence(self.doc[sentence.end : sentence.end + 1]) if sentence.end < len(self.doc) else None
        return found

    def table_cell(self, char: int) -> tuple[int, int] | None:
        """The bounds of the table's data cell holding ``char`` (None outside a table's data cells)."""
        return self._table_index().cell_of(char)

    def _table_index(self) -> TableIndex:
        if self._tables is None:
            self._tables = TableIndex(self.text)
        return self._tables

    def same_paragraph(self, a: int, b: int) -> bool:
        """Whether characters ``a`` and ``b`` stand in one paragraph (no blank line between them)."""
        return self.paragraph_break_before(a) == self.paragraph_break_before(b)

    def heading_year_before(self, char: int) -> int | None:
        """The year of the last heading line before ``char`` ("2024 рік", "In 2023"), None when that heading names none.

        >>> import spacy
        >>> index = SpanIndex(spacy.blank("en")("Overview\\n\\n2022\\n\\nIn March 15 came home.\\n\\nWhat next\\n\\nMore."))
        >>> index.heading_year_before(20), index.heading_year_before(50)
        (2022, None)
        """
        if self._headings is None:
            starts, years = [], []
            found = {}
            for start, group in headings(self.text):
                if len(group.split()) <= 5:
                    year = YEAR.search(group)
                    found[start] = int(year.group(0)) if year else None
            found.update(numbered_headings(self.text))
            found.update(marked_headings(self.text))
            found.update(dated_headings(self.text))
            found.update(year_sections(self.text))
            starts, years = list(sorted(found)), [found[start] for start in sorted(found)]
            self._headings = (starts, years)
        starts, years = self._headings
        n = bisect_left(starts, char) - 1
        return years[n] if n >= 0 else None


def marked_headings(text: str) -> dict[int, int | None]:
    """Where each heading marked up as one starts ("=== 2022 ===", "## 2024", "== Bodies =="), and the year it
    opens with (None: a heading that names none, which ends the section of the year before).

    Wiki and Markdown pages mark their headings, and put no blank line under them.

    >>> marked_headings("== Chronology ==\\n=== 2022 ===\\nOn 24 March 10 came home.\\n## 2023 in short\\nText.")
    {0: None, 17: 2022, 56: 2023}
    """
    found: dict[int, int | None] = {}
    offset = 0
    for line in text.split("\n"):
        marked = _MARKED_HEADING.match(line)
        if marked:
            year = _YEAR_SECTION.match(marked.group(1))
            found[offset + len(line) - len(line.lstrip())] = int(year.group(1)) if year else None
        offset += len(line) + 1
    return found


def numbered_headings(text: str) -> dict[int, None]:
    """Where each numbered heading of a list starts ("5. The dead, and the abuse, are part of the same talks"): a line
    of its own of at most :data:`YEAR_SECTION_LENGTH` characters after its number, ending in no full stop. Each ends the
    section of the one before, so a year one of them opens with ("4. 2025 was the busiest year") places only its own
    section's days (:func:`year_sections` gives that year).

    >>> numbered_headings("Five things\\n\\n4. 2025 was the busiest year\\n\\nText.\\n\\n5. What comes next\\n\\nIn January.")
    {13: None, 50: None}
    """
    found: dict[int, None] = {}
    for start, core in _lines_alone(text):
        number = _NUMBERED.match(core)
        if number and len(core) - number.end() <= YEAR_SECTION_LENGTH and core[-1] not in ".!?":
            found[start] = None
    return found


def dated_headings(text: str) -> dict[int, int]:
    """Where each heading that names a full date starts, and its year: a line of its own (blank lines or the text's
    edges around it) of at most :data:`YEAR_SECTION_LENGTH` characters, ending in no full stop, that holds a day, its
    month and its year ("ROUND ONE – MAY 16, 2025, DOLMABAHCE PALACE"); the year places the year-less days of its
    section ("- May 23: 390 returned").

    >>> dated_headings("Explainer\\n\\nROUND ONE – MAY 16, 2025, ISTANBUL\\n\\n- May 23: 390 came home.\\n")
    {11: 2025}
    """
    found: dict[int, int] = {}
    for start, core in _lines_alone(text):
        match = _DATED.search(core) if len(core) <= YEAR_SECTION_LENGTH and core[-1] not in ".!?" else None
        if match:
            found[start] = int(match.group(1))
    return found


def _lines_alone(text: str):
    """Each line of its own (blank lines or the text's edges around it) that has words: where its text starts, and its
    text stripped.

    >>> list(_lines_alone("Title\\n\\n1. First\\nbody\\n\\n2. Second"))
    [(0, 'Title'), (22, '2. Second')]
    """
    lines = text.split("\n")
    offset = 0
    for k, line in enumerate(lines):
        core = line.strip()
        if core and (k == 0 or not lines[k - 1].strip()) and (k == len(lines) - 1 or not lines[k + 1].strip()):
            yield offset + len(line) - len(line.lstrip()), core
        offset += len(line) + 1


def year_sections(text: str) -> dict[int, int]:
    """Where each heading of a section that opens with its year starts, and the year: a line of its own
    (blank lines or the text's edges around it) of at most 60 characters, numbered or not, whose first
    word is a year; or a line that is only a year ("2022 год", "2023 рік"), with a blank line or the text's start
    above it, whatever follows.

    >>> year_sections("Review\\n\\n4. 2024: the UAE channel\\n\\nOn 31 May 75 came home.\\n\\n2025 in short\\n")
    {8: 2024, 59: 2025}
    >>> year_sections("Dossier\\n\\n2022 год\\n24 марта обменялись десятью.\\n")
    {9: 2022}
    """
    found: dict[int, int] = {}
    lines = text.split("\n")
    offset = 0
    for k, line in enumerate(lines):
        core = line.strip()
        above = k == 0 or not lines[k - 1].strip()
        alone = above and (k == len(lines) - 1 or not lines[k + 1].strip())
        if core and (alone or (above and _YEAR_LINE.fullmatch(core))) and len(core) <= YEAR_SECTION_LENGTH:
            match = _YEAR_SECTION.match(core)
            if match:
                found[offset + len(line) - len(line.lstrip())] = int(match.group(1))
        offset += len(line) + 1
    return found


def headings(text: str) -> list[tuple[int, str]]:
    """Where each match of :data:`HEADING` in ``text`` starts its group, and the group: what
    ``[(m.start(1), m.group(1)) for m in re.finditer(HEADING, text)]`` gives, in time linear in the text.

    A match is a whole line (lines split at ``"\\n"`` only) of at most 40 characters once stripped,
    none of them ``.!?:;``, that is the first line or follows a blank line that is not the first,
    and that is the last line or precedes a blank line that is not the last. Its group starts after
    the line's leading white space and takes 40 characters at most (a blank line: its last
    character). A match consumes the blank line before it, so the line after the next is the
    earliest that can match again.

    >>> headings("Overview\\n\\n2022\\n\\nIn March 15 came home.\\n\\nWhat next")
    [(0, 'Overview'), (10, '2022'), (40, 'What next')]
    """
    lines = text.split("\n")
    last = len(lines) - 1
    found: list[tuple[int, str]] = []
    offset, offsets = 0, []
    for line in lines:
        offsets.append(offset)
        offset += len(line) + 1
    k = 0
    while k <= last:
        line = lines[k]
        after = k == last or (k + 1 < last and not lines[k + 1].strip())
        before = k == 0 or (k > 1 and not lines[k - 1].strip())
        core = line.strip()
        if not (line and before and after) or len(core) > 40 or any(c in _STOPS for c in core):
            k += 1
            continue
        lead = len(line) - len(line.lstrip()) if core else len(line) - 1
        found.append((offsets[k] + lead, line[lead : lead + 40]))
        k += 2
    return found


def _ranked(spans: Iterable[Span], keep: Callable[[Span], bool] | None) -> list[tuple[int, Span]]:
    """The spans ``keep`` accepts, each with its position in the whole group (the earlier one wins a tie)."""
    return [(rank, span) for rank, span in enumerate(spans) if keep is None or keep(span)]


class ByEdge:
    """Spans looked up by the token they end at (or, with ``edge="start"``, start at).

    >>> import spacy
    >>> doc = spacy.blank("en")("about 95 and nearly 40")
    >>> ends = ByEdge([Span(doc, 0, 1, label="approximately"), Span(doc, 3, 4, label="less_than")])
    >>> ends.first(3, 4).label_, ends.first(2, 2)
    ('less_than', None)
    """

    def __init__(self, spans: Iterable[Span], keep: Callable[[Span], bool] | None = None, edge: str = "end"):
        self._edge = (lambda span: span.end) if edge == "end" else (lambda span: span.start)
        ranked = sorted(_ranked(spans, keep), key=lambda item: (self._edge(item[1]), item[0]))
        self._edges = [self._edge(span) for _, span in ranked]
        self._ranked = ranked

    def ranked(self, low: int, high: int) -> tuple[int, Span] | None:
        """Of the spans whose edge is a token in ``[low, high]``, the first in the group, with its rank."""
        found = self._ranked[bisect_left(self._edges, low) : bisect_right(self._edges, high)]
        return min(found, key=lambda item: item[0]) if found else None

    def first(self, low: int, high: int) -> Span | None:
        """Of the spans whose edge is a token in ``[low, high]``, the first in the group."""
        found = self.ranked(low, high)
        return found[1] if found else None


class Containing:
    """Spans looked up by the token range they contain.

    >>> import spacy
    >>> doc = spacy.blank("en")("aged 25 to 30 and 95 people")
    >>> around = Containing([Span(doc, 0, 4, label="inside")])
    >>> around.first(1, 2).label_, around.first(5, 6)
    ('inside', None)
    """

    def __init__(self, spans: Iterable[Span], keep: Callable[[Span], bool] | None = None):
        ranked = sorted(_ranked(spans, keep), key=lambda item: (item[1].start, item[0]))
        self._starts = [span.start for _, span in ranked]
        self._ranked = ranked
        self._longest = max((len(span) for _, span in ranked), default=0)

    def ranked(self, start: int, end: int) -> tuple[int, Span] | None:
        """Of the spans that hold tokens ``[start, end)``, the first in the group, with its rank."""
        low = bisect_left(self._starts, end - self._longest)
        high = bisect_right(self._starts, start)
        found = [item for item in self._ranked[low:high] if item[1].end >= end]
        return min(found, key=lambda item: item[0]) if found else None

    def first(self, start: int, end: int) -> Span | None:
        """Of the spans that hold tokens ``[start, end)``, the first in the group."""
        found = self.ranked(start, end)
        return found[1] if found else None


def runs_back(counts: list[bool]) -> list[int]:
    """For each index ``t`` (and ``len(counts)``), the smallest ``p`` such that ``counts[p:t]`` are all true.

    >>> runs_back([False, True, False, False])
    [0, 1, 1, 3, 4]
    """
    back = [0] * (len(counts) + 1)
    for t in range(1, len(counts) + 1):
        back[t] = back[t - 1] if counts[t - 1] else t
    return back


def blank_tokens(doc: Doc) -> list[bool]:
    """Which tokens are only white space (line breaks, blanked text).

    >>> import spacy
    >>> blank_tokens(spacy.blank("en")("a   b"))
    [False, True, False]
    """
    return [bool(v) for v in doc.to_array(IS_SPACE).tolist()]


def covered(spans: Iterable[Span]) -> set[int]:
    """The indices of the tokens inside any of ``spans``."""
    return {i for span in spans for i in range(span.start, span.end)}


def distance(figure: Span, cue: Span) -> int:
    """Tokens between two spans (0 when they overlap).

    >>> import spacy
    >>> doc = spacy.blank("en")("Kyiv freed 95 men on Monday")
    >>> distance(doc[2:3], doc[5:6]), distance(doc[2:3], doc[1:3])
    (2, 0)
    """
    if cue.end <= figure.start:
        return figure.start - cue.end
    if cue.start >= figure.end:
        return cue.start - figure.end
    return 0
