"""A PDF's text in reading order, with pypdf (pure Python, BSD licence).

What comes out is prose the pipeline can split into sentences:

- the lines of a paragraph are joined into one line (the pipeline ends a
  sentence at every line break), paragraphs stand one a line, pages are
  separated by a blank line unless a sentence runs on from one page to the next;
- a word broken across lines is re-joined (``ex-`` / ``change`` → ``exchange``),
  while real hyphens stay (``1,000-`` / ``for-1,000``, ``full-`` / ``scale``
  when the document writes ``full-scale`` elsewhere);
- running headers and footers (a line at the top or bottom of most pages) and
  page numbers are left out;
- the offset where each page's text starts is kept, so every figure can say
  on which page it stands.

Paragraphs are found from the lines' positions on the page (a gap wider than
the body's line spacing, a change of font size), from short lines (a
headline, a dateline) and from numbered items.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from dataclasses import dataclass

from powfacts.errors import InputError

#: lines at the top and at the bottom of a page where headers, footers and page numbers are looked for
EDGE_LINES = 3
#: a paragraph break: a gap between lines wider than this many times the body's line spacing
GAP_FACTOR = 1.3
#: a line shorter than this share of the page's longest line ends its paragraph
SHORT_LINE = 0.6
#: a paragraph break: a change of font size by more than this factor (a heading; not inline code)
SIZE_FACTOR = 1.15

_SPACES = re.compile(r"[ \t\r\f\v]+")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|pp\.|стр\.|с\.|сторінка|страница)\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?"
    r"(?:\s*(?:/|of|из|з)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_ROMAN_PAGE = re.compile(r"^[-–—]?\s*[ivxlc]{1,6}\s*[-–—]?$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.|\(?[a-z]\)|\(\d{1,3}\)|[•▪◦●■–—-])\s+\S")
_TERMINAL = re.compile(r"[.!?:;][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPHENS = ("-", "\u2010", "\u00ad")
_OFFICE_PREFIX = re.compile(r"^Microsoft (?:Word|PowerPoint|Excel) - ")
_FILE_NAME = re.compile(r"\.(?:docx?|rtf|odt|pdf|indd|pptx?|xlsx?|txt|html?)$", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One line of a page: its text and, where pypdf gives them, its baseline height and font size."""

    text: str
    y: float | None = None
    size: float | None = None


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF, ``(start offset, page number)`` for each page with text, and its title."""

    text: str
    pages: tuple[tuple[int, int], ...]
    title: str | None = None
    warnings: tuple[str, ...] = ()  # "x.pdf: page 3 of 5 unreadable (...): its text is left out"


# -- reading the file -----------------------------------------------------------


def _open(data: bytes, path: str):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                decrypted = reader.decrypt("")  # many PDFs are locked only against editing
            except DependencyError as exc:
                raise InputError(f"{path}: {_page_problem(exc)}") from exc
            except NotImplementedError as exc:
                raise InputError(f"{path}: encrypted PDF ({_reason(exc)})") from exc
            if not decrypted:
                raise InputError(f"{path}: encrypted PDF (a password is needed to read it)")
        pages = list(reader.pages)
    except InputError:
        raise
    except (FileNotDecryptedError, DependencyError) as exc:
        raise InputError(f"{path}: {_page_problem(exc)}") from exc
    except (PdfReadError, Exception) as exc:  # noqa: BLE001 - any failure to parse is "corrupt"
        raise InputError(f"{path}: corrupt PDF ({_reason(exc)})") from exc
    if not pages:
        raise InputError(f"{path}: corrupt PDF (no pages)")
    return reader, pages


def _page_problem(exc: BaseException) -> str:
    """What an error met while reading a PDF means, for a reader.

    Encryption (AES needs the ``cryptography`` package even with an empty
    password) and pypdf's decompression limit (a "deflate bomb") are named;
    anything else is a corrupt PDF.
    """
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    if isinstance(exc, DependencyError) or (isinstance(exc, ImportError) and "crypt" in str(exc).lower()):
        return "encrypted PDF (AES: reading it needs the cryptography package: pip install cryptography)"
    if isinstance(exc, FileNotDecryptedError):
        return "encrypted PDF (a password is needed to read it)"
    if isinstance(exc, LimitReachedError) or isinstance(exc, MemoryError):
        return "corrupt PDF (a stream decompresses past the size limit: a deflate bomb?)"
    if isinstance(exc, RecursionError):
        return "corrupt PDF (objects nested too deeply)"
    return f"corrupt PDF ({_reason(exc)})"


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:120] if text else type(exc).__name__


def _title(reader) -> str | None:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # noqa: BLE001 - metadata is optional
        return None
    return clean_title(str(title)) if title else None


def clean_title(title: str) -> str | None:
    """A PDF's /Title, unless it is only the name of the file it was made from.

    >>> clean_title("Resolution 2611  (2025)"), clean_title("Microsoft Word - Doc16118.docx"), clean_title("untitled")
    ('Resolution 2611 (2025)', None, None)
    """
    title = _OFFICE_PREFIX.sub("", " ".join(title.split()))
    if not title or _FILE_NAME.search(title) or title.casefold() in ("untitled", "untitled document", "title"):
        return None
    return title


def page_lines(page) -> list[Line]:
    """The lines of one pypdf page, in content order, with their baseline height and font size.

    A line's height is that of its first piece of text; its size is the size
    most of its characters are set in (not a bullet's or a footnote mark's).
    """
    lines: list[Line] = []
    parts: list[str] = []
    where: list[float | None] = [None]
    sizes: Counter[float | None] = Counter()

    def flush() -> None:
        size = min(sizes, key=lambda s: (-sizes[s], s is None, s or 0)) if sizes else None
        lines.append(Line("".join(parts), where[0], size))
        parts.clear()
        sizes.clear()
        where[0] = None

    def visit(text: str, cm, tm, font_dict, font_size) -> None:
        for i, piece in enumerate(text.split("\n")):
            if i:
                flush()
            if piece.strip():
                y, size = _position(cm, tm, font_size)
                if where[0] is None:
                    where[0] = y
                sizes[size] += len(piece.strip())
            parts.append(piece)

    page.extract_text(visitor_text=visit)
    flush()
    out = []
    for line in lines:
        text = _SPACES.sub(" ", line.text.translate(_LIGATURES)).strip()
        if text:
            out.append(Line(text, line.y, line.size))
    return out


def _position(cm, tm, font_size) -> tuple[float | None, float | None]:
    try:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        size = float(font_size) * scale if font_size else None
        return round(float(y), 1), (round(size, 1) if size else None)
    except (TypeError, IndexError, ValueError):
        return None, None


def read_pdf(data: bytes, path: str) -> PdfText:
    """The text of a PDF; :class:`InputError` for an encrypted, corrupt or scanned (image-only) PDF."""
    """The text of a PDF; :class:`InputError` for an encrypted, corrupt or scanned (image-only) PDF.

    A page that cannot be read is left out and named in ``warnings`` (the
    other pages are read); when no page can be read, the first page's problem
    is the error (encrypted, a decompression bomb, corrupt), never "no text
    layer".
    """
    reader, pages = _open(data, path)
    lines: list[list[Line]] = []
    problems: list[tuple[int, str]] = []
    for number, page in enumerate(pages, start=1):
        try:
            lines.append(page_lines(page))
        except Exception as exc:  # noqa: BLE001 - one unreadable page does not lose the others
            lines.append([])
            problems.append((number, _page_problem(exc)))
    if problems and (len(problems) == len(pages) or not any(lines)):
        number, problem = problems[0]
        raise InputError(f"{path}: {problem}")
    if not any(lines):
        raise InputError(f"{path}: no text layer (scanned PDF?): powfacts does not do OCR")
    text, starts = assemble(lines)
    if not text.strip():
        raise InputError(f"{path}: no text layer (scanned PDF?): powfacts does not do OCR")
    warnings = tuple(f"{path}: page {number} of {len(pages)} unreadable ({problem}): its text is left out" for number, problem in problems)
    return PdfText(text=text, pages=starts, title=_title(reader), warnings=warnings)


# -- from lines to text ---------------------------------------------------------


def _shape(text: str) -> str:
    """A line with its digits masked, to see the same header on every page ("Page 3 of 9")."""
    return re.sub(r"\d+", "#", text.casefold())


def is_page_number(text: str) -> bool:
    """
    >>> [is_page_number(t) for t in ("3", "- 3 -", "Page 3 of 9", "3/9", "iv", "2025, the", "Article 3")]
    [True, True, True, True, True, False, False]
    """
    return bool(_PAGE_NUMBER.match(text) or _ROMAN_PAGE.match(text))


def strip_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without running headers, footers and page numbers.

    A header or footer is a line among the first or last :data:`EDGE_LINES`
    of a page whose shape (digits masked) stands at an edge, at the same
    height, on at least two pages and on half the pages: a title on the first
    page that the running header repeats in small print stays. A page number
    is a bare number ("3", "- 3 -", "Page 3 of 9") at an edge.
    """

    def edges(page: list[Line]) -> list[int]:
        return sorted(set(range(min(EDGE_LINES, len(page)))) | set(range(max(0, len(page) - EDGE_LINES), len(page))))

    places: dict[str, list[tuple[int, float | None]]] = {}
    for number, page in enumerate(pages):
        for i in edges(page):
            places.setdefault(_shape(page[i].text), []).append((number, page[i].y))
    furniture: dict[str, float | None] = {}
    for shape, found in places.items():
        heights = sorted(y for _, y in found if y is not None)
        height = heights[len(heights) // 2] if heights else None
        on = {number for number, y in found if _near(y, height)}
        if len(on) >= 2 and len(on) * 2 >= len(pages):
            furniture[shape] = height
    out = []
    for page in pages:
        drop = {
            i for i in edges(page)
            if is_page_number(page[i].text)
            or (_shape(page[i].text) in furniture and _near(page[i].y, furniture[_shape(page[i].text)]))
        }
        out.append([line for i, line in enumerate(page) if i not in drop])
    return out


def _near(y: float | None, height: float | None, tolerance: float = 3.0) -> bool:
    return y is None or height is None or abs(y - height) <= tolerance


def _spacing(lines: list[Line]) -> float | None:
    """The body's line spacing: the most common gap between consecutive lines of one size."""
    gaps = Counter(
        round(a.y - b.y)
        for a, b in zip(lines, lines[1:])
        if a.y is not None and b.y is not None and a.size == b.size and a.y > b.y
    )
    if not gaps:
        return None
    return float(min(gaps, key=lambda gap: (-gaps[gap], gap)))


def _breaks(before: Line, after: Line, spacing: float | None, longest: int) -> bool:
    """Whether a paragraph ends between two lines of a page.

    It does after a line well short of the page's longest (a headline, a
    dateline, a paragraph's last line) unless that line ends in a hyphen, at a
    gap wider than the body's line spacing, at a change of font size, and
    before a numbered item that follows the end of a sentence.
    """
    short = len(before.text) < SHORT_LINE * longest and not before.text.endswith(_HYPHENS)
    if _TERMINAL.search(before.text) and _LIST_ITEM.match(after.text):
        return True
    if before.y is None or after.y is None:
        return short and bool(_TERMINAL.search(before.text))
    if short:
        return True
    if before.size and after.size and max(before.size, after.size) > SIZE_FACTOR * min(before.size, after.size):
        return True
    gap = before.y - after.y
    if gap <= 0:  # back up the page: a new column or text box
        return True
    return spacing is not None and gap > spacing * GAP_FACTOR + 0.5


def paragraphs(lines: list[Line], vocabulary: Counter[str] | None = None) -> list[str]:
    """The paragraphs of one page, each one line, hyphenated words re-joined."""
    if not lines:
        return []
    spacing = _spacing(lines)
    longest = max(len(line.text) for line in lines)
    out = [lines[0].text]
    for before, after in zip(lines, lines[1:]):
        if _breaks(before, after, spacing, longest):
            out.append(after.text)
        else:
            out[-1] = join_lines(out[-1], after.text, vocabulary)
    return out


def join_lines(first: str, second: str, vocabulary: Counter[str] | None = None) -> str:
    """Two lines of one paragraph as one, re-joining a word hyphenated across them.

    ``vocabulary`` counts the words of the whole document (hyphenated words
    whole): a hyphen the document writes elsewhere ("full-scale") is kept.

    >>> join_lines("welcomes the ex-", "change of 1,000")
    'welcomes the exchange of 1,000'
    >>> join_lines("a 1,000-", "for-1,000 swap"), join_lines("the Russian-", "Ukrainian border")
    ('a 1,000-for-1,000 swap', 'the Russian-Ukrainian border')
    >>> from collections import Counter
    >>> join_lines("the full-", "scale invasion", Counter({"full-scale": 1}))
    'the full-scale invasion'
    >>> join_lines("a 26-year-", "old soldier"), join_lines("a prisoner-of-", "war camp")
    ('a 26-year-old soldier', 'a prisoner-of-war camp')
    """
    if not first.endswith(_HYPHENS) or len(first) < 2 or first[-2].isspace():
        return f"{first} {second}"  # no hyphen, or a dash standing alone
    if first.endswith("\u00ad"):  # a soft hyphen only ever marks a break
        return first[:-1] + second
    stem, hyphen = first[:-1], first[-1]
    left = re.search(r"[^\W\d_]+$", stem)  # the letters right before the hyphen
    right = _WORD.match(second)  # the word the next line starts with, hyphens and all
    if left is None or right is None or not second[:1].islower() or "-" in right.group(0):
        return stem + hyphen + second  # "1,000-for-1,000", "Russian-Ukrainian", "prisoner-of-war"
    if stem[: left.start()].endswith(_HYPHENS) or stem[: left.start()][-1:].isdigit():
        return stem + hyphen + second  # the end of a compound: "26-year-" / "old", "prisoner-of-" / "war"
    if vocabulary is not None:
        kept = vocabulary.get(f"{left.group(0)}-{right.group(0)}".casefold(), 0)
        if kept > vocabulary.get(f"{left.group(0)}{right.group(0)}".casefold(), 0):
            return stem + hyphen + second
    return stem + second


def _continues(page_text: str, next_line: str) -> bool:
    """Whether a sentence runs on from the end of one page to the next page's first line."""
    if not page_text or not next_line or _TERMINAL.search(page_text) or _LIST_ITEM.match(next_line):
        return False
    return next_line[0].islower() or next_line[0].isdigit() or page_text.endswith((",", *_HYPHENS))


def vocabulary(pages: list[list[Line]]) -> Counter[str]:
    """How often each word (hyphenated words whole) stands inside the lines of the document."""
    counts: Counter[str] = Counter()
    for page in pages:
        for line in page:
            words = _WORD.findall(line.text)
            if line.text.endswith(_HYPHENS) and words:
                words = words[:-1]  # the broken word is what is being decided
            counts.update(word.casefold() for word in words)
    return counts


def assemble(pages: list[list[Line]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The document's text and ``(start offset, page number)`` of each page that has text.

    >>> text, starts = assemble([[Line("Page one ends in the", 700, 11)], [Line("middle of a sentence.", 700, 11)]])
    >>> text, starts
    ('Page one ends in the middle of a sentence.', ((0, 1), (21, 2)))
    """
    pages = strip_furniture(pages)
    words = vocabulary(pages)
    text = ""
    starts: list[tuple[int, int]] = []
    for number, lines in enumerate(pages, start=1):
        paras = paragraphs(lines, words)
        if not paras:
            continue
        if text and _continues(text, paras[0]):
            joined = join_lines(text, paras[0], words)
            start = len(joined) - len(paras[0])
            text = joined
        else:
            text = f"{text}\n\n{paras[0]}" if text else paras[0]
            start = len(text) - len(paras[0])
        starts.append((start, number))
        for para in paras[1:]:
            text += "\n" + para
    return text, tuple(starts)
