"""PDF through Qt: read back with pdftotext, exact Chinese phrases found, fonts embedded."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from export_seed import (
    PARAGRAPHS,
    QUOTE,
    SEED_TITLE,
    image_lookup,
    png,
    seed_article,
    seed_document,
    seed_item,
)

from huaibei_reader.export.document import ExportDocument, article_entry
from huaibei_reader.export.text import render_text
from huaibei_reader.models import Block, BlockKind

if not shutil.which("pdftotext"):
    pytest.skip("pdftotext (poppler-utils) is not installed", allow_module_level=True)


@pytest.fixture
def pdf_text(qapp, tmp_path):
    """Render and read back; ``qapp`` first so a full QApplication exists for later tests."""
    from huaibei_reader.app.pdf import cjk_family, render_pdf

    if cjk_family() is None:
        pytest.skip("no Chinese font installed")
    data = render_pdf(seed_document(), image_lookup)
    path = tmp_path / "seed.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    return data, path, text


def _joined(text: str) -> str:
    """pdftotext breaks lines where the page did; a phrase is searched across them."""
    return "".join(text.split())


def test_exact_chinese_phrases_copy_out_as_written(pdf_text):
    _, _, text = pdf_text
    joined = _joined(text)
    for phrase in ("人民网-安徽频道", "熟人社区", "真正成为社区“一家人”", "采访王秀程的线索",
                   "韩惠, 胡文静".replace(" ", ""), "2022-10-01T13:39:07+08:00",
                   "(2022-10-01)[2026-11-28]", _joined(PARAGRAPHS[1]), _joined(SEED_TITLE),
                   QUOTE, "这句话后来被删掉了", "志愿服务"):
        assert phrase in joined, phrase


def test_no_radical_code_points_in_the_text_layer(pdf_text):
    _, _, text = pdf_text
    radicals = [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]
    assert radicals == []
    source = set(render_text(seed_document()))  # the same content as plain text
    cjk = {c for c in text if unicodedata.name(c, "").startswith("CJK UNIFIED")}
    assert cjk <= source, cjk - source


def test_fonts_are_embedded_and_image_present(pdf_text):
    _, path, _ = pdf_text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and any("CJK" in r[0] for r in rows)
    assert all(r[-5] == "yes" for r in rows)  # the "emb" column
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert len(images) == 1


def test_xref_offsets_point_at_their_objects(pdf_text):
    """The ToUnicode repair changes stream lengths; every xref entry must still be exact."""
    data, _, _ = pdf_text
    table = data[data.rfind(b"\nxref") + 1:data.rfind(b"trailer")]
    lines = table.splitlines()[2:]
    for number, line in enumerate(lines):
        offset, _, kind = line.split()[:3]
        if kind == b"n":
            assert re.match(rb"%d 0 obj" % number, data[int(offset):int(offset) + 20]), number
    startxref = int(re.search(rb"startxref\s+(\d+)", data[-64:]).group(1))
    assert data[startxref:startxref + 4] == b"xref"


# --- layout: pictures with their captions, no half-empty pages, quotation marks -----------

PICTURE_RGB = (0x30, 0x60, 0x90)  # a colour nothing else in the document has
RASTER_DPI = 20
CAPTION = "图说这张照片的说明"


def _pdf_with_picture(tmp_path, width: int, height: int, lines_before: int) -> Path:
    from huaibei_reader.app.pdf import render_pdf

    blocks = [Block(BlockKind.PARAGRAPH, text=f"第{i}段。") for i in range(lines_before)]
    blocks.append(Block(BlockKind.IMAGE, src="http://x/photo.png", alt="照片", text=CAPTION))
    blocks += [Block(BlockKind.PARAGRAPH, text="图后正文。") for _ in range(3)]
    entry = article_entry(seed_item(article=replace(seed_article(), blocks=tuple(blocks))))
    picture = png(width, height, PICTURE_RGB)
    data = render_pdf(ExportDocument(title="t", entries=(entry,)),
                      lambda url: (picture, "image/png"))
    path = tmp_path / f"p{lines_before}.pdf"
    path.write_bytes(data)
    return path


def _words_by_page(path: Path) -> list[list[tuple[float, float, str]]]:
    """(yMin, yMax, text) of each word, in points, per page (pdftotext -bbox)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = re.findall(r"<page [^>]*>(.*?)</page>", xml, re.S)
    return [[(float(a), float(b), html.unescape(t)) for a, b, t in re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', p)]
        for p in pages]


def _picture_rows_by_page(path: Path) -> dict[int, tuple[float, float]]:
    """Per page, the top and bottom (points) of the visible picture, from the rendered page."""
    out_dir = path.parent / f"{path.stem}-pages"
    out_dir.mkdir()
    subprocess.run(["pdftoppm", "-r", str(RASTER_DPI), str(path), str(out_dir / "p")],
                   check=True)
    found = {}
    for page_file in sorted(out_dir.iterdir()):
        page = int(page_file.stem.rsplit("-", 1)[1]) - 1
        magic, size, _, pixels = page_file.read_bytes().split(b"\n", 3)
        assert magic == b"P6"
        width, height = map(int, size.split())
        rows = [y for y in range(height) if any(
            all(abs(pixels[(y * width + x) * 3 + c] - PICTURE_RGB[c]) < 24 for c in range(3))
            for x in range(0, width, 2))]
        if rows:
            found[page] = (min(rows) * 72 / RASTER_DPI, (max(rows) + 1) * 72 / RASTER_DPI)
    return found


@pytest.mark.parametrize(("width", "height"), [(1200, 1600), (1600, 500)])
def test_pictures_stay_whole_with_their_captions_and_leave_no_half_empty_page(
        qapp, tmp_path, width, height):
    """Whatever the text before it, a picture is drawn whole on one page, its caption right
    under it on the same page, and the page before it is at least half full."""
    page_height = 842  # A4, in points
    for lines_before in range(0, 30, 3):
        path = _pdf_with_picture(tmp_path, width, height, lines_before)
        pictures = _picture_rows_by_page(path)
        assert len(pictures) == 1, (lines_before, pictures)  # not cut across pages
        ((page, (top, bottom)),) = pictures.items()
        assert bottom - top > 0.1 * page_height  # a real picture, not a sliver
        words = _words_by_page(path)
        (caption,) = [(i, y0) for i, p in enumerate(words) for y0, _, t in p if CAPTION in t]
        assert caption[0] == page, (lines_before, caption, page)
        assert -72 / RASTER_DPI <= caption[1] - bottom < 20, (lines_before, caption, bottom)
        if page:
            text_bottom = max(y1 for _, y1, t in words[page - 1] if not t.isdigit())
            assert text_bottom > page_height / 2, (lines_before, text_bottom)


def test_quotation_marks_beside_chinese_use_the_chinese_font(pdf_text, tmp_path):
    """pdftohtml names the font of each run: no curly quotation mark in a Latin font."""
    _, path, _ = pdf_text
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", str(path)], check=True,
                         capture_output=True, text=True, cwd=tmp_path).stdout
    fonts = dict(re.findall(r'<fontspec id="(\d+)" size="[\d.]+" family="([^"]+)"', xml))
    runs = [(fonts[f], html.unescape(re.sub(r"<[^>]+>", "", t)))
            for f, t in re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>', xml)]
    quoted = [(family, text) for family, text in runs if set(text) & set("“”‘’")]
    assert quoted and all("CJK" in family for family, _ in quoted), quoted
    assert any("CJK" not in family for family, _ in runs)  # Latin text keeps its Latin font
