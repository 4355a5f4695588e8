"""components.published: the document's own date from its text."""

import datetime as dt

import pytest

from powfacts.pipeline.components.published import PublishedFinder
from powfacts import pipeline
from powfacts.pipeline import build


def annotate(text, **kwargs):
    """The pipeline on the whole text: no prefilter, so every component sees every line."""
    return pipeline.annotate(text, prefilter=False, **kwargs)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Prisoner news\n date 2022-10-17\nKyiv freed 5 men.", dt.date(2022, 10, 17)),
        ("Published: DECEMBER 31, 2022 17:47\nKyiv freed 5 men.", dt.date(2022, 12, 31)),
        ("Flux\n4 juin 2025 à 14:58\nKyiv freed 5 men.", dt.date(2025, 6, 4)),
        ("Text adopted by the Assembly on 24 June 2025 (20th sitting).", dt.date(2025, 6, 24)),
        ("Updated on 3 March 2024\nKyiv freed 5 men.", dt.date(2024, 3, 3)),
    ],
)
def test_datelines(text, day):
    assert annotate(text)._.published == day


def test_no_date_in_the_text_keeps_the_given_date():
    given = dt.date(2025, 1, 2)
    assert annotate("Kyiv freed 5 men.", published=given)._.published == given
    assert annotate("Kyiv freed 5 men.")._.published is None


def test_a_given_date_beats_the_texts_own():
    assert annotate("Published: 4 June 2025 14:58\nKyiv freed 5 men.", published=dt.date(2020, 1, 1))._.published == dt.date(2020, 1, 1)


def test_the_texts_date_is_found_when_none_is_given():
    assert annotate("Published: 4 June 2025 14:58\nKyiv freed 5 men.")._.published == dt.date(2025, 6, 4)


def test_a_dateline_anywhere_beats_an_early_lone_date():
    text = "On 6 May 2025 Kyiv freed 5 men.\n" + "More text here. " * 60 + "\nPublished: 4 June 2025 14:58"
    assert annotate(text)._.published == dt.date(2025, 6, 4)


def test_a_lone_date_late_in_the_text_is_not_the_document_date():
    text = "Words without dates. " * 40 + "Kyiv freed 5 men on 6 May 2025."
    assert annotate(text)._.published is None


def test_a_month_alone_is_not_a_document_date():
    assert annotate("Published: February 2025\nKyiv freed 5 men.")._.published is None


