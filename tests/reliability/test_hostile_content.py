"""Hostile pages, read all the way: refresh -> library -> reader pane, and export names.

Each page hides something: scripts and event handlers, javascript:/data:/file:/vbscript: links,
remote images, tracking pixels, style sheets, frames and media, CSS tricks, a refresh
redirect, a decompression-bomb image, bidi and zero-width characters in the title. After the
refresh stores them, the server's log is cleared, every article is shown in the reader pane
(pytest-qt, offscreen), and the log must stay empty: the pane requested nothing. Links only
leave the pane for http(s), and exported file names stay inside the chosen folder.
"""

from __future__ import annotations

import os
import re
import resource
import struct
import sys
import time
import zlib
from pathlib import Path

import pytest
from faultserver import KEY_SENTENCE, FaultServer
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImageReader
from reliakit import SRC, short_config

from huaibei_reader.app.reading_service import OpenedArticle, load_images
from huaibei_reader.app.refresh import refresh_sources
from huaibei_reader.export.filenames import output_path, safe_filename
from huaibei_reader.models import Source
from huaibei_reader.net import HttpClient
from huaibei_reader.store import Library
from huaibei_reader.ui.reader_view import ReaderPane

BIDI_AND_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]")
PROSE = "".join(f"<p>{KEY_SENTENCE}，第{i}段。居民们交流种菜经验，志愿者为老人测量血压，"
                f"孩子们在一旁画画，大家都说邻里关系更近了。</p>" for i in range(1, 7))
BOMB_SIDE = 20_000  # a 1-bit PNG of 20,000 x 20,000: a few KB, 1.6 GB once decoded to RGBA


