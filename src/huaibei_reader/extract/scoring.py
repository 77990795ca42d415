"""Judge units and pick the element that holds the story.

Each unit gets a value: positive for prose (long, punctuated, few links), negative for
furniture (short labels, link lists, anything inside nav/footer/comments). The story's
container is the element whose units sum highest: adding a menu or a related-links box to
a container lowers its sum, so the best container is the one that holds the prose and as
little else as possible. This works the same for Chinese (no spaces, full-width
punctuation) and for Western text, because it counts characters and punctuation, not words.
"""

from __future__ import annotations

import itertools
import re

from lxml import etree

from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract.blocks import PARAGRAPH_VALUE
from huaibei_reader.extract.dom import Page, Unit, is_hidden
from huaibei_reader.extract.structure import (
    MIN_POST_VALUE,
    mark_comment_threads,
    mark_story_lists,
    mark_teaser_columns,
)

# UNIT_COST, LINK_PENALTY, FLOOR and WALL are the best of a grid searched on the tuning part
# (benchmarks/fit_weights.py: 135 combinations, the surface flat within 0.0003 around them).
UNIT_COST = 12.0  # what a line must carry before it counts as content
LINK_PENALTY = 1.5  # each linked character costs this much
MIN_STORY_VALUE = 200.0  # prose value under which a marked element stays furniture
COMPLETE_LIMIT = 3.0  # widen to the element when it holds at most this much prose
WALL = -250.0  # a stretch of furniture this heavy separates two stories
FLOOR = -30.0  # no single line can outweigh a whole paragraph
TRUSTED_STORY = 1000.0  # a story this long left outside every marked element is the story
NARROW_KEEP = 250.0  # narrowing never leaves out a paragraph worth this much beside it
LEAD_SENTENCES = 2  # a lead tells the story's start; a one-sentence line is a dek (subtitle)
WRAPPER_SHARE = 0.8  # a marked element holding this share of the prose wraps the page
NARROW_SHARE = 0.8  # a child element holding this share of a run's prose is the story's own
# A furniture mark is kept unless its element holds this share of the page's prose: names
# that say comments, footer or copyright (and hidden elements) lie less often than others.
STRONG_MARK_SHARE = 0.8
WEAK_MARK_SHARE = 0.4
# Trust the marks when the best story outside them is worth this share of a story ...
TRUSTED_STORY_SHARE = 0.75  # ... of MIN_STORY_VALUE
TRUSTED_UNMARKED_SHARE = 0.2  # ... or of the best run with no marks at all
FURNITURE_DISCOUNT = 0.5  # marked prose counts against the story at half its length
IMAGE_LINK_VALUE = -2.0  # a linked image (a thumbnail leading away) leans to furniture
SHORT_LINE_VALUE = -2.0  # a short unpunctuated line (a label, a name) is worth at most this
SHORT_LINE_CHARS = 40  # lines shorter than this need punctuation to count as prose
TABLE_WEIGHT = 0.5  # a data table's characters count half (cells repeat labels and units)
MIN_SIDE_PARAGRAPHS = 2  # a side block of fewer paragraphs past a share bar is a blurb
# teaser cards: a small element of a few lines with a linked headline and a line of prose
CARD_MIN_LINES = 2
CARD_MAX_LINES = 6
CARD_HEADLINE_CHARS = 8  # a linked headline; shorter link texts are buttons
CARD_HEADLINE_LINKED = 0.6  # share of a headline line that is link text
CARD_SUMMARY_CHARS = 30  # a summary line has a clause of prose at least
CARD_SUMMARY_LINKED = 0.2  # a summary line is mostly unlinked
MIN_CARDS = 3  # two alike elements are a pair; three make a list
MIN_ENTRIES = 3  # entries of a thread or an archive: as for cards
ENTRY_VALUE = 40.0  # an entry holds a sentence or two of prose at least (its heading is
# not prose: page builders wrap every heading and call-to-action in one repeated class)


KEYWORD_MIN_CHARS = 200  # shorter lines are judged by the plain punctuation test alone
CHARS_PER_MARK = 300  # prose has a punctuation mark at least this often (a long sentence)
SHORT_PHRASE = 12  # keyword/tag phrases are this short on average; prose clauses are longer


