"""The pages of the sample edition: articles, the home page, channel lists, the feed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape

from huaibei_reader.demo.edition.chrome import (
    CHANNELS,
    SITE_NAME,
    a,
    footer,
    head,
    header,
    sample_note,
    short_teaser,
    sidebar,
    t,
    teaser,
)
from huaibei_reader.demo.edition.model import (
    Heading,
    Image,
    ItemList,
    Para,
    Quote,
    SampleArticle,
    Table,
)

LIST_PAGE_SIZE = 3
FEED_BASE = "http://sample-edition.invalid/"
"""Absolute URLs in feed.xml use this host; the server puts its own base URL instead."""
SHANGHAI = timezone(timedelta(hours=8))


def image_src(article: SampleArticle, image: Image, *, relative: bool | None = None) -> str:
    folder = article.published[2:10].replace("-", "")  # 221007
    path = f"uploads/allimg/{folder}/{image.name}"
    use_relative = image.relative if relative is None else relative
    return "../../../" + path if use_relative else "/" + path


def list_page_name(page: int) -> str:
    return "index.html" if page == 1 else f"index_{page}.html"


def list_page_path(channel: str, page: int) -> str:
    return f"/list/{channel}/{list_page_name(page)}"


def _para(article: SampleArticle, text: str) -> str:
    if article.indent == "fullwidth":
        return f"<p>\u3000\u3000{t(text)}</p>"
    if article.indent == "style":
        return ('<p style="text-indent:2em;"><span style="font-family:宋体;font-size:16px;">'
                f"{t(text)}</span></p>")
    return f"<p>{t(text)}</p>"


def _image(article: SampleArticle, image: Image) -> str:
    w, h = image.size
    img = (f'<img src="{image_src(article, image)}" alt="{a(image.alt)}" width="{w}" '
           f'height="{h}" border="0" />')
    if image.style == "figure":
        return (f'<figure class="image">{img}<figcaption>{t(image.caption)}</figcaption>'
                "</figure>")
    if image.style == "caption":
        return f'<div class="pic">{img}<p class="pic-info">{t(image.caption)}</p></div>'
    return (f'<p style="text-align:center;">{img}</p>\n'
            f'<p style="text-align:center;"><span style="color:#666;">{t(image.caption)}'
            "</span></p>")


def article_body(article: SampleArticle) -> str:
    """The content div: byline lines, paragraphs, images, lists and tables."""
    parts: list[str] = []
    if article.byline_top:
        parts.append(f"<p><strong>{t(article.byline_top)}</strong></p>")
    last_para = max(i for i, p in enumerate(article.body) if isinstance(p, Para))
    for i, part in enumerate(article.body):
        if isinstance(part, Para):
            text = part.text
            if i == last_para and article.byline_in_last_para:
                text = f"{text} {article.byline_end}"
            parts.append(_para(article, text))
        elif isinstance(part, Heading):
            parts.append(f"<h{part.level}>{t(part.text)}</h{part.level}>")
        elif isinstance(part, Quote):
            parts.append(f'<blockquote style="border-left:3px solid #ccc;padding-left:1em;">'
                         f"<p>{t(part.text)}</p></blockquote>")
        elif isinstance(part, Image):
            parts.append(_image(article, part))
        elif isinstance(part, ItemList):
            tag = "ol" if part.ordered else "ul"
            items = "".join(f"<li>{t(item)}</li>" for item in part.items)
            parts.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(part, Table):
            rows = []
            for r, row in enumerate(part.rows):
                cells = "".join(f"<td><strong>{t(c)}</strong></td>" if r == 0 else
                                f"<td>{t(c)}</td>" for c in row)
                rows.append(f"<tr>{cells}</tr>")
            parts.append('<table border="1" cellspacing="0" cellpadding="4" '
                         'style="width:100%;border-collapse:collapse;"><tbody>'
                         + "".join(rows) + "</tbody></table>")
    if article.byline_end and not article.byline_in_last_para:
        parts.append(f'<p style="text-align:right;">{t(article.byline_end)}</p>')
    return "\n".join(parts)


def related_items(article: SampleArticle,
                  articles: list[SampleArticle]) -> list[tuple[str, str, str]]:
    """(title, teaser, href) of the 相关资讯 list."""
    if article.related:
        return [(r.title, r.teaser, r.href) for r in article.related]
    same = [x for x in articles if x.channel == article.channel and x.id != article.id]
    return [(x.title, short_teaser(x, 100), x.path) for x in same[:4]]


def article_page(article: SampleArticle, articles: list[SampleArticle]) -> str:
    """One article page; ``articles`` is the whole edition, newest first."""
    index = articles.index(article)
    newer = articles[index - 1] if index > 0 else None
    older = articles[index + 1] if index + 1 < len(articles) else None
    channel_name = CHANNELS[article.channel]
    summary = teaser(article)
    related = "\n".join(
        f'<li><h3><a href="{href}" target="_blank">{t(title)}</a></h3><p>{t(text)}</p></li>'
        for title, text, href in related_items(article, articles))
    prev_link = (f'<a href="{older.path}">{t(older.title)}</a>' if older else "没有了")
    next_link = (f'<a href="{newer.path}">{t(newer.title)}</a>' if newer else "没有了")
    charset_style = "meta" if article.meta_charset == "gbk" else "http-equiv"
    return (
        head(f"{article.title}_{channel_name}_{SITE_NAME}", charset=article.meta_charset,
             charset_style=charset_style, description=summary,
             keywords=",".join(article.keywords))
        + header(article.channel)
        + sample_note(article.captured)
        + f"""<div class="w1200 main clearfix">
