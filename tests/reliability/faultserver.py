"""A loopback HTTP server that misbehaves on purpose: one path per fault.

Start it with ``FaultServer().start()`` (127.0.0.1, port 0) and point the code under test at
``server.url(path)``. Every request is logged in ``server.seen`` (method, path, headers), so a
test can assert on what the client asked for and how often.

The faults (``FAULTS`` maps each name to its path):

- ``trickle``: a page sent one byte at a time, a byte every 0.2 s, forever
- ``hang``: the request is read and nothing is ever answered
- ``reset``: headers promise 100 KB, 2 KB arrive, then the connection is reset (RST)
- ``http500`` / ``http503``: server errors with ``Retry-After`` (1 s and 120 s)
- ``http429``: too many requests, ``Retry-After: 1``
- ``redirect_loop``: a -> b -> a -> ...
- ``redirect_file`` / ``redirect_ftp`` / ``redirect_js``: a redirect to a non-web address
- ``huge``: a 200 MB body with its length declared; ``huge_unsized``: the same, chunked
  (both generated while sent, never held in memory)
- ``gzip_bomb``: 1 MB of gzip that inflates to 1 GB
- ``no_charset``: a GBK page that declares no charset anywhere
- ``wrong_charset``: a UTF-8 page labelled ISO-8859-1 in the header
- ``gbk_as_utf8``: GBK bytes labelled UTF-8 in the header and the page
- ``nul_charset``: a UTF-8 page whose header charset holds a NUL byte (``gb\\x00k``)
- ``binary``: random bytes served as ``text/html``
- ``truncated``: an article cut off in the middle of a tag
- ``empty``: 200 with an empty body
- ``feed_not_xml``: an HTML error page served as RSS
- ``feed_huge``: an RSS feed of 100,000 items (streamed)

Asked as a forward proxy (an absolute URL in the request line), it serves its own page for
that URL's path, so proxy tests can check what a client sends to its proxy.

A server built with ``robots_disallow_all=True`` answers ``/robots.txt`` with
``Disallow: /`` (another port is another site, so the two can run side by side).

Besides the faults it serves good articles (``/ok/N.html``), an index linking to good articles
and faulty ones (``/index.html``), and a feed whose items advance on every request
(``/many/feed.xml``), used by the crash-consistency test; ``pages`` adds any page (hostile
content tests), and ``/feed.xml`` lists the good articles, the index faults and those pages.
"""

from __future__ import annotations

import gzip
import io
import random
import socket
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MiB = 1024 * 1024

FAULTS: dict[str, str] = {
    "trickle": "/fault/trickle.html",
    "hang": "/fault/hang.html",
    "reset": "/fault/reset.html",
    "http500": "/fault/http500.html",
    "http503": "/fault/http503.html",
    "http429": "/fault/http429.html",
    "redirect_loop": "/fault/loop-a.html",
    "redirect_file": "/fault/redirect-file.html",
    "redirect_ftp": "/fault/redirect-ftp.html",
    "redirect_js": "/fault/redirect-js.html",
    "huge": "/fault/huge.html",
    "huge_unsized": "/fault/huge-unsized.html",
    "gzip_bomb": "/fault/gzip-bomb.html",
    "no_charset": "/fault/no-charset.html",
    "wrong_charset": "/fault/wrong-charset.html",
    "gbk_as_utf8": "/fault/gbk-as-utf8.html",
    "nul_charset": "/fault/nul-charset.html",
    "binary": "/fault/binary.html",
    "truncated": "/fault/truncated.html",
    "empty": "/fault/empty.html",
    "feed_not_xml": "/fault/feed-not-xml.xml",
    "feed_huge": "/fault/feed-huge.xml",
}

# Faults that say the host, not the page, is failing (no answer in time, a broken
# connection, "unavailable"): a refresh gives a host up after a few of them in a row, and at
# once for a Retry-After longer than it waits (app.host_health), so they are served by a host
# of their own when the other faults are to be read one by one.
HOST_FAULTS = frozenset({"trickle", "hang", "reset", "http503", "http429"})

