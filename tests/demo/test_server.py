"""The demo's loopback server: types and charsets, validators, HEAD, 404, traversal, ports."""

from __future__ import annotations

import http.client
import socket
from pathlib import Path

import pytest
import requests

from huaibei_reader.demo import (
    DEMO_PORT,
    DemoUnavailable,
    EditionManifest,
    SampleEditionServer,
)


def _raw_get(server: SampleEditionServer, target: str, method: str = "GET"
             ) -> tuple[int, dict[str, str], bytes]:
    """Send the request target exactly as written (requests would normalise ``..``)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        conn.putrequest(method, target, skip_host=False, skip_accept_encoding=True)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def test_every_manifest_page_is_served_with_its_charset(server, manifest: EditionManifest):
    for entry in manifest.articles:
        r = requests.get(server.url(entry.path), timeout=5)
        assert r.status_code == 200, entry.path
        ctype = r.headers["Content-Type"]
        assert ctype.startswith("text/html")
        if entry.http_charset:
            assert ctype == f"text/html; charset={entry.http_charset}"
        else:
            assert "charset" not in ctype
        decoded = r.content.decode("gb18030" if entry.encoding == "gbk" else "utf-8")
        assert entry.title in decoded
    for path in (manifest.home, *manifest.list_pages, "/about.html"):
        r = requests.get(server.url(path), timeout=5)
        assert r.status_code == 200, path
        assert r.headers["Content-Type"] == "text/html; charset=utf-8"


def test_root_and_folders_serve_their_index(server):
    home = requests.get(server.base_url, timeout=5)
    assert home.status_code == 200
    assert home.content == requests.get(server.url("/index.html"), timeout=5).content
    moved = requests.get(server.url("/list/shehui"), allow_redirects=False, timeout=5)
    assert moved.status_code == 301
    assert moved.headers["Location"] == "/list/shehui/"
    followed = requests.get(server.url("/list/shehui"), timeout=5)
    assert followed.status_code == 200 and "index_2.html" in followed.text


def test_other_file_types(server, manifest: EditionManifest):
    png = requests.get(server.url(manifest.seed.path.replace(".html", ".png")), timeout=5)
    assert png.status_code == 404
    image = next(a for a in manifest.articles if a.images).images[0]
    r = requests.get(server.url(image), timeout=5)
    assert r.headers["Content-Type"] == "image/png"
    assert r.content.startswith(b"\x89PNG\r\n\x1a\n")
    robots = requests.get(server.url("/robots.txt"), timeout=5)
    assert robots.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /admin/" in robots.text
    feed = requests.get(server.url("/feed.xml"), timeout=5)
    assert feed.headers["Content-Type"] == "application/rss+xml; charset=utf-8"


def test_feed_links_point_at_this_server(server, manifest: EditionManifest):
    feed = requests.get(server.url("/feed.xml"), timeout=5).text
    assert "sample-edition.invalid" not in feed
    for entry in manifest.articles:
        assert f"<link>{server.url(entry.path)}</link>" in feed


def test_revalidation_answers_304(server, manifest: EditionManifest):
    url = server.url(manifest.seed.path)
    first = requests.get(url, timeout=5)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    by_etag = requests.get(url, headers={"If-None-Match": etag}, timeout=5)
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag.headers["ETag"] == etag
    by_date = requests.get(url, headers={"If-Modified-Since": modified}, timeout=5)
    assert by_date.status_code == 304
    stale_tag = requests.get(url, headers={"If-None-Match": '"something-else"',
                                           "If-Modified-Since": modified}, timeout=5)
    assert stale_tag.status_code == 200  # If-None-Match decides when both are sent
    assert stale_tag.content == first.content
    old_date = requests.get(url, headers={"If-Modified-Since":
                                          "Mon, 01 Jan 2001 00:00:00 GMT"}, timeout=5)
    assert old_date.status_code == 200
    weak = requests.get(url, headers={"If-None-Match": "W/" + etag}, timeout=5)
    assert weak.status_code == 304


def test_head_sends_headers_without_body(server, manifest: EditionManifest):
    url = server.url(manifest.seed.path)
    status, headers, body = _raw_get(server, manifest.seed.path, method="HEAD")
    full = requests.get(url, timeout=5)
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) == len(full.content)
    assert headers["ETag"] == full.headers["ETag"]


@pytest.mark.parametrize("target", [
    "/nope.html",
    "/news/2022-10/01/99999.html",
    "/uploads/",  # a folder without index.html: no listing
    "/_server.json",  # configuration is not served
    "/admin/",
])
def test_unknown_paths_are_404(server, target: str):
    status, headers, body = _raw_get(server, target)
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"<li>" not in body  # not a directory listing


@pytest.mark.parametrize("target", [
    "/../README.md",
    "/../../src/huaibei_reader/demo/server.py",
    "/list/../../resources/README.md",
    "/%2e%2e/README.md",
    "/%2E%2E/%2E%2E/pyproject.toml",
    "/..%2f..%2fpyproject.toml",
    "/news/..%5c..%5cpyproject.toml",
    "/index.html%00.png",
    "//etc/passwd",
    "/static/../../README.md",
])
def test_traversal_is_refused(server, target: str):
    status, _headers, body = _raw_get(server, target)
    assert status in (400, 404)
    assert b"huaibei" not in body.lower() or b"<title>404" in body


def test_traversal_through_a_symlink_is_refused(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("do not serve", encoding="utf-8")
    try:
        (site / "leak.txt").symlink_to(secret)
    except OSError:
        pytest.skip("this file system cannot make symlinks")
    with SampleEditionServer(site) as server:
        status, _h, body = _raw_get(server, "/leak.txt")
        assert status == 404 and b"do not serve" not in body
        assert _raw_get(server, "/")[0] == 200


def test_server_is_quiet(capfd, manifest: EditionManifest):
    with SampleEditionServer() as server:
        requests.get(server.url(manifest.seed.path), timeout=5)
        requests.get(server.url("/missing"), timeout=5)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_busy_preferred_port_falls_back(manifest: EditionManifest):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen(1)
    taken = blocker.getsockname()[1]
    try:
        with SampleEditionServer(port=taken) as server:
            assert server.port != taken
            assert requests.get(server.url(manifest.home), timeout=5).status_code == 200
        strict = SampleEditionServer(port=taken, port_fallback=False)
        with pytest.raises(DemoUnavailable, match=str(taken)):
            strict.start()
    finally:
        blocker.close()


def test_demo_port_is_a_fixed_unprivileged_port():
    assert 1024 < DEMO_PORT < 49152


def test_stop_releases_the_port_and_is_idempotent(manifest: EditionManifest):
    server = SampleEditionServer()
    server.start()
    port = server.port
    session = requests.Session()  # keeps a keep-alive connection open across stop()
    assert session.get(server.url(manifest.home), timeout=5).status_code == 200
    server.stop()
    server.stop()
    assert not server.running
    again = SampleEditionServer(port=port, port_fallback=False)
    try:
        again.start()
        assert again.port == port
    finally:
        again.stop()
        session.close()


def test_missing_folder_is_a_known_error(tmp_path: Path):
    with pytest.raises(DemoUnavailable, match="missing"):
        SampleEditionServer(tmp_path / "absent").start()


def test_dead_links_of_the_seed_answer_404(server, manifest: EditionManifest):
    dead = manifest.raw["dead_links"]
    assert dead and all(d in manifest.raw["article_links"][manifest.seed.path] for d in dead)
    for path in dead:
        assert requests.get(server.url(path), timeout=5).status_code == 404


def test_module_serves_by_hand_and_prints_the_url(tmp_path: Path):
    import os
    import subprocess
    import sys

    src = Path(__file__).resolve().parents[2] / "src"
    env = dict(os.environ, PYTHONPATH=str(src) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "huaibei_reader.demo", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        assert requests.get(url + "robots.txt", timeout=5).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()
        assert proc.stderr.read() == ""
        proc.stderr.close()


def test_keep_alive_requests_do_not_wait_for_delayed_acks(server):
    """With Nagle's algorithm on, each request stalls ~40 ms (2.2 s for these 50)."""
    import time

    with requests.Session() as session:
        session.get(server.url("/robots.txt"), timeout=5)
        started = time.monotonic()
        for _ in range(50):
            assert session.get(server.url("/robots.txt"), timeout=5).status_code == 200
        elapsed = time.monotonic() - started
    assert elapsed < 1.5, f"50 keep-alive requests took {elapsed:.2f} s"


def test_ipv6_loopback_when_available(manifest: EditionManifest):
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        server = SampleEditionServer(host="::1")
        server.start()
    except DemoUnavailable:
        pytest.skip("::1 cannot be bound here")
    try:
        assert server.base_url.startswith("http://[::1]:")
        assert requests.get(server.url(manifest.home), timeout=5).status_code == 200
    finally:
        server.stop()


def test_query_strings_are_ignored(server, manifest: EditionManifest):
    plain = requests.get(server.url(manifest.seed.path), timeout=5)
    tracked = requests.get(server.url(manifest.seed.path) + "?from=rss&utm_source=x", timeout=5)
    assert tracked.status_code == 200 and tracked.content == plain.content


def test_post_is_refused_with_405(server):
    r = requests.post(server.url("/index.html"), data={"q": "淮北"}, timeout=5)
    assert r.status_code == 405 and r.headers["Allow"] == "GET, HEAD"
    assert requests.get(server.url("/robots.txt"), timeout=5).status_code == 200
