"""Who wrote it: bylines read from the page, each name checked before it is shown.

Structural evidence first, most explicit first: a labelled byline (作者/记者/文/撰文/By), the
markup's author (``rel=author``, ``itemprop=author``, author classes), JSON-LD and ``<meta>``;
then bylines without a news label: a line of names under the headline, reporters in
brackets at the end of the story, a poster signing a post ("<name>写于<date>", "由<name>张贴
@ <date>", "<date> by <handle>") and, last, the owner a blog's header names ("<name>的博客").

Every candidate passes ``names.is_person`` with the evidence its place gives (see
``names.Evidence``): a name placed without a label needs a common surname, a forum handle
needs a poster's label. An editor's credit (责任编辑) is never an author. EMPTY BEATS WRONG.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from huaibei_reader.extract import names
from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract.dom import Unit, clean_text
from huaibei_reader.extract.names import Evidence
from huaibei_reader.extract.publisher import BOUNDARY, element_text

# At most this many writers are kept (a byline of more is a list of staff).
NAMES_MAX = 6
# Byline lines are short; longer lines are story text.
BYLINE_CHARS_MAX = 150
# A labelled line may be mostly a linked name ("作者：<a>名字</a>") when it is this short.
LINKED_BYLINE_CHARS_MAX = 40
# A line that is mostly link text is navigation, unless it is a short labelled byline.
LINKED_SHARE = 0.5
# "By Jane Doe" stands on a short line of its own.
EN_BYLINE_CHARS_MAX = 80
# A line of names only, under the headline: "张三、李四".
NAME_LINE_CHARS_MAX = 20
# A signature line ("<name>写于<date>") is short.
SIGNATURE_CHARS_MAX = 80
# The headline above a name line, and the paragraph that opens the story below it.
HEADLINE_CHARS = range(4, 61)
STORY_OPENING_CHARS_MIN = 20
# A column-style title naming the writer ("<name>：<title>") stands this close above.
COLUMN_TITLE_REACH = 6
# A blog header naming its owner is a short line.
BLOG_HEADER_CHARS_MAX = 20
# Reporters in brackets sit in the last characters of the story.
TRAILING_REACH = 40
# Elements with author markup looked at, at most (a page lists a few authors at most).
AUTHOR_ELEMENTS_MAX = 12
# Text of an author element: a name or a short byline, not a biography.
AUTHOR_ELEMENT_CHARS = range(2, 61)

# "记者 张三 李四", "(通讯员 王五)", "文/李四", "本报记者王小五发自北京": a label, then
# 2-4 character Chinese names, ended by punctuation, a space or a word that follows bylines.
_NAME_END = (r"(?=$|[\s)）】\]|｜︱丨,，;；。/]|来源|编辑|发布|时间|日期|发自|报道|摄|素材|出自|"
             r"电|讯)")
_LABEL_COLON = r"[:：/|｜︱丨]"
AUTHOR_CJK = re.compile(
    r"(?:(?:^|[\s(（【\[|｜︱丨/:：])(?:本报|本网|特约)?"
    r"(?:作者|撰文|文[、/／]图|图[、/／]文|图文|文|编译|记者|通讯员|实习生)|"
    r"(?<=[报台社网站点刊道闻])(?:记者|通讯员))"
    r"(?!简介|信息|资料|文章|专栏|列表|主页|责任|编辑|责编|来源)"
    rf"(?P<sep>\s*(?:{_LABEL_COLON}\s*)?)(?P<names>[\u4e00-\u9fff·]{{2,4}}" + _NAME_END +
    r"(?:(?:[\s、,，]|\s*(?:记者|通讯员|实习生)\s*)+[\u4e00-\u9fff·]{2,4}" + _NAME_END + r"){0,5})")
# What follows the names in a byline: "记者 张三 摄影报道", "李四 整理".
_BYLINE_TAIL = re.compile(r"(?:\s*(?:摄影报道|图文报道|联合报道|综合报道|报道|摄影|摄|整理|编译|"
                          r"供图|制图))+$")
# A two-character name padded to the width of three ("王　浩", print typography).
_PADDED_NAME = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])[ \u3000]([\u4e00-\u9fff])"
                          r"(?![\u4e00-\u9fff])")
# "作者：<handle>", "发帖人: <handle>": a labelled writer or poster, of any script (the
# writer's labels of AUTHOR_CJK that take a colon, so a handle under 撰文 reads as under 作者).
AUTHOR_NICK = re.compile(
    r"(?:作者|撰文|撰稿人?|发帖人|发帖者|楼主|博主|发表人|发布人|发表者|发布者|张贴者|投稿人|投稿者|用户名|"
    r"posted by|written by|author)\s*[:：︱丨]\s*"
    r"(?P<names>[^\s|｜,，;；()（）【】\[\]=\"'<>]{2,30})(?=$|[\s|｜,，;；()（）【】\[\]])", re.I)
# A labelled value that is another label: "作者：责任编辑：…", "作者： 来源：…".
_LABEL_AS_VALUE = re.compile(r"^(?:责任编辑|责编|编辑|来源|时间|日期|发布|浏览|阅读|点击)")
# "<date> by <handle>": a forum or blog footer naming the poster after the time.
BY_NICK = re.compile(r"\d\s+by\s+(?P<names>[\w.&-]{2,30})(?=\s|$)", re.I)
# A poster or blogger signing a post on a line of its own: "<name>写于<date>",
# "- <name>写于3月18日", "由<name>张贴 @ <date>" (a blog footer), "<name> 发表于 <date>".
WRITTEN_BY = re.compile(
    r"^\s*(?:[-—–~－]+\s*)?(?:由\s*)?(?P<names>[^\s\d:：,，。;；!！?？@()（）\[\]【】<>\"'“”]{2,12}?)"
    r"\s*(?:写于|记于|作于|张贴于?|发表于|发布于|发贴于|发帖于)\s*(?:[@于在]\s*)?"
    r"(?:(?:19|20)\d\d|[01]?\d\s*月\s*[0-3]?\d\s*日)")
# Words that stand where a signature's name would, but are not one: "本文发表于2009年...".
NOT_A_SIGNATURE = re.compile(
    r"^(?:[这此该本那][\u4e00-\u9fff]*|[其原上下前后全][\u4e00-\u9fff]?|文章|论文|作品|原文|帖子|楼主|"
    r"首发|初稿|诗歌?|此诗|小说|散文|随笔|日记|博文|草稿|[\u4e00-\u9fff]*(?:文章|一文|此文|本文))$")
# A blog's own header: "<name>的博客", "<name>的个人空间", "<name>的专栏" (a line of its own).
BLOG_HEADER = re.compile(
    r"^\s*[\[【]?(?P<names>[^\s:：|｜_/\\<>\[\]【】]{2,12}?)[\]】]?\s*的\s*"
    r"(?:博客|部落格|网志|blog|个人空间|空间|专栏|个人主页)\s*$", re.I)
NOT_AN_OWNER = re.compile(r"^(?:我|我们|你|你们|大家|他们|她们|咱们|网友|别人|朋友|好友|名人|"
                          r"[\u4e00-\u9fff]*(?:推荐|热门|最新|精彩|更多|其他|相关))$")
# "作者：<Chinese name> (<Latin name>)": a name followed by its other-script form in brackets.
NAME_ALIAS = re.compile(r"^\s*[(（]\s*(?P<alias>[A-Za-z][A-Za-z .'’-]{1,40}?)\s*[)）]")
# A line of nothing but short Chinese names: "张三", "张三、李四".
NAME_LINE = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:\s*[、，,\s]\s*[\u4e00-\u9fff]{2,4}){0,3}$")
# Lines that are labels or publishers, not names, though shaped like a short line of names.
NOT_NAME_LINE = re.compile(
    r"^(?:本报讯|本网讯|摘要|导读|编者按|正文|简介|前言|引言|序言|原创|转载|图片|视频|评论|全文|"
    r"原文|时间|来源|作者|目录|概要|提要|内容|详情|专题|阅读|返回|更多|分享|打印|关闭|首页|标签|"
    r"关键词|附件|注释|参考文献|更新|公告|通知|声明|提示|说明|相关|推荐|热点|要闻|快讯|"
    r"编辑|责编|记者|通讯员|实习生|摄影|特约|评论员|"
    r"[\u4e00-\u9fff]*(?:讯|报|网|社|台|站|部|局|厅|委|院|校|中心|公司|集团|协会|学会|新闻|"
    r"头条|频道|客户端|号|资讯|在线|时评|财经|观察))$")
# Words that say nobody in particular wrote it: not an author to show.
NO_ONE = re.compile(r"^(?:admin|administrator|webmaster|root|guest|anonymous|unknown|"
                    r"佚名|匿名|未知|不详|管理员|系统管理员|超级管理员|网站管理员|站长|小编|"
                    r"本站|本网|网友|游客)$", re.I)

_AUTHOR_JUNK = re.compile(r"^(本报|本网|本站|记者|通讯员|实习生|特约|见习|作者|文|图|摄影?|编辑)+")
_NAME_SPLIT = re.compile(r"\s*(?:[、，,;；/]|\band\b|\s和\s|\s+)\s*")
_NAMES_IN_LINE = re.compile(r"\s*[、，,]\s*|\s+")
_NOT_A_NAME = re.compile(r"https?://|www\.|\.com|\d{3,}|[。！？]")
_BY_PREFIX = re.compile(r"^\s*(by|written by|posted by|par|von|di|por)\s+", re.I)
_BYLINE_LABEL = re.compile(r"^(作者|记者|文)\s*[:：]?\s*")
# A link to a blog's author page by query, WordPress style: "/?author=102" (nothing else
# in the query: "?cat=3&author=102" lists one author's posts in a category).
_AUTHOR_PAGE_QUERY = re.compile(r"\?author=[\w-]+$")
# A handle mixing Chinese with other characters ("放风筝&小雨", "阿牛_bj"): one name, unsplit.
_MIXED_NICK = re.compile(r"^(?=.*[\u4e00-\u9fff])(?=.*[^\u4e00-\u9fff])[\w&.·-]{2,20}$")

# Places whose author markup names someone else: commenters, other stories' writers, lists
# of columnists in a sidebar.
OTHERS_PLACES = re.compile(r"comment|disqus|respond|reply|related|recommend|sidebar|side-bar|"
                           r"\bside\b|widget|\bnav|\bhot|\brank|popular|trending",
                           re.I)
_OTHERS_TAGS = ("nav", "li")

_AUTHOR_META_KEYS = ("author", "article:author", "dc.creator", "dc:creator", "dcterms.creator",
                     "dcterms:creator", "byl",
                     "parsely-author", "sailthru.author", "og:article:author", "twitter:creator")


def split_names(text: str) -> tuple[str, ...]:
    """Name-shaped parts of a byline fragment: "记者 张三 李四" -> ("张三", "李四").

    Labels and separators go; whether each part is a person is ``names.is_person``'s call.
    """
    found: list[str] = []
    for part in _NAME_SPLIT.split(text.strip()):
        part = _AUTHOR_JUNK.sub("", part.strip(" :：()（）[]【】\"'")).strip()
        if not part or _NOT_A_NAME.search(part) or NO_ONE.match(part):
            continue
        if part.lower() in ("by", "and", "staff", "the"):
            continue
        if part not in found:
            found.append(part)
    return tuple(found[:NAMES_MAX])


def checked(found: tuple[str, ...] | list[str], evidence: Evidence) -> tuple[str, ...]:
    """The names of ``found`` that pass as people with this evidence, at most NAMES_MAX."""
    return names.people(found, evidence)[:NAMES_MAX]


def unpadded(text: str) -> str:
    """"本报记者 王 浩" -> "本报记者 王浩": padded two-character names joined again."""
    return _PADDED_NAME.sub(r"\1\2", text) if " " in text or "\u3000" in text else text


def labelled_names(m: re.Match[str]) -> tuple[str, ...]:
    """The names after a 作者/记者/文 label (an AUTHOR_CJK match), all of them people or none.

    A name run on from its label with no space or colon ("记者走访发现") must start with a
    common surname: without a separator, the label may be the start of a sentence. When one
    of several words fails ("记者 通过 走访发现"), the line is a sentence, not a byline.
    """
    parts = split_names(_BYLINE_TAIL.sub("", m.group("names")))
    found = checked(parts, Evidence.LABELLED)
    if len(found) != len(parts):
        return ()
    if not m.group("sep") and not all(names.has_surname(n) for n in found):
        return ()
    return found


def english_byline(text: str) -> tuple[str, ...]:
    """"By Jane Doe and John Roe" -> ("Jane Doe", "John Roe"), each trimmed of job and date."""
    text = _BY_PREFIX.sub("", text.strip())
    parts = re.split(r"\s*(?:,|\band\b|&|\||\s[-–—]\s)\s*", text)
    return tuple(names.trim_latin(p.strip()) for p in parts
                 if p.strip() and not _NOT_A_NAME.search(p))[:NAMES_MAX]


def with_alias(found: tuple[str, ...], text_after: str) -> tuple[str, ...]:
    """One name followed by "(Latin form)" keeps the bracket: "李明 (Ming Li)"."""
    if len(found) != 1:
        return found
    m = NAME_ALIAS.match(text_after)
    if not m:
        return found
    return (f"{found[0]} ({m.group('alias').strip()})",)


def _byline_units(units: list[Unit], order: list[int]) -> list[Unit]:
    return [units[i] for i in order
            if units[i].kind != "image" and units[i].chars <= BYLINE_CHARS_MAX
            and units[i].link_chars <= LINKED_SHARE * units[i].chars]


def _labelled_units(units: list[Unit], order: list[int]) -> list[Unit]:
    """Lines that may hold a labelled byline: short ones may be mostly a linked name."""
    return [units[i] for i in order
            if units[i].kind != "image" and units[i].chars <= BYLINE_CHARS_MAX
            and (units[i].link_chars <= LINKED_SHARE * units[i].chars
                 or units[i].chars <= LINKED_BYLINE_CHARS_MAX)]


def _poster(u: Unit) -> tuple[str, ...]:
    """"作者：<name>", "发帖人：<handle>" on this line, checked."""
    for m in AUTHOR_NICK.finditer(u.text):
        # a forum or blog links the poster's name to a profile; the label itself is not a link
        before = u.text[:m.start("names")]
        label_chars = len(before) - before.count(" ")
        if u.link_chars > LINKED_SHARE * u.chars and u.link_chars > u.chars - label_chars:
            continue
        raw = m.group("names").strip()
        if NO_ONE.match(raw) or _LABEL_AS_VALUE.match(raw):
            continue  # "发布者：admin" names an account; "作者：责任编辑：…" names no one
        if pt.CJK.search(raw):
            rest = "作者 " + u.text[m.start("names"):]
            m2 = AUTHOR_CJK.search(rest)
            found = labelled_names(m2) if m2 else ()
            if found and m2 is not None:
                return with_alias(found, rest[m2.end("names"):])
            if _MIXED_NICK.match(raw) or len(raw) <= max(names.HAN_NAME_LENGTHS):
                found = checked((raw,), Evidence.POSTER)
                if found:
                    return found
        else:
            # "Author: Jane Doe" names a person in several words; "作者：jdoe" a handle
            found = checked(english_byline(u.text[m.start("names"):]), Evidence.LABELLED) or \
                checked((raw,), Evidence.POSTER)
            if found:
                return found
    return ()


def visible_authors(units: list[Unit], order: list[int],
                    labelled_order: list[int] | None = None) -> tuple[str, ...]:
    """Names from a byline: a labelled 作者 first (searched in ``labelled_order``, which may
    reach into page furniture such as a blog post's footer), then 记者 lines, then "By"."""
    for u in _labelled_units(units, labelled_order if labelled_order is not None else order):
        found = _poster(u)
        if found:
            return found
    candidates = _byline_units(units, order)
    for u in candidates:
        for m in AUTHOR_CJK.finditer(unpadded(u.text)):
            found = labelled_names(m)
            if found:
                return found
    for u in candidates:
        if u.chars < EN_BYLINE_CHARS_MAX:
            by = pt.AUTHOR_EN.search(u.text)
            if by:
                # the rest of the line, not the pattern's group: it reads "and" as a name
                found = checked(english_byline(u.text[by.start("names"):]), Evidence.LABELLED)
                if found:
                    return found
    return ()


def head_authors(jsonld_article: dict[str, Any] | None,
                 meta: dict[str, str]) -> tuple[str, ...]:
    """Authors the JSON-LD article or a ``<meta>`` author field names, checked."""
    if jsonld_article:
        a = jsonld_article.get("author")
        items = a if isinstance(a, list) else [a]
        found = []
        for item in items:
            name = item.get("name") if isinstance(item, dict) else item
            if isinstance(name, str) and name.strip() and not name.startswith("http"):
                found.append(clean_text(name))
        people = _as_people(found)
        if people:
            return people
    for key in _AUTHOR_META_KEYS:
        v = meta.get(key)
        if v and not v.startswith("http") and not v.startswith("@"):
            people = _as_people([v])
            if people:
                return people
    return ()


def _as_people(values: list[str]) -> tuple[str, ...]:
    """Labelled values of any script: each split into names, and checked."""
    found: list[str] = []
    for v in values:
        found.extend(split_names(v) if pt.CJK.search(v) else english_byline(v))
    return checked(found, Evidence.LABELLED)


def _names_others(el: etree._Element) -> bool:
    """The element sits among comments, related stories or a sidebar: not this story's (an
    ``<aside>`` inside an ``<article>`` is the article's own: an author box)."""
    for anc in el.iterancestors():
        if anc.tag in _OTHERS_TAGS:
            return True
        if anc.tag == "aside" and next(anc.iterancestors("article"), None) is None:
            return True
        ident = f"{anc.get('class') or ''} {anc.get('id') or ''}"
        if len(ident) > 1 and OTHERS_PLACES.search(ident):
            return True
    return False


def _author_elements(root: etree._Element) -> Iterator[etree._Element]:
    """Elements whose markup says "author", in page order (a walk in Python is faster here
    than an XPath query with the same tests); lazily, so the walk stops where the caller
    found its names, and at AUTHOR_ELEMENTS_MAX."""
    found = 0
    for el in root.iter(etree.Element):  # elements only: no comments or entities
        if el.tag == "meta":
            continue
        if el.get("itemprop") == "author" or el.get("rel") == "author":
            pass
        else:
            cls = el.get("class")
            href = el.get("href")
            if not ((cls and ("author" in cls or "byline" in cls)) or
                    (href and ("/author/" in href or _AUTHOR_PAGE_QUERY.search(href)))):
                continue
        yield el
        found += 1
        if found >= AUTHOR_ELEMENTS_MAX:
            return


def _names_in_text(text: str) -> tuple[str, ...]:
    text = _BY_PREFIX.sub("", text).strip()
    # "刘涛": Chinese names may be two characters; Latin ones are longer
    if len(text) not in AUTHOR_ELEMENT_CHARS or re.search(r"\d{2}|@|https?:", text):
        return ()
    if pt.CJK.search(text):
        m = AUTHOR_CJK.search("作者 " + _BYLINE_LABEL.sub("", text))
        return labelled_names(m) if m else ()
    return checked(english_byline(text), Evidence.LABELLED)


def markup_authors(root: etree._Element) -> tuple[str, ...]:
    """Names the markup calls the author: itemprop=author, rel=author, author classes.

    The element's whole text is read first ("By Jane Doe and John Roe"); when it is more
    than a byline (a name and a follow button, an author box with 最新文章), each of its
    elements' texts is tried in turn.
    """
    for el in _author_elements(root):
        if _names_others(el):
            continue
        name_el = el.find('.//*[@itemprop="name"]')
        source = name_el if name_el is not None else el
        # elements apart stay apart: "<a>Jane Doe</a><span>FOXBusiness</span>"
        text = clean_text(element_text(source).replace(BOUNDARY, " ")) or \
            (source.get("content") or "").strip()
        found = _names_in_text(text)
        if found:
            return found
        for piece in element_text(source).split(BOUNDARY):
            found = _names_in_text(piece.strip())
            if found:
                return found
    return ()


def _neighbour(units: list[Unit], i: int, step: int) -> Unit | None:
    """The nearest line above (step -1) or below (+1), skipping images."""
    j = i + step
    while 0 <= j < len(units):
        if units[j].kind != "image":
            return units[j]
        j += step
    return None


def _looks_like_headline(u: Unit | None) -> bool:
    return (u is not None and u.kind in ("text", "heading") and u.chars in HEADLINE_CHARS
            and not u.link_chars and "。" not in u.text)


def _opens_story(u: Unit | None) -> bool:
    return u is not None and u.kind == "text" and u.chars >= STORY_OPENING_CHARS_MIN \
        and not u.link_chars


def _named_in_a_column_title(units: list[Unit], i: int, name: str) -> bool:
    """"<name>：<title>" a few lines above: the column-style headline names the writer."""
    for j in range(max(0, i - COLUMN_TITLE_REACH), i):
        text = units[j].text.strip()
        if text.startswith(name) and text[len(name):len(name) + 1] in ("：", ":"):
            return True
    return False


def _name_line(u: Unit) -> tuple[str, ...]:
    if u.kind not in ("text", "heading") or u.chars > NAME_LINE_CHARS_MAX or u.link_chars:
        return ()
    text = u.text.strip()
    if not NAME_LINE.match(text):
        return ()
    found = tuple(n for n in _NAMES_IN_LINE.split(text) if n)
    if not found or any(NOT_NAME_LINE.match(n) for n in found):
        return ()
    return found


def _placed_names(found: tuple[str, ...]) -> tuple[str, ...]:
    """A line of names placed without a label: all of them people, the first with a common
    surname (the first name vouches for the line: "王小二、风清扬"), or none."""
    first = checked(found[:1], Evidence.PLACED)
    rest = checked(found[1:], Evidence.LABELLED)
    return first + rest if first and len(rest) == len(found) - 1 else ()


def name_line_authors(units: list[Unit], order: list[int]) -> tuple[str, ...]:
    """A line holding nothing but Chinese personal names next to the headline: a byline."""
    for i in order:
        found = _name_line(units[i])
        people = _placed_names(found) if found else ()
        if people and all(names.has_surname(n) for n in people):
            return people
    return name_under_headline(units, order)


def name_under_headline(units: list[Unit], order: list[int]) -> tuple[str, ...]:
    """A line of nothing but names between the headline and the story's first paragraph.

    Essays and papers put the writer there (headline / "张三、李四" / first paragraph). Each
    name must look like a personal name placed without a label (a common surname), or be
    named again at the head of a column-style title above ("<name>：<title>"), a label.
    """
    for i in order:
        found = _name_line(units[i])
        if not found:
            continue
        if not (_looks_like_headline(_neighbour(units, i, -1))
                and _opens_story(_neighbour(units, i, 1))):
            continue
        if len(found) == 1 and _named_in_a_column_title(units, i, found[0]):
            return checked(found, Evidence.LABELLED)
        people = _placed_names(found)
        if people:
            return people
    return ()


def signed_post(units: list[Unit], order: list[int]) -> tuple[str, ...]:
    """A poster or blogger signing a post on a short line of its own.

    "<name>写于2005年3月16日", "- <name>写于3月18日", "由<name>张贴 @ <date> (359)": the
    line holds the name, the verb and a date, and little else (no sentence).
    """
    for i in order:
        u = units[i]
        if u.kind == "image" or u.chars > SIGNATURE_CHARS_MAX:
            continue
        m = WRITTEN_BY.search(u.text)
        if not m:
            continue
        name = m.group("names").strip()
        if NOT_A_SIGNATURE.match(name) or NOT_NAME_LINE.match(name) or \
                NO_ONE.match(name) or "。" in u.text:
            continue
        found = checked((name,), Evidence.POSTER)
        if found:
            return found
    return ()


def blog_owner(units: list[Unit], story_start: int) -> tuple[str, ...]:
    """The owner a blog's header names above the post ("<name>的博客"), on a line of its own
    that is not a link (a link list of "<name>的博客" recommends other people's blogs)."""
    for u in units[:max(0, story_start)]:
        if u.kind not in ("text", "heading") or u.chars > BLOG_HEADER_CHARS_MAX or u.link_chars:
            continue
        m = BLOG_HEADER.match(u.text)
        if not m:
            continue
        name = m.group("names").strip()
        name = name.removesuffix("的")
        if not (NOT_AN_OWNER.match(name) or NO_ONE.match(name) or NOT_NAME_LINE.match(name)):
            found = checked((name,), Evidence.POSTER)
            if found:
                return found
    return ()


def by_nick(units: list[Unit], order: list[int], *,
            story_start: int | None = None) -> tuple[str, ...]:
    """A poster or blogger signing a post: "<time> by <handle>", "<name>写于<date>",
    "由<name>张贴 @ <date>"; else the owner a blog's header above ``story_start`` (the
    story's first unit; ``order[0]`` when not given) names ("<name>的博客")."""
    for i in order:
        u = units[i]
        if u.kind == "image" or u.chars > SIGNATURE_CHARS_MAX:
            continue
        m = BY_NICK.search(u.text)
        if m:
            found = checked((m.group("names"),), Evidence.POSTER)
            if found:
                return found
        signed = signed_post(units, [i])
        if signed:
            return signed
    if story_start is None:
        story_start = order[0] if order else None
    return blog_owner(units, story_start) if story_start is not None else ()


def trailing_reporters(text: str) -> tuple[str, ...]:
    """"…（本段结束）。 (张三 李四)": reporters in brackets ending the story."""
    m = pt.TRAILING_REPORTERS.search(unpadded(text[-TRAILING_REACH:]))
    return checked(split_names(m.group(1)), Evidence.PLACED) if m else ()
