"""PDF through Qt's own writer (QTextDocument + QPdfWriter), Chinese fonts embedded, text
searchable.

The one Qt module of the export work: it lives in app/ because core code never imports Qt,
and the composition root hands ``render_pdf`` to the export service (``Services.exporter``).
The CLI calls it too, so it makes an offscreen QGuiApplication when none exists.

Layout: the document is laid out in the writer's own pixels and printed page by page here
(number at the foot). Qt's rich text knows no ``<figure>`` (it glued a picture to the end of
the paragraph before it, at its natural size, cut across pages), so a picture is a paragraph
of its own, scaled to the page's width and at most ``MAX_PICTURE_PAGE_SHARE`` of its height,
with its caption under it, moved whole to the next page when the pages would cut it. Curly
quotation marks beside Chinese take the Chinese font's glyphs.

Why the ToUnicode repair: Qt writes each embedded font's ToUnicode map by walking Unicode
upwards and keeping the first code point that maps to each glyph. CJK fonts (Noto CJK, Source
Han) map the Kangxi radicals (U+2F00-2FDF) and CJK radical supplements (U+2E80-2EFF) to the
same glyphs as the ideographs, and those blocks come first, so 人 is copied out of the PDF as
⼈ (U+2F08) and 民 as ⺠ (U+2EA0): a phrase searched or quoted from the PDF no longer matches the
source. After writing, each ToUnicode entry naming a character absent from the document is
pointed back at the document's own character drawn with the same glyph.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from html import escape as html_escape

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from huaibei_reader.errors import KnownError
from huaibei_reader.export.document import ExportDocument
from huaibei_reader.export.html import STYLE, body_html
from huaibei_reader.export.images import ImageLookup

# Preferred families for Chinese text, serif first (print), then common system fonts.
CJK_FAMILIES = ("Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC",
                "Source Han Sans SC", "Songti SC", "SimSun", "Microsoft YaHei", "PingFang SC",
                "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Noto Serif CJK", "Noto Sans CJK")

# Latin text goes to a Latin font first: through a CJK font, HarfBuzz's Chinese forms of
# digits are glyphs Qt's ToUnicode map does not list, and "2022" vanished from the text layer.
LATIN_FAMILIES = ("DejaVu Serif", "Noto Serif", "Liberation Serif", "Times New Roman", "Times",
                  "Georgia", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica")

_apps: list[QGuiApplication] = []  # the offscreen app made for headless use, kept alive


class PdfError(KnownError):
    """The PDF could not be made (no font for the text, Qt refused the output)."""


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, or an offscreen one when called headless (the CLI)."""
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QGuiApplication(["huaibei-reader"])
    _apps.append(app)
    return app


def _first_installed(names: tuple[str, ...]) -> str | None:
    installed = set(QFontDatabase.families())
    return next((n for n in names if n in installed), None)


def cjk_family() -> str | None:
    """The first installed family of ``CJK_FAMILIES``, or None."""
    found = _first_installed(CJK_FAMILIES)
    if found:
        return found
    installed = set(QFontDatabase.families())
    for name in sorted(installed):  # any family that says it writes Simplified Chinese
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(name):
            return name
    return None


# A picture is at most this share of the page's height: a picture (and its caption) that does
# not fit under the text moves to the next page, and the gap it leaves stays under half a page.
MAX_PICTURE_PAGE_SHARE = 0.4
# Qt lays an <img width=...> out in pixels of 96 per inch, scaled to the device's resolution.
CSS_DPI = 96
PDF_DPI = 300
FOOTER_LINES = 2  # room under each page's text for its number, in lines of the body font
QUOTATION_MARKS = "\u201c\u201d\u2018\u2019"
_CJK_NEIGHBOUR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")


