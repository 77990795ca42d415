"""Interface language: our own translation plus Qt's qtbase, following the system locale."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from huaibei_reader.paths import resources_dir

CATALOG = "huaibei_reader"


def app_name() -> str:
    """The product's name in the interface language (淮北阅读器 in Chinese)."""
    return QCoreApplication.translate("MainWindow", "Huaibei Reader")


def window_title(demo: bool) -> str:
    """The main window's title, also the application's display name: Qt appends the display
    name to every window title unless the title already ends with it, so the two are the
    same text and the name shows once."""
    if not demo:
        return app_name()
    return QCoreApplication.translate("MainWindow", "%1 — Sample edition").replace(
        "%1", app_name())


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def resolve_language(setting: str) -> str:
    """'system' becomes zh_CN for any Chinese system locale, else English."""
    if setting and setting != "system":
        return setting
    name = QLocale.system().name()
    return "zh_CN" if name.startswith("zh") else "en"


class Translations:
    """Installs and removes the translators of one language."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, app: QCoreApplication, language: str) -> bool:
        """Switch to ``language`` (zh_CN or en). True when our catalogue loaded (or English)."""
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        self.language = language
        if language == "en":
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            return True
        ours = QTranslator(app)
        loaded = ours.load(f"{CATALOG}_{language}", translations_dir())
        if loaded:
            app.installTranslator(ours)
            self._installed.append(ours)
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}", qt_dir) or qt.load(f"qtbase_{language}",
                                                           translations_dir()):
            app.installTranslator(qt)
            self._installed.append(qt)
        QLocale.setDefault(QLocale(language))
        return loaded
