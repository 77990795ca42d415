"""Preferences and add-source dialogs: what they write and what they refuse."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from huaibei_reader.app.settings import DictStore, Settings
from huaibei_reader.ui.dialogs import AddSourceDialog, PreferencesDialog


def test_preferences_write_the_settings_on_ok(qtbot):
    settings = Settings(DictStore())
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.interval.setValue(10)
    dialog.host_delay.setValue(3.0)
    dialog.per_host.setValue(1)
    dialog.cache.setValue(800)
    dialog.proxy.setText("http://127.0.0.1:8080")
    dialog.font_size.setValue(20)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert settings.get("refresh/interval_minutes") == 10
    assert settings.get("net/host_delay_seconds") == 3.0
    assert settings.get("net/per_host_limit") == 1
    assert settings.get("library/cache_limit_mb") == 800
    assert settings.get("net/proxy") == "http://127.0.0.1:8080"
    assert settings.get("reader/font_size") == 20
    assert settings.get("ui/theme") == "dark"
    assert settings.get("ui/language") == "zh_CN"


def test_preferences_refuse_a_bad_proxy_and_write_nothing(qtbot):
    settings = Settings(DictStore())
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.interval.setValue(5)
    dialog.proxy.setText("ftp://example.com")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "proxy" in dialog.error.text().lower()
    assert settings.get("refresh/interval_minutes") == 30


def test_add_source_accepts_http_only(qtbot):
    dialog = AddSourceDialog()
    qtbot.addWidget(dialog)
    dialog.url.setText("javascript:alert(1)")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.url.setText("www.morang.cn")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.url.text() == "https://www.morang.cn"


def test_new_font_size_rerenders_the_reader(window, qtbot):
    window.list_controller.select_row(0)
    qtbot.waitUntil(lambda: window.reader.current is not None, timeout=5000)
    window.settings.set("reader/font_size", 22)
    window.reader.font_size = window.settings.get("reader/font_size")
    window.reader.rerender()
    assert "font-size:22px" in window.reader.browser.toHtml().replace(" ", "")
