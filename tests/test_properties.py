"""Properties that hold for any text: extraction never raises, offsets cite the text, output is deterministic."""

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powfacts.api import extract_text
from powfacts.facts.dates import KINDS, resolve
from powfacts.facts.numbers import compose, parse_digits

WORDS = [
    "Ukraine", "Russia", "Ukrainian", "Russian", "prisoners", "of", "war", "POWs", "civilians", "soldiers", "bodies",
    "exchange", "exchanges", "swap", "swapped", "freed", "released", "returned", "home", "held", "captivity", "missing",
    "executed", "executions", "died", "custody", "tortured", "torture", "reported", "agreed", "to", "each", "side",
    "for", "about", "over", "more", "than", "at", "least", "up", "almost", "nearly", "some", "the", "a", "and", "in",
    "on", "since", "as", "of", "start", "full-scale", "January", "February", "May", "June", "December", "Thursday",
    "last", "month", "year", "aged", "year-old", "Article", "$", "million", "killed", "interviewed", "hundred",
    "thousand", "one", "two", "sixty-two", "first", "69th", "Published:", "date", "%", "per", "cent", "-", "–", ",",
    ".", ":", "(", ")", "\u00a0", "\n", "\n\n", "Київ", "обмін", "военнопленных", "понад", "тыс.",
]
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=99999).map(str),
    st.integers(min_value=1, max_value=999).map(lambda n: f"{n},000"),
    st.integers(min_value=1, max_value=99).map(lambda n: f"{n} 757"),
    st.integers(min_value=1, max_value=99).map(lambda n: f"{n}\u00a0500"),
    st.integers(min_value=0, max_value=100).map(lambda n: f"{n}%"),
    st.integers(min_value=1, max_value=50).map(lambda n: f"{n}-{n + 5}"),
    st.integers(min_value=1, max_value=99).map(lambda n: f"{n} for {n}"),
    st.integers(min_value=1, max_value=9).map(lambda n: f"{n},8"),
    st.integers(min_value=1950, max_value=2030).map(str),
    st.integers(min_value=1, max_value=28).map(lambda n: f"{n} May 2025"),
    st.integers(min_value=1, max_value=28).map(lambda n: f"2024-06-{n:02d}"),
    st.integers(min_value=1, max_value=99).map(lambda n: f"{n}th"),
)
DOMAIN_TEXT = st.lists(st.one_of(st.sampled_from(WORDS), NUMBERS), min_size=1, max_size=40).map(" ".join)
ANY_TEXT = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)), st.sampled_from("0123456789 ,.%-\n\u00a0")),
    max_size=200,
)
PUBLISHED = st.one_of(st.none(), st.dates().filter(lambda d: 1990 <= d.year <= 2040))

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_offsets(text, facts):
    for fact in facts:
        assert text[fact.figure.start:fact.figure.end] == fact.figure.text
        assert text[fact.evidence.start:fact.evidence.end] == fact.evidence.text
        assert fact.evidence.start <= fact.figure.start <= fact.figure.end <= fact.evidence.end
        assert fact.rules
        if fact.date is not None and fact.date.span is not None:  # the date expression it came from
            assert text[fact.date.span.start:fact.date.span.end] == fact.date.span.text == fact.date.text
            assert fact.date.rule and fact.date.basis in ("text", "borrowed")
        if fact.date is not None and fact.date.basis == "document":
            assert fact.date.span is None and fact.source.published and fact.date.end == fact.source.published


def dump(facts):
    return json.dumps([f.model_dump(mode="json") for f in facts])


@SETTINGS
@given(text=ANY_TEXT)
def test_any_text_never_raises_and_offsets_hold(text):
    check_offsets(text, extract_text(text))


@SETTINGS
@given(text=DOMAIN_TEXT, published=PUBLISHED)
def test_domain_text_never_raises_and_offsets_hold(text, published):
    check_offsets(text, extract_text(text, published=published))


@settings(max_examples=60, deadline=None)
@given(text=DOMAIN_TEXT, published=PUBLISHED)
def test_extraction_is_deterministic(text, published):
    assert dump(extract_text(text, published=published)) == dump(extract_text(text, published=published))


@settings(max_examples=60, deadline=None)
@given(text=DOMAIN_TEXT)
def test_facts_are_sorted_and_ids_unique(text):
    facts = extract_text(text)
    starts = [(f.figure.start, f.figure.end, f.measure) for f in facts]
    assert starts == sorted(starts)
    assert len({f.id for f in facts}) == len(facts)


@settings(max_examples=60, deadline=None)
@given(text=DOMAIN_TEXT)
def test_dates_never_come_from_nowhere(text):
    """Without digits in the text and without a published date, no date may be resolved (never today's)."""
    facts = extract_text(text)
    if not any(ch.isdigit() for ch in text) and "since" not in text.lower():  # "since the full-scale war" fixes 2022-02-24
        assert all(f.date is None for f in facts)
        assert all(f.source.published is None for f in facts)


# -- the number parser and the date resolver --------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([",", " ", "\u00a0", ""]))
def test_grouped_digits_read_back_as_the_number(value, separator):
    groups = f"{value:,}".split(",")
    assert parse_digits(separator.join(groups) if separator else str(value)) == value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_the_number_parser_only_ever_raises_value_error(text):
    try:
        parse_digits(text)
    except ValueError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["cardinal", "scale", "ordinal"]), st.integers(1, 1000)), min_size=1, max_size=6))
def test_composed_number_words_are_never_negative(parts):
    assert compose([(kind, float(value)) for kind, value in parts]) >= 0


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.sampled_from(sorted(KINDS)), st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))))
def test_the_date_resolver_never_raises_and_gives_ordered_iso_dates(text, kind, reference):
    resolved = resolve(text, kind, reference)
    if resolved is not None:
        start, end = resolved
        assert start <= end
        assert len(start) in (4, 7, 10) and len(end) in (4, 7, 10)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["6 May", "on Thursday", "last month", "7-8 June", "in July", "yesterday"]))
def test_a_partial_date_without_a_document_date_is_null(text):
    kind = {"6 May": "day", "on Thursday": "weekday", "last month": "relative_month", "7-8 June": "day_range", "in July": "month", "yesterday": "relative_day"}[text]
    assert resolve(text, kind, None) is None
