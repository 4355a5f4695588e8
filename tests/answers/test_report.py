"""powfacts.answers.report and `powfacts report`: the offline review page, in a parser and in a real headless browser."""

import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powfacts.api import extract_text
from powfacts.cli import app
from powfacts.inputs.readers import Document
from powfacts.facts.records import Fact, fact_id
from powfacts.answers.report import CSP, render
from powfacts.answers.timeline import build, load_facts

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]

#: documents written for these tests: a total that goes down, two sources that disagree on a day, an undated fact
DOCS = {
    "ministry.txt": (
        "Published: 2 May 2025\n\n"
        "Ukraine has brought home 4,600 prisoners of war since the start of the full-scale invasion, the ministry said. "
        "On Thursday, Ukraine returned 120 prisoners of war in an exchange.\n"
    ),
    "ombudsman.txt": (
        "Published: 3 June 2025\n\n"
        "As of 1 June 2025, 4,450 Ukrainian prisoners of war had been released from Russian captivity since March 2022. "
        "Russia holds about 7,000 Ukrainian prisoners of war, the office added.\n"
    ),
    "wire.txt": "On 1 May 2025, Ukraine returned 125 prisoners of war in an exchange.\n",
    "notes.txt": "Negotiators said 35 Ukrainian civilians were freed in a later transfer.\n",
}


def documents():
    return [Document.from_text(text, path) for path, text in sorted(DOCS.items())]


def all_facts():
    return [f for path, text in sorted(DOCS.items()) for f in extract_text(text, path=path)]


class Page(HTMLParser):
    """Elements of a page by tag, with their attributes; the text inside each ``pre``."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.pre: list[str] = []
        self._depth_tip = 0
        self._in_pre = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "pre":
            self._in_pre = True
            self.pre.append("")
        if self._depth_tip or "tip" in (attributes.get("class") or "").split():
            self._depth_tip += 1

    def handle_endtag(self, tag):
        if self._depth_tip:
            self._depth_tip -= 1
        if tag == "pre":
            self._in_pre = False

    def handle_data(self, data):
        if self._in_pre and not self._depth_tip:
            self.pre[-1] += data

    def having(self, tag: str, cls: str) -> list[dict]:
        return [a for t, a in self.elements if t == tag and cls in (a.get("class") or "").split()]


def test_the_page_marks_every_fact_once_in_its_document():
    facts = all_facts()
    html, summary = render(facts, documents())
    page = Page(html)
    marks = page.having("mark", "fact")
    assert sorted(m["data-fact"] for m in marks) == sorted(f.id for f in facts)
    assert len({m["id"] for m in marks}) == len(marks)
    assert all(m["tabindex"] == "0" for m in marks)
    # the documents' text is intact around the marks (tooltips aside)
    assert page.pre == [text for _, text in sorted(DOCS.items())]
    assert (summary.facts, summary.highlighted, summary.documents, summary.unplaced) == (len(facts), len(facts), 4, ())


def test_the_chart_has_one_mark_per_timeline_point_conflicts_flagged():
    facts = all_facts()
    timeline = build(facts)
    html, summary = render(facts, documents())
    page = Page(html)
    points = page.having("circle", "point")
    assert sorted(p["data-entry"] for p in points) == sorted(e.id for e in timeline.points())
    assert summary.points == len(points) == 3  # two totals of released prisoners, one figure of those held
    flagged = {p["data-entry"] for p in page.having("circle", "conflict")}
    assert flagged == {e.id for e in timeline.points() if e.conflicts}
    assert len(flagged) == 2  # the total that went down and the one before it
    links = [a["href"] for a in page.having("a", "point-link")]
    assert sorted(links) == sorted(f"#entry-{e.id}" for e in timeline.points())


def test_conflicts_and_unresolved_dates_are_listed():
    facts = all_facts()
    timeline = build(facts)
    html, _ = render(facts, documents())
    page = Page(html)
    assert {c.kind for c in timeline.conflicts} == {"decrease", "event"}  # issue 17: figures of one event conflict per event
    listed = [a["id"] for a in page.having("li", "conflict")]
    assert listed == [f"conflict-{c.id}" for c in timeline.conflicts]
    undated = [f for f in facts if f.date is None]
    assert [f.figure.text for f in undated] == ["35"]
    anchor = next(m["id"] for m in page.having("mark", "fact") if m["data-fact"] == undated[0].id)
    section = html[html.index('id="undated"') : html.index('id="timeline"')]
    assert f'href="#{anchor}"' in section


def test_the_page_fetches_nothing():
    html, _ = render(all_facts(), documents())
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html
    tags = {t for t, _ in Page(html).elements}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "video", "audio", "source"}
    assert all(a.get("href", "#").startswith("#") for _, a in Page(html).elements)
    assert "http:" not in html and "https:" not in html and "url(" not in html and "@import" not in html


def test_facts_find_their_document_by_sha256_or_path_and_are_never_misplaced():
    text = DOCS["wire.txt"]
    (fact,) = extract_text(text, path="elsewhere/wire.txt")
    moved = Document.from_text(text, "archive/wire.txt")  # same text under another path: found by sha256
    _, summary = render([fact], [moved])
    assert (summary.highlighted, summary.unplaced) == (1, ())
    changed = Document.from_text("Breaking: " + text, "elsewhere/wire.txt")  # same path, other text
    _, summary = render([fact], [changed])
    assert summary.highlighted == 0
    assert summary.unplaced == (f"elsewhere/wire.txt: {fact.id} '125': the figure is not at characters 32-35 of elsewhere/wire.txt (the document changed?)",)
    _, summary = render([fact], [])
    assert summary.unplaced == (f"elsewhere/wire.txt: {fact.id} '125': its document was not given",)


def test_facts_on_the_same_characters_nest_and_keep_the_text():
    text = "Ukraine returned 125 prisoners.\n"
    sha = hashlib.sha256(text.encode()).hexdigest()

    def fact(measure, start, end):
        return Fact(
            id=fact_id(sha, start, end, measure), measure=measure, value=125, unit="people",
            figure={"text": text[start:end], "start": start, "end": end}, evidence={"text": text.strip(), "start": 0, "end": 31},
            source={"path": "t.txt", "sha256": sha}, rules=["figure.digits"],
        )

    facts = [fact("released", 17, 20), fact("exchanges", 17, 20), fact("held", 18, 30)]  # the last overlaps: clipped
    page = Page(render(facts, [Document.from_text(text, "t.txt")])[0])
    assert len(page.having("mark", "fact")) == 3
    assert page.pre == [text]


def test_the_same_input_gives_the_same_bytes():
    facts = all_facts()
    first, _ = render(facts, documents())
    second, _ = render(list(reversed(facts)), list(reversed(documents())))
    assert first == second


# -- the command -------------------------------------------------------------------


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """Documents and their facts (through `powfacts extract`) in a temp folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    for name, text in DOCS.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "docs", "-q", "-o", "facts.jsonl"])
    assert result.exit_code == 0, result.stderr
    return tmp_path


