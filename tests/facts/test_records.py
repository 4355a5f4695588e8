"""powfacts.facts.records: the Fact model, its JSON line, its id and its schema."""

import json

import pytest
from pydantic import ValidationError

from powfacts.facts.records import MEASURES, UNIT_OF_MEASURE, DateRange, Fact, Source, Span, fact_id, record_schema


def make_fact(**changes):
    fields = dict(
        id="f-000000000000",
        measure="released",
        value=205,
        unit="people",
        figure=Span(text="205", start=10, end=13),
        evidence=Span(text="Kyiv freed 205 prisoners.", start=0, end=25),
        source=Source(path="a.txt", sha256="0" * 64, published="2025-06-04"),
        rules=["figure.digits"],
        date=DateRange(start="2025-05-06", end="2025-05-06", text="6 May"),
    )
    fields.update(changes)
    return Fact(**fields)


def test_defaults_follow_the_guideline():
    fact = make_fact()
    assert (fact.qualifier, fact.per_side, fact.status, fact.population, fact.nationality) == ("exact", False, "reported", None, None)
    assert fact.low is None and fact.high is None


def test_every_measure_has_a_unit():
    assert set(UNIT_OF_MEASURE) == set(MEASURES)
    assert UNIT_OF_MEASURE["bodies_returned"] == "bodies"
    assert UNIT_OF_MEASURE["exchanges"] == "exchanges"


@pytest.mark.parametrize(("field", "value"), [("measure", "killed"), ("unit", "dollars"), ("qualifier", "roughly"),
                                             ("status", "rumoured"), ("population", "soldiers"), ("nationality", "PL")])
def test_values_outside_the_guideline_are_rejected(field, value):
    with pytest.raises(ValidationError):
        make_fact(**{field: value})


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError):
        make_fact(confidence=0.9)


def test_negative_offsets_are_rejected():
    with pytest.raises(ValidationError):
        Span(text="x", start=-1, end=0)


def test_facts_are_frozen():
    fact = make_fact()
    with pytest.raises(ValidationError):
        fact.value = 1  # type: ignore[misc]


def test_to_json_is_one_line_that_round_trips():
    fact = make_fact(evidence=Span(text="Київ freed 205.", start=0, end=15))
    line = fact.to_json()
    assert "\n" not in line
    assert "Київ" in line  # not escaped
    assert Fact.model_validate_json(line) == fact


def test_to_json_keys_in_field_order():
    keys = list(json.loads(make_fact().to_json()))
    assert keys[:4] == ["id", "measure", "value", "low"]
    assert keys.index("figure") < keys.index("evidence") < keys.index("source") < keys.index("rules")


def test_fact_id_is_stable_and_depends_on_every_part():
    base = fact_id("ab" * 32, 10, 15, "released")
    assert base == fact_id("ab" * 32, 10, 15, "released")
    assert base.startswith("f-") and len(base) == 14
    variants = {fact_id("cd" * 32, 10, 15, "released"), fact_id("ab" * 32, 11, 15, "released"),
                fact_id("ab" * 32, 10, 16, "released"), fact_id("ab" * 32, 10, 15, "exchanges")}
    assert base not in variants
    assert len(variants) == 4


def test_record_schema_describes_a_fact():
    schema = record_schema()
    assert schema["type"] == "object"
    for name in ("id", "measure", "value", "unit", "figure", "evidence", "source", "rules", "date"):
        assert name in schema["properties"]
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]["measure"]["enum"]) == set(MEASURES)
