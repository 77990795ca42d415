"""The window's composition root, the part without widgets: HTTP settings from preferences,
the library opener (with the demo's sample source), the window's services.

``ui.application`` builds the QApplication and the window on top of these; nothing here
imports ``ui``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from huaibei_reader.app.operations import OperationRunner
from huaibei_reader.app.services import Services
from huaibei_reader.app.window_services import WindowServices, build_window_services
from huaibei_reader.demo import DEMO_PORT, SampleEditionServer
from huaibei_reader.models import Source

if TYPE_CHECKING:
    from huaibei_reader.store import Library

# SQLite page cache of each of the window's library connections (one per worker thread, up
# to the runner's 8). Paging 100,000 list rows filled the default 16 MB of every connection
# that served a page; 4 MB kept list pages and searches as fast (benchmarks/results/ui.md).
WINDOW_CACHE_KIB = 4_000
SAMPLE_SOURCE_NAME = "今日淮北 (示例)"


def sample_edition_opener(services: Services, base_url: str) -> Callable[[], Library]:
    """Opens the demo's library (worker thread) with the sample edition served at
    ``base_url`` among its sources."""

    def open_library() -> Library:
        library = services.library
        names = {s.name: s for s in library.sources.all()}
        sample = names.get(SAMPLE_SOURCE_NAME)
        if sample is not None and sample.url != base_url and sample.id is not None:
            library.sources.remove(sample.id)  # the port changed since last time
            sample = None
        if sample is None:
            library.sources.add(Source(id=None, name=SAMPLE_SOURCE_NAME, url=base_url,
                                       kind="site"))
        return library

    return open_library


def serve_sample_edition(*, any_port: bool = False) -> SampleEditionServer:
    """The sample edition served on loopback (its usual port, or any free one for the
    self-test); raises ``DemoUnavailable`` (a ``KnownError``) when it cannot be."""
    server = SampleEditionServer(port=0 if any_port else DEMO_PORT)
    server.start()
    return server


def window_services(services: Services, runner: OperationRunner, *,
                    sample_url: str | None = None) -> WindowServices:
    """The window's services over ``services``; ``sample_url``: the demo's edition."""
    opener = None if sample_url is None else sample_edition_opener(services, sample_url)
    return build_window_services(services, runner, open_library=opener)


_NOISE = ("propagateSizeHints",)


def quiet_platform_noise() -> None:
    """Drop the offscreen platform's 'does not support propagateSizeHints()' line; keep the
    rest of Qt's messages on stderr."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if any(n in message for n in _NOISE):
            return
        if kind != QtMsgType.QtDebugMsg or os.environ.get("HUAIBEI_READER_DEBUG"):
            print(message, file=sys.stderr)

    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        qInstallMessageHandler(handler)
