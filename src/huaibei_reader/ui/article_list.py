"""The article list: a model that pages rows in from the library, and its delegate.

The model keeps only light rows (id, title, source, time, teaser, flags), fetched 200 at a time
in the background when the view scrolls near the end (``canFetchMore``/``fetchMore``), so a
library of 100,000 articles costs what is on screen plus what was scrolled past, never whole
article bodies. Results of a query that was replaced meanwhile are dropped (generation count).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from huaibei_reader.app.operations import Operation, OperationContext, OperationRunner
from huaibei_reader.errors import KnownError
from huaibei_reader.models import LibraryArticle
from huaibei_reader.ui.render import teaser

PAGE_SIZE = 200
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


@dataclass(frozen=True)
class ArticleRow:
    id: int
    title: str
    source: str
    published: datetime | None
    teaser: str
    read: bool
    bookmarked: bool
    url: str = ""

    @classmethod
    def from_library(cls, item: LibraryArticle, snippet: str = "") -> ArticleRow:
        art = item.article
        return cls(id=item.id, title=art.title or art.url, source=item.source_name or "",
                   published=art.published or item.fetched_at,
                   teaser=snippet or teaser(art.blocks), read=item.read,
                   bookmarked=item.bookmarked, url=art.url)


def relative_time(when: datetime | None, now: datetime | None = None) -> str:
    """'3 分钟前' for recent times, then '昨天 14:05', 'MM-DD HH:MM', and dates."""
    if when is None:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    local_when = when.astimezone()
    local_now = now.astimezone()
    seconds = (now - when).total_seconds()
    if -120 < seconds < 60:
        return QCoreApplication.translate("RelativeTime", "just now")
    if 0 <= seconds < 3600:
        return QCoreApplication.translate("RelativeTime", "%1 min ago").replace("%1", str(int(seconds // 60)))
    if 0 <= seconds < 6 * 3600 or (0 <= seconds and local_when.date() == local_now.date()):
        return QCoreApplication.translate("RelativeTime", "%1 h ago").replace("%1", str(int(seconds // 3600)))
    if (local_now.date() - local_when.date()).days == 1:
        return QCoreApplication.translate("RelativeTime", "yesterday %1").replace("%1", local_when.strftime("%H:%M"))
    if local_when.year == local_now.year:
        return local_when.strftime("%m-%d %H:%M")
    return local_when.strftime("%Y-%m-%d")


class ArticleListModel(QAbstractListModel):
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
        self.beginResetModel()
        self._query = query
        self._generation += 1
        self._rows = []
        self._index_of = {}
        self._exhausted = self._library is None
        self._total = -1
        self._set_loading(False)
        self.endResetModel()
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
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == RowRole:
            return row
        if role == IdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}, {row.source}"
        return None

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
        idx = self.index(i)
        self.dataChanged.emit(idx, idx)

    def mark_all_read_locally(self) -> None:
        if not self._rows:
            return
        self._rows = [replace(r, read=True) for r in self._rows]
        self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

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
            items = library.list_articles(limit=PAGE_SIZE, offset=offset, **filters)
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
            rows.sort(key=lambda r: r.published or datetime.min.replace(tzinfo=timezone.utc),
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
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            for i, r in enumerate(rows):
                self._index_of[r.id] = start + i
            self._rows.extend(rows)
            self.endInsertRows()
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
    """Three lines per article: title (bold when unread), source and time, a teaser."""

    PADDING = 8

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._now: datetime | None = None

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.05 if base.pointSizeF() > 0 else 10)
        unread = QFont(title)
        unread.setBold(True)
        small = QFont(base)
        if base.pointSizeF() > 0:
            small.setPointSizeF(base.pointSizeF() * 0.9)
        return title, unread, small

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, unread, small = self._fonts(option)
        h = (QFontMetrics(unread).height() + 2 * QFontMetrics(small).height()
             + 2 * self.PADDING + 6)
        return QSize(200, h)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        row: ArticleRow | None = index.data(RowRole)
        if row is None:
            return super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        painter.save()
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter,
                                opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        text_role = (QPalette.ColorRole.HighlightedText if selected
                     else QPalette.ColorRole.Text)
        main_color = pal.color(text_role)
        muted = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        muted_color = pal.color(muted)
        title_font, unread_font, small_font = self._fonts(opt)
        rect: QRect = opt.rect.adjusted(self.PADDING + 6, self.PADDING, -self.PADDING,
                                        -self.PADDING)
        if not row.read:
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight if not selected
                                       else QPalette.ColorRole.HighlightedText))
            painter.setPen(Qt.PenStyle.NoPen)
            fm0 = QFontMetrics(unread_font)
            painter.drawEllipse(opt.rect.left() + 5, rect.top() + fm0.height() // 2 - 3, 6, 6)
        font = title_font if row.read else unread_font
        fm = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(main_color)
        line = QRect(rect.left(), rect.top(), rect.width(), fm.height())
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(row.title, Qt.TextElideMode.ElideRight, rect.width()))
        sfm = QFontMetrics(small_font)
        painter.setFont(small_font)
        painter.setPen(muted_color)
        when = relative_time(row.published)
        marker = "★ " if row.bookmarked else ""
        meta = " · ".join(x for x in (row.source, when) if x)
        line2 = QRect(rect.left(), line.bottom() + 3, rect.width(), sfm.height())
        painter.drawText(line2, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         sfm.elidedText(marker + meta, Qt.TextElideMode.ElideRight, rect.width()))
        line3 = QRect(rect.left(), line2.bottom() + 1, rect.width(), sfm.height())
        painter.drawText(line3, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         sfm.elidedText(row.teaser, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()
