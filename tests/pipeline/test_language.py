"""Which patterns read a document: detection, the override, mixed-language texts."""

import pytest

from powfacts.api import extract_text
from powfacts.errors import UsageError
from powfacts.pipeline.language import detect
from powfacts.pipeline.rules import available_languages


def test_every_pattern_folder_is_a_language():
    assert set(available_languages()) >= {"en", "uk", "ru", "es"}


@pytest.mark.parametrize(
    "text, language",
    [
        ("Ukraine and Russia exchanged 95 prisoners of war each on Saturday.", "en"),
        ("Україна повернула додому 95 захисників з російського полону.", "uk"),
        ("Россия и Украина провели обмен военнопленными по формуле 95 на 95.", "ru"),
        ("Rusia y Ucrania canjearon 95 prisioneros de guerra por cada lado.", "es"),
    ],
)
def test_the_language_is_detected_and_recorded(text, language):
    assert detect(text) == language
    facts = extract_text(text)
    assert facts and {f.source.language for f in facts} == {language}


def test_an_english_story_quoting_a_russian_statement_stays_english():
    text = (
        "Ukraine brought home 84 soldiers on Thursday, officials in Kyiv said.\n\n"
        "The Russian defence ministry wrote: «Возвращены 84 российских военнослужащих».\n\n"
        "Since the start of the full-scale invasion, more than 5,800 Ukrainians have been freed, "
        "the coordination headquarters said in its weekly statement on the exchanges."
    )
    facts = extract_text(text, published="2025-08-15")
    assert {f.source.language for f in facts} == {"en"}
    assert [(f.value, f.measure) for f in facts if f.figure.start < 80] == [(84, "released")]
    assert any(f.value == 5800 and f.date.start == "2022-02-24" for f in facts)


def test_the_language_can_be_given():
    facts = extract_text("Kyiv freed 95 prisoners.", language="en")
    assert facts[0].source.language == "en"
    with pytest.raises(UsageError, match="no patterns for language 'xx'"):
        extract_text("Kyiv freed 95 prisoners.", language="xx")
