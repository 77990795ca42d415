"""Metadata from the page head (meta, OpenGraph, JSON-LD) and from visible lines.

Visible lines such as ``时间:2022-10-01 13:39:07 | 浏览:8680`` or ``来源:人民网`` are read
near the story (its top, just before it, then just after it), where datelines and bylines
sit. Each field has its module: ``dates`` (the publish time: the dateline the page shows
wins over the head when they disagree), ``publisher`` (来源) and ``bylines`` (authors, each
checked by ``names``). For the names and the publisher, EMPTY BEATS WRONG: a value that does
not have the shape of what it claims to be is left out, whatever place it came from.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml import etree

from huaibei_reader.extract import bylines, dates
from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract import publisher as pub
from huaibei_reader.extract.dates import parse_datetime
from huaibei_reader.extract.dom import Unit, clean_text

_DATE_META_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "publishtime",
    "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created", "date", "sailthru.date",
    "parsely-pub-date", "article.published", "published-date", "release_date", "created",
    "og:time", "og:release_date", "apub:time", "publishedtime", "firstpublishedtime",
    "weibo:article:create_at",
)
# Last resort only: when the page was changed is not when it was published.
_MODIFIED_META_KEYS = ("og:updated_time", "article:modified_time", "lastmod", "dc.date.modified")
# JSON-LD objects read from one page, at most (a page holds a handful; a hostile one more).
JSONLD_OBJECTS_MAX = 50
# A headline the JSON-LD declares is at least this long (shorter is a label).
HEADLINE_CHARS_MIN = 4
# Lines searched for a dateline: the story's first lines, and the lines above it.
TOP_LINES = 6
BEFORE_LINES = 40
NEAR_BEFORE_LINES = 12
# A bare date (no label) is the story's only this close above it: further up it is a top
# bar's or a sidebar's.
BARE_DATE_LINES_ABOVE = 20
# After the story: its last lines and the lines that follow it.
TAIL_LINES = 4
AFTER_LINES = 25
# A name line under the headline stands within the story's first lines.
NAME_LINE_REACH = 3
# A view-count line ("浏览:8680") is short.
VIEWS_LINE_CHARS_MAX = 120
# Share of Han characters above which undeclared text is Chinese.
HAN_SHARE_ZH = 0.2
LANG_SAMPLE_CHARS = 2000
VIEW_COUNT = re.compile(
    r"(?:浏览|阅读|点击|浏览次数|阅读次数|点击数|人气)\s*[:：]?\s*(\d{1,9})\s*次?")


@dataclass
class HeadInfo:
    """What the page head and structured data say."""

    meta: dict[str, str] = field(default_factory=dict)
    title_tag: str = ""
    canonical: str | None = None
    lang: str | None = None
    jsonld: list[dict[str, Any]] = field(default_factory=list)


def read_head(root: etree._Element) -> HeadInfo:
    """Meta tags, <title>, canonical link, lang and JSON-LD objects (before cleaning)."""
    info = HeadInfo()
    for m in root.iter("meta"):
        keys = (m.get("property") or m.get("name") or m.get("itemprop") or "").lower().split()
        content = m.get("content")
        if content:
            for key in keys:  # property="og:title twitter:title" names two at once
                if key not in info.meta:
                    info.meta[key] = content.strip()
        if m.get("http-equiv", "").lower() == "content-language" and content:
            info.meta.setdefault("content-language", content.strip())
    t = root.find(".//title")
    if t is not None:
        info.title_tag = clean_text("".join(t.itertext()))
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            info.canonical = link.get("href").strip()
            break
    lang = root.get("lang") or root.get("xml:lang")
    info.lang = lang.strip() if lang else None
    for s in root.iter("script"):
        if (s.get("type") or "").lower() == "application/ld+json" and s.text:
            raw = s.text.strip()
            for wrapper in ("//<![CDATA[", "<![CDATA[", "<!--"):
                raw = raw.removeprefix(wrapper)
            for wrapper in ("//]]>", "]]>", "-->"):
                raw = raw.removesuffix(wrapper)
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            info.jsonld.extend(_flatten_jsonld(data))
    return info


def _flatten_jsonld(data: object) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = [data]
    while stack and len(out) < JSONLD_OBJECTS_MAX:
        d = stack.pop()
        if isinstance(d, list):
            stack.extend(d)
        elif isinstance(d, dict):
            out.append(d)
            graph = d.get("@graph")
            if isinstance(graph, list):
                stack.extend(graph)
    return out


_WORD = re.compile(r"[\u3400-\u9fff]|[^\W_\u3400-\u9fff]+")


def declared_headline(info: HeadInfo) -> str:
    """The headline the publisher declares for the article itself, if any.

    JSON-LD ``headline`` of an article object and Dublin Core ``dc:title`` name the story,
    where ``og:title`` and ``<title>`` are often shortened or carry the site's name.
    """
    title_words = set(_WORD.findall((info.title_tag + " " + info.meta.get("og:title", ""))
                                    .lower()))
    for d in info.jsonld:
        kind = d.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report"))
                   for k in kinds):
            continue
        # "headline" is sometimes a description and "name" the title: keep the one the
        # page's own <title> agrees with
        best, best_share = "", -1.0
        for field_name in ("headline", "name"):
            value = d.get(field_name)
            if not isinstance(value, str):
                continue
            text = clean_text(html.unescape(value))
            words = _WORD.findall(text.lower())
            if len(text) < HEADLINE_CHARS_MIN or not words:
                continue
            share = sum(1 for w in words if w in title_words) / len(words)
            if share > best_share:
                best, best_share = text, share
        if best:
            return best
    for key in ("dc:title", "dcterm:title", "dcterms:title", "dc.title"):
        text = clean_text(info.meta.get(key, ""))
        if len(text) >= HEADLINE_CHARS_MIN:
            return text
    return ""


def _jsonld_article(info: HeadInfo) -> dict[str, Any] | None:
    for d in info.jsonld:
        kind = d.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report",
                                                               "WebPage", "Posting"))
               for k in kinds) and (d.get("headline") or d.get("datePublished")):
            return d
    return None


def head_published(info: HeadInfo, root: etree._Element) -> datetime | None:
    """The publish time the head declares: JSON-LD, then meta tags, then a ``<time>``."""
    art = _jsonld_article(info)
    articles = [art] if art else []
    articles += [d for d in info.jsonld if d is not art]
    dt = dates.jsonld_published(articles)
    if dt:
        return dt
    for key in _DATE_META_KEYS:
        v = info.meta.get(key)
        if v:
            dt = parse_datetime(v)
            if dt:
                return dt
    return dates.time_element(root)


def modified_date(info: HeadInfo) -> datetime | None:
    for key in _MODIFIED_META_KEYS:
        v = info.meta.get(key)
        dt = parse_datetime(v) if v else None
        if dt:
            return dt
    return None


url_date = dates.url_date


def near_order(n_units: int, start: int, end: int) -> list[int]:
    """Unit indexes to search for datelines: the story's top, just before it, its end, after."""
    return top_order(start, end) + after_order(n_units, start, end)


