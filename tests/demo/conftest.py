"""The demo's sample-edition server per test module, on 127.0.0.1 port 0."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from huaibei_reader.demo import EditionManifest, SampleEditionServer, load_manifest


@pytest.fixture(scope="module")
def server() -> Iterator[SampleEditionServer]:
    with SampleEditionServer() as edition:
        yield edition


@pytest.fixture(scope="session")
def manifest() -> EditionManifest:
    return load_manifest()
