"""Render a stored article (our own data) as the HTML subset QTextBrowser understands.

Everything that came from a web page is escaped; the only markup is what we write here.
Typography for Chinese: a CJK font stack, line height about 1.7, paragraphs spaced, images
in their own block with the caption under them. The measure (column width) is set by the
reader view through the document's root frame margins, since Qt's rich text has no max-width.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from huaibei_reader.models import Article, Block, BlockKind

CJK_FONT_STACK = ("Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC",
                  "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
                  "serif")

# The only URL schemes a click may open outside the app.
OPENABLE_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class ReaderTheme:
    text: str = "#1f2328"
    muted: str = "#6a737d"
    accent: str = "#1a5fb4"
    highlight_bg: str = "#ffe58f"
    highlight_fg: str = "#1f2328"
    rule: str = "#d0d7de"
    background: str = "#ffffff"


LIGHT = ReaderTheme()
DARK = ReaderTheme(text="#e6e6e6", muted="#9aa4ad", accent="#7fb4ff", highlight_bg="#8a6d00",
                   highlight_fg="#ffffff", rule="#3b4148", background="#1e1f22")


@dataclass(frozen=True)
class Labels:
    """Translated words the page needs (the caller runs them through tr())."""

    published: str = "Published"
    publisher: str = "Source"
    authors: str = "By"
    original: str = "Open the original"
    no_article: str = "This page held no article text."
    image_missing: str = "Image not stored"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def highlight_terms(query: str) -> list[str]:
    """Words to highlight for a search query: its parts without operators or quotes."""
    terms = [t.strip('"\'()*') for t in re.split(r"\s+", query or "")]
    terms = [t for t in terms if t and t.upper() not in ("AND", "OR", "NOT")]
    return sorted(set(terms), key=len, reverse=True)


def _marked(text: str, pattern: re.Pattern[str] | None, theme: ReaderTheme) -> str:
    """Escape ``text``, wrapping matches of ``pattern`` in a highlight span."""
    if pattern is None:
        return esc(text)
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(esc(text[pos:m.start()]))
        out.append(f'<span style="background-color:{theme.highlight_bg};'
                   f'color:{theme.highlight_fg}">{esc(m.group(0))}</span>')
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%Y-%m-%d %H:%M:%S")


def safe_link(url: str) -> str | None:
    """The URL if a click may open it in the system browser (http or https only)."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    return url if scheme in OPENABLE_SCHEMES else None


def _font_stack(family: str) -> str:
    names = ([family] if family else []) + list(CJK_FONT_STACK)
    return ", ".join(n if n == "serif" else f"'{n}'" for n in names)


def article_html(article: Article, *, labels: Labels, theme: ReaderTheme = LIGHT,
                 font_family: str = "", font_size: int = 17, highlight: str = "",
                 image_sizes: dict[str, tuple[int, int]] | None = None,
                 site_name: str | None = None) -> str:
    """The article as a complete HTML document for QTextBrowser."""
    terms = highlight_terms(highlight)
    pattern = (re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
               if terms else None)
    sizes = image_sizes or {}
    body: list[str] = []
    body.append(f'<h1 style="font-size:{round(font_size * 1.55)}px; line-height:140%; '
                f'margin-bottom:8px">{_marked(article.title, pattern, theme)}</h1>')
    meta: list[str] = []
    if article.published:
        meta.append(esc(format_datetime(article.published)))
    publisher = article.publisher or site_name or article.site_name
    if publisher:
        meta.append(f"{esc(labels.publisher)}: {esc(publisher)}")
    if article.authors:
        meta.append(f"{esc(labels.authors)}: {esc(' '.join(article.authors))}")
    if meta:
        body.append(f'<p style="color:{theme.muted}; font-size:{round(font_size * 0.85)}px; '
                    f'margin-top:0px">{" &nbsp;·&nbsp; ".join(meta)}</p>')
    # A hairline rule: Qt draws <hr> as a heavy bevelled bar whatever its colour.
    body.append(f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:4px; '
                f'margin-bottom:{round(font_size * 1.2)}px"><tr><td bgcolor="{theme.rule}" '
                f'height="1" style="font-size:1px; line-height:1px"></td></tr></table>')
    if not article.blocks:
        body.append(f"<p>{esc(labels.no_article)}</p>")
    for block in article.blocks:
        body.append(_block_html(block, pattern, theme, sizes, labels, font_size))
    link = safe_link(article.canonical_url or article.url)
    if link:
        body.append(f'<p style="margin-top:28px; font-size:{round(font_size * 0.85)}px">'
                    f'<a style="color:{theme.accent}" href="{esc(link)}">{esc(labels.original)}'
                    f"</a> <span style=\"color:{theme.muted}\">{esc(link)}</span></p>")
    style = (f"body {{ font-family: {_font_stack(font_family)}; font-size: {font_size}px; "
             f"color: {theme.text}; }} "
             # Fixed pitch of 1.7 em: Qt's percentages multiply the font's own line spacing,
             # which for the CJK fonts is already about 1.45 em.
             f"p {{ line-height: {round(font_size * 1.7)}px; margin-top: 0px; "
             f"margin-bottom: {round(font_size * 0.9)}px; }} "
             f"li {{ line-height: {round(font_size * 1.7)}px; }} "
             f"a {{ color: {theme.accent}; }}")
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"/>"
            f"<style>{style}</style></head><body>{''.join(body)}</body></html>")


