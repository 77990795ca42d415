"""Exports and context menus in the window (issue 15): File ▸ Export and the list's and the
clippings table's right-click menus, each doing what it says, through the save dialog that
proposes the safe file name, with the result on disk and a line in the status bar."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import SEED_TITLE
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu

from huaibei_reader.models import Clipping
from huaibei_reader.ui.export_controller import ExportController


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    """The save dialog answers with a file in ``tmp_path/out`` named as proposed (or as
    told); what it was asked is kept."""
    asked: list[tuple[str, str]] = []
    out = tmp_path / "out"
    out.mkdir()
    answer: dict[str, str | None] = {"name": None}

    def dialog(parent, caption, proposed, *args, **kwargs):
        asked.append((caption, proposed))
        name = answer["name"] or Path(proposed).name
        return str(out / name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    return asked, out, answer


def _action(menu: QMenu, object_name: str):
    for action in menu.actions():
        if action.objectName() == object_name:
            return action
        if action.menu() is not None:
            found = _action(action.menu(), object_name)
            if found is not None:
                return found
    return None


def _submenu(menu: QMenu, text_part: str) -> QMenu:
    for action in menu.actions():
        if action.menu() is not None and text_part in action.text():
            return action.menu()
    raise AssertionError(f"no submenu {text_part!r} in {[a.text() for a in menu.actions()]}")


def _seed_row(window):
    for i in range(window.model.rowCount()):
        if window.model.row(i).title == SEED_TITLE:
            return i, window.model.row(i)
    raise AssertionError("the seed article is not listed")


def _wait_written(qtbot, window, out: Path, suffix: str) -> Path:
    qtbot.waitUntil(lambda: any(p.name.endswith(suffix) for p in out.iterdir())
                    and "Exported" in window.status_label.text(), timeout=20_000)
    return next(p for p in out.iterdir() if p.name.endswith(suffix))


def test_file_menu_exports_the_article_being_read(window, qtbot, save_to):
    asked, out, _ = save_to
    row, _ = _seed_row(window)
    window.list_controller.select_row(row)
    qtbot.waitUntil(lambda: window.reader.current is not None, timeout=5000)
    file_menu = window.file_menu
    export_menu = _submenu(file_menu, "xport")
    assert [a.text() for a in export_menu.actions() if a.menu()] == [
        "&This article", "All &bookmarks", "All &clippings"]
    _action(_submenu(export_menu, "This article"), "export_md").trigger()
    written = _wait_written(qtbot, window, out, ".md")
    caption, proposed = asked[0]
    assert SEED_TITLE in caption
    assert Path(proposed).name == written.name and written.name.endswith(".md")
    assert "/" not in written.stem and ":" not in written.stem  # a safe file name
    text = written.read_text(encoding="utf-8")
    assert "三社联动" in text and "人民网-安徽频道" in text
    assert str(written) in window.status_label.text()


def test_exporting_bookmarks_and_clippings_from_the_file_menu(window, qtbot, save_to, factory):
    _, out, answer = save_to
    library = factory.library
    seed_id = library.articles.id_of("http://127.0.0.1:9/news/2022/1001/seed.html")
    seed = library.articles.get(seed_id)
    library.marks.bookmark(seed_id, note="核实")
    from huaibei_reader.app.marks_service import citation_for

    library.marks.add_clipping(Clipping(None, seed_id, seed.version, seed.article.text[:20],
                                        citation_for(seed), datetime.now(UTC), note="备注",
                                        tags=("线索",)))
    export_menu = _submenu(window.file_menu, "xport")
    answer["name"] = "marks"  # the extension is added when the person leaves it out
    _action(_submenu(export_menu, "bookmarks"), "export_html").trigger()
    html = _wait_written(qtbot, window, out, "marks.html")
    assert seed.article.title in html.read_text(encoding="utf-8")
    window.status_label.clear()
    answer["name"] = "clips.json"
    _action(_submenu(export_menu, "clippings"), "export_json").trigger()
    clips = _wait_written(qtbot, window, out, "clips.json")
    data = json.loads(clips.read_text(encoding="utf-8"))
    assert "备注" in json.dumps(data, ensure_ascii=False)
    assert "线索" in json.dumps(data, ensure_ascii=False)


def test_the_list_menu_marks_bookmarks_cites_and_exports(window, qtbot, save_to, factory):
    _, out, _ = save_to
    index, row = _seed_row(window)
    menus = window.context_menus
    menu = menus.article_menu(row)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["&Open the original in the browser", "&Bookmark", "Mark as &read"]
    # mark read, from the menu: the row and the library agree
    menu.actions()[2].trigger()
    qtbot.waitUntil(lambda: window.model.row(index).read, timeout=5000)
    assert factory.library.articles.get(row.id).read
    # bookmark
    menus.article_menu(window.model.row(index)).actions()[1].trigger()
    qtbot.waitUntil(lambda: window.model.row(index).bookmarked, timeout=5000)
    assert factory.library.marks.bookmark_of(row.id) is not None
    assert "Remove &bookmark" in [a.text() for a in
                                  menus.article_menu(window.model.row(index)).actions()]
    # copy the citation in a chosen style
    QGuiApplication.clipboard().clear()
    _action(menus.article_menu(row), "cite_gbt7714").trigger()
    qtbot.waitUntil(lambda: "[EB/OL]" in QGuiApplication.clipboard().text(), timeout=5000)
    assert SEED_TITLE in QGuiApplication.clipboard().text()
    # open the original
    menus.article_menu(row).actions()[0].trigger()
    qtbot.waitUntil(lambda: factory.opened_urls != [], timeout=5000)
    assert factory.opened_urls == ["http://127.0.0.1:9/news/2022/1001/seed.html"]
    # export as plain text
    _action(menus.article_menu(row), "export_txt").trigger()
    written = _wait_written(qtbot, window, out, ".txt")
    assert "三社联动" in written.read_text(encoding="utf-8")


def test_the_clippings_menu_exports_all_clippings(window, qtbot, save_to, factory):
    _, out, _ = save_to
    library = factory.library
    seed_id = library.articles.id_of("http://127.0.0.1:9/news/2022/1001/seed.html")
    seed = library.articles.get(seed_id)
    from huaibei_reader.app.marks_service import citation_for

    library.marks.add_clipping(Clipping(None, seed_id, seed.version, seed.article.text[:20],
                                        citation_for(seed), datetime.now(UTC)))
    window.sidebar.select_key("clippings")
    view = window.marks_controller.clippings_view
    qtbot.waitUntil(lambda: view is not None and view.model.rowCount() == 1, timeout=5000)
    menu = window.context_menus.clippings_menu(view)
    names = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert names[:4] == ["&Open the article", "Copy with &citation", "&Edit…", "&Delete"]
    assert not menu.actions()[0].isEnabled()  # nothing selected yet
    view.table.selectRow(0)
    assert window.context_menus.clippings_menu(view).actions()[0].isEnabled()
    QGuiApplication.clipboard().clear()
    _action(window.context_menus.clippings_menu(view), "clip_cite_apa").trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("“") and seed.article.text[:10] in copied
    assert "韩惠, & 胡文静. (2022, October 1)." in copied  # APA, as chosen
    _action(window.context_menus.clippings_menu(view), "export_md").trigger()
    written = _wait_written(qtbot, window, out, ".md")
    assert seed.article.text[:10] in written.read_text(encoding="utf-8")


def test_a_cancelled_export_says_so_and_writes_nothing(window, qtbot, save_to, monkeypatch):
    """Cancelled at its first step (from the worker, so the moment is certain): the
    progress dialog goes, the status bar says so, and no file is left."""
    from huaibei_reader.app.export_operations import ExportFormat, ExportOperations

    _, out, _ = save_to
    monkeypatch.setattr(ExportOperations, "_report",
                        staticmethod(lambda ctx: lambda progress: ctx.cancel.cancel()))
    exporter: ExportController = window.exporter
    exporter.export_articles([window.model.row(i).id for i in range(window.model.rowCount())],
                             ExportFormat.HTML)
    qtbot.waitUntil(lambda: window.status_label.text() == "Export cancelled.", timeout=20_000)
    assert not exporter.busy and exporter.progress_dialog is None
    assert list(out.iterdir()) == []


def test_the_progress_dialog_cancel_button_cancels_the_export(window, qtbot, save_to,
                                                              monkeypatch):
    """The export's worker waits at its first step until the test has pressed Cancel."""
    import threading

    from huaibei_reader.app.export_operations import ExportFormat, ExportOperations

    _, out, _ = save_to
    pressed = threading.Event()
    exporter: ExportController = window.exporter
    # only the writing step waits (choosing the entries comes before the dialog)
    monkeypatch.setattr(ExportOperations, "_report", staticmethod(
        lambda ctx: lambda progress: exporter.progress_dialog is not None and pressed.wait(20)))
    exporter.export_articles([window.model.row(0).id], ExportFormat.HTML)
    qtbot.waitUntil(lambda: exporter.progress_dialog is not None, timeout=20_000)
    token = exporter._token
    assert token is not None and not token.cancelled
    from PySide6.QtWidgets import QPushButton

    exporter.progress_dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    assert token.cancelled
    pressed.set()
    qtbot.waitUntil(lambda: window.status_label.text() == "Export cancelled.", timeout=20_000)
    assert not exporter.busy and list(out.iterdir()) == []


def test_a_bookmark_that_cannot_be_saved_says_why_and_changes_nothing(window, qtbot,
                                                                      factory):
    """The article went (another window, an eviction) between listing and the click."""
    index, row = _seed_row(window)
    other = sqlite3.connect(factory.library.path)  # as another app would
    with other:
        other.execute("DELETE FROM articles WHERE id = ?", (row.id,))
    other.close()
    menu = window.context_menus.article_menu(row)
    menu.actions()[1].trigger()  # &Bookmark
    qtbot.waitUntil(lambda: f"no article with id {row.id}" in window.status_label.text(),
                    timeout=5000)
    assert not window.model.row(index).bookmarked
