"""pipeline.date_policy: which date a figure takes, read through the whole pipeline."""

import datetime as dt

import pytest

from powfacts import pipeline
from powfacts.api import extract_text


def days(text, published, lang="en", measure="released"):
    """(value, date.start, date.end) of each fact of ``measure``, the whole text read (no prefilter)."""
    doc = pipeline.annotate(text, published=published, lang=lang, prefilter=False)
    return [(f.value, f.date.start if f.date else None, f.date.end if f.date else None) for f in doc._.facts if f.measure == measure]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The deal was carried out on 9 June 2025, and 300 prisoners came home."),
        ("en", "Under the agreement, on 9 June 2025 300 prisoners came home."),
        ("uk", "За домовленостями 9 червня 2025 року з полону повернулися 300 військових."),
        ("ru", "По договоренности 9 июня 2025 года из плена вернулись 300 военных."),
        ("es", "De acuerdo con el ministerio, el 9 de junio de 2025 regresaron a casa 300 prisioneros de guerra ucranianos."),
    ],
)
def test_a_noun_of_agreement_does_not_make_the_day_of_a_transfer_an_agreements(lang, text):
    assert days(text, dt.date(2025, 6, 20), lang) == [(300, "2025-06-09", "2025-06-09")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The swap agreed in Geneva on 2 June 2025 was done a week later, and 300 prisoners came home."),
        ("uk", "Обмін, узгоджений у Женеві 2 червня 2025 року, відбувся пізніше: додому повернулися 300 військових."),
        ("ru", "Обмен, согласованный в Женеве 2 июня 2025 года, прошел позже: домой вернулись 300 военных."),
    ],
)
def test_the_day_an_agreement_verb_holds_dates_no_figure(lang, text):
    """The transfer, told without its own day, takes the document's date, not the agreement's 2 June."""
    assert days(text, dt.date(2025, 6, 20), lang) == [(300, "2025-06-20", "2025-06-20")]


def test_an_agreement_cue_does_not_reach_across_a_line_break():
    text = "The sides agreed\n\n9 June 2025. 300 prisoners came home."
    assert days(text, dt.date(2025, 6, 20)) == [(300, "2025-06-09", "2025-06-09")]



@pytest.mark.parametrize("text", ["2024 – 1,200 prisoners came home in ten exchanges.", "2024: 1,200 prisoners came home in ten exchanges."])
def test_a_line_that_opens_with_its_year_dates_its_figures(text):
    assert days(text, dt.date(2025, 3, 1)) == [(1200, "2024", "2024")]


def test_a_range_of_years_at_the_start_of_a_line_is_not_its_first_year():
    ((value, start, _),) = days("2022-2024 saw 3,000 prisoners come home.", dt.date(2025, 3, 1))
    assert value == 3000 and start != "2022"


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "By 2 October 2022, Ukraine had brought home 808 people."),
        ("uk", "Станом на 2 жовтня 2022 року з полону повернули 808 людей."),
        ("ru", "К 2 октября 2022 года из плена вернули 808 человек."),
        ("es", "Hasta el 2 de octubre de 2022 habían regresado 808 personas."),
    ],
)
def test_a_tally_of_transfers_by_a_date_counts_from_the_start_of_the_full_scale_war(lang, text):
    assert days(text, dt.date(2025, 6, 20), lang) == [(808, "2022-02-24", "2022-10-02")]


def test_a_tally_by_a_date_keeps_the_start_its_sentence_gives():
    text = "By 30 December 2024, 1,358 people had come home in 2024."
    assert days(text, dt.date(2025, 6, 20)) == [(1358, "2024", "2024-12-30")]


@pytest.mark.parametrize(
    "text, measure, expected",
    [
        ("By 1 March 2025, some 8,000 Ukrainians were held in Russia.", "held", (8000, None, "2025-03-01")),
        ("By 1 June 2025, another 500 prisoners will be freed.", "released", (500, None, "2025-06-01")),
    ],
)
def test_a_state_or_a_plan_by_a_date_takes_no_start(text, measure, expected):
    assert days(text, dt.date(2025, 2, 20), measure=measure) == [expected]


@pytest.mark.parametrize(
    "text, measure, expected",
    [
        ("According to officials cited in May 2025, at least 206 prisoners have died in custody since February 2022.",
         "deaths_in_custody", [(206, "2022-02", "2025-05")]),
        ("It was the 50th exchange since Russia's full-scale invasion in February 2022, the ombudsman said.",
         "exchanges", [(50, "2022-02-24", "2025-06-20")]),
    ],
)
def test_a_total_since_a_start_ends_on_the_later_date_of_its_sentence(text, measure, expected):
    assert days(text, dt.date(2025, 6, 20), measure=measure) == expected


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "In March the mission said it had recorded 52 executions of captured soldiers in 17 incidents since late September 2024."),
        ("uk", "У березні місія повідомила про 52 страти полонених у 17 випадках з кінця вересня 2024 року."),
        ("ru", "В марте миссия сообщила о 52 казнях пленных в 17 эпизодах с конца сентября 2024 года."),
    ],
)
def test_a_figure_that_counts_nothing_does_not_take_the_start_of_a_total_from_the_figure_that_does(lang, text):
    """'52 executions in 17 incidents since September 2024': the incidents are no fact, so the start is the executions'."""
    assert days(text, dt.date(2025, 4, 2), lang, measure="executions") == [(52, "2024-09", "2025-03")]


def test_a_day_nearer_to_its_own_figure_than_the_start_of_another_total_stays_its_own():
    text = "On 5 February 2025, 157 prisoners came home, bringing the total since 2022 to 5,000."
    assert days(text, dt.date(2025, 6, 20))[0] == (157, "2025-02-05", "2025-02-05")


def test_the_start_of_the_war_named_after_a_superlative_does_not_make_a_days_figure_a_total():
    text = "The Assembly welcomes the exchange of 1,000 for 1,000 prisoners carried out in May 2025, the largest since the full-scale invasion."
    assert days(text, dt.date(2025, 6, 20)) == [(1000, "2025-05", "2025-05")]


def test_a_plan_does_not_borrow_the_date_of_the_same_figure_done_elsewhere():
    text = "On 2 June 2025 Russia handed over the bodies of 6,000 soldiers. Kyiv said it would hand over 6,000 bodies too."
    assert days(text, dt.date(2025, 6, 20), measure="bodies_returned") == [(6000, "2025-06-02", "2025-06-02"), (6000, None, None)]
# -- a stretch of years up to a day ("over the past four years") -------------------------------


def kinds(text, published, lang="en"):
    """(measure, value, date.start, date.end, kind) of each fact, the whole text read."""
    doc = pipeline.annotate(text, published=published, lang=lang, prefilter=False)
    return sorted((f.measure, f.value, f.date.start if f.date else None, f.date.end if f.date else None, f.kind) for f in doc._.facts)


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Over the past four years, the office has held more than 50 exchanges."),
        ("uk", "За чотири роки штаб провів понад 50 обмінів."),
        ("ru", "За последние четыре года штаб провел более 50 обменов."),
        ("es", "En los últimos cuatro años se realizaron más de 50 canjes."),
    ],
)
def test_a_count_over_the_past_years_is_a_running_total_up_to_the_documents_day(lang, text):
    assert kinds(text, dt.date(2025, 4, 10), lang) == [("exchanges", 50, "2021-04-10", "2025-04-10", "running_total")]


def test_the_next_sentence_of_its_line_continues_the_stretch_a_later_line_the_story_s_day():
    text = (
        "On 5 April 90 soldiers came home from captivity.\n\n"
        "Over the past three years, the office has held more than 50 exchanges. More than 4,000 people have been freed.\n\n"
        "Twelve civilians were also released from captivity."
    )
    assert kinds(text, dt.date(2025, 4, 10)) == [
        ("exchanges", 50, "2022-04-10", "2025-04-10", "running_total"),
        ("released", 12, "2025-04-05", "2025-04-05", "event"),
        ("released", 90, "2025-04-05", "2025-04-05", "event"),
        ("released", 4000, "2022-04-10", "2025-04-10", "running_total"),
    ]


def test_a_stretch_ends_on_the_date_its_sentence_states_as_precise_as_that_date():
    text = "In March 2024 the office put the bodies returned over the past two years at more than 3,000."
    assert kinds(text, dt.date(2025, 4, 10)) == [("bodies_returned", 3000, "2022-03", "2024-03", "running_total")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "At the first talks in the past three years, the sides swapped 300 prisoners."),
        ("ru", "После первой за три года встречи стороны обменялись: вернулись 300 военных."),
        ("uk", "Після першої за три роки зустрічі сторони обмінялися: повернулися 300 військових."),
    ],
)
def test_a_stretch_that_only_measures_a_gap_dates_no_figure(lang, text):
    ((_, value, start, end, kind),) = kinds(text, dt.date(2025, 4, 10), lang)
    assert (value, start, end, kind) == (300, "2025-04-10", "2025-04-10", "event")


