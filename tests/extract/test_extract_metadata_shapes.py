"""Metadata on the shapes modern Chinese news pages give it: buttons beside a byline, a 来源
glued to a button or a date, picture and video credits, editor credits, a head time that
disagrees with the dateline, the seed site's unlabelled publisher line. Empty beats wrong:
each page either gives the right value or none, never a button, a date or a credit."""

from __future__ import annotations

import json

import pytest

from huaibei_reader.extract import extract_article

P1 = ("9月6日，北京市发布了今年秋季学期中小学开学安排，全市约有一百八十万名学生按时返校，"
      "各区教育部门提前完成了校园消毒和设施检查，家长普遍表示放心。")
P2 = ("市教委有关负责人介绍，今年新增学位两万多个，重点缓解了城市副中心和回天地区的入学压力，新建的"
      "二十多所学校已经全部投入使用，配套的食堂和体育设施同步开放。")
P3 = ("在朝阳区一所新建小学，记者看到孩子们在操场上做操，老师们正在布置教室，校门口的交通协管员"
      "引导车辆有序停放，整个上午秩序井然，没有出现拥堵。")
P4 = ("有关负责人表示，下一步将继续推进集团化办学，扩大优质教育资源覆盖面，让更多孩子在家门口上"
      "好学校，同时加强课后服务，减轻家长接送负担。")
STORY = "".join(f"<p>{p}</p>" for p in (P1, P2, P3, P4))
NAV = "".join(f'<li><a href="/c{i}">频道{i}</a></li>' for i in range(10))
RELATED = "".join(f'<li><a href="/n{i}.html">另一条新闻的标题第{i}条</a> 2019-09-0{i} 10:0{i}</li>'
                  for i in range(1, 6))


