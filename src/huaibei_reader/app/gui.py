"""The composition root of the window: builds services, the Qt application and the window.

``run_gui(data_dir, demo, self_test)`` is called by the command line when no subcommand is
given. ``--demo`` serves the bundled sample edition on loopback into a library of its own
(``<data dir>/demo``); ``--self-test`` does the same offscreen in a temporary folder, waits until
articles are listed and one renders, and exits 0 (or 1 with the reason): the installers' smoke
test.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from huaibei_reader import APP_ID, APP_NAME, __version__

SELF_TEST_TIMEOUT_MS = 90_000
# SQLite page cache of each of the window's library connections (one per worker thread, up
# to the runner's 8). Paging 100,000 list rows filled the default 16 MB of every connection
# that served a page; 4 MB kept list pages and searches as fast (benchmarks/results/ui.md).
WINDOW_CACHE_KIB = 4_000


def make_refresh(services: Any) -> Callable[..., Any]:
    """The refresh the window runs on a worker: app.refresh over the services' collaborators."""
    from huaibei_reader.app.operations import OperationContext
    from huaibei_reader.ui.context import RefreshOutcome

    def refresh(library: Any, sources: list, ctx: OperationContext) -> RefreshOutcome:
        from huaibei_reader.app.refresh import refresh_sources

        def progress(*args: Any, **kwargs: Any) -> None:
            ctx.progress(*_progress_parts(args, kwargs))

        reports = refresh_sources(sources, library=library, client=services.http_client,
                                  site_rules=services.site_rules, progress=progress,
                                  cancel=ctx.cancel)
        new = updated = failed_pages = 0
        failed: dict[int, str] = {}
        notes: list[str] = []
        for report in reports:
            new += _count(getattr(report, "new", 0))
            updated += _count(getattr(report, "updated", 0))
            failed_pages += _count(getattr(report, "failed", ()))
            error = getattr(report, "error", None)
            source = getattr(report, "source", None)
            if error and source is not None and source.id is not None:
                failed[source.id] = str(error)
            notes += [n for n in report.notes() if n not in notes]
        return RefreshOutcome(new=new, updated=updated, failed_sources=failed,
                              sources=len(sources), failed_pages=failed_pages,
                              notes=tuple(notes))

    return refresh


def make_detect(services: Any) -> Callable[[str, str | None], Any]:
    """Source detection (site or feed) with the services' HTTP client; runs on a worker."""

    def detect(url: str, name: str | None) -> Any:
        from huaibei_reader.sources.detect import detect_source

        return detect_source(url, services.http_client, name=name)

    return detect


def read_opml(data: bytes) -> list:
    from huaibei_reader.sources.opml import read_opml as read

    return read(data)


def write_opml(sources: list) -> bytes:
    from huaibei_reader.sources.opml import write_opml as write

    return write(sources)


def _count(value: Any) -> int:
    if isinstance(value, int):
        return value
    try:
        return len(value)
    except TypeError:
        return 0


def _progress_parts(args: tuple, kwargs: dict) -> tuple[int, int, str]:
    """Accept the shapes a progress callback may be called with: (done, total, label),
    an object with those attributes, or a label alone."""
    if args and not isinstance(args[0], (int, float, str)):
        obj = args[0]
        label = str(getattr(obj, "label", "") or getattr(obj, "message", "") or "")
        source = getattr(obj, "source", "")
        if isinstance(source, str) and source:
            label = f"{source}: {label}" if label else source
        return (int(getattr(obj, "done", 0) or 0), int(getattr(obj, "total", 0) or 0), label)
    numbers = [int(a) for a in args if isinstance(a, (int, float)) and not isinstance(a, bool)]
    texts = [str(a) for a in args if isinstance(a, str)]
    done = int(kwargs.get("done", numbers[0] if numbers else 0))
    total = int(kwargs.get("total", numbers[1] if len(numbers) > 1 else 0))
    label = str(kwargs.get("label", kwargs.get("message", texts[0] if texts else "")))
    return done, total, label


def run_gui(data_dir: Path | None, demo: bool, self_test: bool) -> int:
    """Open the window; return the process exit code."""
    if self_test and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from huaibei_reader.paths import default_data_dir

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


_NOISE = ("propagateSizeHints",)


