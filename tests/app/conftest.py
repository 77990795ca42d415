"""Fixtures of the refresh tests: a fresh library and a quick-retrying HTTP client."""

from __future__ import annotations

import pytest
from support.local import LOCAL_OK

from huaibei_reader.net import HttpClient, HttpConfig
from huaibei_reader.store import Library


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


@pytest.fixture
def client():
    c = HttpClient(HttpConfig(user_agent="HuaibeiReader/test", address_policy=LOCAL_OK,
                              connect_timeout=2,
                              read_timeout=5, retries=2, backoff_factor=0.05))
    yield c
    c.close()
