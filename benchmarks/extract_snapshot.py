"""Output-equality harness for speed work on the extraction engine (not shipped).

Records everything the engine returns for a fixed set of inputs, so a change meant to make
extraction faster can be shown to change no output at all:

- every page of every set in ../shared/corpus (as the benchmark loads it, with its HTTP
  charset);
- every HTML page of the bundled sample edition (resources/sample-edition);
- every hand-made page builder of tests/extract (page_shapes, perturbed_shapes), as built and
  anonymised;
- optionally (``--record-tests``), every input the tests under tests/extract hand to
  ``extract_article`` or ``page_text`` (captured by running them once; stored in /tmp).

For each input it keeps the full Article of ``extract_article`` (or the NotAnArticle
message) and of ``page_text``, as JSON. Run it once on the old code, once on the new one, and
compare page by page:

    python benchmarks/extract_snapshot.py --record-tests /tmp/extract-test-inputs.pickle
    python benchmarks/extract_snapshot.py --out /tmp/snap-before.json
    ... change the engine ...
    python benchmarks/extract_snapshot.py --out /tmp/snap-after.json --against /tmp/snap-before.json

The exit status is 1 when any output differs (each difference is printed, field by field).
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(HERE))

from _corpus import available, load_set, set_names  # noqa: E402

from huaibei_reader.errors import NotAnArticle  # noqa: E402
from huaibei_reader.extract import engine, fallback  # noqa: E402
from huaibei_reader.models import Article  # noqa: E402

SAMPLE_EDITION = REPO / "resources" / "sample-edition"
SAMPLE_BASE = "http://sample-edition.invalid"
TESTS_EXTRACT = REPO / "tests" / "extract"
SHAPE_MODULES = ("page_shapes", "perturbed_shapes")
DEFAULT_TEST_INPUTS = Path(tempfile.gettempdir()) / "extract-test-inputs.pickle"


@dataclass
class Case:
    """One input to the engine: the bytes and the keyword arguments it was called with."""

    name: str
    data: bytes
    url: str = ""
    kwargs: dict[str, Any] = field(default_factory=dict)


def corpus_cases() -> Iterator[Case]:
    if not available():
        print("no ../shared/corpus: corpus pages skipped", file=sys.stderr)
        return
    for set_name in set_names():
        for p in load_set(set_name):
            yield Case(f"corpus/{set_name}/{p.id}", p.data, p.url,
                       {"http_charset": p.http_charset})


def sample_edition_cases() -> Iterator[Case]:
    for path in sorted(SAMPLE_EDITION.rglob("*.html")):
        rel = "/" + path.relative_to(SAMPLE_EDITION).as_posix()
        yield Case(f"sample-edition{rel}", path.read_bytes(), SAMPLE_BASE + rel)


def shape_cases() -> Iterator[Case]:
    sys.path.insert(0, str(TESTS_EXTRACT))
    from perturbed_shapes import anonymise

    for module_name in SHAPE_MODULES:
        module = __import__(module_name)
        for name, fn in sorted(vars(module).items()):
            if name.startswith("_") or not inspect.isfunction(fn) or \
                    fn.__module__ != module_name or name in ("anonymise", "names_left"):
                continue
            if any(p.default is inspect.Parameter.empty
                   for p in inspect.signature(fn).parameters.values()):
                continue
            page = fn()
            if not isinstance(page, bytes):
                continue
            yield Case(f"shapes/{module_name}.{name}", page)
            try:
                page.decode("utf-8")
            except UnicodeDecodeError:
                continue  # anonymise reads UTF-8 pages only
            for seed in (0, 1):
                yield Case(f"shapes/{module_name}.{name}/anonymised-{seed}",
                           anonymise(page, seed))


def recorded_test_cases(path: Path) -> Iterator[Case]:
    if not path.is_file():
        print(f"no {path}: test inputs skipped (make it with --record-tests)", file=sys.stderr)
        return
    with open(path, "rb") as f:
        recorded: list[tuple[str, bytes, str, dict[str, Any]]] = pickle.load(f)
    for digest, data, url, kwargs in recorded:
        yield Case(f"tests/{digest}", data, url, kwargs)


def _value(v: Any) -> Any:
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, tuple | list):
        return [_value(x) for x in v]
    return v


def article_dict(a: Article) -> dict[str, Any]:
    """Every field of the Article (blocks in full), plus its plain text."""
    return {
        "url": a.url,
        "title": a.title,
        "text": a.text,
        "blocks": [b.to_dict() for b in a.blocks],
        "published": _value(a.published),
        "publisher": a.publisher,
        "site_name": a.site_name,
        "authors": list(a.authors),
        "canonical_url": a.canonical_url,
        "lang": a.lang,
        "view_count": a.view_count,
        "warnings": list(a.warnings),
    }


def run(fn: Callable[..., Article], case: Case,
        kwargs: dict[str, Any] | None = None) -> dict[str, Any]:
    """``fn`` on the case (with ``kwargs`` instead of the case's own when given)."""
    try:
        return article_dict(fn(case.data, case.url,
                               **(case.kwargs if kwargs is None else kwargs)))
    except NotAnArticle as e:
        return {"NotAnArticle": str(e)}


def snapshot(cases: list[Case]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for case in cases:
        entry = {"article": run(engine.extract_article, case)}
        page_text_kwargs = {k: v for k, v in case.kwargs.items() if k == "http_charset"}
        entry["page_text"] = run(fallback.page_text, case, page_text_kwargs)
        out[case.name] = entry
    return out


def compare(old: dict[str, Any], new: dict[str, Any], limit: int = 40) -> int:
    """Print every difference; return how many cases differ."""
    differing = 0
    for name in sorted(set(old) | set(new)):
        if name not in old or name not in new:
            print(f"{name}: only in the {'new' if name in new else 'old'} snapshot")
            differing += 1
            continue
        if old[name] == new[name]:
            continue
        differing += 1
        if differing > limit:
            continue
        for call in ("article", "page_text"):
            o, n = old[name][call], new[name][call]
            for key in sorted(set(o) | set(n)):
                if o.get(key) != n.get(key):
                    print(f"{name} [{call}.{key}]:\n  old: {str(o.get(key))[:300]!r}\n"
                          f"  new: {str(n.get(key))[:300]!r}")
    return differing


def record_test_inputs(path: Path) -> None:
    """Run tests/extract once with the engine's entry points wrapped; keep their inputs."""
    import pytest

    import huaibei_reader.extract as package

    seen: dict[str, tuple[str, bytes, str, dict[str, Any]]] = {}

    def wrap(fn: Callable[..., Article], tag: str) -> Callable[..., Article]:
        def recording(data: bytes, url: str = "", **kwargs: Any) -> Article:
            if isinstance(data, bytes):
                key = hashlib.sha256(pickle.dumps((tag, data, url, sorted(kwargs.items()))))
                digest = key.hexdigest()[:16]
                if tag == "extract":  # page_text is replayed on every case anyway
                    seen.setdefault(digest, (digest, data, url, kwargs))
            return fn(data, url, **kwargs)
        return recording

    engine_fn, page_text_fn = engine.extract_article, fallback.page_text
    package.extract_article = engine.extract_article = wrap(engine_fn, "extract")
    package.page_text = fallback.page_text = wrap(page_text_fn, "page_text")
    try:
        code = pytest.main(["-q", "-p", "no:cacheprovider", "-m", "not packaging",
                            str(TESTS_EXTRACT)])
    finally:
        package.extract_article = engine.extract_article = engine_fn
        package.page_text = fallback.page_text = page_text_fn
    with open(path, "wb") as f:
        pickle.dump(sorted(seen.values(), key=lambda r: r[0]), f)
    print(f"{len(seen)} distinct inputs recorded to {path} (pytest exit {code})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="write the snapshot here (keep it outside the repo)")
    ap.add_argument("--against", type=Path, help="compare with this earlier snapshot")
    ap.add_argument("--tests", type=Path, default=DEFAULT_TEST_INPUTS,
                    help="recorded test inputs to include (default: %(default)s)")
    ap.add_argument("--record-tests", type=Path, metavar="PATH",
                    help="run tests/extract once and record their inputs to PATH, then stop")
    args = ap.parse_args(argv)
    if args.record_tests:
        record_test_inputs(args.record_tests)
        return 0
    cases = [*corpus_cases(), *sample_edition_cases(), *shape_cases(),
             *recorded_test_cases(args.tests)]
    t0 = time.process_time()
    snap = snapshot(cases)
    print(f"{len(cases)} inputs extracted in {time.process_time() - t0:.1f} s CPU",
          file=sys.stderr)
    if args.out:
        args.out.write_text(json.dumps(snap, ensure_ascii=False, indent=0, sort_keys=True),
                            encoding="utf-8")
    if args.against:
        old = json.loads(args.against.read_text(encoding="utf-8"))
        differing = compare(old, snap)
        print(f"{differing} of {len(set(old) | set(snap))} inputs differ", file=sys.stderr)
        return 1 if differing else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
