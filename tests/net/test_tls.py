"""TLS through the client's own connection classes: verification as before (a certificate the
client trusts is accepted, hostname included; an untrusted one is refused), and the TLS socket
is watched from its handshake on (tests/net/test_deadline.py cancels a handshake)."""

from __future__ import annotations

import pytest
from netkit import make_client
from support.loopback import LoopbackServer, page, self_signed

from huaibei_reader.errors import NetworkError


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    try:
        cert, context = self_signed(tmp_path_factory.mktemp("tls"))
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    with LoopbackServer(tls=context) as server:
        server.route("/s.html", page("<p>secure</p>"))
        yield cert, server


def test_a_trusted_certificate_is_accepted(tls, monkeypatch):
    cert, server = tls
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    client = make_client(robots=False)
    assert client.get(server.url("/s.html")).content == b"<p>secure</p>"
    assert client.get(server.url("/s.html")).content == b"<p>secure</p>"  # pooled, reused


def test_an_untrusted_certificate_is_refused(tls, monkeypatch):
    _cert, server = tls
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(NetworkError, match="certificate is not valid"):
        make_client(robots=False, retries=0).get(server.url("/s.html"))


def test_a_certificate_for_another_name_is_refused(tls, monkeypatch):
    cert, server = tls
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    # The certificate names 127.0.0.1; "localhost" reaches the same server by another name.
    with pytest.raises(NetworkError, match="certificate is not valid"):
        make_client(robots=False, retries=0).get(f"https://localhost:{server.port}/s.html")
