"""The window's sources: list, add (detect site or feed on a worker), rename, remove, OPML.

Each method returns an ``Operation``; detection needs the network, so the composition root
hands in ``detect`` (``sources.detect.detect_source`` over its HTTP client). File reads and
writes (OPML) happen on the worker too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from huaibei_reader.app.library_operations import LibraryGate, LibraryOperations
from huaibei_reader.app.operations import Operation, OperationContext, OperationRunner
from huaibei_reader.errors import InputError
from huaibei_reader.models import Source

if TYPE_CHECKING:
    from huaibei_reader.store import Library

#: Finds what to follow at a URL (or a built-in source's name); worker thread, network.
Detect = Callable[[str, str | None], Source]


class SourceService(LibraryOperations):
    def __init__(self, runner: OperationRunner, gate: LibraryGate, detect: Detect) -> None:
        super().__init__(runner, gate)
        self._detect = detect

    def all(self) -> Operation[list[Source]]:
        return self._operation(lambda library, ctx: list(library.sources.all()))

    def add(self, url: str, name: str | None = None) -> Operation[Source]:
        """Detect what ``url`` is (progress: one step labelled with the URL) and store it;
        an ``InputError`` when a source of that name exists, a ``NetworkError`` when the
        URL cannot be fetched."""
        detect = self._detect

        def work(library: Library, ctx: OperationContext) -> Source:
            ctx.progress(0, 0, url)
            return library.sources.add(detect(url, name))

        return self._operation(work)

    def rename(self, source_id: int, name: str) -> Operation[None]:
        return self._operation(lambda library, ctx: library.sources.rename(source_id, name))

    def remove(self, source_id: int) -> Operation[None]:
        """Remove a source and its articles (bookmarked and clipped ones stay)."""
        return self._operation(lambda library, ctx: library.sources.remove(source_id))

    def import_opml(self, path: Path) -> Operation[int]:
        """Add the sources of an OPML file not already followed; returns how many."""

        def work(library: Library, ctx: OperationContext) -> int:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                raise InputError(f"cannot read {path}: {exc.strerror}") from exc
            from huaibei_reader.sources.opml import read_opml  # defusedxml: first use only

            known = {s.url for s in library.sources.all()}
            added = 0
            for source in read_opml(data):
                if source.url in known:
                    continue
                library.sources.add(source)
                known.add(source.url)
                added += 1
            return added

        return self._operation(work)

    def export_opml(self, path: Path) -> Operation[int]:
        """Write every source to an OPML file; returns how many."""

        def work(library: Library, ctx: OperationContext) -> int:
            from huaibei_reader.sources.opml import write_opml  # first use only

            sources = library.sources.all()
            try:
                Path(path).write_bytes(write_opml(sources))
            except OSError as exc:
                raise InputError(f"cannot write {path}: {exc.strerror}") from exc
            return len(sources)

        return self._operation(work)
