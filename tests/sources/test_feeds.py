"""Feed and sitemap parsing: the three feed formats, hostile documents, huge feeds."""

from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huaibei_reader.errors import InputError, KnownError
from huaibei_reader.sources.feeds import NotAFeed, looks_like_feed, parse_feed, parse_sitemap

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>今日淮北 · 要闻</title><link>https://www.morang.cn/</link>
<item><title>淮北市召开会议</title><link>https://www.morang.cn/a/1.html</link>
<pubDate>Tue, 02 Jan 2024 08:00:00 +0800</pubDate>
<description>&lt;p&gt;会议&lt;b&gt;内容&lt;/b&gt;&lt;/p&gt;</description></item>
<item><title>旧闻</title><link>https://www.morang.cn/a/0.html</link>
<pubDate>Mon, 01 Jan 2024 08:00:00 +0800</pubDate></item>
<item><title>没有链接</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Example Atom</title><link href="https://example.org/"/>
<id>urn:x</id><updated>2024-03-01T00:00:00Z</updated>
<entry><title>Relative</title><link rel="alternate" href="/news/2024/03/01/a.html"/>
<id>urn:1</id><updated>2024-03-01T10:00:00Z</updated><summary>Sum</summary></entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://rdf.example/"><title>RDF site</title><link>http://rdf.example/</link>
<items><rdf:Seq><rdf:li rdf:resource="http://rdf.example/1"/></rdf:Seq></items></channel>
<item rdf:about="http://rdf.example/1"><title>One</title><link>http://rdf.example/1</link></item>
</rdf:RDF>"""


def test_rss2_entries_titles_dates_and_plain_summaries():
    feed = parse_feed(RSS.encode(), "https://www.morang.cn/feed.xml")
    assert feed.title == "今日淮北 · 要闻"
    assert feed.link == "https://www.morang.cn/"
    assert [e.url for e in feed.entries] == ["https://www.morang.cn/a/1.html",
                                             "https://www.morang.cn/a/0.html"]
    first = feed.entries[0]
    assert first.title == "淮北市召开会议"
    assert first.published == datetime(2024, 1, 2, 0, 0, tzinfo=UTC)
    assert first.summary == "会议 内容"


def test_atom_relative_links_resolve_against_the_feed():
    feed = parse_feed(ATOM.encode(), "https://example.org/feeds/all.atom")
    assert feed.title == "Example Atom"
    assert feed.entries[0].url == "https://example.org/news/2024/03/01/a.html"
    assert feed.entries[0].published == datetime(2024, 3, 1, 10, 0, tzinfo=UTC)


def test_rdf_feed():
    feed = parse_feed(RDF.encode(), "http://rdf.example/index.rdf")
    assert feed.title == "RDF site"
    assert [e.url for e in feed.entries] == ["http://rdf.example/1"]


def test_gbk_declared_feed_is_decoded():
    doc = RSS.replace('encoding="UTF-8"', 'encoding="GBK"').encode("gbk")
    assert parse_feed(doc, "https://www.morang.cn/feed.xml").entries[0].title == "淮北市召开会议"


@pytest.mark.parametrize("doc", [b"", b"   ", b"<html><head><title>x</title></head><body>hi",
                                 b"\x89PNG\r\n\x1a\n\0\0\0", b"{\"json\": true}"])
def test_not_a_feed(doc):
    with pytest.raises(NotAFeed) as info:
        parse_feed(doc, "http://x/feed")
    assert str(info.value).startswith("not a feed")


def test_entity_declarations_are_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
    <rss version="2.0"><channel><title>&c;</title></channel></rss>"""
    with pytest.raises(InputError) as info:
        parse_feed(bomb, "http://x/feed")
    assert "entities" in str(info.value)
    xxe = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <rss version="2.0"><channel><title>&x;</title></channel></rss>"""
    with pytest.raises(InputError):
        parse_feed(xxe, "http://x/feed")


def _big_feed(n: int, newest_first: bool) -> bytes:
    order = range(n - 1, -1, -1) if newest_first else range(n)
    items = "".join(
        f"<item><title>t{i}</title><link>http://x/{i}.html</link>"
        f"<pubDate>{time.strftime('%a, %d %b %Y %H:%M:%S GMT', time.gmtime(1.7e9 + i * 60))}"
        "</pubDate></item>" for i in order)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Big</title>"
            f"{items}</channel></rss>").encode()


@pytest.mark.parametrize("newest_first", [True, False])
def test_100000_item_feed_keeps_the_newest_500_quickly(newest_first):
    doc = _big_feed(100_000, newest_first)
    started = time.process_time()
    feed = parse_feed(doc, "http://x/feed")
    assert time.process_time() - started < 5
    assert len(feed.entries) == 500 and feed.dropped == 99_500
    assert feed.entries[0].url == "http://x/99999.html"
    assert feed.entries[-1].url == "http://x/99500.html"


def test_looks_like_feed():
    assert looks_like_feed(RSS.encode()) and looks_like_feed(ATOM.encode())
    assert not looks_like_feed(b"<!doctype html><html>")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_feed_or_a_known_error(data):
    try:
        feed = parse_feed(data, "http://x/feed")
    except KnownError:
        return
    assert all(e.url.startswith(("http://", "https://")) for e in feed.entries)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_inside_a_feed_is_survived(text):
    from xml.sax.saxutils import escape

    doc = (f"<rss version='2.0'><channel><title>{escape(text)}</title><item><title>"
           f"{escape(text)}</title><link>http://x/1</link></item></channel></rss>")
    try:
        feed = parse_feed(doc.encode("utf-8", "surrogatepass"), "http://x/feed")
    except KnownError:
        return
    assert len(feed.entries) <= 1


SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://s.example/a/1.html</loc><lastmod>2024-05-01T08:00:00+08:00</lastmod></url>
<url><loc>https://s.example/a/2.html</loc></url>
<url><loc>javascript:alert(1)</loc></url>
</urlset>"""


