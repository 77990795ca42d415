"""The loopback HTTP server of ``--demo``: the bundled sample edition, and nothing else (no Qt).

:class:`EditionSite` is how a small, well-configured portal answers (no sockets): right
Content-Type and charset per page (one page is GBK), ETag and Last-Modified with 304 answers,
HEAD, 404 for unknown paths, no directory listing and no way out of the edition folder.
:class:`SampleEditionServer` serves it on loopback. The tests' instruments (a record of
requests, edited pages, latency, gzip) live with the tests (tests/support/edition.py).

Per-path header overrides live in ``_server.json`` inside the edition folder (names
starting with ``_`` or ``.`` are never served).
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import posixpath
import socket
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

from huaibei_reader.errors import KnownError

DEMO_PORT = 47231
"""Preferred port of ``--demo``: stable URLs in the demo library across runs."""

SERVER_CONFIG = "_server.json"
SERVER_NAME = "HuaibeiSampleEdition/1.0"

_TEXT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/rss+xml",
    ".css": "text/css",
    ".js": "application/javascript",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".json": "application/json",
}
_BINARY_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
}


class DemoUnavailable(KnownError):
    """The sample edition cannot be served (folder missing, no free port)."""


@dataclass(frozen=True)
class Answer:
    """What the edition answers to one request."""

    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    send_body: bool = True  # False for HEAD and 304 (Content-Length still says the size)


@dataclass(frozen=True)
class _Resource:
    body: bytes
    content_type: str
    etag: str
    last_modified: datetime


def default_edition_dir() -> Path:
    from huaibei_reader.paths import sample_edition_dir

    return sample_edition_dir()


class EditionSite:
    """The pages of an edition folder and the answers a well-configured portal gives.

    ``base_url`` (set by whoever serves it) replaces the placeholder in the files that need
    absolute links (the feed).
    """

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_edition_dir()
        self.base_url = ""
        self._lock = threading.Lock()
        self._cache: dict[Path, tuple[float, int, _Resource]] = {}
        self._content_types: dict[str, str | None] = {}
        self._templated: set[str] = set()
        self._placeholder = b""

    def check(self) -> None:
        """Raise DemoUnavailable when the folder or its ``_server.json`` is unusable."""
        if not self.root.is_dir():
            raise DemoUnavailable(f"the sample edition folder is missing: {self.root}")
        self._load_config()

    def answer(self, method: str, target: str, headers: Mapping[str, str]) -> Answer:
        """The answer to ``method target`` (``headers``: the request's, any case)."""
        send_body = method != "HEAD"
        if method not in ("GET", "HEAD"):
            # A static site: forms (search, comments) lead nowhere, as on a cached portal.
            return Answer(HTTPStatus.METHOD_NOT_ALLOWED, b"method not allowed\n",
                          "text/plain; charset=utf-8", {"Allow": "GET, HEAD"})
        try:
            path = _normalise_path(target)
        except UnicodeDecodeError:
            path = None
        if path is None:
            return _plain(HTTPStatus.NOT_FOUND, send_body)
        raw_path = urlsplit(target).path
        if not raw_path.endswith("/") and self.resolve(path + "/") is not None \
                and self.resolve(path) == self.resolve(path + "/"):
            # A folder asked for without its slash: redirect as real servers do.
            location = raw_path + "/"
            return Answer(HTTPStatus.MOVED_PERMANENTLY, f"moved to {location}\n".encode(),
                          "text/plain; charset=utf-8", {"Location": location}, send_body)
        resource = self.load(path)
        if resource is None:
            return _plain(HTTPStatus.NOT_FOUND, send_body)
        validators = {
            "ETag": resource.etag,
            "Last-Modified": format_datetime(resource.last_modified, usegmt=True),
            "Cache-Control": "max-age=60",
        }
        if _not_modified(resource, headers):
            return Answer(HTTPStatus.NOT_MODIFIED, b"", "", validators, False)
        return Answer(HTTPStatus.OK, resource.body, resource.content_type, validators,
                      send_body)

    # -- files ------------------------------------------------------------------------------

    def _load_config(self) -> None:
        """Read ``_server.json``: per-path Content-Type, and files naming the base URL."""
        config_file = self.root / SERVER_CONFIG
        if not config_file.is_file():
            return
        try:
            config = json.loads(config_file.read_text(encoding="utf-8"))
            types = config.get("content_types", {})
            self._content_types = {_normalise_path(k) or k: v for k, v in types.items()}
            templating = config.get("base_url_placeholder") or {}
            self._templated = {_normalise_path(f) or f for f in templating.get("files", ())}
            self._placeholder = templating.get("placeholder", "").encode("utf-8")
        except (OSError, ValueError, AttributeError, TypeError) as exc:
            raise DemoUnavailable(f"{config_file} is unreadable: {exc}") from exc

    def resolve(self, url_path: str) -> Path | None:
        """The file behind a URL path, or None (unknown, hidden, or outside the root)."""
        path = _normalise_path(url_path)
        if path is None:
            return None
        parts = [p for p in path.split("/") if p]
        if any(p.startswith((".", "_")) for p in parts):
            return None
        root = self.root.resolve()
        candidate = root.joinpath(*parts) if parts else root
        if candidate.is_dir() or path.endswith("/"):
            candidate = candidate / "index.html"
        try:
            candidate = candidate.resolve()
            candidate.relative_to(root)
        except (OSError, ValueError):
            return None
        return candidate if candidate.is_file() else None

    def _content_type(self, url_path: str, file: Path) -> str:
        if url_path in self._content_types:
            declared = self._content_types[url_path]
            if declared:
                return declared
        suffix = file.suffix.lower()
        if suffix in _TEXT_TYPES:
            base = _TEXT_TYPES[suffix]
            if url_path in self._content_types:  # null: the page names its charset itself
                return base
            return f"{base}; charset=utf-8"
        if suffix in _BINARY_TYPES:
            return _BINARY_TYPES[suffix]
        return mimetypes.guess_type(file.name)[0] or "application/octet-stream"

    def load(self, url_path: str) -> _Resource | None:
        file = self.resolve(url_path)
        if file is None:
            return None
        stat = file.stat()
        with self._lock:
            cached = self._cache.get(file)
        if cached and cached[0] == stat.st_mtime and cached[1] == stat.st_size:
            return cached[2]
        body = file.read_bytes()
        if self._placeholder and _normalise_path(url_path) in self._templated:
            # Feeds need absolute links; the port is only known now.
            body = body.replace(self._placeholder, self.base_url.encode("utf-8"))
        resource = _Resource(
            body=body,
            content_type=self._content_type(_normalise_path(url_path) or "/", file),
            etag=etag_of(body),
            last_modified=datetime.fromtimestamp(int(stat.st_mtime), tz=UTC),
        )
        with self._lock:
            self._cache[file] = (stat.st_mtime, stat.st_size, resource)
        return resource


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A request header by name, whatever the case of the mapping's keys."""
    value = headers.get(name)
    if value is not None:
        return value
    lower = name.lower()
    return next((v for k, v in headers.items() if k.lower() == lower), None)


def etag_matches(headers: Mapping[str, str], etag: str) -> bool:
    inm = header(headers, "If-None-Match")
    if inm is None:
        return False
    tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
    return "*" in tags or etag in tags


def _not_modified(resource: _Resource, headers: Mapping[str, str]) -> bool:
    if header(headers, "If-None-Match") is not None:
        # RFC 9110: If-None-Match wins over If-Modified-Since
        return etag_matches(headers, resource.etag)
    ims = header(headers, "If-Modified-Since")
    if ims:
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return resource.last_modified <= since
    return False


def _plain(status: HTTPStatus, send_body: bool) -> Answer:
    body = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{status.value} "
            f"{status.phrase}</title></head><body><h1>{status.value} 页面不存在</h1>"
            f"<p>{status.phrase}</p></body></html>").encode()
    return Answer(status, body, "text/html; charset=utf-8", {}, send_body)


