"""The one loopback HTTP server of the tests and benchmarks: routes are plain functions.

    with LoopbackServer() as server:            # 127.0.0.1, port 0, a thread per connection
        server.route("/a.html", page("<p>hi</p>"))
        server.route("/slow", trickle(every=0.125))
        client.get(server.url("/a.html"))
        server.hits("/a.html")[0].headers["user-agent"]

A route takes the request as seen (:class:`Seen`) and returns a :class:`Reply`, which says
what to send and how badly: delays, a body trickled piece by piece, chunked or cut short,
headers sent a byte at a time, a connection dropped or held open forever. The helpers below
build the usual ones. Every request is recorded (``seen``, with the time it arrived) before
its answer leaves, so a test that has its answer finds its request there.

Everything that waits (delays, trickles, hangs) ends when the server closes. Asked as a
forward proxy (an absolute URL in the request line), the server looks the route up by the
full URL, then by its path. Not part of the product: tests import it as
``support.loopback``, benchmarks put ``tests/`` on ``sys.path`` first.
"""

from __future__ import annotations

import gzip
import shutil
import socket
import ssl
import struct
import subprocess
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Seen:
    """One request as the server read it."""

    method: str
    path: str  # the request target as sent (an absolute URL when asked as a proxy)
    headers: dict[str, str]  # lower-case keys
    at: float  # time.monotonic() when its head had been read
    client: tuple[str, int] = ("", 0)
    body: bytes = b""


@dataclass
class Reply:
    """What to answer, and how."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    every: float = 0.0  # seconds between the pieces of an iterable body
    chunked: bool = False  # an iterable body as Transfer-Encoding: chunked
    abort_after: int | None = None  # send this many body bytes, then reset the connection
    drop: bool = False  # reset the connection without answering
    hang: bool = False  # answer nothing, keep the connection open until the server closes
    head_every: float = 0.0  # the status line, then the rest of the head a byte at a time


Route = Callable[[Seen], Reply]


# -- routes --------------------------------------------------------------------------------

def _bytes(body: bytes | str) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else body


def page(body: bytes | str, content_type: str = "text/html; charset=utf-8",
         **headers: str) -> Route:
    """The same bytes every time (header names with ``_`` for ``-``)."""
    data = _bytes(body)
    extra = {"Content-Type": content_type, **_names(headers)}
    return lambda _req: Reply(200, data, dict(extra))


def status(code: int, body: bytes | str = b"", content_type: str = "text/html; charset=utf-8",
           **headers: str) -> Route:
    data = _bytes(body)
    return lambda _req: Reply(code, data, {"Content-Type": content_type, **_names(headers)})


def redirect(location: str, code: int = 302) -> Route:
    return lambda _req: Reply(code, b"", {"Location": location})


def conditional(body: bytes | str, *, etag: str | None = '"v1"',
                last_modified: str | None = "Wed, 01 Jan 2025 00:00:00 GMT",
                content_type: str = "text/html; charset=utf-8") -> Route:
    """Answers 304 when the request's validators match, else 200 with them."""
    data = _bytes(body)

    def route(req: Seen) -> Reply:
        headers = {"Content-Type": content_type}
        if etag:
            headers["ETag"] = etag
        if last_modified:
            headers["Last-Modified"] = last_modified
        if (etag and req.headers.get("if-none-match") == etag) or (
                not etag and last_modified
                and req.headers.get("if-modified-since") == last_modified):
            return Reply(304, b"", headers)
        return Reply(200, data, headers)

    return route


def delayed(route: Route, seconds: float) -> Route:
    def slow(req: Seen) -> Reply:
        reply = route(req)
        reply.delay += seconds
        return reply

    return slow


def sequence(*replies: Reply) -> Route:
    """These replies in turn, then the last one again."""
    todo = list(replies)
    lock = threading.Lock()

    def route(_req: Seen) -> Reply:
        with lock:
            return todo.pop(0) if len(todo) > 1 else todo[0]

    return route


def trickle(*, every: float = 0.125, piece: bytes = b" ", pieces: int | None = None,
            content_type: str = "text/html; charset=utf-8", length: int | None = None) -> Route:
    """200, then ``piece`` every ``every`` seconds (forever, or ``pieces`` times).
    ``length`` declares a Content-Length (default: none, the end is the connection's)."""
    def route(_req: Seen) -> Reply:
        count = pieces if pieces is not None else 10**9
        headers = {"Content-Type": content_type}
        if length is not None:
            headers["Content-Length"] = str(length)
        return Reply(200, (piece for _ in range(count)), headers, every=every)

    return route


def slow_headers(every: float = 1.0, lines: int = 10**6) -> Route:
    """A status line at once, then header bytes one at a time, ``every`` seconds apart."""
    filler = {f"X-Slow-{n}": "x" * 40 for n in range(min(lines, 90))}
    return lambda _req: Reply(200, b"late", {"Content-Type": "text/html", **filler},
                              head_every=every)


