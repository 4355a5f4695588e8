"""components.lines: a line break starts a sentence."""

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
