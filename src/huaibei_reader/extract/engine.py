"""extract_article: page bytes in, a clean Article out (or NotAnArticle)."""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from huaibei_reader.errors import NotAnArticle
from huaibei_reader.extract import fallback, structure
from huaibei_reader.extract import metadata as md
from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract.bare import bare_units, drop_title_line
from huaibei_reader.extract.blocks import (
    LINK_LINE_SHARE,
    ancestors_and_self,
    norm,
    select_units,
    to_blocks,
)
from huaibei_reader.extract.dates import parse_datetime
from huaibei_reader.extract.dom import Page, Unit, clean_text, resolve_src, segment
from huaibei_reader.extract.inputs import open_page
from huaibei_reader.extract.scoring import (
    MIN_STORY_VALUE,
    TRUSTED_STORY_SHARE,
    best_range,
    best_range_within,
    complete,
    first_of_repeated,
    narrow,
    score_units,
)
from huaibei_reader.extract.selectors import select_all, select_first
from huaibei_reader.extract.structure import first_post
from huaibei_reader.models import Article, Block, BlockKind, ExtractRules

MIN_ARTICLE_CHARS = 25  # fewer characters of text is a caption or a label, not an article
HEADLINE_REACH = 15  # a headline this few lines into the run marks where the story starts ...
BEFORE_HEADLINE_SHARE = 0.4  # ... unless this share of the run's prose comes before it
# A list page: teasers cut short ("…") under linked headlines are most of the text.
LIST_MARGIN = 30  # lines around the run looked at (the list may reach past it)
LIST_SIDE_LINE_CHARS = 30  # a date or source line between a headline and its teaser
MIN_TEASERS = 3  # two cut-short lines may be a story's own quotes
TEASER_TEXT_SHARE = 0.5  # teasers hold this share of the unlinked text
# The prose under the page's own headline overrides the scoring's choice only when it is a
# story worth the name (a couple of paragraphs), not a teaser under a sidebar heading.
MAIN_STORY_VALUE = TRUSTED_STORY_SHARE * MIN_STORY_VALUE
# A run that lies away from the page's headline (before it, or past HEADLINE_REACH lines
# under it) gives way to the prose under the headline when that prose is worth this share
# of it: a site's footer blurb or a sidebar essay may be one long paragraph, while a short
# news story under its headline is two; without the class names that mark the footer, the
# headline is what says which prose the page is about.
HEADLINE_PROSE_SHARE = 0.5
NO_TEXT = "no article text found on the page"


