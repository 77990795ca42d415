"""Saving, versions, listing, validators, raw pages and re-extraction."""

from __future__ import annotations

import dataclasses
import threading
from datetime import timedelta

import pytest
from store_helpers import BASE_TIME, make_article

from huaibei_reader.errors import InputError, NotAnArticle
from huaibei_reader.models import Block, BlockKind, Source
from huaibei_reader.store import Library
from huaibei_reader.store.rows import TEASER_CHARS, blocks_to_json, content_hash
from huaibei_reader.store.types import ToSave


def test_save_new_unchanged_updated_keeps_every_version(library: Library) -> None:
    src = library.sources.add(Source(None, "今日淮北", "http://www.morang.cn/"))
    first = make_article(1)
    saved = library.articles.save(first, source_id=src.id, raw=b"<html>v1</html>",
                                  headers={"Content-Type": "text/html; charset=utf-8"})
    assert saved.status == "new"
    again = library.articles.save(first, source_id=src.id)
    assert again.status == "unchanged" and again.id == saved.id

    edited = dataclasses.replace(first, blocks=(Block(BlockKind.PARAGRAPH, text="更正后的正文。"),))
    updated = library.articles.save(edited, source_id=src.id, raw=b"<html>v2</html>")
    assert updated.status == "updated" and updated.id == saved.id

    current = library.articles.get(saved.id)
    assert current.version == 2
    assert current.article.text == "更正后的正文。"
    assert current.source_name == "今日淮北"
    versions = library.versions.all(saved.id)
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].article == first
    assert versions[1].article == edited
    assert library.versions.get(saved.id, 1).article.text == first.text
    with pytest.raises(InputError):
        library.versions.get(saved.id, 3)
    # an edit back to the first text is a third version, not a lookup of the first
    assert library.articles.save(first, source_id=src.id).status == "updated"
    assert [v.version for v in library.versions.all(saved.id)] == [1, 2, 3]


def test_save_articles_stores_a_batch_in_one_transaction(library: Library) -> None:
    first = make_article(1)
    library.articles.save(first, source_id=None)
    edited = dataclasses.replace(first, blocks=(Block(BlockKind.PARAGRAPH, text="改过的。"),))
    results = library.articles.save_many([ToSave(make_article(2), None, b"<html>2</html>"),
                                          ToSave(edited, None), ToSave(make_article(3), None)])
    assert [r.status for r in results] == ["new", "updated", "new"]
    assert library.versions.raw_page(results[0].id).content == b"<html>2</html>"
    assert library.articles.count() == 3
    assert library.articles.save_many([]) == []
    # all or nothing: a batch with one bad article stores none of them
    with pytest.raises(InputError):
        library.articles.save_many([ToSave(make_article(4), None),
                                    ToSave(dataclasses.replace(make_article(5), url=""), None)])
    assert library.articles.count() == 3


def test_content_hash_is_the_canonical_json_digest() -> None:
    """The digest must not change between releases, or every stored article would look
    edited at its next refresh: it is SHA-256 of the sorted-key JSON of what a reader sees."""
    import hashlib
    import json

    article = dataclasses.replace(
        make_article(7, images=("http://img.example.cn/1.jpg",)),
        blocks=(Block(BlockKind.HEADING, text="小标题", level=2),
                Block(BlockKind.LIST, items=("一", "二"), ordered=True),
                Block(BlockKind.TABLE, rows=(("甲", "乙"),)),
                Block(BlockKind.IMAGE, src="http://img.example.cn/1.jpg", alt="图", text="说明"),
                Block(BlockKind.PARAGRAPH, text='引号"和\\反斜杠')))
    payload = {"title": article.title, "blocks": [b.to_dict() for b in article.blocks],
               "published": article.published.isoformat(), "publisher": article.publisher,
               "authors": list(article.authors)}
    expected = hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True,
                                         separators=(",", ":")).encode()).hexdigest()
    assert content_hash(article) == expected
    assert content_hash(article, blocks_to_json(article.blocks)) == expected
    assert content_hash(dataclasses.replace(article, publisher=None)) != expected


