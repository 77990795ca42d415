"""Real Chinese pages from ../shared/corpus: stored with their raw bytes, found by search,
re-extracted offline to the same result."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from huaibei_reader.errors import KnownError
from huaibei_reader.extract import extract_article as extract
from huaibei_reader.store import Library

pytestmark = pytest.mark.corpus


def _pages(shared_dir: Path, count: int) -> list[tuple[dict, bytes]]:
    folder = shared_dir / "corpus" / "cwced-zh"
    out = []
    with open(folder / "manifest.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                entry = json.loads(line)
                out.append((entry, gzip.decompress((folder / entry["file"]).read_bytes())))
            if len(out) == count:
                break
    return out


def test_real_pages_are_searchable_and_reextract_offline(shared_dir: Path,
                                                         library: Library) -> None:
    stored: dict[int, str] = {}
    raw: dict[int, bytes] = {}
    for entry, data in _pages(shared_dir, 12):
        url = entry.get("url") or f"http://corpus.example.cn/{entry['id']}.html"
        try:
            article = extract(data, url)
        except KnownError:
            continue
        saved = library.articles.save(article, source_id=None, raw=data,
                                      headers={"Content-Type": "text/html"})
        stored[saved.id] = article.text
        raw[saved.id] = data
    assert len(stored) >= 8
    for article_id, text in stored.items():
        line = max(text.splitlines(), key=len)
        phrase = line[len(line) // 2:len(line) // 2 + 6]
        if len(phrase.strip()) == 6:
            assert article_id in [h.id for h in library.search.find(phrase, limit=200)], phrase
        pair = line[:2]
        if pair.isalnum():
            assert article_id in [h.id for h in library.search.find(pair, limit=500)], pair
    assert library.versions.reextract(extract) == len(stored)
    assert all(library.versions.raw_page(aid).content == data for aid, data in raw.items())
    for article_id, text in stored.items():
        item = library.articles.get(article_id)
        assert item.version == 1 and item.article.text == text  # same bytes, same article
