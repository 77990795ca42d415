"""A site source is read from its start page and from the section (channel) pages found there,
each with its pagination: the sample edition gives all its articles, a second refresh
downloads no article body, and the list pages read per source stay bounded."""

from __future__ import annotations

import pytest
from support.edition import EditionServer
from support.loopback import LoopbackServer, Reply
from support.newsite import article_html, article_path

from huaibei_reader import demo
from huaibei_reader.app.refresh import MAX_LIST_PAGES, refresh_sources
from huaibei_reader.models import Source


@pytest.fixture(scope="module")
def manifest():
    return demo.load_manifest()  # bundled: missing is a failure, not a skip


@pytest.fixture(scope="module")
def site_rules():
    from huaibei_reader.paths import site_rules_dir
    from huaibei_reader.sources.siterules import load_site_rules

    return load_site_rules(site_rules_dir())


def _path(request_path: str) -> str:
    return request_path.split("?", 1)[0]


def _list_requests(requests) -> list:
    return [r for r in requests if _path(r.path) in ("/", "/index.html")
            or _path(r.path).startswith("/list/")]


@pytest.mark.parametrize("rules_name", [None, "morang"], ids=["no-rules", "morang-rules"])
def test_sample_edition_gives_every_article_and_a_second_refresh_no_body(
        library, client, manifest, site_rules, rules_name):
    with EditionServer() as edition:
        source = library.sources.add(Source(id=None, name="样刊", url=edition.base_url,
                                            rules=rules_name))
        [report] = refresh_sources([source], library=library, client=client,
                                   site_rules=site_rules)
        assert report.error is None and report.failed == []
        stored = {a.article.url for a in library.articles.newest(source_id=source.id, limit=100)}
        assert stored == {edition.url(a.path) for a in manifest.articles}
        assert report.new == len(manifest.articles)  # every one (14 or more)

        # home page, then each channel to its last page, each list page once
        first = _list_requests(edition.requests)
        expected = {"/"} | set(manifest.list_pages)
        assert sorted(_path(r.path) for r in first) == sorted(expected)
        assert report.pages == len(expected)

        before = len(edition.requests)
        [again] = refresh_sources([source], library=library, client=client,
                                  site_rules=site_rules)
        second = edition.requests[before:]
        assert again.error is None and again.new == 0
        assert [r for r in second if r.path.startswith("/news/") and r.status == 200] == []
        listed = _list_requests(second)
        assert listed and all(r.status == 304 for r in listed)  # the home page is unchanged
        assert again.not_modified == len(listed)


def test_without_sections_only_the_home_page_articles_are_found(library, client, manifest):
    with EditionServer() as edition:
        source = library.sources.add(Source(id=None, name="样刊", url=edition.base_url))
        [report] = refresh_sources([source], library=library, client=client, site_rules={},
                                   max_sections=0)
        home_links = set(manifest.raw["article_links"][manifest.home])
        assert report.new == len(home_links) < len(manifest.articles)
        assert not [r for r in edition.requests if r.path.startswith("/list/")]


# -- a synthetic portal: many channels, long pagination ----------------------------------------

CHANNELS = 12
PAGES_PER_CHANNEL = 6
PER_PAGE = 2


def _channel_page(channel: int, page: int) -> str:
    return f"/list/c{channel}/index.html" if page == 1 else f"/list/c{channel}/index_{page}.html"


def _article_number(channel: int, page: int, slot: int) -> int:
    return (channel * PAGES_PER_CHANNEL + page - 1) * PER_PAGE + slot + 1


def _nav() -> str:
    items = "".join(f"<li><a href='{_channel_page(c, 1)}'>频道{c}</a></li>"
                    for c in range(CHANNELS))
    return f"<div class='nav'><ul><li><a href='/'>首页</a></li>{items}</ul></div>"


def _list_html(numbers: list[int], next_path: str | None) -> str:
    rows = "".join(f"<li><a href='{article_path(n)}'>淮北新闻第{n}号：重点工作推进会议召开</a></li>"
                   for n in numbers)
    nxt = f"<div class='pages'><a href='{next_path}'>下一页</a></div>" if next_path else ""
    return ("<!doctype html><html><head><meta charset='utf-8'><title>门户</title></head><body>"
            f"{_nav()}<ul class='list'>{rows}</ul>{nxt}</body></html>")


