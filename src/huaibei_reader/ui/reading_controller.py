"""The reader's controller: open an article (latest click wins), bookmark it, open the
original in the system browser, the reader's links, zoom."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction

from huaibei_reader.app.marks_service import MarksService
from huaibei_reader.app.reading_service import OpenedArticle, ReadingService
from huaibei_reader.app.settings import Settings
from huaibei_reader.errors import KnownError
from huaibei_reader.ui.article_list import ArticleListModel
from huaibei_reader.ui.error_text import error_text
from huaibei_reader.ui.messages import MessageChannel
from huaibei_reader.ui.reader_view import ReaderPane
from huaibei_reader.ui.render import safe_link


class ReadingController(QObject):
    article_shown = Signal(int)
    counts_changed = Signal()  # an article was read: the sidebar's counts are stale
    add_source_requested = Signal()  # the first-run page's "Add a source" link
    follow_builtin_requested = Signal()  # its "Follow 今日淮北" link
    import_opml_requested = Signal()  # its "Import OPML" link

    def __init__(self, *, reader: ReaderPane, model: ArticleListModel, bookmark: QAction,
                 reading: ReadingService, marks: MarksService, settings: Settings,
                 messages: MessageChannel, open_url: Callable[[str], object],
                 open_sample: Callable[[], None] | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.model = model
        self.bookmark_action = bookmark
        self._reading = reading
        self._marks = marks
        self._settings = settings
        self._messages = messages
        self._open_url = open_url
        self._open_sample = open_sample
        self.current_id: int | None = None  # the article asked for last
        reader.open_external.connect(self._on_reader_open_external)
        reader.browser.anchorClicked.connect(self._on_reader_browser_anchor_clicked)

    def open_article(self, article_id: int) -> None:
        self.current_id = article_id
        self._reading.open_article(article_id).success(self._on_article_opened) \
            .failure(lambda exc: self._messages.error(error_text(exc))) \
            .latest_wins("open-article").run_in_background()

    def _on_article_opened(self, opened: OpenedArticle) -> None:
        item = opened.item
        if item.id != self.current_id:
            return
        query = self.model.query  # a search's words are marked in its hits
        self.reader.show_article(opened, query.search if query.view == "search" else "")
        self.bookmark_action.setChecked(item.bookmarked)
        if not item.read:
            self.model.update_row(item.id, read=True)
            self.counts_changed.emit()
        self.article_shown.emit(item.id)

    def toggle_bookmark(self) -> None:
        article_id = self.current_id
        if article_id is None or self.reader.current is None:
            self.bookmark_action.setChecked(False)
            return
        row = self.model.row(self.model.row_of(article_id))
        now_marked = not (row.bookmarked if row is not None
                          else self.reader.current.item.bookmarked)
        self.bookmark_action.setChecked(now_marked)
        self.set_bookmark(article_id, now_marked)

    def set_bookmark(self, article_id: int, marked: bool) -> None:
        """Bookmark (or not) any article: the list row, the action and the status bar follow."""

        def done(now: bool) -> None:
            self.model.update_row(article_id, bookmarked=now)
            if self.current_id == article_id:
                self.bookmark_action.setChecked(now)
            self._messages.info(self.tr("Bookmarked.") if now
                                else self.tr("Bookmark removed."))

        def failed(exc: KnownError) -> None:  # a read-only library, say: the mark as it was
            if self.current_id == article_id:
                self.bookmark_action.setChecked(not marked)
            self._messages.error(error_text(exc))

        self._marks.set_bookmark(article_id, marked).success(done).failure(failed) \
            .run_in_background()

    def open_original(self) -> None:
        if self.reader.current is None:
            return
        art = self.reader.current.item.article
        self._on_reader_open_external(art.canonical_url or art.url)

    def _on_reader_open_external(self, url: str) -> None:
        link = safe_link(url)
        if link:
            self._open_url(link)

    def _on_reader_browser_anchor_clicked(self, url: QUrl) -> None:
        target = url.toString()
        if target == "app:sample" and self._open_sample is not None:
            self._open_sample()
        elif target == "app:add-source":
            self.add_source_requested.emit()
        elif target == "app:follow-builtin":
            self.follow_builtin_requested.emit()
        elif target == "app:import-opml":
            self.import_opml_requested.emit()

    def set_zoom(self, steps: int) -> None:
        self.reader.set_zoom(steps)
        self._settings.set("reader/zoom", self.reader.zoom)
