"""Sections: the same site's channel, category and list pages found on an index page, apart
from stories, pagination, footers, services and other sites."""

from __future__ import annotations

import pytest

from huaibei_reader.sources.discover import discover
from huaibei_reader.sources.discover_signals import strip_tracking

PAGE_URL = "http://www.example.com.cn/"

HOME = """<!doctype html><html><head><meta charset="utf-8"><title>示例新闻网</title></head><body>
<div class="topbar"><a href="/login.html">登录</a><a href="/register/">注册</a>
  <a href="/search/?q=">搜索</a></div>
<div class="nav"><ul>
  <li><a href="/">首页</a></li>
  <li><a href="/list/shehui/index.html">社会</a></li>
  <li><a href="/list/wenlv/index.html">文旅</a></li>
  <li><a href="/sports/">体育</a></li>
  <li><a href="/news.php?catid=7">财经</a></li>
  <li><a href="http://edu.example.com.cn/">教育</a></li>
  <li><a href="/tag/淮北/">淮北</a></li>
  <li><a href="/video/">视频</a></li>
  <li><a href="/download/app.html">客户端</a></li>
  <li><a href="javascript:void(0)">专题</a></li>
  <li><a href="http://www.other-site.com/list/news/">合作媒体</a></li>
</ul></div>
<div class="main">
 <div class="latest"><ul>
  <li><a href="/news/2024-05/01/1234567.html">淮北市召开城市更新工作推进会议部署全年任务</a></li>
  <li><a href="/news/2024-05/01/1234568.html">相山公园春季花展开幕 市民踏青赏花</a></li>
  <li><a href="/news/2024-04/30/1234501.html">隋唐运河古镇迎来五一假期客流高峰</a></li>
 </ul></div>
 <div class="chbox"><div class="tit"><h2><a href="/list/minsheng/index.html">民生</a></h2>
   <a class="more" href="/list/minsheng/index.html">更多&gt;&gt;</a></div>
  <ul><li><a href="/news/2024-04/29/1234490.html">南湖湿地公园新增十公里环湖步道</a></li></ul></div>
 <div class="box"><a class="more" href="/list/keji/index.html">更多&gt;&gt;</a></div>
 <div class="pages"><a href="/index_2.html">2</a><a href="/index_3.html">3</a>
   <a href="/index_2.html">下一页</a></div>
</div>
<div class="flink"><a href="http://www.friend.com/">友情链接一</a>
  <a href="/links/index.html">更多友情链接</a></div>
<div class="footer"><a href="/about/">关于我们</a><a href="/contact.html">联系我们</a>
  <a href="/list/archive/index.html">往期回顾</a><a href="/sitemap.html">网站地图</a>
  <a href="https://beian.miit.gov.cn/">皖ICP备12345678号</a></div>
</body></html>"""


@pytest.fixture(scope="module")
def home():
    return discover(HOME.encode("utf-8"), PAGE_URL)


def test_nav_bar_headings_and_more_links_are_sections_in_page_order(home):
    assert home.sections == [
        "http://www.example.com.cn/list/shehui/index.html",
        "http://www.example.com.cn/list/wenlv/index.html",
        "http://www.example.com.cn/sports/",
        "http://www.example.com.cn/news.php?catid=7",
        "http://edu.example.com.cn/",  # a channel on a subdomain of the same site
        "http://www.example.com.cn/list/minsheng/index.html",  # heading + 更多, once
        "http://www.example.com.cn/list/keji/index.html",  # 更多 to a list-shaped URL
    ]


@pytest.mark.parametrize("not_a_section", [
    "http://www.example.com.cn/",  # the home page (the page itself)
    "http://www.example.com.cn/login.html",
    "http://www.example.com.cn/register/",
    "http://www.example.com.cn/search/?q=",
    "http://www.example.com.cn/tag/淮北/",
    "http://www.example.com.cn/video/",
    "http://www.example.com.cn/download/app.html",
    "http://www.other-site.com/list/news/",  # another site
    "http://www.example.com.cn/news/2024-05/01/1234567.html",  # a story
    "http://www.example.com.cn/index_2.html",  # pagination
    "http://www.example.com.cn/index_3.html",
    "http://www.example.com.cn/about/",  # footer
    "http://www.example.com.cn/list/archive/index.html",  # footer, even list-shaped
    "http://www.example.com.cn/links/index.html",  # friend links
])
def test_leaves_out_everything_that_is_not_a_channel(home, not_a_section):
    assert not_a_section not in home.sections


