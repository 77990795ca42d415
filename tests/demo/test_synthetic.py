"""Large synthetic editions for benchmarks: same shape, distinct articles, reproducible."""

from __future__ import annotations

import re
from pathlib import Path

import requests

from huaibei_reader.demo import SampleEditionServer, load_manifest
from huaibei_reader.demo.edition.synthetic import main, synthetic_articles, write_synthetic_edition


def test_articles_are_distinct_newest_first_and_reproducible():
    articles = synthetic_articles(60)
    assert len({a.path for a in articles}) == 60
    assert len({a.paragraphs[0] for a in articles}) == 60
    published = [a.published for a in articles]
    assert published == sorted(published, reverse=True)
    assert synthetic_articles(60) == articles
    assert synthetic_articles(60, seed=7) != articles


def test_written_edition_is_served_and_paginated(tmp_path: Path):
    root = write_synthetic_edition(tmp_path / "big", 45, page_size=10)
    manifest = load_manifest(root)
    assert len(manifest.articles) == 45
    channel = manifest.raw["channels"][0]
    assert len(channel["pages"]) == 3  # 23 articles, 10 a page
    with SampleEditionServer(root) as server:
        listed = []
        for page in channel["pages"]:
            html = requests.get(server.url(page["path"]), timeout=5).text
            listed += [p for p in dict.fromkeys(re.findall(r'href="(/news/[^"]+)"', html))
                       if p in page["listed"]]
        assert listed == channel["articles"]
        entry = manifest.articles[-1]
        page = requests.get(server.url(entry.path), timeout=5).text
        assert entry.first_paragraph in page and entry.title in page
        for phrase in entry.must_not_contain:
            assert phrase not in entry.text


def test_command_line_refuses_nonsense(tmp_path: Path, capsys):
    assert main([str(tmp_path / "x"), "--count", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err
    assert main([str(tmp_path / "y"), "--count", "4", "--page-size", "2"]) == 0
    assert (tmp_path / "y" / "list" / "shehui" / "index.html").is_file()
