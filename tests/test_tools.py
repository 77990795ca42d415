"""The house's checkers run with the tests, so ``scripts/test`` and ``.ci/run`` fail when they
do: ruff with the rule set in pyproject.toml on src, tests and benchmarks, and mypy on the
whole package (strict on models, store, net and extract). Both come with the ``test`` extra."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOL_TIMEOUT = 300  # seconds: a cold mypy run takes about 10; this only catches a hang


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name(tool)
    if not exe.exists():
        pytest.fail(f"{tool} is not installed next to {sys.executable}: "
                    "install the test extra (scripts/setup.sh test)")
    return subprocess.run([str(exe), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=TOOL_TIMEOUT)


def test_ruff_finds_nothing() -> None:
    ran = _run("ruff", "check", "--no-cache", "src", "tests", "benchmarks")
    assert ran.returncode == 0, ran.stdout[-4000:] + ran.stderr[-2000:]


def test_mypy_finds_nothing() -> None:
    ran = _run("mypy")  # files and strictness from [tool.mypy] in pyproject.toml
    assert ran.returncode == 0, ran.stdout[-4000:] + ran.stderr[-2000:]
    assert "Success: no issues found" in ran.stdout
