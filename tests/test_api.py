"""powfacts.api.extract_text: one behaviour of the guideline per test, on sentences written for the tests."""

import datetime as dt

import pytest

from powfacts.api import extract_paths, extract_text, parse_published
from powfacts.errors import UsageError


def only(text, **kwargs):
    """The single fact of ``text``."""
    facts = extract_text(text, **kwargs)
    assert len(facts) == 1, [(f.measure, f.figure.text) for f in facts]
    return facts[0]


def dates(fact):
    return (fact.date.start, fact.date.end) if fact.date else None


# -- the headline case ---------------------------------------------------------

def test_released_with_a_full_date():
    fact = only("On 6 May 2025, Ukraine returned 205 prisoners of war home.")
    assert (fact.measure, fact.value, fact.unit) == ("released", 205, "people")
    assert dates(fact) == ("2025-05-06", "2025-05-06")
    assert fact.date.text == "6 May 2025"
    assert fact.figure.text == "205"
    assert fact.population == "pow"
    assert fact.status == "reported"
    assert fact.per_side is False


# -- per side ------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Russia and Ukraine swapped 84 for 84 prisoners.", "The sides carried out an 84-for-84 swap."])
def test_x_for_x_is_per_side(text):
    fact = only(text)
    assert (fact.measure, fact.value, fact.per_side) == ("released", 84, True)
    assert fact.nationality is None


@pytest.mark.parametrize("text", ["On Sunday each side released 150 prisoners of war.",
                                  "150 prisoners of war were released by each side.",
                                  "The two sides swapped 150 prisoners of war each."])
def test_each_side_is_per_side(text):
    fact = only(text)
    assert (fact.measure, fact.value, fact.per_side) == ("released", 150, True)


def test_a_one_sided_release_is_not_per_side():
    assert only("Russia released 75 Ukrainian prisoners of war.").per_side is False


# -- qualifiers ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("word", "qualifier"),
    [("about", "approximately"), ("some", "approximately"), ("over", "more_than"), ("more than", "more_than"),
     ("at least", "at_least"), ("up to", "at_most"), ("almost", "less_than"), ("nearly", "less_than")],
)
def test_qualifier(word, qualifier):
    fact = only(f"Last spring Ukraine freed {word} 300 prisoners.")
    assert (fact.value, fact.qualifier) == (300, qualifier)
    assert fact.figure.text == "300"


def test_no_qualifier_is_exact():
    assert only("Ukraine freed 300 prisoners.").qualifier == "exact"


# -- figures -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("figure", "value"),
    [("two hundred", 200), ("One hundred and one", 101), ("sixty-two", 62), ("4 757", 4757), ("4\u00a0757", 4757),
     ("1,200", 1200), ("1.8 thousand", 1800)],
)
def test_figures_in_words_and_digits(figure, value):
    fact = only(f"Ukraine brought home {figure} prisoners of war.")
    assert fact.value == value
    assert fact.figure.text == figure


def test_figure_in_words_at_sentence_start():
    fact = only("Sixty-two exchanges have taken place.")
    assert (fact.measure, fact.value, fact.unit) == ("exchanges", 62, "exchanges")


# -- measures ------------------------------------------------------------------

def test_torture_percent():
    fact = only("95% of released POWs reported torture.")
    assert (fact.measure, fact.value, fact.unit) == ("torture", 95, "percent")


def test_torture_percent_in_words_with_qualifier():
    fact = only("More than 90 per cent of prisoners of war were tortured.")
    assert (fact.measure, fact.value, fact.unit, fact.qualifier) == ("torture", 90, "percent", "more_than")


def test_torture_percent_range():
    fact = only("Between 15-20% of the freed prisoners reported torture.")
    assert (fact.measure, fact.value, fact.low, fact.high, fact.unit) == ("torture", None, 15, 20, "percent")