class _Pictures:
    """The stored pictures of one document as Qt resources, laid out to fit the page."""

    def __init__(self, text_doc: QTextDocument, images: ImageLookup | None,
                 max_size: QSizeF) -> None:
        self._doc = text_doc
        self._images = images
        self._max = max_size  # in CSS pixels
        self._names: dict[str, str] = {}
        self._sizes: dict[str, QSizeF] = {}

    def src(self, url: str) -> str | None:
        if url in self._names:
            return self._names[url]
        found = self._images(url) if self._images else None
        image = QImage.fromData(found[0]) if found else QImage()
        if image.isNull():
            return None
        name = self._names[url] = f"stored-image:{len(self._names)}"
        self._doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        self._sizes[name] = self._fitted(QSizeF(image.size()))
        return name

    def _fitted(self, size: QSizeF) -> QSizeF:
        """``size`` scaled down (never up) to fit the page's width and the height share."""
        factor = min(1.0, self._max.width() / max(size.width(), 1.0),
                     self._max.height() / max(size.height(), 1.0))
        return QSizeF(size.width() * factor, size.height() * factor)

    def figure(self, src: str, alt: str, caption: str) -> str:
        """One paragraph: the picture, a line break, its caption (``_keep_figures_whole``
        keeps it on one page, so a caption never leaves its picture)."""
        size = self._sizes[src]
        caption_html = (f'<br><span style="color: #555555; font-size: 9pt">{html_escape(caption)}'
                        "</span>" if caption else "")
        # line-height: the body's 1.7 would make the picture's line 1.7 pictures tall.
        return (f'<p align="center" style="line-height: 100%">'
                f'<img src="{html_escape(src)}" alt="{html_escape(alt)}" '
                f'width="{size.width():.0f}" height="{size.height():.0f}">{caption_html}</p>')


def render_pdf(doc: ExportDocument, images: ImageLookup | None = None) -> bytes:
    """The document as PDF bytes (A4), images from the library, text copyable as written."""
    ensure_gui_app()
    cjk = cjk_family()
    if cjk is None:
        raise PdfError("no Chinese font is installed (install Noto CJK or Source Han)",
                       kind="pdf-no-font")
    families = [f for f in (_first_installed(LATIN_FAMILIES), cjk) if f]
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(doc.title)
    writer.setCreator(doc.generator)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    text_doc = layout_document(doc, images, writer, families, cjk)
    _print(text_doc, writer)
    del writer  # finishes the file
    data = bytes(buffer.data().data())
    buffer.close()
    if not data.startswith(b"%PDF"):
        raise PdfError("Qt could not write the PDF")
    return repair_to_unicode(data, text_doc.toPlainText(), [QFont(f) for f in families])


def layout_document(doc: ExportDocument, images: ImageLookup | None, writer: QPdfWriter,
                    families: list[str], cjk: str) -> QTextDocument:
    """The document laid out in pages of ``writer`` (its pixels), ready to print."""
    text_doc = QTextDocument()
    text_doc.setDocumentMargin(0)
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(11)
    text_doc.setDefaultFont(font)
    text_doc.setDefaultStyleSheet(_qt_css(families))
    text_doc.documentLayout().setPaintDevice(writer)
    footer = FOOTER_LINES * QFontMetricsF(font, writer).lineSpacing()
    page = QSizeF(writer.width(), writer.height() - footer)
    to_css = CSS_DPI / writer.logicalDpiX()
    pictures = _Pictures(text_doc, images, QSizeF(page.width() * to_css,
                                                  page.height() * to_css * MAX_PICTURE_PAGE_SHARE))
    text_doc.setHtml(f"<html><body>{body_html(doc, pictures.src, pictures.figure)}</body></html>")
    _quotation_marks_in_cjk_font(text_doc, cjk)
    text_doc.setPageSize(page)
    _keep_figures_whole(text_doc)
    return text_doc