<div class="position">当前位置:<a href="/">首页</a> &gt;
<a href="/list/{article.channel}/index.html">{channel_name}</a> &gt; 正文</div>
<div class="left fl">
<div class="article">
<h1 class="title">{t(article.title)}</h1>
<div class="info">时间:{article.published} | 浏览:<span id="hits">{article.views}</span></div>
<div class="summary"><div class="sum-inner">{t(summary)}</div></div>
<div class="source">{t(article.publisher)}</div>
<!--正文开始-->
<div class="content" id="article-content">
{article_body(article)}
</div>
<!--正文结束-->
<div class="editor">(责任编辑:{t(article.editor)})</div>
<div class="tools">【字体:<a href="javascript:void(0);">大</a> <a href="javascript:void(0);">中</a>
<a href="javascript:void(0);">小</a>】【<a href="javascript:window.print();">打印本页</a>】【<a
href="javascript:window.close();">关闭窗口</a>】</div>
<div class="share clearfix"><span>分享到:</span>
<a href="javascript:void(0);" class="wx">微信</a>
<a href="javascript:void(0);" class="wb">新浪微博</a>
<a href="javascript:void(0);" class="qz">QQ空间</a></div>
<div class="prenext"><p>上一篇:{prev_link}</p><p>下一篇:{next_link}</p></div>
</div>
<div class="comment"><div class="tit"><h3>网友评论</h3></div>
<p class="count">已有<span>0</span>条评论,<a href="javascript:void(0);">查看全部</a></p>
<form action="javascript:void(0);" method="post">
<textarea name="msg" rows="4" cols="60">文明上网,理性发言</textarea>
<input type="submit" value="发表评论" /></form></div>
<div class="related"><div class="tit"><h2>相关资讯</h2></div>
<ul>
{related}
</ul></div>
</div>
"""
        + sidebar(articles, exclude=article.id)
        + "</div>\n"
        + footer()
    )


def list_page(channel: str, page: int, articles: list[SampleArticle], *,
              page_size: int = LIST_PAGE_SIZE) -> str:
    """Page ``page`` (1-based) of a channel list, with 上一页/下一页 and page numbers."""
    members = [x for x in articles if x.channel == channel]
    pages = max(1, -(-len(members) // page_size))
    shown = members[(page - 1) * page_size: page * page_size]
    name = CHANNELS[channel]
    items = []
    for x in shown:
        thumb = next((p for p in x.body if isinstance(p, Image)), None)
        src = image_src(x, thumb, relative=False) if thumb else ""
        thumb_html = (f'<a href="{x.path}" class="thumb"><img src="{src}" '
                      f'alt="{a(x.title)}" width="160" height="100" /></a>' if thumb else "")
        items.append(
            f'<li class="clearfix">{thumb_html}<h3><a href="{x.path}" target="_blank">'
            f'{t(x.title)}</a></h3><p class="intro">{t(short_teaser(x, 80))}…</p>'
            f'<p class="meta"><span class="src">{t(x.publisher)}</span>'
            f'<span class="date">{x.published[:16]}</span></p></li>')
    nav = [f'<a href="{list_page_name(1)}">首页</a>']
    nav.append(f'<a href="{list_page_name(page - 1)}">上一页</a>' if page > 1
               else '<span class="disabled">上一页</span>')
    for n in range(1, pages + 1):
        nav.append(f'<span class="current">{n}</span>' if n == page
                   else f'<a href="{list_page_name(n)}">{n}</a>')
    nav.append(f'<a href="{list_page_name(page + 1)}">下一页</a>' if page < pages
               else '<span class="disabled">下一页</span>')
    nav.append(f'<a href="{list_page_name(pages)}">尾页</a>')
    nav.append(f'<span class="total">共{pages}页 {len(members)}条</span>')
    title = f"{name}_{SITE_NAME}" if page == 1 else f"{name}_第{page}页_{SITE_NAME}"
    return (
        head(title, description=f"今日淮北{name}频道(示例)", keywords=f"淮北,{name}")
        + header(channel)
        + sample_note()
        + f"""<div class="w1200 main clearfix">
