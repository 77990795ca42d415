"""Bytes to text without garbling: HTTP charset, BOM, declarations, GB as GB18030, detector last.

Chinese pages often declare ``gb2312`` while using GBK or GB18030 characters, or carry a
few invalid bytes. Reading every GB label as GB18030 with replacement keeps the rest of
the page readable; a detector is asked only when nothing is declared and neither UTF-8
nor GB18030 reads the bytes cleanly.

Some pages mix the two: a UTF-8 page with a block pasted in GBK, a GBK template around a
UTF-8 article. Such a page is read run by run (a run is a stretch of non-ASCII bytes): each
run in the page's codec where that reads it, else in the other one where that reads it
cleanly, and the page says so in ``mixed_runs`` (the engine turns it into a warning).
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

# The page's declarations sit at its start.
_HIGH_BYTES = bytes(range(0x80, 0x100))
_SCAN_BYTES = 16384
# The detector reads this much of a page (enough to decide, bounded in time).
_DETECT_BYTES = 200_000
# A declared charset is kept while at most one byte in this many is invalid (a few stray
# bytes in a long page), and at least this many.
_INVALID_SHARE = 2000
_INVALID_FEW = 3
# An undeclared page reads cleanly in a codec when at most one high byte in this many fails.
_CLEAN_HIGH_SHARE = 200
# A Latin guess is refused for a page that reads as Chinese with fewer errors than one high
# byte in this many.
_CHINESE_HIGH_SHARE = 20
# Real Chinese text: at least this many Han characters, this share of them the commonest.
_HAN_MIN = 10
_COMMON_SHARE = 0.08

# A run of non-ASCII text: a high byte, then anything a GB trail byte or UTF-8 can be.
_HIGH_RUN = re.compile(rb"[\x80-\xff][\x40-\xff]*")
# Two UTF-8 Han characters in a row: in a GB page, a sign that some runs are UTF-8.
_UTF8_HAN_PAIR = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){2}")
# The same test, twenty times faster on GB text (where the regex stops at every other
# byte): each byte mapped to its class (L: a lead byte of the pattern, C: a continuation
# byte, x: any other), then the class string searched for.
_HAN_PAIR_CLASSES = bytes(0x4C if 0xE4 <= b <= 0xE9 else 0x43 if 0x80 <= b <= 0xBF else 0x78
                          for b in range(256))


def _has_utf8_han_pair(data: bytes) -> bool:
    """``_UTF8_HAN_PAIR.search(data) is not None``, computed by a byte-class translation."""
    return b"LCCLCC" in data.translate(_HAN_PAIR_CLASSES)

# A run is read as UTF-8 in a GB page only when it holds this many characters (one 3-byte
# character is valid UTF-8 by chance too often).
_UTF8_RUN_CHARS_MIN = 2
# A run is read as GB in a UTF-8 page only when UTF-8 fails often in it (GB text fails about
# once every two bytes; a UTF-8 run with one character cut short fails once): at least one
# failure in this many bytes, and at least this many Han characters read.
_GB_RUN_BYTES_PER_FAILURE = 4
_GB_RUN_HAN_MIN = 2
# Characters a UTF-8 run of Chinese text is made of: CJK punctuation, Han, full-width forms.
_CJK_TEXT = re.compile(r"^[\x00-\x7f\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
                       r"\u2010-\u2027]*$")


@dataclass(frozen=True)
class DecodedPage:
    """The page as text, the codec that read it, how many invalid bytes were replaced, and
    how many runs of it were in another codec (``other_encoding``)."""

    text: str
    encoding: str
    replaced: int
    mixed_runs: int = 0
    other_encoding: str = ""


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
    return han >= _HAN_MIN and common >= _COMMON_SHARE * han


def _bom(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of requests, always there
        return None
    best = from_bytes(data[:_DETECT_BYTES]).best()
    return normalize_charset(best.encoding) if best is not None else None


def decode_html(data: bytes, http_charset: str | None = None, *,
                forced: str | None = None) -> DecodedPage:
    """Decode page bytes: BOM, HTTP charset, in-page declaration, UTF-8, GB18030, detector.

    The declared charset wins over guessing; when it reads badly (many invalid bytes) the
    other likely codecs are tried and the cleanest reading is kept. A UTF-8 or GB page with
    runs in the other of the two is then read run by run (see ``_by_runs``). ``forced`` (a
    codec the person chose) is used as it is, whatever the page says or how badly it reads.
    """
    if forced:
        text, replaced = _decode(data, forced)
        return DecodedPage(text, forced, replaced)
    page = _decode_whole(data, http_charset)
    if page.encoding == "utf-8" and page.replaced:
        return _by_runs(data, page, "gb18030")
    if page.encoding == "gb18030" and _has_utf8_han_pair(data):
        return _by_runs(data, page, "utf-8")
    return page


def _utf8_run(run: bytes) -> str | None:
    """The run as UTF-8 if it is clean UTF-8 made of Chinese text (Han characters and CJK
    punctuation), else None. GB bytes almost never are: UTF-8 asks a fixed lead byte and
    continuation bytes of every three, GB text reads as UTF-8 rarely and as other scripts."""
    try:
        text = run.decode("utf-8")
    except UnicodeDecodeError:
        return None
    has_han = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    long_enough = len(text.strip()) >= _UTF8_RUN_CHARS_MIN
    return text if has_han and long_enough and _CJK_TEXT.match(text) else None


def _gb_run(run: bytes, utf8_failures: int) -> str | None:
    """The run as GB18030 if UTF-8 fails often in it and GB reads it cleanly as Chinese
    text, else None (a UTF-8 run with one character cut short stays UTF-8)."""
    if utf8_failures * _GB_RUN_BYTES_PER_FAILURE < len(run):
        return None
    try:
        text = run.decode("gb18030")
    except UnicodeDecodeError:
        return None
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return text if han >= _GB_RUN_HAN_MIN else None


def _by_runs(data: bytes, page: DecodedPage, other: str) -> DecodedPage:
    """Read each run of non-ASCII bytes in the page's codec where it reads cleanly, else in
    ``other`` where that does; a page with no run in ``other`` is returned unchanged."""
    primary = page.encoding
    parts: list[str] = []
    pos = runs = 0
    for m in _HIGH_RUN.finditer(data):
        parts.append(data[pos:m.start()].decode("ascii"))
        run = m.group()
        if primary == "utf-8":
            text = run.decode("utf-8", errors="replace")
            failures = _count_replacements(text)
            gb = _gb_run(run, failures) if failures else None
            if gb is not None:
                text = gb
                runs += 1
        else:
            utf = _utf8_run(run)
            text = utf if utf is not None else run.decode("gb18030", errors="replace")
            runs += utf is not None
        parts.append(text)
        pos = m.end()
    if not runs:
        return page
    parts.append(data[pos:].decode("ascii"))
    text = "".join(parts)
    return DecodedPage(text, primary, _count_replacements(text), runs, other)


def _decode_whole(data: bytes, http_charset: str | None) -> DecodedPage:
    """The page in one codec: BOM, HTTP charset, declaration, UTF-8, GB18030, detector."""
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
        if replaced <= max(_INVALID_FEW, len(data) // _INVALID_SHARE):
            return DecodedPage(text, declared, replaced)
        # A wrong declaration (e.g. utf-8 on a GBK page): keep the cleanest of the likely ones.
        best = DecodedPage(text, declared, replaced)
        for codec in ("utf-8", "gb18030"):
            if codec != declared:
                t, r = _decode(data, codec)
                if r < best.replaced and (codec != "gb18030" or _looks_chinese(t)):
                    best = DecodedPage(t, codec, r)
        return best

    try:
        return DecodedPage(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    gb_text, gb_replaced = _decode(data, "gb18030")
    high = len(data[:_DETECT_BYTES]) - len(data[:_DETECT_BYTES].translate(None, _HIGH_BYTES)) or 1
    if gb_replaced <= max(_INVALID_FEW, high // _CLEAN_HIGH_SHARE) and _looks_chinese(gb_text):
        return DecodedPage(gb_text, "gb18030", gb_replaced)
    utf_text, utf_replaced = _decode(data, "utf-8")
    if utf_replaced <= max(_INVALID_FEW, high // _CLEAN_HIGH_SHARE):
        return DecodedPage(utf_text, "utf-8", utf_replaced)
    guess = _detect(data)
    if guess and guess not in ("utf-8", "gb18030"):
        text, replaced = _decode(data, guess)
        # A detector that picks a Latin codec for a page that reads as Chinese is wrong.
        if not (_looks_chinese(gb_text) and gb_replaced < high // _CHINESE_HIGH_SHARE):
            return DecodedPage(text, guess, replaced)
    if _looks_chinese(gb_text) or gb_replaced < utf_replaced:
        return DecodedPage(gb_text, "gb18030", gb_replaced)
    return DecodedPage(utf_text, "utf-8", utf_replaced)
