"""SQLite connections, one per thread, and the translation of SQLite failures into words.

Every connection runs in autocommit mode; writes open an explicit ``BEGIN IMMEDIATE``
transaction (see ``Connections.write``) so they take the write lock up front, wait at most
``BUSY_TIMEOUT_MS`` for another process, and commit as soon as the one change is done.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from huaibei_reader.errors import LibraryError

BUSY_TIMEOUT_MS = 5000
# A row as sqlite3 hands it back, and the values bound to a statement's placeholders.
SqlRow = tuple[Any, ...]
SqlParams = list[Any]

# Values bound per "IN (...)" query: below SQLite's oldest limit of 999 bound variables.
IN_CHUNK = 500
# Page cache of each connection (KiB). Every thread has its own connection, so a pool of
# workers holds one such cache each; Library.open(cache_kib=...) sets it per library.
DEFAULT_CACHE_KIB = 16_000

# Primary SQLite result codes (https://sqlite.org/rescode.html).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3, 5, 6, 8, 10, 11, 13, 14, 26)


def primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_corruption(exc: sqlite3.Error) -> bool:
    code = primary_code(exc)
    if code in (_CORRUPT, _NOTADB):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def translate(exc: sqlite3.Error, action: str) -> LibraryError:
    """A LibraryError whose message says what failed and what the person can do."""
    code = primary_code(exc)
    text = str(exc)
    low = text.lower()
    if code == _FULL or "disk is full" in low:
        return LibraryError(f"could not {action}: the disk is full (or the library reached its "
                            "size limit); free some space and try again. Nothing already "
                            "stored was lost", kind="library-full")
    if code == _READONLY or "readonly" in low:
        return LibraryError(f"could not {action}: the library file is read-only",
                            kind="library-read-only")
    if code in (_BUSY, _LOCKED) or "locked" in low:
        return LibraryError(f"could not {action}: the library is in use by another Huaibei "
                            f"Reader (waited {BUSY_TIMEOUT_MS // 1000} s); close the other one "
                            "and try again", kind="library-busy",
                            seconds=BUSY_TIMEOUT_MS // 1000)
    if is_corruption(exc):
        return LibraryError(f"could not {action}: the library file is damaged ({text}); "
                            "restart the app to move it aside and start a fresh library",
                            kind="library-damaged", detail=text)
    if code in (_CANTOPEN, _PERM):
        return LibraryError(f"could not {action}: the library file cannot be opened ({text})",
                            kind="library-cannot-open", detail=text)
    if code == _IOERR:
        return LibraryError(f"could not {action}: the disk reported an error ({text})",
                            kind="library-disk-error", detail=text)
    return LibraryError(f"could not {action}: {text}")


def damage_marker(path: Path) -> Path:
    """A file saying "SQLite reported damage here": the next open checks the whole file."""
    return Path(str(path) + ".damaged")


def note_damage(path: Path, reason: str) -> None:
    try:
        damage_marker(path).write_text(f"{datetime.now(UTC).isoformat()} {reason}\n",
                                       encoding="utf-8")
    except OSError:
        pass  # the error itself still reaches the person


def connect(path: Path, cache_kib: int = DEFAULT_CACHE_KIB, *,
            read_only: bool = False) -> sqlite3.Connection:
    """A new connection with the library's settings (no WAL switch: done once on open).

    ``read_only``: SQLite's ``mode=ro`` (it sees what another writer commits); where that
    cannot open (a read-only folder without the write-ahead log's shared-memory file),
    ``immutable=1``: the file as it is, nothing locked or written.
    """
    if read_only:
        return _connect_read_only(path, cache_kib)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    _configure(conn, cache_kib)
    return conn


def _connect_read_only(path: Path, cache_kib: int) -> sqlite3.Connection:
    last: sqlite3.Error | None = None
    for flags in ("mode=ro", "immutable=1"):
        uri = f"{path.resolve().as_uri()}?{flags}"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            last = exc
            continue
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            conn.execute(f"PRAGMA cache_size = {-max(100, int(cache_kib)):d}")
            conn.execute("PRAGMA query_only = ON")
        except sqlite3.Error as exc:
            conn.close()
            last = exc
            continue
        return conn
    assert last is not None
    raise last


def _configure(conn: sqlite3.Connection, cache_kib: int) -> None:
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA cache_size = {-max(100, int(cache_kib)):d}")  # KiB
    except sqlite3.Error:
        conn.close()
        raise


class Connections:
    """One connection per thread, all closed together.

    Each thread gets its own connection the first time it asks; a connection is only ever
    used by the thread that made it. ``check_same_thread`` is off only so ``close_all`` can
    close them from the thread that shuts down.
    """

    def __init__(self, path: Path, *, cache_kib: int = DEFAULT_CACHE_KIB,
                 read_only: bool = False) -> None:
        self.path = path
        self.cache_kib = cache_kib
        self.read_only = read_only
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []
        self._closed = False

    def get(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        with self._lock:
            if self._closed:
                raise LibraryError("the library is closed", kind="library-closed")
            try:
                conn = connect(self.path, self.cache_kib, read_only=self.read_only)
            except sqlite3.Error as exc:
                raise translate(exc, "open the library") from None
            self._all.append(conn)
        self._local.conn = conn
        return conn

    @contextmanager
    def write(self, action: str) -> Iterator[sqlite3.Connection]:
        """One short write transaction; SQLite failures become a LibraryError."""
        if self.read_only:
            raise LibraryError(f"could not {action}: the library is open read-only")
        conn = self.get()
        if conn.in_transaction:  # nested use inside our own transaction
            yield conn
            return
        with self._translated(action), immediate_transaction(conn):
            yield conn

    @contextmanager
    def read(self, action: str) -> Iterator[sqlite3.Connection]:
        """This thread's connection for reading; SQLite failures become a LibraryError."""
        conn = self.get()
        with self._translated(action):
            yield conn

    @contextmanager
    def _translated(self, action: str) -> Iterator[None]:
        """SQLite failures as a LibraryError saying what failed (damage noted for the next
        open); an IntegrityError passes unchanged, for the caller to word."""
        try:
            yield
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise self._failure(exc, action) from None

    def _failure(self, exc: sqlite3.Error, action: str) -> LibraryError:
        if is_corruption(exc):
            note_damage(self.path, str(exc))
        return translate(exc, action)

    def close_all(self) -> None:
        with self._lock:
            self._closed = True
            conns, self._all = self._all, []
        for conn in conns:
            rollback(conn)
            try:
                conn.close()
            except sqlite3.Error:
                pass
        self._local = threading.local()


@contextmanager
def immediate_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` (the write lock up front), ``COMMIT`` when the block ends, and a
    rollback when it raises. ``conn`` must be in autocommit mode (isolation_level=None)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, if any; a failure to do so is not worth reporting (SQLite
    rolls back on its own when the connection closes)."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def rows_in(conn: sqlite3.Connection, sql: str, values: Iterable[Any],
            after: Sequence[Any] = ()) -> Iterator[SqlRow]:
    """The rows of ``sql`` run over ``values`` (each once, empty ones skipped), IN_CHUNK of
    them at a time: ``sql`` holds one ``{}`` where the placeholders of a chunk go
    (``... WHERE url IN ({})``); ``after`` binds the placeholders that follow it."""
    wanted = list(dict.fromkeys(v for v in values if v))
    for i in range(0, len(wanted), IN_CHUNK):
        chunk = wanted[i:i + IN_CHUNK]
        yield from conn.execute(sql.format(",".join("?" * len(chunk))), [*chunk, *after])


def first_column_in(conn: sqlite3.Connection, sql: str, values: Iterable[str]) -> set[str]:
    """The first column of ``sql`` run over ``values`` (see rows_in), as a set."""
    return {str(r[0]) for r in rows_in(conn, sql, values)}


# Two apps creating one new library at once can both read its header, then both ask for the
# lock that switching to WAL needs: SQLite answers one of them "busy" at once (waiting could
# deadlock), without its busy timeout. The switch is tried again for as long as that timeout.
WAL_SWITCH_PAUSE_SECONDS = 0.02


def switch_to_wal(conn: sqlite3.Connection) -> str:
    """``PRAGMA journal_mode = WAL``; the journal mode it leaves the library in."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = threading.Event()
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if primary_code(exc) != _BUSY or time.monotonic() > deadline:
                raise
        pause.wait(WAL_SWITCH_PAUSE_SECONDS)
