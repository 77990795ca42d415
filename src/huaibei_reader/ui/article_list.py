"""The article list: a model that reads rows from the library page by page, and its delegate.

The model knows how many rows its query has and reads only the pages the view shows (200
rows each, in the background, light columns without bodies), keeping the last few: a library
of 100,000 articles costs what is on screen and was seen last, never whole article bodies or
every row scrolled past. Results of a query that was replaced meanwhile are dropped
(generation count).

It is a ``QStringListModel`` whose strings stay empty, with ``data()`` answered from the
Python rows: ``rowCount`` stays in C++. On every insert the view lays out all rows and calls
``rowCount`` once or twice per row; a Python ``QAbstractListModel`` made that 0.9 s per page at
50,000 rows. An empty string costs a few bytes, and all the rows are inserted in one call.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
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
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from huaibei_reader.app.reading_service import (
    ArticlePage,
    ArticleQuery,
    ArticleRow,
    FirstPage,
    ListSnapshot,
    ReadingService,
)
from huaibei_reader.errors import KnownError

PAGE_SIZE = 200
CACHED_PAGES = 12  # pages of rows kept (2,400 rows, about 1 MB); others are read again
MAX_IN_FLIGHT = 2  # pages being read at once
MAX_WANTED = 3  # pages waiting to be read: the view shows two at most, older wishes go
SETTLE_MS = 40  # pages are read once the view has asked for the same rows this long
# A search snippet whose first match lies beyond a narrow list is shown from this many
# characters before the match (some context, and the match itself in view).
MATCH_CONTEXT_CHARS = 6

RowRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2

__all__ = ["PAGE_SIZE", "ArticleDelegate", "ArticleListModel", "ArticleQuery", "ArticleRow",
           "IdRole", "RowRole", "relative_time"]


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
    if 0 <= seconds < 6 * 3600 or (seconds >= 0 and local_when.date() == local_now.date()):
        return QCoreApplication.translate("RelativeTime", "%1 h ago").replace(
            "%1", str(int(seconds // 3600)))
    if (local_now.date() - local_when.date()).days == 1:
        return QCoreApplication.translate("RelativeTime", "yesterday %1").replace(
            "%1", local_when.strftime("%H:%M"))
    if local_when.year == local_now.year:
        return local_when.strftime("%m-%d %H:%M")
    return local_when.strftime("%Y-%m-%d")


class ArticleListModel(QStringListModel):
    """Every row of the current query, newest first, read from the library a page at a time
    around what the view shows.

    The count comes first, so the list has all its rows (and the scroll bar its true length)
    at once; the rows themselves are read only when the view asks for them (``data``), a page
    of PAGE_SIZE in the background, and at most CACHED_PAGES pages are kept: scrolling through
    100,000 articles costs what was seen last, not all that was scrolled past. A row not read
    yet answers None (the delegate paints an empty line) until its page arrives.

    The rows are those stored (and, for an unread list, unread) when the query was set
    (``up_to_id``, ``unread_as_of``), so pages read minutes apart still fit together while a
    refresh adds articles or the reader reads some; the window sets the query again when a
    refresh ends. A page that follows one still cached is read from that page's last
    row on (keyset paging), which costs the same at row 100,000 as at row 0; a jump (the
    scroll bar dragged) starts from the nearest cached page above and skips the pages between
    with OFFSET.
    """

    loading_changed = Signal(bool)
    total_changed = Signal(int)
    page_loaded = Signal()
    located = Signal(int, int)  # article id, its row (-1: not in this list)
    failed = Signal(object)

    def __init__(self, reading: ReadingService, parent: Any = None) -> None:
        super().__init__(parent)
        self._reading = reading
        self._active = False  # True once the library is open (``start``)
        self._query = ArticleQuery()
        self._generation = 0
        self._loading = False
        self._total = -1
        self._snapshot: ListSnapshot | None = None
        self._pages: OrderedDict[int, list[ArticleRow]] = OrderedDict()  # least recent first
        self._last_keys: dict[int, tuple[float, int]] = {}  # page -> sort key of its last row
        self._index_of: dict[int, int] = {}  # article id -> row, for the cached rows
        self._in_flight: set[int] = set()
        self._wanted: OrderedDict[int, None] = OrderedDict()  # pages asked for, newest last
        self._pinned = False  # search results: all rows held, nothing to read again
        self._locate: int | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._pump)

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
        """True until the query's count and first page have arrived."""
        return self._loading

    @property
    def cached_rows(self) -> int:
        return sum(len(rows) for rows in self._pages.values())

    def start(self) -> None:
        """The library is open: read the current query's rows from now on."""
        self._active = True
        self.set_query(self._query)

    def set_query(self, query: ArticleQuery, locate: int | None = None) -> None:
        """Show ``query``'s rows; ``locate``: an article whose row ``located`` then tells
        (-1 when the query leaves it out), to keep a selection across a reload."""
        self._query = query
        self._locate = locate
        self._generation += 1
        self._pages.clear()
        self._last_keys.clear()
        self._index_of = {}
        self._in_flight.clear()
        self._wanted.clear()
        self._pinned = False
        self._total = -1
        self._snapshot = None
        self.setStringList([])
        if not self._active:
            self._set_loading(False)
            return
        self._set_loading(True)
        if query.view == "search":
            self._start_search()
        else:
            self._start_first_page()

    def reload(self) -> None:
        self.set_query(self._query)

    # -- Qt model -----------------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Asked for visible rows only (painting, accessibility), never during layout."""
        if not index.isValid():
            return None
        row = self.row(index.row())
        if row is None:
            if role in (RowRole, IdRole, Qt.ItemDataRole.DisplayRole):
                self._want(index.row() // PAGE_SIZE)
            return None
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

    # -- rows ---------------------------------------------------------------------------
    def row(self, index: int) -> ArticleRow | None:
        """The row if its page is cached (None otherwise: ``data`` asks for it)."""
        page = self._pages.get(index // PAGE_SIZE)
        if page is None:
            return None
        offset = index % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def row_of(self, article_id: int) -> int:
        """The row of a cached article, else -1 (``set_query(..., locate=)`` finds any)."""
        return self._index_of.get(article_id, -1)

    def update_row(self, article_id: int, **changes: Any) -> None:
        i = self._index_of.get(article_id)
        if i is None:
            return
        page = self._pages[i // PAGE_SIZE]
        page[i % PAGE_SIZE] = replace(page[i % PAGE_SIZE], **changes)
        self._changed(i, i)

    def mark_all_read_locally(self) -> None:
        for number, rows in self._pages.items():
            for i, r in enumerate(rows):
                if not r.read:
                    rows[i] = replace(r, read=True)
            if rows:
                self._changed(number * PAGE_SIZE, number * PAGE_SIZE + len(rows) - 1)

    # -- background loading -------------------------------------------------------------
    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _start_first_page(self) -> None:
        """Snapshot, count and first page in one background step: the list opens filled."""
        gen, locate = self._generation, self._locate

        def done(first: FirstPage) -> None:
            if gen != self._generation:
                return
            self._snapshot = first.snapshot
            self._total = first.total
            # One insert for every row (empty strings): the view lays out once.
            self.insertRows(0, first.total)
            self._store_page(0, first.page)
            self._set_loading(False)
            self.total_changed.emit(first.total)
            if locate is not None:
                self.located.emit(locate, first.position)
            self.page_loaded.emit()

        self._reading.first_page(self._query, size=PAGE_SIZE, locate=locate).success(done) \
            .failure(lambda exc: self._on_failed(gen, exc)).run_in_background()

    def _want(self, number: int) -> None:
        if self._pinned or self._snapshot is None or number * PAGE_SIZE >= max(0, self._total):
            return
        if number in self._in_flight:
            return
        self._wanted[number] = None
        self._wanted.move_to_end(number)
        while len(self._wanted) > MAX_WANTED:  # scrolled past: not needed now
            self._wanted.popitem(last=False)
        # Read once the view rests: a fling across 100,000 rows asks for hundreds of pages
        # it only passes over; the first page a query shows comes with its count.
        self._settle.start()

    def _pump(self) -> None:
        while self._wanted and len(self._in_flight) < MAX_IN_FLIGHT:
            number, _ = self._wanted.popitem(last=True)  # the most recent wish first
            if number not in self._pages and number not in self._in_flight:
                self._start_page(number)

    def _start_page(self, number: int) -> None:
        assert self._snapshot is not None
        gen = self._generation
        size = min(PAGE_SIZE, self._total - number * PAGE_SIZE)
        # Start from the last row of the nearest cached page above, if any (the next page
        # is then a pure index walk); OFFSET counts only the pages in between. A page
        # nearer the end is read from the end: the last page of 100,000 rows skips nothing.
        above = max((n for n in self._last_keys if n < number), default=None)
        before = self._last_keys[above] if above is not None else None
        offset = (number - above - 1 if above is not None else number) * PAGE_SIZE
        from_end = self._total - number * PAGE_SIZE - size
        if from_end < offset:
            read = self._reading.page(self._query, self._snapshot, size=size, offset=from_end,
                                      oldest_first=True)
        else:
            read = self._reading.page(self._query, self._snapshot, size=size, offset=offset,
                                      before=before)
        self._in_flight.add(number)
        read.success(lambda page: self._on_page(gen, number, page)) \
            .failure(lambda exc: self._on_failed(gen, exc, number)).run_in_background()

    def _on_page(self, gen: int, number: int, page: ArticlePage) -> None:
        if gen != self._generation:
            return
        self._in_flight.discard(number)
        expected = min(PAGE_SIZE, self._total - number * PAGE_SIZE)
        if len(page.rows) < expected:
            # Articles left the library since the count (evicted, source removed): the
            # rows no longer line up with the list, so read it again.
            self.reload()
            return
        self._store_page(number, page)
        self.page_loaded.emit()
        self._pump()

    def _store_page(self, number: int, page: ArticlePage) -> None:
        rows = page.rows
        self._pages[number] = rows
        self._pages.move_to_end(number)
        if page.last_key is not None:
            self._last_keys[number] = page.last_key
        start = number * PAGE_SIZE
        for i, r in enumerate(rows):
            self._index_of[r.id] = start + i
        while len(self._pages) > CACHED_PAGES and not self._pinned:
            old_number, old_rows = self._pages.popitem(last=False)
            self._last_keys.pop(old_number, None)
            for r in old_rows:
                self._index_of.pop(r.id, None)
        if rows:
            self._changed(start, start + len(rows) - 1)

    def _start_search(self) -> None:
        gen = self._generation

        def done(rows: list[ArticleRow]) -> None:
            if gen != self._generation:
                return
            self._pinned = True
            self._total = len(rows)
            for number in range(0, len(rows), PAGE_SIZE):
                self._pages[number // PAGE_SIZE] = rows[number:number + PAGE_SIZE]
            self._index_of = {r.id: i for i, r in enumerate(rows)}
            self.insertRows(0, len(rows))
            self._set_loading(False)
            self.total_changed.emit(len(rows))
            if self._locate is not None:
                self.located.emit(self._locate, self._index_of.get(self._locate, -1))
            self.page_loaded.emit()

        self._reading.search(self._query).success(done) \
            .failure(lambda exc: self._on_failed(gen, exc)).latest_wins(f"search-{id(self)}") \
            .run_in_background()

    def _on_failed(self, gen: int, exc: KnownError, number: int | None = None) -> None:
        if gen != self._generation:
            return
        if number is not None:
            self._in_flight.discard(number)
        self._set_loading(False)
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
        self._small_bold, self._small_bold_fm = QFont(), QFontMetrics(QFont())
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
        self._small_bold = QFont(small)
        self._small_bold.setBold(True)
        self._small_bold_fm = QFontMetrics(self._small_bold)
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

    def _draw_matches(self, painter: QPainter, x: int, y: int, row: ArticleRow, width: int,
                      mark_color: QColor) -> None:
        """A search snippet with its matches in bold and the link colour, cut so that the
        first match shows even in a narrow list."""
        budget = max(1, width // self._small_em - 1)  # characters that surely fit
        first_start, first_end = row.matches[0]
        start = 0
        if first_end > budget:
            start = max(0, first_start - MATCH_CONTEXT_CHARS)
        end = min(len(row.teaser), start + budget)
        pieces: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
        pos = start
        for s, e in row.matches:
            s, e = max(s, start), min(e, end)
            if s >= e:
                continue
            pieces += [(row.teaser[pos:s], False), (row.teaser[s:e], True)]
            pos = e
        pieces.append((row.teaser[pos:end], False))
        if end < len(row.teaser):
            pieces.append(("…", False))
        plain_pen = painter.pen()
        bold, bold_fm = self._small_bold, self._small_bold_fm
        for text, marked in pieces:
            if not text:
                continue
            painter.setFont(bold if marked else self._small)
            painter.setPen(mark_color if marked else plain_pen.color())
            painter.drawText(x, y, text)
            x += (bold_fm if marked else self._small_fm).horizontalAdvance(text)
        painter.setPen(plain_pen)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        row: ArticleRow | None = index.data(RowRole)
        if row is None:
            return super().paint(painter, option, index)
        self._prepare(option.font)
        view = self.parent()
        painter.save()
        if isinstance(view, QWidget):
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
        if row.matches:
            mark_color = pal.color(QPalette.ColorRole.HighlightedText if selected
                                   else QPalette.ColorRole.Link)
            self._draw_matches(painter, rect.left(), y, row, width, mark_color)
        else:
            painter.drawText(rect.left(), y, self._fit(row.teaser, width, self._small_em, sfm))
        painter.restore()
        return None
