"""Who gives a figure (``said_by``): the body named in the figure's sentence, else in the sentence before it
in the same paragraph, else none. Sentences written for these tests."""

import pytest

from powfacts import pipeline
from powfacts.facts.records import SAID_BY
from powfacts.pipeline.rules import LABELS


def said_by(text, lang="en", **kwargs):
    """(figure, said_by) of every fact of ``text``, the whole text read (no prefilter)."""
    return [(f.figure.text, f.said_by) for f in pipeline.annotate(text, lang=lang, prefilter=False, **kwargs)._.facts]


def test_a_body_in_the_figure_sentence_gives_the_figure():
    assert said_by("On 2 March 2025 the Coordination Headquarters said 120 soldiers were back home.") == [("120", "ua_coordination_hq")]


def test_the_possessive_form_of_a_body_is_read():
    assert said_by("Russia's defence ministry said 64 of its servicemen were freed on 2 March 2025.") == [("64", "ru_defence_ministry")]


def test_the_body_nearest_the_figure_wins_in_a_sentence_of_two():
    text = "On 2 March 2025 Kyiv brought home 120 soldiers, the Coordination Headquarters said, and Moscow's defence ministry said 64 Russian servicemen were released."
    assert said_by(text) == [("120", "ua_coordination_hq"), ("64", "ru_defence_ministry")]


def test_the_sentence_before_in_the_paragraph_attributes_a_figure():
    text = "The UN monitoring mission published its report on 2 March 2025. It documented 41 executions of captives."
    assert said_by(text) == [("41", "un_monitoring")]


def test_a_blank_line_ends_the_attribution():
    text = "The UN monitoring mission published its report on 2 March 2025.\n\nSome 41 captives were executed, it found."
    assert said_by(text) == [("41", None)]


def test_a_sentence_that_credits_someone_else_does_not_borrow_the_body_before_it():
    text = "Lubinets spoke on 2 March 2025. Some 300 civilians were freed, according to Kyiv."
    assert said_by(text) == [("300", None)]


def test_a_figure_nobody_is_credited_with_has_no_body():
    assert said_by("On 2 March 2025, 120 soldiers were back home.") == [("120", None)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("uk", "Координаційний штаб повідомив, що 2 березня 2025 року додому повернулися 120 захисників.", "ua_coordination_hq"),
        ("ru", "Москалькова сообщила, что 2 марта 2025 года домой вернулись 48 россиян.", "ru_ombudsman"),
        ("es", "El CICR dijo que 200 prisioneros de guerra fueron liberados el 2 de marzo de 2025.", "icrc"),
    ],
)
def test_each_language_names_its_bodies(lang, text, expected):
    assert [who for _, who in said_by(text, lang=lang)] == [expected]


def test_said_by_labels_are_the_known_bodies_or_none():
    allowed, _ = LABELS["said_by"]
    assert all(allowed(label) for label in SAID_BY) and allowed("none")
    assert not allowed("ministry")


@pytest.mark.parametrize(("text", "lang", "body"), [
    ("HUR said 103 defenders came home on 2 March 2025.", "en", "ua_intelligence"),
    ("У ГУР 2 березня 2025 року повідомили про 103 звільнених.", "uk", "ua_intelligence"),
    ("В ОП 2 березня 2025 року повідомили, що додому повернулися 84 захисники.", "uk", "ua_president"),
    ("В ОП 2 марта 2025 года сообщили, что домой вернулись 84 военных.", "ru", "ua_president"),
    ("El 2 de marzo de 2025 el Ministerio ruso de Defensa informó de 95 militares devueltos.", "es", "ru_defence_ministry"),
])
def test_short_names_of_bodies_are_read(text, lang, body):
    assert [b for _, b in said_by(text, lang)] == [body]


@pytest.mark.parametrize(("text", "lang"), [
    ("Kyrylo Budanov said on 2 March 2025 that 103 defenders came home.", "en"),
    ("Кирило Буданов 2 березня 2025 року повідомив про 103 звільнених.", "uk"),
])
def test_a_persons_name_is_no_body(text, lang):
    """The office a person holds changes with time: the name alone credits nobody."""
    assert [b for _, b in said_by(text, lang)] == [None]


@pytest.mark.parametrize(("text", "body"), [
    ("Российское военное ведомство 2 марта 2025 года сообщило о возвращении 95 военных.", "ru_defence_ministry"),
    ("Российское министерство обороны 2 марта 2025 года сообщило о возвращении 95 военных.", "ru_defence_ministry"),
    ("2 марта 2025 года Украина вернула России 95 российских военных.", None),
])
def test_the_russian_military_is_no_ministry_but_its_agency_is(text, body):
    """"Российских военных" counts soldiers; "российское военное ведомство" is the ministry."""
    assert [b for _, b in said_by(text, "ru")] == [body]
