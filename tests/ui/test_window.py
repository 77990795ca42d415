"""The window with a real library: listing, reading, marks, search, state, first run."""

from __future__ import annotations

from conftest import SEED_TITLE, fill_library
from PySide6.QtCore import QItemSelectionModel, Qt, QUrl

from huaibei_reader.ui.article_list import PAGE_SIZE, IdRole, RowRole


def _select_title(window, qtbot, title: str) -> int:
    model = window.model
    for row in range(model.rowCount()):
        if model.row(row).title == title:
            window.list_controller.select_row(row)
            qtbot.waitUntil(lambda: window.reader.current is not None
                            and window.reader.current.item.article.title == title, timeout=5000)
            return row
    raise AssertionError(f"{title} is not listed")


def test_window_opens_and_lists_newest_first(window):
    model = window.model
    assert model.rowCount() == 31
    times = [model.row(i).published for i in range(model.rowCount())]
    assert times == sorted(times, reverse=True)
    assert model.row(0).title.startswith("淮北新闻第0条")  # 3 minutes old, the newest
    assert model.row(30).title == SEED_TITLE  # 2022, the oldest
    assert "source:1" in window.sidebar.keys()  # noqa: SIM118 - Sidebar is a widget, not a dict


def test_sidebar_shows_unread_counts(window, qtbot):
    item = window.sidebar._items["source:1"]
    qtbot.waitUntil(lambda: item.text(1) == "31", timeout=5000)
    assert window.sidebar._items["unread"].text(1) == "31"


def test_selecting_a_row_shows_the_article_and_marks_it_read(window, qtbot, factory):
    row = _select_title(window, qtbot, SEED_TITLE)
    text = window.reader.browser.toPlainText()
    assert SEED_TITLE in text
    assert "2022-10-01 13:39:07" in text
    assert "人民网-安徽频道" in text
    assert "韩惠 胡文静" in text
    assert "端午前夕" in text and "共同打造和谐温馨家园" in text
    qtbot.waitUntil(lambda: window.model.row(row).read, timeout=5000)
    article_id = window.model.row(row).id
    assert factory.library.articles.get(article_id).read


def test_article_html_is_escaped(window, qtbot):
    title = window.model.row(0).title
    assert "<b>" in title
    _select_title(window, qtbot, title)
    assert "<b>not bold</b>" in window.reader.browser.toPlainText()


def test_list_has_every_row_at_once_and_reads_pages_as_they_are_shown(factory, qtbot,
                                                                      monkeypatch):
    from huaibei_reader.ui import article_list

    monkeypatch.setattr(article_list, "CACHED_PAGES", 2)
    total = PAGE_SIZE * 4 + 50
    fill_library(factory.library, total, with_seed=False)
    window = factory.build()
    model = window.model
    assert model.rowCount() == total == model.total  # the scroll bar is right at once
    assert model.row(0) is not None and model.row(PAGE_SIZE) is None  # first page only
    window.list_view.scrollToBottom()
    qtbot.waitUntil(lambda: model.row(total - 1) is not None, timeout=5000)
    window.list_view.scrollTo(model.index(PAGE_SIZE * 2 + 10, 0))
    qtbot.waitUntil(lambda: model.row(PAGE_SIZE * 2 + 10) is not None, timeout=5000)
    assert model.cached_rows <= 2 * PAGE_SIZE  # pages seen long ago are let go
    seen = {}
    for start in range(0, total, PAGE_SIZE):  # every page, each read on demand
        window.list_view.scrollTo(model.index(start, 0))
        qtbot.waitUntil(lambda s=start: model.row(s) is not None, timeout=5000)
        for i in range(start, min(total, start + PAGE_SIZE)):
            if model.row(i) is not None:
                seen[i] = model.row(i).id
    expected = [r.id for r in factory.library.articles.list_rows(limit=total)]
    assert [seen[i] for i in sorted(seen)] == expected[:len(seen)] and len(seen) == total


