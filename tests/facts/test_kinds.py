"""Each fact says what kind of figure it is, so events are summed apart from running totals and states."""

import pytest

from powfacts.api import extract_text
from powfacts.facts.kinds import KINDS, kind_of


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("On 6 May 2025, Ukraine brought home 205 prisoners of war.", "event"),
        ("Since the start of the full-scale invasion, 5,757 people have been freed.", "running_total"),
        ("In total, 58 exchanges have taken place.", "running_total"),
        ("It was the 71st exchange.", "running_total"),
        ("In 2024, Ukraine brought home 1,358 prisoners of war.", "period_total"),
        ("About 8,000 Ukrainian soldiers are held in Russian captivity.", "state"),
        ("More than 95% of freed prisoners reported torture.", "state"),
        ("The mission verified 79 executions of prisoners of war.", "running_total"),
        ("Both sides agreed to swap 1,200 prisoners each in June 2025.", "event"),
        ("Over 23 and 25 May 2025 the sides swapped 1,000 prisoners each.", "event"),
    ],
)
def test_the_kind_follows_what_the_sentence_says(sentence, kind):
    (fact,) = [f for f in extract_text(sentence, published="2025-06-01") if f.figure.text[0].isdigit() or f.measure == "exchanges"]
    assert fact.kind == kind


def test_every_kind_is_a_record_value():
    from powfacts.facts.records import Fact

    assert set(KINDS) == set(Fact.model_fields["kind"].annotation.__args__[0].__args__)


def test_a_long_range_is_a_running_total_and_a_month_a_period():
    assert kind_of("released", "people", False, set(), {"start": "2022-03", "end": "2025-01"}) == "running_total"
    assert kind_of("bodies_returned", "bodies", False, set(), {"start": "2025-06", "end": "2025-06"}) == "period_total"
    assert kind_of("released", "people", False, {"as_of"}, {"start": None, "end": "2025-06-01"}) == "running_total"
