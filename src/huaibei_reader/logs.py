"""Where the app's log goes: a small rotating file in the data folder, never the terminal.

Messages for the person travel by their own channel (stderr lines of the CLI, the window's
status bar); the log keeps the details, tracebacks included, for a bug report.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "huaibei-reader.log"
_OURS = "huaibei_reader"


class _OneLine(logging.Formatter):
    """One line, no traceback: for stderr when no log file could be opened."""

    def format(self, record: logging.LogRecord) -> str:
        return f"huaibei-reader: {record.getMessage()}".splitlines()[0]


class _LazyFileHandler(RotatingFileHandler):
    """Creates its folder and file at the first record, so commands that log nothing leave
    no trace; if the folder cannot be written, the record goes to stderr as one line."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8", delay=True)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self._fallback = logging.StreamHandler(sys.stderr)
        self._fallback.setFormatter(_OneLine())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is None:
                Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            if self.shouldRollover(record):
                self.doRollover()
            logging.FileHandler.emit(self, record)
        except OSError:
            if record.levelno >= logging.WARNING:
                self._fallback.emit(record)


def configure_logging(data_dir: Path) -> Path:
    """Send the app's log records (not Python's default stderr) to ``data_dir/logs``."""
    logger = logging.getLogger(_OURS)
    for handler in list(logger.handlers):
        if isinstance(handler, _LazyFileHandler):
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(logging.INFO)
    logger.propagate = False  # keep Python's last-resort handler from printing tracebacks
    path = Path(data_dir) / "logs" / LOG_NAME
    logger.addHandler(_LazyFileHandler(path))
    return path
