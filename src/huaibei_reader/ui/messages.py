"""One channel for messages meant for the user, buffered until the window can show them.

Routine problems (a source failed, the network is down) are shown quietly in the status bar or
a banner, never in a modal box. Bugs are different: they go to the crash log (``CrashLog``) and
a non-blocking notice.
"""

from __future__ import annotations

import datetime as _dt
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    text: str
    level: str = "info"  # info | warning | error


class MessageChannel(QObject):
    """Post messages from anywhere on the GUI thread; a sink shows them once attached."""

    posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer: list[Message] = []
        self._sink: Callable[[Message], None] | None = None
        self.history: list[Message] = []

    def attach(self, sink: Callable[[Message], None]) -> None:
        """Start delivering to ``sink``; buffered messages are delivered first, in order."""
        self._sink = sink
        pending, self._buffer = self._buffer, []
        for message in pending:
            sink(message)

    def detach(self) -> None:
        self._sink = None

    def post(self, text: str, level: str = "info") -> None:
        message = Message(text, level)
        self.history.append(message)
        del self.history[:-200]
        self.posted.emit(message)
        if self._sink is None:
            self._buffer.append(message)
        else:
            self._sink(message)

    def info(self, text: str) -> None:
        self.post(text, "info")

    def warning(self, text: str) -> None:
        self.post(text, "warning")

    def error(self, text: str) -> None:
        self.post(text, "error")


class CrashLog:
    """Appends bug reports (tracebacks) to a file in the data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, exc: BaseException, details: str = "") -> Path:
        text = details or "".join(traceback.format_exception(exc))
        stamp = _dt.datetime.now().isoformat(timespec="seconds")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(f"--- {stamp}\n{text}\n")
        except OSError:
            log.error("could not write the crash log %s:\n%s", self.path, text)
        return self.path
