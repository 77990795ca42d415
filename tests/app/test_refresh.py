"""The refresh pipeline against loopback sites: what it stores, what it asks for, what it skips."""

from __future__ import annotations

import threading
import time

import pytest
from support.local import LOCAL_OK
from support.loopback import LoopbackServer, Reply
from support.newsite import Site, article_path, serve

from huaibei_reader.app.refresh import RefreshProgress, refresh_sources
from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled
from huaibei_reader.models import Source
from huaibei_reader.net import HttpClient, HttpConfig


@pytest.fixture
def server():
    with LoopbackServer() as s:
        yield s


def add(library, server, name="测试新闻网", kind="site", feed=None) -> Source:
    return library.sources.add(Source(id=None, name=name, url=server.url("/"), kind=kind,
                                      feed_url=feed))


def article_hits(server) -> list[str]:
    return [p for p in server.paths() if p.startswith("/news/")]


def test_site_with_pagination_is_read_and_stored(library, client, server):
    site = Site(count=45, per_page=20)
    serve(site, server)
    source = add(library, server)
    seen: list[RefreshProgress] = []
    [report] = refresh_sources([source], library=library, client=client, site_rules={},
                               progress=seen.append)
    assert report.error is None and report.failed == []
    assert report.new == 45
    assert library.articles.count(source_id=source.id) == 45
    assert {"/", "/index_2.html", "/index_3.html"} <= set(server.paths())
    assert sorted(article_hits(server)) == sorted(article_path(n) for n in range(1, 46))
    stored = library.articles.newest(source_id=source.id, limit=1)[0].article
    assert stored.title.startswith("淮北新闻第")
    assert seen[-1].done == seen[-1].total == 45
    assert library.sources.get(source.id).last_refreshed is not None


def test_second_refresh_downloads_no_article_body(library, client, server):
    site = Site(count=30, per_page=20)
    serve(site, server)
    source = add(library, server)
    refresh_sources([source], library=library, client=client, site_rules={})
    before = len(server.seen)
    [report] = refresh_sources([source], library=library, client=client, site_rules={})
    again = server.seen[before:]
    assert report.new == 0 and report.error is None
    assert [s.path for s in again] == ["/"]  # only the index page, answered 304
    assert again[0].headers.get("if-none-match")
    assert report.not_modified == 1


def test_second_refresh_without_server_validators_fetches_only_the_index(library, client,
                                                                         server):
    site = Site(count=30, per_page=20)
    serve(site, server, validators=False)
    source = add(library, server)
    refresh_sources([source], library=library, client=client, site_rules={})
    before = len(server.seen)
    [report] = refresh_sources([source], library=library, client=client, site_rules={})
    assert [s.path for s in server.seen[before:]] == ["/"]  # nothing new: no pagination
    assert report.new == 0 and report.unchanged == 20


def test_edited_article_is_rechecked_conditionally_and_saved_as_new_version(library, client,
                                                                            server):
    site = Site(count=10, per_page=20)
    serve(site, server)
    source = add(library, server)
    refresh_sources([source], library=library, client=client, site_rules={})
    site.count = 11  # a new story: the index page changes
    site.edits[10] = "更正：本文第二段数据已更新，特此说明并致歉。"
    serve(site, server)
    before = len(server.seen)
    [report] = refresh_sources([source], library=library, client=client, site_rules={})
    again = server.seen[before:]
    assert report.new == 1 and report.updated == 1
    rechecked = [s for s in again if s.path.startswith("/news/") and s.path != article_path(11)]
    assert len(rechecked) == 5  # RECHECK_LIMIT known articles, each a conditional request
    assert all(s.headers.get("if-none-match") for s in rechecked)
    assert report.not_modified == 4
    edited = next(a for a in library.articles.newest(source_id=source.id, limit=50)
              if a.article.url == server.url(article_path(10)))
    assert edited.version == 2
    assert len(library.versions.all(edited.id)) == 2