def _newest_article(n: int):
    from datetime import datetime, timedelta

    from conftest import SHANGHAI, filler_article

    # filler_article(i, base) is published i minutes before base: this one is the newest
    return filler_article(10_000 + n, datetime.now(SHANGHAI) + timedelta(minutes=10_001))


def test_rows_stay_put_while_articles_arrive_until_the_list_is_read_again(factory, qtbot):
    total = PAGE_SIZE * 2 + 50
    fill_library(factory.library, total, with_seed=False)
    window = factory.build()
    model = window.model
    before = [r.id for r in factory.library.articles.list_rows(limit=total)]
    factory.library.articles.save(_newest_article(1), source_id=None)  # sorts first
    window.list_view.scrollToBottom()
    qtbot.waitUntil(lambda: model.row(total - 1) is not None, timeout=5000)
    window.list_view.scrollTo(model.index(PAGE_SIZE + 3, 0))
    qtbot.waitUntil(lambda: model.row(PAGE_SIZE + 3) is not None, timeout=5000)
    assert model.rowCount() == total
    assert model.row(PAGE_SIZE).id == before[PAGE_SIZE]  # not shifted by the newcomer
    assert model.row(total - 1).id == before[-1]
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == total + 1, timeout=5000)


def test_an_unread_list_keeps_its_rows_while_articles_in_it_are_read(factory, qtbot,
                                                                     monkeypatch):
    from huaibei_reader.ui import article_list

    monkeypatch.setattr(article_list, "CACHED_PAGES", 1)  # every page is read again
    total = PAGE_SIZE * 3
    fill_library(factory.library, total, with_seed=False)
    window = factory.build()
    window.actions_.unread_only.setChecked(True)
    model = window.model
    qtbot.waitUntil(lambda: model.query.unread and not model.loading
                    and model.rowCount() == total, timeout=5000)
    listed = [r.id for r in factory.library.articles.list_rows(limit=total, unread=True)]
    for i in (PAGE_SIZE + 1, PAGE_SIZE + 2, 2 * PAGE_SIZE + 5):  # read elsewhere meanwhile
        factory.library.articles.mark_read(listed[i])
    generation = model._generation
    for row in (2 * PAGE_SIZE + 7, PAGE_SIZE + 3, 0, PAGE_SIZE + 9):
        window.list_view.scrollTo(model.index(row, 0))
        qtbot.waitUntil(lambda r=row: model.row(r) is not None, timeout=5000)
        assert model.row(row).id == listed[row]
    assert model._generation == generation  # never had to start over
    assert model.rowCount() == total


def test_a_row_whose_page_is_not_read_yet_opens_when_it_arrives(factory, qtbot):
    total = PAGE_SIZE * 3 + 7
    fill_library(factory.library, total, with_seed=False)
    window = factory.build()
    last = factory.library.articles.list_rows(limit=1, offset=total - 1)[0]
    assert window.model.row(total - 1) is None
    window.list_controller.select_row(total - 1)  # End: nothing of that page is read yet
    qtbot.waitUntil(lambda: window.reader.current is not None
                    and window.reader.current.item.id == last.id, timeout=5000)
    assert window.current_id == last.id
    assert window.list_controller.move_selection(-1)  # k: back one row, in the same page
    qtbot.waitUntil(lambda: window.reader.current.item.id != last.id, timeout=5000)


def test_the_selection_is_kept_when_the_list_is_read_again(factory, qtbot):
    total = PAGE_SIZE * 2 + 50
    fill_library(factory.library, total, with_seed=False)
    window = factory.build()
    target = PAGE_SIZE + 5  # beyond the first page: located by the library, not the cache
    window.list_controller.select_row(target)
    qtbot.waitUntil(lambda: window.reader.current is not None, timeout=5000)
    chosen = window.current_id
    factory.library.articles.save(_newest_article(2), source_id=None)  # shifts every row by one
    window.list_controller.reload_keeping(chosen)
    qtbot.waitUntil(lambda: window.list_view.currentIndex().row() == target + 1, timeout=5000)
    qtbot.waitUntil(lambda: window.model.row(target + 1) is not None, timeout=5000)
    assert window.model.row(target + 1).id == chosen


