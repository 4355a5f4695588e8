"""components.facts: doc._.facts from the spans of the other components."""

import datetime as dt

import pytest

from powfacts.pipeline.components.facts import FactBuilder
from powfacts import pipeline
from powfacts.pipeline import build


def dated(fact):
    """A fact's date bounds and text as a plain dict (None when it has none); where it came from is tested apart."""
    return fact.date.model_dump(include={"start", "end", "text"}) if fact.date else None


def annotate(text, **kwargs):
    """The pipeline on the whole text: no prefilter, so every component sees every line."""
    return pipeline.annotate(text, prefilter=False, **kwargs)


def test_facts_are_records_with_offsets():
    text = "On 6 May 2025, Ukraine returned 205 prisoners of war home."
    (fact,) = annotate(text)._.facts
    assert fact.measure == "released"
    assert fact.value == 205
    assert text[fact.figure.start:fact.figure.end] == "205"
    assert fact.evidence.text == text
    assert dated(fact) == {"start": "2025-05-06", "end": "2025-05-06", "text": "6 May 2025"}
    assert "figure.digits" in fact.rules


def test_blocked_figures_make_no_fact():
    doc = annotate("A 26-year-old soldier was freed.")
    assert [s.text for s in doc.spans["figures"]] == ["26"]
    assert doc._.facts == []


@pytest.mark.parametrize(
    "lang, text, value",
    [
        ("uk", "У 2025 році з полону повернули 2080 військових і 230 цивільних.", 2080),
        ("ru", "В 2025 году из плена вернулись 2080 военных и 230 гражданских.", 2080),
        ("es", "En 2025 regresaron del cautiverio 2000 soldados y 230 civiles.", 2000),
        ("en", "In 2025 some 2000 soldiers and 230 civilians came home.", 2000),
    ],
)
def test_a_number_shaped_like_a_year_counts_people_when_a_people_word_follows_it(lang, text, value):
    """The year of the sentence is no fact, the same digits before the people they count are."""
    assert [f.value for f in annotate(text, lang=lang)._.facts if f.measure == "released"] == [value, 230]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "In Istanbul the sides agreed an all-for-all swap in two categories of prisoners, and 300 came home."),
        ("uk", "У Стамбулі сторони домовилися про обмін «всіх на всіх» у двох категоріях полонених, і 300 повернулися додому."),
        ("ru", "В Стамбуле стороны договорились об обмене «всех на всех» по двум категориям пленных, и 300 вернулись домой."),
        ("es", "En Estambul pactaron un canje de todos por todos en dos categorías de prisioneros, y 300 volvieron a casa."),
    ],
)
def test_a_number_of_categories_counts_no_people(lang, text):
    """'по двум категориям' counts kinds of prisoners, not prisoners: only the 300 is a fact."""
    assert [f.value for f in annotate(text, lang=lang)._.facts] == [300]


def test_vague_figures_make_no_fact():
    doc = annotate("Thousands of prisoners were freed.")
    assert doc.spans["figures"]
    assert doc._.facts == []


def test_a_percent_that_is_not_torture_makes_no_fact():
    assert annotate("Some 40% of prisoners were freed.")._.facts == []


def test_anaphor_takes_the_measure_of_the_last_fact():
    doc = annotate("Russia has executed 60 prisoners. Of the 60 cases, 41 took place near the front.")
    assert [(f.measure, f.value) for f in doc._.facts] == [("executions", 60), ("executions", 60), ("executions", 41)]


def test_figure_date_follows_the_exchange_the_story_is_about():
    doc = annotate("On 6 May 2025 Ukraine freed 205 prisoners. Among them were 20 civilians who came home.")
    assert [f.date.start for f in doc._.facts] == ["2025-05-06", "2025-05-06"]


def test_match_then_set_annotations():
    nlp = build("en")
    builder = nlp.get_pipe("powfacts_facts")
    assert isinstance(builder, FactBuilder)
    doc = nlp.tokenizer.whole("Ukraine freed 12 prisoners.")
    doc._.published = dt.date(2025, 6, 4)
    for name in nlp.pipe_names[:-1]:
        doc = nlp.get_pipe(name)(doc)
    facts, rejected = found = builder.match(doc)
    assert [f.value for f in facts] == [12] and rejected == []
    assert dated(facts[0]) == {"start": "2025-06-04", "end": "2025-06-04", "text": None}
    builder.set_annotations(doc, found)
    assert doc._.facts is facts and doc._.rejected is rejected


def test_a_planned_transfer_takes_no_date_from_elsewhere():
    doc = annotate("On 6 May 2025 Ukraine freed 205 prisoners. Both sides agreed to swap another 500 each.", published=dt.date(2025, 5, 7))
    assert [(f.value, f.status, dated(f)) for f in doc._.facts] == [
        (205, "reported", {"start": "2025-05-06", "end": "2025-05-06", "text": "6 May 2025"}),
        (500, "planned", None),
    ]


def test_a_planned_transfer_keeps_a_date_of_its_own_sentence():
    (fact,) = annotate("Both sides agreed to swap 500 each on 9 May 2025.", published=dt.date(2025, 5, 7))._.facts
    assert (fact.status, fact.date.start) == ("planned", "2025-05-09")


def test_undated_counts_of_what_befell_captives_stand_as_of_the_document_date():
    doc = annotate("The mission verified 79 executions of prisoners. Some 95% reported torture.", published=dt.date(2025, 3, 4))
    assert [(f.measure, dated(f)) for f in doc._.facts] == [
        ("executions", {"start": None, "end": "2025-03-04", "text": None}),
        ("torture", {"start": None, "end": "2025-03-04", "text": None}),
    ]


def test_a_year_heading_places_the_months_of_the_paragraphs_under_it():
    text = "Four years of exchanges\n\n2023\n\nIn March, 130 soldiers came home.\n\n2024\n\nIn June, 90 prisoners were freed.\n\nWhat next\n\nIn May, 40 were freed."
    doc = annotate(text, published=dt.date(2026, 3, 1))
    assert [(f.value, f.date.start) for f in doc._.facts] == [(130, "2023-03"), (90, "2024-06"), (40, "2025-05")]


def test_a_numbered_section_that_opens_with_its_year_places_the_days_told_under_it():
    text = (
        "A review of four years\n\n3. 2023: long pauses\n\n3.1. On 8 January, 50 defenders came home.\n\n"
        "3.2. The next swap followed on 4 February: 116 were freed.\n\n4. 2024 рік: the UAE channel\n\n"
        "4.1. On 31 May, 75 soldiers were freed."
    )
    doc = annotate(text, published=dt.date(2026, 3, 11))
    assert [(f.value, f.date.start) for f in doc._.facts] == [(50, "2023-01-08"), (116, "2023-02-04"), (75, "2024-05-31")]


def test_a_range_written_with_an_en_dash_gives_its_first_and_last_day():
    doc = annotate("The swap was carried out on 14–16 August, and 600 soldiers came home.", published=dt.date(2025, 9, 1))
    assert [(f.value, f.date.start, f.date.end) for f in doc._.facts] == [(600, "2025-08-14", "2025-08-16")]


def test_a_line_that_opens_with_its_year_counts_its_figures_for_that_year():
    text = (
        "Returns by year\n\n2022 – 900 people came home, 120 of them civilians.\n\n"
        "2023. A slow year. Swaps were rare and 400 were freed in six exchanges.\n\n"
        "2024: 1,000 people returned."
    )
    doc = annotate(text, published=dt.date(2025, 2, 1))
    assert [(f.value, f.date.start, f.date.end, f.kind) for f in doc._.facts if f.measure == "released"] == [
        (900, "2022", "2022", "period_total"),
        (120, "2022", "2022", "period_total"),
        (400, "2023", "2023", "period_total"),
        (1000, "2024", "2024", "period_total"),
    ]


def test_a_live_blog_day_heading_is_the_day_its_today_counts_from():
    text = (
        "Live updates\n\nTuesday 12 August\n\n18:00\nSecond stage done\nOfficials say 140 soldiers came home today.\n\n"
        "Monday 11 August\n\n20:30\nFirst stage\nThe ministry says 150 prisoners were freed today.\n\n"
        "• Sunday, 10 August. Talks ended. The sides agreed to free 300 each."
    )
    doc = annotate(text, published=dt.date(2025, 8, 13))
    assert [(f.value, f.date and f.date.start) for f in doc._.facts if f.status == "reported"] == [
        (140, "2025-08-12"),
        (150, "2025-08-11"),
    ]


