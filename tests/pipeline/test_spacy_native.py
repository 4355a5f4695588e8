"""powfacts as a spaCy user uses it: nlp(text), saved and loaded with spaCy alone, added to a pipeline of one's own."""

import json
import subprocess
import sys

import pytest
import spacy

import powfacts
from powfacts.api import extract_text
from powfacts.errors import UsageError

TEXT = "KYIV, Oct 3 (Wire) - Ukraine and Russia swapped 185 prisoners each on Thursday. In 2025 it was the 69th exchange."


def fields(facts):
    return [f.model_dump(mode="json", exclude={"source"}) | {"published": f.source.published} for f in facts]


def test_nlp_of_a_text_gives_the_records_extract_text_gives():
    nlp = powfacts.load("en")
    doc = nlp(TEXT)
    assert fields(doc._.facts) == fields(extract_text(TEXT))
    assert all(type(f).__name__ == "Fact" for f in doc._.facts)


def test_a_saved_pipeline_loads_with_spacy_alone_in_a_fresh_process(tmp_path):
    """The child never imports powfacts: spaCy finds its parts through the package's entry points."""
    powfacts.load("en").to_disk(tmp_path / "pipe")
    assert 'root = ""' in (tmp_path / "pipe" / "config.cfg").read_text()  # no path of this machine
    code = (
        "import json, sys, spacy\n"
        "nlp = spacy.load(sys.argv[1])\n"
        "print(json.dumps([f.model_dump(mode='json') for f in nlp(sys.argv[2])._.facts]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipe"), TEXT], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    assert [{k: v for k, v in f.items() if k != "source"} for f in loaded] == [f.model_dump(mode="json", exclude={"source"}) for f in powfacts.load("en")(TEXT)._.facts]
    assert [f["measure"] for f in loaded] == ["released", "exchanges"]


def test_the_saved_rules_are_the_ones_that_run(tmp_path):
    mine = tmp_path / "mine" / "en"
    mine.mkdir(parents=True)
    (mine / "measures.jsonl").write_text(json.dumps({"id": "measure.released-set-loose", "label": "released", "phrase": "set loose"}) + "\n", encoding="utf-8")
    sentence = "On 3 May 2025 Russia set loose 40 prisoners of war."
    powfacts.load("en", patterns=str(tmp_path / "mine")).to_disk(tmp_path / "pipe")
    assert "measure.released-set-loose" in (tmp_path / "pipe" / "powfacts_measures" / "measures.jsonl").read_text()
    (mine / "measures.jsonl").unlink()  # the folder is gone: the saved pipeline does not need it
    loaded = spacy.load(tmp_path / "pipe")
    assert [f.value for f in loaded(sentence)._.facts] == [40]
    # the tokenizer's prefilter reads the rules the components hold, not a folder: a block whose only cue is
    # the user's own phrase is kept after other blocks are blanked
    story = "The council met to discuss the roads.\n\n" * 20 + sentence  # past the first lines, which a dateline may use
    doc = loaded(story)
    assert doc.text.startswith(" ") and [f.value for f in doc._.facts] == [40]
    assert powfacts.load("en")(sentence)._.facts == []


def test_bytes_round_trip():
    nlp = powfacts.load("en")
    again = powfacts.load("en").from_bytes(nlp.to_bytes())
    assert fields(again(TEXT)._.facts) == fields(nlp(TEXT)._.facts)


def test_add_to_a_pipeline_of_ones_own():
    nlp = spacy.blank("en")
    powfacts.add_to(nlp)
    assert nlp.pipe_names[0] == "powfacts_lines" and nlp.pipe_names[-1] == "powfacts_facts"
    assert [(f.measure, f.value) for f in nlp("Ukraine freed 95 prisoners of war on 3 May 2025.")._.facts] == [("released", 95)]


def test_add_to_keeps_a_pipeline_that_sets_its_own_sentences():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", name="mine")
    powfacts.add_to(nlp)
    assert "powfacts_lines" not in nlp.pipe_names and nlp.pipe_names[0] == "mine"


def test_every_component_declares_what_it_reads_and_writes():
    analysis = powfacts.load("en").analyze_pipes()
    assert all(problems == [] for problems in analysis["problems"].values())
    assert "doc._.facts" in analysis["summary"]["powfacts_facts"]["assigns"]


def test_a_cue_component_alone_reads_the_whole_text():
    nlp = spacy.blank("en")
    nlp.add_pipe("powfacts_cues")  # the defaults: the measures of English
    doc = nlp("Ukraine freed 95 prisoners.")
    assert [s.label_ for s in doc.spans["measures"]][:1] == ["released"]


def test_the_facts_component_alone_says_what_it_needs():
    nlp = spacy.blank("en")
    nlp.add_pipe("powfacts_facts")
    with pytest.raises(UsageError, match=r"^powfacts_facts reads what the components before it found \(figures, dates"):
        nlp("Ukraine freed 95 prisoners.")
