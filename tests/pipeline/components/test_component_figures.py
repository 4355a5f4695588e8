"""components.figures: figure spans, their kinds and values."""

import pytest

from powfacts.pipeline.components.figures import FigureFinder
from powfacts import pipeline
from powfacts.pipeline import build


def annotate(text, **kwargs):
    """The pipeline on the whole text: no prefilter, so every component sees every line."""
    return pipeline.annotate(text, prefilter=False, **kwargs)


def figures(text):
    doc = annotate(text)  # the spans need their Doc alive
    return [(s.text, s.label_, s._.info) for s in doc.spans["figures"]]


def one(text):
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "figure", "kind", "value"),
    [
        ("They freed 205 men.", "205", "cardinal", 205),
        ("They freed 4 757 men.", "4 757", "cardinal", 4757),
        ("They freed 10,000 men.", "10,000", "cardinal", 10000),
        ("They freed One hundred and one men.", "One hundred and one", "cardinal", 101),
        ("They freed sixty-two men.", "sixty-two", "cardinal", 62),
        ("They freed three thousand nine hundred and fifty-six men.", "three thousand nine hundred and fifty-six", "cardinal", 3956),
        ("They listed sixty-five thousand nine hundred and fifty-six men.", "sixty-five thousand nine hundred and fifty-six", "cardinal", 65956),
        ("They freed 1.8 thousand men.", "1.8 thousand", "cardinal", 1800),
        ("It was the 69th swap.", "69th", "ordinal", 69),
        ("Some 95% said so.", "95%", "percent", 95),
        ("They swapped 84 for 84.", "84 for 84", "swap", 84),
        ("They made a 307-for-307 swap.", "307-for-307", "swap", 307),
    ],
)
def test_figure_kind_and_value(text, figure, kind, value):
    span_text, label, info = one(text)
    assert (span_text, label, info["kind"], info["value"]) == (figure, kind, kind, value)
    assert info["percent"] is (kind == "percent")


def test_percent_range_reads_low_and_high():
    text, label, info = one("Between 15-20% said so.")
    assert (text, label) == ("15-20%", "percent_range")
    assert (info["value"], info["low"], info["high"], info["percent"]) == (None, 15, 20, True)


def test_vague_quantity_has_no_value():
    text, label, info = one("Thousands of men waited.")
    assert label == "vague"
    assert info["value"] is None


def test_digits_inside_a_date_are_not_figures():
    assert [f[0] for f in figures("On 6 May 2025 they freed 12 men.")] == ["12"]


def test_figure_tokens_are_marked():
    doc = annotate("They freed 4 757 men.")
    marked = [t.text for t in doc if t._.in_figure]
    assert marked == ["4", "757"]
    assert {t._.figure_kind for t in doc if t._.in_figure} == {"cardinal"}


def test_match_then_set_annotations():
    nlp = build("en")
    finder = nlp.get_pipe("powfacts_figures")
    assert isinstance(finder, FigureFinder)
    doc = nlp.tokenizer.whole("They freed 205 men and 30 women.")
    for name in nlp.pipe_names[: nlp.pipe_names.index("powfacts_figures")]:  # every component that runs before it
        doc = nlp.get_pipe(name)(doc)
    spans = finder.match(doc)
    assert [s.text for s in spans] == ["205", "30"]
    assert "figures" not in doc.spans
    finder.set_annotations(doc, spans)
    assert [s.text for s in doc.spans["figures"]] == ["205", "30"]
    assert all(s.id_.startswith("figure.") for s in doc.spans["figures"])


@pytest.mark.parametrize(
    ("lang", "text", "figure", "kind", "value"),
    [
        ("uk", "Формула двісті сорок шість на двісті сорок шість.", "двісті сорок шість на двісті сорок шість", "swap", 246),
        ("uk", "Ми не зупиняємося на цих двохстах сімдесяти семи.", "двохстах сімдесяти семи", "cardinal", 277),
        ("ru", "Вместе с тремястами военными вернулись домой.", "тремястами", "cardinal", 300),
        ("en", "It was nine hundred and nine for nine hundred and nine.", "nine hundred and nine for nine hundred and nine", "swap", 909),
    ],
)
def test_numbers_in_words_in_every_case_and_long_swaps_in_words(lang, text, figure, kind, value):
    """Spoken texts give hundreds in their oblique cases ('двохстах', 'тремястами') and swaps of three or four number
    words a side."""
    doc = annotate(text, lang=lang)
    found = [(s.text, s._.info["kind"], s._.info["value"]) for s in doc.spans["figures"]]
    assert found == [(figure, kind, value)]


@pytest.mark.parametrize(
    "lang, text, figure, value",
    [
        ("en", "It was the seventy-first exchange since the invasion.", "seventy-first", 71),
        ("uk", "Це був сімдесят перший обмін від початку великої війни.", "сімдесят перший", 71),
        ("ru", "Это был сто первый обмен с начала войны.", "сто первый", 101),
        ("es", "Fue el septuagésimo primer canje desde la invasión.", "septuagésimo primer", 71),
    ],
)
def test_a_compound_ordinal_ending_in_first_is_one_ordinal(lang, text, figure, value):
    """'сімдесят перший' is the 71st, not 70 and a lone 'first'."""
    doc = annotate(text, lang=lang)
    assert [(s.text, s.label_, s._.info["value"]) for s in doc.spans["figures"]] == [(figure, "ordinal", value)]


@pytest.mark.parametrize(
    "lang, text",
    [("en", "The first exchange of the year came in January."), ("en", "The two first exchanges were small."), ("uk", "Перший обмін року відбувся в січні.")],
)
def test_first_alone_or_after_units_makes_no_ordinal(lang, text):
    """'first' alone, or after a unit ('two first' is not the 3rd), makes no ordinal figure."""
    doc = annotate(text, lang=lang)
    assert [s.text for s in doc.spans["figures"] if s.label_ == "ordinal" or s._.info["value"] == 3] == []
