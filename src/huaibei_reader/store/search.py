"""Full-text search that works for Chinese without a dictionary.

The FTS5 index uses the trigram tokenizer: every run of three characters is a token, so any
query of three or more characters is found wherever it occurs, ranked with bm25 (the title
weighs more than the body). Two-character queries (淮北, 疫情) have no trigram of their own:
they are expanded through the index's vocabulary into the trigrams that start with them
(淮北市, 淮北的, ...; the indexed text ends in a newline so every occurrence starts one).
When a pair is so common that the expansion would be huge, and for one-character terms, a
LIKE scan over the newest articles takes over; it stops as soon as enough hits are found.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from huaibei_reader.errors import LibraryError
from huaibei_reader.store.articles import article_filters
from huaibei_reader.store.connection import Connections
from huaibei_reader.store.rows import text_to_dt
from huaibei_reader.store.types import SearchHit

SNIPPET_OPEN = "«"
SNIPPET_CLOSE = "»"
SNIPPET_BEFORE = 30  # characters of context before the first match
SNIPPET_LENGTH = 110  # characters in a snippet, about two lines of a list
MAX_EXPANSION = 400  # trigrams a two-character term may expand to before a scan is cheaper
MAX_TRIGRAMS_ESTIMATED = 8  # trigrams of a long term looked up to estimate its matches
# A scan reads about limit * total / matches articles, each costing this many times what one
# match costs the index to rank; past the break-even point the scan is cheaper.
SCAN_COST_RATIO = 10.0

TITLE_WEIGHT = 4.0


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


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


class SearchMixin:
    _db: Connections

    def index_pending(self) -> int:
        """Put queued new and changed texts into the search index; return how many.

        Runs by itself after every FTS_BATCH saved articles, before every search and on
        close; callers never need it, but a refresh may call it when done.
        """
        with self._db.write("update the search index") as conn:
            rows = conn.execute(
                "SELECT p.article_id, t.title || char(10), t.body || char(10) "
                "FROM fts_pending p JOIN article_texts t ON t.article_id = p.article_id"
            ).fetchall()
            if rows:
                conn.executemany("INSERT INTO articles_fts (rowid, title, body) "
                                 "VALUES (?, ?, ?)", rows)
            conn.execute("DELETE FROM fts_pending")
        return len(rows)

    def pending_index(self) -> int:
        """How many stored texts wait to be indexed."""
        with self._db.read("read the search queue") as conn:
            return int(conn.execute("SELECT COUNT(*) FROM fts_pending").fetchone()[0])

    def search(self, query: str, *, source_id: int | None = None, limit: int = 50,
               unread: bool = False, bookmarked: bool = False, since: datetime | None = None,
               until: datetime | None = None, scan: bool = False) -> list[SearchHit]:
        """Articles matching every term of ``query``, best first, with snippets.

        Ranked by bm25 when the index answers; when a query matches so many articles that
        ranking them all costs more than reading the newest ones (a very common word), the
        newest matches come first instead. ``scan=True`` forces the plain LIKE scan, for
        comparison.
        """
        terms = split_query(query)
        if not terms or limit <= 0:
            return []
        where, params = article_filters(source_id=source_id, unread=unread,
                                        bookmarked=bookmarked, since=since, until=until)
        if not scan and self.pending_index():
            try:
                self.index_pending()
            except LibraryError:
                pass  # read-only or busy: search what is indexed
        with self._db.read("search the library") as conn:
            plan = Plan(None, terms) if scan else self._plan(conn, terms, int(limit))
            if plan.match == "":
                return []  # some term occurs nowhere
            for _term in plan.scan_terms:
                where += " AND (t.title LIKE ? ESCAPE '\\' OR t.body LIKE ? ESCAPE '\\')"
            for term in plan.scan_terms:
                params += [_like_pattern(term)] * 2
            if plan.match is None:
                rows = conn.execute(
                    "SELECT a.id, a.url, a.title, t.body, a.published, a.source_id, 0.0 "
                    f"FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE {where} "
                    "ORDER BY a.sort_ts DESC, a.id DESC LIMIT ?", [*params, int(limit)]
                ).fetchall()
            else:
                # Rank first on the small rows, then read the text of the few that are shown.
                text_join = ("JOIN article_texts t ON t.article_id = a.id "
                             if plan.scan_terms else "")
                rows = conn.execute(
                    "SELECT h.id, h.url, h.title, tx.body, h.published, h.source_id, h.score "
                    "FROM (SELECT a.id, a.url, a.title, a.published, a.source_id, "
                    f"bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS score "
                    "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                    f"{text_join}WHERE articles_fts MATCH ? AND {where} "
                    "ORDER BY score, a.id DESC LIMIT ?) h "
                    "JOIN article_texts tx ON tx.article_id = h.id ORDER BY h.score, h.id DESC",
                    [plan.match, *params, int(limit)]).fetchall()
        return [SearchHit(id=r[0], url=r[1], title=r[2], snippet=make_snippet(r[2], r[3], terms),
                          rank=float(r[6]), published=text_to_dt(r[4]), source_id=r[5])
                for r in rows]

    @staticmethod
    def _plan(conn: sqlite3.Connection, terms: list[str], limit: int) -> Plan:
        """Decide what the index answers and what a LIKE scan checks.

        The trigram vocabulary says how many articles each trigram occurs in; the smallest
        count over a term's trigrams bounds how many articles the term can match.
        """
        parts: list[str] = []
        scan_terms: list[str] = []
        estimate: int | None = None
        for term in terms:
            folded = term.lower()
            if len(term) >= 3:
                grams = list(dict.fromkeys(folded[i:i + 3] for i in range(len(folded) - 2)))
                docs = None
                for gram in grams[:MAX_TRIGRAMS_ESTIMATED]:
                    row = conn.execute("SELECT doc FROM articles_fts_vocab WHERE term = ?",
                                       (gram,)).fetchone()
                    count = int(row[0]) if row else 0
                    docs = count if docs is None else min(docs, count)
                    if count == 0:
                        return Plan("", [])
                parts.append(_fts_string(term))
            elif len(term) == 2:
                rows = conn.execute(
                    "SELECT term, doc FROM articles_fts_vocab WHERE term >= ? AND term < ? "
                    "LIMIT ?", (folded, folded + "\U0010ffff", MAX_EXPANSION + 1)).fetchall()
                if not rows:
                    return Plan("", [])
                if len(rows) > MAX_EXPANSION:
                    scan_terms.append(term)
                    continue
                parts.append("(" + " OR ".join(_fts_string(g) for g, _ in rows) + ")")
                docs = sum(int(d) for _, d in rows)
            else:
                scan_terms.append(term)
                continue
            estimate = docs if estimate is None else min(estimate, docs)
        if not parts:
            return Plan(None, scan_terms)
        total = int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]) or 1
        if estimate is not None and estimate * estimate > SCAN_COST_RATIO * limit * total:
            # So many matches that the newest `limit` of them are close at hand.
            return Plan(None, terms)
        return Plan(" AND ".join(parts), scan_terms)


@dataclass(frozen=True)
class Plan:
    """``match``: an FTS5 expression, None for a pure scan, "" when nothing can match."""

    match: str | None
    scan_terms: list[str]