def test_exchanges_from_an_ordinal():
    fact = only("The swap was the 69th exchange.")
    assert (fact.measure, fact.value, fact.unit, fact.figure.text) == ("exchanges", 69, "exchanges", "69th")


def test_exchanges_counted():
    fact = only("Ukraine and Russia have carried out 64 exchanges.")
    assert (fact.measure, fact.value, fact.unit) == ("exchanges", 64, "exchanges")


def test_ordinal_exchange_and_people_in_one_sentence():
    facts = extract_text("The 65th exchange freed 390 people.")
    assert [(f.measure, f.value) for f in facts] == [("exchanges", 65), ("released", 390)]


def test_executions():
    fact = only("Russian forces have executed at least 79 Ukrainian prisoners of war.")
    assert (fact.measure, fact.value, fact.qualifier, fact.unit) == ("executions", 79, "at_least", "people")


def test_executions_as_a_noun():
    assert only("The mission verified 24 executions of captured soldiers.").measure == "executions"


def test_deaths_in_custody():
    fact = only("At least 31 captured Ukrainian servicemen died in Russian custody.")
    assert (fact.measure, fact.value, fact.qualifier) == ("deaths_in_custody", 31, "at_least")


def test_bodies_returned():
    fact = only("Russia handed over the bodies of 909 fallen soldiers.")
    assert (fact.measure, fact.value, fact.unit) == ("bodies_returned", 909, "bodies")


def test_bodies_received():
    fact = only("Ukraine received 1,000 bodies.")
    assert (fact.measure, fact.value, fact.unit) == ("bodies_returned", 1000, "bodies")


def test_held():
    fact = only("Russia holds at least 8,000 Ukrainians captive.")
    assert (fact.measure, fact.value, fact.qualifier) == ("held", 8000, "at_least")


def test_held_in_captivity():
    assert only("About 10,000 Ukrainians remain in Russian captivity.").measure == "held"


def test_missing():
    fact = only("Nearly 50,000 people are registered as missing.")
    assert (fact.measure, fact.value, fact.qualifier) == ("missing", 50000, "less_than")


# -- status --------------------------------------------------------------------

def test_agreed_exchange_is_planned():
    fact = only("The sides agreed to exchange 1,000 for 1,000.")
    assert (fact.status, fact.per_side, fact.value) == ("planned", True, 1000)


@pytest.mark.parametrize("text", ["The sides are expected to swap 500 prisoners.",
                                  "Ukraine proposed to exchange 500 prisoners.",
                                  "The president announced that 500 prisoners would be exchanged."])
def test_expected_proposed_announced_are_planned(text):
    assert only(text).status == "planned"


def test_done_release_is_reported():
    assert only("Ukraine freed 500 prisoners.").status == "reported"


def test_sought_release_is_planned():
    assert only("Ukraine hopes to free 500 prisoners.").status == "planned"


# -- nationality and population ------------------------------------------------

def test_ukrainian_is_ua():
    assert only("Russia released 75 Ukrainian prisoners of war.").nationality == "UA"


def test_russian_is_ru():
    assert only("Ukraine released 75 Russian prisoners of war.").nationality == "RU"


def test_two_releases_get_their_own_nationality():
    facts = extract_text("Ukraine released 100 Russian prisoners and Russia released 100 Ukrainian prisoners.")
    assert [f.nationality for f in facts] == ["RU", "UA"]


def test_population_pow():
    assert only("Ukraine brought home 60 prisoners of war.").population == "pow"


def test_population_civilian():
    assert only("Russia freed 30 civilians.").population == "civilian"


def test_population_mixed():
    assert only("Russia freed 30 people, soldiers and civilians.").population == "mixed"


def test_split_into_military_and_civilians_gives_a_fact_each():
    facts = extract_text("Kyiv brought home 150 Ukrainians, including 120 soldiers and 30 civilians.")
    assert [(f.value, f.population) for f in facts][1:] == [(120, "pow"), (30, "civilian")]


