"""Writing an export: whole or not at all, and one clear error naming the target."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from huaibei_reader.errors import CannotWrite, TargetExists
from huaibei_reader.export.writing import write_file, write_with_folder


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder without write permission; skips where permissions are not enforced."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    probe = folder / "probe"
    try:
        probe.write_bytes(b"")
    except PermissionError:
        return folder
    probe.unlink()
    folder.chmod(stat.S_IRWXU)
    pytest.skip("this user ignores file permissions (root or similar): a folder without "
                "write permission is still writable")


def _oserror(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return fail


def test_existing_file_is_refused_with_its_path(tmp_path):
    target = tmp_path / "out.md"
    target.write_bytes(b"keep me")
    with pytest.raises(TargetExists) as info:
        write_file(target, b"new")
    assert info.value.path == target and str(target) in str(info.value)
    assert target.read_bytes() == b"keep me"


def test_folder_without_write_permission(tmp_path):
    folder = _read_only_folder(tmp_path)
    try:
        with pytest.raises(CannotWrite) as info:
            write_file(folder / "a.md", b"x")
        assert info.value.problem == "permission"
        assert str(info.value) == f"cannot write {folder / 'a.md'}: no permission to write in " \
                                  f"{folder}"
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_read_only_file_system_is_one_clear_error(tmp_path, monkeypatch):
    # What a read-only mount answers: every create and every unlink fail with EROFS (the
    # cleanup of the temporary file used to raise that and end in an internal error).
    monkeypatch.setattr(os, "open", _oserror(errno.EROFS))
    monkeypatch.setattr(os, "unlink", _oserror(errno.EROFS))
    target = tmp_path / "a.md"
    with pytest.raises(CannotWrite) as info:
        write_file(target, b"x")
    monkeypatch.undo()
    assert info.value.problem == "read-only"
    assert str(info.value) == f"cannot write {target}: {tmp_path} is on a read-only file system"


def test_full_disk_leaves_nothing_behind(tmp_path, monkeypatch):
    real_write = os.write
    calls = []

    def write(fd, data):
        if fd > 2 and calls:  # the first chunk goes through, the next finds the disk full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        calls.append(len(data))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    target = tmp_path / "big.pdf"
    with pytest.raises(CannotWrite) as info:
        write_file(target, b"x" * (3 << 20))
    monkeypatch.undo()
    assert calls and info.value.problem == "disk-full"
    assert "the disk is full" in str(info.value) and str(target) in str(info.value)
    assert list(tmp_path.iterdir()) == []  # neither the file nor its .part


def test_missing_folder_and_folder_target(tmp_path):
    with pytest.raises(CannotWrite, match=r"the folder .*nope does not exist") as info:
        write_file(tmp_path / "nope" / "a.md", b"x")
    assert info.value.problem == "no-folder"
    with pytest.raises(CannotWrite, match="is a folder") as info:
        write_file(tmp_path, b"x")
    assert info.value.problem == "is-folder"


def test_write_with_folder_writes_pictures_first_and_cleans_up_on_failure(tmp_path,
                                                                           monkeypatch):
    md, folder = tmp_path / "a.md", tmp_path / "a_images"
    written = write_with_folder(md, b"text", folder, {"001.png": b"p1", "002.jpg": b"p2"})
    assert written == [md, folder / "001.png", folder / "002.jpg"]
    assert (folder / "002.jpg").read_bytes() == b"p2" and md.read_bytes() == b"text"
    with pytest.raises(TargetExists) as info:  # the folder exists: refused, as the file is
        write_with_folder(tmp_path / "a2.md", b"t", folder, {"001.png": b"x"})
    assert info.value.path == folder and not (tmp_path / "a2.md").exists()

    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, data) if len(data) < 3
                        else _oserror(errno.ENOSPC)())
    with pytest.raises(CannotWrite, match="disk is full"):
        write_with_folder(tmp_path / "b.md", b"longer text", tmp_path / "b_images",
                          {"001.png": b"p1"})
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "a_images"]