def extract_article(data: bytes, url: str = "", *, http_charset: str | None = None,
                    rules: ExtractRules | None = None,
                    forced_charset: str | None = None) -> Article:
    """Extract the article from page bytes; raise NotAnArticle when the page holds none.
    ``forced_charset``: read the bytes in this codec, whatever the page declares."""
    opened = open_page(data, http_charset, forced_charset=forced_charset)
    root, warnings = opened.root, opened.warnings
    head = md.read_head(root)
    base_url = url or head.canonical or ""
    rules = rules or ExtractRules()
    rule_fields = _rule_metadata(root, rules)
    for selector in rules.remove:
        for el in select_all(root, selector):
            if el.getparent() is not None:
                el.getparent().remove(el)
    forced = next((el for sel in rules.content for el in [select_first(root, sel)]
                   if el is not None), None)
    page = segment(root, base_url)
    score_units(page)
    units = page.units
    bare: list[Unit] | None = None  # the page's lines when it is a bare page (see bare.py)
    if forced is not None and forced in page.spans:
        container = forced
        start, end = page.spans[container]
    else:
        found = best_range(page)
        if found is None:
            bare = _bare_or_fail(page, head, opened.source)
            container, start, end = root, 0, len(units)
        else:
            container, start, end = narrow(page, *found)
            container, start, end = first_of_repeated(page, container, start, end)
            start, end = complete(page, container, start, end)
            end = first_post(page, start, end, head.title_tag)
            container, start, end = _main_story(page, head, container, start, end)
    title, title_at = find_title(head, units, start, end)
    title = _name_a_one_word_title(title, head.title_tag)
    title = rule_fields.get("title") or title
    if bare is None and forced is None and title_at is not None and \
            start < title_at <= start + HEADLINE_REACH:
        before = sum(u.value for u in units[start:title_at] if u.value > 0)
        if before < BEFORE_HEADLINE_SHARE * sum(u.value for u in units[start:end] if u.value > 0):
            start = title_at  # the story starts at its headline; what comes before is not it
    top = md.top_order(start, end)
    after_all = md.after_order(len(units), start, end)
    after = [i for i in after_all if units[i].furniture is None]
    order = top + after
    comments: dict[etree._Element, bool] = {}  # comment-thread verdicts, shared by the searches
    publisher = rule_fields.get("publisher") or \
        md.find_publisher(units, order, top, head, title_at, range(start, end), memo=comments)

    declared_titles = [head.title_tag, head.meta.get("og:title", ""),
                       head.meta.get("twitter:title", ""), title]
    if bare is None:
        chosen = select_units(units, start, end, ancestors_and_self(container),
                              declared_titles, drop_lines=[publisher] if publisher else [])
        for u in chosen:
            if u.kind == "image":
                u.src = resolve_src(base_url, u.src)
        if forced is None and _looks_like_list(units, start, end):
            raise NotAnArticle("this page lists articles; it is not an article")
        text_chars = sum(u.chars for u in chosen if u.kind != "image")
        if text_chars < MIN_ARTICLE_CHARS:
            if forced is not None:
                raise NotAnArticle(NO_TEXT)
            bare = _bare_or_fail(page, head, opened.source)
    if bare is not None:
        chosen = drop_title_line(bare, title)
        for u in chosen:
            if u.kind == "image":
                u.src = resolve_src(base_url, u.src)
    if fallback.mostly_photos(chosen):
        warnings.append(fallback.GALLERY)
    blocks = to_blocks(chosen)
    if len(blocks) == 1 and pt.looks_like_data(blocks[0].plain()):
        raise NotAnArticle("this is data (JSON), not an article")

    published = (parse_datetime(rule_fields["published"]) if "published" in rule_fields
                 else None)
    published = published or md.find_published(head, root, units, md.before_order(start) + top,
                                               after, url, story=range(start, end),
                                               after_all=after_all, memo=comments)
    authors: tuple[str, ...] = ()
    if "authors" in rule_fields:
        authors = md.split_names(rule_fields["authors"])
    last_text = next((u.text for u in reversed(chosen) if u.kind != "image"), "")
    reporters = md.trailing_reporters(last_text)
    if reporters:
        blocks = _strip_trailing_reporters(blocks)
        if not blocks:  # a bare page holding nothing but a byline
            raise NotAnArticle(NO_TEXT)
    else:  # "(袁源)" or "(记者 刘洋)" on a line of its own at the end of the story
        last = next((u for u in reversed(chosen) if u.kind != "image"), None)
        after_story = units.index(last) + 1 if last is not None else end
        for i in range(after_story, min(len(units), after_story + 3)):
            u = units[i]
            if u.kind != "text" or u.chars > 30:
                continue
            if pt.TRAILING_REPORTERS.fullmatch(u.text):
                reporters = md.trailing_reporters(u.text)
            elif pt.BYLINE_ONLY.match(u.text):
                reporters = md.visible_authors(units, [i])
            if reporters:
                break
    if not authors:
        authors = md.find_authors(units, root, head, start=start, end=end, top=top, after=after,
                                  after_all=after_all, reporters=reporters, memo=comments)
    site_name = head.meta.get("og:site_name") or _site_from_title(head.title_tag, title)
    text_sample = "".join(u.text for u in chosen[:20])
    return Article(
        url=url or head.canonical or "",
        title=title,
        blocks=blocks,
        published=published,
        publisher=publisher,
        site_name=site_name,
        authors=authors,
        canonical_url=head.canonical or head.meta.get("og:url") or None,
        lang=md.guess_lang(head, text_sample),
        view_count=md.visible_views(units, order),
        warnings=tuple(warnings),
    )