def _block_html(block: Block, pattern: re.Pattern[str] | None, theme: ReaderTheme,
                sizes: dict[str, tuple[int, int]], labels: Labels, font_size: int) -> str:
    kind = block.kind
    if kind is BlockKind.PARAGRAPH:
        return f"<p>{_marked(block.text, pattern, theme)}</p>"
    if kind is BlockKind.HEADING:
        level = min(max(block.level or 2, 2), 6)
        size = round(font_size * {2: 1.3, 3: 1.15}.get(level, 1.05))
        return (f'<h{level} style="font-size:{size}px; margin-top:18px">'
                f"{_marked(block.text, pattern, theme)}</h{level}>")
    if kind is BlockKind.QUOTE:
        return (f'<blockquote style="color:{theme.muted}; margin-left:24px">'
                f"<p>{_marked(block.text, pattern, theme)}</p></blockquote>")
    if kind is BlockKind.LIST:
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_marked(i, pattern, theme)}</li>" for i in block.items)
        return f"<{tag}>{items}</{tag}>"
    if kind is BlockKind.TABLE:
        rows = "".join("<tr>" + "".join(f"<td>{_marked(c, pattern, theme)}</td>" for c in row)
                       + "</tr>" for row in block.rows)
        return (f'<table border="1" cellspacing="0" cellpadding="4" '
                f'style="border-color:{theme.rule}; margin-bottom:14px">{rows}</table>')
    if kind is BlockKind.IMAGE:
        return _image_html(block, pattern, theme, sizes, labels, font_size)
    return f"<p>{_marked(block.plain(), pattern, theme)}</p>"


def _image_html(block: Block, pattern: re.Pattern[str] | None, theme: ReaderTheme,
                sizes: dict[str, tuple[int, int]], labels: Labels, font_size: int) -> str:
    caption = block.text or block.alt
    parts = ['<p align="center" style="margin-top:6px; margin-bottom:4px">']
    size = sizes.get(block.src)
    if block.src and size:
        width, height = size
        parts.append(f'<img src="{esc(block.src)}" width="{width}" height="{height}" '
                     f'alt="{esc(block.alt)}"/>')
    else:
        parts.append(f'<span style="color:{theme.muted}">[{esc(labels.image_missing)}]</span>')
    parts.append("</p>")
    if caption:
        parts.append(f'<p align="center" style="color:{theme.muted}; '
                     f'font-size:{round(font_size * 0.85)}px">{_marked(caption, pattern, theme)}'
                     "</p>")
    return "".join(parts)


def teaser(blocks: Iterable[Block], limit: int = 80) -> str:
    """A one-line teaser: the first paragraph's opening, whitespace collapsed."""
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH and block.text.strip():
            text = " ".join(block.text.split())
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""