def test_the_first_exchange_of_a_year_keeps_its_year():
    ((_, value, start, _, _),) = kinds("Перший обмін 2026 року: додому повернулися 157 українців.", dt.date(2026, 3, 1), "uk")
    assert (value, start) == (157, "2026")


def test_a_stretch_of_years_never_dates_how_many_are_missing():
    ((_, value, start, end, kind),) = kinds("How the count changed over the past two years: more than 60,000 people are missing.", dt.date(2025, 4, 10))
    assert (value, start, kind) == (60000, None, "state") and end == "2025-04-10"


@pytest.mark.parametrize(
    "lang, text",
    [
        ("uk", "Повернути з полону вдалося поки що лише 150 цивільних."),
        ("ru", "Вернуть из плена удалось пока что лишь 150 гражданских."),
        ("en", "So far only 150 civilians have been returned from captivity."),
    ],
)
def test_a_count_so_far_is_a_running_total_not_one_transfer(lang, text):
    ((_, value, _, end, kind),) = kinds(text, dt.date(2025, 4, 10), lang)
    assert (value, end, kind) == (150, "2025-04-10", "running_total")


def test_still_is_no_count_so_far_a_plan_not_yet_dated_stays_a_plan():
    ((_, value, _, _, kind),) = kinds("Домовилися звільнити 1200 українців, однак дати обміну досі не названо.", dt.date(2025, 11, 27), "uk")
    assert (value, kind) == (1200, "event")


@pytest.mark.parametrize(
    "lang, text, measure",
    [
        ("en", "In total, 58 exchanges have taken place.", "exchanges"),
        ("uk", "Додому повернулися вже понад 7 тисяч наших людей.", "released"),
        ("ru", "Всего из плена вернули 5000 человек.", "released"),
    ],
)
def test_a_tally_of_transfers_that_nothing_dates_runs_from_the_start_of_the_war_to_the_document(lang, text, measure):
    assert [(start, end) for _, start, end in days(text, dt.date(2025, 12, 29), lang, measure)] == [("2022-02-24", "2025-12-29")]


def test_a_tally_of_a_state_that_nothing_dates_stands_as_of_the_document():
    assert days("In total, 8,000 Ukrainians are held in Russia.", dt.date(2025, 12, 29), measure="held") == [(8000, None, "2025-12-29")]


@pytest.mark.parametrize(
    "text, published",
    [
        ("By 31 December 2019, Ukraine had brought home 3,000 people from captivity.", dt.date(2020, 3, 1)),
        ("In total, 3,000 people have been brought home from captivity.", dt.date(2020, 3, 1)),
    ],
)
def test_a_tally_before_the_full_scale_war_does_not_start_at_it(text, published):
    assert [start for _, start, _ in days(text, published)] == [None]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("ru", "Обмен пленными приурочили к 9 мая 2025 года: домой вернулись 205 военных.", (205, "2025-05-09", "2025-05-09")),
        ("ru", "К 2 октября 2022 года из плена вернули 808 человек.", (808, "2022-02-24", "2022-10-02")),
        ("es", "Ucrania recuperó a 150 prisioneros el 31 de mayo de 2025, ya que el canje se adelantó.", (150, "2025-05-31", "2025-05-31")),
        ("uk", "31 травня 2025 року відбувся обмін полоненими. Вже повернулися додому 150 українських захисників.", (150, "2025-05-31", "2025-05-31")),
    ],
)
def test_cues_that_look_like_a_tally_but_are_not(lang, text, expected):
    assert days(text, dt.date(2025, 6, 1), lang) == [expected]


def test_russias_invasion_of_crimea_does_not_start_a_total_in_2022():
    (fact,) = days("Since Russia's invasion of Crimea in 2014, 3,500 Ukrainians have been freed from captivity.", dt.date(2025, 6, 1))
    assert fact[0] == 3500 and fact[1] == "2014"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In November 2025 the Russian side agreed to free another 1,200 Ukrainians.", (1200, None, None)),
        ("Russia and Ukraine are preparing to exchange 500 prisoners each on 7-8 June 2026.", (500, "2026-06-07", "2026-06-08")),
    ],
)
def test_a_plan_takes_a_date_only_when_it_is_not_before_the_document(text, expected):
    """A day before the document's is when the plan was made; one after it is when the transfer is to happen."""
    assert days(text, dt.date(2026, 6, 5)) == [expected]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("uk", "У 2024 році, за одинадцять обмінів, додому повернулися 1358 людей — на 356 більше, ніж у 2023 році."),
        ("ru", "В 2024 году из плена вернулись 1358 человек — на 356 больше, чем в 2023 году."),
        ("en", "In 2024, 1,358 people came home in eleven exchanges, 356 more than in 2023."),
    ],
)
def test_the_year_a_figure_is_compared_with_is_not_its_own(lang, text):
    assert days(text, dt.date(2025, 3, 1), lang)[0] == (1358, "2024", "2024")


def test_a_weekday_after_a_day_of_its_paragraph_falls_in_that_week():
    text = "Over two days, on 5 and 6 March 2026, the sides each released 500 prisoners. On the Thursday, 200 Ukrainian servicemen crossed the border."
    assert days(text, dt.date(2026, 3, 12))[-1] == (200, "2026-03-05", "2026-03-05")


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("uk", "Підсумки.\n• 2024 рік. Проведено одинадцять обмінів, повернуто 1358 українців.\n• 2025 рік. Повернуто 2310 осіб.",
         [(1358, "2024", "2024"), (2310, "2025", "2025")]),
        ("ru", "Итоги.\n2024 год: из плена вернулись 1358 человек.\n2025 год: вернулись 2310 человек.",
         [(1358, "2024", "2024"), (2310, "2025", "2025")]),
        ("en", "Totals.\n• 2024 – 1,358 people came home.\n• 2025 – 2,310 people came home.",
         [(1358, "2024", "2024"), (2310, "2025", "2025")]),
    ],
)
def test_a_bulleted_line_or_one_with_the_word_year_that_opens_with_its_year_dates_its_figures(lang, text, expected):
    assert days(text, dt.date(2026, 3, 12), lang) == expected


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The monitors' new report covers the period from 1 March to 31 August 2025.\n\nThey recorded the deaths in custody of 9 Ukrainian prisoners of war."),
        ("en", "The report, covering 1 March to 31 August 2025, was presented in Geneva.\n\nThe Mission documented the deaths in custody of 9 Ukrainian prisoners of war."),
        ("uk", "Звіт охоплює період 1 березня – 31 серпня 2025 року.\n\nМісія задокументувала смерть у полоні 9 українських військовополонених."),
        ("ru", "Доклад охватывает 1 марта – 31 августа 2025 года.\n\nМиссия зафиксировала гибель в плену 9 украинских военнопленных."),
        ("es", "El informe abarca el período del 1 de marzo al 31 de agosto de 2025.\n\nLa misión documentó la muerte bajo custodia de 9 prisioneros de guerra ucranianos."),
    ],
)
def test_an_undated_count_of_harm_falls_in_the_period_the_report_covers(lang, text):
    assert days(text, dt.date(2025, 10, 1), lang, "deaths_in_custody") == [(9, "2025-03-01", "2025-08-31")]


def test_the_period_a_report_covers_gives_way_once_the_text_names_another_date():
    text = (
        "The report covers the period from 1 March to 31 August 2025.\n\n"
        "On 20 September 2025 the ombudsman spoke separately. He said 9 Ukrainian prisoners of war had died in custody."
    )
    # the ombudsman's count is his, not the report's period: it stands on the day he spoke, told in the sentence before
    assert days(text, dt.date(2025, 10, 1), "en", "deaths_in_custody") == [(9, None, "2025-09-20")]


def test_a_period_is_no_swap_day_and_leaves_transfers_as_they_were():
    text = "The report covers the period from 1 March to 31 August 2025.\n\nIn total, 300 prisoners have come home. Then 40 more came home."
    assert days(text, dt.date(2025, 10, 1)) == [(300, "2022-02-24", "2025-10-01"), (40, "2025-10-01", "2025-10-01")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "On 14 March 2026, 120 soldiers came home. It was the 72nd exchange since the start of the full-scale invasion."),
        ("uk", "14 березня 2026 року з полону повернулися 120 військових. Це 72-й обмін від початку повномасштабного вторгнення."),
        ("ru", "14 марта 2026 года из плена вернулись 120 военных. Это 72-й обмен с начала полномасштабного вторжения."),
    ],
)
def test_a_running_total_told_with_an_exchange_ends_on_its_day(lang, text):
    assert days(text, dt.date(2026, 3, 20), lang, "exchanges") == [(72, "2022-02-24", "2026-03-14")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("uk", "14 березня 2026 року з полону повернулися 120 військових. У Києві його назвали 72-м обміном з початку бойових дій."),
        ("ru", "14 марта 2026 года из плена вернулись 120 военных. В Киеве его назвали 72-м обменом с начала боевых действий."),
    ],
)
def test_the_start_of_hostilities_is_the_start_of_the_full_scale_war(lang, text):
    assert days(text, dt.date(2026, 3, 20), lang, "exchanges") == [(72, "2022-02-24", "2026-03-14")]


