"""Damaged, newer, full, read-only and contended libraries: clear errors, nothing lost."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from store_helpers import make_article

from huaibei_reader.errors import LibraryError
from huaibei_reader.store import SCHEMA_VERSION, Library
from huaibei_reader.store import connection as connection_module


def _fill(path: Path, count: int = 50) -> None:
    with Library.open(path) as lib:
        for n in range(count):
            lib.articles.save(make_article(n, body="正文" * 300), source_id=None)
        lib.marks.bookmark(1, note="重要")


def test_garbage_file_is_moved_aside_never_deleted(library_path: Path) -> None:
    garbage = b"this is not a database at all\x00" * 100
    library_path.write_bytes(garbage)
    Path(str(library_path) + "-wal").write_bytes(b"junk wal")
    with Library.open(library_path) as lib:
        assert lib.moved_aside is not None
        assert lib.moved_aside.read_bytes() == garbage
        assert Path(str(lib.moved_aside) + "-wal").read_bytes() == b"junk wal"
        assert lib.moved_aside.name.startswith("library.sqlite3.corrupt-")
        assert lib.articles.count() == 0
        lib.articles.save(make_article(1), source_id=None)  # the fresh one works
    with Library.open(library_path) as again:
        assert again.moved_aside is None and again.articles.count() == 1


def test_damaged_pages_are_found_by_quick_check(library_path: Path) -> None:
    _fill(library_path, 200)
    data = bytearray(library_path.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    for at in range(5 * page, 15 * page, page):  # scribble over b-tree pages in the middle
        data[at:at + 200] = b"\xff" * 200
    library_path.write_bytes(bytes(data))
    with Library.open(library_path) as lib:
        assert lib.moved_aside is not None and lib.moved_aside.exists()
        assert lib.moved_aside.read_bytes() == bytes(data)
        # The texts are gone with their pages; the bookmark and its article row came along.
        assert [b.note for b in lib.marks.bookmarks()] == ["重要"]
        assert lib.articles.count() == 1 and lib.integrity_check() == []


def test_library_from_a_newer_app_is_refused_and_left_alone(library_path: Path) -> None:
    _fill(library_path, 3)
    conn = sqlite3.connect(library_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = library_path.read_bytes()
    with pytest.raises(LibraryError, match="newer version of Huaibei Reader"):
        Library.open(library_path)
    assert library_path.read_bytes() == before
    assert not list(library_path.parent.glob("*.corrupt-*"))


def test_full_disk_gives_a_clear_message_and_loses_nothing(library: Library) -> None:
    kept = [library.articles.save(make_article(n), source_id=None).id for n in range(20)]
    library.marks.bookmark(kept[0], note="别丢")
    conn = library._db.get()  # this thread's connection: cap the file just above its size
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 3}")
    big = "很长的正文。" * 20000
    with pytest.raises(LibraryError, match="disk is full") as info:
        for n in range(100, 200):
            library.articles.save(make_article(n, body=big), source_id=None)
    assert "Nothing already stored was lost" in str(info.value)
    assert library.articles.count() >= 20
    for aid in kept:
        assert library.articles.get(aid).article.text.startswith("第")
    assert library.marks.bookmark_of(kept[0]).note == "别丢"
    # whatever failed is not half there: every stored article is whole and searchable
    for item in library.articles.newest(limit=1000):
        assert item.article.blocks
    assert library.integrity_check() == []
    conn.execute("PRAGMA max_page_count = 1073741823")
    library.articles.save(make_article(500), source_id=None)  # space again: writes work


def test_read_only_library_is_named_and_keeps_its_content(library: Library) -> None:
    aid = library.articles.save(make_article(1), source_id=None).id
    # root ignores chmod, so make SQLite itself refuse writes on this thread's connection
    library._db.get().execute("PRAGMA query_only = ON")
    with pytest.raises(LibraryError, match="the library file is read-only"):
        library.articles.save(make_article(2), source_id=None)
    with pytest.raises(LibraryError, match="could not save the bookmark"):
        library.marks.bookmark(aid)
    assert library.articles.get(aid).article.title == make_article(1).title


def test_a_held_lock_ends_in_a_clear_message(library: Library, library_path: Path,
                                             monkeypatch) -> None:
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT_MS", 200)
    library.articles.save(make_article(1), source_id=None)
    other = sqlite3.connect(library_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another app holds the write lock
    try:
        done: list[BaseException] = []

        def writer() -> None:  # a new thread: a new connection with the short timeout
            try:
                library.articles.save(make_article(2), source_id=None)
            except BaseException as exc:
                done.append(exc)

        t = threading.Thread(target=writer)
        t.start()
        t.join(10)
        assert len(done) == 1 and isinstance(done[0], LibraryError)
        assert "in use by another Huaibei Reader" in str(done[0])
        assert library.articles.count() == 1  # reads still work while it is held
    finally:
        other.execute("ROLLBACK")
        other.close()
    library.articles.save(make_article(3), source_id=None)


def test_two_instances_on_one_file_interleave_safely(library_path: Path) -> None:
    first = Library.open(library_path)
    second = Library.open(library_path)
    errors: list[BaseException] = []

    def work(lib: Library, start: int) -> None:
        try:
            for n in range(start, start + 40):
                aid = lib.articles.save(make_article(n), source_id=None).id
                lib.articles.mark_read(aid)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(lib, i * 1000))
               for i, lib in enumerate((first, second, first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert first.articles.count() == 160 == second.articles.count()
        assert first.integrity_check() == []
    finally:
        first.close()
        second.close()


def test_closed_library_says_so(library_path: Path) -> None:
    lib = Library.open(library_path)
    lib.close()
    with pytest.raises(LibraryError, match="closed"):
        lib.articles.count()


def test_missing_folder_is_a_library_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="does not exist"):
        Library.open(tmp_path / "nope" / "library.sqlite3")


def test_backup_is_a_complete_checked_copy(library: Library, tmp_path: Path) -> None:
    for n in range(30):
        library.articles.save(make_article(n), source_id=None)
    library.marks.bookmark(5, note="备份我")
    target = tmp_path / "backup.sqlite3"
    target.write_bytes(b"an older backup")
    assert library.backup(target, overwrite=True) == target
    assert not list(tmp_path.glob(".*partial*"))
    with Library.open(target) as copy:
        assert copy.moved_aside is None
        assert copy.articles.count() == 30
        assert copy.marks.bookmark_of(5).note == "备份我"
        assert [h.id for h in copy.search.find("第4条新闻")] == [5]
    from huaibei_reader.errors import InputError

    with pytest.raises(InputError):
        library.backup(tmp_path)
    with pytest.raises(InputError):
        library.backup(library.path)


def _scribble_over_article_pages(path: Path) -> None:
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'article_texts'"
                        ).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    at = (root - 1) * 4096
    data[at:at + 4096] = b"\xee" * 4096
    path.write_bytes(bytes(data))


def test_big_library_checks_own_work_on_open_and_the_rest_when_damage_was_seen(
        library_path: Path, monkeypatch) -> None:
    from huaibei_reader.store import integrity

    _fill(library_path, 100)
    _scribble_over_article_pages(library_path)
    monkeypatch.setattr(integrity, "FULL_CHECK_MAX_BYTES", 1024)  # "a big library"
    with Library.open(library_path) as lib:
        assert lib.moved_aside is None  # the damage is not in the reader's own tables
        assert lib.marks.bookmark_of(1).note == "重要"
        with pytest.raises(LibraryError, match="damaged"):
            lib.articles.get(1)
        assert Path(str(library_path) + ".damaged").exists()
    with Library.open(library_path) as lib:  # damage was seen: the whole file is checked
        assert lib.moved_aside is not None
        assert Path(str(lib.moved_aside) + ".damaged").exists()
        # Every text was on the scribbled pages: only the bookmarked article is kept.
        assert lib.articles.count() == 1 and lib.marks.bookmark_of(1).note == "重要"


def test_verify_finds_damage_for_the_next_open(library_path: Path, monkeypatch) -> None:
    from huaibei_reader.store import integrity

    _fill(library_path, 100)
    _scribble_over_article_pages(library_path)
    monkeypatch.setattr(integrity, "FULL_CHECK_MAX_BYTES", 1024)
    with Library.open(library_path) as lib:
        assert lib.verify() != []
    with Library.open(library_path) as lib:
        assert lib.moved_aside is not None


def test_two_apps_creating_the_same_new_library_at_once(library_path: Path) -> None:
    opened: list[Library] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def open_it() -> None:
        barrier.wait()
        try:
            opened.append(Library.open(library_path))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == [] and len(opened) == 4
        assert all(lib.moved_aside is None for lib in opened)
        opened[0].articles.save(make_article(1), source_id=None)
        assert [lib.articles.count() for lib in opened] == [1, 1, 1, 1]
        assert opened[1].integrity_check() == []
    finally:
        for lib in opened:
            lib.close()


def test_a_current_version_with_other_tables_is_moved_aside(library_path: Path) -> None:
    conn = sqlite3.connect(library_path)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, url TEXT, body TEXT)")
    conn.execute("INSERT INTO articles VALUES (1, 'http://x/', 'old layout')")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.commit()
    conn.close()
    with Library.open(library_path) as lib:
        assert lib.moved_aside is not None and lib.articles.count() == 0
        lib.articles.save(make_article(1), source_id=None)
    kept = sqlite3.connect(lib.moved_aside)
    assert kept.execute("SELECT body FROM articles").fetchone() == ("old layout",)
    kept.close()
