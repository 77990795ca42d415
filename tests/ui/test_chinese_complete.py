"""Chinese, completely (issue 15): every visible string of the built window and its dialogs is
in the .ts catalogue, a zh_CN screen shows no Latin words but names and addresses, errors from
lower layers are worded by the window, menus have distinct mnemonics, and the shortcuts dialog
shows its keys."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from screen_text import latin_words, pattern, plain, translations, visible_texts

from huaibei_reader.errors import KnownError, NetworkError
from huaibei_reader.models import Source
from huaibei_reader.ui import error_text as wording
from huaibei_reader.ui.i18n import Translations, window_title

REPO = Path(__file__).resolve().parents[2]
UPDATE = REPO / "resources" / "translations" / "update.py"
LANGUAGES = ("en", "zh_CN")


@pytest.fixture
def language(request, qapp):
    translations = Translations()
    assert translations.install(qapp, request.param)
    yield request.param
    translations.install(qapp, "en")



def dead_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def dialogs_of(window) -> list[QWidget]:
    """The window's dialogs, built as the window builds them (not shown)."""
    from huaibei_reader.ui.add_source_dialog import AddSourceDialog
    from huaibei_reader.ui.dialogs import PreferencesDialog, ShortcutsDialog

    return [PreferencesDialog(window.settings, window),
            AddSourceDialog(window.sources_controller._sources.add, window),
            ShortcutsDialog(window.actions_.all(), window)]


def screens(window) -> list[tuple[str, str]]:
    texts = visible_texts(window)
    for dialog in dialogs_of(window):
        texts += visible_texts(dialog)
    return texts


