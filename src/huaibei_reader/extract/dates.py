"""Publish dates: parsed from ISO, Chinese and English text, read from the page head and from
the dateline the page shows, and reconciled.

The dateline the reader sees is the page's own statement; the head's machine-readable time
(``<meta>``, OpenGraph, JSON-LD) is often a crawl, an edit or a syndication time. So the shown
time wins when the two disagree on the minute, and the head stays the fallback (and wins
when they agree, since it carries the zone). Times without a zone are Asia/Shanghai.

Chinese datelines come in many shapes over 1996-2022: ``2005年5月7日``, ``2005-5-7``,
``05-05-07`` (labelled only), ``2005/05/07 21:23``, full-width digits, ``二〇〇五年五月七日``,
``发表于``, ``发布时间：``, ``【日期：】``, ``下午 3:05``. A date is never taken from a linked line
(a related-news list), a copyright footer, the "today is" greeting of a top bar, or the
comment thread after the story (the caller does not search furniture there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

from lxml import etree

from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract.dom import Unit

# China has kept one zone, eight hours ahead of UTC, without summer time since 1991.
SHANGHAI_UTC_HOURS = 8


def _shanghai() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Shanghai")
    except Exception:  # no tz database (some Windows installs): China has used +08:00 since 1991
        return timezone(timedelta(hours=SHANGHAI_UTC_HOURS), "Asia/Shanghai")


SHANGHAI = _shanghai()

# Web pages are not older than the web, and a year far ahead is a typo or an ID.
YEARS = range(1990, 2101)
# Two-digit years ("05-05-07"): 90-99 are the 1990s, the rest this century.
CENTURY_PIVOT = 90
LAST_CENTURY, THIS_CENTURY = 1900, 2000
# "十": the tens of a Chinese numeral ("二十三" is 2 * TEN + 3).
TEN = 10

Part = str | int | None  # a date part as a pattern captured it, or as a number
# A dateline is a short line; longer lines are sentences of the story.
DATELINE_CHARS_MAX = 120
# An unlabelled date counts only on a line with little else (a bare dateline).
BARE_DATELINE_OTHER_CHARS = 30
# English dates are read on short lines only ("By Jane Doe, March 25, 2015").
EN_DATELINE_CHARS_MAX = 80
# How far before a date its label may stand ("发布时间：2022-10-01", "【日期：2005-5-7】").
LABEL_REACH = 12
# A line that is mostly link text is a linked title (a related story), not a dateline.
LINKED_SHARE = 0.5
# Head and page disagree by more than this many days: the head is an edit or crawl time.
HEAD_DAYS_OFF = 1
HOURS_PER_HALF_DAY = 12

_ISO = re.compile(r"(?P<y>\d{4})-?(?P<m>\d\d)-?(?P<d>\d\d)(?:[T\s](?P<H>\d\d):?(?P<M>\d\d)"
                  r"(?::?(?P<S>\d\d)(?:\.\d+)?)?\s*(?P<z>Z|(?P<zs>[+-])(?P<zh>\d\d):?"
                  r"(?P<zm>\d\d))?)?")
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[-/_]?(?P<m>[01]\d)[-/_]?(?P<d>[0-3]\d)"
                       r"(?:/|[^\d])")

_TIME = (r"(?:[\sT,，]*(?:(?:星期|周|礼拜)[一二三四五六日天]\s*)?"
         r"(?P<ap>上午|下午|晚上|凌晨|早上|中午|AM|PM|am|pm)?\s*"
         r"(?P<H>[0-2]?\d)\s*[:：时]\s*(?P<M>[0-5]\d)(?:\s*[:：分]\s*(?P<S>[0-5]\d))?"
         r"(?:\s*(?P<ap2>AM|PM|am|pm)\b)?)?")
# "2005-5-7", "2005年5月7日", "2005/05/07 21:23", "2005.05.07"; "05-05-07" as group y2.
DATE = re.compile(
    r"(?<![\d.])(?:(?P<y>(?:19|20)\d\d)|(?P<y2>\d\d))\s*(?P<sep>[-/.年])\s*(?P<m>[01]?\d)\s*"
    r"[-/.月]\s*(?P<d>[0-3]?\d)(?![\d.]?\d)\s*日?" + _TIME)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９：－／．　", "0123456789:-/. ")
_CN_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")}
_CN_DIGITS.update({"○": 0, "零": 0, "Ｏ": 0, "O": 0})
_CN_DATE = re.compile(r"(?P<y>[〇○零Ｏ一二三四五六七八九]{4})\s*年\s*"
                      r"(?P<m>[一二三四五六七八九十]{1,2})\s*月\s*"
                      r"(?P<d>[一二三四五六七八九十]{1,3})\s*日")

# Labels before a date, by what they say: published (best), a neutral "time", updated.
PUBLISH_LABEL = re.compile(r"(发布|发表|发稿|刊发|首发|发帖|出版|posted|published|publish)"
                           r"\s*(?:时间|日期|于)?\s*[:：]?\s*$", re.I)
NEUTRAL_LABEL = re.compile(r"(时间|日期|date|time|【)\s*[:：]?\s*$", re.I)
UPDATE_LABEL = re.compile(r"(更新|修改|修订|编辑于|最后|updated|modified|last edited)"
                          r"\s*(?:时间|日期|于)?\s*[:：]?\s*$", re.I)
RANK_PUBLISH, RANK_NEUTRAL, RANK_META_LINE, RANK_UPDATE, RANK_BARE = 4, 3, 2, 1, 0
# Lines whose date is not the story's: a greeting with today's date, a copyright footer.
NOT_A_DATELINE = re.compile(r"今天是|今日是|欢迎|copyright|©|版权|all rights", re.I)
# Any digit a date can be written with: a line without one holds no date.
_DIGITS = re.compile(r"[0-9０-９〇○零]")
# A bare date with its weekday and no time is a top bar's "today" ("2005年5月7日 星期六").
WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]|礼拜[一二三四五六日天]")


@dataclass(frozen=True)
class Seen:
    """A date the page shows: when, whether it has a time, how it is labelled, on which line."""

    when: datetime
    has_time: bool
    rank: int
    line: int

    @property
    def strong(self) -> bool:
        """Labelled (or on a byline row), not a bare date or an update time."""
        return self.rank >= RANK_META_LINE


def normalise(text: str) -> str:
    """Full-width digits and signs as ASCII; "二〇〇五年五月七日" as "2005年5月7日"."""
    text = text.translate(_FULL_WIDTH)
    if "年" in text and _CN_DATE.search(text):
        text = _CN_DATE.sub(lambda m: f"{_cn_year(m.group('y'))}年{_cn_number(m.group('m'))}月"
                                      f"{_cn_number(m.group('d'))}日", text)
    return text


def _cn_year(chars: str) -> str:
    return "".join(str(_CN_DIGITS[c]) for c in chars)


def _cn_number(chars: str) -> int:
    """"七" 7, "十" 10, "十二" 12, "二十三" 23."""
    if "十" not in chars:
        return _CN_DIGITS.get(chars, 0)
    tens, _, ones = chars.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * TEN + (_CN_DIGITS.get(ones, 0) if ones else 0)


def build(y: Part, mo: Part, d: Part, hh: Part = None, mi: Part = None,
          ss: Part = None) -> datetime | None:
    """A naive datetime from parts, or None when they are no date."""
    if y is None or mo is None or d is None:
        return None
    try:
        year = int(y)
        if year not in YEARS:
            return None
        return datetime(year, int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0))
    except (TypeError, ValueError):
        return None


def _from_match(m: re.Match[str]) -> datetime | None:
    year = m.group("y")
    if year is None:
        short = int(m.group("y2"))
        year = (LAST_CENTURY if short >= CENTURY_PIVOT else THIS_CENTURY) + short
    hour = m.group("H")
    ap = (m.group("ap") or m.group("ap2") or "").lower()
    if hour is not None and ap in ("下午", "晚上", "pm") and int(hour) < HOURS_PER_HALF_DAY:
        hour = int(hour) + HOURS_PER_HALF_DAY
    elif hour is not None and ap in ("凌晨", "am") and int(hour) == HOURS_PER_HALF_DAY:
        hour = 0
    return build(year, m.group("m"), m.group("d"), hour, m.group("M"), m.group("S"))


def parse_datetime(text: str) -> datetime | None:
    """A timezone-aware datetime from ISO, Chinese or English date text; naive is Shanghai."""
    text = normalise(text.strip())
    m = _ISO.match(text)
    if m:
        dt = build(m.group("y"), m.group("m"), m.group("d"), m.group("H"), m.group("M"),
                   m.group("S"))
        if dt is not None:
            z = m.group("z")
            if z:
                if z == "Z":
                    return dt.replace(tzinfo=UTC)
                sign = 1 if m.group("zs") == "+" else -1
                offset = timedelta(hours=int(m.group("zh")), minutes=int(m.group("zm")))
                return dt.replace(tzinfo=timezone(sign * offset))
            return dt.replace(tzinfo=SHANGHAI)
    for m in DATE.finditer(text):
        if m.group("y") is None:
            continue  # a two-digit year only where a label says it is a date
        dt = _from_match(m)
        if dt is not None:
            return dt.replace(tzinfo=SHANGHAI)
    return parse_english_date(text)


_MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}
_EN_DATE = re.compile(r"\b(?:(?P<d1>\d{1,2})\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4})|"
                      r"(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                      r"(?P<y2>\d{4}))")
# Month names are told apart by their first three letters.
MONTH_PREFIX = 3


def parse_english_date(text: str) -> datetime | None:
    m = _EN_DATE.search(text)
    if not m:
        return None
    if m.group("d1"):
        day, mon, year = m.group("d1"), m.group("m1"), m.group("y1")
    else:
        mon, day, year = m.group("m2"), m.group("d2"), m.group("y2")
    month = _MONTHS.get(mon[:MONTH_PREFIX].lower())
    if not month:
        return None
    dt = build(year, str(month), day)
    return dt.replace(tzinfo=SHANGHAI) if dt else None


def _label_rank(before: str) -> int | None:
    before = before[-LABEL_REACH:]
    if PUBLISH_LABEL.search(before):
        return RANK_PUBLISH
    if UPDATE_LABEL.search(before):
        return RANK_UPDATE
    if NEUTRAL_LABEL.search(before):
        return RANK_NEUTRAL
    return None


def _dated(u: Unit | None) -> bool:
    return u is not None and u.kind != "image" and u.chars <= DATELINE_CHARS_MAX and \
        "。" not in u.text and DATE.search(normalise(u.text)) is not None


def _in_a_dated_list(units: list[Unit], index: int) -> bool:
    """The line above or below is a short dated line too (not a sentence): a list of dated
    items (related stories, previous and next posts), not the story's dateline."""
    return (index > 0 and _dated(units[index - 1])) or \
        (index + 1 < len(units) and _dated(units[index + 1]))


