"""Preferences, the keyboard shortcuts list, and the add-source dialog."""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huaibei_reader.app.settings import Settings


def _lay_out_form(dialog: QDialog, form: QFormLayout) -> QLabel:
    """The form, a line for what is wrong with it, and OK/Cancel; returns that line."""
    error = QLabel(dialog)
    error.setStyleSheet("color: #c0392b")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error


class PreferencesDialog(QDialog):
    """Edits the declared settings; writes them only on OK."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._setup_ui()
        self._load()

    def _setup_ui(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.setObjectName("preferences")
        form = QFormLayout()
        self.interval = QSpinBox(self)
        self.interval.setRange(0, 24 * 60)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setSpecialValueText(self.tr("Never"))
        form.addRow(self.tr("Refresh automatically every"), self.interval)
        self.on_start = QCheckBox(self.tr("Refresh when the window opens"), self)
        form.addRow("", self.on_start)
        self.host_delay = QDoubleSpinBox(self)
        self.host_delay.setRange(0.0, 60.0)
        self.host_delay.setDecimals(1)
        self.host_delay.setSuffix(self.tr(" s"))
        form.addRow(self.tr("Pause between requests to one site"), self.host_delay)
        self.per_host = QSpinBox(self)
        self.per_host.setRange(1, 8)
        form.addRow(self.tr("Requests at once to one site"), self.per_host)
        self.cache = QSpinBox(self)
        self.cache.setRange(0, 1_000_000)
        self.cache.setSingleStep(100)
        self.cache.setSuffix(" MB")
        self.cache.setSpecialValueText(self.tr("No limit"))
        self.cache.setToolTip(self.tr("After each refresh the oldest articles go until the "
                                      "library fits; bookmarked and clipped ones stay."))
        form.addRow(self.tr("Library size limit"), self.cache)
        self.proxy = QLineEdit(self)
        self.proxy.setPlaceholderText(self.tr("none, or e.g. http://127.0.0.1:8080"))
        form.addRow(self.tr("Proxy"), self.proxy)
        self.default_font = QCheckBox(self.tr("Default Chinese font"), self)
        self.font_family = QFontComboBox(self)
        self.default_font.toggled.connect(self._on_default_font_toggled)
        form.addRow(self.tr("Reader font"), self.default_font)
        form.addRow("", self.font_family)
        self.font_size = QSpinBox(self)
        self.font_size.setRange(10, 40)
        self.font_size.setSuffix(" px")
        form.addRow(self.tr("Reader font size"), self.font_size)
        self.theme = QComboBox(self)
        for value, label in (("system", self.tr("Follow the system")),
                             ("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            self.theme.addItem(label, value)
        form.addRow(self.tr("Theme"), self.theme)
        self.language = QComboBox(self)
        for value, label in (("system", self.tr("Follow the system")),
                             ("zh_CN", "简体中文"), ("en", "English")):
            self.language.addItem(label, value)
        form.addRow(self.tr("Language"), self.language)
        self.error = _lay_out_form(self, form)

    def _load(self) -> None:
        s = self.settings
        self.interval.setValue(s.get("refresh/interval_minutes"))
        self.on_start.setChecked(s.get("refresh/on_start"))
        self.host_delay.setValue(s.get("net/host_delay_seconds"))
        self.per_host.setValue(s.get("net/per_host_limit"))
        self.cache.setValue(s.get("library/cache_limit_mb"))
        self.proxy.setText(s.get("net/proxy"))
        family = s.get("reader/font_family")
        self.default_font.setChecked(not family)
        if family:
            self.font_family.setCurrentFont(QFont(family))
        self.font_family.setEnabled(bool(family))
        self.font_size.setValue(s.get("reader/font_size"))
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.get("ui/theme"))))
        self.language.setCurrentIndex(max(0, self.language.findData(s.get("ui/language"))))

    def _on_default_font_toggled(self, checked: bool) -> None:
        self.font_family.setEnabled(not checked)

    def accept(self) -> None:
        proxy = self.proxy.text().strip()
        if proxy and proxy.split("://", 1)[0].lower() not in ("http", "https", "socks5",
                                                               "socks5h"):
            self.error.setText(self.tr("The proxy must start with http://, https:// or "
                                       "socks5://"))
            return
        s = self.settings
        s.set("refresh/interval_minutes", self.interval.value())
        s.set("refresh/on_start", self.on_start.isChecked())
        s.set("net/host_delay_seconds", self.host_delay.value())
        s.set("net/per_host_limit", self.per_host.value())
        s.set("library/cache_limit_mb", self.cache.value())
        s.set("net/proxy", proxy)
        s.set("reader/font_family", "" if self.default_font.isChecked()
              else self.font_family.currentFont().family())
        s.set("reader/font_size", self.font_size.value())
        s.set("ui/theme", self.theme.currentData())
        s.set("ui/language", self.language.currentData())
        s.sync()
        super().accept()


class ShortcutsDialog(QDialog):
    """Help > Keyboard shortcuts: every action that has a shortcut, with its keys."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setObjectName("shortcuts")
        rows = [(a.text().replace("&", ""), ", ".join(
            k.toString(k.SequenceFormat.NativeText) for k in a.shortcuts()))
            for a in actions if a.shortcuts()]
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (name, keys) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(name))
            table.setItem(i, 1, QTableWidgetItem(keys))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(460, 480)


class AddSourceDialog(QDialog):
    """Asks for a site or feed URL and an optional name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a source"))
        self.setObjectName("add_source")
        form = QFormLayout()
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://www.morang.cn/")
        form.addRow(self.tr("Address of a site or feed"), self.url)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("(optional: taken from the site)"))
        form.addRow(self.tr("Name"), self.name)
        self.error = _lay_out_form(self, form)
        self.resize(520, 0)

    def accept(self) -> None:
        url = self.url.text().strip()
        has_scheme = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)", url) is not None
        if url and not has_scheme:  # "www.morang.cn" or "localhost:8080/news"
            url = "https://" + url
            self.url.setText(url)
        if not url.lower().startswith(("http://", "https://")):
            self.error.setText(self.tr("Enter a web address starting with http:// or https://"))
            return
        super().accept()