def test_unread_filter_and_mark_all_read(window, qtbot, factory):
    _select_title(window, qtbot, SEED_TITLE)
    window.actions_.unread_only.trigger()
    qtbot.waitUntil(lambda: not window.model.loading and window.model.rowCount() == 30,
                    timeout=5000)
    window.actions_.mark_all_read.trigger()
    qtbot.waitUntil(lambda: all(window.model.row(i).read
                                for i in range(window.model.rowCount())), timeout=5000)
    assert factory.library.articles.count(unread=True) == 0
    window.actions_.unread_only.trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 31, timeout=5000)


def test_search_lists_hits_highlights_and_can_be_saved(window, qtbot, factory):
    window.search_edit.setText("三社联动")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.query.view == "search" and not window.model.loading,
                    timeout=5000)
    assert [window.model.row(i).title for i in range(window.model.rowCount())] == [SEED_TITLE]
    window.list_controller.select_row(0)
    qtbot.waitUntil(lambda: window.reader.current is not None, timeout=5000)
    assert "background-color" in window.reader.browser.toHtml()
    assert window.actions_.save_search.isEnabled()
    window.actions_.save_search.trigger()
    assert "search:三社联动" in window.sidebar.keys()  # noqa: SIM118 - a widget's views
    assert factory.settings.get("ui/saved_searches") == ["三社联动"]
    # Clicking the view that is already selected leaves the search.
    rect = window.sidebar.visualItemRect(window.sidebar._items["all"])
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.model.rowCount() == 31, timeout=5000)
    assert window.search_edit.text() == ""
    window.sidebar.select_key("search:三社联动")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)


def test_search_without_hits_says_so(window, qtbot):
    window.search_edit.setText("不存在的词语")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.list_empty.isVisible(), timeout=5000)
    assert "不存在的词语" in window.list_empty.text()


def test_reader_requests_nothing_from_the_network(window, qtbot):
    _select_title(window, qtbot, SEED_TITLE)
    browser = window.reader.browser
    # The stored image is answered from memory, the one never stored is a remembered miss,
    # and no other URL was asked for (QTextBrowser would otherwise try them).
    assert set(browser.requests) <= {"http://127.0.0.1:9/static/anhui.png"}
    assert "http://127.0.0.1:9/static/anhui.png" in browser.requests
    html = browser.toHtml()
    assert "not-stored.png" not in html  # shown as a placeholder, never requested
    assert browser.loadResource(2, QUrl("http://example.com/x.png")) is None
    assert "http://example.com/x.png" in browser.misses


def test_only_http_links_open_and_only_after_a_click(window, qtbot, factory):
    _select_title(window, qtbot, SEED_TITLE)
    assert factory.opened_urls == []
    window.reader.browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    window.reader.browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert factory.opened_urls == []
    window.reader.browser.anchorClicked.emit(QUrl("http://127.0.0.1:9/news/2022/1001/seed.html"))
    assert factory.opened_urls == ["http://127.0.0.1:9/news/2022/1001/seed.html"]