def test_a_running_total_in_another_paragraph_than_the_exchange_ends_on_the_documents_date():
    """A count of people since the invasion told apart from the exchange is as of the page; an exchange's ordinal is not
    (it ends with the exchange it numbers: test_an_exchanges_ordinal_ends_on_the_day_of_the_stories_exchange)."""
    text = "On 14 March 2026, 120 soldiers came home.\n\nIn all, 5,800 people have come home since the start of the full-scale invasion."
    assert days(text, dt.date(2026, 3, 20), "en", "released") == [(120, "2026-03-14", "2026-03-14"), (5800, "2022-02-24", "2026-03-20")]


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "■ 3 January, Wednesday. A record swap\n\nThe headquarters said 230 people had come home.\n\n"
            "■ 31 January, Wednesday. The second swap of the month, after Il-76 talk\n\nAnother 207 people came home.",
        ),
        (
            "ru",
            "■ 3 января, среда. Рекордный обмен\n\nШтаб сообщил, что домой вернулись 230 человек.\n\n"
            "■ 31 января, среда. Второй обмен месяца после истории с Ил-76\n\nДомой вернулись еще 207 человек.",
        ),
    ],
)
def test_a_heading_that_opens_with_a_day_dates_the_story_below_it(lang, text):
    assert days(text, dt.date(2024, 2, 1), lang) == [(230, "2024-01-03", "2024-01-03"), (207, "2024-01-31", "2024-01-31")]


def test_a_line_of_prose_that_opens_with_a_day_is_no_heading():
    text = "3 January. The headquarters said a swap had taken place and that the lists were checked.\n\nAnother 207 people came home."
    assert days(text, dt.date(2024, 2, 1)) == [(207, "2024-02-01", "2024-02-01")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Russia invaded Ukraine on 24 February 2022. On 1 March, 5 soldiers came home in the first swap."),
        ("uk", "Росія напала на Україну 24 лютого 2022 року. 1 березня з полону повернулися 5 військових."),
    ],
)
def test_in_an_undated_text_a_day_with_its_year_places_the_year_less_days(lang, text):
    preface = "Families keep waiting for news. " * 25 + "\n\n"  # the dated sentence stands too far down to date the document
    assert days(preface + text, None, lang) == [(5, "2022-03-01", "2022-03-01")]


@pytest.mark.parametrize(
    "text",
    [
        "Many were captured in 2022.\n\nOn 1 March, 5 soldiers came home.",  # a bare year says when something began, not when the text is
        "Since February 2022 many have been captured.\n\nOn 1 March, 5 soldiers came home.",  # where a count starts
    ],
)
def test_in_an_undated_text_a_bare_year_or_a_start_elsewhere_places_no_year_less_day(text):
    assert days(text, None) == [(5, None, None)]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Monitors documented the execution of at least 32 Ukrainian prisoners of war between December 2023 and February 2024."),
        ("es", "La misión documentó la ejecución de al menos 32 prisioneros de guerra ucranianos entre diciembre de 2023 y febrero de 2024."),
    ],
)
def test_a_stretch_from_a_month_of_one_year_to_a_month_of_the_next_is_one_date(lang, text):
    assert days(text, dt.date(2024, 10, 1), lang, "executions") == [(32, "2023-12", "2024-02")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("ru", "23 мая домой вернулись 390 человек, из них 270 военных и 120 гражданских, 24 мая — еще 307 военных."),
        ("en", "On 23 May 390 people came home, 270 soldiers and 120 civilians, and on 24 May another 307 soldiers came home."),
    ],
)
def test_a_date_after_a_figure_that_heads_the_next_figure_is_not_its_date(lang, text):
    assert days(text, dt.date(2025, 5, 26), lang) == [
        (390, "2025-05-23", "2025-05-23"),
        (270, "2025-05-23", "2025-05-23"),
        (120, "2025-05-23", "2025-05-23"),
        (307, "2025-05-24", "2025-05-24"),
    ]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("ru", "Обмен прошел с 23 по 25 мая: в первый день вернулись 390 человек (270 военных и 120 гражданских), во второй — 307, в третий — 303."),
        ("en", "The swap ran from 23 to 25 May: 390 people came home on the first day (270 soldiers and 120 civilians), then 307 and 303."),
    ],
)
def test_the_stages_of_a_swap_told_over_days_take_its_days_in_turn(lang, text):
    assert days(text, dt.date(2025, 5, 26), lang) == [
        (390, "2025-05-23", "2025-05-23"),
        (270, "2025-05-23", "2025-05-23"),
        (120, "2025-05-23", "2025-05-23"),
        (307, "2025-05-24", "2025-05-24"),
        (303, "2025-05-25", "2025-05-25"),
    ]


def test_figures_that_are_not_as_many_as_the_days_all_take_the_stretch():
    text = "From 23 to 25 May, 1,000 people came home."
    assert days(text, dt.date(2025, 5, 26)) == [(1000, "2025-05-23", "2025-05-25")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("uk", "З полону визволено 150 військових і 7 цивільних, тобто загалом 157 людей."),
        ("en", "150 soldiers and 7 civilians came home, 157 people in total."),
    ],
)
def test_in_total_summing_the_parts_of_its_sentence_is_one_transfer_not_a_tally(lang, text):
    assert days(text, dt.date(2026, 2, 5), lang) == [(150, "2026-02-05", "2026-02-05"), (7, "2026-02-05", "2026-02-05"), (157, "2026-02-05", "2026-02-05")]


def test_a_start_that_counts_the_ordinal_after_a_figure_does_not_start_the_figure():
    text = "Eight civilians came home as part of what the headquarters called the 68th exchange since the start of the full-scale war."
    assert days(text, dt.date(2025, 8, 24)) == [(8, "2025-08-24", "2025-08-24")]
    assert days(text, dt.date(2025, 8, 24), "en", "exchanges") == [(68, "2022-02-24", "2025-08-24")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The year opened with a large swap: on 3 January, 230 Ukrainians came home."),
        ("uk", "Рік почався з великого обміну: 3 січня додому повернулися 230 українців."),
        ("ru", "Год начался с крупного обмена: 3 января домой вернулись 230 украинцев."),
        ("es", "El año empezó con un gran canje: el 3 de enero regresaron a casa 230 ucranianos."),
    ],
)
def test_a_year_less_day_reported_as_done_is_not_after_the_document(lang, text):
    """Written on 30 December 2024, "3 January" of a done swap is the January before, not the one to come."""
    assert days(text, dt.date(2024, 12, 30), lang) == [(230, "2024-01-03", "2024-01-03")]


def test_a_year_less_day_of_a_plan_may_be_after_the_document():
    assert days("Another 100 prisoners will be exchanged on 3 January.", dt.date(2024, 12, 30)) == [(100, "2025-01-03", "2025-01-03")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "How the ombudsman helped bring prisoners home in 2025\n\nThe ombudsman told parliament that her office had helped to bring home 1,851 servicemen through exchanges."),
        ("uk", "Підсумки 2025 року: як повертали полонених\n\nОмбудсман розповів депутатам, що завдяки обмінам з полону вдалося повернути 1851 військового."),
        ("ru", "Омбудсмен подвела итоги 2025 года по обменам\n\nПо словам омбудсмена, благодаря обменам из плена удалось вернуть 1851 военного."),
    ],
)
def test_a_review_of_the_year_before_dates_what_it_tells_without_a_day_in_that_year(lang, text):
    """A headline that names the year before the document's dates the undated transfers of the whole text."""
    assert days(text, dt.date(2026, 1, 27), lang) == [(1851, "2025", "2025")]


def test_a_headline_that_names_the_documents_own_year_leaves_undated_transfers_on_its_day():
    text = "Swaps in 2026 so far\n\nThe Coordination Headquarters said 157 servicemen had been brought home through exchanges."
    assert days(text, dt.date(2026, 2, 6)) == [(157, "2026-02-06", "2026-02-06")]


@pytest.mark.parametrize(
    "lang, text, measure",
    [
        ("en", "At the end of January 2026 the ombudsman gave more detailed figures. Of those registered, 452 were still missing.", "missing"),
        ("ru", "В конце января 2026 года омбудсмен привела более подробную статистику. Из них 452 человека по-прежнему числятся пропавшими без вести.", "missing"),
        ("uk", "У січні 2026 року омбудсман навів докладнішу статистику. За його даними, 452 людини досі вважаються зниклими безвісти.", "missing"),
    ],
)
def test_a_state_told_without_a_date_after_a_sentence_dated_before_the_document_stands_on_that_date(lang, text, measure):
    assert days(text, dt.date(2026, 2, 17), lang, measure) == [(452, None, "2026-01")]


def test_a_state_told_in_another_paragraph_than_the_date_stands_on_the_documents_date():
    text = "In January 2026 the ombudsman gave more detailed figures.\n\nOf those registered, 452 are still missing."
    assert days(text, dt.date(2026, 2, 17), "en", "missing") == [(452, None, "2026-02-17")]


