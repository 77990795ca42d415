"""The reader window: sidebar, article list and reader pane, with refresh in the background.

Everything that touches the library or the network runs as an Operation; the GUI thread only
builds widgets and applies results. Sources, OPML and the other menus live in window_sources.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from huaibei_reader import APP_NAME, __version__
from huaibei_reader.app.operations import Operation, OperationContext
from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import KnownError
from huaibei_reader.models import Source
from huaibei_reader.paths import resources_dir
from huaibei_reader.ui.actions import WindowActions
from huaibei_reader.ui.article_list import ArticleDelegate, ArticleListModel, ArticleQuery, IdRole
from huaibei_reader.ui.context import WindowContext
from huaibei_reader.ui.messages import Message
from huaibei_reader.ui.reader_view import OpenedArticle, ReaderPane, load_images
from huaibei_reader.ui.render import Labels
from huaibei_reader.ui.sidebar import Sidebar
from huaibei_reader.ui.window_marks import MarksMixin, change_notice
from huaibei_reader.ui.window_refresh import RefreshMixin
from huaibei_reader.ui.window_sources import SourcesMixin


class MainWindow(MarksMixin, SourcesMixin, RefreshMixin, QMainWindow):
    """The one main window. ``library`` is None until the background open finishes."""

    library_ready = Signal()
    search_index_updated = Signal(int)  # texts indexed
    article_shown = Signal(int)
    refresh_finished = Signal(object)
    restart_requested = Signal()

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = context
        self.settings = context.settings
        self.runner = context.runner
        self.library: Any = None
        self.current_id: int | None = None
        self._refresh_token: CancelToken | None = None
        self._pending_select: int | None = None  # article to select once its row is found
        self._awaited_row: int | None = None  # current row whose page is still being read
        self._search_text = ""
        self._clippings_view: QWidget | None = None
        self._setup_ui()
        self._restore_state()
        context.messages.attach(self._on_messages_posted)
        self._open_library()

    # ------------------------------------------------------------------ building
    def _setup_ui(self) -> None:
        self.setObjectName("main_window")
        self.setWindowTitle(APP_NAME if not self.ctx.demo
                            else self.tr("%1 — sample edition").replace("%1", APP_NAME))
        icon_path = resources_dir() / "icons" / "app.svg"
        if icon_path.exists():
            self.setWindowIcon(QIcon(str(icon_path)))
        self.actions_ = WindowActions(self)
        self.sidebar = Sidebar(self)
        self.model = ArticleListModel(self.runner, None, self)
        self.list_view = QListView(self)
        self.list_view.setObjectName("article_list")
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(ArticleDelegate(self.list_view))
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_empty = QLabel(self)
        self.list_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_empty.setWordWrap(True)
        self.list_empty.setObjectName("list_empty")
        list_box = QWidget(self)
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.list_view, 1)
        list_layout.addWidget(self.list_empty)
        self.list_empty.hide()
        self.reader = ReaderPane(self)
        self.reader.labels = Labels(
            published=self.tr("Published"), publisher=self.tr("Source"),
            authors=self.tr("Reporters"), original=self.tr("Open the original"),
            no_article=self.tr("This page held no article text. The original is linked below."),
            image_missing=self.tr("image not stored"))
        self.right = QStackedWidget(self)
        self.right.addWidget(self.reader)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([200, 380, 640])
        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel#banner { background: palette(alternate-base); "
                                  "color: palette(placeholder-text); padding: 5px 10px; }")
        self.banner.hide()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._setup_toolbar()
        self._setup_menus()
        self._setup_statusbar()
        self._connect()
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setObjectName("refresh_timer")
        self.refresh_timer.timeout.connect(self._on_refresh_timer_timeout)
        self.resize(1240, 780)

    def _setup_toolbar(self) -> None:
        a = self.actions_
        bar = self.addToolBar(self.tr("Main"))
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (a.refresh, a.mark_all_read, a.unread_only, a.add_source):
            bar.addAction(action)
        spacer = QWidget(bar)
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy())
        bar.addWidget(spacer)
        self.search_edit = QLineEdit(bar)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setPlaceholderText(self.tr("Search the library ( / )"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(320)
        bar.addWidget(self.search_edit)
        bar.addAction(a.save_search)

    def _setup_menus(self) -> None:
        a = self.actions_
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        for action in (a.add_source, a.import_opml, a.export_opml):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(a.preferences)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        view_menu = menu.addMenu(self.tr("&View"))
        for action in (a.unread_only, a.zoom_in, a.zoom_out, a.zoom_reset):
            view_menu.addAction(action)
        go_menu = menu.addMenu(self.tr("&Article"))
        for action in (a.next, a.previous, a.page_or_next, a.bookmark, a.open_original,
                       a.find, a.clip, a.copy_citation, a.mark_all_read, a.refresh, a.search,
                       a.save_search):
            go_menu.addAction(action)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(a.shortcuts)
        help_menu.addAction(a.about)

    def _setup_statusbar(self) -> None:
        bar = self.statusBar()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("refresh_progress")
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QToolButton(self)
        self.cancel_button.setObjectName("cancel_refresh")
        self.cancel_button.setDefaultAction(self.actions_.cancel_refresh)
        self.cancel_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.cancel_button.hide()
        self.count_label = QLabel(self)
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(box)
        bar.addPermanentWidget(self.count_label)

    def _connect(self) -> None:
        a = self.actions_
        self.sidebar.view_selected.connect(self._on_sidebar_view_selected)
        self.sidebar.rename_requested.connect(lambda sid: self.rename_source(sid))
        self.sidebar.remove_requested.connect(lambda sid: self.remove_source(sid))
        self.sidebar.refresh_requested.connect(lambda sid: self.start_refresh([sid]))
        self.sidebar.remove_search_requested.connect(self._on_sidebar_remove_search_requested)
        self.list_view.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.model.total_changed.connect(self._on_model_total_changed)
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.model.located.connect(self._on_model_located)
        self.model.failed.connect(lambda exc: self.ctx.messages.error(str(exc)))
        self.reader.open_external.connect(self._on_reader_open_external)
        self.reader.browser.anchorClicked.connect(self._on_reader_anchor_clicked)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        a.refresh.triggered.connect(lambda: self.start_refresh())
        a.cancel_refresh.triggered.connect(self.cancel_refresh)
        a.mark_all_read.triggered.connect(self.mark_all_read)
        a.unread_only.toggled.connect(self._on_unread_only_toggled)
        a.next.triggered.connect(lambda: self.move_selection(1))
        a.previous.triggered.connect(lambda: self.move_selection(-1))
        a.page_or_next.triggered.connect(self.page_or_next)
        a.bookmark.triggered.connect(self.toggle_bookmark)
        a.open_original.triggered.connect(self.open_original)
        a.search.triggered.connect(self.focus_search)
        a.find.triggered.connect(self.reader.show_find)
        a.zoom_in.triggered.connect(lambda: self.set_zoom(self.reader.zoom + 1))
        a.zoom_out.triggered.connect(lambda: self.set_zoom(self.reader.zoom - 1))
        a.zoom_reset.triggered.connect(lambda: self.set_zoom(0))
        a.add_source.triggered.connect(lambda: self.add_source())
        a.import_opml.triggered.connect(lambda: self.import_opml())
        a.export_opml.triggered.connect(lambda: self.export_opml())
        a.save_search.triggered.connect(self.save_current_search)
        a.clip.triggered.connect(self.clip_selection)
        a.copy_citation.triggered.connect(self.copy_selection_with_citation)
        self._setup_reader_context_menu()
        a.preferences.triggered.connect(self.show_preferences)
        a.quit.triggered.connect(self.close)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self._on_about_triggered)

    # ------------------------------------------------------------------ state
    def _restore_state(self) -> None:
        s = self.settings
        geometry = s.get("ui/geometry")
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        splitter = s.get("ui/splitter")
        if splitter:
            self.splitter.restoreState(QByteArray(splitter))
        self.reader.font_family = s.get("reader/font_family")
        self.reader.font_size = s.get("reader/font_size")
        self.reader.zoom = s.get("reader/zoom")
        self.actions_.unread_only.blockSignals(True)
        self.actions_.unread_only.setChecked(s.get("ui/unread_only"))
        self.actions_.unread_only.blockSignals(False)
        self.sidebar.set_saved_searches(s.get("ui/saved_searches"))
        self.apply_refresh_interval()
        self.reader.show_message(self.tr("Opening the library…"))

    def save_state(self) -> None:
        s = self.settings
        s.set("ui/geometry", bytes(self.saveGeometry().data()))
        s.set("ui/splitter", bytes(self.splitter.saveState().data()))
        key = self.sidebar.current_key()
        if key:
            s.set("ui/last_view", key)
        s.set("ui/last_article", self.current_id or 0)
        s.set("reader/zoom", self.reader.zoom)
        s.set("ui/unread_only", self.actions_.unread_only.isChecked())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_state()
        self.refresh_timer.stop()
        if self._refresh_token is not None:
            self._refresh_token.cancel()
        self.ctx.messages.detach()
        super().closeEvent(event)

    def apply_refresh_interval(self) -> None:
        minutes = self.settings.get("refresh/interval_minutes")
        if minutes > 0:
            self.refresh_timer.start(minutes * 60_000)
        else:
            self.refresh_timer.stop()

    # ------------------------------------------------------------------ messages
    def _on_messages_posted(self, message: Message) -> None:
        timeout = 0 if message.level == "error" else 8000
        self.status_label.setText(message.text)
        if timeout:
            QTimer.singleShot(timeout, self.status_label,
                              lambda t=message.text: self._clear_status(t))

    def _clear_status(self, text: str) -> None:
        if self.status_label.text() == text:
            self.status_label.clear()

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # ------------------------------------------------------------------ library
    def _open_library(self) -> None:
        open_library = self.ctx.open_library
        Operation(self.runner, lambda ctx: open_library()).success(self._on_library_opened) \
            .failure(self._on_library_failed).run_in_background()

    def _on_library_opened(self, library: Any) -> None:
        self.library = library
        moved = getattr(library, "moved_aside", None)
        if moved:
            message = self.tr("The library was damaged; it was moved aside to "
                              "%1 and a new one started.")
            self.ctx.messages.warning(message.replace("%1", str(moved)))
        self.model.set_library(library)
        last_view = self.settings.get("ui/last_view")
        last_article = self.settings.get("ui/last_article")
        self._pending_select = last_article or None
        self.reload_sources(select=last_view)
        self.library_ready.emit()
        self.index_search_queue()  # what the last session saved and did not index

    def _on_library_failed(self, exc: KnownError) -> None:
        self.reader.show_message(self.tr("The library cannot be opened"), str(exc))
        self.show_banner(str(exc))

    def after_sources_loaded(self, sources: list[Source], first_time: bool) -> None:
        """Called by SourcesMixin once sources are listed: first-run state and auto refresh."""
        self._update_list_empty()
        if not sources:
            self.show_first_run()
        elif self.current_id is None and self.model.rowCount() == 0 and self.model.loading:
            self.reader.show_message(self.tr("Loading…"))
        if first_time and sources and self.settings.get("refresh/on_start"):
            self.start_refresh()

    def show_first_run(self) -> None:
        text = self.tr("Your library is empty. Add a news site or feed with “Add source” "
                       "(Ctrl+N), or import an OPML file.")
        if self.ctx.open_sample is not None:
            text += " " + self.tr("To try the reader first, open the sample edition.")
        actions = ""
        if self.ctx.open_sample is not None:
            actions = ('<p align="center"><a href="app:sample">'
                       + self.tr("Open the sample edition")
                       + '</a> &nbsp; <a href="app:add-source">' + self.tr("Add a source…")
                       + "</a></p>")
        self.reader.show_message(self.tr("Welcome to Huaibei Reader"), text,
                                 actions_html=actions)

    # ------------------------------------------------------------------ list & views
    def current_query(self) -> ArticleQuery:
        key = self.sidebar.current_key() or "all"
        unread_only = self.actions_.unread_only.isChecked()
        if self._search_text:
            source_id = int(key.split(":")[1]) if key.startswith("source:") else None
            return ArticleQuery("search", source_id, self._search_text, unread_only)
        if key.startswith("source:"):
            return ArticleQuery("source", int(key.split(":")[1]), unread_only=unread_only)
        if key in ("unread", "bookmarks"):
            return ArticleQuery(key, unread_only=unread_only)
        return ArticleQuery("all", unread_only=unread_only)

    def _apply_query(self) -> None:
        if self.library is None:
            return
        self.model.set_query(self.current_query(), locate=self._pending_select)

    def _on_sidebar_view_selected(self, key: str) -> None:
        if key == "clippings":
            self._show_clippings()
            return
        self.right.setCurrentWidget(self.reader)
        if key.startswith("search:"):
            text = key.split(":", 1)[1]
            self.search_edit.blockSignals(True)
            self.search_edit.setText(text)
            self.search_edit.blockSignals(False)
            self._search_text = text
            self.actions_.save_search.setEnabled(False)
            if self.library is not None:
                self.model.set_query(ArticleQuery("search", None, text,
                                                  self.actions_.unread_only.isChecked()))
            return
        if self._search_text:
            self.search_edit.blockSignals(True)
            self.search_edit.clear()
            self.search_edit.blockSignals(False)
            self._search_text = ""
        self._apply_query()

    def _on_unread_only_toggled(self, checked: bool) -> None:
        self._apply_query()

    def _on_model_total_changed(self, total: int) -> None:
        self.count_label.setText(self.tr("%1 articles").replace("%1", str(total)))
        self._update_list_empty()

    def _on_model_located(self, article_id: int, row: int) -> None:
        """The article to keep selected across a reload found its row (or is not listed)."""
        if article_id != self._pending_select:
            return
        self._pending_select = None
        if row >= 0:
            self.select_row(row)

    def _on_model_page_loaded(self) -> None:
        self._update_list_empty()
        awaited = self._awaited_row
        if awaited is not None and self.model.row(awaited) is not None:
            # The current row's page has arrived: open what it shows.
            self._awaited_row = None
            if self.list_view.currentIndex().row() == awaited:
                self._on_list_current_changed(self.list_view.currentIndex(), QModelIndex())
                return
        if self.current_id is None and self._pending_select is None and \
                self.reader.current is None and self.sidebar.sources():
            if self.model.rowCount() > 0:
                self.reader.show_message(self.tr("Select an article"),
                                         self.tr("j / k move through the list; Space reads on."))
            elif not self.model.loading:
                self.reader.show_message(self.list_empty.text())

    def _update_list_empty(self) -> None:
        empty = self.model.rowCount() == 0 and not self.model.loading
        if empty:
            q = self.model.query
            if q.view == "search":
                text = self.tr("No articles match “%1”.").replace("%1", q.search)
            elif q.unread:
                text = self.tr("No unread articles.")
            elif q.view == "bookmarks":
                text = self.tr("No bookmarks yet: press B on an article to keep it here.")
            elif self.sources_loaded and not self.sidebar.sources():
                text = self.tr("No sources yet: add one with Ctrl+N.")
            else:
                text = self.tr("No articles yet. Refresh (Ctrl+R) to fetch them.")
            self.list_empty.setText(text)
        self.list_empty.setVisible(empty)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.list_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list_view.scrollTo(index)

    def move_selection(self, step: int) -> bool:
        rows = self.model.rowCount()
        if rows == 0:
            return False
        current = self.list_view.currentIndex().row()
        target = 0 if current < 0 else current + step
        target = max(0, min(rows - 1, target))
        if target == current:
            return False
        self.select_row(target)
        return True

    def page_or_next(self) -> None:
        if self.reader.current is not None and not self.reader.at_end():
            self.reader.page_down()
        else:
            self.move_selection(1)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _on_search_edit_return_pressed(self) -> None:
        text = self.search_edit.text().strip()
        self._search_text = text
        self.actions_.save_search.setEnabled(bool(text))
        self._apply_query()
        if text:
            self.list_view.setFocus()

    def _on_search_edit_text_changed(self, text: str) -> None:
        if not text.strip() and self._search_text:
            self._search_text = ""
            self.actions_.save_search.setEnabled(False)
            self._apply_query()

    def save_current_search(self) -> None:
        text = self._search_text
        if not text:
            return
        searches = self.settings.get("ui/saved_searches")
        if text not in searches:
            searches.append(text)
            self.settings.set("ui/saved_searches", searches)
        self.sidebar.set_saved_searches(searches)
        self.ctx.messages.info(self.tr("Search saved in the sidebar."))

    def _on_sidebar_remove_search_requested(self, text: str) -> None:
        searches = [s for s in self.settings.get("ui/saved_searches") if s != text]
        self.settings.set("ui/saved_searches", searches)
        self.sidebar.set_saved_searches(searches)

    # ------------------------------------------------------------------ reading
    def _on_list_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        article_id = current.data(IdRole)  # None until the row's page is read
        self._awaited_row = None if article_id is not None else current.row()
        if article_id is not None:
            self.open_article(int(article_id))

    def open_article(self, article_id: int) -> None:
        library = self.library
        if library is None:
            return
        self.current_id = article_id

        def load(ctx: OperationContext) -> OpenedArticle:
            item = library.articles.get(article_id)
            ctx.raise_if_cancelled()
            images = load_images(library, item.article.images)
            if not item.read:
                library.articles.mark_read(article_id, True)
            return OpenedArticle(item, images, change_notice(library, item))

        Operation(self.runner, load).success(self._on_article_loaded) \
            .failure(lambda exc: self.ctx.messages.error(str(exc))) \
            .latest_wins("open-article").run_in_background()

    def _on_article_loaded(self, opened: OpenedArticle) -> None:
        item = opened.item
        if item.id != self.current_id:
            return
        highlight = self._search_text if self.model.query.view == "search" else ""
        self.reader.show_article(opened, highlight)
        self.actions_.bookmark.setChecked(item.bookmarked)
        if not item.read:
            self.model.update_row(item.id, read=True)
            self.reload_counts()
        self.article_shown.emit(item.id)

    def toggle_bookmark(self) -> None:
        library, article_id = self.library, self.current_id
        if library is None or article_id is None or self.reader.current is None:
            self.actions_.bookmark.setChecked(False)
            return
        row = self.model.row(self.model.row_of(article_id))
        now_marked = not (row.bookmarked if row is not None
                          else self.reader.current.item.bookmarked)

        def work(ctx: OperationContext) -> bool:
            if now_marked:
                library.marks.bookmark(article_id)
            else:
                library.marks.unbookmark(article_id)
            return now_marked

        def done(marked: bool) -> None:
            self.model.update_row(article_id, bookmarked=marked)
            if self.current_id == article_id:
                self.actions_.bookmark.setChecked(marked)
            self.ctx.messages.info(self.tr("Bookmarked.") if marked
                                   else self.tr("Bookmark removed."))

        self.actions_.bookmark.setChecked(now_marked)
        Operation(self.runner, work).success(done).run_in_background()

    def open_original(self) -> None:
        if self.reader.current is None:
            return
        art = self.reader.current.item.article
        self._on_reader_open_external(art.canonical_url or art.url)

    def _on_reader_open_external(self, url: str) -> None:
        from huaibei_reader.ui.render import safe_link

        link = safe_link(url)
        if link:
            self.ctx.open_url(link)

    def _on_reader_anchor_clicked(self, url: Any) -> None:
        target = url.toString()
        if target == "app:sample" and self.ctx.open_sample is not None:
            self.ctx.open_sample()
        elif target == "app:add-source":
            self.add_source()

    def set_zoom(self, steps: int) -> None:
        self.reader.set_zoom(steps)
        self.settings.set("reader/zoom", self.reader.zoom)

    def mark_all_read(self) -> None:
        library = self.library
        if library is None:
            return
        query = self.model.query
        source_id = query.source_id if query.view == "source" else None

        def work(ctx: OperationContext) -> None:
            library.articles.mark_all_read(source_id)

        def done(_: None) -> None:
            self.model.mark_all_read_locally()
            self.reload_counts()
            self.ctx.messages.info(self.tr("All marked as read."))

        Operation(self.runner, work).success(done).run_in_background()

    # ------------------------------------------------------------------ help
    def show_shortcuts(self) -> None:
        from huaibei_reader.ui.dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self.actions_.all(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _on_about_triggered(self) -> None:
        QMessageBox.about(self, self.tr("About Huaibei Reader"),
                          self.tr("%1 %2: a desktop news reader for Chinese local news.")
                          .replace("%1", APP_NAME).replace("%2", __version__))
