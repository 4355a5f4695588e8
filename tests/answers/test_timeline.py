"""powfacts.answers.timeline and `powfacts timeline`: merging mentions, kinds, order, conflicts, formats."""

import csv
import hashlib
import io
import json
import random

import pytest
from typer.testing import CliRunner

from powfacts.cli import app
from powfacts.errors import InputError, UsageError
from powfacts.facts.records import Fact, fact_id
from powfacts.answers.timeline import build, date_text, figure_text, load_facts, period

_DEFAULTS = {
    "measure": "released", "value": 100, "low": None, "high": None, "unit": "people", "qualifier": "exact",
    "per_side": False, "status": "reported", "population": "pow", "nationality": "UA",
}


def make_fact(doc="a.txt", start=10, figure=None, date=("2025-05-06", "2025-05-06"), rules=("figure.digits",), **fields):
    """A hand-made fact: ``doc`` names its document (its sha256 is derived from the name)."""
    values = {**_DEFAULTS, **fields}
    text = figure or (str(values["value"]) if values["value"] is not None else f"{values['low']}-{values['high']}")
    sha = hashlib.sha256(doc.encode()).hexdigest()
    return Fact(
        id=fact_id(sha, start, start + len(text), values["measure"]),
        **values,
        date=None if date is None else {"start": date[0], "end": date[1], "text": None},
        figure={"text": text, "start": start, "end": start + len(text)},
        evidence={"text": f"... {text} ...", "start": max(0, start - 4), "end": start + len(text) + 4},
        source={"path": doc, "sha256": sha, "published": "2025-06-04", "language": "en"},
        rules=list(rules),
    )


def write_facts(path, facts):
    path.write_text("".join(f.to_json() + "\n" for f in facts), encoding="utf-8")
    return path


# -- merging -------------------------------------------------------------------


def test_mentions_of_the_same_fact_merge_into_one_entry_citing_each():
    facts = [make_fact("b.txt", 40), make_fact("a.txt", 12), make_fact("a.txt", 300)]
    (entry,) = build(facts).entries
    assert [(c.path, c.figure["start"]) for c in entry.citations] == [("a.txt", 12), ("a.txt", 300), ("b.txt", 40)]
    assert sorted(c.fact for c in entry.citations) == sorted(f.id for f in facts)
    assert (entry.measure, entry.value, entry.start, entry.end) == ("released", 100, "2025-05-06", "2025-05-06")


def test_a_fact_listed_twice_is_cited_once():
    fact = make_fact("a.txt", 12)
    (entry,) = build([fact, fact]).entries
    assert len(entry.citations) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"nationality": "RU"},
        {"nationality": None},
        {"per_side": True, "nationality": None},
        {"status": "planned"},
        {"population": "civilian"},
        {"population": None},
        {"qualifier": "more_than"},
        {"date": ("2025-05-07", "2025-05-07")},
        {"date": (None, "2025-05-06")},
        {"date": None},
        {"measure": "exchanges", "unit": "exchanges"},
    ],
)
def test_near_misses_with_the_same_value_do_not_merge(change):
    entries = build([make_fact("a.txt", 10), make_fact("b.txt", 10, **change)]).entries
    assert len(entries) == 2
    assert all(len(e.citations) == 1 for e in entries)


def test_ranges_merge_on_low_and_high():
    a = make_fact("a.txt", 5, measure="torture", unit="percent", value=None, low=15, high=20, figure="15-20%")
    b = make_fact("b.txt", 5, measure="torture", unit="percent", value=None, low=15, high=20, figure="15–20%")
    c = make_fact("c.txt", 5, measure="torture", unit="percent", value=None, low=15, high=25, figure="15-25%")
    entries = build([a, b, c]).entries
    assert sorted(len(e.citations) for e in entries) == [1, 2]


# -- kinds and order -----------------------------------------------------------


