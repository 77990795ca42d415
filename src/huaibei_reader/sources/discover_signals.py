"""What a single link says about itself: URL shape, host, anchor text.

Discovery scores each link from these signals and then lets the list block it sits in
vote (see ``discover``). Everything here is generic: no site is named. The word and
pattern lists sit together as named constants, compiled once.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

# Second-level public suffixes common on the sites we read (a tiny slice of the Public
# Suffix List: enough to tell news.sina.com.cn and www.sina.com.cn apart from sohu.com).
_TWO_LEVEL_SUFFIX_SLD = {"com", "net", "org", "gov", "edu", "ac", "co", "ne", "or", "go", "mil",
                         "nic", "ltd", "plc", "gen", "info", "biz", "nom", "sch", "web"}
_COUNTRY_TLDS_WITH_SLD = {"cn", "uk", "au", "jp", "hk", "tw", "kr", "nz", "br", "in", "sg",
                          "my", "za", "mx", "ar", "tr", "il", "id", "th", "ph", "vn", "pk",
                          "eg", "sa", "ua", "ru", "mo", "np", "bd", "pe", "co", "ve", "ng"}
# Chinese provincial second-level domains (bj.cn, ah.cn ...) are public suffixes too.
_CN_PROVINCES = {"ah", "bj", "cq", "fj", "gd", "gs", "gz", "gx", "ha", "hb", "he", "hi", "hk",
                 "hl", "hn", "jl", "js", "jx", "ln", "mo", "nm", "nx", "qh", "sc", "sd", "sh",
                 "sn", "sx", "tj", "tw", "xj", "xz", "yn", "zj"}


def registrable_domain(host: str) -> str:
    """The part of a host a company registers: news.sina.com.cn -> sina.com.cn."""
    host = host.lower().rstrip(".")
    if not host:
        return host
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    tld, sld = labels[-1], labels[-2]
    two_level = (tld in _COUNTRY_TLDS_WITH_SLD and sld in _TWO_LEVEL_SUFFIX_SLD) or (
        tld == "cn" and sld in _CN_PROVINCES)
    return ".".join(labels[-3:] if two_level else labels[-2:])


def same_site(host_a: str, host_b: str) -> bool:
    return registrable_domain(host_a) == registrable_domain(host_b)


def clean_url(url: str) -> str:
    """The URL without its fragment, scheme and host lower-cased (query kept as is)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       parts.query, ""))


# --- anchor text -------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9]+(?:['’-][A-Za-zÀ-ÿ0-9]+)*")

# Anchor texts of links that are never stories, written as compared: lower-case, no spaces.
NON_ARTICLE_TEXTS = frozenset("""
更多 更多>> 更多> 查看更多 点击查看 详情 详细 全文 阅读全文 查看全文 返回 返回首页 首页
主页 上一页 下一页 上页 下页 尾页 末页 首页 最后一页 第一页 登录 登陆 注册 退出 登出
免费注册 立即注册 立即登录 下载 客户端 下载客户端 app 手机版 移动版 网站地图 关于我们
联系我们 广告服务 版权声明 免责声明 隐私政策 意见反馈 帮助 帮助中心 设为首页 加入收藏
收藏本站 订阅 rss 评论 跟贴 分享 分享到 微博 微信 qq空间 投稿 举报 网站导航 专题 视频 直播
图片 搜索
more readmore morenews seeall viewall next previous prev back home login signin signup logout
register subscribe download contact aboutus about privacy terms help search menu weiter zurück
mehr
""".split())
NON_ARTICLE_TEXT_PATTERNS = re.compile(
    r"^(?:\d{1,4}|[<>«»‹›…|/\\·•\-\s]+|第\s*\d+\s*页|更多.{0,6}|.{0,6}更多|"
    r"(?:粤|京|沪|浙|皖|苏|鲁|川|湘|鄂|豫|冀|闽|津)?icp.*|.*备案.*|.*许可证.*|©.*|copyright.*)$",
    re.IGNORECASE)


def text_signal(text: str) -> float:
    """How much an anchor text looks like a headline (-2 .. +2); 0 when there is no text."""
    t = text.strip()
    if not t:
        return 0.0
    compact = re.sub(r"\s+", "", t).lower()
    if compact in NON_ARTICLE_TEXTS or NON_ARTICLE_TEXT_PATTERNS.match(compact):
        return -2.0
    cjk = len(_CJK.findall(t))
    words = len(_WORD.findall(_CJK.sub(" ", t)))
    if cjk:
        units = cjk + words
        if units >= 10:
            return 1.5
        if units >= 7:
            return 1.0
        if units >= 5:
            return 0.3
        if units >= 3:
            return -0.7
        return -1.5
    if words >= 6:
        return 1.5
    if words >= 4:
        return 1.0
    if words == 3:
        return 0.2
    if words == 2:
        return -0.7
    return -1.5


