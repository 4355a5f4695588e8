"""powfacts.pipeline.nlp.screen: what the prefilter keeps of a text, before any Doc is made; annotate reuses it."""

from __future__ import annotations

import pytest
from documents import DOCUMENTS
from documents import name as _name
from documents import text_and_language as _text_and_language

from powfacts import pipeline
from powfacts.pipeline.prefilter import pieces


def kept(parts) -> bool:
    return any(k for _, _, k in parts)


def test_screen_keeps_nothing_of_a_text_no_fact_can_stand_in():
    text = "The council met on 3 March 2025 and approved 45 million euros.\n\nThe stadium will seat 12,000 fans by 2027."
    parts = pipeline.screen(text, "en")
    assert not kept(parts)
    assert (parts[0][0], parts[-1][1]) == (0, len(text))  # the stretches cover the text, every offset where it was


def test_screen_keeps_the_block_of_a_fact_and_its_context():
    text = "Weather: 12 degrees.\n\nThe council met on 3 March.\n\nUkraine freed 95 prisoners of war on 6 May 2025."
    parts = pipeline.screen(text, "en")
    assert kept(parts)
    assert parts == pieces(text, pipeline.build("en").tokenizer.scan())


@pytest.mark.parametrize("path", DOCUMENTS[::7], ids=_name)
def test_annotate_with_the_screened_parts_is_annotate_alone(path):
    # api.extract_document screens first and hands the parts on: the same Doc as the tokenizer's own prefilter
    text, lang = _text_and_language(path)
    parts = pipeline.screen(text, lang)
    given = pipeline.annotate(text, lang=lang, parts=parts)
    alone = pipeline.annotate(text, lang=lang)
    assert given.text == alone.text == pipeline.build(lang).make_doc(text).text
    assert [t.text for t in given] == [t.text for t in alone]
    assert [f.to_json() for f in given._.facts] == [f.to_json() for f in alone._.facts]
