"""Load the shared article corpora (../shared/corpus) for benchmarks and tests."""

from __future__ import annotations

import gzip
import json
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SETS = ("cwced-zh", "scrapinghub-aeb", "mozilla-readability")


@dataclass(frozen=True)
class CorpusPage:
    set: str
    id: str
    url: str
    data: bytes
    text: str
    title: str | None
    published: str | None
    author: str | None


def available() -> bool:
    return CORPUS.is_dir()


def load_set(name: str) -> list[CorpusPage]:
    """Every page of one set with its truth, bytes preloaded."""
    folder = CORPUS / name
    pages = []
    with open(folder / "manifest.jsonl", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            data = gzip.decompress((folder / row["file"]).read_bytes())
            pages.append(CorpusPage(name, row["id"], row.get("url") or "", data,
                                    row.get("text") or "", row.get("title"),
                                    row.get("published"), row.get("author")))
    return pages


def textscore():
    """The shared scoring module (../shared/tools/textscore.py)."""
    tools = str(SHARED / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)
    import textscore  # type: ignore[import-not-found]

    return textscore
