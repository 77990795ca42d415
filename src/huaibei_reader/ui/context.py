"""What the window is given by the composition root (ui.application): no globals, no registries.

``services`` is the window's only way to the library, the network and the exports: each of
its methods returns an ``Operation`` that runs on a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from huaibei_reader.app.settings import Settings
from huaibei_reader.app.window_services import WindowServices
from huaibei_reader.ui.messages import CrashLog, MessageChannel


@dataclass
class WindowContext:
    services: WindowServices
    settings: Settings
    messages: MessageChannel
    open_url: Callable[[str], object]  # the system browser
    open_sample: Callable[[], None] | None = None  # starts the sample edition's own window
    crash_log: CrashLog | None = None
    demo: bool = False