def keyword_list(u: Unit) -> bool:
    """A long line of short phrases without sentences: an SEO keyword wall or a tag cloud.

    Prose, Chinese or Western, has a punctuation mark every sentence or clause and ends its
    sentences; a keyword list has neither, or only separators between short phrases.
    """
    if u.chars < KEYWORD_MIN_CHARS or u.kind not in ("text", "item"):
        return False
    text = u.text
    marks = len(pt.PUNCTUATION.findall(text))
    if u.chars > CHARS_PER_MARK * (marks + 1):
        return True
    if pt.SENTENCE_END.search(text):
        return False
    phrases = [p for p in pt.PHRASE_SEPARATORS.split(text) if p]
    if pt.CJK.search(text) is None:  # Western phrases are runs of words between separators
        phrases = [p for p in re.split(r"\s*[,，、;；|｜/·]\s*", text) if p]
    return len(phrases) > 1 and u.chars / len(phrases) < SHORT_PHRASE


_LEGAL_HINTS = ("cookie", "rights reserved", "版权", "icp", "授权", "转载", "免责", "privacy",
                "代表", "存储")


def _legal_hint(text: str) -> bool:
    low = text.lower()
    return any(h in low for h in _LEGAL_HINTS)


def prose_value(u: Unit) -> float:
    """How much a unit looks like article prose, ignoring where it sits (may be negative)."""
    if u.kind == "image":
        return IMAGE_LINK_VALUE if u.link_chars else 0.0
    plain = u.chars - u.link_chars
    value = plain - LINK_PENALTY * u.link_chars - UNIT_COST
    if plain < SHORT_LINE_CHARS and value > SHORT_LINE_VALUE and \
            not pt.PUNCTUATION.search(u.text):
        value = SHORT_LINE_VALUE
    if u.kind == "table":
        value *= TABLE_WEIGHT
    elif value > 0 and keyword_list(u):
        return FLOOR
    if value > 0 and _legal_hint(u.text) and pt.LEGAL_TEXT.search(u.text):
        value = -UNIT_COST
    return max(FLOOR, value)


def _names(el: etree._Element) -> str:
    return (el.get("class") or "") + " " + (el.get("id") or "")


def _is_comments(el: etree._Element, threads: set[etree._Element]) -> bool:
    return el in threads or pt.COMMENT_NAMES.search(_names(el)) is not None


def _story_outside_comments(page: Page, raw: list[float], threads: set[etree._Element]) -> float:
    """The best run of prose when every comment thread is furniture."""
    return _best_sum([_furniture_value(v) if u.furniture is not None and any(
        _is_comments(el, threads) for el in u.furniture) else v
        for u, v in zip(page.units, raw, strict=True)])


def _confirm_furniture(page: Page, raw: list[float], strong: set[etree._Element],
                       threads: set[etree._Element]) -> None:
    """Keep a furniture mark only where the marked element does not hold most of the prose.

    Class names lie (a script hook named for a share button may wrap a whole story), so an
    element marked as furniture by name or tag that holds a large share of the page's prose
    is not furniture after all.
    """
    prose_prefix = [0.0]
    total = 0.0
    for v in raw:
        total += v if v > 0 else 0.0
        prose_prefix.append(total)
    verdict: dict[etree._Element, bool] = {}
    # Readers' comments are never the story, however much they outweigh a short post: the
    # thread stays furniture whenever there is a post outside it at all.
    comments_stay = _story_outside_comments(page, raw, threads) >= MIN_POST_VALUE
    for u in page.units:
        marks = u.furniture
        if marks is None:
            continue
        confirmed = None
        for el in marks:
            ok = verdict.get(el)
            if ok is None and comments_stay and _is_comments(el, threads):
                ok = verdict[el] = True
            if ok is None:
                start, end = page.spans.get(el, (0, 0))
                prose = prose_prefix[end] - prose_prefix[start]
                share = prose / total if total else 0.0
                limit = STRONG_MARK_SHARE if el in strong or is_hidden(el) or \
                    pt.STRONG_FURNITURE.search(_names(el)) else WEAK_MARK_SHARE
                # a page whose only prose is its footer blurb has no story: keep the mark
                ok = share < limit or prose < MIN_STORY_VALUE
                verdict[el] = ok
            if ok:
                confirmed = el
                break
        u.furniture = confirmed


_NOT_CARDS = frozenset(("tr", "td", "th", "tbody", "thead", "table", "body", "html"))


