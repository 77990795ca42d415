"""Selectors of site rules: XPath, or the simple CSS forms rules need (tag, .class, #id).

Full CSS goes through lxml's cssselect support when the ``cssselect`` package is
present; the simple forms work without it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

_SIMPLE = re.compile(r"^(?P<tag>[a-zA-Z][\w-]*)?(?:(?P<kind>[.#])(?P<name>[\w-]+))?$")


@lru_cache(maxsize=256)
def _compile(selector: str) -> etree.XPath | None:
    sel = selector.strip()
    if not sel:
        return None
    if sel.startswith(("/", "./", "(")):
        try:
            return etree.XPath(sel)
        except etree.XPathSyntaxError:
            return None
    m = _SIMPLE.match(sel)
    if m and (m.group("tag") or m.group("name")):
        tag = m.group("tag") or "*"
        if m.group("kind") == "#":
            return etree.XPath(f'.//{tag}[@id="{m.group("name")}"]')
        if m.group("kind") == ".":
            return etree.XPath(f'.//{tag}[contains(concat(" ", normalize-space(@class), " "), '
                               f'" {m.group("name")} ")]')
        return etree.XPath(f".//{tag}")
    try:
        from lxml.cssselect import CSSSelector

        return CSSSelector(sel)
    except Exception:  # no cssselect, or a selector it cannot read
        return None


def select_all(root: etree._Element, selector: str) -> list[etree._Element]:
    xp = _compile(selector)
    if xp is None:
        return []
    try:
        found = xp(root)
    except etree.XPathError:
        return []
    return [el for el in found if isinstance(el, etree._Element)] if isinstance(found, list) \
        else []


def select_first(root: etree._Element, selector: str) -> etree._Element | None:
    found = select_all(root, selector)
    return found[0] if found else None
