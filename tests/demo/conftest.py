"""A sample-edition server per test module, on 127.0.0.1 port 0."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from huaibei_reader.demo import EditionManifest, SampleEditionServer, load_manifest


@pytest.fixture(scope="module")
def edition_server() -> Iterator[SampleEditionServer]:
    with SampleEditionServer() as server:
        yield server


@pytest.fixture()
def server(edition_server: SampleEditionServer) -> Iterator[SampleEditionServer]:
    """The module's server with a clean request log and no overrides."""
    edition_server.clear_requests()
    edition_server.clear_overrides()
    yield edition_server
    edition_server.clear_overrides()


@pytest.fixture(scope="session")
def manifest() -> EditionManifest:
    return load_manifest()
