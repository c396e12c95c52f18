"""Bytes to clean Unicode: binary detection, encoding guessing, mojibake repair.

News files arrive as UTF-8, Windows-1252, Latin-1 or UTF-8 that was once
decoded wrongly ("Iraqâ€™s").  All of these are repaired rather than rejected;
only bytes that are not text in any encoding are refused.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata

import charset_normalizer
import ftfy

from .errors import Unusable

# Signatures of common binary formats that are sometimes saved with a text extension.
_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte Latin code pages charset-normalizer may pick for Western text; for
# English news Windows-1252 is by far the likeliest and a superset of Latin-1's
# printable range, so it wins whenever it decodes the bytes.
_WESTERN = frozenset({"cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_2", "mac_roman", "mac_latin2", "cp850"})

# One character for one: curly quotes straightened, space-like characters made plain
# spaces, invisible ones dropped.  Chained str.replace is far faster than str.translate.
_REPLACEMENTS = (
    *((ch, "'") for ch in "\u2018\u2019\u201a\u201b\u2032"),
    *((ch, '"') for ch in "\u201c\u201d\u201e\u201f\u2033"),
    *((ch, " ") for ch in "\u00a0\u1680\u202f\u205f\u3000"),
    *((chr(code), " ") for code in range(0x2000, 0x200B)),
    *((ch, "") for ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff"),
)
# UTF-8 read as Latin-1 or Windows-1252: a lead byte (A-circumflex to o-circumflex)
# followed by what a continuation byte decodes to.  Only then is ftfy worth its cost.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ASCII_SPACES = re.compile(r"[\t\v\f]")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=True, unescape_html=False, normalization="NFC")


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to text, or raise :class:`Unusable` when it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise Unusable(f"undecodable bytes after a {encoding} byte-order mark") from None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise Unusable(f"binary file, not text ({kind})")
    if b"\x00" in data[:8192]:
        raise Unusable("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _guess_decode(data)


def _guess_decode(data: bytes) -> str:
    """Decode non-UTF-8 bytes with the encoding charset-normalizer finds likeliest."""
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise Unusable("undecodable bytes, not text in any known encoding")
    if best.encoding in _WESTERN:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    text = str(best)
    if not looks_like_text(text):
        raise Unusable("undecodable bytes, not text in any known encoding")
    return text


def repair_text(text: str) -> str:
    """Fix mojibake, straighten curly quotes, unescape stray HTML entities, normalise line ends and spaces.

    Quotes are straightened (one character for one) so that sources written with
    curly and straight quotes give the same text and the same content hash.
    ftfy, the slow step, only runs when the text shows the marks of mojibake.
    """
    if "&" in text:
        text = _ENTITY.sub(lambda match: html.unescape(match.group()), text)
    if not text.isascii():
        if _MOJIBAKE.search(text):
            text = ftfy.fix_text(text, _FTFY)
        for odd, plain in _REPLACEMENTS:
            if odd in text:
                text = text.replace(odd, plain)
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ASCII_SPACES.sub(" ", text))


def looks_like_text(text: str) -> bool:
    """False when a decoded string is mostly symbols, as random bytes decode to."""
    sample = text[:4000]
    if not sample.strip():
        return True
    odd = sum(1 for ch in sample if unicodedata.category(ch)[0] in "CS" and ch not in "\n\r\t")
    return odd / len(sample) < 0.1