def test_feed_source(library, client, server):
    site = Site(count=8)
    serve(site, server, feed=True)
    source = add(library, server, kind="feed", feed=server.url("/feed.xml"))
    [report] = refresh_sources([source], library=library, client=client, site_rules={})
    assert report.new == 8 and report.error is None
    assert "/" not in server.paths()  # a feed source does not scan the home page
    feed_hit = server.hits("/feed.xml")[0]
    assert "application/rss+xml" in feed_hit.headers["accept"]
    [again] = refresh_sources([source], library=library, client=client, site_rules={})
    assert again.new == 0 and again.not_modified == 1
    assert len(server.hits("/feed.xml")) == 2 and len(article_hits(server)) == 8


def test_robots_forbidden_article_is_reported_not_fetched(library, client, server):
    site = Site(count=5)
    serve(site, server, robots=f"User-agent: *\nDisallow: {article_path(3)}\n")
    source = add(library, server)
    [report] = refresh_sources([source], library=library, client=client, site_rules={})
    assert report.new == 4
    assert report.failed == [(server.url(article_path(3)),
                              f"blocked by robots.txt: {server.url(article_path(3))}")]
    assert article_path(3) not in server.paths()


def test_unreachable_index_is_a_source_error(library, client, server):
    source = library.sources.add(Source(id=None, name="gone", url=server.url("/missing/")))
    [report] = refresh_sources([source], library=library, client=client, site_rules={})
    assert report.error is not None and report.error.startswith("not found (HTTP 404)")
    assert library.sources.get(source.id).last_error == report.error


def test_not_a_feed_is_a_source_error(library, client, server):
    serve(Site(count=1), server)
    source = add(library, server, kind="feed", feed=server.url("/"))
    [report] = refresh_sources([source], library=library, client=client, site_rules={})
    assert report.error is not None and report.error.startswith("not a feed")


def test_bad_articles_fail_alone_and_the_rest_is_stored(library, client, server):
    site = Site(count=6)
    serve(site, server)
    server.route(article_path(2), lambda req: Reply(200, b"", {"Content-Type": "text/html"}))
    server.route(article_path(4), lambda req: Reply(404, b"no"))
    busy = iter([Reply(429, b"", {"Retry-After": "1"})])
    ok = server.routes[article_path(5)]
    server.route(article_path(5), lambda req: next(busy, None) or ok(req))
    source = add(library, server)
    [report] = refresh_sources([source], library=library, client=client, site_rules={})
    reasons = dict(report.failed)
    assert report.new == 4  # 1, 3, 5 (after a 429 and a wait), 6
    assert reasons[server.url(article_path(4))].startswith("not found (HTTP 404)")
    assert "empty" in reasons[server.url(article_path(2))]
    assert len(server.hits(article_path(5))) == 2


def test_images_of_new_articles_are_stored(library, client, server):
    site = Site(count=3, images=True)
    serve(site, server)
    source = add(library, server)
    [report] = refresh_sources([source], library=library, client=client, site_rules={})
    assert report.images == 3
    data, ctype = library.images.get(server.url("/img/2.png"))
    assert data.startswith(b"\x89PNG") and ctype == "image/png"


def test_cancel_stops_promptly_and_keeps_what_was_saved(library, server):
    site = Site(count=40, per_page=40)
    serve(site, server)
    for n in range(1, 41):  # every article takes 0.3 s to answer
        route = server.routes[article_path(n)]
        server.route(article_path(n), lambda req, route=route: Reply(
            **{**route(req).__dict__, "delay": 0.3}))
    client = HttpClient(HttpConfig(user_agent="HuaibeiReader/test", per_host_limit=2,
                                   address_policy=LOCAL_OK))
    token = CancelToken()

    def progress(p: RefreshProgress) -> None:
        if p.done >= 3:
            token.cancel()

    source = add(library, server)
    started = time.monotonic()
    with pytest.raises(Cancelled):
        refresh_sources([source], library=library, client=client, site_rules={},
                        progress=progress, cancel=token)
    assert time.monotonic() - started < 5
    stored = library.articles.count(source_id=source.id)
    assert 3 <= stored < 40
    client.close()


