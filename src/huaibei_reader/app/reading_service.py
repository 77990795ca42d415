"""What the window reads: pages of the article list, counts, search hits, opened articles.

Each method returns an ``Operation`` (run it with ``run_in_background()`` after attaching
``success``/``failure``); the work runs on a worker thread and hands back the plain models
defined here. A list page is one query; a page of search hits is two (the hits, then their
list lines), never one per hit.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage

from huaibei_reader.app.change_notice import ChangeNotice, change_notice
from huaibei_reader.app.library_operations import LibraryOperations
from huaibei_reader.app.operations import Operation, OperationContext
from huaibei_reader.models import LibraryArticle
from huaibei_reader.store.search import split_marks

if TYPE_CHECKING:
    from huaibei_reader.store import Library
    from huaibei_reader.store.types import ListRow

TEASER_CHARS = 60  # more than the widest list pane shows
SEARCH_LIMIT = 500  # hits listed for one search
#: Largest width an image is shown at (pixels); the worker scales bigger ones down.
MAX_IMAGE_WIDTH = 680


@dataclass(frozen=True)
class ArticleQuery:
    """What the list shows: a sidebar view, optionally narrowed to unread or a search."""

    view: str = "all"  # all | unread | bookmarks | source | search
    source_id: int | None = None
    search: str = ""
    unread_only: bool = False

    @property
    def unread(self) -> bool:
        return self.unread_only or self.view == "unread"

    @property
    def listed_source(self) -> int | None:
        """The source a source view lists (None for the other views)."""
        return self.source_id if self.view == "source" else None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What the list shows of one article; kept small, since 100,000 of them may be loaded."""

    id: int
    title: str
    source: str
    published: datetime | None
    teaser: str
    read: bool
    bookmarked: bool
    # Search hits: where the teaser (the snippet) holds the matches, (start, end) each.
    matches: tuple[tuple[int, int], ...] = ()

    @classmethod
    def from_list_row(cls, item: ListRow, snippet: str = "") -> ArticleRow:
        """``snippet``: a search snippet with its matches marked (``store.search``)."""
        text, spans = split_marks(snippet) if snippet else (item.teaser, ())
        text = text[:TEASER_CHARS]
        return cls(id=item.id, title=item.title or item.url,
                   source=sys.intern(item.source_name or ""),  # one string per source
                   published=item.when, teaser=text, read=item.read,
                   bookmarked=item.bookmarked,
                   matches=tuple((s, min(e, len(text))) for s, e in spans if s < len(text)))


@dataclass(frozen=True)
class ListSnapshot:
    """What the pages of one list share: the articles stored (``up_to_id``) and, for an
    unread list, unread (``as_of``) when its first page was read. Pages read minutes apart
    still fit together while a refresh adds articles or the reader reads some."""

    up_to_id: int
    as_of: datetime


@dataclass(frozen=True)
class ArticlePage:
    """Rows of one page, and the sort key of its last row (the next page starts there)."""

    rows: list[ArticleRow]
    last_key: tuple[float, int] | None


@dataclass(frozen=True)
class FirstPage:
    """A list's snapshot, its number of rows, its first page, and the row of the article
    asked to be located (-1: not in this list)."""

    snapshot: ListSnapshot
    total: int
    page: ArticlePage
    position: int = -1


@dataclass(frozen=True)
class SidebarCounts:
    unread: int
    bookmarks: int
    unread_by_source: dict[int, int]


@dataclass
class OpenedArticle:
    """An article to show: its text, its stored images (decoded and scaled on the worker)
    and, when it changed since it was bookmarked or clipped, the notice."""

    item: LibraryArticle
    images: dict[str, QImage] = field(default_factory=dict)
    changes: ChangeNotice | None = None


def _filters(query: ArticleQuery, snapshot: ListSnapshot | None) -> dict[str, Any]:
    return {"source_id": query.listed_source, "unread": query.unread,
            "bookmarked": query.view == "bookmarks",
            "up_to_id": snapshot.up_to_id if snapshot else None,
            "unread_as_of": snapshot.as_of if snapshot and query.unread else None}


def _page_of(items: list[ListRow]) -> ArticlePage:
    """Built on the worker that read the page: the rows cost the GUI thread nothing."""
    return ArticlePage([ArticleRow.from_list_row(i) for i in items],
                       items[-1].sort_key if items else None)


def load_images(library: Library, urls: Sequence[str]) -> dict[str, QImage]:
    """Stored images, decoded and scaled to the column. Missing ones are skipped."""
    images: dict[str, QImage] = {}
    for url in urls:
        stored = library.images.get(url)
        if not stored:
            continue
        image = QImage()
        if not image.loadFromData(QByteArray(bytes(stored[0]))):
            continue
        if image.width() > MAX_IMAGE_WIDTH:
            image = image.scaledToWidth(MAX_IMAGE_WIDTH)
        images[url] = image
    return images


