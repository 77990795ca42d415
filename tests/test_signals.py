"""Tens of thousands of queued signals across threads must not crash the interpreter.

PySide6 6.12.0 on Python 3.11 aborts the process after about 570 ``Signal.emit()`` calls;
the project pins around it. This test is the guard: it runs in a child process so an abort
shows up as a failed exit code rather than killing the test run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EMITS = 25_000

SCRIPT = f"""
import os, threading
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

class Emitter(QObject):
    ping = Signal(int, object)

class Receiver(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0
        self.total = 0
    def on_ping(self, n, payload):
        self.count += 1
        self.total += n + len(payload)
        if self.count == 2 * {EMITS}:
            QCoreApplication.quit()

app = QCoreApplication([])
receiver = Receiver()
emitter = Emitter()
emitter.ping.connect(receiver.on_ping)

def work():
    for i in range({EMITS}):
        emitter.ping.emit(i, "x")

threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
QTimer.singleShot(120_000, app.quit)
app.exec()
for t in threads:
    t.join()
print(receiver.count, receiver.total)
"""


def test_tens_of_thousands_of_cross_thread_emits_survive() -> None:
    src = Path(__file__).resolve().parents[1] / "src"
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         timeout=180, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin",
                                           "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, f"exit {out.returncode}: {out.stderr[-2000:]}"
    count, total = (int(x) for x in out.stdout.split())
    assert count == 2 * EMITS
    assert total == 2 * (sum(range(EMITS)) + EMITS)