def test_list_rows_page_by_offset_or_by_key_and_find_positions(library: Library) -> None:
    src = library.sources.add(Source(None, "今日淮北", "http://www.morang.cn/"))
    same_time = BASE_TIME + timedelta(days=3)
    for n in range(1, 41):  # ten share one time: the id breaks the tie
        when = same_time if n % 4 == 0 else None
        article = make_article(n, published=when) if when else make_article(n)
        library.articles.save(article, source_id=src.id if n % 2 else None)
    library.articles.mark_read(5)
    library.marks.bookmark(6)
    full = [a.id for a in library.articles.newest(limit=100, with_blocks=False)]
    rows = library.articles.list_rows(limit=100)
    assert [r.id for r in rows] == full
    by_id = {r.id: r for r in rows}
    assert by_id[5].read and not by_id[6].read and by_id[6].bookmarked
    assert by_id[1].source_name == "今日淮北" and by_id[2].source_name is None
    assert by_id[1].when == BASE_TIME + timedelta(hours=1)
    assert by_id[1].teaser.startswith("第1条新闻")
    # keyset pages give exactly the offset pages, ties included
    paged, before = [], None
    while True:
        page = library.articles.list_rows(limit=7, before=before)
        if not page:
            break
        paged += [r.id for r in page]
        before = page[-1].sort_key
    assert paged == full
    assert [r.id for r in library.articles.list_rows(limit=7, offset=14)] == full[14:21]
    assert [r.id for r in library.articles.list_rows(limit=7, offset=3, oldest_first=True)] == \
        full[::-1][3:10]
    for i, aid in enumerate(full):
        assert library.articles.list_position(aid) == i
    odd = [r.id for r in library.articles.list_rows(limit=100, source_id=src.id)]
    assert library.articles.list_position(odd[5], source_id=src.id) == 5
    assert library.articles.list_position(2, source_id=src.id) is None  # filtered out
    # a snapshot: articles stored later stay out of a list read with up_to_id
    last = library.articles.last_id()
    library.articles.save(make_article(99, published=BASE_TIME + timedelta(days=30)),
                          source_id=None)
    assert [r.id for r in library.articles.list_rows(limit=100, up_to_id=last)] == full
    assert library.articles.count(up_to_id=last) == 40 and library.articles.count() == 41
    assert library.articles.list_position(full[3], up_to_id=last) == 3
    assert library.articles.list_position(full[3]) == 4
    # an unread list as of a moment: what is read after it stays listed
    from datetime import UTC, datetime

    as_of = datetime.now(UTC)
    unread = [r.id for r in library.articles.list_rows(limit=100, unread=True, up_to_id=last)]
    assert 5 not in unread and len(unread) == 39
    library.articles.mark_read(unread[10])
    assert [r.id for r in library.articles.list_rows(limit=100, unread=True, up_to_id=last,
                                                     unread_as_of=as_of)] == unread
    assert library.articles.count(unread=True, up_to_id=last, unread_as_of=as_of) == 39
    assert library.articles.count(unread=True, up_to_id=last) == 38
    assert library.articles.list_position(unread[12], unread=True, up_to_id=last,
                                          unread_as_of=as_of) == 12


def test_article_round_trips_every_field(library: Library) -> None:
    article = dataclasses.replace(
        make_article(7, images=("http://img.example.cn/a.jpg",)),
        canonical_url="http://news.example.cn/c/7", view_count=12,
        warnings=("3 invalid bytes replaced",),
        blocks=(Block(BlockKind.HEADING, text="小标题", level=2),
                Block(BlockKind.LIST, items=("一", "二"), ordered=True),
                Block(BlockKind.TABLE, rows=(("甲", "乙"), ("1", "2"))),
                Block(BlockKind.QUOTE, text="引文"),
                Block(BlockKind.IMAGE, src="http://img.example.cn/a.jpg", alt="图", text="说明")))
    saved = library.articles.save(article, source_id=None)
    assert library.articles.get(saved.id).article == article
    assert library.articles.known_urls(["http://news.example.cn/c/7", "http://nope/"]) == {
        "http://news.example.cn/c/7"}
    assert library.articles.id_of(article.url) == saved.id