def _main_story(page: Page, head: md.HeadInfo, container: etree._Element, start: int,
                end: int) -> tuple[etree._Element, int, int]:
    """The story under the page's own headline, not the next one printed below it.

    When the chosen run reaches past the headline of a second story, it ends there; when it
    lies wholly under that second headline while the page's own headline heads prose of
    its own, that prose is the story (however much longer the second story is).
    """
    titles = [head.title_tag, head.meta.get("og:title", ""), head.meta.get("twitter:title", ""),
              md.declared_headline(head)]
    at = structure.headline_line(page, titles)
    if at is None:
        return container, start, end
    if at >= end or at + HEADLINE_REACH < start:
        return _headline_prose(page, at, container, start, end)
    rival = structure.next_story(page, at)
    if rival is None or rival >= end:
        return container, start, end
    if rival > start:
        return container, start, rival
    found = best_range_within(page, at + 1, rival)
    if found is None or found[2] < MAIN_STORY_VALUE:
        return container, start, end
    container, start, end = narrow(page, found[0], found[1])
    start, end = complete(page, container, start, end)
    return container, start, min(end, rival)


def _headline_prose(page: Page, at: int, container: etree._Element, start: int, end: int
                    ) -> tuple[etree._Element, int, int]:
    """The prose under the headline at ``at`` instead of the run ``start:end`` away from it,
    when that prose is a story worth the name and worth HEADLINE_PROSE_SHARE of the run."""
    units = page.units
    chosen = sum(u.value for u in units[start:end] if u.value > 0)
    # up to the run when it lies below; to the next story's headline (or the page's end)
    # when the run lies above the headline
    limit = start if start > at else (structure.next_story(page, at) or len(units))
    found = best_range_within(page, at + 1, limit)
    if found is None or found[2] < max(MAIN_STORY_VALUE, HEADLINE_PROSE_SHARE * chosen):
        return container, start, end
    container, new_start, new_end = narrow(page, found[0], found[1])
    new_start, new_end = complete(page, container, new_start, new_end)
    return container, new_start, min(new_end, limit)


def _bare_or_fail(page: Page, head: md.HeadInfo, source: str) -> list[Unit]:
    """No story won: the page's text if the page is bare text, its photos and captions if
    it is a gallery, else NotAnArticle."""
    declared = head.meta.get("og:title") or head.meta.get("twitter:title") or ""
    lines = fallback.gallery_units(page.units)
    if lines is None:
        lines = bare_units(page, source, head.title_tag, declared)
    if lines is None:
        raise NotAnArticle(NO_TEXT)
    return lines


