"""What the library keeps of an article's history: older contents and the raw page, and the
re-extraction that turns kept raw pages into articles again (offline, after an engine fix)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import replace

from huaibei_reader.errors import InputError, KnownError
from huaibei_reader.models import Article
from huaibei_reader.store.articles import ArticleRepository
from huaibei_reader.store.connection import Connections
from huaibei_reader.store.rows import now, stored_time, text_to_dt, unpack_article
from huaibei_reader.store.saving import PreparedArticle, write_article
from huaibei_reader.store.types import ArticleVersion, RawPage


class VersionRepository:
    """``library.versions``: the stored contents of an article, its raw page, re-extraction."""

    def __init__(self, connections: Connections, articles: ArticleRepository) -> None:
        self._db = connections
        self._articles = articles

    def all(self, article_id: int) -> list[ArticleVersion]:
        """Every stored content of the article, oldest first; the last is the current one."""
        current = self._articles.get(article_id)
        with self._db.read("read old versions") as conn:
            rows = conn.execute("SELECT version, fetched_at, data FROM article_versions "
                                "WHERE article_id = ? ORDER BY version", (article_id,)).fetchall()
        out = [ArticleVersion(v, stored_time(f), unpack_article(d))
               for v, f, d in rows]
        out.append(ArticleVersion(current.version, current.fetched_at, current.article))
        return out

    def get(self, article_id: int, version: int) -> ArticleVersion:
        """One stored content of the article (InputError if there is no such version)."""
        for v in self.all(article_id):
            if v.version == version:
                return v
        raise InputError(f"article {article_id} has no version {version}")

    def raw_page(self, article_id: int) -> RawPage | None:
        """The response the article was extracted from, if it was kept."""
        with self._db.read("read the raw page") as conn:
            row = conn.execute("SELECT url, content, headers, fetched_at FROM raw_pages "
                               "WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        url, content, headers, fetched_at = row
        return RawPage(url=url, content=zlib.decompress(content), headers=json.loads(headers),
                       fetched_at=text_to_dt(fetched_at))

    def count_raw_pages(self, *, source_id: int | None = None) -> int:
        """How many articles (of one source, or all) have their raw page stored."""
        with self._db.read("count raw pages") as conn:
            if source_id is None:
                return int(conn.execute("SELECT COUNT(*) FROM raw_pages").fetchone()[0])
            return int(conn.execute(
                "SELECT COUNT(*) FROM raw_pages r JOIN articles a ON a.id = r.article_id "
                "WHERE a.source_id = ?", (source_id,)).fetchone()[0])

    def reextract(self, extract_fn: Callable[..., Article], *,
                  source_id: int | None = None,
                  progress: Callable[[int, int], None] | None = None) -> int:
        """Run ``extract_fn(content, url, http_charset=...)`` again on every stored raw page
        (of one source, or all) and store the results; return how many were re-extracted.

        Pages the extractor now rejects (a KnownError) keep their stored article. A changed
        result becomes a new version, as if the page had been fetched again.
        """
        with self._db.read("list raw pages") as conn:
            if source_id is None:
                ids = [r[0] for r in conn.execute(
                    "SELECT r.article_id FROM raw_pages r ORDER BY r.article_id")]
            else:
                ids = [r[0] for r in conn.execute(
                    "SELECT r.article_id FROM raw_pages r JOIN articles a ON a.id = r.article_id"
                    " WHERE a.source_id = ? ORDER BY r.article_id", (source_id,))]
        done = 0
        for n, article_id in enumerate(ids, 1):
            page = self.raw_page(article_id)
            if page is not None:
                article: Article | None
                try:
                    article = extract_fn(page.content, page.url, http_charset=page.charset)
                except KnownError:
                    article = None
                if article is not None:
                    if article.url != page.url:  # the stored URL is the article's identity
                        article = replace(article, url=page.url)
                    prepared = PreparedArticle.of(article, None)
                    with self._db.write("store a re-extracted article") as conn:
                        src = conn.execute("SELECT source_id, fetched_at FROM articles "
                                           "WHERE id = ?", (article_id,)).fetchone()
                        if src is not None:
                            write_article(conn, prepared, source_id=src[0], headers=None,
                                          fetched=text_to_dt(src[1]) or now())
                            done += 1
            if progress is not None:
                progress(n, len(ids))
        return done
