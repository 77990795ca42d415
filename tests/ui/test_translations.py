"""The Simplified Chinese translation: complete, compiled, and loaded by the window."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from huaibei_reader.ui.article_list import relative_time
from huaibei_reader.ui.i18n import Translations, resolve_language

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "resources" / "translations"


@pytest.fixture
def chinese(qapp):
    translations = Translations()
    assert translations.install(qapp, "zh_CN")
    yield translations
    translations.install(qapp, "en")


def test_every_message_in_the_ts_is_translated():
    root = ET.parse(TRANSLATIONS / "huaibei_reader_zh_CN.ts").getroot()
    messages = root.findall("context/message")
    assert len(messages) > 100
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") == "unfinished"
                  or not "".join(m.find("translation").itertext()).strip()]
    assert unfinished == []


def test_no_string_of_the_interface_is_missing_from_the_catalogue(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists() and not shutil.which("pyside6-lupdate"):
        pytest.skip("pyside6-lupdate is not installed")
    package = REPO / "src" / "huaibei_reader"
    files = [str(p) for p in sorted((package / "ui").glob("*.py"))]
    out = tmp_path / "x.ts"
    subprocess.run([str(lupdate) if lupdate.exists() else "pyside6-lupdate", *files, "-ts",
                    str(out), "-silent"], check=True, timeout=120)
    extracted = {m.findtext("source") for m in ET.parse(out).getroot().findall(
        "context/message")}
    shipped = {m.findtext("source") for m in ET.parse(
        TRANSLATIONS / "huaibei_reader_zh_CN.ts").getroot().findall("context/message")}
    assert extracted - shipped == set(), "run resources/translations/update.py"


def test_the_compiled_catalogue_is_newer_than_its_source():
    ts = TRANSLATIONS / "huaibei_reader_zh_CN.ts"
    qm = TRANSLATIONS / "huaibei_reader_zh_CN.qm"
    assert qm.stat().st_size > 1000
    assert qm.stat().st_mtime >= ts.stat().st_mtime - 1


def test_window_speaks_chinese_under_zh_cn(chinese, factory, qtbot):
    window = factory.build()
    assert window.actions_.refresh.text() == "刷新(&R)"
    assert window.sidebar._items["all"].text(0) == "全部文章"
    assert window.search_edit.placeholderText() == "搜索文库( / )"
    assert "欢迎使用淮北阅读器" in window.reader.browser.toPlainText()
    now = datetime.now(UTC)
    assert relative_time(now - timedelta(minutes=3), now) == "3 分钟前"
    assert relative_time(now - timedelta(seconds=5), now) == "刚刚"


def test_qt_own_strings_are_chinese_too(chinese):
    # qtbase_zh_CN: the standard buttons of dialogs.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_english_is_the_source_language(qapp):
    translations = Translations()
    assert translations.install(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "&Refresh") == "&Refresh"


def test_language_setting_resolution():
    assert resolve_language("zh_CN") == "zh_CN"
    assert resolve_language("en") == "en"
    assert resolve_language("system") in ("zh_CN", "en")


def test_relative_time_moves_to_dates():
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    assert relative_time(now - timedelta(hours=2), now) == "2 h ago"
    assert relative_time(datetime(2022, 10, 1, 5, 39, tzinfo=UTC), now) == "2022-10-01"
    assert relative_time(None, now) == ""
