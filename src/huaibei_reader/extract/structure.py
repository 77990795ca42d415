"""Page structures read generically: comments, lists of other stories, lists of posts.

A comment thread is found by what readers see, not by class names alone: a heading that
names it ("网友评论（36）", "40 thoughts on …", "Leave a Reply") over entries that each say
who wrote and when. Whatever the thread's elements are called, its units are comments and
never the story.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract.blocks import norm
from huaibei_reader.extract.dom import Page, Unit

HEADING_MAX_CHARS = 120  # "40 thoughts on “<a long post title>”" still fits; prose does not
DATED_LINE_MAX_CHARS = 60  # a "name 2012-10-05 12:28" line; longer lines are comment text
MIN_THREAD_ENTRIES = 3  # fewer dated lines may be the story's own datelines
HEADING_SPAN = 2  # a heading's own element holds the heading and at most a count beside it
LINES_PER_ENTRY = 6  # a comment is a dated line and a few paragraphs; a story has far more
MIN_POST_VALUE = 40.0  # a post of a sentence or two: less is a caption or a teaser line
# A thread read from its heading ends before this many lines in a row without a dated
# line: comments are a few paragraphs each, and what follows such a stretch (when the
# thread's heading sits in a sidebar before the story, the story itself) is not a comment.
MAX_UNDATED_RUN = 20


def dated_line(u: Unit) -> bool:
    """A short line that says when (a date, a clock time, "3 hours ago")."""
    if u.kind == "image" or u.chars > DATED_LINE_MAX_CHARS:
        return False
    text = u.text
    return bool(pt.DATE_IN_TEXT.search(text) or pt.EN_DATE.search(text)
                or pt.CLOCK_TIME.search(text) or pt.RELATIVE_TIME.search(text))


def comment_heading(u: Unit) -> bool:
    return u.kind != "image" and u.chars <= HEADING_MAX_CHARS \
        and pt.COMMENTS_HEADING.match(u.text) is not None


def _section_of(page: Page, i: int) -> tuple[etree._Element, int, int] | None:
    """The element a heading at unit ``i`` introduces, and the span of units from it on.

    The span ends at the next heading of the same or a higher rank: in a column or a
    wrapper that holds more than the section (a sidebar's "Latest comments" over the
    story's own headline), the section is what its heading heads.
    """
    units = page.units
    el = units[i].owner
    while el is not None:
        span = page.spans.get(el)
        if span is not None and span[1] - span[0] > HEADING_SPAN:
            end = span[1]
            if units[i].kind == "heading":
                level = units[i].level
                end = next((j for j in range(i + 1, span[1]) if units[j].kind == "heading"
                            and units[j].level <= level), span[1])
            return el, i, end
        el = el.getparent()
    return None


def _thread_of(page: Page, i: int) -> tuple[etree._Element, int, int] | None:
    """The comment thread the comments heading at unit ``i`` opens, if it holds entries."""
    found = _section_of(page, i)
    if found is None:
        return None
    el, a, b = found
    last_dated = a
    for j in range(a + 1, b):
        if dated_line(page.units[j]):
            last_dated = j
        elif j - last_dated > MAX_UNDATED_RUN:
            b = min(j, last_dated + LINES_PER_ENTRY)  # the last entry: a few paragraphs
            break
    dated = sum(1 for u in page.units[a:b] if dated_line(u))
    # entries: a dated line every few lines (a story with a few dates in it is not)
    if el.tag in ("body", "html") or dated < MIN_THREAD_ENTRIES or \
            dated * LINES_PER_ENTRY < b - a:
        return None
    return el, a, b


def _mark_sections(page: Page, is_heading: Callable[[Unit], bool],
                   section_of: Callable[[Page, int], tuple[etree._Element, int, int] | None]
                   ) -> set[etree._Element]:
    """Mark as furniture every section a heading opens; return the sections' elements."""
    units = page.units
    found_sections: set[etree._Element] = set()
    i = 0
    while i < len(units):
        found = section_of(page, i) if is_heading(units[i]) else None
        if found is None:
            i += 1
            continue
        el, a, b = found
        found_sections.add(el)
        for u in units[a:b]:
            u.furniture = (u.furniture or ()) + (el,)
        i = b
    return found_sections


def mark_comment_threads(page: Page) -> set[etree._Element]:
    """Mark every comment thread (a comments heading over dated entries) as furniture.

    Returns the threads' elements: they are furniture however much prose they hold.
    """
    return _mark_sections(page, comment_heading, _thread_of)


# ---- lists of other stories after the story ------------------------------------------------

MIN_LINKED_ITEMS = 3  # one or two links under "相关阅读" are an inline aside, not a feed
LINK_TEXT_CHARS = 8  # a linked headline; shorter link texts are buttons ("更多", "换一换")
SECTION_LABEL_EXTRA = 4  # "相关阅读：", "【推荐阅读】" with a count or an arrow beside it
SECTION_LABEL_MAX_CHARS = 40  # the longest label ("Das könnte Sie auch interessieren") fits
LINES_PER_ITEM = 5  # an item: photo, headline, teaser, source, time; a story has far more
TEASER_MAX_CHARS = 160  # a teaser is a line or two; a longer unlinked line is story prose,
# unless it sits right under its own link (a card: a linked photo over a quote or excerpt)
EXCERPT_REACH = 2  # "right under": an excerpt may come as two paragraphs (<p> or <br>)


def section_end_heading(u: Unit) -> bool:
    """A short line that opens a list of other stories ("为您推荐", "Related stories")."""
    if u.kind == "image" or u.chars > SECTION_LABEL_MAX_CHARS:
        return False
    m = pt.SECTION_END.match(u.text)
    return m is not None and u.chars - len(m.group(0).replace(" ", "")) <= SECTION_LABEL_EXTRA


def _story_list(page: Page, i: int) -> tuple[etree._Element, int, int] | None:
    """The list of links the heading at unit ``i`` opens, and its span: the largest element
    that starts with the heading (an icon before it aside) and is made of links away, a few
    lines per link, every longer line right under a link of its own. None when the heading sits
    in the middle of a longer element, or heads prose (a wrapper that starts with an "Up
    next" ticker holds the story itself)."""
    found = None
    units = page.units
    el = units[i].owner
    while el is not None and el.tag not in ("body", "html"):
        span = page.spans.get(el)
        if span is None or span[0] < i - 1 or (span[0] == i - 1 and units[i - 1].kind != "image"):
            break
        a, b = span
        if b - a > HEADING_SPAN:
            if any(u.chars - u.link_chars > TEASER_MAX_CHARS and not any(
                    _links_away(units[m]) for m in range(max(a, k - EXCERPT_REACH), k))
                   for k, u in enumerate(units[a:b], a)):
                break
            links = sum(1 for u in units[a:b] if _links_away(u))
            if links * LINES_PER_ITEM < b - a:
                break
            if links >= MIN_LINKED_ITEMS:
                found = (el, a, b)
        el = el.getparent()
    return found


def _links_away(u: Unit) -> bool:
    if u.kind == "image":
        return u.link_chars > 0
    return u.chars >= LINK_TEXT_CHARS and 2 * u.link_chars >= u.chars


def mark_story_lists(page: Page) -> set[etree._Element]:
    """Mark every list of other stories (a heading like 为您推荐 over an element of links
    to other pages, teasers and photos) as furniture; return the lists' elements."""
    return _mark_sections(page, section_end_heading, _story_list)


FLAT_TEASER_REACH = 3  # a teaser sits this close under its linked headline (a date between)
MAX_LIST_SHARE = 0.5  # a column holding less than this share of the page's prose is a sidebar


def mark_teaser_columns(page: Page, raw: list[float]) -> set[etree._Element]:
    """Mark columns of teasers laid out flat (no element per item) as furniture.

    A linked headline, perhaps a date, and a teaser line under it, three times or more
    under one parent, is a list of other stories when the parent holds a minor share of
    the page's prose (a sidebar beside the story); a column holding most of it is the
    page's content (an archive page: see first_post). Returns the columns' elements.
    """
    units = page.units
    heads: dict[etree._Element, int] = {}
    for i, u in enumerate(units):
        if not _post_title(u) or u.furniture is not None:
            continue
        for j in range(i + 1, min(len(units), i + 1 + FLAT_TEASER_REACH)):
            v = units[j]
            if v.kind == "image" or dated_line(v):
                continue
            if v.owner.getparent() is u.owner.getparent() and 2 * v.link_chars < v.chars \
                    and raw[j] > 0 and v.chars <= TEASER_MAX_CHARS:
                parent = u.owner.getparent()
                heads[parent] = heads.get(parent, 0) + 1
            break
    total = sum(v for v in raw if v > 0)
    columns: set[etree._Element] = set()
    for parent, count in heads.items():
        span = page.spans.get(parent)
        if count < MIN_LINKED_ITEMS or span is None or parent.tag in ("body", "html"):
            continue
        prose = sum(v for v in raw[span[0]:span[1]] if v > 0)
        if prose >= MAX_LIST_SHARE * total:
            continue
        columns.add(parent)
        for u in units[span[0]:span[1]]:
            if u.furniture is None:
                u.furniture = (parent,)
    return columns


# ---- one article versus a list of several ------------------------------------------------

MIN_POSTS = 3  # two dated sections may be a story and its update; three are a list
TITLE_SHARE = 0.6  # a heading that is most of the <title> (less a site suffix) names the page
LIST_TITLE_REACH = 3  # the page's own title heads a list from this few lines above it
DATE_HEADER_REACH = 2  # a post's date header sits this few lines above its title
LINKED_HEADING = 0.5  # a post's title links to the post's own page: most of it is link text


def _post_title(u: Unit) -> bool:
    return u.kind == "heading" and u.chars > 0 and u.link_chars >= LINKED_HEADING * u.chars


def _names_the_list(u: Unit, page_title: str) -> bool:
    """An unlinked heading that is the page's own title ("Weekly Edition for March 26")."""
    if u.kind != "heading" or u.link_chars >= LINKED_HEADING * u.chars:
        return False
    n, t = norm(u.text), norm(page_title)
    return bool(n) and n in t and len(n) >= TITLE_SHARE * len(t)


def first_post(page: Page, start: int, end: int, page_title: str = "") -> int:
    """Where the first post ends when units ``start:end`` are several whole posts.

    An archive or home page of a blog shows several posts in one column, each under a title
    that links to the post's own page and with its own date. Such a run is a list; its first
    post is the page's story (the newest entry). A story with linked section headings has no
    date under each, and a live blog's entries are not linked away: both stay whole. So
    does a list headed by the page's own title (an edition or a digest: the list is what the
    page is). Returns the end of the first post, or ``end`` when the run is one article.
    """
    units = page.units
    titles = [i for i in range(start, end) if _post_title(units[i])]
    if len(titles) < MIN_POSTS:
        return end
    if any(_names_the_list(u, page_title)
           for u in units[max(0, titles[0] - LIST_TITLE_REACH):titles[0]]):
        return end
    bounds = [*titles, end]
    for k, title in enumerate(titles):
        # a post's date sits just above its title (a date header) or anywhere in the post
        lo = max(start, title - DATE_HEADER_REACH) if k == 0 \
            else max(bounds[k - 1] + 1, title - DATE_HEADER_REACH)
        section = units[lo:bounds[k + 1]]
        if not any(dated_line(u) for u in section if u is not units[title]):
            return end
        if sum(u.value for u in section if u.value > 0) < MIN_POST_VALUE:
            return end
    cut = titles[1]
    while cut - 1 > titles[0] and (dated_line(units[cut - 1]) or units[cut - 1].kind == "heading"):
        cut -= 1  # the second post's date header belongs to it
    return cut


# ---- the main story versus the next one ----------------------------------------------------

MIN_TITLE_CHARS = 6  # a shorter declared title ("Home", "新闻") names nothing in particular
BYLINE_WINDOW = 3  # a story's byline or dateline sits this close under its headline


def headline_line(page: Page, titles: list[str]) -> int | None:
    """The heading that shows the page's declared title (og:title, <title>...): of those
    that do, the highest in rank (an "Up next" ticker may repeat it in small type), then
    the first. A linked heading (the story listed in its own sidebar) does not count."""
    refs = [r for r in (norm(t) for t in titles if t) if len(r) >= MIN_TITLE_CHARS]
    if not refs:
        return None
    best: int | None = None
    for i, u in enumerate(page.units):
        if u.kind != "heading" or (best is not None and u.level >= page.units[best].level) \
                or _post_title(u):  # a linked heading is a teaser leading elsewhere
            continue
        n = norm(u.text)
        if n and any(n == r or (n in r and len(n) >= TITLE_SHARE * len(r)) for r in refs):
            best = i
    return best


def _has_byline(units: list[Unit], i: int) -> bool:
    for u in units[i + 1:i + 1 + BYLINE_WINDOW]:
        if u.kind == "image" or u.caption:
            continue
        if dated_line(u) or (u.chars <= DATED_LINE_MAX_CHARS and (
                pt.AUTHOR_EN.match(u.text) or pt.BYLINE_ONLY.match(u.text))):
            return True
    return False


def next_story(page: Page, at: int) -> int | None:
    """The headline of the story after the one headed at unit ``at``, if the page has one.

    Pages that load the next article below the first (or print a second story in full)
    repeat the first story's shape: a headline of the same rank with its own byline or
    dateline under it. Section headings of the story rank lower, or carry no byline.
    """
    units = page.units
    top = units[at]
    wanted = norm(top.text)
    for j in range(at + 1, len(units)):
        u = units[j]
        if u.kind == "heading" and u.level <= top.level and norm(u.text) != wanted \
                and _has_byline(units, j):
            return j
    return None
