"""Ctrl+C and SIGTERM during a CLI refresh whose pages hang (issue 17): the real command in a
subprocess exits within 2 s, non-zero, with one line saying what it saved, and the library
keeps everything (integrity check clean, earlier work intact)."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))

from hangsite import HangSite
from support.local import allow_local_sources

from huaibei_reader.models import Article, Block, BlockKind, Source
from huaibei_reader.store import Library

SRC = Path(__file__).resolve().parents[2] / "src"
EXIT_BOUND = 2.0  # issue 17: signal to process exit
HANG_GUARD = 60.0  # only to catch a hang of the test itself


def _wait_until(condition, timeout: float) -> bool:
    """Wait for a condition the test cannot be told about (rows written by another process)."""
    pause = threading.Event()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        pause.wait(0.05)
    return True


def _count(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def _library_with_earlier_work(db: Path, site: HangSite) -> int:
    """A library following the hanging site, holding a bookmarked article from before."""
    with Library.open(db) as library:
        library.sources.add(Source(None, "挂起", site.url("/"), kind="feed",
                                  feed_url=site.feed_url))
        earlier = library.articles.save(Article(
            url="https://earlier.example/1.html", title="早先的文章",
            blocks=(Block(BlockKind.PARAGRAPH, text="早先保存的正文。"),)), source_id=None,
            fetched_at=datetime.now(UTC))
        library.marks.bookmark(earlier.id, note="别丢")
        return earlier.id


@pytest.mark.parametrize(("sig", "code", "word"), [
    (signal.SIGINT, 130, "interrupted"),
    (signal.SIGTERM, 143, "terminated"),
])
@pytest.mark.parametrize("mode", ["silent", "stalled"])
def test_a_signal_ends_a_hanging_refresh_within_2_s(tmp_path: Path, sig: int, code: int,
                                                    word: str, mode: str) -> None:
    db = tmp_path / "library.sqlite3"
    with HangSite(good=3, hanging=20, mode=mode) as site:
        earlier = _library_with_earlier_work(db, site)
        allow_local_sources(tmp_path)  # the hanging site is on 127.0.0.1
        env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "utf-8"}
        env.pop("HUAIBEI_READER_DEBUG", None)
        proc = subprocess.Popen(
            [sys.executable, "-m", "huaibei_reader", "--data-dir", str(tmp_path), "refresh"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            env=env)
        try:
            assert site.hung.wait(HANG_GUARD), "no page was asked for"
            assert _wait_until(lambda: _count(db) == 1 + site.good, HANG_GUARD)
            sent = time.monotonic()
            proc.send_signal(sig)
            out, err = proc.communicate(timeout=HANG_GUARD)
            elapsed = time.monotonic() - sent
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert proc.returncode == code, err[-600:]
    assert elapsed <= EXIT_BOUND, f"{elapsed:.2f} s from the signal to the exit"
    assert "Traceback" not in err and out == ""
    last = err.strip().splitlines()[-1]
    found = re.fullmatch(rf"huaibei-reader: {word}: refresh stopped: (\d+) articles saved "
                         r"before it stopped, (\d+) left for the next refresh", last)
    assert found, last
    assert int(found[1]) == site.good and int(found[2]) == site.hanging
    with Library.open(db) as library:
        assert library.moved_aside is None
        assert library.integrity_check() == []
        assert library.articles.count() == 1 + site.good  # 0 records lost, nothing half-made
        assert [b.article_id for b in library.marks.bookmarks()] == [earlier]