def _quiet_platform_noise() -> None:
    """Drop the offscreen platform's 'does not support propagateSizeHints()' line; keep the
    rest of Qt's messages on stderr."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        if any(n in message for n in _NOISE):
            return
        if kind != QtMsgType.QtDebugMsg or os.environ.get("HUAIBEI_READER_DEBUG"):
            print(message, file=sys.stderr)

    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        qInstallMessageHandler(handler)


class GuiApp:
    """Owns the QApplication, the services, the runner and the (re)built window."""

    def __init__(self, data_dir: Path, *, demo: bool, self_test: bool) -> None:
        self.data_dir = data_dir
        self.demo = demo
        self.self_test = self_test
        self.server: Any = None
        self.window: Any = None
        self.exit_code = 0
        self.self_test_reason = ""

    def run(self) -> int:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from huaibei_reader.app.operations import OperationRunner
        from huaibei_reader.app.services import Services
        from huaibei_reader.app.settings import SETTINGS_FILE, Settings
        from huaibei_reader.ui.i18n import Translations, resolve_language
        from huaibei_reader.ui.messages import CrashLog, MessageChannel

        _quiet_platform_noise()
        # Worker threads parse library rows under the GIL; a shorter switch interval lets the
        # GUI thread, which enters Python for every paint and model call, get it back sooner.
        sys.setswitchinterval(0.001)
        app = QApplication.instance() or QApplication(sys.argv[:1])
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
        from huaibei_reader.logs import configure_logging

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
            from huaibei_reader.demo import DEMO_PORT, DemoUnavailable, SampleEditionServer

            self.server = SampleEditionServer(port=0 if self.self_test else DEMO_PORT)
            try:
                self.server.start()
            except DemoUnavailable as exc:
                print(f"huaibei-reader: {exc}", file=sys.stderr)
                return 1
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
    def _context(self) -> Any:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from huaibei_reader.ui.context import WindowContext

        services = self.services
        detect = make_detect(services)

        return WindowContext(
            runner=self.runner, settings=self.settings, messages=self.messages,
            data_dir=self.data_dir, open_library=self._open_library,
            refresh=make_refresh(services), detect_source=detect, read_opml=read_opml,
            write_opml=write_opml,
            open_url=lambda url: QDesktopServices.openUrl(QUrl(url)),
            open_sample=None if self.demo else self._open_sample, crash_log=self.crash_log,
            demo=self.demo)

    def _open_library(self) -> Any:
        """Worker thread: open the library; in demo mode make sure the edition is a source."""
        library = self.services.library
        if self.server is not None:
            from huaibei_reader.models import Source

            url = self.server.base_url
            names = {s.name: s for s in library.sources.all()}
            sample = names.get("今日淮北 (示例)")
            if sample is not None and sample.url != url and sample.id is not None:
                library.sources.remove(sample.id)  # the port changed since last time
                sample = None
            if sample is None:
                library.sources.add(Source(id=None, name="今日淮北 (示例)", url=url, kind="site"))
        return library

    def _build_window(self) -> None:
        from PySide6.QtWidgets import QApplication

        from huaibei_reader.ui.main_window import MainWindow
        from huaibei_reader.ui.theme import apply_theme

        app = QApplication.instance()
        dark = apply_theme(app, self.settings.get("ui/theme"))
        self.window = MainWindow(self._context())
        self.window.reader.set_dark(dark)
        self.window.restart_requested.connect(self._on_window_restart_requested)
        if self.demo and not self.self_test:
            from PySide6.QtCore import QCoreApplication

            self.messages.info(QCoreApplication.translate(
                "MainWindow", "Sample edition served at %1").replace(
                "%1", self.server.base_url))
        self.window.show()

    def _on_color_scheme_changed(self, *_: object) -> None:
        """The system switched light/dark: follow it when the theme setting says so."""
        from huaibei_reader.ui.theme import apply_theme

        if self.settings.get("ui/theme") == "system" and self.window is not None:
            self.window.reader.set_dark(apply_theme(self.app, "system"))

    def _on_window_restart_requested(self) -> None:
        """Language or theme changed: rebuild the window with the new translators."""
        from PySide6.QtCore import QTimer

        from huaibei_reader.ui.i18n import resolve_language

        old = self.window
        old.save_state()
        old.ctx.messages.detach()
        self.translations.install(self.app, resolve_language(self.settings.get("ui/language")))

        def rebuild() -> None:
            old.hide()
            old.deleteLater()
            self._build_window()

        QTimer.singleShot(0, rebuild)

    def _open_sample(self) -> None:
        from PySide6.QtCore import QProcess

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
        from PySide6.QtCore import QTimer

        window = self.window
        window.article_shown.connect(self._on_self_test_article_shown)
        window.model.page_loaded.connect(self._on_self_test_page_loaded)
        window.refresh_finished.connect(self._on_self_test_refresh_finished)
        self._deadline = QTimer(self.app)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(lambda: self._fail(
            "no article was listed and rendered within "
            f"{SELF_TEST_TIMEOUT_MS // 1000} s"))
        self._deadline.start(SELF_TEST_TIMEOUT_MS)

    def _on_self_test_refresh_finished(self, outcome: Any) -> None:
        if isinstance(outcome, BaseException):
            self._fail(f"refresh failed: {outcome}")
        elif self.window.model.rowCount() == 0 and not getattr(outcome, "new", 0):
            self._fail("the refresh of the sample edition stored no article")

    def _on_self_test_page_loaded(self) -> None:
        window = self.window
        if window.model.rowCount() > 0 and window.current_id is None:
            window.select_row(0)

    def _on_self_test_article_shown(self, article_id: int) -> None:
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