class _EditionHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # On Windows SO_REUSEADDR lets a second server share a busy port; we want the
    # bind to fail there so the demo falls back to a free port instead.
    allow_reuse_address = sys.platform != "win32"

    def __init__(self, address: tuple[str, int], site: EditionSite) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.site = site
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request, client_address) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_open_connections(self) -> None:
        """Wake handler threads parked on idle keep-alive connections."""
        with self._open_lock:
            sockets = list(self._open)
        for s in sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address) -> None:
        # Clients hanging up mid-answer are normal; anything else is a bug worth seeing.
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, OSError)):
            return
        super().handle_error(request, client_address)


class SampleEditionServer:
    """Serve the sample edition (or any folder of static pages) on loopback.

    ``port=0`` takes an ephemeral port. A fixed ``port`` that is taken falls back to an
    ephemeral one unless ``port_fallback=False`` (then ``DemoUnavailable``).
    """

    def __init__(
        self,
        root: Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        port_fallback: bool = True,
    ) -> None:
        self.site = EditionSite(root)
        self.host = host
        self.preferred_port = port
        self.port_fallback = port_fallback
        self._httpd: _EditionHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.base_url = ""

    @property
    def root(self) -> Path:
        return self.site.root

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> str:
        """Bind, serve in a daemon thread, and return the base URL (ending in ``/``)."""
        if self._httpd is not None:
            return self.base_url
        self.site.check()
        self._httpd = self._bind()
        port = self._httpd.server_address[1]
        host = self.host if ":" not in self.host else f"[{self.host}]"
        self.base_url = self.site.base_url = f"http://{host}:{port}/"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"sample-edition:{port}",
            daemon=True,
        )
        self._thread.start()
        return self.base_url

    def _bind(self) -> _EditionHTTPServer:
        try:
            return _EditionHTTPServer((self.host, self.preferred_port), self.site)
        except OSError as exc:
            if self.preferred_port == 0 or not self.port_fallback:
                raise DemoUnavailable(
                    f"cannot serve the sample edition on {self.host}:{self.preferred_port}: "
                    f"{exc.strerror or exc}"
                ) from exc
        try:
            return _EditionHTTPServer((self.host, 0), self.site)
        except OSError as exc:
            raise DemoUnavailable(
                f"cannot serve the sample edition on {self.host}: {exc.strerror or exc}"
            ) from exc

    def stop(self) -> None:
        """Stop serving and release the port; safe to call twice."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.close_open_connections()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1] if self._httpd is not None else 0

    @property
    def running(self) -> bool:
        return self._httpd is not None

    def url(self, path: str) -> str:
        """Absolute URL of an edition path such as ``/list/shehui/index.html``."""
        if not self.base_url:
            raise RuntimeError("the server is not started")
        return self.base_url + path.lstrip("/")

    def __enter__(self) -> SampleEditionServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _normalise_path(url_path: str) -> str | None:
    """``/a/./b/`` -> ``/a/b/``; None for paths that climb out or hold odd bytes."""
    raw = unquote(urlsplit(url_path).path, errors="strict") if url_path else "/"
    if "\x00" in raw or "\\" in raw:
        return None
    if any(seg == ".." for seg in raw.split("/")):
        return None
    norm = posixpath.normpath("/" + raw.lstrip("/"))
    if raw.endswith("/") and norm != "/":
        norm += "/"
    return norm


class _Handler(BaseHTTPRequestHandler):
    server: _EditionHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = SERVER_NAME
    sys_version = ""
    timeout = 30  # idle keep-alive connections close after this
    # Headers and body leave in separate writes; with Nagle on, each keep-alive request
    # waits for the client's delayed ACK (40 ms on Linux): 23 requests/s instead of hundreds.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the demo and the tests must not write to stderr."""

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if 0 < length <= 1 << 20:
            self.rfile.read(length)
        else:
            self.close_connection = True
        self._answer()

    def _answer(self) -> None:
        answer = self.server.site.answer(self.command, self.path, dict(self.headers.items()))
        self.send_response(answer.status)
        if answer.content_type:
            self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for k, v in answer.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if answer.send_body:
            self.wfile.write(answer.body)
