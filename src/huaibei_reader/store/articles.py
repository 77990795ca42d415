"""Articles in the library: saving (with versions), reading, listing, raw pages, validators."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import NamedTuple

from huaibei_reader.errors import InputError, KnownError
from huaibei_reader.models import FROM_FEED_WARNING, Article, LibraryArticle
from huaibei_reader.store.connection import Connections
from huaibei_reader.store.rows import (
    ARTICLE_COLUMNS,
    ARTICLE_FROM,
    SUMMARY_COLUMNS,
    SUMMARY_FROM,
    aware,
    blocks_to_json,
    content_hash,
    dt_to_text,
    library_article,
    make_teaser,
    now,
    pack_article,
    text_to_dt,
    unpack_article,
)
from huaibei_reader.store.types import ArticleVersion, ListRow, RawPage, SaveResult, ToSave

_IN_CHUNK = 500  # bound variables per IN (...) query
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


def article_filters(*, source_id: int | None = None, unread: bool = False,
                    bookmarked: bool = False, since: datetime | None = None,
                    until: datetime | None = None, up_to_id: int | None = None,
                    unread_as_of: datetime | None = None) -> tuple[str, list]:
    """A WHERE clause (over alias ``a``) and its parameters for the list/search filters.

    ``since``/``until`` compare with the published time (the first-seen time when unknown).
    ``up_to_id``: only articles stored up to that id (a new article gets a higher one), and
    ``unread_as_of``: with ``unread``, articles unread at that time (read since, they stay):
    a list read page by page then does not shift when articles arrive or are read meanwhile.
    """
    where: list[str] = []
    params: list = []
    if up_to_id is not None:
        where.append("a.id <= ?")
        params.append(int(up_to_id))
    if unread and unread_as_of is not None:
        where.append("(a.read = 0 OR a.opened_at >= ?)")
        params.append(dt_to_text(unread_as_of))
        unread = False
    if source_id is not None:
        where.append("a.source_id = ?")
        params.append(source_id)
    if unread:
        where.append("a.read = 0")
    if bookmarked:
        where.append("a.id IN (SELECT article_id FROM bookmarks)")
    if since is not None:
        where.append("a.sort_ts >= ?")
        params.append(aware(since).timestamp())
    if until is not None:
        where.append("a.sort_ts < ?")
        params.append(aware(until).timestamp())
    return (" AND ".join(where) if where else "1"), params


class ArticlesMixin:
    _db: Connections

    # -- writing -----------------------------------------------------------------------------

    def save_article(self, article: Article, *, source_id: int | None, raw: bytes | None = None,
                     headers: dict | None = None,
                     fetched_at: datetime | None = None) -> SaveResult:
        """Store an article as it was just fetched, in one transaction.

        "new": first time this URL is stored. "unchanged": same content as stored (only the
        fetch time and, when given, the raw page are refreshed). "updated": the content
        changed; the previous content is kept as an older version (see ``versions``), the
        version number grows and the read state stays. ``raw``/``headers``: the HTTP response
        the article came from, kept compressed for ``reextract`` and evidence exports.

        The text is queued for the search indexes, not indexed here (``index_pending``):
        search finds queued texts all the same.
        """
        return self.save_articles([ToSave(article, source_id, raw, headers, fetched_at)])[0]

    def save_articles(self, items: Iterable[ToSave]) -> list[SaveResult]:
        """Store several articles in one transaction (each as ``save_article`` would):
        all of them or, on a failure, none. One commit for many articles is what makes a
        batch fast; a refresh saving articles as they arrive uses ``save_article``."""
        batch = list(items)
        if any(not item.article.url for item in batch):
            raise InputError("an article needs a URL to be stored")
        if not batch:
            return []
        action = (f"save the article {batch[0].article.url}" if len(batch) == 1
                  else f"save {len(batch)} articles")
        # The CPU work (compressing, encoding, hashing) before taking the write lock.
        prepared = [_Prepared.of_item(item) for item in batch]
        with self._db.write(action) as conn:
            return [self._save_in(conn, prep, source_id=item.source_id,
                                  headers=item.headers, fetched=fetched)
                    for (prep, fetched), item in zip(prepared, batch, strict=True)]

    def _save_in(self, conn: sqlite3.Connection, prepared: _Prepared, *,
                 source_id: int | None, headers: dict | None, fetched: datetime) -> SaveResult:
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
            article_id = int(cur.lastrowid)  # type: ignore[arg-type]
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
                              json.dumps(list(article.warnings), ensure_ascii=False),
                              article_id))
                status = "unchanged"
            else:
                previous = self._current_article(conn, article_id)
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

    def _current_article(self, conn: sqlite3.Connection, article_id: int) -> Article:
        row = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} WHERE a.id = ?",
                           (article_id,)).fetchone()
        return library_article(row).article

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` the library already holds (as URL or canonical URL)."""
        wanted = list(dict.fromkeys(u for u in urls if u))
        found: set[str] = set()
        with self._db.read("look up stored articles") as conn:
            for i in range(0, len(wanted), _IN_CHUNK):
                chunk = wanted[i:i + _IN_CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(r[0] for r in conn.execute(
                    f"SELECT url FROM articles WHERE url IN ({marks})", chunk))
                found.update(r[0] for r in conn.execute(
                    f"SELECT canonical_url FROM articles WHERE canonical_url IN ({marks})",
                    chunk))
        return found

    def from_feed_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` the library holds as stored from their feed item (their page
        could not be read: a refresh tries the page again)."""
        wanted = list(dict.fromkeys(u for u in urls if u))
        # the warnings column is a JSON list of strings: the mark opens one of them
        mark = json.dumps(FROM_FEED_WARNING, ensure_ascii=False)[:-1]
        found: set[str] = set()
        with self._db.read("look up articles stored from their feed") as conn:
            for i in range(0, len(wanted), _IN_CHUNK):
                chunk = wanted[i:i + _IN_CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(r[0] for r in conn.execute(
                    f"SELECT url FROM articles WHERE url IN ({marks}) AND instr(warnings, ?)",
                    [*chunk, mark]))
        return found

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) last seen for ``url`` (any URL: article, index page, feed)."""
        with self._db.read("read validators") as conn:
            row = conn.execute("SELECT etag, last_modified FROM validators WHERE url = ?",
                               (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._db.write("save validators") as conn:
            if etag is None and last_modified is None:
                conn.execute("DELETE FROM validators WHERE url = ?", (url,))
            else:
                conn.execute(
                    "INSERT OR REPLACE INTO validators (url, etag, last_modified, updated_at) "
                    "VALUES (?, ?, ?, ?)", (url, etag, last_modified, dt_to_text(now())))

    def mark_read(self, article_id: int, read: bool = True) -> None:
        with self._db.write("mark the article read") as conn:
            cur = conn.execute("UPDATE articles SET read = ?, opened_at = CASE WHEN ? THEN ? "
                               "ELSE opened_at END WHERE id = ?",
                               (int(read), int(read), dt_to_text(now()), article_id))
        if cur.rowcount == 0:
            raise InputError(f"no article with id {article_id}")

    def mark_all_read(self, source_id: int | None = None) -> int:
        with self._db.write("mark articles read") as conn:
            if source_id is None:
                cur = conn.execute("UPDATE articles SET read = 1 WHERE read = 0")
            else:
                cur = conn.execute("UPDATE articles SET read = 1 WHERE read = 0 AND "
                                   "source_id = ?", (source_id,))
        return cur.rowcount

    # -- reading -----------------------------------------------------------------------------

    def get(self, article_id: int) -> LibraryArticle:
        with self._db.read("read the article") as conn:
            row = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} WHERE a.id = ?",
                               (article_id,)).fetchone()
        if row is None:
            raise InputError(f"no article with id {article_id}")
        return library_article(row)

    def article_id(self, url: str) -> int | None:
        """The id of the article stored under ``url`` (or with it as canonical URL)."""
        with self._db.read("look up an article") as conn:
            row = conn.execute("SELECT id FROM articles WHERE url = ? UNION ALL "
                               "SELECT id FROM articles WHERE canonical_url = ? LIMIT 1",
                               (url, url)).fetchone()
        return int(row[0]) if row else None

    def list_articles(self, *, source_id: int | None = None, unread: bool = False,
                      bookmarked: bool = False, since: datetime | None = None,
                      until: datetime | None = None, limit: int = 200, offset: int = 0,
                      with_blocks: bool = True) -> list[LibraryArticle]:
        """Newest first (published time, else first seen). ``with_blocks=False`` leaves the
        bodies out, for list views that show only titles and dates."""
        where, params = article_filters(source_id=source_id, unread=unread,
                                        bookmarked=bookmarked, since=since, until=until)
        columns, source = ((ARTICLE_COLUMNS, ARTICLE_FROM) if with_blocks
                           else (SUMMARY_COLUMNS, SUMMARY_FROM))
        with self._db.read("list articles") as conn:
            rows = conn.execute(
                f"SELECT {columns} FROM {source} WHERE {where} "
                "ORDER BY a.sort_ts DESC, a.id DESC LIMIT ? OFFSET ?",
                [*params, max(0, int(limit)), max(0, int(offset))]).fetchall()
        return [library_article(r, with_blocks=with_blocks) for r in rows]

    def list_rows(self, *, source_id: int | None = None, unread: bool = False,
                  bookmarked: bool = False, up_to_id: int | None = None,
                  unread_as_of: datetime | None = None, limit: int = 200,
                  offset: int = 0, before: tuple[float, int] | None = None,
                  oldest_first: bool = False) -> list[ListRow]:
        """A page of list lines, newest first, reading only the small article rows.

        ``before``: the ``sort_key`` of the last row of the previous page; the page then
        starts right after it through the time index (keyset paging: as fast at row 100,000
        as at row 0), and ``offset`` counts from there. ``up_to_id``: see article_filters.
        ``oldest_first``: the same order reversed (``offset`` then counts from the oldest),
        for pages near the end of a long list.
        """
        where, params = article_filters(source_id=source_id, unread=unread,
                                        bookmarked=bookmarked, up_to_id=up_to_id,
                                        unread_as_of=unread_as_of)
        if before is not None:
            # A row value, not "ts < ? OR (ts = ? AND id < ?)": SQLite turns only the row
            # value into a range on the time index (1 ms at row 90,000 instead of 13 ms).
            where += " AND (a.sort_ts, a.id) < (?, ?)"
            params += [float(before[0]), int(before[1])]
        order = "ASC" if oldest_first else "DESC"
        with self._db.read("list articles") as conn:
            rows = conn.execute(
                "SELECT a.id, a.title, a.url, s.name, COALESCE(a.published, a.fetched_at), "
                "a.teaser, a.read, EXISTS(SELECT 1 FROM bookmarks b WHERE b.article_id = a.id), "
                f"a.sort_ts FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
                f"WHERE {where} ORDER BY a.sort_ts {order}, a.id {order} LIMIT ? OFFSET ?",
                [*params, max(0, int(limit)), max(0, int(offset))]).fetchall()
        return [ListRow(aid, title or "", url, name, text_to_dt(when), teaser or "", bool(read),
                        bool(marked), (sort_ts, aid))
                for aid, title, url, name, when, teaser, read, marked, sort_ts in rows]

    def list_position(self, article_id: int, *, source_id: int | None = None,
                      unread: bool = False, bookmarked: bool = False,
                      up_to_id: int | None = None,
                      unread_as_of: datetime | None = None) -> int | None:
        """The row ``article_id`` has in ``list_rows`` with the same filters (None when the
        filters leave it out): how many rows sort before it."""
        where, params = article_filters(source_id=source_id, unread=unread,
                                        bookmarked=bookmarked, up_to_id=up_to_id,
                                        unread_as_of=unread_as_of)
        with self._db.read("find the article in the list") as conn:
            found = conn.execute(f"SELECT a.sort_ts FROM articles a WHERE a.id = ? AND {where}",
                                 [int(article_id), *params]).fetchone()
            if found is None:
                return None
            return int(conn.execute(
                f"SELECT COUNT(*) FROM articles a WHERE {where} "
                "AND (a.sort_ts, a.id) > (?, ?)",
                [*params, found[0], int(article_id)]).fetchone()[0])

    def last_article_id(self) -> int:
        """The highest article id given out so far (0 in an empty library)."""
        with self._db.read("read the library") as conn:
            return int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0])

    def count_articles(self, *, source_id: int | None = None, unread: bool = False,
                       bookmarked: bool = False, since: datetime | None = None,
                       until: datetime | None = None, up_to_id: int | None = None,
                       unread_as_of: datetime | None = None) -> int:
        where, params = article_filters(source_id=source_id, unread=unread,
                                        bookmarked=bookmarked, since=since, until=until,
                                        up_to_id=up_to_id, unread_as_of=unread_as_of)
        with self._db.read("count articles") as conn:
            return int(conn.execute(f"SELECT COUNT(*) FROM articles a WHERE {where}",
                                    params).fetchone()[0])

    def versions(self, article_id: int) -> list[ArticleVersion]:
        """Every stored content of the article, oldest first; the last is the current one."""
        current = self.get(article_id)
        with self._db.read("read old versions") as conn:
            rows = conn.execute("SELECT version, fetched_at, data FROM article_versions "
                                "WHERE article_id = ? ORDER BY version", (article_id,)).fetchall()
        out = [ArticleVersion(v, text_to_dt(f), unpack_article(d))  # type: ignore[arg-type]
               for v, f, d in rows]
        out.append(ArticleVersion(current.version, current.fetched_at, current.article))
        return out

    def version(self, article_id: int, version: int) -> ArticleVersion:
        """One stored content of the article (InputError if there is no such version)."""
        for v in self.versions(article_id):
            if v.version == version:
                return v
        raise InputError(f"article {article_id} has no version {version}")

    def raw_page(self, article_id: int) -> RawPage | None:
        with self._db.read("read the raw page") as conn:
            row = conn.execute("SELECT url, content, headers, fetched_at FROM raw_pages "
                               "WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        url, content, headers, fetched_at = row
        return RawPage(url=url, content=zlib.decompress(content), headers=json.loads(headers),
                       fetched_at=text_to_dt(fetched_at))

    def count_raw_pages(self, *, source_id: int | None = None) -> int:
        """How many articles (of one source, or all) have their raw page stored."""
        with self._db.read("count raw pages") as conn:
            if source_id is None:
                return int(conn.execute("SELECT COUNT(*) FROM raw_pages").fetchone()[0])
            return int(conn.execute(
                "SELECT COUNT(*) FROM raw_pages r JOIN articles a ON a.id = r.article_id "
                "WHERE a.source_id = ?", (source_id,)).fetchone()[0])

    def reextract(self, extract_fn: Callable[..., Article], *, source_id: int | None = None,
                  progress: Callable[[int, int], None] | None = None) -> int:
        """Run ``extract_fn(content, url, http_charset=...)`` again on every stored raw page
        (of one source, or all) and store the results; return how many were re-extracted.

        Pages the extractor now rejects (a KnownError) keep their stored article. A changed
        result becomes a new version, as if the page had been fetched again.
        """
        with self._db.read("list raw pages") as conn:
            if source_id is None:
                ids = [r[0] for r in conn.execute(
                    "SELECT r.article_id FROM raw_pages r ORDER BY r.article_id")]
            else:
                ids = [r[0] for r in conn.execute(
                    "SELECT r.article_id FROM raw_pages r JOIN articles a ON a.id = r.article_id"
                    " WHERE a.source_id = ? ORDER BY r.article_id", (source_id,))]
        done = 0
        for n, article_id in enumerate(ids, 1):
            page = self.raw_page(article_id)
            if page is not None:
                try:
                    article = extract_fn(page.content, page.url, http_charset=page.charset)
                except KnownError:
                    article = None
                if article is not None:
                    if article.url != page.url:  # the stored URL is the article's identity
                        article = _with_url(article, page.url)
                    prepared = _Prepared.of(article, None)
                    with self._db.write("store a re-extracted article") as conn:
                        src = conn.execute("SELECT source_id, fetched_at FROM articles "
                                           "WHERE id = ?", (article_id,)).fetchone()
                        if src is not None:
                            self._save_in(conn, prepared, source_id=src[0], headers=None,
                                          fetched=text_to_dt(src[1]) or now())
                            done += 1
            if progress is not None:
                progress(n, len(ids))
        return done


class _Prepared(NamedTuple):
    """An article turned into what the tables store, computed outside any transaction."""

    article: Article
    digest: str
    body: str
    blocks: str
    packed_raw: bytes | None
    size: int

    @classmethod
    def of_item(cls, item: ToSave) -> tuple[_Prepared, datetime]:
        """The prepared article and its fetch time (now, unless the item says)."""
        fetched = aware(item.fetched_at) if item.fetched_at is not None else now()
        return cls.of(item.article, item.raw), fetched

    @classmethod
    def of(cls, article: Article, raw: bytes | None) -> _Prepared:
        body = article.text
        blocks = blocks_to_json(article.blocks)
        packed = zlib.compress(raw, RAW_LEVEL) if raw is not None else None
        size = len(body.encode("utf-8")) + len(blocks.encode("utf-8")) + len(packed or b"")
        return cls(article, content_hash(article, blocks), body, blocks, packed, size)


def _with_url(article: Article, url: str) -> Article:
    from dataclasses import replace

    return replace(article, url=url)
