"""The engine on the page shapes that failed on unseen sites (see shapes.py)."""

from __future__ import annotations

import page_shapes as shapes  # tests/extract is on the path (rootdir-relative import)
import pytest

from huaibei_reader.extract import extract_article
from huaibei_reader.models import BlockKind


@pytest.mark.parametrize("paragraphs", [1, 4])
@pytest.mark.parametrize("comments", [5, 80])
def test_a_post_under_a_long_comment_thread_is_the_post(paragraphs: int, comments: int) -> None:
    article = extract_article(shapes.blog_post_with_comments_en(comments, paragraphs),
                              "https://garden.example.org/2019/05/shed/")
    assert article.text.split("\n") == shapes.POST_EN[:paragraphs]


@pytest.mark.parametrize("paragraphs", [1, 4])
@pytest.mark.parametrize("comments", [5, 80])
def test_comments_without_telling_class_names_are_not_the_post(paragraphs: int,
                                                                comments: int) -> None:
    """The thread is known by its heading (网友评论) over dated entries, not by its names."""
    article = extract_article(shapes.blog_post_with_comments_zh(comments, paragraphs),
                              "http://blog.example.cn/u/1/2012/10/1.html")
    assert article.text.split("\n") == shapes.POST_ZH[:paragraphs]
    assert not any(c[:20] in article.text for c in shapes.COMMENTS_ZH)


@pytest.mark.parametrize("build", [shapes.seo_keyword_page_zh, shapes.seo_keyword_page_en])
def test_a_keyword_wall_is_not_the_story(build) -> None:
    article = extract_article(build(), "http://example.org/news/1.html")
    story = shapes.STORY_ZH if build is shapes.seo_keyword_page_zh else shapes.STORY_EN
    assert article.text.split("\n") == story


def test_invisible_format_characters_are_removed() -> None:
    article = extract_article(shapes.soft_hyphen_page_de(), "http://example.de/busse")
    assert "Verkehrsbetriebe haben angekündigt" in article.text
    assert not any(c in article.text for c in "\u00ad\u200b\u2060")
    assert all(b.kind is BlockKind.PARAGRAPH for b in article.blocks)


def test_an_archive_page_of_whole_posts_is_its_first_post() -> None:
    article = extract_article(shapes.blog_archive_en(), "https://garden.example.org/2019/04/")
    assert article.text.split("\n") == shapes.ARCHIVE_POSTS[0][2]


def test_a_digest_headed_by_the_page_title_is_kept_whole() -> None:
    article = extract_article(shapes.blog_archive_en(digest=True),
                              "https://garden.example.org/digest/2019-04")
    for _title, _date, paragraphs in shapes.ARCHIVE_POSTS:
        assert all(p in article.text for p in paragraphs)


@pytest.mark.parametrize("links_between", [0, 12])
def test_the_story_under_the_page_headline_not_the_longer_next_one(links_between: int) -> None:
    """With a box of links between them the longer second story wins the scoring alone; the
    page's own headline (og:title) says which story the page is."""
    article = extract_article(shapes.story_then_longer_story_en(links_between),
                              "https://courier.example.co.uk/news/fire")
    assert article.text.split("\n") == shapes.MAIN_STORY


def test_a_lead_paragraph_set_apart_from_the_body_is_kept() -> None:
    article = extract_article(shapes.lead_paragraph_de(), "https://stadtanzeiger.example.de/a")
    paragraphs = [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs == [shapes.LEAD_DE, *shapes.BODY_DE]


def test_closing_sentences_after_a_figure_and_a_quote_are_kept() -> None:
    article = extract_article(shapes.story_split_around_figure_en(),
                              "https://news.example.com/arts/ceilings")
    kinds = [b.kind for b in article.blocks]
    assert kinds[-4:] == [BlockKind.IMAGE, BlockKind.QUOTE, BlockKind.PARAGRAPH,
                          BlockKind.PARAGRAPH]
    assert article.text.split("\n")[-2:] == shapes.SPLIT_AFTER
    assert all(p in article.text for p in shapes.SPLIT_BEFORE)
    assert "Share" not in article.text


@pytest.mark.parametrize("build", [shapes.finance_with_recommendations_zh,
                                   shapes.finance_with_picture_feed_zh])
def test_recommendation_lists_after_the_story_are_not_the_story(build) -> None:
    article = extract_article(build(), "https://finance.example.cn/stock/2019-09-07/1.shtml")
    assert article.text.split("\n") == shapes.FINANCE_ZH
    assert not any(title in article.text for title, _s, _a in shapes.RECOMMENDED_ZH)
    assert article.images == ()


@pytest.mark.parametrize("parts", [False, True])
def test_a_long_notice_keeps_its_second_half(parts: bool) -> None:
    """Fees in a table, dates, contacts and an address in short lines after the prose."""
    article = extract_article(shapes.long_notice_zh(parts), "http://jyj.example.gov.cn/tz/1.html")
    tables = [b for b in article.blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1 and tables[0].rows == tuple(shapes.NOTICE_FEES)
    text = article.text
    assert all(line in text for line in shapes.NOTICE_INTRO + shapes.NOTICE_LINES
               + shapes.NOTICE_AFTER)
    for leak in ("网站首页", "打印本页", "关闭窗口", "主办单位", "浏览次数"):
        assert leak not in text


def test_portal_buttons_and_platform_statements_are_not_the_story() -> None:
    article = extract_article(shapes.portal_story_zh(), "https://www.example.cn/a/1_2")
    assert article.text.split("\n") == shapes.PORTAL_STORY_ZH


@pytest.mark.parametrize("cards", [True, False])
def test_the_story_listed_in_its_own_sidebar_does_not_move_the_story(cards: bool) -> None:
    """A trending column before the story lists it too (a linked heading with a date and a
    teaser, like its neighbours; each item in an element of its own, or all flat in the
    column); the page's headline is a plain line, not a heading, so the only heading that
    shows the title is the sidebar's link."""
    trending = "".join(
        ("<div class='item'>" if cards else "")
        + f"<h3><a href='/news/{slug}'>{title}</a></h3><p>14 March 2021</p><p>{teaser}</p>"
        + ("</div>" if cards else "")
        for slug, title, teaser in (
            ("fire", "Fire at recycling plant brought under control", shapes.MAIN_STORY[0]),
            ("pool", "New swimming pool to open next month", shapes.NEXT_STORY[0]),
            ("park", "Rail yard to become a park", shapes.STORY_EN[0])))
    body = "".join(f"<p>{p}</p>" for p in shapes.MAIN_STORY + shapes.NEXT_STORY[1:])
    page = (f"<html><head><title>Fire at recycling plant brought under control | The Courier"
            f"</title></head><body><div class='col-left'><h2>Trending</h2>{trending}</div>"
            f"<div class='story'><div class='headline'>Fire at recycling plant brought under "
            f"control</div><div class='text'>{body}</div></div></body></html>").encode()
    article = extract_article(page, "https://courier.example.co.uk/news/fire")
    assert article.text.split("\n") == shapes.MAIN_STORY + shapes.NEXT_STORY[1:]
