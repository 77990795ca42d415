"""Perturbations of a page that keep its article but change what another site would change.

A rule fitted to the shared pages leans on what those pages happen to have: their class
names, their semantic tags, their boilerplate words, their nesting, their paragraph markup.
A new site keeps the article and changes those. Each perturbation here does one such change,
deterministically (seeded by the perturbation, the set and the page id), so an extractor's
DROP from the unperturbed page measures how much it leans on what a new site would not have.

The page is decoded once (the engine's own decoder, the way a server's charset would be
honoured), parsed with lxml.html, changed and written back as UTF-8 with a ``<meta
charset>``; ``identity`` is that round trip alone, the baseline every drop is measured from.

Where the truth is needed to know which part of the page is the story (moving the sidebars
around it, telling story lines from boilerplate lines) it is read here, in the benchmark,
never by the engine.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

SEED = "huaibei-reader/perturb/1"
RANDOM_TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
# Tags that name a part of the page by what it is; a site built from divs has none of them.
SEMANTIC_TAGS = ("article", "main", "aside", "nav", "header", "footer", "section", "figure",
                 "figcaption", "menu", "address", "time")
# Attributes that name a part's role besides class and id (schema.org, ARIA, link roles).
ROLE_ATTRIBUTES = ("role", "itemprop", "itemtype", "itemscope", "rel", "aria-label",
                   "data-role", "data-type", "name")
WRAP_SHARE = 0.3  # share of the body's block elements wrapped in an extra div (1-3 deep)
MAX_WRAP_DEPTH = 3
# Paragraph markup: a <p> is split at a sentence end when it is at least this long ...
SPLIT_MIN_CHARS = 80
# ... and runs of this many sibling <p> or more are merged into one block with <br><br>.
MERGE_MIN_RUN = 2
STORY_SHARE = 0.6  # the story's element holds this share of the truth's tokens (benchmark only)
BOILERPLATE_MIN_CHARS = 2  # shorter text nodes are punctuation or bullets, left alone
BOILERPLATE_MAX_CHARS = 60  # longer text nodes are prose, never a template's words
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=\.)(?=\s)")
_WS = re.compile(r"\s+")


# Boilerplate words and their equivalents, as sites word them. Each page picks one
# replacement per entry (seeded), applied to every text node and to the truth alike, so the
# story's tokens change with it and only what the extractor leans on is tested.
SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Chinese: list headings, editor credits, source and author labels, buttons
    ("相关阅读", ("延伸阅读", "拓展阅读", "关联阅读", "看了还想看")),
    ("相关新闻", ("相关内容", "更多相关", "关联新闻", "本站相关")),
    ("相关文章", ("同类文章", "关联文章", "本类热门")),
    ("相关报道", ("相关内容", "关联报道", "更多报道")),
    ("推荐阅读", ("拓展阅读", "值得一看", "精选阅读")),
    ("延伸阅读", ("拓展阅读", "深度阅读")),
    ("热门文章", ("本周热门", "阅读排行", "点击排行")),
    ("猜你喜欢", ("看了又看", "编辑精选")),
    ("责任编辑", ("编辑", "本文编辑", "值班编辑", "主编")),
    ("来源", ("稿源", "出处", "来自", "消息来源")),
    ("作者", ("文", "撰文", "撰稿")),
    ("发布时间", ("发表时间", "发布日期", "日期", "时间")),
    ("分享到", ("分享至", "转发至", "一键转发")),
    ("网友评论", ("读者留言", "网友跟帖", "用户评论")),
    ("发表评论", ("我来说两句", "写留言", "参与讨论")),
    ("上一篇", ("上一条", "前一篇")),
    ("下一篇", ("下一条", "后一篇")),
    ("打印", ("打印本页", "打印此文")),
    ("关闭窗口", ("关闭本页", "关闭")),
    ("返回顶部", ("回到顶部", "置顶")),
    # English
    ("Related Articles", ("More from us", "Further reading", "Keep reading")),
    ("Related Stories", ("More from us", "Elsewhere on the site", "Keep reading")),
    ("Related", ("More from us", "Further reading", "See also")),
    ("You may also like", ("Readers also viewed", "Don't miss", "Our picks")),
    ("You might also like", ("Readers also viewed", "Don't miss", "Our picks")),
    ("Most Popular", ("Top stories", "Trending now", "Most viewed")),
    ("Most popular", ("Top stories", "Trending now", "Most viewed")),
    ("Comments", ("Discussion", "Conversation", "Reader responses")),
    ("Leave a Reply", ("Have your say", "Join in", "Your turn")),
    ("Leave a comment", ("Have your say", "Add yours")),
    ("Share this", ("Pass it on", "Spread the word")),
    ("Share", ("Pass it on", "Send")),
    ("Advertisement", ("Sponsored", "Paid content")),
    ("Subscribe", ("Get our emails", "Join us")),
    ("Newsletter", ("Daily briefing", "Email updates")),
    ("Read more", ("Continue reading", "Full story")),
    ("Tags", ("Topics", "Filed under")),
)
_SYNONYM_PATTERN = re.compile(
    "|".join(rf"(?<![A-Za-z]){re.escape(k)}(?![A-Za-z])" if k.isascii() else re.escape(k)
             for k, _ in sorted(SYNONYMS, key=lambda kv: -len(kv[0]))))
_SYNONYM_CHOICES = dict(SYNONYMS)


@dataclass(frozen=True)
class Perturbed:
    """A perturbed page: UTF-8 bytes and the truth text changed alike (words only)."""

    data: bytes
    truth: str


def _rng(name: str, set_name: str, page_id: str) -> random.Random:
    return random.Random(f"{SEED}/{name}/{set_name}/{page_id}")


def _token(rng: random.Random) -> str:
    return "x" + "".join(rng.choice(RANDOM_TOKEN_CHARS) for _ in range(7))


def parse(text: str) -> etree._Element:
    return lxml_html.document_fromstring(text)


def serialise(root: etree._Element) -> bytes:
    """UTF-8 bytes with one ``<meta charset="utf-8">`` (the page's own charset lines go)."""
    for meta in root.iter("meta"):
        equiv = (meta.get("http-equiv") or "").lower()
        if meta.get("charset") is not None or equiv == "content-type":
            meta.getparent().remove(meta)
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    meta = etree.Element("meta")
    meta.set("charset", "utf-8")
    head.insert(0, meta)
    return b"<!DOCTYPE html>\n" + lxml_html.tostring(root, encoding="utf-8", method="html")


def _elements(root: etree._Element):
    return (el for el in root.iter() if isinstance(el.tag, str))


# ---- the perturbations: each changes ``root`` in place ---------------------------------

def random_names(root: etree._Element, rng: random.Random, truth: str) -> str:
    """Every class and id value a random token (one token per distinct value, as a site's
    stylesheet would keep them consistent): the structure stays, the naming goes."""
    tokens: dict[str, str] = {}
    for el in _elements(root):
        for attr in ("class", "id"):
            value = el.get(attr)
            if value is None:
                continue
            words = value.split()
            el.set(attr, " ".join(tokens.setdefault(w, _token(rng)) for w in words))
    return truth


def plain_tags(root: etree._Element, rng: random.Random, truth: str) -> str:
    """Semantic tags made divs (spans for inline ones) and role attributes removed."""
    for el in list(_elements(root)):
        if el.tag in SEMANTIC_TAGS:
            el.tag = "span" if el.tag == "time" else "div"
        for attr in ROLE_ATTRIBUTES:
            if attr in el.attrib and el.tag != "meta":
                del el.attrib[attr]
    return truth


def no_names(root: etree._Element, rng: random.Random, truth: str) -> str:
    """Both: a page of divs with meaningless class names."""
    random_names(root, rng, truth)
    return plain_tags(root, rng, truth)


def swap_words(root: etree._Element, rng: random.Random, truth: str) -> str:
    """Boilerplate words swapped for equivalents (the same choice in the truth)."""
    choice = {k: rng.choice(v) for k, v in SYNONYMS}

    def sub(text: str) -> str:
        return _SYNONYM_PATTERN.sub(lambda m: choice[m.group(0)], text)

    for el in root.iter():
        if isinstance(el.tag, str) and el.tag not in ("script", "style") and el.text:
            el.text = sub(el.text)
        if el.tail:
            el.tail = sub(el.tail)
    for meta in root.iter("meta"):  # og:title and the like are text a site words too
        if meta.get("content"):
            meta.set("content", sub(meta.get("content")))
    return sub(truth)


_BLOCKS = {"div", "p", "ul", "ol", "table", "section", "article", "aside", "nav", "header",
           "footer", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "form",
           "main", "dl"}


def wrap_divs(root: etree._Element, rng: random.Random, truth: str) -> str:
    """Extra wrapper divs (1-3 deep, random names) around a share of the block elements."""
    body = root.find("body")
    if body is None:
        return truth
    for el in [e for e in body.iter() if isinstance(e.tag, str) and e.tag in _BLOCKS]:
        parent = el.getparent()
        if parent is None or parent.tag in ("ul", "ol", "table", "tr", "tbody", "dl") or \
                rng.random() >= WRAP_SHARE:
            continue
        outer = inner = etree.Element("div")
        for _ in range(rng.randint(1, MAX_WRAP_DEPTH) - 1):
            child = etree.SubElement(inner, "div")
            inner = child
        outer.set("class", _token(rng))
        tail, el.tail = el.tail, None
        parent.replace(el, outer)
        inner.append(el)
        outer.tail = tail
    return truth


def _norm(text: str) -> str:
    return _WS.sub("", text or "")


def _story_element(root: etree._Element, truth: str) -> etree._Element | None:
    """The smallest element holding STORY_SHARE of the truth's characters (from the truth)."""
    want = _norm(truth)
    if not want:
        return None
    lines = [_norm(line) for line in truth.splitlines() if len(_norm(line)) >= 10]
    if not lines:
        return None
    best = None
    for el in _elements(root):
        if el.tag in ("html", "head"):
            continue
        text = _norm(el.text_content())
        if len(text) < STORY_SHARE * len(want):
            continue
        held = sum(len(line) for line in lines if line in text)
        if held >= STORY_SHARE * sum(len(line) for line in lines) and \
                (best is None or len(text) < best[0]):
            best = (len(text), el)
    return best[1] if best else None


def _movable(el: etree._Element, truth_lines: list[str], title: str, before: bool) -> bool:
    """A part that is not the story's: no story line in it; a part before the story moves
    after it only when it holds no headline (h1, the page's title) and no date (a site may
    put its sidebars anywhere, its headline and dateline stay above the story)."""
    text = _norm(el.text_content())
    if any(line in text for line in truth_lines):
        return False
    if not before:
        return True
    if el.tag == "h1" or el.find(".//h1") is not None or (title and title in text):
        return False
    return _DATE.search(el.text_content()) is None


_DATE = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*[01]?\d|"
                   r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|"
                   r"sep|oct|nov|dec)", re.I)


