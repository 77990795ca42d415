"""Bookmarks and clippings: what the reader chose to keep. Never evicted."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from huaibei_reader.errors import InputError
from huaibei_reader.models import Bookmark, Clipping
from huaibei_reader.store.connection import Connections, SqlParams
from huaibei_reader.store.rows import (
    CLIPPING_COLUMNS,
    bookmark_from_row,
    citation_to_json,
    clipping_from_row,
    dt_to_text,
    now,
    tags_to_json,
)


class MarkRepository:
    """``library.marks``: bookmarks (one per article, with a note and tags) and clippings
    (quotes kept with their citation and the article version they came from)."""

    def __init__(self, connections: Connections) -> None:
        self._db = connections

    # -- bookmarks ---------------------------------------------------------------------------

    def bookmark(self, article_id: int, *, note: str = "", tags: Iterable[str] = ()) -> Bookmark:
        """Bookmark an article, or change the note and tags of its bookmark."""
        try:
            with self._db.write("save the bookmark") as conn:
                conn.execute(
                    "INSERT INTO bookmarks (article_id, created_at, note, tags) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET "
                    "note = excluded.note, tags = excluded.tags",
                    (article_id, dt_to_text(now()), note, tags_to_json(tuple(tags))))
                row = conn.execute("SELECT article_id, created_at, note, tags FROM bookmarks "
                                   "WHERE article_id = ?", (article_id,)).fetchone()
        except sqlite3.IntegrityError:
            raise InputError(f"no article with id {article_id}") from None
        return bookmark_from_row(row)

    def unbookmark(self, article_id: int) -> None:
        with self._db.write("remove the bookmark") as conn:
            conn.execute("DELETE FROM bookmarks WHERE article_id = ?", (article_id,))

    def bookmarks(self, *, tag: str | None = None) -> list[Bookmark]:
        """All bookmarks (optionally only those with ``tag``), newest first."""
        sql = "SELECT article_id, created_at, note, tags FROM bookmarks"
        params: SqlParams = []
        if tag is not None:
            sql += " WHERE EXISTS (SELECT 1 FROM json_each(bookmarks.tags) WHERE value = ?)"
            params.append(tag)
        with self._db.read("read bookmarks") as conn:
            rows = conn.execute(sql + " ORDER BY created_at DESC, article_id DESC",
                                params).fetchall()
        return [bookmark_from_row(r) for r in rows]

    def bookmark_of(self, article_id: int) -> Bookmark | None:
        with self._db.read("read a bookmark") as conn:
            row = conn.execute("SELECT article_id, created_at, note, tags FROM bookmarks "
                               "WHERE article_id = ?", (article_id,)).fetchone()
        return bookmark_from_row(row) if row else None

    # -- clippings ---------------------------------------------------------------------------

    def add_clipping(self, clipping: Clipping) -> Clipping:
        """Store a clipping; returns it with its new id."""
        if not clipping.quote.strip():
            raise InputError("a clipping needs a quote")
        try:
            with self._db.write("save the clipping") as conn:
                exists = conn.execute("SELECT version FROM articles WHERE id = ?",
                                      (clipping.article_id,)).fetchone()
                if exists is None:
                    raise InputError(f"no article with id {clipping.article_id}")
                cur = conn.execute(
                    "INSERT INTO clippings (article_id, article_version, quote, note, tags, "
                    "citation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (clipping.article_id, clipping.article_version, clipping.quote,
                     clipping.note, tags_to_json(clipping.tags),
                     citation_to_json(clipping.citation), dt_to_text(clipping.created_at)))
                new_id = int(cur.lastrowid or 0)
        except sqlite3.IntegrityError:
            raise InputError(f"no article with id {clipping.article_id}") from None
        return self.clipping(new_id)

    def clipping(self, clipping_id: int) -> Clipping:
        with self._db.read("read a clipping") as conn:
            row = conn.execute(f"SELECT {CLIPPING_COLUMNS} FROM clippings WHERE id = ?",
                               (clipping_id,)).fetchone()
        if row is None:
            raise InputError(f"no clipping with id {clipping_id}")
        return clipping_from_row(row)

    def clippings(self, *, tag: str | None = None, source_id: int | None = None,
                  article_id: int | None = None) -> list[Clipping]:
        """Clippings, newest first, optionally only those with ``tag``, from one source or
        of one article."""
        where: list[str] = []
        params: SqlParams = []
        if tag is not None:
            where.append("EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = ?)")
            params.append(tag)
        if source_id is not None:
            where.append("c.article_id IN (SELECT id FROM articles WHERE source_id = ?)")
            params.append(source_id)
        if article_id is not None:
            where.append("c.article_id = ?")
            params.append(article_id)
        cols = ", ".join("c." + c.strip() for c in CLIPPING_COLUMNS.split(","))
        sql = f"SELECT {cols} FROM clippings c"
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._db.read("read clippings") as conn:
            rows = conn.execute(sql + " ORDER BY c.created_at DESC, c.id DESC",
                                params).fetchall()
        return [clipping_from_row(r) for r in rows]

    def update_clipping(self, clipping: Clipping) -> Clipping:
        """Save a changed quote, note or tags (the article, version and citation stay)."""
        if clipping.id is None:
            raise InputError("this clipping was never stored")
        if not clipping.quote.strip():
            raise InputError("a clipping needs a quote")
        with self._db.write("save the clipping") as conn:
            cur = conn.execute("UPDATE clippings SET quote = ?, note = ?, tags = ? WHERE id = ?",
                               (clipping.quote, clipping.note, tags_to_json(clipping.tags),
                                clipping.id))
        if cur.rowcount == 0:
            raise InputError(f"no clipping with id {clipping.id}")
        return self.clipping(clipping.id)

    def delete_clipping(self, clipping_id: int) -> None:
        with self._db.write("delete the clipping") as conn:
            conn.execute("DELETE FROM clippings WHERE id = ?", (clipping_id,))

    def tags(self) -> list[str]:
        """Every tag used on a bookmark or clipping, sorted."""
        with self._db.read("read tags") as conn:
            rows = conn.execute(
                "SELECT value FROM bookmarks, json_each(bookmarks.tags) UNION "
                "SELECT value FROM clippings, json_each(clippings.tags) ORDER BY 1").fetchall()
        return [r[0] for r in rows]