def bomb_png(side: int = BOMB_SIDE) -> bytes:
    """A valid PNG, 1 bit per pixel, all black, whose decoded image is enormous."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
            + chunk(b"IEND", b""))


def hostile_pages(base: str) -> dict[str, str]:
    t = base.rstrip("/") + "/track"
    return {
        "/hostile/scripts.html": (
            f'<html><head><meta charset="utf-8"><title>脚本页面</title>'
            f'<script src="{t}/script.js"></script><script>fetch("{t}/inline");</script></head>'
            f'<body onload="fetch(\'{t}/onload\')"><div class="article"><h1>脚本页面</h1>'
            f'<p onclick="location=\'{t}/click\'" onmouseover="alert(1)">点我 {KEY_SENTENCE}</p>'
            f'<img src="x" onerror="fetch(\'{t}/onerror\')">{PROSE}'
            f'<svg onload="fetch(\'{t}/svg\')"><script>alert(2)</script></svg>'
            f'<noscript><img src="{t}/noscript.gif"></noscript></div></body></html>'),
        "/hostile/links.html": (
            f'<html><head><meta charset="utf-8"><title>链接页面</title></head><body>'
            f'<div class="article"><h1>链接页面</h1>{PROSE}'
            f'<p>看<a href="javascript:fetch(\'{t}/js\')">这里</a>、'
            f'<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">那里</a>、'
            f'<a href="file:///etc/passwd">文件</a>、<a href="vbscript:msgbox(1)">旧的</a>、'
            f'<a href="{base}ok/1.html">正常链接</a>。</p></div></body></html>'),
        "/hostile/remote.html": (
            f'<html><head><meta charset="utf-8"><title>远程资源页面</title>'
            f'<link rel="stylesheet" href="{t}/style.css"><link rel="prefetch" href="{t}/pf">'
            f'<meta http-equiv="refresh" content="0; url={t}/refresh">'
            f'<base href="{t}/base/"><style>@import url("{t}/import.css"); '
            f'body {{ background: url("{t}/bg.png") }}</style></head><body>'
            f'<div class="article"><h1>远程资源页面</h1>{PROSE}'
            f'<img src="{t}/pixel.gif" width="1" height="1" style="display:none">'
            f'<img srcset="{t}/a.jpg 1x, {t}/b.jpg 2x" src="{t}/photo.jpg" alt="照片">'
            f'<picture><source srcset="{t}/p.webp"><img src="{t}/p.jpg"></picture>'
            f'<iframe src="{t}/frame.html"></iframe><object data="{t}/obj"></object>'
            f'<embed src="{t}/embed"><video poster="{t}/poster.jpg" src="{t}/v.mp4"></video>'
            f'<audio src="{t}/a.mp3"></audio><svg><image href="{t}/svg.png"/></svg>'
            f'<div style="background-image:url({t}/div.png)">背景</div></div></body></html>'),
        "/hostile/css.html": (
            f'<html><head><meta charset="utf-8"><title>样式把戏</title>'
            f'<style>.x {{ display:none }}</style></head><body><div class="article">'
            f'<h1>样式把戏</h1>{PROSE}<p style="position:absolute;left:-9999px">'
            f'<a href="{t}/offscreen">离屏</a></p><p style="font-size:0">'
            f'<img src="{t}/zero.gif"></p></div></body></html>'),
        "/hostile/bomb.html": (
            f'<html><head><meta charset="utf-8"><title>大图页面</title></head><body>'
            f'<div class="article"><h1>大图页面</h1>{PROSE[:300]}'
            f'<p style="text-align:center"><img src="{base}img/bomb.png" alt="炸弹"></p>'
            f'<p>社区志愿者在活动现场合影</p>{PROSE}</div></body></html>'),
        "/hostile/bidi.html": (
            '<html><head><meta charset="utf-8"><title>\u202e甲乙.exe\u202c 新\u200b闻\u2066标题'
            '\u2069</title></head><body><div class="article"><h1>\u202egpj.exe\u202c 新\u200b闻'
            f'\u200d标题 ../../etc/passwd</h1>{PROSE}</div></body></html>'),
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("hostile")
    with FaultServer(good_articles=0) as site:
        site.pages.update({path: (html.encode("utf-8"), "text/html; charset=utf-8")
                           for path, html in hostile_pages(site.base_url).items()})
        site.pages["/img/bomb.png"] = (bomb_png(), "image/png")
        library = Library.open(folder / "library.sqlite3")
        source = library.sources.add(Source(None, "hostile", site.url("/"), kind="feed",
                                            feed_url=site.url("/feed.xml")))
        with HttpClient(short_config()) as client:
            (report,) = refresh_sources([source], library=library, client=client)
        yield {"site": site, "library": library, "report": report, "folder": folder}
        library.close()


def test_every_hostile_page_is_stored(hostile: dict) -> None:
    report = hostile["report"]
    assert report.error is None and not report.failed, report.failed
    assert report.new == len(hostile_pages(hostile["site"].base_url))


def test_stored_text_carries_no_active_content(hostile: dict) -> None:
    library: Library = hostile["library"]
    for item in library.articles.newest(limit=100):
        article = library.articles.get(item.id).article
        assert KEY_SENTENCE in article.text
        text = article.text.lower()
        for bad in ("<script", "fetch(", "onerror", "onload", "alert("):
            assert bad not in text, f"{article.title!r}: {bad}"
        for src in article.images:
            assert src.startswith(("http://", "https://")), src


def test_qt_caps_image_allocations() -> None:
    limit = QImageReader.allocationLimit()
    assert 0 < limit <= 512, f"QImageReader allocation limit {limit} MB"
    from PySide6.QtGui import QImage

    small = QImage()
    assert small.loadFromData(bomb_png(64))  # the bomb's format is valid: only its size is not
    assert small.width() == 64


@pytest.mark.qt_log_ignore("propagateSizeHints", "allocation limit")
def test_reader_pane_runs_and_requests_nothing(hostile: dict, qtbot) -> None:
    site: FaultServer = hostile["site"]
    library: Library = hostile["library"]
    pane = ReaderPane()
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    qtbot.waitExposed(pane)
    opened_links: list[str] = []
    pane.open_external.connect(opened_links.append)
    site.clear()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    shown = bombs_seen = 0
    for item in library.articles.newest(limit=100):
        full = library.articles.get(item.id)
        started = time.monotonic()
        images = load_images(library, full.article.images)  # the bomb is refused, not decoded
        assert time.monotonic() - started < 5
        bomb = site.url("/img/bomb.png")
        if bomb in full.article.images:
            assert library.images.get(bomb) is not None  # stored by the refresh...
            assert bomb not in images  # ...but never decoded into 1.6 GB
            bombs_seen += 1
        pane.show_article(OpenedArticle(full, images))
        pane.browser.verticalScrollBar().setValue(pane.browser.verticalScrollBar().maximum())
        pane.browser.viewport().repaint()
        html = pane.browser.toHtml().lower()
        for bad in ("<script", "javascript:", "vbscript:", "data:text", "file:", "onerror",
                    "onload", "<iframe", "<object", "<embed", "http-equiv"):
            assert bad not in html, f"{full.article.title!r} shows {bad}"
        for url in pane.browser.requests:  # what the document asked the pane for
            assert url in images or url in pane.browser.misses
        shown += 1
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert shown == len(hostile_pages(site.base_url)) and bombs_seen == 1
    assert site.paths() == [], f"the reader pane made requests: {site.paths()}"
    assert grown_mb < 300, f"memory peak grew {grown_mb:.0f} MB while showing the pages"
    # Clicks: only http(s) leaves the pane for the system browser.
    for link in ("javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd",
                 "vbscript:msgbox(1)", "ftp://127.0.0.1/x"):
        pane.browser.anchorClicked.emit(QUrl(link))
    pane.browser.anchorClicked.emit(QUrl(site.url("/ok/1.html")))
    assert opened_links == [site.url("/ok/1.html")]
    assert site.paths() == []  # emitting the click opens a browser, not a request of ours


@pytest.mark.parametrize("title", [
    "\u202egpj.exe\u202c 新\u200b闻", "../../etc/passwd", "..\\..\\windows\\system32",
    "/etc/passwd", "CON", "aux.txt", "a" * 400, "新闻" * 200, ".", "..", "", " ",
    "x\x00y", "line\nbreak", "tab\tname", "C:\\evil", "~/.bashrc", "名字:冒号*星?问\"<>|",
])
def test_export_names_stay_inside_the_folder(tmp_path: Path, title: str) -> None:
    name = safe_filename(title, "md")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not BIDI_AND_INVISIBLE.search(name)
    assert name not in (".", "..") and name.strip()
    assert len(name.encode("utf-8")) <= 255
    path = output_path(tmp_path, title, "md")
    assert path.resolve().parent == tmp_path.resolve()
    path.write_text("x", encoding="utf-8")  # a name the file system takes
    assert path.exists()


def test_cli_export_of_hostile_titles_stays_in_the_folder(hostile: dict) -> None:
    import subprocess

    library: Library = hostile["library"]
    ids = [str(item.id) for item in library.articles.newest(limit=100)]
    out = hostile["folder"] / "export"
    out.mkdir()
    data_dir = hostile["folder"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    ran = subprocess.run([sys.executable, "-m", "huaibei_reader", "--data-dir", str(data_dir),
                          "export", *ids, "--format", "md", "-o", str(out)],
                         capture_output=True, text=True, env=env, timeout=60)
    assert ran.returncode == 0, ran.stderr[-500:]
    made = list(hostile["folder"].rglob("*.md"))
    assert made and all(p.parent == out for p in made)
    assert not any(BIDI_AND_INVISIBLE.search(p.name) for p in made)
