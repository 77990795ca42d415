"""Parse decoded HTML and cut it into text units in document order.

A *unit* is one line of visible text (a paragraph, a heading, a line ended by ``<br>``,
a list item), an image or a data table, together with what the engine needs to judge it:
how much of it is link text, which block element owns it, whether it sits inside page
furniture (nav, footer, comments, share bars...). Every element remembers the range of
units it spans, so the text of any subtree is a slice of one list.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from urllib.parse import urljoin

from lxml import etree

from huaibei_reader.extract import patterns as pt

_WS = re.compile(r"\s+")
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s*\n\s*"
                        r"(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
# Invisible format characters that only steer line breaking or mark byte order: the soft
# hyphen, the zero-width space, the word joiner, the BOM and the Mongolian vowel separator.
# (The zero-width joiner and non-joiner stay: they shape Indic and Arabic script and emoji.)
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff\u180e]")
NAME_CACHE_SIZE = 65536  # distinct class/id strings remembered (a few thousand recur per site)
SLUG_HYPHENS = 2  # an id with this many hyphens is a slug of a heading's words, not a name
SLUG_UNDERSCORES = 3  # the same with underscores
MAX_CELL_CHARS = 300  # a data cell holds a value or a phrase; longer is layout holding text
MAX_CELL_LINES = 3  # line breaks a data cell may hold (an address); more is layout
MIN_TABLE_ROWS = 2  # a header and one row at least
MIN_TABLE_COLUMNS = 2  # one column is a list laid out as a table
MAX_MEAN_CELL_CHARS = 60  # data cells are short on average; layout cells hold paragraphs
TINY_IMAGE_PX = 60  # icons, spacers, tracking pixels and buttons are smaller than this
REPR_CHARS = 40  # text shown of a unit in debugging output
_LAZY_SRC_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-url", "original", "src")


class Unit:
    """One line of text, an image or a table, with the facts used to score it."""

    __slots__ = ("kind", "text", "chars", "link_chars", "owner", "level", "list_el",
                 "ordered", "quote", "furniture", "src", "alt", "rows", "caption", "value")

    def __init__(self, kind: str, text: str, owner: etree._Element) -> None:
        self.kind = kind  # text | heading | item | image | table | pre | caption
        self.text = text
        self.chars = 0
        self.link_chars = 0
        self.owner = owner
        self.level = 0
        self.list_el: etree._Element | None = None
        self.ordered = False
        self.quote = False
        self.furniture: etree._Element | None = None
        self.src = ""
        self.alt = ""
        self.rows: tuple[tuple[str, ...], ...] = ()
        self.caption = False
        self.value = 0.0

    def __repr__(self) -> str:  # for debugging and test failures
        return (f"Unit({self.kind}, {self.text[:REPR_CHARS]!r}, "
                f"link={self.link_chars}/{self.chars})")


class Page:
    """A parsed page: the tree, its units and the unit range of every block element."""

    def __init__(self, root: etree._Element, units: list[Unit],
                 spans: dict[etree._Element, tuple[int, int]]) -> None:
        self.root = root
        self.units = units
        self.spans = spans


# HTML5 void elements the parser (libxml2's HTML 4 rules) does not know as void: it opens
# them as containers and nests the rest of the page inside, where they are dropped with it.
_UNKNOWN_VOID = ("embed", "source", "track", "wbr", "keygen")


def _unnest_unknown_voids(root: etree._Element) -> None:
    """Move what the parser nested inside an unclosed ``<embed>``/``<source>``... after it."""
    for el in list(root.iter(*_UNKNOWN_VOID)):
        children = list(el)
        if not children and not el.text:
            continue
        tail = el.tail
        el.tail, el.text = el.text, None
        anchor = el
        for child in children:
            anchor.addnext(child)  # moves the child with its tail
            anchor = child
        if tail:
            anchor.tail = (anchor.tail or "") + tail


_PARSERS = threading.local()  # one parser per thread: lxml parsers are not shared safely


def _parser() -> etree.HTMLParser:
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = etree.HTMLParser(
            encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
            default_doctype=False)
    return parser


def parse(text: str, utf8: bytes | None = None) -> etree._Element | None:
    """Parse HTML text into an lxml tree; None when nothing parses. ``utf8``: the text
    already encoded in UTF-8 (the page's own bytes), so it is not encoded again."""
    if "\x00" in text:
        text = text.replace("\x00", "")
        utf8 = None
    if not text or text.isspace():  # (strip() would copy the page)
        return None
    try:
        root = etree.fromstring(utf8 if utf8 is not None else text.encode("utf-8", "replace"),
                                parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if root is not None:
        _unnest_unknown_voids(root)
    return root


def clean_text(raw: str, pre: bool = False) -> str:
    """Text as shown: whitespace runs made one space (kept in ``pre``), invisible marks gone."""
    if not raw.isascii():
        raw = _INVISIBLE.sub("", raw)
    if pre:
        return raw.strip("\n")
    if "\n" in raw and not raw.isascii():
        raw = _CJK_BREAK.sub("", raw)
    return " ".join(raw.split())


def _count_chars(text: str) -> int:
    return len(text) - text.count(" ")


_FURNITURE_STEM = re.compile("|".join(map(re.escape, pt.FURNITURE_STEMS)))
# FURNITURE_NAMES without IGNORECASE, three times faster: its letters are all lower case, so
# on a lowercased ASCII word the two agree (only non-ASCII letters, such as the long s,
# fold onto its letters; such words keep the original pattern)
_FURNITURE_NAMES_LOWER = re.compile(pt.FURNITURE_NAMES.pattern)


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _furniture_word(word: str) -> bool:
    """One class name or id: the same few thousand recur across pages, so each is judged once."""
    low = word.lower()
    # the full pattern is slow; most class names share no stem with it at all
    if _FURNITURE_STEM.search(low) is None:
        return False
    pattern = _FURNITURE_NAMES_LOWER if low.isascii() else pt.FURNITURE_NAMES
    return pattern.search(low) is not None


_NAME_VERDICTS: dict[str, bool] = {}


def _judge_names(names: str) -> bool:
    """The verdict on a class or id string (remembered in _NAME_VERDICTS)."""
    # no alternative of the pattern spans a space, so testing word by word is the same
    # test; most names hold no stem at all and need no word-by-word look
    verdict = False
    if _FURNITURE_STEM.search(names.lower()) is not None:
        for word in names.split():
            if _furniture_word(word):
                verdict = True
                break
    if len(_NAME_VERDICTS) > NAME_CACHE_SIZE:
        _NAME_VERDICTS.clear()
    _NAME_VERDICTS[names] = verdict
    return verdict


def _furniture_name(names: str) -> bool:
    verdict = _NAME_VERDICTS.get(names)
    return _judge_names(names) if verdict is None else verdict


def _is_furniture(el: etree._Element, tag: str) -> bool:
    # every test is read straight off the element (el.get): building el.attrib costs more;
    # called on every block element and every inline one with a class
    if tag in pt.FURNITURE_TAGS:
        return True
    get = el.get
    cls = get("class")
    if cls:
        verdict = _NAME_VERDICTS.get(cls)
        if verdict is None:
            verdict = _judge_names(cls)
        if verdict:
            return True
    ident = get("id")
    # an id with many hyphens or underscores is a slug made from a heading's words, which
    # may include "share" or "nav"
    if ident and ident.count("-") < SLUG_HYPHENS and ident.count("_") < SLUG_UNDERSCORES \
            and _furniture_name(ident):
        return True
    style = get("style")
    if style and ("none" in style or "hidden" in style) and pt.HIDDEN_STYLE.search(style):
        return True
    return get("hidden") is not None or get("aria-hidden") == "true"


def is_hidden(el: etree._Element) -> bool:
    style = el.get("style")
    if style and ("none" in style or "hidden" in style) and pt.HIDDEN_STYLE.search(style):
        return True
    return el.get("hidden") is not None or el.get("aria-hidden") == "true"


def _data_table_rows(table: etree._Element) -> tuple[tuple[str, ...], ...] | None:
    """The rows of a table that holds data (not page layout), else None."""
    # a nested table, a paragraph or a div makes it layout: tested first, in one walk, so
    # the cells of a layout table are never read
    if next(table.iterdescendants("table", "p", "div"), None) is not None:
        return None
    rows: list[tuple[str, ...]] = []
    cells_total = chars_total = widest = 0
    for tr in table.iter("tr"):
        cells = tuple(clean_text("".join(c.itertext())) for c in tr if c.tag in ("td", "th"))
        if not cells:
            continue
        for c in cells:
            n = len(c)
            if n > MAX_CELL_CHARS or c.count("\n") > MAX_CELL_LINES:
                return None
            chars_total += n
        cells_total += len(cells)
        widest = max(widest, len(cells))
        rows.append(cells)
    if len(rows) < MIN_TABLE_ROWS or widest < MIN_TABLE_COLUMNS or cells_total == 0 or \
            chars_total / cells_total > MAX_MEAN_CELL_CHARS:
        return None
    # half the rows at least hold several cells (a layout table has one wide cell per row)
    if sum(1 for r in rows if len(r) >= MIN_TABLE_COLUMNS) < max(MIN_TABLE_ROWS, len(rows) // 2):
        return None
    return tuple(rows)


def _navigates(a: etree._Element) -> bool:
    """A link that leads elsewhere; a jump within the page ("#section", a footnote mark,
    a table of contents) is part of the text it sits in. A bare "#" or a script call is
    a button (share bars use them), still a link."""
    href = a.get("href")
    return not (href and len(href) > 1 and href[0] == "#")


def image_src(el: etree._Element) -> str:
    """The image's address as written (lazy-loading attributes first); see resolve_src."""
    for attr in _LAZY_SRC_ATTRS:
        v = el.get(attr)
        if isinstance(v, str) and v and not v.startswith("data:"):
            return v.strip()
    return ""


def resolve_src(base_url: str, src: str) -> str:
    """An absolute image address; done only for the images an article keeps (urljoin is slow)."""
    if not base_url or not src:
        return src
    try:
        return urljoin(base_url, src)
    except ValueError:
        return src


def _tiny_image(el: etree._Element) -> bool:
    for attr in ("width", "height"):
        v = el.get(attr, "")
        if v.isdigit() and int(v) < TINY_IMAGE_PX:
            return True
    return False


def segment(root: etree._Element, base_url: str = "") -> Page:
    """Walk the tree once and cut it into units (text lines, images, data tables).

    Image units keep their address as written; ``resolve_src`` makes it absolute.
    ``base_url`` is kept for callers and is no longer used here.
    """
    etree.strip_elements(root, *pt.DROP_TAGS, with_tail=False)
    units: list[Unit] = []
    spans: dict[etree._Element, tuple[int, int]] = {}
    starts: dict[etree._Element, int] = {}
    block_tags = pt.BLOCK_TAGS
    furniture_tags = pt.FURNITURE_TAGS
    heading_tags = pt.HEADING_TAGS

    owners: list[etree._Element] = [root]
    owner_starts: list[int] = [0]  # where each open block element's units start
    furniture: list[etree._Element] = []
    lists: list[etree._Element] = []
    buf: list[str] = []  # text of the current line; whitespace alone never starts one
    # counters of open elements of each kind; link_chars counts linked text in ``buf``
    link = quote = pre = caption = link_chars = 0
    links: list[etree._Element] = []  # the open links counted in ``link``, innermost last

    def flush() -> None:
        nonlocal link_chars
        if not buf:
            return
        raw = "".join(buf)
        buf.clear()
        linked = link_chars
        link_chars = 0
        if raw.isspace():
            return
        text = clean_text(raw, pre=pre > 0)
        if not text:
            return
        owner = owners[-1]
        tag = owner.tag
        if tag in heading_tags:
            kind = "heading"
        elif pre:
            kind = "pre"
        elif tag in {"li", "dd", "dt"}:
            kind = "item"
        else:
            kind = "text"
        u = Unit(kind, text, owner)
        u.chars = chars = len(text) - text.count(" ")
        u.link_chars = min(chars, linked)
        if kind == "heading":
            u.level = int(tag[1])
        elif lists and kind == "item":
            u.list_el = lists[-1]
            u.ordered = lists[-1].tag == "ol"
        u.quote = quote > 0
        u.caption = caption > 0
        u.furniture = tuple(furniture) if furniture else None
        units.append(u)

    # el.text and el.tail are read once each: every read builds a new Python string
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if tag.__class__ is not str:
            if event == "end":
                tail = el.tail
                if tail and (buf or pre or not tail.isspace()):
                    buf.append(tail)
                    if link:
                        link_chars += _count_chars(tail.strip())
            continue
        if event == "start":
            if tag in block_tags:
                if buf:
                    flush()
                owner_starts.append(len(units))
                owners.append(el)
                if (tag in furniture_tags or el.attrib) and tag not in {"body", "html"} \
                        and _is_furniture(el, tag):
                    furniture.append(el)
                if tag in {"ul", "ol"}:
                    lists.append(el)
                elif tag == "blockquote":
                    quote += 1
                elif tag == "pre":
                    pre += 1
                elif tag == "figcaption":
                    caption += 1
                elif tag == "table":
                    rows = _data_table_rows(el)
                    if rows is not None:
                        u = Unit("table", "\n".join(" ".join(r) for r in rows), el)
                        u.rows = rows
                        u.chars = _count_chars(u.text)
                        u.link_chars = min(u.chars, sum(
                            _count_chars("".join(a.itertext())) for a in el.iter("a")))
                        u.furniture = tuple(furniture) if furniture else None
                        u.quote = quote > 0
                        units.append(u)
                        walker.skip_subtree()  # its "end" event still comes
                        continue
            elif tag == "br":
                if buf:
                    flush()
                continue
            elif tag == "img":
                if buf:
                    flush()
                src = image_src(el)
                if src and not _tiny_image(el):
                    u = Unit("image", "", owners[-1])
                    u.src = src
                    u.alt = clean_text(el.get("alt") or "")
                    u.furniture = tuple(furniture) if furniture else None
                    u.link_chars = 1 if link else 0
                    units.append(u)
                continue
            elif tag == "a":
                if _navigates(el):
                    link += 1
                    links.append(el)
            elif el.get("style") and is_hidden(el):
                # hidden inline text (a MathML copy behind its image, a screen-reader
                # label) is not shown; its "end" event still comes
                walker.skip_subtree()
                continue
            elif el.get("class") and _is_furniture(el, tag):
                # an inline furniture element (a share <span>) counts as furniture
                furniture.append(el)
                starts[el] = len(units)
            text = el.text
            if text and (buf or pre or not text.isspace()):
                buf.append(text)
                if link:
                    link_chars += _count_chars(text.strip())
        else:  # end
            if tag in block_tags:
                if buf:
                    flush()
                spans[el] = (owner_starts.pop(), len(units))
                owners.pop()
                if furniture and furniture[-1] is el:
                    furniture.pop()
                if tag in {"ul", "ol"}:
                    if lists and lists[-1] is el:
                        lists.pop()
                elif tag == "blockquote":
                    quote -= 1
                elif tag == "pre":
                    pre -= 1
                elif tag == "figcaption":
                    caption -= 1
            elif tag == "a":
                if links and links[-1] is el:
                    links.pop()
                    link -= 1
            elif furniture and furniture[-1] is el:
                furniture.pop()
                spans[el] = (starts.pop(el, len(units)), len(units))
            tail = el.tail
            if tail and (buf or pre or not tail.isspace()):
                buf.append(tail)
                if link:
                    link_chars += _count_chars(tail.strip())
    flush()
    return Page(root, units, spans)


def clear_caches() -> None:
    """Forget the remembered class-name verdicts (for benchmarks that time a cold start)."""
    _furniture_word.cache_clear()
    _NAME_VERDICTS.clear()