def test_kinds_separate_totals_states_and_events():
    facts = [
        make_fact("a.txt", 1, value=7000, date=("2022-02-24", "2025-06-04"), rules=("figure.digits", "role.invasion-start")),
        make_fact("a.txt", 2, value=5000, date=(None, "2025-06-04"), rules=("figure.digits", "role.in-total")),
        make_fact("a.txt", 3, value=5900, date=(None, "2025-05")),
        make_fact("a.txt", 4, value=5757, date=("2022-03", "2025-06")),
        make_fact("a.txt", 5, measure="held", value=8000, date=(None, "2025-06-04")),
        make_fact("a.txt", 6, measure="torture", unit="percent", value=95, date=(None, "2025-06-04")),
        make_fact("a.txt", 7, value=205, date=("2025-05-06", "2025-05-06")),
        make_fact("a.txt", 8, value=1000, per_side=True, nationality=None, date=("2025-05-23", "2025-05-25")),
        make_fact("a.txt", 9, value=358, date=("2024", "2024")),
    ]
    kinds = {e.value: e.kind for e in build(facts).entries}
    assert kinds == {
        7000: "cumulative", 5000: "cumulative", 5900: "cumulative", 5757: "cumulative",
        8000: "state", 95: "state", 205: "event", 1000: "event", 358: "period_total",  # a year's total is no event (issue 17)
    }


def test_entries_are_ordered_by_kind_then_date_undated_last():
    facts = [
        make_fact("a.txt", 1, value=3, date=("2025-06-01", "2025-06-01")),
        make_fact("a.txt", 2, value=1, date=("2025-01-10", "2025-01-10")),
        make_fact("a.txt", 3, value=4, date=None),
        make_fact("a.txt", 4, value=2, date=("2025-03", "2025-03")),
        make_fact("a.txt", 5, value=6000, date=(None, "2025-06-04")),
        make_fact("a.txt", 6, value=5000, date=(None, "2025-02")),
        make_fact("a.txt", 7, measure="held", value=8000, date=(None, "2025-01-01")),
    ]
    order = [(e.kind, e.value) for e in build(facts).entries]
    # a month's figure is a period total, which is no event (issue 17)
    assert order == [("cumulative", 5000), ("cumulative", 6000), ("state", 8000), ("period_total", 2), ("event", 1), ("event", 3), ("event", 4)]


def test_the_same_facts_in_any_order_give_the_same_bytes():
    facts = [make_fact(f"{d}.txt", s, value=v) for d in "abc" for s, v in ((1, 10), (50, 20), (90, 10))]
    first = build(facts)
    shuffled = facts[:]
    random.Random(7).shuffle(shuffled)
    second = build(shuffled)
    assert first.to_json() == second.to_json()
    assert first.to_csv() == second.to_csv()


def test_period_and_readable_texts():
    assert [str(d) for d in period("2024-02")] == ["2024-02-01", "2024-02-29"]
    assert [str(d) for d in period("2025")] == ["2025-01-01", "2025-12-31"]
    (entry,) = build([make_fact(qualifier="more_than", value=7000, date=("2022-02-24", "2025-06-04"), rules=("role.invasion",))]).entries
    assert (figure_text(entry), date_text(entry)) == ("more than 7,000", "since 2022-02-24, as of 2025-06-04")


# -- conflicts -----------------------------------------------------------------


def test_two_sources_with_different_figures_for_the_same_day_conflict():
    timeline = build([make_fact("a.txt", 5, value=205), make_fact("c.txt", 9, value=205), make_fact("b.txt", 7, value=210)])
    (conflict,) = timeline.conflicts
    assert conflict.kind == "event"  # two figures for one event's quantity (issue 17: conflicts are found per event)
    assert conflict.message == "released UA pow on 2025-05-06: 205 (a.txt, c.txt) against 210 (b.txt)"
    assert conflict.event == timeline.events[0].id
    assert [[c["path"] for c in claim["citations"]] for claim in conflict.claims] == [["a.txt", "c.txt"], ["b.txt"]]
    assert {timeline.entry(e).value for e in conflict.entries} == {205, 210}
    assert all(conflict.id in e.conflicts for e in timeline.entries)


