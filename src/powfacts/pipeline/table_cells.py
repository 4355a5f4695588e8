"""Tables written with pipes: which header cell stands above each cell.

Reports, statistics pages and data pieces give their figures in tables typed
with ``|`` ("№ | Станом на | Повернуто, осіб | Обмінів"); the words that say
what a figure counts, and whose people, stand in the header cell above it,
not in the figure's own line. :func:`pipe_tables` finds such tables in a
text, in one pass over its lines, and :class:`TableIndex` tells, for a
character of a data cell, where its column's header cell is.

A table is at least :data:`MIN_ROWS` data lines under a header line, every
line with the same number of ``|`` (at least one); the header line holds no
digit (a dateline "Politics | 27.01.2026 16:48" or a row of figures is no
header), and a line of dashes under it ("---|---") is skipped.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

#: data lines a table needs under its header
MIN_ROWS = 2
_RULE_CHARS = frozenset("-|:+= \t")


@dataclass(frozen=True)
class Table:
    """One pipe table: the character bounds of its header cells and of each data line's cells."""

    header: tuple[tuple[int, int], ...]
    rows: tuple[tuple[tuple[int, int], ...], ...]


def _cells(line: str, offset: int) -> tuple[tuple[int, int], ...]:
    """The character bounds of the cells of ``line`` (starting at ``offset``), split at ``|``, edges trimmed."""
    cells = []
    start = 0
    for part in line.split("|"):
        end = start + len(part)
        lead = len(part) - len(part.lstrip())
        trail = len(part) - len(part.rstrip())
        cells.append((offset + start + lead, offset + max(start + lead, end - trail)))
        start = end + 1
    return tuple(cells)


def pipe_tables(text: str) -> list[Table]:
    """The pipe tables of ``text``.

    >>> text = "Intro\\nYear | Swaps | Freed\\n2023 | 8 | 547\\n2024 | 10 | 1 266\\n\\nEnd"
    >>> [[text[a:b] for a, b in t.header] for t in pipe_tables(text)]
    [['Year', 'Swaps', 'Freed']]
    >>> [[text[a:b] for a, b in row] for row in pipe_tables(text)[0].rows]
    [['2023', '8', '547'], ['2024', '10', '1 266']]
    >>> pipe_tables("Politics | 27.01.2026 16:48\\nNews | 28.01.2026")
    []
    """
    if "|" not in text:
        return []  # most texts: no pass over their lines
    lines = text.split("\n")
    offsets = []
    offset = 0
    for line in lines:
        offsets.append(offset)
        offset += len(line) + 1
    tables: list[Table] = []
    n = 0
    while n < len(lines):
        pipes = lines[n].count("|")
        if pipes == 0 or any(c.isdigit() for c in lines[n]):
            n += 1
            continue
        first = n + 1
        if first < len(lines) and lines[first].count("|") == pipes and set(lines[first]) <= _RULE_CHARS:
            first += 1  # a markdown rule under the header
        last = first
        while last < len(lines) and lines[last].count("|") == pipes and lines[last].strip():
            last += 1
        if last - first >= MIN_ROWS:
            header = _cells(lines[n], offsets[n])
            rows = tuple(_cells(lines[k], offsets[k]) for k in range(first, last))
            tables.append(Table(header, rows))
            n = last
        else:
            n += 1
    return tables


class TableIndex:
    """For a character of a text, the header cell of the pipe-table column it stands in (None outside tables).

    >>> text = "Year | Swaps | Freed\\n2023 | 8 | 547\\n2024 | 10 | 1 266"
    >>> index = TableIndex(text)
    >>> [text[a:b] for a, b in (index.header_of(text.index("547")), index.header_of(text.index("10 ")))]
    ['Freed', 'Swaps']
    >>> index.header_of(text.index("Swaps")) is None
    True
    """

    def __init__(self, text: str):
        self._starts: list[int] = []
        self._cells: list[tuple[int, int, tuple[int, int]]] = []
        for table in pipe_tables(text):
            for row in table.rows:
                for column, (start, end) in enumerate(row):
                    if column < len(table.header):
                        self._cells.append((start, end, table.header[column]))
        self._cells.sort()
        self._starts = [start for start, _, _ in self._cells]

    def header_of(self, char: int) -> tuple[int, int] | None:
        """The bounds of the header cell above the data cell holding ``char``."""
        n = bisect_right(self._starts, char) - 1
        if n >= 0 and char < self._cells[n][1]:
            return self._cells[n][2]
        return None