def test_a_bulleted_line_that_opens_with_its_day_dates_its_figures():
    text = "How the stages went:\n\n• Friday, 8 August. The first group crossed the border. 210 people came home.\n\n• Saturday, 9 August. Another 190 were freed."
    doc = annotate(text, published=dt.date(2025, 8, 20))
    assert [(f.value, f.date.start) for f in doc._.facts] == [(210, "2025-08-08"), (190, "2025-08-09")]


def test_the_day_a_deal_was_agreed_is_not_the_day_of_the_exchange():
    text = "The 600-for-600 swap agreed in Geneva on 2 June 2025 was carried out on 9 June. Later 40 more came home."
    doc = annotate(text, published=dt.date(2025, 6, 20))
    assert [(f.value, f.date.start) for f in doc._.facts if f.measure == "released"][:1] == [(600, "2025-06-09")]


def test_a_stretch_between_two_full_dates_gives_its_first_and_last_day():
    text = "Monitors recorded 40 executions of prisoners between 1 March 2023 and 31 May 2024."
    doc = annotate(text, published=dt.date(2024, 7, 1))
    assert [(f.value, f.date.start, f.date.end) for f in doc._.facts] == [(40, "2023-03-01", "2024-05-31")]
    doc = annotate("З 1 березня 2023 року по 31 травня 2024 року з полону повернули 900 людей.", published=dt.date(2024, 7, 1), lang="uk")
    assert [(f.value, f.date.start, f.date.end) for f in doc._.facts] == [(900, "2023-03-01", "2024-05-31")]


def test_a_figure_takes_the_side_the_documents_other_figures_of_its_measure_share():
    text = "Ukraine brought home 185 Ukrainian soldiers on Thursday. Of the 185 freed, 20 were civilians."
    doc = annotate(text, published=dt.date(2025, 10, 3))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(185, "UA"), (185, "UA"), (20, "UA")]


def test_a_per_side_figure_keeps_no_side():
    text = "Ukraine brought home 185 Ukrainian soldiers. The sides swapped 185 each."
    doc = annotate(text, published=dt.date(2025, 10, 3))
    assert [(f.value, f.per_side, f.nationality) for f in doc._.facts] == [(185, False, "UA"), (185, True, None)]


def test_every_date_says_where_it_came_from():
    """Its own text (with offsets and rule), the document's date, or the mention it was borrowed from."""
    from powfacts.api import extract_text

    text = (
        "KYIV, 6 May 2025 - Ukraine brought home 205 soldiers on Tuesday in a swap with Russia. "
        "Another 31 civilians were also returned. "
        "Some 8,000 Ukrainians remain in captivity."
    )
    by_value = {f.value: f.date for f in extract_text(text)}
    own, borrowed, document = by_value[205], by_value[31], by_value[8000]
    assert (own.basis, own.text, own.rule) == ("text", "Tuesday", "date.weekday")
    assert text[own.span.start:own.span.end] == "Tuesday"
    assert (borrowed.basis, borrowed.span) == ("borrowed", own.span)  # the day of the exchange the story continues
    assert (document.basis, document.span, document.end) == ("document", None, "2025-05-06")
def test_a_figure_takes_the_side_nearly_all_the_documents_other_figures_of_its_measure_share():
    # a review of one side's returns that names the other side's count once: the total is the first side's
    text = (
        "In March, 150 Ukrainian soldiers were freed. Moscow said 75 Russian soldiers were released in June. "
        "In May, 90 Ukrainians were released. In June, 60 Ukrainian captives were freed.\n\n"
        "By the end of the year 1,300 had been freed."
    )
    doc = annotate(text, published=dt.date(2025, 12, 30))
    assert [(f.value, f.nationality) for f in doc._.facts][-1] == (1300, "UA")
    assert "document.nationality-most" in doc._.facts[-1].rules


def test_a_figure_takes_no_side_when_the_documents_figures_are_split_between_the_sides():
    text = "In March, 150 Ukrainian soldiers were freed. Moscow said 75 Russian soldiers were released in March.\n\nBy the end of the year 1,300 had been freed."
    doc = annotate(text, published=dt.date(2025, 12, 30))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(150, "UA"), (75, "RU"), (1300, None)]


def test_where_the_document_is_split_between_the_sides_a_figure_takes_the_side_of_its_paragraph():
    # both sides' handovers are told, each in its own paragraph: the bare figure counts its paragraph's side
    text = (
        "Russia handed 1,000 Ukrainian bodies to Ukraine.\n\n"
        "Moscow got back 40 Russian bodies in return. Officials said a second batch of 25 bodies was handed over on Friday."
    )
    doc = annotate(text, published=dt.date(2025, 6, 20))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(1000, "UA"), (40, "RU"), (25, "RU")]
    assert "paragraph.nationality" in doc._.facts[-1].rules
    text = (
        "Россия передала Украине 909 тел украинских военных.\n\n"
        "Украина вернула России 41 тело российских военных. Еще 20 тел передали в пятницу."
    )
    doc = annotate(text, lang="ru", published=dt.date(2025, 4, 18))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(909, "UA"), (41, "RU"), (20, "RU")]


@pytest.mark.parametrize(("lang", "text", "value"), [
    ("uk", "18 квітня 2025 року Україна передала Росії 41 тіло загиблих військових.", 41),
    ("ru", "18 апреля 2025 года Москва получила 21 тело своих военных.", 21),
])
def test_a_number_ending_in_one_counts_bodies_in_the_singular(lang, text, value):
    """Ukrainian and Russian put the noun after 21, 41, 1001 in the singular ("41 тіло", "21 тело")."""
    assert [(f.value, f.measure) for f in annotate(text, lang=lang)._.facts] == [(value, "bodies_returned")]


@pytest.mark.parametrize(("lang", "text", "side"), [
    ("en", "On 14 August the sides swapped 84 each. Kyiv said 33 soldiers came home.", "UA"),
    ("en", "On 14 August the sides swapped 84 each. Moscow said 33 soldiers came home.", "RU"),
    ("ru", "14 августа стороны обменялись по 84 человека. По данным украинской стороны, домой вернулись 33 военных.", "UA"),
    ("ru", "14 августа стороны обменялись по 84 человека. По данным российской стороны, домой вернулись 33 военных.", "RU"),
    ("es", "El 14 de agosto las partes canjearon 84 por bando. Según Kiev, regresaron a casa 33 militares.", "UA"),
])
def test_home_is_the_side_the_sentence_says_gives_the_figure(lang, text, side):
    """'Kyiv said ... came home', 'по данным украинской стороны ... домой': no known body, but a side, speaks."""
    facts = annotate(text, lang=lang, published=dt.date(2025, 8, 20))._.facts
    assert [(f.value, f.nationality) for f in facts][-1] == (33, side)


def test_both_countries_named_together_count_both_sides_and_take_no_side_from_the_document():
    text = "В марте освободили 150 украинских военных. В мае освободили 90 украинцев. Москва и Киев освободили за год 700 человек."
    doc = annotate(text, lang="ru", published=dt.date(2025, 12, 30))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(150, "UA"), (90, "UA"), (700, None)]
    text = "In March, 150 Ukrainian soldiers were freed. In May, Russia and Ukraine freed 400 captives between them."
    doc = annotate(text, published=dt.date(2025, 12, 30))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(150, "UA"), (400, None)]


def test_a_side_that_says_it_got_its_own_people_back_counts_them():
    # the side is the subject, its verb comes after an aside or "said that", or "its own" follows the figure
    cases = [
        ("uk", "Україна отримала 900 тіл. Росія, за даними її міністерства, отримала 40 тіл.", (40, "RU")),
        ("uk", "Російська сторона заявила, що отримала 60 своїх військових.", (60, "RU")),
        ("ru", "Россия вернула из плена 60 своих военных.", (60, "RU")),
        ("ru", "Украина получила 900 тел; Россия, по словам чиновника, — 40.", (40, "RU")),
        ("en", "Moscow said it had received 60 prisoners of war back from captivity.", (60, "RU")),
        ("es", "Moscú anunció el regreso de 60 de sus soldados.", (60, "RU")),
    ]
    for lang, text, expected in cases:
        doc = annotate(text, lang=lang, published=dt.date(2025, 12, 30))
        assert (doc._.facts[-1].value, doc._.facts[-1].nationality) == expected, text