@pytest.mark.parametrize(
    "first, second",
    [
        ({"value": 205}, {"value": 210, "nationality": "RU"}),  # another side
        ({"value": 205}, {"value": 210, "status": "planned"}),  # a plan is not a report
        ({"value": 205}, {"value": 20, "population": "civilian"}),  # another population
        ({"value": 205}, {"value": 210, "date": ("2025-05-07", "2025-05-07")}),  # another day
        ({"value": 7000, "qualifier": "more_than"}, {"value": 7100}),  # both can hold
        ({"value": 1000, "qualifier": "approximately"}, {"value": 1050}),
        ({"value": 15, "low": None}, {"value": None, "low": 10, "high": 20, "figure": "10-20"}),
    ],
)
def test_figures_that_can_both_hold_or_differ_in_kind_do_not_conflict(first, second):
    assert build([make_fact("a.txt", 5, **first), make_fact("b.txt", 5, **second)]).conflicts == ()


def test_exact_bounds_of_qualifiers_decide():
    assert build([make_fact("a.txt", value=7000, qualifier="more_than"), make_fact("b.txt", value=7000)]).conflicts
    assert not build([make_fact("a.txt", value=7000, qualifier="at_least"), make_fact("b.txt", value=7000)]).conflicts
    assert build([make_fact("a.txt", value=1000, qualifier="approximately"), make_fact("b.txt", value=1200)]).conflicts


def test_a_smaller_figure_in_one_document_is_a_group_among_them_not_a_conflict():
    # issue 17: one source can contradict itself (205 and 210 for one side on one day); a figure well below is a group among them
    assert build([make_fact("a.txt", 5, value=205), make_fact("a.txt", 90, value=82)]).conflicts == ()
    assert [c.kind for c in build([make_fact("a.txt", 5, value=205), make_fact("a.txt", 90, value=210)]).conflicts] == ["event"]


def test_a_total_that_goes_down_as_the_date_goes_up_is_a_conflict():
    may = make_fact("a.txt", 5, value=5900, date=(None, "2025-05"), rules=("figure.digits", "role.a-total-of"))
    june = make_fact("b.txt", 7, value=5757, figure="5,757", date=("2022-03", "2025-06"))
    timeline = build([june, may])
    (conflict,) = timeline.conflicts
    assert conflict.kind == "decrease"
    assert [timeline.entry(e).value for e in conflict.entries] == [5900, 5757]
    assert conflict.message == "released UA pow: 5,757 since 2022-03, as of 2025-06 (b.txt) is below 5,900 as of 2025-05 (a.txt)"


def test_a_decrease_is_found_within_one_document_too_and_once_per_total():
    facts = [
        make_fact("a.txt", 1, value=5000, date=(None, "2025-01")),
        make_fact("a.txt", 2, value=5900, date=(None, "2025-03")),
        make_fact("a.txt", 3, value=5800, date=(None, "2025-04")),
    ]
    timeline = build(facts)
    (conflict,) = timeline.conflicts
    assert [timeline.entry(e).value for e in conflict.entries] == [5900, 5800]


@pytest.mark.parametrize(
    "earlier, later",
    [
        ({"value": 5757, "date": (None, "2025-05")}, {"value": 5900, "date": (None, "2025-06")}),  # it grows
        ({"value": 5900, "date": (None, "2025-06")}, {"value": 5757, "date": (None, "2025-06-10")}),  # June holds the 10th: not later
        ({"value": 5900, "date": (None, "2025-05")}, {"value": 5757, "date": (None, "2025-06"), "nationality": "RU"}),
        ({"value": 5900, "date": (None, "2025-05")}, {"value": 5757, "date": (None, "2025-06"), "population": "civilian"}),
        ({"value": 5900, "date": ("2022-02-24", "2025-05"), "rules": ("role.invasion",)}, {"value": 300, "date": ("2025-01", "2025-06"), "rules": ("role.in-total",)}),  # a total of another start
        ({"measure": "held", "value": 8000, "date": (None, "2025-05")}, {"measure": "held", "value": 7000, "date": (None, "2025-06")}),
        ({"value": 5900, "date": (None, "2025-05")}, {"value": 6000, "qualifier": "approximately", "date": (None, "2025-06")}),
    ],
)
def test_totals_that_may_rightly_be_smaller_are_no_decrease(earlier, later):
    assert build([make_fact("a.txt", 1, **earlier), make_fact("b.txt", 2, **later)]).conflicts == ()


