"""A real library with the reader's own work in it, then damaged the way disks damage files.

``build`` fills a library through the store's own API (sources, articles with raw pages and
images, bookmarks with notes and tags, clippings with notes and tags); ``scribble`` overwrites
chosen b-tree pages of chosen tables with garbage, as a bad sector or a torn write would.
Used by the salvage tests (store, command line, window) and by benchmarks/faults_salvage.py.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from huaibei_reader.models import Article, Block, BlockKind, Citation, Clipping, Source
from huaibei_reader.store import Library
from huaibei_reader.store.types import ToSave

BASE = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@dataclass
class Built:
    """What ``build`` put in: the expected survivors of a salvage."""

    sources: dict[str, str] = field(default_factory=dict)  # name -> url
    bookmarks: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # url ->
    clippings: list[tuple[str, str, tuple[str, ...], str]] = field(default_factory=list)
    articles: int = 0


def article(n: int) -> Article:
    return Article(
        url=f"http://news.example.cn/2025/{n:05d}.html",
        title=f"淮北新闻第{n}期：城市建设稳步推进",
        blocks=(Block(BlockKind.PARAGRAPH, text=f"第{n}条。" + "淮北市召开会议，研究部署城市建设"
                      "工作，要求各部门落实责任。" * 12),
                Block(BlockKind.IMAGE, src=f"http://img.example.cn/{n % 7}.png", alt="图")),
        published=BASE + timedelta(minutes=n),
        publisher="人民网-安徽频道",
        site_name="今日淮北",
        authors=("韩惠", "胡文静"),
        lang="zh",
    )


def build(path: Path, *, articles: int = 300, bookmarks: int = 30, clippings: int = 40,
          sources: int = 3, seed: int = 7) -> Built:
    """A library at ``path`` holding all of the above; returns what must survive."""
    rng = random.Random(seed)
    built = Built()
    with Library.open(path) as lib:
        source_ids = []
        for s in range(sources):
            name, url = f"来源{s}", f"http://site{s}.example.cn/"
            source_ids.append(lib.sources.add(Source(None, name, url)).id)
            built.sources[name] = url
        batch = [ToSave(article(n), source_ids[n % sources],
                        b"<html><body>" + ("页" * 400).encode() + b"</body></html>",
                        {"content-type": "text/html"}, None) for n in range(articles)]
        ids = []
        for start in range(0, len(batch), 500):
            ids += [r.id for r in lib.articles.save_many(batch[start:start + 500])]
        for k in range(7):
            lib.images.save(f"http://img.example.cn/{k}.png", PNG + bytes([k]), "image/png")
        built.articles = len(ids)
        for aid in rng.sample(ids, bookmarks):
            got = lib.articles.get(aid)
            tags = (f"标签{aid % 5}", "跟进")
            lib.marks.bookmark(aid, note=f"笔记{aid}：核实来源", tags=tags)
            built.bookmarks[got.article.url] = (f"笔记{aid}：核实来源", tags)
        for c in range(clippings):
            aid = rng.choice(ids)
            got = lib.articles.get(aid)
            quote = f"引文{c}：" + got.article.text[:30]
            tags = (f"线索{c % 3}",)
            lib.marks.add_clipping(Clipping(
                None, aid, got.version, quote,
                Citation(got.article.title, got.article.url, BASE + timedelta(days=1),
                         got.article.publisher, got.article.site_name, got.article.authors,
                         got.article.published, "zh"),
                BASE + timedelta(days=1), note=f"备注{c}", tags=tags))
            built.clippings.append((got.article.url, quote, tags, f"备注{c}"))
    return built


def table_pages(path: Path, table: str) -> list[int]:
    """The page numbers of ``table``'s b-tree (root first), read with SQLite's dbstat."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY path",
                            (table,)).fetchall()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    assert page_size == 4096, page_size
    return [int(r[0]) for r in rows]


def scribble(path: Path, pages: list[int], *, seed: int = 1) -> None:
    """Overwrite ``pages`` (1-based) of the library file with random bytes."""
    rng = random.Random(seed)
    data = bytearray(path.read_bytes())
    for page in pages:
        at = (page - 1) * 4096
        data[at:at + 4096] = bytes(rng.randrange(256) for _ in range(4096))
    path.write_bytes(bytes(data))


def damage(path: Path, tables: dict[str, float], *, seed: int = 1) -> list[int]:
    """Scribble over a share of the leaf pages of each table (``{"articles": 0.2}``) and,
    for a share of 1.0, over its root too. The library must be closed (checkpointed)."""
    rng = random.Random(seed)
    doomed: list[int] = []
    for table, share in tables.items():
        pages = table_pages(path, table)
        leaves = pages[1:] or pages
        doomed += pages if share >= 1.0 else rng.sample(leaves, max(1, int(len(leaves) * share)))
    scribble(path, doomed, seed=seed)
    return doomed
