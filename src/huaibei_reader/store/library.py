"""The offline library: one SQLite file holding sources, articles, images and marks.

Safe to use from several threads (each gets its own connection) and from two app instances
at once (SQLite's locking; a clear message when the other holds the lock too long). Every
write is one short transaction, so a crash loses at most the change being made.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from huaibei_reader.errors import LibraryError
from huaibei_reader.store import integrity
from huaibei_reader.store.articles import ArticleRepository
from huaibei_reader.store.connection import (
    DEFAULT_CACHE_KIB,
    Connections,
    is_corruption,
    note_damage,
    switch_to_wal,
    translate,
)
from huaibei_reader.store.images import ImageRepository, drop_orphan_images
from huaibei_reader.store.marks import MarkRepository
from huaibei_reader.store.rows import dt_to_text, now
from huaibei_reader.store.salvage import SalvageReport, salvage_into
from huaibei_reader.store.schema import SCHEMA_VERSION, migrate, missing_tables, schema_version
from huaibei_reader.store.search import SearchRepository
from huaibei_reader.store.sources import SourceRepository
from huaibei_reader.store.versions import VersionRepository


class Library:
    """Use ``Library.open(path)``; call ``close()`` when done.

    The library owns the connections (one per thread) and hands them to one repository per
    concern: ``articles``, ``versions``, ``search``, ``sources``, ``marks`` and ``images``.
    What concerns the whole file (checks, backup, eviction, size) is here.
    """

    def __init__(self, path: Path, connections: Connections,
                 moved_aside: Path | None = None) -> None:
        self.path = path
        self.moved_aside = moved_aside
        # What was copied out of the damaged library moved aside (None when none was).
        self.salvaged: SalvageReport | None = None
        self.read_only = connections.read_only
        self._db = connections
        self.articles = ArticleRepository(connections)
        self.versions = VersionRepository(connections, self.articles)
        self.search = SearchRepository(connections)
        self.sources = SourceRepository(connections, self.search)
        self.marks = MarkRepository(connections)
        self.images = ImageRepository(connections)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, check: bool = True, cache_kib: int = DEFAULT_CACHE_KIB,
             read_only: bool = False) -> Library:
        """Open (or create) the library at ``path``, migrating it to the current schema.

        With ``check`` (the default) the file is verified first (``PRAGMA quick_check``: all
        of it up to 64 MB or after SQLite reported damage, else the reader's own tables); a
        damaged file is moved aside (see ``moved_aside``), a fresh library created, and what
        still reads in the damaged one copied into it (see ``salvaged``).
        ``cache_kib``: the SQLite page cache of each thread's connection. ``read_only``: open
        an existing library without changing it (no check, no migration; every write raises
        ``LibraryError``), for a folder the reader cannot write.
        """
        path = Path(path)
        if not path.parent.is_dir():
            raise LibraryError(f"the folder of the library does not exist: {path.parent}",
                               kind="library-no-folder", path=str(path.parent))
        if read_only:
            return cls._open_read_only(path, cache_kib)
        if check:
            damage = integrity.find_damage(path)
            if damage is not None:
                return cls._open_fresh_after_damage(path, integrity.move_aside(path),
                                                    cache_kib)
        connections = Connections(path, cache_kib=cache_kib)
        try:
            conn = connections.get()
            try:
                if conn.execute("PRAGMA page_count").fetchone()[0] == 0:
                    # A new file: must precede WAL and the first table; lets eviction give
                    # space back to the disk.
                    conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
                mode = switch_to_wal(conn)
                migrate(conn)
            except sqlite3.Error as exc:
                if check and is_corruption(exc):
                    # Damage quick_check did not see (a bad header): move it aside, once.
                    connections.close_all()
                    moved = integrity.move_aside(path)
                    return cls._open_fresh_after_damage(path, moved, cache_kib)
                raise translate(exc, f"open the library {path}") from None
            if str(mode).lower() != "wal":
                raise LibraryError(f"could not open the library {path}: the file system does "
                                   "not support the write-ahead log SQLite needs",
                                   kind="library-no-wal", path=str(path))
            missing = missing_tables(conn)
            if missing and check:
                # The version number says current but the tables do not match (a file from a
                # development build, or edited by hand): keep it aside, start afresh.
                connections.close_all()
                moved = integrity.move_aside(path)
                return cls._open_fresh_after_damage(path, moved, cache_kib)
            if missing:
                raise LibraryError(f"the library {path} lacks the tables "
                                   f"{', '.join(sorted(missing))}; it was not made by this app",
                                   kind="library-foreign", path=str(path))
        except BaseException:
            connections.close_all()
            raise
        return cls(path, connections)

    @classmethod
    def _open_read_only(cls, path: Path, cache_kib: int) -> Library:
        if not path.is_file():
            raise LibraryError(f"there is no library to read at {path}")
        connections = Connections(path, cache_kib=cache_kib, read_only=True)
        try:
            conn = connections.get()
            try:
                version, missing = schema_version(conn), missing_tables(conn)
            except sqlite3.Error as exc:
                raise translate(exc, f"read the library {path}") from None
            if version != SCHEMA_VERSION or missing:
                raise LibraryError(f"the library {path} was made by another version of the "
                                   "app and cannot be upgraded while it is read-only")
        except BaseException:
            connections.close_all()
            raise
        return cls(path, connections)

    @classmethod
    def _open_fresh_after_damage(cls, path: Path, moved: Path,
                                cache_kib: int = DEFAULT_CACHE_KIB) -> Library:
        library = cls.open(path, check=False, cache_kib=cache_kib)
        library.moved_aside = moved
        try:
            library.salvaged = salvage_into(moved, library._db.get())
        except BaseException:
            library.close()
            raise
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
                drop_orphan_images(conn)
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
                    drop_orphan_images(conn)
        if removed:
            self.search.index_pending()  # before vacuuming: the queue holds the removed texts
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

