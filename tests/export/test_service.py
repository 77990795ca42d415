"""The export service on a real library: changes since a clipping's or a bookmark's version."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from export_seed import (
    IMAGE_URL,
    PARAGRAPHS,
    QUOTE,
    RETRIEVED,
    SEED_TITLE,
    seed_article,
    tiny_png,
)

from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled, InputError, TargetExists
from huaibei_reader.export import service
from huaibei_reader.export.citation import citation_for
from huaibei_reader.export.filenames import safe_stem
from huaibei_reader.export.service import (
    ExportFormat,
    ExportOptions,
    ExportProgress,
    ExportService,
    ExportStage,
    ImageMode,
)
from huaibei_reader.models import Block, BlockKind, Clipping, Source
from huaibei_reader.store import Library


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "library.sqlite3")
    src = lib.sources.add(Source(None, "今日淮北", "http://www.morang.cn/"))
    lib.articles.save(seed_article(), source_id=src.id, fetched_at=RETRIEVED)
    yield lib
    lib.close()


def test_changes_since_a_version_and_since_a_bookmark(library):
    mark = library.marks.bookmark(1, note="n")
    item = library.articles.get(1)
    assert not service.changed_since_bookmark(item, mark)
    full = seed_article()
    edited = replace(full, blocks=tuple(b for b in full.blocks if b.text != PARAGRAPHS[1]))
    later = mark.created_at + timedelta(hours=1)
    assert library.articles.save(edited, source_id=1, fetched_at=later).status == "updated"
    item = library.articles.get(1)
    assert service.changed_since_bookmark(item, mark)
    since = service.version_when_bookmarked(library, 1, mark)
    assert since == 1
    diff = service.changes_since(library, 1, since)
    assert [c.kind for c in diff.changes] == ["removed"]
    assert diff.changes[0].old == PARAGRAPHS[1]
    with pytest.raises(InputError, match="no version 9"):
        service.changes_since(library, 1, 9)


def test_selection_of_unknown_article_is_a_known_error(library):
    with pytest.raises(InputError, match="no article"):
        service.select_articles(library, [1, 42])
    assert service.select_articles(library, [1, 1]).article_ids == [1]


# --- the ExportService API (what the CLI and the window call) ---------------------------

HOSTILE_TITLE = "\x1b[2J\x1b[H\x1b]0;pwned\x07淮北\x1b[31m新闻\x1b[0m\u202eexe.txt"
TERMINAL_BYTES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def seeded(library):
    """The library of the tests above, its article's picture stored, bookmarked and clipped."""
    library.images.save(IMAGE_URL, tiny_png(), "image/png")
    library.marks.bookmark(1, note="采访\x1b[2J线索", tags=("社区",))
    item = library.articles.get(1)
    library.marks.add_clipping(Clipping(
        id=None, article_id=1, article_version=1, quote=QUOTE, citation=citation_for(item),
        created_at=RETRIEVED, note="导语", tags=("引语",)))
    return library


def test_formats_follow_the_renderer_given(seeded):
    assert ExportFormat.PDF not in ExportService(seeded).formats
    calls = []

    def fake_pdf(doc, images=None):
        calls.append((doc.title, images(IMAGE_URL)))
        return b"%PDF-1.4 fake"

    exporter = ExportService(seeded, pdf_renderer=fake_pdf)
    assert exporter.formats == tuple(ExportFormat)
    rendered = exporter.render(exporter.select_articles([1]), ExportFormat.PDF)
    assert rendered.data == b"%PDF-1.4 fake"
    assert calls == [(SEED_TITLE, (tiny_png(), "image/png"))]
    with pytest.raises(InputError, match="PDF export is not available"):
        ExportService(seeded).render(exporter.select_articles([1]), "pdf")
    with pytest.raises(InputError, match="unknown export format 'odt'"):
        exporter.render(exporter.select_articles([1]), "odt")


