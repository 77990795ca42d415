"""Bylines of blogs, forums and essays: who wrote the post, and what is not a writer."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huaibei_reader.extract import extract_article

S1 = ("周末带孩子去城北的湿地公园走了一圈，芦苇已经黄了，湖面上停着几十只白鹭，"
      "孩子数了半天也没数清，最后说反正比上次多。")
S2 = ("公园里新修了一条木栈道，从东门一直通到观鸟台，走完大约需要四十分钟，"
      "路上有几块牌子介绍湿地里的植物和鸟类，字写得不大，老人看起来有些吃力。")
S3 = ("中午在门口的小店吃了一碗面，老板说秋天来的人最多，节假日要排很久的队，平时倒是清静，适合带着"
      "书来坐一个下午。")
S4 = "回家的路上孩子睡着了，醒来第一句话就问下个周末还去不去，我说等芦苇再黄一些再去。"
STORY = "".join(f"<p>{s}</p>" for s in (S1, S2, S3, S4))

SIDEBAR = ("<div class='sidebar'><h3>文章分类</h3><ul>"
           + "".join(f"<li><a href='/?cat={i}'>分类{i}</a></li>" for i in range(6))
           + "</ul></div>")


def page(body: str, *, title: str = "湿地公园半日游", head: str = "") -> bytes:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}
</head><body><div class="nav"><a href="/">首页</a> <a href="/blog">博客</a>
<a href="/bbs">论坛</a></div>{body}{SIDEBAR}
<div class="footer">Copyright 2009 example.org 版权所有</div></body></html>""".encode()


def authors(body: str, **kw: str) -> tuple[str, ...]:
    return extract_article(page(body, **kw), "http://blog.example.org/post/12.html").authors


def forum_floor(n: int, poster: str, text: str) -> str:
    return (f"<div class='floor'><div class='floor_head'>楼层：第 {n} 楼 "
            f"时间：2009-05-0{n} 20:1{n}:00</div>"
            f"<div class='poster'>作者： <a href='/user.php?id={n}0{n}'>{poster}</a><br>"
            f"等级：中级会员</div><div class='floor_body'>{text}</div></div>")


def test_a_forum_posters_linked_nickname_is_the_author_not_a_replier() -> None:
    body = ("<h1>主题：湿地公园半日游</h1>" + forum_floor(1, "放风筝&小雨", STORY)
            + forum_floor(2, "ab9", "<p>谢谢分享，下次也去看看。</p>"))
    assert authors(body) == ("放风筝&小雨",)


def test_a_linked_chinese_name_after_the_label() -> None:
    body = f"<h1>湿地公园半日游</h1><div class='info'>作者：<a href='/u/3'>张小明</a></div>{STORY}"
    assert authors(body) == ("张小明",)


@pytest.mark.parametrize("label", ["发表者", "张贴者", "发布者", "发帖人"])
def test_poster_labels(label: str) -> None:
    body = f"<h1>湿地公园半日游</h1><div class='meta'>{label}：林间小路</div>{STORY}"
    assert authors(body) == ("林间小路",)


def test_an_account_name_is_not_an_author() -> None:
    body = f"<h1>湿地公园半日游</h1><div class='meta'>发布者：admin 2009-05-01</div>{STORY}"
    assert authors(body) == ()


def test_a_name_keeps_its_latin_form_in_brackets() -> None:
    body = (f"<h1>湿地公园半日游</h1><p>作者： 李明 (Ming Li)<br>译： 王芳<br>2009年5月1日</p>"
            f"{STORY}")
    assert authors(body) == ("李明 (Ming Li)",)


def test_a_blog_footer_posted_by() -> None:
    body = (f"<div class='post'><h2 class='post-title'>湿地公园半日游</h2>"
            f"<div class='post-body'>{STORY}</div><div class='post-footer'>由阿牛张贴 @ "
            f"2009-05-01 10:20:30 <a href='/p/12'>(120)</a> <a href='/p/12#c'>共 3 篇评论</a> "
            f"<a href='/p/12#new'>发表评论 &gt;&gt;&gt;</a></div></div>")
    assert authors(body) == ("阿牛",)


@pytest.mark.parametrize("signature, name", [
    ("- 小鱼儿写于3月18日", "小鱼儿"),
    ("海边的云写于2005年3月16日", "海边的云"),
    ("阿牛 发表于 2009-5-1 12:00", "阿牛"),
])
def test_a_post_signed_on_a_line_of_its_own(signature: str, name: str) -> None:
    body = f"<h1>湿地公园半日游</h1>{STORY}<p>{signature}</p>"
    assert authors(body) == (name,)


