"""A feed on a loopback server whose first articles answer and whose other article pages hang:
what a refresh looks like when someone cancels it (issue 17). Not a test module.

``HangSite(good=3, hanging=20)``: ``/feed.xml`` lists the good articles first, then the
hanging ones. The good ones are served from another host name (``localhost``, another
server): on the same host they would queue at the client's politeness gate behind hanging
requests holding its slots. A hanging page holds its request until ``release()`` (or the
close), in one of two ways: ``"silent"`` sends nothing at all; ``"stalled"`` sends the status
line, the headers and a first piece of a ``Connection: close`` answer, then nothing more (the
phase where http.client has let go of the connection and the client has no socket left to
cut, see net's cancel). ``hung`` is set when the first hanging request arrives,
``good_asked`` when every good article was asked for.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from support.loopback import LoopbackServer, Reply, Seen
from support.newsite import article_html

HANG_LIMIT = 120.0  # seconds a hanging page holds at most (the tests' hang guard is shorter)


class HangSite:
    def __init__(self, *, good: int = 3, hanging: int = 20, mode: str = "silent") -> None:
        assert mode in ("silent", "stalled")
        self.good = good
        self.hanging = hanging
        self.mode = mode
        self.hung = threading.Event()
        self.good_asked = threading.Event()
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._good_seen: set[int] = set()
        self.server = LoopbackServer()
        self.good_server = LoopbackServer()
        self.server.route("/feed.xml", self._feed)
        for n in range(1, good + 1):
            self.good_server.route(self.good_path(n), lambda req, n=n: self._good(n))
        for n in range(1, hanging + 1):
            self.server.route(self.hang_path(n), self._hang)

    # -- addresses ----------------------------------------------------------------------------
    @staticmethod
    def good_path(n: int) -> str:
        return f"/news/good/{n}.html"

    @staticmethod
    def hang_path(n: int) -> str:
        return f"/news/hang/{n}.html"

    def url(self, path: str = "/") -> str:
        return self.server.url(path)

    @property
    def feed_url(self) -> str:
        return self.server.url("/feed.xml")

    # -- routes -------------------------------------------------------------------------------
    def good_url(self, n: int) -> str:
        return f"http://localhost:{self.good_server.port}{self.good_path(n)}"

    def _feed(self, _req: Seen) -> Reply:
        urls = [self.good_url(n) for n in range(1, self.good + 1)]
        urls += [self.server.url(self.hang_path(n)) for n in range(1, self.hanging + 1)]
        items = "".join(f"<item><title>第{i}号</title><link>{u}</link></item>"
                        for i, u in enumerate(urls, 1))
        body = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                f"<title>挂起的网站</title><link>{self.server.url('/')}</link>{items}"
                "</channel></rss>")
        return Reply(200, body.encode(), {"Content-Type": "application/rss+xml"})

    def _good(self, n: int) -> Reply:
        with self._lock:
            self._good_seen.add(n)
            if len(self._good_seen) == self.good:
                self.good_asked.set()
        return Reply(200, article_html(n).encode(), {"Content-Type": "text/html; charset=utf-8"})

    def _hang(self, _req: Seen) -> Reply:
        self.hung.set()
        if self.mode == "silent":
            self._released.wait(HANG_LIMIT)
            return Reply(503, b"released", {"Content-Type": "text/plain"})
        return Reply(200, self._stall(), {"Content-Type": "text/html; charset=utf-8"})

    def _stall(self) -> Iterator[bytes]:
        yield b"<html><body><p>"
        self._released.wait(HANG_LIMIT)

    # -- life ---------------------------------------------------------------------------------
    def release(self) -> None:
        self._released.set()

    def close(self) -> None:
        self.release()
        self.server.close()
        self.good_server.close()

    def __enter__(self) -> HangSite:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