def _strip_trailing_reporters(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """"…（本段结束）。 (张三 李四)": the bracket is a byline, not story text."""
    for i in range(len(blocks) - 1, -1, -1):
        b = blocks[i]
        if b.kind is BlockKind.IMAGE:
            continue
        if b.kind is BlockKind.PARAGRAPH:
            text = pt.TRAILING_REPORTERS.sub("", b.text).rstrip()
            if text:
                return (*blocks[:i], replace(b, text=text), *blocks[i + 1:])
            return blocks[:i] + blocks[i + 1:]
        break
    return blocks


def _looks_like_list(units: list[Unit], start: int, end: int) -> bool:
    """A list page: most of the text is teasers cut short ("…") under linked headlines."""
    teasers = teaser_chars = total = 0
    previous_was_link = False
    for u in units[max(0, start - LIST_MARGIN):end + LIST_MARGIN]:
        if u.kind == "image":
            continue
        linked = u.link_chars > LINK_LINE_SHARE * u.chars
        if not linked:
            total += u.chars
            if previous_was_link and pt.ELLIPSIS.search(u.text):
                teasers += 1
                teaser_chars += u.chars
        # a date or a source line may sit between a headline and its teaser
        previous_was_link = linked or (previous_was_link and u.chars < LIST_SIDE_LINE_CHARS)
    return teasers >= MIN_TEASERS and teaser_chars >= TEASER_TEXT_SHARE * total


def _rule_metadata(root: etree._Element, rules: ExtractRules) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in ("title", "published", "publisher", "authors"):
        for sel in getattr(rules, name):
            el = select_first(root, sel)
            if el is not None:
                text = clean_text("".join(el.itertext()))
                if text:
                    found[name] = text
                    break
    return found


def _title_segments(title_tag: str) -> list[str]:
    return [s for s in pt.TITLE_SEPARATORS.split(title_tag) if s.strip()]


def choose_title(head: md.HeadInfo, units: list[Unit], start: int, end: int) -> str:
    """The headline: a visible line near the story that the <title> or og:title contains."""
    return find_title(head, units, start, end)[0]


def find_title(head: md.HeadInfo, units: list[Unit], start: int, end: int
               ) -> tuple[str, int | None]:
    """The headline and the index of the line that shows it (None if no line does)."""
    declared = head.meta.get("og:title") or head.meta.get("twitter:title") or ""
    art = md._jsonld_article(head)
    if art and isinstance(art.get("headline"), str):
        declared = declared or clean_text(art["headline"])
    references = [norm(t) for t in (head.title_tag, declared) if t and len(norm(t)) >= 4]
    best: tuple[float, str, int | None] | None = None
    lo, hi = max(0, start - 40), min(len(units), start + 15)
    for i in range(lo, hi):
        u = units[i]
        if u.kind in ("image", "table") or not 4 <= u.chars <= 120:
            continue
        if "。" in u.text or (u.chars > 50 and pt.CJK.search(u.text[:10])):
            continue  # a sentence of the story, not a headline
        n = norm(u.text)
        if len(n) < 4:
            continue
        for ref in references:
            if n in ref or ref in n:
                weight = len(n) / max(len(ref), 1)
                if weight < 0.3:  # a word of the title ("Cons" in "...console..."), not it
                    continue
                if u.kind == "heading":
                    weight += 1.0 if u.level == 1 else 0.5
                weight -= abs(i - start) * 0.001
                if best is None or weight > best[0]:
                    # only a line that is most of the title marks where the story starts
                    best = (weight, u.text, i if len(n) >= 0.6 * len(ref) else None)
    stated = md.declared_headline(head)
    if stated:
        # the line that shows it marks where the story starts, when there is one
        at = best[2] if best is not None and best[0] >= 0.3 else None
        return stated, at
    if best is not None and best[0] >= 0.3:
        return best[1], best[2]
    if declared:
        return clean_text(declared), None
    # No visible line matches the <title>: the <title> (less a site-name suffix) is the
    # author's own name for the page; a headline it does not mention is less sure.
    from_tag = _clean_title_tag(head.title_tag)
    site = head.meta.get("og:site_name", "")
    if len(norm(from_tag)) >= 6 and norm(from_tag) != norm(site):
        return from_tag, None
    for i in range(lo, hi):
        if units[i].kind == "heading" and units[i].level == 1 and units[i].chars >= 4:
            return units[i].text, i
    return from_tag or head.title_tag, None


def _name_a_one_word_title(title: str, title_tag: str) -> str:
    """"Colophon" or "Videos" alone is a section label; the <title> that holds it names the page."""
    word = title.strip()
    if not word or " " in word or pt.CJK.search(word) or len(title_tag) <= len(word):
        return title
    if norm(word) and norm(word) in norm(title_tag) and len(title_tag) <= 120:
        return title_tag
    return title


def _clean_title_tag(title_tag: str) -> str:
    """"Headline - Site" -> "Headline"; the suffix goes only when it is the shorter part."""
    segments = _title_segments(title_tag)
    if len(segments) < 2:
        return title_tag.strip()
    first = max(segments[:2], key=len)
    if len(first) >= len(segments[-1]):
        return first.strip()
    return title_tag.strip()


def _site_from_title(title_tag: str, title: str) -> str | None:
    segments = _title_segments(title_tag)
    if len(segments) > 1:
        last = segments[-1].strip()
        if last and norm(last) not in norm(title):
            return last
    return None
