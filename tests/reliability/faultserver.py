"""A loopback site that misbehaves on purpose: one path per fault, served by the test kit
(support/loopback.py).

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
import threading
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from support.loopback import LoopbackServer, Reply, Seen

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
    global _BOMB  # noqa: PLW0603 - built once (slow), on first use
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


def _ok(path: str) -> Reply:
    name = path.rsplit("/", 1)[-1].split(".", 1)[0]
    return _html(article_html(int(name) if name.isdigit() else 0).encode("utf-8"))


def _html(body: bytes, ctype: str = "text/html; charset=utf-8", status: int = 200,
          **headers: str) -> Reply:
    return Reply(status, body, {"Content-Type": ctype, **{k.replace("_", "-"): v
                                                          for k, v in headers.items()}})


def _redirect(location: str) -> Reply:
    return Reply(302, b"", {"Content-Type": "text/html", "Location": location})


def _rss(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>社区新闻 {i}</title><link>{base.rstrip('/')}{link}</link>"
        f"<pubDate>Sat, 28 Nov 2026 {i % 24:02d}:00:00 +0800</pubDate></item>"
        for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>淮北社区</title><link>{base}</link><description>社区新闻</description>"
            f"{items}</channel></rss>").encode()


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
        self.huge_bytes_sent = 0
        self.base_url = ""
        self.server: LoopbackServer | None = None
        self._faults: dict[str, Callable[[], Reply]] = {
            FAULTS[name]: getattr(self, "_" + name) for name in FAULTS}
        self._faults["/fault/loop-b.html"] = lambda: _redirect("/fault/loop-a.html")

    # -- what tests look at ---------------------------------------------------------------

    @property
    def seen(self) -> list[Seen]:
        return self.server.seen if self.server is not None else []

    @property
    def stopping(self) -> threading.Event:
        assert self.server is not None
        return self.server.stopping

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]

    def clear(self) -> None:
        if self.server is not None:
            self.server.clear()

    def count(self, path: str) -> int:
        return sum(1 for p in self.paths() if p.split("?", 1)[0] == path)

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def fault_url(self, name: str) -> str:
        return self.url(FAULTS[name])

    # -- life cycle -----------------------------------------------------------------------

    def start(self) -> FaultServer:
        gzip_bomb()  # built before any client waits on it
        self.server = LoopbackServer(latency=self.latency)
        self.server.fallback = self._answer
        self.base_url = self.server.base + "/"
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.close()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- routing --------------------------------------------------------------------------

    def _answer(self, req: Seen) -> Reply:
        path = req.path
        if path.startswith("http://"):  # asked as a forward proxy: serve our own page
            path = urlsplit(path).path or "/"
        path = path.split("?", 1)[0]
        extra = self.pages.get(path)
        if extra is not None:
            return _html(extra[0], extra[1])
        if path.startswith("/ok/"):
            return _ok(path)
        if path in self._faults:
            return self._faults[path]()
        named = {"/robots.txt": self._robots, "/index.html": self._index,
                 "/feed.xml": self._feed, "/many/feed.xml": self._many_feed}.get(path)
        return named() if named else _html(b"<html><body>not here</body></html>", status=404)

    # -- good pages -----------------------------------------------------------------------

    def _robots(self) -> Reply:
        if self.robots_disallow_all:
            return _html(b"User-agent: *\nDisallow: /\n", "text/plain")
        return _html(b"", "text/plain", status=404)

    def _index(self) -> Reply:
        links = [f'<li><a href="/ok/{n}.html">社区新闻第{n}号 淮北社区动态</a></li>'
                 for n in range(1, self.good_articles + 1)]
        links += [f'<li><a href="{FAULTS[name]}">社区新闻 {name} 淮北社区动态</a></li>'
                  for name in self.index_faults]
        body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>新闻列表</title>"
                "</head><body><ul class=\"news-list\">" + "".join(links)
                + "</ul></body></html>")
        return _html(body.encode("utf-8"))

    def _feed(self) -> Reply:
        links = [f"/ok/{n}.html" for n in range(1, self.good_articles + 1)]
        links += [FAULTS[name] for name in self.index_faults]
        links += [path for path in self.pages if path.endswith(".html")]
        return _html(_rss(self.base_url, links), "application/rss+xml; charset=utf-8")

    def _many_feed(self) -> Reply:
        """A feed of ``many_batch`` items that moves on by that many on every request."""
        with self.lock:
            start = self.many_next
            self.many_next += self.many_batch
        links = [f"/ok/{n}.html" for n in range(start, start + self.many_batch)]
        return _html(_rss(self.base_url, links), "application/rss+xml; charset=utf-8")

    # -- faults ---------------------------------------------------------------------------

    def _trickle(self) -> Reply:
        spaces = (b" " for _ in range(10 * MiB))
        return Reply(200, spaces, {"Content-Type": "text/html; charset=utf-8",
                                   "Content-Length": str(10 * MiB)}, every=0.2)

    def _hang(self) -> Reply:
        return Reply(hang=True)

    def _reset(self) -> Reply:
        promised = article_html(1).encode().ljust(100_000, b" ")
        return Reply(200, promised, {"Content-Type": "text/html; charset=utf-8"},
                     abort_after=2000)

    def _http500(self) -> Reply:
        return _html(b"<html><body>Internal Server Error</body></html>", status=500,
                     Retry_After="1")

    def _http503(self) -> Reply:
        return _html(b"<html><body>down for maintenance</body></html>", status=503,
                     Retry_After="120")

    def _http429(self) -> Reply:
        return _html(b"<html><body>slow down</body></html>", status=429, Retry_After="1")

    def _redirect_loop(self) -> Reply:
        return _redirect("/fault/loop-b.html")

    def _redirect_file(self) -> Reply:
        return _redirect("file:///etc/passwd")

    def _redirect_ftp(self) -> Reply:
        return _redirect("ftp://127.0.0.1/pub/page.html")

    def _redirect_js(self) -> Reply:
        return _redirect("javascript:alert(document.cookie)")

    def _huge(self) -> Reply:
        return Reply(200, self._huge_parts(), {"Content-Type": "text/html; charset=utf-8",
                                               "Content-Length": str(HUGE_BYTES)})

    def _huge_unsized(self) -> Reply:
        return Reply(200, self._huge_parts(), {"Content-Type": "text/html; charset=utf-8"},
                     chunked=True)

    def _huge_parts(self) -> Iterator[bytes]:
        """HUGE_BYTES of article text, generated while sent, never held in memory."""
        chunk = (article_html(7).encode() * 64)[: 256 * 1024]
        sent = 0
        while sent < HUGE_BYTES:
            piece = chunk[: HUGE_BYTES - sent]
            yield piece
            sent += len(piece)
            with self.lock:
                self.huge_bytes_sent += len(piece)

    def _gzip_bomb(self) -> Reply:
        return _html(gzip_bomb(), Content_Encoding="gzip")

    def _no_charset(self) -> Reply:
        return _html(article_html(21, charset=None).encode("gbk"), "text/html")

    def _wrong_charset(self) -> Reply:
        return _html(article_html(22, charset="utf-8").encode("utf-8"),
                     "text/html; charset=iso-8859-1")

    def _gbk_as_utf8(self) -> Reply:
        return _html(article_html(23, charset="utf-8").encode("gbk"))

    def _nul_charset(self) -> Reply:
        return _html(article_html(25, charset="utf-8").encode("utf-8"),
                     "text/html; charset=gb\x00k")

    def _binary(self) -> Reply:
        rng = random.Random(9)
        return _html(bytes(rng.getrandbits(8) for _ in range(64 * 1024)))

    def _truncated(self) -> Reply:
        page = article_html(24).encode("utf-8")
        return _html(page[: int(len(page) * 0.7)].rsplit(b"<", 1)[0] + b"<p class=\"inf")

    def _empty(self) -> Reply:
        return _html(b"")

    def _feed_not_xml(self) -> Reply:
        return _html(b"<html><body><h1>502 Bad Gateway</h1><p>nginx</body></html>",
                     "application/rss+xml; charset=utf-8")

    def _feed_huge(self) -> Reply:
        return Reply(200, _huge_feed_parts(self.base_url),
                     {"Content-Type": "application/rss+xml; charset=utf-8"}, chunked=True)


def gunzipped_size(data: bytes) -> int:
    """How big ``data`` inflates (checked in small steps, for the test of the bomb itself)."""
    size = 0
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
        while chunk := f.read(MiB):
            size += len(chunk)
    return size
