"""First run: the empty library's page offers to follow 今日淮北 (the built-in source) and to
import OPML, as links a person clicks, each doing what it says."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog

from huaibei_reader.models import Source
from huaibei_reader.sources.opml import write_opml


def link_texts(browser) -> dict[str, tuple[str, int]]:
    """Every link shown in the reader: href -> (its text, a position inside it)."""
    found: dict[str, tuple[str, int]] = {}
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href and href not in found:
                found[href] = (fragment.text(), fragment.position() + fragment.length() // 2)
            it += 1
        block = block.next()
    return found


def click_link(qtbot, browser, href: str) -> None:
    _, position = link_texts(browser)[href]
    cursor = QTextCursor(browser.document())
    cursor.setPosition(position)
    browser.ensureCursorVisible()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton,
                     pos=browser.cursorRect(cursor).center())


def _welcome(factory, qtbot):
    # Nothing may leave the machine: the refresh that follows a source goes through a proxy on
    # the discard port, which refuses at once.
    factory.settings.set("net/proxy", "http://127.0.0.1:9")
    window = factory.build()
    qtbot.waitUntil(lambda: "Welcome" in window.reader.browser.toPlainText(), timeout=10_000)
    return window


def test_the_empty_library_offers_the_built_in_source_and_opml(factory, qtbot):
    window = _welcome(factory, qtbot)
    links = link_texts(window.reader.browser)
    assert links["app:follow-builtin"][0] == "Follow 今日淮北"
    assert links["app:import-opml"][0] == "Import OPML…"
    assert links["app:add-source"][0] == "Add a source…"


def test_clicking_follow_adds_jinri_huaibei(factory, qtbot):
    window = _welcome(factory, qtbot)
    with qtbot.waitSignal(window.refresh_finished, timeout=60_000):
        click_link(qtbot, window.reader.browser, "app:follow-builtin")
    assert [s.name for s in window.sidebar.sources()] == ["今日淮北"]
    stored = factory.library.sources.all()
    assert [(s.url, s.rules) for s in stored] == [("https://www.morang.cn/", "morang")]
    assert window.sidebar.current_key() == f"source:{stored[0].id}"


def test_clicking_import_opml_imports_the_chosen_file(factory, qtbot, tmp_path, monkeypatch):
    opml = tmp_path / "follows.opml"
    opml.write_bytes(write_opml([
        Source(id=None, name="淮北新闻", url="http://127.0.0.1:9/a/", kind="feed",
               feed_url="http://127.0.0.1:9/a/feed.xml"),
        Source(id=None, name="相山", url="http://127.0.0.1:9/b/")]))
    asked: list[str] = []

    def choose(parent, caption, *args, **kwargs):  # the person picks the file
        asked.append(caption)
        return str(opml), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    window = _welcome(factory, qtbot)
    click_link(qtbot, window.reader.browser, "app:import-opml")
    qtbot.waitUntil(lambda: len(window.sidebar.sources()) == 2, timeout=10_000)
    assert asked == ["Import OPML"]
    assert sorted(s.name for s in window.sidebar.sources()) == ["淮北新闻", "相山"]
    assert "Imported 2 sources." in window.status_label.text()
