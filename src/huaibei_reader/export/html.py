"""Self-contained HTML: one file, images inlined as data: URIs from the library, no requests.

A Content-Security-Policy forbids every fetch except inline images and styles, so the file
opened years later shows what was saved and tells no server it was opened. Images the library
does not hold are shown as a link with their caption, never loaded from the web.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from huaibei_reader.export.document import (
    ExportDocument,
    ExportEntry,
    citation_fields,
)
from huaibei_reader.export.images import ImageLookup, ImageSource, data_uri_source
from huaibei_reader.models import Article, BlockKind

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

STYLE = """
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
       max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.7; color: #222; }
.meta, .citation, .tags { color: #555; font-size: 0.9em; }
.note { background: #fff8dc; padding: 0.5em 1em; border-left: 3px solid #e0c060; }
.clipping { border-left: 3px solid #7a9; padding: 0.2em 1em; margin: 1em 0; }
.stale { color: #a00; font-weight: bold; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid #ccc; color: #444; }
figure { margin: 1em 0; } img { max-width: 100%; height: auto; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; }
"""

def _e(text: str) -> str:
    return escape(text, quote=True)


def _href(url: str) -> str:
    """Only web links are clickable; a ``javascript:`` or ``file:`` URL from a page is not."""
    return _e(url) if url.lower().startswith(("http://", "https://")) else "#"


FigureHtml = Callable[[str, str, str], str]  # (src, alt, caption) -> markup


def figure_html(src: str, alt: str, caption: str) -> str:
    """A stored picture and its caption, for a browser."""
    caption_html = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="{_e(src)}" alt="{_e(alt)}">{caption_html}</figure>'


def article_html(article: Article, image_src: ImageSource,
                 figure: FigureHtml = figure_html) -> list[str]:
    out: list[str] = []
    for b in article.blocks:
        if b.kind is BlockKind.HEADING:
            level = min(max(b.level, 1) + 1, 6)
            out.append(f"<h{level}>{_e(b.text)}</h{level}>")
        elif b.kind is BlockKind.QUOTE:
            out.append(f"<blockquote><p>{_e(b.text)}</p></blockquote>")
        elif b.kind is BlockKind.LIST:
            tag = "ol" if b.ordered else "ul"
            items = "".join(f"<li>{_e(i)}</li>" for i in b.items)
            out.append(f"<{tag}>{items}</{tag}>")
        elif b.kind is BlockKind.TABLE:
            rows = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>"
                           for r in b.rows)
            out.append(f"<table>{rows}</table>")
        elif b.kind is BlockKind.IMAGE:
            src = image_src(b.src) if b.src else None
            if src:
                out.append(figure(src, b.alt, b.text))
            else:
                label = _e(b.text or b.alt or b.src)
                out.append(f'<figure><p class="meta">[图 Image not saved: '
                           f'<a href="{_href(b.src)}">{label}</a>]</p></figure>')
        elif b.text:
            out.append(f"<p>{_e(b.text)}</p>")
    return out


def _tags(tags: tuple[str, ...]) -> str:
    return ('<p class="tags">标签 Tags: '
            + ", ".join(f'<span class="tag">{_e(t)}</span>' for t in tags) + "</p>")


def entry_html(doc: ExportDocument, entry: ExportEntry, image_src: ImageSource,
               level: int, figure: FigureHtml = figure_html) -> list[str]:
    c = entry.citation
    h, h2 = f"h{level}", f"h{min(level + 1, 6)}"
    out = [f'<article><{h} class="title">{_e(entry.title)}</{h}>']
    meta = [label + _e(value) for label, value in citation_fields(c)]
    meta.append(f'URL: <a href="{_href(c.url)}">{_e(c.url)}</a>')
    out.append('<p class="meta">' + "<br>".join(meta) + "</p>")
    out.append(f'<p class="citation">引用 Citation: {_e(doc.reference(entry))}</p>')
    if entry.bookmark is not None and entry.bookmark.note:
        out.append(f'<div class="note"><p>笔记 Note: {_e(entry.bookmark.note)}</p></div>')
    if entry.tags:
        out.append(_tags(entry.tags))
    if entry.article is not None:
        out.append('<div class="body">')
        out.extend(article_html(entry.article, image_src, figure))
        out.append("</div>")
    if entry.clippings:
        out.append(f'<section class="clippings"><{h2}>摘录 Clippings</{h2}>')
        for k in entry.clippings:
            out.append('<div class="clipping">')
            out.append(f'<blockquote class="quote"><p>{_e(k.quote)}</p></blockquote>')
            if entry.is_stale(k):
                out.append('<p class="stale">注意 Note: this quote is no longer in the '
                           "current text.</p>")
            if k.note:
                out.append(f'<p class="note">笔记 Note: {_e(k.note)}</p>')
            if k.tags:
                out.append(_tags(k.tags))
            out.append(f'<p class="citation">引用 Citation: '
                       f"{_e(doc.clipping_reference(k))}</p>")
            out.append("</div>")
        out.append("</section>")
    out.append("</article>")
    return out


def body_html(doc: ExportDocument, image_src: ImageSource,
              figure: FigureHtml = figure_html) -> str:
    """The inside of ``<body>``, shared with the PDF writer (which lays figures out its own
    way: Qt's rich text knows no ``<figure>``)."""
    parts: list[str] = []
    single = len(doc.entries) == 1
    if not single:
        parts.append(f"<h1>{_e(doc.title)}</h1>")
    for i, e in enumerate(doc.entries):
        if i:
            parts.append("<hr>")
        parts.extend(entry_html(doc, e, image_src, 1 if single else 2, figure))
    parts.append(f'<p class="meta">{_e(doc.generator)}, {_e(doc.created_at.isoformat())}</p>')
    return "\n".join(parts)


def render_html(doc: ExportDocument, images: ImageLookup | None = None) -> str:
    lang = "zh-CN"
    if doc.entries and doc.entries[0].citation.lang:
        lang = doc.entries[0].citation.lang
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{_e(doc.generator)}">\n'
        f"<title>{_e(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body_html(doc, data_uri_source(images))}\n</body>\n</html>\n"
    )
