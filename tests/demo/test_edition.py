"""The sample edition's files: consistent with the manifest, the generator and the seed."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import feedparser
import pytest

from huaibei_reader.demo import EditionManifest, default_edition_dir
from huaibei_reader.demo.edition import build

EDITION = default_edition_dir()
SEED_FILE = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / \
    "jinri-huaibei-article.txt"


def _html(manifest: EditionManifest, path: str) -> str:
    data = (EDITION / path.lstrip("/")).read_bytes()
    entry = next((a for a in manifest.articles if a.path == path), None)
    return data.decode("gb18030" if entry and entry.encoding == "gbk" else "utf-8")


def _visible_text(html: str) -> str:
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", html)
    text = re.sub(r"(?s)<[^>]+>", "", html)
    return text.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")


def test_committed_files_match_the_generator():
    problems = build.differences(EDITION, build.build())
    assert problems == [], "run: python -m huaibei_reader.demo.edition.build"


def test_shape_of_the_edition(manifest: EditionManifest):
    assert len(manifest.articles) >= 12
    assert sum(a.captured for a in manifest.articles) == 1
    channels = manifest.raw["channels"]
    assert len(channels) == 2
    for channel in channels:
        assert len(channel["pages"]) >= 2
    assert len([a for a in manifest.articles if a.images]) >= 3
    assert any(a.raw["lists"] for a in manifest.articles)
    assert any(a.raw["tables"] for a in manifest.articles)
    assert any(a.raw["headings"] for a in manifest.articles)
    assert any(a.raw["quotes"] for a in manifest.articles)
    assert any("通讯员" in a.raw["byline"] for a in manifest.articles)
    assert len({a.publisher for a in manifest.articles}) >= 4
    published = [a.published for a in manifest.articles]
    assert published == sorted(published, reverse=True)
    assert len(set(published)) == len(published)  # newest-first order is unambiguous


def test_seed_entry_is_the_captured_article(manifest: EditionManifest):
    seed = manifest.seed
    assert seed.title == "淮北相山区:“三社联动”打造“熟人社区”"
    assert seed.raw["published"] == "2022-10-01 13:39:07"
    assert seed.published.isoformat() == "2022-10-01T13:39:07+08:00"
    assert seed.publisher == "人民网-安徽频道"
    assert seed.authors == ("韩惠", "胡文静")
    assert seed.view_count == 8680
    assert seed.first_paragraph.startswith("端午前夕,自然少不了粽子的“身影”。")
    assert seed.last_paragraph.endswith("共同打造和谐温馨家园。")


@pytest.mark.corpus
def test_seed_page_holds_the_capture_verbatim(manifest: EditionManifest):
    if not SEED_FILE.is_file():
        pytest.skip(f"{SEED_FILE} is not beside this checkout (only in the team workplace)")
    lines = [ln for ln in SEED_FILE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    seed = manifest.seed
    page = _visible_text(_html(manifest, seed.path))
    assert lines[0] == seed.title
    assert lines[1] == f"时间:{seed.raw['published']} | 浏览:{seed.view_count}"
    assert lines[1] in page
    assert lines[2] == seed.raw["teaser"]
    body_lines = lines[4:9]
    assert list(seed.paragraphs[:-1]) == body_lines[:-1]
    assert body_lines[-1] == seed.last_paragraph + " (韩惠 胡文静)"
    for line in lines:
        if line.startswith("今日淮北 morang.cn"):
            assert line.replace("©", "&copy;") in _html(manifest, seed.path)
        else:
            assert line in page, line


def test_every_listed_page_exists_and_holds_its_phrases(manifest: EditionManifest):
    for entry in manifest.articles:
        html = _html(manifest, entry.path)
        text = _visible_text(html)
        assert f"<title>{entry.title}_" in html
        assert f"时间:{entry.raw['published']} | 浏览:" in text
        assert entry.publisher in text
        for phrase in (entry.first_paragraph, entry.last_paragraph, *entry.must_contain):
            assert phrase in text, (entry.path, phrase)
        # The traps are on the page (so the test of an extractor means something) ...
        for phrase in entry.must_not_contain:
            assert phrase in text, (entry.path, phrase)
        # ... but never inside the story itself.
        for phrase in entry.must_not_contain:
            assert phrase not in entry.text, (entry.path, phrase)
        # The summary box repeats the opening: the page holds it twice, the story once.
        for phrase in entry.occurs_once:
            assert text.count(phrase) == 2, (entry.path, phrase)
            assert entry.text.count(phrase) == 1
        for name in entry.authors:
            assert name in text
        for src in entry.images:
            assert (EDITION / src.lstrip("/")).is_file()


def test_every_page_says_it_is_sample_content(manifest: EditionManifest):
    pages = list(EDITION.rglob("*.html"))
    assert len(pages) >= len(manifest.articles) + 7
    for page in pages:
        rel = "/" + page.relative_to(EDITION).as_posix()
        assert "示例内容" in _html(manifest, rel), rel


def test_gbk_pages_are_really_gbk(manifest: EditionManifest):
    assert len(manifest.gbk_pages) >= 1
    for path in manifest.gbk_pages:
        data = (EDITION / path.lstrip("/")).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        text = data.decode("gbk")
        entry = manifest.article(path)
        assert entry.title in text and entry.first_paragraph in _visible_text(text)
        head = text[:600].lower()
        assert f"charset={entry.raw['meta_charset']}" in head or \
            f'charset="{entry.raw["meta_charset"]}"' in head


def test_gb2312_labelled_page_needs_gb18030(manifest: EditionManifest):
    labelled = [a for a in manifest.articles if a.raw["meta_charset"] == "gb2312"]
    assert labelled and labelled[0].http_charset is None
    data = (EDITION / labelled[0].path.lstrip("/")).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")
    assert "刘喆" in data.decode("gb18030")


def test_server_config_names_the_gbk_charsets(manifest: EditionManifest):
    config = json.loads((EDITION / "_server.json").read_text(encoding="utf-8"))
    types = config["content_types"]
    for path in manifest.gbk_pages:
        entry = manifest.article(path)
        expected = f"text/html; charset={entry.http_charset}" if entry.http_charset else None
        assert types[path] == expected


def test_list_pages_paginate_and_list_their_articles(manifest: EditionManifest):
    for channel in manifest.raw["channels"]:
        listed = []
        for number, page in enumerate(channel["pages"], 1):
            html = _html(manifest, page["path"])
            links = manifest.raw["article_links"][page["path"]]
            for path in page["listed"]:
                assert path in links
            listed += page["listed"]
            if page["next"]:
                name = page["next"].rsplit("/", 1)[1]
                assert f'<a href="{name}">下一页</a>' in html
                assert f'<a href="{name}">{number + 1}</a>' in html
            else:
                assert '<span class="disabled">下一页</span>' in html
        assert listed == channel["articles"]


def test_internal_links_resolve(manifest: EditionManifest):
    """Every link of the home and list pages leads to a file of the edition."""
    for path in (manifest.home, *manifest.list_pages):
        html = _html(manifest, path)
        base = path.rsplit("/", 1)[0] + "/"
        for href in re.findall(r'(?:href|src)="([^"#]+)"', html):
            if href.startswith(("http:", "https:", "javascript:")):
                continue
            target = href if href.startswith("/") else base + href
            target = target if not target.endswith("/") else target + "index.html"
            assert (EDITION / target.lstrip("/")).is_file(), (path, href)


def test_relative_image_src_resolves_to_the_manifest_image(manifest: EditionManifest):
    for entry in manifest.articles:
        html = _html(manifest, entry.path)
        for image in entry.raw["images"]:
            name = image["src"].rsplit("/", 1)[1]
            src = re.search(r'<img src="([^"]*' + re.escape(name) + ')"', html).group(1)
            if not src.startswith("/"):
                folder = entry.path.rsplit("/", 1)[0].split("/")
                for part in src.split("/"):
                    folder = folder[:-1] if part == ".." else [*folder, part]
                src = "/".join(folder)
            assert src == image["src"]


def test_images_are_valid_png():
    images = list((EDITION / "uploads").rglob("*.png")) + list(EDITION.glob("static/images/*"))
    assert len(images) >= 5
    for image in images:
        data = image.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        pos, chunks = 8, []
        while pos < len(data):
            length = int.from_bytes(data[pos:pos + 4], "big")
            kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
            crc = int.from_bytes(data[pos + 8 + length:pos + 12 + length], "big")
            assert zlib.crc32(kind + body) == crc
            chunks.append((kind, body))
            pos += 12 + length
        assert [k for k, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
        width = int.from_bytes(chunks[0][1][:4], "big")
        height = int.from_bytes(chunks[0][1][4:8], "big")
        assert len(zlib.decompress(chunks[1][1])) == height * (1 + 3 * width)


def test_feed_lists_every_article_newest_first(manifest: EditionManifest):
    feed = feedparser.parse((EDITION / "feed.xml").read_bytes())
    assert not feed.bozo
    links = [e.link.replace("http://sample-edition.invalid", "") for e in feed.entries]
    assert links == [a.path for a in manifest.articles]
    assert feed.entries[0].title == manifest.articles[0].title
    home = _html(manifest, manifest.home)
    assert re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]*href="/feed.xml"',
                     home)


def test_readme_documents_every_article_and_the_gbk_pages(manifest: EditionManifest):
    readme = (EDITION / "README.md").read_text(encoding="utf-8")
    for entry in manifest.articles:
        assert f"`{entry.path}`" in readme
    for path in manifest.gbk_pages:
        assert f"`{path}`" in readme


ENTRY_KEYS = {
    "path", "title", "published", "published_iso", "publisher", "site_name", "authors",
    "byline", "editor", "view_count", "channel", "channel_name", "captured", "encoding",
    "meta_charset", "http_charset", "first_paragraph", "last_paragraph", "paragraphs", "text",
    "images", "lists", "tables", "headings", "quotes", "must_contain", "must_not_contain",
    "occurs_once", "teaser",
}
TOP_KEYS = {
    "name", "site_name", "note", "timezone", "home", "feed", "robots_disallow", "channels",
    "non_articles", "article_links", "dead_links", "gbk_pages", "images", "articles",
}


def test_manifest_keeps_its_documented_keys(manifest: EditionManifest):
    """Other layers' tests read these keys: removing one is a contract change."""
    assert set(manifest.raw) >= TOP_KEYS
    readme = (EDITION / "README.md").read_text(encoding="utf-8")
    for entry in manifest.raw["articles"]:
        assert set(entry) >= ENTRY_KEYS, ENTRY_KEYS - set(entry)
    for key in ENTRY_KEYS - {"teaser", "site_name", "byline", "editor", "channel",
                             "channel_name", "captured"}:
        assert f"`{key}`" in readme, key