# -- not facts -----------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "The men, aged 18-25, were released.",
        "A 26-year-old soldier was released.",
        "Under Article 13, prisoners of war must be released.",
        "In 2024 prisoners were released.",
        "He spent four months in captivity before he was released.",
        "He spent 4 months in captivity before he was released.",
        "Ukraine paid $5 million to free prisoners.",
        "Ukraine paid 5 million dollars to free prisoners.",
        "Over 46,000 soldiers have been killed.",
        "About 100,000 soldiers have been wounded.",
        "The report covers 454 released prisoners interviewed by the mission.",
        "Ukraine returned thousands of prisoners.",
    ],
)
def test_not_a_fact(text):
    assert extract_text(text) == []


def test_sample_size_is_not_a_fact_but_the_share_is():
    fact = only("Of the 454 released prisoners interviewed, 95% reported torture.")
    assert (fact.measure, fact.value, fact.unit) == ("torture", 95, "percent")


def test_times_are_not_facts():
    fact = only("At 9 a.m. on 6 May 2025, Ukraine freed 300 prisoners.")
    assert fact.value == 300
    fact = only("The prisoners were released at 10:30 on 6 May 2025, 40 of them.")
    assert fact.value == 40


def test_a_duration_beside_a_release_is_not_a_fact():
    assert [f.value for f in extract_text("The 95 prisoners were freed in 2024 after 18 months in captivity.")] == [95]


def test_age_range_in_years_old_is_not_a_fact():
    assert extract_text("The prisoners, 18 to 25 years old, were released.") == []


def test_release_after_a_casualty_clause_is_a_fact():
    fact = only("Over 46,000 soldiers have been killed and 300 prisoners were freed.")
    assert (fact.measure, fact.value) == ("released", 300)


def test_among_with_no_earlier_fact_still_counts():
    fact = only("A woman was among 100 civilians released.")
    assert (fact.measure, fact.value, fact.population) == ("released", 100, "civilian")


# -- dates ---------------------------------------------------------------------

def test_since_the_start_of_the_full_scale_war():
    fact = only("Since the start of the full-scale war, 5,000 Ukrainian prisoners of war have been freed.")
    assert fact.date.start == "2022-02-24"


def test_cumulative_total_ends_on_the_published_date():
    fact = only("Since the start of the full-scale war, 5,000 Ukrainian prisoners of war have been freed.", published="2025-06-04")
    assert dates(fact) == ("2022-02-24", "2025-06-04")


def test_as_of_a_month_ends_then():
    fact = only("As of February 2025, Russia held 8,000 Ukrainian prisoners of war.")
    assert fact.measure == "held"
    assert dates(fact) == (None, "2025-02")


def test_current_state_ends_on_the_published_date():
    fact = only("Russia holds 8,000 Ukrainian prisoners of war.", published="2025-06-04")
    assert dates(fact) == (None, "2025-06-04")


def test_month_precision():
    assert dates(only("In March 2025 Ukraine freed 300 soldiers.")) == ("2025-03", "2025-03")


def test_year_precision():
    assert dates(only("In 2023, 1,500 prisoners of war came home.")) == ("2023", "2023")


def test_day_range():
    assert dates(only("The 84 prisoners were freed on 7-8 June 2025.")) == ("2025-06-07", "2025-06-08")


def test_published_resolves_a_weekday():
    fact = only("On Thursday, Ukraine returned 205 prisoners of war home.", published="2025-06-04")
    assert dates(fact) == ("2025-05-29", "2025-05-29")
    assert fact.source.published == "2025-06-04"


def test_published_resolves_a_day_without_year():
    fact = only("On 6 May, Ukraine returned 205 prisoners of war home.", published=dt.date(2025, 6, 4))
    assert dates(fact) == ("2025-05-06", "2025-05-06")