@pytest.mark.parametrize(("text", "side"), [
    ("Tras negociar con Rusia durante meses, Ucrania recuperó 60 de sus soldados.", "UA"),
    ("Tras negociar con Rusia durante meses Ucrania recuperó 60 de sus soldados.", "UA"),
    ("Después del canje con Rusia el lunes volvieron 60 de sus soldados.", None),
])
def test_de_sus_counts_the_subject_side_not_a_country_after_a_preposition(text, side):
    """'con Rusia', 'desde Moscú', 'a Rusia' name a partner or a place: 'de sus' is not theirs."""
    doc = annotate(text, lang="es", published=dt.date(2025, 12, 30))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(60, side)]


def test_figures_given_to_each_other_or_by_each_of_the_sides_are_per_side():
    cases = [
        ("ru", "Через день стороны обменялись еще по 60 военнопленных. Каждая из сторон освободит не менее 500 пленных."),
        ("uk", "Наступного дня сторони обмінялися ще по 60 полоненими. Кожна зі сторін звільнить щонайменше 500 полонених."),
    ]
    for lang, text in cases:
        doc = annotate(text, lang=lang, published=dt.date(2025, 12, 30))
        assert [(f.value, f.per_side, f.nationality) for f in doc._.facts] == [(60, True, None), (500, True, None)], text


@pytest.mark.parametrize(
    ("lang", "text", "values"),
    [
        ("uk", "Хроніка обмінів 2022 року.\n\n1 квітня — звільнено 86 військових.\n\n14 квітня — 30 людей: 22 військовослужбовці і 8 цивільних.\n",
         [86, 30, 22, 8]),
        ("en", "Swaps of 2023.\n\n6 January — 50 soldiers were freed.\n\n4 February — 116 defenders, among them fighters from Mariupol.\n",
         [50, 116]),
    ],
)
def test_an_item_of_a_dated_list_of_swaps_counts_what_the_items_before_it_counted(lang, text, values):
    doc = annotate(text, lang=lang, published=dt.date(2025, 12, 30))
    assert [(f.value, f.measure) for f in doc._.facts] == [(v, "released") for v in values]


def test_a_people_figure_in_a_dated_line_after_other_measures_is_no_release():
    text = "Losses of 2023.\n\n6 January — 40 bodies were returned to Ukraine.\n\n4 February — 116 soldiers, according to the ministry.\n"
    doc = annotate(text, lang="en", published=dt.date(2025, 12, 30))
    assert [(f.value, f.measure) for f in doc._.facts] == [(40, "bodies_returned")]


@pytest.mark.parametrize(
    ("lang", "text", "measure"),
    [
        ("ru", "Стороны договорились о передаче тел по формуле «6000 на 6000».", "bodies_returned"),
        ("uk", "Україна пропонувала обмін тілами у форматі «6000 на 6000».", "bodies_returned"),
        ("en", "The talks led to a 1,000 for 1,000 exchange framework, further swaps and the return of fallen soldiers' remains.", "released"),
    ],
)
def test_a_swap_formula_counts_bodies_only_beside_a_word_for_bodies(lang, text, measure):
    doc = annotate(text, lang=lang, published=dt.date(2025, 6, 20))
    assert [f.measure for f in doc._.facts][:1] == [measure]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("uk", "Омбудсман зафіксував 177 випадків страт українських військовополонених.", [(177, "executions", "UA")]),
        ("ru", "Омбудсмен зафиксировал 32 случая казни украинских военнопленных.", [(32, "executions", "UA")]),
        ("en", "The ombudsman recorded 177 cases of execution of Ukrainian prisoners of war.", [(177, "executions", "UA")]),
        ("es", "El defensor registró 177 casos de ejecución de prisioneros ucranianos.", [(177, "executions", "UA")]),
        ("ru", "Из плена вернулись 84 российских военных.", [(84, "released", "RU")]),
        ("uk", "З полону повернулися 84 українських військових.", [(84, "released", "UA")]),
    ],
)
def test_cases_of_execution_count_the_executed_and_a_sides_soldiers_are_its_people(lang, text, expected):
    doc = annotate(text, lang=lang, published=dt.date(2025, 6, 20))
    assert [(f.value, f.measure, f.nationality) for f in doc._.facts] == expected


def test_a_sides_military_body_names_no_ones_people():
    doc = annotate("Російська військова розвідка повідомила про 84 звільнених.", lang="uk", published=dt.date(2025, 6, 20))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(84, None)]


@pytest.mark.parametrize(
    ("lang", "text", "side"),
    [
        ("en", "Ukraine's Coordination Headquarters said 150 servicemen came home on 5 February 2026.", "UA"),
        ("en", "Russia's defence ministry said 150 servicemen came home on 5 February 2026.", "RU"),
        ("ru", "Минобороны России сообщило, что 5 февраля 2026 года домой вернулись 150 военных.", "RU"),
        ("ru", "Координационный штаб сообщил, что 5 февраля 2026 года домой вернулись 150 военных.", "UA"),
        ("es", "El Ministerio de Defensa de Rusia informó de que 150 militares regresaron a casa el 5 de febrero de 2026.", "RU"),
    ],
)
def test_home_is_the_side_of_the_body_that_says_so(lang, text, side):
    doc = annotate(text, lang=lang, published=dt.date(2026, 2, 6))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(150, side)]


def test_home_said_by_no_known_body_gives_way_to_a_named_side():
    doc = annotate("Officials said 150 Ukrainian servicemen came home on 5 February 2026.", lang="en", published=dt.date(2026, 2, 6))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(150, "UA")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Російська сторона того ж дня отримала від України 35 тіл своїх військових."),
        ("ru", "Российская сторона в тот же день получила от Украины 35 тел своих военных."),
    ],
)
def test_bodies_of_its_own_are_the_subject_sides(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2026, 2, 6))
    assert [(f.value, f.measure, f.nationality) for f in doc._.facts][-1] == (35, "bodies_returned", "RU")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Российская сторона передаст Украине шесть тысяч тел."),
        ("ru", "В ближайшие дни стороны обменяются пленными: по 1000 с каждой стороны."),
        ("ru", "Россия пообещала передать Украине 6000 тел."),
        ("uk", "Російська сторона передасть Україні шість тисяч тіл."),
        ("uk", "Росія запропонувала обміняти ще по 1200 полонених з кожного боку."),
        ("uk", "Україна хоче звільнити тисячу людей."),
    ],
)
def test_a_perfective_future_a_promise_or_a_wish_is_planned(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2025, 6, 20))
    assert [f.status for f in doc._.facts] == ["planned"]


@pytest.mark.parametrize(
    ("lang", "text", "status"),
    [
        ("en", "The previous exchange took place after talks in Abu Dhabi, when 157 captives from each side were swapped.", "reported"),
        ("en", "Under the deal reached in Geneva, 300 prisoners from each side will be exchanged.", "planned"),
        ("en", "Talks in Geneva covered a swap of 300 prisoners from each side.", "planned"),
        ("uk", "Після переговорів в Абу-Дабі Україна та Росія обміняли по 157 полонених.", "reported"),
        ("uk", "Сторони домовилися про повернення по 500 військових з кожного боку.", "planned"),
        ("ru", "Мединский сообщил, что на 5 и 6 марта согласован обмен в формате «500 на 500».", "planned"),
        ("ru", "Обмен «1000 на 1000», согласованный в Стамбуле, прошел с 23 по 25 мая.", "reported"),
        ("es", "El canje de 500 por 500 acordado en Ginebra se completó el viernes: regresaron 300 prisioneros.", "reported"),
    ],
)
def test_a_noun_of_talks_or_agreement_gives_way_to_a_done_transfer_beside_it(lang, text, status):
    doc = annotate(text, lang=lang, published=dt.date(2026, 3, 7))
    assert [f.status for f in doc._.facts][-1] == status


