"""The window's application: the QApplication, translations, theme, the (re)built window,
shutdown, and the installers' self-test.

``run_gui(data_dir, demo, self_test)`` is called by the command line when no subcommand is
given. ``--demo`` serves the bundled sample edition on loopback into a library of its own
(``<data dir>/demo``); ``--self-test`` does the same offscreen in a temporary folder, waits until
articles are listed and one renders, and exits 0 (or 1 with the reason): the installers' smoke
test. The services come from ``app.gui`` (no widgets there); the widgets are built here.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess, QSettings, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from huaibei_reader import APP_ID, APP_NAME, __version__
from huaibei_reader.app.gui import (
    WINDOW_CACHE_KIB,
    SampleEditionServer,
    quiet_platform_noise,
    serve_sample_edition,
    window_services,
)
from huaibei_reader.app.operations import OperationRunner
from huaibei_reader.app.refresh_service import RefreshOutcome
from huaibei_reader.app.services import Services
from huaibei_reader.app.settings import SETTINGS_FILE, Settings
from huaibei_reader.errors import KnownError
from huaibei_reader.logs import configure_logging
from huaibei_reader.paths import default_data_dir
from huaibei_reader.ui.context import WindowContext
from huaibei_reader.ui.i18n import Translations, resolve_language
from huaibei_reader.ui.main_window import MainWindow
from huaibei_reader.ui.messages import CrashLog, MessageChannel
from huaibei_reader.ui.theme import apply_theme

SELF_TEST_TIMEOUT_MS = 90_000


def run_gui(data_dir: Path | None, demo: bool, self_test: bool) -> int:
    """Open the window; return the process exit code."""
    if self_test and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # read when the QApplication is made
    temp: tempfile.TemporaryDirectory[str] | None = None
    if self_test:
        temp = tempfile.TemporaryDirectory(prefix="huaibei-self-test-")
        data_dir = Path(temp.name)
    elif data_dir is None:
        data_dir = default_data_dir()
    if demo and not self_test:
        data_dir = Path(data_dir) / "demo"
    try:
        return GuiApp(Path(data_dir), demo=demo or self_test, self_test=self_test).run()
    finally:
        if temp is not None:
            temp.cleanup()


class GuiApp:
    """Owns the QApplication, the services, the runner and the (re)built window."""

    def __init__(self, data_dir: Path, *, demo: bool, self_test: bool) -> None:
        self.data_dir = data_dir
        self.demo = demo
        self.self_test = self_test
        self.server: SampleEditionServer | None = None
        self.window: MainWindow | None = None
        self.exit_code = 0
        self.self_test_reason = ""

    def run(self) -> int:
        quiet_platform_noise()
        # Worker threads parse library rows under the GIL; a shorter switch interval lets the
        # GUI thread, which enters Python for every paint and model call, get it back sooner.
        sys.setswitchinterval(0.001)
        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
        app.setApplicationName(APP_ID)
        # Lets Wayland match the window to the installed .desktop entry and its icon.
        app.setDesktopFileName("io.github.huaibei_reader.HuaibeiReader")
        app.setApplicationDisplayName(APP_NAME)
        app.setApplicationVersion(__version__)
        app.setStyle("Fusion")
        self.app = app
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"huaibei-reader: cannot create {self.data_dir}: {exc.strerror}",
                  file=sys.stderr)
            return 1
        configure_logging(self.data_dir)
        self.qsettings = QSettings(str(self.data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)
        self.settings = Settings(self.qsettings)
        self.messages = MessageChannel(app)
        self.crash_log = CrashLog(self.data_dir / "crash.log")
        self.translations = Translations()
        language = "en" if self.self_test else resolve_language(self.settings.get("ui/language"))
        self.translations.install(app, language)
        self.runner = OperationRunner(app, on_known_error=lambda e: self.messages.error(str(e)),
                                      on_bug=self._on_bug)
        self.services = Services(self.data_dir, settings=self.settings, demo=self.demo,
                                 library_cache_kib=WINDOW_CACHE_KIB)
        previous_hook = sys.excepthook
        sys.excepthook = lambda t, v, tb: self._on_bug(v, "".join(
            traceback.format_exception(t, v, tb)))
        app.aboutToQuit.connect(self._on_app_about_to_quit)
        if self.demo:
            try:
                self.server = serve_sample_edition(any_port=self.self_test)
            except KnownError as exc:  # demo.DemoUnavailable: no folder, no free port
                print(f"huaibei-reader: {exc}", file=sys.stderr)
                return 1
        self.window_services = window_services(
            self.services, self.runner,
            sample_url=self.server.base_url if self.server is not None else None)
        self._build_window()
        app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        if self.self_test:
            self._arm_self_test()
        try:
            code = app.exec()
        finally:
            sys.excepthook = previous_hook
        if self.self_test:
            if self.exit_code:
                print(f"huaibei-reader self-test: FAILED: {self.self_test_reason}",
                      file=sys.stderr)
            else:
                print("huaibei-reader self-test: OK")
            return self.exit_code
        return int(code)

    # ------------------------------------------------------------------ window
    def _context(self) -> WindowContext:
        return WindowContext(
            services=self.window_services, settings=self.settings, messages=self.messages,
            open_url=lambda url: QDesktopServices.openUrl(QUrl(url)),
            open_sample=None if self.demo else self._open_sample, crash_log=self.crash_log,
            demo=self.demo)

    def _build_window(self) -> None:
        dark = apply_theme(self.app, self.settings.get("ui/theme"))
        window = MainWindow(self._context())
        self.window = window
        window.reader.set_dark(dark)
        window.restart_requested.connect(self._on_window_restart_requested)
        if self.server is not None and not self.self_test:
            self.messages.info(QCoreApplication.translate(
                "MainWindow", "Sample edition served at %1").replace(
                "%1", self.server.base_url))
        window.show()

    def _on_color_scheme_changed(self, *_: object) -> None:
        """The system switched light/dark: follow it when the theme setting says so."""
        if self.settings.get("ui/theme") == "system" and self.window is not None:
            self.window.reader.set_dark(apply_theme(self.app, "system"))

    def _on_window_restart_requested(self) -> None:
        """Language or theme changed: rebuild the window with the new translators."""
        old = self.window
        assert old is not None
        old.save_state()
        old.ctx.messages.detach()
        self.translations.install(self.app, resolve_language(self.settings.get("ui/language")))

        def rebuild() -> None:
            old.hide()
            old.deleteLater()
            self._build_window()

        QTimer.singleShot(0, rebuild)

    def _open_sample(self) -> None:
        QProcess.startDetached(sys.executable, ["-m", "huaibei_reader", "--demo"])

    # ------------------------------------------------------------------ errors, shutdown
    def _on_bug(self, exc: BaseException, details: str) -> None:
        path = self.crash_log.record(exc, details)
        if self.self_test:
            self._fail(f"internal error: {type(exc).__name__}: {exc}")
            return
        self.messages.error(f"Internal error ({type(exc).__name__}); details in {path}")

    def _on_app_about_to_quit(self) -> None:
        if self.window is not None:
            self.window.save_state()
        self.runner.shutdown()
        if self.server is not None:
            self.server.stop()
        self.services.close()

    # ------------------------------------------------------------------ self-test
    def _arm_self_test(self) -> None:
        window = self.window
        assert window is not None
        window.article_shown.connect(self._on_self_test_article_shown)
        window.model.page_loaded.connect(self._on_self_test_page_loaded)
        window.refresh_finished.connect(self._on_self_test_refresh_finished)
        self._deadline = QTimer(self.app)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(lambda: self._fail(
            "no article was listed and rendered within "
            f"{SELF_TEST_TIMEOUT_MS // 1000} s"))
        self._deadline.start(SELF_TEST_TIMEOUT_MS)

    def _on_self_test_refresh_finished(self, outcome: object) -> None:
        assert self.window is not None
        if isinstance(outcome, BaseException):
            self._fail(f"refresh failed: {outcome}")
        elif self.window.model.rowCount() == 0 and not (
                isinstance(outcome, RefreshOutcome) and outcome.new):
            self._fail("the refresh of the sample edition stored no article")

    def _on_self_test_page_loaded(self) -> None:
        window = self.window
        assert window is not None
        if window.model.rowCount() > 0 and window.current_id is None:
            window.list_controller.select_row(0)

    def _on_self_test_article_shown(self, article_id: int) -> None:
        assert self.window is not None
        text = self.window.reader.browser.toPlainText().strip()
        if len(text) < 20:
            self._fail(f"article {article_id} rendered almost empty")
            return
        self.exit_code = 0
        self.app.quit()

    def _fail(self, reason: str) -> None:
        if not self.self_test_reason:
            self.self_test_reason = reason
        self.exit_code = 1
        self.app.quit()