def _mark_teaser_cards(page: Page, raw: list[float]) -> set[etree._Element]:
    """Teaser lists (headline link + summary, repeated) are furniture, however wordy.

    A "card" is a small element (a few lines) holding a linked headline and a line of
    prose; three or more cards of one tag and class under one parent make a list of other
    stories.
    """
    units = page.units
    cards: dict[tuple[etree._Element | None, str, str | None], list[etree._Element]] = {}
    for el, (a, b) in page.spans.items():
        if not CARD_MIN_LINES <= b - a <= CARD_MAX_LINES or el.tag in _NOT_CARDS:
            continue
        has_link = has_prose = False
        for u in units[a:b]:
            if u.kind == "image":
                continue
            if u.chars >= CARD_HEADLINE_CHARS and u.link_chars > CARD_HEADLINE_LINKED * u.chars:
                # a linked headline over its summary; a "Learn more" link under a feature
                # description is part of that description
                has_link = has_link or not has_prose
            elif u.chars >= CARD_SUMMARY_CHARS and u.link_chars < CARD_SUMMARY_LINKED * u.chars:
                has_prose = True
        if has_link and has_prose:
            parent = el.getparent()
            cards.setdefault((parent, el.tag, el.get("class")), []).append(el)
    lists: set[etree._Element] = set()
    for (parent, _tag, _cls), members in cards.items():
        if len(members) < MIN_CARDS or parent is None:
            continue
        lists.add(parent)
        for el in members:
            a, b = page.spans[el]
            for i in range(a, b):
                if units[i].furniture is None:
                    units[i].furniture = (parent,)
    return lists


def _drop_wrapper_marks(page: Page, raw: list[float],
                        strong: set[etree._Element]) -> list[etree._Element | None]:
    """The innermost furniture mark of each unit, less marks on page-wide wrappers.

    An element named like furniture (an ad slot or share-script root used as a page
    wrapper) that holds nearly all the prose of the page wraps the page; the furniture
    inside it (an <aside>, a nav) is still furniture.
    """
    prefix = [0.0]
    total = 0.0
    for v in raw:
        total += v if v > 0 else 0.0
        prefix.append(total)
    verdict: dict[etree._Element, bool] = {}
    trusted: list[etree._Element | None] = []
    for u in page.units:
        marks = u.furniture
        chosen = None
        if marks:
            for el in reversed(marks):  # innermost first
                ok = verdict.get(el)
                if ok is None:
                    a, b = page.spans.get(el, (0, 0))
                    ok = total <= 0 or el in strong or \
                        prefix[b] - prefix[a] < WRAPPER_SHARE * total or \
                        pt.STRONG_FURNITURE.search((el.get("class") or "") + " "
                                                   + (el.get("id") or "")) is not None
                    verdict[el] = ok
                if ok:
                    chosen = el
                    break
        trusted.append(chosen)
    return trusted


def _furniture_value(value: float) -> float:
    return max(-FURNITURE_DISCOUNT * abs(value) - UNIT_COST, FLOOR - UNIT_COST)


def _best_sum(values: list[float]) -> float:
    best = run = 0.0
    for v in values:
        run = run + v if run > 0.0 else v
        best = max(best, run)
    return best


def score_units(page: Page) -> list[float]:
    """Set ``value`` on every unit; return prefix sums (prefix[i] = sum of values before i)."""
    raw = [prose_value(u) for u in page.units]
    teaser_lists = _mark_teaser_cards(page, raw)
    threads = mark_comment_threads(page)
    strong = teaser_lists | threads | mark_story_lists(page) | mark_teaser_columns(page, raw)
    # Trust every furniture mark first; only when that leaves no story worth the name do
    # the marks have to prove themselves by the share of prose they hold.
    trusted = _drop_wrapper_marks(page, raw, strong)
    unmarked_best = _best_sum(raw)
    trusted_best = _best_sum([_furniture_value(v) if f is not None else v
                              for v, f in zip(raw, trusted, strict=True)])
    if trusted_best >= max(TRUSTED_STORY_SHARE * MIN_STORY_VALUE,
                           min(TRUSTED_UNMARKED_SHARE * unmarked_best, TRUSTED_STORY)):
        for u, f in zip(page.units, trusted, strict=True):
            u.furniture = f
    else:
        _confirm_furniture(page, raw, strong, threads)
    prefix = [0.0]
    total = 0.0
    for u, value in zip(page.units, raw, strict=True):
        if u.furniture is not None:
            value = _furniture_value(value)
        u.value = value
        total += value
        prefix.append(total)
    return prefix


def best_container(page: Page, prefix: list[float]) -> etree._Element | None:
    """The element whose units sum highest; deeper elements win ties."""
    best: etree._Element | None = None
    best_score = 0.0
    for el, (start, end) in page.spans.items():
        if end <= start:
            continue
        s = prefix[end] - prefix[start]
        if s > best_score or (best is not None and s == best_score and _inside(el, best)):
            best, best_score = el, s
    return best


