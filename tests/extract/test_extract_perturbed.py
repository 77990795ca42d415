"""Rules that must hold when the page's names are gone (see perturbed_shapes.py).

Each page is extracted as written and again anonymised (random class and id tokens, no
semantic tags): the story must come out the same both times. The pages are shaped like the
robustness benchmark's failures (benchmarks/robustness.py), in texts of our own.
"""

from __future__ import annotations

import perturbed_shapes as shapes  # tests/extract is on the path (rootdir-relative import)
import pytest

from huaibei_reader.extract import extract_article

URL = "https://news.example.org/2021/06/story.html"


def _both(page: bytes) -> list[bytes]:
    return [page, shapes.anonymise(page)]


def test_anonymise_leaves_no_meaningful_name() -> None:
    page = shapes.anonymise(shapes.short_story_long_footer())
    names = shapes.names_left(page)
    assert names and all(n.startswith("x") and len(n) == 8 for n in names)
    assert b"<footer" not in page and b"<nav" not in page and b"<article" not in page


@pytest.mark.parametrize("anonymised", [False, True])
def test_a_page_builder_post_is_its_story_not_a_call_to_action(anonymised: bool) -> None:
    """Every block sits in a widget of one class: that is not an archive of entries."""
    page = _both(shapes.page_builder_post())[anonymised]
    article = extract_article(page, URL)
    for paragraph in shapes.BUILDER_STORY:
        assert paragraph in article.text
    assert not any(call in article.text for call in shapes.BUILDER_CALLS)


@pytest.mark.parametrize("anonymised", [False, True])
def test_the_story_under_the_headline_beats_a_longer_footer_blurb(anonymised: bool) -> None:
    page = _both(shapes.short_story_long_footer())[anonymised]
    article = extract_article(page, URL)
    assert article.text.split("\n") == shapes.SHORT_STORY
    assert "Harbour Courier has reported" not in article.text


@pytest.mark.parametrize("anonymised", [False, True])
def test_a_comments_column_before_the_story_does_not_swallow_it(anonymised: bool) -> None:
    page = _both(shapes.comments_column_before_story())[anonymised]
    article = extract_article(page, URL)
    assert article.text.split("\n") == shapes.COLUMN_STORY
    assert "Short teaser" not in article.text


@pytest.mark.parametrize("anonymised", [False, True])
def test_cards_with_excerpts_in_two_paragraphs_are_not_the_story(anonymised: bool) -> None:
    page = _both(shapes.cards_with_two_paragraph_excerpts())[anonymised]
    article = extract_article(page, URL)
    assert article.text.split("\n") == shapes.CARD_STORY
    assert not any(a[:30] in article.text or b[:30] in article.text
                   for a, b in shapes.CARD_EXCERPTS)


def _forum_page(label: str) -> bytes:
    floors = [("山间小路",
               "第一楼的帖子，说的是这次旅行的经过，从出发到回家，一路上的见闻都写在这里了。" * 3),
              ("望江楼主", "回复楼主：写得很好，我去年也去过那里，风景确实不错。"),
              ("老茶客", "顶一下，期待楼主的下一篇游记。")]
    rows = "".join(
        f'<table class="t"><tr><td>楼层：第 {n + 1} 楼 时间：2006-03-0{n + 1} 10:2{n}:00 '
        f'{label}： <a href="/u/{n}">{name}</a></td></tr><tr><td class="m">{text}</td></tr>'
        f'</table>' for n, (name, text) in enumerate(floors))
    return f"""<html><head><meta charset="utf-8"><title>江南游记 - 旅游论坛</title></head>
<body><h1>江南游记</h1>{rows}</body></html>""".encode()


@pytest.mark.parametrize("label", ["作者", "撰文"])
def test_the_first_floor_poster_is_the_author_whatever_the_label(label: str) -> None:
    """A poster labelled 撰文 is read as one labelled 作者: not a later floor's poster."""
    article = extract_article(_forum_page(label), "http://bbs.example.cn/t/1.html")
    assert article.authors == ("山间小路",)
