"""Golden set: the shared corpora scored with ../shared/tools/textscore.py.

Floors sit a little below what the engine reaches, so a regression fails CI while a
page-level wobble does not. See benchmarks/extraction.py for the full comparison.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from statistics import mean

import pytest

from huaibei_reader.errors import NotAnArticle
from huaibei_reader.extract import extract_article

pytestmark = pytest.mark.corpus

# per-set mean F1 floors
F1_FLOORS = {"cwced-zh": 0.98, "scrapinghub-aeb": 0.965, "mozilla-readability": 0.95}
DATE_FLOOR = 0.93  # cwced-zh, same calendar day where the truth has Y-M-D
AUTHOR_FLOOR = 0.65  # cwced-zh
TITLE_FLOOR = 0.94  # mozilla-readability, where the truth has a title


def _textscore(shared: Path):
    spec = importlib.util.spec_from_file_location("textscore", shared / "tools" / "textscore.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results(shared_dir: Path) -> dict[str, list[tuple[dict, object]]]:
    """Every page of every set with what the engine made of it (or None).

    Pages come through the benchmarks' corpus loader, which strips crawl-file wrappers the
    way a web server would never send them.
    """
    corpus = _corpus_loader()
    out: dict[str, list[tuple[dict, object]]] = {}
    for name in F1_FLOORS:
        rows = []
        for page in corpus.load_set(name):
            row = {"id": page.id, "text": page.text, "published": page.published,
                   "author": page.author, "title": page.title}
            try:
                article = extract_article(page.data, page.url, http_charset=page.http_charset)
            except NotAnArticle:
                article = None
            rows.append((row, article))
        out[name] = rows
    return out


def _corpus_loader():
    bench = str(Path(__file__).resolve().parents[2] / "benchmarks")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    import _corpus  # type: ignore[import-not-found]

    return _corpus


@pytest.mark.parametrize("name", sorted(F1_FLOORS))
def test_mean_f1_does_not_regress(name: str, results, shared_dir: Path) -> None:
    ts = _textscore(shared_dir)
    scores = [ts.score(a.text if a else "", row["text"])[2] for row, a in results[name]]
    assert mean(scores) >= F1_FLOORS[name], f"{name}: mean F1 {mean(scores):.4f}"


def _same_day(got, want: str) -> bool | None:
    import re

    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", want or "")
    if not m:
        return None
    return got is not None and (got.year, got.month, got.day) == tuple(int(x) for x in m.groups())


def test_dates_and_authors_on_chinese_pages(results) -> None:
    dates = [_same_day(a.published if a else None, row["published"])
             for row, a in results["cwced-zh"]]
    dates = [d for d in dates if d is not None]
    assert sum(dates) / len(dates) >= DATE_FLOOR
    authors = []
    for row, a in results["cwced-zh"]:
        if not row.get("author"):
            continue
        want = row["author"].replace("、", " ").split()
        authors.append(a is not None and sorted(a.authors) == sorted(want))
    assert sum(authors) / len(authors) >= AUTHOR_FLOOR


@pytest.mark.parametrize("prefix", ["6dc2d508", "b70f455d"])
def test_pages_with_a_few_invalid_gb_bytes_stay_articles(prefix: str, results,
                                                         shared_dir: Path) -> None:
    """The binary check must not take a few invalid GB bytes for a binary file."""
    ts = _textscore(shared_dir)
    row, article = next((r, a) for r, a in results["cwced-zh"] if r["id"].startswith(prefix))
    assert article is not None, f"{prefix}: no article"
    assert ts.score(article.text, row["text"])[2] >= 0.9


def _title_ok(got: str | None, want: str) -> bool:
    """Normalised equal, or one holds the other at >= 60% of its length (as the benchmark)."""
    import re

    g, w = (re.sub(r"[\W_]+", "", (t or "")).lower() for t in (got, want))
    if not g or not w:
        return g == w
    short, long_ = sorted((g, w), key=len)
    return short in long_ and len(short) >= 0.6 * len(long_)


def test_titles_on_mozilla_pages(results) -> None:
    checked = [_title_ok(a.title if a else None, row["title"])
               for row, a in results["mozilla-readability"] if row.get("title")]
    assert sum(checked) / len(checked) >= TITLE_FLOOR
