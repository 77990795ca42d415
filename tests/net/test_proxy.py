"""Proxies: the system's (environment) and the configured one, with credentials kept secret."""

from __future__ import annotations

import base64

import pytest
from netkit import make_client
from support.loopback import Reply, page

from huaibei_reader.errors import NetworkError


def test_system_proxy_from_the_environment_is_used(server, monkeypatch):
    server.route("http://news.example.invalid/a.html", page("<p>via proxy</p>"))
    monkeypatch.setenv("HTTP_PROXY", server.base)
    monkeypatch.setenv("http_proxy", server.base)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    c = make_client()
    result = c.get("http://news.example.invalid/a.html")
    assert result.content == b"<p>via proxy</p>"
    assert "http://news.example.invalid/robots.txt" in server.paths()
    c.close()


def test_configured_proxy_gets_credentials_that_never_show(server, monkeypatch):
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.delenv("http_proxy", raising=False)
    server.route("http://news.example.invalid/ok.html", page("ok"))
    server.route("http://news.example.invalid/bad.html", lambda req: Reply(502, b""))
    proxy = f"http://reader:p%40ss@127.0.0.1:{server.port}"
    c = make_client(retries=0, proxies={"http": proxy, "https": proxy})
    assert c.get("http://news.example.invalid/ok.html").content == b"ok"
    sent = server.hits("http://news.example.invalid/ok.html")[0].headers
    assert sent["proxy-authorization"] == "Basic " + base64.b64encode(b"reader:p@ss").decode()
    with pytest.raises(NetworkError) as info:
        c.get("http://news.example.invalid/bad.html")
    assert "p@ss" not in str(info.value) and "p%40ss" not in str(info.value)
    assert "reader" not in str(info.value)
    c.close()
