"""Full-text search that works for Chinese without a dictionary.

Two FTS5 indexes over title and body. The trigram index (every run of three characters is a
token) finds any term of three or more characters wherever it occurs, ranked with bm25 (the
title weighs more than the body). Two-character terms (淮北, 疫情), the commonest Chinese
queries, have no trigram of their own; the pairs index holds every pair of adjacent letters
or digits of each article (computed here, since SQLite has no such tokenizer) with document
presence only, which answers them exactly. One-character terms are checked with LIKE.

A query found in more than RANK_AT_MOST articles (进一步, 淮北 in a local library) is not
ranked: its most recently stored matches come newest first, read from the index in id order
until ``limit`` hits, so even the commonest word costs a few milliseconds.

Saving an article only queues its text (``fts_pending``); ``index_pending`` indexes the queue
when there is time. Until then search reads the queued texts with LIKE, so nothing saved is
ever missing from the results.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime

from huaibei_reader.cancel import CancelToken
from huaibei_reader.store.articles import article_filters
from huaibei_reader.store.connection import Connections, SqlParams, SqlRow
from huaibei_reader.store.rows import text_to_dt
from huaibei_reader.store.types import SearchHit

SNIPPET_OPEN = "«"
SNIPPET_CLOSE = "»"
SNIPPET_BEFORE = 30  # characters of context before the first match
SNIPPET_LENGTH = 110  # characters in a snippet, about two lines of a list
# Up to this many matches are ranked (5-10 ms); a word found in more articles is answered
# with its most recently stored matches, newest first (a few ms however common it is).
RANK_AT_MOST = 2000
# Queued texts indexed per transaction by index_pending: a save waits for one chunk at most
# (about 0.2 s here).
FTS_CHUNK = 100

TITLE_WEIGHT = 4.0


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def pairs_text(text: str) -> str:
    """Every pair of adjacent letters or digits in ``text``, lower-cased, once each, as
    space-separated tokens for the pairs index (deterministic: deletes must repeat it)."""
    folded = text.lower()
    pairs = {folded[i:i + 2] for i in range(len(folded) - 1)}
    return " ".join(sorted(p for p in pairs if p.isalnum()))


def split_query(query: str) -> list[str]:
    """The terms of a query: whitespace-separated, duplicates dropped, order kept."""
    return list(dict.fromkeys(t for t in query.split() if t))


def make_snippet(title: str, body: str, terms: list[str]) -> str:
    """A short passage around the first match, every match marked; the title if the body
    has none."""
    folded_terms = [t.casefold() for t in terms if t]
    for text in (body, title):
        folded = text.casefold()
        if len(folded) != len(text):  # casefold changed lengths (ß...): match on the original
            folded = text
        positions = [folded.find(t) for t in folded_terms]
        found = [p for p in positions if p >= 0]
        if not found:
            continue
        first = min(found)
        start = max(0, first - SNIPPET_BEFORE)
        end = min(len(text), start + SNIPPET_LENGTH)
        spans: list[tuple[int, int]] = []
        for term in folded_terms:
            at = folded.find(term, start)
            while 0 <= at < end:
                spans.append((at, min(end, at + len(term))))
                at = folded.find(term, at + len(term))
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        out = ["…" if start > 0 else ""]
        pos = start
        for s, e in merged:
            out.append(text[pos:s])
            out.append(SNIPPET_OPEN + text[s:e] + SNIPPET_CLOSE)
            pos = e
        out.append(text[pos:end])
        if end < len(text):
            out.append("…")
        return "".join(out).replace("\n", " ")
    return body[:SNIPPET_LENGTH].replace("\n", " ")


def split_marks(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet of ``make_snippet`` as plain text and the (start, end) of each marked match,
    for a view that highlights instead of printing the markers. An unmatched marker is kept
    as text."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    pos = 0
    while pos < len(snippet):
        opened = snippet.find(SNIPPET_OPEN, pos)
        closed = snippet.find(SNIPPET_CLOSE, opened + 1) if opened >= 0 else -1
        if opened < 0 or closed < 0:
            out.append(snippet[pos:])
            break
        before, inside = snippet[pos:opened], snippet[opened + 1:closed]
        out += [before, inside]
        length += len(before)
        spans.append((length, length + len(inside)))
        length += len(inside)
        pos = closed + 1
    return "".join(out), tuple(spans)


class SearchRepository:
    """``library.search``: full-text search, and the queue of texts waiting for the indexes.

    Two indexes: trigrams (terms of three or more characters, ranked with bm25) and pairs of
    adjacent characters (two-character Chinese words); shorter terms are checked with LIKE.
    """

    def __init__(self, connections: Connections) -> None:
        self._db = connections

    def index_pending(self, *, limit: int | None = None,
                      cancel: CancelToken | None = None) -> int:
        """Move queued texts into the search indexes; return how many were added.

        Saving only queues a text (indexing costs ~2 ms an article, several times the save
        itself), and search reads the queue with LIKE until it is indexed, so this can run
        whenever there is time: the app runs it on a worker after a refresh and at start.
        Works in transactions of FTS_CHUNK texts, so saves are held up for one chunk at
        most; stops after ``limit`` texts or when ``cancel`` is set.
        """
        done = 0
        while limit is None or done < limit:
            if cancel is not None and cancel.cancelled:
                break
            size = FTS_CHUNK if limit is None else min(FTS_CHUNK, limit - done)
            added, retired = self._index_chunk(size)
            done += added
            if added == 0 and retired == 0:
                break
        return done

    def _index_chunk(self, size: int) -> tuple[int, int]:
        with self._db.write("update the search index") as conn:
            retired = conn.execute("SELECT seq, article_id, title, body FROM fts_retired "
                                   "ORDER BY seq LIMIT ?", (size,)).fetchall()
            if retired:
                conn.executemany(
                    "INSERT INTO articles_pairs (articles_pairs, rowid, title, body) "
                    "VALUES ('delete', ?, ?, ?)",
                    [(aid, pairs_text(title), pairs_text(body)) for _, aid, title, body in retired])
                conn.execute("DELETE FROM fts_retired WHERE seq <= ?", (retired[-1][0],))
            rows = conn.execute(
                "SELECT p.article_id, t.title, t.body FROM fts_pending p "
                "JOIN article_texts t ON t.article_id = p.article_id "
                # A new text goes into the pairs index only after the old one left it.
                "WHERE p.article_id NOT IN (SELECT article_id FROM fts_retired) "
                "ORDER BY p.article_id LIMIT ?", (size,)).fetchall()
            if rows:
                conn.executemany("INSERT INTO articles_fts (rowid, title, body) "
                                 "VALUES (?, ? || char(10), ? || char(10))", rows)
                conn.executemany("INSERT INTO articles_pairs (rowid, title, body) "
                                 "VALUES (?, ?, ?)",
                                 [(aid, pairs_text(title), pairs_text(body))
                                  for aid, title, body in rows])
                conn.executemany("DELETE FROM fts_pending WHERE article_id = ?",
                                 [(r[0],) for r in rows])
        return len(rows), len(retired)

    def pending(self) -> int:
        """How many texts wait to enter or leave the search indexes."""
        with self._db.read("read the search queue") as conn:
            return int(conn.execute("SELECT (SELECT COUNT(*) FROM fts_pending) + "
                                    "(SELECT COUNT(*) FROM fts_retired)").fetchone()[0])

    def find(self, query: str, *, source_id: int | None = None, limit: int = 50,
             unread: bool = False, bookmarked: bool = False, since: datetime | None = None,
             until: datetime | None = None, scan: bool = False) -> list[SearchHit]:
        """Articles matching every term of ``query``, best first, with snippets.

        Ranked (``rank`` below 0, lower is better) when there are at most RANK_AT_MOST
        matches; a more common query gives its most recently stored matches newest first
        (``rank`` 0.0). ``scan=True`` forces the plain LIKE scan, for comparison.
        """
        terms = split_query(query)
        limit = int(limit)
        if not terms or limit <= 0:
            return []
        where, params = article_filters(source_id=source_id, unread=unread,
                                        bookmarked=bookmarked, since=since, until=until)
        query_ = _Query(terms, where, params, limit)
        with self._db.read("search the library") as conn:
            rows = query_.scan(conn) if scan else query_.with_queued(conn)
        return [SearchHit(id=r[0], url=r[1], title=r[2], snippet=make_snippet(r[2], r[3], terms),
                          rank=float(r[6]), published=text_to_dt(r[4]), source_id=r[5])
                for r in rows]


@dataclass
class _Query:
    """One search: its terms, the filters (a WHERE over ``a``) and how many hits."""

    terms: list[str]
    where: str
    params: SqlParams
    limit: int

    def with_queued(self, conn: sqlite3.Connection) -> list[SqlRow]:
        """The index's hits and those among texts still queued for it (saved since the
        last ``index_pending``), read with LIKE: a title match from the queue first, then
        the index's hits, then the queue's body matches."""
        if not self.uses_index():
            return self.scan(conn)  # the scan reads every text, queued or not
        queued = self.queued(conn)
        if not queued:
            return self.run(conn)
        indexed = self.run(conn)
        lowered = [t.lower() for t in self.terms]
        in_title = [r for r in queued if all(t in r[2].lower() for t in lowered)]
        in_body = [r for r in queued if r not in in_title]
        return (in_title + indexed + in_body)[:self.limit]

    def queued(self, conn: sqlite3.Connection) -> list[SqlRow]:
        """Matches among the queued texts, newest first (the queue is never in an index:
        the triggers take a changed text out when they queue it)."""
        like, like_params = self._like(self.terms)
        return conn.execute(
            "SELECT a.id, a.url, a.title, t.body, a.published, a.source_id, 0.0 "
            # CROSS JOIN keeps the queue as the outer loop: the planner would otherwise
            # LIKE-scan every stored text and then look each up in the queue.
            "FROM fts_pending p CROSS JOIN articles a ON a.id = p.article_id "
            "CROSS JOIN article_texts t ON t.article_id = a.id "
            f"WHERE {self.where}{like} ORDER BY a.sort_ts DESC, a.id DESC LIMIT ?",
            [*self.params, *like_params, self.limit]).fetchall()

    def uses_index(self) -> bool:
        return any(len(t) >= 3 or (len(t) == 2 and t.lower().isalnum()) for t in self.terms)

    def run(self, conn: sqlite3.Connection) -> list[SqlRow]:
        long = [t for t in self.terms if len(t) >= 3]
        # A pair with a space or punctuation in it is not in the pairs index: LIKE checks it.
        pairs = [t for t in self.terms if len(t) == 2 and t.lower().isalnum()]
        singles = [t for t in self.terms if len(t) < 3 and t not in pairs]
        if long:
            match = " AND ".join(_fts_string(t) for t in long)
            return self._indexed(conn, "articles_fts", match, pairs + singles)
        if pairs:
            match = " AND ".join(_fts_string(p.lower()) for p in pairs)
            return self._indexed(conn, "articles_pairs", match, singles)
        return self.scan(conn)

    def _indexed(self, conn: sqlite3.Connection, table: str, match: str,
                 like_terms: list[str]) -> list[SqlRow]:
        if table == "articles_pairs":
            # A text waiting in fts_retired is still in the pairs index until
            # index_pending takes it out: it is not what the article says any more.
            narrowed = replace(self, where=f"{self.where} AND a.id NOT IN "
                                            "(SELECT article_id FROM fts_retired)")
            return narrowed._counted(conn, table, match, like_terms)
        return self._counted(conn, table, match, like_terms)

    def _counted(self, conn: sqlite3.Connection, table: str, match: str,
                 like_terms: list[str]) -> list[SqlRow]:
        cap = max(1, RANK_AT_MOST)
        found = conn.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?)",
            (match, cap + 1)).fetchone()[0]
        if found == 0:
            return []
        if found > cap:
            return self.recent(conn, table, match, like_terms)
        return self.ranked(conn, table, match, like_terms)

    def recent(self, conn: sqlite3.Connection, table: str, match: str,
               like_terms: list[str]) -> list[SqlRow]:
        """The most recently stored matches, newest first: the index walks its matches
        from the highest article id down and stops at ``limit`` (ranking every match of a
        word that is everywhere would cost tens of milliseconds)."""
        like, like_params = self._like(like_terms)
        text_join = "JOIN article_texts t ON t.article_id = a.id " if like_terms else ""
        return conn.execute(
            "SELECT h.id, h.url, h.title, tx.body, h.published, h.source_id, 0.0 "
            "FROM (SELECT a.id, a.url, a.title, a.published, a.source_id, a.sort_ts "
            f"FROM {table} CROSS JOIN articles a ON a.id = {table}.rowid "
            f"{text_join}WHERE {table} MATCH ? AND {self.where}{like} "
            f"ORDER BY {table}.rowid DESC LIMIT ?) h "
            "JOIN article_texts tx ON tx.article_id = h.id "
            "ORDER BY h.sort_ts DESC, h.id DESC",
            [match, *self.params, *like_params, self.limit]).fetchall()

    def _like(self, terms: list[str]) -> tuple[str, SqlParams]:
        sql = "".join(" AND (t.title LIKE ? ESCAPE '\\' OR t.body LIKE ? ESCAPE '\\')"
                      for _ in terms)
        return sql, [p for term in terms for p in (_like_pattern(term),) * 2]

    def scan(self, conn: sqlite3.Connection) -> list[SqlRow]:
        """Newest first, every term checked with LIKE, until ``limit`` hits."""
        like, like_params = self._like(self.terms)
        return conn.execute(
            "SELECT a.id, a.url, a.title, t.body, a.published, a.source_id, 0.0 "
            "FROM articles a JOIN article_texts t ON t.article_id = a.id "
            f"WHERE {self.where}{like} ORDER BY a.sort_ts DESC, a.id DESC LIMIT ?",
            [*self.params, *like_params, self.limit]).fetchall()

    def ranked(self, conn: sqlite3.Connection, table: str, match: str,
               like_terms: list[str]) -> list[SqlRow]:
        """Index matches, best first: ranked on the small rows, then the text of the few
        shown is read. The trigram index ranks with bm25; the pairs index keeps no counts
        to rank with, so its matches rank by the title holding every pair, then by date."""
        like, like_params = self._like(like_terms)
        text_join = "JOIN article_texts t ON t.article_id = a.id " if like_terms else ""
        score_params: SqlParams = []
        if table == "articles_fts":
            score = f"bm25(articles_fts, {TITLE_WEIGHT}, 1.0)"
        else:
            pairs = [t.lower() for t in self.terms if len(t) == 2 and t.lower().isalnum()]
            score = ("CASE WHEN " + " AND ".join("instr(lower(a.title), ?)" for _ in pairs)
                     + " THEN -1.0 ELSE -0.5 END")
            score_params = pairs
        return conn.execute(
            "SELECT h.id, h.url, h.title, tx.body, h.published, h.source_id, h.score "
            "FROM (SELECT a.id, a.url, a.title, a.published, a.source_id, a.sort_ts, "
            f"{score} AS score FROM {table} JOIN articles a ON a.id = {table}.rowid "
            f"{text_join}WHERE {table} MATCH ? AND {self.where}{like} "
            "ORDER BY score, a.sort_ts DESC, a.id DESC LIMIT ?) h "
            "JOIN article_texts tx ON tx.article_id = h.id "
            "ORDER BY h.score, h.sort_ts DESC, h.id DESC",
            [*score_params, match, *self.params, *like_params, self.limit]).fetchall()
