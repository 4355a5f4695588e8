"""powfacts.answers.events: from mentions to events, their numbers per side, conflicts that mean something, and answers per period."""

import csv
import hashlib
import io
import json

import pytest
from typer.testing import CliRunner

from powfacts.cli import app
from powfacts.errors import UsageError
from powfacts.answers.events import answer, build_events
from powfacts.api import extract_text
from powfacts.facts.records import Fact, fact_id
from powfacts.answers.timeline import build

DAY = ("2025-05-06", "2025-05-06")


def fact(doc="a.txt", start=10, value=100, date=DAY, sentence=None, title=None, outlet=None, kind="event", basis=None, **fields):
    """A hand-made fact; ``sentence`` is its evidence (one per start unless given), ``doc`` its document; ``basis`` where its date came from."""
    values = {"measure": "released", "unit": "people", "qualifier": "exact", "per_side": False, "status": "reported",
              "population": "pow", "nationality": "UA", **fields}
    unit = {"exchanges": "exchanges", "bodies_returned": "bodies"}.get(values["measure"], values["unit"])
    values["unit"] = unit
    text = str(value)
    sha = hashlib.sha256(doc.encode()).hexdigest()
    evidence = sentence or f"sentence {start} of {doc} with {text}"
    return Fact(
        id=fact_id(sha, start, start + len(text), values["measure"]),
        value=value,
        **values,
        date=None if date is None else {"start": date[0], "end": date[1], "text": date[2] if len(date) > 2 else None, "basis": basis},
        kind=kind,
        figure={"text": text, "start": start, "end": start + len(text)},
        evidence={"text": evidence, "start": start - (start % 100), "end": start - (start % 100) + len(evidence)},
        source={"path": doc, "sha256": sha, "published": "2025-05-07", "language": "en", "title": title, "outlet": outlet},
        rules=["figure.digits"],
    )


def only(events):
    (event,) = events.events
    return event


# -- one occurrence ------------------------------------------------------------------


def test_a_swap_told_by_both_sides_with_different_numbers_is_one_event_without_a_conflict():
    kyiv = fact("kyiv.txt", 10, 207, nationality="UA")
    moscow = fact("moscow.txt", 10, 195, per_side=True, nationality=None)
    events = build_events([kyiv, moscow])
    event = only(events)
    assert event.type == "exchange"
    assert events.conflicts == ()  # UA returned and a per-side figure are different quantities
    assert event.number("released", "UA") == (207, [event.figure("released", "UA")])
    ru, _ = event.number("released", "RU")
    assert ru == 195 and event.figure("released", "RU").from_each
    assert event.number("released")[0] == 207 + 195
    assert {d["path"] for d in event.documents()} == {"kyiv.txt", "moscow.txt"}


def test_two_numbers_for_the_same_side_conflict_and_name_both_with_citations():
    events = build_events([fact("a.txt", 10, 230), fact("b.txt", 20, 248)])
    (conflict,) = events.conflicts
    assert conflict.message == "released UA pow on 2025-05-06: 230 (a.txt) against 248 (b.txt)"
    cited = [[(c["path"], c["figure"]["start"], c["evidence"]["text"]) for c in r.as_dict()["citations"]] for r in (conflict.first, conflict.second)]
    assert cited == [[("a.txt", 10, "sentence 10 of a.txt with 230")], [("b.txt", 20, "sentence 20 of b.txt with 248")]]
    event = only(events)
    assert event.conflicts == (conflict.id,)
    assert [d["agrees"] for d in event.documents()] == [True, False]


def test_a_total_and_its_parts_across_two_articles():
    total = fact("a.txt", 10, 205, population=None)
    line = "Kyiv brought home 185 soldiers and 20 civilians."
    soldiers = fact("b.txt", 18, 185, sentence=line)
    civilians = fact("b.txt", 34, 20, population="civilian", sentence=line)
    events = build_events([total, soldiers, civilians])
    figure = only(events).figure("released", "UA")
    assert (figure.value, figure.derived) == (205, False)
    assert [(p.value, p.population) for p in figure.parts] == [(185, "pow"), (20, "civilian")]
    assert events.conflicts == ()  # a part is never compared with its total
    roles = {m.fact.figure.start: m.role for m in only(events).mentions}
    assert roles == {10: "total", 18: "part", 34: "part"}


