"""Metadata from the page head (meta, OpenGraph, JSON-LD) and from visible lines.

Visible lines such as ``时间:2022-10-01 13:39:07 | 浏览:8680`` or ``来源:人民网`` are read
near the story (just before it, at its top, then just after it), where datelines and
bylines sit; the head's machine-readable fields are used first where they exist.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from lxml import etree

from huaibei_reader.extract import bylines
from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract.dom import Unit, clean_text


def _shanghai() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Shanghai")
    except Exception:  # no tz database (some Windows installs): China has used +08:00 since 1991
        return timezone(timedelta(hours=8), "Asia/Shanghai")


SHANGHAI = _shanghai()

_ISO = re.compile(r"(?P<y>\d{4})-?(?P<m>\d\d)-?(?P<d>\d\d)(?:[T\s](?P<H>\d\d):?(?P<M>\d\d)"
                  r"(?::?(?P<S>\d\d)(?:\.\d+)?)?\s*(?P<z>Z|[+-]\d\d:?\d\d)?)?")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[-/_]?([01]\d)[-/_]?([0-3]\d)(?:/|[^\d])")
_AUTHOR_JUNK = re.compile(r"^(本报|本网|本站|记者|通讯员|实习生|特约|见习|作者|文|图|摄影?|编辑)+")
_NOT_NAME_WORDS = re.compile(r"(记者|通讯员|报道|编辑|发自|来源|日报|晚报|新闻|网)$")
_NAME_SPLIT = re.compile(r"\s*(?:[、，,;；/]|\band\b|\s和\s|\s+)\s*")
_NOT_A_NAME = re.compile(r"https?://|www\.|\.com|\d{3,}|[。！？]")

_DATE_META_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "publishtime",
    "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created", "date", "sailthru.date",
    "parsely-pub-date", "article.published", "published-date", "release_date", "created",
)
# Last resort only: when the page was changed is not when it was published.
_MODIFIED_META_KEYS = ("og:updated_time", "article:modified_time", "lastmod", "dc.date.modified")
_AUTHOR_META_KEYS = ("author", "article:author", "dc.creator", "dcterms.creator", "byl",
                     "parsely-author", "sailthru.author", "og:article:author", "twitter:creator")


@dataclass
class HeadInfo:
    """What the page head and structured data say."""

    meta: dict[str, str] = field(default_factory=dict)
    title_tag: str = ""
    canonical: str | None = None
    lang: str | None = None
    jsonld: list[dict] = field(default_factory=list)


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
                if raw.startswith(wrapper):
                    raw = raw[len(wrapper):]
            for wrapper in ("//]]>", "]]>", "-->"):
                if raw.endswith(wrapper):
                    raw = raw[:-len(wrapper)]
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            info.jsonld.extend(_flatten_jsonld(data))
    return info


def _flatten_jsonld(data: object) -> list[dict]:
    out: list[dict] = []
    stack = [data]
    while stack and len(out) < 50:
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
            if len(text) < 4 or not words:
                continue
            share = sum(1 for w in words if w in title_words) / len(words)
            if share > best_share:
                best, best_share = text, share
        if best:
            return best
    for key in ("dc:title", "dcterm:title", "dcterms:title", "dc.title"):
        text = clean_text(info.meta.get(key, ""))
        if len(text) >= 4:
            return text
    return ""


def _jsonld_article(info: HeadInfo) -> dict | None:
    for d in info.jsonld:
        kind = d.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report",
                                                               "WebPage", "Posting"))
               for k in kinds) and (d.get("headline") or d.get("datePublished")):
            return d
    return None


def parse_datetime(text: str) -> datetime | None:
    """A timezone-aware datetime from ISO or Chinese date text; naive means Asia/Shanghai."""
    text = text.strip()
    m = _ISO.match(text)
    if m:
        dt = _build(m.group("y"), m.group("m"), m.group("d"), m.group("H"), m.group("M"),
                    m.group("S"))
        if dt is not None:
            z = m.group("z")
            if z:
                if z == "Z":
                    return dt.replace(tzinfo=UTC)
                sign = 1 if z[0] == "+" else -1
                hh, mm = int(z[1:3]), int(z[-2:])
                return dt.replace(tzinfo=timezone(sign * timedelta(hours=hh, minutes=mm)))
            return dt.replace(tzinfo=SHANGHAI)
    m = pt.DATE_IN_TEXT.search(text)
    if m:
        dt = _build(m.group("y"), m.group("m"), m.group("d"), m.group("H"), m.group("M"),
                    m.group("S"))
        if dt is not None:
            return dt.replace(tzinfo=SHANGHAI)
    return _parse_english_date(text)


_MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}
_EN_DATE = re.compile(r"\b(?:(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})|([A-Za-z]{3,9})\.?\s+"
                      r"(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))")


def _parse_english_date(text: str) -> datetime | None:
    m = _EN_DATE.search(text)
    if not m:
        return None
    if m.group(1):
        day, mon, year = m.group(1), m.group(2), m.group(3)
    else:
        mon, day, year = m.group(4), m.group(5), m.group(6)
    month = _MONTHS.get(mon[:3].lower())
    if not month:
        return None
    dt = _build(year, str(month), day, None, None, None)
    return dt.replace(tzinfo=SHANGHAI) if dt else None


def _build(y, mo, d, hh, mi, ss) -> datetime | None:
    try:
        year = int(y)
        if not 1990 <= year <= 2100:
            return None
        return datetime(year, int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0))
    except (TypeError, ValueError):
        return None


def head_published(info: HeadInfo, root: etree._Element) -> datetime | None:
    art = _jsonld_article(info)
    candidates = [art] if art else []
    candidates += [d for d in info.jsonld if d is not art and isinstance(d.get("datePublished"),
                                                                          str)]
    for d in candidates:
        if isinstance(d.get("datePublished"), str):
            dt = parse_datetime(d["datePublished"])
            if dt:
                return dt
    for key in _DATE_META_KEYS:
        v = info.meta.get(key)
        if v:
            dt = parse_datetime(v)
            if dt:
                return dt
    for t in root.iter("time"):
        v = t.get("datetime") or ""
        dt = parse_datetime(v) if v else None
        if dt:
            return dt
    return None


def modified_date(info: HeadInfo) -> datetime | None:
    for key in _MODIFIED_META_KEYS:
        v = info.meta.get(key)
        dt = parse_datetime(v) if v else None
        if dt:
            return dt
    return None


def url_date(url: str) -> datetime | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    dt = _build(m.group(1), m.group(2), m.group(3), None, None, None)
    return dt.replace(tzinfo=SHANGHAI) if dt else None


def near_order(n_units: int, start: int, end: int) -> list[int]:
    """Unit indexes to search for datelines: the story's top, just before it, its end, after."""
    return top_order(start, end) + after_order(n_units, start, end)