def test_match_then_set_annotations():
    nlp = build("en")
    finder = nlp.get_pipe("powfacts_published")
    assert isinstance(finder, PublishedFinder)
    doc = nlp.tokenizer.whole("Published: 4 June 2025 14:58\nKyiv freed 5 men.")
    doc._.published = None
    for name in nlp.pipe_names[: nlp.pipe_names.index("powfacts_published")]:  # every component that runs before it
        doc = nlp.get_pipe(name)(doc)
    found = finder.match(doc)
    assert found
    assert doc._.published is None  # match() decides, set_annotations() writes
    finder.set_annotations(doc, found)
    assert doc._.published == dt.date(2025, 6, 4)
    finder.set_annotations(doc, None)  # nothing found keeps what was there
    assert doc._.published == dt.date(2025, 6, 4)


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("en", "Swap story\nODESA, Feb 14 (Agency) - Kyiv said 60 men came home. It was the fourth swap of 2025.", dt.date(2025, 2, 14)),
        ("es", "Canje\nLeópolis, 9 sep (Agencia).- Volvieron 60 soldados; en 2024 fueron 1.358.", dt.date(2024, 9, 9)),
        ("ru", "Обмен\nКИЕВ, 30 апреля. /Агентство/. Вернули 60 человек, в 2023 году их было больше.", dt.date(2023, 4, 30)),
        ("uk", "Обмін\nЛЬВІВ. 11 листопада. Повернули 60 захисників, у 2025 році це десятий обмін.", dt.date(2025, 11, 11)),
        ("en", "Release\n(Geneva, June 3, 2024) – The mission counted 12 cases.", dt.date(2024, 6, 3)),
        ("ru", "Новости\n3 мар. 2025, 09:15\nВ четверг вернули 60 человек.", dt.date(2025, 3, 3)),
        ("es", "Un año\nKiev, 24 feb (EFE).- Desde el 17 de marzo de 2022 volvieron 1.863 ucranianos.", dt.date(2023, 2, 24)),
        ("en", "A year on\nKYIV, Feb 24 (Agency) - Since the first swap on 17 March 2022, 1,863 came home.", dt.date(2023, 2, 24)),
        ("en", "A year on\nKYIV, Mar 20 (Agency) - Since the first swap on 17 March 2022, 1,863 came home.", dt.date(2022, 3, 20)),
        ("es", "Canje\nKiev, 6 mar (Agencia).- Volvieron 300 soldados, el primer canje desde octubre de 2025.", dt.date(2026, 3, 6)),
        ("en", "Swap\nKYIV, Mar 6 (Agency) - 300 soldiers came home, the first swap since October 2025.", dt.date(2026, 3, 6)),
        ("ru", "Обмен\nКИЕВ, 6 марта. /Агентство/. Вернули 300 военных, это первый обмен с октября 2025 года.", dt.date(2026, 3, 6)),
        ("en", "Swap\nKYIV, Nov 6 (Agency) - 300 soldiers came home, the first swap since October 2025.", dt.date(2025, 11, 6)),
        ("en", "Bodies\nKYIV/MOSCOW, Feb 26 - Russia handed over 1,000 bodies, the first since October 2025.", dt.date(2026, 2, 26)),
        ("ru", "Тела\nМОСКВА/КИЕВ, 26 февраля. Россия передала 1000 тел, впервые с октября 2025 года.", dt.date(2026, 2, 26)),
    ],
)
def test_agency_datelines_take_the_year_the_text_states(lang, text, day):
    assert annotate(text, lang=lang)._.published == day


def test_a_dateline_without_a_year_in_a_text_without_one_leaves_the_date_unknown():
    doc = annotate("ODESA, Feb 14 (Agency) - Kyiv said 60 men came home on Thursday.")
    assert doc._.published is None
    assert [f.date for f in doc._.facts] == [None]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Canje\nKiev, 25 may (Agencia).- Volvieron 303 soldados, el mayor canje desde febrero de 2022."),
        ("es", "Canje\nMoscú, 19 abr (Agencia).- Volvieron 246 militares. Rusia lleva la guerra desde el 24 de febrero de 2022."),
        ("en", "Swap\nKYIV, May 25 (Agency) - 303 soldiers came home, the largest swap since February 2022."),
        ("uk", "Обмін\nКИЇВ, 25 травня. Повернули 303 захисників, це найбільший обмін з лютого 2022 року."),
        ("ru", "Обмен\nМОСКВА, 19 апреля. /Агентство/. Вернули 246 военных. Боевые действия идут с 24 февраля 2022 года."),
    ],
)
def test_the_start_of_the_full_scale_war_gives_a_dateline_no_year(lang, text):
    """"The largest since February 2022" says nothing of when the text was written: the date stays unknown."""
    assert annotate(text, lang=lang)._.published is None


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("es", "Canje\nMoscú/Kiev, 2 oct (EFE).- Rusia y Ucrania canjearon 185 prisioneros por bando.\n\n(c) EFE 2025 Todos los derechos reservados.", dt.date(2025, 10, 2)),
        ("en", "Swap\nKYIV, Oct 2 (Agency) - Russia and Ukraine swapped 185 prisoners each.\n\n© 2025 Agency. All rights reserved.", dt.date(2025, 10, 2)),
        ("ru", "Обмен\nМОСКВА, 2 октября. /Агентство/. Россия и Украина обменялись пленными, 185 на 185.\n\n© 1999–2025 Агентство", dt.date(2025, 10, 2)),
    ],
)
def test_a_copyright_notices_year_places_a_year_less_dateline(lang, text, day):
    """Its year is a year the text states, at the foot of the page: the prefilter keeps its block as a dateline's."""
    head, _, foot = text.rpartition("\n\n")
    text = head + "\n\n" + "The council met to discuss the roads.\n\n" * 20 + foot
    assert pipeline.annotate(text, lang=lang, prefilter=True)._.published == day
    assert annotate(text, lang=lang)._.published == day


