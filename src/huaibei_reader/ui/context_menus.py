"""Right-click menus of the article list and the clippings table: what a person does to one
article or clipping without opening a menu bar (open the original, bookmark, read state,
copy its citation in a chosen style, export it)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QListView, QMenu, QWidget

from huaibei_reader.app.export_operations import ExportFormat
from huaibei_reader.app.marks_service import STYLE_NAMES, STYLES, MarksService, format_citation
from huaibei_reader.app.reading_service import ArticleRow, ReadingService
from huaibei_reader.errors import KnownError
from huaibei_reader.models import Citation, Clipping
from huaibei_reader.ui.article_list import ArticleListModel, RowRole
from huaibei_reader.ui.clip_dialog import copy_with_citation
from huaibei_reader.ui.clippings_view import ClippingsView
from huaibei_reader.ui.error_text import error_text
from huaibei_reader.ui.export_controller import ExportController
from huaibei_reader.ui.messages import MessageChannel
from huaibei_reader.ui.reading_controller import ReadingController
from huaibei_reader.ui.render import safe_link


class ContextMenus(QObject):
    def __init__(self, *, window: QWidget, list_view: QListView, model: ArticleListModel,
                 reading: ReadingService, marks: MarksService, exporter: ExportController,
                 reading_controller: ReadingController, messages: MessageChannel,
                 open_url: Callable[[str], object], counts_changed: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._view = list_view
        self._model = model
        self._reading = reading
        self._marks = marks
        self._exporter = exporter
        self._reader = reading_controller
        self._messages = messages
        self._open_url = open_url
        self._counts_changed = counts_changed
        self.library_open = False
        list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        list_view.customContextMenuRequested.connect(self._on_list_menu_requested)

    # -- the article list ---------------------------------------------------------------------

    def _on_list_menu_requested(self, pos: QPoint) -> None:
        row = self._view.indexAt(pos).data(RowRole)
        if isinstance(row, ArticleRow) and self.library_open:
            self.article_menu(row).exec(self._view.viewport().mapToGlobal(pos))

    def article_menu(self, row: ArticleRow) -> QMenu:
        """The menu of one listed article (built when asked for, so its texts are current)."""
        menu = QMenu(self._view)
        menu.setObjectName("article_menu")
        menu.addAction(self.tr("&Open the original in the browser"),
                       lambda: self._open_original(row.id))
        menu.addAction(self.tr("Remove &bookmark") if row.bookmarked else self.tr("&Bookmark"),
                       lambda: self._reader.set_bookmark(row.id, not row.bookmarked))
        menu.addAction(self.tr("Mark as &unread") if row.read else self.tr("Mark as &read"),
                       lambda: self._set_read(row.id, not row.read))
        menu.addSeparator()
        cite = menu.addMenu(self.tr("Copy &citation"))
        cite.setObjectName("citation_menu")
        for style in STYLES:
            action = cite.addAction("&" + STYLE_NAMES[style])
            action.setObjectName(f"cite_{style}")
            action.triggered.connect(self._citing(row.id, style))
        menu.addMenu(self._exporter.format_menu(
            self.tr("E&xport as"), menu, partial(self._export_one, row.id)))
        return menu

    def _copying(self, clipping: Clipping, style: str) -> Callable[[], None]:
        def copy() -> None:
            copy_with_citation(clipping.quote, clipping.citation, style)
            self._messages.info(self.tr("Copied with citation."))

        return copy

    def _citing(self, article_id: int, style: str) -> Callable[[], None]:
        return lambda: self._copy_citation(article_id, style)

    def _export_one(self, article_id: int, fmt: ExportFormat) -> None:
        self._exporter.export_articles([article_id], fmt)

    def _open_original(self, article_id: int) -> None:
        def open_it(url: str) -> None:
            link = safe_link(url)
            if link:
                self._open_url(link)

        self._reading.original_url(article_id).success(open_it) \
            .failure(self._failed).run_in_background()

    def _set_read(self, article_id: int, read: bool) -> None:
        def done(now: bool) -> None:
            self._model.update_row(article_id, read=now)
            self._counts_changed()

        self._reading.set_read(article_id, read).success(done) \
            .failure(self._failed).run_in_background()

    def _copy_citation(self, article_id: int, style: str) -> None:
        def copy(citation: Citation) -> None:
            QGuiApplication.clipboard().setText(format_citation(citation, style))
            self._messages.info(self.tr("Citation copied."))

        self._marks.citation_of(article_id).success(copy) \
            .failure(self._failed).run_in_background()

    def _failed(self, exc: KnownError) -> None:
        self._messages.error(error_text(exc))

    # -- the clippings table -----------------------------------------------------------------

    def install_clippings(self, view: ClippingsView) -> None:
        table = view.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(
            lambda pos: self.clippings_menu(view).exec(table.viewport().mapToGlobal(pos)))

    def clippings_menu(self, view: ClippingsView) -> QMenu:
        """Open, copy, edit or delete the selected clipping(s); export every clipping."""
        menu = QMenu(view.table)
        menu.setObjectName("clippings_menu")
        selected = view.selected_clippings()
        one = len(selected) == 1
        menu.addAction(self.tr("&Open the article"), view.open_button.click).setEnabled(one)
        cite = menu.addMenu(self.tr("Copy with &citation"))
        cite.setObjectName("clipping_citation_menu")
        cite.setEnabled(one)
        for style in STYLES:
            action = cite.addAction("&" + STYLE_NAMES[style])
            action.setObjectName(f"clip_cite_{style}")
            if one:
                action.triggered.connect(self._copying(selected[0], style))
        menu.addAction(self.tr("&Edit…"), view.edit_selected).setEnabled(one)
        menu.addAction(self.tr("&Delete"), view.delete_selected).setEnabled(bool(selected))
        menu.addSeparator()
        menu.addMenu(self._exporter.format_menu(self.tr("E&xport all clippings as"), menu,
                                                self._exporter.export_clippings))
        return menu
