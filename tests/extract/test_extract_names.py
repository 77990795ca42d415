"""The validators metadata passes before it is shown: person names, publishers, dates.

Property tests feed byline-shaped text of every kind into real pages: whatever comes out as
an author or a 来源 is either nothing or passes the validators, and is never a button, a
date or a credit.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huaibei_reader.extract import extract_article
from huaibei_reader.extract.dates import SHANGHAI, Seen, choose, normalise, parse_datetime
from huaibei_reader.extract.names import Evidence, is_person, trim_latin
from huaibei_reader.extract.publisher import clean, is_publisher


@pytest.mark.parametrize("name, evidence", [
    ("张三", Evidence.PLACED), ("王小明", Evidence.PLACED), ("欧阳娜娜", Evidence.PLACED),
    ("关晓彤", Evidence.PLACED), ("格桑边觉", Evidence.LABELLED), ("林间小路", Evidence.LABELLED),
    ("阿依古丽·买买提", Evidence.LABELLED), ("Jane Doe", Evidence.LABELLED),
    ("Laura June Topolsky", Evidence.LABELLED), ("Gina Roberts-Grey", Evidence.LABELLED),
    ("Nelson D. Schwartz", Evidence.LABELLED), ("Ludwig van Beethoven", Evidence.LABELLED),
    ("李明 (Ming Li)", Evidence.LABELLED), ("放风筝&小雨", Evidence.POSTER),
    ("xiaoyu2008", Evidence.POSTER), ("海边的云", Evidence.POSTER),
])
def test_names_that_pass(name: str, evidence: Evidence) -> None:
    assert is_person(name, evidence)


@pytest.mark.parametrize("word", [
    "关注", "分享", "评论", "登录", "最新文章", "网易", "人民网", "新京报", "新华社", "新闻",
    "频道",
    "通过", "责任", "编辑", "股市行情", "管理员", "佚名", "本报", "新闻中心", "name", "share",
    "follow", "admin", "Discuz! Team", "BBC News", "550", "2005-03", "www.example.com",
    "Patrick AllanProfileFollowUnfollow", "on Deadspin", "Our Foreign Staff", "AP Sports Writer",
    "European Space Agency", "Jane GarberFOXBusiness", "Mark Doe BuzzFeed News Reporter",
])
def test_words_that_never_pass(word: str) -> None:
    for evidence in Evidence:
        assert not is_person(word, evidence), (word, evidence)


def test_a_name_placed_without_a_label_needs_a_common_surname() -> None:
    assert not is_person("青禾", Evidence.PLACED)
    assert is_person("青禾", Evidence.LABELLED)
    assert not is_person("高考特辑", Evidence.PLACED)  # four characters need a compound surname


@pytest.mark.parametrize("handle", ["zboy", "AFP"])
def test_a_handle_needs_a_posters_label(handle: str) -> None:
    assert is_person(handle, Evidence.POSTER)
    assert not is_person(handle, Evidence.LABELLED)


@pytest.mark.parametrize("raw, name", [
    ("Jane Doe on Twitter", "Jane Doe"),
    ("STEVEN DOE SOLOMON JULY", "STEVEN DOE SOLOMON"),
    ("Jane Roe before 2 hours", "Jane Roe"),
    ("Laura June Topolsky", "Laura June Topolsky"),
])
def test_a_latin_name_ends_where_a_job_or_a_date_starts(raw: str, name: str) -> None:
    assert trim_latin(raw) == name


@pytest.mark.parametrize("raw, cleaned", [
    ("新京报\x1f举报", "新京报"), ("新京报举报", "新京报"),
    ("2019年09月07日 04:04 北京日报", "北京日报"), ("北京日报 2019-09-07 04:04", "北京日报"),
    ("[ 人民网 ]", "人民网"), ("《中国青年报》", "中国青年报"),
    ("（责任编辑：系统管理员）", ""), ("新华网 作者：张三", "新华网"), ("人民网。", "人民网"),
])
def test_a_source_is_cleaned_of_what_is_glued_to_it(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


@pytest.mark.parametrize("text", ["新华社", "人民网-安徽频道", "河南日报客户端", "21世纪经济报道",
                                  "TNW中文站", "China Daily", "北京发布"])
def test_publishers(text: str) -> None:
    assert is_publisher(text)


@pytest.mark.parametrize("text", ["转载文章", "互联网", "本站原创", "尹娟", 'size="20"',
                                  "图片来源：未来科学大奖官网", "2019年09月07日", "by",
                                  "据记者了解，开学首日各校秩序良好", "share"])
def test_not_publishers(text: str) -> None:
    assert not is_publisher(text)


@pytest.mark.parametrize("text", ["人民网", "今日淮北", "国内新闻", "新闻中心", "本报"])
def test_an_unlabelled_publisher_needs_a_brand_and_a_publishers_ending(text: str) -> None:
    assert is_publisher(text, strict=True) == (text == "人民网")


@pytest.mark.parametrize("text, iso", [
    ("２００５年５月７日 ２１：２３", "2005-05-07T21:23:00+08:00"),
    ("二〇〇五年五月十七日", "2005-05-17T00:00:00+08:00"),
    ("2005/05/07 21:23", "2005-05-07T21:23:00+08:00"),
    ("2005-5-7 下午 3:05", "2005-05-07T15:05:00+08:00"),
    ("2005.05.07", "2005-05-07T00:00:00+08:00"),
])
def test_chinese_date_shapes(text: str, iso: str) -> None:
    dt = parse_datetime(text)
    assert dt is not None and dt.isoformat() == iso


def test_normalise_keeps_positions() -> None:
    text = "发布时间：２００５年５月７日"
    assert len(normalise(text)) == len(text)


def _seen(hour: int, minute: int, *, rank: int = 3, has_time: bool = True) -> Seen:
    return Seen(datetime(2019, 9, 7, hour, minute, tzinfo=SHANGHAI), has_time, rank, 0)


def test_the_shown_time_wins_when_the_head_disagrees_on_the_minute() -> None:
    head = datetime(2019, 9, 7, 6, 52, tzinfo=timezone(timedelta(hours=8)))
    assert choose(head, _seen(4, 4)) == _seen(4, 4).when


def test_the_head_wins_when_it_shows_the_same_minute_in_another_zone() -> None:
    head = datetime(2019, 9, 6, 20, 4, tzinfo=UTC)
    assert choose(head, _seen(4, 4)) is head


def test_a_bare_date_never_overrides_the_head() -> None:
    head = datetime(2019, 9, 7, 6, 52, tzinfo=SHANGHAI)
    assert choose(head, _seen(4, 4, rank=0)) is head


def test_a_shown_day_a_week_away_from_the_head_wins() -> None:
    head = datetime(2019, 9, 14, 6, 52, tzinfo=SHANGHAI)
    seen = _seen(0, 0, has_time=False)
    assert choose(head, seen) == seen.when
    assert choose(datetime(2019, 9, 8, 1, 0, tzinfo=SHANGHAI), seen).day == 8


# Byline-shaped text: labels, names, buttons, dates, credits, sites, signs.
_WORDS = st.sampled_from(
    "作者 记者 文 来源 编辑 责任编辑 发布时间 图片来源 视频 摄影 By by 关注 分享 举报 收藏 评论 "
    "最新文章 股市行情 通过 网易 新京报 人民网 新华社 安徽频道 北京日报 张三 李四 欧阳娜娜 "
    "格桑边觉 "
    "Jane Doe name share follow admin 2019年09月07日 04:04 2019-09-07 （ ） ( ) : ： / | 、 · - "
    "系统管理员 转载 互联网".split())
_LINE = st.lists(_WORDS, min_size=1, max_size=8).map(lambda ws: "".join(
    w if w in "（）():：/|、·-" else w + " " for w in ws).strip())
_BUTTONS = ("关注", "分享", "举报", "收藏", "评论", "最新文章", "股市行情", "通过", "责任", "编辑",
            "name", "share", "follow", "admin", "系统管理员")
_CREDITS = ("图片来源", "视频", "摄影")


def _spans(line: str) -> str:
    """The line's words each in its own element, as markup glues buttons and names."""
    return "".join(f"<span>{html.escape(w)}</span>" for w in line.split())


