"""An HTML page's main text and metadata, with trafilatura.

trafilatura is made for this: it keeps the article and drops navigation,
cookie banners, comments, related-article boxes and scripts (in its
precision mode: a related box full of figures must not become facts), and reads the
title, canonical URL, site name and publication date (via htmldate) from the
page's metadata (``<meta>``, Open Graph, JSON-LD, ``<time>``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from powfacts.errors import InputError

#: htmldate's options: publication date (not last modified), from the page's
#: markup and URL only (the text is the pipeline's to read), and a fixed upper
#: bound instead of "today", so the same page always gives the same date
DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}

_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class Page:
    """What an HTML page holds: its main text (paragraphs one a line) and metadata (``None`` where absent)."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def main_text(raw: str) -> str:
    """Paragraphs one a line, spaces and tabs squeezed, no blank or trailing-space lines.

    >>> main_text("  A  headline \\n\\n Body\\ttext. \\n")
    'A headline\\nBody text.'
    """
    lines = (_SPACES.sub(" ", line).strip() for line in raw.splitlines())
    return "\n".join(line for line in lines if line)


#: elements whose text is never an article's: links, menus, buttons, page furniture
FURNITURE = ("a", "nav", "button", "header", "footer", "aside", "noscript", "option", "label", "title")


def _only_furniture(text: str, html: str) -> bool:
    """Whether every line trafilatura kept is the text of a link, menu, button or the like.

    On a page with no article (a menu, a script shell), trafilatura's last
    fallback returns whatever text there is, such as the menu's "Home".
    """
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return False
    furniture = set()
    for element in tree.iter(*FURNITURE):
        furniture.update(line for line in main_text(element.text_content()).split("\n") if line)
    return all(line in furniture for line in text.split("\n"))


def with_headline(text: str, title: str | None, lines: int = 5) -> str:
    """The text with the page's title as its first line, unless one of its first lines already has it.

    Headlines carry facts ("Ukraine brings home 84 prisoners"), and plain-text
    copies of articles start with them; trafilatura keeps a headline only when
    it stands inside the article's markup.

    >>> with_headline("Body.", "Headline")
    'Headline\\nBody.'
    >>> with_headline("Headline\\nBody.", "Headline")
    'Headline\\nBody.'
    """
    if not title:
        return text
    head = " ".join(text.split("\n")[:lines]).casefold()
    return text if title.casefold() in head else f"{title}\n{text}"


#: deeper than this, libxml2 (under lxml and trafilatura) stops parsing: the rest of the page is lost
MAX_DEPTH = 200
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def flatten(html: str, limit: int = MAX_DEPTH) -> tuple[str, int]:
    """The page with wrapper tags nested past half of ``limit`` left out, and the deepest nesting seen.

    Below half the limit every tag stays; deeper, a tag that holds only
    other tags (a wrapper ``<div>``) is left out and one that holds text
    (a ``<p>``) stays, up to ``limit``; text is never left out.

    >>> flatten("<div><div><div><div><p>x</p></div></div></div></div>", 4)
    ('<div><div><p>x</p></div></div>', 5)
    """
    out: list[str] = []
    kept: list[bool] = []
    depth = deepest = 0
    last = 0
    for match in _TAG.finditer(html):
        out.append(html[last : match.start()])
        last = match.end()
        closing, name, selfclosing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or selfclosing:
            out.append(match.group(0))
            continue
        if closing:
            if kept and kept.pop():
                out.append(match.group(0))
                depth -= 1
            continue
        holds_text = not html[match.end() : match.end() + 200].lstrip().startswith("<")
        keep = depth < limit // 2 or (holds_text and depth < limit)
        kept.append(keep)
        deepest = max(deepest, len(kept))
        if keep:
            out.append(match.group(0))
            depth += 1
    out.append(html[last:])
    return "".join(out), deepest


def read_html(html: str, path: str) -> Page:
    """The main text and metadata of a page; :class:`InputError` when it has no main text.

    A page nested deeper than :data:`MAX_DEPTH` (where libxml2 stops reading)
    whose main text is not found is read again with the deeper tags left out.
    """
    try:
        return _read_html(html, path)
    except InputError:
        flat, deepest = flatten(html)
        if deepest <= MAX_DEPTH:
            raise
    return _read_html(flat, path)


def _read_html(html: str, path: str) -> Page:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            date_extraction_params=dict(DATE_PARAMS),
        )
    except Exception as exc:  # noqa: BLE001 - a parser failure on one page is that page's problem
        raise InputError(f"{path}: cannot parse the HTML ({type(exc).__name__})") from exc
    text = main_text(getattr(result, "text", None) or "") if result is not None else ""
    if not text or _only_furniture(text, html):
        raise InputError(f"{path}: no main text found")
    title = _clean(result.title)
    return Page(
        text=with_headline(text, title),
        title=title,
        url=_clean(result.url),
        outlet=_clean(result.sitename),
        published=_date(result.date),
    )