# ------------------------------------------------------------------ menus and shortcuts
@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_no_two_items_of_one_menu_share_a_mnemonic(language, factory):
    window = factory.build()
    clashes = []

    def walk(title: str, actions) -> None:
        keys = Counter()
        for action in actions:
            if action.isSeparator() or not action.isVisible():
                continue
            found = re.search(r"&([^&])", action.text())
            if found:
                keys[found.group(1).lower()] += 1
            if action.menu() is not None:
                walk(action.text(), action.menu().actions())
        clashes.extend(f"{title}: &{k} x{n}" for k, n in keys.items() if n > 1)

    walk("menu bar", window.menuBar().actions())
    for menu in window.findChildren(QMenu):  # context menus built up front too
        walk(menu.title() or menu.objectName(), menu.actions())
    assert clashes == []
    assert len(window.menuBar().actions()) >= 4


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_the_shortcuts_dialog_shows_every_key(language, factory, qtbot):
    from huaibei_reader.ui.dialogs import ShortcutsDialog

    window = factory.build()
    dialog = ShortcutsDialog(window.actions_.all(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert table.rowCount() >= 10
    metrics = table.fontMetrics()
    keys_seen = []
    for row in range(table.rowCount()):
        name, keys = table.item(row, 0).text(), table.item(row, 1).text()
        assert name and keys, row
        assert "&" not in name
        # the whole key text fits in its column (nothing elided)
        assert table.columnWidth(1) >= metrics.horizontalAdvance(keys), keys
        keys_seen.append(keys)
    assert table.horizontalHeader().sectionViewportPosition(1) + table.columnWidth(1) \
        <= table.viewport().width() + 1
    assert any("Ctrl+R" in k for k in keys_seen)


# ------------------------------------------------------------------ the catalogue
def test_update_check_passes():
    done = subprocess.run([sys.executable, str(UPDATE), "--check"], capture_output=True,
                          text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr


def _data_texts(factory) -> set[str]:
    return {s.name for s in factory.library.sources.all()}


def test_every_visible_string_is_in_the_catalogue(chinese, factory):
    factory.library.sources.add(Source(id=None, name="今日淮北", url="http://127.0.0.1:9/"))
    window = factory.build()
    _sources, targets = translations()
    templates = [pattern(plain(t)) for t in targets if "%" in t]
    shown = {plain(t) for t in targets}
    # each language named in itself (the preferences' list), and an example address
    data = _data_texts(factory) | {"简体中文", "English", "https://www.morang.cn/"}
    qt_own = {QCoreApplication.translate("QPlatformTheme", w) for w in ("OK", "Cancel",
                                                                         "Close", "Apply")}
    missing = []
    for where, text in screens(window):
        if not re.search(r"[A-Za-z\u4e00-\u9fff]", text):
            continue  # numbers and punctuation
        if plain(text) in shown or text in data or plain(text) in qt_own:
            continue
        if any(t.match(plain(text)) for t in templates):
            continue
        missing.append((where, text))
    assert missing == []


def test_a_string_outside_the_catalogue_is_caught(chinese, factory):
    # The check above would see an English string that skipped tr().
    window = factory.build()
    window.status_label.setText("Refreshing everything")
    _sources, targets = translations()
    texts = {t: w for w, t in visible_texts(window)}
    assert "Refreshing everything" in texts and "Refreshing everything" not in targets
    assert latin_words("Refreshing everything") == ["Refreshing", "everything"]


# ------------------------------------------------------------------ Latin on Chinese screens
def test_a_chinese_window_shows_latin_only_for_names_and_addresses(chinese, factory, qtbot):
    port = dead_port()
    factory.library.sources.add(Source(id=None, name="死站", url=f"http://127.0.0.1:{port}/"))
    window = factory.build()
    with qtbot.waitSignal(window.refresh_finished, timeout=60_000):
        window.refresh_controller.start()

    def sidebar_tip() -> str:
        return next(item.toolTip(0) for key, item in window.sidebar._items.items()
                    if key.startswith("source:"))

    qtbot.waitUntil(lambda: sidebar_tip().startswith("上次刷新失败"))
    data = _data_texts(factory)
    texts = screens(window)
    status = window.status_label.text()
    assert "127.0.0.1" in status and "离线" in status
    tooltip = sidebar_tip()
    assert "127.0.0.1" in tooltip
    texts += [("status", status), ("sidebar tooltip", tooltip)]
    texts += [("message", m.text) for m in window.ctx.messages.history]
    latin = [(where, text, latin_words(text, data)) for where, text in texts
             if latin_words(text, data)]
    assert latin == []


# ------------------------------------------------------------------ errors from below
def test_every_error_kind_has_chinese_words(chinese):
    values = {"host": "www.morang.cn", "page": "https://www.morang.cn/x.html", "seconds": 10.0,
              "limit": "20 MB", "where": "127.0.0.1", "content_type": "application/pdf",
              "detail": "错误 10", "path": "/tmp/library.sqlite3", "found": 9,
              "known": 8}
    for kind, names in wording._VALUES.items():
        exc = KnownError("english", kind=kind, **{n: values[n] for n in names})
        text = wording.error_text(exc)
        assert text != "english" and re.search(r"[\u4e00-\u9fff]", text), kind
        assert latin_words(text) == [], (kind, text)
    for kind in set(wording._templates()) - set(wording._VALUES):
        text = wording.error_text(KnownError("english", kind=kind))
        assert re.search(r"[\u4e00-\u9fff]", text) and "english" not in text, kind


def test_a_real_network_error_is_worded_in_chinese(chinese):
    from huaibei_reader.net.addresses import AddressPolicy
    from huaibei_reader.net.client import HttpClient, HttpConfig

    port = dead_port()
    client = HttpClient(HttpConfig(user_agent="test", retries=0,
                                   address_policy=AddressPolicy(allow_local=True)))
    with pytest.raises(NetworkError) as caught:
        client.get(f"http://127.0.0.1:{port}/page.html")
    exc = caught.value
    assert "connection refused" in str(exc) or "cannot connect" in str(exc)  # the CLI's
    text = wording.error_text(exc)
    assert text.startswith("无法连接 127.0.0.1"), text
    assert f"http://127.0.0.1:{port}/page.html" in text


def test_an_unknown_kind_falls_back_to_a_translated_line_with_the_english_detail(chinese):
    text = wording.error_text(NetworkError("the moon is in the way", kind="lunar"))
    assert text == "网络错误:the moon is in the way"
    assert wording.error_text(KnownError("odd")) == "出了问题:odd"


def test_the_english_words_are_the_cli_words(qapp):
    from huaibei_reader.net.failures import status_error

    exc = status_error("https://www.morang.cn/a.html", 404)
    assert wording.error_text(exc) == "not found (HTTP 404): https://www.morang.cn/a.html"
    assert str(exc) == "not found (HTTP 404): https://www.morang.cn/a.html"


def test_fill_replaces_once():
    assert wording.fill("%1 and %2", "%2", "x") == "%2 and x"


# ------------------------------------------------------------------ the title
@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Huaibei Reader — Sample edition"), ("zh_CN", "淮北阅读器 — 示例版")],
    indirect=["language"])
def test_the_sample_edition_title_names_the_app_once(language, expected, factory):
    from huaibei_reader.ui.context import WindowContext
    from huaibei_reader.ui.main_window import MainWindow
    from huaibei_reader.ui.messages import MessageChannel

    QApplication.instance().setApplicationDisplayName(window_title(True))  # as GuiApp does
    window = MainWindow(WindowContext(services=factory.window_services(),
                                      settings=factory.settings, messages=MessageChannel(),
                                      open_url=factory.opened_urls.append, demo=True))
    factory.qtbot.addWidget(window)
    factory.windows.append(window)
    assert window.windowTitle() == expected
    # Qt appends the display name to a title that does not end with it: the name shows once
    assert window.windowTitle().endswith(QApplication.applicationDisplayName())
    assert window.windowTitle().count(window_title(False)) == 1
    factory.qtbot.waitUntil(lambda: window.library_open, timeout=10_000)