# --- URL shape ---------------------------------------------------------------------------

# Path segments (or segment prefixes before "-"/"_"/".") of pages that are never one story:
# hubs, services, media players. STRONG ones sink a link on their own; WEAK ones (lists,
# sections) only lower it, since some sites keep stories under /list/ or /column/.
STRONG_NON_ARTICLE_SEGMENTS = frozenset("""
tag tags keyword keywords author authors login logon signin signup sign-in sign-up register
passport account accounts download downloads search special specials zt zt_d topic topics
subject subjects xtopic sptopic video videos live livestream comment comments forum forums bbs
thread threads wenda ask question questions sitemap rss feed feeds privacy terms jobs careers
shop store mall cart product products price pricing quote quotes newsletter subscribe
subscription advert advertising ads calendar av podcast
print share
""".split())
WEAK_NON_ARTICLE_SEGMENTS = frozenset("""
category categories cat channel channels ch column columns section sections people
user users member members profile
about aboutus about-us help contact contactus feedback legal app apps club data market
markets weather map maps game games sponsor events index list lists archive archives page
pages bestenlisten photo photos pic pics gallery album
""".split())
# First host labels of services that are not the newsroom.
NON_ARTICLE_HOST_LABELS = frozenset("""
video videos v tv live comment comments club bbs forum passport login reg register app apps
download mail email search shop mall map maps help i my pay ad ads game games db
price weather stock quote quotes caipiao lottery music vip sso account auth cart ask wenda
""".split())
# Query parameters that make a link a redirect or wrapper around another URL.
_WRAPPER_QUERY = re.compile(r"(?:^|&)(?:url|u|target|redirect|redirect_uri|goto|to|link|dest)="
                            r"(?:https?|%2f|%252f|[a-z0-9.-]+\.[a-z]{2,}/)", re.IGNORECASE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

ARTICLE_EXTENSIONS = (".html", ".htm", ".shtml", ".shtm", ".xhtml", ".php", ".asp",
                      ".aspx", ".jsp", ".jhtml", ".pdf", ".doc", ".docx")
NON_DOCUMENT_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".css",
                           ".js", ".zip", ".rar", ".7z", ".exe", ".apk", ".dmg", ".msi",
                           ".mp3", ".mp4", ".flv", ".avi", ".mov", ".xml", ".json", ".txt",
                           ".swf", ".ipa")
INDEX_FILENAMES = re.compile(
    r"^(?:index|default|home|main|list|more|all|latest|roll)(?:[_-]?\d{0,3})?\.[a-z]+$",
    re.IGNORECASE)

_DATE_IN_PATH = re.compile(
    r"(?:^|[/_-])(?:19|20)\d{2}(?:[/_.-]?)(?:0?[1-9]|1[0-2])(?:[/_.-]?)(?:0?[1-9]|[12]\d|3[01])?"
    r"(?=$|[/_.-]|\d{3,}|[a-z])"
    r"|/\d{2}/(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/",
    re.IGNORECASE)
_FULL_DATE = re.compile(
    r"(?:19|20)\d{2}[/_.-]?(?:0[1-9]|1[0-2])[/_.-]?(?:0[1-9]|[12]\d|3[01])"
    r"|/\d{2}/(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/")
_LONG_NUMBER = re.compile(r"\d{5,}")
_ALNUM_ID = re.compile(r"(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{10,}")
_HEX_ID = re.compile(r"[0-9a-f]{16,}", re.IGNORECASE)
_SLUG_WORD = re.compile(r"[A-Za-z]{2,}")
_ID_QUERY = re.compile(r"(?:^|&)(?:id|aid|articleid|article_id|newsid|news_id|docid|p|tid|"
                       r"contentid|content_id|itemid|nid|postid|post_id|infoid|artid)"
                       r"=(?:\d+|\w{3,})(?:&|$)", re.I)
_PAGE_QUERY = re.compile(r"(?:^|&)(?:page|pg|p|pn|pageno|pageindex|start|offset)=\d+", re.I)
_PAGE_FILENAME = re.compile(r"^(?:index|list|page)[_-]?\d{1,3}\.[a-z]+$|^\d{1,2}(?:\.[a-z]+)?$",
                            re.I)
# A short numeric file name (/a/123.html, /news/2345): the story id of a small site.
_NUMERIC_FILE = re.compile(r"^\d{3,4}(?:\.[a-z]+)?$", re.I)


def _segment_words(segment: str) -> list[str]:
    return [w for w in re.split(r"[-_.]", _CAMEL.sub("_", segment).lower()) if w]


