"""Exports for the window: choose what to export, propose a file name, write it, on a worker.

The window's export menus (issue 15) build on this::

    exports.select_bookmarks(tag=None).success(ask_where).run_in_background()
    name = exports.proposed_filename(selection, ExportFormat.PDF)   # for the save dialog
    exports.export(selection, ExportFormat.PDF, folder / name, ExportOptions(style="apa")) \\
        .with_progress(show).success(say_done).failure(show_error).run_in_background()

It runs ``export.service.ExportService`` over the window's library; the types the window
handles (``Selection``, ``ExportFormat``, ``ExportOptions``, ``ExportResult``, ``ImageMode``)
are offered here, so the window needs nothing below ``app``. Progress comes as the
operation's ``Progress``: ``done`` of ``total`` steps, labelled with the stage (reading,
rendering, writing); the operation's cancel token stops the export between steps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from huaibei_reader.app.library_operations import LibraryGate, LibraryOperations
from huaibei_reader.app.operations import Operation, OperationContext, OperationRunner
from huaibei_reader.export.filenames import safe_filename
from huaibei_reader.export.service import (
    STYLES,
    ExportFormat,
    ExportOptions,
    ExportProgress,
    ExportResult,
    ExportService,
    ImageMode,
    PdfRenderer,
    Selection,
)

if TYPE_CHECKING:
    from huaibei_reader.store import Library

__all__ = ["ExportFormat", "ExportOperations", "ExportOptions", "ExportResult", "ImageMode",
           "Selection"]


class ExportOperations(LibraryOperations):
    def __init__(self, runner: OperationRunner, gate: LibraryGate, *,
                 pdf_renderer: PdfRenderer | None = None) -> None:
        super().__init__(runner, gate)
        self._pdf = pdf_renderer

    @property
    def formats(self) -> tuple[ExportFormat, ...]:
        """The formats the window can offer (PDF only with a renderer)."""
        return tuple(f for f in ExportFormat if f is not ExportFormat.PDF or self._pdf)

    styles: tuple[str, ...] = STYLES  # citation styles; None picks by each article's language

    def _service(self, library: Library) -> ExportService:
        return ExportService(library, pdf_renderer=self._pdf)

    @staticmethod
    def _report(ctx: OperationContext) -> Callable[[ExportProgress], None]:
        return lambda p: ctx.progress(p.done, p.total, p.stage.value)

    def select_articles(self, ids: Sequence[int]) -> Operation[Selection]:
        wanted = list(ids)
        return self._operation(lambda library, ctx: self._service(library).select_articles(
            wanted, progress=self._report(ctx), cancel=ctx.cancel))

    def select_bookmarks(self, tag: str | None = None) -> Operation[Selection]:
        """Every bookmarked article (of one tag); an ``InputError`` when there are none."""
        return self._operation(lambda library, ctx: self._service(library).select_bookmarks(
            tag=tag, progress=self._report(ctx), cancel=ctx.cancel))

    def select_clippings(self, tag: str | None = None) -> Operation[Selection]:
        """Clippings (of one tag) grouped by article; an ``InputError`` when there are none."""
        return self._operation(lambda library, ctx: self._service(library).select_clippings(
            tag=tag, progress=self._report(ctx), cancel=ctx.cancel))

    @staticmethod
    def proposed_filename(selection: Selection, fmt: ExportFormat) -> str:
        """A file name for a save dialog: the selection's title, safe on every system."""
        return safe_filename(selection.title, ExportFormat(fmt).extension)

    def export(self, selection: Selection, fmt: ExportFormat, target: Path,
               options: ExportOptions | None = None) -> Operation[ExportResult]:
        """Render and write ``selection`` (``target``: a file, or a folder named after the
        title). Fails with ``TargetExists`` (unless ``options.overwrite``) or ``CannotWrite``,
        each naming the target."""
        chosen = options or ExportOptions()
        return self._operation(lambda library, ctx: self._service(library).export(
            selection, fmt, Path(target), chosen, progress=self._report(ctx),
            cancel=ctx.cancel))
