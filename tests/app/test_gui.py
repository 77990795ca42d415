"""run_gui end to end, in child processes (each needs its own QApplication and event loop)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUAIBEI_READER")}
    env.update({"PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen",
                "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "xdg")})
    return env


def test_self_test_opens_the_sample_edition_and_exits_zero(tmp_path):
    out = subprocess.run([sys.executable, "-m", "huaibei_reader", "--self-test"],
                         capture_output=True, text=True, timeout=180, env=_env(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "self-test: OK" in out.stdout
    assert "Traceback" not in out.stderr
    assert "propagateSizeHints" not in out.stderr


DEMO_SCRIPT = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from huaibei_reader.ui import application as gui

app = QApplication([])
data = Path(sys.argv[1])
holder = {}

def connect():
    window = holder["app"].window
    def finished(outcome):
        print("NEW", getattr(outcome, "new", -1), "ROWS", window.model.rowCount(),
              "SOURCES", [s.name for s in window.sidebar.sources()])
        app.quit()
    window.refresh_finished.connect(finished)

orig = gui.GuiApp._build_window
def build(self):
    orig(self)
    holder["app"] = self
    QTimer.singleShot(0, connect)
gui.GuiApp._build_window = build
QTimer.singleShot(90_000, app.quit)
sys.exit(gui.run_gui(data, demo=True, self_test=False))
"""


def test_demo_uses_its_own_library_and_refreshes_the_sample_edition(tmp_path):
    data = tmp_path / "user-data"
    out = subprocess.run([sys.executable, "-c", DEMO_SCRIPT, str(data)], capture_output=True,
                         text=True, timeout=180, env=_env(tmp_path))
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("NEW"))
    new = int(line.split()[1])
    assert new >= 10
    assert "今日淮北 (示例)" in line
    assert (data / "demo" / "library.sqlite3").exists()
    assert not (data / "library.sqlite3").exists()  # the user's own library is untouched


QUIT_SCRIPT = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from huaibei_reader.ui import application as gui
from huaibei_reader.demo import server as demo_server

original_answer = demo_server.EditionSite.answer
def slow_answer(self, *args, **kwargs):
    time.sleep(0.3)  # every answer slow: the refresh is surely in flight at quit
    return original_answer(self, *args, **kwargs)
demo_server.EditionSite.answer = slow_answer

app = QApplication([])
holder = {}
orig = gui.GuiApp._build_window
def build(self):
    orig(self)
    holder["app"] = self
    def check():
        window = self.window
        if window.refresh_controller.refreshing:
            print("REFRESHING", flush=True)
            holder["t"] = time.monotonic()
            window.close()
            app.quit()
        else:
            QTimer.singleShot(50, check)
    QTimer.singleShot(50, check)
gui.GuiApp._build_window = build
code = gui.run_gui(Path(sys.argv[1]), demo=True, self_test=False)
print("EXIT", code, "SHUTDOWN_S", round(time.monotonic() - holder["t"], 2), flush=True)
sys.exit(code)
"""


def test_quitting_during_a_refresh_shuts_down_cleanly(tmp_path):
    out = subprocess.run([sys.executable, "-c", QUIT_SCRIPT, str(tmp_path / "data")],
                         capture_output=True, text=True, timeout=180, env=_env(tmp_path))
    assert "REFRESHING" in out.stdout, out.stderr
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert "QThread: Destroyed while thread is still running" not in out.stderr
    shutdown = float(out.stdout.split("SHUTDOWN_S")[1].split()[0])
    assert shutdown < 10  # cancelled, not waited out
