"""Opening connections: the address check, and a handle on every socket for the watchdog.

urllib3 opens sockets deep inside its pools. Small subclasses of its connection and pool
classes (one set per client, bound to the client's :class:`~huaibei_reader.net.inflight.Watchdog`)
put three things in its path:

- the name is looked up on a helper thread, so cancel and the deadline end a slow lookup;
- each address of the answer is checked against the fetch's
  :class:`~huaibei_reader.net.addresses.AddressPolicy` *before* connecting to it, and the
  socket connects to exactly that address (no second lookup a rebinding DNS could answer
  differently); a pooled connection is checked again on every reuse;
- every socket (the plain one while connecting, the TLS one from the handshake on, a pooled
  one when reused) is attached to the fetch in flight, so the watchdog can shut it down.

Through a proxy, the proxy (set by the user) is connected to unchecked and resolves the
names itself; the client then checks only literal addresses and ``localhost`` names.
"""

from __future__ import annotations

import socket
import ssl
import threading
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util.connection import allowed_gai_family
from urllib3.util.ssl_ import create_urllib3_context, resolve_cert_reqs, resolve_ssl_version
from urllib3.util.timeout import _DEFAULT_TIMEOUT

from huaibei_reader.net.addresses import address_kind, literal_address
from huaibei_reader.net.failures import PrivateAddressRefused
from huaibei_reader.net.inflight import WATCH_EVERY, Fetch, Watchdog

_Address = tuple[int, int, int, Any]  # family, type, proto, sockaddr


class _Stopped(OSError):
    """The fetch was cancelled or ran out of time while connecting (reported by the client)."""


def _lookup(host: str, port: int, fetch: Fetch | None) -> list[_Address]:
    """getaddrinfo on a helper thread, given up when ``fetch`` is cancelled or expires."""
    literal = literal_address(host)
    if literal is not None:
        family = socket.AF_INET6 if literal.version == 6 else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 0, (host.strip("[]"), port))]

    def resolve() -> list[_Address]:
        return [(f, t, p, sa) for f, t, p, _name, sa in
                socket.getaddrinfo(host, port, allowed_gai_family(), socket.SOCK_STREAM)]

    if fetch is None:
        return resolve()
    done = threading.Event()
    answer: list[_Address] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            answer.extend(resolve())
        except BaseException as exc:
            failure.append(exc)
        done.set()

    threading.Thread(target=run, name="http-dns", daemon=True).start()
    while not done.wait(WATCH_EVERY):
        if fetch.stop_reason() is not None:
            raise _Stopped(f"stopped while looking up {host}")
    if failure:
        raise failure[0]
    return answer


def _connect(host: str, port: int, timeout: Any, source_address: Any, options: Any,
             fetch: Fetch | None, *, check: bool) -> socket.socket:
    """A socket connected to one allowed address of ``host`` (see the module docstring)."""
    error: OSError | None = None
    refused: tuple[str, str] | None = None
    for family, kind, proto, sockaddr in _lookup(host, port, fetch):
        address = str(sockaddr[0])
        if check and fetch is not None:
            why = fetch.policy.refuses(fetch.url, address, after_public=fetch.after_public)
            if why is not None:
                refused = refused or (address, why)
                continue
        sock = socket.socket(family, kind, proto)
        if fetch is not None:
            fetch.attach(sock)
        try:
            for option in options or ():
                sock.setsockopt(*option)
            if timeout is not _DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
        except OSError as exc:
            error = exc
            if fetch is not None:
                fetch.detach(sock)
            sock.close()
            if fetch is not None and fetch.stop_reason() is not None:
                raise _Stopped("stopped while connecting") from None
            continue
        if check and fetch is not None and address_kind(address) is None:
            fetch.after_public = True
        return sock
    if error is None and refused is not None and fetch is not None:
        raise PrivateAddressRefused(fetch.url, host, refused[0], refused[1],
                                    redirected=fetch.after_public)
    raise error or OSError(f"no address found for {host}")


def _pool_classes(watchdog: Watchdog) -> dict[str, type]:
    """Pool classes whose connections are opened and watched as described above."""

    class WatchedSSLSocket(ssl.SSLSocket):
        def do_handshake(self, block: bool = False) -> None:
            fetch = watchdog.current()
            if fetch is not None:
                fetch.attach(self)  # the plain socket was detached by the TLS wrapper
            super().do_handshake(block)

    class Opening:
        """What both connection classes share: where the socket comes from."""

        peer: str | None = None  # the address connected to (None through a proxy)
        proxy: Any
        host: str
        port: int
        timeout: Any
        source_address: Any
        socket_options: Any
        _dns_host: str

        def _new_conn(self) -> socket.socket:
            fetch = watchdog.current()
            proxied = bool(self.proxy)
            try:
                sock = _connect(self._dns_host, self.port, self.timeout, self.source_address,
                                self.socket_options, fetch, check=not proxied)
            except socket.gaierror as exc:
                raise NameResolutionError(self.host, self, exc) from exc  # type: ignore[arg-type]
            except TimeoutError as exc:
                raise ConnectTimeoutError(
                    self, f"Connection to {self.host} timed out. "
                    f"(connect timeout={self.timeout})") from exc
            except OSError as exc:
                raise NewConnectionError(
                    self, f"Failed to establish a new connection: {exc}") from exc  # type: ignore[arg-type]
            self.peer = None if proxied else str(sock.getpeername()[0])
            return sock

    class WatchedHTTPConnection(Opening, HTTPConnection):
        pass

    class WatchedHTTPSConnection(Opening, HTTPSConnection):
        def connect(self) -> None:
            if self.ssl_context is None:
                # A context per connection, as urllib3 makes by default, whose TLS sockets
                # report to the watchdog before their handshake can block.
                context = create_urllib3_context(
                    ssl_version=resolve_ssl_version(self.ssl_version),
                    ssl_minimum_version=self.ssl_minimum_version,
                    ssl_maximum_version=self.ssl_maximum_version,
                    cert_reqs=resolve_cert_reqs(self.cert_reqs))
                context.sslsocket_class = WatchedSSLSocket
                if not (self.ca_certs or self.ca_cert_dir or self.ca_cert_data):
                    context.load_default_certs()
                self.ssl_context = context
            super().connect()

    def watched(base: type[HTTPConnectionPool], connection: type) -> type:
        class WatchedPool(base):  # type: ignore[valid-type, misc]
            ConnectionCls = connection

            def _get_conn(self, timeout: float | None = None) -> Any:
                conn = super()._get_conn(timeout)
                fetch = watchdog.current()
                if fetch is None or conn.sock is None:
                    return conn
                peer = getattr(conn, "peer", None)
                if peer is not None and fetch.policy.refuses(
                        fetch.url, peer, after_public=fetch.after_public):
                    conn.close()  # opened again, and checked (and refused) on the way
                    return conn
                if peer is not None and address_kind(peer) is None:
                    fetch.after_public = True
                fetch.attach(conn.sock)
                return conn

        WatchedPool.__name__ = "Watched" + base.__name__
        return WatchedPool

    return {"http": watched(HTTPConnectionPool, WatchedHTTPConnection),
            "https": watched(HTTPSConnectionPool, WatchedHTTPSConnection)}


class WatchedAdapter(HTTPAdapter):
    """An HTTPAdapter whose pools open and watch their sockets as described above."""

    def __init__(self, watchdog: Watchdog, **kwargs: Any) -> None:
        self._classes = _pool_classes(watchdog)
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._classes

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):  # SOCKS managers bring their own pools
            manager.pool_classes_by_scheme = self._classes
        return manager