def _dateline(units: list[Unit], index: int) -> Seen | None:
    """The best-labelled date on this line (on a row of a table unit), if it can be a dateline.

    A bare date counts only alone: not on a linked title's line, not in a list of dated
    lines. A labelled one (a portal's dateline row full of link buttons) always counts.
    """
    u = units[index]
    if u.kind == "image" or (u.kind != "table" and u.chars > DATELINE_CHARS_MAX) or \
            not _DIGITS.search(u.text):
        return None
    rows = u.text.split("\n") if u.kind == "table" else [u.text]
    linked = u.link_chars > LINKED_SHARE * u.chars and u.kind != "table"
    best: Seen | None = None
    for row in rows:
        if len(row) > DATELINE_CHARS_MAX:
            continue
        text = normalise(row)
        if NOT_A_DATELINE.search(text):
            continue
        chars = len(text) - text.count(" ")
        for m in DATE.finditer(text):
            dt = _from_match(m)
            if dt is None:
                continue
            rank = _label_rank(text[:m.start()])
            if rank is None and pt.META_LINE.search(text) and "。" not in text:
                rank = RANK_META_LINE
            if rank is None:
                other = text[:m.start()] + text[m.end():]
                if m.group("y") is None or "。" in text or \
                        chars - len(m.group(0)) > BARE_DATELINE_OTHER_CHARS or \
                        (linked and pt.CJK.search(other)) or _in_a_dated_list(units, index) \
                        or (m.group("H") is None and WEEKDAY.search(other)):
                    continue  # in a sentence, by a linked title, in a list, today's; a number
                rank = RANK_BARE
            elif m.group("y") is None and m.group("H") is None and m.group("sep") == ".":
                continue  # "3.1.2": a version number, even after a label
            if best is None or rank > best.rank:
                best = Seen(dt.replace(tzinfo=SHANGHAI), m.group("H") is not None, rank, index)
    return best


