"""Feeds (RSS 0.9x/1.0/2.0, Atom) with feedparser, and XML sitemaps, read safely and boundedly.

A feed comes from a stranger, so: declared XML entities are refused (billion laughs, external
entities), and a feed with more than ``MAX_ENTRIES`` items is cut down to the newest ones
*before* feedparser sees it (feedparser needs ~0.5 ms per item; 100,000 items would take a
minute and hundreds of MB).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import feedparser

from huaibei_reader.errors import InputError

MAX_ENTRIES = 500
MAX_SUMMARY = 1000  # characters of plain text kept per entry
# Characters of an entry's HTML text kept (content:encoded or description): a long article is
# some 30,000; past this a feed is padding its items, and 500 items stay under 100 MB.
MAX_CONTENT = 200_000
MAX_AUTHOR = 200  # characters of an entry's author name
MAX_SITEMAP_URLS = 50_000  # the sitemap protocol's own limit per file
MAX_SITEMAP_BYTES = 50 * 1024 * 1024

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)(?=[\s>/])")
_ITEM_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


class NotAFeed(InputError):
    """The document is not RSS, Atom or RDF (an HTML page, an error page, broken XML)."""


class FeedRefused(InputError):
    """A feed or sitemap refused for safety (it declares XML entities): not to be followed
    as anything else either."""


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    published: datetime | None = None  # timezone-aware (UTC) when the feed gave a date
    summary: str = ""  # plain text, shortened
    author: str = ""  # the item's author name, when the feed names one (never an address)
    content: str = ""  # the item's text as HTML (content:encoded, else the description),
    # sanitized by feedparser (no scripts, frames, forms or event handlers)


@dataclass(frozen=True)
class Feed:
    title: str
    link: str | None
    entries: list[FeedEntry] = field(default_factory=list)  # newest first when dated
    dropped: int = 0  # entries beyond MAX_ENTRIES that were not read


def parse_feed(data: bytes, url: str, *, max_entries: int = MAX_ENTRIES) -> Feed:
    """Parse an RSS/Atom/RDF document fetched from ``url`` (relative links resolve against it).

    Raises :class:`NotAFeed` for anything that is not a feed and :class:`InputError` for a
    feed that declares XML entities.
    """
    try:
        urlsplit(url).hostname  # noqa: B018 - raises ValueError on 'http://[::1'
    except ValueError:
        raise InputError(f"not a usable feed address: {url[:200]!r}") from None
    if not data or not data.strip():
        raise NotAFeed(f"not a feed: the document is empty ({url})")
    if declares_entities(data):
        raise FeedRefused(f"refused: the feed declares XML entities, which can be used to "
                          f"attack a reader ({url})")
    data, dropped = _keep_newest(data, max_entries)
    try:
        parsed = feedparser.parse(data, response_headers={"content-location": url},
                                  sanitize_html=True, resolve_relative_uris=True)
    except ValueError as exc:
        # feedparser's loose parser lets some bad input through as ValueError: an address
        # urlsplit cannot read, a character reference beyond U+10FFFF (&#2000000;).
        raise NotAFeed(f"not a feed: the document cannot be read ({exc})") from None
    if not parsed.get("version") and not parsed.entries:
        kind = "an HTML page" if re.search(rb"<html", data[:4096], re.IGNORECASE) else \
            "not RSS, Atom or RDF"
        raise NotAFeed(f"not a feed: the document is {kind} ({url})")
    meta = parsed.feed
    link = _absolute(meta.get("link"), url)
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for e in parsed.entries:
        entry_url = _entry_url(e, url)
        if not entry_url or entry_url in seen:
            continue
        seen.add(entry_url)
        entries.append(FeedEntry(
            url=entry_url,
            title=_plain(e.get("title", ""))[:500],
            published=_when(e.get("published_parsed") or e.get("updated_parsed")),
            summary=_plain(e.get("summary", ""))[:MAX_SUMMARY],
            author=_author(e),
            content=_content(e),
        ))
    if any(e.published for e in entries):
        floor = datetime.min.replace(tzinfo=UTC)
        entries.sort(key=lambda e: e.published or floor, reverse=True)
    title = _plain(meta.get("title", "")) or (urlsplit(url).hostname or url)
    return Feed(title=title[:300], link=link, entries=entries[:max_entries], dropped=dropped)


def declares_entities(data: bytes) -> bool:
    """Does the XML document declare entities (an XML bomb, an external entity)?"""
    return bool(_ENTITY_DECL.search(data[:1_000_000]) or (len(data) > 1_000_000
                                                            and _ENTITY_DECL.search(data)))


def looks_like_feed(data: bytes) -> bool:
    """A quick sniff (no parsing): does the document start like RSS, Atom or RDF?"""
    head = data[:2048].lstrip().lower()
    return bool(re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head))


# -- big feeds -------------------------------------------------------------------------------

def _keep_newest(data: bytes, limit: int) -> tuple[bytes, int]:
    """Cut a feed with more than ``limit`` items down to ``limit`` items, keeping the XML whole.

    Items are usually newest first; when a sample says the feed is oldest first, the last
    ``limit`` items are kept instead.
    """
    starts = [m.start() for m in _ITEM_START.finditer(data)]
    if len(starts) <= limit:
        return data, 0
    ends = [m.end() for m in _ITEM_END.finditer(data, starts[-1])]
    if not ends:
        return data[: starts[limit]], len(starts) - limit  # truncated feed: lenient parse
    body_end = ends[-1]
    head, tail = data[: starts[0]], data[body_end:]
    sample = 3
    first = head + data[starts[0]: starts[sample]] + tail
    last = head + data[starts[-sample]: body_end] + tail
    if _newest(last) > _newest(first):
        body = data[starts[-limit]: body_end]
    else:
        body = data[starts[0]: starts[limit]]
    return head + body + tail, len(starts) - limit


def _newest(doc: bytes) -> datetime:
    parsed = feedparser.parse(doc)
    dates = [_when(e.get("published_parsed") or e.get("updated_parsed")) for e in parsed.entries]
    return max((d for d in dates if d), default=datetime.min.replace(tzinfo=UTC))


# -- helpers ---------------------------------------------------------------------------------

def _entry_url(entry: feedparser.FeedParserDict, base: str) -> str | None:
    candidates = [entry.get("link")]
    for link in entry.get("links", ()):
        if link.get("rel", "alternate") == "alternate":
            candidates.append(link.get("href"))
    ident = entry.get("id") or ""
    if ident.startswith(("http://", "https://")):
        candidates.append(ident)
    for c in candidates:
        absolute = _absolute(c, base)
        if absolute:
            return absolute
    return None


def _absolute(link: str | None, base: str) -> str | None:
    if not link or not isinstance(link, str):
        return None
    try:
        absolute = urljoin(base, link.strip())
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return absolute.split("#", 1)[0]


def _content(entry: feedparser.FeedParserDict) -> str:
    """The entry's fullest HTML text: content:encoded (or Atom content), else the summary."""
    best = ""
    for part in entry.get("content", ()) or ():
        value = part.get("value") if isinstance(part, dict) else None
        if isinstance(value, str) and len(value) > len(best):
            best = value
    if not best.strip():
        summary = entry.get("summary", "")
        best = summary if isinstance(summary, str) else ""
    return best[:MAX_CONTENT]


