"""DOCX for editors (python-docx): headings, quotes, lists, tables, stored images, clippings."""

from __future__ import annotations

import io
import re
from datetime import UTC

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from huaibei_reader.export.document import (
    ExportDocument,
    ExportEntry,
    ImageLookup,
    citation_fields,
)
from huaibei_reader.models import Article, BlockKind

# python-docx reads these raster formats; anything else (WebP, SVG) keeps its caption only.
_PICTURE_TYPES = {"image/png", "image/jpeg", "image/jpg", "image/gif", "image/bmp",
                  "image/tiff", "image/x-ms-bmp"}
EAST_ASIAN_FONT = "SimSun"
# XML 1.0 forbids these; a page may still carry them (python-docx refuses them outright).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("", text)


def _set_east_asian_font(document, name: str) -> None:
    """Word picks CJK glyphs from the eastAsia font slot; name one every Word has."""
    style = document.styles["Normal"]
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _add_image(document, src: str, caption: str, images: ImageLookup | None) -> None:
    found = images(src) if images and src else None
    if found and (found[1] or "").split(";")[0].strip().lower() in _PICTURE_TYPES:
        try:
            document.add_picture(io.BytesIO(found[0]), width=Cm(14))
        except Exception:
            document.add_paragraph(_x(f"[图 Image: {caption or src}]"))
        else:
            if caption:
                document.add_paragraph(_x(caption), style="Caption")
            return
    document.add_paragraph(_x(f"[图 Image not saved: {caption or src}]"))


def _article(document, article: Article, images: ImageLookup | None) -> None:
    for b in article.blocks:
        if b.kind is BlockKind.HEADING:
            document.add_heading(_x(b.text), level=min(max(b.level, 1) + 1, 9))
        elif b.kind is BlockKind.QUOTE:
            document.add_paragraph(_x(b.text), style="Quote")
        elif b.kind is BlockKind.LIST:
            style = "List Number" if b.ordered else "List Bullet"
            for item in b.items:
                document.add_paragraph(_x(item), style=style)
        elif b.kind is BlockKind.TABLE and b.rows:
            width = max(len(r) for r in b.rows)
            table = document.add_table(rows=len(b.rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(b.rows):
                for col, cell in enumerate(row):
                    table.cell(r, col).text = _x(cell)
        elif b.kind is BlockKind.IMAGE:
            _add_image(document, b.src, b.text or b.alt, images)
        elif b.text:
            document.add_paragraph(_x(b.text))


def _label(document, label: str, text: str) -> None:
    p = document.add_paragraph()
    p.add_run(label).bold = True
    p.add_run(_x(text))


def _entry(document, doc: ExportDocument, entry: ExportEntry, level: int,
           images: ImageLookup | None) -> None:
    c = entry.citation
    document.add_heading(_x(entry.title), level=level)
    for label, value in citation_fields(c):
        _label(document, label, value)
    _label(document, "URL: ", c.url)
    _label(document, "引用 Citation: ", doc.reference(entry))
    if entry.bookmark is not None and entry.bookmark.note:
        p = document.add_paragraph()
        p.add_run("笔记 Note: ").bold = True
        p.add_run(_x(entry.bookmark.note)).font.highlight_color = WD_COLOR_INDEX.YELLOW
    if entry.tags:
        _label(document, "标签 Tags: ", ", ".join(entry.tags))
    if entry.article is not None:
        _article(document, entry.article, images)
    if entry.clippings:
        document.add_heading("摘录 Clippings", level=min(level + 1, 9))
        for k in entry.clippings:
            document.add_paragraph(_x(k.quote), style="Intense Quote")
            if entry.is_stale(k):
                run = document.add_paragraph().add_run(
                    "注意 Note: this quote is no longer in the current text.")
                run.bold = True
                run.font.color.rgb = RGBColor(0xAA, 0, 0)
            if k.note:
                _label(document, "笔记 Note: ", k.note)
            if k.tags:
                _label(document, "标签 Tags: ", ", ".join(k.tags))
            _label(document, "引用 Citation: ", doc.clipping_reference(k))


def render_docx(doc: ExportDocument, images: ImageLookup | None = None) -> bytes:
    document = Document()
    _set_east_asian_font(document, EAST_ASIAN_FONT)
    document.styles["Normal"].font.size = Pt(11)
    props = document.core_properties
    props.title = _x(doc.title)[:255]
    props.author = _x(", ".join(doc.entries[0].citation.authors))[:255] if len(doc.entries) == 1 \
        else ""
    props.comments = doc.generator
    # python-docx's template carries its own dates (2013) and author: the export's instead.
    made = doc.created_at.astimezone(UTC) if doc.created_at.tzinfo else doc.created_at
    props.created = props.modified = made
    props.last_modified_by = ""
    props.revision = 1
    single = len(doc.entries) == 1
    if not single:
        document.add_heading(_x(doc.title), level=0)
    for e in doc.entries:
        _entry(document, doc, e, 1 if single else 2, images)
    document.add_paragraph(_x(f"{doc.generator}, {doc.created_at.isoformat()}"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
