"""Every fetch ends by its deadline (connecting, headers and body together), and a cancel ends
it at once in whatever phase it is: the servers here never stop on their own."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from netkit import make_client
from support.loopback import (
    Reply,
    SilentPort,
    endless_gzip_header,
    hang,
    page,
    sequence,
    slow_headers,
    trickle,
)

from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled
from huaibei_reader.net import FetchTimeout, HttpConfig

DEADLINE = 2.0
BOUND = DEADLINE + 2.0  # generous: the watchdog looks every 50 ms; the machine is shared


def _timed(fn) -> tuple[float, BaseException | None]:
    started = time.monotonic()
    try:
        fn()
    except BaseException as exc:
        return time.monotonic() - started, exc
    return time.monotonic() - started, None


def test_the_shipped_deadline_is_tens_of_seconds():
    config = HttpConfig(user_agent="x")
    assert 10 <= config.total_timeout <= 60
    with pytest.raises(ValueError):
        HttpConfig(user_agent="x", total_timeout=0)


def test_a_trickling_body_ends_at_the_deadline_naming_the_url_once(server):
    server.route("/trickle", trickle(every=0.125, piece=b"<p>x"))  # 8 bytes... forever
    client = make_client(total_timeout=DEADLINE, read_timeout=30, robots=False)
    elapsed, exc = _timed(lambda: client.get(server.url("/trickle")))
    assert isinstance(exc, FetchTimeout), exc
    assert DEADLINE - 0.1 <= elapsed < BOUND
    message = str(exc)
    assert message == (f"timed out: 127.0.0.1 did not send the whole page within 2 s "
                       f"({server.url('/trickle')})")
    assert message.count(server.url("/trickle")) == 1


def test_headers_sent_a_byte_a_second_hit_the_deadline(server):
    server.route("/slow-head", slow_headers(every=1.0))
    client = make_client(total_timeout=DEADLINE, read_timeout=30, robots=False, retries=2)
    elapsed, exc = _timed(lambda: client.get(server.url("/slow-head")))
    assert isinstance(exc, FetchTimeout), exc
    assert elapsed < BOUND
    assert server.count("/slow-head") == 1  # not retried after the deadline cut it


def test_a_connection_that_never_answers_hits_the_deadline():
    with SilentPort() as port:
        client = make_client(total_timeout=DEADLINE, read_timeout=30, robots=False)
        elapsed, exc = _timed(lambda: client.get(port.url("/")))
    assert isinstance(exc, FetchTimeout) and elapsed < BOUND


def test_a_tls_handshake_that_never_ends_hits_the_deadline():
    with SilentPort() as port:
        client = make_client(total_timeout=DEADLINE, read_timeout=30, connect_timeout=30,
                             robots=False)
        elapsed, exc = _timed(lambda: client.get(port.url("/", scheme="https")))
    assert isinstance(exc, FetchTimeout) and elapsed < BOUND


def test_the_deadline_spans_redirects(server):
    server.route("/a", lambda req: Reply(302, b"", {"Location": "/b"}, delay=1.2))
    server.route("/b", lambda req: Reply(200, b"late", delay=1.2))
    client = make_client(total_timeout=DEADLINE, robots=False)
    elapsed, exc = _timed(lambda: client.get(server.url("/a")))
    assert isinstance(exc, FetchTimeout), exc
    assert elapsed < BOUND


def test_time_spent_queueing_for_a_busy_host_does_not_count(server):
    release = threading.Event()
    server.route("/hold", lambda req: (release.wait(10), Reply(200, b"held"))[1])
    server.route("/quick", page("quick"))
    client = make_client(total_timeout=DEADLINE, per_host_limit=1, robots=False)
    held: list[BaseException] = []

    def hold() -> None:
        try:
            client.get(server.url("/hold"))
        except FetchTimeout as exc:
            held.append(exc)

    holder = threading.Thread(target=hold)
    holder.start()
    server.wait_for("/hold")
    # The holder's own deadline ends it; the second request queues behind it meanwhile and
    # then gets its whole deadline for itself.
    assert client.get(server.url("/quick")).content == b"quick"
    release.set()
    holder.join(5)
    assert len(held) == 1  # the held request ran out of its own deadline


def test_a_retry_after_longer_than_the_time_left_is_not_waited_for(server):
    server.route("/busy", sequence(Reply(503, b"", {"Retry-After": "5"}), Reply(200, b"ok")))
    client = make_client(total_timeout=DEADLINE, max_retry_after=30, robots=False)
    elapsed, exc = _timed(lambda: client.get(server.url("/busy")))
    assert exc is not None and getattr(exc, "status", None) == 503
    assert "wait 5 s" in str(exc)
    assert elapsed < 1.5 and server.count("/busy") == 1


def test_an_endless_gzip_header_ends_at_the_deadline(server):
    server.route("/gz", endless_gzip_header(every=0.01, piece=b"n" * 64))
    client = make_client(total_timeout=DEADLINE, robots=False)
    elapsed, exc = _timed(lambda: client.get(server.url("/gz")))
    assert isinstance(exc, FetchTimeout), exc
    assert elapsed < BOUND


# -- cancel ----------------------------------------------------------------------------------

def _cancel_after(seconds: float) -> CancelToken:
    token = CancelToken()
    threading.Timer(seconds, token.cancel).start()
    return token


@pytest.mark.parametrize("route", ["hang", "slow-head", "close-then-nothing", "keep-alive-body"])
def test_cancel_ends_a_fetch_at_once_in_every_phase(server, route):
    server.route("/hang", hang())
    server.route("/slow-head", slow_headers(every=1.0))
    # Connection: close, a first piece, then silence: http.client drops conn.sock here.
    server.route("/close-then-nothing", trickle(every=60.0))
    server.route("/keep-alive-body", trickle(every=60.0, length=10_000))
    client = make_client(total_timeout=60, read_timeout=30, robots=False)
    token = _cancel_after(0.5)
    elapsed, exc = _timed(lambda: client.get(server.url("/" + route), cancel=token))
    assert isinstance(exc, Cancelled), exc
    assert elapsed < 0.5 + 1.0  # cancel to return: at most a second
    assert server.count("/" + route) == 1  # and not retried after the cut


def test_cancel_ends_a_tls_handshake_and_a_silent_connection():
    with SilentPort() as port:
        client = make_client(total_timeout=60, read_timeout=30, connect_timeout=30,
                             robots=False)
        for scheme in ("https", "http"):
            token = _cancel_after(0.3)
            elapsed, exc = _timed(lambda s=scheme, t=token: client.get(port.url("/", s),
                                                                        cancel=t))
            assert isinstance(exc, Cancelled), (scheme, exc)
            assert elapsed < 1.3


def test_cancel_ends_a_slow_name_lookup(monkeypatch):
    looked_up = threading.Event()
    real = socket.getaddrinfo

    def slow_lookup(host, *args, **kwargs):
        if host == "slow-dns.example":
            looked_up.set()
            time.sleep(5)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow_lookup)
    client = make_client(total_timeout=60, robots=False)
    token = _cancel_after(0.3)
    elapsed, exc = _timed(lambda: client.get("http://slow-dns.example/", cancel=token))
    assert looked_up.is_set()
    assert isinstance(exc, Cancelled), exc
    assert elapsed < 1.3


def test_one_token_cancels_every_fetch_using_it(server):
    server.route("/hang", hang())
    client = make_client(total_timeout=60, read_timeout=30, robots=False, per_host_limit=4)
    token = CancelToken()
    outcomes: list[tuple[float, BaseException | None]] = []

    def fetch() -> None:
        outcomes.append(_timed(lambda: client.get(server.url("/hang"), cancel=token)))

    threads = [threading.Thread(target=fetch) for _ in range(4)]
    for t in threads:
        t.start()
    server.wait_for("/hang", count=4)
    cancelled_at = time.monotonic()
    token.cancel()
    for t in threads:
        t.join(5)
    assert len(outcomes) == 4
    assert all(isinstance(exc, Cancelled) for _, exc in outcomes)
    assert time.monotonic() - cancelled_at < 1.5


def test_a_cancelled_fetch_leaves_the_client_usable(server):
    server.route("/hang", hang())
    server.route("/ok", page("fine"))
    client = make_client(total_timeout=60, robots=False)
    with pytest.raises(Cancelled):
        client.get(server.url("/hang"), cancel=_cancel_after(0.2))
    assert client.get(server.url("/ok"), cancel=CancelToken()).content == b"fine"
