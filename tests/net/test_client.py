"""HttpClient against loopback servers: what it sends, what it refuses, how it fails."""

from __future__ import annotations

import gzip
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from netkit import UA, make_client
from support.loopback import Reply, conditional, free_port, page

from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled, FetchBlocked, NetworkError
from huaibei_reader.net import FetchTimeout, HttpStatusError, TooLarge


def test_get_sends_user_agent_and_reads_charset(server, client):
    server.route("/a", page("<p>你好</p>".encode("gbk"), "text/html; charset=GBK"))
    result = client.get(server.url("/a"))
    assert result.status == 200
    assert result.content.decode("gbk") == "<p>你好</p>"
    assert result.charset == "gbk"
    assert result.headers["content-type"] == "text/html; charset=GBK"
    assert not result.not_modified
    seen = server.hits("/a")[0]
    assert seen.headers["user-agent"] == UA
    assert "gzip" in seen.headers["accept-encoding"]
    assert seen.headers["accept"].startswith("text/html")


def test_no_declared_charset_gives_none(server, client):
    server.route("/plain", page(b"<p>x</p>", "text/html"))
    assert client.get(server.url("/plain")).charset is None


def test_gzip_response_is_decoded(server, client):
    body = "<p>压缩的正文</p>".encode() * 100
    server.route("/z", lambda req: Reply(200, gzip.compress(body),
                                         {"Content-Type": "text/html; charset=utf-8",
                                          "Content-Encoding": "gzip"}))
    assert client.get(server.url("/z")).content == body


def test_conditional_get_sends_validators_and_reads_304(server, client):
    server.route("/feed", conditional("<rss/>", etag='"abc"'))
    first = client.get(server.url("/feed"))
    assert first.status == 200 and first.etag == '"abc"'
    second = client.get(server.url("/feed"), etag=first.etag,
                        last_modified=first.last_modified)
    assert second.not_modified and second.status == 304 and second.content == b""
    seen = server.hits("/feed")
    assert "if-none-match" not in seen[0].headers
    assert seen[1].headers["if-none-match"] == '"abc"'
    assert seen[1].headers["if-modified-since"] == "Wed, 01 Jan 2025 00:00:00 GMT"


def test_404_is_a_clear_error(server, client):
    with pytest.raises(HttpStatusError) as info:
        client.get(server.url("/missing"))
    assert info.value.status == 404
    assert str(info.value).startswith("not found (HTTP 404)")
    assert len(server.hits("/missing")) == 1  # a 404 is not retried


def test_429_with_retry_after_is_waited_for_then_retried(server, client):
    answers = iter([Reply(429, b"slow down", {"Retry-After": "1"}), Reply(200, b"<p>ok</p>")])
    server.route("/busy", lambda req: next(answers))
    started = time.monotonic()
    result = client.get(server.url("/busy"))
    assert result.status == 200 and result.content == b"<p>ok</p>"
    assert len(server.hits("/busy")) == 2
    assert time.monotonic() - started >= 0.9


def test_retry_after_beyond_the_cap_is_not_waited_for(server):
    server.route("/later", lambda req: Reply(503, b"", {"Retry-After": "3600"}))
    c = make_client(max_retry_after=5)
    started = time.monotonic()
    with pytest.raises(HttpStatusError) as info:
        c.get(server.url("/later"))
    assert time.monotonic() - started < 3
    assert len(server.hits("/later")) == 1
    assert info.value.status == 503
    assert "wait 3600" in str(info.value)


def test_5xx_is_retried_with_backoff_then_reported(server):
    server.route("/down", lambda req: Reply(500, b"oops"))
    c = make_client(retries=2, backoff_factor=0.05)
    with pytest.raises(HttpStatusError) as info:
        c.get(server.url("/down"))
    assert len(server.hits("/down")) == 3
    assert "server error (HTTP 500)" in str(info.value)


def test_slow_server_gives_a_timeout_message(server):
    server.route("/slow", lambda req: Reply(200, b"late", delay=1.5))
    c = make_client(read_timeout=0.3, retries=0)
    with pytest.raises(FetchTimeout) as info:
        c.get(server.url("/slow"))
    assert str(info.value).startswith("timed out: 127.0.0.1 sent nothing for 0.3 s")