@pytest.mark.parametrize(
    "text",
    [
        "OHCHR recorded credible allegations of the execution of at least 32 Ukrainian POWs in 12 separate incidents.",
        "The mission documented the killing of 32 captured Ukrainian soldiers in 12 separate incidents.",
    ],
)
def test_a_cue_of_another_topic_holding_another_figure_speaks_for_that_figure_only(text):
    doc = annotate(text, lang="en", published=dt.date(2024, 10, 1))
    assert [(f.value, f.measure) for f in doc._.facts] == [(32, "executions")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "On 3 January, Ukraine said 230 of its citizens had come home: 213 soldiers and sergeants, 11 officers and six civilians.",
         [(230, "mixed"), (213, "pow"), (11, "pow"), (6, "civilian")]),
        ("en", "Lubinets said 6,422 people have been returned since the full-scale invasion, 409 of them civilians.",
         [(6422, "mixed"), (409, "civilian")]),
        ("uk", "Першим етапом додому повернулися 390 людей: 270 військовослужбовців і 120 цивільних.",
         [(390, "mixed"), (270, "pow"), (120, "civilian")]),
    ],
)
def test_a_total_split_into_soldiers_and_civilians_after_it_counts_both(lang, text, expected):
    doc = annotate(text, lang=lang, published=dt.date(2025, 6, 20))
    assert [(f.value, f.population) for f in doc._.facts if f.measure == "released"] == expected


def test_civilians_told_beside_a_swap_formula_come_on_top_of_it():
    doc = annotate("Обмен прошел по формуле «185 на 185», кроме того, вернулись еще 20 гражданских.", lang="ru", published=dt.date(2025, 6, 20))
    assert "population.total-of-parts" not in doc._.facts[0].rules


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Станом на 23 лютого 2026 року в Єдиному реєстрі осіб, зниклих безвісти за особливих обставин, понад 90 тисяч записів."),
        ("en", "As of 23 February 2026, more than 90,000 people were listed as missing in the register."),
    ],
)
def test_the_register_of_the_missing_counts_soldiers_and_civilians(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2026, 3, 1))
    assert [(f.measure, f.population) for f in doc._.facts] == [("missing", "mixed")]


def test_a_line_with_a_verb_after_its_people_is_no_item_of_a_list_of_swaps():
    text = "Swaps of 2023.\n\n5 June — 86 soldiers came home from captivity.\n\n6 June — 1,200 people joined a rally in Kyiv.\n"
    doc = annotate(text, lang="en", published=dt.date(2025, 12, 30))
    assert [(f.value, f.measure) for f in doc._.facts] == [(86, "released")]


@pytest.mark.parametrize(
    ("lang", "text", "measure"),
    [
        ("en", "The sides carried out a 1,000 for 1,000 swap and a return of bodies.", "released"),
        ("uk", "Сторони провели обмін за формулою «1000 на 1000» і передачу тіл загиблих.", "released"),
    ],
)
def test_a_swap_formula_nearer_a_word_for_people_or_swaps_counts_people(lang, text, measure):
    doc = annotate(text, lang=lang, published=dt.date(2025, 6, 20))
    assert [f.measure for f in doc._.facts][:1] == [measure]


def test_home_named_as_a_place_is_that_side_whoever_says_so():
    doc = annotate("Russia's defence ministry said it handed over 150 prisoners of war who came home to Ukraine.", lang="en", published=dt.date(2025, 6, 20))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(150, "UA")]


def test_de_sus_after_a_body_of_a_country_counts_that_country():
    doc = annotate("El presidente de Ucrania anunció el regreso de 84 de sus soldados.", lang="es", published=dt.date(2025, 6, 20))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(84, "UA")]


def test_the_cue_that_decides_a_status_is_cited():
    doc = annotate("The deal was signed, and 300 prisoners were exchanged on 2 June 2025.", lang="en", published=dt.date(2025, 6, 20))
    (fact,) = doc._.facts
    assert fact.status == "reported" and "status.done" in fact.rules and "status.agreement" not in fact.rules


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "El acuerdo permitiría la liberación de 1.200 ucranianos en poder de Rusia.", [(1200, "released")]),
        ("es", "Rusia mantiene a unos 8.000 ucranianos en su poder.", [(8000, "held")]),
    ],
)
def test_a_held_phrase_right_after_the_people_describes_them_when_another_verb_counts_them(lang, text, expected):
    doc = annotate(text, lang=lang, published=dt.date(2025, 11, 15))
    assert [(f.value, f.measure) for f in doc._.facts] == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Зеленський сказав, що Київ погодився б і на обмін «1000 на 1000»."),
        ("ru", "Киев согласился бы на обмен «1000 на 1000», заявил президент."),
    ],
)
def test_a_conditional_would_is_planned(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2026, 3, 5))
    assert [f.status for f in doc._.facts] == ["planned"]


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Минобороны России сообщило о возвращении 84 наших военнослужащих.", "RU"),
        ("Координационный штаб сообщил о возвращении 84 наших защитников.", "UA"),
        ("Минобороны России сообщило, что на родину вернулись 84 военных.", "RU"),
    ],
)
def test_our_people_and_the_homeland_in_russian_are_the_speakers_side(text, side):
    doc = annotate(text, lang="ru", published=dt.date(2025, 8, 20))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(84, side)]


def test_our_people_in_ukrainian_quoted_from_moscow_are_russians():
    doc = annotate("Міноборони Росії заявило про повернення 84 наших військових.", lang="uk", published=dt.date(2025, 8, 20))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(84, "RU")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "В июне Россия передала Украине 6060 тел, Украина — 78 тел российских военнослужащих."),
        ("uk", "У червні Росія передала Україні 6060 тіл, Україна — 78 тіл російських військових."),
    ],
)
def test_a_side_named_after_a_word_for_bodies_is_the_sides_dead(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2025, 8, 20))
    assert [(f.value, f.nationality) for f in doc._.facts][-1] == (78, "RU")


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("У березні 2022 року відбулося три обміни, завдяки яким повернулися 15 військових і 20 цивільних.", "UA"),
        ("Міноборони РФ заявило, що отримало 63 своїх військових.", "RU"),
        ("Загальна кількість повернених досягла 3035 осіб.", "UA"),
    ],
)
def test_in_ukrainian_news_those_who_came_back_are_ukraines_unless_a_side_is_named(text, side):
    doc = annotate(text, lang="uk", published=dt.date(2023, 2, 24))
    assert [f.nationality for f in doc._.facts if f.measure == "released"][:1] == [side]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Russia handed over 1,000 bodies to Ukraine and received 35."),
        ("ru", "Россия передала Украине 1000 тел погибших и получила 35."),
        ("uk", "Росія передала Україні 1000 тіл загиблих і отримала 35."),
        ("es", "Rusia entregó a Ucrania 1.000 cuerpos y recibió 35."),
        ("ru", "Киеву вернули 1000 тел в обмен на 35."),
        ("es", "Ucrania recuperó 1.000 cuerpos a cambio de 35."),
        ("ru", "В тот день российская сторона передала 1000 тел и получила 35."),
        ("ru", "В октябре Украине переданы 1000 тел при получении 35 тел."),
        ("uk", "Того дня російська сторона передала 1000 тіл і отримала 35."),
    ],
)
def test_a_figure_received_in_return_counts_the_other_side(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2025, 11, 20))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(1000, "UA"), (35, "RU")]
    assert "nationality.counterpart-" in " ".join(doc._.facts[1].rules)


def test_a_cue_of_return_after_a_figure_says_nothing_of_it():
    text = "Russia released 230 Ukrainians, 224 soldiers and six civilians, and received 248 of its own troops."
    doc = annotate(text, published=dt.date(2024, 1, 3))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(230, "UA"), (224, "UA"), (6, "UA"), (248, "RU")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("uk", "— Почнімо з останнього обміну.\n— Президент говорив про 185 військових і 20 цивільних."),
        ("en", "Let us start with the last exchange. The president spoke of 185 soldiers and 20 civilians."),
    ],
)
def test_figures_of_people_alone_continue_the_transfer_of_the_sentence_before(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2025, 10, 29))
    assert [(f.value, f.measure) for f in doc._.facts] == [(185, "released"), (20, "released")]