def test_progress_reports_each_stage_and_cancel_stops_before_writing(seeded, tmp_path):
    exporter = ExportService(seeded)
    seen: list[ExportProgress] = []
    selection = exporter.select_articles([1, 1], progress=seen.append)
    result = exporter.export(selection, ExportFormat.HTML, tmp_path, progress=seen.append)
    stages = [(p.stage.value, p.done, p.total) for p in seen]
    assert stages == [("reading", 0, 1), ("reading", 1, 1), ("rendering", 0, 1),
                      ("rendering", 1, 1), ("writing", 0, 1), ("writing", 1, 1)]
    assert result.path == tmp_path / f"{safe_stem(SEED_TITLE)}.html" and result.path.exists()
    assert result.files == (result.path,) and result.entries == 1

    token = CancelToken()

    def cancel_while_rendering(p: ExportProgress) -> None:
        if p.stage is ExportStage.RENDERING:
            token.cancel()

    with pytest.raises(Cancelled):
        exporter.export(selection, ExportFormat.MARKDOWN, tmp_path / "c.md",
                        progress=cancel_while_rendering, cancel=token)
    assert not (tmp_path / "c.md").exists()


def test_proposed_filename_is_safe_and_has_the_formats_extension(seeded):
    exporter = ExportService(seeded)
    selection = replace(exporter.select_articles([1]), title="../" + HOSTILE_TITLE)
    names = {f: exporter.proposed_filename(selection, f) for f in ExportFormat}
    assert names[ExportFormat.WARC] == "淮北新闻exe.txt.warc.gz"
    assert names[ExportFormat.MARKDOWN] == "淮北新闻exe.txt.md"
    assert all("/" not in n and not TERMINAL_BYTES.search(n) for n in names.values())


def test_existing_target_is_refused_before_rendering(seeded, tmp_path):
    target = tmp_path / "a.json"
    target.write_text("keep")
    exporter = ExportService(seeded)
    with pytest.raises(TargetExists) as info:
        exporter.export(exporter.select_articles([1]), "json", target)
    assert info.value.path == target and target.read_text() == "keep"
    exporter.export(exporter.select_articles([1]), "json", target, ExportOptions(overwrite=True))
    assert json.loads(target.read_text("utf-8"))["articles"][0]["id"] == 1


def test_clippings_export_carries_the_articles_bookmark_and_keeps_clipping_tags(seeded,
                                                                                tmp_path):
    exporter = ExportService(seeded)
    out = exporter.export(exporter.select_clippings(), "json", tmp_path / "c.json").path
    (art,) = json.loads(out.read_text("utf-8"))["articles"]
    assert art["bookmarked"] is True and art["note"] == "采访线索"
    assert art["tags"] == ["社区"]  # the bookmark's own; the clipping's tag is not merged in
    assert [(c["quote"], c["tags"]) for c in art["clippings"]] == [(QUOTE, ["引语"])]
    # The same for an articles export: the article's tags are its bookmark's.
    out = exporter.export(exporter.select_articles([1]), "json", tmp_path / "a.json").path
    (art,) = json.loads(out.read_text("utf-8"))["articles"]
    assert art["tags"] == ["社区"] and art["clippings"][0]["tags"] == ["引语"]


IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(\s*<?\s*(?:https?|file):", re.I)
ANY_REMOTE = re.compile(r"(?:https?|file)://[^\s)>]*\.(?:png|jpe?g|gif)", re.I)


def _with_hostile_pictures(library) -> None:
    """Add pictures the library does not hold: a remote one and a local file."""
    article = library.articles.get(1).article
    extra = (Block(BlockKind.IMAGE, src="https://tracker.example/pixel.png", text="远程"),
             Block(BlockKind.IMAGE, src="file:///etc/secret.png", text="本地"))
    library.articles.save(replace(article, blocks=article.blocks + extra), source_id=1,
                         fetched_at=RETRIEVED)


def test_markdown_pictures_are_embedded_by_default(seeded, tmp_path):
    _with_hostile_pictures(seeded)
    exporter = ExportService(seeded)
    out = tmp_path / "out"
    out.mkdir()
    text = exporter.export(exporter.select_articles([1]), "md", out / "a.md").path \
        .read_text("utf-8")
    (uri,) = re.findall(r"!\[[^\]]*\]\(<(data:[^>]+)>\)", text)
    assert uri.startswith("data:image/png;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == tiny_png()
    assert not IMAGE_LINK.search(text) and not ANY_REMOTE.search(text)
    assert "[图 Image not saved: 远程]" in text and "[图 Image not saved: 本地]" in text
    assert sorted(p.name for p in out.iterdir()) == ["a.md"]


def test_markdown_pictures_in_a_folder_beside_the_file(seeded, tmp_path):
    _with_hostile_pictures(seeded)
    exporter = ExportService(seeded)
    options = ExportOptions(images=ImageMode.FOLDER)
    result = exporter.export(exporter.select_articles([1]), "md", tmp_path / "报道.md", options)
    folder = tmp_path / "报道_images"
    assert result.files == (tmp_path / "报道.md", folder / "001.png")
    assert (folder / "001.png").read_bytes() == tiny_png()
    text = result.path.read_text("utf-8")
    (link,) = re.findall(r"!\[[^\]]*\]\(<([^>]+)>\)", text)
    assert unquote(link) == "报道_images/001.png"
    assert not IMAGE_LINK.search(text) and not ANY_REMOTE.search(text)
    with pytest.raises(TargetExists) as info:  # a second export may not mix its pictures in
        exporter.export(exporter.select_articles([1]), "md", tmp_path / "报道.md",
                        ExportOptions(images=ImageMode.FOLDER, overwrite=False))
    assert info.value.path == tmp_path / "报道.md"


def test_markdown_text_only_has_no_picture_links(seeded, tmp_path):
    _with_hostile_pictures(seeded)
    exporter = ExportService(seeded)
    out = exporter.export(exporter.select_articles([1]), "md", tmp_path / "t.md",
                          ExportOptions(images=ImageMode.TEXT)).path
    text = out.read_text("utf-8")
    assert "![" not in text and "data:" not in text and not ANY_REMOTE.search(text)
    assert "[图 Image: 居民包粽子]" in text and "[图 Image: 远程]" in text


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "json", "docx"])
def test_hostile_title_and_note_reach_no_export(seeded, tmp_path, fmt):
    article = seeded.articles.get(1).article
    seeded.articles.save(replace(article, title=HOSTILE_TITLE, authors=("韩\x1b]0;x\x07惠",),
                                publisher="人民网\x9b2J"), source_id=1, fetched_at=RETRIEVED)
    assert seeded.articles.get(1).article.title == HOSTILE_TITLE  # kept as data in the library
    exporter = ExportService(seeded)
    out = exporter.export(exporter.select_articles([1]), fmt, tmp_path / f"x.{fmt}").path
    if fmt == "docx":
        d = docx.Document(str(out))
        text = "\n".join(p.text for p in d.paragraphs) + d.core_properties.title
    else:
        text = out.read_text("utf-8")
        if fmt == "json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
    assert "淮北新闻exe.txt" in text and "韩惠" in text and "人民网" in text
    assert not TERMINAL_BYTES.search(text.replace("\n", "").replace("\t", ""))
    assert "[2J" not in text and "pwned" not in text and "[31m" not in text


def test_a_non_pdf_export_never_loads_qt(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    with Library.open(data / "library.sqlite3") as lib:
        src = lib.sources.add(Source(None, "今日淮北", "http://www.morang.cn/"))
        lib.articles.save(seed_article(), source_id=src.id, raw=b"<html><p>x</p></html>",
                         fetched_at=RETRIEVED)
    formats = ["md", "html", "docx", "txt", "json", "warc"]
    code = (
        "import sys\n"
        "from huaibei_reader.cli.main import main\n"
        f"for fmt in {formats!r}:\n"
        f"    rc = main(['--data-dir', {str(data)!r}, 'export', '1', '--format', fmt,\n"
        f"               '-o', {str(tmp_path)!r} + '/out.' + fmt])\n"
        "    assert rc == 0, fmt\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6') or m == 'huaibei_reader.app.pdf'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2] / "src")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"
    assert sorted(p.name for p in tmp_path.glob("out.*")) == [
        "out.docx", "out.html", "out.json", "out.md", "out.txt", "out.warc"]
