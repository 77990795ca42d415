"""Bytes to text without garbling: HTTP charset, BOM, declarations, GB as GB18030, detector last.

Chinese pages often declare ``gb2312`` while using GBK or GB18030 characters, or carry a
few invalid bytes. Reading every GB label as GB18030 with replacement keeps the rest of
the page readable; a detector is asked only when nothing is declared and neither UTF-8
nor GB18030 reads the bytes cleanly.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Labels that all mean "some GB encoding": GB18030 is a superset of each of them.
_GB_LABELS = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "ms936", "csgb2312",
              "chinese", "iso-ir-58", "windows-936", "gb18030", "euc-cn", "x-euc-cn", "hz-gb-2312"}
# Latin labels browsers treat as windows-1252.
_LATIN_LABELS = {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1",
                 "l1", "cp819", "ibm819", "iso_8859-1", "windows-1252", "cp1252"}

_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml\b[^>]*\bencoding\s*=\s*[\"']([\w.:-]+)", re.I)

# The most frequent Chinese characters: real Chinese text is full of them, mojibake is not.
_COMMON_HAN = frozenset("的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年会就要下以"
                        "生对能可而得于着自之后作里多发经行家成方都同面新日月")

_SCAN_BYTES = 16384


@dataclass(frozen=True)
class DecodedPage:
    """The page as text, the codec that read it, and how many invalid bytes were replaced."""

    text: str
    encoding: str
    replaced: int


def normalize_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None if the label is unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _GB_LABELS:
        return "gb18030"
    if name in _LATIN_LABELS:
        return "cp1252"
    if name in {"big5", "big5-hkscs", "x-x-big5"}:
        return "big5hkscs"
    if name in {"utf8", "unicode-1-1-utf-8", "x-unicode20utf8"}:
        return "utf-8"
    if name in {"unicode", "utf-16", "ucs-2"}:  # meta claims UTF-16 but the bytes are ASCII-ish
        return "utf-8"
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):  # ValueError: a label holding a NUL byte
        return None


def _count_replacements(text: str) -> int:
    return text.count("\ufffd")


def _decode(data: bytes, codec: str) -> tuple[str, int]:
    text = data.decode(codec, errors="replace")
    return text, _count_replacements(text)


def _declared_charset(head: bytes) -> str | None:
    for pattern in (_XML_DECL, _META_CHARSET):
        m = pattern.search(head)
        if m:
            codec = normalize_charset(m.group(1).decode("ascii", "replace"))
            if codec:
                return codec
    return None


def _looks_chinese(text: str) -> bool:
    """True when the CJK characters in ``text`` are mostly real words, not mojibake."""
    han = common = 0
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff":
            han += 1
            if ch in _COMMON_HAN:
                common += 1
    return han >= 10 and common >= 0.08 * han


def _bom(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    return None


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of requests, always there
        return None
    best = from_bytes(data[:200_000]).best()
    return normalize_charset(best.encoding) if best is not None else None


def decode_html(data: bytes, http_charset: str | None = None, *,
                forced: str | None = None) -> DecodedPage:
    """Decode page bytes: BOM, HTTP charset, in-page declaration, UTF-8, GB18030, detector.

    The declared charset wins over guessing; when it reads badly (many invalid bytes) the
    other likely codecs are tried and the cleanest reading is kept. ``forced`` (a codec the
    person chose) is used as it is, whatever the page says or how badly it reads.
    """
    if forced:
        text, replaced = _decode(data, forced)
        return DecodedPage(text, forced, replaced)
    if not data:
        return DecodedPage("", "utf-8", 0)
    bom = _bom(data)
    if bom:
        text, replaced = _decode(data, bom)
        return DecodedPage(text, "utf-16" if bom == "utf-16" else "utf-8", replaced)

    head = data[:_SCAN_BYTES]
    declared = normalize_charset(http_charset) or _declared_charset(head)
    if declared:
        text, replaced = _decode(data, declared)
        if replaced <= max(3, len(data) // 2000):
            return DecodedPage(text, declared, replaced)
        # A wrong declaration (e.g. utf-8 on a GBK page): keep the cleanest of the likely ones.
        best = (replaced, text, declared)
        for codec in ("utf-8", "gb18030"):
            if codec != declared:
                t, r = _decode(data, codec)
                if r < best[0] and (codec != "gb18030" or _looks_chinese(t)):
                    best = (r, t, codec)
        return DecodedPage(best[1], best[2], best[0])

    try:
        return DecodedPage(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    gb_text, gb_replaced = _decode(data, "gb18030")
    high = sum(1 for b in data[:200_000] if b >= 0x80) or 1
    if gb_replaced <= max(3, high // 200) and _looks_chinese(gb_text):
        return DecodedPage(gb_text, "gb18030", gb_replaced)
    utf_text, utf_replaced = _decode(data, "utf-8")
    if utf_replaced <= max(3, high // 200):
        return DecodedPage(utf_text, "utf-8", utf_replaced)
    guess = _detect(data)
    if guess and guess not in ("utf-8", "gb18030"):
        text, replaced = _decode(data, guess)
        # A detector that picks a Latin codec for a page that reads as Chinese is wrong.
        if not (_looks_chinese(gb_text) and gb_replaced < high // 20):
            return DecodedPage(text, guess, replaced)
    if _looks_chinese(gb_text) or gb_replaced < utf_replaced:
        return DecodedPage(gb_text, "gb18030", gb_replaced)
    return DecodedPage(utf_text, "utf-8", utf_replaced)