def _hub_weight(segment: str) -> float:
    """How strongly one path segment marks a non-story page (0, 1.2 or 3)."""
    lower = segment.lower()
    words = _segment_words(segment)
    first = words[0] if words else ""
    if lower in STRONG_NON_ARTICLE_SEGMENTS or first in STRONG_NON_ARTICLE_SEGMENTS:
        return 3.0
    if lower in WEAK_NON_ARTICLE_SEGMENTS or (first in WEAK_NON_ARTICLE_SEGMENTS
                                              and len(words) <= 2):
        return 1.2
    return 0.0


@dataclass(frozen=True)
class UrlShape:
    """``score``: how much a URL looks like one story page (about -6 .. +4); ``vetoed``: it
    carries a mark of a non-story page (video, download, tag, login, wrapper ...), so the
    list block it sits in may not vote it in."""

    score: float
    vetoed: bool


def url_signal(parts: SplitResult) -> float:
    return url_shape(parts).score


def url_shape(parts: SplitResult) -> UrlShape:
    """Score the shape of one URL (see ``UrlShape``)."""
    path = parts.path or "/"
    lower = path.lower()
    if lower.endswith(NON_DOCUMENT_EXTENSIONS):
        return UrlShape(-4.0, True)
    segments = [s for s in path.split("/") if s]
    host_label = (parts.hostname or "").split(".")[0]
    score = 0.0
    vetoed = False
    if host_label in NON_ARTICLE_HOST_LABELS:
        score -= 3.0
        vetoed = True
    if not segments:
        return UrlShape(score - 3.0 if not parts.query else score - 1.5, True)
    last = segments[-1]
    trailing_slash = path.endswith("/")
    # words that mark hubs, services and boilerplate; an id-bearing last segment (a slug
    # like Download-Charts_50159332.html) counts only by its first word, and only strongly
    id_file = bool(_LONG_NUMBER.search(last)) and not trailing_slash
    checked = segments[:-1] if id_file else segments
    hub = [_hub_weight(seg) for seg in checked]
    if id_file:
        words = _segment_words(last)
        hub.append(3.0 if words and words[0] in STRONG_NON_ARTICLE_SEGMENTS else 0.0)
    hub.sort(reverse=True)
    score -= sum(hub[:2])
    vetoed = vetoed or (bool(hub) and hub[0] >= 3.0)
    if parts.query and _WRAPPER_QUERY.search(parts.query):
        score -= 3.0
        vetoed = True
    has_full_date = bool(_FULL_DATE.search(path))
    has_date = has_full_date or bool(_DATE_IN_PATH.search(path))
    # a date is not an id: daogou20150515abc/ is a topic page, 1234567.html a story
    long_number = _LONG_NUMBER.search(_FULL_DATE.sub("", last)) or (
        len(segments) > 1 and not trailing_slash
        and _LONG_NUMBER.search(_FULL_DATE.sub("", segments[-2])))
    alnum_id = _ALNUM_ID.search(last) or _HEX_ID.search(last)
    named = segments[-2] if INDEX_FILENAMES.match(last) and len(segments) > 1 else last
    slug_words = [w for w in re.split(r"[-_]", named.rsplit(".", 1)[0])
                  if _SLUG_WORD.fullmatch(w)]
    if has_full_date:
        score += 1.6
    elif has_date:
        score += 1.0
    if long_number or alnum_id:
        score += 1.4
    elif _NUMERIC_FILE.match(last):
        score += 1.0
    if len(slug_words) >= 4:
        score += 1.2
    elif len(slug_words) >= 3 and (has_date or long_number):
        score += 0.5
    if lower.endswith(ARTICLE_EXTENSIONS):
        score += 0.5
    if INDEX_FILENAMES.match(last) and not (long_number or alnum_id):
        score -= 1.5 if not has_full_date else 0.3
    if trailing_slash and not (long_number or len(slug_words) >= 4):
        score -= 1.2
    if _PAGE_FILENAME.match(last) and len(segments) >= 1 and not has_full_date:
        score -= 0.8
    if parts.query:
        if _ID_QUERY.search(parts.query) and not (has_date or long_number or alnum_id):
            score += 1.0
        if _PAGE_QUERY.search(parts.query) and not _ID_QUERY.search(parts.query):
            score -= 1.0
    if len(segments) == 1 and not (has_date or long_number or alnum_id or len(slug_words) >= 4):
        score -= 1.0
    return UrlShape(score, vetoed)


# --- section (channel / category / list page) shape ---------------------------------------

