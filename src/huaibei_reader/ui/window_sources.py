"""The window's source management, counts, preferences and clippings (a mixin of MainWindow).

Kept apart so the main window module stays readable; every library or network call here also
runs as a background Operation.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QLineEdit, QMessageBox

from huaibei_reader.app.operations import Operation, OperationContext
from huaibei_reader.errors import InputError
from huaibei_reader.models import Source
from huaibei_reader.ui.clip_dialog import ClipDialog
from huaibei_reader.ui.clippings_view import ClippingsView

if TYPE_CHECKING:
    from huaibei_reader.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class SourcesMixin(_Base):
    _sources_loaded_once = False

    @property
    def sources_loaded(self) -> bool:
        """True once the sources were listed after the library opened."""
        return self._sources_loaded_once

    # ------------------------------------------------------------------ listing
    def reload_sources(self, select: str | None = None) -> None:
        library = self.library
        if library is None:
            return

        def work(ctx: OperationContext) -> list[Source]:
            return list(library.sources.all())

        Operation(self.runner, work).success(lambda s: self._on_sources_listed(s, select)) \
            .latest_wins("list-sources").run_in_background()

    def _on_sources_listed(self, sources: list[Source], select: str | None) -> None:
        self.sidebar.set_sources(sources)
        first_time = not self._sources_loaded_once
        self._sources_loaded_once = True
        if select is not None or not self.sidebar.current_key():
            if not self.sidebar.select_key(select or "all"):
                self.sidebar.select_key("all")
        self.reload_counts()
        self.after_sources_loaded(sources, first_time)

    def reload_counts(self) -> None:
        library = self.library
        if library is None:
            return
        source_ids = [s.id for s in self.sidebar.sources() if s.id is not None]

        def work(ctx: OperationContext) -> dict[str, int]:
            counts = {"unread": library.articles.count(unread=True),
                      "bookmarks": library.articles.count(bookmarked=True)}
            for sid in source_ids:
                counts[f"source:{sid}"] = library.articles.count(source_id=sid, unread=True)
            return counts

        Operation(self.runner, work).success(self.sidebar.set_counts) \
            .failure(lambda exc: None).latest_wins("counts").run_in_background()

    # ------------------------------------------------------------------ edit
    def add_source(self, url: str | None = None, name: str | None = None) -> None:
        """Ask for a URL (or take the one given), detect site or feed, store, refresh it."""
        from huaibei_reader.ui.dialogs import AddSourceDialog

        if url is None:
            dialog = AddSourceDialog(self)
            if not dialog.exec():
                return
            url, name = dialog.url.text().strip(), dialog.name.text().strip() or None
        library, detect = self.library, self.ctx.detect_source
        if library is None:
            return

        def work(ctx: OperationContext) -> Source:
            ctx.progress(0, 0, url)
            source = detect(url, name)
            return library.sources.add(source)

        self.ctx.messages.info(self.tr("Looking at %1…").replace("%1", url))
        Operation(self.runner, work).success(self._on_source_added) \
            .failure(lambda exc: self.ctx.messages.error(
                self.tr("Cannot add %1: %2").replace("%1", url).replace("%2", str(exc)))) \
            .run_in_background()

    def _on_source_added(self, source: Source) -> None:
        kind = self.tr("feed") if source.kind == "feed" else self.tr("site")
        self.ctx.messages.info(self.tr("Added %1 (%2).").replace("%1", source.name)
                               .replace("%2", kind))
        self.reload_sources(select=f"source:{source.id}")
        if source.id is not None:
            self.start_refresh([source.id])

    def rename_source(self, source_id: int, new_name: str | None = None) -> None:
        source = self.sidebar.source(source_id)
        if source is None or self.library is None:
            return
        if new_name is None:
            new_name, ok = QInputDialog.getText(self, self.tr("Rename source"),
                                                self.tr("New name:"),
                                                QLineEdit.EchoMode.Normal, source.name)
            if not ok:
                return
        name = new_name.strip()
        if not name or name == source.name:
            return
        library = self.library
        Operation(self.runner, lambda ctx: library.sources.rename(source_id, name)) \
            .success(lambda _: self.reload_sources()) \
            .failure(lambda exc: self.ctx.messages.error(str(exc))).run_in_background()

    def remove_source(self, source_id: int, *, confirm: bool = True) -> None:
        source = self.sidebar.source(source_id)
        if source is None or self.library is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Remove source"),
                self.tr("Remove “%1” and its articles from the library?").replace(
                    "%1", source.name))
            if answer != QMessageBox.StandardButton.Yes:
                return
        library = self.library

        def done(_: Any) -> None:
            self.ctx.messages.info(self.tr("Removed %1.").replace("%1", source.name))
            self.reload_sources(select="all")

        Operation(self.runner, lambda ctx: library.sources.remove(source_id)).success(done) \
            .failure(lambda exc: self.ctx.messages.error(str(exc))).run_in_background()

    # ------------------------------------------------------------------ OPML
    def import_opml(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import OPML"), "",
                                                  self.tr("OPML files (*.opml *.xml)"))
        if not path or self.library is None:
            return
        library, read_opml = self.library, self.ctx.read_opml

        def work(ctx: OperationContext) -> int:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                raise InputError(f"cannot read {path}: {exc.strerror}") from exc
            known = {s.url for s in library.sources.all()}
            added = 0
            for source in read_opml(data):
                if source.url in known:
                    continue
                library.sources.add(source)
                known.add(source.url)
                added += 1
            return added

        def done(added: int) -> None:
            self.ctx.messages.info(self.tr("Imported %1 sources.").replace("%1", str(added)))
            self.reload_sources()

        Operation(self.runner, work).success(done) \
            .failure(lambda exc: self.ctx.messages.error(str(exc))).run_in_background()

    def export_opml(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export OPML"),
                                                  "huaibei-reader.opml",
                                                  self.tr("OPML files (*.opml)"))
        if not path or self.library is None:
            return
        library, write_opml = self.library, self.ctx.write_opml

        def work(ctx: OperationContext) -> int:
            sources = library.sources.all()
            try:
                Path(path).write_bytes(write_opml(sources))
            except OSError as exc:
                raise InputError(f"cannot write {path}: {exc.strerror}") from exc
            return len(sources)

        Operation(self.runner, work).success(lambda n: self.ctx.messages.info(
            self.tr("Exported %1 sources.").replace("%1", str(n)))) \
            .failure(lambda exc: self.ctx.messages.error(str(exc))).run_in_background()

    # ------------------------------------------------------------------ preferences
    def show_preferences(self) -> None:
        from huaibei_reader.ui.dialogs import PreferencesDialog

        before = (self.settings.get("ui/language"), self.settings.get("ui/theme"))
        dialog = PreferencesDialog(self.settings, self)
        if not dialog.exec():
            return
        self.reader.font_family = self.settings.get("reader/font_family")
        self.reader.font_size = self.settings.get("reader/font_size")
        self.reader.rerender()
        self.apply_refresh_interval()
        after = (self.settings.get("ui/language"), self.settings.get("ui/theme"))
        if after != before:
            self.restart_requested.emit()

    # ------------------------------------------------------------------ clippings
    def _show_clippings(self) -> None:
        if self._clippings_view is None:
            self._clippings_view = self._make_clippings_view()
            self.right.addWidget(self._clippings_view)
        self.right.setCurrentWidget(self._clippings_view)

    def _make_clippings_view(self) -> Any:
        if self.library is None:
            label = QLabel(self.tr("The library is still opening."), self)
            label.setWordWrap(True)
            return label
        view = ClippingsView(self.library, self)
        view.openArticleRequested.connect(self._on_clippings_open_article_requested)
        view.errorOccurred.connect(self.ctx.messages.error)
        return view

    def _on_clippings_open_article_requested(self, article_id: int) -> None:
        self.right.setCurrentWidget(self.reader)
        self.open_article(article_id)

    def _reload_clippings(self) -> None:
        view = self._clippings_view
        if view is not None and hasattr(view, "reload"):
            view.reload()

    def clip_selection(self) -> None:
        if self.reader.current is None:
            return
        quote = self.selected_quote()
        if not quote:
            self.ctx.messages.info(self.tr("Select some text in the article to clip it."))
            return
        library, item = self.library, self.reader.current.item

        def known_tags(ctx: OperationContext) -> list[str]:
            return list(library.marks.tags())

        def ask(tags: list[str]) -> None:
            clipping = ClipDialog.ask(self, item, quote, known_tags=tags)
            if clipping is None:
                return
            Operation(self.runner, lambda ctx: library.marks.add_clipping(clipping)) \
                .success(lambda _: (self.ctx.messages.info(self.tr("Clipping saved.")),
                                    self._reload_clippings())) \
                .failure(lambda exc: self.ctx.messages.error(str(exc))).run_in_background()

        Operation(self.runner, known_tags).success(ask) \
            .failure(lambda exc: self.ctx.messages.error(str(exc))).run_in_background()
