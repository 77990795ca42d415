"""Page bytes to a parsed tree, refusing what is not a web page (empty, binary, garbled)."""

from __future__ import annotations

import codecs

from lxml import etree

from huaibei_reader.errors import NotAnArticle
from huaibei_reader.extract.decode import DecodedPage, decode_html
from huaibei_reader.extract.dom import parse

MEGABYTE = 1024 * 1024
MAX_BYTES = 8 * MEGABYTE  # real article pages are far smaller; past this, read only the head
# A page is garbled (not text in the charset it was read in) when more than this many bytes,
# and more than this share of its characters, could not be decoded.
GARBLED_MIN_BYTES = 100
GARBLED_SHARE = 0.05

# Control bytes no text encoding of a web page produces (tab, LF, FF, CR and ESC are allowed;
# UTF-16/32 pages start with a BOM and are read as text before this test matters).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_BINARY_SAMPLE = 65536  # the start of the file is enough to tell
_BINARY_MIN_CONTROLS = 16  # a few stray control bytes (a pasted form feed) are not binary
_BINARY_SHARE = 0.01  # binary data has control bytes everywhere; text almost none
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class OpenedPage:
    """A parsed page with the source text it was parsed from and what was noticed on the way."""

    __slots__ = ("root", "source", "warnings")

    def __init__(self, root: etree._Element, source: str, warnings: list[str]) -> None:
        self.root = root
        self.source = source
        self.warnings = warnings


def open_page(data: bytes, http_charset: str | None = None, *,
              forced_charset: str | None = None) -> OpenedPage:
    """Decode and parse page bytes; raise NotAnArticle for what is not a readable page.
    ``forced_charset``: read the bytes in this codec, whatever the page declares."""
    warnings: list[str] = []
    if data is None or not data or data.isspace():  # (strip() would copy the page)
        raise NotAnArticle("the page is empty")
    if len(data) > MAX_BYTES:
        warnings.append(f"page truncated at {MAX_BYTES // MEGABYTE} MB "
                        f"(it has {len(data) / MEGABYTE:.0f} MB)")
        data = data[:MAX_BYTES]
    if looks_binary(data):
        raise NotAnArticle("this is a binary file, not a web page", kind="binary")
    decoded = decode_html(data, http_charset, forced=forced_charset)
    if decoded.replaced > GARBLED_MIN_BYTES and \
            decoded.replaced > GARBLED_SHARE * len(decoded.text):
        raise NotAnArticle(f"the page is not text in {forced_charset}" if forced_charset
                           else "the page is not text in any known character set")
    if decoded.replaced:
        warnings.append(f"{decoded.replaced} invalid bytes replaced ({decoded.encoding})")
    if decoded.mixed_runs:
        warnings.append(f"mixed encodings: {decoded.mixed_runs} passage(s) in "
                        f"{decoded.other_encoding} within a {decoded.encoding} page")
    root = parse(decoded.text, utf8=same_utf8(data, decoded))
    if root is None:
        raise NotAnArticle("the page has no readable content")
    return OpenedPage(root, decoded.text, warnings)


def same_utf8(data: bytes, decoded: DecodedPage) -> bytes | None:
    """The page bytes when they are exactly ``decoded.text`` in UTF-8, else None: read whole
    as UTF-8 with nothing replaced (Python's decoder accepts only the one encoding of each
    character, so encoding the text again gives these bytes), no BOM dropped, no run read
    in another codec. The parser then reads them instead of the text encoded again."""
    if decoded.encoding == "utf-8" and not decoded.replaced and not decoded.mixed_runs \
            and not data.startswith(codecs.BOM_UTF8):
        return data
    return None


def looks_binary(data: bytes) -> bool:
    """Random or binary bytes: control bytes are a sizeable share of the start of the file.

    Real pages, whatever their charset, have almost none; a few stray ones (a pasted
    form feed, a NUL in a comment) stay far below the limit.
    """
    if data[:2] in _UTF16_BOMS:
        return False
    sample = data[:_BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _BINARY_MIN_CONTROLS and controls > _BINARY_SHARE * len(sample)
