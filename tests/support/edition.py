"""The sample edition served by the test kit's server, with the tests' instruments.

    with EditionServer() as edition:           # 127.0.0.1, port 0
        client.get(edition.url("/index.html"))
        edition.requests                        # method, path, headers, status; in order
        edition.edit_page(path, old, new)       # an article edited after publication
        edition.set_override(path, status=503)  # any answer for one path
    EditionServer(latency=0.15)                 # every answer late
    EditionServer(gzip=True)                    # text compressed for clients that accept it

The pages and their answers (types, charsets, validators, 304, 404, redirects) are the demo's
own (``huaibei_reader.demo.EditionSite``); everything recorded or changed here exists only
for tests and never ships in the product.
"""

from __future__ import annotations

import gzip as gzip_module
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from huaibei_reader.demo.server import Answer, EditionSite, etag_matches, etag_of
from support.loopback import LoopbackServer, Reply, Seen


@dataclass(frozen=True)
class Answered:
    """One request and the status it was answered with (recorded before the answer left)."""

    method: str
    path: str  # the request target as sent, query included
    headers: dict[str, str]  # as sent (lower-case keys)
    status: int


@dataclass(frozen=True)
class Override:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0


_COMPRESSIBLE = ("text/", "application/rss+xml", "application/json", "application/javascript")


class EditionServer:
    """The sample edition (or ``root``) on a :class:`LoopbackServer`, instrumented."""

    def __init__(self, root: Path | None = None, *, latency: float = 0.0,
                 gzip: bool = False, host: str = "127.0.0.1") -> None:
        self.site = EditionSite(root)
        self.latency = latency
        self.gzip = gzip
        self.host = host
        self.server: LoopbackServer | None = None
        self.base_url = ""
        self._answered: list[Answered] = []
        self._overrides: dict[str, Override] = {}
        self._gzipped: dict[str, bytes] = {}
        self._lock = threading.Lock()

    # -- life cycle -----------------------------------------------------------------------

    def start(self) -> str:
        if self.server is None:
            self.site.check()
            self.server = LoopbackServer(self.host, latency=self.latency)
            self.server.fallback = self._reply
            self.base_url = self.site.base_url = self.server.base + "/"
        return self.base_url

    def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None

    def __enter__(self) -> EditionServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self.server.port if self.server is not None else 0

    @property
    def running(self) -> bool:
        return self.server is not None

    def url(self, path: str) -> str:
        if not self.base_url:
            raise RuntimeError("the server is not started")
        return self.base_url + path.lstrip("/")

    # -- what tests look at and change -----------------------------------------------------

    @property
    def requests(self) -> list[Answered]:
        with self._lock:
            return list(self._answered)

    def clear_requests(self) -> None:
        with self._lock:
            self._answered.clear()

    def paths_requested(self, method: str | None = None) -> list[str]:
        """Request paths (without query) in arrival order, optionally for one method."""
        return [urlsplit(r.path).path for r in self.requests
                if method is None or r.method == method]

    def set_override(self, path: str, *, status: int = 200, body: bytes | str = b"",
                     content_type: str = "text/html; charset=utf-8", delay: float = 0.0) -> None:
        """Answer ``path`` with this instead of the file (an edited article, a 500, a delay)."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self._overrides[_normalised(path)] = Override(status, data, content_type, delay)

    def edit_page(self, path: str, old: str, new: str) -> None:
        """Serve ``path`` with ``old`` replaced by ``new``: same encoding and Content-Type,
        a new ETag (a revalidating client gets the new version)."""
        resource = self.site.load(path)
        if resource is None:
            raise KeyError(f"no such page in the edition: {path}")
        charset = _charset_of(resource.content_type) or "utf-8"
        if "charset=gb" in resource.body[:1024].lower().decode("ascii", "replace"):
            charset = "gb18030"
        text = resource.body.decode(charset)
        if old not in text:
            raise ValueError(f"{old!r} is not on {path}")
        body = text.replace(old, new).encode("gbk" if charset == "gb18030" else charset)
        self._overrides[_normalised(path)] = Override(200, body, resource.content_type)

    def clear_overrides(self) -> None:
        self._overrides.clear()

    # -- answering -------------------------------------------------------------------------

    def _reply(self, req: Seen) -> Reply:
        answer = self._answer(req)
        with self._lock:
            self._answered.append(Answered(req.method, req.path, req.headers,
                                           int(answer.status)))
        headers = {"Content-Type": answer.content_type} if answer.content_type else {}
        headers.update(answer.headers)
        headers["Content-Length"] = str(len(answer.body))
        delay = self._overrides.get(_normalised(req.path), Override()).delay
        return Reply(int(answer.status), answer.body if answer.send_body else b"", headers,
                     delay=delay)

    def _answer(self, req: Seen) -> Answer:
        override = self._overrides.get(_normalised(req.path))
        if override is not None:
            extra = {}
            if override.status == 200:
                extra["ETag"] = etag_of(override.body)
                if etag_matches(req.headers, extra["ETag"]):
                    return Answer(304, b"", "", extra, False)
            return Answer(override.status, override.body, override.content_type, extra,
                          req.method != "HEAD")
        if not self.gzip:
            return self.site.answer(req.method, req.path, req.headers)
        return self._gzip_answer(req)

    def _gzip_answer(self, req: Seen) -> Answer:
        """Text compressed for clients that accept gzip, as portal servers do; the ETag names
        the variant (``"…-gzip"``)."""
        accepts = _accepts_gzip(req.headers.get("accept-encoding", ""))
        headers = dict(req.headers)
        inm = headers.get("if-none-match")
        if inm is not None:
            headers["if-none-match"] = inm.replace('-gzip"', '"')
        answer = self.site.answer(req.method, req.path, headers)
        if not answer.content_type.startswith(_COMPRESSIBLE) and answer.status != 304:
            return answer
        plain_etag = answer.headers.get("ETag")
        extra = dict(answer.headers)
        if plain_etag is None:
            return answer
        extra["Vary"] = "Accept-Encoding"
        if not accepts:
            return Answer(answer.status, answer.body, answer.content_type, extra,
                          answer.send_body)
        extra["ETag"] = plain_etag[:-1] + '-gzip"'
        if answer.status == 304:
            return Answer(304, b"", "", extra, False)
        body = self._gzipped.get(plain_etag)
        if body is None:
            body = self._gzipped[plain_etag] = gzip_module.compress(answer.body, mtime=0)
        extra["Content-Encoding"] = "gzip"
        return Answer(answer.status, body, answer.content_type, extra, answer.send_body)


def _normalised(path: str) -> str:
    parts = urlsplit(path)
    return parts.path or "/"


def _charset_of(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"').lower()
    return None


def _accepts_gzip(accept_encoding: str) -> bool:
    for item in accept_encoding.lower().split(","):
        name, _, params = item.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            q = params.strip()
            if not q.startswith("q="):
                return True
            try:
                return float(q[2:]) > 0
            except ValueError:
                return False
    return False
