"""Writing an export to disk: whole or not at all, never over a file by surprise.

Each file is written to a hidden ``.NAME.part`` beside its target, flushed to the disk, then
given its name (a hard link, which fails if the name appeared meanwhile, unless overwriting
was allowed). Whatever goes wrong (a read-only or full disk, no permission, a missing folder)
ends in one ``CannotWrite`` naming the target and the reason, and leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from huaibei_reader.atomicfile import give_name
from huaibei_reader.errors import CannotWrite, TargetExists, cannot_write

_CHUNK = 1 << 20  # bytes per write() call (a write may take only part of what it is given)


def check_target(path: Path, *, overwrite: bool = False) -> None:
    """Refuse a folder, an existing file (unless ``overwrite``) and a missing parent folder."""
    if path.is_dir():
        raise CannotWrite(path, "is-folder")
    if not overwrite and (path.exists() or path.is_symlink()):
        raise TargetExists(path)
    if not path.parent.is_dir():
        raise CannotWrite(path, "no-folder")


def write_file(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` whole or not at all (temporary file, then its name)."""
    path = Path(path)
    check_target(path, overwrite=overwrite)
    tmp = path.with_name(f".{path.name}.part")
    created = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                     0o666)
        created = True
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        give_name(tmp, path, overwrite=overwrite)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    finally:
        if created:
            _remove_quietly(tmp)
    return path


def write_with_folder(path: Path, data: bytes, folder: Path, files: dict[str, bytes], *,
                      overwrite: bool = False) -> list[Path]:
    """Write ``files`` (names inside ``folder``) and then ``path``; return what was written.

    The main file comes last, so it never points at pictures that are not there; on failure
    the files written so far (and the folder, if made here) are removed again.
    """
    path, folder = Path(path), Path(folder)
    check_target(path, overwrite=overwrite)
    if folder.exists() and not folder.is_dir():
        raise CannotWrite(folder, "other", "a file has that name, not a folder")
    if folder.exists() and not overwrite:
        raise TargetExists(folder)
    made_folder = not folder.exists()
    written: list[Path] = []
    try:
        try:
            folder.mkdir(exist_ok=overwrite)
        except FileExistsError:
            raise TargetExists(folder) from None
        except OSError as exc:
            raise cannot_write(folder, exc) from None
        for name, blob in files.items():
            written.append(write_file(folder / name, blob, overwrite=overwrite))
        written.append(write_file(path, data, overwrite=overwrite))
    except BaseException:
        if made_folder:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for p in written:
                _remove_quietly(p)
        raise
    return [written[-1], *written[:-1]]


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        done = os.write(fd, view[:_CHUNK])
        view = view[done:]


def _remove_quietly(path: Path) -> None:
    """Remove a file of ours; on a read-only disk there is nothing to remove anyway."""
    try:
        path.unlink()
    except OSError:
        pass
