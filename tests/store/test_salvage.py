"""Salvage: a damaged library is moved aside and what still reads is copied into the new one.

The libraries are real (made through the store's API) and damaged the way disks damage files:
pages of chosen b-trees overwritten with random bytes (support/damaged_library.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.damaged_library import Built, build, damage, scribble, table_pages

from huaibei_reader.models import SALVAGED_WARNING
from huaibei_reader.store import Library
from huaibei_reader.store import salvage as salvage_module


def _own_work(lib: Library) -> tuple[dict, list, dict]:
    """Bookmarks (url -> note, tags), clippings (url, quote, tags, note), sources."""
    bookmarks = {}
    for mark in lib.marks.bookmarks():
        url = lib.articles.get(mark.article_id).article.url
        bookmarks[url] = (mark.note, mark.tags)
    clippings = []
    for clip in lib.marks.clippings():
        url = lib.articles.get(clip.article_id).article.url
        assert clip.citation.url == url
        clippings.append((url, clip.quote, clip.tags, clip.note))
    sources = {s.name: s.url for s in lib.sources.all()}
    return bookmarks, clippings, sources


def _assert_all_own_work(lib: Library, built: Built) -> None:
    bookmarks, clippings, sources = _own_work(lib)
    assert bookmarks == built.bookmarks
    assert sorted(clippings) == sorted(built.clippings)
    assert sources == built.sources


def test_damaged_article_pages_keep_every_bookmark_clipping_and_source(
        library_path: Path) -> None:
    built = build(library_path, articles=400)
    damage(library_path, {"articles": 0.3, "raw_pages": 0.5, "article_texts": 0.1})
    damaged_bytes = library_path.read_bytes()
    with Library.open(library_path) as lib:
        assert lib.moved_aside is not None
        assert lib.moved_aside.read_bytes() == damaged_bytes  # only read, never changed
        report = lib.salvaged
        assert report is not None and report.own_work_complete
        _assert_all_own_work(lib, built)
        assert lib.integrity_check() == []
        # Most articles come along; the ones lost are counted, and all of it adds up.
        count = lib.articles.count()
        assert 0.6 * built.articles < count < built.articles
        assert report.recovered["articles"] == count
        assert report.lost["articles"] > 0
        assert "articles" in report.unreadable
        assert f"{count} articles" in report.summary()
        # Search finds every copied text (the index queue was refilled).
        with_text = {a.id for a in lib.articles.newest(limit=1000) if "城市建设" in a.article.text}
        assert len(with_text) > 0.6 * built.articles
        missing = with_text - {h.id for h in lib.search.find("城市建设", limit=1000)}
        assert not missing


def test_rows_lost_from_the_table_are_rebuilt_from_indexes_and_texts(
        library_path: Path) -> None:
    built = build(library_path, articles=200)
    damage(library_path, {"articles": 1.0})  # every page of the table, root too
    with Library.open(library_path) as lib:
        assert lib.salvaged is not None and lib.salvaged.own_work_complete
        _assert_all_own_work(lib, built)
        # Each article rebuilt from its unique-URL index and its text: title and body kept,
        # the lost details marked, so the next refresh fetches the page again.
        assert lib.articles.count() == built.articles
        got = lib.articles.get(lib.marks.bookmarks()[0].article_id)
        assert got.article.title.startswith("淮北新闻第")
        assert "城市建设" in got.article.text
        assert any(w.startswith(SALVAGED_WARNING) for w in got.article.warnings)
        # listed as before: its teaser, and its own time rather than the salvage's
        assert got.teaser.startswith("第") and got.fetched_at.year == 2025
        assert got.article.authors in ((), ("韩惠", "胡文静"))  # empty, never wrong
        assert lib.articles.from_feed_urls([got.article.url]) == {got.article.url}
        assert lib.integrity_check() == []


def test_articles_without_text_or_row_keep_the_work_on_them(library_path: Path) -> None:
    """The texts and the article rows both gone: bookmarked and clipped articles are made
    from the URL index (and a clipping's citation), with an empty text and the mark."""
    built = build(library_path, articles=150)
    damage(library_path, {"articles": 1.0, "article_texts": 1.0})
    with Library.open(library_path) as lib:
        assert lib.salvaged is not None and lib.salvaged.own_work_complete
        _assert_all_own_work(lib, built)
        clip = lib.marks.clippings()[0]
        got = lib.articles.get(clip.article_id)
        assert got.article.title == clip.citation.title  # from the citation
        assert got.article.publisher == "人民网-安徽频道"
        assert got.article.text == ""
        assert any("its text could not be read" in w for w in got.article.warnings)


def test_damage_in_the_bookmarks_is_reported_not_hidden(library_path: Path) -> None:
    built = build(library_path, articles=100)
    scribble(library_path, table_pages(library_path, "bookmarks"))
    with Library.open(library_path) as lib:
        report = lib.salvaged
        assert report is not None and not report.own_work_complete
        assert "bookmarks" in report.unreadable
        assert "damaged parts skipped in: bookmarks" in report.summary()
        _, clippings, sources = _own_work(lib)  # the rest of the work still came along
        assert sorted(clippings) == sorted(built.clippings)
        assert sources == built.sources


def test_a_file_that_is_not_a_database_gives_an_empty_library_and_says_so(
        library_path: Path) -> None:
    library_path.write_bytes(b"not a database, not at all " * 200)
    with Library.open(library_path) as lib:
        assert lib.articles.count() == 0
        report = lib.salvaged
        assert report is not None and report.failure is not None
        assert not report.recovered
        assert report.summary().startswith("nothing could be salvaged")
        assert lib.integrity_check() == []


def test_a_salvage_out_of_time_stops_keeps_what_it_has_and_opens(
        library_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(library_path, articles=100)
    damage(library_path, {"articles": 0.3})
    monkeypatch.setattr(salvage_module, "SALVAGE_BUDGET_SECONDS", 0.0)
    moved_lib = Library.open(library_path)
    try:
        report = moved_lib.salvaged
        assert report is not None
        # with no time at all, the salvage stops at once and says why; the library opens
        assert report.stopped_early and "time budget" in (report.failure or "")
        assert not report.own_work_complete
        assert moved_lib.integrity_check() == []
    finally:
        moved_lib.close()


def test_a_sound_library_is_not_salvaged(library_path: Path) -> None:
    build(library_path, articles=20, bookmarks=5, clippings=5)
    with Library.open(library_path) as lib:
        assert lib.moved_aside is None and lib.salvaged is None
        assert lib.articles.count() == 20