def test_a_state_told_after_a_dated_event_with_figures_stands_on_the_documents_date():
    text = "The most recent exchange, on 5 February 2025, brought 150 defenders home. More than 8,000 Ukrainians remain in Russian detention."
    assert days(text, dt.date(2025, 3, 12), "en", "held") == [(8000, None, "2025-03-12")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "How Ukraine and Russia counted their swaps in 2024\n\nThe year opened with the largest swap so far: on 3 January, 230 Ukrainians came home."),
        ("uk", "Як Україна і Росія рахували обміни у 2024 році\n\nРік відкрив найбільший на той час обмін: 3 січня додому повернулися 230 українців."),
        ("ru", "Как Украина и Россия считали обмены в 2024 году\n\nГод открыл крупнейший на тот момент обмен: 3 января домой вернулись 230 украинцев."),
    ],
)
def test_a_headline_naming_the_year_before_the_document_places_its_year_less_days(lang, text):
    """Published on 20 January 2025, a review of 2024 tells "3 January" of 2024, not the 3 January just gone."""
    assert days(text, dt.date(2025, 1, 20), lang) == [(230, "2024-01-03", "2024-01-03")]


def test_a_headline_year_long_before_the_document_is_no_year_under_review():
    text = "The swaps of 2022 and everything that followed them\n\nOn 3 January, 230 Ukrainians came home."
    assert days(text, dt.date(2025, 1, 20)) == [(230, "2025-01-03", "2025-01-03")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("uk", "Усі обміни року:\n№52, 31 травня. Додому повернулися 75 українців.\n№53, 25 червня. Додому повернулися 90. Росія: 90 на 90."),
        ("en", "Every swap of the year:\nNo. 52, 31 May. Ukraine: 75 freed.\nNo. 53, 25 June. Ukraine: 90 freed. Russia: 90 for 90."),
    ],
)
def test_a_numbered_chronicle_item_that_opens_with_its_day_dates_its_line(lang, text):
    assert days(text, dt.date(2024, 12, 31), lang) == [(75, "2024-05-31", "2024-05-31"), (90, "2024-06-25", "2024-06-25"), (90, "2024-06-25", "2024-06-25")]


def test_a_year_less_as_of_day_after_the_document_is_the_one_before_it():
    text = "Of 1,100 people abducted since the invasion, 638 had been freed and 474 were still held as of Jan. 2."
    assert days(text, dt.date(2023, 12, 19), "en", "held") == [(474, "2022-02-24", "2023-01-02")]


@pytest.mark.parametrize(
    ("lang", "text", "dated"),
    [
        ("uk", "Новини\n\n7 березня 2026 року\n\nСторони домовилися про обмін за формулою «500 на 500».\n\n5 березня додому повернулися 200 захисників. 6 березня повернулися ще 300 захисників.",
         {500: ("2026-03-05", "2026-03-06"), 200: ("2026-03-05", "2026-03-05"), 300: ("2026-03-06", "2026-03-06")}),
        ("en", "News\n\nPublished: 26 May 2025\n\nThe sides agreed a \"1,000 for 1,000\" exchange in Istanbul.\n\nOn 23 May, 390 Ukrainians came home. On 24 May, 307 more came home. On 25 May, another 303 came home.",
         {1000: ("2025-05-23", "2025-05-25"), 390: ("2025-05-23", "2025-05-23"), 307: ("2025-05-24", "2025-05-24"), 303: ("2025-05-25", "2025-05-25")}),
        ("en", "News\n\nPublished: 26 May 2025\n\nThe sides agreed a \"1,000 for 1,000\" exchange in Istanbul.\n\nOn 23 May, 390 Ukrainians came home. On 24 May, 307 more came home.",
         {1000: None, 390: ("2025-05-23", "2025-05-23"), 307: ("2025-05-24", "2025-05-24")}),
    ],
)
def test_a_swap_told_whole_without_a_day_takes_the_days_of_the_stages_that_add_up_to_it(lang, text, dated):
    """Stages on consecutive days that add up to the agreed figure date it; stages that fall short leave it undated."""
    facts = extract_text(text, language=lang)
    assert {f.value: (f.date and (f.date.start, f.date.end)) for f in facts} == dated


@pytest.mark.parametrize(
    ("lang", "text", "date"),
    [
        ("en", "News\n\nPublished: 2 October 2025\n\n185 servicemen were returned under agreements reached at talks in Istanbul on July 23.", ("2025-10-02", "2025-10-02")),
        ("ru", "Новости\n\n2 октября 2025 года\n\nВозвращены 185 военнослужащих в рамках договоренностей, достигнутых 23 июля в Стамбуле.", ("2025-10-02", "2025-10-02")),
        ("uk", "Новини\n\n2 жовтня 2025 року\n\nДодому повернулися 185 військових у межах домовленостей, досягнутих 23 липня у Стамбулі.", ("2025-10-02", "2025-10-02")),
        ("es", "Noticias\n\n2 de octubre de 2025\n\nUcrania recuperó a 185 militares en virtud de los acuerdos alcanzados el 23 de julio en Estambul.", ("2025-10-02", "2025-10-02")),
    ],
)
def test_the_day_agreements_were_reached_is_not_the_day_of_the_transfer(lang, text, date):
    """A transfer told without its day ends on the document's date, not on the day the deal behind it was struck."""
    assert [(f.date.start, f.date.end) for f in extract_text(text, language=lang)] == [date]


@pytest.mark.parametrize(
    ("lang", "text", "date"),
    [
        ("ru", "95 или 94: что известно о воскресном обмене пленными\n\n12 июня 2023 года\n\nТекст.", ("2023-06-11", "2023-06-11")),
        ("uk", "Що відомо про суботній обмін: повернули 95 захисників\n\n12 червня 2023 року\n\nТекст.", ("2023-06-10", "2023-06-10")),
    ],
)
def test_a_weekdays_adjective_dates_the_exchange_it_names(lang, text, date):
    """'о воскресном обмене', 'суботній обмін': the exchange of that weekday, not the page's own day."""
    assert {(f.date.start, f.date.end) for f in extract_text(text, language=lang)} == {date}


def test_a_running_total_since_the_start_of_the_big_war_starts_with_the_invasion():
    """'від початку великої війни' is the full-scale war, as 'повномасштабної'."""
    text = "Новини\n\n8 серпня 2023 року\n\nВід початку великої війни з полону повернули 2598 українців."
    assert [(f.date.start, f.date.end) for f in extract_text(text, language="uk")] == [("2022-02-24", "2023-08-08")]


@pytest.mark.parametrize(
    ("lang", "text", "end"),
    [
        ("uk", "Як минув 48-й обмін\n\n8 серпня 2023 року\n\nУчора, 7 серпня, з полону повернулися 22 захисники.\n\nОмбудсман назвав це сорок восьмим обміном від початку повномасштабного вторгнення.", "2023-08-07"),
        ("en", "The 57th swap\n\nPublished: 19 October 2024\n\nOn 18 October, 95 Ukrainian soldiers came home.\n\nKyiv called it the 57th exchange since the start of the full-scale invasion.", "2024-10-18"),
        ("en", "The 57th swap\n\nPublished: 19 December 2024\n\nOn 18 October, 95 Ukrainian soldiers came home.\n\nKyiv called it the 57th exchange since the start of the full-scale invasion.", "2024-12-19"),
    ],
)
def test_an_exchanges_ordinal_ends_on_the_day_of_the_stories_exchange(lang, text, end):
    """'The 48th exchange since the invasion' counts up to the exchange the story tells, a day or a few before the
    page; an exchange months before the page is not the one its count ends on."""
    ordinals = [f for f in extract_text(text, language=lang) if f.measure == "exchanges"]
    assert ordinals and {(f.date.start, f.date.end) for f in ordinals} == {("2022-02-24", end)}


