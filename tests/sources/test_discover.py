"""Discovery on small hand-written pages: stories kept; navigation, channels, tags, authors,
login, downloads, pagination and other sites left out; feeds and next pages found."""

from __future__ import annotations

import pytest

from huaibei_reader.models import DiscoveryRules
from huaibei_reader.sources.discover import Discovery, decode_page, discover
from huaibei_reader.sources.discover_signals import registrable_domain, same_site

PAGE_URL = "https://www.example.com.cn/news/"

PORTAL = """<!doctype html>
<html><head><meta charset="utf-8"><title>新闻中心</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss/news.xml">
<link rel="alternate" type="application/atom+xml" href="https://www.example.com.cn/atom.xml">
<link rel="alternate" hreflang="en" href="https://en.example.com.cn/">
<link rel="stylesheet" href="/style.css">
</head><body>
<header><a href="/">首页</a><a href="/login.html">登录</a><a href="/register/">注册</a></header>
<nav class="main-nav"><ul>
  <li><a href="/news/">新闻</a></li><li><a href="/sports/">体育</a></li>
  <li><a href="/finance/index.html">财经</a></li><li><a href="/channel/culture/">文化</a></li>
</ul></nav>
<div class="content">
 <ul class="news-list">
  <li><a href="/2024/05/01/1234567.html">淮北市召开城市更新工作推进会议部署全年任务</a></li>
  <li><a href="https://www.example.com.cn/2024/05/01/1234568.shtml#comments"
         >相山公园春季花展开幕 市民踏青赏花</a></li>
  <li><a href="//news.example.com.cn/a/20240501/998877.html"
         >濉溪县新建三所乡村学校秋季投入使用</a></li>
  <li><a href="/2024/04/30/1234501.html">隋唐运河古镇迎来五一假期客流高峰</a></li>
  <li><a href="/2024/04/30/1234502.html"><img src="/p.jpg" alt=""></a>
      <a href="/2024/04/30/1234502.html">南湖湿地公园新增十公里环湖步道</a></li>
 </ul>
 <div class="tags"><a href="/tag/淮北">淮北</a><a href="/tags/教育/">教育</a></div>
 <p class="byline"><a href="/author/zhangsan/">张三</a></p>
 <div class="more"><a href="/news/list_2.html">更多&gt;&gt;</a></div>
 <div class="pagination"><a href="/news/">1</a><a href="/news/index_2.html">2</a>
   <a href="/news/index_3.html">3</a><a href="/news/index_2.html">下一页</a></div>
 <div class="side"><a href="https://www.other-site.com/2024/05/01/555555.html">外站报道：另一座城市召开同类会议的新闻稿</a>
   <a href="/download/app.apk">下载客户端</a>
   <a href="/special/2024lianghui/">2024全国两会专题报道</a>
   <a href="/video/2024/05/01/777777.html">视频：淮北城市宣传片正式发布上线</a>
   <a href="javascript:void(0)">分享</a><a href="mailto:news@example.com.cn">投稿</a></div>
</div>
<footer><a href="/about/">关于我们</a><a href="/contact.html">联系我们</a>
<a href="https://beian.miit.gov.cn/">皖ICP备12345678号</a></footer>
</body></html>
"""

EXPECTED_STORIES = [
    "https://www.example.com.cn/2024/05/01/1234567.html",
    "https://www.example.com.cn/2024/05/01/1234568.shtml",
    "https://news.example.com.cn/a/20240501/998877.html",
    "https://www.example.com.cn/2024/04/30/1234501.html",
    "https://www.example.com.cn/2024/04/30/1234502.html",
]


@pytest.fixture(scope="module")
def portal() -> Discovery:
    return discover(PORTAL.encode("utf-8"), PAGE_URL)


def test_keeps_the_stories_in_page_order_without_fragments_or_duplicates(portal):
    assert portal.articles == EXPECTED_STORIES


@pytest.mark.parametrize("not_a_story", [
    "https://www.example.com.cn/",  # home
    "https://www.example.com.cn/sports/",  # channel (navigation)
    "https://www.example.com.cn/finance/index.html",
    "https://www.example.com.cn/channel/culture/",
    "https://www.example.com.cn/login.html",
    "https://www.example.com.cn/register/",
    "https://www.example.com.cn/tags/教育/",
    "https://www.example.com.cn/author/zhangsan/",
    "https://www.example.com.cn/news/list_2.html",  # 更多
    "https://www.example.com.cn/news/index_2.html",  # pagination
    "https://www.other-site.com/2024/05/01/555555.html",  # another site
    "https://www.example.com.cn/download/app.apk",
    "https://www.example.com.cn/special/2024lianghui/",  # topic hub
    "https://www.example.com.cn/video/2024/05/01/777777.html",  # video page
    "https://www.example.com.cn/about/",
    "https://beian.miit.gov.cn/",
])
def test_leaves_out_non_stories(portal, not_a_story):
    assert not_a_story not in portal.articles