def test_figures_of_people_alone_after_a_sentence_of_no_transfer_make_no_fact():
    doc = annotate("The weather was cold. The president spoke of 185 soldiers and 20 civilians.", published=dt.date(2025, 10, 29))
    assert doc._.facts == []


def test_an_uneven_swap_formula_is_two_counts_not_one_for_each_side():
    doc = annotate("Обмены телами стали ежемесячными:\n— 17 июля: 1000 на 19;", lang="ru", published=dt.date(2026, 2, 26))
    assert [(f.value, f.measure, f.per_side) for f in doc._.facts] == [(1000, "bodies_returned", False), (19, "bodies_returned", False)]
    even = annotate("Военные вернулись домой: 20 ноября — 100 на 100.", lang="ru", published=dt.date(2026, 2, 26))
    assert [(f.value, f.per_side) for f in even._.facts] == [(100, True)]


def test_the_second_number_of_an_uneven_swap_formula_counts_the_other_side():
    doc = annotate("Россия передала Украине тела: 17 июля — 1000 на 19.", lang="ru", published=dt.date(2026, 2, 26))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(1000, "UA"), (19, "RU")]
    assert "document.nationality-other-side" in doc._.facts[1].rules


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The mission reported a rise in executions of captured Ukrainian soldiers. Since August it has recorded 79 executions."),
        ("ru", "Миссия сообщила о росте числа казней украинских военнослужащих. С конца августа она получила сведения о 79 казнях."),
        ("uk", "Місія повідомила про зростання кількості страт українських військових. З кінця серпня вона отримала відомості про 79 страт."),
    ],
)
def test_a_figure_whose_sentence_names_no_side_takes_the_one_side_of_the_sentence_before(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2025, 2, 3))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(79, "UA")]
    assert "document.nationality-sentence-before" in doc._.facts[0].rules


def test_a_sentence_before_that_names_both_sides_or_stands_in_another_paragraph_gives_no_side():
    both = annotate("Ukrainian and Russian officials met again. Since August the mission has recorded 79 executions.", published=dt.date(2025, 2, 3))
    apart = annotate("Executions of captured Ukrainian soldiers are rising.\n\nSince August the mission has recorded 79 executions.", published=dt.date(2025, 2, 3))
    assert [(f.value, f.nationality) for f in both._.facts + apart._.facts] == [(79, None), (79, None)]


@pytest.mark.parametrize(
    "lang, text, ordinal",
    [
        ("en", "The previous swap, on April 19, was the 63rd since the full-scale invasion.", "63rd"),
        ("uk", "Україна провела черговий обмін полоненими — уже 69-й від початку повномасштабного вторгнення.", "69-й"),
        ("ru", "Сегодняшний обмен называют 59-м по счёту.", "59-м"),
        ("es", "Es el 65º desde el comienzo de la invasión.", "65º"),
    ],
)
def test_an_ordinal_standing_alone_before_since_the_start_counts_exchanges(lang, text, ordinal):
    doc = annotate(text, lang=lang, published=dt.date(2025, 5, 30))
    assert [(f.figure.text, f.measure) for f in doc._.facts] == [(ordinal, "exchanges")]


def test_an_ordinal_with_a_noun_of_its_own_before_since_counts_no_exchange():
    doc = annotate("Kyiv reported the 5th attack since the start of the war.", published=dt.date(2025, 5, 30))
    assert doc._.facts == []


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("uk", "Російська сторона, за повідомленням свого міністерства оборони, отримала сьогодні 300 військовослужбовців.", [(300, "RU")]),
        ("ru", "Россия в ходе обменов вернула из плена 2466 военнослужащих.", [(2466, "RU")]),
        ("es", "Ucrania recibió a 230 personas, mientras que Rusia afirmó haber recuperado a 248 soldados.", [(230, "UA"), (248, "RU")]),
        ("en", "Ukraine said it received 6,057 bodies in total; Russia reported getting 78.", [(6057, "UA"), (78, "RU")]),
        ("en", "- Russia: 300 servicemen returned home, 300 Ukrainians handed over.", [(300, "RU"), (300, "UA")]),
    ],
)
def test_a_side_as_the_subject_of_its_verb_of_getting_counts_what_follows(lang, text, expected):
    doc = annotate(text, lang=lang, published=dt.date(2025, 6, 30))
    assert [(f.value, f.nationality) for f in doc._.facts] == expected


def test_a_subject_of_getting_after_a_figure_says_nothing_of_it():
    text = "Kiev ha recibido este domingo a otros 303 militares; Moscú asegura que ha recuperado el mismo número de soldados."
    doc = annotate(text, lang="es", published=dt.date(2025, 5, 25))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(303, "UA")]


def test_a_side_after_and_is_no_subject_of_the_verb_that_follows():
    doc = annotate("Russia returned 909 bodies to Ukraine and received 34.", published=dt.date(2025, 6, 10))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(909, "UA"), (34, "RU")]


def test_people_a_side_received_are_released_but_its_dead_are_no_people():
    doc = annotate("Russia's defence ministry said it had received 110 Russian citizens.", published=dt.date(2022, 10, 18))
    assert [(f.value, f.measure) for f in doc._.facts] == [(110, "released")]
    dead = annotate("Russia handed over 1,000 bodies and received 78 of its own dead in return.", published=dt.date(2025, 6, 20))
    assert [(f.value, f.measure) for f in dead._.facts] == [(1000, "bodies_returned"), (78, "bodies_returned")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("ru", "Минобороны заявило, что в колонии погибли 40 украинских военнопленных."),
        ("uk", "У колонії тоді загинули 40 українських військовополонених."),
    ],
)
def test_prisoners_of_war_who_perished_are_deaths_in_custody(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2022, 7, 29))
    assert [(f.value, f.measure) for f in doc._.facts] == [(40, "deaths_in_custody")]


def test_a_total_told_elsewhere_as_soldiers_and_civilians_counts_both_where_it_is_repeated():
    text = (
        "On Monday 189 Ukrainians came home: 187 soldiers and two civilians.\n\n"
        "The governor said the 189 freed would be treated in Chernihiv. Moscow said it got back 150 of its servicemen."
    )
    doc = annotate(text, published=dt.date(2024, 12, 30))
    populations = [(f.value, f.population) for f in doc._.facts if f.value == 189]
    assert populations == [(189, "mixed"), (189, "mixed")]
    assert "document.population-same-figure" in [f for f in doc._.facts if f.value == 189][1].rules


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Додому вдалося повернути 75 людей – військових Збройних сил, нацгвардійців, прикордонників, а також чотирьох цивільних.", [(75, "mixed"), (4, "civilian")]),
        ("Того дня додому приїхали 157 наших громадян. З них 150 — військові, семеро — цивільні.", [(157, "mixed"), (150, "pow"), (7, "civilian")]),
    ],
)
def test_a_list_of_soldiers_after_a_dash_ending_in_civilians_makes_its_total_mixed(text, expected):
    doc = annotate(text, lang="uk", published=dt.date(2024, 5, 31))
    assert [(f.value, f.population) for f in doc._.facts] == expected


def test_a_cue_that_holds_another_figure_gives_way_to_a_figures_own_cue_about_as_near():
    doc = annotate("Of those abducted, 638 had been freed and 474 were still held.", published=dt.date(2023, 12, 19))
    assert [(f.value, f.measure) for f in doc._.facts] == [(638, "released"), (474, "held")]
    shared = annotate("Moscow gave back 31 wounded Ukrainians and received 15 wounded Russians in return.", published=dt.date(2025, 4, 19))
    assert [(f.value, f.measure) for f in shared._.facts] == [(31, "released"), (15, "released")]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("uk", "Міноборони РФ повідомило, що з підконтрольної Києву території повернули 94 військових.", [(94, "RU")]),
        ("ru", "Россия вернула с подконтрольной Киеву территории 300 военнослужащих.", [(300, "RU")]),
        ("en", "The ministry said it had brought back from territory controlled by the Kyiv regime 60 servicemen.", [(60, "RU")]),
        ("es", "Fueron devueltos desde el territorio controlado por el régimen de Kiev 90 militares.", [(90, "RU")]),
    ],
)
def test_returned_from_the_territory_kyiv_controls_counts_russians(lang, text, expected):
    doc = annotate(text, lang=lang, published=dt.date(2023, 3, 7))
    assert [(f.value, f.nationality) for f in doc._.facts] == expected


