"""Per-host failure handling in a refresh (issue 16): a host that is down is given up on after a
few failures in a row, with one line per host; a long Retry-After gives it up at once, a
short one is honoured; the next refresh tries again."""

from __future__ import annotations

import time

import pytest
from support.loopback import LoopbackServer, Reply, free_port
from support.newsite import article_html

from huaibei_reader.app.host_health import (
    DOWN,
    FAILED,
    FAILURES_BEFORE_SKIP,
    OK,
    RETRY,
    HostHealth,
    origin_key,
    wait_text,
)
from huaibei_reader.app.refresh import refresh_sources
from huaibei_reader.errors import FetchBlocked, NetworkError, NotAnArticle
from huaibei_reader.models import Source
from huaibei_reader.net import FetchTimeout, HttpStatusError

HANG_GUARD = 60.0  # generous: only catches a refresh that does not end


def _feed(items: list[tuple[str, str]], *, text: bool = True) -> bytes:
    """RSS whose items (url, title) carry their text in <description> when ``text``."""
    body = "".join(
        f"<item><title>{title}</title><link>{url}</link>"
        + (f"<description>&lt;p&gt;{title}的正文：淮北市今天召开会议。&lt;/p&gt;</description>"
           if text else "") + "</item>" for url, title in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>测试</title><link>http://127.0.0.1/</link>{body}</channel></rss>").encode()


def _rss(data: bytes):
    return lambda req: Reply(200, data, {"Content-Type": "application/rss+xml"})


# -- the rules ------------------------------------------------------------------------------

def test_origin_key_tells_ports_apart_and_keeps_default_ones_short():
    assert origin_key("http://127.0.0.1:8080/a") == "127.0.0.1:8080"
    assert origin_key("https://News.Example.com/a?b") == "news.example.com"
    assert origin_key("http://[::1]:81/") == "[::1]:81"
    assert origin_key("http://[::1") == ""


def test_wait_text_says_a_wait_as_a_person_would():
    assert [wait_text(s) for s in (45, 600, 7200, 86400, 3 * 86400)] == \
        ["45 s", "10 min", "2 h", "1 day", "3 days"]


def test_a_host_is_given_up_after_failures_in_a_row_and_an_answer_resets_the_count():
    health = HostHealth()
    refused = NetworkError("cannot connect to h: connection refused")
    for _ in range(FAILURES_BEFORE_SKIP - 1):
        assert health.failed("h", refused, may_retry=True) == FAILED
    health.answered("h")  # a page came back: the count starts again
    for _ in range(FAILURES_BEFORE_SKIP - 1):
        assert health.failed("h", FetchTimeout("timed out"), may_retry=True) == FAILED
    token = health.token("h")
    assert not token.cancelled
    assert health.failed("h", HttpStatusError("bad gateway", 502), may_retry=True) == DOWN
    assert token.cancelled  # what is still in flight to it is cut
    assert health.down("h") == "unavailable (HTTP 502)"
    assert health.down("other") is None


def test_page_level_failures_do_not_count_against_the_host():
    health = HostHealth(failures_before_skip=1)
    for exc in (HttpStatusError("not found", 404), HttpStatusError("server error", 500),
                FetchBlocked("robots.txt forbids it"), NotAnArticle("no article text")):
        assert health.failed("h", exc, may_retry=True) == OK
    assert health.down("h") is None


def test_retry_after_is_honoured_up_to_the_cap_and_gives_the_host_up_beyond_it():
    now = [1000.0]
    health = HostHealth(max_wait=60, clock=lambda: now[0])
    short = HttpStatusError("too many requests", 429, "20")
    assert health.failed("h", short, may_retry=True) == RETRY
    assert health.wait_left("h") == pytest.approx(20)
    now[0] += 20
    assert health.wait_left("h") == 0
    assert health.failed("h", short, may_retry=False) == FAILED  # asked again already
    day = HttpStatusError("service unavailable", 503, "86400")
    assert health.failed("h", day, may_retry=True) == DOWN
    assert health.down("h") == "asks us to wait 1 day (HTTP 503, Retry-After)"


# -- in a refresh ---------------------------------------------------------------------------

def test_a_dead_host_behind_a_big_feed_is_given_up_and_every_item_kept_from_the_feed(
        library, client):
    dead = free_port()
    items = [(f"http://127.0.0.1:{dead}/news/{n}.html", f"第{n}条新闻") for n in range(500)]
    messages: list[str] = []
    with LoopbackServer() as feed_server:
        feed_server.route("/feed.xml", _rss(_feed(items)))
        source = library.sources.add(Source(None, "大量", feed_server.url("/"), kind="feed",
                                           feed_url=feed_server.url("/feed.xml")))
        started = time.monotonic()
        [report] = refresh_sources([source], library=library, client=client,
                                   progress=lambda p: messages.append(p.message))
        elapsed = time.monotonic() - started
    assert elapsed < HANG_GUARD
    assert report.error is None
    host = f"127.0.0.1:{dead}"
    assert list(report.skipped) == [host]
    skip = report.skipped[host]
    assert skip.reason == "not reachable"
    assert skip.articles == 500 - FAILURES_BEFORE_SKIP  # only the first few were tried
    line = f"{host}: not reachable, {skip.articles} articles skipped ({skip.articles} stored " \
           "from the feed), will try on the next refresh"
    assert report.notes() == [line]
    assert messages.count(line) == 1  # one line per host in the progress too
    assert report.failed == []
    # every item, tried or skipped, is in the library from its feed item
    assert report.new == report.from_feed == 500
    assert library.articles.count(source_id=source.id) == 500
    stored = library.articles.get(library.articles.id_of(items[42][0]))
    assert stored.article.from_feed and stored.article.title == "第42条新闻"
    assert "淮北市今天召开会议" in stored.article.text


def test_the_next_refresh_tries_the_host_again_and_reads_the_pages(library, client):
    up = {"ok": False}
    with LoopbackServer() as feed_server, LoopbackServer() as pages:
        items = [(pages.url(f"/news/{n}.html"), f"第{n}条新闻") for n in range(12)]
        feed_server.route("/feed.xml", _rss(_feed(items)))
        for n in range(12):
            pages.route(f"/news/{n}.html", lambda req, n=n: Reply(
                200, article_html(n).encode(), {"Content-Type": "text/html; charset=utf-8"})
                if up["ok"] else Reply(drop=True))
        source = library.sources.add(Source(None, "恢复", feed_server.url("/"), kind="feed",
                                           feed_url=feed_server.url("/feed.xml")))
        [first] = refresh_sources([source], library=library, client=client)
        asked_first = len([p for p in pages.paths() if p.startswith("/news/")])
        up["ok"] = True
        [second] = refresh_sources([source], library=library, client=client)
    host = pages.url("/").split("//", 1)[1].rstrip("/")
    assert list(first.skipped) == [host] and first.skipped[host].reason == "not reachable"
    assert asked_first < 12  # the host was given up before every page was asked
    assert first.new == first.from_feed == 12
    # the feed was asked again in full (no validators kept after a skip) and every page read
    assert second.skipped == {} and second.updated == 12 and second.from_feed == 0
    for url, _ in items:
        item = library.articles.get(library.articles.id_of(url))
        assert not item.article.from_feed and item.version == 2
        assert [v.version for v in library.versions.all(item.id)][:1] == [1]


def test_a_retry_after_of_a_day_skips_the_host_at_once_and_says_so(library, client):
    with LoopbackServer() as feed_server, LoopbackServer() as busy:
        items = [(busy.url(f"/news/{n}.html"), f"第{n}条") for n in range(40)]
        feed_server.route("/feed.xml", _rss(_feed(items, text=False)))
        for n in range(40):
            busy.route(f"/news/{n}.html",
                       lambda req: Reply(429, b"slow down", {"Retry-After": "86400"}))
        source = library.sources.add(Source(None, "忙", feed_server.url("/"), kind="feed",
                                           feed_url=feed_server.url("/feed.xml")))
        started = time.monotonic()
        [report] = refresh_sources([source], library=library, client=client)
        elapsed = time.monotonic() - started
        asked = [p for p in busy.paths() if p.startswith("/news/")]
    host = busy.url("/").split("//", 1)[1].rstrip("/")
    assert elapsed < HANG_GUARD
    assert len(asked) <= client.config.per_host_limit * 2  # the first answer stopped the rest
    assert report.notes() == [f"{host}: asks us to wait 1 day (HTTP 429, Retry-After), "
                              f"{report.skipped[host].articles} articles skipped, will try on "
                              "the next refresh"]
    assert report.skipped[host].articles + len(report.failed) == 40
    assert report.new == 0  # the items carry no text: nothing to keep from the feed


def test_a_short_retry_after_pauses_the_host_then_asks_again(library, client):
    asked_at: list[float] = []
    with LoopbackServer() as feed_server, LoopbackServer() as busy:
        feed_server.route("/feed.xml", _rss(_feed([(busy.url("/news/1.html"), "第1条")])))

        def page(req):
            asked_at.append(time.monotonic())
            if len(asked_at) <= client.config.retries + 1:  # the client's own tries
                return Reply(503, b"busy", {"Retry-After": "1"})
            return Reply(200, article_html(1).encode(),
                         {"Content-Type": "text/html; charset=utf-8"})

        busy.route("/news/1.html", page)
        source = library.sources.add(Source(None, "稍等", feed_server.url("/"), kind="feed",
                                           feed_url=feed_server.url("/feed.xml")))
        [report] = refresh_sources([source], library=library, client=client)
    assert report.new == 1 and report.from_feed == 0 and report.skipped == {}
    # the refresh asked again only after the pause the host asked for
    assert asked_at[-1] - asked_at[-2] >= 1.0