def test_feeds_are_the_advertised_rss_and_atom_links_only(portal):
    assert portal.feeds == ["https://www.example.com.cn/rss/news.xml",
                            "https://www.example.com.cn/atom.xml"]


def test_next_pages_put_the_explicit_next_link_first(portal):
    assert portal.next[0] == "https://www.example.com.cn/news/index_2.html"
    assert "https://www.example.com.cn/news/index_3.html" in portal.next
    assert PAGE_URL not in portal.next  # the page itself is not its own next page


def test_rel_next_is_a_next_page():
    page = b"""<html><head><link rel="next" href="?page=2"></head><body>
    <ul><li><a href="/p/1001.html">One</a></li></ul></body></html>"""
    found = discover(page, "https://blog.example.org/archive")
    assert found.next == ["https://blog.example.org/archive?page=2"]


def test_list_structure_lifts_stories_with_plain_urls():
    """Plain URLs (/news/show?id=N) with headline anchors in a repeated list are stories,
    while the channel menu with the same URL style but short labels is not."""
    rows = "".join(f'<li><a href="/show.php?id={i}">第{i}条：市政府召开常务会议研究部署'
                   f'重点工作</a></li>' for i in range(1, 8))
    menu = "".join(f'<li><a href="/list.php?cid={i}">栏目{i}</a></li>' for i in range(1, 6))
    page = (f'<html><body><ul class="menu">{menu}</ul><ul class="rows">{rows}</ul>'
            f'</body></html>').encode()
    found = discover(page, "http://www.city.gov.cn/list.php?cid=1")
    assert found.articles == [f"http://www.city.gov.cn/show.php?id={i}" for i in range(1, 8)]


def test_english_slugs_and_dated_index_pages_are_stories():
    page = b"""<html><body><div class="headlines">
    <a href="/2014/07/23/world/asia/american-teen-pilot-killed/index.html?hpt=hp_t4">
      Teen pilot killed in crash</a>
    <a href="/politics/live-news/debate-night-updates">Live: debate night</a>
    <a href="/2024/05/01/the-city-opens-a-new-riverside-park">
      The city opens a new riverside park</a>
    <a href="/world">World</a><a href="/section/business/">Business</a>
    </div></body></html>"""
    found = discover(page, "https://edition.news.example/")
    assert found.articles == [
        "https://edition.news.example/2014/07/23/world/asia/american-teen-pilot-killed/"
        "index.html?hpt=hp_t4",
        "https://edition.news.example/2024/05/01/the-city-opens-a-new-riverside-park",
    ]


def test_base_href_resolves_relative_links():
    page = b"""<html><head><base href="https://cdn.example.net/site/"></head><body>
    <a href="2024/05/01/123456.html">A long enough headline about the local council</a>
    </body></html>"""
    found = discover(page, "https://www.example.net/")
    assert found.articles == ["https://cdn.example.net/site/2024/05/01/123456.html"]


def test_rules_add_remove_and_paginate():
    page = """<html><body><ul class="list">
      <li><a href="/p/a1">晨读</a></li>
      <li><a href="/2024/05/01/123456.html">淮北市召开城市更新工作推进会议部署全年任务</a></li>
      <li><a href="/2024/05/01/123457.html">赞助：某某楼盘盛大开盘欢迎各位莅临参观选购</a></li>
    </ul><div class="pg"><a class="more-pages" href="/list/p2.html">›› 2</a></div>
    </body></html>""".encode()
    bare = discover(page, "https://www.example.cn/list/")
    assert bare.articles == ["https://www.example.cn/2024/05/01/123456.html",
                             "https://www.example.cn/2024/05/01/123457.html"]
    assert bare.next == []
    rules = DiscoveryRules(article_patterns=(r"/p/a\d+$",), exclude_patterns=(r"123457",),
                           next_selectors=("a.more-pages",))
    ruled = discover(page, "https://www.example.cn/list/", rules=rules)
    assert ruled.articles == ["https://www.example.cn/p/a1",
                              "https://www.example.cn/2024/05/01/123456.html"]
    assert ruled.next == ["https://www.example.cn/list/p2.html"]


def test_rules_never_pull_in_other_sites():
    page = b'<a href="https://elsewhere.org/p/a1">x</a>'
    rules = DiscoveryRules(article_patterns=(r"/p/a\d+$",))
    assert discover(page, "https://www.example.cn/", rules=rules).articles == []


