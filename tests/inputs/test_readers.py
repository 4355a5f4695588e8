"""powfacts.inputs.readers: documents from disk or stdin, with one-line errors naming the path."""

import datetime as dt
import hashlib
import importlib.util
import io
import sys
from pathlib import Path

import pytest

from powfacts.errors import InputError
from powfacts.inputs.readers import STDIN, Document, decode, expand, page_at, read_document, scan


def assert_one_line_error(path, fragment):
    with pytest.raises(InputError) as info:
        read_document(str(path))
    message = str(info.value)
    assert str(path) in message
    assert fragment in message
    assert "\n" not in message
    return message


def test_reads_utf8_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Kyiv freed 12 prisoners. Київ\n", encoding="utf-8")
    document = read_document(str(path))
    assert document.text == "Kyiv freed 12 prisoners. Київ\n"
    assert document.path == str(path)
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_file(tmp_path):
    assert_one_line_error(tmp_path / "absent.txt", "no such file")


def test_directory(tmp_path):
    assert_one_line_error(tmp_path, "is a directory")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_one_line_error(path, "empty file")


def test_whitespace_only_file_counts_as_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \n\t\r\n ")
    assert_one_line_error(path, "empty file")


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_one_line_error(path, "binary file")


def test_latin1_bytes_are_decoded_and_the_encoding_recorded(tmp_path):
    """Intended change (issue #4): non-UTF-8 text is decoded, no longer refused."""
    path = tmp_path / "latin1.txt"
    path.write_bytes("Prisonniers libérés: 12".encode("latin-1"))
    document = read_document(str(path))
    assert document.text == "Prisonniers libérés: 12"
    assert document.encoding in ("cp1252", "iso8859-1")  # Windows-1252 is Latin-1's superset
    assert document.sha256 == hashlib.sha256("Prisonniers libérés: 12".encode("utf-8")).hexdigest()


