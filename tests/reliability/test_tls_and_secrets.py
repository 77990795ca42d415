"""TLS verification is never turned off; proxy credentials never show.

- the source holds no switch that turns certificate checks off;
- every session the client builds verifies, and a self-signed HTTPS server is refused;
- a proxy's user:password reaches the proxy (Proxy-Authorization) and nowhere else: not in
  error messages, not in log records, not in refresh reports, not in any export format, not
  in the library file.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from faultserver import FaultServer
from reliakit import REPO, short_config
from support.loopback import LoopbackServer, page, self_signed

from huaibei_reader.app.refresh import refresh_sources
from huaibei_reader.errors import KnownError, NetworkError
from huaibei_reader.export.service import ExportService
from huaibei_reader.models import Source
from huaibei_reader.net import HttpClient
from huaibei_reader.store import Library

SECRET = "s3cr3t-Pa55"
USER = "reader-user"
UNSAFE = re.compile(r"verify\s*=\s*False|CERT_NONE|check_hostname\s*=\s*False|"
                    r"_create_unverified_context|disable_warnings|InsecureRequestWarning|"
                    r"PYTHONHTTPSVERIFY")


def test_no_source_file_turns_verification_off() -> None:
    hits = []
    for path in sorted((REPO / "src").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if UNSAFE.search(line):
                hits.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert hits == []


def test_every_session_verifies(client: HttpClient) -> None:
    with FaultServer() as site:
        client.get(site.url("/ok/1.html"))
        done = threading.Event()

        def in_another_thread() -> None:
            client.get(site.url("/ok/2.html"))
            # The client's own (weak) list of sessions, one per live thread that fetched.
            sessions.extend(client._sessions)
            done.set()

        sessions: list = []
        t = threading.Thread(target=in_another_thread)
        t.start()
        t.join(10)
    assert done.is_set()
    assert len(sessions) == 2
    assert all(s.verify is True for s in sessions)


@pytest.fixture(scope="module")
def self_signed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        _cert, context = self_signed(tmp_path_factory.mktemp("tls"))
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    with LoopbackServer(tls=context) as server:
        server.fallback = page("<html><body><p>secret page</p></body></html>")
        yield server.url("/")


def test_a_self_signed_certificate_is_refused(self_signed_server: str,
                                              client: HttpClient,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(NetworkError, match="certificate") as err:
        client.get(self_signed_server)
    assert "\n" not in str(err.value)


def _no_secret(text: str | bytes, where: str) -> None:
    data = text.encode("utf-8", "replace") if isinstance(text, str) else text
    assert SECRET.encode() not in data, f"the proxy password shows in {where}"


def test_unreachable_proxy_keeps_its_password(caplog: pytest.LogCaptureFixture,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    proxy = f"http://{USER}:{SECRET}@127.0.0.1:9"  # nothing listens on port 9
    caplog.set_level(logging.DEBUG)
    with HttpClient(short_config(proxies={"http": proxy, "https": proxy})) as c, \
            pytest.raises(KnownError) as err:
        c.get("http://127.0.0.1:8/page.html")
    _no_secret(str(err.value), "the error message")
    _no_secret(caplog.text, "the log")
    assert "proxy" in str(err.value).lower()


def test_proxy_password_reaches_the_proxy_and_nothing_else(
        tmp_path: Path, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    caplog.set_level(logging.DEBUG)
    with FaultServer(good_articles=3, index_faults=("empty",)) as proxy:
        proxy_url = f"http://{USER}:{SECRET}@127.0.0.1:{proxy.base_url.rsplit(':', 1)[1]}"
        proxy_url = proxy_url.rstrip("/")
        # The site's address names a port nothing listens on: only the proxy can answer.
        site = "http://127.0.0.1:9/"
        with Library.open(tmp_path / "library.sqlite3") as library:
            source = library.sources.add(Source(None, "via proxy", site, kind="feed",
                                                feed_url=site + "feed.xml"))
            config = short_config(proxies={"http": proxy_url, "https": proxy_url})
            with HttpClient(config) as c:
                (report,) = refresh_sources([source], library=library, client=c)
            assert report.error is None and report.new >= 1, report
            for where, text in [("the report", repr(report)),
                                ("the failures", repr(report.failed)),
                                ("the log", caplog.text)]:
                _no_secret(text, where)
            ids = [a.id for a in library.articles.newest(limit=100)]
            exporter = ExportService(library)
            selection = exporter.select_articles(ids)
            for fmt in ("md", "html", "txt", "json", "docx", "warc"):
                _no_secret(exporter.render(selection, fmt).data, f"the {fmt} export")
        for file in tmp_path.iterdir():
            _no_secret(file.read_bytes(), file.name)
        seen = list(proxy.seen)
    assert any(s.path.startswith("http://127.0.0.1:9/") for s in seen)
    assert all(s.path.startswith("http://") for s in seen), "a request bypassed the proxy"
    assert all("proxy-authorization" in s.headers for s in seen)
