"""Page structures read generically: a comment thread under a post.

A comment thread is found by what readers see, not by class names alone: a heading that
names it ("网友评论（36）", "40 thoughts on …", "Leave a Reply") over entries that each say
who wrote and when. Whatever the thread's elements are called, its units are comments and
never the story.
"""

from __future__ import annotations

from lxml import etree

from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract.dom import Page, Unit

HEADING_MAX_CHARS = 120  # "40 thoughts on “<a long post title>”" still fits; prose does not
DATED_LINE_MAX_CHARS = 60  # a "name 2012-10-05 12:28" line; longer lines are comment text
MIN_THREAD_ENTRIES = 3  # fewer dated lines may be the story's own datelines
HEADING_SPAN = 2  # a heading's own element holds the heading and at most a count beside it
LINES_PER_ENTRY = 6  # a comment is a dated line and a few paragraphs; a story has far more


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
    """The element a heading at unit ``i`` introduces, and the span of units from it on."""
    el = page.units[i].owner
    while el is not None:
        span = page.spans.get(el)
        if span is not None and span[1] - span[0] > HEADING_SPAN:
            return el, i, span[1]
        el = el.getparent()
    return None


def mark_comment_threads(page: Page) -> set[etree._Element]:
    """Mark every comment thread (a comments heading over dated entries) as furniture.

    Returns the threads' elements: they are furniture however much prose they hold.
    """
    units = page.units
    threads: set[etree._Element] = set()
    i = 0
    while i < len(units):
        if not comment_heading(units[i]):
            i += 1
            continue
        found = _section_of(page, i)
        if found is None:
            i += 1
            continue
        el, a, b = found
        dated = sum(1 for u in units[a:b] if dated_line(u))
        # entries: a dated line every few lines (a story with a few dates in it is not)
        if el.tag in ("body", "html") or dated < MIN_THREAD_ENTRIES or \
                dated * LINES_PER_ENTRY < b - a:
            i += 1
            continue
        threads.add(el)
        for u in units[a:b]:
            u.furniture = (u.furniture or ()) + (el,)
        i = b
    return threads
