"""Suite-wide set-up: headless Qt, and where the shared corpora live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests run headless; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HUAIBEI_READER_DATA", str(Path(os.environ.get("TMPDIR", "/tmp"))
                                                   / "huaibei-reader-test-data-never-used"))

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; tests needing it skip (with the reason) when absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not beside this checkout (only in the team workplace)")
    return SHARED
