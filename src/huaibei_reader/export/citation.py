"""References for quotes and articles: GB/T 7714-2015, APA 7 and Chicago (17th, bibliography).

GB/T 7714-2015 (4.8, 8.x) for an online article, as the issue asks:

    主要责任者. 题名[EB/OL]. (发布日期)[引用日期]. 获取和访问路径.

Rules applied, following the standard:
- punctuation is the standard's own: half-width ". " between elements, ", " between names,
  no space before ``[EB/OL]``, ``(YYYY-MM-DD)`` for the publication/update date and
  ``[YYYY-MM-DD]`` for the date cited (8.8.2, GB/T 7408 date form); the entry ends with "."
  even after the URL;
- up to three authors are all given; past three, the first three then ", 等" (", et al" for
  Latin-script references) (8.1.2); Chinese names stay whole; Latin names become
  ``FAMILY G M`` (family name in capitals, initials without points, 8.1.1);
- no personal author: the publisher (see below) stands as the responsible organisation
  (8.1.3); with none the element is left out, as the numeric system allows (8.1.4), and the
  entry starts with the title;
- no publication date: the parentheses are left out and only ``[引用日期]`` remains.

Who published it, the same in the three styles: the original publisher (来源, ``publisher``)
published the work; ``site_name`` is the site whose copy was read (the URL's). Without a 来源
the site is taken as the publisher (a site's own story). With no person named, that publisher
stands as the author: GB/T 7714's 主要责任者 (8.1.3), APA's group author, Chicago's
organisation as author; the reposting site never does. APA and Chicago then name the site
after the title (their website element): "P (reposted by S)" when people wrote it, "S" when P
is already the author, nothing when the site is the author. GB/T 7714 has no website element
for online resources: the site shows only through the URL.

Dates: the publication date is printed in the article's own time zone (its published offset),
so a story published at 2022-10-01 00:30 +08:00 is cited as 2022-10-01 (without an offset,
Beijing time for Chinese references and UTC for others). The access date (引用日期, "Accessed")
is the reader's own local date, the one their clipping shows.

Chicago puts the title in double quotation marks; quotation marks inside it alternate
(“…‘快进键’…”), as in a quote copied with its reference.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from huaibei_reader.errors import InputError
from huaibei_reader.models import Citation, LibraryArticle

STYLES = ("gbt7714", "apa", "chicago")
STYLE_NAMES = {"gbt7714": "GB/T 7714-2015", "apa": "APA 7", "chicago": "Chicago"}

BEIJING = timezone(timedelta(hours=8), "CST")

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def is_chinese(citation: Citation) -> bool:
    """Chinese by declared language, else by the script of the title."""
    if citation.lang:
        return citation.lang.lower().startswith("zh")
    return bool(_CJK.search(citation.title))


def default_style(citation: Citation) -> str:
    """GB/T 7714 for Chinese articles, APA for the others."""
    return "gbt7714" if is_chinese(citation) else "apa"


def citation_for(item: LibraryArticle, retrieved_at: datetime | None = None) -> Citation:
    """The citation data of a stored article, retrieved when its current text was fetched."""
    a = item.article
    return Citation(
        title=a.title,
        url=a.canonical_url or a.url,
        retrieved_at=retrieved_at or item.fetched_at,
        publisher=a.publisher,
        site_name=a.site_name or item.source_name,
        authors=tuple(a.authors),
        published=a.published,
        lang=a.lang,
    )


def format_citation(citation: Citation, style: str | None = None) -> str:
    """One reference as plain text in ``style`` (None: the default for its language)."""
    style = style or default_style(citation)
    if style == "gbt7714":
        return gbt7714(citation)
    if style == "apa":
        return apa(citation)
    if style == "chicago":
        return chicago(citation)
    raise InputError(f"unknown citation style {style!r} (choose from {', '.join(STYLES)})")


def with_quote(quote: str, citation: Citation, style: str | None = None) -> str:
    """What "copy with citation" puts on the clipboard: the quote, then its reference."""
    return f"{quoted(quote.strip())}\n\n{format_citation(citation, style)}"


def quoted(text: str) -> str:
    """``text`` in double quotation marks, the quotation marks inside it alternated."""
    return f"\u201c{_alternate_quotes(text)}\u201d"


def _alternate_quotes(text: str) -> str:
    """Double quotation marks become single ones and single ones double (“…” -> ‘…’);
    straight double quotes pair up as single ones; an apostrophe (don’t) stays."""
    out = []
    open_single = 0
    straight_open = False
    for i, ch in enumerate(text):
        if ch == "\u201c":
            out.append("\u2018")
        elif ch == "\u201d":
            out.append("\u2019")
        elif ch == '"':
            out.append("\u2019" if straight_open else "\u2018")
            straight_open = not straight_open
        elif ch == "\u2018":
            open_single += 1
            out.append("\u201c")
        elif ch == "\u2019":
            between_letters = (0 < i < len(text) - 1 and text[i - 1].isalnum()
                               and text[i + 1].isalnum())
            if open_single and not between_letters:
                open_single -= 1
                out.append("\u201d")
            else:
                out.append(ch)
        else:
            out.append(ch)
    return "".join(out)


# --- time zones and dates --------------------------------------------------------------


def _zone(citation: Citation) -> tzinfo:
    if citation.published is not None and citation.published.tzinfo is not None:
        return citation.published.tzinfo
    return BEIJING if is_chinese(citation) else UTC


def _local(moment: datetime, zone: tzinfo) -> datetime:
    if moment.tzinfo is None:  # naive: already local to the article
        return moment
    return moment.astimezone(zone)


def _iso_date(moment: datetime, zone: tzinfo) -> str:
    return _local(moment, zone).strftime("%Y-%m-%d")


def _long_date(moment: datetime, zone: tzinfo) -> str:
    m = _local(moment, zone)
    return f"{_MONTHS[m.month - 1]} {m.day}, {m.year}"


def _accessed(moment: datetime) -> datetime:
    """The access moment in the reader's local time zone (naive: taken as local already)."""
    return moment.astimezone() if moment.tzinfo is not None else moment


