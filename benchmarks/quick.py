"""Per-page scores of our engine on corpus sets, worst first (for iterating).

Usage:  python benchmarks/quick.py [--part tune|check|all] [--worst N] [SET ...]

Tune on ``--part tune`` (the default); look at ``--part check`` only to confirm a change.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import load_set, set_names, textscore

from huaibei_reader.errors import NotAnArticle
from huaibei_reader.extract import extract_article


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="set names (default: every set)")
    parser.add_argument("--part", default="tune", choices=("tune", "check", "all"))
    parser.add_argument("--worst", type=int, default=12, help="how many worst pages to list")
    args = parser.parse_args(argv)
    ts = textscore()
    part = None if args.part == "all" else args.part
    for name in args.sets or set_names():
        rows = []
        seconds = 0.0
        for p in load_set(name, part):
            t0 = time.process_time()
            try:
                a = extract_article(p.data, p.url, http_charset=p.http_charset)
                got = a.text
                meta = (a.title, a.published, a.authors, a.publisher, a.warnings)
            except NotAnArticle as e:
                got, meta = "", str(e)
            seconds += time.process_time() - t0
            rows.append((ts.score(got, p.text), p.id, meta, p.published, p.author))
        rows.sort(key=lambda r: r[0][2])
        for (pr, rc, f), pid, meta, pub, auth in rows[:args.worst]:
            print(f"{f:.3f} p={pr:.2f} r={rc:.2f} {pid[:10]} {meta} | {pub} | {auth}")
        scores = [r[0][2] for r in rows]
        mean = sum(scores) / len(scores)
        low = sum(1 for s in scores if s < 0.5)
        print(f"== {name} [{args.part}]: mean F1 {mean:.4f}, {low} under 0.5 "
              f"({len(rows)} pages, {len(rows) / seconds:.0f} p/s CPU)")


if __name__ == "__main__":
    main(sys.argv[1:])
