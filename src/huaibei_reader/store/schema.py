"""The library schema as an ordered list of migrations.

Each migration runs in one transaction together with its ``PRAGMA user_version`` bump, so a
library is always at exactly one version. Never edit a released migration: append a new one.
A library whose version is above ``SCHEMA_VERSION`` was made by a newer app and is refused.
"""

from __future__ import annotations

import sqlite3

from huaibei_reader.errors import LibraryError
from huaibei_reader.store.connection import immediate_transaction
from huaibei_reader.store.rows import make_teaser

# 1: sources, articles (and their text), old versions, raw pages, validators, images,
# bookmarks, clippings.
_V1 = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'site',
    feed_url TEXT,
    rules TEXT,
    last_error TEXT,
    last_refreshed TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    canonical_url TEXT,
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    published TEXT,                  -- ISO 8601 with offset
    publisher TEXT,
    site_name TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    lang TEXT,
    view_count INTEGER,
    warnings TEXT NOT NULL DEFAULT '[]',
    content_hash TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    first_seen TEXT NOT NULL,        -- when the URL was first stored
    fetched_at TEXT NOT NULL,        -- when the current content was last fetched
    updated_at TEXT NOT NULL,        -- when the content last changed
    sort_ts REAL NOT NULL,           -- published time, else first_seen, as a Unix timestamp
    read INTEGER NOT NULL DEFAULT 0,
    size_bytes INTEGER NOT NULL DEFAULT 0
);
-- The text lives apart so that listing and counting read small rows only.
CREATE TABLE article_texts (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,              -- plain text (Article.text), what search looks at
    blocks TEXT NOT NULL             -- JSON list of Block.to_dict()
);
CREATE INDEX articles_by_time ON articles(sort_ts DESC, id DESC);
CREATE INDEX articles_by_source_time ON articles(source_id, sort_ts DESC, id DESC);
CREATE INDEX articles_unread_time ON articles(read, sort_ts DESC, id DESC);
CREATE INDEX articles_by_canonical ON articles(canonical_url) WHERE canonical_url IS NOT NULL;

-- Superseded contents of an article (the current one lives in `articles`).
CREATE TABLE article_versions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    fetched_at TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    data BLOB NOT NULL,              -- zlib-compressed JSON of the Article
    PRIMARY KEY (article_id, version)
) WITHOUT ROWID;

CREATE TABLE raw_pages (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    headers TEXT NOT NULL DEFAULT '{}',
    content BLOB NOT NULL            -- zlib-compressed response body
);

