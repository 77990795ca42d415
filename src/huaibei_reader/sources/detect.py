"""What kind of source a URL is: a feed, a page advertising one, a site with a sitemap, or a
plain site to scan; or a built-in source (``sources.builtin``, declared by the site rules)
named by the person."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from huaibei_reader.errors import KnownError
from huaibei_reader.models import Source
from huaibei_reader.sources.builtin import builtin_source
from huaibei_reader.sources.feeds import (
    FeedRefused,
    declares_entities,
    looks_like_feed,
    parse_feed,
    parse_sitemap,
)
from huaibei_reader.sources.site_name import site_name
from huaibei_reader.sources.siterules import rules_for_url
from huaibei_reader.webaddress import web_address

if TYPE_CHECKING:
    from huaibei_reader.models import SiteRules
    from huaibei_reader.net import FetchResult, HttpClient

MAX_FEEDS_TRIED = 3
PAGE_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
               "application/xml;q=0.9,*/*;q=0.8")

# An XML document (not an HTML page): an XML declaration or a DOCTYPE other than html's.
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml|<!DOCTYPE\s+(?!html[\s>]))",
                        re.IGNORECASE)


def normalize_url(text: str) -> str:
    """A user's URL as an absolute http(s) URL ("www.morang.cn" -> "https://www.morang.cn/");
    ``webaddress.NotAWebAddress`` (an ``InputError``) when it is not one."""
    return web_address(text)


def resolve_source(text: str, client: HttpClient, name: str | None = None,
                   site_rules: dict[str, SiteRules] | None = None) -> Source:
    """What a person means by ``text``: a built-in source by its name or host (no network),
    else what :func:`detect_source` finds at the URL. The command line and the window both
    add sources through this."""
    builtin = builtin_source(text, site_rules or {}, name=name)
    if builtin is not None:
        return builtin
    return detect_source(text, client, name=name, site_rules=site_rules)


def detect_source(url: str, client: HttpClient, name: str | None = None,
                  site_rules: dict[str, SiteRules] | None = None) -> Source:
    """Fetch ``url`` and decide what to follow there (not yet stored: ``id`` is None). Named
    ``name``, else after the site (``sources.site_name``; ``site_rules`` give the names of
    the sites we have rules for).

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
    text = _page_text(page)
    rules = rules_for_url(site_rules, page.url) if site_rules else None
    title = site_name(text, page.url, rules_name=rules.name if rules else None) \
        or _host(page.url)

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
        if chosen_name is None and feed.title:  # two titles of the site: their shared part
            title = site_name(text, page.url, rules_name=rules.name if rules else None,
                              other_titles=[feed.title]) or title
        return Source(id=None, name=chosen_name or title, url=page.url, kind="feed",
                      feed_url=fetched.url)

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


def _page_text(page: FetchResult) -> str:
    from huaibei_reader.extract.decode import decode_html

    try:
        return decode_html(page.content[:200_000], page.charset).text
    except (KnownError, LookupError, ValueError):
        return ""


def _host(url: str) -> str:
    return (urlsplit(url).hostname or url).lower()
