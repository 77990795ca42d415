"""The bundled sample edition and the loopback server that serves it (no Qt).

``SampleEditionServer`` serves ``resources/sample-edition`` on 127.0.0.1; ``load_manifest``
reads the edition's ``manifest.json`` (the expected extraction of each article).
"""

from huaibei_reader.demo.manifest import EditionArticle, EditionManifest, load_manifest
from huaibei_reader.demo.server import (
    DEMO_PORT,
    DemoUnavailable,
    EditionSite,
    SampleEditionServer,
    default_edition_dir,
)

__all__ = [
    "DEMO_PORT",
    "DemoUnavailable",
    "EditionSite",
    "EditionArticle",
    "EditionManifest",
    "SampleEditionServer",
    "default_edition_dir",
    "load_manifest",
]
