"""The bundled 今日淮北-shaped sample edition is discovered fully, with no site rules at all
and with the 今日淮北 rules, over real HTTP from the loopback edition server."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from support.local import allow_local_sources

from huaibei_reader import demo
from huaibei_reader.sources.discover import discover
from huaibei_reader.sources.siterules import load_site_rules

REPO = Path(__file__).resolve().parents[2]



@pytest.fixture(scope="module")
def edition():
    manifest = demo.load_manifest()  # bundled: missing is a failure, not a skip
    server = demo.SampleEditionServer()
    server.start()
    yield manifest, server
    server.stop()


MORANG = load_site_rules(REPO / "resources" / "sites")["morang"].discovery


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


@pytest.mark.parametrize("rules", [None, MORANG], ids=["no-rules", "morang-rules"])
def test_every_page_gives_exactly_its_article_links(edition, rules):
    manifest, server = edition
    expected_pages = manifest.raw["article_links"]
    assert expected_pages, "the manifest lists the article links of its pages"
    for path, expected in expected_pages.items():
        found = discover(fetch(server.url(path)), server.url(path), rules=rules)
        assert found.articles == [server.url(p) for p in expected], path


@pytest.mark.parametrize("rules", [None, MORANG], ids=["no-rules", "morang-rules"])
def test_pagination_walks_each_channel_to_its_end(edition, rules):
    """Following the first next link from a channel's first page reaches every article of
    the channel, and the last page offers no further page."""
    manifest, server = edition
    for channel in manifest.raw["channels"]:
        url, seen, found_articles = server.url(channel["pages"][0]["path"]), [], []
        while url and url not in seen and len(seen) < 10:
            seen.append(url)
            page = discover(fetch(url), url, rules=rules)
            found_articles += [a for a in page.articles if a not in found_articles]
            url = page.next[0] if page.next else None
        assert seen == [server.url(p["path"]) for p in channel["pages"]]
        assert set(found_articles) >= {server.url(p) for p in channel["articles"]}


def test_home_page_advertises_the_feed(edition):
    manifest, server = edition
    found = discover(fetch(server.url(manifest.home)), server.url(manifest.home))
    assert found.feeds == [server.url(manifest.feed)]


def test_gbk_article_pages_offer_no_stories_of_their_own(edition):
    manifest, server = edition
    for path in manifest.gbk_pages:
        found = discover(fetch(server.url(path)), server.url(path))
        expected = manifest.raw["article_links"].get(path, [])
        assert found.articles == [server.url(p) for p in expected]


def test_cli_discovers_the_home_page_by_url(edition, tmp_path, capsys):
    from huaibei_reader.cli.main import main

    manifest, server = edition
    home = server.url(manifest.home)
    allow_local_sources(tmp_path)  # the sample edition is served on 127.0.0.1
    code = main(["--data-dir", str(tmp_path), "discover", home])
    out, err = capsys.readouterr()
    assert code == 0, err
    record = json.loads(out)
    assert record["input"] == home
    expected = manifest.raw["article_links"][manifest.home]
    assert record["articles"] == [server.url(p) for p in expected]