def test_as_many_going_each_way_is_a_per_side_release_and_bodies_each_way_stay_bodies():
    doc = annotate("The exchange took three days.\n- Friday, May 23: 390 each way.\n- Sunday, May 25: 303 prisoners going each way.", published=dt.date(2025, 5, 30))
    assert [(f.value, f.measure, f.per_side) for f in doc._.facts] == [(390, "released", True), (303, "released", True)]
    bodies = annotate("The delegations agreed to return 6,000 bodies each way.", published=dt.date(2025, 6, 3))
    assert [(f.value, f.measure) for f in bodies._.facts] == [(6000, "bodies_returned")]


@pytest.mark.parametrize(
    "text",
    ["В МИД России сообщили, что на 6 марта намечен обмен по формуле «300 на 300».", "Россия предложила обменять еще по 1200 военнопленных."],
)
def test_a_swap_scheduled_or_proposed_in_russian_is_planned(text):
    doc = annotate(text, lang="ru", published=dt.date(2026, 3, 5))
    assert [f.status for f in doc._.facts] == ["planned"]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("uk", "Станом на 23 лютого до Єдиного реєстру осіб, зниклих безвісти за особливих обставин, було внесено понад 90 тисяч людей."),
        ("ru", "По данным уполномоченного, более 90 тысяч человек числятся пропавшими без вести при особых обстоятельствах."),
        ("en", "More than 70,000 people are registered as missing under special circumstances, the commissioner said."),
        ("es", "Más de 70.000 personas figuran como desaparecidas en circunstancias especiales, según el comisionado."),
    ],
)
def test_the_register_of_people_missing_under_special_circumstances_counts_ukrainians(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2026, 2, 26))
    assert [(f.measure, f.nationality) for f in doc._.facts] == [("missing", "UA")]


@pytest.mark.parametrize(
    "text, side",
    [
        ("Ukraine's Coordination Headquarters said 38 exchanges had freed 1,863 people since the invasion began.", "UA"),
        ("Russia's defence ministry said 90 servicemen had been released.", "RU"),
    ],
)
def test_a_figure_of_returns_given_by_one_sides_body_counts_that_sides_people(text, side):
    doc = annotate(text, published=dt.date(2023, 3, 7))
    released = [f for f in doc._.facts if f.measure == "released"]
    assert [f.nationality for f in released] == [side]
    assert "document.nationality-speaker" in released[0].rules


@pytest.mark.parametrize(
    "lang, text, side",
    [
        ("en", "Ukraine's Coordination Headquarters said on Monday that 7,200 servicemen were listed as missing.", "UA"),
        ("uk", "Лубінець повідомив, що зниклими безвісти вважаються 7200 військових.", "UA"),
        ("ru", "Москалькова сообщила, что пропавшими без вести числятся 2000 военнослужащих.", "RU"),
    ],
)
def test_a_count_of_the_missing_given_by_one_sides_body_counts_that_sides_people(lang, text, side):
    doc = annotate(text, lang=lang, published=dt.date(2025, 7, 7))
    missing = [f for f in doc._.facts if f.measure == "missing"]
    assert [f.nationality for f in missing] == [side]
    assert "document.nationality-speaker" in missing[0].rules


def test_a_figure_of_returns_given_by_no_known_body_takes_no_side_from_a_speaker():
    doc = annotate("Officials said 90 servicemen had been released.", published=dt.date(2023, 3, 7))
    assert [f.nationality for f in doc._.facts] == [None]


@pytest.mark.parametrize(
    ("lang", "text", "side"),
    [
        ("uk", "ООН задокументувала 96 страт українських полонених.", "UA"),
        ("ru", "ООН задокументировала 96 казней российских пленных.", "RU"),
        ("uk", "Місія підтвердила вбивство 14 українських військовополонених російськими силами.", "UA"),
        ("ru", "Миссия подтвердила убийство 14 украинских военнопленных российскими военными.", "UA"),
        ("uk", "Про катування розповіли 92% цивільних, затриманих Росією.", "UA"),
        ("ru", "О пытках рассказали 92% гражданских, задержанных Россией.", "UA"),
        ("uk", "Місія зафіксувала 26 страт полонених, вчинених українськими військовими.", "RU"),
        ("uk", "З українського полону повернулися 84 військових.", "RU"),
    ],
)
def test_whose_people_prisoners_of_a_side_held_or_killed_by_the_other_are(lang, text, side):
    """'українських полонених' are Ukraine's prisoners, 'українського полону' is Ukraine's captivity; a side that holds
    or kills names the other side's people, and the adjective beside the figure wins over a side named after its noun."""
    doc = annotate(text, lang=lang, published=dt.date(2025, 6, 20))
    assert [f.nationality for f in doc._.facts] == [side]


@pytest.mark.parametrize(
    ("lang", "text", "sides"),
    [
        ("en", "Russia handed over 1,000 bodies of Ukrainian soldiers and received 19 in return.", [(1000, "UA"), (19, "RU")]),
        ("en", "On 23 October Ukraine received 1,000 bodies and Russia 31.", [(1000, "UA"), (31, "RU")]),
        ("uk", "Цього року Москва передала понад 9 тисяч тіл, а отримала від України 143.", [(9000, "UA"), (143, "RU")]),
        ("ru", "Украине были переданы тела 1000 погибших военнослужащих ВСУ, российской стороне - тела 35 погибших.", [(1000, "UA"), (35, "RU")]),
        ("uk", "Мединський написав, що російській стороні сьогодні віддали 19 тіл.", [(19, "RU")]),
        ("uk", "За даними двох сторін, Україна сьогодні отримала 140 людей, Росія — 82.", [(140, "UA"), (82, "RU")]),
    ],
)
def test_whose_people_a_side_receives_or_is_handed(lang, text, sides):
    """What is received in return, received from the other side, handed to a side ('російській стороні') or told after
    a side's name with the verb left out ('and Russia 31') is that side's people."""
    doc = annotate(text, lang=lang, published=dt.date(2025, 12, 20))
    assert [(f.value, f.nationality) for f in doc._.facts] == sides


@pytest.mark.parametrize(
    ("lang", "text", "side"),
    [
        ("uk", "Російське міністерство оборони заявило, що отримало назад 248 своїх військовослужбовців.", "RU"),
        ("es", "El Ministerio de Defensa ruso informó de que recuperó a 185 de sus soldados.", "RU"),
        ("ru", "Координационный штаб сообщил, что удалось вернуть 95 своих военных.", "UA"),
        ("uk", "У звіті йдеться, що сторона повернула 95 своїх військових.", None),
    ],
)
def test_their_own_people_are_the_side_of_the_body_that_says_so(lang, text, side):
    """'своїх військовослужбовців' said by Moscow's ministry are Russians, by Kyiv's headquarters Ukrainians; said by
    no known body they name no side."""
    doc = annotate(text, lang=lang, published=dt.date(2025, 12, 20))
    assert [f.nationality for f in doc._.facts] == [side]


@pytest.mark.parametrize(
    ("lang", "text", "sides"),
    [
        ("ru", "В июле, августе и сентябре российская сторона получала соответственно 19, 19 и 24 тела.", ["RU", "RU", "RU"]),
        ("uk", "У липні та серпні українська сторона отримувала по 1000 тіл.", ["UA"]),
    ],
)
def test_a_side_named_with_its_adjective_gets_what_follows_it(lang, text, sides):
    """'российская сторона получала 19, 19 и 24 тела': the side as subject of its verb of getting, in any tense."""
    doc = annotate(text, lang=lang, published=dt.date(2025, 12, 20))
    assert [f.nationality for f in doc._.facts] == sides