def top_order(start: int, end: int) -> list[int]:
    top = list(range(start, min(end, start + TOP_LINES)))
    before = list(range(start - 1, max(-1, start - BEFORE_LINES), -1))
    return top + before


def before_order(start: int) -> list[int]:
    return list(range(start - 1, max(-1, start - NEAR_BEFORE_LINES), -1))


def after_order(n_units: int, start: int, end: int) -> list[int]:
    tail = list(range(max(start + TOP_LINES, end - TAIL_LINES), end))
    after = list(range(end, min(n_units, end + AFTER_LINES)))
    return tail + after


def find_published(info: HeadInfo, root: etree._Element, units: list[Unit],
                   near: list[int], after: list[int], url: str, *, story: range = range(0),
                   after_all: list[int] | None = None,
                   memo: dict[etree._Element, bool] | None = None) -> datetime | None:
    """The publish time: the dateline shown near the story reconciled with the head (see
    ``dates.choose``), then a dateline after the story, then a labelled one anywhere further
    in the ``story`` range or after it, furniture included, first in page order (a blog
    post's footer comes before its comments), the address, the edit time. ``memo``: the
    verdicts on comment elements, shared by the metadata searches of one page."""
    start = story.start if story else 0
    memo = {} if memo is None else memo
    near, after = _own(units, near, memo), _own(units, after, memo)
    seen = dates.visible_published(units, near, bare_from=start - BARE_DATE_LINES_ABOVE)
    head = head_published(info, root)
    from_url = url_date(url)
    if head is None and seen is not None and not seen.strong and from_url is not None \
            and from_url.date() != seen.when.date():
        return from_url  # a bare date on a short line that the address contradicts
    chosen = dates.choose(head, seen)
    if chosen is None:
        looked = set(near)
        further = [i for i in story if i not in looked] + \
            [i for i in after_all or [] if i not in looked and i not in story]
        further = _own(units, further, memo)
        later = dates.visible_published(units, after) or \
            dates.visible_published(units, further, labelled_only=True)
        chosen = later.when if later else None
    return chosen or from_url or modified_date(info)


# Furniture that holds other people's words: a date there is a comment's, never the story's.
COMMENT_NAMES = re.compile(r"comment|disqus|respond|reply|pinglun|liuyan", re.I)


_COMMENT_STEMS = ("comment", "disqus", "respond", "reply", "pinglun", "liuyan")


