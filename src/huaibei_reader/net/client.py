"""The HTTP client every fetch goes through: polite, bounded, and clear when it fails.

- one ``requests.Session`` per thread (connection pooling; Session is not thread-safe);
- retries with exponential backoff on connection errors, 429 and 5xx through urllib3's
  ``Retry``, honouring ``Retry-After`` up to ``max_retry_after`` (a longer wait is not retried);
- redirects followed here, hop by hop, so every hop is checked: http(s) only, robots.txt,
  the per-host politeness bound, and the redirect limit;
- a deadline per fetch (``total_timeout``: connecting, headers and the whole body, redirects
  included; the politeness queue not), kept by the watchdog of net/inflight.py, which also
  cuts a fetch off at once when its cancel token is set, whatever phase it is in;
- every connection checked against the request's address policy (net/addresses.py,
  net/connect.py): local addresses only when allowed, never after a public hop;
- the body read raw and inflated here (net/decoding.py), cut off at ``max_bytes`` of raw and
  of decoded bytes (gzip bombs and endless gzip headers included);
- TLS verification is never turned off; proxy credentials never reach a message.
"""

from __future__ import annotations

import copy
import email.utils
import http.client
import math
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
from urllib3 import exceptions as urllib3_exc
from urllib3.exceptions import MaxRetryError, ResponseError
from urllib3.util.retry import Retry

from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import FetchBlocked, NetworkError
from huaibei_reader.net.addresses import AddressPolicy, literal_address
from huaibei_reader.net.config import HttpConfig, MiB
from huaibei_reader.net.connect import WatchedAdapter
from huaibei_reader.net.decoding import (
    ACCEPT_ENCODING,
    BoundedDecoder,
    DecodeFailed,
    UnsupportedEncoding,
)
from huaibei_reader.net.failures import (
    FetchTimeout,
    PrivateAddressRefused,
    TooLarge,
    redact,
    status_error,
    translate,
)
from huaibei_reader.net.inflight import Fetch, Watchdog
from huaibei_reader.net.politeness import HostGate
from huaibei_reader.net.robots import RobotsAnswer, RobotsCache

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
DEFAULT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml, "
               "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
ACCEPT_LANGUAGE = "zh-CN,zh;q=0.9,en;q=0.7"
_CHUNK = 64 * 1024
_MAX_DRAIN = 1 * MiB  # a retried 5xx whose body is declared bigger than this is not retried


@dataclass(frozen=True)
class FetchResult:
    """One answered GET. ``headers`` keys are lower-case; ``charset`` is what the server
    declared in Content-Type (None when it declared nothing)."""

    url: str
    status: int
    headers: dict[str, str]
    content: bytes
    charset: str | None
    not_modified: bool
    elapsed: float

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def host_key(url: str) -> str:
    """The name the politeness bound is kept under: the lower-case host name."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else time.time()
    return max(0.0, when.timestamp() - current)


def declared_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    msg = Message()
    msg["content-type"] = content_type
    charset = msg.get_param("charset")
    if isinstance(charset, tuple):  # RFC 2231 form
        charset = charset[2]
    charset = (charset or "").strip().strip("'\"").lower()
    return charset or None


class _PoliteRetry(Retry):
    """urllib3's Retry, bound to the fetch in flight: a retry ends at once when the fetch is
    cancelled or out of time; a Retry-After longer than ``retry_after_max``, or a wait that
    would pass the fetch's deadline, is not waited for (the answer is reported as it is)."""

    fetch_of: Callable[[], Fetch | None] | None = None

    def new(self, **kw):  # type: ignore[no-untyped-def]
        fresh = super().new(**kw)
        fresh.fetch_of = self.fetch_of
        return fresh

    def _fetch(self) -> Fetch | None:
        return self.fetch_of() if self.fetch_of is not None else None

    def increment(self, method: str | None = None, url: str | None = None,
                  response: Any = None, error: Exception | None = None, _pool: Any = None,
                  _stacktrace: Any = None) -> _PoliteRetry:
        fetch = self._fetch()
        if fetch is not None:
            fetch.raise_if_stopped()  # an error of our own doing: the socket was cut
        if response is not None:
            asked = retry_after_seconds(response.headers.get("Retry-After"))
            if asked is not None and (asked > self.retry_after_max or (
                    fetch is not None and asked >= fetch.remaining())):
                raise MaxRetryError(_pool, url, ResponseError("Retry-After too long"))
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > _MAX_DRAIN:
                raise MaxRetryError(_pool, url, ResponseError("error body too large"))
        fresh = super().increment(method, url, response, error, _pool, _stacktrace)
        if fetch is not None and response is None and fresh.get_backoff_time() >= \
                fetch.remaining():
            raise MaxRetryError(_pool, url, error or ResponseError("out of time"))
        return fresh

    def sleep(self, response=None) -> None:  # type: ignore[no-untyped-def]
        seconds = None
        if response is not None and self.respect_retry_after_header:
            seconds = self.get_retry_after(response)
        if not seconds:
            seconds = self.get_backoff_time()
        if seconds and seconds > 0:
            fetch = self._fetch()
            if fetch is None:
                time.sleep(seconds)
            else:
                fetch.wait(seconds)


