"""A pool of daemon worker threads for work that may block in the network.

``concurrent.futures.ThreadPoolExecutor`` joins its threads when the interpreter exits, so a
worker stuck in a slow server's socket holds the process open however the work was
cancelled: a CLI refresh interrupted with Ctrl+C, or the window quit during a refresh, kept
running until the server let go. These threads are daemons: a cancelled refresh returns at
once, its workers end when their sockets are cut (net's cancel) or the process exits. They
must never own anything that needs a clean close (the refresh's workers only fetch and
parse; every library write stays on the scheduler's thread).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

_STOP = None


class DaemonPool:
    """``submit(fn, *args) -> Future`` on up to ``workers`` daemon threads (started lazily)."""

    def __init__(self, workers: int, name: str) -> None:
        self._max = max(1, workers)
        self._name = name
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple] | None] = \
            queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._idle = 0
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("DaemonPool used after shutdown()")
            self._queue.put((future, fn, args))
            if self._idle > 0:
                self._idle -= 1
            elif len(self._threads) < self._max:
                thread = threading.Thread(target=self._run, daemon=True,
                                          name=f"{self._name}-{len(self._threads)}")
                self._threads.append(thread)
                thread.start()
        return future

    def shutdown(self, *, wait: bool = False, cancel_futures: bool = True) -> None:
        """Stop taking work; with ``cancel_futures``, queued work never starts; with ``wait``,
        join the threads (only when none can be stuck)."""
        with self._lock:
            self._closed = True
            threads = list(self._threads)
        if cancel_futures:
            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[0].cancel()
        for _ in threads:
            self._queue.put(_STOP)
        if wait:
            for thread in threads:
                thread.join()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            future, fn, args = item
            if future.set_running_or_notify_cancel():
                try:
                    result = fn(*args)
                except BaseException as exc:
                    future.set_exception(exc)
                else:
                    future.set_result(result)
                del future, fn, args, item
            with self._lock:
                self._idle += 1
