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
from datetime import datetime

from huaibei_reader.store.articles import article_filters
from huaibei_reader.store.connection import Connections
from huaibei_reader.store.rows import text_to_dt
from huaibei_reader.store.types import SearchHit

SNIPPET_OPEN = "«"
SNIPPET_CLOSE = "»"
SNIPPET_BEFORE = 30  # characters of context before the first match
SNIPPET_LENGTH = 110  # characters in a snippet, about two lines of a list
MAX_EXPANSION = 400  # trigrams a two-character term may expand to before a scan is cheaper
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

    def search(self, query: str, *, source_id: int | None = None, limit: int = 50,
               unread: bool = False, bookmarked: bool = False, since: datetime | None = None,
               until: datetime | None = None, scan: bool = False) -> list[SearchHit]:
        """Articles matching every term of ``query``, best first (bm25), with snippets.

        ``scan=True`` forces the plain LIKE scan (newest first), for comparison.
        """
        terms = split_query(query)
        if not terms or limit <= 0:
            return []
        where, params = article_filters(source_id=source_id, unread=unread,
                                        bookmarked=bookmarked, since=since, until=until)
        with self._db.read("search the library") as conn:
            match, scan_terms = (None, terms) if scan else self._plan(conn, terms)
            if match == "":
                return []  # a two-character term that occurs nowhere
            for term in scan_terms:
                where += " AND (a.title LIKE ? ESCAPE '\\' OR a.body LIKE ? ESCAPE '\\')"
                params += [_like_pattern(term)] * 2
            if match is None:
                rows = conn.execute(
                    f"SELECT a.id, a.url, a.title, a.body, a.published, a.source_id, 0.0 "
                    f"FROM articles a WHERE {where} ORDER BY a.sort_ts DESC, a.id DESC "
                    "LIMIT ?", [*params, int(limit)]).fetchall()
            else:
                rows = conn.execute(
                    f"SELECT a.id, a.url, a.title, a.body, a.published, a.source_id, "
                    f"bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS score "
                    f"FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                    f"WHERE articles_fts MATCH ? AND {where} ORDER BY score, a.id DESC LIMIT ?",
                    [match, *params, int(limit)]).fetchall()
        return [SearchHit(id=r[0], url=r[1], title=r[2], snippet=make_snippet(r[2], r[3], terms),
                          rank=float(r[6]), published=text_to_dt(r[4]), source_id=r[5])
                for r in rows]

    @staticmethod
    def _plan(conn: sqlite3.Connection, terms: list[str]) -> tuple[str | None, list[str]]:
        """An FTS5 MATCH expression for what the index can answer, and the terms left to a
        LIKE scan. The expression is "" when a term provably occurs nowhere."""
        parts: list[str] = []
        scan_terms: list[str] = []
        for term in terms:
            if len(term) >= 3:
                parts.append(_fts_string(term))
            elif len(term) == 2:
                prefix = term.lower()
                grams = [r[0] for r in conn.execute(
                    "SELECT term FROM articles_fts_vocab WHERE term >= ? AND term < ? LIMIT ?",
                    (prefix, prefix + "\U0010ffff", MAX_EXPANSION + 1))]
                if not grams:
                    return "", []
                if len(grams) > MAX_EXPANSION:
                    scan_terms.append(term)
                else:
                    parts.append("(" + " OR ".join(_fts_string(g) for g in grams) + ")")
            else:
                scan_terms.append(term)
        return (" AND ".join(parts) if parts else None), scan_terms
