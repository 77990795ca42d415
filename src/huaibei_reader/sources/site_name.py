"""The name of a site, from its home page: what a source is called when the person gives none.

A home page's ``<title>`` is often an SEO line ("今日淮北网_淮北本地新闻门户", "新闻中心-腾讯网",
"Akkuschrauber, Werkzeug & Co - Test - CHIP"); the site's own name is one part of it. In order:

1. the name in the site's rules file (``resources/sites/*.toml``), when one covers the host
   (chosen by us for that site);
2. the page's declared name: ``og:site_name`` or ``application-name``;
3. the title cut at its separators, taking the part that is most the site's: a part the host
   spells ("CHIP" on chip.de), a part shared with another title of the site (its feed's), a
   part the page repeats elsewhere (logo, footer, copyright); on a tie the last part, where
   sites put their name after a page's own ("国际新闻_网易新闻中心").
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

MAX_NAME_CHARS = 60  # a longer "name" is a sentence, not a site's name
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_NAME_KEYS = ("og:site_name", "application-name")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
# Title separators: spaced dashes, bars and colons anywhere; next to CJK text, unspaced dashes
# too (Latin words are hyphenated, Chinese ones are not).
_SEPARATORS = re.compile(
    r"\s+[-|–—·:•»]\s+|[_|丨｜–—·•»]|(?<=[^\x00-\x7f])\s*-\s*|\s*-\s*(?=[^\x00-\x7f])")
# Host labels that say nothing about the site.
_GENERIC_LABELS = frozenset({"www", "m", "news", "com", "cn", "net", "org", "gov", "edu", "co",
                             "html", "web", "wap", "home"})
# Weights of the evidence that a title part is the site's name (see the module docstring).
_HOST_WEIGHT = 100
_SHARED_WEIGHT = 50
_MAX_REPEATS_COUNTED = 40  # a part repeated in every link (a section word) counts no more


def declared_name(page_text: str) -> str | None:
    """``og:site_name`` or ``application-name`` of the page, if it declares one."""
    for tag in _META.findall(page_text[:200_000]):
        attrs = {m.group(1).lower(): html_lib.unescape(m.group(2) or m.group(3) or m.group(4)
                                                       or "")
                 for m in _ATTR.finditer(tag)}
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if key in _NAME_KEYS:
            name = _clean(attrs.get("content", ""))
            if name:
                return name
    return None


def title_parts(title: str) -> list[str]:
    return [p for p in (_clean(part) for part in _SEPARATORS.split(title)) if p]


def page_title(page_text: str) -> str | None:
    m = _TITLE.search(page_text)
    return _clean(html_lib.unescape(m.group(1))) if m else None


def site_name(page_text: str, url: str, *, rules_name: str | None = None,
              other_titles: Iterable[str] = ()) -> str | None:
    """The site's name from its page (decoded HTML) at ``url``; None when there is nothing
    to go on (the caller falls back to the host)."""
    if rules_name:
        return rules_name
    declared = declared_name(page_text)
    if declared:
        return declared
    title_match = _TITLE.search(page_text)
    if title_match is None:
        return None
    title = _clean(html_lib.unescape(title_match.group(1)))
    parts = title_parts(title)
    if len(parts) <= 1:
        return title[:MAX_NAME_CHARS] or None
    rest = page_text[:title_match.start()] + page_text[title_match.end():]
    shared = {p for other in other_titles for p in title_parts(other)}
    labels = _host_labels(url)
    best = max(range(len(parts)), key=lambda i: (
        _score(parts[i], rest, shared, labels), i))  # on a tie the later part
    return parts[best][:MAX_NAME_CHARS]


def _score(part: str, rest: str, shared: set[str], labels: list[str]) -> int:
    squeezed = re.sub(r"[\W_]+", "", part).lower()
    score = min(rest.count(part), _MAX_REPEATS_COUNTED)
    if any(label in squeezed for label in labels):
        score += _HOST_WEIGHT
    if part in shared:
        score += _SHARED_WEIGHT
    return score


def _host_labels(url: str) -> list[str]:
    host = (urlsplit(url).hostname or "").lower()
    return [label for label in host.split(".")
            if len(label) >= 3 and label not in _GENERIC_LABELS and not label.isdigit()]


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:200]
