"""No article on the page: a gallery's photos with a warning, or the page's whole text."""

from __future__ import annotations

import page_shapes as shapes  # tests/extract is on the path (rootdir-relative import)
import pytest

from huaibei_reader.errors import NotAnArticle
from huaibei_reader.extract import extract_article, page_text
from huaibei_reader.extract.fallback import GALLERY, NO_ARTICLE
from huaibei_reader.models import BlockKind

HOME = """<html><head><meta charset="utf-8"><title>今日要闻 - 城市新闻网</title>
<style>.x{color:red}</style><script>var secret = "脚本里的字";</script></head><body>
<div class="nav"><a href="/">首页</a> <a href="/city">本地</a> <a href="/photo">图片</a></div>
<h1>今日要闻</h1>
<ul class="news">
<li><a href="/a/1.html">市政府召开常务会议研究部署秋冬季安全生产工作</a></li>
<li><a href="/a/2.html">城区三条道路完成改造 周末起恢复通行</a></li>
<li><a href="/a/3.html">第十届读书节开幕 百余场活动持续一个月</a></li>
</ul>
<div style="display:none">隐藏的统计代码说明</div>
<p><img src="/img/banner.jpg" width="600" alt="读书节"></p>
<div class="footer">城市新闻网 版权所有</div></body></html>"""


def test_page_text_is_the_whole_visible_page_with_a_warning() -> None:
    with pytest.raises(NotAnArticle):
        extract_article(HOME.encode(), "http://news.example.cn/")
    page = page_text(HOME.encode(), "http://news.example.cn/")
    assert page.title == "今日要闻 - 城市新闻网"
    assert page.warnings == (NO_ARTICLE,)
    lines = page.text.split("\n")
    assert lines[0] == "首页 本地 图片" and lines[1] == "今日要闻"
    assert "城区三条道路完成改造 周末起恢复通行" in lines
    assert lines[-1] == "城市新闻网 版权所有"
    for absent in ("脚本里的字", "隐藏的统计代码", "color:red"):
        assert absent not in page.text
    assert page.images == ("http://news.example.cn/img/banner.jpg",)
    assert [b.kind for b in page.blocks].count(BlockKind.LIST) == 1


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\x03" * 4000,
                                  b"<html><head><title>t</title></head><body></body></html>"])
def test_page_text_of_a_page_with_no_text_at_all_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(NotAnArticle) as info:
        page_text(data)
    assert 0 < len(str(info.value)) < 80


@pytest.mark.parametrize("captions", [True, False])
def test_a_photo_gallery_returns_its_photos_and_captions_with_a_warning(captions: bool) -> None:
    article = extract_article(shapes.photo_gallery_zh(captions), "http://pic.example.cn/p/1.html")
    assert article.warnings == (GALLERY,)
    assert article.images == tuple(f"http://pic.example.cn/photo/2021/10/{i}.jpg"
                                   for i in range(1, len(shapes.GALLERY_CAPTIONS) + 1))
    if captions:
        assert all(c in article.text for c in shapes.GALLERY_CAPTIONS)
    else:
        alts = [b.alt for b in article.blocks if b.kind is BlockKind.IMAGE]
        assert alts == [c[:6] for c in shapes.GALLERY_CAPTIONS]


def test_a_story_with_photos_is_not_a_gallery() -> None:
    article = extract_article(shapes.story_split_around_figure_en(), "http://news.example.com/a")
    assert article.images and article.warnings == ()