# -- filters and files -----------------------------------------------------------


def test_filters_keep_one_measure_and_one_nationality():
    facts = [make_fact(value=1), make_fact(value=2, nationality="RU"), make_fact(value=3, measure="held", date=(None, "2025-06-04"))]
    assert sorted(e.value for e in build(facts, measure="released").entries) == [1, 2]
    assert [e.value for e in build(facts, nationality="ru").entries] == [2]
    with pytest.raises(UsageError, match=r"^unknown measure 'freed' \(one of: released, exchanges, "):
        build(facts, measure="freed")
    with pytest.raises(UsageError, match=r"^unknown nationality 'PL' \(one of: UA, RU\)$"):
        build(facts, nationality="PL")


def test_load_facts_reads_jsonl_and_names_a_bad_line(tmp_path):
    path = write_facts(tmp_path / "facts.jsonl", [make_fact(value=1), make_fact(value=2)])
    assert [f.value for f in load_facts(path)] == [1, 2]
    path.write_text(make_fact().to_json() + "\n\n{\"id\": 1}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"facts.jsonl:3: not a powfacts record \(id: Input should be a valid string\)$"):
        load_facts(path)
    with pytest.raises(InputError, match=r"nothing.jsonl: no such file$"):
        load_facts(tmp_path / "nothing.jsonl")


def test_json_and_csv_forms_hold_every_entry():
    timeline = build([make_fact("a.txt", 5, value=205), make_fact("b.txt", 7, value=210), make_fact("c.txt", 3, value=205)])
    data = json.loads(timeline.to_json())
    assert [len(e["citations"]) for e in data["entries"]] == [2, 1]
    assert data["entries"][0]["conflicts"] == [data["conflicts"][0]["id"]]
    rows = list(csv.DictReader(io.StringIO(timeline.to_csv())))
    # issue 17: one row per event, measure and side (the event's number, 205), not one per differing mention
    assert [(r["value"], r["mentions"], r["documents"], r["event"]) for r in rows] == [("205", "2", "a.txt;c.txt", data["events"][0]["id"])]
    assert rows[0]["conflicts"] == data["conflicts"][0]["id"]


# -- the command -------------------------------------------------------------------


@pytest.fixture
def facts_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return write_facts(
        tmp_path / "facts.jsonl",
        [make_fact("a.txt", 5, value=205), make_fact("b.txt", 7, value=210), make_fact("a.txt", 9, measure="held", value=8000, date=(None, "2025-06-04"))],
    )


def squeeze(text):
    return "".join(text.split())


def test_cli_prints_tables_of_entries_and_conflicts(facts_file):
    result = CliRunner().invoke(app, ["timeline", "facts.jsonl"])
    assert result.exit_code == 0, result.stderr
    text = squeeze(result.stdout)
    for expected in ("cumulativetotalsandstandingfigures", "events", "1conflict(s)", "asof2025-06-04", "8,000", "a.txt@5", "b.txt@7"):
        assert expected in text
    assert squeeze("released UA pow on 2025-05-06: 205 (a.txt) against 210 (b.txt)") in text


def test_cli_filters_and_writes_json(facts_file):
    result = CliRunner().invoke(app, ["timeline", "facts.jsonl", "--measure", "held", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(e["measure"], e["value"]) for e in data["entries"]] == [("held", 8000)]
    assert data["conflicts"] == []


def test_cli_writes_csv_to_a_file(facts_file, tmp_path):
    result = CliRunner().invoke(app, ["timeline", "facts.jsonl", "--format", "csv", "-o", "t.csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    # issue 17: a spreadsheet reads the file as UTF-8 only with a byte-order mark
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == "\ufeff" + build(load_facts(facts_file)).to_csv()


@pytest.mark.parametrize(
    "args, message",
    [
        (["timeline", "missing.jsonl"], "error: missing.jsonl: no such file\n"),
        (["timeline", "facts.jsonl", "--measure", "freed"], "error: unknown measure 'freed' (one of: released, exchanges, executions, deaths_in_custody, bodies_returned, held, missing, torture)\n"),
        (["timeline", "facts.jsonl", "--nationality", "XX"], "error: unknown nationality 'XX' (one of: UA, RU)\n"),
        (["timeline", "facts.jsonl", "-o", "t.txt"], "error: --output needs --format json or csv\n"),
    ],
)
def test_cli_errors(facts_file, args, message):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert " ".join(result.stderr.split()) + "\n" == message  # Rich wraps long messages at the terminal width
    assert result.stdout == ""


def test_cli_reports_a_bad_line_with_its_number(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.jsonl").write_text("not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["timeline", "bad.jsonl"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: bad.jsonl:1: not a powfacts record (Invalid JSON")


# -- who says it (said_by) -------------------------------------------------------


def test_a_total_of_one_body_that_goes_down_is_a_decrease():
    facts = [
        make_fact("a.txt", 1, value=5900, date=(None, "2025-05"), said_by="ua_coordination_hq"),
        make_fact("b.txt", 2, value=5757, date=(None, "2025-06"), said_by="ua_coordination_hq"),
    ]
    (conflict,) = build(facts).conflicts
    assert conflict.kind == "decrease"


def test_totals_credited_to_no_one_are_one_series():
    facts = [make_fact("a.txt", 1, value=5900, date=(None, "2025-05")), make_fact("b.txt", 2, value=5757, date=(None, "2025-06"))]
    assert [c.kind for c in build(facts).conflicts] == ["decrease"]


@pytest.mark.parametrize(
    "earlier, later",
    [
        ("ua_coordination_hq", "un_monitoring"),  # a UN-verified count below a national one
        ("ua_coordination_hq", None),  # a later total nobody is credited with
        (None, "ua_ombudsman"),
    ],
)
def test_totals_of_two_bodies_are_two_series_and_no_decrease(earlier, later):
    facts = [
        make_fact("a.txt", 1, value=5900, date=(None, "2025-05"), said_by=earlier),
        make_fact("b.txt", 2, value=5757, date=(None, "2025-06"), said_by=later),
    ]
    assert build(facts).conflicts == ()


def test_citations_say_who_gives_the_figure():
    timeline = build([make_fact("a.txt", 5, said_by="ru_defence_ministry"), make_fact("b.txt", 5)])
    (entry,) = timeline.entries
    assert [c.as_dict()["said_by"] for c in entry.citations] == ["ru_defence_ministry", None]
    assert entry.said_by == frozenset({"ru_defence_ministry", ""})


def test_an_event_conflict_names_who_gives_each_figure_with_citations():
    timeline = build([make_fact("a.txt", 5, value=205, said_by="ua_coordination_hq"), make_fact("b.txt", 7, value=210, said_by="ua_ombudsman")])
    (conflict,) = timeline.conflicts
    assert conflict.message == "released UA pow on 2025-05-06: 205 (a.txt; said by ua_coordination_hq) against 210 (b.txt; said by ua_ombudsman)"
    assert [claim["said_by"] for claim in conflict.claims] == [["ua_coordination_hq"], ["ua_ombudsman"]]
    assert [[c["said_by"] for c in claim["citations"]] for claim in conflict.claims] == [["ua_coordination_hq"], ["ua_ombudsman"]]
