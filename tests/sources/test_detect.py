"""detect_source against loopback sites: feed, page advertising a feed, sitemap, plain site."""

from __future__ import annotations

import pytest
from support.local import LOCAL_OK, allow_local_sources
from support.loopback import LoopbackServer, page

from huaibei_reader.errors import InputError, NetworkError
from huaibei_reader.net import HttpClient, HttpConfig
from huaibei_reader.paths import site_rules_dir
from huaibei_reader.sources.detect import (
    builtin_source,
    builtin_sources,
    detect_source,
    normalize_url,
)
from huaibei_reader.sources.siterules import load_site_rules

RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>淮北日报 RSS</title><link>{base}/</link>
<item><title>一</title><link>{base}/a/1.html</link></item></channel></rss>"""


@pytest.fixture
def server():
    with LoopbackServer() as s:
        yield s


@pytest.fixture
def client():
    c = HttpClient(HttpConfig(user_agent="HuaibeiReader/test", address_policy=LOCAL_OK,
                              retries=0, connect_timeout=2,
                              read_timeout=5))
    yield c
    c.close()


def test_a_feed_url_is_a_feed(server, client):
    server.route("/rss", page(RSS.format(base=server.base), "application/rss+xml"))
    source = detect_source(server.url("/rss"), client)
    assert source.kind == "feed"
    assert source.feed_url == server.url("/rss")
    assert source.url == server.url("/")
    assert source.name == "淮北日报 RSS"


def test_a_page_advertising_a_feed_becomes_that_feed(server, client):
    server.route("/", page("<html><head><title>淮北日报</title><link rel='alternate' "
                           "type='application/rss+xml' href='/rss'></head><body>hi</body></html>"))
    server.route("/rss", page(RSS.format(base=server.base), "application/rss+xml"))
    source = detect_source(server.url("/"), client, name="我的报纸")
    assert source.kind == "feed" and source.feed_url == server.url("/rss")
    assert source.name == "我的报纸"
    assert detect_source(server.url("/"), client).name == "淮北日报"


def test_a_broken_advertised_feed_leaves_a_plain_site(server, client):
    server.route("/", page("<html><head><title>站点</title><link rel='alternate' "
                           "type='application/rss+xml' href='/rss'></head><body></body></html>"))
    source = detect_source(server.url("/"), client)  # /rss answers 404
    assert source.kind == "site" and source.feed_url is None and source.name == "站点"


def test_a_sitemap_from_robots_txt_is_used(server, client):
    server.route("/", page("<html><head><title>Portal</title></head><body></body></html>"))
    server.route("/robots.txt", page(f"User-agent: *\nSitemap: {server.url('/sm.xml')}\n",
                                     "text/plain"))
    server.route("/sm.xml", page(
        "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>/a/1.html</loc>"
        "<lastmod>2024-05-01</lastmod></url></urlset>", "application/xml"))
    source = detect_source(server.url("/"), client)
    assert source.kind == "site" and source.feed_url == server.url("/sm.xml")


def test_a_plain_site(server, client):
    server.route("/", page("<html><head><title> 今日 淮北 </title></head><body></body></html>"))
    source = detect_source(server.base, client)
    assert (source.kind, source.url, source.name) == ("site", server.url("/"), "今日 淮北")


def test_unreachable_url_is_a_network_error(server, client):
    with pytest.raises(NetworkError):
        detect_source(server.url("/nothing"), client)


@pytest.mark.parametrize("text", ["ftp://x.org/", "javascript:alert(1)", "not a url", ""])
def test_unusable_urls(text):
    with pytest.raises(InputError):
        normalize_url(text)


def test_normalize_url_and_builtin():
    assert normalize_url("www.morang.cn") == "https://www.morang.cn/"
    assert normalize_url("feed://example.com/rss") == "http://example.com/rss"
    rules = load_site_rules(site_rules_dir())
    src = builtin_source("今日淮北", rules)
    assert src is not None and src.url == "https://www.morang.cn/" and src.rules == "morang"
    assert src.name == "今日淮北" and src.kind == "site" and src.id is None
    for alias in ("morang.cn", "MORANG", "https://www.morang.cn/", " 今日淮北 "):
        assert builtin_source(alias, rules) == src, alias
    assert builtin_source("morang", rules, name="淮北新闻").name == "淮北新闻"
    assert builtin_source("other", rules) is None
    assert builtin_source("https://morang.cn.evil.example/", rules) is None
    assert builtin_sources(rules) == [src]


def test_a_sitemap_url_given_directly(server, client):
    server.route("/news-sitemap.xml", page(
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        "<url><loc>/a/1.html</loc></url></urlset>", "application/xml"))
    source = detect_source(server.url("/news-sitemap.xml"), client)
    assert (source.kind, source.url, source.feed_url) == (
        "site", server.url("/"), server.url("/news-sitemap.xml"))


BOMB = ("<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'aaaaaaaaaa'>"
        "<!ENTITY h '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
        "<rss version='2.0'><channel><title>&h;</title><link>{base}/</link>"
        "<item><title>&h;</title><link>{base}/a/1.html</link></item></channel></rss>")
XXE = ("<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
       "<rss version='2.0'><channel><title>XXE &x;</title><link>{base}/</link></channel></rss>")
# the DTD pushes the <rss> element past the first 2 KB a feed is sniffed in
PADDED = ("<!DOCTYPE rss [" + "<!-- padding -->" * 200 + "<!ENTITY h 'x'>]>"
          "<rss version='2.0'><channel><title>&h;</title></channel></rss>")


@pytest.mark.parametrize(("doc", "ctype"), [
    (BOMB, "application/rss+xml"),
    (XXE, "application/rss+xml"),
    (XXE, "text/xml"),
    (PADDED, "text/html"),  # whatever the server calls it
])
def test_a_feed_declaring_entities_is_refused_and_not_followed_as_a_site(server, client, doc,
                                                                         ctype):
    from huaibei_reader.sources.feeds import FeedRefused

    server.route("/rss", page(doc.format(base=server.base), ctype))
    with pytest.raises(FeedRefused) as info:
        detect_source(server.url("/rss"), client)
    message = str(info.value)
    assert "declares XML entities" in message and "refused" in message
    assert "nothing was added" in message and "\n" not in message


def test_sources_add_of_a_refused_feed_says_why_and_adds_nothing(server, tmp_path, capsys):
    from huaibei_reader.cli.main import main

    server.route("/rss", page(BOMB.format(base=server.base), "application/rss+xml"))
    allow_local_sources(tmp_path)  # the test server is on 127.0.0.1
    code = main(["--data-dir", str(tmp_path), "sources", "add", server.url("/rss")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines()[-1].startswith(
        "huaibei-reader: refused: the feed declares XML entities")
    assert main(["--data-dir", str(tmp_path), "sources", "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"


def test_an_html_page_with_a_doctype_is_still_a_site(server, client):
    server.route("/", page("<!DOCTYPE html><html><head><title>普通网站</title></head>"
                           "<body><pre>&lt;!ENTITY x 'y'&gt;</pre></body></html>"))
    source = detect_source(server.url("/"), client)
    assert source.kind == "site" and source.name == "普通网站"
