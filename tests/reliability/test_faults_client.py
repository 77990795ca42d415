"""Every fault of the fault server, through the HTTP client and the extractor or feed parser.

Each one ends as a KnownError with a one-line message naming the page, within a bounded time,
or (for pages that are merely mislabelled) as a readable article. Memory stays bounded while
a 200 MB body or a gzip bomb arrives.
"""

from __future__ import annotations

import gzip
import io
import time
import tracemalloc

import pytest
from faultserver import (
    FAULTS,
    FEED_FAULTS,
    HUGE_BYTES,
    KEY_SENTENCE,
    READABLE_FAULTS,
    FaultServer,
    gzip_bomb,
)
from reliakit import short_config

from huaibei_reader.errors import FetchBlocked, KnownError, NetworkError
from huaibei_reader.extract import extract_article
from huaibei_reader.net import HttpClient, TooLarge
from huaibei_reader.net.config import MiB
from huaibei_reader.sources.feeds import parse_feed

# What each fault must end as when fetched (None: the fetch succeeds and a later layer judges).
FETCH_ERROR: dict[str, type[KnownError] | None] = {
    "trickle": NetworkError,
    "hang": NetworkError,
    "reset": NetworkError,
    "http500": NetworkError,
    "http503": NetworkError,
    "http429": NetworkError,
    "redirect_loop": FetchBlocked,
    "redirect_file": FetchBlocked,
    "redirect_ftp": FetchBlocked,
    "redirect_js": FetchBlocked,
    "huge": TooLarge,
    "huge_unsized": TooLarge,
    "gzip_bomb": TooLarge,
    "no_charset": None,
    "wrong_charset": None,
    "gbk_as_utf8": None,
    "nul_charset": None,
    "binary": None,
    "truncated": None,
    "empty": None,
    "feed_not_xml": None,
    "feed_huge": None,
}
# Bugs found by these tests in other layers (reported; the fix is theirs to make).
KNOWN_BUGS = {
}


def fault_params() -> list:
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[n]))
            if n in KNOWN_BUGS else n for n in sorted(FAULTS)]


# The longest any fault may take with the short limits of conftest.SHORT.
TIME_BOUND = 8.0


def fetch_and_read(client: HttpClient, name: str, url: str):
    """What the reader does with a URL: fetch it, then extract (or parse, for a feed)."""
    result = client.get(url)
    if name in FEED_FAULTS:
        return parse_feed(result.content, result.url)
    return extract_article(result.content, result.url, http_charset=result.charset)


def test_every_fault_has_an_expectation() -> None:
    assert set(FETCH_ERROR) == set(FAULTS)


@pytest.mark.parametrize("name", fault_params())
def test_fault_ends_in_a_clear_error_or_a_readable_page(faults: FaultServer,
                                                        client: HttpClient, name: str) -> None:
    url = faults.fault_url(name)
    started = time.monotonic()
    try:
        outcome = fetch_and_read(client, name, url)
    except KnownError as exc:
        elapsed = time.monotonic() - started
        message = str(exc)
        assert name not in READABLE_FAULTS, f"{name}: a readable page was refused: {message}"
        expected = FETCH_ERROR[name]
        if expected is not None:
            assert isinstance(exc, expected), f"{name}: {type(exc).__name__}: {message}"
        assert message and "\n" not in message and len(message) < 400
        assert "Traceback" not in message and "object at 0x" not in message
        assert elapsed < TIME_BOUND, f"{name} took {elapsed:.1f} s"
        return
    elapsed = time.monotonic() - started
    assert elapsed < TIME_BOUND, f"{name} took {elapsed:.1f} s"
    if name == "feed_huge":
        # Cut to the newest entries, not 100,000 of them.
        assert 0 < len(outcome.entries) <= 1000
        return
    assert name in READABLE_FAULTS, f"{name}: expected an error, got {outcome!r:.200}"
    assert KEY_SENTENCE in outcome.text, f"{name}: decoded wrongly: {outcome.text[:120]!r}"


def test_redirect_to_file_never_reads_the_file(faults: FaultServer, client: HttpClient) -> None:
    with pytest.raises(FetchBlocked) as err:
        client.get(faults.fault_url("redirect_file"))
    assert "root:" not in str(err.value)
    assert "file:" in str(err.value)


def test_redirect_loop_stops_at_the_limit(faults: FaultServer) -> None:
    with HttpClient(short_config(max_redirects=5)) as c:
        before = len(faults.paths())
        with pytest.raises(FetchBlocked, match="redirects"):
            c.get(faults.fault_url("redirect_loop"))
        hops = [p for p in faults.paths()[before:] if p.startswith("/fault/loop-")]
    assert len(hops) == 6  # the first request and five redirects followed


def test_long_retry_after_is_not_waited_for(faults: FaultServer, client: HttpClient) -> None:
    started = time.monotonic()
    with pytest.raises(NetworkError, match="503"):
        client.get(faults.fault_url("http503"))
    assert time.monotonic() - started < 2.0


def test_retry_after_is_honoured_then_given_up(faults: FaultServer, client: HttpClient) -> None:
    before = faults.count(FAULTS["http429"])
    started = time.monotonic()
    with pytest.raises(NetworkError, match="429"):
        client.get(faults.fault_url("http429"))
    assert time.monotonic() - started >= 0.9  # waited the second it asked for
    assert faults.count(FAULTS["http429"]) - before == 2  # one retry (retries=1), no more


def test_the_gzip_bomb_is_a_real_bomb() -> None:
    bomb = gzip_bomb()
    assert len(bomb) < 2 * MiB
    raw = io.BytesIO(bomb)
    with gzip.GzipFile(fileobj=raw) as inflating:
        first = inflating.read(16 * MiB)  # inflate only the start
        assert len(first) == 16 * MiB
        assert raw.tell() < len(bomb) // 20  # from less than 5 % of it: 1 GB in all


@pytest.mark.parametrize("name", ["huge_unsized", "gzip_bomb"])
def test_memory_stays_bounded_by_the_size_cap(faults: FaultServer, name: str) -> None:
    cap = 4 * MiB
    with HttpClient(short_config(max_bytes=cap)) as c:
        tracemalloc.start()
        try:
            with pytest.raises(TooLarge):
                c.get(faults.fault_url(name))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < cap + 6 * MiB, f"{name}: peak {peak / MiB:.1f} MiB for a {cap / MiB:.0f} MiB cap"


def test_a_declared_200_mb_body_is_refused_before_reading(faults: FaultServer,
                                                         client: HttpClient) -> None:
    started = time.monotonic()
    with pytest.raises(TooLarge, match="200 MB"):
        client.get(faults.fault_url("huge"))
    assert time.monotonic() - started < 3.0


@pytest.mark.slow
def test_default_cap_holds_a_200_mb_stream_to_50_mb(faults: FaultServer) -> None:
    """With the shipped 50 MB cap: the stream is cut there, memory stays near the cap."""
    with HttpClient(short_config(total_timeout=60.0)) as c:
        assert c.config.max_bytes == 50 * MiB
        with faults.lock:
            faults.huge_bytes_sent = 0
        tracemalloc.start()
        try:
            with pytest.raises(TooLarge):
                c.get(faults.fault_url("huge_unsized"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 50 * MiB + 16 * MiB, f"peak {peak / MiB:.0f} MiB"
    assert faults.huge_bytes_sent < HUGE_BYTES
