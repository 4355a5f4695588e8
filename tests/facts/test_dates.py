"""powfacts.facts.dates.resolve: date text plus a reference day to ISO ranges."""

import datetime as dt

import pytest

from powfacts.facts.dates import KINDS, cut, parse_iso_day, place_year, resolve

REF = dt.date(2025, 6, 4)  # a Wednesday


# -- day -----------------------------------------------------------------------

def test_day_with_year_needs_no_reference():
    assert resolve("6 May 2025", "day", None) == ("2025-05-06", "2025-05-06")


def test_day_with_year_ignores_the_reference_year():
    assert resolve("6 May 2023", "day", REF) == ("2023-05-06", "2023-05-06")


def test_month_first_day_with_year():
    assert resolve("October 3, 2025", "day", None) == ("2025-10-03", "2025-10-03")


def test_day_without_year_takes_the_reference_year():
    assert resolve("6 May", "day", REF) == ("2025-05-06", "2025-05-06")


def test_day_without_year_after_the_reference_falls_in_the_previous_year():
    assert resolve("1 October", "day", REF) == ("2024-10-01", "2024-10-01")


def test_day_without_year_or_reference_is_none():
    assert resolve("6 May", "day", None) is None


def test_never_uses_todays_date():
    # with no year and no reference, nothing may be guessed (e.g. from the clock)
    for text, kind in [("6 May", "day"), ("Thursday", "weekday"), ("yesterday", "relative_day"),
                       ("last month", "relative_month"), ("last year", "relative_year"), ("February", "month"),
                       ("7-8 June", "day_range")]:
        assert resolve(text, kind, None) is None, (text, kind)


# -- month, year ---------------------------------------------------------------

def test_month_with_year():
    assert resolve("February 2025", "month", None) == ("2025-02", "2025-02")


def test_month_without_year_uses_reference():
    assert resolve("February", "month", REF) == ("2025-02", "2025-02")


def test_month_without_year_or_reference_is_none():
    assert resolve("February", "month", None) is None


def test_year():
    assert resolve("2024", "year", None) == ("2024", "2024")
    assert resolve("in 2024", "year", REF) == ("2024", "2024")


def test_year_without_a_year_is_none():
    assert resolve("this year", "year", None) is None


# -- ranges --------------------------------------------------------------------

def test_day_range_with_shared_month():
    assert resolve("7-8 June", "day_range", REF) == ("2025-06-07", "2025-06-08")


def test_day_range_en_dash():
    assert resolve("7\u20138 June 2024", "day_range", None) == ("2024-06-07", "2024-06-08")


def test_day_range_with_to_and_no_from():
    assert resolve("23 to 25 May", "day_range", REF) == ("2025-05-23", "2025-05-25")


def test_day_range_with_from():
    assert resolve("from 23 to 25 May 2024", "day_range", None) == ("2024-05-23", "2024-05-25")


def test_day_range_month_first():
    assert resolve("Jan. 23-24", "day_range", REF) == ("2025-01-23", "2025-01-24")


def test_day_range_month_first_with_year():
    assert resolve("Jan. 23-24, 2023", "day_range", None) == ("2023-01-23", "2023-01-24")


def test_day_range_backwards_is_none():
    assert resolve("25-23 May 2025", "day_range", None) is None


def test_day_range_without_year_or_reference_is_none():
    assert resolve("7-8 June", "day_range", None) is None


def test_month_range_with_and():
    assert resolve("May and July 2025", "month_range", None) == ("2025-05", "2025-07")




def test_month_range_with_to():
    assert resolve("March to May 2024", "month_range", None) == ("2024-03", "2024-05")


def test_month_range_with_dash():
    assert resolve("March\u2013May 2024", "month_range", None) == ("2024-03", "2024-05")


def test_month_range_year_in_text_beats_the_reference():
    assert resolve("May to July 2023", "month_range", REF) == ("2023-05", "2023-07")


def test_day_range_year_in_text_beats_the_reference():
    assert resolve("23 to 25 May 2023", "day_range", REF) == ("2023-05-23", "2023-05-25")


def test_month_range_without_year_uses_reference():
    assert resolve("March to May", "month_range", REF) == ("2025-03", "2025-05")


# -- weekday -------------------------------------------------------------------

def test_weekday_is_the_last_such_day_before_the_reference():
    assert resolve("Thursday", "weekday", REF) == ("2025-05-29", "2025-05-29")
    assert resolve("Monday", "weekday", REF) == ("2025-06-02", "2025-06-02")


