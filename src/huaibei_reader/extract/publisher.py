"""The original publisher (来源): read where the page shows it, cleaned, and refused unless
it looks like a publisher.

A 来源 goes into a citation, so EMPTY BEATS WRONG. What a page puts after ``来源:`` is often
more than a name: a button glued on by the markup (``某某报`` + ``举报``), the dateline
(``2019年09月07日 04:04 某某日报``), an editor's credit (``（责任编辑：…）``), template residue,
or a placeholder (转载文章, 互联网). Picture and video credits (图片来源, 视频来源, 图/…) name
the source of a picture, never the article's. The value is cut at the element that holds it
(markup separates a name from the button after it), cleaned of those, and kept only when it
has a publisher's shape: an organisation, a medium or a site, not a sentence or a person.

Three places are read, most explicit first: a labelled ``来源:`` line; an element the markup
names as the source (class or id ``source``...) or a publisher-shaped part of the dateline row;
and the line the seed site prints alone at the top of the story, with no label at all
(``某某网-某某频道``), which must be publisher-shaped by its ending (网, 报, 社, 频道...).
"""

from __future__ import annotations

import re

from lxml import etree

from huaibei_reader.extract import names
from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract.dom import Unit, clean_text

# Between the text of two elements: markup keeps a name apart from the button beside it.
BOUNDARY = "\x1f"
# Only the start of a byline row is read (a row holds a date, a source and an author or two).
ROW_CHARS_MAX = 400
# A publisher's name, after cleaning: "新华社" to "人民日报海外版" to "经济日报-中国经济网".
PUBLISHER_LENGTHS = range(2, 31)
# A publisher printed alone on its line (the seed site's shape) is short.
LINE_CHARS_MAX = 24
# Cleaning passes: a date may stand before the name and another after it.
CLEAN_PASSES = 2
# Whitespace-separated words in a publisher's name ("China Daily", "新浪 财经").
PUBLISHER_WORDS_MAX = 4
# Lines that may carry a byline row or a 来源 line: longer ones are story text.
BYLINE_ROW_CHARS_MAX = 150
# How far into the story the unlabelled publisher line may stand (below title and dateline).
LINE_REACH = 4

# 来源: / 稿源: / 出处: ..., but not 图片来源 / 视频来源 / 数据来源 / 素材来源 (a credit).
_CREDIT_BEFORE = "图片频像材据料表"
SOURCE_LABEL = re.compile(
    rf"(?<![{_CREDIT_BEFORE}])(?:来源于|来源|稿源|出处|转载自|来自)[\s{BOUNDARY}]*[:：]"
    rf"[\s{BOUNDARY}]*")
# A line that credits a picture or a video: never the article's source.
CREDIT_LINE = re.compile(
    r"(?:^|[\s(（【\[])(?:图片?|照片|视频|摄影|摄像|图文|制图|题图|配图|封面)\s*(?:来源)?\s*[/／:：]"
    r"|图片来源|视频来源|图像来源|素材来源|数据来源|(?:^|\s)摄\s*$")
# Where a value ends: a label or a button that follows it on the same line.
VALUE_END = re.compile(
    r"责任编辑|责编|编辑|作者|记者|通讯员|实习生|原标题|发布时间|发表时间|更新时间|发稿时间|"
    r"时间|日期|浏览|阅读|点击|人气|字号|举报|分享|收藏|纠错|打印|评论|关注|订阅|点赞|转发|"
    r"复制链接|手机看|扫一扫|参与互动|我要|【大|大\s*中\s*小|返回|进入")
# A date or a time glued before or after the name.
_DATE_OR_TIME = (r"(?:(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|"
                 r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}[-/]\d{1,2})?\s*"
                 r"(?:\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?)?")
