"""Copy with citation straight from the reader: the Article menu, the context menu, the keys."""

from __future__ import annotations

from typing import Any

from conftest import SEED_TITLE, fill_library, seed_article
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication

from huaibei_reader.export.citation import citation_for, format_citation
from huaibei_reader.ui.dialogs import ShortcutsDialog

QUOTE = "三社联动"


def open_seed(factory: Any, qtbot: Any) -> Any:
    fill_library(factory.library, 3)
    window = factory.build()
    article_id = factory.library.articles.id_of(seed_article().url)
    window.reading_controller.open_article(article_id)
    qtbot.waitUntil(lambda: window.reader.current is not None
                    and window.reader.current.item.id == article_id, timeout=10_000)
    return window


def select(window: Any, text: str) -> None:
    browser = window.reader.browser
    cursor = browser.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    browser.setTextCursor(cursor)
    assert browser.find(text)


def test_copy_with_citation_puts_the_quote_and_the_gbt7714_reference_on_the_clipboard(
        factory, qtbot):
    window = open_seed(factory, qtbot)
    select(window, QUOTE)
    QApplication.clipboard().clear()
    window.actions_.copy_citation.trigger()
    text = QApplication.clipboard().text()
    quote, reference = text.split("\n\n")
    assert quote == f"“{QUOTE}”"
    # GB/T 7714-2015 for a Chinese article: 作者. 题名[EB/OL]. (发布日期)[引用日期]. URL.
    assert reference.startswith(f"韩惠, 胡文静. {SEED_TITLE}[EB/OL]. (2022-10-01)[")
    assert reference.endswith(f"]. {seed_article().url}.")
    item = window.reader.current.item
    assert reference == format_citation(citation_for(item), "gbt7714")


def test_without_a_selection_nothing_is_copied(factory, qtbot):
    window = open_seed(factory, qtbot)
    QApplication.clipboard().setText("before")
    assert window.marks_controller.copy_selection_with_citation() == ""
    assert QApplication.clipboard().text() == "before"


def test_the_action_is_in_the_article_menu_and_the_reader_context_menu(factory, qtbot):
    window = open_seed(factory, qtbot)
    action = window.actions_.copy_citation
    article_menu = next(m.menu() for m in window.menuBar().actions()
                        if m.text().replace("&", "") == "Article")
    assert action in article_menu.actions()
    select(window, QUOTE)
    browser = window.reader.browser
    menu = window.marks_controller.reader_context_menu(browser.cursorRect().center())
    assert action in menu.actions() and window.actions_.clip in menu.actions()
    assert action.isEnabled()
    menu.deleteLater()


def test_its_shortcut_clashes_with_no_other_and_is_listed_in_help(factory, qtbot):
    window = open_seed(factory, qtbot)
    keys = window.actions_.copy_citation.shortcuts()
    assert QKeySequence("Ctrl+Alt+C") in keys
    others = [k for a in window.actions_.all() if a is not window.actions_.copy_citation
              for k in a.shortcuts()]
    assert not {k.toString() for k in keys} & {k.toString() for k in others}
    dialog = ShortcutsDialog(window.actions_.all(), window)
    rows = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "Copy with citation" in rows
    dialog.deleteLater()