def test_where_only_parts_are_stated_their_sum_is_derived_and_cites_them():
    line = "Kyiv brought home 185 soldiers and 20 civilians."
    figure = only(build_events([fact("b.txt", 18, 185, sentence=line), fact("b.txt", 34, 20, population="civilian", sentence=line)])).figure("released", "UA")
    assert (figure.value, figure.derived, figure.stated) == (205, True, None)
    assert [f.figure.start for f in figure.mentions()] == [18, 34]


def test_a_bound_with_exact_parts_that_fit_takes_their_sum():
    line = "Ukraine has brought back 185 soldiers and 20 civilians."
    facts = [fact("a.txt", 5, 200, qualifier="more_than", population="mixed"), fact("a.txt", 130, 185, sentence=line), fact("a.txt", 146, 20, population="civilian", sentence=line)]
    figure = only(build_events(facts)).figure("released", "UA")
    assert (figure.value, figure.derived, [a.text() for a in figure.alternatives]) == (205, True, ["more than 200"])


def test_a_much_smaller_figure_of_one_source_is_a_group_among_them():
    events = build_events([fact("a.txt", 10, 115), fact("a.txt", 300, 9), fact("a.txt", 400, 82)])
    figure = only(events).figure("released", "UA")
    assert figure.value == 115 and sorted(g.value for g in figure.groups) == [9, 82]
    assert events.conflicts == ()


def test_days_and_short_overlapping_ranges_make_one_event_other_days_another():
    facts = [
        fact("a.txt", 10, 1000, per_side=True, nationality=None, date=("2025-05-23", "2025-05-25")),
        fact("b.txt", 10, 390, per_side=True, nationality=None, date=("2025-05-23", "2025-05-23")),
        fact("c.txt", 10, 205, date=("2025-05-27", "2025-05-27")),
        fact("d.txt", 10, 500, date=("2025-05-01", "2025-05-20"), kind="event"),  # longer than 7 days: not matched on days
    ]
    events = build_events(facts).events
    assert [sorted({m.fact.source.path for m in e.mentions}) for e in events] == [["d.txt"], ["a.txt", "b.txt"], ["c.txt"]]
    each = events[1].figure("released", "each")
    assert each.value == 1000 and [k for k, _ in each.stages] == ["2025-05-23"]


def test_stages_without_a_figure_for_the_whole_add_up():
    facts = [
        fact("a.txt", 200, 1000, nationality="RU", date=("2025-05-23", "2025-05-25")),
        fact("a.txt", 10, 390, per_side=True, nationality=None, date=("2025-05-23", "2025-05-23")),
        fact("a.txt", 90, 307, per_side=True, nationality=None, date=("2025-05-24", "2025-05-24")),
    ]
    figure = only(build_events(facts)).figure("released", "each")
    assert (figure.value, figure.derived) == (697, True)


def test_running_totals_states_period_totals_and_plans_make_no_event():
    facts = [
        fact("a.txt", 10, 205),
        fact("a.txt", 50, 6000, date=("2022-02-24", "2025-05-06"), kind="running_total"),
        fact("a.txt", 90, 900, date=("2025", "2025"), kind="period_total"),
        fact("a.txt", 130, 8000, measure="held", kind="state"),
        fact("a.txt", 170, 500, status="planned"),
        fact("a.txt", 210, 3, measure="executions"),
    ]
    events = build_events(facts)
    assert [m.fact.value for m in only(events).mentions] == [205]
    assert [f.value for f in events.planned] == [500]
    summed = answer(events.events, "released", "UA")
    assert [(p.period, p.value) for p in summed.periods] == [("2025-05", 205)]


def test_syndicated_copies_count_as_one_source():
    wire = "Ukraine and Russia carried out a prisoner exchange on Tuesday, with Kyiv bringing home 205 soldiers, officials said."
    copy = wire.replace("officials said", "officials on both sides said")
    facts = [
        fact("a.txt", 10, 205, sentence=wire, outlet="Daily One"),
        fact("b.txt", 10, 205, sentence=copy, outlet="Daily Two"),
        fact("c.txt", 10, 205, title="Swap: 205 home", outlet="Herald"),
        fact("d.txt", 10, 205, title="SWAP — 205 home", outlet="Gazette"),
        fact("e.txt", 10, 205, outlet="Post"),
    ]
    event = only(build_events(facts))
    assert sorted(sorted(d.source.path for d in g.documents) for g in event.sources) == [["a.txt", "b.txt"], ["c.txt", "d.txt"], ["e.txt"]]
    assert sorted(g.label for g in event.sources) == ["Daily One", "Herald", "Post"]


