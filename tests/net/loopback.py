"""A small loopback HTTP server for tests: routes are plain functions, every request is logged.

Start it on 127.0.0.1 port 0, register routes, point the code under test at ``server.url(path)``
and assert on ``server.seen`` (what was asked, with which headers).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]  # lower-case keys


@dataclass
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (an injected latency)
    abort_after: int | None = None  # send this many body bytes, then reset the connection
    drop: bool = False  # reset the connection without answering at all


Route = Callable[[Seen], Reply]


def page(body: bytes | str, content_type: str = "text/html; charset=utf-8",
         **headers: str) -> Route:
    data = body.encode("utf-8") if isinstance(body, str) else body

    def route(_req: Seen) -> Reply:
        return Reply(200, data, {"Content-Type": content_type, **headers})

    return route


def conditional(body: bytes | str, *, etag: str | None = '"v1"',
                last_modified: str | None = "Wed, 01 Jan 2025 00:00:00 GMT",
                content_type: str = "text/html; charset=utf-8") -> Route:
    """Answers 304 when the request's validators match, else 200 with them."""
    data = body.encode("utf-8") if isinstance(body, str) else body

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


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes: no 40 ms stall
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except ConnectionError:  # the client hung up (a cut-off body): expected in tests
            pass

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        req = Seen("GET", self.path, {k.lower(): v for k, v in self.headers.items()})
        with self.server.lock:
            self.server.seen.append(req)
            self.server.connections.add(self.client_address)
        route = self.server.routes.get(self.path)
        if route is None:
            route = self.server.routes.get(self.path.split("?", 1)[0])
        reply = route(req) if route else Reply(404, b"not here", {"Content-Type": "text/plain"})
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self._send(reply)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send(self, reply: Reply) -> None:
        if reply.drop:
            self._reset()
            return
        if reply.abort_after is not None:
            self._send_and_reset(reply)
            return
        self.send_response(reply.status)
        streaming = not isinstance(reply.body, bytes | bytearray)
        for k, v in reply.headers.items():
            self.send_header(k, v)
        if streaming:
            self.send_header("Connection", "close")
            self.close_connection = True
        elif "Content-Length" not in reply.headers:
            self.send_header("Content-Length", str(len(reply.body)))  # type: ignore[arg-type]
        self.end_headers()
        if streaming:
            for chunk in reply.body:
                self.wfile.write(chunk)
                self.wfile.flush()
        elif reply.status != 304:
            self.wfile.write(reply.body)  # type: ignore[arg-type]


    def _send_and_reset(self, reply: Reply) -> None:
        body = reply.body if isinstance(reply.body, bytes) else b"".join(reply.body)
        self.send_response(reply.status)
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: reply.abort_after])
        self.wfile.flush()
        self._reset()

    def _reset(self) -> None:
        import socket
        import struct

        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    routes: dict[str, Route]
    seen: list[Seen]
    connections: set[tuple[str, int]]
    lock: threading.Lock


class Loopback:
    """A running server; use as a context manager or call ``close()``."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._server = _Server((host, 0), _Handler)
        self._server.routes = {}
        self._server.seen = []
        self._server.connections = set()
        self._server.lock = threading.Lock()
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        self.host = host
        self.port = self._server.server_address[1]

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base + path

    def route(self, path: str, handler: Route) -> None:
        self._server.routes[path] = handler

    @property
    def seen(self) -> list[Seen]:
        with self._server.lock:
            return list(self._server.seen)

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]

    def hits(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    @property
    def connection_count(self) -> int:
        with self._server.lock:
            return len(self._server.connections)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Loopback:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
