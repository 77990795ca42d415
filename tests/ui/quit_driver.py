"""The real window on a data folder, offscreen, driven through stdin: the Quit-during-a-refresh
test and the Cancel/Quit benchmark (issue 17). Not a test module.

    python quit_driver.py DATA_DIR

Runs the app as ``huaibei-reader --data-dir DATA_DIR`` does (the window refreshes when it
opens). Lines on stdin:

- ``cancel``: clicks the status bar's Cancel, and when the refresh has ended prints
  ``cancelled SECONDS SAVED`` (seconds from the click to idle, articles it saved);
- ``refresh``: starts a refresh again;
- ``quit`` (or the end of stdin): closes the window as a person closing it would; the process
  exits when the app has shut down, with the app's exit status.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from huaibei_reader.ui.application import GuiApp


class DrivenApp(GuiApp):
    def _build_window(self) -> None:
        from PySide6.QtCore import QSocketNotifier

        super()._build_window()
        self._clicked = 0.0
        self.window.refresh_finished.connect(self._on_window_refresh_finished)
        self._stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read,
                                      self.window)
        self._stdin.activated.connect(self._on_stdin_activated)

    def _on_stdin_activated(self, *_: object) -> None:
        line = sys.stdin.readline()
        command = line.strip()
        if command == "cancel":
            self._clicked = time.monotonic()
            self.window.cancel_button.click()
        elif command == "refresh":
            self.window.refresh_controller.start()
        elif command == "quit" or not line:
            self._stdin.setEnabled(False)
            self.window.close()

    def _on_window_refresh_finished(self, outcome: object) -> None:
        if self._clicked:
            seconds = time.monotonic() - self._clicked
            self._clicked = 0.0
            print(f"cancelled {seconds:.3f} {getattr(outcome, 'saved', -1)}", flush=True)


if __name__ == "__main__":
    sys.exit(DrivenApp(Path(sys.argv[1]), demo=False, self_test=False).run())