<div class="position">当前位置:<a href="/">首页</a> &gt;
<a href="/list/{channel}/index.html">{name}</a> &gt; 列表</div>
<div class="left fl">
<div class="listbox"><div class="tit"><h2>{name}</h2></div>
<ul class="newslist">
{chr(10).join(items)}
</ul>
<div class="pages">{"".join(nav)}</div>
</div>
</div>
"""
        + sidebar(articles)
        + "</div>\n"
        + footer()
    )


def home_page(articles: list[SampleArticle]) -> str:
    with_images = [(x, next(p for p in x.body if isinstance(p, Image)))
                   for x in articles if any(isinstance(p, Image) for p in x.body)]
    focus = "\n".join(
        f'<li><a href="{x.path}" target="_blank"><img src="{image_src(x, img, relative=False)}" '
        f'alt="{a(x.title)}" width="480" height="300" /><span>{t(x.title)}</span></a></li>'
        for x, img in with_images[:3])
    top = articles[0]
    latest = "\n".join(
        f'<li><span class="date">[{x.published[5:10]}]</span><a href="{x.path}" '
        f'target="_blank">{t(x.title)}</a></li>' for x in articles[:10])
    boxes = []
    for slug, name in CHANNELS.items():
        members = [x for x in articles if x.channel == slug][:5]
        lis = "\n".join(f'<li><a href="{x.path}">{t(x.title)}</a><span>{x.published[5:10]}</span>'
                        "</li>" for x in members)
        more = f'<a class="more" href="/list/{slug}/index.html">更多&gt;&gt;</a>'
        boxes.append(f'<div class="chbox fl"><div class="tit"><h2>'
                     f'<a href="/list/{slug}/index.html">{name}</a></h2>{more}'
                     f"</div>\n<ul>\n{lis}\n</ul></div>")
    feed_link = ('<link rel="alternate" type="application/rss+xml" '
                 'title="今日淮北(示例)RSS" href="/feed.xml" />\n')
    return (
        head(f"{SITE_NAME}网_淮北本地新闻门户(示例)", description="今日淮北网示例版面",
             keywords="淮北,淮北新闻,今日淮北", extra=feed_link)
        + header("")
        + sample_note()
        + f"""<div class="w1200 main clearfix">
<div class="left fl">
<div class="focus"><ul class="slides">
{focus}
</ul></div>
<div class="headline"><h2><a href="{top.path}" target="_blank">{t(top.title)}</a></h2>
<p>{t(short_teaser(top, 60))}…<a href="{top.path}">[详细]</a></p></div>
<div class="latest"><div class="tit"><h2>最新资讯</h2></div>
<ul>
{latest}
</ul></div>
<div class="channels clearfix">
{chr(10).join(boxes)}
</div>
</div>
"""
        + sidebar(articles)
        + "</div>\n"
        + footer()
    )


def about_page(articles: list[SampleArticle]) -> str:
    """Not an article: who we are, contact, copyright (a page extractors should refuse)."""
    return (
        head(f"关于我们_{SITE_NAME}", description="关于今日淮北(示例)")
        + header("")
        + sample_note()
        + """<div class="w1200 main clearfix">
<div class="position">当前位置:<a href="/">首页</a> &gt; 关于我们</div>
<div class="left fl"><div class="about">
<h2>关于我们</h2>
<ul><li>本站为示例站点</li><li>服务淮北本地读者</li></ul>
<h2 id="contact">联系方式</h2>
<ul><li>电话:0561-0000000(示例)</li><li>邮箱:editor@example.com</li></ul>
<h2 id="copyright">版权声明</h2>
<ul><li>示例内容,仅供测试</li></ul>
</div></div>
"""
        + sidebar(articles)
        + "</div>\n"
        + footer()
    )


def published_datetime(article: SampleArticle) -> datetime:
    return datetime.strptime(article.published, "%Y-%m-%d %H:%M:%S").replace(tzinfo=SHANGHAI)


def feed_xml(articles: list[SampleArticle]) -> str:
    """RSS 2.0 of the whole edition, newest first; descriptions are teasers only."""
    items = []
    for x in articles:
        link = FEED_BASE + x.path.lstrip("/")
        authors = " ".join(x.authors)
        author_tag = f"\n  <dc:creator>{escape(authors)}</dc:creator>" if authors else ""
        items.append(f"""<item>
  <title>{escape(x.title)}</title>
  <link>{link}</link>
  <guid isPermaLink="true">{link}</guid>
  <description>{escape(short_teaser(x, 100))}…</description>
  <category>{CHANNELS[x.channel]}</category>
  <pubDate>{format_datetime(published_datetime(x))}</pubDate>{author_tag}
</item>""")
    newest = format_datetime(published_datetime(articles[0]))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>今日淮北(示例)</title>
<link>{FEED_BASE}</link>
<description>淮北阅读器自带的示例版面:示例内容,非真实新闻</description>
<language>zh-cn</language>
<lastBuildDate>{newest}</lastBuildDate>
{chr(10).join(items)}
</channel>
</rss>
"""
