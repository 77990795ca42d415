"""Bookmarks, clippings, images and cache limits (eviction never touches what is kept)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from store_helpers import BASE_TIME, make_article, make_clipping

from huaibei_reader.errors import InputError
from huaibei_reader.models import Block, BlockKind, Source
from huaibei_reader.store import Library


def test_bookmarks_with_note_and_tags(library: Library) -> None:
    a = library.articles.save(make_article(1), source_id=None).id
    b = library.articles.save(make_article(2), source_id=None).id
    library.marks.bookmark(a, note="待核实", tags=["防汛", "防汛", " 会议 "])
    mark = library.marks.bookmark(b)
    assert mark.note == "" and mark.tags == ()
    first = library.marks.bookmark_of(a)
    assert first is not None and first.note == "待核实" and first.tags == ("防汛", "会议")
    library.marks.bookmark(a, note="已核实", tags=["防汛"])  # edit keeps the creation time
    edited = library.marks.bookmark_of(a)
    assert edited.note == "已核实" and edited.created_at == first.created_at
    assert {m.article_id for m in library.marks.bookmarks()} == {a, b}
    assert [m.article_id for m in library.marks.bookmarks(tag="防汛")] == [a]
    library.marks.unbookmark(b)
    assert [m.article_id for m in library.marks.bookmarks()] == [a]
    assert library.articles.get(a).bookmarked and not library.articles.get(b).bookmarked
    with pytest.raises(InputError, match="no article with id 77"):
        library.marks.bookmark(77)


def test_clippings_keep_version_and_citation(library: Library) -> None:
    src = library.sources.add(Source(None, "今日淮北", "http://www.morang.cn/"))
    first = make_article(1)
    aid = library.articles.save(first, source_id=src.id).id
    clip = library.marks.add_clipping(
        make_clipping(aid, 1, "召开会议", tags=("防汛",), note="原话"))
    assert clip.id is not None
    assert library.marks.clipping(clip.id) == clip
    assert clip.citation.publisher == "淮北日报" and clip.citation.published == BASE_TIME
    # the article changes: the clipping still points at version 1, whose text is kept
    library.articles.save(dataclasses.replace(
        first, blocks=(Block(BlockKind.PARAGRAPH, text="全新内容"),)), source_id=src.id)
    stored = library.marks.clippings()[0]
    assert stored.article_version == 1
    assert stored.quote in library.versions.get(aid, stored.article_version).article.text
    assert stored.quote not in library.articles.get(aid).article.text

    other = library.marks.add_clipping(make_clipping(aid, 2, "全新", tags=("另一",)))
    assert [c.id for c in library.marks.clippings(tag="防汛")] == [clip.id]
    assert len(library.marks.clippings(source_id=src.id)) == 2
    assert len(library.marks.clippings(article_id=aid)) == 2
    assert library.marks.tags() == ["另一", "防汛"]
    changed = library.marks.update_clipping(dataclasses.replace(other, note="改了", tags=("x",)))
    assert changed.note == "改了" and changed.tags == ("x",)
    assert changed.citation == other.citation
    library.marks.delete_clipping(other.id)
    assert [c.id for c in library.marks.clippings()] == [clip.id]
    with pytest.raises(InputError):
        library.marks.add_clipping(make_clipping(999, 1, "引文"))
    with pytest.raises(InputError):
        library.marks.add_clipping(make_clipping(aid, 1, "  "))
    with pytest.raises(InputError):
        library.marks.update_clipping(dataclasses.replace(clip, id=12345))


def test_images_are_stored_once_by_content(library: Library) -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10
    h1 = library.images.save("http://img/a.png", data, "image/png")
    h2 = library.images.save("http://img/copy.png", data, "image/png; charset=binary")
    assert h1 == h2 and len(h1) == 64
    assert library.images.get("http://img/a.png") == (data, "image/png")
    assert library.images.get("http://img/copy.png") == (data, "image/png")
    assert library.images.get("http://img/none.png") is None
    assert library.stored_bytes() == len(data)  # one copy
    assert library.images.known_urls(["http://img/a.png", "http://img/x"]) == {"http://img/a.png"}


def _age(library: Library, article_id: int, days: float) -> None:
    """Pretend an article was fetched ``days`` ago (direct SQL: the clock is not ours)."""
    from huaibei_reader.store.rows import dt_to_text, now

    with library._db.write("age an article") as conn:
        conn.execute("UPDATE articles SET fetched_at = ? WHERE id = ?",
                     (dt_to_text(now() - timedelta(days=days)), article_id))


def test_eviction_by_age_spares_bookmarks_clippings_and_their_images(library: Library) -> None:
    shared_img, own_img, kept_img = "http://img/shared.jpg", "http://img/own.jpg", "http://k.jpg"
    old = library.articles.save(make_article(1, images=(shared_img, own_img)), source_id=None).id
    marked = library.articles.save(make_article(2, images=(kept_img,)), source_id=None).id
    clipped = library.articles.save(make_article(3), source_id=None).id
    recent = library.articles.save(make_article(4, images=(shared_img,)), source_id=None).id
    for url in (shared_img, own_img, kept_img):
        library.images.save(url, url.encode() * 100, "image/jpeg")
    for aid in (old, marked, clipped):
        _age(library, aid, 90)
    library.marks.bookmark(marked)
    library.marks.add_clipping(make_clipping(clipped, 1, "召开会议"))

    assert library.evict(max_age_days=30) == 1
    with pytest.raises(InputError):
        library.articles.get(old)
    for aid in (marked, clipped, recent):
        assert library.articles.get(aid).article.title
    assert library.images.get(own_img) is None
    assert library.images.get(shared_img) is not None  # the recent article still shows it
    assert library.images.get(kept_img) is not None
    assert library.integrity_check() == []


def test_opening_an_article_counts_as_recent_use(library: Library) -> None:
    aid = library.articles.save(make_article(1), source_id=None).id
    _age(library, aid, 90)
    library.articles.mark_read(aid)
    assert library.evict(max_age_days=30) == 0


def test_eviction_by_size_removes_the_oldest_first(library: Library) -> None:
    body = "长文" * 2000
    ids = [library.articles.save(make_article(n, body=body), source_id=None).id
           for n in range(10)]
    for n, aid in enumerate(ids):
        _age(library, aid, 100 - n)  # ids[0] is the oldest
    library.marks.bookmark(ids[0])
    per_article = library.stored_bytes() // 10
    removed = library.evict(max_bytes=per_article * 4)
    assert removed == 6
    remaining = {a.id for a in library.articles.newest(limit=100)}
    assert remaining == {ids[0], *ids[7:]}
    assert library.stored_bytes() <= per_article * 4
    assert library.evict(max_bytes=0) == 3  # all but the bookmark
    assert [a.id for a in library.articles.newest()] == [ids[0]]


def test_eviction_leaves_no_copies_of_removed_text(library: Library) -> None:
    ids = [library.articles.save(make_article(n, body="独特的长文本" * 500), source_id=None).id
           for n in range(5)]
    library.search.index_pending()
    for aid in ids:
        _age(library, aid, 100)
    assert library.evict(max_age_days=30) == 5
    assert library.search.pending() == 0
    assert library.search.find("独特的长文本") == [] and library.search.find("独特") == []
    conn = library._db.get()
    for table in ("article_texts", "fts_retired", "fts_pending", "raw_pages", "article_versions"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