def test_trickling_body_ends_at_the_total_timeout(server):
    def trickle():
        for _ in range(100):
            yield b"x"
            time.sleep(0.1)

    server.route("/trickle", lambda req: Reply(200, trickle()))
    c = make_client(total_timeout=0.5, retries=0)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        c.get(server.url("/trickle"))
    assert time.monotonic() - started < 3


def test_a_60_mb_body_is_cut_off_at_the_cap(server):
    client = make_client(robots=False)
    sent = []

    def huge():
        chunk = b"a" * (1024 * 1024)
        for _ in range(60):
            sent.append(1)
            yield chunk

    server.route("/huge", lambda req: Reply(200, huge(), {"Content-Type": "text/html"}))
    with pytest.raises(TooLarge) as info:
        client.get(server.url("/huge"))
    assert "too large" in str(info.value) and "50 MB" in str(info.value)
    assert client.bytes_received <= 50 * 1024 * 1024 + 64 * 1024  # one chunk past the cap
    assert len(sent) < 60  # we hung up before the server could finish


def test_declared_length_over_the_cap_is_refused_unread(server):
    server.route("/big", lambda req: Reply(200, b"x" * 2048, {"Content-Length": "2048"}))
    c = make_client(max_bytes=1024, robots=False)
    with pytest.raises(TooLarge):
        c.get(server.url("/big"))
    assert c.bytes_received == 0


def test_gzip_bomb_is_cut_off_by_decoded_size(server):
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 1024 * 1024
    server.route("/bomb", lambda req: Reply(200, bomb, {"Content-Encoding": "gzip",
                                                          "Content-Type": "text/html"}))
    c = make_client(max_bytes=2 * 1024 * 1024, robots=False)
    with pytest.raises(TooLarge):
        c.get(server.url("/bomb"))
    assert c.bytes_received <= 2 * 1024 * 1024 + 64 * 1024


def test_redirects_are_followed_to_the_final_url(server, client):
    server.route("/old", lambda req: Reply(301, b"", {"Location": "/new"}))
    server.route("/new", page("<p>moved</p>"))
    result = client.get(server.url("/old"))
    assert result.url == server.url("/new")
    assert result.content == b"<p>moved</p>"


def test_redirect_loop_is_stopped(server):
    server.route("/loop", lambda req: Reply(302, b"", {"Location": "/loop"}))
    c = make_client(max_redirects=4)
    with pytest.raises(FetchBlocked) as info:
        c.get(server.url("/loop"))
    assert "too many redirects (more than 4)" in str(info.value)
    assert len(server.hits("/loop")) == 5


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.com/x",
                                    "javascript:alert(1)"])
def test_redirect_to_a_non_web_scheme_is_refused(server, client, target):
    server.route("/evil", lambda req: Reply(302, b"", {"Location": target}))
    with pytest.raises(FetchBlocked) as info:
        client.get(server.url("/evil"))
    assert "non-web address" in str(info.value)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/", "example.com",
                                 "http://", "data:text/html,hi"])
def test_only_http_and_https_are_fetched(client, url):
    with pytest.raises(FetchBlocked) as info:
        client.get(url)
    assert "web address" in str(info.value)


def test_refused_connection_is_a_network_error(client):
    port = free_port()  # nothing listens there
    with pytest.raises(NetworkError) as info:
        client.get(f"http://127.0.0.1:{port}/x")
    assert "connection refused" in str(info.value)


def test_proxy_credentials_never_appear_in_messages(server):
    port = free_port()
    c = make_client(retries=0, proxies={"http": f"http://alice:s3cret@127.0.0.1:{port}"})
    with pytest.raises(NetworkError) as info:
        c.get("http://user:pw@example.invalid/page")
    text = str(info.value)
    assert "proxy" in text
    assert "s3cret" not in text and "alice" not in text and "pw@" not in text