def _inside(el: etree._Element, other: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is other:
            return True
        parent = parent.getparent()
    return False


def best_range(page: Page) -> tuple[int, int] | None:
    """The run of consecutive units with the highest sum of values (Kadane).

    A long unbroken stretch of furniture (a related-stories box, a ticker header) is a
    wall the run does not cross, however much prose lies beyond it: that is another story.
    """
    best_sum = 0.0
    best: tuple[int, int] | None = None
    run_sum = 0.0
    run_start = 0
    wall = 0.0  # value of the current stretch of furniture-only lines
    for i, u in enumerate(page.units):
        if u.value <= 0 and u.furniture is not None:
            wall += u.value
        elif u.value > 0:
            wall = 0.0
        if run_sum <= 0 or wall <= WALL:
            run_sum, run_start = 0.0, i
            if wall <= WALL and u.value <= 0:
                continue
        run_sum += u.value
        if run_sum > best_sum:
            best_sum, best = run_sum, (run_start, i + 1)
    return best


def best_range_within(page: Page, lo: int, hi: int) -> tuple[int, int, float] | None:
    """The run of units in ``lo:hi`` with the highest sum of values, and that sum."""
    best_sum = run_sum = 0.0
    best: tuple[int, int] | None = None
    run_start = lo
    for i in range(lo, hi):
        if run_sum <= 0:
            run_sum, run_start = 0.0, i
        run_sum += page.units[i].value
        if run_sum > best_sum:
            best_sum, best = run_sum, (run_start, i + 1)
    return (best[0], best[1], best_sum) if best is not None else None


def common_ancestor(a: etree._Element, b: etree._Element) -> etree._Element:
    chain = set()
    el = a
    while el is not None:
        chain.add(el)
        el = el.getparent()
    el = b
    while el is not None and el not in chain:
        el = el.getparent()
    return el if el is not None else a


def narrow(page: Page, start: int, end: int, share: float = NARROW_SHARE
           ) -> tuple[etree._Element, int, int]:
    """Shrink a run of units to the element that holds nearly all of its prose.

    The best run may start with a stray notice or end with a footer blurb that sits
    outside the story's own element; when one child element holds ``share`` of the
    run's positive value, the story is that element.
    """
    units = page.units
    el = common_ancestor(units[start].owner, units[end - 1].owner)

    def positive(a: int, b: int) -> float:
        return sum(u.value for u in units[a:b] if u.value > 0)

    total = positive(start, end)
    while total > 0:
        best_child = None
        best_span = (start, end)
        best_value = 0.0
        for child in el:
            span = page.spans.get(child)
            if span is None:
                continue
            a, b = max(span[0], start), min(span[1], end)
            if b <= a:
                continue
            v = positive(a, b)
            if v > best_value:
                best_child, best_span, best_value = child, (a, b), v
        if best_child is None or best_value < share * total:
            break
        if _leaves_out_prose(page, el, best_child, start, end):
            break
        el, (start, end) = best_child, best_span
        total = best_value
    return el, start, end


_FLOW_TAGS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote",
                        "pre", "dl"))


def _leaves_out_prose(page: Page, parent: etree._Element, child: etree._Element,
                     start: int, end: int) -> bool:
    """Would narrowing to ``child`` leave out a paragraph of the story?

    A bare paragraph beside the child (the intro above a table, the text around a
    figure) holding real prose is part of the story; so is a sibling block of prose
    separated from the child only by furniture or a figure (a story split around an ad,
    a related-links box or a wide photo). Siblings with lines of their own between them
    (a title, a date: other posts, other entries) are other stories.
    """
    units = page.units
    child_span = page.spans.get(child, (start, end))
    if _tail_after(page, child, end):
        return True
    for sibling in parent:
        if sibling is child:
            continue
        span = page.spans.get(sibling)
        if span is None:
            continue
        a, b = max(span[0], start), min(span[1], end)
        if b <= a:
            continue
        if span[1] <= child_span[0] and _lead(units[a:b], units[span[1]:child_span[0]]):
            return True
        if not any(u.value >= NARROW_KEEP and u.furniture is None for u in units[a:b]):
            continue
        if sibling.tag in _FLOW_TAGS and (sibling.tag, sibling.get("class")) != \
                (child.tag, child.get("class")):
            return True
        gap = units[span[1]:child_span[0]] if span[1] <= child_span[0] \
            else units[child_span[1]:span[0]]
        paragraphs = sum(1 for u in units[a:b]
                         if u.value >= PARAGRAPH_VALUE and u.furniture is None)
        if paragraphs >= MIN_SIDE_PARAGRAPHS and gap and all(
                u.furniture is not None or u.kind == "image" or u.caption for u in gap):
            return True  # one paragraph past a share bar is an author's blurb
    return False


