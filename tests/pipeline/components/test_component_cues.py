"""components.cues: one tagger per cue concern, spans carry labels and rule ids."""

import pytest

from powfacts.pipeline.components.cues import CueTagger
from powfacts import pipeline
from powfacts.pipeline import CUE_CONCERNS, build


def annotate(text, **kwargs):
    """The pipeline on the whole text: no prefilter, so every component sees every line."""
    return pipeline.annotate(text, prefilter=False, **kwargs)


def cues(text, concern):
    doc = annotate(text)  # the spans need their Doc alive
    return [(s.text, s.label_, s.id_) for s in doc.spans[concern]]


def labels(text, concern):
    return [label for _, label, _ in cues(text, concern)]


def test_every_cue_concern_writes_its_span_group():
    doc = annotate("Ukraine freed 5 prisoners.")
    for concern in CUE_CONCERNS:
        assert concern in doc.spans


@pytest.mark.parametrize(("word", "label"), [("about", "approximately"), ("at least", "at_least"), ("up to", "at_most"),
                                             ("more than", "more_than"), ("nearly", "less_than")])
def test_qualifier_cues(word, label):
    found = cues(f"They freed {word} 300 men.", "qualifiers")
    assert [(t, l) for t, l, _ in found] == [(word, label)]


def test_measure_cues_carry_rule_ids():
    found = cues("Russia executed 12 prisoners.", "measures")
    assert "executions" in [label for _, label, _ in found]
    assert all(rule.startswith("measure.") for _, _, rule in found)


def test_casualty_words_are_none_measures():
    assert "none" in labels("Over 400 soldiers were killed.", "measures")


def test_status_cue():
    assert "planned" in labels("The sides agreed to exchange 50 prisoners.", "status")


def test_side_cue():
    assert "per_side" in labels("Each side released 50 prisoners.", "sides")


def test_population_cues():
    assert set(labels("They freed 50 civilians.", "populations")) == {"civilian"}
    assert set(labels("They freed 50 prisoners of war.", "populations")) == {"pow"}


def test_nationality_cues():
    assert set(labels("They freed 50 Ukrainian soldiers.", "nationalities")) == {"UA"}
    assert set(labels("They freed 50 Russian soldiers.", "nationalities")) == {"RU"}


def test_date_role_cues():
    assert "since:2022-02-24" in labels("Since the start of the full-scale war, 500 men were freed.", "date_roles")
    assert "as_of" in labels("As of May 2025, 500 men were held.", "date_roles")


def test_blocker_spans():
    found = cues("A 26-year-old soldier was freed under Article 13.", "blockers")
    assert {rule for _, _, rule in found} >= {"blocker.age-year-old", "blocker.article"}
    assert all(label in ("inside", "next", "previous", "year") for _, label, _ in found)


def test_match_then_set_annotations():
    nlp = build("en")
    tagger = nlp.get_pipe("powfacts_status")
    assert isinstance(tagger, CueTagger)
    assert tagger.concern == "status"
    doc = nlp.tokenizer.whole("The sides agreed to exchange 50 prisoners.")
    for name in nlp.pipe_names[: nlp.pipe_names.index("powfacts_status")]:  # every component that runs before it
        doc = nlp.get_pipe(name)(doc)
    spans = tagger.match(doc)
    assert spans and "status" not in doc.spans
    tagger.set_annotations(doc, spans)
    assert list(doc.spans["status"]) == spans