@pytest.mark.parametrize("line", [
    "本文发表于2009年5月1日",
    "这首诗写于1942年冬天",
    "新华社发布于2009年5月1日",
])
def test_a_sentence_about_a_text_is_not_a_signature(line: str) -> None:
    body = f"<h1>湿地公园半日游</h1>{STORY}<p>{line}</p>"
    assert authors(body) == ()


def test_names_on_their_own_line_under_the_headline() -> None:
    body = f"<h1>湿地公园半日游</h1><p>湿地公园半日游</p><p>王小二、风清扬</p>{STORY}"
    assert authors(body) == ("王小二", "风清扬")


def test_a_column_title_names_the_writer_under_the_headline() -> None:
    body = f"<p>青禾：湿地公园半日游</p><p>湿地公园半日游</p><p>青禾</p>{STORY}"
    assert authors(body, title="青禾：湿地公园半日游") == ("青禾",)


@pytest.mark.parametrize("line", ["本报讯", "新华社", "封面新闻", "高考特辑", "青禾"])
def test_a_label_or_a_word_under_the_headline_is_not_a_writer(line: str) -> None:
    # "青禾" alone is no surname's name and no column title names it: not taken
    body = f"<h1>湿地公园半日游</h1><p>{line}</p>{STORY}"
    assert authors(body) == ()


def test_a_wordpress_author_link_names_the_blogger() -> None:
    body = (f"<div class='profile'><a href='http://blog.example.org/?author=7' "
            f"title='[远山]的博客'>远山</a><p>[远山]最新文章</p></div>"
            f"<div class='entry'><h2>湿地公园半日游</h2>{STORY}</div>")
    assert authors(body) == ("远山",)


def test_a_category_link_of_one_author_is_not_a_name() -> None:
    body = (f"<div class='entry'><h2>湿地公园半日游</h2>{STORY}</div>"
            f"<ul class='cats'><li><a href='http://blog.example.org/?cat=3&author=7'>未归类</a>"
            f"</li></ul>")
    assert authors(body) == ()


def test_an_explicit_byline_wins_over_the_blogs_owner() -> None:
    body = (f"<div class='profile'><a href='http://blog.example.org/?author=7'>远山</a>"
            f"<p>远山的博客</p></div><div class='entry'><h2>湿地公园半日游</h2>"
            f"<p class='meta'>作者：李明 2009-05-01</p>{STORY}<p>由远山张贴 @ 2009-05-01 10:20</p>"
            f"</div>")
    assert authors(body, title="远山的博客") == ("李明",)


def test_an_editors_credit_is_not_an_author() -> None:
    body = f"<h1>湿地公园半日游</h1>{STORY}<p align='right'>（ 责任编辑：魏明 ）</p>"
    assert authors(body) == ()


def test_a_blogs_header_names_its_owner_when_the_post_names_no_one() -> None:
    body = (f"<div class='header'><h1>海边的云的博客</h1><p>记录生活的点滴</p></div>"
            f"<div class='entry'><h2>湿地公园半日游</h2>{STORY}</div>")
    assert authors(body) == ("海边的云",)


@pytest.mark.parametrize("header", [
    "<h1>我的博客</h1>",
    "<ul><li><a href='/b/1'>李明的博客</a></li><li><a href='/b/2'>王芳的博客</a></li></ul>",
    "<h3>推荐的博客</h3>",
])
def test_a_blog_list_or_my_blog_names_no_owner(header: str) -> None:
    body = (f"<div class='header'>{header}</div>"
            f"<div class='entry'><h2>湿地公园半日游</h2>{STORY}</div>")
    assert authors(body) == ()


def test_a_blog_header_gives_way_to_the_posts_byline() -> None:
    body = (f"<div class='header'><h1>海边的云的博客</h1></div><div class='entry'>"
            f"<h2>湿地公园半日游</h2><p>作者：李明</p>{STORY}</div>")
    assert authors(body, title="海边的云的博客") == ("李明",)


_LINE = st.text(alphabet=st.sampled_from(list("李王海云的博客写于发表张贴由作者：:&()（） -—年月日"
                                              "0123456789abAB本报讯新闻")), max_size=30)


@settings(max_examples=60, deadline=None)
@given(under_headline=_LINE, signature=_LINE, header=_LINE)
def test_any_byline_lines_give_short_names_from_the_page(under_headline: str, signature: str,
                                                         header: str) -> None:
    body = (f"<div class='header'><h1>{html.escape(header)}</h1></div><h2>湿地公园半日游</h2>"
            f"<p>{html.escape(under_headline)}</p>{STORY}<p>{html.escape(signature)}</p>")
    found = authors(body)
    visible = header + under_headline + signature
    assert len(found) <= 6
    for name in found:
        assert 1 <= len(name) <= 60
        assert name.split(" (")[0] in visible
