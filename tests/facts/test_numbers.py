"""powfacts.facts.numbers: figure text to numbers."""

import pytest

from powfacts.facts.numbers import compose, normalise, parse_digits, parse_ordinal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4 757", 4757),
        ("4\u00a0757", 4757),
        ("4\u202f757", 4757),
        ("1,000", 1000),
        ("10,000", 10000),
        ("1,000,000", 1000000),
        ("1200", 1200),
        ("7", 7),
        ("1.000", 1000),
    ],
)
def test_parse_digits_groups_thousands(text, value):
    result = parse_digits(text)
    assert result == value
    assert isinstance(result, int)


@pytest.mark.parametrize(("text", "value"), [("1,8", 1.8), ("2.5", 2.5), ("1,25", 1.25)])
def test_parse_digits_reads_a_decimal_mark_before_one_or_two_digits(text, value):
    assert parse_digits(text) == pytest.approx(value)
    assert isinstance(parse_digits(text), float)


@pytest.mark.parametrize("text", ["", "abc", "12a", "1,2345", "1,000,00", "-5"])
def test_parse_digits_rejects_what_is_not_a_figure(text):
    with pytest.raises(ValueError):
        parse_digits(text)


@pytest.mark.parametrize(("text", "value"), [("69th", 69), ("1st", 1), ("22nd", 22), ("3rd", 3), ("63-й", 63), ("55-й", 55)])
def test_parse_ordinal_reads_the_number(text, value):
    assert parse_ordinal(text) == value


@pytest.mark.parametrize("text", ["sixty-ninth", "th", "", "69"])
def test_parse_ordinal_rejects_non_ordinals(text):
    with pytest.raises(ValueError):
        parse_ordinal(text)


def test_compose_one_hundred_and_one():
    assert compose([("cardinal", 1), ("scale", 100), ("cardinal", 1)]) == 101


def test_compose_sixty_two():
    assert compose([("cardinal", 60), ("cardinal", 2)]) == 62


def test_compose_decimal_times_thousand_is_a_whole_number():
    value = compose([("cardinal", 1.8), ("scale", 1000)])
    assert value == 1800
    assert isinstance(value, int)


def test_compose_scale_alone_counts_one():
    assert compose([("scale", 1000)]) == 1000
    assert compose([("scale", 100)]) == 100


def test_compose_thousands_then_hundreds():
    # two thousand five hundred and three
    parts = [("cardinal", 2), ("scale", 1000), ("cardinal", 5), ("scale", 100), ("cardinal", 3)]
    assert compose(parts) == 2503


def test_compose_hundreds_of_thousands():
    # three hundred thousand
    assert compose([("cardinal", 3), ("scale", 100), ("scale", 1000)]) == 300000


def test_compose_empty_raises():
    with pytest.raises(ValueError):
        compose([])


def test_normalise_whole_floats_become_int():
    assert normalise(1800.0000001) == 1800
    assert isinstance(normalise(2.0), int)


def test_normalise_rounds_to_four_places():
    assert normalise(2.5) == 2.5
    assert normalise(1.234567) == 1.2346
