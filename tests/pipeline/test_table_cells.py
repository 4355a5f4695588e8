"""pipeline.table_cells: pipe tables found in text, and figures of a table read through their column's header."""

import datetime as dt

import pytest

from powfacts import pipeline
from powfacts.pipeline.table_cells import TableIndex, pipe_tables


def cells(text, table):
    return [text[a:b] for a, b in table.header], [[text[a:b] for a, b in row] for row in table.rows]


def test_a_table_is_a_header_of_words_over_rows_with_as_many_pipes():
    text = "Intro.\n\n| Year | Swaps | Freed |\n|---|---|---|\n| 2023 | 8 | 547 |\n| 2024 | 10 | 1 266 |\nA line | of prose after it.\n"
    (table,) = pipe_tables(text)
    header, rows = cells(text, table)
    assert header == ["", "Year", "Swaps", "Freed", ""]
    assert rows == [["", "2023", "8", "547", ""], ["", "2024", "10", "1 266", ""]]


@pytest.mark.parametrize(
    "text",
    [
        "Politics | 27.01.2026 16:48\nNews | 28.01.2026\nWorld | 29.01.2026",  # a header with digits: datelines
        "Year | Freed\n2023 | 547",  # one data line is no table
        "Year | Swaps | Freed\n2023 | 547\n2024 | 1 266",  # rows with another number of cells
    ],
)
def test_lines_with_pipes_that_make_no_table(text):
    assert pipe_tables(text) == []


def test_the_header_of_a_cell_is_the_cell_of_its_column_in_the_header_line():
    text = "Year | Swaps | Freed\n2023 | 8 | 547\n2024 | 10 | 1 266"
    index = TableIndex(text)
    assert text[slice(*index.header_of(text.index("1 266")))] == "Freed"
    assert index.header_of(text.index("Freed")) is None and index.header_of(0) is None


@pytest.mark.parametrize(
    "lang, text",
    [
        ("ru", "Обмены по годам, по данным Минобороны:\n\nГод | Обменов | Возвращено военнослужащих\n2023 | 8 | 547\n2024 | 10 | 1 266"),
        ("uk", "Обміни за роками:\n\nРік | Обмінів | Повернуто військовослужбовців\n2023 | 8 | 547\n2024 | 10 | 1 266"),
        ("en", "Swaps by year:\n\nYear | Swaps | Servicemen returned\n2023 | 8 | 547\n2024 | 10 | 1 266"),
        ("es", "Canjes por año:\n\nAño | Canjes | Militares liberados\n2023 | 8 | 547\n2024 | 10 | 1 266"),
    ],
)
def test_a_figure_in_a_table_counts_what_its_column_header_says_in_the_year_its_row_opens_with(lang, text):
    doc = pipeline.annotate(text, published=dt.date(2026, 3, 7), lang=lang, prefilter=False)
    found = [(f.value, f.measure, f.population, f.date.start if f.date else None) for f in doc._.facts]
    assert found == [
        (8, "exchanges", None, "2023"), (547, "released", "pow", "2023"),
        (10, "exchanges", None, "2024"), (1266, "released", "pow", "2024"),
    ]


def test_a_column_header_gives_the_side_its_figures_count():
    text = "Дата | Росіян у полоні України | Українців у полоні РФ\n05.06.2024 | 1 348 | 6 465\n14.02.2026 | 4 000 | 7 000"
    doc = pipeline.annotate(text, published=dt.date(2026, 3, 7), lang="uk", prefilter=False)
    assert [(f.value, f.measure, f.nationality) for f in doc._.facts] == [
        (1348, "held", "RU"), (6465, "held", "UA"), (4000, "held", "RU"), (7000, "held", "UA"),
    ]
