"""Polite, bounded HTTP: the client, its settings, and what it returns.

Plain Python (no Qt). See docs/ARCHITECTURE.md for the contract.

The names are loaded on first use (PEP 562): importing ``requests`` costs about 130 ms, and
the window is shown before anything is fetched, with only ``HttpConfig`` needed by then.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from huaibei_reader.net.addresses import AddressPolicy
    from huaibei_reader.net.client import (
        DEFAULT_ACCEPT,
        FEED_ACCEPT,
        FetchResult,
        HttpClient,
        host_key,
    )
    from huaibei_reader.net.config import HttpConfig
    from huaibei_reader.net.failures import (
        FetchTimeout,
        HttpStatusError,
        PrivateAddressRefused,
        TooLarge,
        redact,
    )

_WHERE = {
    "AddressPolicy": "addresses",
    "DEFAULT_ACCEPT": "client",
    "FEED_ACCEPT": "client",
    "FetchResult": "client",
    "HttpClient": "client",
    "host_key": "client",
    "HttpConfig": "config",
    "FetchTimeout": "failures",
    "HttpStatusError": "failures",
    "PrivateAddressRefused": "failures",
    "TooLarge": "failures",
    "redact": "failures",
}

__all__ = [
    "AddressPolicy",
    "DEFAULT_ACCEPT",
    "FEED_ACCEPT",
    "FetchResult",
    "FetchTimeout",
    "HttpClient",
    "HttpConfig",
    "HttpStatusError",
    "PrivateAddressRefused",
    "TooLarge",
    "host_key",
    "redact",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value
