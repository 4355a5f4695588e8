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


def test_an_aligned_table_is_a_header_of_words_over_rows_lined_up_under_it():
    text = "Table 2. Swaps of the year\nDate          Swap no.   Returned   Note\n05.01.2025    60         25         badly wounded\n05.02.2025    61         150\n\nText after it."
    from powfacts.pipeline.table_cells import aligned_tables

    (table,) = aligned_tables(text)
    assert [text[a:b] for a, b in table.header] == ["Date", "Swap no.", "Returned", "Note"]
    assert [[(text[a:b], text[slice(*header)]) for (a, b), header in table.cells() if a in range(*bounds)] for bounds in ((40, 200),)][0][:4] == [
        ("05.01.2025", "Date"), ("60", "Swap no."), ("25", "Returned"), ("badly wounded", "Note"),
    ]
    index = TableIndex(text)
    assert text[slice(*index.header_of(text.index("150")))] == "Returned"
    assert text[slice(*index.cell_of(text.index("wounded")))] == "badly wounded"


@pytest.mark.parametrize(
    "text",
    [
        "The report.  It was read out on Monday.\nIt counted 2 swaps.  Both were late.\nThen 3 more.  And 4 after that.",  # prose typed with two spaces
        "Date          Returned\n05.01.2025    25",  # one row is no table
        "Date | Returned\n05.01.2025 | 25\n05.02.2025 | 150",  # a pipe table is read as one
    ],
)
def test_lines_with_wide_spaces_that_make_no_aligned_table(text):
    from powfacts.pipeline.table_cells import aligned_tables

    assert aligned_tables(text) == []


@pytest.mark.parametrize(
    "lang, text",
    [
        ("uk", "Таблиця 1. Обміни року\n\nДата            Обмін №   Повернуто   Примітка\n05.01.2025      60        25          тяжкопоранені\n23–25.05.2025   65        1 000       Стамбул\n"),
        ("ru", "Таблица 1. Обмены года\n\nДата            Обмен №   Возвращено  Примечание\n05.01.2025      60        25          тяжелораненые\n23–25.05.2025   65        1 000       Стамбул\n"),
        ("en", "Table 1. Swaps of the year\n\nDate            Swap no.  Returned    Note\n05.01.2025      60        25          badly wounded\n23–25.05.2025   65        1,000       Istanbul\n"),
        ("es", "Tabla 1. Canjes del año\n\nFecha           Canje nº  Liberados   Nota\n05.01.2025      60        25          heridos graves\n23–25.05.2025   65        1.000       Estambul\n"),
    ],
)
def test_a_figure_of_an_aligned_table_counts_what_its_own_columns_header_says_on_its_rows_days(lang, text):
    """The number of the swap under "Обмін №" numbers exchanges; the people under "Повернуто" were released; the row's
    days, one or a stretch in figures, date both."""
    doc = pipeline.annotate(text, published=dt.date(2026, 1, 20), lang=lang, prefilter=False)
    found = [(f.value, f.measure, f.date.start if f.date else None, f.date.end if f.date else None) for f in doc._.facts]
    assert found == [
        (60, "exchanges", "2025-01-05", "2025-01-05"), (25, "released", "2025-01-05", "2025-01-05"),
        (65, "exchanges", "2025-05-23", "2025-05-25"), (1000, "released", "2025-05-23", "2025-05-25"),
    ]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("ru", "Дата          Возвращено в РФ        Передано украинской стороне\n02.10.2025    185 + 20 гражданских   185\n05.02.2025    150 военнопленных      150\n"),
        ("en", "Date          Released to Russia     Released to Ukraine\n02.10.2025    185 + 20 civilians     185\n05.02.2025    150 POWs               150\n"),
    ],
)
def test_the_people_of_a_cell_with_figures_are_not_those_of_the_next_cell(lang, text):
    """"185 + 20 civilians" in Russia's column does not make Ukraine's 185 civilians."""
    doc = pipeline.annotate(text, published=dt.date(2025, 12, 25), lang=lang, prefilter=False)
    assert [(f.value, f.population, f.nationality) for f in doc._.facts] == [
        (185, "civilian", "RU"), (20, "civilian", "RU"), (185, None, "UA"), (150, "pow", "RU"), (150, None, "UA"),
    ]