class ReadingService(LibraryOperations):
    """The article list, search, counts and the reader's article, as operations."""

    def first_page(self, query: ArticleQuery, *, size: int,
                   locate: int | None = None) -> Operation[FirstPage]:
        """The snapshot, the count and the first page in one step (the list opens filled);
        ``locate``: an article whose row ``FirstPage.position`` tells."""

        def work(library: Library, ctx: OperationContext) -> FirstPage:
            snapshot = ListSnapshot(library.articles.last_id(), datetime.now(UTC))
            filters = _filters(query, snapshot)
            total = library.articles.count(**filters)
            rows = library.articles.list_rows(limit=size, **filters)
            position = None
            if locate is not None:
                position = next((i for i, r in enumerate(rows) if r.id == locate), None)
                if position is None:
                    position = library.articles.list_position(locate, **filters)
            return FirstPage(snapshot, total, _page_of(rows),
                             -1 if position is None else position)

        return self._operation(work)

    def page(self, query: ArticleQuery, snapshot: ListSnapshot, *, size: int, offset: int = 0,
             before: tuple[float, int] | None = None,
             oldest_first: bool = False) -> Operation[ArticlePage]:
        """A page of the list ``first_page`` started: after the row whose sort key is
        ``before`` (keyset paging), skipping ``offset`` rows; ``oldest_first`` counts the
        offset from the end (the rows come back newest first either way)."""

        def work(library: Library, ctx: OperationContext) -> ArticlePage:
            filters = _filters(query, snapshot)
            if oldest_first:
                items = library.articles.list_rows(limit=size, offset=offset,
                                                   oldest_first=True, **filters)[::-1]
            else:
                items = library.articles.list_rows(limit=size, offset=offset, before=before,
                                                   **filters)
            return _page_of(items)

        return self._operation(work)

    def search(self, query: ArticleQuery, *, limit: int = SEARCH_LIMIT
               ) -> Operation[list[ArticleRow]]:
        """The hits of ``query.search`` as list rows (snippet as teaser), newest first."""

        def work(library: Library, ctx: OperationContext) -> list[ArticleRow]:
            hits = library.search.find(query.search, source_id=query.source_id, limit=limit,
                                       unread=query.unread_only)
            ctx.raise_if_cancelled()
            lines = library.articles.rows_of(hit.id for hit in hits)
            rows = [ArticleRow.from_list_row(lines[hit.id],
                                             snippet=" ".join((hit.snippet or "").split()))
                    for hit in hits if hit.id in lines]
            rows.sort(key=lambda r: r.published or datetime.min.replace(tzinfo=UTC),
                      reverse=True)
            return rows

        return self._operation(work)

    def open_article(self, article_id: int) -> Operation[OpenedArticle]:
        """The article with its images and change notice; marks it read."""

        def work(library: Library, ctx: OperationContext) -> OpenedArticle:
            item = library.articles.get(article_id)
            ctx.raise_if_cancelled()
            images = load_images(library, item.article.images)
            if not item.read and not library.read_only:
                library.articles.mark_read(article_id, True)
            return OpenedArticle(item, images, change_notice(library, item))

        return self._operation(work)

    def set_read(self, article_id: int, read: bool) -> Operation[bool]:
        """Mark one article read or unread; returns ``read``."""

        def work(library: Library, ctx: OperationContext) -> bool:
            library.articles.mark_read(article_id, read)
            return read

        return self._operation(work)

    def original_url(self, article_id: int) -> Operation[str]:
        """The address to open in the browser (the canonical one when the page named it)."""

        def work(library: Library, ctx: OperationContext) -> str:
            article = library.articles.get(article_id).article
            return article.canonical_url or article.url

        return self._operation(work)

    def mark_all_read(self, source_id: int | None = None) -> Operation[int]:
        """Every article (of one source) read; returns how many changed."""
        return self._operation(lambda library, ctx: library.articles.mark_all_read(source_id))

    def counts(self, source_ids: Sequence[int]) -> Operation[SidebarCounts]:
        """Unread and bookmarked articles, and the unread ones of each source."""
        ids = list(source_ids)

        def work(library: Library, ctx: OperationContext) -> SidebarCounts:
            articles = library.articles
            return SidebarCounts(
                unread=articles.count(unread=True), bookmarks=articles.count(bookmarked=True),
                unread_by_source={sid: articles.count(source_id=sid, unread=True)
                                  for sid in ids})

        return self._operation(work)
