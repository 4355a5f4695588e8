"""Which format a file is, by its content: ``pdf``, ``html`` or ``text``."""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["text", "html", "pdf"]

#: the head of the file that sniffing looks at
HEAD = 4096

#: magic bytes of binary formats people keep beside their documents, named in errors
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (DOCX, XLSX, ODT, EPUB or ZIP)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 file (old Word or Excel)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"{\\rtf", "RTF document"),
)

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")
_MARKUP = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_ANY_TAG = re.compile(rb"<(?:!doctype|html|head|body|p|div|article|main|meta|title|h[1-6]|br|span|a)[\s>/]", re.IGNORECASE)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def is_pdf(data: bytes) -> bool:
    """``%PDF-`` in the first kilobyte (the PDF standard lets junk stand before it).

    >>> is_pdf(b"%PDF-1.7\\n..."), is_pdf(b"Ukraine freed 12 prisoners.")
    (True, False)
    """
    return b"%PDF-" in data[:1024]


def binary_kind(data: bytes) -> str | None:
    """The name of a known binary format the data starts with, else ``None``.

    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n\\x00"), binary_kind(b"text")
    ('PNG image', None)
    """
    for magic, name in BINARY_MAGIC:
        if data.startswith(magic):
            return name
    return None


def _ascii_head(data: bytes) -> bytes:
    """The head of the data with any BOM dropped, UTF-16/32 narrowed to ASCII so markup can be seen."""
    head = data[:HEAD]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            if len(bom) > 1 and bom != b"\xef\xbb\xbf":
                head = head.replace(b"\x00", b"")
            break
    else:
        if head[:2].count(b"\x00") == 1:  # UTF-16 without a BOM, markup in ASCII
            head = head.replace(b"\x00", b"")
    return head.lstrip()


def is_html(data: bytes, path: str = "") -> bool:
    """Markup at the top of the file (a doctype, ``<html>``, ``<head>`` ...), or an HTML name and any tag.

    >>> is_html(b"  <!DOCTYPE html><html><body><p>x</p></body></html>")
    True
    >>> is_html(b"Prisoners <b>freed</b>"), is_html(b"<p>Prisoners freed</p>", "page.htm")
    (False, True)
    """
    head = _ascii_head(data)
    if _MARKUP.match(head):
        return True
    return path.lower().endswith(HTML_SUFFIXES) and bool(_ANY_TAG.search(head))


def sniff(data: bytes, path: str = "") -> Format:
    """The format of a file's content; the name only helps for HTML fragments without a doctype.

    >>> sniff(b"%PDF-1.4\\n"), sniff(b"<html><p>x</p></html>", "a.txt"), sniff(b"plain", "a.html")
    ('pdf', 'html', 'text')
    """
    if is_pdf(data):
        return "pdf"
    if is_html(data, path):
        return "html"
    return "text"
