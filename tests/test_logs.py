"""The app's log: details in a file of the data folder, nothing on the terminal."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from huaibei_reader.logs import configure_logging


@pytest.fixture()
def restore_logger():
    logger = logging.getLogger("huaibei_reader")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield logger
    for h in list(logger.handlers):
        logger.removeHandler(h)
        h.close()
    logger.handlers[:], logger.level, logger.propagate = saved[0], saved[1], saved[2]


def test_nothing_is_written_until_something_is_logged(tmp_path: Path, restore_logger) -> None:
    path = configure_logging(tmp_path / "data")
    assert not (tmp_path / "data").exists()
    try:
        raise ValueError("boom on a hostile page")
    except ValueError:
        logging.getLogger("huaibei_reader.app.refresh").exception("unexpected error on %s", "u")
    text = path.read_text(encoding="utf-8")
    assert "unexpected error on u" in text
    assert "ValueError: boom on a hostile page" in text  # the traceback is kept for bug reports


def test_a_logged_bug_prints_nothing_on_stderr(tmp_path: Path, restore_logger,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(tmp_path)
    logging.getLogger("huaibei_reader.x").error("internal detail\nsecond line")
    assert capsys.readouterr().err == ""


def test_unwritable_folder_falls_back_to_one_line(tmp_path: Path, restore_logger,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    configure_logging(blocker)  # data_dir/logs cannot be made under a file
    logging.getLogger("huaibei_reader.x").error("disk trouble\nwith details")
    assert capsys.readouterr().err == "huaibei-reader: disk trouble\n"


def test_configuring_twice_keeps_one_handler(tmp_path: Path, restore_logger) -> None:
    configure_logging(tmp_path / "a")
    configure_logging(tmp_path / "b")
    ours = [h for h in restore_logger.handlers if type(h).__name__ == "_LazyFileHandler"]
    assert len(ours) == 1, restore_logger.handlers
