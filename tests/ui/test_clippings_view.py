"""The clippings view on a real library: filters, search, stale flag, edit and delete with undo.

The view reads and writes through MarksService on a real runner: after each step the test
waits for the listing that follows it (``loaded``), as a person waits for the list."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))
from export_seed import PARAGRAPHS, QUOTE, seed_article, seed_citation, seed_clipping

from huaibei_reader.app.library_operations import LibraryGate
from huaibei_reader.app.marks_service import MarksService
from huaibei_reader.app.operations import OperationRunner
from huaibei_reader.models import Source
from huaibei_reader.store import Library
from huaibei_reader.ui.clippings_view import ClippingsView

NOW = datetime.now(UTC)


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "library.sqlite3")
    a = lib.sources.add(Source(None, "今日淮北", "http://www.morang.cn/"))
    b = lib.sources.add(Source(None, "人民网", "http://ah.people.com.cn/"))
    first = lib.articles.save(seed_article(), source_id=a.id).id
    other = replace(seed_article(), url="http://ah.people.com.cn/1.html", title="南湖治理",
                    blocks=seed_article().blocks[:1])
    second = lib.articles.save(other, source_id=b.id).id
    lib.marks.add_clipping(replace(seed_clipping(item_id=first), id=None, created_at=NOW,
                                   tags=("社区",), note="导语"))
    lib.marks.add_clipping(replace(seed_clipping(item_id=first, quote="有机融合"), id=None,
                                   created_at=NOW - timedelta(days=40), tags=("采访",), note=""))
    lib.marks.add_clipping(replace(seed_clipping(item_id=second, quote="端午前夕"), id=None,
                                   citation=replace(seed_citation(), title="南湖治理",
                                                    url="http://ah.people.com.cn/1.html"),
                                   created_at=NOW - timedelta(days=3), tags=("社区", "节日"),
                                   note=""))
    yield lib
    lib.close()


@pytest.fixture
def view(qtbot, library):
    runner = OperationRunner(max_threads=4)
    widget = ClippingsView(MarksService(runner, LibraryGate(lambda: library)))
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.rowCount() == 3, timeout=5000)
    yield widget
    runner.shutdown()


def settled(view, qtbot, act) -> None:
    """Do ``act`` and wait until the view has written and listed again."""
    with qtbot.waitSignal(view.clippingsChanged, timeout=5000):
        act()


def quotes(view) -> list[str]:
    return [c.quote for c in view.visible_clippings()]


def select(view, quote: str) -> None:
    row = quotes(view).index(quote)
    view.table.selectRow(row)


def test_lists_newest_first_with_counts(view):
    assert quotes(view) == [QUOTE, "端午前夕", "有机融合"]
    assert view.count_label.text() == "3 of 3 clippings"
    assert view.model.rowCount() == 3
    assert view.model.index(0, 3).data() == "今日淮北"


def test_filters_by_tag_source_date_and_search(view):
    view.tag_combo.setCurrentIndex(view.tag_combo.findData("社区"))
    assert quotes(view) == [QUOTE, "端午前夕"]
    view.source_combo.setCurrentIndex(view.source_combo.findText("人民网"))
    assert quotes(view) == ["端午前夕"]
    view.tag_combo.setCurrentIndex(0)
    view.source_combo.setCurrentIndex(0)
    view.date_combo.setCurrentIndex(view.date_combo.findData(30))
    assert quotes(view) == [QUOTE, "端午前夕"]
    view.date_combo.setCurrentIndex(0)
    view.search_edit.setText("导语")  # the note
    assert quotes(view) == [QUOTE]
    view.search_edit.setText("南湖")  # the article title
    assert quotes(view) == ["端午前夕"]
    assert view.count_label.text() == "1 of 3 clippings"


def test_quote_edited_out_of_the_article_is_flagged(view, library, qtbot):
    assert all(view.model.index(r, 6).data() == "" for r in range(3))
    edited = seed_article(paragraphs=(PARAGRAPHS[0], PARAGRAPHS[2]))
    assert library.articles.save(edited, source_id=1).status == "updated"
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    row = quotes(view).index(QUOTE)
    assert view.model.index(row, 6).data() == "changed"
    assert view.model.index(quotes(view).index("有机融合"), 6).data() == ""


def test_delete_with_undo_and_redo(view, library, qtbot):
    select(view, "有机融合")
    settled(view, qtbot, view.delete_button.click)
    assert "有机融合" not in quotes(view)
    assert len(library.marks.clippings()) == 2
    settled(view, qtbot, view.undo_action.trigger)
    assert "有机融合" in quotes(view) and len(library.marks.clippings()) == 3
    restored = next(c for c in library.marks.clippings() if c.quote == "有机融合")
    assert restored.tags == ("采访",) and restored.article_version == 1
    settled(view, qtbot, view.redo_action.trigger)
    assert "有机融合" not in quotes(view) and len(library.marks.clippings()) == 2


def test_steps_asked_for_at_once_are_written_in_order(view, library, qtbot):
    """Undo (stores the clipping again, under a new id) and redo (deletes that new id)
    asked for without waiting: the second write waits for the first one's id."""
    select(view, "有机融合")
    settled(view, qtbot, view.delete_button.click)

    def undo_then_redo() -> None:
        view.undo_action.trigger()
        view.redo_action.trigger()

    settled(view, qtbot, undo_then_redo)
    assert [c.quote for c in library.marks.clippings()].count("有机融合") == 0
    assert "有机融合" not in quotes(view)


def test_edit_with_undo_even_after_a_restored_deletion(view, library, qtbot):
    select(view, QUOTE)

    def change_note():
        dialog = QApplication.activeModalWidget()
        dialog.note_edit.setPlainText("改过的笔记")
        dialog.accept()

    QTimer.singleShot(0, change_note)
    settled(view, qtbot, view.edit_button.click)
    assert next(c for c in library.marks.clippings() if c.quote == QUOTE).note == "改过的笔记"
    select(view, QUOTE)
    settled(view, qtbot, view.delete_button.click)
    settled(view, qtbot, view.undo_action.trigger)  # stored again, under a new id
    settled(view, qtbot, view.undo_action.trigger)  # the edit is undone on that new id
    assert next(c for c in library.marks.clippings() if c.quote == QUOTE).note == "导语"
    assert len(library.marks.clippings()) == 3


def test_open_and_copy_with_citation(view, qtbot):
    select(view, "端午前夕")
    with qtbot.waitSignal(view.openArticleRequested) as signal:
        view.open_button.click()
    assert signal.args == [2]
    QApplication.clipboard().clear()
    view.copy_button.click()
    assert QApplication.clipboard().text().startswith("“端午前夕”\n\n韩惠, 胡文静. 南湖治理[EB/OL]")


def test_buttons_follow_the_selection(view):
    assert not view.delete_button.isEnabled() and not view.edit_button.isEnabled()
    view.table.selectAll()
    assert view.delete_button.isEnabled() and not view.edit_button.isEnabled()
