"""Copying what is still readable out of a damaged library into the fresh one.

A library that fails its check on open is moved aside (``integrity.move_aside``) and a new
one started. The reader's own work in the old file (sources, bookmarks, clippings with their
notes and tags) cannot be fetched again, so it is copied over first; then the articles with
their texts, older versions, images and raw pages, as far as they read and the time budget
allows. Damaged pages are stepped over: a scan that hits one probes further along the table
until the b-tree answers again, and rows referenced from elsewhere are looked up one by one.
The old file is only read (it stays where it was moved, byte for byte). Nothing here raises:
whatever fails is counted in the ``SalvageReport``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from huaibei_reader.models import SALVAGED_WARNING, Article, Citation
from huaibei_reader.store.connection import BUSY_TIMEOUT_MS, immediate_transaction
from huaibei_reader.store.rows import (
    citation_from_json,
    content_hash,
    dt_to_text,
    make_teaser,
    now,
)

# Copying stops after this long (the rest stays readable in the moved file): a library of
# 30,000 articles with a fifth of its article pages damaged salvages in about 6 s here, so
# this covers several hundred thousand; a person waiting for the window to open should not
# wait much longer for a pathological file.
SALVAGE_BUDGET_SECONDS = 90.0
# Rows read per query while scanning a table; a damaged page costs at most this many reads.
SCAN_BATCH_ROWS = 500
# Articles copied per write transaction (one commit per article made a salvage 20x slower).
WRITE_BATCH_ROWS = 200
# After an unreadable row, probe rowids last+1, last+2, last+4, ... up to last + 2**this:
# beyond every rowid SQLite hands out in practice (it counts up from 1).
MAX_SKIP_DOUBLINGS = 62

# What a report counts, in the order a person reads it (most precious first).
KINDS = ("sources", "bookmarks", "clippings", "articles", "versions", "images", "raw pages")


@dataclass
class SalvageReport:
    """What was copied from ``moved`` into the new library, and what could not be.

    ``recovered``/``lost``: counts per kind (KINDS). A lost count is what was known to exist
    and could not be read; ``unreadable`` lists kinds whose table had damaged parts (so more
    may be lost than counted). ``failure``: why nothing at all could be read, or why copying
    stopped early (the new library could not be written; the time budget ran out).
    """

    moved: Path
    recovered: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    failure: str | None = None
    stopped_early: bool = False
    seconds: float = 0.0

    def count(self, kind: str, n: int = 1) -> None:
        self.recovered[kind] = self.recovered.get(kind, 0) + n

    def lose(self, kind: str, n: int = 1) -> None:
        self.lost[kind] = self.lost.get(kind, 0) + n

    @property
    def own_work_complete(self) -> bool:
        """Every source, bookmark and clipping known in the old file was copied."""
        return (self.failure is None and not self.stopped_early and not any(
            self.lost.get(k) or k in self.unreadable
            for k in ("sources", "bookmarks", "clippings")))

    def summary(self) -> str:
        """One line for a log or a terminal (the window words its own from the counts)."""
        if self.failure is not None and not self.recovered:
            return f"nothing could be salvaged ({self.failure})"
        got = ", ".join(f"{self.recovered[k]} {k}" for k in KINDS if self.recovered.get(k))
        parts = [f"salvaged {got or 'nothing'}"]
        lost = ", ".join(f"{self.lost[k]} {k}" for k in KINDS if self.lost.get(k))
        if lost:
            parts.append(f"lost {lost}")
        damaged = [k for k in KINDS if k in self.unreadable]
        if damaged:
            parts.append(f"damaged parts skipped in: {', '.join(damaged)}")
        if self.failure is not None:
            parts.append(f"stopped: {self.failure}")
        return "; ".join(parts)


def salvage_into(moved: Path, new: sqlite3.Connection, *,
                 budget_seconds: float | None = None) -> SalvageReport:
    """Copy what reads in the damaged library ``moved`` into ``new`` (a fresh, migrated
    library in autocommit mode) within ``budget_seconds`` (SALVAGE_BUDGET_SECONDS).
    Never raises; see SalvageReport."""
    if budget_seconds is None:
        budget_seconds = SALVAGE_BUDGET_SECONDS
    started = time.monotonic()
    report = SalvageReport(moved)
    try:
        old = sqlite3.connect(f"{moved.resolve().as_uri()}?mode=ro", uri=True,
                              timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (sqlite3.Error, OSError, ValueError) as exc:
        report.failure = f"the file cannot be opened: {exc}"
        return report
    try:
        _Copier(old, new, report, started + budget_seconds).run()
    except sqlite3.Error as exc:  # the new library could not be written (full disk, ...)
        report.failure = f"the new library could not be written: {exc}"
        report.stopped_early = True
    except _OutOfTime:
        report.failure = f"the time budget of {budget_seconds:.0f} s ran out"
        report.stopped_early = True
    finally:
        old.close()
        report.seconds = time.monotonic() - started
    return report


class _OutOfTime(Exception):
    pass


_DAMAGED = object()  # a lookup that hit an unreadable page


class _Reader:
    """Reading the damaged file ``old`` forgivingly: damaged pages are stepped over and
    noted in the report, never raised (only running out of time ends a read)."""

    def __init__(self, old: sqlite3.Connection, new: sqlite3.Connection,
                 report: SalvageReport, deadline: float) -> None:
        self.old, self.new, self.report, self.deadline = old, new, report, deadline
        self.columns: dict[str, list[str]] = {}
        self._facts: dict[int, dict[str, Any]] | None = None
        self._known_ids: set[int] | None = None

    def _shared_columns(self, table: str) -> list[str]:
        """Columns the old and the new table both have (an older schema has fewer)."""
        if table not in self.columns:
            try:
                old = [r[1] for r in self.old.execute(f"PRAGMA table_info({table})")]
            except sqlite3.DatabaseError:
                old = []
            new = {r[1] for r in self.new.execute(f"PRAGMA table_info({table})")}
            self.columns[table] = [c for c in old if c in new]
        return self.columns[table]

    def _scan(self, table: str, kind: str,
              only: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """Every readable row of a rowid ``table`` in rowid order, stepping over damage
        (``only``: just these columns)."""
        cols = [c for c in self._shared_columns(table) if only is None or c in only]
        if not cols:
            return
        select = f"SELECT rowid, {', '.join(cols)} FROM {table} WHERE rowid > ? " \
                 f"ORDER BY rowid LIMIT {SCAN_BATCH_ROWS:d}"
        after: int = -(2 ** 63)
        while True:
            self._check_time()
            got = 0
            try:
                for row in self.old.execute(select, (after,)):
                    after = int(row[0])
                    got += 1
                    yield dict(zip(cols, row[1:], strict=True))
            except sqlite3.DatabaseError:
                self.report.unreadable.add(kind)
                # No row read since the last resume: the row there is itself unreadable
                # (an overflow page, say); step past it instead of finding it again.
                resumed = self._probe_past(table, after if got else after + 1)
                if resumed is None:
                    return
                after = resumed - 1
                continue
            if got < SCAN_BATCH_ROWS:
                return

    def _probe_past(self, table: str, last: int) -> int | None:
        """The first readable rowid after a damaged stretch that follows ``last`` (None:
        nothing readable follows)."""
        low = last  # every start up to here is known not to read
        for doubling in range(MAX_SKIP_DOUBLINGS + 1):
            high = last + 2 ** doubling
            if high >= 2 ** 63:
                return None
            found = self._first_rowid_from(table, high)
            if found is _DAMAGED:
                low = high
                continue
            # Narrow down to the smallest start after ``low`` that reads.
            while high - low > 1:
                mid = (low + high) // 2
                answer = self._first_rowid_from(table, mid)
                if answer is _DAMAGED:
                    low = mid
                else:
                    high, found = mid, answer
            return found if isinstance(found, int) else None
        return None

    def _first_rowid_from(self, table: str, rowid: int) -> int | object | None:
        """The first rowid >= ``rowid``; None past the end; _DAMAGED when it cannot be read."""
        try:
            row = self.old.execute(f"SELECT rowid FROM {table} WHERE rowid >= ? "
                                   "ORDER BY rowid LIMIT 1", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            return _DAMAGED
        return None if row is None else int(row[0])

    def _lookup(self, table: str, key: str, value: object) -> list[dict[str, Any]] | None:
        """The rows of ``table`` whose ``key`` is ``value`` (None when they cannot be read)."""
        cols = self._shared_columns(table)
        if not cols:
            return None
        try:
            rows = self.old.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE {key} = ?",
                                    (value,)).fetchall()
        except sqlite3.DatabaseError:
            return None
        return [dict(zip(cols, row, strict=True)) for row in rows]

    def _check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _OutOfTime

    def _index_facts(self) -> dict[int, dict[str, Any]]:
        """What the articles' indexes still say of each article (its address, source, read
        state and sort time), for rebuilding rows the table itself lost. Indexes are b-trees
        of their own: a damaged article page usually leaves them whole."""
        if self._facts is not None:
            return self._facts
        facts: dict[int, dict[str, Any]] = {}
        try:
            indexes = {r[1]: r[3] for r in self.old.execute("PRAGMA index_list(articles)")}
            unique_url = [name for name, origin in indexes.items() if origin == "u"]
        except sqlite3.DatabaseError:
            indexes, unique_url = {}, []
        if unique_url:
            self._read_index(facts, "id, url", unique_url[0], ("url",), ("url DESC",))
        if "articles_by_source_unread" in indexes:
            self._read_index(facts, "id, source_id, read, sort_ts", "articles_by_source_unread",
                             ("source_id", "read", "sort_ts DESC", "id DESC"),
                             ("source_id DESC", "read DESC", "sort_ts", "id"))
        self._facts = facts
        return facts

    def _read_index(self, facts: dict[int, dict[str, Any]], columns: str, index: str,
                    forward: tuple[str, ...], backward: tuple[str, ...]) -> None:
        """Read a covering index of the articles (``id`` first in ``columns``) in its own
        order, then from the other end if a damaged page stopped it: only the entries on
        the damaged pages are missed."""
        names = [c.strip() for c in columns.split(",")][1:]
        for order in (forward, backward):
            query = f"SELECT {columns} FROM articles INDEXED BY {index} " \
                    f"ORDER BY {', '.join(order)}"
            try:
                for row in self.old.execute(query):
                    self._check_time()
                    if isinstance(row[0], int):
                        facts.setdefault(row[0], {}).update(zip(names, row[1:], strict=True))
            except sqlite3.DatabaseError:
                continue
            break  # read to the end: no need to come from the other side

    def _known_clipping_ids(self) -> set[int]:
        """Clipping ids from the clippings' own index (by article), read from both ends."""
        ids: set[int] = set()
        for order in ("article_id", "article_id DESC"):
            try:
                for (clip_id,) in self.old.execute(
                        "SELECT id FROM clippings INDEXED BY clippings_by_article "
                        f"ORDER BY {order}"):
                    if isinstance(clip_id, int):
                        ids.add(clip_id)
            except sqlite3.DatabaseError:
                continue
            break
        return ids