def test_the_year_of_a_text_that_names_its_own_year_still_places_its_dateline():
    assert annotate("Canje\nMADRID, 31 Dic. (Agencia) - Rusia y Ucrania confirmaron este sábado el último canje de 2022.", lang="es")._.published == dt.date(2022, 12, 31)


def test_a_day_named_later_in_the_text_is_no_dateline():
    text = "Release\n(Geneva, June 3, 2024) – The mission counted 12 executions.\n" + "More prose here. " * 40 + "\nA video was posted on February 19."
    assert annotate(text)._.published == dt.date(2024, 6, 3)


_ARTICLES_UK = "".join(f"{n}. Стаття про порядок звернень до міжнародних організацій щодо полонених, пункт {n}.\n\n" for n in range(1, 12))
_ARTICLES_RU = "".join(f"{n}. Статья о порядке обращений к международным организациям по делам пленных, пункт {n}.\n\n" for n in range(1, 12))


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        ("ПОСТАНОВА\n\n" + _ARTICLES_UK + "Голова Верховної Ради України\n\nм. Київ\n23 квітня 2025 року\n№ 4361-IX\n", "uk", dt.date(2025, 4, 23)),
        ("ЗАКОН УКРАЇНИ\n\n" + _ARTICLES_UK + "Президент України\n\nм. Київ, 12 березня 2024 року, № 3621-IX\n", "uk", dt.date(2024, 3, 12)),
        ("ПОСТАНОВЛЕНИЕ\n\n" + _ARTICLES_RU + "Председатель Правительства\n\nг. Москва\n5 мая 2023 г.\n№ 712\n", "ru", dt.date(2023, 5, 5)),
        ("УКАЗ\n\n" + _ARTICLES_RU + "Президент Российской Федерации\n\nМосква, Кремль\n23 апреля 2025 года\n№ 281\n", "ru", dt.date(2025, 4, 23)),
    ],
)
def test_an_acts_signature_block_dates_it_wherever_it_stands(text, lang, day):
    """Place, date and number at the foot of a law, resolution or decree: the act's own date, far below the top."""
    assert text.index("№") > 600
    assert annotate(text, lang=lang)._.published == day


def test_an_act_cited_with_its_date_does_not_date_the_document():
    text = "ПОСТАНОВА\n\n" + _ARTICLES_UK + "Відповідно до Закону України від 12 травня 2015 року № 389-VIII Верховна Рада постановляє.\n"
    assert annotate(text, lang="uk")._.published is None


