"""Robustness benchmark: what an extractor loses when a page changes the way a new site would.

Every shared page was looked at while the engine was tuned, so even the checking part of the
split (benchmarks/_corpus.py) is not truly unseen. A new site keeps the article and changes
its naming, tags, wording, nesting and paragraph markup; benchmarks/_perturb.py makes each of
those changes to every page, deterministically. The figure to read is the DROP from the
unperturbed page (``identity``: the same decode-parse-write round trip with no change): an
extractor that leans on names or on one site's words loses there, one that reads the page's
structure and text does not. Ours is run next to readability-lxml (mostly name-based too) and
trafilatura, on the tuning and checking parts of every set.

Metadata (date, author, 来源) is judged under the same perturbations on the sets with truth
(cwced-zh and mozilla-readability; 来源 from benchmarks/data/publisher_truth.json): a value
that turns WRONG is worse than one that turns empty.

Usage:  python benchmarks/robustness.py [--sets a,b] [--perturb p,q] [--only ours,...]
                                        [--worst N] [--no-write]
The reference extractors' scores are cached in benchmarks/.cache/ (keyed by the perturbed
bytes), so iterating on our engine re-runs ours only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from _corpus import PARTS, CorpusPage, available, load_set, set_names, textscore  # noqa: E402
from _perturb import (  # noqa: E402
    DESCRIPTIONS,
    PERTURBATIONS,
    boilerplate_lines,
    parse,
    perturb,
)
from extraction import FACTORIES, _host, author_ok, date_ok  # noqa: E402
from metadata_check import publisher_truth  # noqa: E402

from huaibei_reader.errors import NotAnArticle  # noqa: E402
from huaibei_reader.extract import decode_html, extract_article  # noqa: E402

RESULTS = HERE / "results" / "robustness.md"
CACHE = HERE / ".cache" / "robustness.json"
LOW_F1 = 0.5  # a page under this lost its story
TAIL_QUANTILE = 0.1  # the tail figure: the F1 a tenth of the pages fall under
METADATA_SETS = ("cwced-zh", "mozilla-readability")
DEFAULT_EXTRACTORS = ("ours", "readability-lxml", "trafilatura")
# Boilerplate of another site: the pool is drawn from pages of other hosts in the same set.
POOL_LINES_PER_PAGE = 200


@dataclass
class Score:
    f1: float
    empty: bool


@dataclass
class Meta:
    """One page's metadata verdicts: right / wrong / empty per field (None: no truth)."""

    verdicts: dict[str, str] = field(default_factory=dict)


@dataclass
class Cell:
    """One extractor on one set under one perturbation."""

    scores: dict[str, Score] = field(default_factory=dict)  # page id -> score
    meta: dict[str, Meta] = field(default_factory=dict)
    seconds: float = 0.0


def _load_cache() -> dict[str, list]:
    if CACHE.is_file():
        try:
            return json.loads(CACHE.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
    return {}


def _save_cache(cache: dict[str, list]) -> None:
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(cache), encoding="utf-8")


def _verdict(ok: bool | None, given: bool) -> str | None:
    if ok is None:
        return None
    return "right" if ok else ("wrong" if given else "empty")


