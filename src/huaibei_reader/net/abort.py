"""Cutting a cancelled fetch off at the socket, so "cancel" ends in-flight work promptly.

A thread blocked in ``recv`` waiting for a slow server cannot look at its cancel token. Each
client therefore knows which pooled connection every thread is using (through small
subclasses of urllib3's pools) and, while some fetch with a cancel token is in flight, a
daemon "reaper" looks every 0.1 s for cancelled tokens and shuts their sockets down, which
wakes the blocked thread with an error that the client then reports as ``Cancelled``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from huaibei_reader.cancel import CancelToken

_REAP_EVERY = 0.1


class InflightRegistry:
    """Per-thread connections and cancel tokens of one client's fetches in flight."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conns: dict[int, Any] = {}
        self._tokens: dict[int, CancelToken] = {}
        self._reaper: threading.Thread | None = None

    def bind(self, conn: Any) -> None:
        with self._lock:
            self._conns[threading.get_ident()] = conn

    def unbind(self) -> None:
        with self._lock:
            self._conns.pop(threading.get_ident(), None)

    @contextmanager
    def watching(self, token: CancelToken | None) -> Iterator[None]:
        """While inside, a cancel of ``token`` shuts this thread's connection down."""
        if token is None:
            yield
            return
        ident = threading.get_ident()
        with self._lock:
            self._tokens[ident] = token
            if self._reaper is None:
                self._reaper = threading.Thread(target=self._reap, name="http-cancel-reaper",
                                                daemon=True)
                self._reaper.start()
        try:
            yield
        finally:
            with self._lock:
                self._tokens.pop(ident, None)

    def _reap(self) -> None:
        while True:
            time.sleep(_REAP_EVERY)
            with self._lock:
                if not self._tokens:
                    self._reaper = None
                    return
                doomed = [self._conns.get(i) for i, t in self._tokens.items() if t.cancelled]
            for conn in doomed:
                sock = getattr(conn, "sock", None)
                if sock is None:
                    continue
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def _tracked(base: type[HTTPConnectionPool], registry: InflightRegistry) -> type:
    class Tracked(base):  # type: ignore[valid-type, misc]
        def _get_conn(self, timeout: float | None = None) -> Any:
            conn = super()._get_conn(timeout)
            registry.bind(conn)
            return conn

        def _put_conn(self, conn: Any) -> None:
            registry.unbind()
            super()._put_conn(conn)

    Tracked.__name__ = "Tracked" + base.__name__
    return Tracked


class TrackingAdapter(HTTPAdapter):
    """An HTTPAdapter whose pools report the connection each thread uses."""

    def __init__(self, registry: InflightRegistry, **kwargs: Any) -> None:
        self._registry = registry
        super().__init__(**kwargs)

    def _pool_classes(self) -> dict[str, type]:
        return {"http": _tracked(HTTPConnectionPool, self._registry),
                "https": _tracked(HTTPSConnectionPool, self._registry)}

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pool_classes()

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):  # SOCKS managers bring their own pools
            manager.pool_classes_by_scheme = self._pool_classes()
        return manager
