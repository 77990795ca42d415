"""Rendering stored articles to HTML: escaping, states, highlight, images, links."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from huaibei_reader.models import Article, Block, BlockKind
from huaibei_reader.ui.render import (
    Labels,
    article_html,
    highlight_terms,
    safe_link,
    teaser,
)

SHANGHAI = timezone(timedelta(hours=8))


def test_a_page_without_article_text_says_so_and_links_the_original():
    html = article_html(Article(url="https://www.morang.cn/list/1.html", title="列表页"),
                        labels=Labels(no_article="此页面没有文章正文。"))
    assert "此页面没有文章正文。" in html
    assert 'href="https://www.morang.cn/list/1.html"' in html


def test_everything_from_the_page_is_escaped():
    art = Article(url="https://x.cn/a.html", title="<script>alert(1)</script>",
                  publisher='"><img src=x onerror=alert(1)>',
                  blocks=(Block(BlockKind.PARAGRAPH, "<b>粗</b> & 细"),
                          Block(BlockKind.LIST, items=("<i>一</i>",))))
    html = article_html(art, labels=Labels())
    assert "<script>" not in html and "<b>粗" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&amp; 细" in html and "&lt;i&gt;一" in html


def test_only_http_links_are_offered():
    assert safe_link("https://a.cn/x") == "https://a.cn/x"
    assert safe_link("HTTP://a.cn/x") == "HTTP://a.cn/x"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "a.cn/x"):
        assert safe_link(bad) is None
    html = article_html(Article(url="javascript:alert(1)", title="t"), labels=Labels())
    assert "javascript:" not in html


def test_search_terms_are_highlighted_in_title_and_body():
    art = Article(url="https://x.cn/a.html", title="三社联动打造熟人社区",
                  blocks=(Block(BlockKind.PARAGRAPH, "“三社联动”社区试点"),))
    html = article_html(art, labels=Labels(), highlight="三社联动")
    assert html.count("background-color") == 2
    assert sorted(highlight_terms('"三社" AND 联动')) == sorted(["三社", "联动"])


def test_images_stand_alone_with_their_caption_and_known_size():
    art = Article(url="https://x.cn/a.html", title="t", published=datetime(
        2022, 10, 1, 13, 39, 7, tzinfo=SHANGHAI), blocks=(
        Block(BlockKind.IMAGE, "社区志愿者在包粽子", src="https://x.cn/1.png", alt="包粽子"),
        Block(BlockKind.IMAGE, "", src="https://x.cn/2.png", alt="未保存")))
    html = article_html(art, labels=Labels(image_missing="图片未保存"),
                        image_sizes={"https://x.cn/1.png": (640, 360)})
    assert '<img src="https://x.cn/1.png" width="640" height="360"' in html
    assert "社区志愿者在包粽子" in html
    assert "https://x.cn/2.png" not in html and "图片未保存" in html
    assert "2022-10-01 13:39:07" in html


def test_typography_uses_a_cjk_stack_and_a_17_em_pitch():
    html = article_html(Article(url="https://x.cn/a", title="t",
                                blocks=(Block(BlockKind.PARAGRAPH, "正文"),)),
                        labels=Labels(), font_size=20)
    assert "Noto Serif CJK SC" in html and "Microsoft YaHei" in html
    assert "line-height: 34px" in html


def test_teaser_is_the_first_paragraph_on_one_line():
    blocks = (Block(BlockKind.IMAGE, "图注", src="https://x.cn/1.png"),
              Block(BlockKind.PARAGRAPH, "第一段\n  换行" + "长" * 200))
    text = teaser(blocks, limit=40)
    assert text.startswith("第一段 换行") and len(text) == 40 and text.endswith("…")