def _shaped_page(row: str, label_line: str, meta_author: str, top_line: str = "") -> bytes:
    story = "".join(f"<p>{'开学首日各校秩序良好，家长普遍表示放心，老师们已经做好准备。' * 3}</p>"
                    for _ in range(4))
    head = (f'<meta name="author" content="{html.escape(meta_author)}">'
            f'<script type="application/ld+json">'
            f'{json.dumps({"@type": "NewsArticle", "author": {"name": meta_author}})}</script>')
    return (f"<html><head><meta charset='utf-8'><title>开学</title>{head}</head><body>"
            f"<h1>开学首日</h1><div class='author byline'>{html.escape(row)}</div>"
            f"<div class='info'>{_spans(row)}</div>"
            f"<div class='source'>{html.escape(label_line)}</div>"
            f"<p>{html.escape(top_line)}</p>{story}</body></html>").encode()


@settings(max_examples=80, deadline=None)
@given(row=_LINE, label_line=_LINE, meta_author=_LINE, top_line=_LINE)
def test_whatever_byline_comes_in_the_output_is_empty_or_valid(row: str, label_line: str,
                                                               meta_author: str,
                                                               top_line: str) -> None:
    page = _shaped_page(row, label_line, meta_author, top_line)
    a = extract_article(page, "http://example.cn/1.html")
    for name in a.authors:
        assert is_person(name, Evidence.POSTER), name
        assert name not in _BUTTONS
        assert not any(ch.isdigit() for ch in name), name
    if a.publisher is not None:
        assert is_publisher(a.publisher), a.publisher
        assert not any(b in a.publisher for b in _BUTTONS + _CREDITS), a.publisher
        assert not any(ch.isdigit() for ch in a.publisher), a.publisher
