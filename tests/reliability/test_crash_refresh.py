"""A headless `refresh` killed with SIGKILL at random moments, 50 rounds: nothing lost.

The site is the fault server's moving feed (every request offers new articles, each served
with a little latency), so every round has writes in flight when the kill lands. After each
round the library must open without being moved aside, pass ``PRAGMA integrity_check``, still
hold every bookmark and clipping made before and every article seen before, and show no
half-written article (each article has its text, blocks, raw page and version history).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from faultserver import FaultServer
from reliakit import SRC
from support.local import allow_local_sources

from huaibei_reader.models import Citation, Clipping, Source
from huaibei_reader.store import Library

ROUNDS = 50
SEED = 20261128

# Articles whose row exists without the rest of what articles.save writes with it.
HALF_WRITTEN = """
SELECT a.id FROM articles a
LEFT JOIN article_texts t ON t.article_id = a.id
LEFT JOIN raw_pages r ON r.article_id = a.id
WHERE t.article_id IS NULL OR t.body = '' OR t.blocks IN ('', '[]') OR r.article_id IS NULL
   OR a.version < 1
   OR (SELECT count(*) FROM article_versions v WHERE v.article_id = a.id) < a.version - 1
"""


def _refresh(data_dir: Path, *, watch: bool = False) -> subprocess.Popen:
    allow_local_sources(data_dir)  # the fault site is on 127.0.0.1
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("HUAIBEI_READER_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "huaibei_reader", "--data-dir", str(data_dir),
                             "refresh"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE if watch else subprocess.DEVNULL, env=env)


def _wait_until_started(proc: subprocess.Popen) -> None:
    """Block until the refresh prints its first progress line (library open, sources read),
    so the random delay that follows lands in the refresh rather than in Python's start-up."""
    guard = threading.Timer(30, proc.kill)  # a refresh that never starts fails the round
    guard.start()
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
    finally:
        guard.cancel()
    assert line, "the refresh ended before reporting progress"


def _marks(library: Library) -> tuple[set, set]:
    bookmarks = {(b.article_id, b.note, b.tags) for b in library.marks.bookmarks()}
    clippings = {(c.id, c.article_id, c.quote, c.tags) for c in library.marks.clippings()}
    return bookmarks, clippings


def _mark_some(library: Library, rng: random.Random, label: str) -> None:
    items = library.articles.newest(limit=50)
    for item in rng.sample(items, min(2, len(items))):
        library.marks.bookmark(item.id, note=f"note {label}", tags=(label,))
        text = library.articles.get(item.id).article.text
        quote = text[5:25]
        library.marks.add_clipping(Clipping(
            id=None, article_id=item.id, article_version=item.version, quote=quote,
            citation=Citation(title=item.article.title, url=item.article.url,
                              retrieved_at=item.fetched_at),
            created_at=datetime.now(UTC), note="", tags=(label,)))


@pytest.mark.slow
def test_sigkill_during_refresh_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    db = data_dir / "library.sqlite3"
    # 50 ms a page keeps each refresh (60 pages, 2 at a time) running through the kill window.
    with FaultServer(latency=0.05, many_batch=60) as site:
        with Library.open(db) as library:
            library.sources.add(Source(None, "many", site.url("/"), kind="feed",
                                       feed_url=site.url("/many/feed.xml")))
        first = _refresh(data_dir)
        assert first.wait(timeout=60) == 0
        with Library.open(db) as library:
            _mark_some(library, rng, "before")
            bookmarks, clippings = _marks(library)
            seen_urls = {a.article.url for a in library.articles.newest(limit=100_000)}
        assert len(bookmarks) == 2 and len(clippings) == 2 and seen_urls

        killed_running = 0
        grew = 0
        lost: set[str] = set()
        started = time.monotonic()
        for n in range(ROUNDS):
            proc = _refresh(data_dir, watch=True)
            _wait_until_started(proc)
            time.sleep(rng.uniform(0.0, 1.0))
            if proc.poll() is None:
                killed_running += 1
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            assert proc.stderr is not None
            proc.stderr.close()

            with Library.open(db) as library:
                assert library.moved_aside is None, f"round {n}: library moved aside"
                assert library.integrity_check() == [], f"round {n}"
                now_bookmarks, now_clippings = _marks(library)
                assert bookmarks <= now_bookmarks, f"round {n}: a bookmark was lost"
                assert clippings <= now_clippings, f"round {n}: a clipping was lost"
                urls = {a.article.url for a in library.articles.newest(limit=100_000)}
                lost |= seen_urls - urls
                grew += len(urls) > len(seen_urls)
                seen_urls |= urls
                for item in library.articles.newest(limit=3):  # the newest, through the API
                    assert library.articles.get(item.id).article.blocks
                if n % 10 == 9:  # marks made between rounds must survive the next kills
                    _mark_some(library, rng, f"round{n}")
                    bookmarks, clippings = _marks(library)
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                half = conn.execute(HALF_WRITTEN).fetchall()
            finally:
                conn.close()
            assert half == [], f"round {n}: half-written articles {half[:5]}"
        elapsed = time.monotonic() - started
    assert lost == set(), f"{len(lost)} articles lost"
    # The kills landed while refreshes were running and writing, not only at start-up.
    assert killed_running >= ROUNDS * 0.9
    assert grew >= ROUNDS // 3, f"only {grew} rounds stored anything before the kill"
    print(f"\n{ROUNDS} kill rounds in {elapsed:.0f} s: {killed_running} mid-run, "
          f"{grew} with new articles, {len(seen_urls)} articles, 0 lost")
