"""powfacts.inputs.formats.pdf: text in reading order, words re-joined, headers/footers/page numbers out, pages known."""

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from powfacts.api import extract_document
from powfacts.errors import InputError
from powfacts.inputs.formats.pdf import Line, assemble, is_page_number, join_lines, paragraphs, read_pdf, strip_furniture
from powfacts.inputs.readers import Document, page_at, read_document

#: the fixture resolution as plain text: one paragraph a line, as a researcher would copy it
PLAIN = (
    "Resolution 2611 (2025)\n"
    "Prisoners of war and civilians held by the Russian Federation\n"
    "Text adopted by the Assembly on 26 June 2025 (23rd sitting).\n"
    "1. The Parliamentary Assembly remains deeply concerned about the fate of the Ukrainian prisoners of war and "
    "civilians held by the Russian Federation, whose treatment breaches the Third Geneva Convention.\n"
    "2. The Assembly welcomes the exchange of 1,000 for 1,000 prisoners carried out in May 2025, the largest since "
    "the full-scale invasion.\n"
    "3. As at 1 June 2025, a total of 5 757 Ukrainians have been released since the start of the full-scale war. "
    "The Ukrainian authorities estimate that more than 8 000 Ukrainian citizens remain in Russian detention.\n"
    "4. The Assembly is appalled by the mounting evidence of summary executions. As of May 2025, the United Nations "
    "Human Rights Monitoring Mission in Ukraine had verified the execution of 79 prisoners of war since the "
    "full-scale invasion began, and had established that at least 24 Ukrainian prisoners of war had died in custody.\n"
    "5. On 13 June 2025, the remains of 1 212 fallen Ukrainian defenders were repatriated, yet the families of many "
    "others still wait for news.\n"
    "6. The Assembly calls on the Russian Federation to grant the International Committee of the Red Cross "
    "unimpeded access to every place where Ukrainians are detained."
)


def maker():
    """``fixtures/make_pdf_resolution.py`` as a module."""
    path = Path(__file__).resolve().parents[2] / "fixtures" / "make_pdf_resolution.py"
    spec = importlib.util.spec_from_file_location("make_pdf_resolution", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def resolution(fixtures_dir):
    return read_document(str(fixtures_dir / "pdf_resolution.pdf"))


def test_committed_fixture_is_what_the_script_writes(fixtures_dir):
    assert (fixtures_dir / "pdf_resolution.pdf").read_bytes() == maker().resolution()


def test_text_in_reading_order(resolution):
    assert resolution.text == PLAIN


def test_hyphenated_word_is_rejoined_and_real_hyphens_stay(resolution):
    assert "the exchange of 1,000 for 1,000" in resolution.text
    assert "ex-" not in resolution.text
    assert "the largest since the full-scale invasion." in resolution.text  # the document writes "full-scale" elsewhere


@pytest.mark.parametrize("furniture", ["Parliamentary Assembly - Resolution", "Provisional version", "Council of Europe"])
def test_headers_and_footers_are_left_out(resolution, furniture):
    assert furniture not in resolution.text


def test_page_numbers_are_left_out(resolution):
    assert all(line.strip() not in ("1", "2") for line in resolution.text.split("\n"))


def test_pages(resolution):
    assert [number for _, number in resolution.pages] == [1, 2]
    assert resolution.pages[0][0] == 0
    page_two = resolution.pages[1][0]
    assert resolution.text[page_two:].startswith("the execution of 79 prisoners")  # the sentence runs on across the page break
    assert resolution.text[page_two - 1] == " "
    assert (resolution.format, resolution.title, resolution.encoding) == ("pdf", "Resolution 2611 (2025)", None)


def test_every_fact_knows_its_page(resolution):
    facts = extract_document(resolution)
    pages = {f.figure.text: page_at(resolution, f.figure.start) for f in facts}
    assert pages["1,000 for 1,000"] == 1
    assert pages["5 757"] == 1 and pages["8 000"] == 1
    assert pages["79"] == 2 and pages["24"] == 2 and pages["1 212"] == 2
    for fact in facts:
        assert resolution.text[fact.figure.start : fact.figure.end] == fact.figure.text


def test_facts_equal_the_same_content_as_plain_text(resolution):
    from_pdf = [f.model_dump(mode="json", exclude={"source"}) for f in extract_document(resolution)]
    from_text = [f.model_dump(mode="json", exclude={"source"}) for f in extract_document(Document.from_text(PLAIN, "plain.txt"))]
    assert from_pdf == from_text
    assert {"79", "24", "5 757"} <= {f["figure"]["text"] for f in from_pdf}


def test_encrypted_pdf():
    with pytest.raises(InputError, match=r"^x\.pdf: encrypted PDF"):
        read_pdf(maker().encrypted(), "x.pdf")


def test_pdf_locked_only_against_editing_is_read():
    assert read_pdf(maker().encrypted(user_password=""), "x.pdf").text == PLAIN


def test_scanned_pdf_needs_ocr():
    with pytest.raises(InputError) as info:
        read_pdf(maker().image_only(), "scan.pdf")
    assert str(info.value) == "scan.pdf: no text layer (scanned PDF?): powfacts does not do OCR"


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", b"%PDF-", b"%PDF-1.4\n" + bytes(range(256)) * 8])
def test_corrupt_pdf(data):
    with pytest.raises(InputError) as info:
        read_pdf(data, "x.pdf")
    assert str(info.value).startswith("x.pdf: corrupt PDF")
    assert "\n" not in str(info.value)


def test_truncated_fixture_is_corrupt_not_a_crash():
    with pytest.raises(InputError, match="corrupt PDF"):
        read_pdf(maker().resolution()[:1500], "x.pdf")


def test_reading_is_deterministic(fixtures_dir):
    data = (fixtures_dir / "pdf_resolution.pdf").read_bytes()
    assert read_pdf(data, "x.pdf") == read_pdf(data, "x.pdf")


# -- the layout rules, on lines made by hand ------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("welcomes the ex-", "change of 1,000", "welcomes the exchange of 1,000"),
        ("a 1,000-", "for-1,000 swap", "a 1,000-for-1,000 swap"),
        ("the Russian-", "Ukrainian border", "the Russian-Ukrainian border"),
        ("held as prisoner-", "of-war camps", "held as prisoner-of-war camps"),
        ("the release of two hun-", "dred soldiers", "the release of two hundred soldiers"),
        ("військово-", "полонених", "військовополонених"),
        ("soft\u00ad", "ware", "software"),
        ("no hyphen", "here", "no hyphen here"),
        ("a dash -", "then more", "a dash - then more"),
        ("-", "x", "- x"),
    ],
)
def test_join_lines(first, second, joined):
    assert join_lines(first, second) == joined