def _keep_figures_whole(text_doc: QTextDocument) -> None:
    """A picture's paragraph (the picture, then its caption) that the pages cut in two starts
    on the next page instead. Qt's own ``nonBreakableLines`` lets a caption's line run onto
    the next page when the picture's line still fits, so the pages are checked here."""
    layout = text_doc.documentLayout()
    page_height = text_doc.pageSize().height()
    block = text_doc.begin()
    while block.isValid():
        lines = block.layout()
        if lines.lineCount() > 1 and _holds_picture(block):
            top = layout.blockBoundingRect(block).y()
            first = lines.lineAt(0)
            last = lines.lineAt(lines.lineCount() - 1)
            start_page = int((top + first.y()) // page_height)
            end_page = int((top + last.y() + last.height() - 1) // page_height)
            if start_page != end_page:
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)  # the pages after it are laid out anew
        block = block.next()


def _holds_picture(block: QTextBlock) -> bool:
    it = block.begin()
    while not it.atEnd():
        if it.fragment().charFormat().isImageFormat():
            return True
        it += 1
    return False


def _quotation_marks_in_cjk_font(text_doc: QTextDocument, cjk: str) -> None:
    """Curly quotation marks beside Chinese text take the Chinese font's (full-width) glyphs:
    the Latin font comes first in the list (see LATIN_FAMILIES) and would draw them narrow."""
    text = text_doc.toPlainText()
    fmt = QTextCharFormat()
    fmt.setFontFamilies([cjk])
    for i, ch in enumerate(text):
        if ch not in QUOTATION_MARKS:
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if not (_CJK_NEIGHBOUR.match(before) or _CJK_NEIGHBOUR.match(after)
                or (after and after in QUOTATION_MARKS) or (before and before in QUOTATION_MARKS)):
            continue
        cursor = QTextCursor(text_doc)
        cursor.setPosition(i)
        cursor.setPosition(i + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)


def _print(text_doc: QTextDocument, writer: QPdfWriter) -> None:
    """Each page of ``text_doc`` onto a page of ``writer``, its number at the foot."""
    page = text_doc.pageSize()
    painter = QPainter(writer)
    try:
        painter.setFont(text_doc.defaultFont())
        for number in range(text_doc.pageCount()):
            if number:
                writer.newPage()
            painter.save()
            painter.translate(0, -number * page.height())
            # The clip stops a device pixel short of the next page: a picture moved there
            # starts on the boundary and would leave a hairline at this page's foot.
            text_doc.drawContents(painter, QRectF(0, number * page.height(), page.width(),
                                                  page.height() - 1))
            painter.restore()
            painter.drawText(QRectF(0, page.height(), page.width(),
                                    writer.height() - page.height()),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                             str(number + 1))
    finally:
        painter.end()


def _qt_css(families: list[str]) -> str:
    """The HTML export's style with our font list first (its own names CJK fonts first)."""
    names = ", ".join(f'"{f}"' for f in families)
    return STYLE + f"body, p, h1, h2, h3, h4, li, td, blockquote {{ font-family: {names}; }}"


# --- ToUnicode repair ------------------------------------------------------------------------

_CMAP_STREAM = re.compile(
    rb"(\d+) 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _glyphs(raw: QRawFont, chars: list[str]) -> dict[str, int]:
    if not chars:
        return {}
    indexes = raw.glyphIndexesForString("".join(chars))
    return dict(zip(chars, indexes, strict=True)) if len(indexes) == len(chars) else {}


def _replacements(cmap_chars: set[str], text: str, fonts: list[QFont]) -> dict[str, str]:
    """For each mapped character absent from ``text``: the text's character with its glyph."""
    present = set(text)
    foreign = sorted(c for c in cmap_chars if c not in present)
    if not foreign:
        return {}
    out: dict[str, str] = {}
    for font in fonts:
        raw = QRawFont.fromFont(font)
        if not raw.isValid():
            continue
        by_glyph: dict[int, str] = {}
        for ch, g in _glyphs(raw, sorted(present)).items():
            if g:
                by_glyph.setdefault(g, ch)
        for ch, g in _glyphs(raw, foreign).items():
            if g and g in by_glyph and ch not in out:
                out[ch] = by_glyph[g]
    for ch in foreign:  # radicals whose compatibility form names the ideograph
        if ch not in out:
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch and folded in present:
                out[ch] = folded
    return out


def _parse_cmap(body: bytes) -> tuple[bytes, dict[int, str], bytes] | None:
    """(head, cid -> text, tail) of a ToUnicode CMap written with bfrange/bfchar sections."""
    start = re.search(rb"\d+\s+begin(bfrange|bfchar)", body)
    end = body.rfind(b"endcmap")
    if not start or end < 0:
        return None
    head, mid, tail = body[:start.start()], body[start.start():end], body[end:]
    mapping: dict[int, str] = {}

    def text_of(hexstr: bytes) -> str:
        return bytes.fromhex(hexstr.decode()).decode("utf-16-be", errors="replace")

    for section in re.finditer(rb"begin(bfrange|bfchar)(.*?)end\1", mid, re.S):
        kind, content = section.group(1), section.group(2)
        for line in content.splitlines():
            tokens = _HEX.findall(line)
            if kind == b"bfchar" and len(tokens) == 2:
                mapping[int(tokens[0], 16)] = text_of(tokens[1])
            elif kind == b"bfrange" and len(tokens) >= 3:
                lo, hi = int(tokens[0], 16), int(tokens[1], 16)
                if b"[" in line:
                    for cid, dst in zip(range(lo, hi + 1), tokens[2:], strict=False):
                        mapping[cid] = text_of(dst)
                else:
                    first = text_of(tokens[2])
                    for i, cid in enumerate(range(lo, hi + 1)):
                        mapping[cid] = first[:-1] + chr(ord(first[-1]) + i) if first else ""
    return head, mapping, tail


def _write_cmap(head: bytes, mapping: dict[int, str], tail: bytes) -> bytes:
    items = sorted(mapping.items())
    lines = [head.rstrip(b"\n")]
    for i in range(0, len(items), 100):  # at most 100 entries per section
        chunk = items[i:i + 100]
        lines.append(f"{len(chunk)} beginbfchar".encode())
        for cid, text in chunk:
            lines.append(f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>".encode())
        lines.append(b"endbfchar")
    return b"\n".join(lines) + b"\n" + tail


def repair_to_unicode(pdf: bytes, text: str, fonts: list[QFont]) -> bytes:
    """``pdf`` with radical code points in its ToUnicode maps replaced (see module doc)."""
    edits: list[tuple[int, int, bytes, int, bytes]] = []  # (start, end, new, len pos, len)
    for m in _CMAP_STREAM.finditer(pdf):
        length = int(m.group(2))
        body = pdf[m.end():m.end() + length]
        if b"begincmap" not in body:
            continue
        parsed = _parse_cmap(body)
        if parsed is None:
            continue
        head, mapping, tail = parsed
        chars = {t for t in mapping.values() if len(t) == 1}
        fixes = _replacements(chars, text, fonts)
        if not any(t in fixes for t in mapping.values()):
            continue
        fixed = {cid: fixes.get(t, t) for cid, t in mapping.items()}
        edits.append((m.end(), m.end() + length, _write_cmap(head, fixed, tail),
                      m.start(2), m.group(2)))
    if not edits:
        return pdf
    return _apply_edits(pdf, edits)


def _apply_edits(pdf: bytes, edits: list[tuple[int, int, bytes, int, bytes]]) -> bytes:
    """Replace stream bodies and their /Length, then shift the xref offsets to match."""
    pieces, shifts, cursor = [], [], 0
    for start, end, new, len_pos, old_len in edits:
        new_len = str(len(new)).encode()
        pieces += [pdf[cursor:len_pos], new_len, pdf[len_pos + len(old_len):start], new]
        shifts.append((len_pos, len(new_len) - len(old_len)))
        shifts.append((start, len(new) - (end - start)))
        cursor = end
    pieces.append(pdf[cursor:])
    out = b"".join(pieces)

    def moved(offset: int) -> int:
        return offset + sum(d for pos, d in shifts if pos < offset)

    xref_at = out.rfind(b"\nxref")
    startxref_at = out.rfind(b"startxref")
    if xref_at < 0 or startxref_at < 0:
        raise PdfError("unexpected PDF layout from Qt (no xref table)")
    table = out[xref_at + 1:startxref_at]

    def fix_entry(m: re.Match) -> bytes:
        offset = int(m.group(1))
        if m.group(3) == b"n":
            offset = moved(offset)
        return b"%010d %s %s" % (offset, m.group(2), m.group(3))

    table = re.sub(rb"(\d{10}) (\d{5}) ([nf])", fix_entry, table)
    tail = out[startxref_at:]
    found = re.search(rb"startxref\s+(\d+)", tail)
    if found is None:
        raise PdfError("unexpected PDF layout from Qt (no startxref)")
    old = int(found.group(1))
    tail = re.sub(rb"(startxref\s+)\d+", lambda m: m.group(1) + str(moved(old)).encode(),
                  tail, count=1)
    return out[:xref_at + 1] + table + tail
