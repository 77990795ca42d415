"""The sources the reader follows: sites and feeds, each with the outcome of its last refresh."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from huaibei_reader.errors import InputError
from huaibei_reader.models import Source
from huaibei_reader.store.connection import Connections
from huaibei_reader.store.images import drop_orphan_images
from huaibei_reader.store.rows import SOURCE_COLUMNS, dt_to_text, now, source_from_row
from huaibei_reader.store.search import SearchRepository


class SourceRepository:
    """``library.sources``: add, look up, rename and remove sources; record refreshes."""

    def __init__(self, connections: Connections, search: SearchRepository) -> None:
        self._db = connections
        self._search = search

    def add(self, source: Source) -> Source:
        """Store a new source; InputError if a source of that name exists."""
        name = source.name.strip()
        if not name:
            raise InputError("a source needs a name")
        try:
            with self._db.write(f"add the source {name}") as conn:
                cur = conn.execute(
                    "INSERT INTO sources (name, url, kind, feed_url, rules, last_error, "
                    "last_refreshed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (name, source.url, source.kind, source.feed_url, source.rules,
                     source.last_error, dt_to_text(source.last_refreshed), dt_to_text(now())))
                new_id = int(cur.lastrowid or 0)
        except sqlite3.IntegrityError:
            raise InputError(f"a source named {name} already exists") from None
        return self.get(new_id)

    def all(self) -> list[Source]:
        """Every source, in the order they were added."""
        with self._db.read("read the sources") as conn:
            rows = conn.execute(f"SELECT {SOURCE_COLUMNS} FROM sources ORDER BY id").fetchall()
        return [source_from_row(r) for r in rows]

    def get(self, source_id: int) -> Source:
        """The source with this id; InputError when there is none."""
        with self._db.read("read a source") as conn:
            row = conn.execute(f"SELECT {SOURCE_COLUMNS} FROM sources WHERE id = ?",
                               (source_id,)).fetchone()
        if row is None:
            raise InputError(f"no source with id {source_id}")
        return source_from_row(row)

    def find(self, name_or_id: str) -> Source:
        """The source with this exact name, else this id, else the one name match ignoring
        case; InputError when none (or several) match."""
        text = str(name_or_id).strip()
        with self._db.read("read the sources") as conn:
            row = conn.execute(f"SELECT {SOURCE_COLUMNS} FROM sources WHERE name = ?",
                               (text,)).fetchone()
            if row is None and text.isdigit():
                row = conn.execute(f"SELECT {SOURCE_COLUMNS} FROM sources WHERE id = ?",
                                   (int(text),)).fetchone()
            if row is None:
                rows = conn.execute(f"SELECT {SOURCE_COLUMNS} FROM sources WHERE "
                                    "lower(name) = lower(?)", (text,)).fetchall()
                if len(rows) == 1:
                    row = rows[0]
        if row is None:
            raise InputError(f"no source named {text}")
        return source_from_row(row)

    def rename(self, source_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            raise InputError("a source needs a name")
        try:
            with self._db.write("rename the source") as conn:
                cur = conn.execute("UPDATE sources SET name = ? WHERE id = ?", (name, source_id))
        except sqlite3.IntegrityError:
            raise InputError(f"a source named {name} already exists") from None
        if cur.rowcount == 0:
            raise InputError(f"no source with id {source_id}")

    def remove(self, source_id: int) -> None:
        """Forget a source and its articles, except those bookmarked or clipped, which stay
        in the library without a source."""
        with self._db.write("remove the source") as conn:
            conn.execute(
                "DELETE FROM articles WHERE source_id = ? "
                "AND id NOT IN (SELECT article_id FROM bookmarks) "
                "AND id NOT IN (SELECT article_id FROM clippings)", (source_id,))
            drop_orphan_images(conn)
            cur = conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        if cur.rowcount == 0:
            raise InputError(f"no source with id {source_id}")
        # Drops the text copies kept to take the removed articles out of the pairs index.
        self._search.index_pending()

    def set_status(self, source_id: int, *, error: str | None,
                   refreshed_at: datetime | None) -> None:
        """Record the outcome of a refresh (``error`` None when it went well)."""
        with self._db.write("record the refresh") as conn:
            conn.execute("UPDATE sources SET last_error = ?, "
                         "last_refreshed = COALESCE(?, last_refreshed) WHERE id = ?",
                         (error, dt_to_text(refreshed_at), source_id))
