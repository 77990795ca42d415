"""Bookmarks, clippings and tags for the window, as operations; citations as plain functions.

The clippings listing is three queries whatever the number of clippings (the clippings, the
articles they quote, the tags); whether each quote is still in its article's current text is
worked out on the worker too. Formatting a reference touches no library, so the citation
functions (from ``export.citation``, offered here so the window needs nothing below ``app``)
run anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from huaibei_reader.app.library_operations import LibraryOperations
from huaibei_reader.app.operations import Operation, OperationContext
from huaibei_reader.export.citation import (
    STYLE_NAMES,
    STYLES,
    citation_for,
    default_style,
    format_citation,
    with_quote,
)
from huaibei_reader.export.diff import normalize_for_match
from huaibei_reader.models import Citation, Clipping

if TYPE_CHECKING:
    from huaibei_reader.store import Library

__all__ = ["STYLES", "STYLE_NAMES", "ClippingRow", "ClippingsListing", "MarksService",
           "citation_for", "default_style", "format_citation", "with_quote"]


@dataclass(frozen=True)
class ClippingRow:
    clipping: Clipping
    source_id: int | None
    source_name: str
    quote_missing: bool  # the quote is gone from the article's current text


@dataclass(frozen=True)
class ClippingsListing:
    """Every clipping (newest first) with what the clippings view shows of it, and the tags."""

    rows: list[ClippingRow]
    tags: list[str]


def _listing(library: Library) -> ClippingsListing:
    clippings = library.marks.clippings()
    articles = library.articles.get_many(c.article_id for c in clippings)
    texts = {aid: normalize_for_match(item.article.title + "\n" + item.article.text)
             for aid, item in articles.items()}
    rows = []
    for c in clippings:
        item = articles.get(c.article_id)
        if item is None:  # the article was removed since; its clippings remain
            rows.append(ClippingRow(c, None, c.citation.site_name or "", False))
            continue
        missing = normalize_for_match(c.quote) not in texts[c.article_id]
        rows.append(ClippingRow(c, item.source_id, item.source_name or "", missing))
    return ClippingsListing(rows, list(library.marks.tags()))


class MarksService(LibraryOperations):
    """Bookmarks and clippings, read and written on a worker."""

    def set_bookmark(self, article_id: int, marked: bool) -> Operation[bool]:
        """Bookmark (or unbookmark) an article; returns ``marked``."""

        def work(library: Library, ctx: OperationContext) -> bool:
            if marked:
                library.marks.bookmark(article_id)
            else:
                library.marks.unbookmark(article_id)
            return marked

        return self._operation(work)

    def citation_of(self, article_id: int) -> Operation[Citation]:
        """The reference of a stored article as of now (format it with ``format_citation``)."""
        return self._operation(
            lambda library, ctx: citation_for(library.articles.get(article_id)))

    def tags(self) -> Operation[list[str]]:
        """Every tag in use (bookmarks and clippings), for completion."""
        return self._operation(lambda library, ctx: list(library.marks.tags()))

    def clippings(self) -> Operation[ClippingsListing]:
        return self._operation(lambda library, ctx: _listing(library))

    def add_clipping(self, clipping: Clipping) -> Operation[Clipping]:
        """Store a clipping; returns it with its id."""
        return self._operation(lambda library, ctx: library.marks.add_clipping(clipping))

    def update_clipping(self, clipping: Clipping) -> Operation[Clipping]:
        return self._operation(lambda library, ctx: library.marks.update_clipping(clipping))

    def delete_clipping(self, clipping_id: int) -> Operation[None]:
        return self._operation(lambda library, ctx: library.marks.delete_clipping(clipping_id))
