"""Find the article links, section pages, advertised feeds and next pages of an index page.

Generic first: every link is scored by its URL shape and anchor text
(``discover_signals``), links inside navigation, footers and pagination lose points, and
links that share a list block (same ancestor classes) vote together, so a list of
headlines lifts its odd member and a menu of channel names sinks as a whole. Per-site
``DiscoveryRules`` are hints on top: their patterns add or remove links, their selectors
find pagination; nothing in them is required for a page to work.

Sections are the same site's channel and list pages (navigation bar entries, 栏目/频道
headings, 更多 links, list-shaped URLs): the refresh scans them too, since a home page
shows only the newest stories.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from huaibei_reader.errors import InputError
from huaibei_reader.extract.decode import decode_html
from huaibei_reader.models import DiscoveryRules
from huaibei_reader.sources.discover_signals import (
    MORE_TEXT,
    NON_ARTICLE_TEXT_PATTERNS,
    NON_ARTICLE_TEXTS,
    STORY_SHAPED,
    clean_url,
    registrable_domain,
    section_shape,
    strip_tracking,
    text_signal,
    url_shape,
)

__all__ = ["Discovery", "decode_page", "discover"]


@dataclass(frozen=True)
class Discovery:
    """What one index page offers: story links, feeds, the next list pages, and the
    site's section (channel, category, list) pages linked from it."""

    url: str
    articles: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    next: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"url": self.url, "articles": list(self.articles), "feeds": list(self.feeds),
                "next": list(self.next), "sections": list(self.sections)}


FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/rss", "application/atom", "text/rss+xml", "text/atom+xml"})
NEXT_TEXTS = frozenset("""下一页 下页 后页 下一頁 下一页> 下一页>> 下一页»
next next> next» next› nextpage nächste weiter › » > >> suivant siguiente""".split())
# Class/id words of containers whose links are chrome, not content.
CHROME_WORDS = frozenset("""nav navbar navigation menu menus submenu mainnav topnav subnav footer
foot ftr breadcrumb breadcrumbs crumb crumbs copyright friendlink friendlinks flink links
sitemap share shares sharing toolbar topbar login userbar social header hdr masthead tabs
quicknav""".split())
PAGER_WORDS = frozenset("pagination pager pages page paging pagenav pagelist pagebar "
                        "page-turn pagebox".split())
CHROME_TAGS = frozenset({"nav", "footer", "header"})
# Chrome that holds a site's channels (menus) and chrome that never does (footers, shares).
NAV_WORDS = frozenset("""nav navbar navigation menu menus submenu mainnav topnav subnav
tabs quicknav channel channels column columns lanmu pindao""".split())
FOOTER_WORDS = frozenset("""footer foot ftr copyright friendlink friendlinks flink sitemap
share shares sharing social login userbar toolbar breadcrumb breadcrumbs crumb crumbs
position location""".split())
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt"})
HEADING_WORDS = frozenset("tit title hd head heading caption".split())
_CLASS_SPLIT = re.compile(r"[\s_\-]+")
_NUMBER = re.compile(r"^\d{1,4}$")

# Weights of the link score; a link is a story when its score reaches ARTICLE_THRESHOLD.
TEXT_WEIGHT = 0.9
GROUP_WEIGHT = 0.6
CHROME_PENALTY = 1.2
ARTICLE_THRESHOLD = 1.8
STRONG_URL = 3.0
MIN_GROUP = 3
MAX_PAGER_LINKS = 40
MAX_PAGER_TEXT = 600
BLOCK_DEPTH = 4


def decode_page(data: bytes, forced: str | None = None) -> str:
    """Bytes to text: in ``forced`` (a site rule's ``encoding``) when given; otherwise UTF-8
    when the bytes are valid UTF-8 (browser dumps keep a stale gb2312 meta), else the page's
    own declaration via ``extract.decode``."""
    if forced:
        return decode_html(data, forced=forced).text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return decode_html(data).text


