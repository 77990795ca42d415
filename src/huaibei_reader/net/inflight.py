"""Fetches in flight: their deadline, cancel token, address policy, and their own sockets.

A thread blocked in ``connect`` or ``recv`` cannot look at a clock or a cancel token, and a
server can keep it there for as long as it likes (a status line, then one header byte a
second). Each fetch therefore keeps a handle on every socket it opens or reuses, and a
watchdog thread of the client shuts those sockets down when the fetch's deadline passes or
its token is cancelled; the blocked thread wakes with an error the client reports as
:class:`~huaibei_reader.net.failures.FetchTimeout` or
:class:`~huaibei_reader.errors.Cancelled`.

The handle is the socket object itself, not ``conn.sock``: http.client drops ``conn.sock``
as soon as a response says ``Connection: close``, while the response keeps reading from the
same socket.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled
from huaibei_reader.net.addresses import STRICT, AddressPolicy

WATCH_EVERY = 0.05  # seconds between the watchdog's looks at tokens and deadlines

_NEVER = float("inf")
CANCELLED = "cancelled"
EXPIRED = "deadline"


class Fetch:
    """One ``HttpClient.get`` (redirect hops included) on one thread."""

    def __init__(self, url: str, *, cancel: CancelToken | None, budget: float,
                 policy: AddressPolicy = STRICT, after_public: bool = False,
                 on_timeout: Callable[[Fetch], Exception] | None = None) -> None:
        self.url = url  # the hop being fetched (updated on each redirect)
        self.cancel = cancel
        # Seconds the server may take over this fetch, all hops together; the clock runs
        # only between start_clock() and stop_clock() (not in our own politeness queue).
        self.budget = budget
        self.deadline = _NEVER  # time.monotonic() value while the clock runs
        self._started = 0.0
        self.policy = policy
        # A hop of this fetch connected to a public address: a later local one is a
        # redirect (or a rebinding DNS answer) from the public internet, and is refused.
        self.after_public = after_public
        self._on_timeout = on_timeout
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.cut: str | None = None  # why the sockets were shut down (CANCELLED / EXPIRED)

    # -- state --------------------------------------------------------------------------

    def start_clock(self) -> None:
        self._started = time.monotonic()
        self.deadline = self._started + self.budget

    def stop_clock(self) -> None:
        if self.deadline != _NEVER:
            self.budget -= time.monotonic() - self._started
            self.deadline = _NEVER

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def stop_reason(self) -> str | None:
        """Why this fetch must end now, or None."""
        if self.cancel is not None and self.cancel.cancelled:
            return CANCELLED
        if time.monotonic() >= self.deadline:
            return EXPIRED
        return self.cut

    def raise_if_stopped(self) -> None:
        """Raise Cancelled or the deadline's FetchTimeout when this fetch must end."""
        reason = self.stop_reason()
        if reason == CANCELLED:
            raise Cancelled()
        if reason == EXPIRED:
            raise self.timeout_error()

    def timeout_error(self) -> Exception:
        if self._on_timeout is not None:
            return self._on_timeout(self)
        return TimeoutError(f"deadline passed ({self.url})")

    def wait(self, seconds: float) -> None:
        """Sleep ``seconds``, ending early (by raising) on cancel or at the deadline."""
        end = time.monotonic() + seconds
        while True:
            self.raise_if_stopped()
            left = min(end, self.deadline) - time.monotonic()
            if left <= 0:
                self.raise_if_stopped()
                return
            if self.cancel is not None:
                self.cancel.wait(min(left, WATCH_EVERY * 4))
            else:
                time.sleep(min(left, WATCH_EVERY * 4))

    # -- sockets ------------------------------------------------------------------------

    def attach(self, sock: socket.socket) -> None:
        """Watch ``sock`` for this fetch; shut it at once if the fetch was already cut."""
        with self._lock:
            if not any(s is sock for s in self._sockets):
                self._sockets.append(sock)
            cut = self.cut is not None
        if cut:
            _shut(sock)

    def detach(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets = [s for s in self._sockets if s is not sock]

    def cut_off(self, reason: str) -> None:
        """Shut every socket of this fetch down (the watchdog's job; safe from any thread)."""
        with self._lock:
            if self.cut is None:
                self.cut = reason
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def release(self) -> None:
        with self._lock:
            self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    """Wake whoever is blocked on ``sock``. The plain socket's shutdown, also for TLS
    sockets (whose own method would first drop the TLS state under the reading thread)."""
    try:
        if sock.fileno() != -1:
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


class Watchdog:
    """The fetches in flight of one client, per thread (a robots.txt fetch nests inside the
    page's), and the thread that cuts them off."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stacks: dict[int, list[Fetch]] = {}
        self._thread: threading.Thread | None = None

    @contextmanager
    def watching(self, fetch: Fetch) -> Iterator[Fetch]:
        ident = threading.get_ident()
        with self._lock:
            self._stacks.setdefault(ident, []).append(fetch)
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="http-watchdog",
                                                daemon=True)
                self._thread.start()
        try:
            yield fetch
        finally:
            with self._lock:
                stack = self._stacks.get(ident, [])
                if stack and stack[-1] is fetch:
                    stack.pop()
                if not stack:
                    self._stacks.pop(ident, None)
            fetch.release()

    def current(self) -> Fetch | None:
        """The innermost fetch of the calling thread."""
        with self._lock:
            stack = self._stacks.get(threading.get_ident())
            return stack[-1] if stack else None

    def _watch(self) -> None:
        while True:
            time.sleep(WATCH_EVERY)
            with self._lock:
                if not self._stacks:
                    self._thread = None
                    return
                fetches = [f for stack in self._stacks.values() for f in stack]
            for fetch in fetches:
                reason = fetch.stop_reason() if fetch.cut is None else None
                if reason is not None:
                    fetch.cut_off(reason)
