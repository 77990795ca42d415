"""HostGate alone: slots per host, independent hosts, minimum delay, cancellable waits."""

from __future__ import annotations

import itertools
import threading
import time

import pytest

from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled
from huaibei_reader.net.politeness import HostGate


def test_a_busy_host_does_not_block_another():
    gate = HostGate(limit=1)
    with gate.slot("a.example"):
        started = time.monotonic()
        with gate.slot("b.example"):
            pass
        assert time.monotonic() - started < 0.1


def test_limit_and_cancel():
    gate = HostGate(limit=1)
    token = CancelToken()
    with gate.slot("a.example"):
        threading.Timer(0.2, token.cancel).start()
        with pytest.raises(Cancelled), gate.slot("a.example", token):
            pass
    with gate.slot("a.example"):  # the cancelled waiter did not keep a slot
        pass


def test_delay_spaces_starts_and_can_be_raised():
    gate = HostGate(limit=2, min_delay=0.05)
    gate.set_delay("a.example", 0.15)
    starts = []
    for _ in range(3):
        with gate.slot("a.example"):
            starts.append(time.monotonic())
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert all(g >= 0.14 for g in gaps)