@pytest.mark.parametrize("data", [b"", b"   ", b"\x00\x01\x02 binary", b"<html></html>"])
def test_empty_or_odd_pages_give_nothing(data):
    found = discover(data, "https://www.example.cn/")
    assert found == Discovery(url="https://www.example.cn/")


def test_gbk_page_is_read_by_its_declaration():
    html = ('<html><head><meta charset="gbk"></head><body><ul class="l">'
            + "".join(f'<li><a href="/show.asp?id={i}">淮北市第{i}届运动会'
                      f'在市体育中心隆重开幕</a></li>' for i in range(3))
            + '</ul></body></html>').encode("gbk")
    found = discover(html, "http://www.example.cn/")
    assert found.articles == [f"http://www.example.cn/show.asp?id={i}" for i in range(3)]


def test_utf8_dump_with_stale_gb2312_meta_is_read_as_utf8():
    data = '<meta charset="gb2312"><a href="/a/1.html">淮北新闻</a>'.encode()
    assert "淮北新闻" in decode_page(data)


@pytest.mark.parametrize(("host", "domain"), [
    ("news.sina.com.cn", "sina.com.cn"),
    ("www.sina.com.cn", "sina.com.cn"),
    ("money.cnn.com", "cnn.com"),
    ("cnn.com", "cnn.com"),
    ("www.bbc.co.uk", "bbc.co.uk"),
    ("www.hb.ah.cn", "hb.ah.cn"),
    ("127.0.0.1", "127.0.0.1"),
    ("localhost", "localhost"),
])
def test_registrable_domain(host, domain):
    assert registrable_domain(host) == domain


def test_same_site_across_subdomains_but_not_across_companies():
    assert same_site("news.sina.com.cn", "www.sina.com.cn")
    assert not same_site("www.sohu.com", "house.focus.cn")
    assert not same_site("a.com.cn", "b.com.cn")


def test_pager_offers_only_pages_after_the_current_one():
    page = """<html><body><div class="content"><ul class="list">
    <li><a href="/a/2024/1001.html">淮北市召开城市更新工作推进会议部署全年任务</a></li></ul>
    <div class="pages"><a href="index.html">首页</a><a href="index_2.html">上一页</a>
    <a href="index.html">1</a><a href="index_2.html">2</a><span class="current">3</span>
    <a href="index_4.html">4</a><a href="index_5.html">5</a><a href="index_9.html">尾页</a></div>
    </div></body></html>""".encode()
    found = discover(page, "http://www.example.cn/list/index_3.html")
    assert found.next == ["http://www.example.cn/list/index_4.html",
                          "http://www.example.cn/list/index_5.html"]
    assert found.articles == ["http://www.example.cn/a/2024/1001.html"]


def test_a_page_wrapper_classed_page_is_not_a_pager():
    """Sites wrap the whole page in <div class="page">; its story links stay stories and
    its numbered ranking badges are not page numbers."""
    rows = "".join(f'<li><em>{i}</em><a href="/news/2024-05/01/{2000 + i}.html">'
                   f'淮北市第{i}场城市更新工作推进会议今天召开</a></li>' for i in range(1, 13))
    menu = "".join(f'<a href="/list/c{i}/">栏目{i}</a>' for i in range(1, 30))
    page = (f'<html><body><div class="page"><div class="menu">{menu}</div>'
            f'<ul class="list">{rows}</ul>{"<p>正文</p>" * 300}</div></body></html>').encode()
    found = discover(page, "http://www.example.cn/")
    assert len(found.articles) == 12
    assert found.next == []


def test_a_list_of_stories_does_not_vote_in_its_video_and_download_links():
    rows = "".join(f'<li><a href="/news/Story-number-{i}-about-the-city_{100000 + i}.html">'
                   f'A long headline about the city number {i}</a></li>' for i in range(6))
    rows += ('<li><a href="/video/City-trailer-video-premiere_123456.html">City trailer video '
             'premiere in the town hall</a></li><li><a href="/downloads/City-App-for-Android_'
             '654321.html">City app for Android phones and tablets</a></li>')
    found = discover(f'<ul class="List">{rows}</ul>'.encode(), "https://www.example.de/")
    assert len(found.articles) == 6
    assert not any("/video/" in u or "/downloads/" in u for u in found.articles)


@pytest.mark.parametrize("selector", ["div.pg a", "div.pg", "//div[@class='pg']/a/@href"])
def test_next_selectors_may_point_at_a_link_its_block_or_its_href(selector):
    page = b'<div class="pg"><a href="/list/p2.html">more</a></div>'
    found = discover(page, "https://www.example.cn/list/",
                     rules=DiscoveryRules(next_selectors=(selector,)))
    assert found.next == ["https://www.example.cn/list/p2.html"]
