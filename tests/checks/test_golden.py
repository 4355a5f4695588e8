"""powfacts.checks.golden: fixtures re-extracted and compared fact by fact, field by field."""

import json

import pytest

from powfacts.checks import golden
from powfacts.errors import InputError
from powfacts.checks.golden import Difference, check, compare, update


@pytest.fixture
def synced(fixtures_copy):
    """A fixtures copy whose expected files match the code as it stands (so edits to it are the only differences)."""
    update(fixtures_copy)
    return fixtures_copy


def record(fid, start=0, **fields):
    out = {"id": fid, "measure": "released", "value": 5, "status": "reported", "figure": {"text": "5", "start": start, "end": start + 1}}
    out.update(fields)
    return out


def test_compare_equal_lists_has_no_difference():
    facts = [record("f-1"), record("f-2", start=9)]
    assert compare("c.txt", facts, [dict(f) for f in facts]) == []


def test_compare_reports_missing_and_new():
    diffs = compare("c.txt", [record("f-1")], [record("f-2", start=3)])
    assert [(d.kind, d.fact.split()[0]) for d in diffs] == [("missing", "f-1"), ("new", "f-2")]
    assert all(d.case == "c.txt" for d in diffs)


def test_compare_reports_a_changed_field_with_old_and_new():
    (diff,) = compare("c.txt", [record("f-1")], [record("f-1", status="planned")])
    assert (diff.kind, diff.field, diff.old, diff.new) == ("changed", "status", "reported", "planned")
    assert diff.describe() == "c.txt: f-1 released '5'@0: status 'reported' -> 'planned'"


def test_compare_reports_an_added_field():
    (diff,) = compare("c.txt", [record("f-1")], [record("f-1", population="pow")])
    assert (diff.field, diff.old, diff.new) == ("population", None, "pow")


def test_compare_orders_by_figure_offset():
    diffs = compare("c.txt", [record("f-b", start=50), record("f-a", start=2)], [])
    assert [d.fact.split()[0] for d in diffs] == ["f-a", "f-b"]


def test_describe_missing():
    assert Difference("c.txt", "missing", "f-1 released '5'@0").describe() == "c.txt: missing fact f-1 released '5'@0"


def test_real_fixtures_pass(fixtures_dir):
    """The CI golden check: every reviewed fixture still produces its expected facts."""
    assert [d.describe() for d in check(fixtures_dir)] == []


def test_every_fixture_has_an_expected_file(fixtures_dir):
    for case in golden.cases(fixtures_dir):
        assert case.with_suffix(".jsonl").is_file(), case.name


def test_check_passes_on_a_synced_copy(synced):
    assert check(synced) == []


def test_check_reports_a_changed_status(synced):
    fixtures_copy = synced
    expected = fixtures_copy / "wire_story.jsonl"
    lines = expected.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["status"] == "reported"
    first["status"] = "planned"
    lines[0] = json.dumps(first, ensure_ascii=False)
    expected.write_text("\n".join(lines) + "\n", encoding="utf-8")

    diffs = check(fixtures_copy)
    assert diffs == [Difference("wire_story.txt", "changed", f"{first['id']} released {first['figure']['text']!r}@{first['figure']['start']}",
                                "status", "planned", "reported")]


def test_check_reports_a_deleted_fact_as_new(synced):
    fixtures_copy = synced
    expected = fixtures_copy / "faq.jsonl"
    lines = expected.read_text(encoding="utf-8").splitlines()
    dropped = json.loads(lines[-1])
    expected.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    diffs = check(fixtures_copy)
    assert [(d.case, d.kind, d.fact.split()[0]) for d in diffs] == [("faq.txt", "new", dropped["id"])]


def test_check_reports_a_case_without_expected_file(synced):
    fixtures_copy = synced
    (fixtures_copy / "extra.txt").write_text("Kyiv freed 5 men.", encoding="utf-8")
    diffs = check(fixtures_copy)
    assert [(d.case, d.kind) for d in diffs] == [("extra.txt", "unreviewed")]
    assert "no expected file extra.jsonl" in diffs[0].describe()


def test_update_rewrites_expected_files(synced):
    fixtures_copy = synced
    original = (fixtures_copy / "wire_story.jsonl").read_text(encoding="utf-8")
    (fixtures_copy / "wire_story.jsonl").write_text("", encoding="utf-8")
    written, unchanged = update(fixtures_copy)
    assert written == [fixtures_copy / "wire_story.jsonl"]  # only the file whose content changes
    assert unchanged == len(golden.cases(fixtures_copy)) - 1
    assert (fixtures_copy / "wire_story.jsonl").read_text(encoding="utf-8") == original
    assert check(fixtures_copy) == []
    assert not list(fixtures_copy.glob(".*.tmp"))


def test_source_paths_are_relative_to_the_folder(fixtures_dir):
    first = json.loads((fixtures_dir / "wire_story.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["source"]["path"] == "wire_story.txt"


def test_cases_errors(tmp_path):
    with pytest.raises(InputError, match="fixtures folder not found"):
        golden.cases(tmp_path / "absent")
    with pytest.raises(InputError, match=r"no fixture documents \(\*\.txt, \*\.md, \*\.html, \*\.htm, \*\.pdf\)"):
        golden.cases(tmp_path)