-- Conditional-GET validators for any URL: articles, index pages, feeds.
CREATE TABLE validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE images (
    sha256 TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE image_urls (
    url TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES images(sha256) ON DELETE CASCADE,
    content_type TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX image_urls_by_hash ON image_urls(sha256);
-- Which image URLs an article shows, so eviction knows what became orphaned.
CREATE TABLE article_images (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    PRIMARY KEY (article_id, url)
) WITHOUT ROWID;
CREATE INDEX article_images_by_url ON article_images(url);

CREATE TABLE bookmarks (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]'
);

-- No cascade: an article that has clippings cannot be deleted by accident.
CREATE TABLE clippings (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    article_version INTEGER NOT NULL,
    quote TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    citation TEXT NOT NULL,          -- JSON of the Citation frozen at clip time
    created_at TEXT NOT NULL
);
CREATE INDEX clippings_by_article ON clippings(article_id);
"""

# 2: full-text search. Trigram tokens find any term of three or more characters without a
# dictionary. Two-character terms (淮北, 疫情), the most common Chinese queries, have no
# trigram of their own: a second index holds every pair of adjacent letters of each article
# (computed in Python, search.py) with document presence only. Both indexes are contentless
# (the text lives in `article_texts`). New and changed texts are queued in `fts_pending` and
# indexed in batches (one FTS5 segment per batch instead of one per article, which made
# saving 3-4x slower); texts leaving the index wait in `fts_retired` until their pairs are
# taken out. Search reads the queue with LIKE beside the indexes (search.py), so it always
# sees every stored article; `index_pending` empties the queue when there is time.
_V2 = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='', tokenize='trigram'
);
CREATE VIRTUAL TABLE articles_pairs USING fts5(
    title, body, content='', detail='none', tokenize='unicode61 remove_diacritics 0'
);
CREATE TABLE fts_pending (
    article_id INTEGER PRIMARY KEY
);
CREATE TABLE fts_retired (
    seq INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL
);
INSERT INTO fts_pending (article_id) SELECT article_id FROM article_texts;
CREATE TRIGGER articles_fts_queue AFTER INSERT ON article_texts BEGIN
    INSERT OR IGNORE INTO fts_pending (article_id) VALUES (new.article_id);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON article_texts BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
        SELECT 'delete', old.article_id, old.title || char(10), old.body || char(10)
        WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.article_id);
    INSERT INTO fts_retired (article_id, title, body)
        SELECT old.article_id, old.title, old.body
        WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.article_id);
    DELETE FROM fts_pending WHERE article_id = old.article_id;
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON article_texts
WHEN NOT EXISTS (SELECT 1 FROM fts_pending WHERE article_id = old.article_id) BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.article_id, old.title || char(10), old.body || char(10));
    INSERT INTO fts_retired (article_id, title, body)
        VALUES (old.article_id, old.title, old.body);
    INSERT INTO fts_pending (article_id) VALUES (new.article_id);
END;
"""

# 3: a bookmark-and-clipping-aware eviction needs the last time an article was opened.
_V3 = """
ALTER TABLE articles ADD COLUMN opened_at TEXT;
"""

# 4: the sidebar counts unread articles per source; with only (source) and (read) indexes
# that count read every row of the source (70-100 ms per source at 100,000 articles).
_V4 = """
CREATE INDEX articles_by_source_unread ON articles(source_id, read, sort_ts DESC, id DESC);
"""

# 5: the article list shows a one-line teaser; reading and parsing every listed article's
# blocks for it cost the list its memory and the GUI thread its smoothness at 100,000
# articles (benchmarks/results/ui.md). The teaser is stored beside the small row instead;
# existing rows get theirs from the stored plain text (hb_teaser is rows.make_teaser,
# registered by migrate()).
_V5 = """
ALTER TABLE articles ADD COLUMN teaser TEXT NOT NULL DEFAULT '';
UPDATE articles SET teaser = hb_teaser(
    (SELECT body FROM article_texts WHERE article_id = articles.id));
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5)
SCHEMA_VERSION = len(MIGRATIONS)


# Tables (and the columns read by name) a current library must have.
REQUIRED = {
    "sources": ("id", "name"),
    "articles": ("id", "url", "sort_ts", "opened_at", "content_hash", "teaser"),
    "article_texts": ("article_id", "title", "body", "blocks"),
    "article_versions": ("article_id", "version", "data"),
    "raw_pages": ("article_id", "content"),
    "validators": ("url", "etag"),
    "images": ("sha256", "data"),
    "image_urls": ("url", "sha256"),
    "article_images": ("article_id", "url"),
    "bookmarks": ("article_id", "tags"),
    "clippings": ("id", "citation"),
    "fts_pending": ("article_id",),
    "fts_retired": ("seq", "body"),
    "articles_fts": ("title", "body"),
    "articles_pairs": ("title", "body"),
}


def missing_tables(conn: sqlite3.Connection) -> set[str]:
    """Required tables absent or lacking a required column (empty for a sound library)."""
    missing = set()
    for table, columns in REQUIRED.items():
        present = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        if not present or not set(columns) <= present:
            missing.add(table)
    return missing


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, upto: int = SCHEMA_VERSION) -> int:
    """Bring the library up to ``upto`` (default: the newest); return the version it had.

    ``conn`` must be in autocommit mode (isolation_level=None). Each step takes the write lock
    first and re-reads the version, so two apps opening a new library at once do not both
    migrate it.
    """
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise LibraryError(
            f"this library was made by a newer version of Huaibei Reader (schema {found}; "
            f"this version knows up to {SCHEMA_VERSION}); update the app or use another "
            "data folder", kind="library-newer", found=found, known=SCHEMA_VERSION
        )
    if found == 0 and upto > 0 and conn.execute("PRAGMA page_count").fetchone()[0] == 0:
        # Must be set before the first table exists; lets eviction give space back.
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
    # Python functions the migrations call (SQL alone cannot collapse whitespace).
    conn.create_function("hb_teaser", 1, make_teaser, deterministic=True)
    for target in range(found + 1, upto + 1):
        with immediate_transaction(conn):
            if schema_version(conn) >= target:  # another process got here first
                continue
            for statement in _statements(MIGRATIONS[target - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target:d}")
    return found


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (trigger bodies hold semicolons)."""
    out: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not current.strip():
            continue
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out
