"""The article list: a model that pages rows in from the library, and its delegate.

The model keeps only light rows (id, title, source, time, teaser, flags), fetched 200 at a time
in the background when the view scrolls near the end (``canFetchMore``/``fetchMore``), so a
library of 100,000 articles costs what is on screen plus what was scrolled past, never whole
article bodies. Results of a query that was replaced meanwhile are dropped (generation count).

It is a ``QStringListModel`` whose strings stay empty, with ``data()`` answered from the
Python rows: ``rowCount`` stays in C++. On every insert the view lays out all rows and calls
``rowCount`` once or twice per row; a Python ``QAbstractListModel`` made that 0.9 s per page at
50,000 rows. A ``QStandardItemModel`` kept it in C++ too but costs 500-600 bytes of items and
wrappers per row; an empty string costs a few bytes.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from huaibei_reader.app.operations import Operation, OperationContext, OperationRunner
from huaibei_reader.errors import KnownError
from huaibei_reader.models import LibraryArticle

PAGE_SIZE = 200
TEASER_CHARS = 60  # more than the widest list pane shows
SEARCH_LIMIT = 500

RowRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2


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

    @classmethod
    def from_library(cls, item: LibraryArticle, snippet: str = "") -> ArticleRow:
        art = item.article
        return cls(id=item.id, title=art.title or art.url,
                   source=sys.intern(item.source_name or ""),  # one string per source
                   published=art.published or item.fetched_at,
                   teaser=(snippet or item.teaser)[:TEASER_CHARS],
                   read=item.read, bookmarked=item.bookmarked)


def relative_time(when: datetime | None, now: datetime | None = None) -> str:
    """'3 分钟前' for recent times, then '昨天 14:05', 'MM-DD HH:MM', and dates."""
    if when is None:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    local_when = when.astimezone()
    local_now = now.astimezone()
    seconds = (now - when).total_seconds()
    if -120 < seconds < 60:
        return QCoreApplication.translate("RelativeTime", "just now")
    if 0 <= seconds < 3600:
        return QCoreApplication.translate("RelativeTime", "%1 min ago").replace(
            "%1", str(int(seconds // 60)))
    if 0 <= seconds < 6 * 3600 or (0 <= seconds and local_when.date() == local_now.date()):
        return QCoreApplication.translate("RelativeTime", "%1 h ago").replace(
            "%1", str(int(seconds // 3600)))
    if (local_now.date() - local_when.date()).days == 1:
        return QCoreApplication.translate("RelativeTime", "yesterday %1").replace(
            "%1", local_when.strftime("%H:%M"))
    if local_when.year == local_now.year:
        return local_when.strftime("%m-%d %H:%M")
    return local_when.strftime("%Y-%m-%d")


class ArticleListModel(QStringListModel):
    """Rows of the current query, newest first, paged in from the library."""

    loading_changed = Signal(bool)
    total_changed = Signal(int)
    page_loaded = Signal()

    def __init__(self, runner: OperationRunner, library: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._library = library
        self._rows: list[ArticleRow] = []
        self._query = ArticleQuery()
        self._generation = 0
        self._exhausted = True
        self._loading = False
        self._total = -1
        self._index_of: dict[int, int] = {}

    # -- query --------------------------------------------------------------------------
    @property
    def query(self) -> ArticleQuery:
        return self._query

    @property
    def total(self) -> int:
        """Number of rows the query has in the library (-1 while unknown)."""
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    def set_library(self, library: Any) -> None:
        self._library = library
        self.set_query(self._query)

    def set_query(self, query: ArticleQuery) -> None:
        self._query = query
        self._generation += 1
        self._rows = []
        self._index_of = {}
        self._exhausted = self._library is None
        self._total = -1
        self._set_loading(False)
        self.setStringList([])
        if self._library is None:
            return
        if query.view == "search":
            self._start_search()
        else:
            self._start_count()
            self._start_page()

    def reload(self) -> None:
        self.set_query(self._query)

    # -- Qt model -----------------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Asked for visible rows only (painting, accessibility), never during layout."""
        i = index.row()
        if not index.isValid() or i >= len(self._rows):
            return None
        row = self._rows[i]
        if role == RowRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.title
        if role == IdRole:
            return row.id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}, {row.source}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemNeverHasChildren)

    def _changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, 0))

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._start_page()

    # -- rows ---------------------------------------------------------------------------
    def row(self, index: int) -> ArticleRow | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def row_of(self, article_id: int) -> int:
        return self._index_of.get(article_id, -1)

    def update_row(self, article_id: int, **changes: Any) -> None:
        i = self._index_of.get(article_id)
        if i is None:
            return
        self._rows[i] = replace(self._rows[i], **changes)
        self._changed(i, i)

    def mark_all_read_locally(self) -> None:
        if not self._rows:
            return
        for i, r in enumerate(self._rows):
            if not r.read:
                self._rows[i] = replace(r, read=True)
        self._changed(0, len(self._rows) - 1)

    # -- background loading -------------------------------------------------------------
    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _filters(self) -> dict[str, Any]:
        q = self._query
        return {"source_id": q.source_id if q.view == "source" else None,
                "unread": q.unread, "bookmarked": q.view == "bookmarks"}

    def _start_count(self) -> None:
        library, filters, gen = self._library, self._filters(), self._generation

        def count(ctx: OperationContext) -> int:
            return int(library.count_articles(**filters))

        def done(total: int) -> None:
            if gen == self._generation:
                self._total = total
                self.total_changed.emit(total)

        Operation(self._runner, count).success(done).failure(lambda e: None) \
            .run_in_background()

    def _start_page(self) -> None:
        library, filters, gen = self._library, self._filters(), self._generation
        offset = len(self._rows)

        def page(ctx: OperationContext) -> list[ArticleRow]:
            # No bodies: the stored teaser is all the row shows of the text.
            items = library.list_articles(limit=PAGE_SIZE, offset=offset, with_blocks=False,
                                          **filters)
            return [ArticleRow.from_library(i) for i in items]

        self._set_loading(True)
        Operation(self._runner, page).success(lambda rows: self._on_page(gen, offset, rows)) \
            .failure(lambda exc: self._on_failed(gen, exc)).run_in_background()

    def _start_search(self) -> None:
        library, gen, q = self._library, self._generation, self._query

        def search(ctx: OperationContext) -> list[ArticleRow]:
            hits = library.search(q.search, source_id=q.source_id, limit=SEARCH_LIMIT,
                                  unread=q.unread_only)
            rows = []
            for hit in hits:
                ctx.raise_if_cancelled()
                try:
                    item = library.get(hit.id)
                except KnownError:
                    continue
                snippet = " ".join((hit.snippet or "").split())
                rows.append(ArticleRow.from_library(item, snippet=snippet))
            rows.sort(key=lambda r: r.published or datetime.min.replace(tzinfo=UTC),
                      reverse=True)
            return rows

        self._set_loading(True)
        Operation(self._runner, search).success(lambda rows: self._on_page(gen, 0, rows, True)) \
            .failure(lambda exc: self._on_failed(gen, exc)).latest_wins(f"search-{id(self)}") \
            .run_in_background()

    def _on_page(self, gen: int, offset: int, rows: list[ArticleRow],
                 final: bool = False) -> None:
        if gen != self._generation or offset != len(self._rows):
            return
        self._set_loading(False)
        if final or len(rows) < PAGE_SIZE:
            self._exhausted = True
        if final:
            self._total = len(rows)
            self.total_changed.emit(len(rows))
        if rows:
            start = len(self._rows)
            for i, r in enumerate(rows):
                self._index_of[r.id] = start + i
            self._rows.extend(rows)
            # One insert for the whole page (empty strings): the view lays out once.
            self.insertRows(start, len(rows))
            # The rows live as long as the list: move them out of the cyclic collector's
            # reach, or each full collection walks every row ever loaded with the GIL held
            # (they hold no cycles; reference counting still frees them on a new query).
            gc.freeze()
        self.page_loaded.emit()

    failed = Signal(object)

    def _on_failed(self, gen: int, exc: KnownError) -> None:
        if gen != self._generation:
            return
        self._set_loading(False)
        self._exhausted = True
        self.failed.emit(exc)
        self.page_loaded.emit()


