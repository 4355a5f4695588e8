"""powfacts.inputs.manifest: metadata researchers already have, from a CSV/TSV, winning over the document's own."""

import codecs
import datetime as dt

import pytest

from powfacts.errors import UsageError
from powfacts.inputs.manifest import ManifestRow, apply, check_languages, key, parse_manifest, read_manifest
from powfacts.inputs.readers import Document, read_document


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_every_column(tmp_path):
    manifest = write(
        tmp_path / "sources.csv",
        "path,url,title,published,outlet,language\n"
        "a.html,https://example.org/a,\"Swap: 84 for 84, officials say\",2025-08-15,Kyiv Wire,en\n",
    )
    rows = read_manifest(manifest)
    row = rows.row_for(str(tmp_path / "a.html"))
    assert row == ManifestRow(
        path="a.html", url="https://example.org/a", title="Swap: 84 for 84, officials say", published=dt.date(2025, 8, 15),
        outlet="Kyiv Wire", language="en", source=f"{manifest}:2",
    )


def test_paths_resolve_against_the_manifest_folder_and_as_written(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    manifest = write(tmp_path / "docs" / "sources.csv", "path,outlet\na.txt,A\ndocs/b.txt,B\n")
    monkeypatch.chdir(tmp_path)
    rows = read_manifest("docs/sources.csv")
    assert rows.row_for("docs/a.txt").outlet == "A"  # against the manifest's folder
    assert rows.row_for(str(tmp_path / "docs" / "a.txt")).outlet == "A"
    assert rows.row_for("docs/b.txt").outlet == "B"  # as written, against the working folder
    assert rows.row_for("./docs/../docs/a.txt").outlet == "A"
    assert rows.row_for("other.txt") is None
    assert rows.row_for("-") is None and rows.row_for("<stdin>") is None
    assert manifest.is_file()


def test_the_manifest_folder_wins_over_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    write(tmp_path / "docs" / "sources.csv", "path,outlet\na.txt,in docs\n")
    write(tmp_path / "top.csv", "path,outlet\na.txt,top\n")
    monkeypatch.chdir(tmp_path / "docs")
    rows = read_manifest(tmp_path / "docs" / "sources.csv")
    assert rows.row_for("a.txt").outlet == "in docs"


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_spreadsheet_dialects(tmp_path, delimiter):
    text = delimiter.join(["Path", "Outlet", "Notes"]) + "\n" + delimiter.join(["a.txt", "Kyiv Wire", "checked; twice"]) + "\n"
    if delimiter == ",":
        text = text.replace("checked; twice", '"checked, twice"')
    rows = read_manifest(write(tmp_path / "m.csv", text))
    assert rows.row_for(str(tmp_path / "a.txt")).outlet == "Kyiv Wire"
    assert rows.ignored_columns == ("Notes",)


def test_excel_utf8_bom_and_windows_1251(tmp_path):
    bom = tmp_path / "bom.csv"
    bom.write_bytes(codecs.BOM_UTF8 + "path,title\na.txt,Обмін полоненими\n".encode("utf-8"))
    assert read_manifest(bom).row_for(str(tmp_path / "a.txt")).title == "Обмін полоненими"
    cp = write(tmp_path / "cp.csv", "path,title\nb.txt,Обмен пленными по формуле 84 на 84\n", "cp1251")
    assert read_manifest(cp).row_for(str(tmp_path / "b.txt")).title == "Обмен пленными по формуле 84 на 84"


def test_aliases_of_scrapers_and_the_shared_corpora(tmp_path):
    rows = read_manifest(write(tmp_path / "MANIFEST.tsv", "file\turl\tpublication_date\tsite\tlang\na.txt\thttps://x.example/a\t2022-10-17\tNews24\tEN-gb\n"))
    row = rows.row_for(str(tmp_path / "a.txt"))
    assert (row.url, row.published, row.outlet, row.language) == ("https://x.example/a", dt.date(2022, 10, 17), "News24", "en")


def test_empty_cells_say_nothing_and_blank_rows_are_skipped(tmp_path):
    rows = read_manifest(write(tmp_path / "m.csv", "path,url,title,published\na.txt,, ,\n,,,\n\n"))
    row = rows.row_for(str(tmp_path / "a.txt"))
    assert (row.url, row.title, row.published) == (None, None, None)


def test_datetime_is_cut_to_its_day(tmp_path):
    rows = read_manifest(write(tmp_path / "m.csv", "path,published\na.txt,2025-08-15T23:30:00Z\nb.txt,2025-08-15T09:30:00+03:00\n"))
    assert rows.row_for(str(tmp_path / "a.txt")).published == dt.date(2025, 8, 15)
    assert rows.row_for(str(tmp_path / "b.txt")).published == dt.date(2025, 8, 15)


def test_whitespace_in_values_is_squeezed_but_paths_kept(tmp_path):
    rows = read_manifest(write(tmp_path / "m.csv", 'path,title\n" a b.txt ","  Two\n lines  "\n'))
    row = rows.row_for(str(tmp_path / "a b.txt"))
    assert row.title == "Two lines"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("url,title\nhttps://x,T\n", "m.csv:1: no 'path' column"),
        ("path,published\na.txt,2025-08-15\nb.txt,15/08/2025\n", "m.csv:3: published '15/08/2025': expected YYYY-MM-DD"),
        ("path,title\na.txt,A\n,B\n", "m.csv:3: empty path"),
        ("path,title\na.txt,A\nb.txt,B\n./a.txt,C\n", "m.csv:4: './a.txt' is already on line 2"),
        ("path,language\na.txt,english language\n", "m.csv:2: language 'english language': expected a language code"),
        ("path,file\na.txt,b.txt\n", "m.csv:1: two columns for 'path'"),
        ("", "m.csv: empty"),
        ("path,title\na.txt,\"A title with a quote \"\" and a line\nbreak\"\nb.txt,2025-13-01\n", None),
    ],
)
def test_bad_manifests_name_the_file_and_line(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.csv").write_text(text, encoding="utf-8")
    if message is None:  # a quoted line break is no error, and line numbers stay those of the file
        assert read_manifest("m.csv").row_for("b.txt").source == "m.csv:4"
        return
    with pytest.raises(UsageError) as info:
        read_manifest("m.csv")
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_missing_manifest_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such manifest file"):
        read_manifest(tmp_path / "absent.csv")
    with pytest.raises(UsageError, match="is a directory"):
        read_manifest(tmp_path)


def test_check_languages(tmp_path):
    rows = read_manifest(write(tmp_path / "m.csv", "path,language\na.txt,en\nb.txt,de\n"))
    check_languages(rows, ("de", "en"))  # nothing raised when every language has patterns
    with pytest.raises(UsageError, match=r"m\.csv:3: no patterns for language 'de' \(have: en, ru\)"):
        check_languages(rows, ("en", "ru"))


def test_apply_manifest_wins_over_the_document():
    document = Document.from_text("text", "a.html", format="html", url="https://page", title="Page title", outlet="page.example", published=dt.date(2025, 1, 1))
    row = ManifestRow(path="a.html", url="https://canonical", published=dt.date(2025, 2, 2), language="uk")
    applied = apply(document, row)
    assert (applied.url, applied.title, applied.outlet, applied.published, applied.language) == (
        "https://canonical", "Page title", "page.example", dt.date(2025, 2, 2), "uk",
    )
    assert (applied.path, applied.text, applied.sha256, applied.format) == (document.path, document.text, document.sha256, "html")
    assert apply(document, None) is document


def test_apply_to_a_real_html_page(tmp_path, fixtures_dir):
    page = tmp_path / "page.html"
    page.write_bytes((fixtures_dir / "html_news_page.html").read_bytes())
    rows = read_manifest(write(tmp_path / "m.csv", "path,outlet,published\npage.html,Kyiv Wire (print edition),2025-08-16\n"))
    document = apply(read_document(str(page)), rows.row_for(str(page)))
    assert (document.outlet, document.published) == ("Kyiv Wire (print edition)", dt.date(2025, 8, 16))
    assert document.url == "https://kyivwire.example/news/2025/08/15/ukraine-brings-home-84-prisoners"


def test_key_normalises():
    assert key("a/./b/../c.txt", "/nonexistent/base") == "/nonexistent/base/a/c.txt"


def test_parse_manifest_is_deterministic(tmp_path):
    text = "path,outlet\nb.txt,B\na.txt,A\n"
    assert parse_manifest(text, "m.csv", tmp_path) == parse_manifest(text, "m.csv", tmp_path)
    assert list(parse_manifest(text, "m.csv", tmp_path)) == sorted(parse_manifest(text, "m.csv", tmp_path))


def test_the_shared_corpus_manifest_reads(shared):
    manifest = shared / "corpus-en" / "docs" / "MANIFEST.tsv"
    if not manifest.is_file():
        pytest.skip(f"{manifest} not present: the shared corpora are checked out beside the project")
    rows = read_manifest(manifest)
    docs = sorted(p for p in manifest.parent.glob("*.txt"))
    assert docs and all(rows.row_for(str(p)) is not None for p in docs)
    assert all(row.language == "en" for row in rows.values())
    assert rows.ignored_columns == ("note",)