def test_sitemap_urls_and_lastmod():
    sm = parse_sitemap(SITEMAP, "https://s.example/sitemap.xml")
    assert [u for u, _ in sm.urls] == ["https://s.example/a/1.html", "https://s.example/a/2.html"]
    assert sm.urls[0][1] == datetime(2024, 5, 1, 0, 0, tzinfo=UTC)
    assert sm.children == []


def test_sitemap_index_and_gzip():
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>/sm1.xml.gz</loc><lastmod>2024-01-01</lastmod></sitemap></sitemapindex>"""
    sm = parse_sitemap(gzip.compress(index), "https://s.example/sitemap.xml")
    assert sm.children[0][0] == "https://s.example/sm1.xml.gz"


def test_sitemap_with_dtd_is_refused():
    doc = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x "y">]><urlset><url><loc>&x;</loc>
    </url></urlset>"""
    with pytest.raises(InputError):
        parse_sitemap(doc, "https://s.example/sitemap.xml")
    with pytest.raises(NotAFeed):
        parse_sitemap(b"<html><body>no</body></html>", "https://s.example/sitemap.xml")


def test_entries_carry_the_author_and_the_sanitized_full_text():
    doc = """<?xml version="1.0"?><rss version="2.0"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
    <item><title>A</title><link>http://x/a</link><author>ed@x.example (Zhang San)</author>
    <description>short</description><content:encoded><![CDATA[<p onclick="x()">full
    <script>alert(1)</script><img src="/i.png"> text</p><iframe src="http://evil/"></iframe>
    ]]></content:encoded></item>
    <item><title>B</title><link>http://x/b</link><dc:creator>张三</dc:creator>
    <description>&lt;p&gt;描述&lt;/p&gt;</description></item>
    <item><title>C</title><link>http://x/c</link><author>ed@x.example</author></item>
    </channel></rss>""".encode()
    a, b, c = parse_feed(doc, "http://x/feed").entries
    assert a.author == "Zhang San"  # the name, not the address
    assert "full" in a.content and 'src="http://x/i.png"' in a.content
    for hostile in ("script", "iframe", "onclick", "alert"):
        assert hostile not in a.content
    assert a.summary == "short"
    assert (b.author, b.content) == ("张三", "<p>描述</p>")  # the description when no content
    assert (c.author, c.content) == ("", "")  # an address alone is no name


def test_entity_refusals_are_their_own_kind():
    from huaibei_reader.sources.feeds import FeedRefused

    doc = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><rss version="2.0"></rss>'
    with pytest.raises(FeedRefused):
        parse_feed(doc, "http://x/feed")
    with pytest.raises(FeedRefused):
        parse_sitemap(b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x "y">]><urlset/>',
                      "http://x/sm.xml")
