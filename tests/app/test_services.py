"""The composition root hands the library its page-cache size (the window asks for less)."""

from __future__ import annotations

from pathlib import Path

from huaibei_reader.app.services import Services


def _cache_size(services: Services) -> int:
    conn = services.library._db.get()
    return int(conn.execute("PRAGMA cache_size").fetchone()[0])


def test_library_cache_size_is_the_default_unless_asked(tmp_path: Path) -> None:
    default = Services(tmp_path / "a")
    small = Services(tmp_path / "b", library_cache_kib=3_000)
    try:
        assert _cache_size(default) == -16_000
        assert _cache_size(small) == -3_000
    finally:
        default.close()
        small.close()


def test_the_window_asks_for_a_smaller_cache_than_the_default() -> None:
    from huaibei_reader.app.gui import WINDOW_CACHE_KIB
    from huaibei_reader.store.connection import DEFAULT_CACHE_KIB

    assert 0 < WINDOW_CACHE_KIB < DEFAULT_CACHE_KIB