@pytest.mark.parametrize(
    "line",
    ["19 Abr, 2025 02:47 p.m. EST", "19 abr. 2025 - 14:47", "Sábado, 19 abr. 2025 14:47"],
)
def test_a_spanish_short_month_with_a_comma_or_full_stop_before_the_year_dates_the_page(line):
    text = f"Canje de prisioneros\n\n{line}\nPor Redacción\n\nUcrania recuperó 246 soldados."
    assert annotate(text, lang="es")._.published == dt.date(2025, 4, 19)


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("uk", "ОНОВЛЕННЯ\n\nЗвітний період: 01.01.2026 – 31.03.2026\nДата оприлюднення: 7 квітня 2026 року\n\nПовернуто 659 людей.", dt.date(2026, 4, 7)),
        ("ru", "ДОКЛАД\n\nОтчётный период: 01.07.2025 – 30.09.2025\nДата публикации: 14 октября 2025 года\n\nВернули 84 человека.", dt.date(2025, 10, 14)),
        ("en", "UPDATE\n\nReporting period: 01.12.2024 – 31.05.2025\nPublication date: 30 June 2025\n\nThe mission counted 12 executions.", dt.date(2025, 6, 30)),
        ("en", "UPDATE\n\nData as of 31 May 2025\nDate of issue: 30 June 2025\n\nThe mission counted 12 executions.", dt.date(2025, 6, 30)),
    ],
)
def test_a_labelled_date_of_publication_beats_the_reporting_period_above_it(lang, text, day):
    """'Дата оприлюднення:', 'Publication date:' name the page's date: the period's first day is not it."""
    assert annotate(text, lang=lang)._.published == day


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Доповідь\n\nУповноважений діє за Законом України від 12.07.2018 № 2505-VIII.\nУ 2025 році повернуто 2310 людей."),
        ("ru", "Доклад\n\nКомиссия действует по постановлению № 257 от 11 марта 2022 года.\nВ 2025 году вернули 1851 человека."),
        ("en", "Report\n\nThe office works under Resolution No. 257 of 11 March 2022.\nIn 2025, 2,310 people came home."),
    ],
)
def test_an_act_cited_by_its_date_and_number_near_the_top_does_not_date_the_page(lang, text):
    """A law's or resolution's date beside its number is the act's, however early it stands."""
    assert annotate(text, lang=lang)._.published is None


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("ru", "Обмен\nМОСКВА, 5 февраля. /Агентство/. Вернули 157 человек. Омбудсмен подвела итоги прошлого года: в 2025 году вернулись 1851 человек.", dt.date(2026, 2, 5)),
        ("uk", "Обмін\nКИЇВ, 5 лютого. /Агенція/. Повернули 157 людей. Штаб підбив підсумки минулого року. Упродовж 2025-го повернулися 2310 людей.", dt.date(2026, 2, 5)),
        ("en", "Swap\nKYIV, Feb 5 (Agency) - Kyiv freed 157 people. In 2025, 2,310 came home, the office said of last year.", dt.date(2026, 2, 5)),
        ("ru", "Обмен\nМОСКВА, 5 февраля. /Агентство/. Вернули 157 человек, в 2025 году это первый обмен.\nВ прошлом году обменов было больше.", dt.date(2025, 2, 5)),
    ],
)
def test_a_dateline_without_a_year_follows_a_year_the_text_calls_last_year(lang, text, day):
    """'The results of last year: in 2025 ...' under a year-less dateline: the page is from the year after 2025."""
    assert annotate(text, lang=lang)._.published == day


#: a post's body longer than the stretch where a lone date may date the text, so only the time stamp can
_POST_UK = "Нагадаю: минулого місяця додому повернулися 157 українців. " + "Ми продовжуємо працювати, щоб повернути всіх наших. " * 12
_POST_RU = "Сегодня домой вернулись 20 наших граждан. " + "Работа по возвращению всех наших людей продолжается. " * 12


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("uk", "Омбудсман\n\n" + _POST_UK + "\n\n#ПоверніВсіх\n\n3 березня 2026 · 19:41", dt.date(2026, 3, 3)),
        ("ru", "Уполномоченный\n\n" + _POST_RU + "\n\n👁 5,1K\n2 октября 2025 • 17:06", dt.date(2025, 10, 2)),
        ("ru", "Канал\n\n" + _POST_RU + "\n\n17:06 · 2 октября 2025", dt.date(2025, 10, 2)),
    ],
)
def test_a_posts_time_stamp_with_a_middle_dot_dates_it_wherever_it_stands(lang, text, day):
    """Social posts print their day and time joined by a dot ("3 березня 2026 · 19:41"), often at the foot."""
    assert annotate(text, lang=lang)._.published == day
