"""What a person can read on a window or dialog: every widget's text, every action's text and
tip, menu titles, headers, placeholders, tooltips, combo-box items, window titles. Used by the
translation tests to judge a built window in zh_CN."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFontComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

REPO = Path(__file__).resolve().parents[2]
TS_FILE = REPO / "resources" / "translations" / "huaibei_reader_zh_CN.ts"


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every string ``root`` and its children show, hidden ones included
    (a hidden label is shown later: it is text of the screen all the same)."""
    found: list[tuple[str, str]] = []

    def add(where: str, text: str | None) -> None:
        if text and text.strip():
            found.append((where, text))

    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        name = f"{type(w).__name__}#{w.objectName()}"
        if w.isWindow():
            add(f"{name} title", w.windowTitle())
        add(f"{name} tooltip", w.toolTip())
        if isinstance(w, QLabel):
            add(name, w.text())
        if isinstance(w, QAbstractButton):
            add(name, w.text())
        if isinstance(w, QLineEdit):
            add(f"{name} placeholder", w.placeholderText())
        if isinstance(w, QPlainTextEdit | QTextEdit):
            add(f"{name} placeholder", w.placeholderText())
        if isinstance(w, QGroupBox):
            add(name, w.title())
        if isinstance(w, QComboBox) and not isinstance(w, QFontComboBox):  # fonts: names
            for i in range(w.count()):
                add(f"{name} item", w.itemText(i))
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(f"{name} tab", w.tabText(i))
        if isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                item = w.horizontalHeaderItem(c)
                add(f"{name} header", item.text() if item else "")
        if isinstance(w, QTreeWidget):
            header = w.headerItem()
            if not w.isHeaderHidden():
                for c in range(w.columnCount()):
                    add(f"{name} header", header.text(c))
        if isinstance(w, QMenu):
            add(f"{name} menu", w.title())
        for action in w.actions():
            add(f"{name} action", action.text())
            plain = action.text().replace("&", "")
            if action.toolTip() not in (plain, plain.rstrip("…")):  # Qt's own tip: the text
                add(f"{name} action tip", action.toolTip())
            add(f"{name} action status tip", action.statusTip())
    for action in root.findChildren(QAction):
        add("action", action.text())
    return found


def translations() -> tuple[set[str], set[str]]:
    """(source texts, translations) of the shipped .ts."""
    root = ET.parse(TS_FILE).getroot()
    sources, targets = set(), set()
    for message in root.iter("message"):
        sources.add(message.findtext("source") or "")
        targets.add("".join(message.find("translation").itertext()))
    return sources, targets


def plain(text: str) -> str:
    """A text as Qt shows it on a tool button or in an automatic tip: no "&", no "…"."""
    return text.replace("&", "").removesuffix("…").removesuffix("...")


def pattern(template: str) -> re.Pattern[str]:
    """A translation with %1, %2... as wildcards."""
    parts = re.split(r"%\d", template)
    return re.compile("(?s)" + ".+?".join(re.escape(p) for p in parts) + r"\Z")


# Words a Chinese screen may show in Latin letters: product and format names, protocols, keys.
ALLOWED_WORDS = {
    "OPML", "PDF", "Markdown", "HTML", "WARC", "JSON", "URL", "RSS", "Atom", "HTTP", "HTTPS",
    "http", "https", "SOCKS", "PySocks", "SQLite", "Ctrl", "Shift", "Alt", "Meta", "Space",
    "Enter", "Return", "Esc", "Tab", "Del", "Delete", "Home", "End", "PgUp", "PgDown", "Up",
    "Down", "Left", "Right", "Backspace", "Ins", "Word", "APA", "Chicago", "GB", "MLA", "Noto",
    "CJK", "Source", "Han", "robots", "txt", "Qt", "PySide", "zh", "CN", "Huaibei", "KB", "MB",
    "English",  # the language list names each language in itself
}
URL_OR_PATH = re.compile(r"(?:[a-z][a-z0-9+.-]*://\S+|\b[a-z]+/[\w.+-]+|"  # URL, MIME type
                         r"(?:[A-Za-z]:)?[/\\][\w./\\~-]+|"  # a file path
                         r"\b[\w-]+(?:\.[\w-]+)+(?::\d+)?\S*)")  # a host name
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def latin_words(text: str, data: set[str] = frozenset()) -> list[str]:
    """The Latin words of ``text`` that are neither allowed names, nor part of a URL or a file
    path, nor ``data`` (texts from the library: source names, titles)."""
    for item in sorted(data, key=len, reverse=True):
        if item:
            text = text.replace(item, " ")
    text = URL_OR_PATH.sub(" ", text)
    text = text.replace("&", "")
    return [w for w in LATIN_WORD.findall(text) if w not in ALLOWED_WORDS
            and not (len(w) == 1 and w.isupper())]  # a key: "R" in "Ctrl+R", "(&R)"
