"""Every earlier schema upgrades without losing anything; a failed step changes nothing."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import pytest
from store_helpers import make_article

from huaibei_reader.store import SCHEMA_VERSION, Library
from huaibei_reader.store import schema as schema_module
from huaibei_reader.store.rows import (
    TEASER_CHARS,
    blocks_to_json,
    content_hash,
    make_teaser,
    pack_article,
)

T0 = "2024-05-01T08:00:00+00:00"


def _build_old_library(path: Path, version: int) -> None:
    """A library at ``version``, filled through the SQL that version understood."""
    conn = sqlite3.connect(path, isolation_level=None)
    schema_module.migrate(conn, upto=version)
    assert schema_module.schema_version(conn) == version
    if version >= 1:
        conn.execute("INSERT INTO sources (id, name, url, kind, created_at) "
                     "VALUES (1, '今日淮北', 'http://www.morang.cn/', 'site', ?)", (T0,))
        for n in (1, 2):
            a = make_article(n)
            conn.execute(
                "INSERT INTO articles (id, url, source_id, title, published, "
                "publisher, site_name, authors, lang, content_hash, version, first_seen, "
                "fetched_at, updated_at, sort_ts, size_bytes) "
                "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 100)",
                (n, a.url, a.title, a.published.isoformat(),
                 a.publisher, a.site_name, json.dumps(list(a.authors), ensure_ascii=False),
                 a.lang, content_hash(a), n, T0, T0, T0, a.published.timestamp()))
            conn.execute("INSERT INTO article_texts VALUES (?, ?, ?, ?)",
                         (n, a.title, a.text, blocks_to_json(a.blocks)))
        old = make_article(2, body="旧的正文。")
        conn.execute("INSERT INTO article_versions VALUES (2, 1, ?, ?, ?)",
                     (T0, content_hash(old), pack_article(old)))
        conn.execute("INSERT INTO raw_pages VALUES (1, ?, ?, '{}', ?)",
                     (make_article(1).url, T0, zlib.compress(b"<html>raw</html>")))
        conn.execute("INSERT INTO validators VALUES ('http://www.morang.cn/', '\"e\"', NULL, ?)",
                     (T0,))
        conn.execute("INSERT INTO images VALUES ('abc', 'image/png', 3, X'010203')")
        conn.execute("INSERT INTO image_urls VALUES ('http://img/1.png', 'abc', 'image/png')")
        conn.execute("INSERT INTO article_images VALUES (1, 'http://img/1.png')")
        conn.execute("INSERT INTO bookmarks VALUES (1, ?, '备注', '[\"防汛\"]')", (T0,))
        citation = json.dumps({"title": "淮北新闻第2期", "url": old.url, "retrieved_at": T0})
        conn.execute("INSERT INTO clippings (article_id, article_version, quote, note, tags, "
                     "citation, created_at) VALUES (2, 1, '旧的正文', '', '[]', ?, ?)",
                     (citation, T0))
    conn.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_every_earlier_schema_upgrades_without_loss(tmp_path: Path, version: int) -> None:
    path = tmp_path / "library.sqlite3"
    _build_old_library(path, version)
    with Library.open(path) as lib:
        conn = lib._db.get()
        assert schema_module.schema_version(conn) == SCHEMA_VERSION
        assert lib.moved_aside is None
        assert [s.name for s in lib.sources.all()] == ["今日淮北"]
        assert lib.articles.count() == 2
        assert lib.articles.get(1).article == make_article(1)
        versions = lib.versions.all(2)
        assert [v.version for v in versions] == [1, 2]
        assert versions[0].article.text == "旧的正文。"
        assert lib.versions.raw_page(1).content == b"<html>raw</html>"
        assert lib.articles.validators("http://www.morang.cn/") == ('"e"', None)
        assert lib.images.get("http://img/1.png") == (b"\x01\x02\x03", "image/png")
        assert lib.marks.bookmark_of(1).note == "备注"
        (clip,) = lib.marks.clippings()
        assert clip.quote == "旧的正文" and clip.article_version == 1
        # rows that predate the search index are in it
        assert [h.id for h in lib.search.find("第2条新闻")] == [2]
        assert [h.id for h in lib.search.find("淮北")] in ([1, 2], [2, 1])
        assert lib.integrity_check() == []
        # rows that predate the stored teaser got one from their stored text
        teasers = {a.id: a.teaser for a in lib.articles.newest(with_blocks=False)}
        assert teasers == {1: make_teaser(make_article(1).text),
                           2: make_teaser(make_article(2).text)}
        assert teasers[2].startswith("第2条新闻：淮北市召开会议")


def test_upgrade_to_the_teaser_collapses_whitespace_and_cuts_long_texts(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _build_old_library(path, 4)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE article_texts SET body = ? WHERE article_id = 1",
                 ("  第一段\n\n  第二段" + "很长的正文" * 100,))
    conn.execute("UPDATE article_texts SET body = '' WHERE article_id = 2")
    conn.close()
    with Library.open(path) as lib:
        teasers = {a.id: a.teaser for a in lib.articles.newest(with_blocks=False)}
    assert teasers[1].startswith("第一段 第二段很长的正文")
    assert len(teasers[1]) == TEASER_CHARS
    assert teasers[2] == ""


def test_empty_file_becomes_a_current_library(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"")
    with Library.open(path) as lib:
        assert lib.moved_aside is None
        assert schema_module.schema_version(lib._db.get()) == SCHEMA_VERSION
        assert lib._db.get().execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental


def test_a_failing_step_leaves_the_previous_version_whole(tmp_path: Path,
                                                         monkeypatch) -> None:
    path = tmp_path / "library.sqlite3"
    _build_old_library(path, 1)
    broken = (*schema_module.MIGRATIONS[:1],
              "CREATE TABLE half_done (x);\nTHIS IS NOT SQL;")
    monkeypatch.setattr(schema_module, "MIGRATIONS", broken)
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", 2)
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        schema_module.migrate(conn, upto=2)
    assert schema_module.schema_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
    conn.close()


def test_migrations_are_split_into_whole_statements() -> None:
    for script in schema_module.MIGRATIONS:
        for statement in schema_module._statements(script):
            assert sqlite3.complete_statement(statement)
    trig = [s for s in schema_module._statements(schema_module.MIGRATIONS[1])
            if s.startswith("CREATE TRIGGER articles_fts_update")]
    assert len(trig) == 1 and trig[0].endswith("END;")
