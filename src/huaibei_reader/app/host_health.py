"""Per-host health within one refresh: a host that is down is given up on until the next one.

A refresh may hold hundreds of URLs on one host. When that host refuses connections, does not
resolve, fails TLS or times out, every URL would cost the client's retries (seconds each)
and the refresh would take many minutes to say "the host is down". Instead, after
``FAILURES_BEFORE_SKIP`` failures in a row the host's remaining URLs in this refresh are
skipped (and its requests in flight are cut); the next refresh tries again.

A host answering 429 or 503 with ``Retry-After`` is honoured: its queue pauses that long (the
URL is asked again once), unless the wait is longer than ``MAX_HONOURED_WAIT``, in which case
its remaining URLs are skipped at once.

Hosts are told apart by origin (host and port): another service on the same machine is
another host.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import FetchBlocked, KnownError, NetworkError

# One failure is a blip and two may be a restart; the third in a row, each after the client's
# own retries, is a host that is down for this refresh.
FAILURES_BEFORE_SKIP = 3
# Longest Retry-After a refresh waits for: a person is waiting for it to end, and a host that
# asks for more is asked again on the next refresh instead.
MAX_HONOURED_WAIT = 60.0
# Statuses that say "the host is unavailable" rather than "this page is": they count like a
# refused connection.
UNAVAILABLE_STATUSES = frozenset({429, 502, 503, 504})

OK = "ok"  # the host answered
FAILED = "failed"  # one more failure, the host is still tried
RETRY = "retry"  # the host asked to wait (honoured): ask this URL again after the pause
DOWN = "down"  # the host was just given up on for this refresh


def origin_key(url: str) -> str:
    """``host`` or ``host:port`` of ``url`` (lower case), the name a host is judged under."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return ""
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def _status(exc: KnownError) -> int | None:
    status = getattr(exc, "status", None)
    return status if isinstance(status, int) else None


def is_host_failure(exc: KnownError) -> bool:
    """Does ``exc`` say the host (not the page) is failing: no connection, no answer in
    time, or an "unavailable" status?"""
    if isinstance(exc, FetchBlocked) or not isinstance(exc, NetworkError):
        return False  # a policy refusal or a page-level problem: the host did answer
    status = _status(exc)
    return status is None or status in UNAVAILABLE_STATUSES


def wait_text(seconds: float) -> str:
    """A wait as a person says it: "45 s", "10 min", "3 h", "1 day"."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    if seconds < 23.5 * 3600:
        return f"{seconds / 3600:.0f} h"
    days = seconds / 86400
    return f"{days:.0f} day" + ("s" if round(days) != 1 else "")


@dataclass(frozen=True)
class HostDown:
    """Why a host was given up on, as values (the window words them in its language)."""

    why: str  # NOT_REACHABLE | UNAVAILABLE | ASKS_TO_WAIT
    status: int | None = None  # the HTTP status that said so
    wait: float | None = None  # seconds the host asked us to wait (ASKS_TO_WAIT)


NOT_REACHABLE = "not-reachable"
UNAVAILABLE = "unavailable"
ASKS_TO_WAIT = "asks-to-wait"


@dataclass
class HostSkip:
    """What one source skipped on one host given up on."""

    reason: str  # "not reachable", "asks us to wait 1 day (HTTP 429)"
    articles: int = 0
    from_feed: int = 0  # of those, stored from their feed item
    cause: HostDown | None = None  # the reason as values

    def line(self, host: str) -> str:
        kept = f" ({self.from_feed} stored from the feed)" if self.from_feed else ""
        return (f"{host}: {self.reason}, {self.articles} articles skipped{kept}, "
                "will try on the next refresh")


class _Host:
    __slots__ = ("failures", "down", "cause", "resume_at", "token")

    def __init__(self) -> None:
        self.failures = 0
        self.down: str | None = None
        self.cause: HostDown | None = None
        self.resume_at = 0.0
        self.token = CancelToken()


class HostHealth:
    """The state of every host seen in one refresh (the scheduler's thread only)."""

    def __init__(self, *, failures_before_skip: int = FAILURES_BEFORE_SKIP,
                 max_wait: float = MAX_HONOURED_WAIT,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = max(1, failures_before_skip)
        self._max_wait = max_wait
        self._clock = clock
        self._hosts: dict[str, _Host] = {}

    def _host(self, origin: str) -> _Host:
        host = self._hosts.get(origin)
        if host is None:
            host = self._hosts[origin] = _Host()
        return host

    def token(self, origin: str) -> CancelToken:
        """The cancel token of the host's requests: set when it is given up on (or when the
        whole refresh stops, see ``cancel_all``)."""
        return self._host(origin).token

    def down(self, origin: str) -> str | None:
        """Why the host was given up on in this refresh; None while it is still tried."""
        host = self._hosts.get(origin)
        return host.down if host is not None else None

    def down_cause(self, origin: str) -> HostDown | None:
        """``down`` as values, for the window to word."""
        host = self._hosts.get(origin)
        return host.cause if host is not None else None

    def wait_left(self, origin: str) -> float:
        """Seconds before the host may be asked again (0: now)."""
        host = self._hosts.get(origin)
        return max(0.0, host.resume_at - self._clock()) if host is not None else 0.0

    def answered(self, origin: str) -> None:
        self._host(origin).failures = 0

    def failed(self, origin: str, exc: KnownError, *, may_retry: bool) -> str:
        """Record a failed request to ``origin``: OK (not the host's fault), FAILED, RETRY
        (``may_retry`` and the host asked for a wait we honour) or DOWN."""
        if not is_host_failure(exc):
            self.answered(origin)
            return OK
        host = self._host(origin)
        if host.down is not None:
            return FAILED
        status = _status(exc)
        asked = _retry_after(exc)
        if asked is not None and asked > self._max_wait:
            return self._give_up(host, f"asks us to wait {wait_text(asked)} (HTTP {status}, "
                                       "Retry-After)", HostDown(ASKS_TO_WAIT, status, asked))
        if asked is not None:
            host.resume_at = max(host.resume_at, self._clock() + asked)
            if may_retry:
                return RETRY
        host.failures += 1
        if host.failures >= self._limit:
            reason = "not reachable" if status is None else f"unavailable (HTTP {status})"
            return self._give_up(host, reason, HostDown(NOT_REACHABLE if status is None
                                                        else UNAVAILABLE, status))
        return FAILED

    def _give_up(self, host: _Host, reason: str, cause: HostDown) -> str:
        host.down = reason
        host.cause = cause
        host.token.cancel()  # cut what is still in flight to it
        return DOWN

    def cancel_all(self) -> None:
        for host in self._hosts.values():
            host.token.cancel()


def _retry_after(exc: KnownError) -> float | None:
    if _status(exc) not in (429, 503):
        return None
    from huaibei_reader.net.client import retry_after_seconds

    return retry_after_seconds(getattr(exc, "retry_after", None))
