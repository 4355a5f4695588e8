"""powfacts.run.writers: JSONL and atomic files."""

import json

import pytest

from powfacts.api import extract_text
from powfacts.facts.records import Fact
from powfacts.run.writers import atomic_text, jsonl


def test_atomic_text_writes_on_success(tmp_path):
    target = tmp_path / "out.jsonl"
    with atomic_text(target) as handle:
        handle.write("one\n")
        assert not target.exists()  # nothing visible until the block ends
    assert target.read_text(encoding="utf-8") == "one\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_atomic_text_leaves_nothing_when_the_block_raises(tmp_path):
    target = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError):
        with atomic_text(target) as handle:
            handle.write("half")
            raise RuntimeError("stop")
    assert list(tmp_path.iterdir()) == []


def test_atomic_text_keeps_the_old_file_when_the_block_raises(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with atomic_text(target) as handle:
            handle.write("new")
            raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_atomic_text_replaces_an_existing_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with atomic_text(target) as handle:
        handle.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"


def test_atomic_text_writes_unix_newlines_in_utf8(tmp_path):
    target = tmp_path / "out.txt"
    with atomic_text(target) as handle:
        handle.write("Київ\n")
    assert target.read_bytes() == "Київ\n".encode("utf-8")


def test_jsonl_one_fact_a_line():
    facts = extract_text("Kyiv freed 12 men. Moscow freed 7 men.")
    text = jsonl(facts)
    lines = text.splitlines()
    assert text.endswith("\n") and len(lines) == len(facts) == 2
    assert [Fact.model_validate(json.loads(line)) for line in lines] == facts


def test_jsonl_of_nothing_is_empty():
    assert jsonl([]) == ""