@dataclass
class _Link:
    url: str
    text: str
    group: tuple[str, ...]
    chrome: bool
    pager: etree._Element | None  # the pagination block the link sits in, if any
    nav: bool = False  # in a menu or navigation bar
    footer: bool = False  # in a footer, breadcrumb, share bar or friend-link block
    heading: bool = False  # in a heading (a channel box's title)
    score: float = 0.0
    vetoed: bool = False


def _words(el: etree._Element) -> set[str]:
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return {w for w in _CLASS_SPLIT.split(attrs) if w}


def _anchor_text(a: etree._Element) -> str:
    text = " ".join(a.text_content().split())
    if not text:
        text = " ".join((a.get("title") or "").split())
    if not text:
        for img in a.iter("img"):
            text = " ".join((img.get("alt") or img.get("title") or "").split())
            if text:
                break
    return text


def _is_pager_block(el: etree._Element, cache: dict[etree._Element, bool]) -> bool:
    """A small block of short links (a page wrapper classed "page" is not a pager)."""
    if el not in cache:
        anchors = sum(1 for _ in el.iter("a"))
        text = " ".join(el.text_content().split())
        cache[el] = 0 < anchors <= MAX_PAGER_LINKS and len(text) <= MAX_PAGER_TEXT
    return cache[el]


def _context(a: etree._Element, pager_cache: dict[etree._Element, bool]) -> _Link:
    """The link of an anchor with its context: block signature (ancestor tags and classes),
    whether it sits in page chrome (navigation, footer, share bars) and of which kind, in
    a heading, and the pager block holding it, if any. ``url`` and ``text`` are left empty."""
    signature: list[str] = []
    link = _Link("", "", (), False, None)
    depth = 0
    for el in a.iterancestors():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("html", "body"):
            break
        words = _words(el)
        if tag in CHROME_TAGS or words & CHROME_WORDS:
            link.chrome = True
        if tag == "nav" or words & NAV_WORDS:
            link.nav = True
        if tag == "footer" or words & FOOTER_WORDS:
            link.footer = True
        if depth < 2 and (tag in HEADING_TAGS or words & HEADING_WORDS):
            link.heading = True
        if link.pager is None and words & PAGER_WORDS and _is_pager_block(el, pager_cache):
            link.pager = el
        if depth < BLOCK_DEPTH:
            signature.append(f"{tag}.{el.get('class') or ''}".strip())
            depth += 1
    link.group = tuple(signature)
    return link


def _base_url(doc: html.HtmlElement, url: str) -> str:
    for base in doc.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return urljoin(url, href)
    return url


def _resolve(base: str, href: str, *, local: bool = False) -> str | None:
    """An absolute http(s) URL without fragment, or None. ``local`` also accepts file:
    links (a saved page read without its web address)."""
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    try:
        absolute = urljoin(base, href)
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if local and parts.scheme == "file":
        return clean_url(absolute)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return clean_url(absolute)


