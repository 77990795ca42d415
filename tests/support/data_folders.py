"""Data folders for the tests: a small library, a write check that fails as a read-only or
full disk does, and a really read-only folder for tests that run as root (which ignores
permission bits): a read-only bind mount, the test skipped when mounting is not allowed."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from huaibei_reader.app.services import LIBRARY_FILE
from huaibei_reader.models import Article, Block, BlockKind, Source
from huaibei_reader.store import Library


@contextmanager
def read_only_view(source: Path, target: Path) -> Iterator[Path]:
    """``target``: ``source`` mounted read-only (bind), unmounted afterwards."""
    if not sys.platform.startswith("linux") or shutil.which("mount") is None:
        pytest.skip("read-only bind mounts need Linux's mount")
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(source), str(target)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make a read-only bind mount here: {done.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], capture_output=True, check=False)


def failing(code: int):
    def probe(folder):
        raise OSError(code, {errno.EROFS: "Read-only file system",
                             errno.ENOSPC: "No space left on device"}[code])
    return probe


def make_library(folder):
    folder.mkdir(parents=True, exist_ok=True)
    with Library.open(folder / LIBRARY_FILE) as library:
        source = library.sources.add(Source(id=None, name="今日淮北", url="http://127.0.0.1:9/"))
        library.articles.save(Article(
            url="http://127.0.0.1:9/1.html", title="相山区老旧小区加装电梯",
            published=datetime(2022, 10, 8, 9, 12, tzinfo=UTC),
            blocks=(Block(BlockKind.PARAGRAPH, "正文。" * 40),)), source_id=source.id)
