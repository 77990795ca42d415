"""Publish dates on the shapes of 1996-2022 Chinese pages: the dateline is read whatever its
format, and a date from a top bar, a related-news list, a copyright footer or a comment is
never taken for it."""

from __future__ import annotations

import pytest

from huaibei_reader.extract import extract_article

P = ("社区先后开展活动三十余场，服务居民一千余人次，居民们说这样的活动让邻里之间更亲近了，"
     "大家都盼着下一次，组织者也表示会继续办下去。")
STORY = "".join(f"<p>{P}（第{i}段）</p>" for i in range(5))


def old_page(*, top: str = "", dateline: str = "", after: str = "", head: str = "") -> bytes:
    return f"""<html><head><meta charset="utf-8"><title>社区活动丰富居民生活</title>{head}</head>
<body><table width="100%"><tr><td>{top}</td></tr></table>
<table><tr><td width="150">{"".join(f'<a href="/c{i}">栏目{i}</a><br>' for i in range(8))}</td>
<td><h2>社区活动丰富居民生活</h2>{dateline}{STORY}{after}</td></tr></table>
<div class="copyright">Copyright © 2001-2005 版权所有 2005-01-01</div></body></html>""".encode()


def published(url: str = "http://example.cn/news/1.htm", **kw: str) -> str | None:
    a = extract_article(old_page(**kw), url)
    return a.published.isoformat() if a.published else None


@pytest.mark.parametrize("dateline, iso", [
    ("<p>发布时间：2005-5-7 21:23</p>", "2005-05-07T21:23:00+08:00"),
    ("<p>2005/05/07 21:23 来源：新华网</p>", "2005-05-07T21:23:00+08:00"),
    ("<p>【日期：２００５年５月７日】</p>", "2005-05-07T00:00:00+08:00"),
    ("<p>发表时间：05-05-07</p>", "2005-05-07T00:00:00+08:00"),
    ("<p>发表于 2005.5.7 下午 9:23</p>", "2005-05-07T21:23:00+08:00"),
    ("<p>2005年05月07日 星期六 21:23 来源：人民网</p>", "2005-05-07T21:23:00+08:00"),
    ("<p>更新时间：2005-05-09 10:00　发布时间：2005-05-07 21:23</p>",
     "2005-05-07T21:23:00+08:00"),
    ("<p>[ 2005-05-07 ]</p>", "2005-05-07T00:00:00+08:00"),
])
def test_dateline_shapes(dateline: str, iso: str) -> None:
    assert published(dateline=dateline) == iso


def test_the_top_bars_today_is_not_the_dateline() -> None:
    assert published(top="欢迎光临 今天是2005年6月1日 星期三",
                     dateline="<p>2005-05-07 21:23</p>") == "2005-05-07T21:23:00+08:00"
    assert published(top="2005年6月1日 星期三") is None


def test_a_related_list_after_the_story_gives_no_date() -> None:
    related = "".join(f"<p>· <a href='/n{i}'>另一条新闻{i}</a> (2005-04-0{i})</p>"
                      for i in range(1, 6))
    assert published(after=f"<p>相关新闻：</p>{related}") is None


def test_an_unlinked_dated_list_is_not_the_dateline_either() -> None:
    related = "".join(f"<p>v 另一条新闻的标题第{i}条 2005-04-0{i} 10:0{i}:00</p>"
                      for i in range(1, 6))
    assert published(after=related, url="http://example.cn/news/2005-05/07/1.htm") \
        == "2005-05-07T00:00:00+08:00"


def test_the_copyright_footer_is_not_the_dateline() -> None:
    assert published() is None


def test_a_blog_footer_before_the_comments_dates_the_post() -> None:
    after = ("<div class='post-footer'>发表于 2005-05-07 21:23 | 评论(2)</div>"
             "<div class='comments'><p>网友甲 发表于 2005-05-09 08:00</p><p>写得好</p>"
             "<p>网友乙 发表于 2005-05-10 09:00</p><p>同意</p></div>")
    assert published(after=after) == "2005-05-07T21:23:00+08:00"


def test_a_head_date_a_week_off_gives_way_to_the_labelled_dateline() -> None:
    head = '<meta name="publishdate" content="2005-05-14">'
    assert published(head=head, dateline="<p>发布日期：2005-05-07</p>") \
        == "2005-05-07T00:00:00+08:00"


def test_a_head_date_agreeing_on_the_day_keeps_its_time() -> None:
    head = '<meta name="publishdate" content="2005-05-07 21:23:57">'
    assert published(head=head, dateline="<p>发布日期：2005-05-07</p>") \
        == "2005-05-07T21:23:57+08:00"


def test_a_comments_date_is_never_the_posts() -> None:
    after = ("<div class='comments'><p>网友甲 发表于 2005-05-09 08:00</p><p>写得好</p>"
             "<p>网友乙 发表于 2005-05-10 09:00</p><p>同意</p></div>")
    assert published(after=after) is None
