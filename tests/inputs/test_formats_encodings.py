"""powfacts.inputs.formats.encodings and .sniff: text in any common encoding, the encoding recorded; formats by content."""

import codecs

import pytest

from powfacts.errors import InputError
from powfacts.inputs.formats.encodings import decode_bytes, decode_html, declared_charset
from powfacts.inputs.formats.sniff import sniff

RU = "Россия и Украина провели обмен пленными по формуле 84 на 84. Домой вернулись 84 военнослужащих."
UK = "Україна повернула додому 84 захисників, повідомив Координаційний штаб."
FR = "Échange de prisonniers à Genève : 84 libérés, a indiqué le ministère."


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (RU.encode("utf-8"), RU, "utf-8"),
        (codecs.BOM_UTF8 + RU.encode("utf-8"), RU, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + UK.encode("utf-16-le"), UK, "utf-16"),
        (codecs.BOM_UTF16_BE + UK.encode("utf-16-be"), UK, "utf-16"),
        (codecs.BOM_UTF32_LE + UK.encode("utf-32-le"), UK, "utf-32"),
        (UK.encode("utf-16-le"), UK, "utf-16-le"),  # no BOM
        (UK.encode("utf-16-be"), UK, "utf-16-be"),
        (RU.encode("cp1251"), RU, "cp1251"),
        (UK.encode("cp1251"), UK, "cp1251"),
        (RU.encode("koi8-r"), RU, "koi8-r"),
    ],
)
def test_common_encodings_are_detected(data, text, encoding):
    assert decode_bytes(data, "x.txt") == (decode_bytes(data, "x.txt"))  # deterministic
    decoded = decode_bytes(data, "x.txt")
    assert (decoded.text, decoded.encoding) == (text, encoding)


def test_latin1_is_read_as_windows_1252_its_superset():
    decoded = decode_bytes(FR.encode("latin-1"), "x.txt")
    assert decoded.text == FR
    assert decoded.encoding == "cp1252"


def test_recorded_encoding_decodes_the_bytes_back():
    for data in (RU.encode("cp1251"), RU.encode("koi8-r"), codecs.BOM_UTF8 + b"abc", UK.encode("utf-16-le")):
        decoded = decode_bytes(data, "x.txt")
        assert data.decode(decoded.encoding) == decoded.text


def test_crlf_is_kept():
    assert decode_bytes("a\r\nб".encode("cp1251") + RU.encode("cp1251"), "x").text.startswith("a\r\nб")


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "x.txt: empty file"),
        (b" \n\t ", "x.txt: empty file"),
        (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "x.txt: empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.txt: binary file (PNG image)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "x.txt: binary file (ZIP archive"),
        (b"abc\x00\x01\x02\x03\xff\xfe\x00\x00\x9c", "x.txt: binary file (NUL bytes)"),
        (bytes(range(128, 256)) * 4, "x.txt: cannot determine the text encoding"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "x.txt: invalid utf-8-sig text after its byte-order mark"),
    ],
)
def test_bad_bytes_get_one_line(data, fragment):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "x.txt")
    assert str(info.value).startswith(fragment)
    assert "\n" not in str(info.value)


def test_html_declared_charset_is_used():
    page = '<html><head><meta charset="windows-1251"><title>т</title></head><body><p>Обмен</p></body></html>'
    decoded = decode_html(page.encode("cp1251"), "p.html")
    assert (decoded.text, decoded.encoding) == (page, "cp1251")


def test_html_declared_latin1_reads_as_windows_1252_like_browsers():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>“84”</p></body></html>'
    decoded = decode_html(page.encode("cp1252"), "p.html")
    assert decoded.text == page and decoded.encoding == "cp1252"


def test_html_declaring_the_wrong_charset_is_detected():
    page = f'<html><head><meta charset="utf-8"></head><body><p>{RU}</p></body></html>'
    decoded = decode_html(page.encode("cp1251"), "p.html")
    assert (decoded.text, decoded.encoding) == (page, "cp1251")


def test_declared_charset_unknown_is_ignored():
    assert declared_charset(b'<meta charset="no-such-charset">') is None


@pytest.mark.parametrize(
    ("data", "path", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "a.txt", "pdf"),
        (b"junk before it %PDF-1.4\n", "a", "pdf"),
        (b"\xef\xbb\xbf  <!DOCTYPE html>\n<html>", "a.txt", "html"),
        (b"<?xml version='1.0'?>\n<!-- saved -->\n<html xmlns='http://www.w3.org/1999/xhtml'>", "a", "html"),
        (codecs.BOM_UTF16_LE + "<!doctype html><html>".encode("utf-16-le"), "a", "html"),
        (b"<p>A fragment</p>", "a.htm", "html"),
        (b"<p>A fragment</p>", "a.txt", "text"),
        (b"Prisoners <b>freed</b>: 12", "a.md", "text"),
        (b"Plain words", "a.html", "text"),
    ],
)
def test_sniff(data, path, expected):
    assert sniff(data, path) == expected


def test_fixture_in_windows_1251(fixtures_dir):
    data = (fixtures_dir / "ru_cp1251.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    decoded = decode_bytes(data, "ru_cp1251.txt")
    assert decoded.encoding == "cp1251"
    assert decoded.text.startswith("Россия и Украина провели обмен пленными по формуле 84 на 84\n")


def test_fixture_in_utf16(fixtures_dir):
    data = (fixtures_dir / "utf16_story.txt").read_bytes()
    assert data.startswith(codecs.BOM_UTF16_LE)
    decoded = decode_bytes(data, "utf16_story.txt")
    assert decoded.encoding == "utf-16"
    assert decoded.text.startswith("Україна повернула додому 84 захисників\n")
