"""The offline library: one SQLite file holding sources, articles, images and marks.

Safe to use from several threads (each gets its own connection) and from two app instances
at once (SQLite's locking; a clear message when the other holds the lock too long). Every
write is one short transaction, so a crash loses at most the change being made.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from huaibei_reader.errors import InputError, LibraryError
from huaibei_reader.models import Source
from huaibei_reader.store import integrity
from huaibei_reader.store.articles import ArticlesMixin
from huaibei_reader.store.connection import (
    DEFAULT_CACHE_KIB,
    Connections,
    note_damage,
    translate,
)
from huaibei_reader.store.images import ImagesMixin
from huaibei_reader.store.marks import MarksMixin
from huaibei_reader.store.rows import SOURCE_COLUMNS, dt_to_text, now, source_from_row
from huaibei_reader.store.schema import migrate, missing_tables
from huaibei_reader.store.search import SearchMixin


class Library(ArticlesMixin, SearchMixin, ImagesMixin, MarksMixin):
    """Use ``Library.open(path)``; call ``close()`` when done."""

    def __init__(self, path: Path, connections: Connections,
                 moved_aside: Path | None = None) -> None:
        self.path = path
        self.moved_aside = moved_aside
        self._db = connections

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, check: bool = True,
             cache_kib: int = DEFAULT_CACHE_KIB) -> Library:
        """Open (or create) the library at ``path``, migrating it to the current schema.

        With ``check`` (the default) the file is verified first (``PRAGMA quick_check``: all
        of it up to 64 MB or after SQLite reported damage, else the reader's own tables); a
        damaged file is moved aside (see ``moved_aside``) and a fresh library created.
        ``cache_kib``: the SQLite page cache of each thread's connection.
        """
        path = Path(path)
        if not path.parent.is_dir():
            raise LibraryError(f"the folder of the library does not exist: {path.parent}")
        moved: Path | None = None
        if check:
            damage = integrity.find_damage(path)
            if damage is not None:
                moved = integrity.move_aside(path)
        connections = Connections(path, cache_kib=cache_kib)
        try:
            conn = connections.get()
            try:
                if conn.execute("PRAGMA page_count").fetchone()[0] == 0:
                    # A new file: must precede WAL and the first table; lets eviction give
                    # space back to the disk.
                    conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                migrate(conn)
            except sqlite3.Error as exc:
                if check and moved is None and integrity.is_corruption(exc):
                    # Damage quick_check did not see (a bad header): move it aside, once.
                    connections.close_all()
                    moved = integrity.move_aside(path)
                    return cls.open_fresh_after_damage(path, moved, cache_kib)
                raise translate(exc, f"open the library {path}") from None
            if str(mode).lower() != "wal":
                raise LibraryError(f"could not open the library {path}: the file system does "
                                   "not support the write-ahead log SQLite needs")
            missing = missing_tables(conn)
            if missing and check and moved is None:
                # The version number says current but the tables do not match (a file from a
                # development build, or edited by hand): keep it aside, start afresh.
                connections.close_all()
                moved = integrity.move_aside(path)
                return cls.open_fresh_after_damage(path, moved, cache_kib)
            if missing:
                raise LibraryError(f"the library {path} lacks the tables "
                                   f"{', '.join(sorted(missing))}; it was not made by this app")
        except BaseException:
            connections.close_all()
            raise
        return cls(path, connections, moved)

    @classmethod
    def open_fresh_after_damage(cls, path: Path, moved: Path,
                                cache_kib: int = DEFAULT_CACHE_KIB) -> Library:
        library = cls.open(path, check=False, cache_kib=cache_kib)
        library.moved_aside = moved
        return library

    def close(self) -> None:
        """Close every thread's connection; later calls raise LibraryError. Texts still
        queued for the search indexes stay queued (and searchable) for the next session."""
        self._db.close_all()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def verify(self) -> list[str]:
        """Run ``PRAGMA quick_check`` over the whole library now; return the problems.

        Meant for a background job on a big library (whose open checks only the reader's own
        tables). On damage the next open checks everything and moves the file aside.
        """
        with self._db.read("check the library") as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        if problems:
            note_damage(self.path, "; ".join(problems[:3]))
        return problems

    def integrity_check(self) -> list[str]:
        """Problems found by the full ``PRAGMA integrity_check`` (empty when sound)."""
        with self._db.read("check the library") as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return [r[0] for r in rows if r[0] != "ok"]

    def backup(self, path: Path, *, overwrite: bool = False) -> Path:
        """An online copy of the library at ``path``; an existing file there is replaced
        (atomically) only with ``overwrite``, else ``TargetExists``."""
        return integrity.backup_to(self._db.get(), self.path, Path(path), overwrite=overwrite)

    # -- sources ---------------------------------------------------------------------------

    def add_source(self, source: Source) -> Source:
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
                new_id = cur.lastrowid
        except sqlite3.IntegrityError:
            raise InputError(f"a source named {name} already exists") from None
        return self.source(int(new_id))  # type: ignore[arg-type]

    def sources(self) -> list[Source]:
        with self._db.read("read the sources") as conn:
            rows = conn.execute(f"SELECT {SOURCE_COLUMNS} FROM sources ORDER BY id").fetchall()
        return [source_from_row(r) for r in rows]

    def source(self, source_id: int) -> Source:
        with self._db.read("read a source") as conn:
            row = conn.execute(f"SELECT {SOURCE_COLUMNS} FROM sources WHERE id = ?",
                               (source_id,)).fetchone()
        if row is None:
            raise InputError(f"no source with id {source_id}")
        return source_from_row(row)

    def find_source(self, name_or_id: str) -> Source:
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

    def rename_source(self, source_id: int, name: str) -> None:
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

    def remove_source(self, source_id: int) -> None:
        """Forget a source and its articles, except those bookmarked or clipped, which stay
        in the library without a source."""
        with self._db.write("remove the source") as conn:
            conn.execute(
                "DELETE FROM articles WHERE source_id = ? "
                "AND id NOT IN (SELECT article_id FROM bookmarks) "
                "AND id NOT IN (SELECT article_id FROM clippings)", (source_id,))
            self._drop_orphan_images(conn)
            cur = conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        if cur.rowcount == 0:
            raise InputError(f"no source with id {source_id}")
        self.index_pending()  # drops the text copies kept to take the pairs out of the index

    def set_source_status(self, source_id: int, *, error: str | None,
                          refreshed_at: datetime | None) -> None:
        """Record the outcome of a refresh (``error`` None when it went well)."""
        with self._db.write("record the refresh") as conn:
            conn.execute("UPDATE sources SET last_error = ?, "
                         "last_refreshed = COALESCE(?, last_refreshed) WHERE id = ?",
                         (error, dt_to_text(refreshed_at), source_id))

    # -- cache limits ----------------------------------------------------------------------

    def evict(self, max_bytes: int | None = None, max_age_days: float | None = None) -> int:
        """Remove old articles that are neither bookmarked nor clipped; return how many.

        ``max_age_days``: articles not fetched or opened within that many days go.
        ``max_bytes``: then the oldest go until the stored articles and images fit.
        Images no remaining article shows go with them. Space is given back to the disk.
        """
        removed = 0
        protected = ("id NOT IN (SELECT article_id FROM bookmarks) "
                     "AND id NOT IN (SELECT article_id FROM clippings)")
        if max_age_days is not None:
            cutoff = dt_to_text(now() - timedelta(days=max_age_days))
            with self._db.write("evict old articles") as conn:
                cur = conn.execute(
                    f"DELETE FROM articles WHERE {protected} AND fetched_at < ? "
                    "AND (opened_at IS NULL OR opened_at < ?)", (cutoff, cutoff))
                removed += cur.rowcount
                self._drop_orphan_images(conn)
        if max_bytes is not None:
            while self.stored_bytes() > max_bytes:
                excess = self.stored_bytes() - max_bytes
                with self._db.write("evict old articles") as conn:
                    rows = conn.execute(
                        f"SELECT id, size_bytes FROM articles WHERE {protected} "
                        "ORDER BY COALESCE(opened_at, fetched_at), id LIMIT 500").fetchall()
                    if not rows:
                        break
                    doomed: list[int] = []
                    freed = 0
                    for aid, size in rows:
                        doomed.append(aid)
                        freed += size
                        if freed >= excess:
                            break
                    conn.executemany("DELETE FROM articles WHERE id = ?",
                                     [(a,) for a in doomed])
                    removed += len(doomed)
                    self._drop_orphan_images(conn)
        if removed:
            self.index_pending()  # before vacuuming: the queue holds the removed texts
            try:
                with self._db.read("give space back") as conn:
                    conn.execute("PRAGMA incremental_vacuum")
            except LibraryError:
                pass  # the space stays reserved for the next articles; nothing is lost
        return removed

    def stored_bytes(self) -> int:
        """What the articles (text, raw pages, old versions) and images take, roughly."""
        with self._db.read("measure the library") as conn:
            articles = conn.execute("SELECT COALESCE(SUM(size_bytes), 0) FROM articles"
                                    ).fetchone()[0]
            images = conn.execute("SELECT COALESCE(SUM(size), 0) FROM images").fetchone()[0]
        return int(articles) + int(images)

    @staticmethod
    def _drop_orphan_images(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM image_urls WHERE url NOT IN "
                     "(SELECT url FROM article_images)")
        conn.execute("DELETE FROM images WHERE sha256 NOT IN (SELECT sha256 FROM image_urls)")
