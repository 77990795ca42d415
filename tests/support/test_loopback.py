"""The test kit's loopback server (support/loopback.py) does what each route says: the tests of
the client, the refresh and the fault benchmark rely on these behaviours, so each is checked
here against a plain http.client or socket."""

from __future__ import annotations

import gzip
import http.client
import socket
import ssl
import threading
import time
import zlib
from pathlib import Path

import pytest

from support.loopback import (
    LoopbackServer,
    Reply,
    SilentPort,
    close_early,
    conditional,
    delayed,
    drop,
    endless_gzip_header,
    free_port,
    gzipped,
    hang,
    page,
    redirect,
    self_signed,
    sequence,
    slow_headers,
    status,
    trickle,
)


@pytest.fixture
def server():
    with LoopbackServer() as s:
        yield s


def _conn(server: LoopbackServer, timeout: float = 5) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(server.host, server.port, timeout=timeout)


def _get(server: LoopbackServer, path: str, headers: dict[str, str] | None = None
         ) -> tuple[int, dict[str, str], bytes]:
    conn = _conn(server)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def test_a_page_is_served_with_its_type_and_length_and_recorded(server):
    server.route("/a.html", page("<p>你好</p>", X_Extra="yes"))
    before = time.monotonic()
    code, headers, body = _get(server, "/a.html", {"User-Agent": "kit-test"})
    assert code == 200 and body == "<p>你好</p>".encode()
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["content-length"] == str(len(body)) and headers["x-extra"] == "yes"
    [seen] = server.hits("/a.html")
    assert seen.method == "GET" and seen.headers["user-agent"] == "kit-test"
    assert before <= seen.at <= time.monotonic()


def test_keep_alive_connections_are_reused_and_counted(server):
    server.route("/k", page("k"))
    conn = _conn(server)
    for _ in range(3):
        conn.request("GET", "/k")
        assert conn.getresponse().read() == b"k"
    conn.close()
    assert server.count("/k") == 3 and server.connection_count == 1


def test_unknown_paths_are_404_and_prefixes_and_fallback_answer(server):
    assert _get(server, "/nothing")[0] == 404
    server.prefix("/ok/", page("prefix"))
    server.prefix("/ok/special/", page("longer"))
    server.fallback = status(410, "gone")
    assert _get(server, "/ok/1.html")[2] == b"prefix"
    assert _get(server, "/ok/special/2.html")[2] == b"longer"
    assert _get(server, "/other")[0] == 410


def test_query_is_kept_in_the_record_and_ignored_for_routing(server):
    server.route("/q", page("q"))
    assert _get(server, "/q?x=1")[2] == b"q"
    assert server.paths() == ["/q?x=1"] and server.count("/q") == 1


def test_a_request_is_recorded_before_its_route_answers(server):
    release = threading.Event()
    server.route("/hold", lambda req: (release.wait(5), Reply(200, b"done"))[1])
    worker = threading.Thread(target=_get, args=(server, "/hold"))
    worker.start()
    assert server.wait_for("/hold")  # while the route still blocks
    release.set()
    worker.join(5)


def test_status_redirect_and_sequence(server):
    server.route("/r", redirect("/target", 301))
    server.route("/s", sequence(Reply(503, b"busy"), Reply(200, b"fine")))
    code, headers, _ = _get(server, "/r")
    assert code == 301 and headers["location"] == "/target"
    assert [_get(server, "/s")[0] for _ in range(3)] == [503, 200, 200]


def test_conditional_answers_304_to_matching_validators(server):
    server.route("/c", conditional("body", etag='"t1"'))
    code, headers, body = _get(server, "/c")
    assert code == 200 and headers["etag"] == '"t1"' and body == b"body"
    code, _, body = _get(server, "/c", {"If-None-Match": '"t1"'})
    assert code == 304 and body == b""


def test_delays_and_latency_hold_the_answer(server):
    server.route("/d", delayed(page("late"), 0.3))
    started = time.monotonic()
    assert _get(server, "/d")[2] == b"late"
    assert time.monotonic() - started >= 0.3
    with LoopbackServer(latency=0.2) as slow:
        slow.route("/x", page("x"))
        started = time.monotonic()
        _get(slow, "/x")
        assert time.monotonic() - started >= 0.2


def test_trickle_sends_pieces_apart_until_done(server):
    server.route("/t", trickle(every=0.1, piece=b"ab", pieces=5))
    started = time.monotonic()
    code, headers, body = _get(server, "/t")
    assert code == 200 and body == b"ab" * 5 and headers.get("connection") == "close"
    assert time.monotonic() - started >= 0.4  # four gaps of 0.1 s