LEADING_DATE = re.compile(rf"^\s*{_DATE_OR_TIME}\s*(?:更新|发布)?\s*")
TRAILING_DATE = re.compile(rf"\s*{_DATE_OR_TIME}\s*$")
_BRACKETS = "[]【】《》<>()（）「」『』〔〕\"'“”‘’"
_EDGE_PUNCT = f" \t{BOUNDARY}:：,，.。;；、|｜/\\-—_·•{_BRACKETS}"
_OPEN_CLOSE = {"[": "]", "【": "】", "《": "》", "(": ")", "（": "）", "「": "」", "〔": "〕"}
_SENTENCE = re.compile(r"[。！？；，!?;：:=<>{}\"]|\.\s|https?://")
_JOINER = re.compile(rf"^[{BOUNDARY}\s]*[-—－·_]")
# Said instead of a publisher: reposted, the internet, this site, unknown.
PLACEHOLDERS = re.compile(
    r"^(?:转载|转帖|转自|网络|互联网|网上|网友|网民|本站|本网|本报|本刊|原创|未知|不详|佚名|"
    r"综合|其他|其它|整理|投稿|来稿|编辑|管理员|系统管理员|admin|网络整理|网友投稿|本站原创|"
    r"本站整理|本网原创|size|null|none|undefined)", re.I)
# How a medium, an organisation or a site's name ends ("人民网", "新华社", "安徽日报",
# "河南日报客户端", "央视新闻", "北京发布"). Required of a publisher printed without a label.
PUBLISHER_ENDINGS = (
    "网", "报", "社", "台", "刊", "站", "频道", "新闻", "客户端", "在线", "杂志", "周刊", "之声",
    "官网", "网站", "发布", "资讯", "传媒", "媒体", "报道", "消息", "电视", "广播", "中心",
    "政府", "集团", "出版社", "公众号", "观察", "财经", "科技")
# The part before such an ending must name someone: "图片新闻", "国内新闻", "新闻中心",
# "本报" are labels of a page, not publishers.
GENERIC_BRANDS = frozenset(
    "国内 国际 社会 本地 地方 图片 视频 最新 热点 热门 新闻 财经 科技 体育 娱乐 军事 汽车 房产 "
    "教育 健康 旅游 时尚 文化 要闻 滚动 独家 原创 专题 综合 更多 相关 推荐 今日 每日 本 本站 本网 "
    "我的 网站 官方 频道 首页 返回 进入".split())
_HAN = re.compile(r"[\u3400-\u9fff]")
SOURCE_NAMES = re.compile(r"source|laiyuan|copyfrom|\borigin\b|\bly\b|\bfrom\b", re.I)
# A caption box may wrap a credit's line a few elements up.
CREDIT_ANCESTORS = 3
# Names of a picture's or a video's credit ("buzz_attribution", "img-source", "photo-credit"):
# the source of a picture, not of the article.
CREDIT_NAMES = re.compile(r"credit|attribution|caption|photo|image|\bimg|pic|video|media|"
                          r"figure|tuzhu", re.I)


def element_text(el: etree._Element) -> str:
    """The element's text with BOUNDARY where an element starts or ends, whitespace collapsed."""
    parts: list[str] = []
    size = 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if not isinstance(node.tag, str):
            continue
        if event == "start":
            parts.append(BOUNDARY)
            if node.text:
                parts.append(node.text)
        else:
            parts.append(BOUNDARY)
            if node is not el and node.tail:
                parts.append(node.tail)
        size += len(parts[-1])
        if size > ROW_CHARS_MAX:
            break
    text = re.sub(r"\s+", " ", "".join(parts))
    return re.sub(rf"{BOUNDARY}[\s{BOUNDARY}]*", BOUNDARY, text)


def _take_value(rest: str) -> str:
    """The value after a label: bracketed whole, else up to the next element, separator or
    label; names joined by a dash across elements ("某某网" "-" "某某频道") stay joined."""
    rest = rest.lstrip(f" {BOUNDARY}")
    if rest[:1] in _OPEN_CLOSE:
        close = rest.find(_OPEN_CLOSE[rest[0]], 1)
        if close > 0:
            return rest[1:close]
    out = []
    while rest:
        m = re.search(rf"[{BOUNDARY}|｜/，,;；。\n]|\s(?![A-Za-z])|(?<![A-Za-z])\s", rest)
        piece, rest = (rest[:m.start()], rest[m.start():]) if m else (rest, "")
        out.append(piece)
        if rest.startswith(BOUNDARY) and _JOINER.match(rest) and piece:
            joiner = _JOINER.match(rest)
            assert joiner is not None
            out.append("-")
            rest = rest[joiner.end():].lstrip(f" {BOUNDARY}")
            continue
        break
    return "".join(out)