@pytest.mark.parametrize(
    ("text", "side"),
    [("Each side released 146 prisoners. Kyiv also recovered eight civilians that day.", "UA"), ("On Thursday Russia recovered 20 civilians.", "RU")],
)
def test_a_side_that_recovers_people_gets_its_own(text, side):
    doc = annotate(text, lang="en", published=dt.date(2025, 8, 25))
    assert [f.nationality for f in doc._.facts if f.value in (8, 20)] == [side]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Москалькова сообщила, что на Украине до сих пор находятся 13 курян."),
        ("uk", "За словами Москалькової, в Україні досі перебувають 13 курян."),
    ],
)
def test_people_named_by_a_russian_border_region_are_russias(lang, text):
    """'13 курян' (people of Kursk region) are Russia's people, as 'жители Курской области' are."""
    doc = annotate(text, lang=lang, published=dt.date(2025, 10, 3))
    assert [(f.value, f.measure, f.nationality) for f in doc._.facts] == [(13, "held", "RU")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Kyiv said 189 Ukrainians came home. The UAE said the total number of prisoners exchanged through its mediation had reached 2,484."),
        ("uk", "Київ повідомив про 189 українців, що повернулися додому. Загальна кількість людей, обміняних за посередництва ОАЕ, сягнула 2484."),
        ("ru", "Киев сообщил о 189 украинцах, вернувшихся домой. Общее число пленных, обменянных при посредничестве ОАЭ, достигло 2484."),
        ("es", "Kiev informó de 189 ucranianos que volvieron a casa. El total de prisioneros intercambiados con su mediación llegó a 2.484."),
    ],
)
def test_a_mediators_count_of_those_exchanged_through_it_counts_both_sides(lang, text):
    """'exchanged through its mediation': the mediator adds up both sides, so the count takes no side, not even the
    one of the document's other figures."""
    doc = annotate(text, lang=lang, published=dt.date(2024, 12, 31))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(189, "UA"), (2484, None)]


def test_those_who_came_back_to_russia_are_russias_in_ukrainian_news():
    """'до Росії повернулися 261': came back, but to Russia; in Ukrainian news those who came back are otherwise Ukraine's."""
    doc = annotate("За російською версією, до Росії повернулися 261 військовий.", lang="uk", published=dt.date(2025, 4, 19))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(261, "RU")]


@pytest.mark.parametrize(
    ("lang", "text", "side"),
    [
        ("uk", "Росії, за даними російської сторони, передано 246 військовополонених.", "RU"),
        ("ru", "Украине, по данным российской стороны, передано 246 военнопленных.", "UA"),
    ],
)
def test_a_sides_body_between_a_side_and_its_figure_leaves_the_figure_to_that_side(lang, text, side):
    """'за даними російської сторони' names no one's people, and does not hide the side the sentence hands them to."""
    doc = annotate(text, lang=lang, published=dt.date(2025, 4, 19))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(246, side)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "За два дні — 500 захисників удома."),
        ("ru", "За два дня 500 защитников дома."),
    ],
)
def test_people_said_to_be_home_are_released(lang, text):
    """'500 захисників удома', as an ombudsman's post writes it: people home are people released."""
    doc = annotate(text, lang=lang, published=dt.date(2026, 3, 6))
    assert [(f.value, f.measure) for f in doc._.facts] == [(500, "released")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "У 2024 році з полону повернули 1358 людей. Того ж року до Офісу надійшло понад 12 тисяч звернень. Майже 3 тисячі з них стосувалися військовополонених."),
        ("ru", "В 2024 году из плена вернули 1358 человек. За тот же год в офис пришло более 12 тысяч писем. Почти 3 тысячи из них касались военнопленных."),
    ],
)
def test_of_them_after_a_figure_that_counts_nothing_recorded_counts_that_figures_things(lang, text):
    """"з них" refers to the figure just before (letters), not to the last fact (people freed)."""
    assert [f.value for f in annotate(text, lang=lang)._.facts] == [1358]


def test_of_them_right_after_a_fact_still_counts_its_people():
    assert [(f.value, f.population) for f in annotate("У 2024 році з полону повернули 1358 людей. Серед них 200 цивільних.", lang="uk")._.facts] == [
        (1358, "mixed"), (200, "civilian"),
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Хроника\n\n21 сентября — 215 украинцев вернулись домой.\n17 октября — 108 женщин; Минобороны РФ сообщило о возвращении 110 своих военнослужащих."),
        ("uk", "Хроніка\n\n21 вересня — 215 українців повернулися додому.\n17 жовтня — 108 жінок; Міноборони РФ повідомило про повернення 110 своїх військовослужбовців."),
        ("en", "Timeline\n\n21 September: 215 Ukrainians came home.\n17 October: 108 women; Russia's defence ministry reported the return of 110 of its servicemen."),
    ],
)
def test_the_side_and_the_speaker_of_the_next_clause_are_not_a_figures_own(lang, text):
    """A semicolon ends what a side or a speaker reaches: Moscow's "110 of its own" does not make the 108 Russians."""
    sides = {f.value: f.nationality for f in annotate(text, lang=lang, published=dt.date(2022, 10, 18))._.facts}
    assert sides[110] == "RU" and sides[108] != "RU"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Зниклі\n\nРеєстр осіб, зниклих безвісти за особливих обставин:\n3 лютого 2025 — 62 948\n2 травня 2025 — понад 70 тис.\n"),
        ("ru", "Пропавшие\n\nРеестр лиц, пропавших без вести при особых обстоятельствах:\n3 февраля 2025 — 62 948\n2 мая 2025 — более 70 тыс.\n"),
        ("en", "Missing\n\nPeople listed as missing under special circumstances:\n3 February 2025 — 62,948\n2 May 2025 — over 70,000\n"),
    ],
)
def test_a_bare_figure_in_a_list_counts_what_the_lead_above_it_names(lang, text):
    facts = annotate(text, lang=lang, published=dt.date(2025, 6, 1))._.facts
    assert [(f.value, f.measure, f.date.end) for f in facts] == [(62948, "missing", "2025-02-03"), (70000, "missing", "2025-05-02")]


def test_a_list_may_stand_one_blank_line_under_its_lead():
    text = "Missing\n\nPeople listed as missing under special circumstances:\n\n3 February 2025 — 62,948\n"
    assert [(f.value, f.measure) for f in annotate(text, published=dt.date(2025, 6, 1))._.facts] == [(62948, "missing")]


def test_a_bare_figure_under_prose_counts_nothing():
    text = "Missing\n\nPeople listed as missing under special circumstances were counted again.\n3 February 2025 — 62,948\n"
    assert annotate(text, published=dt.date(2025, 6, 1))._.facts == []


def test_the_number_of_a_paragraph_under_a_lead_is_no_figure():
    text = ("Resolution\n\n15. Based on the exchanges of prisoners of war, the Assembly calls on all States to:\n\n"
            "15.1. support negotiations on the release of prisoners;\n15.2. press for access to every place of detention.\n")
    assert annotate(text, published=dt.date(2025, 6, 1))._.facts == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ru", "Новости\n\n«Черговий, 69-й обмін. Загальна цифра — це 185 наших оборонців, повертаються також 20 цивільних», — пояснил журналистам спикер штаба.",
         [(69, "exchanges"), (185, "released"), (20, "released")]),
        ("uk", "Новини\n\n«Освобождены 185 российских военнослужащих», — заявили в Міноборони РФ.", [(185, "released")]),
    ],
)
def test_a_quote_in_the_other_language_is_read(lang, text, expected):
    """Ukrainian outlets' Russian pages quote Ukrainian officials word for word, and the other way round."""
    assert [(f.value, f.measure) for f in annotate(text, lang=lang, published=dt.date(2025, 10, 2))._.facts] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("On Friday, 23 May 2025, 390 Ukrainians crossed back.", [(390, "released")]),
    ("On 18 October 2024 the 95 Russian soldiers crossed the other way.", [(95, "released")]),
    ("On 2 June 2025 the first group, soldiers under 25, crossed back.", []),
    ("Russian troops crossed into the Kursk region on 6 August 2024 with 1,000 soldiers.", []),
])
def test_people_of_a_swap_crossing_back_or_the_other_way_are_released(text, expected):
    """'390 Ukrainians crossed back', 'the 95 who crossed the other way'; an age limit ('soldiers under 25') counts no one,
    and crossing into a region is no release."""
    assert [(f.value, f.measure) for f in annotate(text)._.facts] == expected