def move_sidebars(root: etree._Element, rng: random.Random, truth: str) -> str:
    """Parts beside the story (siblings of its element and of its ancestors: sidebars,
    related lists, footers) moved to the other side of it, each with even odds."""
    story = _story_element(root, truth)
    if story is None:
        return truth
    truth_lines = [_norm(line) for line in truth.splitlines() if len(_norm(line)) >= 10]
    heading = root.find(".//title")
    title = _norm(heading.text_content()) if heading is not None else ""
    title = title[:12] if len(title) >= 6 else ""
    el = story
    while el.getparent() is not None and el.getparent().tag != "html":
        parent = el.getparent()
        # entries of the same kind as the story's (a thread's posts, an archive's entries)
        # keep their order: a site reorders its sidebars, not its posts
        siblings = [s for s in parent if s is not el and isinstance(s.tag, str)
                    and s.tag not in ("script", "style", "meta", "link")
                    and (s.tag, s.get("class")) != (el.tag, el.get("class"))]
        for s in siblings:
            before = parent.index(s) < parent.index(el)
            if rng.random() < 0.5 or not _movable(s, truth_lines, title, before):
                continue
            tail, s.tail = s.tail, None
            if tail and tail.strip():
                s.tail = tail  # text after it moves with it
            parent.remove(s)
            if before:
                el.addnext(s)
            else:
                el.addprevious(s)
        el = parent
    return truth