def clean(raw: str) -> str:
    """Cut what is glued to a publisher's name: labels and buttons after it, dates before or
    after it, brackets and punctuation around it."""
    text = raw.replace(BOUNDARY, " ").strip()
    m = VALUE_END.search(text)
    if m:
        text = text[:m.start()]
    for _ in range(CLEAN_PASSES):
        text = LEADING_DATE.sub("", text)
        text = TRAILING_DATE.sub("", text)
        text = text.strip(_EDGE_PUNCT)
    return re.sub(r"\s+", " ", text)


def _person(text: str) -> bool:
    """"张三": a Chinese personal name where a publisher should be (a Latin "China Daily"
    cannot be told from "Jane Doe" by its shape, and is let through)."""
    return bool(_HAN.search(text)) and names.is_person(text, names.Evidence.PLACED) and \
        not text.endswith(PUBLISHER_ENDINGS)


def is_publisher(text: str, *, strict: bool = False) -> bool:
    """A publisher's shape: a name, not a sentence, a date, a placeholder or a person.

    ``strict`` (a name printed without any label) also asks for a publisher's ending after a
    name that is not a generic label ("某某网-某某频道" yes, "国内新闻" no).
    """
    if len(text) not in PUBLISHER_LENGTHS or len(text.split()) > PUBLISHER_WORDS_MAX:
        return False
    if _SENTENCE.search(text) or PLACEHOLDERS.match(text) or CREDIT_LINE.search(text):
        return False
    if re.search(r"\d{4}|\d{1,2}:\d\d", text) or text in names.NOT_PERSON_WORDS:
        return False
    for word in text.lower().split():
        if word in names.LATIN_NOT_PERSON or word in names.LATIN_STOP_WORDS or \
                word in names.NOT_PERSON_WORDS:
            return False  # "by", "share", "视频 By": words of the page, not a name
    if not (_HAN.search(text) or re.search(r"[A-Za-z]{2}", text)):
        return False
    if _HAN.search(text) and re.search(r"[\u3400-\u9fff]\s+[\u3400-\u9fff]|[/／\\|｜]", text):
        return False  # "文 视频", "某报 /视频": a Chinese publisher's name is one word
    if _person(text):
        return False
    if strict:
        return _branded(text)
    return True


def _branded(text: str) -> bool:
    """Some part of "某某网-某某频道" is a brand plus a publisher's ending."""
    for part in re.split(r"[-—－·|｜_ ]+", text):
        for ending in PUBLISHER_ENDINGS:
            if part.endswith(ending):
                brand = part[:-len(ending)]
                if brand and brand not in GENERIC_BRANDS and _HAN.search(brand) and \
                        not any(brand.startswith(g) for g in ("本", "我")):
                    return True
    return False


def labelled(u: Unit) -> str | None:
    """The value of a ``来源:`` label on this line, cleaned, if it is a publisher."""
    on_line = SOURCE_LABEL.search(u.text)
    if on_line is None or CREDIT_LINE.search(u.text[:on_line.start()]):
        return None  # no label, or a credit's ("图/…" before it)
    row = element_text(u.owner)
    m = SOURCE_LABEL.search(row)
    # the row's elements part the value from a button; a row too long to read: the line
    value = _take_value(row[m.end():]) if m else _take_value(u.text[on_line.end():])
    value = clean(value)
    return value if is_publisher(value) else None