def _access_iso(moment: datetime) -> str:
    return _accessed(moment).strftime("%Y-%m-%d")


def _access_long(moment: datetime) -> str:
    m = _accessed(moment)
    return f"{_MONTHS[m.month - 1]} {m.day}, {m.year}"


# --- names -------------------------------------------------------------------------------


def _is_cjk_name(name: str) -> bool:
    return bool(_CJK.search(name))


def _split_latin(name: str) -> tuple[str, list[str]]:
    """(family, given names) of a Latin-script name, "Given Family" or "Family, Given"."""
    if "," in name:
        family, _, given = name.partition(",")
        return family.strip(), given.split()
    parts = name.split()
    if len(parts) == 1:
        return parts[0], []
    return parts[-1], parts[:-1]


def _initials(given: list[str], *, points: bool) -> list[str]:
    out = []
    for g in given:
        pieces = [p for p in g.replace(".", " ").split("-") if p.strip()]
        letters = ["".join(w[0] for w in p.split()) for p in pieces]
        if points:
            out.append("-".join(f"{x}." for x in letters))
        else:
            out.extend(letters)
    return out


def _gbt_name(name: str) -> str:
    name = name.strip()
    if _is_cjk_name(name):
        return name
    family, given = _split_latin(name)
    return " ".join([family.upper(), *_initials(given, points=False)])


def _apa_name(name: str) -> str:
    name = name.strip()
    if _is_cjk_name(name):
        return name
    family, given = _split_latin(name)
    initials = " ".join(_initials(given, points=True))
    return f"{family}, {initials}" if initials else family


def _chicago_name(name: str, *, first: bool) -> str:
    name = name.strip()
    if _is_cjk_name(name) or not first:
        return name
    family, given = _split_latin(name)
    return f"{family}, {' '.join(given)}" if given else family


