"""The Add-source dialog keeps the typed address and shows, in the dialog, that it is working
and why an address could not be added; it closes only once the source is stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from huaibei_reader.demo import SampleEditionServer
from huaibei_reader.ui.add_source_dialog import AddSourceDialog


@pytest.fixture
def server():
    s = SampleEditionServer(port=0)
    s.start()
    yield s
    s.stop()


def _dialog(factory, qtbot):
    window = factory.build()
    dialog = AddSourceDialog(window.services.sources.add, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return window, dialog


def _add(qtbot, dialog, url: str) -> None:
    dialog.url.setText(url)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)


def test_a_typo_is_not_a_web_address_and_the_dialog_keeps_it(factory, qtbot):
    _window, dialog = _dialog(factory, qtbot)
    _add(qtbot, dialog, "htps//www.morang,cn")
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.url.text() == "htps//www.morang,cn"  # not completed to https://htps//...
    assert "is not a web address" in dialog.error.text()
    assert dialog.error.text().count("htps//www.morang,cn") == 1
    assert "https://htps" not in dialog.error.text()
    assert dialog.add_button.isEnabled() and not dialog.busy.isVisible()
    assert factory.library.sources.all() == []


def test_a_bad_host_name_says_which_character(factory, qtbot):
    _window, dialog = _dialog(factory, qtbot)
    _add(qtbot, dialog, "https://www.morang,cn/")
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert "“,”" in dialog.error.text()


def test_a_dead_server_is_shown_in_the_dialog_naming_the_address_once(factory, qtbot):
    _window, dialog = _dialog(factory, qtbot)
    url = "http://127.0.0.1:9/news/"  # the discard port: nothing listens, refused at once
    _add(qtbot, dialog, url)
    assert dialog.busy.isVisible() and not dialog.add_button.isEnabled()
    assert url in dialog.status.text()  # "Looking at …" while the worker runs
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=30_000)
    assert dialog.isVisible() and dialog.url.text() == url
    assert dialog.error.text().count("127.0.0.1:9") == 1
    assert not dialog.busy.isVisible() and dialog.status.text() == ""


def test_a_good_address_is_stored_and_the_dialog_closes(factory, qtbot, server):
    _window, dialog = _dialog(factory, qtbot)
    dialog.name.setText("示例")
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        _add(qtbot, dialog, server.base_url)
    assert dialog.added is not None and dialog.added.name == "示例"
    assert [s.name for s in factory.library.sources.all()] == ["示例"]


def test_the_built_in_source_is_added_by_its_name(factory, qtbot):
    _window, dialog = _dialog(factory, qtbot)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        _add(qtbot, dialog, "今日淮北")
    stored = factory.library.sources.all()
    assert [(s.name, s.url, s.rules) for s in stored] == [
        ("今日淮北", "https://www.morang.cn/", "morang")]