def _ident(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _inline_elements(el: etree._Element) -> list[etree._Element]:
    """The element and its inline descendants (not those of a block inside it: another line)."""
    found, stack = [], [el]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(c for c in node if isinstance(c.tag, str) and c.tag not in pt.BLOCK_TAGS)
    return found


def _in_a_credit(u: Unit) -> bool:
    """The line sits in a caption or an element named as a picture's credit, or holds one."""
    if u.caption:
        return True
    around = _inline_elements(u.owner) + list(u.owner.iterancestors())[:CREDIT_ANCESTORS]
    return any(el.tag == "figcaption" or CREDIT_NAMES.search(_ident(el)) is not None
               for el in around)


_SOURCE_STEMS = ("source", "laiyuan", "copyfrom", "origin", "ly", "from")


def _nearest_block(el: etree._Element) -> etree._Element | None:
    for anc in el.iterancestors():
        if anc.tag in pt.BLOCK_TAGS:
            return anc
    return None


class SourceMarkup:
    """The elements a page's markup names as the source, by the block element (a line's
    owner) they belong to; each owner is looked through once per page."""

    def __init__(self) -> None:
        self._by_owner: dict[etree._Element, list[etree._Element]] = {}

    def in_owner(self, owner: etree._Element) -> list[etree._Element]:
        found = self._by_owner.get(owner)
        if found is None:
            found = []
            # an element inside a nested block belongs to that block, never to this owner:
            # those subtrees are not walked
            walker = etree.iterwalk(owner, events=("start",))
            for _event, el in walker:
                if el is not owner and el.tag in pt.BLOCK_TAGS:
                    walker.skip_subtree()
                    continue
                cls, ident = el.get("class"), el.get("id")
                if not (cls or ident):
                    continue
                low = f"{cls or ''} {ident or ''}".lower()
                # most names hold none of the pattern's stems: a cheap test first
                if any(stem in low for stem in _SOURCE_STEMS) and SOURCE_NAMES.search(low) \
                        and (el is owner or (el.tag not in pt.BLOCK_TAGS
                             and _nearest_block(el) is owner)):
                    found.append(el)
            self._by_owner[owner] = found
        return found

    def element(self, u: Unit) -> etree._Element | None:
        """The element of this line that the markup names as the source, if any; none in
        a caption or a credit (a picture's source)."""
        for el in self.in_owner(u.owner):
            if el is not u.owner and clean_text("".join(el.itertext())) not in u.text:
                continue  # another line of the same block
            return None if CREDIT_NAMES.search(_ident(el)) or _in_a_credit(u) else el
        return None


def named(u: Unit, markup: SourceMarkup) -> str | None:
    """A publisher in an element the markup calls the source ("<span class=source>")."""
    el = markup.element(u)
    if el is None:
        return None
    text = element_text(el)
    if CREDIT_LINE.search(text.replace(BOUNDARY, " ")):
        return None
    m = SOURCE_LABEL.search(text)
    if m:
        value = clean(_take_value(text[m.end():]))
    else:
        # a date glued before the name is no separator: "2019年09月07日 04:04 某某日报"
        value = clean(_take_value(LEADING_DATE.sub("", text.replace(BOUNDARY, " ").strip())))
    return value if is_publisher(value) else None


def in_dateline(u: Unit, has_date: bool) -> str | None:
    """A publisher-shaped piece of a dateline row ("2019年09月07日 04:04 | 某某日报"): a piece
    that is nothing but the name (and a date); "（…时间）" or "记者 …" is a label's."""
    if not has_date:
        return None
    for piece in element_text(u.owner).split(BOUNDARY):
        if len(piece) > BYLINE_ROW_CHARS_MAX or piece.strip() not in u.text:
            continue  # a long piece is a sentence; one not on this line is another line's
        if VALUE_END.search(piece) or re.search(r"[(（【\[]", piece):
            continue
        value = clean(piece)
        if value and is_publisher(value, strict=True):
            return value
    return None


# A name alone on its line: letters and the joiners of "某某网-某某频道", nothing else.
_ONE_NAME = re.compile(r"^[\w\-—－·]+$")


def alone_on_its_line(u: Unit) -> str | None:
    """The seed site's shape: the publisher printed alone on a line at the top of the story."""
    if u.kind != "text" or u.chars > LINE_CHARS_MAX or u.link_chars:
        return None
    text = u.text.strip()
    if not _ONE_NAME.match(text) or VALUE_END.search(text) or text != clean(text) or \
            _in_a_credit(u):
        return None  # "<publisher>记者<name>/文": a byline; a caption's credit
    pieces = [p.strip() for p in element_text(u.owner).split(BOUNDARY) if p.strip()]
    if pieces != [text]:
        return None  # words of several elements glued into one line, not one name
    return text if is_publisher(text, strict=True) else None
