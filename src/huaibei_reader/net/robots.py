"""robots.txt, read with the standard library's parser and cached per origin.

What an unreadable robots.txt means follows RFC 9309: a 4xx answer ("unavailable") allows
everything; a 5xx answer (or 429) means "unreachable", so nothing on the site is fetched until
it is asked again a few minutes later. A network failure is not cached: the page fetch itself
then reports the real problem (refused, timed out).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from huaibei_reader.errors import FetchBlocked
from huaibei_reader.net.failures import redact


@dataclass
class RobotsAnswer:
    """What one origin's robots.txt said, for the cache."""

    parser: RobotFileParser | None  # None: no usable rules (see allow_all)
    allow_all: bool
    reason: str  # why everything is refused, when parser is None and not allow_all
    expires: float
    sitemaps: tuple[str, ...] = ()
    crawl_delay: float | None = None


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against ("HuaibeiReader")."""
    return user_agent.split("/", 1)[0].split(maxsplit=1)[0] if user_agent.strip() else "*"


class RobotsCache:
    """Answers "may we fetch this URL?" from each origin's robots.txt, fetched once per TTL.

    ``fetch(robots_url) -> (status, body)`` does the HTTP work (the client's own politeness
    applies to it); it raises :class:`~huaibei_reader.errors.NetworkError` when the server
    cannot be reached.
    """

    def __init__(self, fetch: Callable[[str], tuple[int, bytes]], user_agent: str, *,
                 ttl: float = 24 * 3600.0, error_ttl: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._fetch = fetch
        self._agent = agent_token(user_agent)
        self._ttl = ttl
        self._error_ttl = error_ttl
        self._clock = clock
        self._answers: dict[str, RobotsAnswer] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def answer(self, url: str) -> RobotsAnswer:
        """The cached (or freshly fetched) robots.txt answer for ``url``'s origin."""
        origin = origin_of(url)
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch per origin, however many threads ask at once
            cached = self._answers.get(origin)
            if cached is not None and cached.expires > self._clock():
                return cached
            fresh = self._load(origin)
            self._answers[origin] = fresh
            return fresh

    def check(self, url: str) -> None:
        """Raise :class:`FetchBlocked` when robots.txt forbids ``url``."""
        ans = self.answer(url)
        if ans.allow_all:
            return
        if ans.parser is None:
            raise FetchBlocked(f"blocked by robots.txt: {ans.reason} ({redact(url)})")
        if not ans.parser.can_fetch(self._agent, url):
            raise FetchBlocked(f"blocked by robots.txt: {redact(url)}")

    def _load(self, origin: str) -> RobotsAnswer:
        status, body = self._fetch(origin + "/robots.txt")
        now = self._clock()
        host = origin.split("://", 1)[1]
        if status == 429 or status >= 500:
            return RobotsAnswer(None, False, f"{host} could not serve its robots.txt "
                                f"(HTTP {status}), so we stay away for now",
                                now + self._error_ttl)
        if status >= 400 or status < 200 or status >= 300:
            return RobotsAnswer(None, True, "", now + self._ttl)
        text = body.decode("utf-8", errors="replace").lstrip("\ufeff")
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self._agent)
        return RobotsAnswer(parser, False, "", now + self._ttl,
                            tuple(parser.site_maps() or ()),
                            float(delay) if delay is not None else None)