def _split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s and s.strip()]


def split_paragraphs(root: etree._Element, rng: random.Random, truth: str) -> str:
    """Long text-only paragraphs split at a sentence end into two <p>s."""
    for p in list(root.iter("p")):
        if len(p) or not p.text or len(p.text) < SPLIT_MIN_CHARS:
            continue
        parts = _split_sentences(p.text)
        if len(parts) < 2:
            continue
        cut = rng.randint(1, len(parts) - 1)
        second = etree.Element("p")
        p.text, second.text = "".join(parts[:cut]), "".join(parts[cut:])
        second.tail, p.tail = p.tail, None
        p.addnext(second)
    return truth


def br_paragraphs(root: etree._Element, rng: random.Random, truth: str) -> str:
    """Runs of sibling <p>s merged into one <div> with <br><br> between (old sites' markup)."""
    for parent in list(_elements(root)):
        run: list[etree._Element] = []
        for child in [*list(parent), None]:
            if child is not None and child.tag == "p" and not (child.tail or "").strip():
                run.append(child)
                continue
            if len(run) >= MERGE_MIN_RUN:
                _merge(run)
            run = []
    return truth


def _merge(run: list[etree._Element]) -> None:
    box = etree.Element("div")
    first = run[0]
    first.addprevious(box)
    last_tail = run[-1].tail
    for i, p in enumerate(run):
        if i:
            etree.SubElement(box, "br")
            etree.SubElement(box, "br")
        marker = box[-1] if len(box) else None
        if p.text:
            if marker is None:
                box.text = (box.text or "") + p.text
            else:
                marker.tail = (marker.tail or "") + p.text
        for child in list(p):
            box.append(child)
        p.getparent().remove(p)
    box.tail = last_tail


