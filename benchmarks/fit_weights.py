"""Fit the engine's core scoring weights on the tuning part; report the checking part.

The unit score (scoring.prose_value) rests on a few weights: what a line must carry before
it counts (UNIT_COST), what a linked character costs (LINK_PENALTY), the floor of a single
line (FLOOR) and the furniture stretch that separates two stories (WALL). This script
searches a grid around them on the tuning part of every set (mean F1 per set, sets weighed
equally), then prints the best and the current weights with their checking-part figures.
A weight is changed in scoring.py only when the checking part agrees.

Usage:  python benchmarks/fit_weights.py [--sets a,b]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import CorpusPage, load_set, set_names, textscore

from huaibei_reader.errors import NotAnArticle
from huaibei_reader.extract import extract_article, scoring

GRID = {
    "UNIT_COST": (8.0, 10.0, 12.0, 14.0, 16.0),
    "LINK_PENALTY": (1.0, 1.5, 2.0),
    "FLOOR": (-20.0, -30.0, -45.0),
    "WALL": (-150.0, -250.0, -400.0),
}


def mean_f1(pages: list[CorpusPage], ts) -> float:
    scores = []
    for p in pages:
        try:
            text = extract_article(p.data, p.url, http_charset=p.http_charset).text
        except NotAnArticle:
            text = ""
        scores.append(ts.score(text, p.text)[2])
    return statistics.mean(scores) if scores else 0.0


def evaluate(weights: dict[str, float], parts: dict[str, dict[str, list[CorpusPage]]],
             part: str, ts) -> dict[str, float]:
    for name, value in weights.items():
        setattr(scoring, name, value)
    return {s: mean_f1(pages[part], ts) for s, pages in parts.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="", help="comma-separated (default: every set)")
    args = parser.parse_args(argv)
    ts = textscore()
    names = args.sets.split(",") if args.sets else set_names()
    parts = {s: {"tune": load_set(s, "tune"), "check": load_set(s, "check")} for s in names}
    current = {name: getattr(scoring, name) for name in GRID}
    results = []
    for values in itertools.product(*GRID.values()):
        weights = dict(zip(GRID, values, strict=True))
        per_set = evaluate(weights, parts, "tune", ts)
        results.append((statistics.mean(per_set.values()), weights, per_set))
    results.sort(key=lambda r: -r[0])
    best = results[0][1]
    print("rank | tune (mean of sets) | weights")
    for score, weights, _ in results[:10]:
        print(f"  {score:.4f} | {weights}")
    for label, weights in (("current", current), ("best on tune", best)):
        tune = evaluate(weights, parts, "tune", ts)
        check = evaluate(weights, parts, "check", ts)
        print(f"{label}: {weights}")
        for s in names:
            print(f"  {s}: tune {tune[s]:.4f}  check {check[s]:.4f}")
    evaluate(current, parts, "tune", ts)  # leave the module as it was
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
