"""A cancel token that long-running domain functions check between steps."""

from __future__ import annotations

import threading

from huaibei_reader.errors import Cancelled


class CancelToken:
    """Set once by whoever started the work; checked by the work itself."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; return True early if cancelled (for polite delays)."""
        return self._event.wait(seconds)
