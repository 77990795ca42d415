"""The clippings view: list, filter (tag, source, date), search, edit and delete with undo.

For the main window::

    view = ClippingsView(services.marks, parent)   # builds itself and loads (on a worker)
    view.openArticleRequested.connect(open_article_by_id)
    view.clippingsChanged.connect(sidebar_counts_refresh)
    edit_menu.addAction(view.undo_action); edit_menu.addAction(view.redo_action)
    view.reload()                                  # after a refresh or a new clipping

A clipping whose quote is no longer in its article's current text is marked "changed". Each
edit or deletion is one step on ``undo_stack`` (deleting stores the clipping again on undo).
Reading and writing run as operations of ``MarksService``: the listing on a worker, the
writes one after the other in the order they were asked for (an undo's re-added clipping gets
its new id before the next step needs it). ``loaded`` tells that a listing arrived,
``clippingsChanged`` that the library changed and the list shows it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huaibei_reader.app.marks_service import ClippingRow, ClippingsListing, MarksService
from huaibei_reader.app.operations import Operation
from huaibei_reader.errors import KnownError
from huaibei_reader.models import Clipping
from huaibei_reader.ui.clip_dialog import ClipDialog, copy_with_citation
from huaibei_reader.ui.clipping_detail import ClippingDetail
from huaibei_reader.ui.error_text import error_text

ALL = None
DATE_RANGES = (("any", None), ("today", 1), ("week", 7), ("month", 30), ("year", 365))
#: Lines of a quote (or note) a row shows at most: enough to recognise it, while a screenful
#: still lists several clippings. The whole text is in the detail pane and the tooltip.
MAX_ROW_LINES = 3
#: Widest the side columns are fitted to, in widths of one Chinese character (about two Latin
#: letters): the quote column keeps most of the room (at the default window size, well over
#: 40 % of the table). A header wider than this still gets its width, so none is cut off.
SIDE_COLUMN_EMS = {"note": 8, "tags": 6, "source": 7, "title": 9}
#: Columns that fit their contents exactly: a date and a one-word flag, never long.
FITTED_COLUMNS = ("clipped", "status")


class ClippingsModel(QAbstractTableModel):
    COLUMNS = ("quote", "note", "tags", "source", "title", "clipped", "status")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ClippingRow] = []

    def set_rows(self, rows: list[ClippingRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Quote"), self.tr("Note"), self.tr("Tags"), self.tr("Source"),
                self.tr("Article"), self.tr("Clipped"), self.tr("Status"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        c = row.clipping
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "quote":
                return " ".join(c.quote.split())
            if column == "note":
                return " ".join(c.note.split())
            if column == "tags":
                return ", ".join(c.tags)
            if column == "source":
                return row.source_name
            if column == "title":
                return c.citation.title
            if column == "clipped":
                return c.created_at.astimezone().strftime("%Y-%m-%d")
            if column == "status":
                return self.tr("changed") if row.quote_missing else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "status" and row.quote_missing:
                return self.tr("The article was edited: this quote is no longer in its text.")
            if column in ("quote", "note", "title"):
                return {"quote": c.quote, "note": c.note, "title": c.citation.title}[column]
            if column == "clipped":
                return c.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if role == Qt.ItemDataRole.UserRole:
            return c
        return None


class _EditClipping(QUndoCommand):
    def __init__(self, view: ClippingsView, old: Clipping, new: Clipping) -> None:
        super().__init__(view.tr("Edit clipping"))
        self.view, self.old, self.new = view, old, new

    def redo(self) -> None:
        self.view._store_update(self.new)

    def undo(self) -> None:
        self.view._store_update(self.old)


class _DeleteClipping(QUndoCommand):
    """Deletes on redo; stores the clipping again on undo (it gets a new id, which the view
    remembers for the older steps that name the old one)."""

    def __init__(self, view: ClippingsView, clipping: Clipping) -> None:
        super().__init__(view.tr("Delete clipping"))
        self.view, self.clipping = view, clipping

    def redo(self) -> None:
        if self.clipping.id is not None:
            self.view._store_delete(self.clipping.id)

    def undo(self) -> None:
        self.view._store_add(self.clipping)


#: One write to the library: starts its operation, and what to do with its result.
_Write = tuple[Callable[[], Operation[Any]], Callable[[Any], None] | None]


class ClippingsView(QWidget):
    openArticleRequested = Signal(int)
    clippingsChanged = Signal()
    errorOccurred = Signal(str)
    loaded = Signal()

    def __init__(self, marks: MarksService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marks = marks
        self.undo_stack = QUndoStack(self)
        self._all: list[ClippingRow] = []
        # Undoing a deletion stores the clipping again under a new id; older undo steps
        # still name the old one.
        self._renamed: dict[int, int] = {}
        self._writes: deque[_Write] = deque()
        self._writing = False
        self._changed = False  # written since the last listing: say so when it arrives
        self._setup_ui()
        self.reload()

    # -- building ---------------------------------------------------------------------------

    def _setup_ui(self) -> None:
        self.setObjectName("clippings_view")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("clippings_search")
        self.search_edit.setPlaceholderText(self.tr("Search quotes, notes, tags, titles"))
        self.search_edit.setClearButtonEnabled(True)
        self.tag_combo = QComboBox(self)
        self.tag_combo.setObjectName("clippings_tag")
        self.source_combo = QComboBox(self)
        self.source_combo.setObjectName("clippings_source")
        self.date_combo = QComboBox(self)
        self.date_combo.setObjectName("clippings_date")
        labels = {"any": self.tr("Any time"), "today": self.tr("Last 24 hours"),
                  "week": self.tr("Last 7 days"), "month": self.tr("Last 30 days"),
                  "year": self.tr("Last year")}
        for key, days in DATE_RANGES:
            self.date_combo.addItem(labels[key], days)
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 2)
        filters.addWidget(self.tag_combo, 1)
        filters.addWidget(self.source_combo, 1)
        filters.addWidget(self.date_combo, 1)

        self.model = ClippingsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("clippings_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setMaximumSectionSize(self.max_row_height())
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)
        for column, name in enumerate(ClippingsModel.COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                        if name == "quote" else
                                        QHeaderView.ResizeMode.ResizeToContents
                                        if name in FITTED_COLUMNS else
                                        QHeaderView.ResizeMode.Interactive)
        self.detail = ClippingDetail(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("clippings_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("clippings_count")
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.copy_button = QPushButton(self.tr("&Copy with citation"), self)
        self.open_button = QPushButton(self.tr("&Open article"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        for b in (self.open_button, self.copy_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.delete_action = QAction(self.tr("Delete clipping"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        for action in (self.undo_action, self.redo_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

        self.search_edit.textChanged.connect(self._apply_filters)
        for combo in (self.tag_combo, self.source_combo, self.date_combo):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.table.doubleClicked.connect(self._on_table_doubleClicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_detail)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_action.triggered.connect(self.delete_selected)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)

    # -- loading and filtering --------------------------------------------------------------

    def reload(self) -> None:
        """Read the clippings again (after a refresh, a new clipping or an undo step)."""
        self._marks.clippings().success(self._on_listed) \
            .failure(lambda exc: self.errorOccurred.emit(error_text(exc))) \
            .latest_wins(f"clippings-{id(self)}").run_in_background()

    def _on_listed(self, listing: ClippingsListing) -> None:
        rows = listing.rows
        self._all = rows
        self._fill_combo(self.tag_combo, self.tr("All tags"), [(t, t) for t in listing.tags])
        sources = {(r.source_id, r.source_name) for r in rows if r.source_id is not None}
        self._fill_combo(self.source_combo, self.tr("All sources"),
                         [(name, sid) for sid, name in sorted(sources, key=lambda s: s[1])])
        self._apply_filters()
        self.fit_columns()
        self.loaded.emit()
        if self._changed and not self._writes and not self._writing:
            self._changed = False
            self.clippingsChanged.emit()

    @staticmethod
    def _fill_combo(combo: QComboBox, all_label: str, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_label, ALL)
        for label, value in items:
            combo.addItem(label, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def visible_clippings(self) -> list[Clipping]:
        return [r.clipping for r in self.model.rows]

    def _apply_filters(self, *_: object) -> None:
        tag = self.tag_combo.currentData()
        source = self.source_combo.currentData()
        days = self.date_combo.currentData()
        since = datetime.now(UTC) - timedelta(days=days) if days else None
        needle = self.search_edit.text().strip().casefold()
        rows = []
        for r in self._all:
            c = r.clipping
            if tag is not None and tag not in c.tags:
                continue
            if source is not None and r.source_id != source:
                continue
            if since is not None and c.created_at < since:
                continue
            if needle:
                hay = "\n".join((c.quote, c.note, " ".join(c.tags), c.citation.title,
                                 r.source_name)).casefold()
                if needle not in hay:
                    continue
            rows.append(r)
        self.model.set_rows(rows)
        shown, total = len(rows), len(self._all)
        self.count_label.setText(self.tr("%1 of %2 clippings").replace("%1", str(shown))
                                 .replace("%2", str(total)))
        self._update_buttons()
        self._update_detail()

    def max_row_height(self) -> int:
        """Pixels of ``MAX_ROW_LINES`` lines of the table's text, with the cell's margins."""
        option = QStyleOptionViewItem()
        option.initFrom(self.table)
        option.text = "\u4e2d"
        option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
        one_line = self.table.style().sizeFromContents(
            QStyle.ContentsType.CT_ItemViewItem, option, QSize(), self.table).height()
        return one_line + (MAX_ROW_LINES - 1) * self.table.fontMetrics().lineSpacing()

    def fit_columns(self) -> None:
        """Size the side columns to what they hold, up to their share, never narrower than
        their header; the quote column stretches over the rest."""
        header = self.table.horizontalHeader()
        em = self.table.fontMetrics().horizontalAdvance("\u4e2d")
        for column, name in enumerate(ClippingsModel.COLUMNS):
            if name in SIDE_COLUMN_EMS:
                content = min(self.table.sizeHintForColumn(column), SIDE_COLUMN_EMS[name] * em)
                header.resizeSection(column, max(content, header.sectionSizeHint(column)))

    # -- selection and actions --------------------------------------------------------------

    def selected_clippings(self) -> list[Clipping]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].clipping for r in rows]

    def _update_detail(self, *_: object) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        self.detail.show_row(self.model.rows[rows[0]] if len(rows) == 1 else None, len(rows))

    def _update_buttons(self, *_: object) -> None:
        n = len(self.selected_clippings())
        self.delete_button.setEnabled(n > 0)
        self.delete_action.setEnabled(n > 0)
        for b in (self.edit_button, self.copy_button, self.open_button):
            b.setEnabled(n == 1)

    def edit_selected(self) -> None:
        selected = self.selected_clippings()
        if len(selected) != 1:
            return
        changed = ClipDialog.edit(self, selected[0], known_tags=self._known_tags())
        if changed is not None:
            self.undo_stack.push(_EditClipping(self, selected[0], changed))

    def delete_selected(self) -> None:
        selected = self.selected_clippings()
        if not selected:
            return
        self.undo_stack.beginMacro(self.tr("Delete %n clipping(s)", "", len(selected)))
        for c in selected:
            self.undo_stack.push(_DeleteClipping(self, c))
        self.undo_stack.endMacro()

    def _known_tags(self) -> list[str]:
        return [self.tag_combo.itemText(i) for i in range(1, self.tag_combo.count())]

    def _on_table_doubleClicked(self, index: QModelIndex) -> None:
        self.edit_selected()

    def _on_copy_button_clicked(self) -> None:
        selected = self.selected_clippings()
        if len(selected) == 1:
            copy_with_citation(selected[0].quote, selected[0].citation)

    def _on_open_button_clicked(self) -> None:
        selected = self.selected_clippings()
        if len(selected) == 1:
            self.openArticleRequested.emit(selected[0].article_id)

    # -- library writes (through the undo commands) -----------------------------------------

    def _current_id(self, clip_id: int) -> int:
        while clip_id in self._renamed:
            clip_id = self._renamed[clip_id]
        return clip_id

    def _write(self, start: Callable[[], Operation[Any]],
               after: Callable[[Any], None] | None = None) -> None:
        """Queue a write; writes run one at a time, in order, then the list is read again."""
        self._writes.append((start, after))
        self._next_write()

    def _next_write(self) -> None:
        if self._writing or not self._writes:
            return
        start, after = self._writes.popleft()
        self._writing = True

        def finished(result: Any) -> None:
            self._writing = False
            self._changed = True
            if after is not None:
                after(result)
            self._after_write()

        def failed(exc: KnownError) -> None:
            self._writing = False
            self.errorOccurred.emit(error_text(exc))
            self._after_write()

        start().success(finished).failure(failed).run_in_background()

    def _after_write(self) -> None:
        if self._writes:
            self._next_write()
        else:
            self.reload()

    def _store_update(self, clipping: Clipping) -> None:
        self._write(lambda: self._marks.update_clipping(
            replace(clipping, id=self._current_id(clipping.id or 0))))

    def _store_delete(self, clipping_id: int) -> None:
        self._write(lambda: self._marks.delete_clipping(self._current_id(clipping_id)))

    def _store_add(self, clipping: Clipping) -> None:
        def renamed(stored: Clipping) -> None:
            if clipping.id is not None and stored.id is not None and stored.id != clipping.id:
                self._renamed[clipping.id] = stored.id

        self._write(lambda: self._marks.add_clipping(clipping), renamed)