class ArticleDelegate(QStyledItemDelegate):
    """Three lines per article: title (bold when unread), source and time, a teaser.

    Painting is on the hot path of scrolling 100,000 rows, so it avoids the costly calls:
    fonts and metrics are built once per base font, ``initStyleOption`` (a dozen calls back
    into the Python model) is skipped, and text is cut by a character budget (no CJK glyph is
    wider than one em) instead of ``elidedText`` unless the line may really overflow.
    """

    PADDING = 8

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._font_key: str = ""
        self._title = self._unread = self._small = QFont()
        self._title_fm = self._unread_fm = self._small_fm = QFontMetrics(QFont())
        self._em = self._small_em = 1

    def _prepare(self, base: QFont) -> None:
        key = base.key()
        if key == self._font_key:
            return
        self._font_key = key
        title = QFont(base)
        if base.pointSizeF() > 0:
            title.setPointSizeF(base.pointSizeF() * 1.05)
        unread = QFont(title)
        unread.setBold(True)
        small = QFont(base)
        if base.pointSizeF() > 0:
            small.setPointSizeF(base.pointSizeF() * 0.9)
        self._title, self._unread, self._small = title, unread, small
        self._title_fm, self._unread_fm = QFontMetrics(title), QFontMetrics(unread)
        self._small_fm = QFontMetrics(small)
        self._em = max(1, self._unread_fm.horizontalAdvance("中"))
        self._small_em = max(1, self._small_fm.horizontalAdvance("中"))

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        self._prepare(option.font)
        h = (self._unread_fm.height() + 2 * self._small_fm.height() + 2 * self.PADDING + 6)
        return QSize(200, h)

    @staticmethod
    def _fit(text: str, width: int, em: int, fm: QFontMetrics, precise: bool = False) -> str:
        if len(text) * em <= width:
            return text  # fits even if every character is a full-width one
        if not precise:  # teaser and meta: cut by a character budget, no text shaping
            return text[:max(1, width // em - 1)] + "…"
        return fm.elidedText(text, Qt.TextElideMode.ElideRight, width)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        row: ArticleRow | None = index.data(RowRole)
        if row is None:
            return super().paint(painter, option, index)
        self._prepare(option.font)
        view = self.parent()
        painter.save()
        if view is not None:
            view.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option,
                                       painter, view)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        main_color = pal.color(QPalette.ColorRole.HighlightedText if selected
                               else QPalette.ColorRole.Text)
        muted_color = pal.color(QPalette.ColorRole.HighlightedText if selected
                                else QPalette.ColorRole.PlaceholderText)
        rect: QRect = option.rect.adjusted(self.PADDING + 6, self.PADDING, -self.PADDING,
                                           -self.PADDING)
        width = rect.width()
        fm = self._title_fm if row.read else self._unread_fm
        if not row.read:
            painter.setBrush(pal.color(QPalette.ColorRole.HighlightedText if selected
                                       else QPalette.ColorRole.Highlight))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(option.rect.left() + 5, rect.top() + fm.height() // 2 - 3, 6, 6)
        painter.setFont(self._title if row.read else self._unread)
        painter.setPen(main_color)
        y = rect.top() + fm.ascent()
        painter.drawText(rect.left(), y, self._fit(row.title, width, self._em, fm, True))
        sfm = self._small_fm
        painter.setFont(self._small)
        painter.setPen(muted_color)
        meta = " · ".join(x for x in (row.source, relative_time(row.published)) if x)
        if row.bookmarked:
            meta = "★ " + meta
        y = rect.top() + fm.height() + 3 + sfm.ascent()
        painter.drawText(rect.left(), y, self._fit(meta, width, self._small_em, sfm))
        y += sfm.height() + 1
        painter.drawText(rect.left(), y, self._fit(row.teaser, width, self._small_em, sfm))
        painter.restore()
