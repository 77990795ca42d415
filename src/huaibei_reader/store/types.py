"""Small result types of the library, beside the shared models."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from huaibei_reader.models import Article


@dataclass(frozen=True)
class SaveResult:
    """What ``library.articles.save`` did: ``status`` is "new", "updated" or "unchanged"."""

    id: int
    status: str


class ToSave(NamedTuple):
    """One article for ``library.articles.save_many``, with what ``save`` takes."""

    article: Article
    source_id: int | None
    raw: bytes | None = None
    headers: dict[str, str] | None = None
    fetched_at: datetime | None = None


class ListRow(NamedTuple):
    """One line of an article list: the few small columns a list view shows, read without
    the text or any JSON. ``when``: published, else fetched. ``sort_key``: where the row sorts
    (newest first), for ``library.articles.list_rows(before=...)``."""

    id: int
    title: str
    url: str
    source_name: str | None
    when: datetime | None
    teaser: str
    read: bool
    bookmarked: bool
    sort_key: tuple[float, int]


@dataclass(frozen=True)
class SearchHit:
    """One search result. ``snippet`` marks each match with SNIPPET_OPEN/SNIPPET_CLOSE.

    ``rank`` orders the hits: lower is better (bm25; 0.0 for short-query scans).
    """

    id: int
    url: str
    title: str
    snippet: str
    rank: float
    published: datetime | None = None
    source_id: int | None = None


@dataclass(frozen=True)
class ArticleVersion:
    """One stored content of an article; versions count from 1 (as first stored)."""

    version: int
    fetched_at: datetime
    article: Article


@dataclass(frozen=True)
class RawPage:
    """The response an article was extracted from, kept so it can be re-extracted offline."""

    url: str
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: datetime | None = None

    @property
    def charset(self) -> str | None:
        """The charset named in the Content-Type header, if any."""
        for key, value in self.headers.items():
            if key.lower() == "content-type":
                for part in value.split(";")[1:]:
                    name, _, val = part.strip().partition("=")
                    if name.strip().lower() == "charset" and val.strip():
                        return val.strip().strip("\"'") or None
        return None
