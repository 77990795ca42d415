"""The clippings view in the window at its default size (issue 15), in English and Chinese.

The clippings are made through the window's MarksService (on workers, behind the conftest's
GUI-thread guard), of the seed article as the window opened it. The view takes the place of
the article list and the reader: no stale article rows beside it, and the list comes back
with any other sidebar entry. The quote is the widest column and wraps over a few lines; no
header is cut off; the selected clipping is shown whole in the detail pane."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import SEED_TITLE, fill_library

from huaibei_reader.app.marks_service import citation_for
from huaibei_reader.models import BlockKind, Clipping
from huaibei_reader.ui.clippings_view import MAX_ROW_LINES, ClippingsModel, ClippingsView
from huaibei_reader.ui.i18n import Translations

DEFAULT_SIZE = (1240, 780)
#: Share of the table's width the quote column gets at the default size, at the least.
QUOTE_SHARE = 0.4
NOTE = "为周报摘录:社区项目的做法"


@pytest.fixture(params=["en", "zh_CN"])
def language(request: Any, qapp: Any) -> Any:
    translations = Translations()
    assert translations.install(qapp, request.param)
    yield request.param
    translations.install(qapp, "en")


def open_seed(window: Any, qtbot: Any) -> Any:
    model = window.model
    row = next(i for i in range(model.rowCount())
               if model.row(i) is not None and model.row(i).title == SEED_TITLE)
    window.list_controller.select_row(row)
    qtbot.waitUntil(lambda: window.reader.current is not None
                    and window.reader.current.item.article.title == SEED_TITLE, timeout=5000)
    return window.reader.current.item


def clip_seed(window: Any, qtbot: Any) -> list[str]:
    """Three clippings of the seed article (the longest paragraph first), stored through the
    window's marks service; returns their quotes."""
    item = open_seed(window, qtbot)
    paragraphs = sorted((b.text for b in item.article.blocks
                         if b.kind == BlockKind.PARAGRAPH and b.text), key=len, reverse=True)
    quotes = paragraphs[:3]
    for quote, note in zip(quotes, (NOTE, "", "第三条"), strict=True):
        clipping = Clipping(id=None, article_id=item.id, article_version=item.version,
                            quote=quote, citation=citation_for(item),
                            created_at=item.article.published, note=note, tags=("淮北", "社区"))
        done: list[Clipping] = []
        window.services.marks.add_clipping(clipping).success(done.append).run_in_background()
        qtbot.waitUntil(lambda done=done: bool(done), timeout=5000)
    return quotes


def show_clippings(window: Any, qtbot: Any) -> ClippingsView:
    window.sidebar.select_key("clippings")
    view = window.marks_controller.clippings_view
    assert isinstance(view, ClippingsView)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)
    return view


@pytest.fixture
def clipped(factory: Any, qtbot: Any) -> tuple[Any, list[str]]:
    fill_library(factory.library, 12)
    window = factory.build()
    window.resize(*DEFAULT_SIZE)
    return window, clip_seed(window, qtbot)


def test_the_quote_is_the_widest_column_and_wraps_and_no_header_is_cut(
        language: str, factory: Any, qtbot: Any) -> None:
    fill_library(factory.library, 12)
    window = factory.build()
    window.resize(*DEFAULT_SIZE)
    quotes = clip_seed(window, qtbot)
    view = show_clippings(window, qtbot)
    qtbot.waitUntil(lambda: window.width() == DEFAULT_SIZE[0], timeout=5000)
    table, header = view.table, view.table.horizontalHeader()
    quote_column = ClippingsModel.COLUMNS.index("quote")
    viewport = table.viewport().width()
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert widths[quote_column] == max(widths)
    assert widths[quote_column] >= QUOTE_SHARE * viewport, (widths, viewport)
    assert sum(widths) <= viewport  # no horizontal scrolling
    metrics = header.fontMetrics()
    for column in range(header.count()):
        text = view.model.headerData(column, header.orientation())
        assert text and (language == "en" or text.isascii() is False)
        assert metrics.horizontalAdvance(text) <= header.sectionSize(column), text
        assert header.sectionSize(column) >= header.sectionSizeHint(column), text
    # the longest quote wraps over several lines, bounded; the whole of it in the tooltip
    longest = [c.quote for c in view.visible_clippings()].index(quotes[0])
    line = table.fontMetrics().lineSpacing()
    height = table.rowHeight(longest)
    assert height >= 2 * line
    assert height <= view.max_row_height() < (MAX_ROW_LINES + 1) * line
    tip = view.model.index(longest, quote_column).data(0x03)  # ToolTipRole
    assert tip == quotes[0]


def test_the_clippings_view_replaces_the_list_and_the_list_comes_back(
        clipped: tuple[Any, list[str]], qtbot: Any) -> None:
    window, _quotes = clipped
    assert window.list_view.isVisible() and window.model.rowCount() > 0
    view = show_clippings(window, qtbot)
    assert view.isVisible()
    assert not window.list_view.isVisible() and not window.list_pane.isVisible()
    assert not window.reader.isVisible()
    # the view spans what the list and the reader took
    assert view.width() >= window.width() - window.sidebar.width() - 40
    assert not window.actions_.next.isEnabled()  # j/k would move through a hidden list
    window.sidebar.select_key("bookmarks")
    assert window.list_pane.isVisible() and window.reader.isVisible()
    assert not view.isVisible() and window.actions_.next.isEnabled()
    window.sidebar.select_key("clippings")
    assert view.isVisible() and not window.list_pane.isVisible()
    window.sidebar.select_key("all")
    qtbot.waitUntil(lambda: not window.model.loading and window.model.rowCount() > 0,
                    timeout=5000)
    assert window.list_view.isVisible()


def test_the_detail_pane_shows_the_selected_clipping_whole(
        clipped: tuple[Any, list[str]], qtbot: Any) -> None:
    window, quotes = clipped
    view = show_clippings(window, qtbot)
    assert view.detail.isVisible() and view.detail.toPlainText() == ""
    assert view.detail.placeholderText()
    row = [c.quote for c in view.visible_clippings()].index(quotes[0])
    view.table.selectRow(row)
    text = view.detail.toPlainText()
    assert quotes[0].strip() in text.replace("\n", "")
    assert NOTE in text and "淮北, 社区" in text and SEED_TITLE in text
    view.table.selectAll()
    assert view.detail.toPlainText() == "" and "3" in view.detail.placeholderText()


def test_opening_the_article_of_a_clipping_lists_all_articles_with_it_selected(
        clipped: tuple[Any, list[str]], qtbot: Any) -> None:
    window, _quotes = clipped
    window.sidebar.select_key("bookmarks")  # the list shows no article now
    qtbot.waitUntil(lambda: window.model.query.view == "bookmarks"
                    and not window.model.loading, timeout=5000)
    view = show_clippings(window, qtbot)
    view.table.selectRow(0)
    view.open_button.click()
    assert window.list_pane.isVisible() and window.sidebar.current_key() == "all"
    qtbot.waitUntil(lambda: window.list_view.currentIndex().isValid()
                    and window.model.row(window.list_view.currentIndex().row()).title
                    == SEED_TITLE, timeout=5000)
    assert window.reader.isVisible()
    assert window.reader.current.item.article.title == SEED_TITLE
