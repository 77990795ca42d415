"""Everything the window may ask of the layers below, in one typed bundle of services.

Built by the composition root (``ui.application`` through ``build_window_services``, the
tests the same way); each service method returns an ``Operation`` that runs on the
runner's workers and hands back plain models on the GUI thread. The window holds this, never
the library, the HTTP client or the export code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from huaibei_reader.app.export_operations import ExportOperations
from huaibei_reader.app.library_operations import LibraryGate, LibraryService
from huaibei_reader.app.marks_service import MarksService
from huaibei_reader.app.operations import OperationRunner
from huaibei_reader.app.reading_service import ReadingService
from huaibei_reader.app.refresh_service import RefreshService
from huaibei_reader.app.services import Services, render_pdf
from huaibei_reader.app.source_service import SourceService
from huaibei_reader.cancel import CancelToken
from huaibei_reader.models import Source

if TYPE_CHECKING:
    from huaibei_reader.app.refresh import RefreshProgress, SourceReport
    from huaibei_reader.store import Library


@dataclass(frozen=True)
class WindowServices:
    library: LibraryService  # open, index for search, evict
    reading: ReadingService  # list pages, counts, search, open an article, mark read
    marks: MarksService  # bookmarks, clippings, tags
    sources: SourceService  # list, add (detect), rename, remove, OPML
    refresh: RefreshService
    exports: ExportOperations


def build_window_services(services: Services, runner: OperationRunner, *,
                          open_library: Callable[[], Library] | None = None) -> WindowServices:
    """The window's services over ``services`` (its library, HTTP client and site rules);
    ``open_library`` replaces ``services.library`` as the way the library is opened (the
    demo adds its sample source there)."""
    gate = LibraryGate(open_library or (lambda: services.library))

    # The refresh pipeline and detection (feedparser, discovery, extraction: about 0.2 s of
    # imports, python -X importtime) load on a worker when first used, not before the
    # window shows.
    def detect(url: str, name: str | None) -> Source:
        """A built-in source by its name or alias (as the rules files declare it, no request),
        otherwise what the address holds."""
        from huaibei_reader.sources.detect import builtin_source, detect_source

        return (builtin_source(url, services.site_rules, name=name)
                or detect_source(url, services.http_client, name=name))

    def refresh(library: Library, sources: list[Source],
                progress: Callable[[RefreshProgress], None],
                cancel: CancelToken) -> list[SourceReport]:
        from huaibei_reader.app.refresh import refresh_sources

        return refresh_sources(sources, library=library, client=services.http_client,
                               site_rules=services.site_rules, progress=progress,
                               cancel=cancel)

    return WindowServices(library=LibraryService(runner, gate),
                          reading=ReadingService(runner, gate),
                          marks=MarksService(runner, gate),
                          sources=SourceService(runner, gate, detect),
                          refresh=RefreshService(runner, gate, refresh),
                          exports=ExportOperations(runner, gate, pdf_renderer=render_pdf))
