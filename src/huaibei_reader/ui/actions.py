"""The window's actions, declared once: text, keys, and where they appear.

Standard keys (``QKeySequence.StandardKey``) come first where one exists, so each platform gets
its own convention; the reader's single-letter keys (j/k, n/p, b, o, /) follow feed readers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QWidget

SK = QKeySequence.StandardKey


def _keys(*specs: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for spec in specs:
        if isinstance(spec, QKeySequence.StandardKey):
            out.extend(k for k in QKeySequence.keyBindings(spec) if not k.isEmpty())
        else:
            out.append(QKeySequence(spec))
    unique: list[QKeySequence] = []
    for k in out:
        if k not in unique:
            unique.append(k)
    return unique


class WindowActions:
    """Creates every QAction of the main window, owned by ``window``."""

    def __init__(self, window: QWidget) -> None:
        tr = window.tr
        style = window.style()

        def make(name: str, text: str, keys: list[QKeySequence], icon: QIcon | None = None,
                 checkable: bool = False, tip: str = "") -> QAction:
            action = QAction(text, window)
            action.setObjectName(name)
            if keys:
                action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if icon is not None:
                action.setIcon(icon)
            action.setCheckable(checkable)
            if tip:
                action.setToolTip(tip)
            window.addAction(action)
            return action

        sp = QStyle.StandardPixmap
        self.refresh = make("refresh", tr("&Refresh"), _keys("Ctrl+R", SK.Refresh),
                            style.standardIcon(sp.SP_BrowserReload),
                            tip=tr("Fetch new articles from every source (Ctrl+R)"))
        self.cancel_refresh = make("cancel_refresh", tr("Cancel refresh"), [],
                                   style.standardIcon(sp.SP_BrowserStop))
        self.mark_all_read = make("mark_all_read", tr("&Mark all as read"),
                                  _keys("Ctrl+Shift+A"),
                                  style.standardIcon(sp.SP_DialogApplyButton))
        self.unread_only = make("unread_only", tr("&Unread only"), _keys("U"),
                                style.standardIcon(sp.SP_FileDialogDetailedView), checkable=True)
        self.next = make("next", tr("&Next article"), _keys("J", "N"))
        self.previous = make("previous", tr("&Previous article"), _keys("K", "P"))
        self.page_or_next = make("page_or_next", tr("Page &down, then next article"),
                                 _keys("Space"))
        self.bookmark = make("bookmark", tr("&Bookmark"), _keys("B"), checkable=True)
        self.open_original = make("open_original", tr("&Open the original in the browser"),
                                  _keys("O"))
        self.search = make("search", tr("&Search the library"), _keys("/", "Ctrl+K"))
        self.find = make("find", tr("&Find in article"), _keys(SK.Find))
        self.zoom_in = make("zoom_in", tr("Zoom &in"), _keys(SK.ZoomIn, "Ctrl+="))
        self.zoom_out = make("zoom_out", tr("Zoom &out"), _keys(SK.ZoomOut))
        self.zoom_reset = make("zoom_reset", tr("&Actual size"), _keys("Ctrl+0"))
        self.add_source = make("add_source", tr("&Add source…"), _keys(SK.New),
                               style.standardIcon(sp.SP_FileDialogNewFolder))
        self.import_opml = make("import_opml", tr("&Import OPML…"), [])
        self.export_opml = make("export_opml", tr("&Export OPML…"), [])
        self.save_search = make("save_search", tr("Sa&ve this search"), [])
        self.clip = make("clip", tr("&Clip selection…"), _keys("Ctrl+Shift+C"))
        self.copy_citation = make("copy_citation", tr("Copy with ci&tation"), _keys("Ctrl+Alt+C"),
                                  tip=tr("Copy the selection with a reference to the article"))
        self.preferences = make("preferences", tr("&Preferences…"),
                                _keys(SK.Preferences, "Ctrl+,"))
        self.quit = make("quit", tr("&Quit"), _keys(SK.Quit))
        self.shortcuts = make("shortcuts", tr("&Keyboard shortcuts"), _keys(SK.HelpContents))
        self.about = make("about", tr("&About Huaibei Reader"), [])
        self.cancel_refresh.setEnabled(False)
        self.save_search.setEnabled(False)

    def all(self) -> list[QAction]:
        return [v for v in vars(self).values() if isinstance(v, QAction)]


def build_menus(window: QMainWindow, a: WindowActions) -> QMenu:
    """The menu bar of ``window``; returns the File menu (the export submenu joins it)."""
    tr = window.tr
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("&File"))
    file_menu.setObjectName("file_menu")
    for action in (a.add_source, a.import_opml, a.export_opml):
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(a.preferences)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    view_menu = bar.addMenu(tr("&View"))
    for action in (a.unread_only, a.zoom_in, a.zoom_out, a.zoom_reset):
        view_menu.addAction(action)
    go_menu = bar.addMenu(tr("&Article"))
    for action in (a.next, a.previous, a.page_or_next, a.bookmark, a.open_original,
                   a.find, a.clip, a.copy_citation, a.mark_all_read, a.refresh, a.search,
                   a.save_search):
        go_menu.addAction(action)
    help_menu = bar.addMenu(tr("&Help"))
    help_menu.addAction(a.shortcuts)
    help_menu.addAction(a.about)
    return file_menu