def test_a_cell_of_words_still_names_the_people_of_its_row():
    text = "Source | Who | Torture share\nOHCHR (2023) | Ukrainian POWs, released | 86%\nOHCHR (2024) | Russian POWs, in Ukraine | 46%\n"
    doc = pipeline.annotate(text, published=dt.date(2025, 1, 1), lang="en", prefilter=False)
    assert [(f.value, f.population, f.nationality) for f in doc._.facts] == [(86, "pow", "UA"), (46, "pow", "RU")]


def aligned(*rows, width=22):
    """Lines of cells, each cell padded to ``width`` characters (two spaces at least after the longest): a table lined up as a PDF's text gives it."""
    return "\n".join("".join(cell.ljust(width) for cell in row).rstrip() for row in rows) + "\n"


@pytest.mark.parametrize(
    "lang, caption, header",
    [
        ("uk", "Таблиця 2. Обміни 2025 року", ("Дата", "Повернуто", "З них цивільних", "Примітка")),
        ("en", "Table 2. Swaps of 2025", ("Date", "Returned", "Including civilians", "Note")),
    ],
)
def test_a_column_of_a_part_counts_what_the_row_counts_and_a_rows_stretch_is_its_own(lang, caption, header):
    """"З них цивільних" counts the civilians among those returned; the total becomes soldiers and civilians. The
    stretch of days that opens a row dates its figures whole: the stages are those of one cell ("390 / 307 / 303"),
    not the figures of the other columns. A table's first day is no date of the text."""
    text = caption + "\n" + aligned(header, ("23–25.05.2025", "1000", "120", "390 / 307 / 303"), ("14.08.2025", "84", "51"))
    doc = pipeline.annotate(text, lang=lang, prefilter=False)
    assert doc._.published is None
    assert [(f.value, f.measure, f.population, f.date.start, f.date.end) for f in doc._.facts][:4] == [
        (1000, "released", "mixed", "2025-05-23", "2025-05-25"), (120, "released", "civilian", "2025-05-23", "2025-05-25"),
        (84, "released", "mixed", "2025-08-14", "2025-08-14"), (51, "released", "civilian", "2025-08-14", "2025-08-14"),
    ]


@pytest.mark.parametrize(
    "lang, caption, header",
    [
        ("uk", "2. Обміни полоненими у 2025 році\nТаблиця 1", ("Дата", "Повернуто", "Примітка")),
        ("ru", "2. Обмены военнопленными в 2025 году\nТаблица 1", ("Дата", "Возвращено", "Примечание")),
        ("en", "2. Exchanges of prisoners of war in 2025\nTable 1", ("Date", "Returned", "Note")),
    ],
)
def test_a_tables_caption_names_the_people_of_columns_that_name_none(lang, caption, header):
    text = "Report\n\n" + caption + "\n" + aligned(header, ("05.01.2025", "25", "—"), ("05.02.2025", "150", "—"))
    doc = pipeline.annotate(text, lang=lang, prefilter=False)
    assert [(f.value, f.measure, f.population) for f in doc._.facts] == [(25, "released", "pow"), (150, "released", "pow")]


def test_a_caption_above_a_blank_line_is_not_the_tables():
    text = "Report\n\n2. Exchanges of prisoners of war in 2025\n\n" + aligned(("Date", "Returned", "Note"), ("05.01.2025", "25", "—"), ("05.02.2025", "150", "—"))
    doc = pipeline.annotate(text, lang="en", prefilter=False)
    assert [f.population for f in doc._.facts] == [None, None]


@pytest.mark.parametrize(
    "lang, caption, header",
    [
        ("ru", "Таблица 2. Репатриация во втором полугодии", ("Дата", "Передано Украине", "Передано России")),
        ("uk", "Таблиця 2. Репатріація в другому півріччі", ("Дата", "Передано Україні", "Передано Росії")),
    ],
)
def test_a_transfer_under_a_caption_of_bodies_moves_bodies(lang, caption, header):
    text = "Report\n\n" + caption + "\n" + aligned(header, ("18.09.2025", "1000", "24"), ("23.10.2025", "1000", "31"))
    doc = pipeline.annotate(text, lang=lang, prefilter=False)
    assert [(f.value, f.measure) for f in doc._.facts] == [(1000, "bodies_returned"), (24, "bodies_returned"), (1000, "bodies_returned"), (31, "bodies_returned")]
