"""Issue #4 end to end: HTML, PDF and any-encoding inputs through `powfacts extract`, `text` and `--manifest`."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from powfacts.api import extract_document, extract_paths
from powfacts.cli import app
from powfacts.inputs.manifest import read_manifest
from powfacts.inputs.readers import read_document
from powfacts.facts.records import Fact, record_schema

INPUTS = ("html_news_page.html", "pdf_resolution.pdf", "ru_cp1251.txt", "utf16_story.txt")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def workdir(tmp_path, monkeypatch, fixtures_dir):
    """A temp folder holding copies of the issue's fixture inputs."""
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in INPUTS:
        shutil.copy(fixtures_dir / name, docs / name)
    return tmp_path


def facts_of(output):
    return [Fact.model_validate(json.loads(line)) for line in output.splitlines() if line.strip()]


def test_source_carries_the_new_fields(fixtures_dir):
    html = extract_document(read_document(str(fixtures_dir / "html_news_page.html")))
    source = html[0].source
    assert (source.format, source.encoding, source.outlet, source.page) == ("html", "utf-8", "Kyiv Wire", None)
    assert source.url == "https://kyivwire.example/news/2025/08/15/ukraine-brings-home-84-prisoners"
    assert source.title == "Ukraine brings home 84 prisoners of war in latest exchange"
    assert source.published == "2025-08-15"  # the page's publication date is the document date
    pdf = extract_document(read_document(str(fixtures_dir / "pdf_resolution.pdf")))
    assert {f.source.format for f in pdf} == {"pdf"} and {f.source.page for f in pdf} == {1, 2}
    assert all(f.source.encoding is None for f in pdf)
    ru = extract_document(read_document(str(fixtures_dir / "ru_cp1251.txt")))
    assert {(f.source.format, f.source.encoding, f.source.page, f.source.language) for f in ru} == {("text", "cp1251", None, "ru")}
    uk = extract_document(read_document(str(fixtures_dir / "utf16_story.txt")))
    assert {(f.source.encoding, f.source.language) for f in uk} == {("utf-16", "uk")}


def test_schema_documents_the_new_fields():
    properties = record_schema()["$defs"]["Source"]["properties"]
    assert {"url", "title", "outlet", "format", "encoding", "page"} <= set(properties)


def test_ids_do_not_depend_on_the_encoding(tmp_path, fixtures_dir):
    text = read_document(str(fixtures_dir / "ru_cp1251.txt")).text
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    a = extract_document(read_document(str(fixtures_dir / "ru_cp1251.txt")))
    b = extract_document(read_document(str(tmp_path / "utf8.txt")))
    assert [f.id for f in a] == [f.id for f in b]


def test_folder_run_reads_every_format_and_counts_other_files(runner, workdir):
    (workdir / "docs" / "facts.jsonl").write_text("{}", encoding="utf-8")
    (workdir / "docs" / "sheet.csv").write_text("path\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "docs", "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    facts = facts_of(result.stdout)
    assert sorted({f.source.path for f in facts}) == sorted(f"docs/{name}" for name in INPUTS)
    row = next(line for line in result.stderr.splitlines() if "other files in the folders (not read)" in line)
    assert row.replace("│", " ").split()[-1] == "2"


@pytest.mark.parametrize("name", INPUTS)
def test_text_command_prints_what_offsets_index_into(runner, workdir, name):
    extracted = runner.invoke(app, ["extract", f"docs/{name}"])
    assert extracted.exit_code == 0, extracted.stderr
    printed = runner.invoke(app, ["text", f"docs/{name}"])
    assert printed.exit_code == 0, printed.stderr
    text = printed.stdout_bytes.decode("utf-8")
    facts = facts_of(extracted.stdout)
    assert facts
    for fact in facts:
        assert text[fact.figure.start : fact.figure.end] == fact.figure.text
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text


def test_text_command_errors(runner, workdir):
    (workdir / "scan.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    result = runner.invoke(app, ["text", "scan.pdf"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: scan.pdf: corrupt PDF")
    assert runner.invoke(app, ["text", "absent.txt"]).exit_code == 2


def test_manifest_wins_over_the_document_and_the_command_line_over_both(runner, workdir):
    (workdir / "docs" / "sources.csv").write_text(
        "path,url,title,published,outlet\n"
        "html_news_page.html,https://archive.example/84,Archived title,2025-08-16,Kyiv Wire (archive)\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", "docs/html_news_page.html", "--manifest", "docs/sources.csv"])
    assert result.exit_code == 0, result.stderr
    facts = facts_of(result.stdout)
    assert {(f.source.url, f.source.title, f.source.outlet, f.source.published) for f in facts} == {
        ("https://archive.example/84", "Archived title", "Kyiv Wire (archive)", "2025-08-16")
    }
    thursday = [f for f in facts if f.date and f.date.text == "Thursday"]
    assert thursday and all(f.date.end == "2025-08-14" for f in thursday)  # the week of the manifest's date (a running total told with the swap ends on it)
    overridden = facts_of(runner.invoke(app, ["extract", "docs/html_news_page.html", "--manifest", "docs/sources.csv", "--published", "2025-09-01"]).stdout)
    assert {f.source.published for f in overridden} == {"2025-09-01"}
    assert {f.source.outlet for f in overridden} == {"Kyiv Wire (archive)"}


