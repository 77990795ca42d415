"""Background operations: run a plain function off the GUI thread, get the result back on it.

Modelled on Anki's ``QueryOp``: describe the work, say what to do on success, on failure and
with progress, then start it::

    Operation(runner, lambda ctx: library.articles.newest(limit=200)) \\
        .success(model.set_rows).failure(messages.show_error) \\
        .with_progress(status.show_progress).run_in_background()

The function runs on the runner's own pool of long-lived worker threads (the global
``QThreadPool`` has only as many threads as cores, and a slow server would starve everything
else). Not a ``QThreadPool``: PySide runs each ``QRunnable`` in a fresh Python thread state, so
``threading.local`` data does not survive from one job to the next on the same thread; the
library keeps one SQLite connection per thread in a ``threading.local``, and every operation
opened (and leaked) a new connection with its own page cache: 28 connections and 270 MB after
paging in 5,000 rows. Plain Python worker threads keep their thread state for their lifetime.

Results, failures and progress come back through queued signals of a QObject that lives on
the GUI thread, so the callbacks always run there. Every operation carries a ``CancelToken``;
``shutdown()`` (wired to ``aboutToQuit``) cancels them all and waits for the workers, so
nothing is destroyed mid-flight.

``latest_wins(key)``: starting an operation with the same key makes older ones stale; their
results are dropped and their tokens cancelled (opening article B while A still loads).
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled, KnownError

T = TypeVar("T")
log = logging.getLogger(__name__)

#: Network work blocks in sockets, not the CPU: more threads than cores is the point.
DEFAULT_MAX_THREADS = 8


@dataclass(frozen=True)
class Progress:
    """One progress report: ``done`` of ``total`` (total 0 = unknown), and a short label."""

    done: int
    total: int
    label: str = ""


class OperationContext:
    """What the background function receives: its cancel token and a progress reporter."""

    def __init__(self, token: CancelToken, report: Callable[[Progress], None]) -> None:
        self.cancel = token
        self._report = report

    def progress(self, done: int, total: int = 0, label: str = "") -> None:
        self._report(Progress(int(done), int(total), str(label)))

    def raise_if_cancelled(self) -> None:
        self.cancel.raise_if_cancelled()


class _Relay(QObject):
    """Lives on the GUI thread; workers emit on it, Qt queues the calls to the GUI thread."""

    finished = Signal(int, object)
    failed = Signal(int, object, str)
    progressed = Signal(int, object)


class _Job:
    def __init__(self, op_id: int, fn: Callable[[OperationContext], Any],
                 token: CancelToken, relay: _Relay) -> None:
        self._op_id = op_id
        self._fn = fn
        self._token = token
        self._relay = relay

    def run(self) -> None:  # worker thread
        ctx = OperationContext(self._token, lambda p: self._relay.progressed.emit(self._op_id, p))
        try:
            if self._token.cancelled:
                raise Cancelled()
            result = self._fn(ctx)
        except BaseException as exc:
            details = "" if isinstance(exc, KnownError) else traceback.format_exc()
            self._relay.failed.emit(self._op_id, exc, details)
        else:
            self._relay.finished.emit(self._op_id, result)


class _Pending:
    """Book-keeping of one running operation (GUI thread only)."""

    __slots__ = ("operation", "token", "key")

    def __init__(self, operation: Operation, token: CancelToken, key: str | None) -> None:
        self.operation = operation
        self.token = token
        self.key = key


class OperationRunner(QObject):
    """Owns the worker pool and delivers every operation's outcome on the GUI thread.

    ``on_known_error(exc)`` receives known failures of operations that set no ``failure``
    callback (the app wires it to the message channel); ``on_bug(exc, details)`` receives
    everything else (the crash log). Both default to logging.
    """

    started = Signal()
    idle = Signal()

    def __init__(self, parent: QObject | None = None, *, max_threads: int = DEFAULT_MAX_THREADS,
                 on_known_error: Callable[[KnownError], None] | None = None,
                 on_bug: Callable[[BaseException, str], None] | None = None) -> None:
        super().__init__(parent)
        self._max_threads = max(2, max_threads)
        self._pool = ThreadPoolExecutor(self._max_threads, thread_name_prefix="operation")
        self._futures: set[Future[None]] = set()
        self._futures_lock = threading.Lock()  # done-callbacks run on the worker threads
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_relay_finished)
        self._relay.failed.connect(self._on_relay_failed)
        self._relay.progressed.connect(self._on_relay_progressed)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}
        self._closing = False
        self._gui_thread = threading.get_ident()
        self.on_known_error = on_known_error
        self.on_bug = on_bug

    # -- public -------------------------------------------------------------------------
    @property
    def max_threads(self) -> int:
        return self._max_threads

    @property
    def running(self) -> int:
        """Number of operations started and not yet delivered."""
        return len(self._pending)

    @property
    def closing(self) -> bool:
        return self._closing

    def cancel_all(self) -> None:
        for pending in self._pending.values():
            pending.token.cancel()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything, stop delivering, wait for the workers. True if all finished."""
        self._closing = True
        self.cancel_all()
        with self._futures_lock:
            futures = list(self._futures)
        _, not_done = wait_futures(futures, timeout=timeout_ms / 1000)
        self._pool.shutdown(wait=not not_done, cancel_futures=True)
        self._pending.clear()
        self._latest.clear()
        return not not_done

    # -- used by Operation ----------------------------------------------------------------
    def _start(self, operation: Operation, key: str | None) -> CancelToken:
        token = operation.token
        if self._closing:
            token.cancel()
            return token
        op_id = next(self._ids)
        if key is not None:
            older = self._latest.get(key)
            if older is not None and older in self._pending:
                self._pending[older].token.cancel()
            self._latest[key] = op_id
        was_idle = not self._pending
        self._pending[op_id] = _Pending(operation, token, key)
        if was_idle:
            self.started.emit()
        future = self._pool.submit(_Job(op_id, operation.fn, token, self._relay).run)
        with self._futures_lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)
        return token

    def _forget(self, future: Future[None]) -> None:
        with self._futures_lock:
            self._futures.discard(future)

    def _take(self, op_id: int) -> _Pending | None:
        """Remove and return the pending op if its outcome should still be delivered."""
        pending = self._pending.pop(op_id, None)
        if pending is None or self._closing:
            return None
        if pending.key is not None and self._latest.get(pending.key) != op_id:
            return None  # a newer operation with the same key superseded this one
        if pending.key is not None:
            self._latest.pop(pending.key, None)
        return pending

    def _after_delivery(self) -> None:
        if not self._pending and not self._closing:
            self.idle.emit()

    @Slot(int, object)
    def _on_relay_finished(self, op_id: int, result: object) -> None:
        pending = self._take(op_id)
        try:
            if pending is not None:
                pending.operation._deliver_success(result)
        finally:
            self._after_delivery()

    @Slot(int, object, str)
    def _on_relay_failed(self, op_id: int, exc: object, details: str) -> None:
        pending = self._take(op_id)
        try:
            if pending is None:
                return
            assert isinstance(exc, BaseException)
            if isinstance(exc, KnownError):
                if not pending.operation._deliver_failure(exc):
                    if isinstance(exc, Cancelled):
                        return
                    if self.on_known_error is not None:
                        self.on_known_error(exc)
                    else:
                        log.warning("operation failed: %s", exc)
            elif self.on_bug is not None:
                self.on_bug(exc, details)
            else:
                log.error("operation raised a bug:\n%s", details)
        finally:
            self._after_delivery()

    @Slot(int, object)
    def _on_relay_progressed(self, op_id: int, progress: object) -> None:
        pending = self._pending.get(op_id)
        if pending is None or self._closing:
            return
        if pending.key is not None and self._latest.get(pending.key) != op_id:
            return
        assert isinstance(progress, Progress)
        pending.operation._deliver_progress(progress)