def test_an_endless_trickle_ends_when_the_server_closes():
    server = LoopbackServer()
    server.route("/t", trickle(every=0.05))
    conn = _conn(server)
    conn.request("GET", "/t")
    resp = conn.getresponse()
    assert resp.read(3) == b"   "
    closed = time.monotonic()
    server.close()
    resp.read()  # the server hung up: the rest ends at once
    assert time.monotonic() - closed < 3
    conn.close()


def test_chunked_streams_are_framed(server):
    server.route("/c", lambda req: Reply(200, iter([b"one", b"two"]), chunked=True))
    _code, headers, body = _get(server, "/c")
    assert headers["transfer-encoding"] == "chunked" and body == b"onetwo"


def test_slow_headers_send_the_status_line_then_a_byte_at_a_time(server):
    server.route("/h", slow_headers(every=0.1))
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        sock.sendall(b"GET /h HTTP/1.1\r\nHost: x\r\n\r\n")
        first = sock.recv(100)
        assert first == b"HTTP/1.1 200 OK\r\n"
        started = time.monotonic()
        got = b""
        while len(got) < 5:
            got += sock.recv(100)
        assert time.monotonic() - started >= 0.35  # five bytes, a tenth of a second apart
        assert len(got) <= 6


def test_hang_answers_nothing_and_close_frees_it():
    server = LoopbackServer()
    server.route("/h", hang())
    sock = socket.create_connection((server.host, server.port), timeout=5)
    sock.sendall(b"GET /h HTTP/1.1\r\nHost: x\r\n\r\n")
    server.wait_for("/h")
    sock.settimeout(0.3)
    with pytest.raises(TimeoutError):
        sock.recv(10)
    started = time.monotonic()
    server.close()
    assert time.monotonic() - started < 3
    sock.settimeout(5)
    assert sock.recv(10) == b""  # the connection was closed by the server
    sock.close()


def test_drop_and_close_early_cut_the_connection(server):
    server.route("/drop", drop())
    server.route("/cut", close_early(b"x" * 1000, after=100))
    conn = _conn(server)
    conn.request("GET", "/drop")
    with pytest.raises((ConnectionError, http.client.RemoteDisconnected)):
        conn.getresponse()
    conn.close()
    conn = _conn(server)
    conn.request("GET", "/cut")
    resp = conn.getresponse()
    assert resp.getheader("Content-Length") == "1000"
    with pytest.raises((http.client.IncompleteRead, ConnectionError)):
        resp.read()
    conn.close()


def test_gzipped_page_inflates_to_the_body(server):
    server.route("/z", gzipped("<p>压缩</p>" * 50))
    _code, headers, body = _get(server, "/z")
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == ("<p>压缩</p>" * 50).encode()


def test_endless_gzip_header_never_gets_to_content(server):
    server.route("/g", endless_gzip_header(piece=b"n" * 4096))
    conn = _conn(server)
    conn.request("GET", "/g")
    resp = conn.getresponse()
    assert resp.getheader("Content-Encoding") == "gzip"
    data = resp.read(200_000)
    conn.close()
    assert data[:4] == b"\x1f\x8b\x08\x08"  # gzip, deflate, the file-name flag
    assert b"\0" not in data[10:]  # the file name never ends
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    assert inflater.decompress(data) == b""  # nothing to inflate, however much is read


def test_asked_as_a_proxy_routes_by_url_then_path(server):
    server.route("http://news.example.invalid/a.html", page("by url"))
    server.route("/b.html", page("by path"))
    conn = _conn(server)
    conn.request("GET", "http://news.example.invalid/a.html")
    assert conn.getresponse().read() == b"by url"
    conn.request("GET", "http://other.example.invalid/b.html")
    assert conn.getresponse().read() == b"by path"
    conn.close()
    assert server.paths()[0] == "http://news.example.invalid/a.html"


def test_another_loopback_address_is_another_host():
    with LoopbackServer("127.0.0.2") as two:
        two.route("/", page("two"))
        assert two.base.startswith("http://127.0.0.2:")
        assert _get(two, "/")[2] == b"two"


def test_tls_with_a_self_signed_certificate(tmp_path: Path):
    try:
        cert, context = self_signed(tmp_path)
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    with LoopbackServer(tls=context) as server:
        server.route("/s", page("secure"))
        client_context = ssl.create_default_context(cafile=str(cert))
        conn = http.client.HTTPSConnection("127.0.0.1", server.port, timeout=5,
                                           context=client_context)
        conn.request("GET", "/s")
        assert conn.getresponse().read() == b"secure"
        conn.close()
        assert server.url("/s").startswith("https://")


def test_silent_port_accepts_and_says_nothing():
    with SilentPort() as port:
        sock = socket.create_connection((port.host, port.port), timeout=0.3)
        sock.sendall(b"GET / HTTP/1.1\r\n\r\n")
        with pytest.raises(TimeoutError):
            sock.recv(10)
        sock.close()


def test_free_port_refuses_connections():
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", free_port()), timeout=2)
