"""Which text encoding a file's bytes are in, and the text they decode to.

Order: a byte-order mark; then, for data with NUL bytes, UTF-16/32 without a
BOM (else it is binary); strict UTF-8; otherwise charset-normalizer, a library
made for exactly this, first among the code pages of the documents powfacts
reads (Windows-1251, KOI8-R/U, CP866, ISO-8859-5, Windows-1252/Latin-1), which
keeps short texts from being read as some far-off code page, then among all
the others. UTF-8 text with a few bad bytes is read as UTF-8, each bad stretch
a U+FFFD, and its encoding says so (``utf-8 (3 bytes replaced)``, see
:func:`mostly_utf8`). Data none of them decodes into plausible text is refused
("cannot determine the text encoding"). The encoding used is
returned under its Python codec name (``utf-8``, ``utf-8-sig``, ``utf-16``,
``cp1251``, ``koi8-r``, ``cp1252`` ...), so ``data.decode(encoding)`` gives the
text back (``data.decode("utf-8", "replace")`` for damaged UTF-8).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from powfacts.errors import InputError
from powfacts.inputs.formats.sniff import binary_kind

#: byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: the 8-bit code pages of the documents powfacts reads (Cyrillic and Western), tried first
COMMON = ("cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5", "cp1252", "latin_1", "iso8859_15")
#: what charset-normalizer may answer for data with NUL bytes (else it is binary)
WIDE = ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be")

#: what browsers read a declared charset as (the WHATWG Encoding Standard)
BROWSER_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874"}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Decoded:
    """Text and the encoding (Python codec name) it was decoded from."""

    text: str
    encoding: str


def codec_name(name: str) -> str:
    """The canonical Python codec name.

    >>> codec_name("windows-1251"), codec_name("KOI8_R"), codec_name("latin_1"), codec_name("utf_8")
    ('cp1251', 'koi8-r', 'iso8859-1', 'utf-8')
    """
    return codecs.lookup(name).name


def _checked(text: str, encoding: str, path: str) -> Decoded:
    if not text.strip():
        raise InputError(f"{path}: empty file")
    return Decoded(text, encoding)


def _bom(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _detect(data: bytes, candidates: list[str] | None, exclude: list[str] | None = None) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=candidates, cp_exclusion=exclude).best()
    if best is None:
        return None
    return Decoded(str(best), codec_name(best.encoding))


def _aligned_nuls(data: bytes) -> bool:
    """Whether the NUL bytes stand as in UTF-16/32 text (spaces, ASCII): almost all at one parity.

    >>> _aligned_nuls("Kyiv, 84".encode("utf-16-le")), _aligned_nuls(bytes([97, 0, 98, 99, 0, 0]))
    (True, False)
    """
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    return len(data) % 2 == 0 and min(even, odd) <= 0.02 * (even + odd)


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode a text file; raise :class:`InputError` (one line) for empty, binary or undecidable data.

    >>> decode_bytes("Київ повернув 84 полонених.".encode("cp1251"), "k.txt").encoding
    'cp1251'
    >>> decode_bytes(b"\\xef\\xbb\\xbfabc", "a.txt")
    Decoded(text='abc', encoding='utf-8-sig')
    """
    if not data.strip():
        raise InputError(f"{path}: empty file")
    bom = _bom(data)
    if bom is not None:
        try:
            return _checked(data.decode(bom), bom, path)
        except UnicodeDecodeError as exc:
            damaged = mostly_utf8(data[len(codecs.BOM_UTF8):]) if bom == "utf-8-sig" else None
            if damaged is not None:
                return _checked(damaged.text, damaged.encoding.replace("utf-8", "utf-8-sig", 1), path)
            raise InputError(f"{path}: invalid {bom} text after its byte-order mark (byte {exc.start})") from exc
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(f"{path}: binary file ({kind})")
    if b"\x00" in data:
        wide = _detect(data, list(WIDE)) if _aligned_nuls(data) else None
        if wide is None:
            raise InputError(f"{path}: binary file (NUL bytes)")
        return _checked(wide.text, wide.encoding, path)
    try:
        return _checked(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass
    damaged = mostly_utf8(data)
    if damaged is not None:
        return _checked(damaged.text, damaged.encoding, path)
    # short texts are ambiguous among all code pages: the common ones first,
    # then any other (text with no NUL byte is not UTF-16/32: a space there is one)
    found = _detect(data, list(COMMON)) or _detect(data, None, list(WIDE))
    if found is None:
        raise InputError(f"{path}: cannot determine the text encoding")
    return _checked(found.text, found.encoding, path)


#: UTF-8 text with bad bytes is read as UTF-8 when its valid non-ASCII characters outnumber the bad bytes this many times
UTF8_MAJORITY = 4


def mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 text with a few bad bytes (a bad copy, a cut multi-byte character), decoded with U+FFFD for each bad stretch.

    It is UTF-8 when its valid non-ASCII characters are at least
    :data:`UTF8_MAJORITY` times its bad bytes; text in a single-byte code page
    (a Latin-1 "café", Windows-1251 Cyrillic) has almost no valid multi-byte
    sequences, so it is left to the detector. The encoding says how many
    bytes were replaced: ``utf-8 (3 bytes replaced)``.

    >>> mostly_utf8("Київ повернув 84 полонених".encode() + b"\\xff")
    Decoded(text='Київ повернув 84 полонених\\ufffd', encoding='utf-8 (1 byte replaced)')
    >>> mostly_utf8("café".encode("latin-1")) is None
    True
    """
    escaped = data.decode("utf-8", "surrogateescape")
    bad = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    valid = sum(1 for ch in escaped if ord(ch) > 0x7F and not "\udc80" <= ch <= "\udcff")
    if bad == 0 or valid < UTF8_MAJORITY * bad:
        return None
    return Decoded(data.decode("utf-8", "replace"), f"utf-8 ({bad} byte{'s' if bad != 1 else ''} replaced)")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` in its head, if Python knows it.

    >>> declared_charset(b'<meta charset="windows-1251">'), declared_charset(b"<p>x</p>")
    ('cp1251', None)
    """
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codec_name(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    return BROWSER_ALIASES.get(name, name)


def decode_html(data: bytes, path: str) -> Decoded:
    """Decode an HTML page: a byte-order mark, then the page's own ``<meta charset>``, then as text.

    A page whose bytes do not fit the charset it declares is decoded as any
    text file is (pages often declare one charset and are saved in another).
    """
    if not data.strip():
        raise InputError(f"{path}: empty file")
    declared = None if _bom(data) else declared_charset(data)
    if declared is not None and declared not in ("utf-16", "utf-32"):  # a wide page cannot say so in ASCII
        try:
            return _checked(data.decode(declared), declared, path)
        except UnicodeDecodeError:
            pass
    return decode_bytes(data, path)
