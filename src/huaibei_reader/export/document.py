"""What an export holds, independent of its format: articles with their notes and clippings.

Every writer (Markdown, HTML, text, JSON, DOCX, PDF) renders an ``ExportDocument``; building one
needs only models, so the writers are tested without a library. ``images`` is a lookup from an
image URL to its stored bytes and content type (``Library.image``), or None.

Texts come from strangers' pages: an ``ExportDocument`` holds its entries with every string
passed through ``textsafe.strip_controls`` (no terminal escapes, controls or bidi overrides),
whoever built them, so no writer has to remember it. The library keeps the text as it came.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from huaibei_reader import __version__
from huaibei_reader.export.citation import citation_for, format_citation
from huaibei_reader.export.diff import stale_clippings
from huaibei_reader.export.images import ImageLookup
from huaibei_reader.models import Article, Bookmark, Citation, Clipping, LibraryArticle
from huaibei_reader.textsafe import clean_fields, one_line

__all__ = ["ExportDocument", "ExportEntry", "ImageLookup", "article_entry", "clipping_entries",
           "citation_fields", "entry_record", "title_for"]


@dataclass(frozen=True)
class ExportEntry:
    """One article (or, for a clippings export, one article's citation) and what goes with it.

    ``article`` is None when only the clippings are exported (their citation stands in for it).
    ``stale`` holds the ids of clippings whose quote is gone from the current text.
    """

    citation: Citation
    article: Article | None = None
    article_id: int | None = None
    version: int | None = None
    source_name: str | None = None
    bookmark: Bookmark | None = None
    clippings: tuple[Clipping, ...] = ()
    stale: frozenset[int] = frozenset()

    @property
    def title(self) -> str:
        return self.article.title if self.article else self.citation.title

    @property
    def tags(self) -> tuple[str, ...]:
        """The article's own tags (its bookmark's); a clipping's tags stay on the clipping."""
        return self.bookmark.tags if self.bookmark else ()

    def reference(self, style: str | None = None) -> str:
        return format_citation(self.citation, style)

    def is_stale(self, clipping: Clipping) -> bool:
        return clipping.id is not None and clipping.id in self.stale


@dataclass(frozen=True)
class ExportDocument:
    title: str
    entries: tuple[ExportEntry, ...]
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    style: str | None = None  # citation style; None: the default for each article's language
    generator: str = f"Huaibei Reader {__version__}"

    def __post_init__(self) -> None:
        # Frozen: the cleaned values are set once, here, before any writer sees them.
        object.__setattr__(self, "title", one_line(self.title))
        object.__setattr__(self, "entries", clean_fields(tuple(self.entries)))

    def reference(self, entry: ExportEntry) -> str:
        return entry.reference(self.style)

    def clipping_reference(self, clipping: Clipping) -> str:
        return format_citation(clipping.citation, self.style)


def article_entry(item: LibraryArticle, *, bookmark: Bookmark | None = None,
                  clippings: Iterable[Clipping] = (), with_body: bool = True) -> ExportEntry:
    """The entry of a stored article, its clippings checked against its current text."""
    clips = tuple(c for c in clippings if c.article_id == item.id)
    stale = frozenset(c.id for c in stale_clippings(clips, item.article) if c.id is not None)
    return ExportEntry(
        citation=citation_for(item),
        article=item.article if with_body else None,
        article_id=item.id,
        version=item.version,
        source_name=item.source_name,
        bookmark=bookmark,
        clippings=clips,
        stale=stale,
    )


def clipping_entries(clippings: Iterable[Clipping],
                     current: Callable[[int], LibraryArticle | None] | None = None,
                     bookmark_of: Callable[[int], Bookmark | None] | None = None,
                     ) -> tuple[ExportEntry, ...]:
    """Clippings grouped by article in order of first appearance, without article bodies.

    ``current`` gives an article's stored state (None if gone) to flag stale quotes;
    ``bookmark_of`` its bookmark, so the entry carries the article's real bookmark and note.
    """
    groups: dict[int, list[Clipping]] = {}
    for c in clippings:
        groups.setdefault(c.article_id, []).append(c)
    entries = []
    for article_id, clips in groups.items():
        item = current(article_id) if current else None
        if item is not None:
            mark = bookmark_of(article_id) if bookmark_of else None
            entries.append(article_entry(item, bookmark=mark, clippings=clips, with_body=False))
        else:
            entries.append(ExportEntry(citation=clips[0].citation, article_id=article_id,
                                       version=clips[0].article_version,
                                       clippings=tuple(clips)))
    return tuple(entries)


def citation_fields(c: Citation) -> list[tuple[str, str]]:
    """The labelled lines every format prints under an entry's title, in order (authors,
    publisher, the site when it differs, published, retrieved); the URL and the formatted
    reference follow, each format writing the link its own way."""
    fields = []
    if c.authors:
        fields.append(("作者 Authors: ", ", ".join(c.authors)))
    if c.publisher:
        fields.append(("来源 Publisher: ", c.publisher))
    if c.site_name and c.site_name != c.publisher:
        fields.append(("网站 Site: ", c.site_name))
    if c.published:
        fields.append(("发布 Published: ", c.published.isoformat()))
    fields.append(("获取 Retrieved: ", c.retrieved_at.isoformat()))
    return fields


def title_for(entries: Iterable[ExportEntry], fallback: str) -> str:
    """The document title: the article's own for one entry, ``fallback`` otherwise."""
    entries = list(entries)
    return entries[0].title if len(entries) == 1 else fallback


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def clipping_record(doc: ExportDocument, entry: ExportEntry, clipping: Clipping) -> dict:
    return {
        "id": clipping.id,
        "quote": clipping.quote,
        "note": clipping.note,
        "tags": list(clipping.tags),
        "created_at": _iso(clipping.created_at),
        "article_version": clipping.article_version,
        "quote_missing_from_current_text": entry.is_stale(clipping),
        "citation": doc.clipping_reference(clipping),
    }


def entry_record(doc: ExportDocument, entry: ExportEntry) -> dict:
    """An entry's metadata, notes and clippings as plain JSON/YAML-ready values."""
    c = entry.citation
    record: dict = {
        "id": entry.article_id,
        "title": entry.title,
        "url": c.url,
        "authors": list(c.authors),
        "publisher": c.publisher,
        "site": c.site_name,
        "source": entry.source_name,
        "published": _iso(c.published),
        "retrieved_at": _iso(c.retrieved_at),
        "version": entry.version,
        "lang": c.lang,
        "citation": doc.reference(entry),
        "bookmarked": entry.bookmark is not None,
        "note": entry.bookmark.note if entry.bookmark else "",
        "tags": list(entry.tags),
        "clippings": [clipping_record(doc, entry, k) for k in entry.clippings],
    }
    if entry.bookmark is not None:
        record["bookmarked_at"] = _iso(entry.bookmark.created_at)
    return record
