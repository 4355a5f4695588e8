"""Tables in plain text: which header cell stands above each cell.

Reports, statistics pages and data pieces give their figures in tables; the
words that say what a figure counts, and whose people, stand in the header
cell above it, not in the figure's own line. Two kinds are read, each in one
pass over the text's lines, and :class:`TableIndex` tells, for a character of
a data cell, where its column's header cell is:

- :func:`pipe_tables`, typed with ``|`` ("№ | Станом на | Повернуто, осіб"):
  at least :data:`MIN_ROWS` data lines under a header line, every line with
  the same number of ``|`` (at least one);
- :func:`aligned_tables`, the columns lined up with spaces, as a report's PDF
  reads when turned into text ("Дата        Обмін №   Повернуто"): cells are
  parted by two spaces or a tab, and a data cell is in the column of the
  header cell its first character stands under.

In both, the header line holds no digit (a dateline "Politics | 27.01.2026
16:48" or a row of figures is no header), and a line of dashes under it
("---|---") is skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

#: data lines a table needs under its header
MIN_ROWS = 2
_RULE_CHARS = frozenset("-|:+= \t")
#: a cell of an aligned table: words parted by single spaces (a no-break space, as in "1\u00a0000", is a cell's own);
#: two spaces or a tab part cells
_ALIGNED_CELL = re.compile(r"[^ \t\n]+(?: [^ \t\n]+)*")
#: how long a header cell of an aligned table may be: a header names its column in a few words; prose typed with
#: two spaces after a full stop has longer "cells"
MAX_HEADER_CELL = 40

Cell = tuple[int, int]


@dataclass(frozen=True)
class Table:
    """One table: the character bounds of its header cells and of each data line's cells.

    ``columns`` gives, for each data line, the header cell (by position) of each of its cells; ``None`` when the
    cells of every line stand in the header's order one to one (a pipe table)."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    columns: tuple[tuple[int, ...], ...] | None = None

    def cells(self) -> Iterator[tuple[Cell, Cell]]:
        """Each data cell with the header cell of its column."""
        for n, row in enumerate(self.rows):
            for k, cell in enumerate(row):
                column = k if self.columns is None else self.columns[n][k]
                if column < len(self.header):
                    yield cell, self.header[column]


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
    lines, offsets = _lines(text)
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


def _lines(text: str) -> tuple[list[str], list[int]]:
    """The lines of ``text`` and the offset each starts at."""
    lines = text.split("\n")
    offsets = []
    offset = 0
    for line in lines:
        offsets.append(offset)
        offset += len(line) + 1
    return lines, offsets


def _aligned_cells(line: str, offset: int) -> tuple[Cell, ...]:
    return tuple((offset + m.start(), offset + m.end()) for m in _ALIGNED_CELL.finditer(line))


