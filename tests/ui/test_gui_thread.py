"""The window never touches the library from the GUI thread.

The window's library is wrapped by ``GuiThreadGuard`` (conftest): a call made on the GUI
thread raises and fails the test. This test drives the window through its usual flows,
then checks both that no call came from the GUI thread and that the flows did reach the
library (on workers), so the guard was in the way of every one of them. A static check
completes it: no ui module builds an operation of its own or imports the layers below app.
"""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import pytest
from conftest import SEED_TITLE, GuiThreadGuard, fill_library
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from huaibei_reader.demo import SampleEditionServer
from huaibei_reader.ui.article_list import PAGE_SIZE
from huaibei_reader.ui.clippings_view import ClippingsView

UI = Path(__file__).resolve().parents[2] / "src" / "huaibei_reader" / "ui"


def test_the_guard_refuses_a_call_from_the_gui_thread(factory):
    guard = GuiThreadGuard(factory.library)
    with pytest.raises(AssertionError, match=re.escape("articles.count called on the GUI thread")):
        guard.articles.count()
    assert guard.calls["gui"] == ["library.articles.count"]
    found: list[int] = []
    worker = threading.Thread(target=lambda: found.append(guard.articles.count()))
    worker.start()
    worker.join()
    assert found == [0] and guard.calls["worker"] == ["library.articles.count"]


def _accept_dialog_with(note: str) -> None:
    """Once the clip dialog is open (it may open after a background step), write the note
    and accept it."""
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        QTimer.singleShot(20, lambda: _accept_dialog_with(note))
        return
    dialog.note_edit.setPlainText(note)
    dialog.accept()


def test_every_flow_of_the_window_reads_and_writes_on_workers(factory, qtbot, tmp_path):
    source = fill_library(factory.library, PAGE_SIZE + 20)
    server = SampleEditionServer(port=0)
    server.start()
    try:
        window = factory.build()  # open: the library, sources, counts, first page
        lists, reading = window.list_controller, window.reading_controller
        model = window.model
        # list pages: the second page is read when shown
        window.list_view.scrollTo(model.index(PAGE_SIZE + 5, 0))
        qtbot.waitUntil(lambda: model.row(PAGE_SIZE + 5) is not None, timeout=5000)
        # select and read
        seed_row = next(i for i in range(model.rowCount())
                        if model.row(i) is not None and model.row(i).title == SEED_TITLE)
        lists.select_row(seed_row)
        qtbot.waitUntil(lambda: window.reader.current is not None
                        and window.reader.current.item.article.title == SEED_TITLE,
                        timeout=5000)
        # bookmark
        window.actions_.bookmark.trigger()
        qtbot.waitUntil(lambda: model.row(seed_row).bookmarked, timeout=5000)
        # clip
        browser = window.reader.browser
        cursor = browser.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        browser.setTextCursor(cursor)
        assert browser.find("三社联动")
        QTimer.singleShot(0, lambda: _accept_dialog_with("第一次"))
        window.actions_.clip.trigger()
        qtbot.waitUntil(lambda: len(factory.library.marks.clippings()) == 1, timeout=5000)
        # the clippings view: listed, edited, deleted
        window.sidebar.select_key("clippings")
        view = window.marks_controller.clippings_view
        assert isinstance(view, ClippingsView)
        qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
        view.table.selectRow(0)
        QTimer.singleShot(0, lambda: _accept_dialog_with("改过"))
        with qtbot.waitSignal(view.clippingsChanged, timeout=5000):
            view.edit_button.click()
        assert factory.library.marks.clippings()[0].note == "改过"
        view.table.selectRow(0)
        with qtbot.waitSignal(view.clippingsChanged, timeout=5000):
            view.delete_button.click()
        assert factory.library.marks.clippings() == []
        # search
        window.sidebar.select_key("all")
        window.search_edit.setText("三社联动")
        window.search_edit.returnPressed.emit()
        qtbot.waitUntil(lambda: model.query.view == "search" and not model.loading
                        and model.rowCount() == 1, timeout=5000)
        # mark all read
        window.search_edit.clear()
        qtbot.waitUntil(lambda: model.query.view == "all" and not model.loading, timeout=5000)
        window.actions_.mark_all_read.trigger()
        qtbot.waitUntil(lambda: factory.library.articles.count(unread=True) == 0, timeout=5000)
        # sources: rename, add (detected on loopback, then refreshed), OPML out
        sources = window.sources_controller
        sources.rename_source(source.id, "改名")
        qtbot.waitUntil(lambda: window.sidebar.source(source.id).name == "改名", timeout=5000)
        with qtbot.waitSignal(window.refresh_finished, timeout=60_000):
            sources.add_source(server.base_url, "示例")
        opml = tmp_path / "out.opml"
        sources.export_opml(str(opml))
        qtbot.waitUntil(opml.exists, timeout=5000)
        sources.remove_source(source.id, confirm=False)
        qtbot.waitUntil(lambda: window.sidebar.source(source.id) is None, timeout=5000)
        assert reading.current_id is not None
    finally:
        server.stop()
    calls = factory.guard.calls
    assert calls["gui"] == []
    reached = set(calls["worker"])
    for expected in ("library.articles.list_rows", "library.articles.count",
                     "library.articles.get", "library.articles.mark_read",
                     "library.articles.rows_of", "library.search.find",
                     "library.marks.bookmark", "library.marks.add_clipping",
                     "library.marks.clippings", "library.marks.update_clipping",
                     "library.marks.delete_clipping", "library.articles.mark_all_read",
                     "library.sources.rename", "library.sources.add",
                     "library.sources.remove", "library.sources.all"):
        assert expected in reached, expected


def _ui_modules() -> list[tuple[str, ast.Module]]:
    return [(p.name, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(UI.glob("*.py"))]


def test_no_ui_module_runs_work_of_its_own_or_reaches_below_app():
    """Every background operation the window runs comes from app's services: no ui module
    builds an ``Operation`` or takes an ``OperationContext`` (which only worker functions
    get), and none imports store, export or net (tests/test_layers.py checks the rest)."""
    offenders = []
    for name, tree in _ui_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "Operation":
                offenders.append(f"{name}: Operation(...) at line {node.lineno}")
            if isinstance(node, ast.ImportFrom) and node.module:
                imported = {a.name for a in node.names}
                if "OperationContext" in imported:
                    offenders.append(f"{name}: imports OperationContext")
                if node.module.split(".")[1:2] in (["store"], ["export"], ["net"]):
                    offenders.append(f"{name}: imports {node.module}")
    assert offenders == []
    assert len(_ui_modules()) > 10  # the scan sees the package