def test_get_unknown_id_is_a_clear_input_error(library: Library) -> None:
    with pytest.raises(InputError, match="no article with id 99"):
        library.articles.get(99)


def test_list_is_newest_first_falling_back_to_first_seen(library: Library) -> None:
    for n in (3, 1, 2):
        library.articles.save(make_article(n), source_id=None, fetched_at=BASE_TIME)
    undated = make_article(9, published=False)
    library.articles.save(undated, source_id=None, fetched_at=BASE_TIME + timedelta(hours=2.5))
    titles = [a.article.title for a in library.articles.newest()]
    assert titles == ["淮北新闻第3期", "淮北新闻第9期", "淮北新闻第2期", "淮北新闻第1期"]
    page = library.articles.newest(limit=2, offset=1)
    assert [a.article.title for a in page] == titles[1:3]
    assert library.articles.count() == 4
    since = library.articles.newest(since=BASE_TIME + timedelta(hours=2))
    assert len(since) == 3
    until = library.articles.count(until=BASE_TIME + timedelta(hours=2))
    assert until == 1
    light = library.articles.newest(with_blocks=False)
    assert light[0].article.blocks == () and light[0].article.title == titles[0]


def test_filters_source_unread_bookmarked(library: Library) -> None:
    a = library.sources.add(Source(None, "甲", "http://a/"))
    b = library.sources.add(Source(None, "乙", "http://b/"))
    ids = [library.articles.save(make_article(n), source_id=(a.id if n % 2 else b.id)).id
           for n in range(1, 7)]
    assert library.articles.count(source_id=a.id) == 3
    library.articles.mark_read(ids[0])
    assert library.articles.count(unread=True) == 5
    assert library.articles.get(ids[0]).read is True
    library.articles.mark_read(ids[0], read=False)
    assert library.articles.count(unread=True) == 6
    assert library.articles.mark_all_read(source_id=b.id) == 3
    assert library.articles.count(unread=True, source_id=a.id) == 3
    assert library.articles.count(unread=True, source_id=b.id) == 0
    library.marks.bookmark(ids[2])
    marked = library.articles.newest(bookmarked=True)
    assert [m.id for m in marked] == [ids[2]] and marked[0].bookmarked


def test_validators_for_any_url(library: Library) -> None:
    feed = "http://feed.example.cn/rss"
    assert library.articles.validators(feed) == (None, None)
    library.articles.set_validators(feed, '"abc"', "Wed, 01 May 2024 08:00:00 GMT")
    assert library.articles.validators(feed) == ('"abc"', "Wed, 01 May 2024 08:00:00 GMT")
    library.articles.set_validators(feed, None, "Thu, 02 May 2024 08:00:00 GMT")
    assert library.articles.validators(feed) == (None, "Thu, 02 May 2024 08:00:00 GMT")


def test_raw_page_is_kept_compressed_and_reextracted(library: Library) -> None:
    html = ("<html><body><h1>旧标题</h1>" + "<p>正文内容。</p>" * 200 + "</body></html>").encode()
    saved = library.articles.save(make_article(1), source_id=None, raw=html,
                                  headers={"Content-Type": "text/html; charset=GBK"})
    page = library.versions.raw_page(saved.id)
    assert page is not None and page.content == html and page.charset == "GBK"
    assert library.stored_bytes() < len(html)  # compressed, not kept as is

    seen = []

    def extract(data: bytes, url: str = "", *, http_charset: str | None = None):
        seen.append((url, http_charset))
        if b"<h1>" not in data:
            raise NotAnArticle("no article")
        return dataclasses.replace(make_article(1), title="新标题", url="http://other/")

    progress = []
    assert library.versions.reextract(extract, progress=lambda d, t: progress.append((d, t))) == 1
    assert seen == [(make_article(1).url, "GBK")]
    assert progress == [(1, 1)]
    current = library.articles.get(saved.id)
    assert current.article.title == "新标题" and current.article.url == make_article(1).url
    assert current.version == 2
    assert library.versions.raw_page(saved.id).content == html  # re-extraction keeps the raw page


