"""Is the data folder usable? Checked once at start, before anything is written there.

A path that is a file, a folder the reader cannot write (read-only medium, permissions) or a
full disk used to surface as a library error deep in the window. Here each becomes a
``FolderProblem`` naming the folder and why, which the window shows with the way out (another
folder, remembered for next time; or reading an existing library read-only).

The write check makes a small file and removes it again: a real write is the only test that
holds for every cause and every user (root ignores permission bits, so ``os.access`` says
"writable" on a read-only bind mount's permissions it cannot override).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from huaibei_reader.app.services import LIBRARY_FILE
from huaibei_reader.paths import remember_data_dir

# Below this much free space a refresh (pages, images, the write-ahead log) soon fails with
# "disk full" half-way; better to say so before starting.
MIN_FREE_BYTES = 20 * 1024 * 1024
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


@dataclass(frozen=True)
class FolderProblem:
    """Why ``folder`` cannot hold the library. ``kind``: ``not_a_folder`` (a file is there),
    ``cannot_create``, ``read_only``, ``full`` or ``cannot_write``; ``detail``: the system's
    words (or the free space for ``full``); ``has_library``: a library is there to read."""

    folder: Path
    kind: str
    detail: str = ""
    has_library: bool = False

    def __str__(self) -> str:
        why = {"not_a_folder": "it is a file, not a folder",
               "cannot_create": "it cannot be created",
               "read_only": "it is read-only",
               "full": "the disk is full",
               "cannot_write": "it cannot be written"}[self.kind]
        detail = f" ({self.detail})" if self.detail else ""
        return f"the data folder {self.folder} cannot be used: {why}{detail}"


def write_probe(folder: Path) -> None:
    """Write, flush to disk and remove a small file in ``folder``; raises ``OSError``."""
    fd, name = tempfile.mkstemp(prefix=".write-check-", dir=folder)
    try:
        os.write(fd, b"huaibei-reader")
        os.fsync(fd)
    finally:
        os.close(fd)
        Path(name).unlink()


def free_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def check_data_folder(folder: Path, *, probe: Callable[[Path], None] = write_probe,
                      free: Callable[[Path], int] = free_bytes) -> FolderProblem | None:
    """None when the library can live in ``folder`` (created if missing), else the problem.
    ``probe`` and ``free`` are the write check and the free-space reading (tests pass their
    own to stand for a disk they cannot make)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        return FolderProblem(folder, "not_a_folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        kind = "not_a_folder" if exc.errno in (errno.ENOTDIR, errno.EEXIST) else \
            "read_only" if exc.errno in _READ_ONLY_ERRNOS else "cannot_create"
        return FolderProblem(folder, kind, exc.strerror or "")
    has_library = (folder / LIBRARY_FILE).is_file()
    try:
        probe(folder)
    except OSError as exc:
        kind = ("read_only" if exc.errno in _READ_ONLY_ERRNOS
                else "full" if exc.errno in _FULL_ERRNOS else "cannot_write")
        return FolderProblem(folder, kind, exc.strerror or "", has_library)
    try:
        left = free(folder)
    except OSError:
        return None  # the write worked; an unknown free space is no reason to refuse
    if left < MIN_FREE_BYTES:
        return FolderProblem(folder, "full", f"{left // (1024 * 1024)} MB free", has_library)
    return None


def remember_folder(folder: Path) -> None:
    """Use ``folder`` from now on when no --data-dir or HUAIBEI_READER_DATA says otherwise.
    Not remembering (an unwritable configuration folder) only costs asking again."""
    try:
        remember_data_dir(folder)
    except OSError:
        pass
