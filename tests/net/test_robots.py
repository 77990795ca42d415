"""robots.txt: obeyed, cached per site, and read per RFC 9309 when it cannot be loaded."""

from __future__ import annotations

import pytest
from netkit import make_client
from support.loopback import Reply, page

from huaibei_reader.errors import FetchBlocked
from huaibei_reader.net.robots import RobotsCache, agent_token

ROBOTS = """\
User-agent: *
Disallow: /private/
Sitemap: /sitemap.xml

User-agent: EvilBot
Disallow: /
"""


def test_disallowed_path_is_blocked_and_robots_is_fetched_once(server, client):
    server.route("/robots.txt", page(ROBOTS, "text/plain"))
    server.route("/private/a.html", page("secret"))
    server.route("/public/a.html", page("hello"))
    with pytest.raises(FetchBlocked) as info:
        client.get(server.url("/private/a.html"))
    assert str(info.value).startswith("blocked by robots.txt")
    assert client.get(server.url("/public/a.html")).content == b"hello"
    client.get(server.url("/public/a.html"))
    assert server.paths().count("/robots.txt") == 1
    assert not server.hits("/private/a.html")  # never asked for


def test_check_robots_false_skips_robots(server, client):
    server.route("/robots.txt", page("User-agent: *\nDisallow: /\n", "text/plain"))
    server.route("/x", page("x"))
    assert client.get(server.url("/x"), check_robots=False).content == b"x"
    assert "/robots.txt" not in server.paths()


def test_redirect_into_a_disallowed_path_is_blocked(server, client):
    server.route("/robots.txt", page(ROBOTS, "text/plain"))
    server.route("/go", lambda req: Reply(302, b"", {"Location": "/private/b"}))
    with pytest.raises(FetchBlocked):
        client.get(server.url("/go"))
    assert not server.hits("/private/b")


def test_missing_robots_allows_everything(server, client):
    server.route("/a", page("a"))  # /robots.txt answers 404
    assert client.get(server.url("/a")).status == 200


def test_robots_server_error_means_stay_away(server):
    server.route("/robots.txt", lambda req: Reply(503, b"down"))
    server.route("/a", page("a"))
    c = make_client(retries=0)
    with pytest.raises(FetchBlocked) as info:
        c.get(server.url("/a"))
    assert "robots.txt" in str(info.value) and "503" in str(info.value)
    assert not server.hits("/a")


def test_disallow_all_blocks_everything(server, client):
    server.route("/robots.txt", page("User-agent: *\nDisallow: /\n", "text/plain"))
    with pytest.raises(FetchBlocked):
        client.get(server.url("/"))


def test_group_for_our_agent_applies():
    answers = {"http://h/robots.txt": (200, b"User-agent: HuaibeiReader\nDisallow: /no\n")}
    cache = RobotsCache(lambda u: answers[u], "HuaibeiReader/1.0 (+x)")
    with pytest.raises(FetchBlocked):
        cache.check("http://h/no/1")
    cache.check("http://h/yes/1")
    assert agent_token("HuaibeiReader/1.0 (+x)") == "HuaibeiReader"


def test_cache_expires_after_ttl():
    calls = []
    now = [0.0]

    def fetch(url):
        calls.append(url)
        return 200, b"User-agent: *\nAllow: /\n"

    cache = RobotsCache(fetch, "Bot/1", ttl=10, clock=lambda: now[0])
    cache.check("http://h/a")
    cache.check("http://h/b")
    now[0] = 11
    cache.check("http://h/c")
    assert calls == ["http://h/robots.txt", "http://h/robots.txt"]


def test_sitemaps_and_crawl_delay_are_read(server, client):
    server.route("/robots.txt", page("User-agent: *\nCrawl-delay: 2\n"
                                     f"Sitemap: {server.url('/sm.xml')}\n", "text/plain"))
    answer = client.robots(server.url("/"))
    assert answer.sitemaps == (server.url("/sm.xml"),)
    assert answer.crawl_delay == 2.0