def top_order(start: int, end: int) -> list[int]:
    top = list(range(start, min(end, start + 6)))
    before = list(range(start - 1, max(-1, start - 40), -1))
    return top + before


def before_order(start: int) -> list[int]:
    return list(range(start - 1, max(-1, start - 12), -1))


def after_order(n_units: int, start: int, end: int) -> list[int]:
    tail = list(range(max(start + 6, end - 4), end))
    after = list(range(end, min(n_units, end + 25)))
    return tail + after


def visible_published(units: list[Unit], order: list[int]) -> datetime | None:
    """A dateline: a labelled date line first, else the date on the nearest short line.

    Numeric datelines ("2022-10-01 13:39", "2005年3月21日") are looked for first; dates
    written in English words only when the page shows none.
    """
    return _visible_date(units, order, english=False) or \
        _visible_date(units, order, english=True)


def _visible_date(units: list[Unit], order: list[int], *, english: bool) -> datetime | None:
    fallback: datetime | None = None
    for i in order:
        u = units[i]
        if u.kind == "image" or u.chars > 120:
            continue
        if not english:
            m = pt.DATE_IN_TEXT.search(u.text)
            dt = _build(m.group("y"), m.group("m"), m.group("d"), m.group("H"), m.group("M"),
                        m.group("S")) if m else None
        else:
            m = pt.EN_DATE.search(u.text) if u.chars <= 80 else None
            parsed = _parse_english_date(m.group(0)) if m else None
            dt = parsed.replace(tzinfo=None) if parsed else None
        if dt is None or m is None:
            continue
        prefix = u.text[:m.start()]
        if pt.DATE_LABEL.search(prefix[-12:]) or (pt.META_LINE.search(u.text)
                                                   and "。" not in u.text):
            return dt.replace(tzinfo=SHANGHAI)
        # an unlabelled date counts only on a dateline, not inside a sentence of the story
        if fallback is None and u.chars - (m.end() - m.start()) <= 30 and "。" not in u.text:
            fallback = dt.replace(tzinfo=SHANGHAI)
    return fallback