def aligned_tables(text: str) -> list[Table]:
    """The tables of ``text`` whose columns are lined up with spaces.

    A header line of at least two short cells, no digit and no ``|`` (a pipe table's), over at least :data:`MIN_ROWS` lines with a digit whose
    cells (two or more) each stand under another header cell; a line of one cell that stands under a later column
    (a note run on) continues the table. The cells of each column after the first are lined up, on their left
    edges, their right edges or their middles: prose typed with two spaces after a full stop is no table.

    >>> text = "Table 1\\nDate        Swap   Freed\\n05.01.2025  60     25\\n05.02.2025  61     150\\n\\nEnd"
    >>> [[(text[a:b], text[h[0]:h[1]]) for (a, b), h in zip(row, [t.header[c] for c in cols])]
    ...  for t in aligned_tables(text) for row, cols in zip(t.rows, t.columns)]
    [[('05.01.2025', 'Date'), ('60', 'Swap'), ('25', 'Freed')], [('05.02.2025', 'Date'), ('61', 'Swap'), ('150', 'Freed')]]
    >>> aligned_tables("Prose.  More prose that runs on.\\nIt has 2 figures.  And 3 more.\\nAnd 4.  Or 5.")
    []
    """
    if "  " not in text and "\t" not in text:
        return []
    lines, offsets = _lines(text)
    tables: list[Table] = []
    n = 0
    while n < len(lines):
        header = _aligned_cells(lines[n], offsets[n])
        if len(header) < 2 or "|" in lines[n] or any(c.isdigit() for c in lines[n]) or any(b - a > MAX_HEADER_CELL for a, b in header):
            n += 1
            continue
        starts = [a - offsets[n] for a, _ in header]
        k = n + 1
        if k < len(lines) and lines[k].strip() and set(lines[k]) <= _RULE_CHARS:
            k += 1
        rows: list[tuple[Cell, ...]] = []
        columns: list[tuple[int, ...]] = []
        row_offsets: list[int] = []
        full = 0
        while k < len(lines):
            cells = _aligned_cells(lines[k], offsets[k])
            where = tuple(max(0, bisect_right(starts, a - offsets[k]) - 1) for a, _ in cells)
            if len(cells) >= 2 and any(c.isdigit() for c in lines[k]) and all(x < y for x, y in zip(where, where[1:])):
                full += 1
            elif not (len(cells) == 1 and rows and where[0] >= 1):
                break
            rows.append(cells)
            columns.append(where)
            row_offsets.append(offsets[k])
            k += 1
        if full >= MIN_ROWS and _lined_up(rows, columns, row_offsets):
            tables.append(Table(header, tuple(rows), tuple(columns)))
            n = k
        else:
            n += 1
    return tables


def _lined_up(rows: list[tuple[Cell, ...]], columns: list[tuple[int, ...]], offsets: list[int]) -> bool:
    """Whether the cells of each column after the first stand one under another (left, right or middle)."""
    edges: dict[int, list[tuple[int, int]]] = {}
    for row, where, offset in zip(rows, columns, offsets):
        if len(row) >= 2:
            for (a, b), column in zip(row, where):
                if column > 0:
                    edges.setdefault(column, []).append((a - offset, b - offset))
    for cells in edges.values():
        lefts = [a for a, _ in cells]
        rights = [b for _, b in cells]
        middles = [a + b for a, b in cells]
        if max(lefts) - min(lefts) > 1 and max(rights) - min(rights) > 1 and max(middles) - min(middles) > 3:
            return False
    return True


def table_lines(text: str) -> list[tuple[int, int]]:
    """The character bounds of every line of a table (its header and its data lines), in order.

    >>> text = "Intro.\\nDate        Swap no.   Freed\\n05.01.2025  60         25\\n05.02.2025  61         150\\nEnd."
    >>> [text[a:b] for a, b in table_lines(text)][:2]
    ['Date        Swap no.   Freed', '05.01.2025  60         25']
    """
    lines = []
    for table in pipe_tables(text) + aligned_tables(text):
        cells = [table.header, *table.rows]
        lines.extend((min(a for a, _ in line), max(b for _, b in line)) for line in cells if line)
    return sorted(lines)


class TableIndex:
    """For a character of a text, the header cell of the table column it stands in (None outside tables).

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
        for table in pipe_tables(text) + aligned_tables(text):
            for (start, end), header in table.cells():
                self._cells.append((start, end, header))
        self._cells.sort()
        self._starts = [start for start, _, _ in self._cells]

    def header_of(self, char: int) -> tuple[int, int] | None:
        """The bounds of the header cell above the data cell holding ``char``."""
        found = self._found(char)
        return found[2] if found else None

    def cell_of(self, char: int) -> tuple[int, int] | None:
        """The bounds of the data cell holding ``char``."""
        found = self._found(char)
        return found[:2] if found else None

    def _found(self, char: int) -> tuple[int, int, tuple[int, int]] | None:
        n = bisect_right(self._starts, char) - 1
        if n >= 0 and char < self._cells[n][1]:
            return self._cells[n]
        return None
