"""Articles in the library: saving, reading, listing and counting, read state, validators."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from huaibei_reader.errors import InputError
from huaibei_reader.models import FROM_FEED_WARNING, SALVAGED_WARNING, Article, LibraryArticle
from huaibei_reader.store.connection import (
    Connections,
    SqlParams,
    SqlRow,
    first_column_in,
    rows_in,
)
from huaibei_reader.store.rows import (
    ARTICLE_COLUMNS,
    ARTICLE_FROM,
    SUMMARY_COLUMNS,
    SUMMARY_FROM,
    aware,
    dt_to_text,
    library_article,
    now,
    text_to_dt,
)
from huaibei_reader.store.saving import PreparedArticle, write_article
from huaibei_reader.store.types import ListRow, SaveResult, ToSave

# The small columns of a list line (ListRow), over alias ``a``; a WHERE clause follows.
_LIST_ROW_SELECT = (
    "SELECT a.id, a.title, a.url, s.name, COALESCE(a.published, a.fetched_at), a.teaser, "
    "a.read, EXISTS(SELECT 1 FROM bookmarks b WHERE b.article_id = a.id), a.sort_ts "
    "FROM articles a LEFT JOIN sources s ON s.id = a.source_id")


def _list_row(row: SqlRow) -> ListRow:
    aid, title, url, name, when, teaser, read, marked, sort_ts = row
    return ListRow(aid, title or "", url, name, text_to_dt(when), teaser or "", bool(read),
                   bool(marked), (sort_ts, aid))


def article_filters(*, source_id: int | None = None, unread: bool = False,
                    bookmarked: bool = False, since: datetime | None = None,
                    until: datetime | None = None, up_to_id: int | None = None,
                    unread_as_of: datetime | None = None) -> tuple[str, SqlParams]:
    """A WHERE clause (over alias ``a``) and its parameters for the list/search filters.

    ``since``/``until`` compare with the published time (the first-seen time when unknown).
    ``up_to_id``: only articles stored up to that id (a new article gets a higher one), and
    ``unread_as_of``: with ``unread``, articles unread at that time (read since, they stay):
    a list read page by page then does not shift when articles arrive or are read meanwhile.
    """
    where: list[str] = []
    params: SqlParams = []
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


class ArticleRepository:
    """``library.articles``: saving fetched articles, reading them, pages of the list, the
    read state, and the HTTP validators of every URL a refresh asks for."""

    def __init__(self, connections: Connections) -> None:
        self._db = connections

    # -- writing -----------------------------------------------------------------------------

    def save(self, article: Article, *, source_id: int | None, raw: bytes | None = None,
             headers: dict[str, str] | None = None,
             fetched_at: datetime | None = None) -> SaveResult:
        """Store an article as it was just fetched, in one transaction.

        "new": first time this URL is stored. "unchanged": same content as stored (only the
        fetch time and, when given, the raw page are refreshed). "updated": the content
        changed; the previous content is kept as an older version (see ``library.versions``), the
        version number grows and the read state stays. ``raw``/``headers``: the HTTP response
        the article came from, kept compressed for ``reextract`` and evidence exports.

        The text is queued for the search indexes, not indexed here
        (``library.search.index_pending``): search finds queued texts all the same.
        """
        return self.save_many([ToSave(article, source_id, raw, headers, fetched_at)])[0]

    def save_many(self, items: Iterable[ToSave]) -> list[SaveResult]:
        """Store several articles in one transaction (each as ``save`` would): all of them
        or, on a failure, none. One commit for many articles is what makes a batch fast; a
        refresh saving articles as they arrive uses ``save``."""
        batch = list(items)
        if any(not item.article.url for item in batch):
            raise InputError("an article needs a URL to be stored")
        if not batch:
            return []
        action = (f"save the article {batch[0].article.url}" if len(batch) == 1
                  else f"save {len(batch)} articles")
        # The CPU work (compressing, encoding, hashing) before taking the write lock.
        prepared = [PreparedArticle.of_item(item) for item in batch]
        with self._db.write(action) as conn:
            return [write_article(conn, prep, source_id=item.source_id,
                                  headers=item.headers, fetched=fetched)
                    for (prep, fetched), item in zip(prepared, batch, strict=True)]

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` the library already holds (as URL or canonical URL)."""
        wanted = list(urls)
        with self._db.read("look up stored articles") as conn:
            by_url = first_column_in(conn, "SELECT url FROM articles WHERE url IN ({})",
                                     wanted)
            by_canonical = first_column_in(conn, "SELECT canonical_url FROM articles "
                                                 "WHERE canonical_url IN ({})", wanted)
        return by_url | by_canonical

    def from_feed_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` the library holds as stored from their feed item (their page
        could not be read) or salvaged without their text: a refresh tries the page again."""
        # the warnings column is a JSON list of strings: the mark opens one of them
        marks = [json.dumps(m, ensure_ascii=False)[:-1]
                 for m in (FROM_FEED_WARNING, SALVAGED_WARNING)]
        with self._db.read("look up articles stored from their feed") as conn:
            return {str(r[0]) for r in rows_in(
                conn, "SELECT url FROM articles WHERE url IN ({}) "
                      "AND (instr(warnings, ?) OR instr(warnings, ?))",
                urls, after=marks)}

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

    def get_many(self, article_ids: Iterable[int]) -> dict[int, LibraryArticle]:
        """The articles of ``article_ids`` that exist, by id: IN_CHUNK per query, not one
        query per article (the clippings view checks every clipped article's text)."""
        with self._db.read("read articles") as conn:
            items = [library_article(row) for row in rows_in(
                conn, f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} WHERE a.id IN ({{}})",
                (int(i) for i in article_ids))]
        return {item.id: item for item in items}

    def id_of(self, url: str) -> int | None:
        """The id of the article stored under ``url`` (or with it as canonical URL)."""
        with self._db.read("look up an article") as conn:
            row = conn.execute("SELECT id FROM articles WHERE url = ? UNION ALL "
                               "SELECT id FROM articles WHERE canonical_url = ? LIMIT 1",
                               (url, url)).fetchone()
        return int(row[0]) if row else None

    def newest(self, *, source_id: int | None = None, unread: bool = False,
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
                f"{_LIST_ROW_SELECT} WHERE {where} ORDER BY a.sort_ts {order}, a.id {order} "
                "LIMIT ? OFFSET ?",
                [*params, max(0, int(limit)), max(0, int(offset))]).fetchall()
        return [_list_row(row) for row in rows]

    def rows_of(self, article_ids: Iterable[int]) -> dict[int, ListRow]:
        """The list lines of ``article_ids`` that exist, by id, IN_CHUNK per query (a page
        of search hits is one query, not one per hit)."""
        with self._db.read("list articles") as conn:
            lines = [_list_row(row) for row in rows_in(
                conn, f"{_LIST_ROW_SELECT} WHERE a.id IN ({{}})", (int(i) for i in article_ids))]
        return {line.id: line for line in lines}

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

    def last_id(self) -> int:
        """The highest article id given out so far (0 in an empty library)."""
        with self._db.read("read the library") as conn:
            return int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0])

    def count(self, *, source_id: int | None = None, unread: bool = False,
              bookmarked: bool = False, since: datetime | None = None,
              until: datetime | None = None, up_to_id: int | None = None,
              unread_as_of: datetime | None = None) -> int:
        """How many articles pass the filters (see ``article_filters``)."""
        where, params = article_filters(source_id=source_id, unread=unread,
                                        bookmarked=bookmarked, since=since, until=until,
                                        up_to_id=up_to_id, unread_as_of=unread_as_of)
        with self._db.read("count articles") as conn:
            return int(conn.execute(f"SELECT COUNT(*) FROM articles a WHERE {where}",
                                    params).fetchone()[0])
