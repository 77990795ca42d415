"""PDF through Qt: read back with pdftotext, exact Chinese phrases found, fonts embedded."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from export_seed import PARAGRAPHS, QUOTE, SEED_TITLE, image_lookup, seed_document

from huaibei_reader.export.text import render_text

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
