"""Plain data shared by every layer: what an article, a source, a bookmark is.

Frozen dataclasses only; no behaviour beyond simple derived views. Every layer
(net, sources, extract, store, export, ui) speaks in these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    IMAGE = "image"
    LIST = "list"
    QUOTE = "quote"
    TABLE = "table"


@dataclass(frozen=True)
class Block:
    """One piece of an article body, keeping the shape of the story.

    - paragraph / heading / quote: ``text`` (heading also ``level`` 1-6)
    - list: ``items`` (``ordered`` for numbered lists)
    - table: ``rows`` (tuple of rows of cell texts)
    - image: ``src`` (absolute URL), ``alt``, ``text`` is the caption (may be "")
    """

    kind: BlockKind
    text: str = ""
    level: int = 0
    items: tuple[str, ...] = ()
    ordered: bool = False
    rows: tuple[tuple[str, ...], ...] = ()
    src: str = ""
    alt: str = ""

    def plain(self) -> str:
        """The block as plain text lines (no markup); images give their caption."""
        if self.kind is BlockKind.LIST:
            return "\n".join(self.items)
        if self.kind is BlockKind.TABLE:
            return "\n".join(" ".join(c for c in row if c) for row in self.rows)
        return self.text

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind.value}
        if self.text:
            d["text"] = self.text
        if self.level:
            d["level"] = self.level
        if self.items:
            d["items"] = list(self.items)
            d["ordered"] = self.ordered
        if self.rows:
            d["rows"] = [list(r) for r in self.rows]
        if self.src:
            d["src"] = self.src
        if self.alt:
            d["alt"] = self.alt
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Block:
        return cls(
            kind=BlockKind(d["kind"]),
            text=d.get("text", ""),
            level=int(d.get("level", 0)),
            items=tuple(d.get("items", ())),
            ordered=bool(d.get("ordered", False)),
            rows=tuple(tuple(r) for r in d.get("rows", ())),
            src=d.get("src", ""),
            alt=d.get("alt", ""),
        )


#: How the warning of an article stored from its feed item begins (its page could not be
#: fetched or held no article); a later refresh that reads the page stores a new version.
FROM_FEED_WARNING = "stored from the feed"
#: How the warning of an article salvaged from a damaged library without its text begins;
#: like an article stored from its feed, a refresh that reaches its page stores it again.
SALVAGED_WARNING = "salvaged from a damaged library"


@dataclass(frozen=True)
class Article:
    """A clean article as the extraction engine returns it.

    ``publisher`` is the original publisher (来源, e.g. 人民网-安徽频道), distinct from
    ``site_name``, the site that carried the page (e.g. 今日淮北).
    ``published`` is timezone-aware (pages without a zone are Asia/Shanghai).
    """

    url: str
    title: str
    blocks: tuple[Block, ...] = ()
    published: datetime | None = None
    publisher: str | None = None
    site_name: str | None = None
    authors: tuple[str, ...] = ()
    canonical_url: str | None = None
    lang: str | None = None
    view_count: int | None = None
    warnings: tuple[str, ...] = ()  # e.g. "page truncated at 50 MB", "3 invalid bytes replaced"

    @property
    def text(self) -> str:
        """Plain text: the non-empty blocks joined by newlines."""
        return "\n".join(t for t in (b.plain() for b in self.blocks) if t)

    @property
    def images(self) -> tuple[str, ...]:
        return tuple(b.src for b in self.blocks if b.kind is BlockKind.IMAGE and b.src)

    @property
    def author(self) -> str | None:
        return " ".join(self.authors) or None

    @property
    def from_feed(self) -> bool:
        """Stored from its feed item, not from its page (see ``FROM_FEED_WARNING``)."""
        return any(w.startswith(FROM_FEED_WARNING) for w in self.warnings)


@dataclass(frozen=True)
class Source:
    """Something the user follows: a site (index pages to scan) or a feed."""

    id: int | None
    name: str
    url: str
    kind: str = "site"  # "site" | "feed"
    feed_url: str | None = None
    rules: str | None = None  # name of a site-rules file in resources/sites, if any
    last_error: str | None = None
    last_refreshed: datetime | None = None


@dataclass(frozen=True)
class LibraryArticle:
    """An article as the library holds it: the extracted fields plus library state."""

    id: int
    article: Article
    source_id: int | None
    source_name: str | None
    fetched_at: datetime
    updated_at: datetime
    read: bool = False
    bookmarked: bool = False
    version: int = 1  # number of the current version (1 = as first stored)
    teaser: str = ""  # the opening of the plain text, one line (stored, for list views)


@dataclass(frozen=True)
class Bookmark:
    article_id: int
    created_at: datetime
    note: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    """Everything a reference needs, frozen at the moment of clipping."""

    title: str
    url: str
    retrieved_at: datetime
    publisher: str | None = None  # original publisher (来源)
    site_name: str | None = None  # the reposting site
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Clipping:
    id: int | None
    article_id: int
    article_version: int
    quote: str
    citation: Citation
    created_at: datetime
    note: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtractRules:
    """Per-site extraction overrides, declared as data (resources/sites/*.toml, [extract])."""

    content: tuple[str, ...] = ()  # CSS/XPath selectors of the body container, first match wins
    remove: tuple[str, ...] = ()  # selectors removed before scoring
    title: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    publisher: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class DiscoveryRules:
    """Per-site discovery hints ([discovery] in resources/sites/*.toml)."""

    list_pages: tuple[str, ...] = ()  # URLs (absolute or relative to the site) to scan
    article_patterns: tuple[str, ...] = ()  # regexes an article URL matches
    exclude_patterns: tuple[str, ...] = ()
    next_selectors: tuple[str, ...] = ()  # selectors of pagination links
    max_pages: int = 3


@dataclass(frozen=True)
class SiteRules:
    """One site's rules file (``resources/sites/*.toml`` or the user's ``<data dir>/sites``).

    ``encoding``: the codec its pages are read in, whatever they declare. ``start_url`` and
    ``aliases`` ([source]) make it a built-in source: added by its name or an alias without
    looking at the site first.
    """

    name: str
    hosts: tuple[str, ...]
    encoding: str | None = None
    start_url: str | None = None
    aliases: tuple[str, ...] = ()
    discovery: DiscoveryRules = field(default_factory=DiscoveryRules)
    extract: ExtractRules = field(default_factory=ExtractRules)
