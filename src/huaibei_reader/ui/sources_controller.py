"""The sidebar's sources: list them with their unread counts, add (detected on a worker),
rename, remove, and OPML import and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from huaibei_reader.app.reading_service import ReadingService, SidebarCounts
from huaibei_reader.app.source_service import SourceService
from huaibei_reader.models import Source
from huaibei_reader.ui.messages import MessageChannel
from huaibei_reader.ui.sidebar import Sidebar


class SourcesController(QObject):
    sources_listed = Signal(object, bool)  # list[Source], and whether for the first time
    source_added = Signal(object)  # the Source, stored

    def __init__(self, *, window: QWidget, sidebar: Sidebar, sources: SourceService,
                 reading: ReadingService, messages: MessageChannel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window  # parent of the dialogs
        self.sidebar = sidebar
        self._sources = sources
        self._reading = reading
        self._messages = messages
        self.library_open = False
        self.loaded = False  # listed once since the library opened
        sidebar.rename_requested.connect(lambda sid: self.rename_source(sid))
        sidebar.remove_requested.connect(lambda sid: self.remove_source(sid))

    # ------------------------------------------------------------------ listing
    def reload_sources(self, select: str | None = None) -> None:
        if not self.library_open:
            return
        self._sources.all().success(lambda found: self._on_sources_listed(found, select)) \
            .latest_wins("list-sources").run_in_background()

    def _on_sources_listed(self, sources: list[Source], select: str | None) -> None:
        self.sidebar.set_sources(sources)
        first_time = not self.loaded
        self.loaded = True
        if (select is not None or not self.sidebar.current_key()) and \
                not self.sidebar.select_key(select or "all"):
            self.sidebar.select_key("all")
        self.reload_counts()
        self.sources_listed.emit(sources, first_time)

    def reload_counts(self) -> None:
        if not self.library_open:
            return
        source_ids = [s.id for s in self.sidebar.sources() if s.id is not None]
        self._reading.counts(source_ids).success(self._on_counts_read) \
            .failure(lambda exc: None).latest_wins("counts").run_in_background()

    def _on_counts_read(self, counts: SidebarCounts) -> None:
        keyed = {"unread": counts.unread, "bookmarks": counts.bookmarks}
        keyed.update({f"source:{sid}": n for sid, n in counts.unread_by_source.items()})
        self.sidebar.set_counts(keyed)

    # ------------------------------------------------------------------ edit
    def add_source(self, url: str | None = None, name: str | None = None) -> None:
        """Ask for a URL (or take the one given), detect site or feed, store, refresh it."""
        from huaibei_reader.ui.dialogs import AddSourceDialog  # a dialog seldom opened

        if url is None:
            dialog = AddSourceDialog(self._window)
            if not dialog.exec():
                return
            url, name = dialog.url.text().strip(), dialog.name.text().strip() or None
        if not self.library_open:
            return
        self._messages.info(self.tr("Looking at %1…").replace("%1", url))
        self._sources.add(url, name).success(self._on_source_added) \
            .failure(lambda exc: self._messages.error(
                self.tr("Cannot add %1: %2").replace("%1", url).replace("%2", str(exc)))) \
            .run_in_background()

    def _on_source_added(self, source: Source) -> None:
        kind = self.tr("feed") if source.kind == "feed" else self.tr("site")
        self._messages.info(self.tr("Added %1 (%2).").replace("%1", source.name)
                            .replace("%2", kind))
        self.reload_sources(select=f"source:{source.id}")
        self.source_added.emit(source)

    def rename_source(self, source_id: int, new_name: str | None = None) -> None:
        source = self.sidebar.source(source_id)
        if source is None or not self.library_open:
            return
        if new_name is None:
            new_name, ok = QInputDialog.getText(self._window, self.tr("Rename source"),
                                                self.tr("New name:"),
                                                QLineEdit.EchoMode.Normal, source.name)
            if not ok:
                return
        name = new_name.strip()
        if not name or name == source.name:
            return
        self._sources.rename(source_id, name).success(lambda _: self.reload_sources()) \
            .failure(lambda exc: self._messages.error(str(exc))).run_in_background()

    def remove_source(self, source_id: int, *, confirm: bool = True) -> None:
        source = self.sidebar.source(source_id)
        if source is None or not self.library_open:
            return
        if confirm:
            answer = QMessageBox.question(
                self._window, self.tr("Remove source"),
                self.tr("Remove “%1” and its articles from the library?").replace(
                    "%1", source.name))
            if answer != QMessageBox.StandardButton.Yes:
                return

        def done(_: None) -> None:
            self._messages.info(self.tr("Removed %1.").replace("%1", source.name))
            self.reload_sources(select="all")

        self._sources.remove(source_id).success(done) \
            .failure(lambda exc: self._messages.error(str(exc))).run_in_background()

    # ------------------------------------------------------------------ OPML
    def import_opml(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Import OPML"), "",
                                                  self.tr("OPML files (*.opml *.xml)"))
        if not path or not self.library_open:
            return

        def done(added: int) -> None:
            self._messages.info(self.tr("Imported %1 sources.").replace("%1", str(added)))
            self.reload_sources()

        self._sources.import_opml(Path(path)).success(done) \
            .failure(lambda exc: self._messages.error(str(exc))).run_in_background()

    def export_opml(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self._window, self.tr("Export OPML"),
                                                  "huaibei-reader.opml",
                                                  self.tr("OPML files (*.opml)"))
        if not path or not self.library_open:
            return
        self._sources.export_opml(Path(path)).success(lambda n: self._messages.info(
            self.tr("Exported %1 sources.").replace("%1", str(n)))) \
            .failure(lambda exc: self._messages.error(str(exc))).run_in_background()