def test_teaser_is_stored_with_the_row_and_follows_updates(library: Library) -> None:
    long_body = "淮北市召开会议，\n  研究部署城市建设工作。" * 20
    saved = library.articles.save(make_article(1, body=long_body), source_id=None)
    (light,) = library.articles.newest(with_blocks=False)
    assert light.article.blocks == ()  # no body read, yet the teaser is there
    assert light.teaser.startswith("淮北市召开会议， 研究部署城市建设工作。淮北市")
    assert len(light.teaser) == TEASER_CHARS and "\n" not in light.teaser
    assert library.articles.get(saved.id).teaser == light.teaser

    library.articles.save(make_article(1, body="更正后的正文。"), source_id=None)
    assert library.articles.newest(with_blocks=False)[0].teaser == "更正后的正文。"

    def extract(data: bytes, url: str = "", *, http_charset: str | None = None):
        return make_article(1, body="重新抽取的正文。")

    library.articles.save(make_article(1, body="更正后的正文。"), source_id=None, raw=b"<p>")
    assert library.versions.reextract(extract) == 1
    assert library.articles.newest(with_blocks=False)[0].teaser == "重新抽取的正文。"


def test_threads_each_use_their_own_connection(library: Library) -> None:
    errors: list[BaseException] = []

    def worker(start: int) -> None:
        try:
            for n in range(start, start + 25):
                library.articles.save(make_article(n), source_id=None)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i * 100,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert library.articles.count() == 100


def test_sources_add_find_rename_remove(library: Library) -> None:
    src = library.sources.add(Source(None, "今日淮北", "http://www.morang.cn/", kind="site"))
    assert library.sources.all() == [src]
    assert library.sources.find("今日淮北") == src
    assert library.sources.find(str(src.id)) == src
    with pytest.raises(InputError, match="already exists"):
        library.sources.add(Source(None, "今日淮北", "http://other/"))
    with pytest.raises(InputError, match="no source named"):
        library.sources.find("人民网")
    library.sources.rename(src.id, "淮北")
    assert library.sources.get(src.id).name == "淮北"
    library.sources.set_status(src.id, error="timeout", refreshed_at=BASE_TIME)
    status = library.sources.get(src.id)
    assert status.last_error == "timeout" and status.last_refreshed == BASE_TIME

    kept = library.articles.save(make_article(1), source_id=src.id).id
    gone = library.articles.save(make_article(2), source_id=src.id).id
    library.marks.bookmark(kept, note="keep")
    library.sources.remove(src.id)
    assert library.sources.all() == []
    assert library.articles.get(kept).source_id is None
    with pytest.raises(InputError):
        library.articles.get(gone)
    with pytest.raises(InputError):
        library.sources.remove(src.id)


def test_page_cache_size_is_set_per_library_on_every_thread(library_path) -> None:
    def cache_of(lib: Library) -> list[int]:
        seen = [lib._db.get().execute("PRAGMA cache_size").fetchone()[0]]
        worker = threading.Thread(target=lambda: seen.append(
            lib._db.get().execute("PRAGMA cache_size").fetchone()[0]))
        worker.start()
        worker.join()
        return seen

    with Library.open(library_path) as lib:
        assert cache_of(lib) == [-16_000, -16_000]
    with Library.open(library_path, cache_kib=2_000) as lib:
        assert cache_of(lib) == [-2_000, -2_000]
        assert lib.articles.count() == 0