def test_manifest_language_picks_the_patterns(workdir, monkeypatch):
    import powfacts.pipeline.language

    expected = [f.id for f in list(extract_paths(["docs/utf16_story.txt"], language="uk"))[0].facts]
    monkeypatch.setattr(powfacts.pipeline.language, "detect", lambda text, languages=None: "ru")  # detection gets it wrong
    assert {f.source.language for f in list(extract_paths(["docs/utf16_story.txt"]))[0].facts} <= {"ru"}
    (workdir / "docs" / "m.csv").write_text("path,language\nutf16_story.txt,uk\n", encoding="utf-8")
    outcomes = list(extract_paths(["docs/utf16_story.txt"], manifest=read_manifest("docs/m.csv")))
    assert [f.id for f in outcomes[0].facts] == expected and expected
    assert {f.source.language for f in outcomes[0].facts} == {"uk"}


def test_bad_manifest_is_a_usage_error(runner, workdir):
    (workdir / "m.csv").write_text("path,published\na.txt,15/08/2025\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "docs", "--manifest", "m.csv"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["error: m.csv:2: published '15/08/2025': expected YYYY-MM-DD"]
    (workdir / "m.csv").write_text("path,language\na.txt,de\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "docs", "--manifest", "m.csv"])
    assert result.exit_code == 2 and "m.csv:2: no patterns for language 'de'" in result.stderr


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(runner, workdir, fixtures_dir):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_pdf_resolution", fixtures_dir / "make_pdf_resolution.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    bad = workdir / "docs"
    (bad / "empty.html").write_text("<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (bad / "locked.pdf").write_bytes(maker.encrypted())
    (bad / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    (bad / "scan.pdf").write_bytes(maker.image_only())
    (bad / "noise.txt").write_bytes(bytes(range(128, 256)) * 4)
    result = runner.invoke(app, ["extract", "docs", "--workers", "1", "--quiet"])
    assert result.exit_code == 1
    expected = [
        "skipped: docs/broken.pdf: corrupt PDF (PdfStreamError: Stream has ended unexpectedly)",
        "skipped: docs/empty.html: no main text found",
        "skipped: docs/locked.pdf: encrypted PDF (a password is needed to read it)",
        "skipped: docs/noise.txt: cannot determine the text encoding",
        "skipped: docs/scan.pdf: no text layer (scanned PDF?): powfacts does not do OCR",
    ]
    squeezed = "".join(result.stderr.split())  # Rich wraps long lines at the terminal's width
    assert squeezed == "".join("".join(expected).split())
    assert {f.source.path for f in facts_of(result.stdout)} == {f"docs/{name}" for name in INPUTS}


def test_summary_names_the_new_reasons(runner, workdir):
    (workdir / "docs" / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj")
    result = runner.invoke(app, ["extract", "docs", "--workers", "1"])
    assert result.exit_code == 1
    assert "skipped: corrupt PDF" in result.stderr
