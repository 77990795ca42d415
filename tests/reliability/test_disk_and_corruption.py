"""A full disk during a refresh, and a library file turned to garbage.

Full disk: in process, the refresh's own connection is capped with ``PRAGMA max_page_count``;
through the CLI, the subprocess runs with a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored),
which SQLite sees as a failed write, as on a full disk. Either way: one clear message, and
everything stored before is still there and sound.

Corrupt library: garbage bytes over the file; it is moved aside (kept, byte for byte), a new
library starts, and the user is told where the old file went.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from faultserver import FaultServer
from reliakit import SRC, short_config
from support.damaged_library import build as build_damaged
from support.damaged_library import damage
from support.local import allow_local_sources

from huaibei_reader.app.refresh import refresh_sources
from huaibei_reader.errors import LibraryError
from huaibei_reader.models import Source
from huaibei_reader.net import HttpClient
from huaibei_reader.store import Library


def _cli(data_dir: Path, *args: str, file_limit: int | None = None,
         timeout: float = 60) -> subprocess.CompletedProcess:
    allow_local_sources(data_dir)  # the fault site is on 127.0.0.1
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "utf-8"}
    env.pop("HUAIBEI_READER_DEBUG", None)

    def limit() -> None:
        if file_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a dead process
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run([sys.executable, "-m", "huaibei_reader", "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, encoding="utf-8",
                          errors="replace", env=env, timeout=timeout, preexec_fn=limit)


def _seed(folder: Path, site: FaultServer) -> tuple[set[str], int]:
    """A library with a source, some articles and a bookmark; returns (urls, bookmarked id)."""
    with Library.open(folder / "library.sqlite3") as library:
        source = library.sources.add(Source(None, "many", site.url("/"), kind="feed",
                                            feed_url=site.url("/many/feed.xml")))
        with HttpClient(short_config()) as client:
            (report,) = refresh_sources([source], library=library, client=client)
        assert report.new >= 10
        items = library.articles.newest(limit=1000)
        library.marks.bookmark(items[0].id, note="keep me")
        return {a.article.url for a in items}, items[0].id


def _check_nothing_lost(db: Path, urls: set[str], bookmarked: int) -> None:
    with Library.open(db) as library:
        assert library.moved_aside is None
        assert library.integrity_check() == []
        now = {a.article.url for a in library.articles.newest(limit=10_000)}
        assert urls <= now
        assert bookmarked in {b.article_id for b in library.marks.bookmarks()}
        for item in library.articles.newest(limit=10_000):
            assert library.articles.get(item.id).article.blocks


def test_full_disk_during_refresh_is_a_library_error(tmp_path: Path) -> None:
    with FaultServer(many_batch=40) as site:
        urls, bookmarked = _seed(tmp_path, site)
        with Library.open(tmp_path / "library.sqlite3") as library:
            conn = library._db.get()  # the refresh writes on this thread's connection
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages + 2}")
            with HttpClient(short_config()) as client, pytest.raises(LibraryError) as err:
                refresh_sources(library.sources.all(), library=library, client=client)
            message = str(err.value)
            assert "full" in message.lower() and "\n" not in message
    _check_nothing_lost(tmp_path / "library.sqlite3", urls, bookmarked)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_full_disk_through_the_cli_refresh(tmp_path: Path) -> None:
    with FaultServer(many_batch=40) as site:
        urls, bookmarked = _seed(tmp_path, site)
        db = tmp_path / "library.sqlite3"
        wal = db.with_name(db.name + "-wal")
        biggest = max(db.stat().st_size, wal.stat().st_size if wal.exists() else 0)
        ran = _cli(tmp_path, "refresh", file_limit=biggest + 8 * 1024)
    lines = [line for line in ran.stderr.splitlines() if line.startswith("huaibei-reader:")]
    assert ran.returncode == 1, ran.stderr[-800:]
    assert "Traceback" not in ran.stderr
    assert len(lines) == 1 and "disk" in lines[0], ran.stderr[-800:]
    _check_nothing_lost(db, urls, bookmarked)


def _garbage_library(folder: Path) -> bytes:
    garbage = (b"this is not a database " * 50 + bytes(range(256)) * 40)
    (folder / "library.sqlite3").write_bytes(garbage)
    return garbage


def test_corrupt_library_is_moved_aside_never_deleted(tmp_path: Path) -> None:
    garbage = _garbage_library(tmp_path)
    with Library.open(tmp_path / "library.sqlite3") as library:
        moved = library.moved_aside
        assert moved is not None and moved.exists()
        assert moved.read_bytes() == garbage
        assert library.articles.count() == 0  # a fresh, working library
        assert library.integrity_check() == []


@pytest.mark.parametrize("command", [
    ["list"],
    ["refresh"],
    ["sources", "list"],
])
def test_cli_reports_a_corrupt_library_it_moved_aside(tmp_path: Path,
                                                      command: list[str]) -> None:
    garbage = _garbage_library(tmp_path)
    ran = _cli(tmp_path, *command)
    assert "Traceback" not in ran.stderr
    moved = [p for p in tmp_path.iterdir() if p.name != "library.sqlite3"
             and p.name.startswith("library.sqlite3") and not p.name.endswith(("-wal", "-shm"))]
    assert moved and moved[0].read_bytes() == garbage  # kept, byte for byte
    assert moved[0].name in ran.stderr  # and the user is told where it went


def test_cli_salvages_a_damaged_library_and_says_what_it_kept(tmp_path: Path) -> None:
    """One damaged stretch of article pages: the command line moves the file aside, copies
    every bookmark and clipping into the new library, says so in one line, and goes on."""
    built = build_damaged(tmp_path / "library.sqlite3", articles=200)
    damage(tmp_path / "library.sqlite3", {"articles": 0.3, "raw_pages": 0.5})
    ran = _cli(tmp_path, "export", "--clippings", "--format", "json",
               "-o", str(tmp_path / "clips.json"))
    assert ran.returncode == 0, ran.stderr
    lines = [line for line in ran.stderr.splitlines() if "damaged" in line]
    assert len(lines) == 1 and "salvaged 3 sources, 30 bookmarks, 40 clippings" in lines[0]
    exported = (tmp_path / "clips.json").read_text(encoding="utf-8")
    assert all(quote in exported for _, quote, _, _ in built.clippings)
    again = _cli(tmp_path, "list", "--bookmarked", "--limit", "100", "--json")
    assert again.returncode == 0 and "damaged" not in again.stderr  # said once, at the move
    assert {a["url"] for a in json.loads(again.stdout)} == set(built.bookmarks)
