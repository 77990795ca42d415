"""Feed items stored from the feed when their page cannot be read (issue 16): marked so,
found again by the library, upgraded by a later refresh, never replacing a page already read."""

from __future__ import annotations

from datetime import UTC, datetime

from support.loopback import LoopbackServer, Reply
from support.newsite import article_html

from huaibei_reader.app.feed_items import article_from_entry
from huaibei_reader.app.refresh import refresh_sources
from huaibei_reader.models import FROM_FEED_WARNING, BlockKind, Source
from huaibei_reader.sources.feeds import FeedEntry
from huaibei_reader.store import Library

CONTENT = ("<p>淮北市今天召开全市重点工作推进会议。</p><script>steal()</script>"
           "<p><img src='/img/a.png' alt='会场'></p><h2>会议要点</h2>"
           "<ul><li>产业转型</li><li>城市更新</li></ul>"
           "<p><a href='/more'>阅读全文</a></p>")


def _rss(base: str, items: list[str]) -> bytes:
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
            "xmlns:content='http://purl.org/rss/1.0/modules/content/' "
            "xmlns:dc='http://purl.org/dc/elements/1.1/'><channel><title>测试</title>"
            f"<link>{base}/</link>{''.join(items)}</channel></rss>").encode()


def _item(url: str, title: str, *, description: str = "", content: str = "",
          author: str = "") -> str:
    from xml.sax.saxutils import escape

    parts = [f"<title>{title}</title><link>{url}</link>",
             "<pubDate>Wed, 01 May 2024 02:00:00 GMT</pubDate>"]
    if description:
        parts.append(f"<description>{escape(description)}</description>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    if author:
        parts.append(f"<dc:creator>{author}</dc:creator>")
    return f"<item>{''.join(parts)}</item>"


def _page(n: int):
    return lambda req: Reply(200, article_html(n).encode(),
                             {"Content-Type": "text/html; charset=utf-8", "ETag": f'"{n}"'})


# -- the article made from an item ------------------------------------------------------------

def test_an_item_becomes_a_marked_article_with_the_feeds_text_blocks_and_metadata():
    entry = FeedEntry(url="https://news.example/a/1.html", title="推进会议召开",
                      published=datetime(2024, 5, 1, 2, tzinfo=UTC), summary="短的摘要",
                      author="张三", content=CONTENT)
    article = article_from_entry(entry, "cannot connect to news.example: connection refused")
    assert article is not None and article.from_feed
    assert article.warnings[0].startswith(FROM_FEED_WARNING)
    assert "connection refused" in article.warnings[0]
    assert article.title == "推进会议召开" and article.authors == ("张三",)
    assert article.published == entry.published and article.lang == "zh"
    kinds = [b.kind for b in article.blocks]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.IMAGE, BlockKind.HEADING, BlockKind.LIST]
    assert article.images == ("https://news.example/img/a.png",)  # made absolute
    assert "steal" not in article.text and "阅读全文" not in article.text  # script, link line
    assert "短的摘要" not in article.text  # content:encoded is the fuller text


def test_an_item_without_text_makes_no_article():
    entry = FeedEntry(url="https://news.example/a/2.html", title="只有标题")
    assert article_from_entry(entry, "not found") is None
    only_image = FeedEntry(url="https://news.example/a/3.html", title="图",
                           content="<img src='https://news.example/i.png'>")
    assert article_from_entry(only_image, "not found") is None


# -- in a refresh -----------------------------------------------------------------------------

def test_pages_that_fail_or_hold_no_article_are_kept_from_the_feed(library, client):
    with LoopbackServer() as site:
        urls = {name: site.url(f"/news/{name}.html") for name in
                ("ok", "missing", "empty", "binary", "titleonly")}
        site.route("/news/ok.html", _page(1))
        site.route("/news/empty.html", lambda req: Reply(200, b"", {"Content-Type": "text/html"}))
        site.route("/news/binary.html", lambda req: Reply(200, bytes(range(256)) * 16,
                                                          {"Content-Type": "text/html"}))
        items = [_item(urls["ok"], "好的", description="<p>摘要</p>"),
                 _item(urls["missing"], "不见了", content=CONTENT, author="李四"),
                 _item(urls["empty"], "空页", description="<p>空页面的摘要正文。</p>"),
                 _item(urls["binary"], "二进制", description="<p>二进制页面的摘要正文。</p>"),
                 _item(urls["titleonly"], "只有标题")]
        site.route("/feed.xml", lambda req: Reply(200, _rss(site.base, items),
                                                  {"Content-Type": "application/rss+xml"}))
        source = library.sources.add(Source(None, "测试", site.url("/"), kind="feed",
                                           feed_url=site.url("/feed.xml")))
        [report] = refresh_sources([source], library=library, client=client)
    assert report.new == 4 and report.from_feed == 3
    assert [url for url, _ in report.failed] == [urls["titleonly"]]  # nothing to keep
    assert library.articles.from_feed_urls(urls.values()) == {urls["missing"], urls["empty"],
                                                      urls["binary"]}
    missing = library.articles.get(library.articles.id_of(urls["missing"]))
    assert missing.article.authors == ("李四",) and "淮北市今天召开" in missing.article.text
    assert "not found (HTTP 404)" in missing.article.warnings[0]
    assert not library.articles.get(library.articles.id_of(urls["ok"])).article.from_feed


def test_the_mark_survives_reopening_the_library(tmp_path, client):
    with LoopbackServer() as site:
        url = site.url("/news/gone.html")
        items = [_item(url, "不见了", description="<p>摘要里的正文。</p>")]
        site.route("/feed.xml", lambda req: Reply(200, _rss(site.base, items),
                                                  {"Content-Type": "application/rss+xml"}))
        with Library.open(tmp_path / "library.sqlite3") as library:
            source = library.sources.add(Source(None, "测试", site.url("/"), kind="feed",
                                               feed_url=site.url("/feed.xml")))
            refresh_sources([source], library=library, client=client)
    with Library.open(tmp_path / "library.sqlite3") as library:
        [item] = library.articles.newest()
        assert library.articles.get(item.id).article.from_feed
        assert library.articles.from_feed_urls([url, "https://elsewhere.example/"]) == {url}


def test_a_page_read_before_is_never_replaced_by_its_feed_item(library, client):
    state = {"up": True}
    with LoopbackServer() as site:
        url = site.url("/news/1.html")
        page = _page(1)
        site.route("/news/1.html", lambda req: page(req) if state["up"] else
                   Reply(500, b"broken", {"Content-Type": "text/plain"}))
        items = [_item(url, "第1条", description="<p>摘要里的另一段正文。</p>")]
        # the feed changes (no validators), so the known article is listed again
        site.route("/feed.xml", lambda req: Reply(200, _rss(site.base, items),
                                                  {"Content-Type": "application/rss+xml"}))
        source = library.sources.add(Source(None, "测试", site.url("/"), kind="feed",
                                           feed_url=site.url("/feed.xml")))
        [first] = refresh_sources([source], library=library, client=client)
        state["up"] = False
        [second] = refresh_sources([source], library=library, client=client)
    assert first.new == 1 and first.from_feed == 0
    assert second.from_feed == 0 and [u for u, _ in second.failed] == [url]  # the re-check
    item = library.articles.get(library.articles.id_of(url))
    assert not item.article.from_feed and item.version == 1
