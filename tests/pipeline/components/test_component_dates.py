"""components.dates: date expressions and their kinds."""

import pytest

from powfacts.pipeline.components.dates import DateFinder
from powfacts import pipeline
from powfacts.pipeline import build


def annotate(text, **kwargs):
    """The pipeline on the whole text: no prefilter, so every component sees every line."""
    return pipeline.annotate(text, prefilter=False, **kwargs)


def kinds(text):
    doc = annotate(text)  # the spans need their Doc alive
    return [(s.text, s.label_) for s in doc.spans["dates"]]


@pytest.mark.parametrize(
    ("text", "date", "kind"),
    [
        ("It happened on 6 May 2025.", "6 May 2025", "day"),
        ("It happened on October 3, 2025.", "October 3, 2025", "day"),
        ("It happened in February 2025.", "February 2025", "month"),
        ("It happened on 2022-10-17.", "2022-10-17", "iso"),
        ("It happened on 7-8 June.", "7-8 June", "day_range"),
        ("It happened on Thursday.", "Thursday", "weekday"),
    ],
)
def test_date_kinds(text, date, kind):
    assert (date, kind) in kinds(text)


def test_year_kind():
    assert any(label == "year" and "2024" in text for text, label in kinds("It happened in 2024."))


def test_date_tokens_are_marked():
    doc = annotate("It happened on 6 May 2025 at noon.")
    assert [t.text for t in doc if t._.in_date] == ["6", "May", "2025"]


def test_every_label_is_a_known_kind():
    from powfacts.facts.dates import KINDS

    doc = annotate("On 6 May 2025, in February 2024, last month, on Thursday and on 7-8 June they met.")
    assert doc.spans["dates"]
    assert {s.label_ for s in doc.spans["dates"]} <= KINDS


def test_match_then_set_annotations():
    nlp = build("en")
    finder = nlp.get_pipe("powfacts_dates")
    assert isinstance(finder, DateFinder)
    doc = nlp.tokenizer.whole("It happened on 6 May 2025.")
    spans = finder.match(doc)
    assert [s.text for s in spans] == ["6 May 2025"]
    assert not any(t._.in_date for t in doc)
    finder.set_annotations(doc, spans)
    assert [t.text for t in doc if t._.in_date] == ["6", "May", "2025"]


@pytest.mark.parametrize(
    ("lang", "text", "date", "end"),
    [
        ("uk", "У травні 2025-го повернули 390 людей.", "травні 2025-го", "2025-05"),
        ("uk", "Станом на листопад 2023-го повернули 2600 людей.", "листопад 2023-го", "2023-11"),
        ("uk", "У ніч з 28 на 29 липня 2022-го загинули 50 полонених.", "29 липня 2022-го", "2022-07-29"),
        ("ru", "В сентябре 2025-го вернули 390 человек.", "сентябре 2025-го", "2025-09"),
        ("ru", "В 2022-м провели одиннадцать обменов.", "В 2022-м", "2022"),
    ],
)
def test_a_year_with_its_case_ending_is_part_of_its_date(lang, text, date, end):
    """'травні 2025-го', 'в 2022-м': the ending belongs to the year, and the date is the month's or the day's."""
    doc = annotate(text, lang=lang)
    assert [s.text for s in doc.spans["dates"]] == [date]
    assert [f.date.end for f in doc._.facts][:1] == [end]
