"""The engine on hand-made pages: metadata, structured blocks, boilerplate out."""

from __future__ import annotations

import json

import pytest

from huaibei_reader.errors import NotAnArticle
from huaibei_reader.extract import extract_article
from huaibei_reader.models import BlockKind, ExtractRules

P1 = ("端午前夕，自然少不了粽子的“身影”。6月23日上午，社区50多名“家庭主妇”聚在一起较量包粽子的"
      "技艺，香甜软糯的粽子出锅后，将被送给小区空巢老人和环卫工人共同分享。")
P2 = ("今年淮北市“三社联动”社区试点项目落户相山区安康社区。针对社区地属老城区，人口密度大、"
      "流动性大，定期开展不同主题的志愿服务活动，搭建起居民之间沟通和交流的桥梁。")
P3 = ("依托微信平台、问卷调查、口头询问等，项目组广泛征求居民对活动的需求，找准老年人和青少年两大"
      "群体需求，设计开展精神慰藉、生活照料、互助合作等服务项目。")
P4 = ("“三社联动”项目落地以来社区先后开展活动30余场，服务居民1000余人次，共同打造和谐温馨家园。")

NAV = "".join(f'<li><a href="/c{i}">栏目{i}</a></li>' for i in range(12))
RELATED = "".join(
    f'<li><a href="/n{i}.html">相关新闻标题第{i}条很长很长</a><p>这是第{i}条相关新闻的摘要，'
    f'它说的是另外一件事情，和本文无关，读者不该在正文里看到它。</p></li>' for i in range(6))


