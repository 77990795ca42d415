"""Fixtures for the reliability tests: the fault server and a client with short limits."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from faultserver import FaultServer
from reliakit import short_config

from huaibei_reader.net import HttpClient


@pytest.fixture(scope="module")
def faults() -> Iterator[FaultServer]:
    """One fault server for a module (good pages, the index and every fault)."""
    with FaultServer() as server:
        yield server


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(short_config()) as c:
        yield c