def _english_dateline(units: list[Unit], index: int) -> Seen | None:
    u = units[index]
    if u.kind == "image" or u.chars > EN_DATELINE_CHARS_MAX or \
            u.link_chars > LINKED_SHARE * u.chars or NOT_A_DATELINE.search(u.text):
        return None
    m = pt.EN_DATE.search(u.text)
    parsed = parse_english_date(m.group(0)) if m else None
    if parsed is None or m is None:
        return None
    rank = _label_rank(u.text[:m.start()])
    return Seen(parsed, False, RANK_BARE if rank is None else rank, index)


def visible_published(units: list[Unit], order: list[int], *,
                      bare_from: int = 0, labelled_only: bool = False) -> Seen | None:
    """The dateline the page shows, searched in ``order`` (nearest the story first).

    The first labelled date (or a date on a byline row) wins; an update time only when no
    other labelled date follows, a bare date on a short line only when no labelled one is
    found, and only on lines from ``bare_from`` on (a bare date far above the story is a
    sidebar's or a top bar's); none with ``labelled_only``. Dates written in English words
    count only when the page shows no numeric one.
    """
    best: Seen | None = None
    for reader in (_dateline, _english_dateline):
        for i in order:
            seen = reader(units, i)
            if seen is None:
                continue
            if seen.rank >= RANK_META_LINE:
                return seen
            if seen.rank == RANK_BARE and (labelled_only or i < bare_from):
                continue
            if best is None or seen.rank > best.rank:
                best = seen
        if best is not None:
            return best
    return None