def transplant(root: etree._Element, rng: random.Random, truth: str,
               pool: list[str] | None = None, keep: list[str] | None = None) -> str:
    """Every short text in the body that is not the story's replaced by boilerplate of other
    sites' pages (``pool``): this template, another site's words. Lines with a digit (the
    dateline) or a ``keep`` string (the author, the 来源) stay: they are the page's data."""
    body = root.find("body")
    if not pool or body is None:
        return truth
    want = _norm(truth)
    kept = [_norm(k) for k in keep or () if _norm(k)]

    def other(value: str | None) -> str | None:
        n = _norm(value or "")
        if not BOILERPLATE_MIN_CHARS <= len(n) <= BOILERPLATE_MAX_CHARS or n in want or \
                any(c.isdigit() for c in n) or any(k in n or n in k for k in kept):
            return value
        return rng.choice(pool)

    for el in list(body.iter()):
        if isinstance(el.tag, str) and el.tag not in _SKIP_TEXT:
            el.text = other(el.text)
        parent = el.getparent()
        if el is not body and (parent is None or parent.tag not in _SKIP_TEXT):
            el.tail = other(el.tail)
    return truth


_SKIP_TEXT = ("script", "style", "title", "textarea")


def boilerplate_lines(root: etree._Element, truth: str) -> list[str]:
    """The short text nodes of a page that are not in its story (its template's words)."""
    want = _norm(truth)
    out = []
    body = root.find("body")
    if body is None:
        return out
    for el in body.iter():
        if isinstance(el.tag, str) and el.tag in _SKIP_TEXT:
            continue
        for value in ((el.text if isinstance(el.tag, str) else None), el.tail):
            n = _norm(value or "")
            if BOILERPLATE_MIN_CHARS <= len(n) <= BOILERPLATE_MAX_CHARS and n not in want:
                out.append(value.strip())
    return out


Perturbation = Callable[[etree._Element, random.Random, str], str]

PERTURBATIONS: dict[str, Perturbation | None] = {
    "identity": None,
    "names": random_names,
    "tags": plain_tags,
    "no-names": no_names,
    "words": swap_words,
    "wrap": wrap_divs,
    "reorder": move_sidebars,
    "split": split_paragraphs,
    "br": br_paragraphs,
    "transplant": None,  # needs the other pages' boilerplate: see perturb()
}
DESCRIPTIONS = {
    "original": "the page's own bytes (as benchmarks/extraction.py gives them)",
    "identity": "decoded, parsed and written back as UTF-8 (the baseline of every drop)",
    "names": "every class and id value a random token",
    "tags": "article/main/aside/nav/header/footer/section/figure... made divs, role and "
            "itemprop attributes gone",
    "no-names": "names and tags together: divs with meaningless names",
    "words": "boilerplate words swapped for equivalents (相关阅读 -> 拓展阅读, 来源 -> 稿源, "
             "Related -> More from us ...)",
    "wrap": "extra wrapper divs (1-3 deep) around 30% of the block elements",
    "reorder": "the story's sibling parts (sidebars, lists, header, footer) moved to the "
               "other side of it, each with even odds",
    "split": "long paragraphs split in two at a sentence end",
    "br": "runs of <p> merged into one div with <br><br> between",
    "transplant": "every short text outside the story replaced by other sites' boilerplate "
                  "lines (same set, other hosts)",
}


def perturb(name: str, text: str, truth: str, set_name: str, page_id: str,
            pool: list[str] | None = None, keep: list[str] | None = None) -> Perturbed:
    """The page's decoded ``text`` under perturbation ``name``."""
    root = parse(text)
    rng = _rng(name, set_name, page_id)
    fn = PERTURBATIONS[name]
    if name == "transplant":
        truth = transplant(root, rng, truth, pool, keep)
    elif fn is not None:
        truth = fn(root, rng, truth)
    return Perturbed(serialise(root), truth)
