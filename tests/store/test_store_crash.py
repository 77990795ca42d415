"""A writer killed with SIGKILL at random moments leaves a sound library with nothing lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from huaibei_reader.store import Library

SRC = Path(__file__).resolve().parents[2] / "src"
TESTS = Path(__file__).resolve().parent

WRITER = r"""
import sys, dataclasses
from pathlib import Path
from store_helpers import make_article, make_clipping
from huaibei_reader.models import Block, BlockKind
from huaibei_reader.store import Library

lib = Library.open(Path(sys.argv[1]))
start = int(sys.argv[2])
if start == 0:
    aid = lib.articles.save(make_article(0), source_id=None).id
    lib.marks.bookmark(aid, note="before")
    lib.marks.add_clipping(make_clipping(aid, 1, "召开会议", tags=("kept",)))
print("ready", flush=True)
n = start
while True:
    n += 1
    body = f"第{n}号文章的正文。" * 200
    a = make_article(n, body=body, title=f"标题{n}号")
    lib.articles.save(a, source_id=None, raw=body.encode() * 3, headers={"X-N": str(n)})
    if n % 3 == 0 and n - 1 > start:  # an edit of an earlier article: a new version
        m = n - 1
        edited = make_article(m, body=f"第{m}号文章的更正正文。" * 200, title=f"标题{m}号")
        lib.articles.save(edited, source_id=None)
    lib.articles.mark_read(1)
"""


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(TESTS)])}
    rng = random.Random(20241128)
    rounds = 12
    start = 0
    for _ in range(rounds):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(start)],
                                stdout=subprocess.PIPE, env=env, text=True)
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.4))  # the random moment of the crash, not a sync
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            if proc.stdout is not None:
                proc.stdout.close()
        with Library.open(path) as lib:
            assert lib.moved_aside is None
            assert lib.integrity_check() == []
            assert lib.marks.bookmark_of(1).note == "before"
            assert [c.tags for c in lib.marks.clippings()] == [("kept",)]
            items = lib.articles.newest(limit=100000)
            for item in items:
                if item.id == 1:
                    continue
                number = item.article.title.removeprefix("标题").removesuffix("号")
                assert item.article.text.startswith(f"第{number}号文章的")
                assert item.article.text.endswith("正文。")
                page = lib.versions.raw_page(item.id)
                assert page is not None and page.headers["X-N"] == number
            newest = max(items, key=lambda i: i.id)
            if newest.id != 1:  # the search index holds the last committed article
                hits = lib.search.find(newest.article.title)
                assert newest.id in [h.id for h in hits]
            start = max(int(i.article.title.removeprefix("标题").removesuffix("号"))
                        for i in items if i.id != 1) + 1 if len(items) > 1 else 1
            start += 1000
    assert start > rounds  # the writers got somewhere