def test_relative_month_against_published():
    assert dates(only("Last month Ukraine freed 300 soldiers.", published="2024-01-03")) == ("2023-12", "2023-12")


@pytest.mark.parametrize("text", ["On 6 May, Ukraine returned 205 prisoners of war home.",
                                  "On Thursday, Ukraine returned 205 prisoners of war home.",
                                  "Ukraine returned 205 prisoners of war home."])
def test_no_year_anywhere_gives_no_date(text):
    fact = only(text)
    assert fact.date is None
    assert fact.source.published is None


def test_an_undated_release_happens_on_the_published_day():
    assert dates(only("Ukraine returned 205 prisoners of war home.", published="2025-06-04")) == ("2025-06-04", "2025-06-04")


def test_a_given_published_date_wins_over_the_texts_dateline():
    text = "Published: 4 June 2025 14:58\n\nOn Monday, Ukraine returned 205 prisoners of war home."
    fact = only(text, published="2024-01-10")
    assert fact.source.published == "2024-01-10"
    assert dates(fact) == ("2024-01-08", "2024-01-08")


def test_the_texts_dateline_is_used_when_no_date_is_given():
    fact = only("Published: 4 June 2025 14:58\n\nOn Monday, Ukraine returned 205 prisoners of war home.")
    assert fact.source.published == "2025-06-04"
    assert dates(fact) == ("2025-06-02", "2025-06-02")


def test_invalid_published_is_a_usage_error():
    with pytest.raises(UsageError, match="invalid --published date 'June 4': expected YYYY-MM-DD"):
        extract_text("Ukraine freed 5 prisoners.", published="June 4")


def test_parse_published():
    assert parse_published(None) is None
    assert parse_published("2025-06-04") == dt.date(2025, 6, 4)


# -- records -------------------------------------------------------------------

TEXT = (
    "Kyiv, 6 May 2025\n"
    "Ukraine brought home 205 prisoners of war on Tuesday. It was the 64th exchange.\n"
    "Russia still holds about 8,000 Ukrainians, and 95% of those freed reported torture."
)


def test_records_are_sorted_by_figure_start():
    facts = extract_text(TEXT)
    assert len(facts) >= 4
    starts = [f.figure.start for f in facts]
    assert starts == sorted(starts)


def test_offsets_cite_the_text():
    for fact in extract_text(TEXT):
        assert TEXT[fact.figure.start:fact.figure.end] == fact.figure.text
        assert TEXT[fact.evidence.start:fact.evidence.end] == fact.evidence.text
        assert fact.evidence.start <= fact.figure.start and fact.figure.end <= fact.evidence.end


def test_evidence_is_the_sentence():
    facts = extract_text(TEXT)
    assert facts[0].evidence.text == "Ukraine brought home 205 prisoners of war on Tuesday."


def test_ids_are_stable_across_runs():
    assert [f.id for f in extract_text(TEXT)] == [f.id for f in extract_text(TEXT)]


def test_ids_are_unique_within_a_document():
    ids = [f.id for f in extract_text(TEXT)]
    assert len(ids) == len(set(ids))


def test_ids_differ_between_documents():
    first = extract_text("Ukraine freed 205 prisoners.")
    second = extract_text("Ukraine freed 205 prisoners!")
    assert first[0].figure == second[0].figure
    assert first[0].id != second[0].id


def test_source_names_path_hash_and_published():
    fact = extract_text(TEXT, path="story.txt")[0]
    assert fact.source.path == "story.txt"
    assert len(fact.source.sha256) == 64
    assert fact.source.published == "2025-05-06"


def test_every_fact_names_its_rules():
    for fact in extract_text(TEXT):
        assert fact.rules
        assert fact.rules == sorted(set(fact.rules))
        assert any(r.startswith("figure.") for r in fact.rules)


def test_empty_text_has_no_facts():
    assert extract_text("") == []
    assert extract_text("   \n\n ") == []


