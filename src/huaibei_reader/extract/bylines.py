"""Bylines that are not labelled the news way (记者/作者): blogs, forums, essays.

Each rule reads a visible form that means "this person wrote it" on any site: a name
on its own line right under the headline, a poster signing a post ("海姑娘写于2005年3月16日",
"由阿牛张贴 @ 2005-03-21"), a name with its other-script form in brackets
("周思博 (Joel Spolsky)") and, last, the owner a blog's header names ("远山的博客"). Every
rule asks for the shape of a personal name and its place on the page, so that a label or a
sentence is not taken for a name. An editor's credit (责任编辑) is never read as an author.
"""

from __future__ import annotations

import re

from huaibei_reader.extract import patterns as pt
from huaibei_reader.extract.dom import Unit

_NAMES_IN_LINE = re.compile(r"\s*[、，,]\s*|\s+")


def with_alias(names: tuple[str, ...], text_after: str) -> tuple[str, ...]:
    """One name followed by "(Latin form)" keeps the bracket: "周思博 (Joel Spolsky)"."""
    if len(names) != 1:
        return names
    m = pt.NAME_ALIAS.match(text_after)
    if not m:
        return names
    return (f"{names[0]} ({m.group('alias').strip()})",)


def _neighbour(units: list[Unit], i: int, step: int) -> Unit | None:
    """The nearest line above (step -1) or below (+1), skipping images."""
    j = i + step
    while 0 <= j < len(units):
        if units[j].kind != "image":
            return units[j]
        j += step
    return None


def _looks_like_headline(u: Unit | None) -> bool:
    return (u is not None and u.kind in ("text", "heading") and 4 <= u.chars <= 60
            and not u.link_chars and "。" not in u.text)


def _opens_story(u: Unit | None) -> bool:
    return u is not None and u.kind == "text" and u.chars >= 20 and not u.link_chars


def _named_in_a_column_title(units: list[Unit], i: int, name: str) -> bool:
    """"茉莉：我是怎样…" a few lines above: the column-style headline names the writer."""
    for j in range(max(0, i - 6), i):
        text = units[j].text.strip()
        if text.startswith(name) and text[len(name):len(name) + 1] in ("：", ":"):
            return True
    return False


def name_under_headline(units: list[Unit], order: list[int]) -> tuple[str, ...]:
    """A line of nothing but names between the headline and the story's first paragraph.

    Essays and papers put the writer there ("社会资本与再就业 / 赵延东、风笑天 / 近年来…").
    The names must look like personal names: the first starts with a common surname, or
    the writer's name also heads a column-style title above ("茉莉：我是怎样…").
    """
    for i in order:
        u = units[i]
        if u.kind != "text" or u.chars > 20 or u.link_chars:
            continue
        text = u.text.strip()
        if not pt.NAME_LINE.match(text):
            continue
        names = tuple(n for n in _NAMES_IN_LINE.split(text) if n)
        if not names or any(pt.NOT_NAME_LINE.match(n) for n in names):
            continue
        if not (_looks_like_headline(_neighbour(units, i, -1))
                and _opens_story(_neighbour(units, i, 1))):
            continue
        if len(names) == 1:
            # one name alone: a personal name's length, or named again in a column title
            name = names[0]
            if (name[0] in pt.SURNAMES and len(name) <= 3) or \
                    _named_in_a_column_title(units, i, name):
                return names
        elif names[0][0] in pt.SURNAMES:
            return names
    return ()


def signed_post(units: list[Unit], order: list[int]) -> tuple[str, ...]:
    """A poster or blogger signing a post on a short line of its own.

    "海姑娘写于2005年3月16日", "- 小鱼写于3月18日", "由阿牛张贴 @ 2005-03-21 01:20:44 (359)":
    the line holds the name, the verb and a date, and little else (no sentence).
    """
    for i in order:
        u = units[i]
        if u.kind == "image" or u.chars > 80:
            continue
        m = pt.WRITTEN_BY.search(u.text)
        if not m:
            continue
        name = m.group("names").strip()
        if pt.NOT_A_SIGNATURE.match(name) or pt.NOT_NAME_LINE.match(name) or \
                pt.NO_ONE.match(name) or "。" in u.text:
            continue
        return (name,)
    return ()


def blog_owner(units: list[Unit], story_start: int) -> tuple[str, ...]:
    """The owner a blog's header names above the post ("远山的博客"), on a line of its own
    that is not a link (a link list of "X的博客" recommends other people's blogs)."""
    for u in units[:max(0, story_start)]:
        if u.kind not in ("text", "heading") or u.chars > 20 or u.link_chars:
            continue
        m = pt.BLOG_HEADER.match(u.text)
        if not m:
            continue
        name = m.group("names").strip()
        if name.endswith("的"):
            name = name[:-1]
        if len(name) >= 2 and not (pt.NOT_AN_OWNER.match(name) or pt.NO_ONE.match(name)
                                   or pt.NOT_NAME_LINE.match(name)):
            return (name,)
    return ()