def hang() -> Route:
    """Read the request, answer nothing, until the server closes."""
    return lambda _req: Reply(hang=True)


def drop() -> Route:
    return lambda _req: Reply(drop=True)


def close_early(body: bytes | str, after: int,
                content_type: str = "text/html; charset=utf-8") -> Route:
    """Promise ``len(body)`` bytes, send ``after`` of them, then reset the connection."""
    data = _bytes(body)
    return lambda _req: Reply(200, data, {"Content-Type": content_type}, abort_after=after)


def gzipped(body: bytes | str, content_type: str = "text/html; charset=utf-8") -> Route:
    data = gzip.compress(_bytes(body), mtime=0)
    return lambda _req: Reply(200, data, {"Content-Type": content_type,
                                          "Content-Encoding": "gzip"})


def endless_gzip_header(*, every: float = 0.0, piece: bytes = b"a" * 1024) -> Route:
    """A gzip stream whose header never ends: the FNAME flag set, then a file name that goes
    on forever (no NUL), so not one byte of content can be inflated."""
    head = b"\x1f\x8b\x08\x08" + b"\0\0\0\0" + b"\0\xff"  # magic, deflate, FNAME; mtime; xfl, os

    def body() -> Iterator[bytes]:
        yield head
        while True:
            yield piece

    return lambda _req: Reply(200, body(), {"Content-Type": "text/html; charset=utf-8",
                                            "Content-Encoding": "gzip"}, every=every)


def _names(headers: dict[str, str]) -> dict[str, str]:
    return {k.replace("_", "-"): v for k, v in headers.items()}