def test_an_ordinal_names_its_exchange():
    facts = [
        fact("a.txt", 10, 115),
        fact("a.txt", 60, 55, measure="exchanges", kind="running_total", date=None, nationality=None, population=None),
    ]
    facts[1] = facts[1].model_copy(update={"rules": ["figure.ordinal-digits"], "figure": facts[1].figure.model_copy(update={"text": "55th"})})
    event = only(build_events(facts))
    assert event.type == "exchange" and event.ordinal.figure.text == "55th"  # "the 55th exchange" is an exchange, one side told or not


def test_undated_events_stay_in_their_document_and_keep_their_date_text():
    facts = [fact("a.txt", 10, 205, date=(None, None, "6 May")), fact("b.txt", 10, 205, date=None)]
    events = build_events(facts).events
    assert len(events) == 2 and not any(e.dated for e in events)
    summed = answer(events, "released", "UA")
    assert summed.periods == () and [e.date_text for e, _, _ in summed.undated] == ["6 May", None]


# -- answers --------------------------------------------------------------------------


def test_answers_sum_each_event_once_per_month_with_per_side_figures_for_a_side():
    facts = [
        fact("a.txt", 10, 230, date=("2024-01-03", "2024-01-03")),
        fact("b.txt", 10, 230, date=("2024-01-03", "2024-01-03")),  # the same event told twice
        fact("c.txt", 10, 115, per_side=True, nationality=None, date=("2024-08-24", "2024-08-24")),
        fact("d.txt", 10, 95, nationality="RU", date=("2024-09-14", "2024-09-14")),
        fact("e.txt", 10, 150, date=("2023-12-30", "2023-12-30")),
    ]
    events = build_events(facts).events
    summed = answer(events, "released", "UA", "month", "2024", "2024")
    assert [(p.period, p.value, len(p.events)) for p in summed.periods] == [("2024-01", 230, 1), ("2024-08", 115, 1)]
    assert answer(events, "released", None, "year", "2024", "2024").periods[0].value == 230 + 2 * 115 + 95
    with pytest.raises(UsageError, match="invalid --since '24'"):
        answer(events, since="24")


# -- the timeline around events ----------------------------------------------------------


def test_totals_of_two_outlets_are_two_series():
    facts = [
        fact("un.txt", 10, 5900, date=(None, "2025-03"), kind="running_total", outlet="UN"),
        fact("kyiv.txt", 10, 5000, date=(None, "2025-05"), kind="running_total", outlet="Ministry"),
        fact("un2.txt", 10, 5800, date=(None, "2025-06"), kind="running_total", outlet="UN"),
    ]
    (conflict,) = build(facts).conflicts
    assert conflict.kind == "decrease" and "5,800" in conflict.message and "5,900" in conflict.message


def test_nationality_keeps_per_side_events_and_entries():
    facts = [fact("a.txt", 10, 115, per_side=True, nationality=None), fact("b.txt", 10, 95, nationality="RU", date=("2025-06-01", "2025-06-01"))]
    timeline = build(facts, nationality="UA")
    assert len(timeline.events) == 1 and [e.value for e in timeline.entries] == [115]


