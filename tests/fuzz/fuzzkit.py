"""Shared pieces of the fuzz properties: settings and generators of hostile-looking input.

``FUZZ`` is derandomized in CI (the same examples every run, so a failure is reproducible
and CI never flakes); ``HUAIBEI_FUZZ_EXAMPLES=N`` makes it random with N examples each.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_EXAMPLES = int(os.environ.get("HUAIBEI_FUZZ_EXAMPLES", "0") or 0)

FUZZ = settings(
    max_examples=_EXAMPLES or 120,
    deadline=None,
    derandomize=not _EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
    print_blob=True,
)

# Pieces real pages and feeds are made of, and the ways strangers break them.
TAGS = ["html", "head", "body", "title", "meta", "div", "p", "span", "a", "img", "script",
        "style", "table", "tr", "td", "ul", "li", "h1", "h2", "br", "article", "section",
        "iframe", "svg", "math", "template", "noscript", "pre", "blockquote", "font"]
ATTRS = ["class", "id", "href", "src", "charset", "content", "http-equiv", "name", "style",
         "onerror", "lang", "dir", "property", "datetime", "srcset", "alt"]
WORDS = ["淮北", "新闻", "社区", "来源：", "责任编辑", "2026-11-28 10:00", "发布时间",
         "作者", "分享到", "相关阅读", "\u202e", "\u200b", "\ufeff", "&amp;", "&#0;", "&#x110000;",
         "&nbsp;", "<!--", "-->", "<![CDATA[", "]]>", "\x00", "\r\n", "javascript:",
         "data:text/html,", "file:///etc/passwd", "gbk", "utf-8", "gb2312", "big5",
         "x" * 300, "。" * 50, "\U0001f600", "\ud800".encode("utf-8", "surrogatepass").decode(
             "utf-8", "replace")]


@st.composite
def html_like(draw: st.DrawFn) -> bytes:
    """Tag soup: real tags and attributes, Chinese text, entities, broken nesting, odd bytes."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            tag = draw(st.sampled_from(TAGS))
            attrs = "".join(
                f' {draw(st.sampled_from(ATTRS))}="{draw(st.sampled_from([*WORDS, ""]))}"'
                for _ in range(draw(st.integers(0, 3))))
            parts.append(f"<{tag}{attrs}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(WORDS)))
        elif kind == 3:
            parts.append(draw(st.text(max_size=60)))
        else:
            parts.append("居民们交流种菜经验，志愿者为老人测量血压，大家都说邻里关系更近了。"
                         * draw(st.integers(1, 4)))
    text = "".join(parts)
    encoding = draw(st.sampled_from(["utf-8", "gbk", "gb18030", "utf-16", "latin-1", "big5"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # cut anywhere
    if draw(st.integers(0, 9)) == 0:
        data += draw(st.binary(max_size=200))
    return data


@st.composite
def xml_like(draw: st.DrawFn, root: str) -> bytes:
    """Feed or OPML shaped XML with hostile corners: DTDs, entities, odd nesting, bad URLs."""
    prolog = draw(st.sampled_from([
        "", '<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="gbk"?>',
        '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>',
        '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">', '<?xml-stylesheet href="x"?>']))
    urls = st.sampled_from(["http://a.example/1", "https://b.example/f.xml", "javascript:x()",
                            "file:///etc/passwd", "", "//c.example/p", "/rel/path", "http://",
                            "http://[::1", "http://a b/", "ftp://d.example/", "\u202ehttp://e/"])
    children = {
        "rss": ["item", "title", "link", "pubDate", "guid", "description", "channel"],
        "feed": ["entry", "title", "link", "updated", "id", "summary"],
        "opml": ["head", "body", "outline", "title"],
    }[root]
    parts = [prolog, f"<{root}>"]
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(children))
        if draw(st.booleans()):
            attr = draw(st.sampled_from(["xmlUrl", "htmlUrl", "url", "href", "text", "type"]))
            parts.append(f'<{tag} {attr}="{draw(urls)}" text="{draw(st.sampled_from(WORDS))}">')
        else:
            parts.append(f"<{tag}>")
        parts.append(draw(st.one_of(urls, st.sampled_from(WORDS), st.text(max_size=30))))
        if draw(st.integers(0, 4)):
            parts.append(f"</{tag}>")
    if draw(st.booleans()):
        parts.append(f"</{root}>")
    return "".join(parts).encode("utf-8", errors="replace")