# Faults whose page is still an article (the reader should read it, whatever the labels say).
READABLE_FAULTS = frozenset({"no_charset", "wrong_charset", "gbk_as_utf8", "truncated",
                             "nul_charset"})
FEED_FAULTS = frozenset({"feed_not_xml", "feed_huge"})
HUGE_BYTES = 200 * MiB
BOMB_INFLATED = 1024 * MiB
FEED_HUGE_ITEMS = 100_000

# The sentence every article page carries, so a test can tell that decoding went right.
KEY_SENTENCE = "淮北市相山区各社区开展邻里互助活动"


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]


def article_html(n: int, *, charset: str | None = "utf-8", paragraphs: int = 8) -> str:
    """A plain article page with enough Chinese prose for any extractor to pick."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(
        f"<p>{KEY_SENTENCE}，第{n}篇报道的第{i}段。居民们在社区广场上交流种菜经验，"
        f"志愿者为老人测量血压，孩子们在一旁画画，大家都说这样的活动让邻里关系更近了。</p>"
        for i in range(1, paragraphs + 1))
    return (f"<!DOCTYPE html><html lang=\"zh-CN\"><head>{meta}<title>社区新闻第{n}号 - 淮北</title>"
            f"</head><body><div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/list\">新闻</a>"
            f"</div><div class=\"article\"><h1>社区新闻第{n}号</h1>"
            f"<div class=\"info\">2026-11-{1 + n % 28:02d} 10:00 来源：淮北日报</div>"
            f"{body}</div><div class=\"footer\">版权所有 淮北</div></body></html>")


def _gzip_bomb() -> bytes:
    """gzip data inflating to BOMB_INFLATED bytes of an HTML page full of spaces (~1 MB).

    Built from gzip members (a gzip file may hold several, inflated one after the other): one
    member of 1 MiB of spaces compressed once and repeated, so building it costs milliseconds.
    """
    spaces = gzip.compress(b" " * MiB, compresslevel=9)
    return (gzip.compress(b"<html><body><p>") + spaces * (BOMB_INFLATED // MiB)
            + gzip.compress(b"</p></body></html>"))


_BOMB: bytes | None = None
_BOMB_LOCK = threading.Lock()


def gzip_bomb() -> bytes:
    global _BOMB
    with _BOMB_LOCK:
        if _BOMB is None:
            _BOMB = _gzip_bomb()
        return _BOMB


def _huge_feed_parts(base: str) -> Iterator[bytes]:
    """100,000 items; their links point at 20 good pages (a refresh fetches each once)."""
    yield (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
           b"<title>huge</title><link>http://127.0.0.1/</link><description>x</description>")
    batch = []
    for i in range(FEED_HUGE_ITEMS):
        day = 1 + i % 28
        batch.append(f"<item><title>item {i}</title><link>{base}ok/{500 + i % 20}.html</link>"
                     f"<pubDate>Sat, {day:02d} Nov 2026 10:00:00 +0800</pubDate></item>")
        if len(batch) == 1000:
            yield "".join(batch).encode()
            batch = []
    yield "".join(batch).encode() + b"</channel></rss>"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a hanging handler must not hold stop()
    owner: FaultServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError, OSError):
            pass  # the client gave up on a fault: that is what the fault is for

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer()

    def do_GET(self) -> None:  # noqa: N802
        self._answer()

    # -- plumbing -------------------------------------------------------------------------

    def _answer(self) -> None:
        owner = self.server.owner
        owner.record(Seen(self.command, self.path,
                          {k.lower(): v for k, v in self.headers.items()}))
        path = self.path.split("?", 1)[0]
        if path.startswith("http://"):  # asked as a forward proxy: serve our own page
            path = "/" + path.split("/", 3)[3] if path.count("/") >= 3 else "/"
            self.path = path
        if owner.latency:
            time.sleep(owner.latency)
        extra = owner.pages.get(path)
        if extra is not None:
            self._send(200, extra[0], extra[1])
            return
        route = getattr(self, "_route_" + owner.route_name(path), None)
        if route is None:
            self._send(404, b"<html><body>not here</body></html>")
            return
        route()

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              **headers: str) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self._send(302, b"", "text/html", Location=location)

    # -- good pages -----------------------------------------------------------------------

    def _route_robots(self) -> None:
        if self.server.owner.robots_disallow_all:
            self._send(200, b"User-agent: *\nDisallow: /\n", "text/plain")
        else:
            self._send(404, b"", "text/plain")

    def _route_ok(self) -> None:
        name = self.path.rsplit("/", 1)[-1].split(".", 1)[0]
        n = int(name) if name.isdigit() else 0
        self._send(200, article_html(n).encode("utf-8"))

    def _route_index(self) -> None:
        owner = self.server.owner
        links = [f'<li><a href="/ok/{n}.html">社区新闻第{n}号 淮北社区动态</a></li>'
                 for n in range(1, owner.good_articles + 1)]
        links += [f'<li><a href="{FAULTS[name]}">社区新闻 {name} 淮北社区动态</a></li>'
                  for name in owner.index_faults]
        body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>新闻列表</title>"
                "</head><body><ul class=\"news-list\">" + "".join(links)
                + "</ul></body></html>")
        self._send(200, body.encode("utf-8"))

    def _route_feed(self) -> None:
        owner = self.server.owner
        links = [f"/ok/{n}.html" for n in range(1, owner.good_articles + 1)]
        links += [FAULTS[name] for name in owner.index_faults]
        links += [path for path in owner.pages if path.endswith(".html")]
        self._send(200, _rss(owner.base_url, links), "application/rss+xml; charset=utf-8")

    def _route_many_feed(self) -> None:
        """A feed of ``many_batch`` items that moves on by that many on every request."""
        owner = self.server.owner
        with owner.lock:
            start = owner.many_next
            owner.many_next += owner.many_batch
        links = [f"/ok/{n}.html" for n in range(start, start + owner.many_batch)]
        self._send(200, _rss(owner.base_url, links), "application/rss+xml; charset=utf-8")

    # -- faults ---------------------------------------------------------------------------

    def _route_trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(10 * MiB))
        self.end_headers()
        stop = self.server.owner.stopping
        while not stop.is_set():
            self.wfile.write(b" ")
            self.wfile.flush()
            stop.wait(0.2)

    def _route_hang(self) -> None:
        self.server.owner.stopping.wait(600)

    def _route_reset(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(100_000))
        self.end_headers()
        self.wfile.write(article_html(1).encode()[:2000])
        self.wfile.flush()
        # SO_LINGER with a zero timeout: close() sends RST instead of FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _route_http500(self) -> None:
        self._send(500, b"<html><body>Internal Server Error</body></html>", Retry_After="1")

    def _route_http503(self) -> None:
        self._send(503, b"<html><body>down for maintenance</body></html>", Retry_After="120")

    def _route_http429(self) -> None:
        self._send(429, b"<html><body>slow down</body></html>", Retry_After="1")

    def _route_loop_a(self) -> None:
        self._redirect("/fault/loop-b.html")

    def _route_loop_b(self) -> None:
        self._redirect("/fault/loop-a.html")

    def _route_redirect_file(self) -> None:
        self._redirect("file:///etc/passwd")

    def _route_redirect_ftp(self) -> None:
        self._redirect("ftp://127.0.0.1/pub/page.html")

    def _route_redirect_js(self) -> None:
        self._redirect("javascript:alert(document.cookie)")

    def _route_huge(self) -> None:
        self._stream_huge(sized=True)

    def _route_huge_unsized(self) -> None:
        self._stream_huge(sized=False)

    def _stream_huge(self, *, sized: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if sized:
            self.send_header("Content-Length", str(HUGE_BYTES))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if self.command == "HEAD":
            return
        chunk = (article_html(7).encode() * 64)[: 256 * 1024]
        sent = 0
        owner = self.server.owner
        while sent < HUGE_BYTES and not owner.stopping.is_set():
            piece = chunk[: HUGE_BYTES - sent]
            if sized:
                self.wfile.write(piece)
            else:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            sent += len(piece)
            with owner.lock:
                owner.huge_bytes_sent += len(piece)
        if not sized:
            self.wfile.write(b"0\r\n\r\n")

    def _route_gzip_bomb(self) -> None:
        self._send(200, gzip_bomb(), "text/html; charset=utf-8", Content_Encoding="gzip")

    def _route_no_charset(self) -> None:
        self._send(200, article_html(21, charset=None).encode("gbk"), "text/html")

    def _route_wrong_charset(self) -> None:
        self._send(200, article_html(22, charset="utf-8").encode("utf-8"),
                   "text/html; charset=iso-8859-1")

    def _route_gbk_as_utf8(self) -> None:
        self._send(200, article_html(23, charset="utf-8").encode("gbk"),
                   "text/html; charset=utf-8")

    def _route_nul_charset(self) -> None:
        self._send(200, article_html(25, charset="utf-8").encode("utf-8"),
                   "text/html; charset=gb\x00k")

    def _route_binary(self) -> None:
        rng = random.Random(9)
        self._send(200, bytes(rng.getrandbits(8) for _ in range(64 * 1024)))

    def _route_truncated(self) -> None:
        page = article_html(24).encode("utf-8")
        self._send(200, page[: int(len(page) * 0.7)].rsplit(b"<", 1)[0] + b"<p class=\"inf")

    def _route_empty(self) -> None:
        self._send(200, b"")

    def _route_feed_not_xml(self) -> None:
        self._send(200, b"<html><body><h1>502 Bad Gateway</h1><p>nginx</body></html>",
                   "application/rss+xml; charset=utf-8")

    def _route_feed_huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for part in _huge_feed_parts(self.server.owner.base_url):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
        self.wfile.write(b"0\r\n\r\n")


def _rss(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>社区新闻 {i}</title><link>{base.rstrip('/')}{link}</link>"
        f"<pubDate>Sat, 28 Nov 2026 {i % 24:02d}:00:00 +0800</pubDate></item>"
        for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>淮北社区</title><link>{base}</link><description>社区新闻</description>"
            f"{items}</channel></rss>").encode()


_ROUTES = {
    "/robots.txt": "robots",
    "/index.html": "index",
    "/feed.xml": "feed",
    "/many/feed.xml": "many_feed",
    "/fault/loop-b.html": "loop_b",
}
_ROUTES.update({path: name for name, path in FAULTS.items()})
_ROUTES[FAULTS["redirect_loop"]] = "loop_a"


class FaultServer:
    """The misbehaving site. ``index_faults`` names the faults the index and feed link to."""

    def __init__(self, *, robots_disallow_all: bool = False, good_articles: int = 3,
                 index_faults: tuple[str, ...] = (), latency: float = 0.0,
                 many_batch: int = 100,
                 pages: dict[str, tuple[bytes, str]] | None = None) -> None:
        self.robots_disallow_all = robots_disallow_all
        self.good_articles = good_articles
        self.index_faults = tuple(index_faults)
        self.latency = latency
        self.many_batch = many_batch
        self.many_next = 1000
        self.pages = dict(pages or {})  # extra path -> (body, content type); .html ones in feed
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.seen: list[Seen] = []
        self.huge_bytes_sent = 0
        self.base_url = ""
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @staticmethod
    def route_name(path: str) -> str:
        if path.startswith("/ok/"):
            return "ok"
        return _ROUTES.get(path, "missing")

    def record(self, seen: Seen) -> None:
        with self.lock:
            self.seen.append(seen)

    def paths(self) -> list[str]:
        with self.lock:
            return [s.path for s in self.seen]

    def clear(self) -> None:
        with self.lock:
            self.seen.clear()

    def count(self, path: str) -> int:
        return sum(1 for p in self.paths() if p.split("?", 1)[0] == path)

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def fault_url(self, name: str) -> str:
        return self.url(FAULTS[name])

    def start(self) -> FaultServer:
        httpd = _Server(("127.0.0.1", 0), _Handler)
        httpd.owner = self
        self._httpd = httpd
        gzip_bomb()  # built before any client waits on it
        self.base_url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="fault-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def gunzipped_size(data: bytes) -> int:
    """How big ``data`` inflates (checked in small steps, for the test of the bomb itself)."""
    size = 0
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
        while chunk := f.read(MiB):
            size += len(chunk)
    return size
