"""The politeness bound: at most N requests in flight per host and a minimum gap between starts.

Shared by every worker thread of one client, so the bound holds however many threads fetch.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from huaibei_reader.cancel import CancelToken

_POLL = 0.1  # how often a waiting thread looks at its cancel token


class _Host:
    __slots__ = ("slots", "next_start", "delay")

    def __init__(self, limit: int, delay: float) -> None:
        self.slots = threading.BoundedSemaphore(limit)
        self.next_start = 0.0  # monotonic time before which no request may start
        self.delay = delay


class HostGate:
    """Per-host semaphores plus a per-host clock for the minimum delay."""

    def __init__(self, limit: int, min_delay: float = 0.0) -> None:
        self._limit = limit
        self._min_delay = max(0.0, min_delay)
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, host: str) -> _Host:
        with self._lock:
            h = self._hosts.get(host)
            if h is None:
                h = self._hosts[host] = _Host(self._limit, self._min_delay)
            return h

    def set_delay(self, host: str, seconds: float) -> None:
        """Raise the gap between requests to ``host`` (e.g. robots.txt Crawl-delay)."""
        h = self._host(host)
        with self._lock:
            h.delay = max(self._min_delay, seconds)

    @contextmanager
    def slot(self, host: str, cancel: CancelToken | None = None) -> Iterator[None]:
        """Hold one of ``host``'s slots for the duration of a request.

        Waits for a free slot, then for the host's minimum delay; both waits end early
        (with :class:`~huaibei_reader.errors.Cancelled`) when ``cancel`` is set.
        """
        h = self._host(host)
        while not h.slots.acquire(timeout=_POLL):
            if cancel is not None:
                cancel.raise_if_cancelled()
        try:
            while True:
                with self._lock:
                    now = time.monotonic()
                    wait = h.next_start - now
                    if wait <= 0:
                        h.next_start = now + h.delay
                        break
                if cancel is not None:
                    if cancel.wait(min(wait, _POLL * 5)):
                        cancel.raise_if_cancelled()
                else:
                    time.sleep(wait)
            yield
        finally:
            h.slots.release()
