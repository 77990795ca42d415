"""Every keyboard interaction of the window, typed as a user would."""

from __future__ import annotations

from conftest import SEED_TITLE
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication


def _current_row(window) -> int:
    return window.list_view.currentIndex().row()


def _wait_shown(window, qtbot, row: int) -> None:
    article_id = window.model.row(row).id
    qtbot.waitUntil(lambda: window.reader.current is not None
                    and window.reader.current.item.id == article_id, timeout=5000)


def _key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier, widget=None) -> None:
    target = widget or window.list_view
    target.setFocus()
    qtbot.keyClick(target, key, modifier)


def test_j_k_n_p_move_through_the_list(window, qtbot):
    window.list_controller.select_row(0)
    _wait_shown(window, qtbot, 0)
    _key(qtbot, window, Qt.Key.Key_J)
    assert _current_row(window) == 1
    _key(qtbot, window, Qt.Key.Key_N)
    assert _current_row(window) == 2
    _wait_shown(window, qtbot, 2)
    _key(qtbot, window, Qt.Key.Key_K)
    assert _current_row(window) == 1
    _key(qtbot, window, Qt.Key.Key_P)
    assert _current_row(window) == 0
    _wait_shown(window, qtbot, 0)


def test_space_pages_down_then_moves_on(window, qtbot):
    seed_row = window.model.rowCount() - 1
    assert window.model.row(seed_row).title == SEED_TITLE
    window.resize(700, 420)
    window.list_controller.select_row(seed_row - 1)
    _wait_shown(window, qtbot, seed_row - 1)
    window.list_controller.select_row(seed_row)
    _wait_shown(window, qtbot, seed_row)
    bar = window.reader.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
    assert bar.value() == 0
    _key(qtbot, window, Qt.Key.Key_Space, widget=window.reader.browser)
    assert bar.value() > 0
    # Space at the end of the last article stays put; on an earlier one it moves on.
    window.list_controller.select_row(seed_row - 1)
    _wait_shown(window, qtbot, seed_row - 1)
    bar = window.reader.browser.verticalScrollBar()
    for _ in range(50):
        if window.reader.at_end():
            break
        _key(qtbot, window, Qt.Key.Key_Space, widget=window.reader.browser)
    assert window.reader.at_end()
    _key(qtbot, window, Qt.Key.Key_Space, widget=window.reader.browser)
    assert _current_row(window) == seed_row
    _wait_shown(window, qtbot, seed_row)


def test_b_bookmarks_and_unbookmarks(window, qtbot, factory):
    window.list_controller.select_row(0)
    _wait_shown(window, qtbot, 0)
    article_id = window.model.row(0).id
    _key(qtbot, window, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: window.model.row(0).bookmarked, timeout=5000)
    assert [b.article_id for b in factory.library.marks.bookmarks()] == [article_id]
    assert window.actions_.bookmark.isChecked()
    _key(qtbot, window, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: not window.model.row(0).bookmarked, timeout=5000)
    assert factory.library.marks.bookmarks() == []


def test_o_opens_the_original_in_the_system_browser(window, qtbot, factory):
    _key(qtbot, window, Qt.Key.Key_O)
    assert factory.opened_urls == []  # nothing open yet: nothing happens
    window.list_controller.select_row(0)
    _wait_shown(window, qtbot, 0)
    _key(qtbot, window, Qt.Key.Key_O)
    assert factory.opened_urls == [window.reader.current.item.article.url]
    assert factory.opened_urls[0].startswith("http://127.0.0.1:9/news/")


def test_slash_and_ctrl_k_focus_the_search_field(window, qtbot):
    _key(qtbot, window, Qt.Key.Key_Slash)
    assert QApplication.focusWidget() is window.search_edit
    _key(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_edit
    # Typing a letter in the search field types it; it does not move the list.
    row = _current_row(window)
    qtbot.keyClick(window.search_edit, Qt.Key.Key_J)
    assert window.search_edit.text() == "j"
    assert _current_row(window) == row


def test_ctrl_f_finds_in_the_article(window, qtbot):
    seed_row = window.model.rowCount() - 1
    window.list_controller.select_row(seed_row)
    _wait_shown(window, qtbot, seed_row)
    find = QKeySequence(QKeySequence.StandardKey.Find)[0]
    _key(qtbot, window, find.key(), find.keyboardModifiers())
    assert window.reader.find_bar.isVisible()
    window.reader.find_edit.setText("粽子")
    assert window.reader.browser.textCursor().selectedText() == "粽子"
    window.reader.find_edit.setText("没有这个词")
    assert window.reader.find_status.text() != ""
    qtbot.keyClick(window.reader.find_edit, Qt.Key.Key_Escape)
    assert not window.reader.find_bar.isVisible()


def test_zoom_keys_change_the_text_size_and_are_remembered(window, qtbot, factory):
    window.list_controller.select_row(0)
    _wait_shown(window, qtbot, 0)
    before = window.reader.text_px
    _key(qtbot, window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    _key(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.text_px == before + 4
    assert factory.settings.get("reader/zoom") == 2
    assert f"font-size:{before + 4}px" in window.reader.browser.toHtml().replace(" ", "")
    _key(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert factory.settings.get("reader/zoom") == 1
    _key(qtbot, window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.text_px == before


def test_u_filters_unread(window, qtbot):
    window.list_controller.select_row(0)
    _wait_shown(window, qtbot, 0)
    qtbot.waitUntil(lambda: window.model.row(0).read, timeout=5000)
    _key(qtbot, window, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: not window.model.loading and window.model.rowCount() == 30,
                    timeout=5000)
    assert window.actions_.unread_only.isChecked()


def test_ctrl_r_starts_a_refresh(window, qtbot):
    with qtbot.waitSignal(window.refresh_finished, timeout=20_000):
        _key(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        assert window.refresh_controller.refreshing


def test_help_lists_the_shortcuts(window, qtbot):
    from huaibei_reader.ui.dialogs import ShortcutsDialog

    f1 = QKeySequence(QKeySequence.StandardKey.HelpContents)[0]
    _key(qtbot, window, f1.key(), f1.keyboardModifiers())

    dialog = window.findChild(ShortcutsDialog, "shortcuts")
    assert dialog is not None and dialog.isVisible()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    keys = " ".join(dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount()))
    assert "Next article" in names and "Bookmark" in names
    for k in ("J", "K", "B", "O", "/", "Ctrl+K", "Ctrl+R", "Space"):
        assert k in keys
    dialog.close()
