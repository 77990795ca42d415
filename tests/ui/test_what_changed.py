"""The reader's "what changed" notice: an article edited after it was bookmarked or clipped.

A real library in a temp folder: the seed article is stored, marked, then stored again with
reworded text, as a refresh would do; the window opens it and must say so and show the diff.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from conftest import fill_library, seed_article
from PySide6.QtGui import QTextCursor

from huaibei_reader.app.change_notice import change_notice
from huaibei_reader.export.citation import citation_for
from huaibei_reader.models import Block, BlockKind, Clipping

OLD_WORDS = "较量包粽子的技艺"
NEW_WORDS = "比赛谁的粽子包得快"


def seed_id(library: Any) -> int:
    found = library.articles.id_of(seed_article().url)
    assert found is not None
    return found


def edited_seed():
    article = seed_article()
    first = article.blocks[0]
    blocks = (Block(BlockKind.PARAGRAPH, first.text.replace(OLD_WORDS, NEW_WORDS)),
              *article.blocks[1:])
    return replace(article, blocks=blocks)


def clip(library: Any, article_id: int, quote: str) -> Clipping:
    item = library.articles.get(article_id)
    return library.marks.add_clipping(Clipping(
        id=None, article_id=article_id, article_version=item.version, quote=quote,
        citation=citation_for(item), created_at=datetime.now(UTC)))


def open_in(window: Any, article_id: int, qtbot: Any) -> None:
    window.reading_controller.open_article(article_id)
    qtbot.waitUntil(lambda: window.reader.current is not None
                    and window.reader.current.item.id == article_id, timeout=10_000)


def struck_and_underlined(window: Any) -> tuple[str, str]:
    """The text the diff page shows struck out (removed) and underlined (added)."""
    removed, added = [], []
    block = window.reader.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.fontStrikeOut():
                removed.append(fragment.text())
            elif fmt.fontUnderline() and not fmt.isAnchor():
                added.append(fragment.text())
            it += 1
        block = block.next()
    return "".join(removed), "".join(added)


def test_an_article_changed_after_bookmark_and_clip_says_so_and_shows_the_diff(factory, qtbot):
    library = factory.library
    source = fill_library(library, 3)
    article_id = seed_id(library)
    library.marks.bookmark(article_id, note="check the numbers")
    clip(library, article_id, OLD_WORDS)  # this quote disappears from the new version
    clip(library, article_id, "三社联动")  # this one stays
    result = library.articles.save(edited_seed(), source_id=source.id,
                                   fetched_at=datetime.now(UTC) + timedelta(seconds=2))
    assert library.articles.get(article_id).version == 2, result

    window = factory.build()
    open_in(window, article_id, qtbot)
    notice = window.reader.notice
    assert notice.isVisible()
    assert "bookmarked and clipped" in notice.text()
    assert "app:show-changes" in notice.text()
    assert "1 clipping(s) no longer found" in notice.text()
    assert OLD_WORDS in notice.text() and "三社联动" not in notice.text()
    assert NEW_WORDS in window.reader.browser.toPlainText()  # still the article

    notice.linkActivated.emit("app:show-changes")
    assert window.reader.showing_changes
    shown = window.reader.browser.toPlainText()
    assert "version 1 to version 2" in shown
    removed, added = struck_and_underlined(window)
    # word-level runs: "粽子" is common to both, the rest is struck out or added
    assert "较量" in removed and "技艺" in removed and "比赛" not in removed
    assert "比赛" in added and "得快" in added and "较量" not in added
    assert "端午前夕" in shown and "端午前夕" not in removed + added  # context, unmarked
    assert "app:hide-changes" in notice.text()
    assert window.reader.browser.misses == set()  # nothing requested beyond memory

    notice.linkActivated.emit("app:hide-changes")
    assert not window.reader.showing_changes
    assert "version 1 to version 2" not in window.reader.browser.toPlainText()
    assert window.reader.browser.toPlainText().count(NEW_WORDS) == 1


def test_an_unchanged_marked_article_shows_no_notice(factory, qtbot):
    library = factory.library
    fill_library(library, 3)
    article_id = seed_id(library)
    library.marks.bookmark(article_id)
    clip(library, article_id, OLD_WORDS)
    window = factory.build()
    open_in(window, article_id, qtbot)
    assert window.reader.current.changes is None
    assert not window.reader.notice.isVisible()
    window.reader.set_showing_changes(True)  # nothing to show: stays on the article
    assert not window.reader.showing_changes


def test_a_refetch_with_the_same_text_is_not_a_change(factory):
    library = factory.library
    source = fill_library(library, 1)
    article_id = seed_id(library)
    library.marks.bookmark(article_id)
    library.articles.save(seed_article(), source_id=source.id,
                          fetched_at=datetime.now(UTC) + timedelta(seconds=2))
    assert change_notice(library, library.articles.get(article_id)) is None


def test_a_clipped_version_is_compared_even_without_a_bookmark(factory):
    library = factory.library
    source = fill_library(library, 1)
    article_id = seed_id(library)
    clip(library, article_id, "三社联动")
    library.articles.save(edited_seed(), source_id=source.id,
                          fetched_at=datetime.now(UTC) + timedelta(seconds=2))
    notice = change_notice(library, library.articles.get(article_id))
    assert notice is not None
    assert notice.clip_changed and not notice.bookmark_changed
    assert notice.since_version == 1 and notice.current_version == 2
    assert notice.stale_quotes == ()
    assert "<del>较量包</del><ins>比赛谁的</ins>" in notice.diff_html


def test_a_quote_missing_from_the_same_version_is_flagged_without_a_diff(factory, qtbot):
    library = factory.library
    fill_library(library, 3)
    article_id = seed_id(library)
    clip(library, article_id, "这句话不在文章里")
    window = factory.build()
    open_in(window, article_id, qtbot)
    notice = window.reader.notice
    assert notice.isVisible()
    assert "这句话不在文章里" in notice.text()
    assert "app:show-changes" not in notice.text()


def test_the_notice_follows_the_article_shown(factory, qtbot):
    library = factory.library
    source = fill_library(library, 3)
    article_id = seed_id(library)
    library.marks.bookmark(article_id)
    library.articles.save(edited_seed(), source_id=source.id,
                          fetched_at=datetime.now(UTC) + timedelta(seconds=2))
    other = library.articles.id_of("http://127.0.0.1:9/news/0.html")
    window = factory.build()
    open_in(window, article_id, qtbot)
    assert window.reader.notice.isVisible()
    assert "bookmarked it" in window.reader.notice.text()
    window.reader.set_showing_changes(True)
    open_in(window, other, qtbot)
    assert not window.reader.notice.isVisible()
    assert not window.reader.showing_changes
    cursor = window.reader.browser.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    assert "version" not in window.reader.browser.toPlainText()[:40]


def test_the_notice_is_translated_into_chinese(factory, qtbot, qapp):
    from huaibei_reader.ui.i18n import Translations

    library = factory.library
    source = fill_library(library, 3)
    article_id = seed_id(library)
    library.marks.bookmark(article_id)
    clip(library, article_id, OLD_WORDS)
    library.articles.save(edited_seed(), source_id=source.id,
                          fetched_at=datetime.now(UTC) + timedelta(seconds=2))
    translations = Translations()
    assert translations.install(qapp, "zh_CN")
    try:
        window = factory.build()
        open_in(window, article_id, qtbot)
        text = window.reader.notice.text()
        assert "本文在你收藏和摘录后有修改" in text and "查看修改" in text
        assert "1 条摘录在当前正文中已找不到" in text
        window.reader.set_showing_changes(True)
        assert "从第 1 版到第 2 版的修改" in window.reader.browser.toPlainText()
        assert window.actions_.copy_citation.text().startswith("连同引用一起复制")
    finally:
        translations.install(qapp, "en")