def _norm(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", text or "").lower()


def our_metadata(p: CorpusPage, article, sources: dict[str, str | None]) -> Meta:
    published = article.published if article else None
    authors = article.authors if article else ()
    publisher = article.publisher if article else None
    m = Meta()
    for name, ok, given in (
            ("date", date_ok(published, p.published), published is not None),
            ("author", author_ok(authors, p.author), bool(authors))):
        v = _verdict(ok, given)
        if v:
            m.verdicts[name] = v
    key = next((k for k in sources if p.id.startswith(k)), None)
    if key is not None:
        want = sources[key]
        if want:
            m.verdicts["source"] = _verdict(_norm(publisher) == _norm(want), bool(publisher))
        else:  # the page shows no 来源: anything given is wrong
            m.verdicts["source"] = "right" if not publisher else "wrong"
    return m


def run_ours(pages: list[CorpusPage], sources: dict[str, str | None], ts) -> Cell:
    cell = Cell()
    started = time.process_time()
    articles = {}
    for p in pages:
        try:
            articles[p.id] = extract_article(p.data, p.url, http_charset=p.http_charset)
        except NotAnArticle:
            articles[p.id] = None
        except Exception:  # a crash is a lost page, counted as empty
            articles[p.id] = None
    cell.seconds = time.process_time() - started
    for p in pages:
        a = articles[p.id]
        f1 = ts.score(a.text if a else "", p.text)[2]
        cell.scores[p.id] = Score(f1, not (a and a.text.strip()))
        cell.meta[p.id] = our_metadata(p, a, sources)
    return cell


def run_reference(name: str, extract: Callable, pages: list[CorpusPage], perturbation: str,
                  ts, cache: dict[str, list]) -> Cell:
    cell = Cell()
    for p in pages:
        key = f"{name}/{p.set}/{p.id}/{perturbation}/" \
              f"{hashlib.sha1(p.data + p.text.encode()).hexdigest()[:16]}"
        if key not in cache:
            try:
                out = extract(p)
                text = out.text if out else ""
            except Exception:
                text = ""
            cache[key] = [ts.score(text, p.text)[2], not text.strip()]
        f1, empty = cache[key]
        cell.scores[p.id] = Score(f1, empty)
    return cell


def perturbed_pages(pages: list[CorpusPage], perturbation: str,
                    sources: dict[str, str | None] | None = None) -> list[CorpusPage]:
    """Every page of a set under one perturbation, as a CorpusPage with UTF-8 bytes.

    Transplanted boilerplate keeps the page's own metadata lines (a line with a digit, the
    author's name, the 来源): another site's words, not another page's dateline."""
    decoded = {p.id: decode_html(p.data, p.http_charset).text for p in pages}
    pools: dict[str, list[str]] = {}
    if perturbation == "transplant":
        by_host: dict[str, list[str]] = {}
        for p in pages:
            lines = boilerplate_lines(parse(decoded[p.id]), p.text)[:POOL_LINES_PER_PAGE]
            by_host.setdefault(_host(p), []).extend(lines)
        for p in pages:
            host = _host(p)
            pools[p.id] = [line for h, lines in sorted(by_host.items()) if h != host
                           for line in lines if not any(c.isdigit() for c in line)]
    if perturbation == "original":  # the page's own bytes, as extraction.py gives them
        return list(pages)
    out = []
    for p in pages:
        keep = [p.author or ""] + [v or "" for k, v in (sources or {}).items()
                                   if p.id.startswith(k)]
        got = perturb(perturbation, decoded[p.id], p.text, p.set, p.id, pools.get(p.id),
                      [k for k in keep if k])
        out.append(replace(p, data=got.data, text=got.truth, http_charset="utf-8"))
    return out


# ---- the report -----------------------------------------------------------------------

def _mean(cell: Cell, ids: list[str]) -> float | None:
    values = [cell.scores[i].f1 for i in ids if i in cell.scores]
    return statistics.mean(values) if values else None


def _quantile(cell: Cell, ids: list[str]) -> float | None:
    values = sorted(cell.scores[i].f1 for i in ids if i in cell.scores)
    if not values:
        return None
    return values[min(len(values) - 1, int(TAIL_QUANTILE * len(values)))]


def _fmt(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


def body_tables(set_name: str, pages: list[CorpusPage], cells: dict[tuple[str, str], Cell],
                extractors: list[str], perturbations: list[str]) -> list[str]:
    ids = {part: [p.id for p in pages if p.part == part] for part in PARTS}
    head = "| perturbation | " + " | ".join(
        f"{e} tune | {e} check | {e} drop tune | {e} drop check" for e in extractors) + " |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for pert in perturbations:
        cells_row = [pert]
        for e in extractors:
            cell, base = cells.get((e, pert)), cells.get((e, "identity"))
            for part in PARTS:
                cells_row.append(_fmt(_mean(cell, ids[part]) if cell else None))
            for part in PARTS:
                if cell is None or base is None or pert in ("identity", "original"):
                    cells_row.append("-")
                else:
                    cells_row.append(_fmt(_mean(cell, ids[part]) - _mean(base, ids[part]), True))
        lines.append("| " + " | ".join(cells_row) + " |")
    tail_head = "| perturbation | " + " | ".join(
        f"{e} < 0.5 (tune/check) | {e} empty | {e} p10" for e in extractors) + " |"
    lines += ["", tail_head, "|" + "---|" * (tail_head.count("|") - 1)]
    every = [p.id for p in pages]
    for pert in perturbations:
        row = [pert]
        for e in extractors:
            cell = cells.get((e, pert))
            if cell is None:
                row += ["-", "-", "-"]
                continue
            low = [sum(1 for i in ids[part] if cell.scores[i].f1 < LOW_F1) for part in PARTS]
            row += [f"{low[0]}/{low[1]}", str(sum(1 for i in every if cell.scores[i].empty)),
                    _fmt(_quantile(cell, every))]
        lines.append("| " + " | ".join(row) + " |")
    return lines


META_FIELDS = ("date", "author", "source")


def meta_table(pages: list[CorpusPage], cells: dict[tuple[str, str], Cell],
               perturbations: list[str]) -> list[str]:
    head = "| perturbation | " + " | ".join(
        f"{f} right | {f} wrong | {f} empty" for f in META_FIELDS) + " |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for pert in perturbations:
        cell = cells.get(("ours", pert))
        if cell is None:
            continue
        row = [pert]
        for f in META_FIELDS:
            verdicts = [cell.meta[p.id].verdicts.get(f) for p in pages]
            judged = [v for v in verdicts if v]
            if not judged:
                row += ["-", "-", "-"]
                continue
            row += [f"{sum(v == 'right' for v in judged)}/{len(judged)}",
                    str(sum(v == "wrong" for v in judged)),
                    str(sum(v == "empty" for v in judged))]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def worst(pages: list[CorpusPage], cells: dict[tuple[str, str], Cell], pert: str,
          n: int) -> list[str]:
    """Our n pages that lost most under ``pert`` (against identity), with the references."""
    cell, base = cells.get(("ours", pert)), cells.get(("ours", "identity"))
    if cell is None or base is None or pert in ("identity", "original"):
        return []
    drops = sorted(pages, key=lambda p: cell.scores[p.id].f1 - base.scores[p.id].f1)[:n]
    out = []
    for p in drops:
        d = cell.scores[p.id].f1 - base.scores[p.id].f1
        if d > -0.005:
            break
        refs = ", ".join(
            f"{e} {cells[(e, pert)].scores[p.id].f1:.2f}" for e in ("readability-lxml",
                                                                     "trafilatura")
            if (e, pert) in cells)
        out.append(f"  {pert:10} {p.part:5} {p.id[:12]} {_host(p)[:28]:28} "
                   f"{base.scores[p.id].f1:.3f} -> {cell.scores[p.id].f1:.3f}  ({refs})")
    return out


HEADER = """# Robustness benchmark

Run: {when} (benchmarks/robustness.py). Every page of every set, changed the way another site
would change it while keeping the article (benchmarks/_perturb.py, seeded, deterministic):

{descriptions}

Mean token F1 (../shared/tools/textscore.py) on the tuning and checking parts, and the DROP
from `identity` (the same round trip without a change): a rule that leans on what the shared
pages happen to have (their names, tags, words, nesting, markup) shows up as a drop. `< 0.5`:
pages under F1 0.5; `p10`: the F1 a tenth of the pages fall under (both parts).
Metadata (ours): right / wrong / empty over the pages with truth, both parts together; a
wrong value (a name, date or 来源 that is not the page's) is worse than an empty one.
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="", help="comma-separated (default: every set)")
    parser.add_argument("--perturb", default=",".join(PERTURBATIONS),
                        help="comma-separated perturbations (identity is always run)")
    parser.add_argument("--only", default=",".join(DEFAULT_EXTRACTORS))
    parser.add_argument("--part", choices=PARTS, default=None, help="one part only")
    parser.add_argument("--worst", type=int, default=0, help="print our N worst drops")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--dump", default="", help="write our per-page F1 (JSON) to this file")
    args = parser.parse_args(argv)
    if not available():
        print("../shared/corpus is not beside this checkout; nothing to measure", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore")
    ts = textscore()
    perturbations = ["original", "identity"] + [
        p for p in args.perturb.split(",") if p not in ("original", "identity")]
    extractors = []
    refs: dict[str, Callable] = {}
    for name in args.only.split(","):
        if name == "ours":
            extractors.append(name)
            continue
        try:
            refs[name] = FACTORIES[name]()
            extractors.append(name)
        except ImportError as exc:
            print(f"skipped {name} ({exc.name} not installed)", file=sys.stderr)
    cache = _load_cache()
    truth = publisher_truth()
    sections = []
    summary: list[str] = []
    dump: dict[str, dict[str, float]] = {}
    for set_name in (args.sets.split(",") if args.sets else set_names()):
        pages = load_set(set_name, args.part)
        cells: dict[tuple[str, str], Cell] = {}
        for pert in perturbations:
            changed = perturbed_pages(pages, pert, truth.get(set_name, {}))
            if "ours" in extractors:
                cells[("ours", pert)] = run_ours(changed, truth.get(set_name, {}), ts)
            for name, fn in refs.items():
                cells[(name, pert)] = run_reference(name, fn, changed, pert, ts, cache)
            _save_cache(cache)
            if ("ours", pert) in cells:
                for pid, sc in cells[("ours", pert)].scores.items():
                    dump.setdefault(f"{set_name}/{pid}", {})[pert] = round(sc.f1, 4)
                for pid, m in cells[("ours", pert)].meta.items():
                    for f, v in m.verdicts.items():
                        dump.setdefault(f"{set_name}/{pid}", {})[f"{pert}:{f}"] = v
        text = [f"### {set_name} ({len(pages)} pages)", ""]
        text += body_tables(set_name, pages, cells, extractors, perturbations)
        if set_name in METADATA_SETS and "ours" in extractors:
            text += ["", "Metadata (ours):", ""]
            text += meta_table(pages, cells, perturbations)
        block = "\n".join(text)
        print(block + "\n", flush=True)
        sections.append(block)
        if args.worst:
            for pert in perturbations:
                summary += worst(pages, cells, pert, args.worst)
    if summary:
        print("\n".join(summary))
    if args.dump:
        Path(args.dump).write_text(json.dumps(dump, indent=0), encoding="utf-8")
    if not args.no_write:
        descriptions = "\n".join(f"- `{k}`: {DESCRIPTIONS[k]}" for k in perturbations)
        header = HEADER.format(when=datetime.now().strftime("%Y-%m-%d %H:%M"),
                               descriptions=descriptions)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(header + "\n" + "\n\n".join(sections) + "\n", encoding="utf-8")
        print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
