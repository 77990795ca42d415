"""Add a source: the dialog stays open while the address is looked at (on a worker), shows
that it is working, and shows why it failed next to the address the person typed.

The address is checked where every other entry point checks it (``webaddress``, through the
source service's detection), so the dialog words the same verdict the command line prints.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from huaibei_reader.app.operations import Operation
from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import KnownError
from huaibei_reader.models import Source
from huaibei_reader.textsafe import one_line
from huaibei_reader.ui.error_text import error_text
from huaibei_reader.webaddress import NotAWebAddress

#: Stores what is found at an address (or a built-in source's name), with an optional name.
AddSource = Callable[[str, str | None], Operation[Source]]
_SHOWN_CHARS = 200  # of a typed address repeated in a message


def why_not_added(typed: str, exc: KnownError) -> str:
    """Why ``typed`` could not be added, naming the address once: a lower layer's message
    that already names it is shown as it is; otherwise the address goes in front."""
    shown = one_line(typed)[:_SHOWN_CHARS]
    if isinstance(exc, NotAWebAddress):
        if exc.reason == "empty":
            return QCoreApplication.translate("AddSourceDialog",
                                              "Enter the address of a site or feed.")
        if exc.reason == "host_chars":
            text = QCoreApplication.translate(
                "AddSourceDialog",
                "“%1” is not a web address: a host name cannot contain “%2”.")
            return text.replace("%1", shown).replace("%2", exc.bad)
        text = QCoreApplication.translate(
            "AddSourceDialog", "“%1” is not a web address: give one starting with http:// or "
            "https://, or a host such as www.morang.cn.")
        return text.replace("%1", shown)
    reason = one_line(error_text(exc))
    if typed.strip() and typed.strip().rstrip("/") in reason:
        return reason
    return f"{shown}: {reason}"


class AddSourceDialog(QDialog):
    """Asks for a site or feed address and an optional name, and adds it through ``add``;
    closes (accepted, ``added`` set) only once the source is stored."""

    def __init__(self, add: AddSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._add = add
        self._token: CancelToken | None = None
        self.added: Source | None = None
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setWindowTitle(self.tr("Add a source"))
        self.setObjectName("add_source")
        form = QFormLayout()
        self.url = QLineEdit(self)
        self.url.setObjectName("add_source_url")
        self.url.setPlaceholderText("https://www.morang.cn/")
        form.addRow(self.tr("Address of a site or feed"), self.url)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("(optional: taken from the site)"))
        form.addRow(self.tr("Name"), self.name)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("add_source_busy")
        self.busy.setRange(0, 0)  # unknown length: detection is one or a few requests
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel(self)
        self.status.setObjectName("add_source_status")
        self.status.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("add_source_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setDefault(True)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 0)

    @property
    def working(self) -> bool:
        return self._token is not None

    def accept(self) -> None:
        """Add pressed: look at the address on a worker; the dialog stays open meanwhile."""
        if self.working:
            return
        typed = self.url.text().strip()
        self.error.clear()
        self._set_working(True, typed)
        name = self.name.text().strip() or None
        self._token = self._add(typed, name).success(self._on_added) \
            .failure(lambda exc: self._on_failed(typed, exc)).run_in_background()

    def reject(self) -> None:
        if self._token is not None:
            self._token.cancel()
            self._token = None
        super().reject()

    def _set_working(self, working: bool, typed: str = "") -> None:
        self.busy.setVisible(working)
        self.status.setText(self.tr("Looking at %1…").replace("%1", one_line(typed)[:200])
                            if working else "")
        for widget in (self.url, self.name, self.add_button):
            widget.setEnabled(not working)

    def _on_added(self, source: Source) -> None:
        if self._token is None:  # cancelled meanwhile
            return
        self._token = None
        self.added = source
        self._set_working(False)
        super().accept()

    def _on_failed(self, typed: str, exc: KnownError) -> None:
        if self._token is None:
            return
        self._token = None
        self._set_working(False)
        self.error.setText(why_not_added(typed, exc))
        self.url.setFocus()
        self.url.selectAll()
