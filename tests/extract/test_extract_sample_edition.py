"""The bundled sample edition (shaped like 今日淮北): every article extracts exactly.

The edition's manifest says what each page must give: title, time, publisher, reporters,
view count, first and last paragraph, lists and images, phrases that must be in the text and
furniture that must not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huaibei_reader.extract import extract_article
from huaibei_reader.models import BlockKind
from huaibei_reader.paths import sample_edition_dir

BASE = "http://sample-edition.invalid"


def _manifest() -> dict:
    path = sample_edition_dir() / "manifest.json"
    if not path.is_file():
        pytest.skip("the sample edition is not bundled in this checkout")
    return json.loads(path.read_text(encoding="utf-8"))


def _articles() -> list[dict]:
    try:
        return _manifest()["articles"]
    except BaseException:  # collected before skip is possible
        return []


def _extract(entry: dict):
    path = sample_edition_dir() / entry["path"].lstrip("/")
    return extract_article(Path(path).read_bytes(), BASE + entry["path"],
                           http_charset=entry.get("http_charset"))


@pytest.mark.parametrize("entry", _articles(), ids=lambda e: e["path"])
def test_article_fields(entry: dict) -> None:
    a = _extract(entry)
    assert a.title == entry["title"]
    assert a.published is not None and a.published.isoformat() == entry["published_iso"]
    assert a.publisher == entry["publisher"]
    assert list(a.authors) == entry["authors"]
    assert a.view_count == entry["view_count"]


@pytest.mark.parametrize("entry", _articles(), ids=lambda e: e["path"])
def test_article_body(entry: dict) -> None:
    a = _extract(entry)
    texts = [b.plain() for b in a.blocks if b.kind is not BlockKind.IMAGE]
    assert texts[0] == entry["first_paragraph"]
    assert texts[-1] == entry["last_paragraph"]
    text = a.text
    for phrase in entry["must_contain"]:
        assert phrase in text
    for phrase in entry["must_not_contain"]:
        assert phrase not in text, phrase
    lists = [b for b in a.blocks if b.kind is BlockKind.LIST]
    assert [{"ordered": b.ordered, "items": list(b.items)} for b in lists] == [
        {"ordered": x["ordered"], "items": x["items"]} for x in entry["lists"]]
    images = [b for b in a.blocks if b.kind is BlockKind.IMAGE]
    assert [(b.src, b.alt, b.text) for b in images] == [
        (BASE + x["src"], x["alt"], x["caption"]) for x in entry["images"]]


def test_the_captured_seed_article() -> None:
    entry = next(e for e in _manifest()["articles"] if e.get("captured"))
    a = _extract(entry)
    assert a.title == "淮北相山区:“三社联动”打造“熟人社区”"
    assert a.published is not None and a.published.isoformat() == "2022-10-01T13:39:07+08:00"
    assert a.publisher == "人民网-安徽频道"
    assert a.authors == ("韩惠", "胡文静")
    assert a.text.startswith("端午前夕,自然少不了粽子的“身影”。")
    assert a.text.endswith("共同打造和谐温馨家园。")
    assert a.text.count("端午前夕") == 1
    for leak in ("相关资讯", "友情链接", "十年转型路", "宝宝起名网", "版权所有", "morang.cn"):
        assert leak not in a.text


def test_gbk_pages_read_from_bytes_alone() -> None:
    manifest = _manifest()
    gbk = [e for e in manifest["articles"] if e["encoding"] != "utf-8"]
    assert gbk, "the edition should carry at least one GBK page"
    for entry in gbk:
        data = (sample_edition_dir() / entry["path"].lstrip("/")).read_bytes()
        a = extract_article(data, BASE + entry["path"])  # no HTTP charset: the page must say
        assert a.title == entry["title"]
        assert entry["first_paragraph"] in a.text
