"""Fixtures for the net tests: a loopback server and a client with short timeouts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loopback import Loopback  # noqa: E402

from huaibei_reader.net import HttpClient, HttpConfig  # noqa: E402

UA = "HuaibeiReader/test (+https://example.invalid; tests)"


@pytest.fixture
def server():
    with Loopback() as s:
        yield s


def make_client(**overrides) -> HttpClient:
    settings = dict(user_agent=UA, connect_timeout=2.0, read_timeout=5.0, retries=2,
                    backoff_factor=0.05)
    settings.update(overrides)
    return HttpClient(HttpConfig(**settings))


@pytest.fixture
def client():
    c = make_client()
    yield c
    c.close()
