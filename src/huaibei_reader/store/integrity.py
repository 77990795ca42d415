"""Checks on open, moving a damaged library aside, and online backups.

A damaged library is never deleted: the file and its -wal/-shm companions are renamed to
``<name>.corrupt-<UTC time>`` beside it, so a person (or a recovery tool) can still get at it.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from huaibei_reader.atomicfile import give_name
from huaibei_reader.errors import (
    CannotWrite,
    InputError,
    KnownError,
    LibraryError,
    TargetExists,
    cannot_write,
)
from huaibei_reader.store.connection import (
    BUSY_TIMEOUT_MS,
    damage_marker,
    is_corruption,
    primary_code,
    translate,
)

COMPANIONS = ("-wal", "-shm", "-journal")
# SQLite's primary result codes for trouble on the writing side (https://sqlite.org/rescode.html).
SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 3, 8, 10, 13, 14
SQLITE_HEADER = b"SQLite format 3\x00"
# Up to this size the whole file is checked on every open (about 40 ms per 20 MB here).
FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024
# What the reader made by hand and cannot fetch again: always checked on open.
PRECIOUS_TABLES = ("sources", "bookmarks", "clippings", "article_versions", "validators")


def find_damage(path: Path, *, full: bool | None = None) -> str | None:
    """Why the library at ``path`` is damaged, or None when it reads as a sound database.

    ``full``: run ``PRAGMA quick_check`` over the whole file. ``None`` (the default) does so
    when the file is below FULL_CHECK_MAX_BYTES or SQLite reported damage in an earlier
    session; otherwise only the tables that hold the reader's own work (sources, bookmarks,
    clippings, old versions) and the schema are checked, which keeps a big library opening
    fast. Busy, read-only and permission failures raise LibraryError: they are not damage,
    and the file must not be moved because of them.
    """
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LibraryError(f"cannot read the library {path}: {exc.strerror}",
                           kind="library-unreadable", path=str(path),
                           detail=exc.strerror or "") from None
    if not header:
        return None  # an empty file: SQLite makes a new library in it
    if header != SQLITE_HEADER:
        return "the file is not an SQLite database"
    if full is None:
        full = size <= FULL_CHECK_MAX_BYTES or damage_marker(path).exists()
    try:
        # Read-only, so a damaged library's write-ahead log is left exactly as it was.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        if is_corruption(exc):
            return str(exc)
        raise translate(exc, "open the library") from None
    try:
        if full:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        else:
            present = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            rows = []
            for table in PRECIOUS_TABLES:
                if table in present:
                    rows += conn.execute(f"PRAGMA quick_check({table})").fetchall()
    except sqlite3.Error as exc:
        if is_corruption(exc):
            return str(exc)
        raise translate(exc, "check the library") from None
    finally:
        conn.close()
    problems = [str(r[0]) for r in rows if r and r[0] != "ok"]
    if problems:
        return "; ".join(problems[:3])
    if full:
        try:
            damage_marker(path).unlink()
        except OSError:
            pass
    return None


def move_aside(path: Path) -> Path:
    """Rename a damaged library (and its companions) out of the way; return the new name."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
        for suffix in (*COMPANIONS, ".damaged"):
            companion = Path(str(path) + suffix)
            if companion.exists():
                os.replace(companion, Path(str(target) + suffix))
    except OSError as exc:
        raise LibraryError(f"the library {path} is damaged and could not be moved aside: "
                           f"{exc.strerror}", kind="library-cannot-move-aside",
                           path=str(path), detail=exc.strerror or "") from None
    return target


def backup_to(conn: sqlite3.Connection, library_path: Path, target: Path, *,
              overwrite: bool = False) -> Path:
    """Copy the open library to ``target`` with SQLite's online backup API.

    The copy is written to a temporary file beside the target and given its name only when
    complete and checked, so a failed backup never leaves a half-written file under that name.
    An existing ``target`` is a ``TargetExists`` unless ``overwrite``. Trouble writing it
    (read-only, no permission, full disk) is a ``CannotWrite`` naming the target: the library
    itself is fine.
    """
    target = Path(target)
    if target.is_dir():
        raise CannotWrite(target, "is-folder")
    try:
        if target.exists() and target.resolve() == library_path.resolve():
            raise InputError("the backup cannot overwrite the library itself")
    except OSError:
        pass
    if target.exists() and not overwrite:
        raise TargetExists(target)
    if not target.parent.is_dir():
        raise CannotWrite(target, "no-folder")
    partial = target.with_name(f".{target.name}.partial")
    created = False
    try:
        # Made here first: the folder's own answer (read-only, no permission) has an errno;
        # SQLite's "unable to open database file" would sound like the library's fault.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666))
        created = True
        dest = sqlite3.connect(str(partial))
        try:
            conn.backup(dest, pages=4096)
            verdict = dest.execute("PRAGMA quick_check").fetchone()[0]
            # A backup is a single self-contained file: no WAL to carry along.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        if verdict != "ok":
            raise LibraryError(f"the backup failed its check ({verdict}); the library may be "
                               "damaged")
        give_name(partial, target, overwrite=overwrite)
    except sqlite3.Error as exc:
        raise _backup_failure(exc, target) from None
    except OSError as exc:
        raise cannot_write(target, exc) from None
    finally:
        if created:
            for leftover in (partial, Path(str(partial) + "-journal")):
                try:
                    leftover.unlink()
                except OSError:
                    pass
    return target


def _backup_failure(exc: sqlite3.Error, target: Path) -> KnownError:
    """Failures writing the copy are the target's (the library is only read)."""
    code = primary_code(exc)
    if code == SQLITE_FULL:
        return CannotWrite(target, "disk-full")
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_IOERR):
        return CannotWrite(target, "other", str(exc))
    return translate(exc, f"write the backup {target}")