def test_cli_writes_the_page(workdir):
    result = CliRunner().invoke(app, ["report", "facts.jsonl", "docs", "-o", "report.html"])
    assert result.exit_code == 0, result.stderr
    facts = load_facts("facts.jsonl")
    summary = " ".join(result.stdout.split())
    assert summary == f"wrote report.html: {len(facts)} facts ({len(facts)} marked in 4 documents), 6 timeline entries, 3 chart points, 2 conflicts"
    assert len(Page((workdir / "report.html").read_text(encoding="utf-8")).having("mark", "fact")) == len(facts)


def test_cli_names_facts_it_cannot_place_and_exits_1(workdir):
    result = CliRunner().invoke(app, ["report", "facts.jsonl", "docs/wire.txt", "-o", "report.html"])
    assert result.exit_code == 1
    lines = [" ".join(line.split()) for line in result.stderr.replace("\nnot placed", "\n\x00not placed").split("\x00")]
    assert len(lines) == len(load_facts("facts.jsonl")) - 1
    assert all(line.startswith("not placed: docs/") and line.endswith("its document was not given") for line in lines)
    assert (workdir / "report.html").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["report", "facts.jsonl", "nowhere.txt", "-o", "r.html"], "error: nowhere.txt: no such file or folder"),
        (["report", "missing.jsonl", "docs", "-o", "r.html"], "error: missing.jsonl: no such file"),
    ],
)
def test_cli_errors(workdir, args, message):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert " ".join(result.stderr.split()) == message
    assert not (workdir / "r.html").exists()


# -- in a real browser -------------------------------------------------------------