def test_join_lines_keeps_a_hyphen_the_document_writes_elsewhere():
    words = Counter({"full-scale": 2})
    assert join_lines("since the full-", "scale invasion", words) == "since the full-scale invasion"
    assert join_lines("the ex-", "change", Counter({"exchange": 1})) == "the exchange"


@pytest.mark.parametrize("text", ["1", "12", "- 3 -", "— 3 —", "(4)", "Page 3", "page 3 of 12", "3/12", "p. 7", "Стр. 5", "iv"])
def test_page_numbers(text):
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2025, the Mission", "Article 3 of the Convention", "1 212 bodies", "3. The Assembly"])
def test_not_page_numbers(text):
    assert not is_page_number(text)


def page(*texts, top=760.0, leading=14.0):
    return [Line(text, top - i * leading, 11.0) for i, text in enumerate(texts)]


def test_running_header_that_varies_only_in_digits_is_dropped():
    bodies = [["Prisoners were freed.", "The swap took place.", "It was the 60th."], ["Talks went on.", "No date was set."], ["The end."]]
    pages = [
        [Line(f"UN report - page {n} of 3", 800, 9), *page(*body), Line("Footer of the report", 40, 9)]
        for n, body in enumerate(bodies, start=1)
    ]
    kept = strip_furniture(pages)
    assert [[line.text for line in p] for p in kept] == bodies


def test_a_title_that_the_running_header_repeats_stays_on_the_first_page():
    first = [Line("Shared database", 700, 24), *page("Intro text one.", "Intro text two.", top=650)]
    later = [[Line("Shared database", 733, 10), *page(*body, top=700)] for body in (("Second page.", "It goes on."), ("Third page.", "The end."))]
    kept = strip_furniture([first, *later])
    assert kept[0][0].text == "Shared database"
    assert [line.text for line in kept[1]] == ["Second page.", "It goes on."]


def test_a_line_on_one_page_only_is_kept():
    pages = [page("Resolution 2611 (2025)", "Body one."), page("Body two.", "More body.")]
    assert [line.text for line in strip_furniture(pages)[0]] == ["Resolution 2611 (2025)", "Body one."]


def test_a_bare_number_inside_the_page_is_kept():
    lines = page("Head", "a", "b", "c", "42", "d", "e", "f", "Foot")
    assert "42" in [line.text for line in strip_furniture([lines])[0]]


def test_paragraphs_from_gaps_sizes_and_numbered_items():
    lines = [
        Line("A heading", 780, 14),
        Line("First paragraph runs", 760, 11),
        Line("over two lines.", 746, 11),
        Line("Second paragraph.", 724, 11),
        Line("1. A numbered item.", 710, 11),
        Line("2. Another item with no", 696, 11),
        Line("gap before it.", 682, 11),
    ]
    assert paragraphs(lines) == [
        "A heading",
        "First paragraph runs over two lines.",
        "Second paragraph.",
        "1. A numbered item.",
        "2. Another item with no gap before it.",
    ]


def test_a_bullet_in_a_smaller_font_does_not_break_its_item():
    lines = [Line("• Applications must be able to extend the database in any way when they are installed, to add", 300, 10), Line("rules for determining type.", 287, 10)]
    assert paragraphs(lines) == ["• Applications must be able to extend the database in any way when they are installed, to add rules for determining type."]


def test_a_dateline_at_body_spacing_stands_alone():
    lines = [Line("Geneva, 4 February 2025", 700, 11), Line("1. Good morning. I would like to share some of the Mission's latest findings on", 686, 11), Line("prisoners of war.", 672, 11)]
    assert paragraphs(lines) == ["Geneva, 4 February 2025", "1. Good morning. I would like to share some of the Mission's latest findings on prisoners of war."]


def test_paragraphs_without_positions_end_at_short_sentence_ends():
    lines = [Line("A long line of a paragraph that goes on and on to the", None, None), Line("end of it.", None, None), Line("Next one.", None, None)]
    assert paragraphs(lines) == ["A long line of a paragraph that goes on and on to the end of it.", "Next one."]


def test_pages_are_separated_by_a_blank_line_unless_a_sentence_runs_on():
    text, starts = assemble([page("Page one ends.", "Next."), page("Page two starts here."), page("and this runs", top=700), page("on.")])
    assert text == "Page one ends. Next.\n\nPage two starts here.\n\nand this runs on."
    assert starts == ((0, 1), (22, 2), (45, 3), (59, 4))
    assert text[45:].startswith("and") and text[59:] == "on."


def test_empty_pages_have_no_start():
    text, starts = assemble([page("One."), [], page("Three.")])
    assert (text, starts) == ("One.\n\nThree.", ((0, 1), (6, 3)))
