"""Shared pieces of the reliability tests (a module of its own: test modules must not import
``conftest``, whose name is not unique across folders)."""

from __future__ import annotations

from pathlib import Path

from support.local import LOCAL_OK

from huaibei_reader.net import HttpConfig

UA = "HuaibeiReader/test (+https://example.invalid; reliability tests)"
REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"

# Short limits so a fault costs a second or two, not the minutes the defaults allow; the
# fault server listens on 127.0.0.1, which the tests allow explicitly.
SHORT = {"user_agent": UA, "connect_timeout": 2.0, "read_timeout": 1.0, "retries": 1,
             "backoff_factor": 0.05, "max_retry_after": 2.0, "total_timeout": 3.0,
             "address_policy": LOCAL_OK}


def short_config(**overrides: object) -> HttpConfig:
    return HttpConfig(**{**SHORT, **overrides})  # type: ignore[arg-type]