@pytest.fixture
def browser():
    """Debian's Chromium, headless, driven by Playwright; skipped with the reason when either is missing."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian package chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def test_the_page_in_a_headless_browser(workdir, browser, tmp_path):
    result = CliRunner().invoke(app, ["report", "facts.jsonl", "docs", "-o", "report.html"])
    assert result.exit_code == 0, result.stderr
    facts = load_facts("facts.jsonl")
    timeline = build(facts)
    url = (workdir / "report.html").resolve().as_uri()

    page = browser.new_page(viewport={"width": 1100, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
    page.goto(url)
    page.wait_for_load_state("load")

    # one highlight per fact, one chart mark per timeline point, and nothing fetched but the page itself
    assert page.locator("mark.fact").count() == len(facts)
    assert page.locator("svg.chart circle.point").count() == len(timeline.points())
    assert page.locator("svg.chart circle.point.conflict").count() == 2
    assert requests == [url]

    # the documents read as they are, tooltips hidden until asked for
    texts = page.eval_on_selector_all("pre.text", "els => els.map(e => e.innerText)")
    assert texts == [text for _, text in sorted(DOCS.items())]
    assert page.eval_on_selector_all("mark.fact .tip", "els => els.filter(e => getComputedStyle(e).display !== 'none').length") == 0

    # keyboard: the first Tab reaches the skip link, focus on a fact shows its fields
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    first = facts[0]
    mark = page.locator(f'mark.fact[data-fact="{first.id}"]')
    mark.focus()
    tip = mark.locator(".tip")
    assert tip.is_visible()
    assert first.measure in tip.inner_text() and first.id in tip.inner_text()
    page.screenshot(path=str(tmp_path / "report-focus.png"))

    # a chart point is a link: Enter on it goes to its timeline entry, which links to the fact in its document
    point = timeline.points()[0]
    page.locator(f'a.point-link[href="#entry-{point.id}"]').focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == f"#entry-{point.id}"
    citation = point.citations[0]
    href = page.locator(f"#entry-{point.id} .citations a").first.get_attribute("href")
    assert page.locator(f"{href}").get_attribute("data-fact") == citation.fact

    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    page.emulate_media(media="print")
    assert not page.locator("nav").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('mark.fact'), '::after').content").startswith('" [')
    page.screenshot(path=str(tmp_path / "report-print.png"), full_page=True)
    assert requests == [url]
    for name in ("report.png", "report-focus.png", "report-print.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# -- events, table of contents, document names (issue 17) -------------------------------


def test_the_page_charts_events_per_month_and_side_with_their_citations():
    facts = all_facts()
    timeline = build(facts)
    html, _ = render(facts, documents())
    page = Page(html)
    bars = page.having("a", "bar-link")
    assert bars and all(b["href"].startswith("#bar-released-") for b in bars)
    for bar in bars:  # every bar leads to its events, which cite their facts
        target = bar["href"][1:]
        item = html[html.index(f'id="{target}"') :]
        item = item[: item.index("</ul></li>") + 10]
        assert 'href="#event-' in item and 'href="#fact-' in item
    assert {e.id for e in timeline.events} <= {a["id"].removeprefix("event-") for t, a in page.elements if t == "tr" and a.get("id", "").startswith("event-")}
    assert "<script" not in html


def test_the_first_tab_stops_skip_to_the_first_highlight_then_the_contents():
    facts = all_facts()
    html, _ = render(facts, documents())
    page = Page(html)
    links = [a for t, a in page.elements if t == "a"]
    assert [a.get("class") for a in links[:2]] == ["skip", "skip"]
    first_mark = page.having("mark", "fact")[0]["id"]
    assert links[0]["href"] == f"#{first_mark}"
    nav = [a["href"] for a in links[2:12]]
    assert nav[:3] == ["#chart", "#events", "#conflicts"]
    assert any(h.startswith("#doc-") for h in [a["href"] for a in links])


def test_documents_are_named_by_title_outlet_and_url():
    docs = [Document.from_text(DOCS["wire.txt"], "wire.txt", title="Swap on Thursday", outlet="Wire", url="https://example.org/swap")]
    facts = extract_text(DOCS["wire.txt"], path="wire.txt")
    html, _ = render(facts, docs)
    assert ">Swap on Thursday</h3>" in html and "Wire · wire.txt" in html and 'href="https://example.org/swap"' in html
    assert '<a href="#doc-' in html and ">Swap on Thursday</a>" in html
