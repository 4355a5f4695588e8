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
    starts = lines.match(doc)
    assert [doc[i].text for i in starts] == ["Two", "Three"]
    lines.set_annotations(doc, starts)
    assert all(doc[i].is_sent_start for i in starts)
