"""The Clip dialog: the selected quote, a note and tags, with the reference it will carry.

For the main window (Clip action, Ctrl+Shift+C), with the tags read by ``marks.tags()``::

    clipping = ClipDialog.ask(self, item, selected_text, known_tags=tags)
    if clipping is not None:
        marks.add_clipping(clipping).success(...).run_in_background()

``copy_with_citation(quote, citation)`` puts the quote and its reference on the clipboard
("copy with citation"). The dialog never touches the library itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huaibei_reader.app.marks_service import (
    STYLE_NAMES,
    STYLES,
    citation_for,
    default_style,
    format_citation,
    with_quote,
)
from huaibei_reader.models import Citation, Clipping, LibraryArticle

_TAG_SPLIT = re.compile(r"[,，、;；]+")


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as "a, b，c、d": trimmed, each once, in order."""
    seen: dict[str, None] = {}
    for t in _TAG_SPLIT.split(text):
        if t.strip():
            seen.setdefault(t.strip(), None)
    return tuple(seen)


def copy_with_citation(quote: str, citation: Citation, style: str | None = None) -> str:
    """Put the quote and its reference on the clipboard; return the text put there."""
    text = with_quote(quote, citation, style)
    QGuiApplication.clipboard().setText(text)
    return text


class ClipDialog(QDialog):
    """Edits one clipping's quote, note and tags; shows the reference it will carry."""

    def __init__(self, quote: str, citation: Citation, *, note: str = "",
                 tags: Sequence[str] = (), known_tags: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.citation = citation
        self._known_tags = list(known_tags)
        self._setup_ui()
        self.quote_edit.setPlainText(quote.strip())
        self.note_edit.setPlainText(note)
        self.tags_edit.setText(", ".join(tags))
        self._on_quote_edit_textChanged()

    def _setup_ui(self) -> None:
        self.setObjectName("clip_dialog")
        self.setWindowTitle(self.tr("Clip"))
        self.resize(560, 420)
        form = QFormLayout()
        self.quote_edit = QPlainTextEdit(self)
        self.quote_edit.setObjectName("clip_quote")
        self.quote_edit.setTabChangesFocus(True)
        form.addRow(self.tr("&Quote"), self.quote_edit)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("clip_note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr("Why this matters, whom to ask…"))
        self.note_edit.setMaximumHeight(90)
        form.addRow(self.tr("&Note"), self.note_edit)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setObjectName("clip_tags")
        self.tags_edit.setPlaceholderText(self.tr("comma-separated, e.g. 社区, 采访"))
        completer = QCompleter(self._known_tags, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit.setCompleter(completer)
        form.addRow(self.tr("&Tags"), self.tags_edit)
        self.style_combo = QComboBox(self)
        self.style_combo.setObjectName("clip_style")
        for key in STYLES:
            self.style_combo.addItem(STYLE_NAMES[key], key)
        self.style_combo.setCurrentIndex(STYLES.index(default_style(self.citation)))
        form.addRow(self.tr("Citation &style"), self.style_combo)
        self.reference_label = QLabel(self)
        self.reference_label.setObjectName("clip_reference")
        self.reference_label.setWordWrap(True)
        self.reference_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Reference"), self.reference_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save clipping"))
        self.copy_button = QPushButton(self.tr("Copy with citation"), self)
        self.copy_button.setObjectName("clip_copy")
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.quote_edit.textChanged.connect(self._on_quote_edit_textChanged)
        self.style_combo.currentIndexChanged.connect(self._on_style_combo_currentIndexChanged)
        self._on_style_combo_currentIndexChanged()

    # -- values -----------------------------------------------------------------------------

    @property
    def quote(self) -> str:
        return self.quote_edit.toPlainText().strip()

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    @property
    def tags(self) -> tuple[str, ...]:
        return parse_tags(self.tags_edit.text())

    @property
    def citation_style(self) -> str:
        return self.style_combo.currentData()

    def clipping(self, *, article_id: int, article_version: int,
                 created_at: datetime | None = None, clip_id: int | None = None) -> Clipping:
        return Clipping(id=clip_id, article_id=article_id, article_version=article_version,
                        quote=self.quote, citation=self.citation,
                        created_at=created_at or datetime.now(UTC), note=self.note,
                        tags=self.tags)

    # -- slots ------------------------------------------------------------------------------

    def _on_quote_edit_textChanged(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.quote))
        self.copy_button.setEnabled(bool(self.quote))

    def _on_style_combo_currentIndexChanged(self, *_: object) -> None:
        self.reference_label.setText(format_citation(self.citation, self.citation_style))

    def _on_copy_button_clicked(self) -> None:
        copy_with_citation(self.quote, self.citation, self.citation_style)

    # -- entry points -----------------------------------------------------------------------

    @classmethod
    def ask(cls, parent: QWidget | None, item: LibraryArticle, quote: str, *,
            known_tags: Sequence[str] = ()) -> Clipping | None:
        """Ask for a new clipping of ``item``; None if cancelled. The caller stores it."""
        dialog = cls(quote, citation_for(item), known_tags=known_tags, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.clipping(article_id=item.id, article_version=item.version)

    @classmethod
    def edit(cls, parent: QWidget | None, clipping: Clipping, *,
             known_tags: Sequence[str] = ()) -> Clipping | None:
        """Ask for changes to a stored clipping; None if cancelled or nothing changed."""
        dialog = cls(clipping.quote, clipping.citation, note=clipping.note, tags=clipping.tags,
                     known_tags=known_tags, parent=parent)
        dialog.setWindowTitle(dialog.tr("Edit clipping"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        changed = dialog.clipping(article_id=clipping.article_id,
                                  article_version=clipping.article_version,
                                  created_at=clipping.created_at, clip_id=clipping.id)
        return None if changed == clipping else changed
