"""The real window on a data folder, offscreen, closed when told: the Quit-during-a-refresh
test and benchmark (issue 17). Not a test module.

    python quit_driver.py DATA_DIR

Runs the app as ``huaibei-reader --data-dir DATA_DIR`` does (the window refreshes when it
opens); a line "quit" on stdin closes the window as a person closing it would, and the
process exits when the app has shut down (its exit status is the app's).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from huaibei_reader.app.gui import GuiApp  # noqa: E402


class DrivenApp(GuiApp):
    def _build_window(self) -> None:
        from PySide6.QtCore import QSocketNotifier

        super()._build_window()
        self._stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read,
                                      self.window)
        self._stdin.activated.connect(self._on_stdin_activated)

    def _on_stdin_activated(self, *_: object) -> None:
        line = sys.stdin.readline()
        if line.strip() == "quit" or not line:
            self._stdin.setEnabled(False)
            self.window.close()


if __name__ == "__main__":
    sys.exit(DrivenApp(Path(sys.argv[1]), demo=False, self_test=False).run())