SENTENCE_TAIL = 3  # a sentence ends within its last characters (a closing quote, a bracket)


def ends_a_sentence(text: str) -> bool:
    return pt.SENTENCE_END.search(text[-SENTENCE_TAIL:]) is not None


def _tail_after(page: Page, child: etree._Element, end: int) -> bool:
    """Does the story go on after ``child``: past a photo or a quote, in sentences, or in a
    table of data?

    The closing lines of a story often sit beside its main element, after a figure or a
    quote: short, but sentences; a notice's second half (fees, dates, an address) often
    follows its text as a table and short lines. Lines straight after the main element (an
    author's blurb, an affiliate note) and anything past a share bar or other furniture
    are not the story.
    """
    past_break = False  # a photo or a quote came between the main element and the lines
    for sibling in child.itersiblings():
        span = page.spans.get(sibling)
        if span is None or span[0] == span[1]:
            continue
        if span[0] >= end:
            break
        lines = page.units[span[0]:min(span[1], end)]
        if all(u.kind == "image" or u.caption for u in lines):
            past_break = True
            continue
        if any(u.kind == "table" and u.value > 0 and u.furniture is None for u in lines):
            return True  # a table of the story's own data (fees, dates, results) goes on it
        if any(u.furniture is not None or u.kind == "image" or u.value <= 0
               or not ends_a_sentence(u.text) for u in lines):
            break
        if all(u.quote for u in lines):
            past_break = True
        elif past_break:
            return True
    return False


def _lead(lines: list[Unit], gap: list[Unit]) -> bool:
    """A lead: one paragraph of two sentences or more, set apart above the body only by a
    photo, its caption or furniture (a bold intro in an element of its own).

    A one-sentence line there is a dek (a subtitle summing the story up), which article
    bodies leave out.
    """
    prose = [u for u in lines if u.furniture is None and u.value > 0]
    if len(prose) != 1 or prose[0].value < PARAGRAPH_VALUE or prose[0].kind != "text":
        return False
    text = prose[0].text
    return len(pt.SENTENCE_END.findall(text)) >= LEAD_SENTENCES \
        and ends_a_sentence(text) \
        and all(u.furniture is not None or u.kind == "image" or u.caption for u in gap)


def first_of_repeated(page: Page, el: etree._Element, start: int, end: int
                      ) -> tuple[etree._Element, int, int]:
    """On a page of repeated entries (blog archive, forum thread), the first entry.

    Entries are elements of one tag and class, each holding prose over several lines, with
    other lines (a title, a date, a poster) between them. When the chosen story is one of
    three or more such entries, the page's own story is the first one.
    """
    units = page.units
    def key(e: etree._Element) -> tuple[str, str] | None:
        cls = e.get("class")
        return (e.tag, cls) if cls and e.tag not in ("p", "span", "a", "li", "tr") else None

    def prose(a: int, b: int) -> float:
        return sum(u.value for u in units[a:b] if u.value > 0 and u.kind != "heading")

    wanted = key(el)
    if wanted is None:
        return el, start, end
    members = [(a, b, e) for e, (a, b) in page.spans.items()
               if b > a and e.tag == wanted[0] and e.get("class") == wanted[1]
               and prose(a, b) >= ENTRY_VALUE]
    if len(members) < MIN_ENTRIES:
        return el, start, end
    members.sort(key=lambda m: m[0])
    # entries do not nest and have other lines between them
    if any(m2[0] <= m1[1] for m1, m2 in itertools.pairwise(members)):
        return el, start, end
    a, b, e = members[0]
    return e, a, b


def complete(page: Page, el: etree._Element, start: int, end: int) -> tuple[int, int]:
    """Widen the run to its whole element when that adds no prose from elsewhere.

    The best run stops at tables, lists and captions that score low on their own but
    belong to the story; the element that holds the run holds them too. The widening is
    refused when the element holds much more prose than the run (then it is a page-wide
    wrapper, not the story's own element).
    """
    if el.tag in ("body", "html"):
        return start, end
    span = page.spans.get(el)
    if span is None:
        return start, end
    units = page.units
    core = sum(u.value for u in units[start:end] if u.value > 0)
    whole = sum(u.value for u in units[span[0]:span[1]] if u.value > 0)
    if whole <= COMPLETE_LIMIT * core:
        return min(start, span[0]), max(end, span[1])
    return start, end
