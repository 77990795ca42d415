"""How the HTTP client behaves: timeouts, retries, politeness and limits, in one frozen value."""

from __future__ import annotations

from dataclasses import dataclass, field

from huaibei_reader.net.addresses import AddressPolicy

MiB = 1024 * 1024


@dataclass(frozen=True)
class HttpConfig:
    """Settings of one :class:`~huaibei_reader.net.client.HttpClient`.

    ``per_host_limit`` and ``min_delay`` are the politeness bound: at most that many requests
    in flight to one host, and at least ``min_delay`` seconds between the starts of two
    requests to it (a robots.txt ``Crawl-delay`` raises it, up to ``max_crawl_delay``).
    ``proxies`` is a requests-style mapping ({"http": URL, "https": URL}); system proxies
    (environment, registry, macOS settings) are used when it is None.

    ``total_timeout`` is every fetch's deadline: connecting, the headers and the whole body,
    redirects and retries included (the wait in our own politeness queue is not counted).
    ``address_policy`` says which local addresses requests may reach (by default none:
    loopback, private, link-local... are refused; see net/addresses.py).
    """

    user_agent: str
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    retries: int = 3
    per_host_limit: int = 2
    min_delay: float = 0.0
    max_bytes: int = 50 * MiB
    max_redirects: int = 10
    robots: bool = True
    proxies: dict[str, str] | None = None
    # Beyond the contract: bounds we chose so a hostile server cannot hold us.
    backoff_factor: float = 0.5  # seconds; doubled per retry (0.5, 1, 2...)
    max_retry_after: float = 30.0  # a longer Retry-After is not waited for: we give up instead
    total_timeout: float = 30.0  # a trickling body, or headers a byte a second, end here
    address_policy: AddressPolicy = field(default_factory=AddressPolicy)
    max_crawl_delay: float = 10.0
    robots_max_bytes: int = 512 * 1024  # RFC 9309: parse at least 500 KiB
    robots_ttl: float = 24 * 3600.0  # RFC 9309: do not use a cached copy longer than 24 h
    robots_error_ttl: float = 300.0  # a robots.txt answering 5xx is asked again after this

    def __post_init__(self) -> None:
        if not self.user_agent.strip():
            raise ValueError("HttpConfig.user_agent must not be empty")
        if self.per_host_limit < 1:
            raise ValueError("HttpConfig.per_host_limit must be at least 1")
        if self.total_timeout <= 0:
            raise ValueError("HttpConfig.total_timeout must be positive")
        if self.max_bytes < 1 or self.max_redirects < 0 or self.retries < 0:
            raise ValueError("HttpConfig limits must not be negative")