def test_csv_rows_per_event_measure_and_side(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = "Kyiv brought home 185 soldiers and 20 civilians."
    facts = [
        fact("b.txt", 18, 185, sentence=line, outlet="Укрінформ"),
        fact("b.txt", 34, 20, population="civilian", sentence=line, outlet="Укрінформ"),
        fact("b.txt", 90, 185, nationality="RU", outlet="Укрінформ"),
        fact("b.txt", 150, 7000, date=("2022-02-24", "2025-05-06"), kind="running_total", outlet="Укрінформ"),
    ]
    (tmp_path / "facts.jsonl").write_text("".join(f.to_json() + "\n" for f in facts), encoding="utf-8")
    result = CliRunner().invoke(app, ["timeline", "facts.jsonl", "--format", "csv", "-o", "t.csv"])
    assert result.exit_code == 0, result.stderr
    data = (tmp_path / "t.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "Укрінформ".encode() in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["kind"], r["nationality"], r["value"], r["derived"], r["source"]) for r in rows] == [
        ("cumulative", "UA", "7000", "", "Укрінформ"),
        ("event", "UA", "205", "true", "Укрінформ"),
        ("event", "RU", "185", "false", "Укрінформ"),
    ]
    assert rows[1]["facts"].count(";") == 1 and rows[1]["event"] == rows[2]["event"]


def test_cli_answers_per_month_as_table_json_and_csv(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    facts = [
        fact("a.txt", 10, 230, date=("2024-01-03", "2024-01-03")),
        fact("c.txt", 10, 115, per_side=True, nationality=None, date=("2024-08-24", "2024-08-24")),
        fact("d.txt", 10, 40, date=None),
        fact("e.txt", 10, 300, status="planned", date=("2024-09-01", "2024-09-01")),
    ]
    (tmp_path / "facts.jsonl").write_text("".join(f.to_json() + "\n" for f in facts), encoding="utf-8")
    base = ["timeline", "facts.jsonl", "--since", "2024-01", "--until", "2024-12", "--by", "month", "--nationality", "UA"]
    table = CliRunner().invoke(app, base)
    assert table.exit_code == 0, table.stderr
    text = " ".join(table.stdout.split())
    assert "total: 345 in 2 event(s)" in text and "1 event(s) with no date" in text
    data = json.loads(CliRunner().invoke(app, [*base, "--format", "json"]).stdout)
    assert [(p["period"], p["value"]) for p in data["periods"]] == [("2024-01", 230), ("2024-08", 115)]
    assert data["total"] == 345 and [u["value"] for u in data["undated"]] == [40]
    rows = list(csv.reader(io.StringIO(CliRunner().invoke(app, [*base, "--format", "csv"]).stdout.removeprefix("\ufeff"))))
    assert rows[0] == ["period", "value", "events", "sources"]
    assert [r[:2] for r in rows[1:]] == [["2024-01", "230"], ["2024-08", "115"], ["undated", "40"]]
    bad = CliRunner().invoke(app, [*base[:2], "--by", "week"])
    assert bad.exit_code == 2


# -- on the project's own fixtures ----------------------------------------------------------


def test_on_every_fixture_each_event_fact_is_in_exactly_one_event_and_nothing_else_is(repo):
    from powfacts.answers.events import makes_event
    from powfacts.answers.timeline import load_facts

    facts = [f for path in sorted((repo / "fixtures").glob("*.jsonl")) for f in load_facts(path)]
    events = build_events(facts).events
    placed = [m.fact.id for e in events for m in e.mentions]
    assert sorted(placed) == sorted(f.id for f in facts if makes_event(f))
    assert all(m.fact.kind == "event" and m.fact.status == "reported" for e in events for m in e.mentions)
    summed = answer(events, "released", "UA", "year")
    assert sum(p.value for p in summed.periods) == sum(v for e in events if e.dated for v in [e.number("released", "UA")[0]] if v is not None)


# -- issue 17: one event per exchange, conflicts that are no part against its total --------------


def test_an_undated_retelling_joins_the_dated_swap_of_another_paper_with_the_same_numbers():
    dated = fact("wire.txt", 10, 60, per_side=True, nationality=None)
    retold = fact("weekly.txt", 10, 60, date=None, per_side=True, nationality=None)
    other = fact("wire.txt", 400, 80, date=("2025-06-20", "2025-06-20"), per_side=True, nationality=None)
    events = build_events([dated, retold, other])
    assert len(events.events) == 2
    first = events.events[0]
    assert first.start == DAY[0] and {m.fact.source.path for m in first.mentions} == {"wire.txt", "weekly.txt"}
    assert first.number("released", "UA")[0] == 60


def test_an_undated_mention_stays_apart_when_several_dated_events_fit_it():
    a = fact("a.txt", 10, 500, measure="bodies_returned")
    b = fact("b.txt", 10, 500, measure="bodies_returned", date=("2025-09-01", "2025-09-01"))
    loose = fact("c.txt", 10, 500, measure="bodies_returned", date=None)
    events = build_events([a, b, loose])
    assert len(events.events) == 3
    assert sum(not e.dated for e in events.events) == 1


def test_an_undated_figure_does_not_join_an_event_whose_bound_it_merely_exceeds():
    vague = fact("a.txt", 10, 50, per_side=True, nationality=None, qualifier="more_than")
    loose = fact("b.txt", 10, 140, date=None, per_side=True, nationality=None)
    assert len(build_events([vague, loose]).events) == 2


def test_an_undated_headline_joins_the_dated_event_of_its_own_document():
    headline = fact("a.txt", 10, 75, date=None)
    body = fact("a.txt", 300, 75)
    body_ru = fact("a.txt", 320, 70, nationality="RU")
    event = only(build_events([headline, body, body_ru]))
    assert event.start == DAY[0] and event.number("released", "UA")[0] == 75 and len(event.mentions) == 3


def test_men_and_women_listed_under_the_total_are_no_rival_claim():
    total = fact("a.txt", 10, 150)
    men = fact("a.txt", 210, 141, sentence="Among them were 141 men and nine women.")
    women = fact("a.txt", 230, 9, sentence="Among them were 141 men and nine women.")
    events = build_events([total, men, women])
    assert events.conflicts == ()
    assert only(events).number("released", "UA")[0] == 150


def test_pieces_that_add_up_to_the_total_across_sentences_are_no_rival_claim():
    total = fact("a.txt", 10, 120)
    deal = fact("a.txt", 110, 112)
    commanders = fact("a.txt", 210, 3)
    volunteers = fact("a.txt", 310, 5, nationality=None)
    events = build_events([total, deal, commanders, volunteers])
    assert events.conflicts == ()


def test_a_round_headline_and_its_more_than_are_one_figure():
    headline = fact("a.txt", 10, 300, nationality=None)
    lead = fact("a.txt", 110, 300, nationality=None, qualifier="more_than")
    assert build_events([headline, lead]).conflicts == ()


def test_two_counts_of_one_side_that_differ_alone_are_still_a_conflict():
    moscow = fact("a.txt", 10, 180, said_by="ru_defence_ministry")
    kyiv = fact("a.txt", 110, 192)
    events = build_events([moscow, kyiv])
    assert len(events.conflicts) == 1


def test_a_side_figure_well_below_the_per_side_figure_is_a_group_and_the_side_counts_the_per_side_figure():
    each = fact("a.txt", 10, 500, per_side=True, nationality=None)
    last_day = fact("a.txt", 110, 160, nationality="RU")
    event = only(build_events([each, last_day]))
    assert event.number("released", "RU")[0] == 500 and event.figure("released", "RU").from_each
    assert {m.role for m in event.mentions if m.fact.value == 160} == {"group"}


def test_the_rest_by_other_means_beside_a_larger_running_total_is_no_decrease():
    both = "Since 2022, 4,100 people came home through swaps and another 300 by other means."
    facts = [
        fact("early.txt", 10, 2600, date=(None, "2024-02"), kind="running_total"),
        fact("late.txt", 20, 4100, date=(None, "2025-04"), kind="running_total", sentence=both),
        fact("late.txt", 70, 300, date=(None, "2025-04"), kind="running_total", sentence=both),
    ]
    assert build(facts).conflicts == ()
    facts[1] = fact("late.txt", 20, 2400, date=(None, "2025-04"), kind="running_total")  # alone, a smaller total is still a decrease
    assert [c.kind for c in build(facts[:2]).conflicts] == ["decrease"]


def test_an_ordinal_of_a_series_makes_the_transfer_it_names_an_exchange_but_a_plain_release_stays_one():
    named = fact("a.txt", 10, 40)
    ordinal = fact("a.txt", 60, 48, measure="exchanges", kind="running_total", nationality=None, population=None)
    ordinal = ordinal.model_copy(update={"rules": ["figure.ordinal-words"]})
    plain = fact("b.txt", 10, 12, date=("2025-07-01", "2025-07-01"))
    events = {e.start: e for e in build_events([named, ordinal, plain]).events}
    assert events[DAY[0]].type == "exchange" and events[DAY[0]].ordinal.value == 48
    assert events["2025-07-01"].type == "release" and events["2025-07-01"].ordinal is None


def test_an_undated_per_side_count_of_soldiers_joins_the_swap_whose_soldiers_it_counts():
    """A later story says "60 soldiers each" without a date; the dated story gave each side 60 soldiers and 5 civilians."""
    dated = [
        fact("first.txt", 10, 60, sentence="60 soldiers and 5 civilians came home"),
        fact("first.txt", 30, 5, sentence="60 soldiers and 5 civilians came home", population="civilian"),
        fact("first.txt", 210, 60, nationality="RU", sentence="Moscow got 60 soldiers and 5 civilians"),
        fact("first.txt", 230, 5, nationality="RU", population="civilian", sentence="Moscow got 60 soldiers and 5 civilians"),
    ]
    later = fact("later.txt", 10, 60, date=None, per_side=True, nationality=None)
    event = only(build_events([*dated, later]))
    assert event.start == DAY[0] and {m.fact.source.path for m in event.mentions} == {"first.txt", "later.txt"}
    assert event.number("released", "UA") [0] == 65 and event.figure("released", "UA").derived
    assert build_events([*dated, later]).conflicts == ()


def test_an_undated_per_side_count_stays_apart_when_it_fits_no_part():
    dated = [
        fact("first.txt", 10, 60, sentence="60 soldiers and 5 civilians came home"),
        fact("first.txt", 30, 5, sentence="60 soldiers and 5 civilians came home", population="civilian"),
    ]
    later = fact("later.txt", 10, 70, date=None, per_side=True, nationality=None)
    assert len(build_events([*dated, later]).events) == 2


def test_a_figure_dated_only_by_its_paper_joins_the_day_before_that_its_story_tells():
    told = fact("a.txt", 300, 30, date=("2025-05-05", "2025-05-05", "yesterday"), basis="text")
    told_ru = fact("a.txt", 340, 30, date=("2025-05-05", "2025-05-05", "yesterday"), basis="borrowed", nationality="RU")
    headline = fact("a.txt", 0, 30, basis="document")  # the paper's date, 6 May
    event = only(build_events([told, told_ru, headline]))
    assert (event.start, event.end) == ("2025-05-05", "2025-05-05") and len(event.mentions) == 3
    assert event.figure("released", "UA").stages == ()  # the paper's date is no stage of the swap


def test_a_figure_dated_only_by_its_paper_keeps_that_date_when_its_story_tells_another_number_or_another_paper_does():
    told = fact("a.txt", 300, 30, date=("2025-05-05", "2025-05-05"), basis="text")
    other = fact("a.txt", 0, 45, basis="document")  # another number: another occurrence
    elsewhere = fact("b.txt", 0, 30, basis="document")  # another paper's story
    events = build_events([told, other, elsewhere]).events
    assert sorted((e.start, sorted(m.fact.figure.text for m in e.mentions)) for e in events) == [
        ("2025-05-05", ["30"]), ("2025-05-06", ["30", "45"])
    ]


def test_handovers_dated_only_by_their_papers_still_count_as_candidates_for_an_undated_one():
    a = fact("a.txt", 10, 500, measure="bodies_returned", basis="document")
    b = fact("b.txt", 10, 500, measure="bodies_returned", date=("2025-09-01", "2025-09-01"), basis="document")
    c = fact("c.txt", 10, 500, measure="bodies_returned", date=("2025-10-01", "2025-10-01"), basis="text")
    loose = fact("d.txt", 10, 500, measure="bodies_returned", date=None)
    events = build_events([a, b, c, loose]).events
    assert len(events) == 4 and sum(not e.dated for e in events) == 1  # several fit: it stays apart


def test_a_mention_with_an_open_end_joins_its_event_without_failing():
    """A text with no date of its own gives a total since 2022-02-24 no end; the event still builds around it."""
    open_ended = fact("undated.txt", 10, 1000, date=("2022-02-24", None), per_side=True, nationality=None)
    dated = fact("undated.txt", 60, 1000, date=("2025-05-23", "2025-05-25"), per_side=True, nationality=None)
    events = build_events([open_ended, dated])
    assert {m.fact.id for e in events.events for m in e.mentions} == {open_ended.id, dated.id}


@pytest.mark.parametrize(
    "text, published, language, kind",
    [
        ("Kyiv said on Monday it had swapped 108 women with Moscow.", "2022-10-17", "en", "exchange"),
        ("Kyiv said on Monday it had freed 108 women from captivity.", "2022-10-17", "en", "release"),
        ("У понеділок Україна обміняла 108 жінок, повідомив Офіс президента.", "2022-10-17", "uk", "exchange"),
        ("У понеділок з полону звільнили 108 жінок, повідомив Офіс президента.", "2022-10-17", "uk", "release"),
        ("В понедельник из плена по обмену вернули 108 женщин.", "2022-10-17", "ru", "exchange"),
        ("El lunes Ucrania canjeó a 108 mujeres prisioneras.", "2022-10-17", "es", "exchange"),
    ],
)
def test_a_swap_word_makes_an_exchange_though_one_side_is_told(text, published, language, kind):
    facts = extract_text(text, published=published, language=language)
    assert [f.value for f in facts if f.measure == "released"] == [108]
    assert only(build_events(facts)).type == kind
