"""`powfacts extract` as a batch: exit codes, --strict, --patterns, --format csv, --resume."""

import csv
import io
import json

from typer.testing import CliRunner

from powfacts.cli import app

runner = CliRunner()
STORY = "On 6 May 2025, Ukraine returned {n} prisoners of war home.\n"


def corpus(tmp_path, count=3):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(count):
        (folder / f"d{i}.txt").write_text(STORY.format(n=100 + i), encoding="utf-8")
    return folder


def test_help_documents_the_exit_codes():
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "0 every document processed" in text and "2 usage error" in text


def test_a_skipped_document_gives_exit_1_and_strict_says_so(tmp_path):
    folder = corpus(tmp_path)
    (folder / "empty.txt").write_text("")
    result = runner.invoke(app, ["extract", str(folder), "-q", "--workers", "1"])
    assert result.exit_code == 1
    assert f"skipped: {folder / 'empty.txt'}: empty file" in result.stderr
    assert len(result.stdout.splitlines()) == 3
    strict = runner.invoke(app, ["extract", str(folder), "-q", "--workers", "1", "--strict"])
    assert strict.exit_code == 1
    assert "error: 1 document(s) skipped (--strict)" in strict.stderr


def test_an_invalid_user_pattern_is_a_usage_error(tmp_path):
    folder = corpus(tmp_path)
    (tmp_path / "mine" / "en").mkdir(parents=True)
    (tmp_path / "mine" / "en" / "measures.jsonl").write_text('{"id": "x", "label": "released", "pattern": [{"LOWER": "x"}], "code": "print(1)"}\n')
    result = runner.invoke(app, ["extract", str(folder), "--patterns", str(tmp_path / "mine")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'mine' / 'en' / 'measures.jsonl'}:1: code: Extra inputs are not permitted")
    assert result.stdout == ""


def test_a_missing_pattern_folder_is_a_usage_error(tmp_path):
    folder = corpus(tmp_path)
    result = runner.invoke(app, ["extract", str(folder), "--patterns", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nope'}: pattern folder not found"


def test_resume_needs_an_output_file(tmp_path):
    result = runner.invoke(app, ["extract", str(corpus(tmp_path)), "--resume"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --resume needs -o FILE"


def test_csv_output_has_one_row_per_fact(tmp_path):
    folder = corpus(tmp_path)
    target = tmp_path / "facts.csv"
    result = runner.invoke(app, ["extract", str(folder), "-q", "--format", "csv", "-o", str(target), "--workers", "2"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(r["measure"], r["value"], r["date_start"]) for r in rows] == [("released", str(100 + i), "2025-05-06") for i in range(3)]


def test_output_file_and_stdout_hold_the_same_records(tmp_path):
    folder = corpus(tmp_path)
    target = tmp_path / "facts.jsonl"
    to_file = runner.invoke(app, ["extract", str(folder), "-q", "-o", str(target)])
    to_stdout = runner.invoke(app, ["extract", str(folder), "-q"])
    assert to_file.exit_code == to_stdout.exit_code == 0
    assert to_file.stdout == ""
    assert target.read_text(encoding="utf-8") == to_stdout.stdout
    assert [json.loads(line)["value"] for line in to_stdout.stdout.splitlines()] == [100, 101, 102]
