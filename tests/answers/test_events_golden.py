"""Event fixtures (fixtures/events/<case>/): extract with the case's manifest, build the timeline, compare with its reviewed timeline.json.

Rewrite the expected files only on purpose: POWFACTS_UPDATE_EVENTS=1 .venv/bin/python -m pytest tests/answers/test_events_golden.py
"""

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powfacts.checks import golden
from powfacts.cli import app

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p.name for p in (ROOT / "fixtures" / "events").iterdir() if p.is_dir())
UPDATE = os.environ.get("POWFACTS_UPDATE_EVENTS") == "1"


def timeline_json(case: str, tmp_path: Path) -> str:
    folder = f"fixtures/events/{case}"
    facts = tmp_path / "facts.jsonl"
    runner = CliRunner()
    done = runner.invoke(app, ["extract", folder, "--manifest", f"{folder}/sources.csv", "--workers", "1", "--quiet", "-o", str(facts)])
    assert done.exit_code == 0, done.stderr
    done = runner.invoke(app, ["timeline", str(facts), "--format", "json"])
    assert done.exit_code == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("case", CASES)
def test_event_fixture_gives_its_reviewed_timeline(case, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    actual = timeline_json(case, tmp_path)
    expected_path = ROOT / "fixtures" / "events" / case / "timeline.json"
    if UPDATE:
        expected_path.write_text(actual, encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert json.loads(actual) == expected


def test_the_cases_are_what_the_issue_asks_for():
    assert CASES == ["both_sides", "later_stories", "related_headline", "running_total", "total_and_parts"]
    expected = {case: json.loads((ROOT / "fixtures" / "events" / case / "timeline.json").read_text(encoding="utf-8")) for case in CASES}
    (swap,) = expected["both_sides"]["events"]
    figures = {f["side"]: f for f in swap["figures"]}
    assert (figures["UA"]["value"], figures["RU"]["value"], figures["RU"]["from_each_side"]) == (212, 175, True)
    assert len(swap["sources"]) == 3  # the regional copy of Kyiv's story is one source with it
    (conflict,) = expected["both_sides"]["conflicts"]
    assert [c["figure"] for c in conflict["claims"]] == ["212", "220"]  # Moscow's 175 each is another quantity
    (day,) = expected["total_and_parts"]["events"]
    ua = next(f for f in day["figures"] if f["side"] == "UA")
    assert (ua["value"], [p["value"] for p in ua["parts"]]) == (205, [185, 20])
    assert expected["total_and_parts"]["conflicts"] == []
    totals = [e for e in expected["running_total"]["entries"] if e["kind"] == "cumulative"]
    assert sorted(e["value"] for e in totals) == [5700, 5850, 5900]
    (decrease,) = expected["running_total"]["conflicts"]  # Kyiv Wire's own count went down; the mission's lower count is another series
    assert decrease["kind"] == "decrease" and "5,850" in decrease["message"] and "5,700" not in decrease["message"]
    (bodies,) = expected["related_headline"]["events"]
    assert bodies["type"] == "bodies" and all("84" not in m["figure"]["text"] for m in bodies["mentions"])
    later = expected["later_stories"]
    days = {e["date"]["start"]: e for e in later["events"]}
    assert sorted(days) == ["2025-07-12", "2025-08-02", "2025-09-19"]  # every event dated, none apart
    assert all(e["type"] == "exchange" for e in later["events"])  # "the 64th exchange" names an exchange, though one side is told
    assert days["2025-08-02"]["ordinal"]["value"] == 64
    # the headline dated only by its paper's date (13 July) tells of the swap the story dates the day before
    assert {m["path"] for m in days["2025-07-12"]["mentions"]} == {"fixtures/events/later_stories/morning.txt"} and len(days["2025-07-12"]["mentions"]) == 3
    # a later story's undated "170 each" (soldiers) is the soldiers' part of the 19 September swap, 185 a side with civilians
    swap = days["2025-09-19"]
    assert {m["path"].rsplit("/", 1)[1] for m in swap["mentions"]} == {"swap.txt", "weekly.txt"}
    ua = next(f for f in swap["figures"] if f["side"] == "UA")
    assert (ua["value"], ua["derived"], [p["value"] for p in ua["parts"]]) == (185, True, [170, 15])
    # counts over three years are running totals, never events
    totals = sorted((e["measure"], e["value"]) for e in later["entries"] if e["kind"] == "cumulative")
    assert totals == [("exchanges", 60), ("exchanges", 64), ("released", 6000)]  # the ordinal is a count of exchanges too
    assert not any(m["figure"]["text"] in ("60", "6,000") for e in later["events"] for m in e["mentions"])
    assert later["conflicts"] == []


def test_event_fixtures_are_not_golden_fact_cases():
    assert all(p.parent == ROOT / "fixtures" for p in golden.cases(ROOT / "fixtures"))
