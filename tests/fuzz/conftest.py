"""A count of the examples the fuzz properties ran, printed in the terminal summary as
``fuzz: N examples over K properties, F failures`` (benchmarks/faults.py reads it).

The settings live in ``fuzzkit.FUZZ`` and are applied per test, so the hypothesis tests of
other folders keep their own defaults.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

EXAMPLES: Counter[str] = Counter()


@pytest.fixture
def count_example(request: pytest.FixtureRequest):
    """Call once per example: counts what the properties actually ran."""
    name = request.node.name

    def tick() -> None:
        EXAMPLES[name] += 1

    return tick


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not EXAMPLES:
        return
    failed = len([r for r in terminalreporter.stats.get("failed", [])
                  if "tests/fuzz/" in r.nodeid])
    terminalreporter.write_line(
        f"fuzz: {sum(EXAMPLES.values())} examples over {len(EXAMPLES)} properties, "
        f"{failed} failures")
