"""An unusable data folder at start: a dialog names the folder and why, offers another folder
(remembered for the next start) and, where a library is there, reading it read-only; the
window then reads that library with every write disabled and says so."""

from __future__ import annotations

import errno

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from support.data_folders import failing, make_library, read_only_view

from huaibei_reader.app.data_folder import check_data_folder
from huaibei_reader.app.operations import OperationRunner
from huaibei_reader.app.services import Services
from huaibei_reader.app.settings import Settings
from huaibei_reader.app.window_services import build_window_services
from huaibei_reader.paths import DATA_ENV, default_data_dir
from huaibei_reader.ui.context import WindowContext
from huaibei_reader.ui.data_folder_dialog import (
    DataFolderDialog,
    FolderChoice,
    settle_data_folder,
)
from huaibei_reader.ui.main_window import MainWindow
from huaibei_reader.ui.messages import MessageChannel


@pytest.fixture(autouse=True)
def own_config(tmp_path, monkeypatch):
    """The remembered folder goes to this test's configuration folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv(DATA_ENV, raising=False)


def answer_dialog(qtbot, seen: list[str], button: str) -> None:
    """When the data-folder dialog shows, note its message and press ``button``."""

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DataFolderDialog):
            QTimer.singleShot(10, press)
            return
        seen.append(dialog.message.text())
        target = {"other": dialog.other_button, "read_only": dialog.read_only_button,
                  "quit": dialog.quit_button}[button]
        assert target.isVisible(), f"{button} is not offered"
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press)


def test_a_file_in_place_of_the_folder_offers_another_which_is_remembered(
        qtbot, tmp_path, monkeypatch):
    path = tmp_path / "data"
    path.write_text("a file, not a folder")
    other = tmp_path / "elsewhere"
    other.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kwargs: str(other)))
    seen: list[str] = []
    answer_dialog(qtbot, seen, "other")
    choice = settle_data_folder(path)
    assert choice == FolderChoice(other)
    assert len(seen) == 1 and str(path) in seen[0] and "is a file, not a folder" in seen[0]
    assert default_data_dir() == other.resolve()  # the next start uses it


def test_quitting_leaves_nothing_remembered(qtbot, tmp_path):
    path = tmp_path / "data"
    path.write_text("x")
    seen: list[str] = []
    answer_dialog(qtbot, seen, "quit")
    assert settle_data_folder(path) is None
    assert seen and not (tmp_path / "config").exists()


def test_a_read_only_folder_with_a_library_can_be_read(qtbot, tmp_path):
    # Simulated with an injected write check (root ignores permissions); the real read-only
    # mount is in test_the_window_reads_a_read_only_library below and tests/app.
    make_library(tmp_path / "data")
    seen: list[str] = []
    answer_dialog(qtbot, seen, "read_only")
    choice = settle_data_folder(tmp_path / "data", check=lambda folder: check_data_folder(
        folder, probe=failing(errno.EROFS)))
    assert choice == FolderChoice(tmp_path / "data", read_only=True)
    assert str(tmp_path / "data") in seen[0] and "read-only (Read-only file system)" in seen[0]


def test_the_window_reads_a_read_only_library(qtbot, tmp_path):
    make_library(tmp_path / "rw")
    with read_only_view(tmp_path / "rw", tmp_path / "ro") as folder:
        assert check_data_folder(folder).kind == "read_only"
        services = Services(folder, settings=None, read_only=True)
        settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        settings.set("refresh/on_start", True)  # would write: must not run
        runner = OperationRunner(max_threads=4)
        messages = MessageChannel()
        window = MainWindow(WindowContext(services=build_window_services(services, runner),
                                          settings=settings, messages=messages,
                                          open_url=lambda url: None))
        qtbot.addWidget(window)
        window.show()
        try:
            qtbot.waitUntil(lambda: window.library_open and window.model.rowCount() == 1,
                            timeout=10_000)
            assert window.banner.isVisible()
            assert "Read-only" in window.banner.text() and str(folder) in window.banner.text()
            a = window.actions_
            assert not any(x.isEnabled() for x in (a.refresh, a.add_source, a.bookmark,
                                                   a.mark_all_read, a.import_opml, a.clip))
            window.list_controller.select_row(0)
            qtbot.waitUntil(lambda: "相山区老旧小区加装电梯" in window.reader.browser.toPlainText(),
                            timeout=10_000)
            assert not window.refresh_controller.refreshing
            assert window.status_label.text() == ""  # no write was tried and failed
        finally:
            window.close()
            runner.shutdown()
            services.close()
