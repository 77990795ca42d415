"""Full-text search: trigram index, two-character expansion, LIKE fallback, filters, sync."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from store_helpers import BASE_TIME, make_article

from huaibei_reader.models import Block, BlockKind, Source
from huaibei_reader.store import SNIPPET_CLOSE, SNIPPET_OPEN, Library
from huaibei_reader.store import search as search_module

BODIES = {
    1: "濉溪县今年粮食总产量再创新高，农民增收明显。",
    2: "相山公园举行春季花展，市民游客络绎不绝。",
    3: "淮北市召开安全生产会议，部署防汛工作。Flood control meeting held.",
    4: "南湖湿地公园完成生态修复，水质持续改善。",
    5: "烈山区开展义诊活动，为群众免费测量血压。",
}


@pytest.fixture
def filled(library: Library) -> Library:
    src_a = library.sources.add(Source(None, "甲", "http://a/"))
    src_b = library.sources.add(Source(None, "乙", "http://b/"))
    for n, body in BODIES.items():
        library.articles.save(make_article(n, body=body, title=f"新闻{n}"),
                              source_id=src_a.id if n <= 3 else src_b.id)
    assert library.search.index_pending() == len(BODIES)
    return library


def ids(hits) -> list[int]:
    return [h.id for h in hits]


def test_three_or_more_characters_use_the_index(filled: Library) -> None:
    hits = filled.search.find("湿地公园")
    assert ids(hits) == [4]
    assert f"{SNIPPET_OPEN}湿地公园{SNIPPET_CLOSE}" in hits[0].snippet
    assert hits[0].rank < 0  # bm25 from the index, not the scan


def test_two_characters_find_every_occurrence(filled: Library) -> None:
    assert sorted(ids(filled.search.find("公园"))) == [2, 4]
    # at the very end of the body: only the trailing newline makes a trigram start here
    filled.articles.save(make_article(6, body="我们都爱淮北", title="标题"), source_id=None)
    assert 6 in ids(filled.search.find("淮北"))
    # at the end of a title
    filled.articles.save(make_article(7, body="正文无关。", title="走进相山"), source_id=None)
    assert sorted(ids(filled.search.find("相山"))) == [2, 7]
    assert filled.search.find("火星") == []


def test_one_character_and_mixed_queries_fall_back_to_a_scan(filled: Library) -> None:
    assert sorted(ids(filled.search.find("湖"))) == [4]
    assert ids(filled.search.find("公园 南")) == [4]  # expansion AND a LIKE condition
    assert sorted(ids(filled.search.find("公园", scan=True))) == [2, 4]
    assert all(h.rank == 0.0 for h in filled.search.find("公园", scan=True))


def test_pairs_with_punctuation_are_checked_by_scan(library: Library) -> None:
    library.articles.save(make_article(1, body="增长5%，达到新高。"), source_id=None)
    library.articles.save(make_article(2, body="没有百分号。"), source_id=None)
    assert [h.id for h in library.search.find("5%")] == [1]
    assert [h.id for h in library.search.find("，达")] == [1]
    assert [h.id for h in library.search.find("5% 新高")] == [1]


def test_pairs_text_is_every_adjacent_letter_pair_once() -> None:
    assert search_module.pairs_text("淮北市，淮北") == "北市 淮北"
    assert search_module.pairs_text("AI与5G") == "5g ai i与 与5"
    assert search_module.pairs_text("") == ""


def test_english_is_case_insensitive(filled: Library) -> None:
    assert ids(filled.search.find("flood")) == [3]
    assert ids(filled.search.find("FLOOD Control")) == [3]
    assert f"{SNIPPET_OPEN}Flood{SNIPPET_CLOSE}" in filled.search.find("flood")[0].snippet


def test_title_matches_rank_above_body_matches(library: Library) -> None:
    library.articles.save(make_article(1, title="普通标题", body="这里提到了防汛演练的安排。"),
                          source_id=None)
    library.articles.save(make_article(2, title="防汛演练今日举行", body="内容与标题相同主题。"),
                          source_id=None)
    assert ids(library.search.find("防汛演练")) == [2, 1]


def test_filters(filled: Library) -> None:
    b = filled.sources.find("乙")
    assert ids(filled.search.find("公园", source_id=b.id)) == [4]
    filled.articles.mark_read(4)
    assert ids(filled.search.find("公园", unread=True)) == [2]
    filled.marks.bookmark(4)
    assert ids(filled.search.find("公园", bookmarked=True)) == [4]
    since = BASE_TIME + timedelta(hours=3)
    assert ids(filled.search.find("公园", since=since)) == [4]
    assert ids(filled.search.find("公园", until=since)) == [2]
    assert filled.search.find("公园", limit=1)[0].id in (2, 4)
    assert filled.search.find("   ") == []


def test_index_follows_updates_and_deletes(filled: Library) -> None:
    old = make_article(2, body=BODIES[2], title="新闻2")
    filled.articles.save(dataclasses.replace(
        old, blocks=(Block(BlockKind.PARAGRAPH, text="花展改期到五月。"),)), source_id=None)
    assert ids(filled.search.find("相山公园")) == []
    assert ids(filled.search.find("花展改期")) == [2]
    assert ids(filled.search.find("改期")) == [2]
    filled.sources.remove(filled.sources.find("乙").id)
    assert filled.search.find("湿地公园") == []
    assert filled.integrity_check() == []


def test_quotes_and_operators_in_queries_are_plain_text(filled: Library) -> None:
    for query in ('"', 'AND OR NOT', "公园*", "(相山", "NEAR(a b)", "%", "_", "\\"):
        filled.search.find(query)  # no syntax error escapes
    new = filled.articles.save(make_article(9, body='他说："100%完成"。'), source_id=None).id
    assert ids(filled.search.find('"100%完成"')) == [new]
    assert ids(filled.search.find("%")) == [new]


def test_snippet_marks_matches_and_trims(library: Library) -> None:
    body = "开头" * 50 + "关键字出现在这里" + "结尾" * 100
    library.articles.save(make_article(1, body=body), source_id=None)
    snippet = library.search.find("关键字")[0].snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert f"{SNIPPET_OPEN}关键字{SNIPPET_CLOSE}" in snippet
    assert len(snippet) < 140


def test_very_common_terms_are_answered_newest_first(filled: Library, monkeypatch) -> None:
    ranked = filled.search.find("公园")
    assert sorted(h.id for h in ranked) == [2, 4] and all(h.rank < 0 for h in ranked)
    assert filled.search.find("湿地公园")[0].rank < 0
    # more matches than ranking pays for (every match, once the ratio is 0)
    monkeypatch.setattr(search_module, "RANK_AT_MOST", 0)
    filled.articles.save(make_article(8, body="南湖湿地公园再扩建。"), source_id=None)
    filled.search.index_pending()
    assert [(h.title, h.rank) for h in filled.search.find("湿地公园", limit=1)] == [
        ("淮北新闻第8期", 0.0)]
    assert [(h.title, h.rank) for h in filled.search.find("公园", limit=1)] == [
        ("淮北新闻第8期", 0.0)]
    assert filled.search.find("火星探测") == [] and filled.search.find("火星") == []


def test_index_agrees_with_a_scan_after_random_saves_edits_and_deletes(library: Library,
                                                                      monkeypatch) -> None:
    """Queued and indexed texts, edited before or after indexing, removed either way: the
    index answers exactly what a plain scan of the stored text answers."""
    import random

    monkeypatch.setattr(search_module, "FTS_CHUNK", 7)  # transactions end at odd moments
    rng = random.Random(5)
    words = ["相山公园", "南湖湿地", "濉溪老街", "隋唐运河", "口子酒厂", "烈山石榴", "防汛演练"]
    live: set[int] = set()
    for step in range(300):
        n = rng.randint(1, 60)
        action = rng.random()
        if action < 0.7:
            body = "，".join(rng.sample(words, 2)) + f"。编号{n}。"
            saved = library.articles.save(make_article(n, body=body, title=rng.choice(words)),
                                          source_id=None)
            live.add(saved.id)
        elif action < 0.8 and live:
            victim = rng.choice(sorted(live))
            with library._db.write("delete for the test") as conn:
                conn.execute("DELETE FROM articles WHERE id = ?", (victim,))
            live.discard(victim)
        elif action < 0.9:
            library.search.index_pending(limit=rng.randint(1, 20))
        if step % 50 == 49:
            for word in [*words, "公园", "编号1", "运河 湿地", "公园 号"]:
                indexed = {h.id for h in library.search.find(word, limit=1000)}
                scanned = {h.id for h in library.search.find(word, limit=1000, scan=True)}
                assert indexed == scanned, word
                with monkeypatch.context() as m:  # the unranked path for common words
                    m.setattr(search_module, "RANK_AT_MOST", 0)
                    recent = library.search.find(word, limit=1000)
                assert {h.id for h in recent} == scanned, word
    library.search.index_pending()
    assert library.search.pending() == 0
    assert library.integrity_check() == []
    conn = library._db.get()
    conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 0)")


def test_snippets_never_fail_and_mark_what_they_find() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=300), st.text(max_size=40),
           st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=3))
    def check(body: str, title: str, terms: list[str]) -> None:
        snippet = search_module.make_snippet(title, body, terms)
        if any(SNIPPET_OPEN in t or SNIPPET_CLOSE in t for t in [body, title, *terms]):
            return
        assert snippet.count(SNIPPET_OPEN) == snippet.count(SNIPPET_CLOSE)
        plain = snippet.replace(SNIPPET_OPEN, "").replace(SNIPPET_CLOSE, "")
        assert len(plain) <= search_module.SNIPPET_LENGTH + 2  # and the two ellipses

    check()
    body = "甲" * 200 + "目标" + "乙" * 200
    snippet = search_module.make_snippet("", body, ["目标"])
    assert f"{SNIPPET_OPEN}目标{SNIPPET_CLOSE}" in snippet
    assert len(snippet) <= search_module.SNIPPET_LENGTH + 4


def test_two_character_hits_rank_title_matches_first_then_newest(library: Library) -> None:
    library.articles.save(make_article(1, title="相山春色", body="无关。"), source_id=None)
    library.articles.save(make_article(2, title="无关", body="相山很美。"), source_id=None)
    library.articles.save(make_article(3, title="也无关", body="去相山。"), source_id=None)
    assert [h.id for h in library.search.find("相山")] == [1, 3, 2]  # from the queue
    library.search.index_pending()
    hits = library.search.find("相山")
    assert [h.id for h in hits] == [1, 3, 2]
    assert hits[0].rank < hits[1].rank == hits[2].rank < 0


def test_saved_texts_are_found_before_they_are_indexed(library: Library) -> None:
    """Saving only queues the text; search reads the queue until index_pending runs."""
    for n, body in BODIES.items():
        library.articles.save(make_article(n, body=body, title=f"新闻{n}"), source_id=None)
    library.search.index_pending()
    late = library.articles.save(make_article(9, body="湿地公园新增观鸟栈道。", title="湿地公园"),
                                 source_id=None)
    assert library.search.pending() == 1
    hits = library.search.find("湿地公园")
    # The queued article's title holds the query: it comes before the index's body match.
    assert ids(hits) == [late.id, 4]
    assert hits[0].rank == 0.0 and hits[1].rank < 0
    assert f"{SNIPPET_OPEN}湿地公园{SNIPPET_CLOSE}" in hits[0].snippet
    assert ids(library.search.find("公园")) == ids(library.search.find("公园", scan=True))
    assert library.search.pending() == 1  # searching never writes
    assert library.search.index_pending() == 1
    assert [h.rank < 0 for h in library.search.find("湿地公园")] == [True, True]


def test_index_pending_goes_in_chunks_and_stops_when_told(library: Library, monkeypatch) -> None:
    from huaibei_reader.cancel import CancelToken

    monkeypatch.setattr(search_module, "FTS_CHUNK", 3)
    for n in range(1, 11):
        library.articles.save(make_article(n, body=f"运河湿地第{n}段。"), source_id=None)
    assert library.search.index_pending(limit=4) == 4
    assert library.search.pending() == 6
    token = CancelToken()
    token.cancel()
    assert library.search.index_pending(cancel=token) == 0
    assert library.search.index_pending() == 6
    assert library.search.pending() == 0
    assert {h.id for h in library.search.find("运河湿地", limit=50)} == set(range(1, 11))


def test_split_marks_gives_plain_text_and_match_spans() -> None:
    from huaibei_reader.store.search import make_snippet, split_marks

    body = "前文" * 30 + "熟人社区建设，熟人社区" + "后文" * 30
    snippet = make_snippet("标题", body, ["熟人社区"])
    text, spans = split_marks(snippet)
    assert "«" not in text and "»" not in text
    assert [text[s:e] for s, e in spans] == ["熟人社区", "熟人社区"]
    assert split_marks("a «b» c « d") == ("a b c « d", ((2, 3),))  # a lone marker stays
