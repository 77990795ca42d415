"""Per-page scores of our engine on one corpus set, worst first (for iterating)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import SETS, load_set, textscore  # noqa: E402

from huaibei_reader.errors import NotAnArticle  # noqa: E402
from huaibei_reader.extract import extract_article  # noqa: E402


def main(argv: list[str]) -> None:
    ts = textscore()
    names = argv or list(SETS)
    for name in names:
        rows = []
        t0 = time.perf_counter()
        for p in load_set(name):
            try:
                a = extract_article(p.data, p.url, http_charset=p.http_charset)
                got = a.text
                meta = (a.title, a.published, a.authors)
            except NotAnArticle as e:
                got, meta = "", str(e)
            rows.append((ts.score(got, p.text), p.id, meta, p.published, p.author))
        dt = time.perf_counter() - t0
        rows.sort(key=lambda r: r[0][2])
        for (pr, rc, f), pid, meta, pub, auth in rows[:12]:
            print(f"{f:.3f} p={pr:.2f} r={rc:.2f} {pid[:10]} {meta} | {pub} | {auth}")
        mean = sum(r[0][2] for r in rows) / len(rows)
        print(f"== {name}: mean F1 {mean:.4f} ({len(rows)} pages, {len(rows) / dt:.0f} p/s)")


if __name__ == "__main__":
    main(sys.argv[1:])
