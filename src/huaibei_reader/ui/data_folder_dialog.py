"""The data folder cannot be used: say which folder and why, and offer a way on (another
folder, remembered; or reading the library that is there, read-only).

Shown once at start, before the window, by ``settle_data_folder``; the checks themselves are
``app.data_folder``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huaibei_reader.app.data_folder import FolderProblem, check_data_folder, remember_folder


@dataclass(frozen=True)
class FolderChoice:
    """Where the library lives this session, and whether it is only read there."""

    folder: Path
    read_only: bool = False


class DataFolderDialog(QDialog):
    """One problem with one folder; ``choice`` says what the person picked: ``"other"``,
    ``"read_only"`` or ``""`` (quit)."""

    def __init__(self, problem: FolderProblem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = problem
        self.choice = ""
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setWindowTitle(self.tr("The data folder cannot be used"))
        self.setObjectName("data_folder")
        self.message = QLabel(self.describe(self.problem), self)
        self.message.setObjectName("data_folder_message")
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(460)
        buttons = QDialogButtonBox(self)
        self.other_button = QPushButton(self.tr("Choose another folder…"), self)
        self.other_button.setDefault(True)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button.clicked.connect(lambda: self._finish("other"))
        self.read_only_button = QPushButton(self.tr("Read it read-only"), self)
        self.read_only_button.setToolTip(self.tr(
            "Open the library that is there without changing it: reading and searching "
            "work; refreshing, bookmarks, clippings and new sources are off."))
        buttons.addButton(self.read_only_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.read_only_button.clicked.connect(lambda: self._finish("read_only"))
        self.read_only_button.setVisible(self.read_only_offered(self.problem))
        self.quit_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.quit_button.setText(self.tr("Quit"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def describe(self, problem: FolderProblem) -> str:
        why = {
            "not_a_folder": self.tr("That path is a file, not a folder."),
            "cannot_create": self.tr("The folder cannot be created (%1)."),
            "read_only": self.tr("The folder is read-only (%1)."),
            "full": self.tr("The disk is full (%1)."),
            "cannot_write": self.tr("The folder cannot be written (%1)."),
        }[problem.kind].replace("%1", problem.detail).replace(" ()", "")
        text = self.tr("Huaibei Reader keeps its library in %1, but it cannot use that "
                       "folder. %2").replace("%1", str(problem.folder)).replace("%2", why)
        if self.read_only_offered(problem):
            text += " " + self.tr("The library there can still be read without changes.")
        return text

    @staticmethod
    def read_only_offered(problem: FolderProblem) -> bool:
        return problem.has_library and problem.kind in ("read_only", "full")

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def settle_data_folder(
        folder: Path, *, check: Callable[[Path], FolderProblem | None] = check_data_folder,
        parent: QWidget | None = None) -> FolderChoice | None:
    """The folder to use: ``folder`` when it is usable; else ask (another folder, checked
    the same way and remembered; or read-only) until one works. None: the person quit."""
    original = folder
    while True:
        problem = check(folder)
        if problem is None:
            if folder != original:
                remember_folder(folder)
            return FolderChoice(folder)
        dialog = DataFolderDialog(problem, parent)
        dialog.exec()
        choice = dialog.choice
        dialog.deleteLater()
        if choice == "read_only":
            return FolderChoice(folder, read_only=True)
        if choice != "other":
            return None
        chosen = QFileDialog.getExistingDirectory(
            parent, dialog.tr("Choose a folder for the library"), str(Path.home()))
        if not chosen:
            continue  # back to the same question
        folder = Path(chosen)
