"""components.lines: a line break starts a sentence."""

import pytest

from powfacts.pipeline.components.lines import LineBreaks
from powfacts import pipeline
from powfacts.pipeline import build


def annotate(text, **kwargs):
    """The pipeline on the whole text: no prefilter, so every component sees every line."""
    return pipeline.annotate(text, prefilter=False, **kwargs)


def test_line_breaks_start_sentences():
    doc = annotate("Kyiv freed 5 men\nMoscow freed 5 men\n\nThe end")
    starts = [s.text.strip() for s in doc.sents]
    assert starts == ["Kyiv freed 5 men", "Moscow freed 5 men", "The end"]


def test_headline_without_full_stop_is_its_own_evidence():
    from powfacts.api import extract_text

    facts = extract_text("Ukraine and Russia swap 40 prisoners each\nTalks went on for months")
    assert facts[0].evidence.text == "Ukraine and Russia swap 40 prisoners each"


def test_match_lists_tokens_after_a_break():
    nlp = build("en")
    lines = nlp.get_pipe("powfacts_lines")
    assert isinstance(lines, LineBreaks)
    doc = nlp.tokenizer.whole("One line\nTwo\n\nThree")
    starts, inside = lines.match(doc)
    assert [doc[i].text for i in starts] == ["Two", "Three"] and inside == []
    lines.set_annotations(doc, (starts, inside))
    assert all(doc[i].is_sent_start for i in starts)


def test_a_tables_header_and_rows_are_each_one_sentence_whatever_stops_they_hold():
    doc = annotate("Table 1.\nDate          Swap no.   Returned   Note\n05.01.2025    60         25         incl. 3 civilians\n05.02.2025    61         150        \n")
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == [
        "Table 1.", "Date          Swap no.   Returned   Note", "05.01.2025    60         25         incl. 3 civilians", "05.02.2025    61         150",
    ]


def test_an_abbreviated_thousand_ends_no_sentence():
    """"6,4 тис. — стільки ...": the stop is the abbreviation's (Ukrainian; Russian's "тыс." is spaCy's own)."""
    doc = annotate("6,4 тис. — стільки громадян повернули з полону станом на 2 березня 2026 року.", lang="uk")
    assert len([s for s in doc.sents if s.text.strip()]) == 1
    assert [(f.figure.text, f.measure, f.value) for f in doc._.facts] == [("6,4 тис.", "released", 6400)]


def test_a_line_wrapped_in_a_sentence_goes_on_with_it():
    """A report's text wrapped as its PDF was: the figure on the next line belongs to the sentence that counts it."""
    text = ("Протягом 2024 року Україна провела 11 обмінів полоненими, під час яких додому повернулися\n"
            "1358 громадян України¹. Від початку повномасштабного вторгнення з полону повернуто 3956 осіб.")
    doc = annotate(text, lang="uk")
    assert [s.text.strip() for s in doc.sents if s.text.strip()][0].endswith("громадян України¹.")
    assert [(f.value, f.date.start if f.date else None) for f in doc._.facts] == [(11, "2024"), (1358, "2024"), (3956, "2022-02-24")]


@pytest.mark.parametrize(
    "second",
    [
        "2. Belarus hands over 114 civilians, including political prisoners",  # a list's number
        "17:40 Talks ended in Abu Dhabi after two days of meetings and a short press conference",  # a time
        "Another 95 soldiers came home later that week, the ministry said.",  # a capital: a sentence of its own
        "| 2024 | 11 | 1 358 |",  # a table's line
    ],
)
def test_a_line_that_opens_a_list_item_a_time_or_a_sentence_is_not_wrapped(second):
    first = "1. Drones shot down over the region overnight, the air force said in its morning update\n"
    doc = annotate(first + second)
    (opening,) = [t for t in doc if t.idx == len(first)]
    assert opening.is_sent_start


def test_a_footnote_mark_before_a_stop_splits_off_and_the_stop_ends_the_sentence():
    doc = annotate("Kyiv brought home 1,358 people¹. Since the invasion 3,956 came home.")
    assert [t.text for t in doc[:7]] == ["Kyiv", "brought", "home", "1,358", "people", "¹", "."]
    assert len([s for s in doc.sents if s.text.strip()]) == 2


def test_a_word_cut_by_a_hyphen_at_a_lines_end_goes_on_on_the_next_line():
    text = ("За даними тієї ж доповіді, в російському полоні загинули 10 українських військовополонених унаслі-\n"
            "док катувань і відсутності медичної допомоги.")
    doc = annotate(text, lang="uk")
    assert len([s for s in doc.sents if s.text.strip()]) == 1
