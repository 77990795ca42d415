"""Light and dark palettes; 'system' follows the platform's colour scheme as it changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    pal = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2b2d31", roles.WindowText: "#e6e6e6", roles.Base: "#1e1f22",
        roles.AlternateBase: "#26282c", roles.ToolTipBase: "#2b2d31",
        roles.ToolTipText: "#e6e6e6", roles.Text: "#e6e6e6", roles.Button: "#34373c",
        roles.ButtonText: "#e6e6e6", roles.BrightText: "#ff6b6b", roles.Link: "#7fb4ff",
        roles.Highlight: "#2f6fca", roles.HighlightedText: "#ffffff",
        roles.PlaceholderText: "#8b949e", roles.Mid: "#3b4148", roles.Dark: "#16171a",
        roles.Light: "#45484e", roles.Shadow: "#000000",
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7079"))
    return pal


def light_palette() -> QPalette:
    pal = QApplication.style().standardPalette()
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6a737d"))
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fca"))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return pal


def apply_theme(app: QApplication, theme: str) -> bool:
    """Apply 'system', 'light' or 'dark'; returns True when the result is dark."""
    dark = system_is_dark() if theme == "system" else theme == "dark"
    app.setPalette(dark_palette() if dark else light_palette())
    return dark