def page(*, byline: str = "", head: str = "", before_story: str = "", after_story: str = "",
         title: str = "北京中小学秋季开学") -> bytes:
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}_新闻中心</title>{head}</head><body>
<div class="nav"><ul>{NAV}</ul></div>
<div class="main"><h1>{title}</h1>{byline}
<div class="article-body">{before_story}{STORY}{after_story}</div>
<div class="related"><h3>相关新闻</h3><ul>{RELATED}</ul></div></div>
<div class="footer">Copyright © 1997-2019 example.com 版权所有</div></body></html>""".encode()


def extract(**kw: str):
    return extract_article(page(**kw), "https://news.example.com/a/1.html")


def test_a_report_button_after_the_source_is_cut_off() -> None:
    byline = ('<div class="post_info">2019-09-07 04:04:12　来源: <a href="/s">新京报</a>'
              '<a class="post_jubao" href="#">举报</a></div>')
    a = extract(byline=byline)
    assert a.publisher == "新京报"


def test_the_date_glued_before_a_named_source_is_cut_off() -> None:
    byline = ('<div class="date-source"><span class="date">2019年09月07日 04:04</span>'
              '<a class="source" href="/s">北京日报</a></div>')
    a = extract(byline=byline)
    assert a.publisher == "北京日报"
    assert a.published is not None and (a.published.hour, a.published.minute) == (4, 4)


def test_a_date_and_source_in_one_source_element() -> None:
    byline = '<div class="source">2019年09月07日 04:04 北京日报</div>'
    assert extract(byline=byline).publisher == "北京日报"


def test_the_dateline_time_wins_over_a_disagreeing_og_time() -> None:
    head = '<meta property="article:published_time" content="2019-09-07T06:52:00+08:00">'
    byline = '<div class="info">2019-09-07 04:04 来源：北京日报</div>'
    a = extract(byline=byline, head=head)
    assert a.published is not None
    assert a.published.isoformat() == "2019-09-07T04:04:00+08:00"


def test_an_agreeing_head_time_keeps_its_zone() -> None:
    head = '<meta property="article:published_time" content="2019-09-06T20:04:00Z">'
    byline = '<div class="info">2019-09-07 04:04 来源：北京日报</div>'
    a = extract(byline=byline, head=head)
    assert a.published is not None and a.published.isoformat() == "2019-09-06T20:04:00+00:00"


def test_a_picture_credit_is_not_the_articles_source() -> None:
    before = '<p class="img-credit">图片来源：未来科学大奖官网</p>'
    byline = '<div class="info">2019-09-07 04:04 来源：新华网</div>'
    assert extract(byline=byline, before_story=before).publisher == "新华网"


@pytest.mark.parametrize("credit", ["图片来源：未来科学大奖官网", "视频来源：梨视频",
                                    "视频：梨视频", "图/新华社", "摄影：新华社记者 李明"])
def test_a_credit_alone_gives_no_source(credit: str) -> None:
    a = extract(byline="<div class='info'>2019-09-07 04:04</div>",
                before_story=f"<p>{credit}</p>")
    assert a.publisher is None


def test_an_editor_credit_in_the_source_element_is_no_source() -> None:
    byline = ('<div class="info">2019-09-07 04:04</div>'
              '<div class="ep-source">（责任编辑：系统管理员）</div>')
    a = extract(byline=byline)
    assert a.publisher is None
    assert a.authors == ()


def test_a_follow_button_in_the_byline_row_is_not_the_author() -> None:
    byline = ('<div class="article-meta"><div class="author-info"><a class="author-name" '
              'href="/u/1">张建国</a><button class="follow">关注</button></div>'
              '<span class="time">2019-09-07 04:04</span></div>')
    assert extract(byline=byline).authors == ("张建国",)


def test_a_follow_button_alone_is_no_author() -> None:
    byline = ('<div class="author-info"><a class="follow" href="#">关注</a></div>'
              '<div class="time">2019-09-07 04:04</div>')
    assert extract(byline=byline).authors == ()


def test_the_site_named_as_author_in_the_head_is_no_author() -> None:
    head = '<meta name="author" content="网易">'
    assert extract(head=head, byline="<div>2019-09-07 04:04</div>").authors == ()


def test_an_editor_credit_cut_short_is_no_author() -> None:
    byline = '<div class="author">责任编辑：张三_NBJ5678</div><div>2019-09-07 04:04</div>'
    assert extract(byline=byline).authors == ()


def test_an_author_box_of_links_names_no_author() -> None:
    byline = ('<div class="author-intro"><a href="/list">最新文章</a>'
              '<a href="/m">股市行情</a></div>'
              '<div>2019-09-07 04:04</div>')
    assert extract(byline=byline).authors == ()


def test_a_json_ld_author_that_is_a_template_word_is_no_author() -> None:
    ld = {"@type": "NewsArticle", "headline": "北京中小学秋季开学",
          "datePublished": "2019-09-07T04:04:00+08:00", "author": {"@type": "Person",
                                                                    "name": "name"}}
    head = f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
    assert extract(head=head).authors == ()


def test_a_reporter_doing_something_is_not_named_by_the_verb() -> None:
    before = "<p>新京报记者通过走访发现，开学首日各校秩序良好。</p>"
    assert extract(before_story=before).authors == ()


def test_the_reporters_after_the_label_are_the_authors() -> None:
    before = "<p>新京报记者 王晓明 李红</p>"
    assert extract(before_story=before).authors == ("王晓明", "李红")


def test_the_seed_sites_unlabelled_publisher_line_is_the_source() -> None:
    byline = ("<div class='info'>时间:2022-10-01 13:39:07 | 浏览:8680</div>"
              "<div class='summary'>人民网-安徽频道端午前夕，自然少不了粽子的身影。</div>"
              "<div>人民网-安徽频道</div>")
    a = extract(byline=byline)
    assert a.publisher == "人民网-安徽频道"
    assert "人民网-安徽频道" not in a.text


@pytest.mark.parametrize("line", ["新华社", "安徽日报", "河南日报客户端"])
def test_a_publisher_alone_at_the_top_of_the_story(line: str) -> None:
    a = extract(byline="<div>2022-10-01 13:39</div>", before_story=f"<p>{line}</p>")
    assert a.publisher == line


@pytest.mark.parametrize("line", ["国内新闻", "本报讯", "图片新闻", "张建国", "今日淮北",
                                  "新闻中心"])
def test_a_label_or_a_name_alone_at_the_top_is_no_publisher(line: str) -> None:
    a = extract(byline="<div>2022-10-01 13:39</div>", before_story=f"<p>{line}</p>")
    assert a.publisher is None


def test_a_placeholder_source_is_no_source_and_the_real_one_below_wins() -> None:
    byline = "<div class='info'>2005-04-05 06:40更新 来源：转载文章</div>"
    after = "<p>来源：新闻晨报</p><p>编辑：山石</p>"
    a = extract(byline=byline, after_story=after)
    assert a.publisher == "新闻晨报"
    assert a.authors == ()


def test_a_bracketed_source() -> None:
    byline = "<div class='info'>2005年3月11日12:12 来源：[ 人民网 ]</div>"
    a = extract(byline=byline)
    assert a.publisher == "人民网"
    assert a.published is not None and a.published.isoformat() == "2005-03-11T12:12:00+08:00"


def test_a_source_label_followed_by_an_author_label() -> None:
    byline = "<div class='info'>2015-11-05 阅读：8169 来源:转载作者:孙仲民</div>"
    a = extract(byline=byline)
    assert a.publisher is None
    assert a.authors == ("孙仲民",)


@pytest.mark.parametrize("shape", [
    pytest.param({"before_story": "<p>记者 通过 走访发现，开学首日各校秩序良好。</p>"},
                 id="a verb after the reporter label"),
    pytest.param({"byline": "<div class='author'>记者通过</div>"}, id="a verb in an author box"),
    pytest.param({"byline": "<div class='info'>2019-09-07 04:04 作者：通过</div>"},
                 id="a verb after the author label"),
    pytest.param({"byline": "<div class='author'><a href='/a'>最新文章</a> "
                            "<a href='/b'>股市行情</a></div>"}, id="an author box of links"),
    pytest.param({"byline": "<div id='contentMsg'><span>2017-03-10 09:58:03</span>"
                            "<span id='author_baidu'>作者：</span><span id='editor_baidu'>"
                            "责任编辑：肖春芳</span></div>"}, id="an empty author label"),
    pytest.param({"head": '<meta name="author" content="name">'}, id="a template word"),
    pytest.param({"byline": "<div class='byline'><span class='name'>name</span></div>"},
                 id="a template word in the byline"),
    pytest.param({"head": '<meta name="author" content="Discuz! Team and Comsenz UI Team">'},
                 id="a software team"),
    pytest.param({"before_story": "<p>本报记者走访发现，开学首日各校秩序良好。</p>"},
                 id="a label running into a sentence"),
])
def test_no_author_from_words_that_are_not_names(shape: dict[str, str]) -> None:
    assert extract(**shape).authors == ()


@pytest.mark.parametrize("credit", [
    '<figure><img src="/a.jpg" alt=""><figcaption><span class="source">新华社</span>'
    "</figcaption></figure>",
    '<p class="photo-caption"><span class="source">新华社</span></p>',
    '<p><span class="img-source">新华社</span></p>',
])
def test_a_source_element_that_credits_a_picture_is_not_the_articles(credit: str) -> None:
    a = extract(byline="<div class='info'>2019-09-07 04:04</div>", before_story=credit)
    assert a.publisher is None


@pytest.mark.parametrize("others", [
    "<div class='comments'><p><span class='author'>小猪快跑</span>：写得好</p></div>",
    "<div class='related'><ul><li><a href='/n1'>另一条新闻</a><span class='author'>王大明</span>"
    "</li></ul></div>",
    "<aside><span class='byline'>王大明</span></aside>",
])
def test_author_markup_of_comments_and_other_stories_names_no_author(others: str) -> None:
    assert extract(byline="<div>2019-09-07 04:04</div>", after_story=others).authors == ()


def test_an_author_box_inside_the_article_names_its_writer() -> None:
    box = "<article><aside><span class='article-author'>王大明</span></aside></article>"
    assert extract(byline=box).authors == ("王大明",)


def test_a_commenter_signing_as_author_is_not_the_author() -> None:
    comments = ("<div class='comment-list'><p>作者：路人甲 发表于 2019-09-08 10:00</p>"
                "<p>写得好</p><p>由阿强张贴 @ 2019-09-08 11:00</p></div>")
    assert extract(byline="<div>2019-09-07 04:04</div>", after_story=comments).authors == ()


def test_a_comment_right_under_a_short_story_gives_no_date_and_no_source() -> None:
    comments = ("<div class='comment-list'><p>网友 发表于 2019-09-08 10:00 来源：某某网</p>"
                "<p>写得好</p></div>")
    a = extract(byline="<div>2019-09-07 04:04</div>", after_story=comments)
    assert a.published is not None and a.published.isoformat() == "2019-09-07T04:04:00+08:00"
    assert a.publisher is None


@pytest.mark.parametrize("line, names", [
    ("本报记者　王　浩", ("王浩",)),
    ("（记者　张　三　李　四）", ("张三", "李四")),
    ("记者 王浩 摄影报道", ("王浩",)),
    ("文、图/王浩", ("王浩",)),
    ("新京报讯（记者张小明）", ("张小明",)),
    ("记者 欧阳娜娜 格桑边觉", ("欧阳娜娜", "格桑边觉")),
])
def test_print_shaped_bylines(line: str, names: tuple[str, ...]) -> None:
    assert extract(before_story=f"<p>{line}</p>").authors == names


@pytest.mark.parametrize("line, names", [
    ("Author: Jane Doe", ("Jane Doe",)),
    ("作者：Jane Doe", ("Jane Doe",)),
    ("Written by: jdoe2008", ("jdoe2008",)),
])
def test_a_labelled_latin_name_is_read_whole(line: str, names: tuple[str, ...]) -> None:
    assert extract(before_story=f"<p>{line}</p>").authors == names