@pytest.mark.parametrize(("lang", "text", "measure"), [
    ("uk", "Станом на кінець 2025 року 337 українських військовополонених були жорстоко страчені.", "executions"),
    ("uk", "У 2024 році 92% звільнених розповіли про жорстоке поводження.", "torture"),
    ("ru", "По состоянию на конец 2025 года 337 украинских военнопленных были жестоко казнены.", "executions"),
    ("ru", "В 2024 году 92% освобожденных рассказали, что с ними жестоко обращались.", "torture"),
])
def test_cruelly_says_torture_only_of_treatment(lang, text, measure):
    """'жорстоко страчені' (brutally executed) counts executions; 'жорстоке поводження', 'жестоко обращались' torture."""
    assert [f.measure for f in annotate(text, lang=lang)._.facts] == [measure]


@pytest.mark.parametrize(("lang", "text"), [
    ("uk", "2 жовтня 2025 року з полону повернулися 185 захисників. Наймолодшому звільненому захиснику 26 років, найстаршому — 59."),
    ("ru", "2 октября 2025 года из плена вернулись 185 военных. Самому молодому из освобожденных 23 года, самому старшему — 63."),
])
def test_the_age_of_the_oldest_freed_after_a_dash_counts_no_one(lang, text):
    """'найстаршому — 59', 'самому старшему — 63': an age, not a figure of people."""
    assert [f.value for f in annotate(text, lang=lang)._.facts] == [185]


@pytest.mark.parametrize(
    "lang, text, ordinal",
    [
        ("en", "Kyiv said 150 soldiers came home. It called the swap the 71st, and the ombudsman called it the 71st too.", ["71st", "71st"]),
        ("uk", "Обмін відбувся в четвер. Бюро називає його 59-м, а штаб назвав цей обмін 59-м ще вранці.", ["59-м", "59-м"]),
        ("ru", "Обмен прошёл в четверг. Бюро называет его 59-м, а штаб назвал этот обмен 59-м ещё утром.", ["59-м", "59-м"]),
        ("uk", "Обмін відбувся в четвер. Він став 59-м за ліком.", ["59-м"]),
    ],
)
def test_an_exchange_named_before_and_then_numbered_counts_exchanges(lang, text, ordinal):
    """'called the swap the 71st', 'називає його 59-м', 'називает его 59-м', '59-м за ліком'."""
    doc = annotate(text, lang=lang, published=dt.date(2025, 5, 30))
    assert [f.figure.text for f in doc._.facts if f.measure == "exchanges"] == ordinal


def test_calling_a_swap_by_its_number_is_no_plan_and_calling_for_one_is():
    doc = annotate("It called the swap the 71st. The ombudsman called for the release of 500 more.", published=dt.date(2026, 2, 6))
    assert [(f.figure.text, f.status) for f in doc._.facts] == [("71st", "reported"), ("500", "planned")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("uk", "У штабі назвали цей обмін одним із найбільших та другим за рік."),
        ("ru", "В штабе назвали этот обмен одним из крупнейших и вторым за год."),
        ("uk", "Серед звільнених — один із командирів, а в одній із груп були медики."),
    ],
)
def test_one_of_in_any_case_counts_nobody(lang, text):
    """'одним із найбільших', 'однією з', 'в одній із груп': one of many, in every case of the word, is no count."""
    assert annotate(text, lang=lang, published=dt.date(2024, 12, 30))._.facts == []


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        # a side cue after another figure of its clause is that figure's when a cue follows this one
        ("uk", "20 листопада — 1000 тіл для України, 30 — для Росії.", [(1000, "UA"), (30, "RU")]),
        ("ru", "20 ноября — 1000 тел для Украины, 30 — для России.", [(1000, "UA"), (30, "RU")]),
        # else a part after a comma is of the total's side
        ("en", "Moscow said it received 110 Russian citizens, including 72 civilian sailors, and two Ukrainian women stayed.",
         [(110, "RU"), (72, "RU"), (2, "UA")]),
        # the subject of the next clause after a comma is no side of the figure before it
        ("ru", "Киеву было передано 1000 тел, российская сторона получила 24.", [(1000, "UA"), (24, "RU")]),
        # where people are held, not whom they were given to
        ("ru", "В российском плену находятся 6465 украинских военнослужащих, а на Украине — 1348 российских.", [(6465, "UA"), (1348, "RU")]),
        ("uk", "В Україні утримують понад 4000 росіян, а в Росії — близько 7000 військових.", [(4000, "RU"), (7000, "UA")]),
    ],
)
def test_each_figure_of_a_pair_takes_the_side_of_its_own_clause(lang, text, expected):
    doc = annotate(text, lang=lang, published=dt.date(2025, 12, 2))
    assert [(f.value, f.nationality) for f in doc._.facts] == expected


@pytest.mark.parametrize(
    "lang, text",
    [
        # telephone numbers
        ("uk", "Учора з полону повернулися 84 військових; про звільнених можна дізнатися за номером 0 800 300 529 або +38 (044) 390-43-10."),
        ("ru", "Вчера из плена вернулись 84 военных; об освобожденных можно узнать по номеру 067 650 83 32 или 0 800 300 529."),
        ("en", "On Thursday 84 soldiers were freed; relatives of those released can call 0 800 300 529 or +38 (044) 287-81-65."),
        ("es", "El jueves fueron liberados 84 soldados; las familias de los liberados pueden llamar al 0 800 300 529 o al +38 (044) 287-81-65."),
        # "each other"
        ("uk", "У Стамбулі сторони погодилися передати одна одній умови перемир'я. Того ж дня з полону повернулися 84 військових."),
        ("ru", "Стороны договорились передать один другому списки пленных. В тот же день из плена вернулись 84 военных."),
        # a footnote's mark opening its note
        ("en", "On Thursday 84 soldiers were freed.\n\n[7] Statement of the Coordination Headquarters on the swap, August 2025."),
        ("uk", "У четвер із полону звільнили 84 військових.\n\n[7] Заява Координаційного штабу про обмін, серпень 2025 року."),
    ],
)
def test_a_telephone_number_each_other_and_a_footnotes_mark_are_no_figures(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2025, 8, 15))
    assert [f.value for f in doc._.facts] == [84]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Russia and Ukraine swap 157 prisoners each after US-brokered talks in Abu Dhabi"),
        ("es", "5 de febrero: 157 por 157 tras las conversaciones de Abu Dabi, primer canje del año."),
        ("uk", "5 лютого: 157 на 157 після переговорів в Абу-Дабі, перший обмін цього року."),
        ("ru", "5 февраля: 157 на 157 после переговоров в Абу-Даби, первый обмен в этом году."),
    ],
)
def test_a_swap_told_after_the_talks_that_led_to_it_is_reported(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2026, 2, 6))
    assert [(f.value, f.status) for f in doc._.facts if f.measure == "released"] == [(157, "reported")]


@pytest.mark.parametrize(
    "lang, text, value",
    [
        ("en", "In June 2022 Moscow put the number of Ukrainian prisoners at more than 6,000.", 6000),
        ("uk", "У червні 2022 року Москва оцінювала кількість українських полонених у понад 6 тисяч.", 6000),
        ("ru", "В июне 2022 года Москва оценивала число украинских пленных в более чем 6 тысяч.", 6000),
        ("es", "En junio de 2022 Moscú cifró el número de prisioneros ucranianos en más de 6.000.", 6000),
    ],
)
def test_the_number_of_prisoners_put_at_a_figure_counts_captives(lang, text, value):
    doc = annotate(text, lang=lang, published=dt.date(2025, 3, 20))
    assert [(f.measure, f.value) for f in doc._.facts] == [("held", value)]


def test_the_number_of_prisoners_released_counts_releases_not_captives():
    doc = annotate("The number of prisoners released since 2022 reached 6,000.", published=dt.date(2025, 3, 20))
    assert [(f.measure, f.value) for f in doc._.facts] == [("released", 6000)]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("ru", "В ходе последней передачи Россия вернула Украине 1000 тел и приняла 38 тел своих бойцов."),
        ("uk", "Під час останньої передачі Росія повернула Україні 1000 тіл і отримала 38 тіл своїх військових."),
    ],
)
def test_a_side_that_got_its_own_back_in_return_is_the_other_side(lang, text):
    doc = annotate(text, lang=lang, published=dt.date(2026, 1, 30))
    assert [(f.value, f.nationality) for f in doc._.facts] == [(1000, "UA"), (38, "RU")]