_EMAIL = re.compile(r"\S+@\S+")
_PARENTHESIZED = re.compile(r"\(([^()]+)\)")


def _author(entry: feedparser.FeedParserDict) -> str:
    """The author's name. RSS gives "address (Name)": the name in brackets is taken, an
    address alone is no name (empty beats wrong in a citation)."""
    raw = entry.get("author", "")
    if not isinstance(raw, str) or not raw.strip():
        detail = entry.get("author_detail") or {}
        raw = detail.get("name", "") if isinstance(detail, dict) else ""
    if not isinstance(raw, str):
        return ""
    raw = _plain(raw)
    if "@" in raw:
        named = _PARENTHESIZED.search(raw)
        raw = named.group(1) if named else _EMAIL.sub(" ", raw)
    return raw.strip(" ()<>,;")[:MAX_AUTHOR]


def _plain(html: str) -> str:
    """Feed text (often HTML) as one line of plain text."""
    import html as html_lib

    return _SPACES.sub(" ", html_lib.unescape(_TAGS.sub(" ", html or ""))).strip()


def _when(parsed: Sequence[int] | None) -> datetime | None:
    """feedparser's parsed time (a struct_time in UTC) as an aware datetime."""
    if not parsed:
        return None
    try:
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError):
        return None


# -- sitemaps --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sitemap:
    """A sitemap's page URLs (with lastmod when given) or, for an index, its child sitemaps."""

    urls: list[tuple[str, datetime | None]]
    children: list[tuple[str, datetime | None]]


def parse_sitemap(data: bytes, url: str) -> Sitemap:
    """Parse an XML sitemap or sitemap index (gzip accepted); DTDs and entities refused."""
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, url)
    try:
        root = safe_et.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise FeedRefused(f"refused: the sitemap declares a DTD or entities ({url})") from None
    except Exception as exc:  # ParseError and friends from expat
        raise NotAFeed(f"not a sitemap: the document is not well-formed XML ({url}; "
                       f"{type(exc).__name__})") from None
    kind = root.tag.rsplit("}", 1)[-1]
    if kind not in ("urlset", "sitemapindex"):
        raise NotAFeed(f"not a sitemap ({url})")
    found: list[tuple[str, datetime | None]] = []
    for node in root:
        if len(found) >= MAX_SITEMAP_URLS:
            break
        loc = lastmod = None
        for child in node:
            name = child.tag.rsplit("}", 1)[-1]
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = _iso_date((child.text or "").strip())
        absolute = _absolute(loc, url)
        if absolute:
            found.append((absolute, lastmod))
    if kind == "urlset":
        return Sitemap(urls=found, children=[])
    return Sitemap(urls=[], children=found)


def _gunzip(data: bytes, url: str) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, MAX_SITEMAP_BYTES + 1)
    except zlib.error:
        raise NotAFeed(f"not a sitemap: broken gzip data ({url})") from None
    if len(out) > MAX_SITEMAP_BYTES:
        raise InputError(f"refused: the sitemap unpacks to more than 50 MB ({url})")
    return out


def _iso_date(text: str) -> datetime | None:
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


__all__ = ["Feed", "FeedEntry", "FeedRefused", "NotAFeed", "Sitemap", "declares_entities",
           "looks_like_feed", "parse_feed", "parse_sitemap"]
