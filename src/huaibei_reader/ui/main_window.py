"""The reader window: sidebar, article list and reader pane, with refresh in the background.

The window builds the widgets and owns one controller per concern, each handed the widgets
and the services it works with: the list (ListController), the reader (ReadingController),
quotes and clippings (MarksController), the sidebar's sources (SourcesController) and the
refresh (RefreshController). They never import each other; the window connects their
signals. Everything that touches the library or the network is an operation of
``ctx.services`` (app.window_services), run on a worker; the GUI thread builds widgets and
applies results.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
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

from huaibei_reader import __version__
from huaibei_reader.app.library_operations import LibraryStatus
from huaibei_reader.app.refresh_service import RefreshOutcome
from huaibei_reader.errors import KnownError
from huaibei_reader.models import Source
from huaibei_reader.paths import resources_dir
from huaibei_reader.ui.actions import WindowActions, build_menus
from huaibei_reader.ui.article_list import ArticleDelegate, ArticleListModel
from huaibei_reader.ui.context import WindowContext
from huaibei_reader.ui.context_menus import ContextMenus
from huaibei_reader.ui.error_text import error_text
from huaibei_reader.ui.export_controller import ExportController
from huaibei_reader.ui.first_run import show_first_run
from huaibei_reader.ui.i18n import app_name, window_title
from huaibei_reader.ui.list_controller import ListController
from huaibei_reader.ui.marks_controller import MarksController
from huaibei_reader.ui.messages import Message
from huaibei_reader.ui.reader_view import ReaderPane
from huaibei_reader.ui.reading_controller import ReadingController
from huaibei_reader.ui.refresh_controller import RefreshController
from huaibei_reader.ui.render import Labels
from huaibei_reader.ui.salvage_text import salvage_message
from huaibei_reader.ui.sidebar import Sidebar
from huaibei_reader.ui.sources_controller import SourcesController


class MainWindow(QMainWindow):
    """The one main window; ``library_open`` is False until the background open finishes."""

    library_ready = Signal()
    search_index_updated = Signal(int)  # texts indexed
    article_shown = Signal(int)
    refresh_finished = Signal(object)  # a RefreshOutcome, or the KnownError it ended with
    restart_requested = Signal()

    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = context
        self.settings = context.settings
        self.services = context.services
        self.library_open = False
        self.read_only = False  # the library opened read-only (writes disabled)
        self._setup_ui()
        self._setup_controllers()
        self._connect()
        self._restore_state()
        context.messages.attach(self._on_messages_posted)
        self.services.library.open().success(self._on_library_opened) \
            .failure(self._on_library_failed).run_in_background()

    # ------------------------------------------------------------------ building
    def _setup_ui(self) -> None:
        self.setObjectName("main_window")
        self.setWindowTitle(window_title(self.ctx.demo))
        icon_path = resources_dir() / "icons" / "app.svg"
        if icon_path.exists():
            self.setWindowIcon(QIcon(str(icon_path)))
        self.actions_ = WindowActions(self)
        self.sidebar = Sidebar(self)
        self.model = ArticleListModel(self.services.reading, self)
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
        self.list_pane = list_box = QWidget(self)  # hidden while the clippings view is shown
        list_box.setObjectName("list_pane")
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
        self.file_menu = build_menus(self, self.actions_)
        self._setup_statusbar()
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

    def _setup_controllers(self) -> None:
        a, services, messages = self.actions_, self.services, self.ctx.messages
        self.list_controller = ListController(
            model=self.model, view=self.list_view, empty_label=self.list_empty,
            count_label=self.count_label, search_edit=self.search_edit, sidebar=self.sidebar,
            unread_only=a.unread_only, save_search=a.save_search, reading=services.reading,
            settings=self.settings, messages=messages, parent=self)
        self.reading_controller = ReadingController(
            reader=self.reader, model=self.model, bookmark=a.bookmark,
            reading=services.reading, marks=services.marks, settings=self.settings,
            messages=messages, open_url=self.ctx.open_url, open_sample=self.ctx.open_sample,
            parent=self)
        self.marks_controller = MarksController(
            window=self, reader=self.reader, stack=self.right, list_pane=self.list_pane,
            actions=a,
            marks=services.marks, messages=messages, parent=self)
        self.sources_controller = SourcesController(
            window=self, sidebar=self.sidebar, sources=services.sources,
            reading=services.reading, messages=messages, parent=self)
        self.refresh_controller = RefreshController(
            actions=a, progress=self.progress, cancel_button=self.cancel_button,
            status_label=self.status_label, show_banner=self.show_banner,
            refresh=services.refresh, library=services.library, settings=self.settings,
            messages=messages, parent=self)
        self.exporter = ExportController(window=self, exports=services.exports,
                                         settings=self.settings, messages=messages, parent=self)
        self.exporter.install_file_menu(self.file_menu, a.preferences, lambda: self.current_id)
        self.context_menus = ContextMenus(
            window=self, list_view=self.list_view, model=self.model, reading=services.reading,
            marks=services.marks, exporter=self.exporter,
            reading_controller=self.reading_controller, messages=messages,
            open_url=self.ctx.open_url, counts_changed=self.sources_controller.reload_counts,
            parent=self)

    def _connect(self) -> None:
        a = self.actions_
        lists, reading = self.list_controller, self.reading_controller
        marks, sources = self.marks_controller, self.sources_controller
        refresh = self.refresh_controller
        lists.article_chosen.connect(reading.open_article)
        lists.clippings_requested.connect(marks.show_clippings)
        lists.reader_requested.connect(marks.show_reader)
        lists.counts_changed.connect(sources.reload_counts)
        self.model.page_loaded.connect(self._on_model_page_loaded)
        reading.article_shown.connect(self.article_shown)
        reading.counts_changed.connect(sources.reload_counts)
        reading.add_source_requested.connect(lambda: sources.add_source())
        reading.follow_builtin_requested.connect(sources.follow_builtin)
        reading.import_opml_requested.connect(lambda: sources.import_opml())
        marks.open_article_requested.connect(reading.open_article)
        marks.clippings_view_made.connect(self.context_menus.install_clippings)
        marks.open_article_requested.connect(lists.show_article)
        sources.sources_listed.connect(self._on_sources_listed)
        sources.source_added.connect(self._on_source_added)
        self.sidebar.refresh_requested.connect(lambda sid: refresh.start([sid]))
        refresh.finished.connect(self._on_refresh_finished)
        refresh.articles_arrived.connect(self._on_articles_arrived)
        refresh.search_index_updated.connect(self.search_index_updated)
        refresh.articles_removed.connect(self._on_articles_removed)
        a.mark_all_read.triggered.connect(lists.mark_all_read)
        a.next.triggered.connect(lambda: lists.move_selection(1))
        a.previous.triggered.connect(lambda: lists.move_selection(-1))
        a.page_or_next.triggered.connect(self._on_page_or_next_triggered)
        a.search.triggered.connect(lists.focus_search)
        a.bookmark.triggered.connect(reading.toggle_bookmark)
        a.open_original.triggered.connect(reading.open_original)
        a.find.triggered.connect(self.reader.show_find)
        a.zoom_in.triggered.connect(lambda: reading.set_zoom(self.reader.zoom + 1))
        a.zoom_out.triggered.connect(lambda: reading.set_zoom(self.reader.zoom - 1))
        a.zoom_reset.triggered.connect(lambda: reading.set_zoom(0))
        a.add_source.triggered.connect(lambda: sources.add_source())
        a.import_opml.triggered.connect(lambda: sources.import_opml())
        a.export_opml.triggered.connect(lambda: sources.export_opml())
        a.clip.triggered.connect(marks.clip_selection)
        a.copy_citation.triggered.connect(marks.copy_selection_with_citation)
        a.preferences.triggered.connect(self.show_preferences)
        a.quit.triggered.connect(self.close)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self._on_about_triggered)

    @property
    def current_id(self) -> int | None:
        """The article the reader shows (or was last asked to)."""
        return self.reading_controller.current_id

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
        self.refresh_controller.apply_interval()
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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.refresh_controller.stop()
        self.ctx.messages.detach()
        super().closeEvent(event)

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
    def _on_library_opened(self, status: LibraryStatus) -> None:
        self.library_open = True
        if status.moved_aside:
            # In the banner too: the status line clears itself, and this one matters.
            message = salvage_message(status)
            self.ctx.messages.warning(message)
            self.show_banner(message)
        self.read_only = status.read_only
        for controller in (self.marks_controller, self.sources_controller,
                           self.refresh_controller, self.context_menus):
            controller.library_open = True
        if status.read_only:
            self._disable_writes(status)
        self.list_controller.start(self.settings.get("ui/last_article") or None)
        self.sources_controller.reload_sources(select=self.settings.get("ui/last_view"))
        self.library_ready.emit()
        if not status.read_only:
            self.refresh_controller.index_search_queue()  # what the last session left queued

    def _disable_writes(self, status: LibraryStatus) -> None:
        """A library opened read-only: reading and searching work, nothing that writes."""
        self.refresh_controller.library_open = False  # no refresh, automatic or asked for
        a = self.actions_
        for action in (a.refresh, a.mark_all_read, a.add_source, a.import_opml, a.bookmark,
                       a.clip):
            action.setEnabled(False)
        folder = str(status.path.parent) if status.path is not None else ""
        self.show_banner(self.tr("Read-only: the library in %1 cannot be changed, so "
                                 "refreshing, bookmarks, clippings and new sources are off. "
                                 "Reading and searching work.").replace("%1", folder))

    def _on_library_failed(self, exc: KnownError) -> None:
        self.reader.show_message(self.tr("The library cannot be opened"), error_text(exc))
        self.show_banner(error_text(exc))

    def _on_sources_listed(self, sources: list[Source], first_time: bool) -> None:
        """First-run state and the refresh on start, once the sources are known."""
        self.list_controller.sources_known = True
        self.list_controller.update_empty()
        if not sources:
            self.show_first_run()
        elif self.current_id is None and self.model.rowCount() == 0 and self.model.loading:
            self.reader.show_message(self.tr("Loading…"))
        if first_time and sources and self.settings.get("refresh/on_start") \
                and not self.read_only:
            self.refresh_controller.start()

    def _on_source_added(self, source: Source) -> None:
        if source.id is not None:
            self.refresh_controller.start([source.id])

    def _on_refresh_finished(self, outcome: object) -> None:
        if isinstance(outcome, RefreshOutcome):  # the sources' errors, in the window's words
            self.sidebar.error_texts = {source_id: error_text(exc)
                                        for source_id, exc in outcome.failures.items()}
        self.sources_controller.reload_sources()
        if isinstance(outcome, RefreshOutcome) and (outcome.new or outcome.updated):
            self.list_controller.reload_keeping(self.current_id)
        self.refresh_finished.emit(outcome)

    def _on_articles_arrived(self) -> None:
        self.sources_controller.reload_counts()
        self.list_controller.show_arrivals(self.current_id)

    def _on_articles_removed(self, count: int) -> None:
        self.sources_controller.reload_counts()
        self.list_controller.apply_query()

    def _on_model_page_loaded(self) -> None:
        """Say what to do when the list has rows and nothing is open (or it has none)."""
        if self.current_id is None and self.list_controller.pending_select is None and \
                self.reader.current is None and self.sidebar.sources():
            if self.model.rowCount() > 0:
                self.reader.show_message(self.tr("Select an article"),
                                         self.tr("j / k move through the list; Space reads on."))
            elif not self.model.loading:
                self.reader.show_message(self.list_empty.text())

    def show_first_run(self) -> None:
        show_first_run(self.reader, self.sources_controller.builtin(),
                       sample=self.ctx.open_sample is not None)

    def _on_page_or_next_triggered(self) -> None:
        """Space: the next page of the article, then the next article."""
        if self.reader.current is not None and not self.reader.at_end():
            self.reader.page_down()
        else:
            self.list_controller.move_selection(1)

    # ------------------------------------------------------------------ dialogs
    def show_preferences(self) -> None:
        from huaibei_reader.ui.dialogs import PreferencesDialog  # a dialog seldom opened

        before = (self.settings.get("ui/language"), self.settings.get("ui/theme"))
        dialog = PreferencesDialog(self.settings, self)
        if not dialog.exec():
            return
        self.reader.font_family = self.settings.get("reader/font_family")
        self.reader.font_size = self.settings.get("reader/font_size")
        self.reader.rerender()
        self.refresh_controller.apply_interval()
        after = (self.settings.get("ui/language"), self.settings.get("ui/theme"))
        if after != before:
            self.restart_requested.emit()

    def show_shortcuts(self) -> None:
        from huaibei_reader.ui.dialogs import ShortcutsDialog  # a dialog seldom opened

        dialog = ShortcutsDialog(self.actions_.all(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _on_about_triggered(self) -> None:
        QMessageBox.about(self, self.tr("About Huaibei Reader"),
                          self.tr("%1 %2: a desktop news reader for Chinese local news.")
                          .replace("%1", app_name()).replace("%2", __version__))