def _named_comments(el: etree._Element, memo: dict[etree._Element, bool]) -> bool:
    """The element or one of its ancestors is named as comments (memoised per element)."""
    chain = []
    verdict = False
    node: etree._Element | None = el
    while node is not None:
        known = memo.get(node)
        if known is not None:
            verdict = known
            break
        chain.append(node)
        cls, ident = node.get("class"), node.get("id")
        if cls or ident:
            names = f"{cls or ''} {ident or ''}".lower()
            if any(s in names for s in _COMMENT_STEMS) and COMMENT_NAMES.search(names):
                verdict = True
                break
        node = node.getparent()
    for n in chain:
        memo[n] = verdict
    return verdict


def _own(units: list[Unit], order: list[int], memo: dict[etree._Element, bool]) -> list[int]:
    """``order`` without the lines of comments: a commenter's 作者, 来源 or 发表于 is not
    the story's. Comments are page furniture, so only lines marked as furniture are looked
    at (``memo`` keeps the verdict on each element for the next call)."""
    return [i for i in order
            if units[i].furniture is None or not _named_comments(units[i].owner, memo)]


def find_publisher(units: list[Unit], order: list[int], top: list[int], info: HeadInfo,
                   title_at: int | None = None, story: range = range(0),
                   memo: dict[etree._Element, bool] | None = None) -> str | None:
    """The original publisher (来源), checked by ``publisher.is_publisher``.

    A labelled ``来源:`` line near the story or in it (``story``: its lines; the label may
    stand after the last paragraph, inside a range that runs on); else an element the markup
    names as the
    source, or a publisher-shaped part of the dateline row; else a publisher printed alone
    on a line at the top of the story (below the headline ``title_at`` when it is known);
    else ``<meta name=source>``. ``memo``: as for ``find_published``.
    """
    memo = {} if memo is None else memo
    order, top = _own(units, order, memo), _own(units, top, memo)
    seen_lines = set(order)
    middle = _own(units, [i for i in story if i not in seen_lines], memo)
    lines = [i for i in order[:len(top)] + middle + order[len(top):]
             if units[i].kind != "image" and units[i].chars <= pub.BYLINE_ROW_CHARS_MAX]
    for i in lines:
        found = pub.labelled(units[i])
        if found:
            return found
    seen = dates.visible_published(units, top)
    markup = pub.SourceMarkup()
    for i in order:
        if units[i].kind == "image" or units[i].chars > pub.BYLINE_ROW_CHARS_MAX:
            continue
        found = pub.named(units[i], markup) or pub.in_dateline(units[i], seen is not None
                                                         and seen.line == i)
        if found:
            return found
    story_top = sorted(i for i in top[:pub.LINE_REACH + TOP_LINES]
                       if (title_at is None and i in top[:TOP_LINES])
                       or (title_at is not None and i > title_at))
    for i in story_top[:pub.LINE_REACH + 1]:
        found = pub.alone_on_its_line(units[i])
        if found:
            return found
    meta = pub.clean(info.meta.get("source", ""))
    return meta if meta and pub.is_publisher(meta) else None


def find_authors(units: list[Unit], root: etree._Element, info: HeadInfo, *, start: int,
                 end: int, top: list[int], after: list[int], after_all: list[int],
                 reporters: tuple[str, ...],
                 memo: dict[etree._Element, bool] | None = None) -> tuple[str, ...]:
    """The writers, most explicit evidence first; each name checked (see ``bylines``).

    Bylines are read in the furniture after the story too (a blog post's footer), but never
    among comments: a commenter signs as 作者 or 发表于 too. ``memo``: as for
    ``find_published``."""
    near_title = before_order(start)[:TOP_LINES] + \
        list(range(start, min(end, start + NAME_LINE_REACH)))
    memo = {} if memo is None else memo
    top, after = _own(units, top, memo), _own(units, after, memo)
    own_after = _own(units, after_all, memo)
    return (bylines.visible_authors(units, top, top + own_after) or reporters
            or bylines.markup_authors(root)
            or bylines.head_authors(_jsonld_article(info), info.meta)
            or bylines.name_line_authors(units, near_title)
            or bylines.visible_authors(units, after)
            or bylines.by_nick(units, top + own_after, story_start=start))


split_names = bylines.split_names
visible_authors = bylines.visible_authors
trailing_reporters = bylines.trailing_reporters


def visible_views(units: list[Unit], order: list[int]) -> int | None:
    for i in order:
        u = units[i]
        if u.kind == "image" or u.chars > VIEWS_LINE_CHARS_MAX:
            continue
        m = VIEW_COUNT.search(u.text)
        if m:
            return int(m.group(1))
    return None


def guess_lang(info: HeadInfo, text: str) -> str | None:
    if info.lang:
        return info.lang
    for key in ("content-language", "og:locale", "language", "dc.language"):
        v = info.meta.get(key)
        if v:
            return v.replace("_", "-")
    sample = text[:LANG_SAMPLE_CHARS]
    if sample and len(pt.CJK.findall(sample)) > HAN_SHARE_ZH * len(sample):
        return "zh"
    return None
