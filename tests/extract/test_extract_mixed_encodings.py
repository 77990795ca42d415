"""Pages that mix UTF-8 and GBK (issue 18): each passage read in its own encoding, with a
warning, instead of a refusal ("not text in any known character set") or silent mojibake."""

from __future__ import annotations

import pytest

from huaibei_reader.extract import decode_html, extract_article

UTF8_PART = ("社区先后开展活动三十余场，服务居民一千余人次，居民们说这样的活动让邻里之间更亲近了，"
             "大家都盼着下一次。")
GBK_PART = ("本文转载自淮北日报，图片由通讯员提供，转载时请注明出处，并保留作者署名与原文链接，"
            "否则将追究法律责任。")


def _page(charset: str | None, *, main: str, block: str, block_count: int) -> bytes:
    meta = f'<meta charset="{charset}">' if charset else ""
    main_codec = "utf-8" if main == "utf-8" else "gbk"
    block_codec = "gbk" if main == "utf-8" else "utf-8"
    head = (f"<html><head>{meta}<title>社区活动</title></head><body><h1>社区活动</h1>"
            "<div class='content'>").encode(main_codec)
    story = "".join(f"<p>{UTF8_PART}第{i}段。</p>" for i in range(4)).encode(main_codec)
    pasted = "".join(f"<p>{block}</p>" for _ in range(block_count)).encode(block_codec)
    return head + story + pasted + "</div></body></html>".encode(main_codec)


@pytest.mark.parametrize("charset", ["utf-8", None])
def test_a_utf8_page_with_a_gbk_block_is_read_whole(charset: str | None) -> None:
    data = _page(charset, main="utf-8", block=GBK_PART, block_count=6)
    a = extract_article(data, "http://example.cn/1.html")
    assert a.text.count(UTF8_PART) == 4 and a.text.count(GBK_PART) == 6
    assert any("mixed encodings" in w and "gb18030" in w for w in a.warnings), a.warnings
    assert "\ufffd" not in a.text


def test_the_same_page_declaring_gbk_is_not_mojibake() -> None:
    data = _page("gbk", main="utf-8", block=GBK_PART, block_count=1)
    a = extract_article(data, "http://example.cn/1.html")
    assert a.text.count(UTF8_PART) == 4 and GBK_PART in a.text
    assert any("mixed encodings" in w for w in a.warnings), a.warnings


@pytest.mark.parametrize("charset", ["gbk", "gb2312", None])
def test_a_gbk_page_with_a_utf8_block_is_read_whole(charset: str | None) -> None:
    data = _page(charset, main="gbk", block=GBK_PART, block_count=2)
    a = extract_article(data, "http://example.cn/1.html")
    assert a.text.count(UTF8_PART) == 4 and a.text.count(GBK_PART) == 2
    assert any("mixed encodings" in w and "utf-8" in w for w in a.warnings), a.warnings


@pytest.mark.parametrize("codec", ["utf-8", "gbk"])
def test_a_page_in_one_encoding_says_nothing_of_mixing(codec: str) -> None:
    data = _page(None, main=codec, block=UTF8_PART, block_count=0)
    page = decode_html(data)
    assert page.mixed_runs == 0 and page.replaced == 0
    assert page.text.count(UTF8_PART) == 4


def test_bytes_that_are_neither_stay_replaced() -> None:
    data = _page("utf-8", main="utf-8", block=GBK_PART, block_count=0)
    cut = data.index("居民们".encode())
    page = decode_html(data[:cut] + b"\xff\xfe\xff" + data[cut:])
    assert page.mixed_runs == 0 and page.replaced >= 1
    assert UTF8_PART in page.text


def test_a_utf8_character_cut_short_is_not_read_as_gbk() -> None:
    data = _page("utf-8", main="utf-8", block=GBK_PART, block_count=0)
    cut = data.index("第1段".encode())
    broken = data[:cut] + "第".encode()[:2] + data[cut + 3:]  # "第" cut to two bytes
    page = decode_html(broken)
    assert page.mixed_runs == 0 and page.replaced == 1