def test_a_total_and_its_parts_after_a_stretch_of_days_are_not_its_stages():
    """'23–25 May: 1,000 for 1,000, 880 soldiers and 120 civilians' tells one swap over three days and its parts, not
    three stages one a day (as '390, 307 and 303' would be)."""
    text = "Новости\n\n7 марта 2026 года\n\nОбмен 23–25 мая прошел по формуле «1000 на 1000»: вернулись 880 военных и 120 гражданских."
    facts = extract_text(text, language="ru")
    assert {(f.value, f.date.start, f.date.end) for f in facts} == {(1000, "2025-05-23", "2025-05-25"), (880, "2025-05-23", "2025-05-25"), (120, "2025-05-23", "2025-05-25")}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Огляд\n\n2022: ПЕРШІ ОБМІНИ\n\nберезень — 3 обміни: 15 військових і 20 цивільних;\nквітень — 9 обмінів: 236 військових і 66 цивільних;\n"),
        ("ru", "Обзор\n\n2022: ПЕРВЫЕ ОБМЕНЫ\n\nмарт — 3 обмена: 15 военных и 20 гражданских;\nапрель — 9 обменов: 236 военных и 66 гражданских;\n"),
        ("uk", "Огляд\n\n2022\n• Березень: три обміни — додому 15 військових і 20 цивільних.\n• Квітень: дев'ять обмінів, 236 військових та 66 цивільних.\n"),
        ("ru", "Обзор\n\n2022\n• Март: три обмена — домой 15 военных и 20 гражданских.\n• Апрель: девять обменов, 236 военных и 66 гражданских.\n"),
    ],
)
def test_a_line_that_opens_with_a_months_name_is_that_months(lang, text):
    """A list by month ('квітень — 9 обмінів: ...') under a year's heading dates each line's figures in its month."""
    found = days(text, dt.date(2023, 11, 20), lang, "released")
    assert found == [(15, "2022-03", "2022-03"), (20, "2022-03", "2022-03"), (236, "2022-04", "2022-04"), (66, "2022-04", "2022-04")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Новини\n\n21 жовтня 2024 року\n\nУ липні повернулися 95 захисників.\n\nОстанній запис — п'ятниця, 18 жовтня. Того дня додому повернулися 95 українців."),
        ("en", "News\n\nPublished: 21 October 2024\n\nIn July, 95 soldiers came home.\n\nHer last entry is Friday, October 18. That day 95 Ukrainians came home."),
    ],
)
def test_a_transfer_told_that_day_took_place_on_the_day_last_named(lang, text):
    """'Того дня', 'that day': the day the sentence before named, though that sentence told no exchange; not the page's
    date, nor the July day of the same figure told earlier."""
    assert days(text, dt.date(2024, 10, 21), lang) == [(95, "2024-07", "2024-07"), (95, "2024-10-18", "2024-10-18")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Новости\n\n3 октября 2025 года\n\nОбмен состоялся 24 августа.\n\nВ тот же день омбудсмен заявила, что на Украине остаются более 20 курян."),
        ("en", "News\n\nPublished: 3 October 2025\n\nThe swap took place on August 24.\n\nThat day the ombudsman said more than 20 residents of Kursk were still held in Ukraine."),
    ],
)
def test_a_count_of_people_held_told_that_day_stands_as_of_the_day_last_named(lang, text):
    """'в тот же день ... остаются 20', 'that day ... 20 were still held': held as of the day the text last named, not
    as of the page's date."""
    assert days(text, dt.date(2025, 10, 3), lang, "held") == [(20, "2025-08-24", "2025-08-24")]


def test_a_figure_continuing_the_storys_exchange_keeps_its_day_over_an_earlier_twin():
    """'150' told after the 2026 swap continues it, though a swap of 2025 was also of 150; a later twin still dates a
    figure the story left on an earlier day (a headline's twin, the day of the stage it names)."""
    text = (
        "Swaps\n\nPublished: 6 March 2026\n\nOn 5 February 2025, 150 soldiers came home.\n\n"
        "On 5 February 2026, 157 prisoners came home. Kyiv said 150 soldiers and 7 civilians returned."
    )
    assert days(text, dt.date(2026, 3, 6)) == [
        (150, "2025-02-05", "2025-02-05"), (157, "2026-02-05", "2026-02-05"), (150, "2026-02-05", "2026-02-05"), (7, "2026-02-05", "2026-02-05")
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Новини\n\n15 жовтня 2025 року\n\nЗ моменту повномасштабного вторгнення з полону звільнили понад 6 200 українців."),
        ("uk", "Новини\n\n15 жовтня 2025 року\n\nЗа роки великої війни з полону повернули 6 200 українців."),
        ("ru", "Новости\n\n15 октября 2025 года\n\nС момента полномасштабного вторжения из плена вернулись 6 200 украинцев."),
        ("ru", "Новости\n\n15 октября 2025 года\n\nЗа время полномасштабной войны из плена вернули 6 200 украинцев."),
        ("ru", "Новости\n\n15 октября 2025 года\n\nЗа время СВО из украинского плена вернули 6 200 российских военных."),
        ("ru", "Новости\n\n15 октября 2025 года\n\nС начала полномасштабных боевых действий из плена вернулись 6 200 украинцев."),
        ("uk", "Новини\n\n15 жовтня 2025 року\n\nЗ початку повномасштабних бойових дій з полону повернулися 6 200 українців."),
        ("en", "News\n\n15 October 2025\n\nOver the course of the full-scale invasion, 6,200 Ukrainians have been freed from captivity."),
        ("en", "News\n\n15 October 2025\n\nDuring the full-scale war, 6,200 Ukrainians have been freed from captivity."),
    ],
)
def test_a_total_from_the_moment_of_or_over_the_full_scale_war_starts_with_the_invasion(lang, text):
    """'з моменту повномасштабного вторгнення', 'за роки великої війни', 'за время СВО', 'over the course
    of the full-scale invasion', 'during the full-scale war': a running total from 24 February 2022 to the page's date."""
    assert [(f.date.start, f.date.end) for f in extract_text(text, language=lang)] == [("2022-02-24", "2025-10-15")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("uk", "Дайджест тижня\n\n2 березня 2026 року\n\nУ Мюнхені 14.02 президент сказав, що Росія утримує 7 тисяч українських військовополонених.", ("2026-02-14", "2026-02-14")),
        ("ru", "Итоги недели\n\n2 марта 2026 года\n\n26.02 · Еще тысяча тел\n\nУкраина получила 1000 тел погибших.", ("2026-02-26", "2026-02-26")),
        ("ru", "Итоги года\n\n15 января 2026 года\n\n05.12 — Украина вернула 150 военных.", ("2025-12-05", "2025-12-05")),
    ],
)
def test_a_day_and_month_in_figures_without_a_year_dates_its_item(lang, text, expected):
    """'14.02', '26.02 ·': a digest's or feed's day in figures, placed in the page's year (or the one before), never
    read as a clock time."""
    dated = {(f.date.start, f.date.end) for f in extract_text(text, language=lang)}
    assert dated == {expected}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Загалом з полону вже повернуто 3956 людей, з них 1358 — цьогоріч."),
        ("ru", "Всего из плена уже вернули 3956 человек, из них 1358 — в этом году."),
    ],
)
def test_this_year_after_a_part_dates_the_part_not_the_total_before_it(lang, text):
    """'цьогоріч' (this year, one word) dates the 1358 it follows; the total told before it, past a comma, is a running
    total from the invasion to the page's date."""
    found = days(text, dt.date(2024, 12, 31), lang)
    assert found == [(3956, "2022-02-24", "2024-12-31"), (1358, "2024", "2024-12-31")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "З початку року з полону повернулися 596 українців."),
        ("ru", "С начала года из плена вернулись 596 украинцев."),
        ("en", "Since the start of the year, 596 Ukrainians have come home."),
        ("es", "En lo que va de año han sido liberados 596 prisioneros ucranianos."),
        ("es", "Desde principios de año han sido liberados 596 prisioneros ucranianos."),
    ],
)
def test_a_total_since_the_start_of_the_year_runs_from_the_year_to_the_page(lang, text):
    """'з початку року', 'с начала года', 'since the start of the year', 'en lo que va de año': this year so far."""
    assert days(text, dt.date(2025, 4, 19), lang) == [(596, "2025", "2025-04-19")]


@pytest.mark.parametrize(
    "text",
    [
        "Обміни полоненими\n\nОстання редакція: 12 березня 2026\n\n== Хронологія ==\n\n=== 2023 ===\n4 лютого Україна повернула 116 людей.\n\n=== 2024 ===\n3 січня повернулися 230 українців.\n",
        "Prisoner exchanges\n\nLast edited: 12 March 2026\n\n## Chronology\n\n### 2023\nOn 4 February, 116 Ukrainians came home.\n\n### 2024\nOn 3 January, 230 Ukrainians came home.\n",
    ],
)
def test_a_wiki_or_markdown_year_heading_places_the_days_under_it(text):
    """'=== 2023 ===', '### 2024': headings marked up as such, with no blank line under them, place the year-less
    days of their section (not the page's year)."""
    lang = "uk" if "Обміни" in text else "en"
    assert days(text, dt.date(2026, 3, 12), lang) == [(116, "2023-02-04", "2023-02-04"), (230, "2024-01-03", "2024-01-03")]


def test_a_line_that_is_only_a_year_places_the_days_of_the_lines_under_it():
    """'2023 год' on a line of its own after a blank line, with the section's text right under it (a dossier's style),
    places the year-less days that follow."""
    text = "Обмены пленными. Досье\n\n6 февраля 2026 года\n\n2023 год\n4 февраля Россия вернула 63 военнослужащих.\n\n2024 год\n3 января из плена вернулись 248 военнослужащих.\n"
    assert days(text, dt.date(2026, 2, 6), "ru") == [(63, "2023-02-04", "2023-02-04"), (248, "2024-01-03", "2024-01-03")]


