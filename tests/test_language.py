"""powfacts.language: each document is read with the patterns of its language."""

import pytest

from powfacts.api import extract_text
from powfacts.errors import UsageError
from powfacts.language import detect
from powfacts.rules import available_languages


def test_english_is_always_available():
    assert "en" in available_languages()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ukraine and Russia exchanged twelve prisoners of war on Sunday.", "en"),
        ("Україна повернула додому дванадцять військовополонених у неділю.", "uk"),
        ("Россия и Украина обменялись военнопленными в воскресенье.", "ru"),
    ],
)
def test_detect(text, language):
    if language not in available_languages():
        pytest.skip(f"no patterns/{language}/ in this checkout")
    assert detect(text) == language


def test_blank_text_is_english():
    assert detect("") == "en"
    assert detect("   \n") == "en"


def test_detect_is_limited_to_the_given_languages():
    assert detect("Россия и Украина обменялись военнопленными.", ("en",)) == "en"


def test_the_source_names_the_language_used():
    (fact,) = extract_text("Ukraine freed 12 prisoners of war.")
    assert fact.source.language == "en"


def test_a_forced_language_is_used():
    (fact,) = extract_text("Ukraine freed 12 prisoners of war.", language="en")
    assert fact.source.language == "en"


def test_a_language_without_patterns_is_a_usage_error():
    with pytest.raises(UsageError, match="no patterns for language 'xx'"):
        extract_text("Ukraine freed 12 prisoners of war.", language="xx")
