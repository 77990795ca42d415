"""Conversions between table rows and the shared models; no SQL beyond column names."""

from __future__ import annotations

import hashlib
import json
import threading
import zlib
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any

from huaibei_reader.models import (
    Article,
    Block,
    BlockKind,
    Bookmark,
    Citation,
    Clipping,
    LibraryArticle,
    Source,
)
from huaibei_reader.store.connection import SqlRow

# Columns read for a LibraryArticle, in this order (see library_article()).
_ARTICLE_COLUMNS = (
    "a.id, a.url, a.canonical_url, a.source_id, s.name, a.title, {blocks}, a.published, "
    "a.publisher, a.site_name, a.authors, a.lang, a.view_count, a.warnings, a.fetched_at, "
    "a.updated_at, a.read, EXISTS(SELECT 1 FROM bookmarks b WHERE b.article_id = a.id), "
    "a.version, a.content_hash, a.teaser"
)
ARTICLE_COLUMNS = _ARTICLE_COLUMNS.format(blocks="t.blocks")
ARTICLE_FROM = ("articles a JOIN article_texts t ON t.article_id = a.id "
                "LEFT JOIN sources s ON s.id = a.source_id")
# Without the text: what a list view needs, reading only the small rows.
SUMMARY_COLUMNS = _ARTICLE_COLUMNS.format(blocks="'[]'")
SUMMARY_FROM = "articles a LEFT JOIN sources s ON s.id = a.source_id"


TEASER_CHARS = 120  # what a list row can show of the text, with room to spare


def make_teaser(text: str | None) -> str:
    """The stored teaser: the opening of the plain text, whitespace collapsed to one line."""
    if not text:
        return ""
    # Collapse only the head: a long body need not be split whole.
    return " ".join(text.lstrip()[: TEASER_CHARS * 4].split())[:TEASER_CHARS]


