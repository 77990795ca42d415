"""The article list's controller: which query it shows (sidebar view, unread only, search),
the selection across reloads, moving through the rows, saved searches, mark all read.

It owns no widget; the window builds them and hands them in. It tells the window what
happened through signals (an article chosen, the clippings view asked for, counts changed).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QListView

from huaibei_reader.app.reading_service import ArticleQuery, ReadingService
from huaibei_reader.app.settings import Settings
from huaibei_reader.ui.article_list import ArticleListModel, IdRole
from huaibei_reader.ui.error_text import error_text
from huaibei_reader.ui.messages import MessageChannel
from huaibei_reader.ui.sidebar import Sidebar


class ListController(QObject):
    article_chosen = Signal(int)  # the current row's article (its page has arrived)
    clippings_requested = Signal()  # the sidebar's clippings view
    reader_requested = Signal()  # any other sidebar view: the reader pane in front
    counts_changed = Signal()  # read state changed in the library (mark all read)

    def __init__(self, *, model: ArticleListModel, view: QListView, empty_label: QLabel,
                 count_label: QLabel, search_edit: QLineEdit, sidebar: Sidebar,
                 unread_only: QAction, save_search: QAction, reading: ReadingService,
                 settings: Settings, messages: MessageChannel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = view
        self.empty_label = empty_label
        self.count_label = count_label
        self.search_edit = search_edit
        self.sidebar = sidebar
        self.unread_only = unread_only
        self.save_search = save_search
        self._reading = reading
        self._settings = settings
        self._messages = messages
        self.active = False  # the library is open
        self.sources_known = False  # the sources were listed once (for the empty text)
        self.search_text = ""
        self.pending_select: int | None = None  # article to select once its row is found
        self._awaited_row: int | None = None  # current row whose page is still being read
        self._connect()

    def _connect(self) -> None:
        self.sidebar.view_selected.connect(self._on_sidebar_view_selected)
        self.sidebar.remove_search_requested.connect(self._on_sidebar_remove_search_requested)
        self.view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        self.model.total_changed.connect(self._on_model_total_changed)
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.model.located.connect(self._on_model_located)
        self.model.failed.connect(lambda exc: self._messages.error(error_text(exc)))
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.unread_only.toggled.connect(self._on_unread_only_toggled)
        self.save_search.triggered.connect(self.save_current_search)

    # ------------------------------------------------------------------ query
    def start(self, select_article: int | None) -> None:
        """The library is open: list the current view, selecting ``select_article``."""
        self.active = True
        self.pending_select = select_article
        self.model.start()

    def current_query(self) -> ArticleQuery:
        key = self.sidebar.current_key() or "all"
        unread_only = self.unread_only.isChecked()
        if self.search_text:
            source_id = int(key.split(":")[1]) if key.startswith("source:") else None
            return ArticleQuery("search", source_id, self.search_text, unread_only)
        if key.startswith("source:"):
            return ArticleQuery("source", int(key.split(":")[1]), unread_only=unread_only)
        if key in ("unread", "bookmarks"):
            return ArticleQuery(key, unread_only=unread_only)
        return ArticleQuery("all", unread_only=unread_only)

    def apply_query(self) -> None:
        if self.active:
            self.model.set_query(self.current_query(), locate=self.pending_select)

    def reload_keeping(self, article_id: int | None) -> None:
        """Read the list again (articles arrived or left), keeping ``article_id`` selected."""
        self.pending_select = article_id
        self.apply_query()

    def show_arrivals(self, article_id: int | None) -> None:
        """A refresh is saving articles: show them as they come, keeping ``article_id``
        selected, unless the person is down the list or searching (the list is read again
        when the refresh ends)."""
        at_top = self.view.verticalScrollBar().value() == 0
        if at_top and self.model.query.view != "search" and not self.model.loading:
            self.reload_keeping(article_id)

    def show_article(self, article_id: int) -> None:
        """List all articles with ``article_id`` selected: asked for from the clippings view,
        beside which the list showed nothing."""
        self.pending_select = article_id
        if self.sidebar.current_key() == "all" or not self.sidebar.select_key("all"):
            self.apply_query()

    def _on_sidebar_view_selected(self, key: str) -> None:
        if key == "clippings":
            self.clippings_requested.emit()
            return
        self.reader_requested.emit()
        if key.startswith("search:"):
            text = key.split(":", 1)[1]
            self._set_search_field(text)
            self.search_text = text
            self.save_search.setEnabled(False)
            if self.active:
                self.model.set_query(ArticleQuery("search", None, text,
                                                  self.unread_only.isChecked()))
            return
        if self.search_text:
            self._set_search_field("")
            self.search_text = ""
        self.apply_query()

    def _set_search_field(self, text: str) -> None:
        self.search_edit.blockSignals(True)
        self.search_edit.setText(text)
        self.search_edit.blockSignals(False)

    def _on_unread_only_toggled(self, checked: bool) -> None:
        self.apply_query()

    # ------------------------------------------------------------------ model events
    def _on_model_total_changed(self, total: int) -> None:
        self.count_label.setText(self.tr("%1 articles").replace("%1", str(total)))
        self.update_empty()

    def _on_model_located(self, article_id: int, row: int) -> None:
        """The article to keep selected across a reload found its row (or is not listed)."""
        if article_id != self.pending_select:
            return
        self.pending_select = None
        if row >= 0:
            self.select_row(row)

    def _on_model_page_loaded(self) -> None:
        self.update_empty()
        awaited = self._awaited_row
        if awaited is not None and self.model.row(awaited) is not None:
            # The current row's page has arrived: open what it shows.
            self._awaited_row = None
            if self.view.currentIndex().row() == awaited:
                self._on_view_current_changed(self.view.currentIndex(), QModelIndex())

    def empty_text(self) -> str:
        """What the list says when it shows nothing."""
        q = self.model.query
        if q.view == "search":
            return self.tr("No articles match “%1”.").replace("%1", q.search)
        if q.unread:
            return self.tr("No unread articles.")
        if q.view == "bookmarks":
            return self.tr("No bookmarks yet: press B on an article to keep it here.")
        if self.sources_known and not self.sidebar.sources():
            return self.tr("No sources yet: add one with Ctrl+N.")
        return self.tr("No articles yet. Refresh (Ctrl+R) to fetch them.")

    def update_empty(self) -> None:
        empty = self.model.rowCount() == 0 and not self.model.loading
        if empty:
            self.empty_label.setText(self.empty_text())
        self.empty_label.setVisible(empty)

    # ------------------------------------------------------------------ selection
    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)

    def move_selection(self, step: int) -> bool:
        rows = self.model.rowCount()
        if rows == 0:
            return False
        current = self.view.currentIndex().row()
        target = 0 if current < 0 else current + step
        target = max(0, min(rows - 1, target))
        if target == current:
            return False
        self.select_row(target)
        return True

    def _on_view_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        article_id = current.data(IdRole)  # None until the row's page is read
        self._awaited_row = None if article_id is not None else current.row()
        if article_id is not None:
            self.article_chosen.emit(int(article_id))

    # ------------------------------------------------------------------ search
    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _on_search_edit_return_pressed(self) -> None:
        text = self.search_edit.text().strip()
        self.search_text = text
        self.save_search.setEnabled(bool(text))
        self.apply_query()
        if text:
            self.view.setFocus()

    def _on_search_edit_text_changed(self, text: str) -> None:
        if not text.strip() and self.search_text:
            self.search_text = ""
            self.save_search.setEnabled(False)
            self.apply_query()

    def save_current_search(self) -> None:
        text = self.search_text
        if not text:
            return
        searches = self._settings.get("ui/saved_searches")
        if text not in searches:
            searches.append(text)
            self._settings.set("ui/saved_searches", searches)
        self.sidebar.set_saved_searches(searches)
        self._messages.info(self.tr("Search saved in the sidebar."))

    def _on_sidebar_remove_search_requested(self, text: str) -> None:
        searches = [s for s in self._settings.get("ui/saved_searches") if s != text]
        self._settings.set("ui/saved_searches", searches)
        self.sidebar.set_saved_searches(searches)

    # ------------------------------------------------------------------ read state
    def mark_all_read(self) -> None:
        if not self.active:
            return
        source_id = self.model.query.listed_source

        def done(_: int) -> None:
            self.model.mark_all_read_locally()
            self.counts_changed.emit()
            self._messages.info(self.tr("All marked as read."))

        self._reading.mark_all_read(source_id).success(done).run_in_background()
