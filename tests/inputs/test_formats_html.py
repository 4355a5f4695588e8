"""powfacts.inputs.formats.html: the article's main text and metadata, never the page's clutter."""

import datetime as dt

import pytest

from powfacts.api import extract_document
from powfacts.errors import InputError
from powfacts.inputs.formats.html import main_text, read_html, with_headline
from powfacts.inputs.readers import Document, read_document

#: the fixture's article as a researcher would save it as plain text: headline, then one paragraph a line
PLAIN = (
    "Ukraine brings home 84 prisoners of war in latest exchange\n"
    "Ukraine and Russia carried out a prisoner exchange on Thursday, with Kyiv bringing home 84 servicemen "
    "from Russian captivity, the Coordination Headquarters for the Treatment of Prisoners of War said.\n"
    "Russia's defence ministry said 84 Russian soldiers had been returned in the swap, which was mediated by "
    "the United Arab Emirates.\n"
    "More than 5,800 Ukrainians have been freed from Russian captivity since February 2022, according to Kyiv.\n"
    "Officials said the bodies of 1,000 fallen soldiers were also repatriated to Ukraine on Thursday."
)


@pytest.fixture(scope="module")
def page(fixtures_dir):
    return read_document(str(fixtures_dir / "html_news_page.html"))


def test_main_text_is_the_article_only(page):
    assert page.text == PLAIN


@pytest.mark.parametrize(
    "clutter",
    ["cookies", "812", "Accept all", "Home", "2,500", "24/7", "drones", "Reg. no", "Related", "390", "150 prisoners",
     "7,000", "Reader1", "8,000", "Another 200", "Share", "1.2k", "48213", "wordCount", "By Kyiv Wire staff"],
)
def test_clutter_is_left_out(page, clutter):
    assert clutter not in page.text


def test_metadata(page):
    assert page.title == "Ukraine brings home 84 prisoners of war in latest exchange"
    assert page.url == "https://kyivwire.example/news/2025/08/15/ukraine-brings-home-84-prisoners"
    assert page.outlet == "Kyiv Wire"
    assert page.published == dt.date(2025, 8, 15)  # article:published_time, not modified_time
    assert (page.format, page.encoding, page.pages) == ("html", "utf-8", ())


def test_facts_equal_the_same_content_as_plain_text(page):
    """Apart from ``source``, the page gives exactly the facts of its article saved as text."""
    from_html = [f.model_dump(mode="json", exclude={"source"}) for f in extract_document(page, page.published)]
    from_text = [f.model_dump(mode="json", exclude={"source"}) for f in extract_document(Document.from_text(PLAIN, "plain.txt"), dt.date(2025, 8, 15))]
    assert from_html == from_text
    assert {f["figure"]["text"] for f in from_html} >= {"84", "5,800", "1,000"}
    for fact in from_html:
        assert page.text[fact["figure"]["start"] : fact["figure"]["end"]] == fact["figure"]["text"]


def test_related_links_and_comments_make_no_facts(page):
    figures = {f.figure.text for f in extract_document(page, page.published)}
    assert not figures & {"390", "150", "7,000", "8,000", "200", "2,500", "812", "12"}


def test_the_headline_is_added_when_the_article_markup_lacks_it():
    html = (
        "<html><head><title>Swap - Site</title><meta property='og:title' content='Kyiv and Moscow swap 95 prisoners each'>"
        "</head><body><div class='head'><h2>Kyiv and Moscow swap 95 prisoners each</h2></div><article>"
        "<p>On Monday, Ukraine and Russia exchanged prisoners of war for the first time in two months, with 95 people returned to each side.</p>"
        "<p>The United Arab Emirates said it had mediated the exchange, as it has done many times before.</p></article></body></html>"
    )
    page = read_html(html, "p.html")
    assert page.text.split("\n")[0] == "Kyiv and Moscow swap 95 prisoners each"
    assert page.text.count("swap 95 prisoners each") == 1


def test_with_headline_does_not_repeat_it():
    assert with_headline("Kicker\nThe Headline\nBody.", "The headline") == "Kicker\nThe Headline\nBody."
    assert with_headline("Body.", None) == "Body."


def test_main_text_squeezes_spaces_and_drops_blank_lines():
    assert main_text("| a | b | \n\n\t x\ty  \n") == "| a | b |\nx y"


@pytest.mark.parametrize(
    "html",
    [
        "<!DOCTYPE html><html><head><title>Kyiv Wire</title></head><body><nav><a href='/'>Home</a> <a href='/war'>War</a></nav></body></html>",
        "<html><head><title>App</title><script>var items = 84;</script></head><body><div id='root'></div>"
        "<noscript>Please enable JavaScript to read this article.</noscript></body></html>",
        "<html><body></body></html>",
    ],
)
def test_no_main_text(html):
    with pytest.raises(InputError, match=r"^p\.html: no main text found$"):
        read_html(html, "p.html")


def test_page_without_metadata_has_nones():
    html = "<html><body><article><p>" + "Ukraine freed 12 prisoners of war on Friday, the ombudsman said in a statement. " * 3 + "</p></article></body></html>"
    page = read_html(html, "p.html")
    assert (page.url, page.outlet, page.published) == (None, None, None)


def test_windows_1251_page(tmp_path):
    body = "Россия и Украина провели обмен пленными по формуле 84 на 84, сообщило Министерство обороны России в пятницу."
    html = f'<html><head><meta charset="windows-1251"><title>Обмен</title></head><body><article><p>{body}</p></article></body></html>'
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    document = read_document(str(path))
    assert document.encoding == "cp1251"
    assert body in document.text


def test_reading_is_deterministic(fixtures_dir):
    data = (fixtures_dir / "html_news_page.html").read_text(encoding="utf-8")
    assert read_html(data, "p.html") == read_html(data, "p.html")
