"""The furniture every page of the sample edition shares: head, header, nav, sidebars, footer.

Shaped after Chinese portal CMS output (div soup, float layouts, inline styles): the noise
an extractor has to see through.
"""

from __future__ import annotations

from html import escape

from huaibei_reader.demo.edition.model import SampleArticle
from huaibei_reader.demo.edition.seed import (
    FRIEND_LINKS,
    SEED_COPYRIGHT,
    SEED_FOOTER_DESCRIPTION,
)

SITE_NAME = "今日淮北"
CHANNELS = {"shehui": "社会", "wenlv": "文旅"}
OTHER_NAV = (("经济", "jingji"), ("教育", "jiaoyu"), ("健康", "jiankang"), ("图片", "tupian"),
             ("视频", "shipin"), ("专题", "zhuanti"))
SAMPLE_NOTE = ("示例内容:本站是“淮北阅读器”自带的示例版面,文章为编写的示例,非真实新闻;"
               "其中一篇为今日淮北网页的采集副本,已在该页注明。")
CAPTURED_NOTE = ("本页正文为今日淮北(morang.cn)2022年10月1日所载人民网-安徽频道稿件的采集副本,"
                 "用于测试;本站其他文章为示例内容,非真实新闻。")
ICP_LINE = "皖ICP备00000000号-1(示例)"
FRIEND_HREFS = tuple(f"http://link{i:02d}.example.com/" for i in range(len(FRIEND_LINKS)))


def t(text: str) -> str:
    """Escape text for an element body."""
    return escape(text, quote=False)


def a(text: str) -> str:
    """Escape text for an attribute value."""
    return escape(text, quote=True)


def head(title: str, *, charset: str = "utf-8", charset_style: str = "http-equiv",
         description: str = "", keywords: str = "", extra: str = "") -> str:
    if charset_style == "meta":
        charset_tag = f'<meta charset="{charset}" />'
    else:
        charset_tag = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset_tag}
<title>{t(title)}</title>
<meta name="keywords" content="{a(keywords)}" />
<meta name="description" content="{a(description)}" />
<meta name="robots" content="index,follow" />
<link href="/static/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/static/js/common.js"></script>
{extra}</head>
"""


def header(active: str = "") -> str:
    nav = ['<li{}><a href="/">首页</a></li>'.format(' class="on"' if active == "" else "")]
    for slug, name in CHANNELS.items():
        on = ' class="on"' if slug == active else ""
        nav.append(f'<li{on}><a href="/list/{slug}/index.html">{name}</a></li>')
    for name, _slug in OTHER_NAV:
        nav.append(f'<li><a href="javascript:void(0);" title="栏目建设中">{name}</a></li>')
    return f"""<body>
<div class="topbar"><div class="w1200 clearfix">
<span class="fl">欢迎访问今日淮北网!今天是
<script type="text/javascript">showToday();</script></span>
<span class="fr"><a href="javascript:void(0);" onclick="setHome(this);">设为首页</a> |
<a href="javascript:void(0);" onclick="addFav();">加入收藏</a> |
<a href="javascript:void(0);">登录</a> <a href="javascript:void(0);">注册</a></span>
</div></div>
<div class="header w1200 clearfix">
<div class="logo fl"><a href="/">
<img src="/static/images/logo.png" alt="今日淮北" width="240" height="60" /></a></div>
<div class="search fr"><form action="javascript:void(0);" method="get">
<input type="text" name="q" class="sinput" value="请输入关键词" />
<input type="submit" class="sbtn" value="搜索" /></form></div>
</div>
<div class="nav"><ul class="w1200 clearfix">
{chr(10).join(nav)}
</ul></div>
"""


def sample_note(captured: bool = False) -> str:
    text = CAPTURED_NOTE if captured else SAMPLE_NOTE
    return (f'<div class="sample-note w1200" style="background:#fff7d6;border:1px solid #e8c64a;'
            f'padding:6px 10px;color:#7a5b00;">{t(text)}</div>\n')


def sidebar(articles: list[SampleArticle], exclude: int | None = None) -> str:
    """热门排行 (by views) and 推荐阅读 (with teasers), plus an advertisement."""
    hot = sorted((x for x in articles if x.id != exclude), key=lambda x: -x.views)[:8]
    hot_items = "\n".join(
        f'<li><em class="num{i}">{i}</em><a href="{x.path}" title="{a(x.title)}">{t(x.title)}</a>'
        f'<span class="hits">{x.views}</span></li>'
        for i, x in enumerate(hot, 1))
    picks = [x for x in articles if x.id != exclude and x.id % 3 == 0][:3]
    pick_items = "\n".join(
        f'<dl><dt><a href="{x.path}">{t(x.title)}</a></dt><dd>{t(short_teaser(x, 40))}…</dd></dl>'
        for x in picks)
    return f"""<div class="right fr">
<div class="box hot"><div class="tit"><h3>热门排行</h3></div>
<ul class="ranklist">
{hot_items}
</ul></div>
<div class="box tuijian"><div class="tit"><h3>推荐阅读</h3></div>
{pick_items}
</div>
<div class="box ad"><a href="javascript:void(0);" rel="nofollow">
<img src="/static/images/ad-banner.png" alt="广告" width="300" height="100" /></a>
<p class="ad-tip">广告</p></div>
</div>
"""


def footer() -> str:
    links = "".join(f'<a href="{href}" target="_blank">{t(name)}</a>'
                     for name, href in zip(FRIEND_LINKS, FRIEND_HREFS, strict=True))
    copyright_html = t(SEED_COPYRIGHT).replace("©", "&copy;")
    return f"""<div class="flink w1200"><div class="tit"><h3>友情链接</h3></div>
<div class="flink-list">{links}</div></div>
<div class="footer">
<div class="w1200">
<p class="footnav"><a href="/about.html">关于我们</a> | <a href="/about.html#contact">联系方式</a> |
<a href="/about.html#copyright">版权声明</a> | <a href="/robots.txt">网站地图</a></p>
<p class="sitedesc">{t(SEED_FOOTER_DESCRIPTION)}</p>
<p class="copyright">{copyright_html}</p>
<p class="icp">{t(ICP_LINE)} 本站为示例站点,所刊内容不代表任何真实媒体</p>
</div>
</div>
<script type="text/javascript">hitsCount();</script>
</body>
</html>
"""


def paragraph_text(article: SampleArticle) -> str:
    return "".join(article.paragraphs)


def teaser(article: SampleArticle) -> str:
    """The CMS summary box: publisher and opening run together, cut at 120 characters."""
    return (article.publisher + paragraph_text(article))[:120]


def short_teaser(article: SampleArticle, length: int = 100) -> str:
    return paragraph_text(article)[:length]