def split_names(text: str) -> tuple[str, ...]:
    """Names from a byline fragment: "记者 韩惠 胡文静" -> ("韩惠", "胡文静")."""
    names: list[str] = []
    for part in _NAME_SPLIT.split(text.strip()):
        part = _AUTHOR_JUNK.sub("", part.strip(" :：()（）[]【】\"'")).strip()
        if not part or _NOT_A_NAME.search(part) or len(part) > 30 or _NOT_NAME_WORDS.search(part):
            continue
        if part.lower() in ("by", "and", "staff", "the") or pt.NO_ONE.match(part):
            continue
        if part not in names:
            names.append(part)
    return tuple(names[:6])


def _english_byline(text: str) -> tuple[str, ...]:
    text = re.sub(r"^\s*(by|written by|posted by)\s+", "", text.strip(), flags=re.I)
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", text)
    return tuple(p.strip() for p in parts if 2 <= len(p.strip()) <= 40
                 and not _NOT_A_NAME.search(p))[:6]


def head_authors(info: HeadInfo) -> tuple[str, ...]:
    art = _jsonld_article(info)
    if art:
        a = art.get("author")
        items = a if isinstance(a, list) else [a]
        names = []
        for item in items:
            name = item.get("name") if isinstance(item, dict) else item
            if isinstance(name, str) and name.strip() and not name.startswith("http"):
                names.append(clean_text(name))
        if names:
            return tuple(names[:6])
    for key in _AUTHOR_META_KEYS:
        v = info.meta.get(key)
        if v and not v.startswith("http") and not v.startswith("@"):
            if pt.CJK.search(v):
                return split_names(v)
            return _english_byline(v)
    return ()


def _byline_units(units: list[Unit], order: list[int]) -> list[Unit]:
    return [units[i] for i in order
            if units[i].kind != "image" and units[i].chars <= 150
            and units[i].link_chars <= 0.5 * units[i].chars]


# A nickname mixing Chinese with other characters: "放飞&心情", "小鱼2008", "阿牛_bj".
_MIXED_NICK = re.compile(r"^(?=.*[\u4e00-\u9fff])(?=.*[^\u4e00-\u9fff])[\w&.·-]{2,20}$")


def _labelled_units(units: list[Unit], order: list[int]) -> list[Unit]:
    """Lines that may hold a labelled byline: short ones may be mostly a linked name."""
    return [units[i] for i in order
            if units[i].kind != "image" and units[i].chars <= 150
            and (units[i].link_chars <= 0.5 * units[i].chars or units[i].chars <= 40)]


def visible_authors(units: list[Unit], order: list[int],
                    labelled_order: list[int] | None = None) -> tuple[str, ...]:
    """Names from a byline: a labelled 作者 first (searched in ``labelled_order``, which may
    reach into page furniture such as a blog post's footer), then 记者 lines, then "By"."""
    candidates = _byline_units(units, order)
    for u in _labelled_units(units, labelled_order if labelled_order is not None else order):
        m = pt.AUTHOR_NICK.search(u.text)
        if not m:
            continue
        # a forum or blog links the poster's name to a profile; the label itself is not a link
        label_chars = len(u.text[:m.start("names")]) - u.text[:m.start("names")].count(" ")
        if u.link_chars > 0.5 * u.chars and u.link_chars > u.chars - label_chars:
            continue
        raw = m.group("names").strip()
        if pt.NO_ONE.match(raw):  # "发布者：admin" names an account, not a writer
            continue
        if pt.CJK.search(raw):
            rest = "作者 " + u.text[m.start("names"):]
            m2 = pt.AUTHOR_CJK.search(rest)
            names = split_names(m2.group("names")) if m2 else ()
            if names:
                return bylines.with_alias(names, rest[m2.end("names"):])
            if _MIXED_NICK.match(raw):  # "放飞&心情": a nickname, not a name to split
                return (raw,)
        elif raw:
            return (raw,)
    for u in candidates:
        m = pt.AUTHOR_CJK.search(u.text)
        if m:
            names = split_names(m.group("names"))
            if names:
                return names
    for u in candidates:
        if u.chars < 80:
            m = pt.AUTHOR_EN.search(u.text)
            if m:
                names = _english_byline(m.group("names"))
                if names:
                    return names
    return ()


# A link to a blog's author page by query, WordPress style: "/?author=102" (nothing else
# in the query: "?cat=3&author=102" lists one author's posts in a category).
_AUTHOR_PAGE_QUERY = re.compile(r"\?author=[\w-]+$")