def now() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime) -> datetime:
    """A naive datetime is taken as UTC, so every stored time has an offset."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def dt_to_text(value: datetime | None) -> str | None:
    return aware(value).isoformat() if value is not None else None


def text_to_dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def stored_time(value: str) -> datetime:
    """A time from a NOT NULL column (always written by ``dt_to_text``)."""
    return datetime.fromisoformat(value)


def content_hash(article: Article, blocks_json: str | None = None) -> str:
    """Hash of what a reader sees; a change in it makes a new version.

    The digest is SHA-256 of the JSON object {authors, blocks, published, publisher, title}
    with sorted keys and no spaces. ``blocks_json`` (from ``blocks_to_json``, which writes
    that same canonical form) saves encoding the blocks a second time when saving.
    """
    if blocks_json is None:
        blocks_json = blocks_to_json(article.blocks)
    raw = "".join((
        '{"authors":', _compact(list(article.authors)),
        ',"blocks":', blocks_json,
        ',"published":', _compact(dt_to_text(article.published)),
        ',"publisher":', _compact(article.publisher),
        ',"title":', _compact(article.title), "}"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def blocks_to_json(blocks: tuple[Block, ...]) -> str:
    """The blocks as canonical JSON (sorted keys): what is stored, and part of the hash."""
    return json.dumps([b.to_dict() for b in blocks], ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))


_KINDS = {kind.value: kind for kind in BlockKind}


def _block(d: dict[str, Any]) -> Block:
    """Block.from_dict without the enum call and keyword handling: lists build 3,000 of
    these per page, and this is a third faster."""
    return Block(
        _KINDS[d["kind"]],
        d.get("text", ""),
        int(d.get("level", 0)),
        tuple(d["items"]) if "items" in d else (),
        bool(d.get("ordered", False)),
        tuple(tuple(r) for r in d["rows"]) if "rows" in d else (),
        d.get("src", ""),
        d.get("alt", ""),
    )


class _BlocksCache:
    """Decoded bodies by content hash: a list view shown again decodes nothing.

    Blocks are immutable, so sharing the same tuple between results is safe.
    """

    def __init__(self, size: int = 1024) -> None:
        self._size = size
        self._items: OrderedDict[str, tuple[Block, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, digest: str, text: str) -> tuple[Block, ...]:
        with self._lock:
            hit = self._items.get(digest)
            if hit is not None:
                self._items.move_to_end(digest)
                return hit
        blocks = blocks_from_json(text)
        with self._lock:
            self._items[digest] = blocks
            if len(self._items) > self._size:
                self._items.popitem(last=False)
        return blocks


BLOCKS_CACHE = _BlocksCache()


def blocks_from_json(text: str) -> tuple[Block, ...]:
    return tuple(_block(d) for d in json.loads(text))


def article_to_dict(article: Article) -> dict[str, Any]:
    return {
        "url": article.url,
        "title": article.title,
        "blocks": [b.to_dict() for b in article.blocks],
        "published": dt_to_text(article.published),
        "publisher": article.publisher,
        "site_name": article.site_name,
        "authors": list(article.authors),
        "canonical_url": article.canonical_url,
        "lang": article.lang,
        "view_count": article.view_count,
        "warnings": list(article.warnings),
    }


def article_from_dict(d: dict[str, Any]) -> Article:
    return Article(
        url=d["url"],
        title=d["title"],
        blocks=tuple(Block.from_dict(b) for b in d.get("blocks", ())),
        published=text_to_dt(d.get("published")),
        publisher=d.get("publisher"),
        site_name=d.get("site_name"),
        authors=tuple(d.get("authors", ())),
        canonical_url=d.get("canonical_url"),
        lang=d.get("lang"),
        view_count=d.get("view_count"),
        warnings=tuple(d.get("warnings", ())),
    )


def pack_article(article: Article) -> bytes:
    """An old version as compressed JSON."""
    raw = json.dumps(article_to_dict(article), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(raw.encode("utf-8"), 6)


def unpack_article(data: bytes) -> Article:
    return article_from_dict(json.loads(zlib.decompress(data).decode("utf-8")))


def library_article(row: SqlRow, *, with_blocks: bool = True) -> LibraryArticle:
    (aid, url, canonical, source_id, source_name, title, blocks, published, publisher,
     site_name, authors, lang, view_count, warnings, fetched_at, updated_at, read,
     bookmarked, version, digest, teaser) = tuple(row)
    article = Article(
        url=url,
        title=title,
        blocks=BLOCKS_CACHE.get(digest, blocks) if with_blocks else (),
        published=text_to_dt(published),
        publisher=publisher,
        site_name=site_name,
        authors=tuple(json.loads(authors)),
        canonical_url=canonical,
        lang=lang,
        view_count=view_count,
        warnings=tuple(json.loads(warnings)),
    )
    return LibraryArticle(
        id=aid,
        article=article,
        source_id=source_id,
        source_name=source_name,
        fetched_at=stored_time(fetched_at),
        updated_at=stored_time(updated_at),
        read=bool(read),
        bookmarked=bool(bookmarked),
        version=version,
        teaser=teaser or "",
    )


SOURCE_COLUMNS = "id, name, url, kind, feed_url, rules, last_error, last_refreshed"


def source_from_row(row: SqlRow) -> Source:
    sid, name, url, kind, feed_url, rules, last_error, last_refreshed = tuple(row)
    return Source(id=sid, name=name, url=url, kind=kind, feed_url=feed_url, rules=rules,
                  last_error=last_error, last_refreshed=text_to_dt(last_refreshed))


def tags_to_json(tags: tuple[str, ...] | list[str]) -> str:
    seen: list[str] = []
    for tag in tags:
        tag = str(tag).strip()
        if tag and tag not in seen:
            seen.append(tag)
    return json.dumps(seen, ensure_ascii=False)


def bookmark_from_row(row: SqlRow) -> Bookmark:
    article_id, created_at, note, tags = tuple(row)
    return Bookmark(article_id=article_id, created_at=stored_time(created_at),
                    note=note, tags=tuple(json.loads(tags)))


def citation_to_json(c: Citation) -> str:
    return json.dumps({
        "title": c.title,
        "url": c.url,
        "retrieved_at": dt_to_text(c.retrieved_at),
        "publisher": c.publisher,
        "site_name": c.site_name,
        "authors": list(c.authors),
        "published": dt_to_text(c.published),
        "lang": c.lang,
    }, ensure_ascii=False)


def citation_from_json(text: str) -> Citation:
    d = json.loads(text)
    return Citation(
        title=d["title"],
        url=d["url"],
        retrieved_at=stored_time(d["retrieved_at"]),
        publisher=d.get("publisher"),
        site_name=d.get("site_name"),
        authors=tuple(d.get("authors", ())),
        published=text_to_dt(d.get("published")),
        lang=d.get("lang"),
    )


CLIPPING_COLUMNS = "id, article_id, article_version, quote, citation, created_at, note, tags"


def clipping_from_row(row: SqlRow) -> Clipping:
    cid, article_id, version, quote, citation, created_at, note, tags = tuple(row)
    return Clipping(id=cid, article_id=article_id, article_version=version, quote=quote,
                    citation=citation_from_json(citation),
                    created_at=stored_time(created_at),
                    note=note, tags=tuple(json.loads(tags)))
