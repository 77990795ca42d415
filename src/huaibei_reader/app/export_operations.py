"""Exports for the window: choose what to export, propose a file name, write it, on a worker.

The window's export menus (issue 15) build on this::

    exports.select_bookmarks(tag=None).success(ask_where).run_in_background()
    name = exports.proposed_filename(selection, "pdf")          # for the save dialog
    exports.export(selection, "pdf", folder / name, style="apa") \\
        .success(say_done).failure(show_error).run_in_background()

``Selection`` is handed back to the window only to be passed in again; the rendering and
writing happen on the worker (PDF needs Qt: ``app.pdf``, loaded on first use).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from huaibei_reader.app.library_operations import LibraryOperations
from huaibei_reader.app.operations import Operation, OperationContext
from huaibei_reader.export import service as export_service
from huaibei_reader.export.citation import STYLES
from huaibei_reader.export.filenames import safe_filename
from huaibei_reader.export.service import EXTENSIONS, FORMATS, Selection

if TYPE_CHECKING:
    from huaibei_reader.store import Library

__all__ = ["ExportDone", "ExportOperations", "Selection"]


@dataclass(frozen=True)
class ExportDone:
    path: Path  # the file written
    entries: int  # articles (or articles with clippings) in it
    stale_count: int  # clippings whose quote is no longer in their article's current text


class ExportOperations(LibraryOperations):
    formats: tuple[str, ...] = FORMATS  # md, html, pdf, docx, txt, json, warc
    styles: tuple[str, ...] = STYLES  # citation styles; None picks by each article's language

    def select_articles(self, ids: Sequence[int]) -> Operation[Selection]:
        wanted = list(ids)
        return self._operation(
            lambda library, ctx: export_service.select_articles(library, wanted))

    def select_bookmarks(self, tag: str | None = None) -> Operation[Selection]:
        """Every bookmarked article (of one tag); an ``InputError`` when there are none."""
        return self._operation(
            lambda library, ctx: export_service.select_bookmarks(library, tag=tag))

    def select_clippings(self, tag: str | None = None) -> Operation[Selection]:
        """Clippings (of one tag) grouped by article; an ``InputError`` when there are none."""
        return self._operation(
            lambda library, ctx: export_service.select_clippings(library, tag=tag))

    @staticmethod
    def proposed_filename(selection: Selection, fmt: str) -> str:
        """A file name for a save dialog: the selection's title, safe on every system."""
        return safe_filename(selection.title, EXTENSIONS.get(fmt, fmt))

    def export(self, selection: Selection, fmt: str, target: Path, *,
               style: str | None = None, overwrite: bool = False) -> Operation[ExportDone]:
        """Render and write ``selection`` (``target``: a file, or a folder named after the
        title); an ``InputError`` when the file exists and ``overwrite`` is false."""

        def work(library: Library, ctx: OperationContext) -> ExportDone:
            path = export_service.export(selection, library, fmt=fmt, target=Path(target),
                                         style=style, overwrite=overwrite)
            return ExportDone(path, len(selection.entries), selection.stale_count)

        return self._operation(work)
