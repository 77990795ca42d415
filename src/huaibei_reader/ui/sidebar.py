"""The sidebar: fixed views, then each source (unread count, error state), then saved searches.

Each entry has a key: ``all``, ``unread``, ``bookmarks``, ``clippings``, ``source:<id>`` or
``search:<text>``. The window remembers the key of the last selection.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from huaibei_reader.models import Source

KeyRole = Qt.ItemDataRole.UserRole + 1


class Sidebar(QTreeWidget):
    view_selected = Signal(str)
    rename_requested = Signal(int)
    remove_requested = Signal(int)
    refresh_requested = Signal(int)
    remove_search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._sources: dict[int, Source] = {}
        self._key_before_press = ""
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("sidebar")
        self.setStyleSheet("QTreeWidget#sidebar::item { padding: 3px 2px; }")
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        self.setIndentation(12)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_self_custom_context_menu_requested)
        self.itemSelectionChanged.connect(self._on_self_item_selection_changed)
        self.itemClicked.connect(self._on_self_item_clicked)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        for key, label in (("all", self.tr("All articles")), ("unread", self.tr("Unread")),
                           ("bookmarks", self.tr("Bookmarks")),
                           ("clippings", self.tr("Clippings"))):
            self._add(None, key, label)
        self._sources_header = self._section(self.tr("Sources"))
        self._searches_header = self._section(self.tr("Saved searches"))
        self._searches_header.setHidden(True)

    def _section(self, label: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [label, ""])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QFont(item.font(0))
        font.setBold(True)
        font.setPointSizeF(max(1.0, font.pointSizeF() * 0.9))
        item.setFont(0, font)
        item.setExpanded(True)
        item.setFirstColumnSpanned(True)
        return item

    def _add(self, parent: QTreeWidgetItem | None, key: str, label: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([label, ""]) if parent is not None else QTreeWidgetItem(self,
                                                                                      [label, ""])
        if parent is not None:
            parent.addChild(item)
        item.setData(0, KeyRole, key)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._items[key] = item
        return item

    # -- content ------------------------------------------------------------------------
    def set_sources(self, sources: list[Source]) -> None:
        selected = self.current_key()
        self.blockSignals(True)
        for key in [k for k in self._items if k.startswith("source:")]:
            item = self._items.pop(key)
            self._sources_header.removeChild(item)
        self._sources = {s.id: s for s in sources if s.id is not None}
        warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for source in sources:
            item = self._add(self._sources_header, f"source:{source.id}", source.name)
            if source.last_error:
                item.setIcon(0, warn)
                item.setForeground(0, QBrush(QColor("#c0392b")))
                item.setToolTip(0, self.tr("Last refresh failed: %1").replace(
                    "%1", source.last_error))
            else:
                item.setToolTip(0, source.url)
        self._sources_header.setExpanded(True)
        if selected and selected in self._items:
            self._items[selected].setSelected(True)
            self.setCurrentItem(self._items[selected])
        self.blockSignals(False)
        if selected and selected not in self._items:
            self.select_key("all")

    def set_counts(self, counts: dict[str, int]) -> None:
        """Unread counts by key (``unread``, ``source:<id>`` ...); zero shows nothing."""
        for key, item in self._items.items():
            n = counts.get(key, 0)
            item.setText(1, str(n) if n else "")
            font = QFont(item.font(0))
            font.setBold(bool(n) and key != "all")
            item.setFont(0, font)

    def set_saved_searches(self, searches: list[str]) -> None:
        selected = self.current_key()
        self.blockSignals(True)
        for key in [k for k in self._items if k.startswith("search:")]:
            self._searches_header.removeChild(self._items.pop(key))
        for text in searches:
            self._add(self._searches_header, f"search:{text}", text)
        self._searches_header.setHidden(not searches)
        self._searches_header.setExpanded(True)
        if selected in self._items:
            self.setCurrentItem(self._items[selected])
        self.blockSignals(False)

    def source(self, source_id: int) -> Source | None:
        return self._sources.get(source_id)

    def sources(self) -> list[Source]:
        return list(self._sources.values())

    def keys(self) -> list[str]:
        return list(self._items)

    def current_key(self) -> str:
        item = self.currentItem()
        key = item.data(0, KeyRole) if item is not None else None
        return str(key) if key else ""

    def select_key(self, key: str) -> bool:
        item = self._items.get(key)
        if item is None:
            return False
        self.setCurrentItem(item)
        return True

    # -- slots --------------------------------------------------------------------------
    def _on_self_item_selection_changed(self) -> None:
        key = self.current_key()
        if key:
            self.view_selected.emit(key)

    def _on_self_item_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        # A click on the entry already selected re-applies it (e.g. leaves a search).
        key = str(item.data(0, KeyRole) or "")
        if key and key == self._key_before_press:
            self.view_selected.emit(key)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._key_before_press = self.current_key()
        super().mousePressEvent(event)

    def _on_self_custom_context_menu_requested(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        key = str(item.data(0, KeyRole) or "") if item is not None else ""
        menu = QMenu(self)
        if key.startswith("source:"):
            source_id = int(key.split(":", 1)[1])
            for label, signal in ((self.tr("Refresh this source"), self.refresh_requested),
                                  (self.tr("Rename…"), self.rename_requested),
                                  (self.tr("Remove…"), self.remove_requested)):
                action = QAction(label, menu)
                action.triggered.connect(lambda _=False, s=signal: s.emit(source_id))
                menu.addAction(action)
        elif key.startswith("search:"):
            action = QAction(self.tr("Remove saved search"), menu)
            text = key.split(":", 1)[1]
            action.triggered.connect(lambda _=False: self.remove_search_requested.emit(text))
            menu.addAction(action)
        if not menu.isEmpty():
            menu.exec(self.viewport().mapToGlobal(pos))
