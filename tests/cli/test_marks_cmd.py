"""`bookmark`, `unbookmark`, `clip`, `cite`, `export` through the real command line and library."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from warcio.archiveiterator import ArchiveIterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))
from export_seed import (
    IMAGE_URL,
    PARAGRAPHS,
    RETRIEVED,
    SEED_TITLE,
    SEED_URL,
    seed_article,
    tiny_png,
)

from huaibei_reader.app.services import LIBRARY_FILE
from huaibei_reader.cli.main import main
from huaibei_reader.models import Source
from huaibei_reader.store import Library

RAW = ("<html><head><meta charset=gbk><title>淮北</title></head><body><p>"
       + PARAGRAPHS[1] + "</p></body></html>").encode("gbk")
GBT = ("韩惠, 胡文静. 淮北相山区:“三社联动”打造“熟人社区”[EB/OL]. "
       f"(2022-10-01)[2026-11-28]. {SEED_URL}.")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    with Library.open(folder / LIBRARY_FILE) as lib:
        src = lib.sources.add(Source(None, "今日淮北", "http://www.morang.cn/"))
        lib.articles.save(seed_article(), source_id=src.id, raw=RAW,
                          headers={"Content-Type": "text/html; charset=gbk",
                                  "Content-Encoding": "gzip"}, fetched_at=RETRIEVED)
        other = replace(seed_article(), url="http://www.morang.cn/news/other.html",
                        title="../../etc/passwd")
        lib.articles.save(other, source_id=src.id, fetched_at=RETRIEVED)
        lib.images.save(IMAGE_URL, tiny_png(), "image/png")
    return folder


def run(capsys, data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _library(data_dir: Path) -> Library:
    return Library.open(data_dir / LIBRARY_FILE)


def test_cite_prints_gbt7714_by_default_and_other_styles(capsys, data_dir):
    code, out, err = run(capsys, data_dir, "cite", "1")
    assert (code, out, err) == (0, GBT + "\n", "")
    code, out, _ = run(capsys, data_dir, "cite", "1", "--style", "apa")
    assert code == 0 and out.startswith("韩惠, & 胡文静. (2022, October 1). ")
    code, out, _ = run(capsys, data_dir, "cite", "1", "--style", "chicago")
    assert code == 0 and "Accessed November 28, 2026." in out


def test_unknown_id_is_one_line_error(capsys, data_dir):
    code, out, err = run(capsys, data_dir, "cite", "99")
    assert code == 1 and out == "" and err.startswith("huaibei-reader: ") and "99" in err


def test_bookmark_and_unbookmark(capsys, data_dir):
    code, out, _ = run(capsys, data_dir, "bookmark", "1", "--note", "跟进采访", "--tag", "社区",
                       "--tag", "相山区,社区")
    assert code == 0 and SEED_TITLE in out
    with _library(data_dir) as lib:
        (mark,) = lib.marks.bookmarks()
        assert (mark.article_id, mark.note, mark.tags) == (1, "跟进采访", ("社区", "相山区"))
    code, out, _ = run(capsys, data_dir, "unbookmark", "1")
    assert code == 0 and out.startswith("bookmark removed from 1: ")
    with _library(data_dir) as lib:
        assert lib.marks.bookmarks() == []
    # Not bookmarked (any more): said so, exit 0 (the state asked for holds); unknown: exit 1.
    code, out, err = run(capsys, data_dir, "unbookmark", "1")
    assert (code, err) == (0, "")
    assert out == f"article 1 is not bookmarked; nothing to remove: {SEED_TITLE}\n"
    code, out, err = run(capsys, data_dir, "unbookmark", "99")
    assert (code, out) == (1, "") and "no article with id 99" in err


def test_clip_saves_quote_with_citation_and_refuses_foreign_quote(capsys, data_dir):
    code, out, _ = run(capsys, data_dir, "clip", "1", "--quote", "真正成为社区“一家人”",
                       "--note", "导语", "--tag", "社区")
    assert code == 0 and GBT in out
    with _library(data_dir) as lib:
        (clip,) = lib.marks.clippings()
        assert clip.quote == "真正成为社区“一家人”" and clip.article_version == 1
        assert clip.citation.publisher == "人民网-安徽频道"
        assert clip.citation.retrieved_at == RETRIEVED
    code, _, err = run(capsys, data_dir, "clip", "1", "--quote", "文中没有这句话")
    assert code == 1 and "not in the text" in err


def test_export_markdown_of_one_article_holds_notes_and_clippings(capsys, data_dir, tmp_path):
    run(capsys, data_dir, "bookmark", "1", "--note", "跟进采访", "--tag", "社区")
    run(capsys, data_dir, "clip", "1", "--quote", "真正成为社区“一家人”", "--note", "导语")
    target = tmp_path / "out.md"
    code, out, err = run(capsys, data_dir, "export", "1", "--format", "md", "-o", str(target))
    assert code == 0 and out.strip() == str(target)
    text = target.read_text("utf-8")
    meta = yaml.safe_load(text[4:text.index("\n---\n", 4)])
    assert meta["citation"] == GBT and meta["note"] == "跟进采访" and meta["tags"] == ["社区"]
    assert meta["clippings"][0]["note"] == "导语"
    # An existing file is refused unless --overwrite.
    code, _, err = run(capsys, data_dir, "export", "1", "--format", "md", "-o", str(target))
    assert code == 1
    assert err == f"huaibei-reader: {target} already exists; use --overwrite to replace it\n"
    assert run(capsys, data_dir, "export", "1", "--format", "md", "-o", str(target),
               "--overwrite")[0] == 0


def test_export_onto_a_read_only_file_system_is_one_line(capsys, data_dir, tmp_path,
                                                         monkeypatch):
    import errno
    import os

    def read_only(*args, **kwargs):  # creating and removing files: what a read-only mount says
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setattr(os, "unlink", read_only)
    target = tmp_path / "out.md"
    code, out, err = run(capsys, data_dir, "export", "1", "--format", "md", "-o", str(target))
    monkeypatch.undo()
    assert (code, out) == (1, "")
    assert err == (f"huaibei-reader: cannot write {target}: {tmp_path} is on a read-only file "
                   "system\n")


def test_export_markdown_pictures_option(capsys, data_dir, tmp_path):
    for mode, pictures in (("embed", []), ("folder", ["001.png"]), ("text", [])):
        target = tmp_path / f"{mode}.md"
        code, _out, err = run(capsys, data_dir, "export", "1", "--format", "md", "--images",
                             mode, "-o", str(target))
        assert code == 0, err
        text = target.read_text("utf-8")
        assert ("data:image/png;base64," in text) == (mode == "embed")
        assert ("](<folder_images/001.png>)" in text) == (mode == "folder")
        assert IMAGE_URL not in text.split("\n---\n", 1)[1]  # never the web address
        folder = tmp_path / f"{mode}_images"
        assert sorted(p.name for p in folder.iterdir()) == pictures if pictures \
            else not folder.exists()


def test_export_into_a_folder_uses_a_safe_name(capsys, data_dir, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    code, out, _ = run(capsys, data_dir, "export", "2", "--format", "html", "-o", str(folder))
    written = Path(out.strip())
    assert code == 0 and written.parent == folder and written.name == "etc_passwd.html"
    assert written.exists() and "data:image/png;base64," in written.read_text("utf-8")


def test_export_bookmarks_and_clippings_of_a_tag_as_json(capsys, data_dir, tmp_path):
    run(capsys, data_dir, "bookmark", "1", "--tag", "社区")
    run(capsys, data_dir, "bookmark", "2")
    run(capsys, data_dir, "clip", "1", "--quote", "真正成为社区“一家人”", "--tag", "社区")
    run(capsys, data_dir, "clip", "1", "--quote", "有机融合", "--tag", "其他")
    out = tmp_path / "b.json"
    assert run(capsys, data_dir, "export", "--bookmarks", "--format", "json", "-o",
               str(out))[0] == 0
    assert [a["id"] for a in json.loads(out.read_text("utf-8"))["articles"]] == [2, 1]
    out = tmp_path / "c.json"
    assert run(capsys, data_dir, "export", "--clippings", "--tag", "社区", "--format", "json",
               "-o", str(out))[0] == 0
    (art,) = json.loads(out.read_text("utf-8"))["articles"]
    assert [c["quote"] for c in art["clippings"]] == ["真正成为社区“一家人”"]
    assert "text" not in art  # a clippings export carries quotes, not whole articles


def test_export_flags_a_clipping_whose_quote_was_edited_away(capsys, data_dir, tmp_path):
    run(capsys, data_dir, "clip", "1", "--quote", "真正成为社区“一家人”")
    with _library(data_dir) as lib:
        edited = seed_article(paragraphs=(PARAGRAPHS[0], PARAGRAPHS[2]))
        assert lib.articles.save(edited, source_id=1).status == "updated"
    out = tmp_path / "c.md"
    code, _, err = run(capsys, data_dir, "export", "--clippings", "--format", "md", "-o",
                       str(out))
    assert code == 0 and "no longer in the current" in err
    text = out.read_text("utf-8")
    meta = yaml.safe_load(text[4:text.index("\n---\n", 4)])
    assert meta["clippings"][0]["quote_missing_from_current_text"] is True


def test_export_warc_and_evidence_zip(capsys, data_dir, tmp_path, qapp):
    out = tmp_path / "e.warc.gz"
    assert run(capsys, data_dir, "export", "1", "--format", "warc", "-o", str(out))[0] == 0
    records = [(r.rec_type, r.content_stream().read())
               for r in ArchiveIterator(out.open("rb"), check_digests="raise")]
    assert ("response", RAW) in records
    bundle = tmp_path / "evidence.zip"
    code, _, err = run(capsys, data_dir, "export", "1", "--format", "warc", "-o", str(bundle))
    assert code == 0, err
    with zipfile.ZipFile(bundle) as zf:
        names = sorted(zf.namelist())
        assert names[0] == "SHA256SUMS" and any(n.endswith(".pdf") for n in names)
        warc = next(n for n in names if n.endswith(".warc.gz"))
        body = [r.content_stream().read() for r in
                ArchiveIterator(io.BytesIO(zf.read(warc)), check_digests="raise")
                if r.rec_type == "response"]
        assert body == [RAW]


def test_export_warc_without_raw_page_is_a_known_error(capsys, data_dir, tmp_path):
    code, _, err = run(capsys, data_dir, "export", "2", "--format", "warc", "-o",
                       str(tmp_path / "x.warc.gz"))
    assert code == 1 and "no stored page" in err


def test_export_needs_exactly_one_selection(capsys, data_dir, tmp_path):
    code, _, err = run(capsys, data_dir, "export", "1", "--bookmarks", "--format", "md", "-o",
                       str(tmp_path / "x.md"))
    assert code == 1 and "exactly one" in err
    code, _, err = run(capsys, data_dir, "export", "--bookmarks", "--format", "md", "-o",
                       str(tmp_path / "x.md"))
    assert code == 1 and "no bookmarks" in err


def test_pdf_export_from_a_headless_process(data_dir, tmp_path):
    """No display and no Qt application: app.pdf starts an offscreen one by itself."""
    import os
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    src = Path(__file__).resolve().parents[2] / "src"
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(src)
    out = tmp_path / "seed.pdf"
    proc = subprocess.run([sys.executable, "-m", "huaibei_reader", "--data-dir", str(data_dir),
                           "export", "1", "--format", "pdf", "-o", str(out)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                          text=True).stdout
    assert "人民网-安徽频道" in text and "".join(PARAGRAPHS[0][:20].split()) in text