def _furniture_ancestor(el: etree._Element) -> bool:
    for anc in el.iterancestors():
        if not isinstance(anc.tag, str):
            continue
        if anc.tag in ("a", "li", "nav", "aside", "footer"):
            return True
        ident = f"{anc.get('class') or ''} {anc.get('id') or ''}"
        if len(ident) > 1 and pt.FURNITURE_NAMES.search(ident):
            return True
    return False


def jsonld_published(articles: list[dict[str, Any]]) -> datetime | None:
    for d in articles:
        value = d.get("datePublished")
        if isinstance(value, str):
            dt = parse_datetime(value)
            if dt:
                return dt
    return None


def time_element(root: etree._Element) -> datetime | None:
    """The first ``<time datetime>`` outside links, lists and furniture (a related story's)."""
    for t in root.iter("time"):
        v = t.get("datetime") or ""
        dt = parse_datetime(v) if v else None
        if dt and not _furniture_ancestor(t):
            return dt
    return None


def url_date(url: str) -> datetime | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    dt = build(m.group("y"), m.group("m"), m.group("d"))
    return dt.replace(tzinfo=SHANGHAI) if dt else None


def _wall(dt: datetime) -> tuple[int, int, int, int, int]:
    return dt.year, dt.month, dt.day, dt.hour, dt.minute


def _day(dt: datetime) -> tuple[int, int, int]:
    return dt.year, dt.month, dt.day


def same_minute(head: datetime, seen: datetime) -> bool:
    """The head's time read in its own zone or in Shanghai shows the same minute."""
    shown = _wall(seen)
    return _wall(head) == shown or _wall(head.astimezone(SHANGHAI)) == shown


def same_day(head: datetime, seen: datetime) -> bool:
    shown = _day(seen)
    return _day(head) == shown or _day(head.astimezone(SHANGHAI)) == shown


def choose(head: datetime | None, seen: Seen | None) -> datetime | None:
    """The publish time: the page's labelled dateline over the head when they disagree.

    A dateline with a time wins over a head time another minute; a date alone wins over a
    head date more than a day away (a day's difference is the zone). A bare, unlabelled date
    never overrides the head.
    """
    if seen is None:
        return head
    if head is None:
        return seen.when
    if not seen.strong:
        return head
    if seen.has_time:
        return head if same_minute(head, seen.when) else seen.when
    if same_day(head, seen.when):
        return head
    days_off = abs((head.astimezone(SHANGHAI).date() - seen.when.date()).days)
    return head if days_off <= HEAD_DAYS_OFF else seen.when