def test_per_host_limit_holds_under_many_threads(server):
    state = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def slow(req):
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        return Reply(200, b"ok")

    server.route("/p", slow)
    c = make_client(per_host_limit=2, robots=False)
    threads = [threading.Thread(target=c.get, args=(server.url("/p"),)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(server.hits("/p")) == 8
    assert state["peak"] == 2


def test_min_delay_spaces_request_starts(server):
    server.route("/d", page("ok"))
    c = make_client(min_delay=0.2, robots=False)
    started = time.monotonic()
    for _ in range(4):
        c.get(server.url("/d"))
    assert time.monotonic() - started >= 0.6


def test_one_thread_reuses_its_connection(server, client):
    server.route("/k", page("keep"))
    for _ in range(5):
        client.get(server.url("/k"))
    assert server.connection_count <= 2  # robots.txt and pages share a pooled connection


def test_cancel_ends_a_wait_for_a_busy_host(server):
    release = threading.Event()

    def blocking(req):
        release.wait(5)
        return Reply(200, b"done")

    server.route("/hold", blocking)
    c = make_client(per_host_limit=1, robots=False)
    holder = threading.Thread(target=c.get, args=(server.url("/hold"),))
    holder.start()
    deadline = time.monotonic() + 10
    while not server.hits("/hold"):  # poll for the server's record, bounded
        assert time.monotonic() < deadline, "the holding request never reached the server"
        time.sleep(0.01)
    token = CancelToken()
    threading.Timer(0.2, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        c.get(server.url("/hold"), cancel=token)
    assert time.monotonic() - started < 1.5
    release.set()
    holder.join()


def test_client_is_usable_from_many_threads_with_separate_sessions(server, client):
    server.route("/t", page("ok"))
    sessions = []

    def work():
        client.get(server.url("/t"))
        sessions.append(client._session())  # kept alive, so no id is reused

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(s) for s in sessions}) == 3


def test_a_dropped_connection_is_retried(server, client):
    answers = iter([Reply(drop=True), Reply(200, b"<p>second try</p>")])
    server.route("/flaky", lambda req: next(answers))
    assert client.get(server.url("/flaky")).content == b"<p>second try</p>"
    assert len(server.hits("/flaky")) == 2


def test_reset_mid_body_is_a_clear_error(server, client):
    server.route("/cut", lambda req: Reply(200, b"x" * 10000, abort_after=100))
    with pytest.raises(NetworkError) as info:
        client.get(server.url("/cut"))
    assert "broke off" in str(info.value)


def test_socks_proxy_without_support_is_explained(server):
    c = make_client(retries=0, proxies={"http": "socks5://u:secret@127.0.0.1:1"})
    with pytest.raises(NetworkError) as info:
        c.get(server.url("/x"))
    text = str(info.value)
    assert "secret" not in text
    assert "SOCKS" in text or "proxy" in text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_as_url_is_refused_clearly_or_accepted(text):
    from huaibei_reader.net.client import _checked_url

    try:
        url = _checked_url(text, None)
    except FetchBlocked as exc:
        assert "\n" not in str(exc) or "\n" in text
        return
    assert url.startswith(("http://", "https://"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_redirect_target_is_refused_clearly_or_resolved(text):
    from huaibei_reader.net.client import _checked_url

    try:
        url = _checked_url(text, "http://example.com/a/b.html")
    except FetchBlocked:
        return
    assert url.startswith(("http://", "https://"))


def test_cancel_cuts_a_request_blocked_on_a_silent_server(server):
    release = threading.Event()
    server.route("/silent", lambda req: (release.wait(10), Reply(200, b"late"))[1])
    c = make_client(read_timeout=30, robots=False)
    token = CancelToken()
    threading.Timer(0.3, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        c.get(server.url("/silent"), cancel=token)
    assert time.monotonic() - started < 2  # not the 30 s read timeout
    assert len(server.hits("/silent")) == 1  # and not retried after the cut
    release.set()
    c.close()


def test_cancel_cuts_a_body_in_the_middle(server):
    def slow_body():
        for _ in range(50):
            yield b"x" * 10
            time.sleep(0.2)

    server.route("/dribble", lambda req: Reply(200, slow_body()))
    c = make_client(read_timeout=30, robots=False)
    token = CancelToken()
    threading.Timer(0.5, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        c.get(server.url("/dribble"), cancel=token)
    assert time.monotonic() - started < 2


def test_unreachable_host_is_reported_for_the_page_not_its_robots_txt(client):
    port = free_port()
    with pytest.raises(NetworkError) as info:
        client.get(f"http://127.0.0.1:{port}/news/1.html")
    assert str(info.value).endswith(f"(http://127.0.0.1:{port}/news/1.html)")