class HttpClient:
    """Thread-safe GETs with the politeness bound, robots.txt and limits of ``config``.

    ``address_policy`` (initially ``config.address_policy``) is what requests given no
    ``policy`` may reach; the app replaces it when the user allows a local source.
    """

    def __init__(self, config: HttpConfig) -> None:
        self.config = config
        self.address_policy: AddressPolicy = config.address_policy
        self._local = threading.local()
        self._sessions: weakref.WeakSet[requests.Session] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._closed = False
        self._gate = HostGate(config.per_host_limit, config.min_delay)
        self._robots = RobotsCache(self._fetch_robots, config.user_agent,
                                   ttl=config.robots_ttl, error_ttl=config.robots_error_ttl)
        self._watchdog = Watchdog()
        self._stats_lock = threading.Lock()
        self.requests_sent = 0  # GETs started by us (urllib3's own retries not counted)
        self.bytes_received = 0  # decoded body bytes

    # -- public --------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            check_robots: bool = True, accept: str | None = None,
            cancel: CancelToken | None = None, max_bytes: int | None = None,
            policy: AddressPolicy | None = None) -> FetchResult:
        """GET ``url``, following redirects; conditional when validators are given.

        ``max_bytes`` lowers the size cap for this request (e.g. for images). ``policy``
        says which local addresses this request may reach (default: ``address_policy``).
        A cancel of ``cancel`` ends the fetch at once, whatever it is waiting for.

        A 304 answer gives ``not_modified=True`` and empty content. Raises
        :class:`NetworkError` (unreachable, timeout, error status) or :class:`FetchBlocked`
        (robots.txt, not http(s), a refused local address, too large, too many redirects),
        and :class:`~huaibei_reader.errors.Cancelled` when ``cancel`` is set meanwhile.
        """
        headers = {"Accept": accept or DEFAULT_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._fetch(url, headers, check_robots=check_robots and self.config.robots,
                           cancel=cancel, truncate=False,
                           max_bytes=min(max_bytes or self.config.max_bytes,
                                         self.config.max_bytes),
                           raise_for_status=True, max_redirects=self.config.max_redirects,
                           policy=policy)

    def robots(self, url: str) -> RobotsAnswer:
        """The robots.txt answer for ``url``'s site (sitemaps, crawl delay), cached."""
        return self._robots.answer(url)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            sessions = list(self._sessions)
        for s in sessions:
            s.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals -----------------------------------------------------------------------

    def _session(self) -> requests.Session:
        s: requests.Session | None = getattr(self._local, "session", None)
        if s is not None:
            return s
        with self._lock:
            if self._closed:
                raise RuntimeError("HttpClient used after close()")
            s = self._new_session()
            self._sessions.add(s)
        self._local.session = s
        return s

    def _new_session(self) -> requests.Session:
        c = self.config
        retry = _PoliteRetry(
            total=c.retries, connect=c.retries, read=min(1, c.retries), status=c.retries,
            other=0, redirect=False, backoff_factor=c.backoff_factor, backoff_max=30.0,
            status_forcelist=RETRY_STATUSES, allowed_methods=frozenset({"GET", "HEAD"}),
            respect_retry_after_header=True, raise_on_status=False,
            raise_on_redirect=False, retry_after_max=math.ceil(c.max_retry_after))
        retry.fetch_of = self._watchdog.current
        s = requests.Session()
        s.headers["User-Agent"] = c.user_agent
        s.headers["Accept-Language"] = ACCEPT_LANGUAGE
        s.headers["Accept-Encoding"] = ACCEPT_ENCODING
        s.max_redirects = c.max_redirects
        size = max(4, c.per_host_limit * 2)
        for prefix in ("http://", "https://"):
            s.mount(prefix, WatchedAdapter(self._watchdog, pool_connections=16,
                                           pool_maxsize=size, max_retries=retry))
        if c.proxies:
            s.proxies.update(c.proxies)
        s.verify = True
        return s

    def _fetch_robots(self, robots_url: str) -> tuple[int, bytes]:
        outer = self._watchdog.current()
        result = self._fetch(robots_url, {"Accept": "text/plain,*/*;q=0.5"}, check_robots=False,
                             cancel=outer.cancel if outer else None,
                             max_bytes=self.config.robots_max_bytes, truncate=True,
                             raise_for_status=False, max_redirects=5, policy=None)
        return result.status, result.content

    def _timeout_error(self, fetch: Fetch) -> FetchTimeout:
        return FetchTimeout(f"timed out: {host_key(fetch.url)} did not send the whole page "
                            f"within {self.config.total_timeout:g} s ({redact(fetch.url)})")

    def _fetch(self, url: str, headers: dict[str, str], *, check_robots: bool,
               cancel: CancelToken | None, max_bytes: int, truncate: bool,
               raise_for_status: bool, max_redirects: int,
               policy: AddressPolicy | None) -> FetchResult:
        outer = self._watchdog.current()  # set when this is the robots.txt of a page
        if policy is None:
            policy = outer.policy if outer is not None else self.address_policy
        fetch = Fetch(url, cancel=cancel, budget=self.config.total_timeout, policy=policy,
                      after_public=outer.after_public if outer is not None else False,
                      on_timeout=self._timeout_error)
        with self._watchdog.watching(fetch):
            url = _checked_url(url, None)
            for _hop in range(max_redirects + 1):
                fetch.url = url
                if cancel is not None:
                    cancel.raise_if_cancelled()
                _check_literal_address(url, fetch)
                if check_robots:
                    self._check_robots(url)
                result, location = self._one_request(
                    url, headers, fetch, max_bytes=max_bytes, truncate=truncate,
                    raise_for_status=raise_for_status)
                if result is not None:
                    return result
                url = _checked_url(location or "", url)
            raise FetchBlocked(f"too many redirects (more than {max_redirects}): {redact(url)}",
                               kind="redirects", limit=max_redirects, page=redact(url))

    def _check_robots(self, url: str) -> None:
        try:
            self._robots.check(url)
        except NetworkError as exc:  # about the page asked for, not its robots.txt
            robots_url = redact(urljoin(url, "/robots.txt"))
            if robots_url not in str(exc):
                raise
            if isinstance(exc, PrivateAddressRefused):
                raise PrivateAddressRefused(url, exc.host, exc.address, exc.address_kind,
                                            redirected=exc.redirected) from None
            about_page = copy.copy(exc)  # same class, kind and values; the page's address
            about_page.args = (str(exc).replace(robots_url, redact(url)),)
            about_page.values = {k: redact(url) if v == robots_url else v
                                 for k, v in exc.values.items()}
            raise about_page from None
        delay = self._robots.answer(url).crawl_delay
        if delay:
            self._gate.set_delay(host_key(url), min(delay, self.config.max_crawl_delay))

    def _one_request(self, url: str, headers: dict[str, str], fetch: Fetch, *,
                     max_bytes: int, truncate: bool,
                     raise_for_status: bool) -> tuple[FetchResult | None, str | None]:
        """One hop: (result, None) when answered, (None, location) for a redirect."""
        c = self.config
        session = self._session()
        with self._gate.slot(host_key(url), fetch.cancel):
            # The deadline runs while we wait on the server, not on our own politeness queue.
            fetch.start_clock()
            started = time.monotonic()
            with self._stats_lock:
                self.requests_sent += 1
            try:
                try:
                    resp = session.get(url, headers=headers, stream=True, allow_redirects=False,
                                       timeout=(c.connect_timeout, c.read_timeout))
                except requests.RequestException as exc:
                    fetch.raise_if_stopped()
                    raise translate(exc, url, connect_timeout=c.connect_timeout,
                                    read_timeout=c.read_timeout,
                                    max_redirects=c.max_redirects) from None
                try:
                    if resp.is_redirect:
                        return None, session.get_redirect_target(resp) or ""
                    if resp.status_code == 304:
                        return self._result(url, resp, b"", started), None
                    if raise_for_status and resp.status_code >= 400:
                        raise status_error(url, resp.status_code,
                                           resp.headers.get("Retry-After"))
                    body = self._read_body(url, resp, fetch, max_bytes=max_bytes,
                                           truncate=truncate)
                    return self._result(url, resp, body, started), None
                finally:
                    resp.close()
            finally:
                fetch.stop_clock()

    def _read_body(self, url: str, resp: requests.Response, fetch: Fetch, *,
                   max_bytes: int, truncate: bool) -> bytes:
        """The body, read raw and inflated here: the deadline, the cancel token and the size
        cap (raw and decoded) are looked at after every raw chunk, however little it
        decodes to."""
        c = self.config
        limit_text = _size_text(max_bytes)
        try:
            decoder = BoundedDecoder(resp.headers.get("Content-Encoding"))
        except UnsupportedEncoding as exc:
            raise NetworkError(f"the server sent the page compressed as {exc.encoding[:20]!r}, "
                               f"which the reader cannot read ({redact(url)})",
                               kind="unknown-compression", page=redact(url)) from None
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes and not truncate \
                and not decoder.encoded:
            raise TooLarge(f"too large: the page is {_size_text(int(declared))}, more than "
                           f"the {limit_text} limit ({redact(url)})", kind="too-large",
                           limit=limit_text, page=redact(url))
        chunks: list[bytes] = []
        size = raw_size = 0
        raw = resp.raw
        try:
            while True:
                fetch.raise_if_stopped()
                data = raw.read1(_CHUNK, decode_content=False)
                fetch.raise_if_stopped()  # an end of data may be the watchdog's cut
                raw_size += len(data)
                if raw_size > max_bytes and not truncate:
                    raise TooLarge(f"too large: the page is more than {limit_text} "
                                   f"({redact(url)})", kind="too-large", limit=limit_text,
                                   page=redact(url))
                room = max_bytes - size
                piece = decoder.feed(data, room) if data else decoder.flush(room)
                size += len(piece)
                if size > max_bytes:
                    if truncate:
                        chunks.append(piece[:room])
                        size = max_bytes
                        break
                    what = "inflates to" if decoder.encoded else "is"
                    raise TooLarge(f"too large: the page {what} more than {limit_text} "
                                   f"({redact(url)})", kind="too-large", limit=limit_text,
                                   page=redact(url))
                chunks.append(piece)
                if not data or (truncate and raw_size >= max_bytes):
                    break
        except DecodeFailed:
            raise NetworkError(f"the server sent a broken compressed response: "
                               f"{redact(url)}", kind="bad-compression", page=redact(url)) \
                from None
        except (urllib3_exc.HTTPError, OSError, ValueError, http.client.HTTPException) as exc:
            fetch.raise_if_stopped()  # the socket was cut: cancelled or out of time
            if isinstance(exc, urllib3_exc.ReadTimeoutError):
                raise FetchTimeout(f"timed out: {host_key(url)} stopped sending for "
                                   f"{c.read_timeout:g} s ({redact(url)})", kind="read-timeout",
                                   host=host_key(url), seconds=c.read_timeout,
                                   page=redact(url)) from None
            raise NetworkError(f"the connection broke off while reading {redact(url)} "
                               f"({type(exc).__name__})", kind="broke-off",
                               page=redact(url)) from None
        finally:
            with self._stats_lock:
                self.bytes_received += size
        return b"".join(chunks)

    @staticmethod
    def _result(url: str, resp: requests.Response, body: bytes, started: float) -> FetchResult:
        headers = {k.lower(): v for k, v in resp.headers.items()}
        return FetchResult(url=url, status=resp.status_code, headers=headers, content=body,
                           charset=declared_charset(headers.get("content-type")),
                           not_modified=resp.status_code == 304,
                           elapsed=time.monotonic() - started)


def _check_literal_address(url: str, fetch: Fetch) -> None:
    """Refuse a local address written in the URL itself (or a ``localhost`` name) before
    anything is sent: through a proxy this is the only check there is."""
    host = (urlsplit(url).hostname or "").lower()
    address = literal_address(host)
    if address is None and (host == "localhost" or host.endswith(".localhost")):
        address = literal_address("127.0.0.1")  # RFC 6761: always the loopback
    if address is None:
        return
    kind = fetch.policy.refuses(url, address, after_public=fetch.after_public)
    if kind is not None:
        raise PrivateAddressRefused(url, host, str(address), kind,
                                    redirected=fetch.after_public)


def _size_text(n: int) -> str:
    return f"{n / MiB:.0f} MB" if n >= MiB else f"{n / 1024:.0f} KB"


def _checked_url(url: str, base: str | None) -> str:
    """An absolute http(s) URL without fragment, or FetchBlocked with a plain reason."""
    raw = url.strip()
    try:
        absolute = urljoin(base, raw) if base else raw
        parts = urlsplit(absolute)
    except ValueError:
        raise FetchBlocked(f"not a usable web address: {redact(raw)[:200]}", kind="bad-address",
                           page=redact(raw)[:200]) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = redact(absolute)[:200]
        if base:
            raise FetchBlocked(f"redirected to a non-web address (only http and https are "
                               f"fetched): {shown}", kind="redirect-not-web", page=shown)
        raise FetchBlocked(f"not a web address (only http and https are fetched): {shown}",
                           kind="not-web", page=shown)
    if not parts.hostname:
        raise FetchBlocked(f"not a usable web address (no host name): {redact(absolute)[:200]}",
                           kind="bad-address", page=redact(absolute)[:200])
    return urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, ""))