def test_hosts_are_fetched_in_parallel(library):
    intervals: dict[str, list[tuple[float, float]]] = {"a": [], "b": []}
    lock = threading.Lock()
    with LoopbackServer("127.0.0.1") as one, LoopbackServer("127.0.0.2") as two:
        sources = []
        for name, srv in (("a", one), ("b", two)):
            serve(Site(count=6), srv, validators=False)
            for n in range(1, 7):
                route = srv.routes[article_path(n)]

                def slow(req, route=route, name=name):
                    start = time.monotonic()
                    time.sleep(0.2)
                    with lock:
                        intervals[name].append((start, time.monotonic()))
                    return route(req)

                srv.route(article_path(n), slow)
            sources.append(library.sources.add(Source(id=None, name=name, url=srv.url("/"))))
        client = HttpClient(HttpConfig(user_agent="HuaibeiReader/test", per_host_limit=1,
                                       address_policy=LOCAL_OK))
        reports = refresh_sources(sources, library=library, client=client, site_rules={})
        client.close()
    assert [r.new for r in reports] == [6, 6]
    overlaps = sum(1 for a0, a1 in intervals["a"] for b0, b1 in intervals["b"]
                   if a0 < b1 and b0 < a1)
    assert overlaps >= 3  # the two hosts were served at the same time
    for name in "ab":  # but each host one at a time (per_host_limit=1)
        spans = sorted(intervals[name])
        assert all(spans[i][1] <= spans[i + 1][0] + 0.01 for i in range(len(spans) - 1))


@pytest.mark.parametrize("rules_name", [None, "morang"])
def test_sample_edition_as_a_site_with_and_without_rules(library, client, rules_name):
    from support.edition import EditionServer

    from huaibei_reader.paths import site_rules_dir
    from huaibei_reader.sources.siterules import load_site_rules

    rules = load_site_rules(site_rules_dir())
    with EditionServer() as edition:
        source = library.sources.add(Source(id=None, name="样刊", url=edition.base_url,
                                            rules=rules_name))
        [report] = refresh_sources([source], library=library, client=client, site_rules=rules)
        assert report.error is None and report.failed == []
        assert report.new >= 10 and report.images >= 1
        before = len(edition.requests)
        [again] = refresh_sources([source], library=library, client=client, site_rules=rules)
        assert again.new == 0
        bodies = [r for r in edition.requests[before:] if r.path.startswith("/news/")
                  and r.status == 200]
        assert bodies == []


def test_site_with_a_sitemap_reads_its_newest_urls(library, client, server):
    site = Site(count=4)
    serve(site, server)
    entries = "".join(f"<url><loc>{server.url(article_path(n))}</loc>"
                      f"<lastmod>2024-05-0{n}</lastmod></url>" for n in range(1, 5))
    server.route("/", lambda req: Reply(200, b"<html><body>no links</body></html>",
                                        {"Content-Type": "text/html"}))
    server.route("/sitemap.xml", lambda req: Reply(
        200, f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{entries}</urlset>"
        .encode(), {"Content-Type": "application/xml"}))
    source = add(library, server, feed=server.url("/sitemap.xml"))
    [report] = refresh_sources([source], library=library, client=client, site_rules={})
    assert report.error is None and report.new == 4


def test_page_over_the_refresh_size_cap_fails_alone(library, client, server):
    from huaibei_reader.app import refresh

    site = Site(count=2)
    serve(site, server)
    big = b"<html><body>" + b"<p>x</p>" * (refresh.MAX_PAGE_BYTES // 8) + b"</body></html>"
    server.route(article_path(1), lambda req: Reply(200, big, {"Content-Type": "text/html"}))
    source = add(library, server)
    [report] = refresh_sources([source], library=library, client=client, site_rules={})
    assert report.new == 1
    assert "too large" in dict(report.failed)[server.url(article_path(1))]