class Operation(Generic[T]):
    """A plain function to run in the background, with its GUI-thread callbacks."""

    def __init__(self, runner: OperationRunner, fn: Callable[[OperationContext], T]) -> None:
        self.runner = runner
        self.fn = fn
        self.token = CancelToken()
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[KnownError], None] | None = None
        self._on_progress: Callable[[Progress], None] | None = None
        self._key: str | None = None

    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[KnownError], None]) -> Operation[T]:
        """Known errors (and ``Cancelled``) go here; bugs always go to the runner's bug hook."""
        self._on_failure = callback
        return self

    def with_progress(self, callback: Callable[[Progress], None]) -> Operation[T]:
        self._on_progress = callback
        return self

    def latest_wins(self, key: str) -> Operation[T]:
        self._key = key
        return self

    def run_in_background(self) -> CancelToken:
        """Start the work; returns the token that cancels it."""
        return self.runner._start(self, self._key)

    # -- delivery (GUI thread) ----------------------------------------------------------
    def _deliver_success(self, result: Any) -> None:
        if self._on_success is not None:
            self._on_success(result)

    def _deliver_failure(self, exc: KnownError) -> bool:
        if self._on_failure is None:
            return False
        self._on_failure(exc)
        return True

    def _deliver_progress(self, progress: Progress) -> None:
        if self._on_progress is not None:
            self._on_progress(progress)
