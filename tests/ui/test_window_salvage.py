"""A damaged library at start: the window says where it went and what was salvaged, and the
salvaged bookmarks and clippings are there to read (issue 18)."""

from __future__ import annotations

from support.damaged_library import build, damage

from huaibei_reader.app.services import LIBRARY_FILE


def _damaged(factory):
    path = factory.tmp_path / LIBRARY_FILE
    built = build(path, articles=120, bookmarks=12, clippings=15)
    damage(path, {"articles": 0.4, "raw_pages": 0.5})
    return built


def test_the_window_reports_the_salvage_and_shows_the_saved_work(factory, qtbot):
    built = _damaged(factory)
    window = factory.build()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    text = window.banner.text()
    assert "moved aside to" in text and ".corrupt-" in text
    assert "Copied from the damaged library: 3 sources, 12 bookmarks, 15 clippings" in text
    assert "Could not be read" not in text  # none of the reader's own work was lost
    # The bookmarks are in the library the window reads.
    marks = factory.services.library.marks
    assert len(marks.bookmarks()) == 12 and len(marks.clippings()) == 15
    assert {c.quote for c in marks.clippings()} == {q for _, q, _, _ in built.clippings}



def test_the_salvage_message_in_chinese(factory, qtbot, chinese):
    _damaged(factory)
    window = factory.build()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    text = window.banner.text()
    assert "已从损坏的文库中复制:3 个来源、12 个收藏、15 条摘录" in text
    assert "articles" not in text and "Copied" not in text
