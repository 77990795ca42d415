"""Writing one article into the tables: the new row, or a new version of a stored one.

Shared by ``library.articles`` (saving what a refresh fetched) and ``library.versions``
(storing what a re-extraction made of a kept raw page). The CPU work (compressing, encoding,
hashing) happens in ``PreparedArticle``, outside any transaction; ``write_article`` runs
inside the caller's write.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from datetime import datetime
from typing import NamedTuple

from huaibei_reader.models import Article
from huaibei_reader.store.rows import (
    ARTICLE_COLUMNS,
    ARTICLE_FROM,
    aware,
    blocks_to_json,
    content_hash,
    dt_to_text,
    library_article,
    make_teaser,
    now,
    pack_article,
    text_to_dt,
)
from huaibei_reader.store.types import SaveResult, ToSave

# zlib level for raw pages: on real Chinese news pages (../shared/corpus, median 30 KB)
# level 1 keeps 36% of the bytes against 33% at level 6, in 60% of the time.
RAW_LEVEL = 1

# What one article takes: text, blocks, compressed raw page and old versions (for eviction).
_RECOUNT_SIZE = """
UPDATE articles SET size_bytes =
    COALESCE((SELECT length(CAST(body AS BLOB)) + length(CAST(blocks AS BLOB))
              FROM article_texts WHERE article_id = articles.id), 0)
    + COALESCE((SELECT length(content) FROM raw_pages WHERE article_id = articles.id), 0)
    + COALESCE((SELECT SUM(length(data)) FROM article_versions
                WHERE article_id = articles.id), 0)
WHERE id = ?
"""


class PreparedArticle(NamedTuple):
    """An article turned into what the tables store, computed outside any transaction."""

    article: Article
    digest: str
    body: str
    blocks: str
    packed_raw: bytes | None
    size: int

    @classmethod
    def of_item(cls, item: ToSave) -> tuple[PreparedArticle, datetime]:
        """The prepared article and its fetch time (now, unless the item says)."""
        fetched = aware(item.fetched_at) if item.fetched_at is not None else now()
        return cls.of(item.article, item.raw), fetched

    @classmethod
    def of(cls, article: Article, raw: bytes | None) -> PreparedArticle:
        body = article.text
        blocks = blocks_to_json(article.blocks)
        packed = zlib.compress(raw, RAW_LEVEL) if raw is not None else None
        size = len(body.encode("utf-8")) + len(blocks.encode("utf-8")) + len(packed or b"")
        return cls(article, content_hash(article, blocks), body, blocks, packed, size)


def write_article(conn: sqlite3.Connection, prepared: PreparedArticle, *,
                  source_id: int | None, headers: dict[str, str] | None,
                  fetched: datetime) -> SaveResult:
    """Store one prepared article inside the caller's write transaction (see
    ``ArticleRepository.save`` for what the statuses mean)."""
    article, digest, body, blocks, packed_raw, size = prepared
    fetched_text = dt_to_text(fetched)
    row = conn.execute(
        "SELECT id, content_hash, version, first_seen, source_id "
        "FROM articles WHERE url = ?", (article.url,)).fetchone()
    if row is None:
        sort_ts = (aware(article.published) if article.published else fetched).timestamp()
        cur = conn.execute(
            "INSERT INTO articles (url, canonical_url, source_id, title, "
            "published, publisher, site_name, authors, lang, view_count, warnings, "
            "content_hash, version, first_seen, fetched_at, updated_at, sort_ts, "
            "size_bytes, teaser) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
            (article.url, article.canonical_url, source_id, article.title,
             dt_to_text(article.published), article.publisher, article.site_name,
             json.dumps(list(article.authors), ensure_ascii=False), article.lang,
             article.view_count, json.dumps(list(article.warnings), ensure_ascii=False),
             digest, fetched_text, fetched_text, fetched_text, sort_ts, size,
             make_teaser(body)))
        conn.execute("INSERT INTO article_texts (article_id, title, body, blocks) "
                     "VALUES (?, ?, ?, ?)", (cur.lastrowid, article.title, body, blocks))
        article_id = int(cur.lastrowid or 0)
        status = "new"
    else:
        article_id, old_hash, version, first_seen, old_source = row
        if source_id is None:
            source_id = old_source
        if old_hash == digest:
            # the warnings describe the latest fetch (a page read now is no longer "stored
            # from the feed", though its text is the same)
            conn.execute("UPDATE articles SET fetched_at = ?, source_id = ?, "
                         "view_count = COALESCE(?, view_count), warnings = ? WHERE id = ?",
                         (fetched_text, source_id, article.view_count,
                          json.dumps(list(article.warnings), ensure_ascii=False), article_id))
            status = "unchanged"
        else:
            previous = current_article(conn, article_id)
            old_fetched = conn.execute("SELECT fetched_at FROM articles WHERE id = ?",
                                       (article_id,)).fetchone()[0]
            packed_old = pack_article(previous)
            conn.execute(
                "INSERT OR REPLACE INTO article_versions (article_id, version, fetched_at, "
                "content_hash, data) VALUES (?, ?, ?, ?, ?)",
                (article_id, version, old_fetched, old_hash, packed_old))
            base = text_to_dt(first_seen) or fetched
            sort_ts = (aware(article.published) if article.published else base).timestamp()
            conn.execute(
                "UPDATE articles SET canonical_url = ?, source_id = ?, title = ?, "
                "published = ?, publisher = ?, site_name = ?, authors = ?, "
                "lang = ?, view_count = ?, warnings = ?, content_hash = ?, version = ?, "
                "fetched_at = ?, updated_at = ?, sort_ts = ?, size_bytes = ?, teaser = ? "
                "WHERE id = ?",
                (article.canonical_url, source_id, article.title,
                 dt_to_text(article.published), article.publisher, article.site_name,
                 json.dumps(list(article.authors), ensure_ascii=False), article.lang,
                 article.view_count, json.dumps(list(article.warnings), ensure_ascii=False),
                 digest, version + 1, fetched_text, fetched_text, sort_ts, size,
                 make_teaser(body), article_id))
            conn.execute("UPDATE article_texts SET title = ?, body = ?, blocks = ? "
                         "WHERE article_id = ?", (article.title, body, blocks, article_id))
            status = "updated"
        if status == "updated":
            conn.execute("DELETE FROM article_images WHERE article_id = ?", (article_id,))
    if status != "unchanged":
        images = dict.fromkeys(article.images)
        conn.executemany("INSERT OR IGNORE INTO article_images (article_id, url) "
                         "VALUES (?, ?)", [(article_id, u) for u in images])
    if packed_raw is not None:
        conn.execute(
            "INSERT OR REPLACE INTO raw_pages (article_id, url, fetched_at, headers, content) "
            "VALUES (?, ?, ?, ?, ?)",
            (article_id, article.url, fetched_text,
             json.dumps(dict(headers or {}), ensure_ascii=False), packed_raw))
    if status != "new" and (packed_raw is not None or status == "updated"):
        conn.execute(_RECOUNT_SIZE, (article_id,))
    return SaveResult(article_id, status)


def current_article(conn: sqlite3.Connection, article_id: int) -> Article:
    """The article as stored now (read inside the caller's transaction)."""
    row = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} WHERE a.id = ?",
                       (article_id,)).fetchone()
    return library_article(row).article
