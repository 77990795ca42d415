"""The data folder check at start: a file in its place, a read-only folder (a real read-only
bind mount where the tests may mount, else skipped; plus an injected write check that fails
the way a read-only or full disk does, which holds for any user), a full disk."""

from __future__ import annotations

import errno

import pytest
from support.data_folders import failing, make_library, read_only_view

from huaibei_reader.app.data_folder import MIN_FREE_BYTES, check_data_folder
from huaibei_reader.app.services import LIBRARY_FILE
from huaibei_reader.errors import LibraryError
from huaibei_reader.store import Library


def test_a_usable_folder_passes_and_is_created(tmp_path):
    assert check_data_folder(tmp_path / "new" / "data") is None
    assert (tmp_path / "new" / "data").is_dir()
    assert list((tmp_path / "new" / "data").iterdir()) == []  # the write check cleans up


def test_a_file_in_place_of_the_folder(tmp_path):
    path = tmp_path / "data"
    path.write_text("not a folder")
    problem = check_data_folder(path)
    assert problem is not None and problem.kind == "not_a_folder"
    assert str(path) in str(problem) and "it is a file" in str(problem)
    inside = check_data_folder(path / "library")  # a file where a parent folder should be
    assert inside is not None and inside.kind == "not_a_folder"


def test_a_write_check_failing_as_a_read_only_disk_does(tmp_path):
    make_library(tmp_path)
    problem = check_data_folder(tmp_path, probe=failing(errno.EROFS))
    assert (problem.kind, problem.detail, problem.has_library) == (
        "read_only", "Read-only file system", True)


def test_a_full_disk(tmp_path):
    problem = check_data_folder(tmp_path, probe=failing(errno.ENOSPC))
    assert problem.kind == "full" and not problem.has_library
    nearly = check_data_folder(tmp_path, free=lambda folder: MIN_FREE_BYTES - 1)
    assert nearly.kind == "full" and "MB free" in nearly.detail


def test_a_really_read_only_folder_is_found_and_its_library_read(tmp_path):
    make_library(tmp_path / "rw")
    with read_only_view(tmp_path / "rw", tmp_path / "ro") as folder:
        problem = check_data_folder(folder)
        assert problem is not None and problem.kind == "read_only" and problem.has_library
        with Library.open(folder / LIBRARY_FILE, read_only=True) as library:
            assert library.read_only
            [item] = library.articles.newest(limit=5)
            assert item.article.title == "相山区老旧小区加装电梯"
            with pytest.raises(LibraryError, match="read-only"):
                library.articles.mark_read(item.id, True)
