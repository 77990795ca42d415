"""From the units of the chosen container to clean, structured article blocks.

The container still carries some furniture: the headline and dateline at its top, share
bars and editor lines, a related-news section at its end, a teaser that repeats the
opening. This pass drops them, then groups what remains into paragraphs, headings,
lists, quotes, tables and captioned images.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract.dom import Unit
from huaibei_reader.models import Block, BlockKind

_NORM = re.compile(r"[\W_]+", re.UNICODE)
_META_START = re.compile(
    r"^[\s【\[(（]*(来源|作者|记者|通讯员|编辑|责任编辑|责编|发布时间|发表时间|更新时间|时间|日期|"
    r"浏览|点击|阅读|字号|稿源|出处|摄影|图片|图)\s*[:：]")


LINK_LINE_SHARE = 0.5  # a line mostly of link text is a link, not the story's own text
META_MAX_CHARS = 90  # datelines and bylines are short; longer lines are prose with a date
META_REST_CHARS = 12  # a date with this little else on its line is a dateline
EN_META_MAX_CHARS = 70  # "Published 3 hours ago | Updated 9:12 pm" fits; a sentence does not
BYLINE_MAX_CHARS = 50  # "By Jane Doe and John Roe" at the top of a story
RECORD_NAME_MAX_CHARS = 80  # the linked name cell of a table row of records
RECORD_MIN_CELLS = 2  # a record row has a name cell and another
RECORD_REACH = 3  # the cells of one row are this close to each other in the units
RECORD_PROSE_CHARS = 40  # a row's description cell holds a clause of prose at least
MIN_TITLE_CHARS = 4  # a shorter title (after normalising) names nothing in particular
SECTION_LABEL_CHARS = 30  # "相关阅读", "Related stories": a short line of its own
STORY_STARTED_CHARS = 60  # a section label ends the story only once the story has begun
SECTION_LABEL_EXTRA = 4  # "相关阅读：", "【推荐阅读】" with a count or an arrow beside it
INLINE_BOX_SHARE = 0.3  # prose after the label this large (of the story so far): an inline box
BOILERPLATE_MAX_CHARS = 120  # boilerplate markers are tested on short lines only
PROMO_MAX_CHARS = 160  # promotion lines are a sentence or two
CREDIT_MAX_CHARS = 400  # a photo credit may close a long caption
TOP_CHARS = 200  # datelines and bylines sit within the story's first characters ...
FOOT_UNITS = 8  # ... or in its last lines
BYLINE_LINE_CHARS = 30  # "记者 韩惠 胡文静", a publisher's name on a line of its own
TITLE_LINE_MAX_CHARS = 200  # longer lines are never a repeated headline
HEADING_LOOKAHEAD = 4  # a linked section heading has its own prose within these lines
HEADING_LINK_SHARE = 0.3  # the prose under a linked heading is mostly unlinked
PARAGRAPH_VALUE = 50.0  # a paragraph: a sentence or two of prose
REPEAT_MIN_CHARS = 40  # captions said twice are dropped when at least this long
TEASER_LINES = 3  # a teaser sits among the story's first lines
TEASER_MIN_CHARS = 20  # a teaser is a sentence at least
TEASER_FOLLOWING = 8  # it reappears within the lines after it
TEASER_CHUNK = 12  # compared in chunks of this many characters
TEASER_START_CHUNKS = 2  # its first chunks must appear ...
TEASER_START_REACH = 60  # ... this close to the start of the following text
TEASER_MIN_PROBE, TEASER_MAX_PROBE = 40, 400  # a summary's length, normalised
TEASER_END_CHARS = 8  # its last characters appear in the following text too
TEASER_SHARE = 0.6  # and this share of its chunks
TRAILING_LINE_CHARS = 15  # shorter unpunctuated lines at the end are labels and buttons
CAPTION_MAX_CHARS = 100  # a caption is a line or two


def norm(text: str) -> str:
    return _NORM.sub("", text).lower()


def _is_link_list(u: Unit) -> bool:
    return u.kind != "image" and u.chars > 0 and u.link_chars > LINK_LINE_SHARE * u.chars


def _is_meta_line(u: Unit, top: bool = True) -> bool:
    if u.chars > META_MAX_CHARS:
        return False
    text = u.text
    if _META_START.search(text):
        return True
    m = pt.DATE_IN_TEXT.search(text) or pt.EN_DATE.search(text)
    if m:
        rest = u.chars - (m.end() - m.start())
        if rest < META_REST_CHARS or (pt.META_LINE.search(text) and "。" not in text):
            return True
        if top and u.chars < EN_META_MAX_CHARS and pt.EN_META_WORDS.search(text) \
                and not text.rstrip().endswith("."):
            return True
    if top and u.chars < BYLINE_MAX_CHARS and pt.AUTHOR_EN.match(text) and \
            not text.rstrip().endswith("."):
        return True
    return False


def _record_cell(units: list[Unit], i: int) -> bool:
    """A linked cell in a table row that also holds prose: the name column of a record."""
    row = units[i].owner.getparent()
    if units[i].owner.tag not in ("td", "th") or row is None or row.tag != "tr" \
            or units[i].chars > RECORD_NAME_MAX_CHARS or len(row) < RECORD_MIN_CELLS:
        return False
    for j in range(max(0, i - RECORD_REACH), min(len(units), i + RECORD_REACH + 1)):
        u = units[j]
        if j != i and u.owner.getparent() is row and \
                u.chars - u.link_chars >= RECORD_PROSE_CHARS:
            return True
    return False


def select_units(units: list[Unit], start: int, end: int, keep_furniture: set[etree._Element],
                 titles: list[str], drop_lines: Sequence[str] = ()) -> list[Unit]:
    """The units of the story between ``start`` and ``end`` with the furniture dropped.

    ``titles`` are the page's declared titles (<title>, og:title, the chosen headline):
    a line that repeats one of them is the headline, not body text.
    """
    title_norms = [n for n in (norm(t) for t in titles if t) if len(n) >= MIN_TITLE_CHARS]
    drop_norms = {norm(t) for t in drop_lines if t}
    shortest = min((len(t) for t in title_norms), default=0)
    chosen: list[Unit] = []
    content_chars = 0
    content_value = 0.0
    for i in range(start, end):
        u = units[i]
        if u.furniture is not None and u.furniture not in keep_furniture:
            continue
        if u.kind == "image":
            if u.link_chars and content_chars == 0:
                continue
            chosen.append(u)
            continue
        if u.chars <= SECTION_LABEL_CHARS and content_chars >= STORY_STARTED_CHARS:
            m = pt.SECTION_END.match(u.text)
            if m and u.chars - len(m.group(0).replace(" ", "")) <= SECTION_LABEL_EXTRA:
                # "相关阅读" ends the story unless real prose follows (an inline box)
                rest = sum(max(0.0, units[j].value) for j in range(i + 1, end)
                           if units[j].furniture is None)
                if rest < INLINE_BOX_SHARE * content_value:
                    break
                continue
        if _is_link_list(u) and u.kind != "table" and not _record_cell(units, i) \
                and not _linked_section_heading(units, i, end):
            continue
        if u.chars < BOILERPLATE_MAX_CHARS and pt.BOILERPLATE_LINE.match(u.text):
            continue
        if u.chars < PROMO_MAX_CHARS and pt.is_promo_line(u.text):
            continue
        if u.chars < CREDIT_MAX_CHARS and pt.is_photo_credit(u.text) and not (
                chosen and chosen[-1].kind == "image"):
            continue
        if (content_chars < TOP_CHARS or i >= end - FOOT_UNITS) and \
                _is_meta_line(u, top=content_chars < TOP_CHARS):
            continue
        if u.chars <= BYLINE_LINE_CHARS and (pt.BYLINE_ONLY.match(u.text)
                                             or norm(u.text) in drop_norms):
            continue
        # a line shorter than every title cannot equal one (norm only removes characters)
        if title_norms and u.chars < TITLE_LINE_MAX_CHARS and (u.kind == "heading"
                                                               or u.chars >= shortest):
            n = norm(u.text)
            if n and any(n == t or (u.kind == "heading" and len(n) >= MIN_TITLE_CHARS and n in t)
                         for t in title_norms):
                continue
        # a photo's caption is not the story's text yet: the dateline may still follow it
        under_photo = len(chosen) > 0 and chosen[-1].kind == "image" and (
            _is_caption(u) or pt.is_photo_credit(u.text))
        chosen.append(u)
        if u.kind != "heading" and not under_photo:
            content_chars += u.chars
            content_value += max(0.0, u.value)
    _drop_teasers(chosen)
    _drop_repeats(chosen)
    _trim_tail(chosen)
    return chosen


def _linked_section_heading(units: list[Unit], i: int, end: int) -> bool:
    """A heading whose words link elsewhere ("3) <a>Film title</a>") over prose of its own.

    Lists of ranked items and reviews link each section's heading to the thing it
    names; what follows it is the story's own text, so the heading is part of the story.
    It must sit between prose (a line of prose before it and after it): linked headings
    in a run of links, or right after a link line or another heading (a list of
    headlines), are not.
    """
    if units[i].kind != "heading" or i == 0 or units[i - 1].value <= 0:
        return False
    for u in units[i + 1:min(end, i + HEADING_LOOKAHEAD)]:
        if u.kind == "image" or u.caption:
            continue
        return u.kind == "text" and u.furniture is None and u.value >= PARAGRAPH_VALUE \
            and u.link_chars < HEADING_LINK_SHARE * u.chars
    return False


def _drop_repeats(chosen: list[Unit]) -> None:
    """A photo caption shown again in a gallery or lightbox is said once."""
    seen: set[str] = set()
    kept = []
    for i, u in enumerate(chosen):
        after_image = i > 0 and chosen[i - 1].kind == "image"
        if u.kind == "text" and u.chars >= REPEAT_MIN_CHARS and (
                (after_image and _is_caption(u)) or pt.is_photo_credit(u.text)):
            key = norm(u.text)
            if key in seen:
                continue
            seen.add(key)
        kept.append(u)
    chosen[:] = kept


def _drop_teasers(chosen: list[Unit]) -> None:
    """Drop an opening line that only repeats the start of the story (a teaser/summary)."""
    for i in range(min(TEASER_LINES, len(chosen) - 1)):
        u = chosen[i]
        if u.kind not in ("text", "item") or u.chars < TEASER_MIN_CHARS:
            continue
        stripped = pt.ELLIPSIS.sub("", u.text)
        # norm only removes characters (one by one), so a long line whose start alone
        # normalises past TEASER_MAX_PROBE is no teaser: the rest is not normalised
        if len(stripped) > 2 * TEASER_MAX_PROBE and \
                len(norm(stripped[:2 * TEASER_MAX_PROBE])) > TEASER_MAX_PROBE:
            continue
        probe = norm(stripped)
        if len(probe) < TEASER_MIN_CHARS:
            continue
        if not TEASER_MIN_PROBE <= len(probe) <= TEASER_MAX_PROBE:
            continue
        following = chosen[i + 1:i + 1 + TEASER_FOLLOWING]
        # the teaser (less its ellipsis) reappears, longer, in the following text, perhaps
        # broken by a byline or an image; a paragraph that merely repeats the next one, or
        # one under a later heading, word for word is not a teaser
        if probe == norm(following[0].text) or _repeated_under_heading(probe, following):
            continue
        rest = norm("".join(v.text for v in following))
        chunks = [probe[k:k + TEASER_CHUNK]
                  for k in range(0, len(probe) - TEASER_CHUNK + 1, TEASER_CHUNK)]
        # it starts where the story starts (perhaps after a publisher name) and ends inside it
        starts = [rest.find(c) for c in chunks[:TEASER_START_CHUNKS] if c in rest]
        if probe[-TEASER_END_CHARS:] in rest and starts \
                and min(starts) <= TEASER_START_REACH \
                and sum(1 for c in chunks if c in rest) >= TEASER_SHARE * len(chunks):
            chosen[i] = None  # type: ignore[call-overload]
    chosen[:] = [u for u in chosen if u is not None]


def _repeated_under_heading(probe: str, following: list[Unit]) -> bool:
    heading_seen = False
    for v in following:
        if v.kind == "heading":
            heading_seen = True
        elif heading_seen and norm(v.text) == probe:
            return True
    return False


def _trim_tail(chosen: list[Unit]) -> None:
    """Drop trailing furniture: short unpunctuated lines and lone images after the text."""
    while chosen:
        u = chosen[-1]
        if u.kind == "image":
            break
        if u.chars < TRAILING_LINE_CHARS and not pt.PUNCTUATION.search(u.text) \
                and u.kind != "heading" \
                and not pt.TRAILING_REPORTERS.search(u.text):
            chosen.pop()
            continue
        if u.kind == "heading":
            chosen.pop()
            continue
        break


def _is_caption(u: Unit) -> bool:
    """A short line right after an image that describes it (figcaption, 图说, centred note)."""
    if u.caption:
        return True
    if u.kind != "text" or u.chars > CAPTION_MAX_CHARS:
        return False
    if pt.CAPTION_TEXT.search(u.text):
        return True
    owner = u.owner
    names = (owner.get("class") or "") + " " + (owner.get("id") or "")
    if len(names) > 1 and pt.CAPTION_NAMES.search(names):
        return True
    style = (owner.get("style") or "").replace(" ", "").lower()
    return "text-align:center" in style or (owner.get("align") or "").lower() == "center"


def to_blocks(chosen: list[Unit]) -> tuple[Block, ...]:
    """Group units into blocks: list items into lists, captions onto their images."""
    blocks: list[Block] = []
    i = 0
    n = len(chosen)
    while i < n:
        u = chosen[i]
        if u.kind == "item" and u.list_el is not None:
            items = [u.text]
            j = i + 1
            while j < n and chosen[j].kind == "item" and chosen[j].list_el is u.list_el:
                items.append(chosen[j].text)
                j += 1
            blocks.append(Block(BlockKind.LIST, items=tuple(items), ordered=u.ordered))
            i = j
            continue
        if u.kind == "image":
            caption = ""
            if i + 1 < n and _is_caption(chosen[i + 1]):
                caption = chosen[i + 1].text
                i += 1
            blocks.append(Block(BlockKind.IMAGE, text=caption, src=u.src, alt=u.alt))
        elif u.kind == "heading":
            blocks.append(Block(BlockKind.HEADING, text=u.text, level=u.level))
        elif u.kind == "table":
            blocks.append(Block(BlockKind.TABLE, rows=u.rows))
        elif u.quote:
            blocks.append(Block(BlockKind.QUOTE, text=u.text))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, text=u.text))
        i += 1
    return tuple(blocks)


def ancestors_and_self(el: etree._Element) -> set[etree._Element]:
    out: set[etree._Element] = set()
    node: etree._Element | None = el
    while node is not None:
        out.add(node)
        node = node.getparent()
    return out