def test_a_year_with_the_nominative_word_for_year_dates_a_total_for_that_year():
    """'за 2022 год': the accusative ('год') names the year as 'года' and 'году' do."""
    text = "По данным Минобороны РФ, за 2022 год проведено 11 обменов, в ходе которых возвращены 628 военнослужащих."
    assert days(text, dt.date(2026, 2, 6), "ru") == [(628, "2022", "2022")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "Cronología\n\n5 de marzo de 2026\n\n31 de enero. Se celebra el canje número 50. Kiev eleva a 3.035 el total de liberados.\n", [(3035, "2022-02-24", "2026-01-31")]),
        ("uk", "Хронологія\n\n5 березня 2026 року\n\n29 червня ГУР повідомило про обмін. У Міноборони РФ його назвали «144 на 144» і заявили, що загалом у полоні понад 6 тисяч.\n", [(144, "2025-06-29", "2025-06-29")]),
    ],
)
def test_a_running_total_on_a_line_that_opens_with_a_day_ends_on_that_day(lang, text, expected):
    """'31 de enero. ... el total de liberados': a chronology line's running total counts up to the line's day, not the
    page's; a swap formula beside a total stays that day's exchange."""
    found = [d for d in days(text, dt.date(2026, 3, 5), lang) if d[0] in (3035, 144)]
    assert found == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Новини\n\n31 грудня 2024 року\n\nУчора, 30 грудня, з полону повернулися 189 українців.\n\nЗагалом з полону вже повернуто 3956 людей."),
        ("en", "News\n\nPublished: 31 December 2024\n\nOn 30 December, 189 Ukrainians came home from captivity.\n\nIn total, 3,956 people have been returned."),
    ],
)
def test_a_running_total_in_a_story_of_an_exchange_counts_up_to_that_exchange(lang, text):
    """'Загалом ... 3956' told the day after the exchange the story is about ends on that exchange's day, not the
    page's."""
    found = [d for d in days(text, dt.date(2024, 12, 31), lang) if d[0] == 3956]
    assert found == [(3956, "2022-02-24", "2024-12-30")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Новини\n\n31 травня 2024 року\n\nВперше з лютого: сьогодні з полону повертаються 75 українців."),
        ("ru", "Новости\n\n31 мая 2024 года\n\nВпервые с февраля: сегодня из плена вернулись 75 украинцев."),
        ("en", "News\n\nPublished: 31 May 2024\n\nIn the first swap since February, 75 Ukrainians came home today."),
        ("es", "Noticias\n\n31 de mayo de 2024\n\nEn el primer canje desde febrero, hoy volvieron 75 prisioneros ucranianos."),
    ],
)
def test_the_date_a_first_since_measures_the_gap_from_is_not_the_transfers(lang, text):
    """'вперше з лютого', 'the first swap since February': February dates the gap, the swap is the day's."""
    assert days(text, dt.date(2024, 5, 31), lang) == [(75, "2024-05-31", "2024-05-31")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "News\n\nPublished: 10 March 2025\n\nThe swap took place on 8 March. Kyiv said the 120 who came home had been held since 2022."),
        ("en", "News\n\nPublished: 10 March 2025\n\nThe swap took place on 8 March. Kyiv said the 120 who came home included civilians held by Russia since 2014, 2016 and 2017."),
        ("en", "News\n\nPublished: 10 March 2025\n\nThe swap took place on 8 March. Kyiv said the 120 who came home had been in captivity since 2022."),
        ("uk", "Новини\n\n10 березня 2025 року\n\nОбмін відбувся 8 березня. У Києві сказали, що 120 звільнених перебували в полоні з 2022 року."),
        ("uk", "Новини\n\n10 березня 2025 року\n\nОбмін відбувся 8 березня. У Києві сказали, що серед 120 звільнених є цивільні, яких утримували ще з 2014, 2016 та 2017 років."),
        ("ru", "Новости\n\n10 марта 2025 года\n\nОбмен состоялся 8 марта. В Киеве сообщили, что 120 освобождённых находились в плену с 2022 года."),
        ("ru", "Новости\n\n10 марта 2025 года\n\nОбмен состоялся 8 марта. В Киеве сообщили, что среди 120 освобождённых есть гражданские, которые удерживались с 2014 года."),
        ("es", "Noticias\n\n10 de marzo de 2025\n\nEl canje tuvo lugar el 8 de marzo. Kiev dijo que los 120 liberados llevaban en cautiverio desde 2022."),
    ],
)
def test_how_long_the_people_were_held_is_not_the_time_their_figure_counts(lang, text):
    """'held since 2022', 'в полоні з 2022 року': the start of their captivity, not of the count; the day is the swap's."""
    assert days(text, dt.date(2025, 3, 10), lang) == [(120, "2025-03-08", "2025-03-08")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "News\n\nPublished: 10 March 2025\n\nSince 2022, 5,000 Ukrainians have returned from captivity."),
        ("uk", "Новини\n\n10 березня 2025 року\n\nЗ 2022 року з полону повернулися 5000 українців."),
        ("ru", "Новости\n\n10 марта 2025 года\n\nС 2022 года из плена вернулись 5000 украинцев."),
    ],
)
def test_a_count_since_a_year_still_runs_from_it(lang, text):
    """The held-since asides leave a count since a start alone: 'returned from captivity since 2022' counts from 2022."""
    assert days(text, dt.date(2025, 3, 10), lang) == [(5000, "2022", "2025-03-10")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "In its report of February 2025 the monitoring mission said that, by its own careful count, it had recorded 79 executions of prisoners since August 2024."),
        ("uk", "У лютому 2025 року моніторингова місія у своїй доповіді повідомила, що за її ретельними підрахунками зафіксувала 79 страт полонених з серпня 2024 року."),
        ("ru", "В феврале 2025 года мониторинговая миссия в своём докладе сообщила, что по её тщательным подсчётам зафиксировала 79 казней пленных с августа 2024 года."),
    ],
)
def test_a_total_since_a_start_ends_on_the_later_date_its_sentence_opens_with(lang, text):
    """The date that opens the sentence ends a count since a start, however far before the figure it stands."""
    assert days(text, dt.date(2025, 3, 10), lang, measure="executions") == [(79, "2024-08", "2025-02")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "News\n\nIn a report released in October 2024, the UN mission said 169 of 174 Ukrainian prisoners it interviewed described torture. It documented the deaths of 10 Ukrainian prisoners of war in captivity."),
        ("uk", "Новини\n\nУ доповіді, оприлюдненій у жовтні 2024 року, місія ООН повідомила, що 169 із 174 опитаних українських полонених розповіли про катування. Вона задокументувала смерть 10 українських військовополонених у полоні."),
        ("ru", "Новости\n\nВ докладе, опубликованном в октябре 2024 года, миссия ООН сообщила, что 169 из 174 опрошенных украинских пленных рассказали о пытках. Она задокументировала гибель 10 украинских военнопленных в плену."),
    ],
)
def test_a_reports_finding_told_in_the_sentence_after_its_date_stands_on_that_date(lang, text):
    """The report's findings run over two sentences: the deaths it documented stand as of its date, not the page's;
    "of 174 ... interviewed" is a sample, and the death of prisoners counts deaths in custody."""
    facts = pipeline.annotate(text, published=dt.date(2026, 2, 5), lang=lang, prefilter=False)._.facts
    assert [(f.value, f.measure, f.date.start, f.date.end) for f in facts] == [
        (169, "torture", "2024-10", "2024-10"), (10, "deaths_in_custody", None, "2024-10"),
    ]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("en", "The last swap took place on 2 October last year, when 185 soldiers came home.", (185, "2025-10-02", "2025-10-02")),
        ("uk", "Попередній обмін відбувся 2 жовтня минулого року: повернулися 185 військових.", (185, "2025-10-02", "2025-10-02")),
        ("ru", "В августе прошлого года из плена вернулись 146 военных.", (146, "2025-08", "2025-08")),
        ("es", "El 2 de octubre del año pasado regresaron a casa 185 prisioneros de guerra.", (185, "2025-10-02", "2025-10-02")),
        ("uk", "У серпні торік додому повернулися 146 військових.", (146, "2025-08", "2025-08")),
    ],
)
def test_a_day_or_month_of_last_year_is_that_day_of_the_year_before_the_page(lang, text, expected):
    """'2 October last year', 'в августе прошлого года': the relative year places the day; it is no date of its own."""
    assert days(text, dt.date(2026, 2, 6), lang) == [expected]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Until February, the swaps had stalled for months. On 5 February, 157 prisoners came home."),
        ("es", "Hasta febrero, los canjes llevaban meses paralizados. El 5 de febrero regresaron a casa 157 prisioneros de guerra."),
    ],
)
def test_a_figures_own_day_is_not_stretched_to_an_as_of_month_told_in_its_line(lang, text):
    """A figure-less sentence with a month before the figure's own day does not make the day a stretch up to that month."""
    assert days(text, dt.date(2026, 3, 5), lang) == [(157, "2026-02-05", "2026-02-05")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("uk", "Огляд року\n\n▪ 23–25 травня. Упродовж трьох днів тривав обмін. Додому повернулися 1000 українців.\n\n▪ 2 жовтня. Ще один обмін."),
        ("en", "The year in review\n\n• 23-25 May. The swap ran over three days. In all, 1,000 Ukrainians came home.\n\n• 2 October. Another swap."),
    ],
)
def test_a_line_that_opens_with_a_stretch_of_days_dates_its_figures(lang, text):
    """A chronicle's item opening with the days of a swap in stages ("23–25 травня.") dates what the item tells."""
    assert days(text, dt.date(2026, 1, 5), lang) == [(1000, "2025-05-23", "2025-05-25")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The headquarters said last month that 2,310 people were freed in 2025."),
        ("ru", "Штаб сообщил в январе, что в 2025 году из плена освобождены 2310 человек."),
        ("uk", "Штаб повідомив у січні, що у 2025 році з полону звільнено 2310 людей."),
        ("es", "El centro informó el mes pasado de que en 2025 fueron liberadas 2.310 personas."),
    ],
)
def test_the_day_a_figure_was_said_gives_way_to_the_period_it_counts(lang, text):
    """'said last month that 2,310 were freed in 2025': the statement's day is not the figure's."""
    assert days(text, dt.date(2026, 2, 6), lang) == [(2310, "2025", "2025")]


