"""The test kit's sample edition (support/edition.py): what it records, and the changes tests
make to it (overrides, edited pages, latency, gzip). The pages themselves are the demo's and
are tested in tests/demo/test_server.py."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator

import pytest
import requests

from huaibei_reader.demo import EditionManifest, load_manifest
from support.edition import EditionServer


@pytest.fixture(scope="module")
def edition() -> Iterator[EditionServer]:
    with EditionServer() as server:
        yield server


@pytest.fixture()
def server(edition: EditionServer) -> Iterator[EditionServer]:
    """The module's server with a clean request log and no overrides."""
    edition.clear_requests()
    edition.clear_overrides()
    yield edition
    edition.clear_overrides()


@pytest.fixture(scope="session")
def manifest() -> EditionManifest:
    return load_manifest()


def _raw_get(server: EditionServer, target: str) -> tuple[int, dict[str, str], bytes]:
    """GET with no Accept-Encoding at all (requests always sends one)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        conn.putrequest("GET", target, skip_accept_encoding=True)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def test_query_strings_are_recorded(server, manifest: EditionManifest):
    requests.get(server.url(manifest.seed.path) + "?from=rss&utm_source=x", timeout=5)
    assert server.requests[-1].path == manifest.seed.path + "?from=rss&utm_source=x"
    assert server.paths_requested()[-1] == manifest.seed.path


def test_post_is_recorded(server):
    assert requests.post(server.url("/index.html"), data={"q": "淮北"}, timeout=5).status_code \
        == 405
    assert server.requests[-1].method == "POST" and server.requests[-1].status == 405


def test_requests_are_recorded_with_headers(server, manifest: EditionManifest):
    requests.get(server.url(manifest.seed.path), headers={"User-Agent": "tester/1.0"},
                 timeout=5)
    requests.head(server.url("/robots.txt"), timeout=5)
    requests.get(server.url("/missing.html"), timeout=5)
    seen = server.requests
    assert [(r.method, r.path, r.status) for r in seen] == [
        ("GET", manifest.seed.path, 200),
        ("HEAD", "/robots.txt", 200),
        ("GET", "/missing.html", 404),
    ]
    assert seen[0].headers["user-agent"] == "tester/1.0"
    assert server.paths_requested("GET") == [manifest.seed.path, "/missing.html"]


def test_recording_is_thread_safe(server):
    def fetch() -> None:
        with requests.Session() as s:
            for _ in range(10):
                s.get(server.url("/robots.txt"), timeout=5)

    threads = [threading.Thread(target=fetch) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(server.requests) == 60
    assert all(r.status == 200 for r in server.requests)


def test_override_replaces_a_page_until_cleared(server, manifest: EditionManifest):
    url = server.url(manifest.seed.path)
    original = requests.get(url, timeout=5).content
    server.set_override(manifest.seed.path, body="<html><body><p>改过的正文</p></body></html>")
    assert "改过的正文" in requests.get(url, timeout=5).text
    server.set_override(manifest.seed.path, status=503, body="busy",
                        content_type="text/plain")
    assert requests.get(url, timeout=5).status_code == 503
    server.clear_overrides()
    assert requests.get(url, timeout=5).content == original



def test_latency_delays_answers(manifest: EditionManifest):
    import time

    with EditionServer(latency=0.3) as server:
        started = time.monotonic()
        requests.get(server.url("/robots.txt"), timeout=5)
        assert time.monotonic() - started >= 0.3


def test_edit_page_serves_a_new_version_that_revalidation_sees(server,
                                                               manifest: EditionManifest):
    seed = manifest.seed
    url = server.url(seed.path)
    first = requests.get(url, timeout=5)
    server.edit_page(seed.path, "共同打造和谐温馨家园。", "共同打造和谐温馨家园(更正)。")
    second = requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=5)
    assert second.status_code == 200
    assert "和谐温馨家园(更正)" in second.text
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    third = requests.get(url, headers={"If-None-Match": second.headers["ETag"]}, timeout=5)
    assert third.status_code == 304
    with pytest.raises(ValueError):
        server.edit_page(seed.path, "这句话不在页面上", "x")
    with pytest.raises(KeyError):
        server.edit_page("/news/none.html", "a", "b")


def test_edit_page_keeps_a_gbk_page_in_gbk(server, manifest: EditionManifest):
    for path in manifest.gbk_pages:
        entry = manifest.article(path)
        server.edit_page(path, entry.last_paragraph, entry.last_paragraph + "刘喆补记。")
        r = requests.get(server.url(path), timeout=5)
        with pytest.raises(UnicodeDecodeError):
            r.content.decode("utf-8")
        assert "刘喆补记。" in r.content.decode("gb18030")



def test_recorded_status_is_a_plain_int(server, manifest: EditionManifest):
    first = requests.get(server.url(manifest.seed.path), timeout=5)
    requests.get(server.url(manifest.seed.path),
                 headers={"If-None-Match": first.headers["ETag"]}, timeout=5)
    statuses = [r.status for r in server.requests]
    assert statuses == [200, 304]
    assert all(type(s) is int for s in statuses)




def test_gzip_when_asked_for(manifest: EditionManifest):
    import gzip

    url_path = manifest.seed.path
    with EditionServer(gzip=True) as server:
        r = requests.get(server.url(url_path), timeout=5)  # requests sends gzip, deflate
        assert r.headers["Content-Encoding"] == "gzip"
        assert r.headers["Vary"] == "Accept-Encoding"
        assert r.headers["ETag"].endswith('-gzip"')
        assert manifest.seed.title in r.text
        raw = _raw_get(server, url_path)  # no Accept-Encoding: plain bytes
        assert "Content-Encoding" not in raw[1]
        assert gzip.decompress(requests.get(server.url(url_path), stream=True, timeout=5)
                               .raw.read(decode_content=False)) == raw[2]
        again = requests.get(server.url(url_path), headers={"If-None-Match": r.headers["ETag"]},
                             timeout=5)
        assert again.status_code == 304 and "Content-Encoding" not in again.headers
        image = next(a for a in manifest.articles if a.images).images[0]
        png = requests.get(server.url(image), timeout=5)
        assert "Content-Encoding" not in png.headers  # images are already compressed
        refused = requests.get(server.url(url_path), headers={"Accept-Encoding": "gzip;q=0"},
                               timeout=5)
        assert "Content-Encoding" not in refused.headers