def _authors(citation: Citation) -> list[str]:
    return [a.strip() for a in citation.authors if a and a.strip()]


def _end(text: str, mark: str = ".") -> str:
    """``text`` closed by ``mark`` unless it already ends with a closing punctuation."""
    text = text.rstrip()
    if text.endswith((".", "?", "!", "。", "？", "！")):
        return text
    return text + mark


# --- the styles ----------------------------------------------------------------------------


def gbt7714(citation: Citation) -> str:
    """GB/T 7714-2015, electronic resource ``[EB/OL]`` (see the module docstring)."""
    zone = _zone(citation)
    chinese = is_chinese(citation)
    names = [_gbt_name(a) for a in _authors(citation)]
    if len(names) > 3:
        names = [*names[:3], "等" if chinese else "et al"]
    responsible = ", ".join(names) if names else _publisher(citation)
    parts = []
    if responsible:
        parts.append(_end(responsible))
    parts.append(f"{citation.title.strip()}[EB/OL].")
    published = f"({_iso_date(citation.published, zone)})" if citation.published else ""
    parts.append(f"{published}[{_access_iso(citation.retrieved_at)}].")
    parts.append(f"{citation.url}.")
    return " ".join(parts)


def _publisher(citation: Citation) -> str:
    """Who published the work: the original publisher (来源), else the site that carried it."""
    return (citation.publisher or "").strip() or (citation.site_name or "").strip()


def _site_element(citation: Citation, author: str) -> str:
    """The website part for APA and Chicago (see "Who published it" in the module doc)."""
    publisher = (citation.publisher or "").strip()
    site = (citation.site_name or "").strip()
    if publisher and site and publisher != site:
        return site if publisher == author else f"{publisher} (reposted by {site})"
    name = publisher or site
    return "" if name == author else name


def apa(citation: Citation) -> str:
    """APA 7, webpage on a news website: Author. (Date). Title. Site. URL"""
    zone = _zone(citation)
    names = [_apa_name(a) for a in _authors(citation)]
    if len(names) > 20:
        names = [*names[:19], "...", names[-1]]
        author = ", ".join(names[:-1]) + " " + names[-1]
    elif len(names) > 1:
        author = ", ".join(names[:-1]) + ", & " + names[-1]
    elif names:
        author = names[0]
    else:
        author = ""
    group = ""
    if not author:
        author = group = _publisher(citation)
    if citation.published:
        p = _local(citation.published, zone)
        date = f"({p.year}, {_MONTHS[p.month - 1]} {p.day})."
    else:
        date = "(n.d.)."
    title = _end(citation.title.strip())
    site = _site_element(citation, group)
    parts = [_end(author), date, title] if author else [title, date]
    if site:
        parts.append(_end(site))
    parts.append(citation.url)
    return " ".join(parts)


def chicago(citation: Citation) -> str:
    """Chicago 17th, bibliography entry for a news website, with the access date."""
    zone = _zone(citation)
    authors = _authors(citation)
    names = [_chicago_name(a, first=(i == 0)) for i, a in enumerate(authors)]
    if len(names) > 10:
        names = [*names[:7], "et al."]
        author = ", ".join(names[:-1]) + ", " + names[-1]
    elif len(names) > 2:
        author = ", ".join(names[:-1]) + ", and " + names[-1]
    elif len(names) == 2:
        author = f"{names[0]}, and {names[1]}" if "," in names[0] else " and ".join(names)
    else:
        author = names[0] if names else ""
    group = ""
    if not author:
        author = group = _publisher(citation)
    title_part = quoted(_end(citation.title.strip()))
    tail = []
    site = _site_element(citation, group)
    if site:
        tail.append(site)
    if citation.published:
        tail.append(_long_date(citation.published, zone))
    parts = []
    if author:
        parts.append(_end(author))
    parts.append(title_part)
    if tail:
        parts.append(", ".join(tail) + ".")
    parts.append(f"Accessed {_access_long(citation.retrieved_at)}.")
    parts.append(f"{citation.url}.")
    return " ".join(parts)