def test_state_is_remembered(factory, qtbot):
    fill_library(factory.library, 5)
    first = factory.build()
    first.resize(780, 560)  # the offscreen screen is 800 x 600: a geometry that fits it
    _select_title(first, qtbot, SEED_TITLE)
    first.splitter.setSizes([150, 250, 380])
    sizes = first.splitter.sizes()
    first.sidebar.select_key("source:1")
    qtbot.waitUntil(lambda: not first.model.loading and first.model.rowCount() == 6,
                    timeout=5000)
    seed_row = next(i for i in range(6) if first.model.row(i).title == SEED_TITLE)
    first.list_controller.select_row(seed_row)
    qtbot.waitUntil(lambda: first.reader.current is not None
                    and first.reader.current.item.article.title == SEED_TITLE, timeout=5000)
    first.reading_controller.set_zoom(2)
    first.close()
    second = factory.build()
    assert second.sidebar.current_key() == "source:1"
    assert second.splitter.sizes() == sizes
    assert second.reader.zoom == 2
    qtbot.waitUntil(lambda: second.reader.current is not None, timeout=5000)
    assert second.reader.current.item.article.title == SEED_TITLE


def test_first_run_invites_to_add_a_source(factory):
    window = factory.build()
    assert window.model.rowCount() == 0
    assert "Welcome" in window.reader.browser.toPlainText()
    assert window.list_empty.isVisible()
    assert "Ctrl+N" in window.list_empty.text()


def test_messages_posted_before_the_window_exist_are_shown(factory, qtbot):
    window = factory.build(wait=False)
    window.ctx.messages.detach()
    window.ctx.messages.info("早到的消息")
    assert window.status_label.text() != "早到的消息"
    window.ctx.messages.attach(window._on_messages_posted)
    assert window.status_label.text() == "早到的消息"


def test_rows_expose_id_and_row_roles(window):
    index = window.model.index(0, 0)
    assert index.data(IdRole) == window.model.row(0).id
    assert index.data(RowRole) is window.model.row(0)
    window.list_view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_list_rows_show_the_stored_teaser_without_reading_bodies(factory, qtbot, monkeypatch):
    calls = []
    library = factory.library
    for name in ("newest", "get", "list_rows"):
        real = getattr(library.articles, name)
        monkeypatch.setattr(library.articles, name,
                            lambda *a, _n=name, _r=real, **k: (calls.append(_n), _r(*a, **k))[1])
    fill_library(library, 30)
    window = factory.build()
    qtbot.waitUntil(lambda: window.model.rowCount() == 31, timeout=5000)
    # every page read as light rows (list_rows reads no text table), no article read whole
    assert "list_rows" in calls and "newest" not in calls and "get" not in calls
    row = window.model.row(30)
    assert row.title == SEED_TITLE
    stored = factory.library.articles.get(row.id)
    assert row.teaser and row.teaser == stored.teaser[:len(row.teaser)]
    assert "端午前夕" in stored.teaser


def _search(window, qtbot, text: str) -> None:
    window.search_edit.setText(text)
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.query.view == "search" and not window.model.loading,
                    timeout=5000)


def _link_coloured_pixels(window) -> int:
    from PySide6.QtGui import QPalette

    link = window.list_view.palette().color(QPalette.ColorRole.Link)
    image = window.list_view.viewport().grab().toImage()
    return sum(1 for x in range(0, image.width(), 1) for y in range(0, image.height(), 2)
               if image.pixelColor(x, y) == link)


def test_search_snippets_show_the_match_highlighted_not_marked(window, qtbot):
    _search(window, qtbot, "熟人社区")
    row = window.model.row(0)
    assert "«" not in row.teaser and "»" not in row.teaser
    assert [row.teaser[s:e] for s, e in row.matches] == ["熟人社区"] * len(row.matches)
    assert row.matches  # the body's match, drawn in the link colour
    window.list_view.clearSelection()
    window.resize(1240, 780)
    assert _link_coloured_pixels(window) > 0
    # Narrowed until the match would be cut off: it is still drawn (the snippet moves).
    window.list_view.setFixedWidth(150)
    qtbot.waitUntil(lambda: window.list_view.viewport().width() <= 150, timeout=5000)
    assert _link_coloured_pixels(window) > 0
    # An ordinary list has no highlight.
    window.search_edit.clear()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.model.query.view != "search", timeout=5000)
    assert all(not window.model.row(i).matches for i in range(window.model.rowCount()))
