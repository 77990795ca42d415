"""A really read-only folder for tests that run as root (which ignores permission bits): a
read-only bind mount of a temporary folder. Skips the test when mounting is not allowed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only_view(source: Path, target: Path) -> Iterator[Path]:
    """``target``: ``source`` mounted read-only (bind), unmounted afterwards."""
    if not sys.platform.startswith("linux") or shutil.which("mount") is None:
        pytest.skip("read-only bind mounts need Linux's mount")
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(source), str(target)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make a read-only bind mount here: {done.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], capture_output=True, check=False)