def test_weekday_of_the_reference_is_the_reference_itself():
    assert resolve("Wednesday", "weekday", REF) == ("2025-06-04", "2025-06-04")


def test_weekday_without_reference_is_none():
    assert resolve("Thursday", "weekday", None) is None


# -- relative ------------------------------------------------------------------

def test_relative_day():
    assert resolve("yesterday", "relative_day", REF) == ("2025-06-03", "2025-06-03")


def test_relative_month_crosses_the_year():
    assert resolve("last month", "relative_month", dt.date(2024, 1, 3)) == ("2023-12", "2023-12")


def test_relative_year():
    assert resolve("last year", "relative_year", REF) == ("2024", "2024")


# -- iso -----------------------------------------------------------------------

def test_iso():
    assert resolve("2022-10-17", "iso", None) == ("2022-10-17", "2022-10-17")


def test_iso_invalid_is_none():
    assert resolve("2022-13-45", "iso", None) is None


# -- errors and helpers --------------------------------------------------------

def test_unknown_kind_raises():
    with pytest.raises(ValueError, match="unknown date kind"):
        resolve("6 May 2025", "fortnight", None)


def test_every_kind_is_accepted():
    for kind in KINDS:
        resolve("6 May 2025", kind, REF)  # must not raise


def test_place_year_keeps_a_day_up_to_45_days_ahead_in_the_reference_year():
    assert place_year(6, 7, REF) == dt.date(2025, 6, 7)
    assert place_year(7, 19, REF) == dt.date(2025, 7, 19)  # 45 days after


def test_place_year_moves_a_day_further_ahead_to_the_previous_year():
    assert place_year(7, 20, REF) == dt.date(2024, 7, 20)  # 46 days after
    assert place_year(10, 1, REF) == dt.date(2024, 10, 1)


def test_place_year_near_new_year_reaches_into_next_year():
    assert place_year(1, 10, dt.date(2024, 12, 20)) == dt.date(2025, 1, 10)


def test_place_year_same_day():
    assert place_year(6, 4, REF) == REF


def test_cut_precisions():
    day = dt.date(2025, 2, 1)
    assert (cut(day, "day"), cut(day, "month"), cut(day, "year")) == ("2025-02-01", "2025-02", "2025")


def test_parse_iso_day():
    assert parse_iso_day(" 2025-06-04 ") == REF
    with pytest.raises(ValueError):
        parse_iso_day("4 June 2025")


def test_a_stretch_of_years_runs_back_from_its_reference_day():
    assert resolve("over the past four years", "past_years@4", dt.date(2026, 3, 11)) == ("2022-03-11", "2026-03-11")
    assert resolve("за два роки", "past_years@2", dt.date(2024, 2, 29), ("uk",)) == ("2022-02-28", "2024-02-29")
    assert resolve("over the past four years", "past_years@4", None) is None  # no day to count back from


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("23–25.05.2025", None, ("2025-05-23", "2025-05-25")),
        ("23-25.05.2025", REF, ("2025-05-23", "2025-05-25")),
        ("23 – 25.05.2025", None, ("2025-05-23", "2025-05-25")),
        ("23–25.05", REF, ("2025-05-23", "2025-05-25")),
        ("23–25.05", None, None),  # no year anywhere: not guessed
        ("25–23.05.2025", None, None),  # ends before it starts
    ],
)
def test_a_stretch_of_days_in_figures_is_those_days_of_its_month(text, reference, expected):
    assert resolve(text, "day_range", reference, ("uk",)) == expected


@pytest.mark.parametrize(
    "text, weekday, reference, expected",
    [
        ("el viernes 23", "Friday", dt.date(2025, 7, 25), "2025-05-23"),  # the latest Friday the 23rd
        ("este viernes 25", "Friday", dt.date(2025, 7, 25), "2025-07-25"),  # the text's own day
        ("el domingo 31", "Sunday", dt.date(2025, 3, 1), "2024-03-31"),  # months without a 31st are passed over
    ],
)
def test_a_weekday_with_a_day_of_the_month_is_the_latest_such_day(text, weekday, reference, expected):
    assert resolve(text, f"weekday_day@{weekday}", reference) == (expected, expected)


def test_a_weekday_with_a_day_of_the_month_needs_a_reference():
    assert resolve("el viernes 23", "weekday_day@Friday", None) is None