def _author_elements(root: etree._Element) -> list[etree._Element]:
    found = []
    for el in root.iter():
        if el.get("itemprop") == "author" or el.get("rel") == "author":
            found.append(el)
            continue
        cls = el.get("class")
        if cls and ("author" in cls or "byline" in cls):
            found.append(el)
            continue
        href = el.get("href")
        if href and ("/author/" in href or _AUTHOR_PAGE_QUERY.search(href)):
            found.append(el)
        if len(found) >= 12:
            break
    return found


_BY_PREFIX = re.compile(r"^\s*(by|written by|posted by|par|von|di|por)\s+", re.I)


def markup_authors(root: etree._Element) -> tuple[str, ...]:
    """Names the markup calls the author: itemprop=author, rel=author, author classes."""
    for el in _author_elements(root):
        name_el = el.find('.//*[@itemprop="name"]')
        source = name_el if name_el is not None else el
        text = clean_text("".join(source.itertext())) or (source.get("content") or "").strip()
        text = _BY_PREFIX.sub("", text)
        shortest = 2 if pt.CJK.search(text) else 3  # "刘涛": Chinese names may be two characters
        if not shortest <= len(text) <= 60 or re.search(r"\d{2}|@|https?:", text):
            continue
        if pt.CJK.search(text):
            m = pt.AUTHOR_CJK.search("作者 " + re.sub(r"^(作者|记者|文)\s*[:：]?\s*", "", text))
            names = split_names(m.group("names")) if m else ()
        else:
            names = _english_byline(text)
        if names:
            return names
    return ()


def name_line_authors(units: list[Unit], order: list[int]) -> tuple[str, ...]:
    """A line holding nothing but Chinese personal names next to the headline: a byline."""
    for i in order:
        u = units[i]
        if u.kind not in ("text", "heading") or u.chars > 20 or u.link_chars:
            continue
        if not pt.NAME_LINE.match(u.text):
            continue
        names = [n for n in re.split(r"[\s、，,]+", u.text) if n]
        if len(names) == 1 and len(names[0]) == 4 and names[0][:2] not in pt.COMPOUND_SURNAMES:
            continue  # "高考特辑": four characters alone are a name only after 欧阳, 司马...
        if names and all(n[0] in pt.SURNAMES for n in names) and \
                not any(pt.NOT_NAME_LINE.match(n) for n in names):
            return tuple(names)
    return bylines.name_under_headline(units, order)


def by_nick(units: list[Unit], order: list[int], *,
            story_start: int | None = None) -> tuple[str, ...]:
    """A poster or blogger signing a post: "... 22:36:13 by duscha", "海姑娘写于2005年...",
    "由海姑娘张贴 @ 2005-03-21"; else the owner a blog's header above ``story_start`` (the
    story's first unit; ``order[0]`` when not given) names ("远山的博客").
    An editor's credit (责任编辑) is never an author."""
    for i in order:
        u = units[i]
        if u.kind == "image" or u.chars > 80:
            continue
        m = pt.BY_NICK.search(u.text)
        if m:
            return (m.group("names"),)
        signed = bylines.signed_post(units, [i])
        if signed:
            return signed
    # the blog's header above the post, the last resort
    if story_start is None:
        story_start = order[0] if order else None
    return bylines.blog_owner(units, story_start) if story_start is not None else ()


def trailing_reporters(text: str) -> tuple[str, ...]:
    m = pt.TRAILING_REPORTERS.search(text[-40:])
    return split_names(m.group(1)) if m else ()


def visible_source(units: list[Unit], order: list[int]) -> str | None:
    """The original publisher: a labelled 来源 line, else a short line marked as the source."""
    for i in order:
        u = units[i]
        if u.kind == "image" or u.chars > 150:
            continue
        m = pt.SOURCE_LABEL.search(u.text)
        if m:
            return m.group(1).strip()
    for i in order:
        u = units[i]
        if u.kind != "text" or not 2 <= u.chars <= 30:
            continue
        el = u.owner
        names = (el.get("class") or "") + " " + (el.get("id") or "")
        if len(names) > 1 and pt.SOURCE_NAMES.search(names):
            return re.sub(r"^(来源|稿源|出处)\s*[:：]?\s*", "", u.text).strip() or None
    return None


def visible_views(units: list[Unit], order: list[int]) -> int | None:
    for i in order:
        u = units[i]
        if u.kind == "image" or u.chars > 120:
            continue
        m = pt.VIEW_COUNT.search(u.text)
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
    sample = text[:2000]
    if sample and len(pt.CJK.findall(sample)) > 0.2 * len(sample):
        return "zh"
    return None