def test_a_total_since_a_start_still_ends_on_the_day_it_was_said():
    text = "The president said on 28 July 2025 that 5,857 Ukrainians had come home since 2022."
    assert days(text, dt.date(2025, 8, 19)) == [(5857, "2022", "2025-07-28")]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("en", "The ombudsman said on 13 December 2024 that 177 executions had been confirmed since the start of the full-scale invasion.",
         (177, "2022-02-24", "2024-12-13")),
        ("ru", "Омбудсмен 13 декабря 2024 года сообщил, что 177 казней подтверждены с начала полномасштабного вторжения.",
         (177, "2022-02-24", "2024-12-13")),
        # the war's start told between the day and the figure
        ("uk", "14 березня омбудсман повідомив, що від початку повномасштабного вторгнення зафіксовано 177 страт полонених.",
         (177, "2022-02-24", "2024-03-14")),
        ("ru", "14 марта омбудсмен сообщил, что с начала полномасштабного вторжения зафиксировано 177 казней пленных.",
         (177, "2022-02-24", "2024-03-14")),
        ("es", "El 14 de marzo el defensor del pueblo dijo que desde el inicio de la invasión a gran escala se han registrado 177 ejecuciones.",
         (177, "2022-02-24", "2024-03-14")),
        ("en", "On 14 March the ombudsman said that since the start of the full-scale invasion 177 executions had been recorded.",
         (177, "2022-02-24", "2024-03-14")),
    ],
)
def test_a_day_told_before_a_total_since_the_war_began_ends_it(lang, text, expected):
    """The war's start told after the figure with no other figure between starts its count, or told between the day and
    the figure with no other figure from the one to the other; the day before it ends it."""
    assert days(text, dt.date(2025, 1, 10), lang, measure="executions") == [expected]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "In October 2024 Russia returned 501 bodies, the largest transfer since the full-scale invasion."),
        ("en", "In October 2024 Russia returned 501 bodies, the largest transfer since Moscow launched its invasion."),
        ("uk", "У жовтні 2024 року Росія повернула 501 тіло — найбільша передача з початку повномасштабного вторгнення."),
        ("ru", "В октябре 2024 года Россия вернула 501 тело — крупнейшая передача с начала полномасштабного вторжения."),
        ("es", "En octubre de 2024 Rusia devolvió 501 cuerpos, la mayor entrega desde el inicio de la invasión."),
    ],
)
def test_a_record_since_the_war_began_starts_no_count(lang, text):
    """'the largest transfer since the full-scale invasion' measures a record: the figure keeps its own month."""
    assert days(text, dt.date(2025, 1, 10), lang, measure="bodies_returned") == [(501, "2024-10", "2024-10")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("As of the evening of 28 April 2022, 88 civilians were still being held hostage.", (88, None, "2022-04-28")),
        ("As of the end of 2024, 8,000 Ukrainians were still held in Russia.", (8000, None, "2024")),
    ],
)
def test_as_of_the_evening_or_the_end_of_a_date_is_as_of_it(text, expected):
    """'as of the evening of 28 April 2022': a state told as of that day, with no start."""
    assert days(text, dt.date(2025, 8, 19), measure="held") == [expected]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("uk", "А 31 грудня, напередодні Нового року, додому повернулися 140 захисників.", (140, "2022-12-31", "2022-12-31")),
        ("ru", "А 31 декабря, накануне Нового года, домой вернулись 82 военных.", (82, "2022-12-31", "2022-12-31")),
        ("uk", "У неділю, напередодні Великодня, з полону повернулися 130 військових.", (130, "2023-04-09", "2023-04-09")),
        ("ru", "В воскресенье, накануне Пасхи, из плена вернулись 130 военных.", (130, "2023-04-09", "2023-04-09")),
    ],
)
def test_on_the_eve_of_an_occasion_is_not_the_day_before(lang, text, expected):
    """'накануне Нового года', 'напередодні Великодня': the eve of an occasion, not "the day before" (date.yesterday)."""
    assert days(text, dt.date(2023, 4, 12), lang) == [expected]


@pytest.mark.parametrize(
    "lang, text",
    [("uk", "Напередодні з полону повернулися 130 військових."), ("ru", "Накануне вечером из плена вернулись 130 военных.")],
)
def test_the_day_before_alone_is_still_the_day_before(lang, text):
    assert days(text, dt.date(2023, 4, 12), lang) == [(130, "2023-04-11", "2023-04-11")]


@pytest.mark.parametrize("text", ["It was the 49th exchange of the war.", "Kyiv called it the 49th of the full-scale war."])
def test_an_exchanges_number_in_the_wars_series_counts_from_the_start_of_the_war(text):
    text = "On Wednesday 230 soldiers came home. " + text
    assert days(text, dt.date(2024, 1, 3), measure="exchanges") == [(49, "2022-02-24", "2024-01-03")]


def test_the_largest_exchange_of_the_war_starts_no_count():
    text = "It was the largest exchange of the war: on Wednesday 230 soldiers came home."
    assert days(text, dt.date(2024, 1, 3)) == [(230, "2024-01-03", "2024-01-03")]


def test_a_weekday_with_a_day_of_the_month_dates_its_figure_and_the_weekdays_after_it():
    text = "La primera ronda terminó con un acuerdo. El viernes 23 volvieron a Ucrania 390 personas; el domingo, otros 303."
    assert days(text, dt.date(2025, 7, 25), "es") == [(390, "2025-05-23", "2025-05-23"), (303, "2025-05-25", "2025-05-25")]



@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "As of 1 April 2025, 4,550 had come home from captivity, and as of 20 May 2025, 5,100."),
        ("uk", "Станом на 1 квітня 2025 року з полону повернулися 4 550 людей, а станом на 20 травня 2025 року — 5 100."),
        ("ru", "По состоянию на 1 апреля 2025 года из плена вернулись 4 550 человек, а по состоянию на 20 мая 2025 года — 5 100."),
    ],
)
def test_two_as_of_days_in_one_sentence_each_end_the_figure_nearest_to_it(lang, text):
    """Each running total ends on its own "as of", not on the last one its sentence tells."""
    ends = [end for _, _, end in days(text, dt.date(2025, 6, 2), lang)]
    assert ends == ["2025-04-01", "2025-05-20"]


@pytest.mark.parametrize(
    "lang, text, measure, expected",
    [
        ("en", "In June 2023 the UN mission said it had verified 77 executions since the start of the full-scale invasion.", "executions", [(77, "2022-02-24", "2023-06")]),
        ("uk", "У грудні 2025 року омбудсман заявив, що від початку повномасштабного вторгнення з полону повернулися 6 000 людей.", "released", [(6000, "2022-02-24", "2025-12")]),
        ("ru", "В декабре 2025 года омбудсмен заявил, что с начала войны из плена вернулись 6000 человек.", "released", [(6000, "2022-02-24", "2025-12")]),
    ],
)
def test_a_month_told_before_a_count_since_the_war_began_ends_it(lang, text, measure, expected):
    """The month a statement was made in, told before the war's start and the figure, ends the count (as a day does);
    the count does not run on to the page's date."""
    assert days(text, dt.date(2026, 3, 1), lang, measure) == expected


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Russia and Ukraine swapped prisoners today. The previous exchange, we recall, took place on 2 October.\n\n"
               "Some 157 Ukrainians came home, the ombudsman said. Then 185 soldiers had come home."),
        ("uk", "Сьогодні, у четвер, відбувся обмін полоненими. Попередній обмін, нагадаємо, був ще 2 жовтня.\n\n"
               "Додому повернулися 157 українців. Тоді додому повернулися 185 військових."),
        ("ru", "Сегодня, в четверг, прошел обмен пленными. Предыдущий обмен, напомним, состоялся 2 октября.\n\n"
               "Домой вернулись 157 украинцев. Тогда домой вернулись 185 военных."),
        ("es", "Rusia y Ucrania canjearon prisioneros hoy. El canje anterior, recordemos, fue el 2 de octubre.\n\n"
               "Regresaron a casa 157 ucranianos. Entonces regresaron 185 militares."),
    ],
)
def test_the_day_of_a_previous_exchange_dates_only_its_own_paragraph(lang, text):
    """After the story's own exchange, "the previous exchange was on 2 October" is an aside: the figures of the next
    paragraph take the story's day, not the earlier one."""
    assert days(text, dt.date(2026, 2, 5), lang)[0] == (157, "2026-02-05", "2026-02-05")


