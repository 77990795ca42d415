"""Polite, bounded HTTP: the client, its settings, and what it returns.

Plain Python (no Qt). See docs/ARCHITECTURE.md for the contract.
"""

from huaibei_reader.net.client import (
    DEFAULT_ACCEPT,
    FEED_ACCEPT,
    FetchResult,
    HttpClient,
    host_key,
)
from huaibei_reader.net.config import HttpConfig
from huaibei_reader.net.failures import FetchTimeout, HttpStatusError, TooLarge, redact

__all__ = [
    "DEFAULT_ACCEPT",
    "FEED_ACCEPT",
    "FetchResult",
    "FetchTimeout",
    "HttpClient",
    "HttpConfig",
    "HttpStatusError",
    "TooLarge",
    "host_key",
    "redact",
]
