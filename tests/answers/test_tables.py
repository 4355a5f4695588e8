"""powfacts.answers.tables: facts and timeline entries as flat spreadsheet rows."""

import csv
import io

from powfacts.api import extract_text
from powfacts.answers.tables import ENTRY_COLUMNS, FACT_COLUMNS, cell, csv_text, fact_row, flatten, write_csv, write_facts_csv
from powfacts.answers.timeline import build

TEXT = "On 6 May 2025, Ukraine returned 205 prisoners of war home. Officials said about 15-20% of them needed surgery.\n"
STORY = (
    "Published: 4 June 2025\n\n"
    "The ombudsman said nearly 95% of the freed soldiers had been tortured. "
    "On Thursday, Ukraine brought home 307 prisoners of war.\n"
)


def facts():
    return extract_text(TEXT, path="note.txt") + extract_text(STORY, path="story.txt")


def test_columns_are_every_field_of_a_record_flattened():
    fact = next(f for f in extract_text(STORY, path="story.txt") if f.date is not None and f.date.span is not None)
    assert set(flatten(fact.model_dump(mode="json"))) == set(FACT_COLUMNS)
    assert len(FACT_COLUMNS) == len(set(FACT_COLUMNS))


def test_a_fact_and_its_dict_give_the_same_row():
    for fact in facts():
        assert fact_row(fact) == fact_row(fact.model_dump(mode="json"))


def test_rows_hold_flat_values():
    by_value = {f.value: dict(zip(FACT_COLUMNS, fact_row(f), strict=True)) for f in facts()}
    row = by_value[307]
    assert row["measure"] == "released"
    assert (row["date_start"], row["date_end"], row["date_text"]) == ("2025-05-29", "2025-05-29", "Thursday")
    assert (row["per_side"], row["low"], row["high"]) == ("false", "", "")
    assert STORY[int(row["figure_start"]) : int(row["figure_end"])] == row["figure_text"] == "307"
    assert row["source_path"] == "story.txt" and row["source_published"] == "2025-06-04"
    assert row["rules"].split(";") == sorted(row["rules"].split(";")) and "figure.digits" in row["rules"].split(";")
    torture = by_value[95]
    assert (torture["unit"], torture["qualifier"]) == ("percent", "less_than")


def test_a_fact_without_a_date_leaves_its_date_columns_empty():
    fact = next(f for f in extract_text(STORY, path="story.txt") if f.date is not None and f.date.span is not None).model_copy(update={"date": None})
    row = dict(zip(FACT_COLUMNS, fact_row(fact), strict=True))
    assert (row["date_start"], row["date_end"], row["date_text"]) == ("", "", "")


def test_cells():
    assert [cell(None), cell(False), cell(12.0), cell(12.5), cell(("a", "b"))] == ["", "false", "12", "12.5", "a;b"]
    # text a spreadsheet would run as a formula is kept as text
    assert cell("=HYPERLINK(1)", "evidence_text") == "'=HYPERLINK(1)"
    assert cell("-5 soldiers", "figure_text") == "'-5 soldiers"
    assert cell("-", "qualifier") == "-"  # only free-text columns are guarded


def test_csv_round_trips_and_is_stable(tmp_path):
    all_facts = facts()
    buffer = io.StringIO()
    assert write_facts_csv(buffer, all_facts) == len(all_facts)
    text = buffer.getvalue()
    assert text.startswith(",".join(FACT_COLUMNS) + "\n")
    assert "\r" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [f.id for f in all_facts]
    assert [r["evidence_text"] for r in rows] == [f.evidence.text for f in all_facts]
    again = io.StringIO()
    write_facts_csv(again, all_facts)
    assert again.getvalue() == text


def test_batches_stream_into_one_table():
    all_facts = facts()
    buffer = io.StringIO()
    write_facts_csv(buffer, all_facts[:1])
    write_facts_csv(buffer, all_facts[1:], header=False)
    whole = io.StringIO()
    write_facts_csv(whole, all_facts)
    assert buffer.getvalue() == whole.getvalue()


def test_write_csv_and_csv_text_agree():
    buffer = io.StringIO()
    assert write_csv(buffer, ("a", "b"), [["1", "x,y"], ["2", 'say "hi"']]) == 2
    assert buffer.getvalue() == csv_text(("a", "b"), [["1", "x,y"], ["2", 'say "hi"']]) == 'a,b\n1,"x,y"\n2,"say ""hi"""\n'


def test_timeline_entries_as_rows():
    rows = list(csv.DictReader(io.StringIO(build(facts()).to_csv())))
    assert list(rows[0]) == [*ENTRY_COLUMNS, "event", "source", "derived"]  # issue 17: three columns added at the end
    released = next(r for r in rows if r["value"] == "307")
    assert (released["kind"], released["mentions"], released["documents"], released["conflicts"]) == ("event", "1", "story.txt", "")
