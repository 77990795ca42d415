"""The window's way to the library: opened once on a worker, then reached only by operations.

The composition root gives the opener (``Services.library``, plus the demo's sample source).
Every service the window calls (reading, marks, sources, refresh, exports) derives from
``LibraryOperations``: each method returns an ``Operation`` whose function gets the library
on a worker thread, and hands back plain models on the GUI thread. No widget holds the
library and nothing reaches it from the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from huaibei_reader.app.operations import Operation, OperationContext, OperationRunner

if TYPE_CHECKING:
    from huaibei_reader.store import Library
    from huaibei_reader.store.salvage import SalvageReport

T = TypeVar("T")


class LibraryGate:
    """Opens the library on first use (thread-safe) and returns the same one afterwards."""

    def __init__(self, open_library: Callable[[], Library]) -> None:
        self._open = open_library
        self._library: Library | None = None
        self._lock = threading.Lock()

    def library(self) -> Library:
        """The open library (worker thread); the first call opens it. A failure raises the
        opener's ``LibraryError``, and the next call tries again."""
        library = self._library
        if library is not None:
            return library
        with self._lock:
            if self._library is None:
                self._library = self._open()
            return self._library


class LibraryOperations:
    """Base of the window's services: operations that run a function over the library."""

    def __init__(self, runner: OperationRunner, gate: LibraryGate) -> None:
        self._runner = runner
        self._gate = gate

    def _operation(self, work: Callable[[Library, OperationContext], T]) -> Operation[T]:
        gate = self._gate
        return Operation(self._runner, lambda ctx: work(gate.library(), ctx))


@dataclass(frozen=True)
class LibraryStatus:
    """The library as it opened: ``moved_aside`` names a damaged file moved away (a new
    library was started in its place, holding what ``salvaged`` says could be copied out of
    it); ``read_only``: it can be read, not changed."""

    moved_aside: Path | None
    read_only: bool = False
    path: Path | None = None
    salvaged: SalvageReport | None = None


class LibraryService(LibraryOperations):
    """Opening the library and the upkeep the window runs in the background."""

    def open(self) -> Operation[LibraryStatus]:
        return self._operation(lambda library, ctx: LibraryStatus(
            library.moved_aside, library.read_only, library.path, library.salvaged))

    def index_search_queue(self) -> Operation[int]:
        """Index the texts saved since the last time (saving only queues them; search reads
        the queue until then). Stops at shutdown between two chunks; returns texts indexed."""
        return self._operation(
            lambda library, ctx: int(library.search.index_pending(cancel=ctx.cancel)))

    def evict(self, max_bytes: int) -> Operation[int]:
        """Remove the oldest articles until the library fits ``max_bytes`` (bookmarked and
        clipped ones stay); returns how many were removed."""
        return self._operation(lambda library, ctx: int(library.evict(max_bytes=max_bytes)))
