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
- no personal author: the original publisher (来源) stands as the responsible organisation
  (8.1.3), else the site that carried the page; with none of them the element is left out, as
  the numeric system allows (8.1.4) and the entry starts with the title;
- no publication date: the parentheses are left out and only ``[引用日期]`` remains.

Dates are printed in the article's own time zone (its published offset), so a story published
at 2022-10-01 00:30 +08:00 is cited as 2022-10-01; without a published offset, Beijing time for
Chinese references and UTC for others.
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
    return f"\u201c{quote.strip()}\u201d\n\n{format_citation(citation, style)}"


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
        names = names[:3] + ["等" if chinese else "et al"]
    if names:
        responsible = ", ".join(names)
    else:
        responsible = (citation.publisher or citation.site_name or "").strip()
    parts = []
    if responsible:
        parts.append(_end(responsible))
    parts.append(f"{citation.title.strip()}[EB/OL].")
    published = f"({_iso_date(citation.published, zone)})" if citation.published else ""
    parts.append(f"{published}[{_iso_date(citation.retrieved_at, zone)}].")
    parts.append(f"{citation.url}.")
    return " ".join(parts)


def _site_element(citation: Citation, responsible: str) -> str:
    """The website part for APA and Chicago: the original publisher, and who reposted it."""
    publisher = (citation.publisher or "").strip()
    site = (citation.site_name or "").strip()
    if publisher and site and publisher != site:
        if publisher == responsible:
            return site
        return f"{publisher} (reposted by {site})"
    name = publisher or site
    return "" if name == responsible else name


def apa(citation: Citation) -> str:
    """APA 7, webpage on a news website: Author. (Date). Title. Site. URL"""
    zone = _zone(citation)
    names = [_apa_name(a) for a in _authors(citation)]
    if len(names) > 20:
        names = names[:19] + ["...", names[-1]]
        author = ", ".join(names[:-1]) + " " + names[-1]
    elif len(names) > 1:
        author = ", ".join(names[:-1]) + ", & " + names[-1]
    elif names:
        author = names[0]
    else:
        author = ""
    group = ""
    if not author and citation.publisher:
        author = group = citation.publisher.strip()
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
        names = names[:7] + ["et al."]
        author = ", ".join(names[:-1]) + ", " + names[-1]
    elif len(names) > 2:
        author = ", ".join(names[:-1]) + ", and " + names[-1]
    elif len(names) == 2:
        author = f"{names[0]}, and {names[1]}" if "," in names[0] else " and ".join(names)
    else:
        author = names[0] if names else ""
    title = citation.title.strip()
    title_part = f"\u201c{_end(title)}\u201d"
    tail = []
    site = _site_element(citation, "")
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
    parts.append(f"Accessed {_long_date(citation.retrieved_at, zone)}.")
    parts.append(f"{citation.url}.")
    return " ".join(parts)