# Path segments (or their first word) of channel and list pages.
SECTION_SEGMENTS = frozenset("""
list lists channel channels column columns category categories cat cate catalog section
sections lanmu pindao node class sort
""".split())
# Path segments of service and boilerplate pages: never a channel, whatever the anchor says.
SERVICE_SEGMENTS = frozenset("""
about aboutus about-us help contact contactus feedback legal user users member members profile
people app apps club game games sponsor map maps weather advertise copyright disclaimer
service services tools tool anmeldung konto impressum datenschutz kontakt
""".split())
# Host labels of mobile copies and sign-in services (checked on every label of the host).
SECTION_SKIP_HOST_LABELS = NON_ARTICLE_HOST_LABELS | frozenset(
    "m wap 3g services service entry passport open q".split())
# Query parameters that only track the click; dropped from section URLs so that one channel
# linked from two menus is one section.
_TRACKING_PARAM = re.compile(r"^(?:spm|hpt|from|pvareaid|_trans_|utm_[a-z]+|ref|source)$",
                             re.IGNORECASE)
_SECTION_QUERY = re.compile(
    r"(?:^|&)(?:cat|catid|cate|cateid|category|categoryid|cid|classid|class_id|column|"
    r"columnid|column_id|channel|channelid|channel_id|chid|sort|sortid|typeid|lanmu|node|"
    r"nodeid|section|sectionid)=[\w%-]+(?:&|$)", re.IGNORECASE)
# Anchor texts of channel links that are otherwise "not a story" words (更多 -> the list).
MORE_TEXT = re.compile(r"^(?:更多|查看更多|more|\+more|更多>+|更多»|more>+|»|>>)$",
                       re.IGNORECASE)


STORY_SHAPED = -1.0


def section_shape(parts: SplitResult) -> float | None:
    """How much a URL looks like a channel or list page (about 0 .. 3); STORY_SHAPED when
    it looks like one story (a menu entry may still make it a channel: many CMSs number
    their channels like their stories, /front/common_100128.jhtml); None when it can never
    be one (a dated story, a file, a service, a tag/author/login/search/download page, a
    redirect wrapper or a numbered page of a pager)."""
    path = parts.path or "/"
    lower = path.lower()
    if lower.endswith(NON_DOCUMENT_EXTENSIONS):
        return None
    labels = (parts.hostname or "").split(".")
    registered = len(registrable_domain(parts.hostname or "").split("."))
    if any(label in SECTION_SKIP_HOST_LABELS for label in labels[:-registered]):
        return None
    if _FULL_DATE.search(path):
        return None  # a dated path is a story (or a day's archive), not a channel
    if parts.query and (_WRAPPER_QUERY.search(parts.query) or _PAGE_QUERY.search(parts.query)
                        or _ID_QUERY.search(parts.query)):
        return None
    segments = [s for s in path.split("/") if s]
    for segment in segments:
        words = _segment_words(segment)
        first = words[0] if words else ""
        if _hub_weight(segment) >= 3.0 or segment.lower() in SERVICE_SEGMENTS \
                or first in SERVICE_SEGMENTS:
            return None
    if not segments:
        # a site's root: a channel when it is a subdomain's home (sports.example.com/)
        return 0.5 if not parts.query else (1.0 if _SECTION_QUERY.search(parts.query) else None)
    last = segments[-1]
    trailing_slash = path.endswith("/")
    if not trailing_slash and _PAGE_FILENAME.match(last) and not INDEX_FILENAMES.match(last):
        return None  # index_2.html, page3.html, /2
    if not trailing_slash and re.search(r"[_-]\d{1,3}\.[a-z]+$", last) \
            and INDEX_FILENAMES.match(last):
        return None  # index_2.html, list-3.htm: a later page of a list
    if url_shape(parts).score >= 1.0:
        return STORY_SHAPED
    score = 0.0
    if any(w in SECTION_SEGMENTS for seg in segments for w in _segment_words(seg)[:1]) \
            or any(seg.lower() in SECTION_SEGMENTS for seg in segments):
        score += 1.5
    if INDEX_FILENAMES.match(last):
        score += 1.0
    elif trailing_slash and len(segments) <= 3 and not last.isdigit():
        score += 1.0  # a folder (/sports/); a bare number (/771/) is as often an item
    elif "." not in last and len(segments) <= 2:
        score += 0.5  # /sports, /news/world: a folder without its slash
    if parts.query and _SECTION_QUERY.search(parts.query):
        score += 1.0
    return score


def strip_tracking(url: str) -> str:
    """The URL without click-tracking query parameters (spm=, utm_*=, from= ...)."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [pair for pair in parts.query.split("&")
            if pair and not _TRACKING_PARAM.match(pair.split("=", 1)[0])]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), ""))
