"""The salvage case of issue 18: a library with the reader's work in it, damaged page by page,
opened by the real command line. Held when every bookmark and clipping (with its note and
tags) and every source is in the new library, the new library passes its integrity check,
the command says so in one line, and it ends within its time and memory bound.

    PYTHONPATH=src .venv/bin/python benchmarks/faults_salvage.py

``benchmarks/faults.py`` runs it with the other refresh and local-input cases.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from faults_refresh import _MEASURED, GUARD, Case, _env, table

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # support/: the damaged-library kit

# Damage per table (share of its leaf pages scribbled over): the articles, their texts and
# the raw pages, where a big library's pages mostly are; the reader's own tables are intact
# on disk, so all of their rows must come back.
DAMAGE = {"articles": 0.2, "article_texts": 0.05, "raw_pages": 0.5}


def damaged_library_salvaged(articles: int = 3000, bookmarks: int = 300,
                             clippings: int = 400, bound: float = 30.0,
                             memory_mb: float = 200.0) -> Case:
    from support.damaged_library import build, damage

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        path = data / "library.sqlite3"
        built = build(path, articles=articles, bookmarks=bookmarks, clippings=clippings)
        pages = damage(path, DAMAGE)
        report = Path(tmp) / "peak"
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", _MEASURED, str(report), "--data-dir",
                               str(data), "list", "--bookmarked", "--limit", "10000", "--json"],
                              capture_output=True, text=True, env=_env(), timeout=GUARD)
        seconds = time.monotonic() - started
        peak = int(report.read_text()) / 1024
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        listed = {a["url"] for a in json.loads(proc.stdout or "[]")}
        conn = sqlite3.connect(path)
        try:
            marks = dict(conn.execute(
                "SELECT a.url, b.note || '|' || b.tags FROM bookmarks b "
                "JOIN articles a ON a.id = b.article_id").fetchall())
            clips = sorted(conn.execute(
                "SELECT a.url, c.quote, c.tags, c.note FROM clippings c "
                "JOIN articles a ON a.id = c.article_id").fetchall())
            sources = dict(conn.execute("SELECT name, url FROM sources").fetchall())
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            sound = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    want_marks = {url: f"{note}|{json.dumps(list(tags), ensure_ascii=False)}"
                  for url, (note, tags) in built.bookmarks.items()}
    want_clips = sorted((url, quote, json.dumps(list(tags), ensure_ascii=False), note)
                        for url, quote, tags, note in built.clippings)
    kept_marks = sum(1 for url, v in want_marks.items() if marks.get(url) == v)
    kept_clips = len([c for c in want_clips if c in clips])
    held = (proc.returncode == 0 and kept_marks == len(want_marks)
            and kept_clips == len(want_clips) and sources == built.sources
            and listed == set(built.bookmarks) and sound and len(lines) == 1
            and seconds < bound and peak < memory_mb)
    return Case(
        f"library of {articles} articles, {len(pages)} pages scribbled over, opened by `list`",
        f"every bookmark and clipping, one line, < {bound:.0f} s, < {memory_mb:.0f} MB",
        f"{kept_marks}/{len(want_marks)} bookmarks, {kept_clips}/{len(want_clips)} clippings, "
        f"{len(sources)}/{len(built.sources)} sources, {stored}/{built.articles} articles, "
        f"integrity {'ok' if sound else 'FAILED'}; {seconds:.2f} s, {peak:.0f} MB",
        held, lines[-1] if lines else "")


if __name__ == "__main__":
    case = damaged_library_salvaged()
    print("\n".join(table([case])))
    sys.exit(0 if case.held else 1)