def test_sections_are_never_stories_or_pages(home):
    assert not set(home.sections) & set(home.articles)
    assert not set(home.sections) & set(home.next)
    assert len(home.articles) == 4


def test_a_channel_page_does_not_list_itself_or_its_own_pager():
    page = """<html><body><div class="nav"><a href="/">首页</a>
    <a href="/list/shehui/index.html">社会</a><a href="/list/wenlv/index.html">文旅</a></div>
    <div class="position">当前位置：<a href="/">首页</a> &gt;
      <a href="/list/shehui/index.html">社会</a></div>
    <ul class="newslist">
     <li><a href="/news/2024-05/01/1234567.html">淮北市召开城市更新工作推进会议部署全年任务</a></li>
    </ul>
    <div class="pages"><a href="index.html">首页</a><a href="index.html">上一页</a>
     <a href="index.html">1</a><span class="current">2</span><a href="index_3.html">3</a>
     <a href="index_3.html">下一页</a></div></body></html>""".encode()
    found = discover(page, "http://www.example.com.cn/list/shehui/index_2.html")
    assert found.sections == ["http://www.example.com.cn/list/wenlv/index.html"]
    assert found.next == ["http://www.example.com.cn/list/shehui/index_3.html"]


def test_headline_text_on_a_list_url_is_not_a_channel():
    page = """<html><body><ul class="list">
    <li><a href="/column/">关于推进城市更新行动的实施意见全文发布</a></li></ul>
    <div class="menu"><a href="/column/">专栏</a></div></body></html>""".encode()
    found = discover(page, "http://www.example.com.cn/")
    # the same URL is a section through its menu entry, whatever the headline says
    assert found.sections == ["http://www.example.com.cn/column/"]
    lone = b"""<html><body><ul class="list">
    <li><a href="/column/">Council publishes the full text of its urban renewal plan</a></li>
    </ul></body></html>"""
    assert discover(lone, "http://www.example.com.cn/").sections == []


def test_one_channel_linked_with_tracking_parameters_is_one_section():
    page = """<html><body><div class="top-nav">
    <a href="http://sports.example.com/s/nba?spm=home.top-nav.1">NBA</a>
    <a href="http://sports.example.com/s/nba?spm=home.sports-nav.5">NBA</a>
    <a href="http://m.example.com/">手机版</a>
    <a href="http://passport.example.com/login">登录</a></div></body></html>""".encode()
    found = discover(page, "https://www.example.com/")
    assert found.sections == ["http://sports.example.com/s/nba"]


def test_strip_tracking_keeps_meaningful_parameters():
    assert strip_tracking("http://a.cn/list.php?catid=7&spm=x.y&utm_source=z") \
        == "http://a.cn/list.php?catid=7"
    assert strip_tracking("http://a.cn/list/") == "http://a.cn/list/"


def test_page_without_links_has_no_sections():
    assert discover(b"<html><body><p>nothing</p></body></html>", PAGE_URL).sections == []
    assert discover(b"", PAGE_URL).sections == []


def test_channels_numbered_like_stories_count_only_as_short_menu_entries():
    """Some CMSs number channels like stories (/front/common_100128.jhtml): a short label in
    the menu makes one a section; the same URL shape in a list of headlines does not."""
    page = """<html><body><div class="menu"><a href="/">首页</a>
    <a href="/front/common_100128.jhtml">资讯中心</a>
    <a href="/front/common_100129.jhtml">信息披露</a></div>
    <ul class="list">
     <li><a href="/front/content_200001.jhtml">关于旗下基金开放日常申购赎回业务的公告</a></li>
     <li><a href="/front/content_200002.jhtml">短标题</a></li></ul></body></html>""".encode()
    found = discover(page, "https://www.fund.example.com/")
    assert found.sections == ["https://www.fund.example.com/front/common_100128.jhtml",
                              "https://www.fund.example.com/front/common_100129.jhtml"]
