"""Hostile servers (issue 9) inside a refresh: each fault is one article's clear error, the
refresh goes on with the rest and ends in bounded time."""

from __future__ import annotations

import gzip
import time

import pytest
from support.local import LOCAL_OK
from support.loopback import LoopbackServer, Reply
from support.newsite import article_html

from huaibei_reader.app.refresh import refresh_sources
from huaibei_reader.models import Source
from huaibei_reader.net import HttpClient, HttpConfig
from huaibei_reader.store import Library


def _huge():
    chunk = b"<p>" + b"x" * (1024 * 1024) + b"</p>"
    for _ in range(8):
        yield chunk


FAULTS: dict[str, tuple[Reply, str]] = {
    # path: (what the server does, words the failure reason must contain)
    "/news/1/hang.html": (Reply(200, b"late", delay=3.0), "timed out"),
    "/news/2/reset.html": (Reply(200, article_html(2).encode(), abort_after=100),
                           "broke off"),
    # a short wait is honoured and the page asked again; a long one gives the whole host up
    # (tests/app/test_refresh_hosts.py)
    "/news/3/unavailable.html": (Reply(503, b"", {"Retry-After": "1"}),
                                 "service unavailable (HTTP 503)"),
    "/news/4/loop.html": (Reply(302, b"", {"Location": "/news/4/loop.html"}),
                          "too many redirects"),
    "/news/5/file.html": (Reply(302, b"", {"Location": "file:///etc/passwd"}),
                          "non-web address"),
    "/news/6/huge.html": (Reply(200, _huge(), {"Content-Type": "text/html"}), "too large"),
    "/news/7/bomb.html": (Reply(200, gzip.compress(b" " * (16 * 1024 * 1024)),
                                {"Content-Encoding": "gzip", "Content-Type": "text/html"}),
                          "too large"),
    "/news/8/binary.html": (Reply(200, bytes(range(256)) * 64,
                                  {"Content-Type": "text/html"}), "binary"),
    "/news/9/empty.html": (Reply(200, b"", {"Content-Type": "text/html"}), "empty"),
    "/news/10/bad-gzip.html": (Reply(200, b"\x1f\x8b\x08\x00garbage",
                                     {"Content-Encoding": "gzip"}), ""),  # empty or broken
    "/news/11/forbidden.html": (Reply(403, b"no"), "access forbidden (HTTP 403)"),
    "/news/12/gone.html": (Reply(410, b""), "gone"),
    "/news/14/report.pdf": (Reply(200, b"%PDF-1.4 ...", {"Content-Type": "application/pdf"}),
                            "not a web page"),
}
GOOD = "/news/13/good.html"


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


def test_every_fault_is_one_clear_failure_and_the_rest_is_stored(library):
    with LoopbackServer() as server:
        links = "".join(f"<li><a href='{p}'>第{i}号新闻：淮北市重点工作推进会议召开</a></li>"
                        for i, p in enumerate([*FAULTS, GOOD]))
        server.route("/", lambda req: Reply(200, f"<html><body><ul>{links}</ul></body></html>"
                                            .encode(), {"Content-Type": "text/html"}))
        for path, (reply, _) in FAULTS.items():
            server.route(path, lambda req, reply=reply: reply)
        server.route(GOOD, lambda req: Reply(200, article_html(13).encode(),
                                             {"Content-Type": "text/html; charset=utf-8"}))
        client = HttpClient(HttpConfig(user_agent="HuaibeiReader/test", read_timeout=1.0,
                                       address_policy=LOCAL_OK,
                                       max_bytes=4 * 1024 * 1024, retries=1,
                                       backoff_factor=0.05, max_retry_after=2))
        source = library.sources.add(Source(None, "faults", server.url("/")))
        started = time.monotonic()
        [report] = refresh_sources([source], library=library, client=client, site_rules={})
        elapsed = time.monotonic() - started
        client.close()
    assert elapsed < 20
    assert report.error is None
    assert report.new == 1, report
    reasons = dict(report.failed)
    for path, (_, words) in FAULTS.items():
        reason = reasons.get(server.url(path))
        assert reason, f"{path} did not fail"
        assert words in reason, (path, reason)
        assert "Traceback" not in reason and len(reason) < 300
    assert library.articles.count(source_id=source.id) == 1