def _compile(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


def _select(doc: html.HtmlElement, selector: str) -> list:
    from huaibei_reader.sources.siterules import compile_selector

    return compile_selector(selector)(doc)


def discover(data: bytes, url: str, *, rules: DiscoveryRules | None = None,
             encoding: str | None = None) -> Discovery:
    """Article links (absolute, page order, first occurrence, no fragment), RSS/Atom feeds
    advertised by ``<link rel="alternate">``, and pagination links of one page.
    ``encoding``: the site rules' codec, read whatever the page declares."""
    try:
        urlsplit(url).hostname  # noqa: B018 - raises ValueError on 'http://[::1'
    except ValueError:
        raise InputError(f"not a usable page address: {url[:200]!r}") from None
    text = decode_page(data, encoding)
    if not text.strip():
        return Discovery(url=url)
    try:
        doc = html.document_fromstring(text.encode("utf-8"),
                                       parser=html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return Discovery(url=url)
    base = _base_url(doc, url)
    page = clean_url(url)
    site = registrable_domain(urlsplit(url).hostname or "")

    feeds = _feeds(doc, base)
    local = urlsplit(base).scheme == "file"
    links: list[_Link] = []
    pager_cache: dict[etree._Element, bool] = {}
    for a in doc.iter("a"):
        target = _resolve(base, a.get("href") or "", local=local)
        if target is None:
            continue
        link = _context(a, pager_cache)
        link.url, link.text = target, _anchor_text(a)
        links.append(link)
    next_pages = _next_pages(doc, base, page, links, rules)
    articles = _articles(links, page, site, set(next_pages), rules)
    sections = _sections(links, page, site, set(next_pages) | set(articles))
    return Discovery(url=url, articles=articles, feeds=feeds, next=next_pages,
                     sections=sections)


def _feeds(doc: html.HtmlElement, base: str) -> list[str]:
    found: list[str] = []
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES:
            target = _resolve(base, link.get("href") or "")
            if target and target not in found:
                found.append(target)
    return found


def _next_pages(doc: html.HtmlElement, base: str, page: str, links: list[_Link],
                rules: DiscoveryRules | None) -> list[str]:
    """Explicit "next" links first (rules' selectors, rel=next, 下一页), then numbered
    pages of a pager, without the page itself."""
    explicit: list[str] = []
    if rules is not None:
        for selector in rules.next_selectors:
            for el in _select(doc, selector):
                target = _resolve(base, _selected_href(el))
                if target:
                    explicit.append(target)
    for el in doc.iter("a", "link"):
        if "next" in (el.get("rel") or "").lower().split():
            target = _resolve(base, el.get("href") or "")
            if target:
                explicit.append(target)
    numbered: list[str] = []
    current: dict[etree._Element, int] = {}
    for link in links:
        compact = link.text.replace(" ", "").lower()
        if compact in NEXT_TEXTS:
            explicit.append(link.url)
        elif link.pager is not None and _NUMBER.match(compact):
            if link.pager not in current:
                current[link.pager] = _current_page_number(link.pager)
            if int(compact) > current[link.pager]:
                numbered.append(link.url)
    result: list[str] = []
    for target in explicit + numbered:
        if target != page and target not in result:
            result.append(target)
    return result


def _selected_href(selected: object) -> str:
    """The link a rules selector points at: an XPath string result (``//a/@href``), an
    element's href, or the first link inside a selected block."""
    if isinstance(selected, str):
        return selected
    if not isinstance(selected, etree._Element):
        return ""
    if selected.get("href"):
        return selected.get("href") or ""
    for a in selected.iter("a"):
        if a.get("href"):
            return a.get("href") or ""
    return ""


def _current_page_number(pager: etree._Element) -> int:
    """The number a pager shows as the current page (a number that is not a link, such as
    <span class="current">3</span>); 1 when it shows none."""
    for el in pager.iter():
        if not isinstance(el.tag, str) or el.tag == "a" or el is pager:
            continue
        if any(isinstance(c.tag, str) for c in el):
            continue
        text = (el.text or "").strip()
        if _NUMBER.match(text) and el.getparent() is not None and \
                not any(anc.tag == "a" for anc in el.iterancestors()):
            return int(text)
    return 1


def _articles(links: list[_Link], page: str, site: str, pagination: set[str],
              rules: DiscoveryRules | None) -> list[str]:
    include = _compile(rules.article_patterns) if rules else []
    exclude = _compile(rules.exclude_patterns) if rules else []
    candidates: list[_Link] = []
    for link in links:
        parts = urlsplit(link.url)
        if registrable_domain(parts.hostname or "") != site:
            continue
        if link.url == page or link.url in pagination:
            continue
        shape = url_shape(parts)
        wording = text_signal(link.text)
        if shape.score >= STRONG_URL and wording < 0:
            wording /= 2  # a short label ("Testbericht") on an unmistakable story URL
        link.score = shape.score + TEXT_WEIGHT * wording
        link.vetoed = shape.vetoed
        if link.chrome:
            link.score -= CHROME_PENALTY
        if link.pager is not None:
            link.score -= CHROME_PENALTY
        candidates.append(link)

    # Links of one list block vote: the mean score of the block pulls each member.
    groups: dict[tuple[str, ...], list[_Link]] = defaultdict(list)
    for link in candidates:
        groups[link.group].append(link)
    group_mean = {key: sum(x.score for x in members) / len(members)
                  for key, members in groups.items() if len(members) >= MIN_GROUP}

    best: dict[str, float] = {}
    order: list[str] = []
    for link in candidates:
        vote = GROUP_WEIGHT * group_mean.get(link.group, 0.0)
        if link.vetoed:
            vote = min(vote, 0.0)  # a list of stories does not make its video link a story
        score = link.score + vote
        if link.url not in best:
            order.append(link.url)
            best[link.url] = score
        else:
            best[link.url] = max(best[link.url], score)

    result = []
    for target in order:
        if any(p.search(target) for p in exclude):
            continue
        if best[target] >= ARTICLE_THRESHOLD or any(p.search(target) for p in include):
            result.append(target)
    return result


# Weights of the section score; a link is a section when its best score reaches the threshold.
SECTION_LABEL = 1.0  # a short label (社会, Sport, 国内新闻)
SECTION_NAV = 1.0  # in a menu or navigation bar
SECTION_HEADING = 0.5  # the title of a channel box
SECTION_MORE = 0.5  # a "更多" link to a list-shaped URL
SECTION_THRESHOLD = 2.0


def _is_home(host: str, page_host: str, site: str, path: str, query: str) -> bool:
    """The site's own home page: the root of the page's host or of the registered domain,
    with or without www."""
    if path not in ("", "/") or query:
        return False
    bare = host.removeprefix("www.")
    return bare == page_host.removeprefix("www.") or bare == site


def _section_score(link: _Link, shape: float) -> float | None:
    """Score one occurrence of a link as a section, or None when this occurrence can never
    be one (a footer or pager link, a service word, a headline)."""
    if link.footer or link.pager is not None:
        return None
    compact = link.text.replace(" ", "").lower()
    if shape == STORY_SHAPED:
        # a story-shaped URL is a channel only as a short menu entry (资讯中心, 信息披露)
        if not (link.nav and compact and text_signal(link.text) <= -0.7):
            return None
        shape = 0.0
    score = shape
    if (compact and MORE_TEXT.match(compact)) or compact.startswith("更多"):
        if shape < 1.0:
            return None  # 更多 to a story-less URL shape: leave it to stronger evidence
        score += SECTION_MORE
    elif compact:
        if compact in NON_ARTICLE_TEXTS or NON_ARTICLE_TEXT_PATTERNS.match(compact):
            return None
        if text_signal(link.text) >= 1.0:
            return None  # a headline: a story or a topic, not a channel
        score += SECTION_LABEL
    if link.nav:
        score += SECTION_NAV
    if link.heading:
        score += SECTION_HEADING
    return score


def _sections(links: list[_Link], page: str, site: str, excluded: set[str]) -> list[str]:
    """Same-site channel, category and list pages, page order, first occurrence."""
    page_host = urlsplit(page).hostname or ""
    pager_urls = {link.url for link in links if link.pager is not None}
    shapes: dict[str, float | None] = {}
    best: dict[str, float] = {}
    order: list[str] = []
    for link in links:
        if link.url == page or link.url in excluded or link.url in pager_urls:
            continue
        target = strip_tracking(link.url)
        if target.rstrip("/") == page.rstrip("/") or target in excluded:
            continue
        if target not in shapes:
            parts = urlsplit(target)
            host = parts.hostname or ""
            if registrable_domain(host) != site or parts.scheme not in ("http", "https") \
                    or _is_home(host, page_host, site, parts.path, parts.query):
                shapes[target] = None
            else:
                shapes[target] = section_shape(parts)
        shape = shapes[target]
        if shape is None:
            continue
        score = _section_score(link, shape)
        if score is None:
            continue
        key = target.rstrip("/")  # /world and /world/ are one channel; the first one wins
        if key not in best:
            order.append(target)
            best[key] = score
        else:
            best[key] = max(best[key], score)
    return [target for target in order if best[target.rstrip("/")] >= SECTION_THRESHOLD]