class _Copier(_Reader):
    """One salvage: what ``_Reader`` reads is written to ``new`` strictly, the reader's own
    work first."""

    def __init__(self, old: sqlite3.Connection, new: sqlite3.Connection,
                 report: SalvageReport, deadline: float) -> None:
        super().__init__(old, new, report, deadline)
        self.copied_articles: set[int] = set()
        self.copied_sources: set[int] = set()
        self.copied_images: set[str] = set()
        self.lost_articles: set[int] = set()

    # -- writing the new file ---------------------------------------------------------------

    def _insert(self, table: str, row: dict[str, Any]) -> bool:
        cols = list(row)
        try:
            self.new.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                             f"({', '.join('?' * len(cols))})", [row[c] for c in cols])
        except (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError):
            return False  # a row damaged into a wrong shape (a NULL, a duplicate)
        return True

    def _batched(self, items: Sequence[Any] | Iterator[Any],
                 each: Callable[[Any], None]) -> None:
        """``each`` over ``items``, WRITE_BATCH_ROWS to a transaction."""
        batch: list[Any] = []
        for item in items:
            batch.append(item)
            if len(batch) >= WRITE_BATCH_ROWS:
                self._write_batch(batch, each)
                batch = []
        if batch:
            self._write_batch(batch, each)

    def _write_batch(self, batch: list[Any], each: Callable[[Any], None]) -> None:
        with immediate_transaction(self.new):
            for item in batch:
                each(item)

    # -- the salvage ----------------------------------------------------------------------------

    def run(self) -> None:
        try:
            self.old.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            self.report.failure = f"the file cannot be read: {exc}"
            return
        self._batched(self._scan("sources", "sources"), self._copy_source)
        bookmarks = self._complete("bookmarks", list(self._scan("bookmarks", "bookmarks")),
                                   "article_id", self._known_article_ids)
        clippings = self._complete("clippings", list(self._scan("clippings", "clippings")),
                                   "id", self._known_clipping_ids)
        # The articles the reader's own work hangs on, before all others.
        precious = {r.get("article_id") for r in (*bookmarks, *clippings)}
        precious_ids = sorted(a for a in precious if isinstance(a, int))
        self._batched(precious_ids, self._copy_precious_article)
        self._batched(bookmarks, self._copy_bookmark)
        self._batched(clippings, self._copy_clipping)
        self._batched(self._scan("articles", "articles"), self._copy_article_row)
        self._rebuild_unreached_articles()

    def _lose_article(self, article_id: int) -> None:
        """Count an article as lost once (a later pass may look at it again)."""
        if article_id not in self.lost_articles:
            self.lost_articles.add(article_id)
            self.report.lose("articles")

    def _copy_source(self, row: dict[str, Any]) -> None:
        if self._insert("sources", row):
            self.copied_sources.add(int(row["id"]))
            self.report.count("sources")
        else:
            self.report.lose("sources")

    def _copy_precious_article(self, article_id: int) -> None:
        rows = self._lookup("articles", "id", article_id)
        if rows:
            self._copy_article_row(rows[0], precious=True)
        else:
            self._rebuild(article_id, precious=True)

    def _copy_article_row(self, row: dict[str, Any], *, precious: bool = False) -> None:
        article_id = row.get("id")
        if not isinstance(article_id, int) or article_id in self.copied_articles:
            return
        self._check_time()
        texts = self._lookup("article_texts", "article_id", article_id)
        if not texts and not precious:
            # Without its text the article is only a link; the next refresh fetches it again.
            self._lose_article(article_id)
            return
        if row.get("source_id") not in self.copied_sources:
            row = {**row, "source_id": None}
        if not texts:
            # Another hash than the full article's: the parsed blocks are cached by it.
            row = {**row, "warnings": _with_warning(row.get("warnings"), "its text"),
                   "content_hash": hashlib.sha256(
                       f"{row.get('content_hash')}:text lost".encode()).hexdigest()}
        if not self._insert("articles", row):
            if precious:
                self._rebuild(article_id, precious=True)
            else:
                self._lose_article(article_id)
            return
        text = texts[0] if texts else {"article_id": article_id, "title": row.get("title") or "",
                                       "body": "", "blocks": "[]"}
        if not self._insert("article_texts", text):
            self._insert("article_texts", {"article_id": article_id, "title": "",
                                           "body": "", "blocks": "[]"})
        self.copied_articles.add(article_id)
        self.report.count("articles")
        self._copy_belongings(article_id)

    def _copy_belongings(self, article_id: int) -> None:
        """An article's older versions, images and raw page, as far as they read."""
        versions = self._lookup("article_versions", "article_id", article_id)
        if versions is None:
            self.report.unreadable.add("versions")
        for version in versions or ():
            if self._insert("article_versions", version):
                self.report.count("versions")
        links = self._lookup("article_images", "article_id", article_id)
        if links is None:
            self.report.unreadable.add("images")
        for link in links or ():
            self._copy_image(link)
        raw = self._lookup("raw_pages", "article_id", article_id)
        if raw:
            if self._insert("raw_pages", raw[0]):
                self.report.count("raw pages")
        elif raw is None:
            self.report.lose("raw pages")

    def _copy_image(self, link: dict[str, Any]) -> None:
        url = link.get("url")
        urls = self._lookup("image_urls", "url", url)
        if not urls:
            if urls is None:
                self.report.lose("images")
            return
        sha = urls[0].get("sha256")
        if sha not in self.copied_images:
            images = self._lookup("images", "sha256", sha)
            if not images or not self._insert("images", images[0]):
                self.report.lose("images")
                return
            self.copied_images.add(str(sha))
            self.report.count("images")
        self._insert("image_urls", urls[0])
        self._insert("article_images", link)

    def _rebuild(self, article_id: int, *, precious: bool) -> None:
        """An article row the table lost, made from what else is known of it: the indexes,
        a clipping's citation, the raw page's address, its text. The reader's work keeps its
        title and address, and the next refresh fetches the page again (the salvage mark).
        Without any address it is lost, and the bookmarks and clippings on it with it."""
        facts = self._index_facts().get(article_id, {})
        citation: Citation | None = None
        for clip in self._lookup("clippings", "article_id", article_id) or ():
            try:
                citation = citation_from_json(str(clip.get("citation")))
                break
            except (ValueError, KeyError, TypeError):
                continue
        url = citation.url if citation else facts.get("url")
        if not isinstance(url, str) or not url:
            raw = self._lookup("raw_pages", "article_id", article_id)
            url = raw[0].get("url") if raw else None
        texts = self._lookup("article_texts", "article_id", article_id)
        if not isinstance(url, str) or not url or not (texts or precious):
            self._lose_article(article_id)
            return
        title = (texts[0].get("title") if texts else None) or (
            citation.title if citation else None) or url
        sort_ts = facts.get("sort_ts")
        if not isinstance(sort_ts, (int, float)):
            sort_ts = ((citation.published or citation.retrieved_at).timestamp()
                       if citation else time.time())
        source_id = facts.get("source_id")
        # The article's own sort time (its publish time, else when it was first stored) is
        # nearer the truth for when it was stored than the moment of the salvage.
        stamp = dt_to_text(datetime.fromtimestamp(float(sort_ts), UTC)) \
            if isinstance(facts.get("sort_ts"), (int, float)) else dt_to_text(now())
        lost_what = "its details" if texts else "its text"
        row = {"id": article_id, "url": url, "title": title,
               "published": dt_to_text(citation.published) if citation else None,
               "publisher": citation.publisher if citation else None,
               "site_name": citation.site_name if citation else None,
               "authors": json.dumps(list(citation.authors) if citation else [],
                                     ensure_ascii=False),
               "warnings": _with_warning(None, lost_what),
               "first_seen": stamp, "fetched_at": stamp, "updated_at": stamp,
               "teaser": make_teaser(str(texts[0].get("body") or "")) if texts else "",
               "sort_ts": float(sort_ts), "read": 1 if facts.get("read") else 0,
               "source_id": source_id if source_id in self.copied_sources else None}
        text = texts[0] if texts else {"article_id": article_id, "title": title,
                                       "body": "", "blocks": "[]"}
        # A hash of what this row shows: the parsed blocks are cached by it (rows.py).
        row["content_hash"] = content_hash(
            Article(url=url, title=title, published=citation.published if citation else None,
                    publisher=citation.publisher if citation else None,
                    authors=tuple(citation.authors) if citation
                    else ()), str(text.get("blocks")))
        if not self._insert("articles", row):
            self._lose_article(article_id)
            return
        self._insert("article_texts", text)
        self.copied_articles.add(article_id)
        self.report.count("articles")
        self._copy_belongings(article_id)

    def _copy_bookmark(self, row: dict[str, Any]) -> None:
        if row.get("article_id") in self.copied_articles and self._insert("bookmarks", row):
            self.report.count("bookmarks")
        else:
            self.report.lose("bookmarks")

    def _copy_clipping(self, row: dict[str, Any]) -> None:
        if row.get("article_id") in self.copied_articles and self._insert("clippings", row):
            self.report.count("clippings")
        else:
            self.report.lose("clippings")

    def _complete(self, table: str, rows: list[dict[str, Any]], key: str,
                  candidates: Callable[[], set[int]]) -> list[dict[str, Any]]:
        """``rows`` of a scan that stepped over damage, with the rows it skipped that a
        lookup by key still reads (a scan skips a readable page between two damaged ones)."""
        if table not in self.report.unreadable:
            return rows
        seen = {r.get(key) for r in rows}
        for value in sorted(candidates() - seen):
            found = self._lookup(table, key, value)
            if found:
                rows += found
        return rows

    def _known_article_ids(self) -> set[int]:
        """Every article id the old file still names: its indexes and its texts (read once,
        ids only: the texts are the bulk of the file)."""
        if self._known_ids is None:
            ids = set(self._index_facts())
            ids |= {r["article_id"] for r in self._scan("article_texts", "articles",
                                                        only=("article_id",))
                    if isinstance(r.get("article_id"), int)}
            self._known_ids = ids
        return self._known_ids

    def _rebuild_unreached_articles(self) -> None:
        """Articles the scan stepped over: copied when a lookup still reads their row,
        else rebuilt (see ``_rebuild``) from their text and what the indexes know."""
        if "articles" not in self.report.unreadable:
            return
        missing = sorted(self._known_article_ids() - self.copied_articles - self.lost_articles)
        self._batched(missing, self._copy_or_rebuild)

    def _copy_or_rebuild(self, article_id: int) -> None:
        rows = self._lookup("articles", "id", article_id)
        if rows:
            self._copy_article_row(rows[0])
        else:
            self._rebuild(article_id, precious=False)


def _with_warning(warnings: object, lost_what: str) -> str:
    """The article's warnings (a JSON list) with the salvage note added."""
    try:
        listed = json.loads(str(warnings)) if warnings else []
        if not isinstance(listed, list):
            listed = []
    except ValueError:
        listed = []
    note = f"{SALVAGED_WARNING}: {lost_what} could not be read"
    return json.dumps([*(str(w) for w in listed), note], ensure_ascii=False)
