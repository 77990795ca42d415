"""Quotes from the reader: copy with citation, clip (with note and tags), the reader's context
menu, and the clippings view.

The clippings view takes the place of both the article list and the reader (the list pane is
hidden, the reader's stack shows the view): the list's rows belong to another sidebar entry
and would only be stale beside it. Moving through articles (j, k, Space) is off meanwhile, as
it would change an article nobody sees."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QStackedWidget, QWidget

from huaibei_reader.app.marks_service import MarksService, citation_for
from huaibei_reader.models import Clipping
from huaibei_reader.ui.actions import WindowActions
from huaibei_reader.ui.clip_dialog import ClipDialog, copy_with_citation
from huaibei_reader.ui.clippings_view import ClippingsView
from huaibei_reader.ui.error_text import error_text
from huaibei_reader.ui.messages import MessageChannel
from huaibei_reader.ui.reader_view import ReaderPane


class MarksController(QObject):
    open_article_requested = Signal(int)  # from the clippings view
    clippings_view_made = Signal(object)  # the ClippingsView, made when first shown

    def __init__(self, *, window: QWidget, reader: ReaderPane, stack: QStackedWidget,
                 list_pane: QWidget, actions: WindowActions, marks: MarksService,
                 messages: MessageChannel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window  # parent of the dialogs
        self.reader = reader
        self.stack = stack
        self.list_pane = list_pane
        self.actions = actions
        self._marks = marks
        self._messages = messages
        self.library_open = False
        self.clippings_view: QWidget | None = None  # made when first shown
        browser = reader.browser
        browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        browser.customContextMenuRequested.connect(self._on_browser_context_menu_requested)

    def selected_quote(self) -> str:
        """The reader's selection as plain text (paragraph breaks as new lines)."""
        return self.reader.browser.textCursor().selectedText().replace("\u2029", "\n").strip()

    def copy_selection_with_citation(self) -> str:
        """Put the selection and the article's reference on the clipboard; return that text.

        The reference follows the article's language (GB/T 7714 for Chinese articles).
        """
        if self.reader.current is None:
            return ""
        quote = self.selected_quote()
        if not quote:
            self._messages.info(self.tr("Select some text in the article to copy it "
                                        "with its citation."))
            return ""
        text = copy_with_citation(quote, citation_for(self.reader.current.item))
        self._messages.info(self.tr("Copied with citation."))
        return text

    def reader_context_menu(self, pos: QPoint) -> QMenu:
        """The reader's standard menu (copy, select all) plus clip and copy with citation."""
        browser = self.reader.browser
        menu = browser.createStandardContextMenu(pos)
        menu.setObjectName("reader_context_menu")
        if self.reader.current is not None:
            has_selection = browser.textCursor().hasSelection()
            menu.addSeparator()
            for action in (self.actions.copy_citation, self.actions.clip):
                menu.addAction(action)
                action.setEnabled(has_selection)
        return menu

    def _on_browser_context_menu_requested(self, pos: QPoint) -> None:
        menu = self.reader_context_menu(pos)
        menu.exec(self.reader.browser.viewport().mapToGlobal(pos))
        for action in (self.actions.copy_citation, self.actions.clip):
            action.setEnabled(True)
        menu.deleteLater()

    def clip_selection(self) -> None:
        if self.reader.current is None:
            return
        quote = self.selected_quote()
        if not quote:
            self._messages.info(self.tr("Select some text in the article to clip it."))
            return
        item = self.reader.current.item

        def ask(tags: list[str]) -> None:
            clipping = ClipDialog.ask(self._window, item, quote, known_tags=tags)
            if clipping is not None:
                self._marks.add_clipping(clipping).success(self._on_clipping_saved) \
                    .failure(lambda exc: self._messages.error(error_text(exc))).run_in_background()

        self._marks.tags().success(ask) \
            .failure(lambda exc: self._messages.error(error_text(exc))).run_in_background()

    def _on_clipping_saved(self, clipping: Clipping) -> None:
        self._messages.info(self.tr("Clipping saved."))
        if isinstance(self.clippings_view, ClippingsView):
            self.clippings_view.reload()

    # ------------------------------------------------------------------ clippings view
    def _navigation(self) -> tuple[QAction, ...]:
        a = self.actions
        return (a.next, a.previous, a.page_or_next)

    def clippings_shown(self) -> bool:
        return self.clippings_view is not None and \
            self.stack.currentWidget() is self.clippings_view

    def show_reader(self) -> None:
        """The article list and the reader back in front (any sidebar entry but clippings)."""
        self.list_pane.show()
        self.stack.setCurrentWidget(self.reader)
        for action in self._navigation():
            action.setEnabled(True)

    def show_clippings(self) -> None:
        if self.clippings_view is None or (self.library_open and
                                           not isinstance(self.clippings_view, ClippingsView)):
            if self.clippings_view is not None:
                self.stack.removeWidget(self.clippings_view)
                self.clippings_view.deleteLater()
            self.clippings_view = self._make_clippings_view()
            self.stack.addWidget(self.clippings_view)
        self.stack.setCurrentWidget(self.clippings_view)
        self.list_pane.hide()
        for action in self._navigation():
            action.setEnabled(False)

    def _make_clippings_view(self) -> QWidget:
        if not self.library_open:
            label = QLabel(self.tr("The library is still opening."), self._window)
            label.setWordWrap(True)
            return label
        view = ClippingsView(self._marks, self._window)
        view.openArticleRequested.connect(self._on_clippings_view_open_article_requested)
        view.errorOccurred.connect(self._messages.error)
        self.clippings_view_made.emit(view)
        return view

    def _on_clippings_view_open_article_requested(self, article_id: int) -> None:
        self.show_reader()
        self.open_article_requested.emit(article_id)