def test_extract_paths_reports_unreadable_files_and_goes_on(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Ukraine freed 12 prisoners.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    outcomes = list(extract_paths([str(tmp_path)]))
    assert [o.path for o in outcomes] == [str(good), str(tmp_path / "b.txt")]
    assert [f.value for f in outcomes[0].facts] == [12]
    assert outcomes[0].error is None
    assert outcomes[1].facts == [] and "empty file" in outcomes[1].error


# -- a document that cannot hold a fact never reaches the pipeline ----------------

UNRELATED = "The city council met on 3 March 2025 and approved a budget of 45 million euros.\n\nThe stadium will seat 12,000 fans by 2027."
POW_NEWS = "On 6 May 2025, Ukraine returned 205 prisoners of war home."


@pytest.fixture
def pipeline_calls(monkeypatch):
    """Every pipeline run and every Doc the tokenizer makes, counted (they still run), once the English pipeline is built
    (building it tokenizes the rules' phrases)."""
    from spacy.language import Language

    from powfacts.pipeline import tokenizer

    extract_text(POW_NEWS)
    calls = {"nlp": 0, "doc": 0}
    run, kept = Language.__call__, tokenizer._kept  # every Doc the tokenizer makes passes through _kept

    def counted(name, method):
        def call(*args, **kwargs):
            calls[name] += 1
            return method(*args, **kwargs)

        return call

    monkeypatch.setattr(Language, "__call__", counted("nlp", run))
    monkeypatch.setattr(tokenizer, "_kept", counted("doc", kept))
    return calls


@pytest.mark.parametrize("language", [None, "en"])
def test_a_document_that_cannot_hold_a_fact_gives_none_without_the_pipeline(pipeline_calls, language):
    assert extract_text(UNRELATED, language=language) == []
    assert pipeline_calls == {"nlp": 0, "doc": 0}


def test_a_document_with_a_fact_still_runs_the_pipeline_once(pipeline_calls):
    facts = extract_text(UNRELATED + "\n\n" + POW_NEWS)
    assert [(f.measure, f.value, f.figure.text) for f in facts] == [("released", 205, "205")]
    assert pipeline_calls == {"nlp": 1, "doc": 1}


def test_without_the_prefilter_every_document_runs_the_pipeline(pipeline_calls):
    from powfacts.api import extract_document
    from powfacts.inputs.readers import Document

    assert extract_document(Document.from_text(UNRELATED, "<text>"), prefilter=False) == []
    assert pipeline_calls == {"nlp": 1, "doc": 1}


def test_every_unrelated_page_the_pipeline_skips_has_no_fact_with_the_whole_pipeline():
    # benchmarks/unrelated: real-world news about other things; where the skip applies, the whole
    # pipeline on the whole text (no prefilter) finds nothing either
    from pathlib import Path

    from powfacts.api import extract_document
    from powfacts.inputs.readers import Document
    from powfacts.pipeline import screen
    from powfacts.pipeline.language import detect

    skipped = 0
    for path in sorted((Path(__file__).resolve().parents[1] / "benchmarks" / "unrelated").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if any(kept for _, _, kept in screen(text, detect(text))):
            continue
        skipped += 1
        document = Document.from_text(text, str(path))
        assert extract_document(document) == extract_document(document, prefilter=False) == []
    assert skipped >= 20


def test_a_text_over_the_pipelines_length_limit_fails_as_before_even_when_it_keeps_nothing(monkeypatch):
    # spaCy's make_doc refused such a text before the skip existed: the skip must not turn it into "no facts"
    from powfacts import pipeline

    monkeypatch.setattr(pipeline.build("en", None), "max_length", 20)  # the pipeline extract_document uses
    with pytest.raises(ValueError, match="E088"):
        extract_text(UNRELATED, language="en")
    with pytest.raises(ValueError, match="E088"):
        extract_text(POW_NEWS, language="en")