def news_page(*, body: str = "", head: str = "", title_tag: str = "淮北相山区打造熟人社区_今日淮北",
              info: str = "时间:2022-10-01 13:39:07 | 浏览:8680") -> bytes:
    body = body or f"<p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4} (韩惠 胡文静)</p>"
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{title_tag}</title>{head}</head><body>
<div class="nav"><ul>{NAV}</ul></div>
<div class="position">当前位置:<a href="/">首页</a> &gt; <a href="/sh">社会</a></div>
<div class="article">
<h1>淮北相山区打造熟人社区</h1>
<div class="info">{info}</div>
<div class="summary">人民网-安徽频道{P1[:40]}</div>
<div class="source">人民网-安徽频道</div>
<div class="content">{body}</div>
<div class="editor">(责任编辑:李娟)</div>
<div class="share"><span>分享到:</span><a href="#">微信</a><a href="#">微博</a></div>
<div class="prenext"><p>上一篇:<a href="/a.html">前一篇文章的标题</a></p>
<p>下一篇:<a href="/b.html">后一篇文章的标题</a></p></div>
</div>
<div class="related"><h2>相关资讯</h2><ul>{RELATED}</ul></div>
<div class="comments"><h3>网友评论</h3>
<p>网友甲：这篇文章写得很好，我们小区也应该这样做，希望早日推广到全市。</p></div>
<div class="flink"><h3>友情链接</h3><a href="http://a">宝宝起名网</a><a href="http://b">早茶文化网</a></div>
<div class="footer"><p>今日淮北 morang.cn ©2022-2028版权所有 皖ICP备00000000号</p></div>
</body></html>""".encode()


def test_chinese_news_page_metadata() -> None:
    a = extract_article(news_page(), "http://example.cn/news/2022-10/01/1.html")
    assert a.title == "淮北相山区打造熟人社区"
    assert a.published is not None and a.published.isoformat() == "2022-10-01T13:39:07+08:00"
    assert a.publisher == "人民网-安徽频道"
    assert a.authors == ("韩惠", "胡文静")
    assert a.view_count == 8680
    assert a.lang == "zh-CN"
    assert a.site_name == "今日淮北"


def test_body_is_the_story_and_nothing_else() -> None:
    a = extract_article(news_page(), "http://example.cn/1.html")
    paragraphs = [b.text for b in a.blocks]
    assert paragraphs[0] == P1, "the teaser that repeats the opening must be dropped"
    assert paragraphs[-1] == P4, "the reporters in brackets are a byline, not text"
    text = a.text
    for leak in ("相关资讯", "相关新闻标题", "友情链接", "宝宝起名网", "版权所有", "上一篇",
                 "下一篇", "责任编辑", "分享到", "网友评论", "网友甲", "当前位置", "栏目3",
                 "浏览", "时间:"):
        assert leak not in text, leak
    assert text.count(P1[:20]) == 1


def test_structured_blocks_keep_the_shape() -> None:
    body = (f"<p>{P1}</p><h2>小标题：居民怎么说</h2><p>{P2}</p>"
            "<ul><li>第一条措施很具体</li><li>第二条措施也很具体</li></ul>"
            f"<blockquote><p>{P3}</p></blockquote>"
            '<figure><img src="/img/a.jpg" alt="包粽子"><figcaption>居民在社区包粽子。</figcaption>'
            "</figure>"
            "<table><tr><th>项目</th><th>数量</th></tr><tr><td>活动</td><td>30余场</td></tr>"
            "<tr><td>服务</td><td>1000余人次</td></tr></table>"
            f"<p>{P4}</p>")
    a = extract_article(news_page(body=body), "http://example.cn/news/1.html")
    kinds = [b.kind for b in a.blocks]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST,
                     BlockKind.QUOTE, BlockKind.IMAGE, BlockKind.TABLE, BlockKind.PARAGRAPH]
    heading, lst, image, table = a.blocks[1], a.blocks[3], a.blocks[5], a.blocks[6]
    assert heading.level == 2 and heading.text == "小标题：居民怎么说"
    assert lst.items == ("第一条措施很具体", "第二条措施也很具体") and not lst.ordered
    assert image.src == "http://example.cn/img/a.jpg" and image.alt == "包粽子"
    assert image.text == "居民在社区包粽子。"
    assert table.rows == (("项目", "数量"), ("活动", "30余场"), ("服务", "1000余人次"))
    assert a.images == ("http://example.cn/img/a.jpg",)


def test_br_separated_old_style_page() -> None:
    html = ("<html><head><title>老页面标题--某某网</title></head><body><table><tr>"
            "<td width=150>" + "".join(f'<a href="/{i}">导航{i}</a><br>' for i in range(15)) +
            "</td><td>老页面标题<br>2005-03-21 11:21 来源：新华网<br><br>"
            + f"{P1}<br>{P2}<br>{P3}<br>{P4}" + "<br>作者：尹娟</td></tr></table></body></html>")
    a = extract_article(html.encode("gbk"), "http://old.example.cn/a.shtml")
    assert a.title == "老页面标题"
    assert a.text.split("\n") == [P1, P2, P3, P4]
    assert a.published is not None and a.published.isoformat() == "2005-03-21T11:21:00+08:00"
    assert a.publisher == "新华网"
    assert a.authors == ("尹娟",)


def test_metadata_from_head_and_json_ld() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "A headline",
          "datePublished": "2021-05-04T09:30:00Z",
          "author": [{"@type": "Person", "name": "Jane Doe"}, {"name": "John Roe"}]}
    head = (f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            '<link rel="canonical" href="https://news.example.com/a-headline">'
            '<meta property="og:site_name" content="Example News">')
    body = "".join(f"<p>{'This is a sentence of the story, with commas. ' * 6}</p>"
                   for _ in range(4))
    page = f"""<html lang="en"><head><title>A headline | Example News</title>{head}</head>
    <body><h1>A headline</h1><article>{body}</article></body></html>""".encode()
    a = extract_article(page, "https://news.example.com/a-headline?utm=1")
    assert a.title == "A headline"
    assert a.published is not None and a.published.isoformat() == "2021-05-04T09:30:00+00:00"
    assert a.authors == ("Jane Doe", "John Roe")
    assert a.canonical_url == "https://news.example.com/a-headline"
    assert a.site_name == "Example News" and a.lang == "en"


def test_naive_times_are_shanghai_time() -> None:
    head = '<meta name="publishdate" content="2020-01-02 03:04:05">'
    a = extract_article(news_page(head=head, info="浏览:12"), "http://example.cn/1.html")
    assert a.published is not None
    assert a.published.utcoffset().total_seconds() == 8 * 3600
    assert (a.published.hour, a.published.minute) == (3, 4)


def test_byline_forms() -> None:
    body = f"<p>本报记者 王芳 通讯员 李强</p><p>{P1}</p><p>{P2}</p><p>{P3}</p>"
    a = extract_article(news_page(body=body), "http://example.cn/1.html")
    assert a.authors == ("王芳", "李强")
    assert "本报记者" not in a.text


def test_inline_related_box_does_not_cut_the_story() -> None:
    body = (f"<p>{P1}</p><p>{P2}</p><p>延伸阅读：</p><p><a href='/x'>另一篇报道的标题</a></p>"
            f"<p>{P3}</p><p>{P4}</p>")
    a = extract_article(news_page(body=body), "http://example.cn/1.html")
    assert P3 in a.text and P4 in a.text
    assert "另一篇报道的标题" not in a.text


def test_site_rules_override_the_container_and_fields() -> None:
    rules = ExtractRules(content=(".summary",), title=("div.source",))
    a = extract_article(news_page(), "http://example.cn/1.html", rules=rules)
    assert a.title == "人民网-安徽频道"
    assert a.text.startswith("人民网-安徽频道")
    assert P2 not in a.text


def test_remove_rule_drops_an_element_before_scoring() -> None:
    rules = ExtractRules(remove=("//div[@class='content']/p[2]",))
    a = extract_article(news_page(), "http://example.cn/1.html", rules=rules)
    assert P2 not in a.text and P3 in a.text


@pytest.mark.parametrize("data", [b"", b"   \n\t", b"\x00\x01\x02" * 2000,
                                  b"<html><body></body></html>",
                                  "<html><body><div class='nav'><a href='/'>首页</a></div>"
                                  "<p>只有一句话。</p></body></html>".encode()])
def test_no_article_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(NotAnArticle) as info:
        extract_article(data, "http://example.cn/x")
    assert str(info.value)
    assert len(str(info.value)) < 80


def test_a_list_page_is_not_an_article() -> None:
    items = "".join(f'<li><h3><a href="/n{i}.html">第{i}条新闻的标题比较长</a></h3>'
                    f"<p>{P1[:30 + i]}…</p></li>" for i in range(8))
    page = f"<html><body><ul class='newslist'>{items}</ul></body></html>".encode()
    with pytest.raises(NotAnArticle):
        extract_article(page, "http://example.cn/list/")


FILM_NOTES = [
    "The quiet drama follows a lighthouse keeper through one long winter, and every frame "
    "of it feels carefully weighed against the silence of the coast around him.",
    "A noisy, generous comedy about a family restaurant that refuses to close, carried by "
    "an ensemble that clearly enjoyed every single one of its shouting matches.",
    "Shot on a shoestring in three weeks, this thriller still finds room for one of the "
    "most patient and frightening chase sequences put on screen this year.",
]


def test_a_linked_section_heading_between_prose_is_kept() -> None:
    sections = "".join(f"<h3>{3 - i}) <a href='/reviews/{i}'>Film number {3 - i}</a></h3>"
                       f"<p>{note}</p>" for i, note in enumerate(FILM_NOTES))
    related = "".join(f"<h3><a href='/other/{i}'>Another list of films number {i}</a></h3>"
                      for i in range(4))
    page = (f"<html><head><title>The three best films of the year</title></head><body>"
            f"<h1>The three best films of the year</h1><div class='entry'>"
            f"<p>{FILM_NOTES[1]} Here is the whole list, counted down.</p>{sections}"
            f"{related}</div></body></html>").encode()
    article = extract_article(page, "http://example.org/best-films")
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["3) Film number 3", "2) Film number 2", "1) Film number 1"]
    assert "Another list of films" not in article.text
    assert all(note in article.text for note in FILM_NOTES)


@pytest.mark.parametrize("placeholder", ["正在加载...", "加载中…", "Loading..."])
def test_a_loading_placeholder_line_is_not_story_text(placeholder: str) -> None:
    body = f"<p>{P1}</p><p>{P2}</p><div class='player'>{placeholder}</div><p>{P3}</p><p>{P4}</p>"
    a = extract_article(news_page(body=body), "http://example.cn/1.html")
    assert placeholder not in a.text
    assert P2 in a.text and P3 in a.text


def test_a_next_and_previous_story_box_inside_the_article_is_furniture() -> None:
    neighbours = "".join(
        f"<div class='grid {side}'><p class='btn'><a href='/news/{side}.html'>{label} News</a>"
        f"</p><a href='/news/{side}.html'><h5>A {side} story about something else</h5></a>"
        f"<p class='excerpt'>The {side} story has a summary line long enough to look like "
        f"prose of its own</p><label>Staff Writer 2019-11-20 12:57:32</label></div>"
        for side, label in (("next", "Next"), ("prev", "Previous")))
    page = (f"<html><head><title>Film notes</title></head><body><h1>Film notes</h1>"
            f"<div class='post-body'>{''.join(f'<p>{n}</p>' for n in FILM_NOTES)}"
            f"<div class='grid-container next-prev'>{neighbours}</div></div>"
            f"</body></html>").encode()
    article = extract_article(page, "http://example.org/notes")
    assert all(note in article.text for note in FILM_NOTES)
    assert "summary line" not in article.text and "Staff Writer" not in article.text


def test_a_dateline_under_the_opening_photo_caption_is_metadata() -> None:
    caption = ("In this March 3, 2015, file photo, a lighthouse keeper walks along the sea wall "
               "at dawn during the first storm of the year on the northern coast, while a "
               "fishing boat waits out the weather in the harbour below the old signal station "
               "that the keeper's family ran for three generations.")
    page = (f"<html><head><title>Film notes</title></head><body><h1>Film notes</h1>"
            f"<div class='story'><p><img src='/photos/keeper.jpg' width='640'></p>"
            f"<p>{caption}</p><p>Published Monday, November 18, 2019 8:22AM EST</p>"
            f"{''.join(f'<p>{n}</p>' for n in FILM_NOTES * 3)}</div></body></html>").encode()
    article = extract_article(page, "http://example.org/notes")
    assert "Published Monday" not in article.text
    assert caption in article.text and FILM_NOTES[2] in article.text
    assert article.published is not None and article.published.day == 18