def _serve_portal(server: LoopbackServer, *, dead_channel: int | None = None) -> None:
    def page(body: str):
        data = body.encode("utf-8")
        return lambda req: Reply(200, data, {"Content-Type": "text/html; charset=utf-8"})

    server.route("/", page(_list_html([], None)))  # the home page lists no story at all
    for c in range(CHANNELS):
        for p in range(1, PAGES_PER_CHANNEL + 1):
            numbers = [_article_number(c, p, s) for s in range(PER_PAGE)]
            nxt = _channel_page(c, p + 1) if p < PAGES_PER_CHANNEL else None
            if c == dead_channel:
                server.route(_channel_page(c, p), lambda req: Reply(404, b"gone"))
            else:
                server.route(_channel_page(c, p), page(_list_html(numbers, nxt)))
            for n in numbers:
                server.route(article_path(n), page(article_html(n)))


def test_list_pages_are_bounded_by_sections_pages_and_total(library, client):
    with LoopbackServer() as server:
        _serve_portal(server)
        source = library.sources.add(Source(id=None, name="门户", url=server.url("/")))
        [report] = refresh_sources([source], library=library, client=client, site_rules={},
                                   max_sections=3)
        lists = [p for p in server.paths() if p == "/" or p.startswith("/list/")]
        # home + 3 channels x max_pages (3, the default without rules)
        assert sorted(lists) == sorted(["/"] + [_channel_page(c, p) for c in range(3)
                                                for p in range(1, 4)])
        assert report.new == 3 * 3 * PER_PAGE and report.pages == len(lists)

    with LoopbackServer() as server:
        _serve_portal(server)
        other = library.sources.add(Source(id=None, name="门户2", url=server.url("/")))
        [report] = refresh_sources([other], library=library, client=client, site_rules={},
                                   max_sections=CHANNELS, max_list_pages=10)
        lists = [p for p in server.paths() if p == "/" or p.startswith("/list/")]
        assert len(lists) == 10 == report.pages  # the total budget holds


def test_default_budget_reads_at_most_max_list_pages(library, client):
    with LoopbackServer() as server:
        _serve_portal(server)
        source = library.sources.add(Source(id=None, name="门户", url=server.url("/")))
        refresh_sources([source], library=library, client=client, site_rules={},
                        max_sections=CHANNELS)
        lists = [p for p in server.paths() if p == "/" or p.startswith("/list/")]
        assert len(lists) == min(MAX_LIST_PAGES, 1 + CHANNELS * 3)
        assert len(set(lists)) == len(lists)  # no list page twice


def test_a_dead_section_fails_alone(library, client):
    with LoopbackServer() as server:
        _serve_portal(server, dead_channel=1)
        source = library.sources.add(Source(id=None, name="门户", url=server.url("/")))
        [report] = refresh_sources([source], library=library, client=client, site_rules={},
                                   max_sections=2)
        assert report.error is None
        assert [url for url, _ in report.failed] == [server.url(_channel_page(1, 1))]
        assert report.new == 3 * PER_PAGE  # channel 0, pages 1-3


def test_changed_home_page_rechecks_its_sections_conditionally(library, client, manifest):
    """When the home page changed but no story is new, each section page is asked with its
    validators (a 304, no body) and its older pages are not read again."""
    with EditionServer() as edition:
        source = library.sources.add(Source(id=None, name="样刊", url=edition.base_url))
        refresh_sources([source], library=library, client=client, site_rules={})
        edition.edit_page("/", "最新资讯", "最新资讯(已更新)")
        before = len(edition.requests)
        [again] = refresh_sources([source], library=library, client=client, site_rules={})
        second = edition.requests[before:]
        assert again.error is None and again.new == 0
        assert [r for r in second if r.path.startswith("/news/") and r.status == 200] == []
        channels = [c["pages"][0]["path"] for c in manifest.raw["channels"]]
        sections = [r for r in _list_requests(second) if _path(r.path) != "/"]
        assert sorted(_path(r.path) for r in sections) == sorted(channels)
        assert all(r.status == 304 for r in sections)
        rechecked = [r for r in second if r.path.startswith("/news/") and r.status == 304]
        assert again.not_modified == len(channels) + len(rechecked)  # + edits re-checked
