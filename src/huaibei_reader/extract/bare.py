"""A bare page: no story container wins, yet the page is nothing but a little plain text.

Scoring needs prose to weigh against furniture; a page whose whole body is "Test" or three
short lines has neither, so no block wins. When such a page carries no sign of being
something else (navigation, a form, links elsewhere, a script-driven app, an error or a
placeholder message), its text is what the page says and is returned as the body.

Everything here runs only after the scoring found no story, so it costs normal pages nothing.
"""

from __future__ import annotations

import re

from lxml import etree

from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract.blocks import norm
from huaibei_reader.extract.dom import Page, Unit

BARE_MAX_CHARS = 1000  # "a little" text: more than this and the page is something else
MIN_WORD_CHARS = 2  # fewer letters or digits is a lone symbol, not text
_WORD_CHAR = re.compile(r"\w", re.UNICODE)

# Markup that makes a page more than text: a script that would build the real content (a
# JSON-LD or template block builds nothing), a form, embedded frames and plug-ins. Searched
# in the page source because the tree has lost these elements by the time this runs.
_ACTIVE_MARKUP = re.compile(
    r"<(?:script\b(?![^>]*\btype\s*=\s*[\"']?(?:application/(?:ld\+)?json|text/template|"
    r"text/x-template|text/html)\b)|form\b|input\b|button\b|select\b|textarea\b|iframe\b|"
    r"frameset\b|frame\b|object\b|embed\b|applet\b)", re.I)


def _navigates(a: etree._Element) -> bool:
    """On a bare page only a script call, a bare "#" or no address at all leads nowhere.

    A jump within the page counts as navigation here: a page of nothing but contents
    links is a menu, not text.
    """
    href = a.get("href")
    if href is None:
        return False
    href = href.strip()
    return not (href == "#" or href.lower().startswith("javascript:"))


def bare_units(page: Page, source: str, title_tag: str, declared_title: str
               ) -> list[Unit] | None:
    """The page's text lines when the page is bare, else None.

    ``source`` is the decoded page text (to spot scripts and forms the tree no longer
    holds); ``title_tag`` and ``declared_title`` (og:title and the like) are checked for
    error-page wording.
    """
    lines = [u for u in page.units if u.kind != "image"]
    if not lines:
        return None
    if any(u.furniture is not None for u in page.units):
        return None  # nav, header, footer, sidebar, hidden text: a site's layout, not bare text
    chars = sum(u.chars for u in lines)
    if chars > BARE_MAX_CHARS:
        return None
    text = "\n".join(u.text for u in lines)
    if len(_WORD_CHAR.findall(text)) < MIN_WORD_CHARS:
        return None  # a dash, a dot, a lone symbol
    for a in page.root.iter("a"):
        if _navigates(a) and "".join(a.itertext()).strip():
            return None  # links that lead elsewhere: a menu, a redirect notice, a link list
    if _ACTIVE_MARKUP.search(source):
        return None
    if pt.NOT_CONTENT_TEXT.search(text) or pt.looks_like_data(text):
        return None
    headings = " ".join(u.text for u in lines if u.kind == "heading")
    for label in (title_tag, declared_title, headings, text):
        if label and pt.ERROR_PAGE.search(label):
            return None
    return lines


def drop_title_line(lines: list[Unit], title: str) -> list[Unit]:
    """The headline shown again as the first heading is the title, not body text."""
    if len(lines) < 2 or not title:  # a page of one line keeps it, headline or not
        return lines
    wanted = norm(title)
    kept = [u for u in lines if not (u.kind == "heading" and wanted and norm(u.text) == wanted)]
    return kept or lines
