"""Fixtures for the net tests: a loopback server and a client with short timeouts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from netkit import make_client
from support.loopback import LoopbackServer


@pytest.fixture
def server():
    with LoopbackServer() as s:
        yield s


@pytest.fixture
def client():
    c = make_client()
    yield c
    c.close()