@pytest.mark.parametrize(
    "lang, text",
    [
        ("uk", "Сьогодні відбувся обмін полоненими. Попередній обмін відбувся 2 жовтня. Тоді додому повернулися 185 військових."),
        ("ru", "Сегодня прошел обмен пленными. Предыдущий обмен состоялся 2 октября. Тогда домой вернулись 185 военных."),
    ],
)
def test_the_day_of_a_previous_exchange_dates_the_rest_of_its_paragraph(lang, text):
    """"Тоді" in the same paragraph goes on telling the previous exchange."""
    assert days(text, dt.date(2026, 2, 5), lang) == [(185, "2025-10-02", "2025-10-02")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "After a pause that had lasted since October, the sides swapped prisoners on 5 February: 157 Ukrainians came home."),
        ("uk", "Після паузи, що тривала з жовтня, сторони провели обмін 5 лютого: додому повернулися 157 українців."),
        ("ru", "После паузы, длившейся с октября, стороны провели обмен 5 февраля: домой вернулись 157 украинцев."),
        ("es", "Tras una pausa que duraba desde octubre, las partes hicieron un canje el 5 de febrero: volvieron a casa 157 ucranianos."),
    ],
)
def test_a_pause_since_a_month_starts_no_count(lang, text):
    """The month a pause in exchanges began measures the gap: the figure is of its exchange day, not a count since
    October."""
    assert days(text, dt.date(2026, 2, 6), lang) == [(157, "2026-02-05", "2026-02-05")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "How Kyiv and Moscow count the same swaps\n\nOn Friday, 6 March, 500 prisoners came home.\n\nSeptember 2022\n\n"
               "Kyiv: 215 people came home from captivity."),
        ("ru", "Как Киев и Москва считают одни и те же обмены\n\nВ пятницу, 6 марта, домой вернулись 500 пленных.\n\nСентябрь 2022 года\n\n"
               "Киев: из плена вернулись 215 человек."),
    ],
)
def test_a_month_heading_dates_the_section_below_it(lang, text):
    """A heading that is a month ("September 2022") dates the undated transfers of its section, not the lead's day."""
    assert days(text, dt.date(2026, 3, 7), lang)[-1] == (215, "2022-09", "2022-09")


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "The periodic report covers 1 June to 30 November 2025.\n\nGeneva, 9 December 2025\n\n"
               "The mission found that 14 Ukrainian prisoners of war were executed during the reporting period."),
        ("uk", "Доповідь охоплює 1 червня – 30 листопада 2025 року. Її оприлюднили 9 грудня 2025 року.\n\n"
               "За звітний період місія зафіксувала страту 14 українських військовополонених."),
        ("ru", "Доклад охватывает 1 июня – 30 ноября 2025 года. Его опубликовали 9 декабря 2025 года.\n\n"
               "За отчетный период миссия зафиксировала казни 14 украинских военнопленных."),
    ],
)
def test_the_reporting_period_named_without_dates_is_the_reports_stated_period(lang, text):
    """"During the reporting period" dates a count of harms with the period the report stated, though the day it was
    published stands between."""
    assert days(text, dt.date(2025, 12, 16), lang, "executions") == [(14, "2025-06-01", "2025-11-30")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Talks resumed in June. The first large batch arrived on Wednesday, 11 June.\nThen Russia handed over 1,212 bodies."),
        ("uk", "Переговори відновилися в червні. Перша партія прибула в середу, 11 червня.\nТоді Росія передала 1212 тіл."),
        ("ru", "Переговоры возобновились в июне. Первая партия прибыла в среду, 11 июня.\nТогда Россия передала 1212 тел."),
        ("es", "Las conversaciones se reanudaron en junio. La primera entrega llegó el miércoles 11 de junio.\nEntonces Rusia entregó 1.212 cuerpos."),
    ],
)
def test_then_opening_a_sentence_is_the_day_last_named(lang, text):
    """'Тоді', 'Тогда', 'Then' opening a sentence without a day of its own: the transfer took place on the day named
    just before, not on the page's date."""
    assert days(text, dt.date(2025, 6, 20), lang, "bodies_returned") == [(1212, "2025-06-11", "2025-06-11")]


#: a long read's opening paragraph, with no figure and no date
INTRO = {
    "en": " ".join(["Each round of talks ended with a number that both delegations repeated to the press."] * 8),
    "uk": " ".join(["Кожен раунд перемовин закінчувався цифрою, яку обидві делегації повторювали журналістам."] * 8),
}


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "What was promised and what came\n\nEvery round of talks ended with a number. Here is how each one went.\n\n"
               "BEFORE THE TALKS\n\nKyiv asked for an exchange of all for all.\n\nTALKS IN ISTANBUL, FIRST ROUND – MAY 16, 2025\n\nPromised: 1,000 for 1,000.\n\n"
               "- May 23: 390 came home.\n- May 25: 303 came home.\n\nTALKS IN ABU DHABI, LAST ROUND – FEBRUARY 4, 2026\n\n- February 5: 157 came home.\n"),
        ("uk", "Що обіцяли і що виконали\n\nКожен раунд перемовин закінчувався цифрою. Ось як минув кожен.\n\n"
               "ДО ПЕРЕМОВИН\n\nКиїв просив обміну всіх на всіх.\n\nРАУНД ПЕРШИЙ – 16 ТРАВНЯ 2025 РОКУ, СТАМБУЛ\n\nОбіцяли: 1000 на 1000.\n\n"
               "- 23 травня: повернулися 390 людей.\n- 25 травня: повернулися 303 людини.\n\nРАУНД ДРУГИЙ – 4 ЛЮТОГО 2026 РОКУ, АБУ-ДАБІ\n\n- 5 лютого: повернулися 157 людей.\n"),
    ],
)
def test_a_heading_with_a_full_date_places_the_year_less_days_of_its_section(lang, text):
    """An undated page in sections headed by a full date ("TALKS IN ISTANBUL, FIRST ROUND – MAY 16, 2025"): the heading's year
    places the year-less days below it, not the latest year the page names. (The intro is long, as a long read's is:
    a lone full date in a page's first lines is its own date.)"""
    title, rest = text.split("\n\n", 1)
    text = title + "\n\n" + INTRO[lang] + "\n\n" + rest
    found = [d for d in days(text, None, lang) if d[0] != 1000]
    assert found == [(390, "2025-05-23", "2025-05-23"), (303, "2025-05-25", "2025-05-25"), (157, "2026-02-05", "2026-02-05")]


def test_a_numbered_heading_ends_the_year_section_a_numbered_heading_before_it_opened():
    """A listicle's "4. 2025 was the busiest year" places the days of its own section; "5. Bodies and abuse" that
    follows ends that section, so "At the end of January" under it is the page's January, not 2025's."""
    text = (
        "Swaps are back: what to know\n\nFebruary 15, 2026\n\n"
        "4. 2025 was the busiest year\n\nIn March, 175 soldiers came home.\n\n"
        "5. Bodies and abuse are part of the same talks\n\nAt the end of January Ukraine received 1,000 bodies.\n"
    )
    assert days(text, dt.date(2026, 2, 15), "en") == [(175, "2025-03", "2025-03")]
    assert days(text, dt.date(2026, 2, 15), "en", "bodies_returned") == [(1000, "2026-01", "2026-01")]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Swaps resume\n\nRussia and Ukraine swapped prisoners again on 5 February.\n\nEach side told it its own way. The Coordination Headquarters said 150 soldiers had come home, and called it the 71st exchange since the full-scale invasion."),
        ("uk", "Обміни відновилися\n\n5 лютого Україна і Росія знову обміняли полонених.\n\nКожна сторона розповіла про це по-своєму. Координаційний штаб повідомив, що додому повернулися 150 військових, і назвав це 71-м обміном від початку повномасштабного вторгнення."),
    ],
)
def test_an_exchanges_number_in_the_series_ends_on_the_day_of_the_swap_its_sentence_tells(lang, text):
    """'... 150 soldiers had come home [the swap of 5 February, told a paragraph before], and called it the 71st exchange
    since the invasion', on a page of 15 February: the count of exchanges runs to that swap's day, not to the page's."""
    assert days(text, dt.date(2026, 2, 15), lang, "exchanges") == [(71, "2022-02-24", "2026-02-05")]
