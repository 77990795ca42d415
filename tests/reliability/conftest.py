"""Fixtures for the reliability tests: the fault server and clients with short limits."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from faultserver import FaultServer  # noqa: E402

from huaibei_reader.net import HttpClient, HttpConfig  # noqa: E402

UA = "HuaibeiReader/test (+https://example.invalid; reliability tests)"
REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"

# Short limits so a fault costs a second or two, not the minutes the defaults allow.
SHORT = dict(user_agent=UA, connect_timeout=2.0, read_timeout=1.0, retries=1,
             backoff_factor=0.05, max_retry_after=2.0, total_timeout=3.0)


def short_config(**overrides: object) -> HttpConfig:
    return HttpConfig(**{**SHORT, **overrides})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def faults() -> Iterator[FaultServer]:
    """One fault server for a module (good pages, the index and every fault)."""
    with FaultServer() as server:
        yield server


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(short_config()) as c:
        yield c
