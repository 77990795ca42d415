"""What the window is given by the composition root (app/gui.py): no globals, no registries.

The callables run the domain layers (refresh, source detection, OPML); the window calls the
slow ones only inside background operations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from huaibei_reader.app.operations import OperationContext, OperationRunner
from huaibei_reader.app.settings import Settings
from huaibei_reader.models import Source
from huaibei_reader.ui.messages import CrashLog, MessageChannel


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


@dataclass
class WindowContext:
    runner: OperationRunner
    settings: Settings
    messages: MessageChannel
    data_dir: Path
    #: Opens (or returns) the library; called on a worker thread.
    open_library: Callable[[], Any]
    #: Refreshes the given sources into the library; worker thread.
    refresh: Callable[[Any, list[Source], OperationContext], RefreshOutcome]
    #: Detects a site or feed at a URL; worker thread (network).
    detect_source: Callable[[str, str | None], Source]
    read_opml: Callable[[bytes], list[Source]]
    write_opml: Callable[[list[Source]], bytes]
    open_url: Callable[[str], None]
    open_sample: Callable[[], None] | None = None
    crash_log: CrashLog | None = None
    demo: bool = False
    extras: dict[str, Any] = field(default_factory=dict)
