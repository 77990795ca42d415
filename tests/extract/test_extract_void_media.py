"""HTML5 void media elements left unclosed before the text (issue 18): the parser knows them
as containers and nested the page inside them; the article must survive."""

from __future__ import annotations

import pytest

from huaibei_reader.extract import extract_article
from huaibei_reader.extract.dom import parse

P = ("社区先后开展活动三十余场，服务居民一千余人次，居民们说这样的活动让邻里之间更亲近了，"
     "大家都盼着下一次。")
STORY = "".join(f"<p>{P}第{i}段。</p>" for i in range(4))


@pytest.mark.parametrize("element", [
    '<embed src="/media/intro.swf" type="application/x-shockwave-flash">',
    '<source src="/media/intro.mp4" type="video/mp4">',
    '<track src="/media/intro.vtt" kind="captions">',
    '<param name="movie" value="/media/intro.swf">',
    "<wbr>",
    '<embed src="/a.swf"><source src="/b.mp4">',
])
def test_an_unclosed_media_element_before_the_text_keeps_the_article(element: str) -> None:
    page = (f"<html><head><meta charset='utf-8'><title>社区活动</title></head><body>"
            f"<div class='player'>{element}</div><h1>社区活动</h1>"
            f"<div class='content'>{element}{STORY}</div></body></html>").encode()
    a = extract_article(page, "http://example.cn/1.html")
    assert a.text.count(P) == 4


def test_a_picture_source_no_longer_swallows_its_image() -> None:
    root = parse("<html><body><picture><source srcset='/a.webp'><img src='/a.jpg'></picture>"
                 "<p>文字</p></body></html>")
    assert root is not None
    img = root.find(".//img")
    assert img is not None and img.getparent().tag == "picture"
    assert root.find(".//source").getchildren() == []


def test_text_right_after_an_unclosed_embed_stays_in_place() -> None:
    root = parse("<html><body><p>前<embed src='/a.swf'>后</p><p>下一段</p></body></html>")
    assert root is not None
    assert ["".join(p.itertext()) for p in root.iter("p")] == ["前后", "下一段"]