def test_undeterminable_encoding(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    assert_one_line_error(path, "cannot determine the text encoding")


def test_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfUkraine freed 12 prisoners.")
    assert read_document(str(path)).text == "Ukraine freed 12 prisoners."


def test_decode_keeps_crlf_and_unicode():
    assert decode("a\r\nб".encode(), "x") == "a\r\nб"


def test_stdin_is_read_as_bytes(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO("Ukraine freed 3 prisoners.".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    document = read_document(STDIN)
    assert document.path == "<stdin>"
    assert document.text == "Ukraine freed 3 prisoners."


def test_empty_stdin_is_an_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    with pytest.raises(InputError, match="<stdin>: empty file"):
        read_document(STDIN)


def test_document_from_text_hashes_utf8():
    document = Document.from_text("Київ", "k.txt")
    assert document.sha256 == hashlib.sha256("Київ".encode("utf-8")).hexdigest()
    assert document.path == "k.txt"


def test_expand_sorts_document_files_recursively(tmp_path):
    """Intended change (issue #4): .md, .html, .htm and .pdf are documents too."""
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    for name in ("b/2.txt", "a/deep/1.txt", "z.txt", "a/0.txt", "notes.md", "b/data.jsonl", "p.HTML", "q.htm", "r.pdf"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = expand([str(tmp_path)])
    assert found == [str(tmp_path / p) for p in ("a/0.txt", "a/deep/1.txt", "b/2.txt", "notes.md", "p.HTML", "q.htm", "r.pdf", "z.txt")]


def test_expand_keeps_files_stdin_and_missing_paths(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "x.txt").write_text("x", encoding="utf-8")
    single = tmp_path / "single.md"
    single.write_text("y", encoding="utf-8")
    found = expand([str(single), "-", str(folder), str(tmp_path / "missing.txt")])
    assert set(found) == {str(single), "-", str(folder / "x.txt"), str(tmp_path / "missing.txt")}


def test_expand_output_does_not_depend_on_argument_order(tmp_path):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    forward = expand([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert forward == expand([str(tmp_path / "b.txt"), str(tmp_path / "a.txt")])
    assert forward == sorted(forward)


def test_expand_lists_each_file_once(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert expand([str(tmp_path), str(tmp_path / "a.txt")]) == [str(tmp_path / "a.txt")]


def test_expand_of_an_empty_folder_is_empty(tmp_path):
    assert expand([str(tmp_path)]) == []


# -- issue #4: formats by content, metadata, pages, skipped files --------------

PDF_FIXTURE = "pdf_resolution.pdf"


def pdf_maker():
    """``fixtures/make_pdf_resolution.py``, the script that writes the PDF fixture, as a module."""
    path = Path(__file__).resolve().parents[2] / "fixtures" / "make_pdf_resolution.py"
    spec = importlib.util.spec_from_file_location("make_pdf_resolution", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_document_keeps_old_constructor_and_defaults():
    document = Document(path="a.txt", text="x", sha256="0" * 64)
    assert (document.format, document.encoding, document.url, document.title, document.outlet) == ("text", None, None, None, None)
    assert (document.published, document.language, document.pages) == (None, None, ())


def test_with_metadata_changes_metadata_not_text():
    document = Document.from_text("abc", "a.txt")
    changed = document.with_metadata(url="https://example.org/a", path="b.txt")
    assert (changed.url, changed.path, changed.text, changed.sha256) == ("https://example.org/a", "b.txt", "abc", document.sha256)
    with pytest.raises(ValueError):
        document.with_metadata(text="other")


def test_text_file_records_format_and_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ukraine freed 12 prisoners.", encoding="utf-8")
    document = read_document(str(path))
    assert (document.format, document.encoding, document.pages) == ("text", "utf-8", ())


def test_bom_is_recorded(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfUkraine freed 12 prisoners.")
    assert read_document(str(path)).encoding == "utf-8-sig"


def test_sha256_is_of_the_decoded_text_not_the_bytes(tmp_path):
    """The same text in two encodings is the same document: record ids do not change."""
    text = "Україна повернула додому 84 захисників."
    (tmp_path / "a.txt").write_bytes(text.encode("cp1251"))
    (tmp_path / "b.txt").write_bytes(text.encode("utf-16"))
    a, b = read_document(str(tmp_path / "a.txt")), read_document(str(tmp_path / "b.txt"))
    assert a.text == b.text == text
    assert a.sha256 == b.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert (a.encoding, b.encoding) == ("cp1251", "utf-16")


def test_html_is_told_by_content_not_by_name(tmp_path, fixtures_dir):
    path = tmp_path / "saved-page.txt"
    path.write_bytes((fixtures_dir / "html_news_page.html").read_bytes())
    document = read_document(str(path))
    assert document.format == "html"
    assert document.text.startswith("Ukraine brings home 84 prisoners of war")


def test_pdf_is_told_by_content_not_by_name(tmp_path, fixtures_dir):
    path = tmp_path / "download"
    path.write_bytes((fixtures_dir / PDF_FIXTURE).read_bytes())
    document = read_document(str(path))
    assert document.format == "pdf"
    assert [number for _, number in document.pages] == [1, 2]


def test_a_text_file_named_html_is_text(tmp_path):
    path = tmp_path / "notes.html"
    path.write_text("Ukraine freed 12 prisoners, officials said.", encoding="utf-8")
    assert read_document(str(path)).format == "text"


def test_html_metadata(fixtures_dir):
    document = read_document(str(fixtures_dir / "html_news_page.html"))
    assert document.format == "html" and document.encoding == "utf-8"
    assert document.url == "https://kyivwire.example/news/2025/08/15/ukraine-brings-home-84-prisoners"
    assert document.title == "Ukraine brings home 84 prisoners of war in latest exchange"
    assert document.outlet == "Kyiv Wire"
    assert document.published == dt.date(2025, 8, 15)
    assert document.language is None


def test_pdf_document(fixtures_dir):
    document = read_document(str(fixtures_dir / PDF_FIXTURE))
    assert (document.format, document.encoding, document.title) == ("pdf", None, "Resolution 2611 (2025)")
    start = document.text.index("79 prisoners")
    assert page_at(document, start) == 2
    assert page_at(document, document.text.index("1,000 for 1,000")) == 1


def test_page_at_bounds():
    document = Document.from_text("ab\n\ncd", "x.pdf", format="pdf", pages=((0, 1), (4, 3)))
    assert [page_at(document, i) for i in range(6)] == [1, 1, 1, 1, 3, 3]
    assert page_at(Document.from_text("abc"), 1) is None


def test_stdin_html_is_read_as_html(monkeypatch, fixtures_dir):
    data = (fixtures_dir / "html_news_page.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    document = read_document(STDIN)
    assert (document.path, document.format, document.outlet) == ("<stdin>", "html", "Kyiv Wire")


@pytest.mark.parametrize("name", ["html_news_page.html", "pdf_resolution.pdf", "ru_cp1251.txt", "utf16_story.txt"])
def test_reading_is_deterministic(fixtures_dir, name):
    assert read_document(str(fixtures_dir / name)) == read_document(str(fixtures_dir / name))


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("empty.html", b"<!DOCTYPE html><html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>", "no main text found"),
        ("locked.pdf", None, "encrypted PDF"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", "corrupt PDF"),
        ("scan.pdf", None, "no text layer (scanned PDF?): powfacts does not do OCR"),
        ("noise.txt", bytes(range(128, 256)) * 4, "cannot determine the text encoding"),
    ],
)
def test_bad_inputs_get_one_line_each(tmp_path, name, data, fragment):
    if data is None:
        maker = pdf_maker()
        data = maker.encrypted() if name == "locked.pdf" else maker.image_only()
    path = tmp_path / name
    path.write_bytes(data)
    message = assert_one_line_error(path, fragment)
    assert message.startswith(f"{path}: ")


def test_scan_counts_other_files_and_ignores_hidden_ones(tmp_path, fixtures_dir):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("a.txt", "sub/b.md", "data.jsonl", "sheet.csv", "sub/image.png", ".hidden.txt", ".git/config"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "article.php").write_bytes((fixtures_dir / "html_news_page.html").read_bytes())
    (tmp_path / "download").write_bytes((fixtures_dir / PDF_FIXTURE).read_bytes())
    found = scan([str(tmp_path)])
    assert found.files == [str(tmp_path / p) for p in ("a.txt", "article.php", "download", "sub/b.md")]
    assert found.skipped == [str(tmp_path / p) for p in ("data.jsonl", "sheet.csv", "sub/image.png")]
    assert expand([str(tmp_path)]) == found.files


def test_scan_keeps_files_given_by_name_whatever_they_are(tmp_path):
    (tmp_path / "data.jsonl").write_text("x", encoding="utf-8")
    found = scan([str(tmp_path / "data.jsonl"), "-"])
    assert (found.files, found.skipped) == (sorted([str(tmp_path / "data.jsonl"), "-"]), [])


def test_scan_normalises_folder_paths_like_pathlib(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("x", encoding="utf-8")
    assert expand(["./docs/"]) == ["docs/a.txt"]
