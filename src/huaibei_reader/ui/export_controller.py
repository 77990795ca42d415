"""Exports from the window: what to export (articles, bookmarks, clippings), in which format,
where (a save dialog proposing the safe file name), with progress and Cancel for a long one.

Each export is two operations on a worker: choosing the entries (whose title names the file)
and writing them; between the two, on the GUI thread, the person picks the file. The save
dialog has already asked before replacing a file, so the export may overwrite it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QProgressDialog, QWidget

from huaibei_reader.app.export_operations import (
    ExportFormat,
    ExportOperations,
    ExportOptions,
    ExportResult,
    Selection,
)
from huaibei_reader.app.operations import Operation, Progress
from huaibei_reader.app.settings import Settings
from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled, KnownError
from huaibei_reader.ui.error_text import error_text, fill
from huaibei_reader.ui.messages import MessageChannel

# A progress dialog shows only for an export that takes longer than this: a quick one ends
# before anything flashes on screen.
PROGRESS_AFTER_MS = 400


class ExportController(QObject):
    """The window's export commands; ``format_menu`` builds the "as Markdown/HTML/…" menus."""

    def __init__(self, *, window: QWidget, exports: ExportOperations, settings: Settings,
                 messages: MessageChannel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._exports = exports
        self._settings = settings
        self._messages = messages
        self._token: CancelToken | None = None
        self.progress_dialog: QProgressDialog | None = None

    # -- menus ----------------------------------------------------------------------------

    def format_names(self) -> dict[ExportFormat, str]:
        """Each format the window can write, with its menu text (mnemonics distinct)."""
        names = {
            ExportFormat.MARKDOWN: self.tr("&Markdown"),
            ExportFormat.HTML: self.tr("&HTML"),
            ExportFormat.PDF: self.tr("&PDF"),
            ExportFormat.DOCX: self.tr("&Word"),
            ExportFormat.TEXT: self.tr("Plain &text"),
            ExportFormat.JSON: self.tr("&JSON"),
            ExportFormat.WARC: self.tr("Web &archive (WARC)"),
        }
        return {f: names[f] for f in self._exports.formats}

    def format_menu(self, title: str, parent: QWidget,
                    export: Callable[[ExportFormat], None]) -> QMenu:
        """A submenu with one entry per format, each calling ``export`` with its format."""
        menu = QMenu(title, parent)
        for fmt, name in self.format_names().items():
            action = menu.addAction(name)
            action.setObjectName(f"export_{fmt.value}")
            action.triggered.connect(lambda _=False, f=fmt: export(f))
        return menu

    def install_file_menu(self, file_menu: QMenu, before: QAction,
                          current_article: Callable[[], int | None]) -> QMenu:
        """File ▸ Export: the article being read, every bookmark, every clipping."""
        menu = QMenu(self.tr("E&xport"), file_menu)
        menu.setObjectName("export_menu")
        menu.addMenu(self.format_menu(self.tr("&This article"), menu,
                                      lambda fmt: self._export_current(current_article(), fmt)))
        menu.addMenu(self.format_menu(self.tr("All &bookmarks"), menu, self.export_bookmarks))
        menu.addMenu(self.format_menu(self.tr("All &clippings"), menu, self.export_clippings))
        file_menu.insertMenu(before, menu)
        file_menu.insertSeparator(before)
        return menu

    def _export_current(self, article_id: int | None, fmt: ExportFormat) -> None:
        if article_id is None:
            self._messages.info(self.tr("Choose an article in the list first."))
        else:
            self.export_articles([article_id], fmt)

    # -- commands ---------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._token is not None

    def export_articles(self, article_ids: Sequence[int], fmt: ExportFormat) -> None:
        if article_ids:
            self._start(self._exports.select_articles(list(article_ids)), fmt)

    def export_bookmarks(self, fmt: ExportFormat) -> None:
        self._start(self._exports.select_bookmarks(), fmt)

    def export_clippings(self, fmt: ExportFormat) -> None:
        self._start(self._exports.select_clippings(), fmt)

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    # -- the steps ---------------------------------------------------------------------------

    def _start(self, select: Operation[Selection], fmt: ExportFormat) -> None:
        if self.busy:
            self._messages.info(self.tr("An export is already running."))
            return
        self._token = select.success(lambda selection: self._ask_where(selection, fmt)) \
            .failure(self._failed).run_in_background()

    def _ask_where(self, selection: Selection, fmt: ExportFormat) -> None:
        self._token = None
        name = self._exports.proposed_filename(selection, fmt)
        folder = self._settings.get("ui/export_folder") or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self._window, fill(self.tr("Export “%1”"), selection.title),
            str(Path(folder) / name), fill(self.tr("%1 files (*.%2)"),
                                           fmt.value.upper(), fmt.extension))
        if not path:
            return
        target = Path(path)
        if not target.name.endswith("." + fmt.extension):
            target = target.with_name(f"{target.name}.{fmt.extension}")
        self._settings.set("ui/export_folder", str(target.parent))
        self._show_progress(selection)
        self._token = self._exports.export(selection, fmt, target,
                                           ExportOptions(overwrite=True)) \
            .with_progress(self._on_progress).success(self._done) \
            .failure(self._failed).run_in_background()

    def _show_progress(self, selection: Selection) -> None:
        dialog = QProgressDialog(fill(self.tr("Exporting “%1”…"), selection.title),
                                 self.tr("Cancel"), 0, 0, self._window)
        dialog.setObjectName("export_progress")
        dialog.setWindowTitle(self.tr("Export"))
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self.progress_dialog = dialog

    def _on_progress(self, progress: Progress) -> None:
        if self.progress_dialog is not None and progress.total > 0:
            self.progress_dialog.setRange(0, progress.total)
            self.progress_dialog.setValue(min(progress.done, progress.total))

    def _close_progress(self) -> None:
        self._token = None
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _done(self, result: ExportResult) -> None:
        self._close_progress()
        text = fill(self.tr("Exported %1 entries to %2."), result.entries, result.path)
        if result.stale_count:
            text += " " + fill(self.tr("%1 clippings are no longer in their article's current "
                                       "text (marked in the export)."), result.stale_count)
        self._messages.info(text)

    def _failed(self, exc: KnownError) -> None:
        self._close_progress()
        if isinstance(exc, Cancelled):
            self._messages.info(self.tr("Export cancelled."))
        else:
            self._messages.error(fill(self.tr("Export failed: %1"), error_text(exc)))
