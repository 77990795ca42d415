"""What kind of source a URL is: a feed, a page advertising one, a site with a sitemap, or a
plain site to scan; and the built-in sources the site rules declare (今日淮北)."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from huaibei_reader.errors import InputError, KnownError
from huaibei_reader.models import SiteRules, Source
from huaibei_reader.sources.feeds import (
    FeedRefused,
    declares_entities,
    looks_like_feed,
    parse_feed,
    parse_sitemap,
)

if TYPE_CHECKING:
    from huaibei_reader.net import FetchResult, HttpClient

MAX_FEEDS_TRIED = 3
PAGE_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
               "application/xml;q=0.9,*/*;q=0.8")

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
# An XML document (not an HTML page): an XML declaration or a DOCTYPE other than html's.
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml|<!DOCTYPE\s+(?!html[\s>]))",
                        re.IGNORECASE)


def builtin_sources(site_rules: Mapping[str, SiteRules]) -> list[Source]:
    """The sources the rules files declare ([source]), in file order (not yet stored)."""
    return [Source(id=None, name=rules.name, url=rules.start_url, kind="site", rules=key)
            for key, rules in site_rules.items() if rules.start_url]


def builtin_source(text: str, site_rules: Mapping[str, SiteRules], *,
                   name: str | None = None) -> Source | None:
    """The built-in source called ``text`` (its name or an alias, e.g. 今日淮北, morang,
    morang.cn; case, a leading http(s):// and a trailing / do not matter), if any; named
    ``name`` when one is given."""
    wanted = _alias_key(text)
    for source in builtin_sources(site_rules):
        rules = site_rules[source.rules or ""]
        if wanted in {_alias_key(a) for a in (rules.name, *rules.aliases)}:
            return replace(source, name=name.strip()) if name and name.strip() else source
    return None


def _alias_key(text: str) -> str:
    """Forms of one name typed in different ways: the window's address box adds https://."""
    return re.sub(r"^https?://", "", text.strip(), flags=re.IGNORECASE).rstrip("/").lower()


def normalize_url(text: str) -> str:
    """A user's URL as an absolute http(s) URL ("www.morang.cn" -> "https://www.morang.cn/")."""
    raw = text.strip()
    if raw.lower().startswith("feed://"):
        raw = "http://" + raw[7:]
    if "://" not in raw and re.match(r"^[\w.-]+\.[a-z]{2,}(?::\d+)?(/|$)", raw, re.IGNORECASE):
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
    except ValueError:
        raise InputError(f"not a usable web address: {text}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"not a web address (give an http or https URL): {text}")
    return raw if parts.path else raw + "/"


def detect_source(url: str, client: HttpClient, name: str | None = None) -> Source:
    """Fetch ``url`` and decide what to follow there (not yet stored: ``id`` is None).

    Raises :class:`~huaibei_reader.errors.NetworkError` when the URL cannot be fetched, and
    :class:`~huaibei_reader.sources.feeds.FeedRefused` for an XML document refused for safety
    (it declares entities): such a document is not followed as a site either.
    """
    url = normalize_url(url)
    page = client.get(url, accept=PAGE_ACCEPT)
    chosen_name = name.strip() if name and name.strip() else None
    _refuse_entities(page)

    feed_source = _as_feed(page, chosen_name)
    if feed_source is not None:
        return feed_source
    if page.content[:512].lstrip().startswith((b"<?xml", b"<urlset", b"<sitemapindex")):
        try:
            parse_sitemap(page.content, page.url)
        except FeedRefused:
            raise
        except KnownError:
            pass
        else:  # a sitemap given directly: follow the site through it
            root = urljoin(page.url, "/")
            return Source(id=None, name=chosen_name or _host(page.url), url=root, kind="site",
                          feed_url=page.url)
    title = _page_title(page) or _host(page.url)

    from huaibei_reader.sources.discover import discover

    try:
        advertised = discover(page.content, page.url).feeds
    except KnownError:
        advertised = []
    for feed_url in advertised[:MAX_FEEDS_TRIED]:
        try:
            fetched = client.get(feed_url, accept=PAGE_ACCEPT)
            feed = parse_feed(fetched.content, fetched.url)
        except KnownError:
            continue
        return Source(id=None, name=chosen_name or title or feed.title, url=page.url,
                      kind="feed", feed_url=fetched.url)

    sitemap = _usable_sitemap(page.url, client)
    return Source(id=None, name=chosen_name or title, url=page.url, kind="site",
                  feed_url=sitemap)


def _refuse_entities(page: FetchResult) -> None:
    """An XML document declaring entities (an XML bomb, an external entity) is refused
    whatever it turns out to be: otherwise it would be added as a site named after its raw
    entity text."""
    if _XML_START.match(page.content[:1024]) and declares_entities(page.content):
        kind = "feed" if looks_like_feed(page.content) or "rss" in page.content_type \
            or "atom" in page.content_type else "XML document"
        raise FeedRefused(f"refused: the {kind} declares XML entities, which can be used to "
                          f"attack a reader; nothing was added ({page.url})")


def _as_feed(page: FetchResult, name: str | None) -> Source | None:
    ctype = page.content_type
    if not (looks_like_feed(page.content) or "rss" in ctype or "atom" in ctype):
        return None
    try:
        feed = parse_feed(page.content, page.url)
    except FeedRefused:
        raise
    except KnownError:
        return None
    return Source(id=None, name=name or feed.title, url=feed.link or page.url, kind="feed",
                  feed_url=page.url)


def _usable_sitemap(url: str, client: HttpClient) -> str | None:
    """The first sitemap named in robots.txt whose entries carry dates (so a refresh can take
    the newest ones); None when there is none."""
    try:
        sitemaps = client.robots(url).sitemaps
    except KnownError:
        return None
    for sm_url in sitemaps[:MAX_FEEDS_TRIED]:
        try:
            fetched = client.get(sm_url, accept="application/xml,text/xml;q=0.9,*/*;q=0.5")
            sm = parse_sitemap(fetched.content, fetched.url)
        except KnownError:
            continue
        if any(when for _, when in sm.urls) or any(when for _, when in sm.children):
            return fetched.url
    return None


def _page_title(page: FetchResult) -> str | None:
    from huaibei_reader.extract.decode import decode_html

    try:
        text = decode_html(page.content[:200_000], page.charset).text
    except (KnownError, LookupError, ValueError):
        return None
    m = _TITLE.search(text)
    if not m:
        return None
    title = re.sub(r"\s+", " ", html_lib.unescape(m.group(1))).strip()
    return title[:120] or None


def _host(url: str) -> str:
    return (urlsplit(url).hostname or url).lower()
