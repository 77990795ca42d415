"""The window's refresh: ``app.refresh`` on a worker, summed up once for the window.

``refresh_sources`` reports ``RefreshProgress`` and returns a ``SourceReport`` per source;
this module turns each progress report into the operation's ``Progress`` (one label: the
source and what happens) and the reports into one ``RefreshOutcome``: the only two shapes
the window sees.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from huaibei_reader.app.library_operations import LibraryGate, LibraryOperations
from huaibei_reader.app.operations import Operation, OperationContext, OperationRunner
from huaibei_reader.cancel import CancelToken
from huaibei_reader.models import Source

if TYPE_CHECKING:
    from huaibei_reader.app.refresh_report import RefreshProgress, SourceReport
    from huaibei_reader.store import Library

#: Runs ``app.refresh.refresh_sources`` over the library with the composition root's HTTP
#: client and site rules: (library, sources, progress, cancel) -> reports.
RefreshSources = Callable[["Library", list[Source], Callable[["RefreshProgress"], None],
                           CancelToken], list["SourceReport"]]


@dataclass(frozen=True)
class RefreshOutcome:
    """A finished refresh, summed up for the window."""

    new: int
    updated: int
    failed_sources: dict[int, str]  # source id -> reason
    sources: int
    failed_pages: int = 0
    notes: tuple[str, ...] = ()  # one line per host given up on (app.refresh's own words)

    @property
    def offline(self) -> bool:
        """Every source failed: most likely no network (the stored library stays readable)."""
        return self.sources > 0 and len(self.failed_sources) == self.sources

    @classmethod
    def from_reports(cls, reports: Sequence[SourceReport]) -> RefreshOutcome:
        notes = dict.fromkeys(note for r in reports for note in r.notes())  # each host once
        return cls(new=sum(r.new for r in reports), updated=sum(r.updated for r in reports),
                   failed_sources={r.source.id: r.error for r in reports
                                   if r.error and r.source.id is not None},
                   sources=len(reports), failed_pages=sum(len(r.failed) for r in reports),
                   notes=tuple(notes))


def progress_label(progress: RefreshProgress) -> str:
    """"<source>: <what happens>", the refresh's progress as one line."""
    return f"{progress.source}: {progress.message}" if progress.message else progress.source


class RefreshService(LibraryOperations):
    def __init__(self, runner: OperationRunner, gate: LibraryGate,
                 refresh_sources: RefreshSources) -> None:
        super().__init__(runner, gate)
        self._refresh_sources = refresh_sources

    def refresh(self, source_ids: Sequence[int] | None = None) -> Operation[RefreshOutcome]:
        """Fetch what is new on the given sources (None: all). Progress: done of total
        articles of the source being read, labelled by ``progress_label``. Fails with
        ``RefreshCancelled`` (a ``Cancelled`` saying what was saved, which stays) or a
        ``LibraryError``."""
        wanted = None if source_ids is None else set(source_ids)
        refresh_sources = self._refresh_sources

        def work(library: Library, ctx: OperationContext) -> RefreshOutcome:
            sources = [s for s in library.sources.all() if wanted is None or s.id in wanted]

            def report(progress: RefreshProgress) -> None:
                ctx.progress(progress.done, progress.total, progress_label(progress))

            return RefreshOutcome.from_reports(refresh_sources(library, sources, report,
                                                               ctx.cancel))

        return self._operation(work)
