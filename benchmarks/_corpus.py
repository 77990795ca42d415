"""Load the shared article corpora (../shared/corpus) for benchmarks and tests.

Every folder of ``../shared/corpus`` that holds a ``manifest.jsonl`` is a set, so a set added
there is picked up without code changes. Each page is put in a *tuning* or a *checking* part
by a fixed hash of its set and id: tune on the first, and keep a change only when the second
improves too (the engine is judged on pages it never saw).

Crawl-file formats are handled here, never in the product: some cwced-zh pages are CleanEval
crawl dumps whose first line is a ``<text id=URL title=... encoding=...>`` wrapper. The loader
strips it and hands its ``encoding`` to the engine the way a web server would, as the HTTP
charset.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"

# The split is fixed once: changing the seed would move pages between the parts and make
# tuning and checking figures of different runs incomparable.
SPLIT_SEED = "huaibei-reader/split/1"
CHECK_SHARE = 3  # one page in CHECK_SHARE goes to the checking part
PARTS = ("tune", "check")

_WRAPPER_OPEN = re.compile(rb"^\s*<text\b([^>]*)>[ \t]*\r?\n?", re.I)
_WRAPPER_CLOSE = re.compile(rb"</text>\s*$", re.I)
_WRAPPER_ENCODING = re.compile(rb"\bencoding\s*=\s*[\"']?([\w.:-]+)", re.I)


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
    source: str | None = None
    http_charset: str | None = None  # what the server would have said (crawl wrapper)
    part: str = "tune"  # "tune" or "check"


def available() -> bool:
    return CORPUS.is_dir()


def set_names() -> list[str]:
    """Every set in ../shared/corpus (folders with a manifest), sorted."""
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if (p / "manifest.jsonl").is_file())


def part_of(set_name: str, page_id: str) -> str:
    """The fixed part ("tune" or "check") a page belongs to."""
    digest = hashlib.sha256(f"{SPLIT_SEED}/{set_name}/{page_id}".encode()).digest()
    return "check" if int.from_bytes(digest[:8], "big") % CHECK_SHARE == 0 else "tune"


def strip_crawl_wrapper(data: bytes) -> tuple[bytes, str | None]:
    """Remove a CleanEval ``<text ...>`` wrapper; return the page and the wrapper's encoding."""
    m = _WRAPPER_OPEN.match(data[:4096])
    if not m:
        return data, None
    enc = _WRAPPER_ENCODING.search(m.group(1))
    body = _WRAPPER_CLOSE.sub(b"", data[m.end():])
    return body, enc.group(1).decode("ascii") if enc else None


def load_set(name: str, part: str | None = None) -> list[CorpusPage]:
    """Every page of one set with its truth, bytes preloaded; ``part`` keeps one part only."""
    folder = CORPUS / name
    pages = []
    with open(folder / "manifest.jsonl", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            page_part = part_of(name, row["id"])
            if part is not None and page_part != part:
                continue
            raw = gzip.decompress((folder / row["file"]).read_bytes())
            data, charset = strip_crawl_wrapper(raw)
            pages.append(CorpusPage(name, row["id"], row.get("url") or "", data,
                                    row.get("text") or "", row.get("title"),
                                    row.get("published"), row.get("author"), row.get("source"),
                                    charset, page_part))
    return pages


def textscore():
    """The shared scoring module (../shared/tools/textscore.py)."""
    tools = str(SHARED / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)
    import textscore  # type: ignore[import-not-found]

    return textscore


# Kept for callers that name the three original sets; new code uses set_names().
SETS = tuple(set_names()) or ("cwced-zh", "scrapinghub-aeb", "mozilla-readability")