# -- the server ----------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes: no 40 ms stall
    server: _HTTPServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.do_handshake()  # here, not in the accepting thread

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError, OSError, ssl.SSLError):
            pass  # the client hung up (a cut-off body, a cancel): what faults are for

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        owner = self.server.owner
        body = b""
        length = self.headers.get("Content-Length", "")
        if self.command == "POST" and length.isdigit() and int(length) <= 1 << 20:
            body = self.rfile.read(int(length))
        req = Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()},
                   time.monotonic(), self.client_address, body)
        owner.record(req, self.client_address)
        route = owner.find(self.path)
        try:
            reply = route(req) if route else Reply(404, b"not here",
                                                   {"Content-Type": "text/plain"})
        except Exception:
            reply = Reply(500, traceback.format_exc().encode(), {"Content-Type": "text/plain"})
        wait = reply.delay + owner.latency
        if wait and owner.stopping.wait(wait):
            return
        try:
            self._send(reply)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send(self, reply: Reply) -> None:
        stop = self.server.owner.stopping
        if reply.drop:
            self._reset()
            return
        if reply.hang:
            stop.wait()
            self.close_connection = True
            return
        streaming = not isinstance(reply.body, bytes | bytearray)
        headers = dict(reply.headers)
        if streaming and reply.chunked:
            headers["Transfer-Encoding"] = "chunked"
        elif streaming and "Content-Length" not in headers:
            headers["Connection"] = "close"
            self.close_connection = True
        elif not streaming and "Content-Length" not in headers:
            headers["Content-Length"] = str(len(reply.body))  # type: ignore[arg-type]
        if reply.abort_after is not None:
            data = reply.body if isinstance(reply.body, bytes) else b"".join(reply.body)
            headers["Content-Length"] = str(len(data))
            self._head(reply.status, headers, reply.head_every)
            self.wfile.write(data[: reply.abort_after])
            self.wfile.flush()
            self._reset()
            return
        if not self._head(reply.status, headers, reply.head_every):
            return
        if self.command == "HEAD" or reply.status in (204, 304):
            return
        if not streaming:
            self.wfile.write(reply.body)  # type: ignore[arg-type]
            return
        for n, piece in enumerate(reply.body):
            if n and reply.every and stop.wait(reply.every):
                break
            if stop.is_set():
                break
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if reply.chunked else piece)
            self.wfile.flush()
        else:
            if reply.chunked:
                self.wfile.write(b"0\r\n\r\n")
        self.close_connection = self.close_connection or stop.is_set()

    def _head(self, code: int, headers: dict[str, str], every: float) -> bool:
        """Send the status line and headers; a byte at a time when ``every`` is set."""
        if not every:
            self.send_response(code)
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            return True
        self.close_connection = True
        stop = self.server.owner.stopping
        self.wfile.write(f"HTTP/1.1 {code} OK\r\n".encode())
        self.wfile.flush()
        rest = "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        for ch in rest.encode("latin-1"):
            if stop.wait(every):
                return False
            self.wfile.write(bytes([ch]))
            self.wfile.flush()
        return True

    def _reset(self) -> None:
        # SO_LINGER with a zero timeout: close() sends RST instead of FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a hanging handler must not hold close()
    allow_reuse_address = True
    request_queue_size = 64
    owner: LoopbackServer

    def process_request(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        self.owner.opened(request)
        super().process_request(request, client_address)

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        pass  # clients hanging up mid-answer are what these servers are for


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


class LoopbackServer:
    """A running server on ``host`` (127.0.0.1 by default), port 0; ``close()`` or ``with``.

    ``tls``: a server-side SSLContext, to serve https. ``latency``: seconds added before
    every answer.
    """

    def __init__(self, host: str = "127.0.0.1", *, tls: ssl.SSLContext | None = None,
                 latency: float = 0.0) -> None:
        self.host = host
        self.latency = latency
        self.routes: dict[str, Route] = {}
        self.prefixes: list[tuple[str, Route]] = []
        self.fallback: Route | None = None  # asked when no route or prefix matches
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._seen: list[Seen] = []
        self._clients: set[tuple[str, int]] = set()
        self._sockets: list[socket.socket] = []
        server_class = _HTTPServer6 if ":" in host else _HTTPServer
        self._httpd = server_class((host, 0), _Handler)
        self._httpd.owner = self
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True,
                                                 do_handshake_on_connect=False)
        self.port: int = self._httpd.server_address[1]
        self.scheme = "https" if tls is not None else "http"
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name=f"loopback:{self.port}", daemon=True)
        self._thread.start()

    # -- routes -----------------------------------------------------------------------------

    def route(self, path: str, handler: Route) -> None:
        self.routes[path] = handler

    def prefix(self, prefix: str, handler: Route) -> None:
        """``handler`` answers every path starting with ``prefix`` (longest prefix wins)."""
        self.prefixes.append((prefix, handler))
        self.prefixes.sort(key=lambda p: -len(p[0]))

    def find(self, target: str) -> Route | None:
        path = target
        if target.startswith(("http://", "https://")):  # asked as a forward proxy
            if target in self.routes:
                return self.routes[target]
            path = urlsplit(target).path or "/"
        for candidate in (path, path.split("?", 1)[0]):
            if candidate in self.routes:
                return self.routes[candidate]
        bare = path.split("?", 1)[0]
        for prefix, handler in self.prefixes:
            if bare.startswith(prefix):
                return handler
        return self.fallback

    # -- what the server saw ---------------------------------------------------------------

    def record(self, req: Seen, client: tuple[str, int]) -> None:
        with self._lock:
            self._seen.append(req)
            self._clients.add(client)

    def opened(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)

    @property
    def seen(self) -> list[Seen]:
        with self._lock:
            return list(self._seen)

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]

    def hits(self, path: str) -> list[Seen]:
        """Requests for ``path`` (its query ignored unless ``path`` has one)."""
        return [s for s in self.seen if s.path == path
                or ("?" not in path and s.path.split("?", 1)[0] == path)]

    def count(self, path: str) -> int:
        return len(self.hits(path))

    def clear(self) -> None:
        with self._lock:
            self._seen.clear()

    @property
    def connection_count(self) -> int:
        with self._lock:
            return len(self._clients)

    def wait_for(self, path: str, count: int = 1, timeout: float = 10.0) -> list[Seen]:
        """Block until ``path`` was asked ``count`` times (AssertionError after ``timeout``)."""
        end = time.monotonic() + timeout
        while len(hits := self.hits(path)) < count:
            assert time.monotonic() < end, f"{path} was asked {len(hits)} times, not {count}"
            self.stopping.wait(0.01)
        return hits

    # -- addresses and life cycle -----------------------------------------------------------

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base + (path if path.startswith("/") else "/" + path)

    def close(self) -> None:
        """Stop serving: waiting routes end, open connections are shut, the port is freed."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self._httpd.shutdown()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SilentPort:
    """A port that accepts connections and then says nothing, ever (until closed): a TLS
    handshake or an HTTP request sent there waits forever."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._listener = socket.create_server((host, 0))
        self._listener.settimeout(0.05)  # looks at the stop flag between accepts
        self.port = self._listener.getsockname()[1]
        self.host = host
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted.append(conn)

    def url(self, path: str = "/", scheme: str = "http") -> str:
        return f"{scheme}://{self.host}:{self.port}{path}"

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
        for conn in self.accepted:
            conn.close()

    def __enter__(self) -> SilentPort:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def self_signed(folder: Path, host: str = "127.0.0.1") -> tuple[Path, ssl.SSLContext]:
    """A self-signed certificate for ``host`` (made with the openssl command) and a server
    context holding it: ``LoopbackServer(tls=context)``; the certificate file can be handed
    to a client as its trusted CA bundle. Raises FileNotFoundError without openssl."""
    if shutil.which("openssl") is None:
        raise FileNotFoundError("openssl is not installed: cannot make a certificate")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", f"/CN={host}", "-addext", f"subjectAltName=IP:{host}",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return cert, context


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on (bound, then released): connections to it are refused."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]
