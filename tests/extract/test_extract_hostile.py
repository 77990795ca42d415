"""Hostile or broken input never crashes the engine: an Article or NotAnArticle, nothing else."""

from __future__ import annotations

import random
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huaibei_reader.errors import NotAnArticle
from huaibei_reader.extract import decode_html, extract_article
from huaibei_reader.extract.inputs import MAX_BYTES
from huaibei_reader.models import Article

PARAGRAPH = ("淮北市“三社联动”社区试点项目落户相山区安康社区，定期开展不同主题的志愿服务活动，"
             "搭建起居民之间沟通和交流的桥梁，让彼此更紧密、更亲近。")
GOOD_PAGE = ("<html><head><meta charset='utf-8'><title>标题_网站</title></head><body>"
             "<div class='nav'><a href='/'>首页</a><a href='/a'>社会</a></div><h1>标题</h1>"
             + f"<div class='content'>{''.join(f'<p>{PARAGRAPH}</p>' for _ in range(6))}</div>"
             "<div class='footer'>版权所有</div></body></html>").encode("utf-8")

TAGS = ["p", "div", "span", "a", "table", "tr", "td", "ul", "li", "br", "img", "h1", "h2",
        "script", "style", "blockquote", "pre", "figure", "figcaption", "nav", "footer", "text"]


def _outcome(data: bytes) -> Article | None:
    try:
        article = extract_article(data, "http://example.cn/page.html")
    except NotAnArticle as exc:
        assert str(exc)
        return None
    assert isinstance(article, Article)
    assert isinstance(article.text, str)
    return article


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    _outcome(data)
    page = decode_html(data)
    assert isinstance(page.text, str) and page.replaced >= 0


@st.composite
def html_soup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 60))):
        choice = draw(st.integers(0, 3))
        tag = draw(st.sampled_from(TAGS))
        if choice == 0:
            attrs = draw(st.sampled_from(["", " class='content'", " class='footer'",
                                          " style='display:none'", " id='comment'",
                                          " src='x.jpg'", " href='/a'", " colspan=2"]))
            parts.append(f"<{tag}{attrs}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        else:
            parts.append(draw(st.text(max_size=80)))
    return "".join(parts)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_soup(), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_random_tag_soup(soup: str, codec: str) -> None:
    _outcome(soup.encode(codec, errors="replace"))


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=len(GOOD_PAGE)))
def test_truncated_pages(cut: int) -> None:
    article = _outcome(GOOD_PAGE[:cut])
    if cut == len(GOOD_PAGE):
        assert article is not None and PARAGRAPH in article.text


def test_ten_thousand_deep_nesting() -> None:
    page = ("<html><body>" + "<div>" * 10_000 + f"<p>{PARAGRAPH}</p>" * 3
            + "</div>" * 10_000 + "</body></html>").encode()
    _outcome(page)
    page = ("<html><body>" + "<span><b>" * 10_000 + PARAGRAPH * 3 + "</body></html>").encode()
    _outcome(page)


def test_unclosed_everything_and_stray_markup() -> None:
    page = ("<html><body><table><tr><td><p>" + PARAGRAPH + "<li><td><ul>"
            + PARAGRAPH + "</table></table></html></html><![CDATA[x]]><?php ?>"
            + "<p>" + PARAGRAPH).encode()
    article = _outcome(page)
    assert article is not None and PARAGRAPH[:10] in article.text


def test_fifty_megabyte_page_is_capped_and_says_so() -> None:
    filler = ("<div class='row'><a href='/x'>link</a> " + "x" * 200 + "</div>\n").encode()
    data = GOOD_PAGE.replace(b"</body>", filler * (50 * 1024 * 1024 // len(filler)) + b"</body>")
    assert len(data) > 50 * 1024 * 1024 - 1024
    started = time.monotonic()
    article = _outcome(data)
    elapsed = time.monotonic() - started
    assert article is not None
    assert any("truncated" in w for w in article.warnings)
    assert PARAGRAPH in article.text
    assert elapsed < 30, f"a capped page took {elapsed:.1f}s"
    assert len(data) > MAX_BYTES


def test_invalid_bytes_are_reported_in_warnings() -> None:
    data = GOOD_PAGE.decode().encode("gb18030").replace(b"<meta charset='utf-8'>",
                                                         b"<meta charset='gb2312'>")
    cut = data.index("志愿".encode("gb18030"))
    article = _outcome(data[:cut] + b"\xff" + data[cut:])
    assert article is not None
    assert any("invalid bytes replaced" in w for w in article.warnings)


def test_random_bytes_served_as_html_are_not_an_article() -> None:
    rng = random.Random(9)
    data = bytes(rng.getrandbits(8) for _ in range(64 * 1024))
    try:
        extract_article(data, "http://example.cn/page.html")
    except NotAnArticle as exc:
        assert "binary" in str(exc)
    else:
        raise AssertionError("random bytes came out as an article")


def test_a_few_control_bytes_do_not_make_a_page_binary() -> None:
    cut = GOOD_PAGE.index("志愿".encode())
    data = GOOD_PAGE[:cut] + b"\x0b\x00\x1f" + GOOD_PAGE[cut:]
    article = _outcome(data)
    assert article is not None and "志愿服务" in article.text
