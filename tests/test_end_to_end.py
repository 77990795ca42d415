"""The whole product headless: sample edition on loopback -> refresh -> library -> list/show.

Real parts only: the loopback server, the HTTP client, discovery, extraction and the SQLite
library, driven through the command line as a script would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.edition import EditionServer
from support.local import allow_local_sources

from huaibei_reader.app.services import LIBRARY_FILE
from huaibei_reader.cli.main import main
from huaibei_reader.demo.manifest import load_manifest
from huaibei_reader.store import Library

MANIFEST = load_manifest()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def edition():
    with EditionServer() as server:
        yield server


@pytest.fixture()
def refreshed(tmp_path: Path, edition: EditionServer, capsys) -> Path:
    data = str(tmp_path / "data")
    allow_local_sources(tmp_path / "data")  # the sample edition is served on 127.0.0.1
    code, _, err = _run(capsys, "--data-dir", data, "sources", "add", edition.base_url,
                        "--name", "今日淮北(示例)")
    assert code == 0, err
    code, _, err = _run(capsys, "--data-dir", data, "refresh")
    assert code == 0, err
    with Library.open(Path(data) / LIBRARY_FILE) as library:
        assert library.search.pending() == 0  # the command indexed what it saved
    return Path(data)


def _listing(capsys, data: Path) -> list[dict]:
    code, out, err = _run(capsys, "--data-dir", str(data), "list", "--limit", "100", "--json")
    assert code == 0, err
    return json.loads(out)


def test_refresh_lists_every_article_newest_first(refreshed: Path, capsys) -> None:
    rows = _listing(capsys, refreshed)
    assert sorted(r["title"] for r in rows) == sorted(a.title for a in MANIFEST.articles)
    published = [r["published"] for r in rows]
    assert published == sorted(published, reverse=True)
    assert all(r["source"] == "今日淮北(示例)" for r in rows)


def test_seed_article_reads_clean(refreshed: Path, capsys) -> None:
    seed = MANIFEST.seed
    row = next(r for r in _listing(capsys, refreshed) if r["url"].endswith(seed.path))
    code, out, err = _run(capsys, "--data-dir", str(refreshed), "show", str(row["id"]),
                          "--format", "json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["title"] == "淮北相山区:“三社联动”打造“熟人社区”"
    assert shown["published"].startswith("2022-10-01T13:39:07+08:00")
    assert shown["publisher"] == "人民网-安徽频道"  # the original publisher, not the site
    assert shown["author"] == "韩惠 胡文静"
    text: str = shown["text"]
    paragraphs = text.split("\n")
    assert paragraphs[0] == seed.first_paragraph
    assert paragraphs[-1].rstrip() == seed.last_paragraph.rstrip()
    assert text.count("端午前夕,自然少不了粽子的“身影”") == 1  # the teaser repeat is gone
    for phrase in ("相关资讯", "友情链接", "今日淮北 morang.cn", "宝宝起名网",
                   "十年转型路步伐更坚实", *seed.must_not_contain):
        assert phrase not in text, phrase


def test_gbk_page_reads_right_over_http(refreshed: Path, capsys) -> None:
    path = MANIFEST.gbk_pages[0]
    expected = MANIFEST.article(path)
    row = next(r for r in _listing(capsys, refreshed) if r["url"].endswith(path))
    code, out, err = _run(capsys, "--data-dir", str(refreshed), "show", str(row["id"]),
                          "--format", "json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["title"] == expected.title
    assert expected.first_paragraph in shown["text"]
    assert "\ufffd" not in shown["text"]


def test_gbk_page_reads_right_from_the_file(capsys) -> None:
    path = MANIFEST.gbk_pages[0]
    expected = MANIFEST.article(path)
    page = MANIFEST.root / path.lstrip("/")
    assert page.read_bytes().decode("gb18030")  # really GB bytes on disk...
    with pytest.raises(UnicodeDecodeError):
        page.read_bytes().decode("utf-8")  # ...that UTF-8 would garble
    code, out, err = _run(capsys, "extract", str(page), "--format", "jsonl")
    assert code == 0, err
    obj = json.loads(out.splitlines()[0])
    assert obj["title"] == expected.title
    assert obj["text"].split("\n")[0] == expected.first_paragraph


def test_second_refresh_downloads_no_article_again(refreshed: Path,
                                                   edition: EditionServer, capsys) -> None:
    edition.clear_requests()
    code, _, err = _run(capsys, "--data-dir", str(refreshed), "refresh", "--json")
    assert code == 0, err
    fetched_fully = [r for r in edition.requests
                     if r.path.startswith("/news/") and r.status == 200]
    assert fetched_fully == []
