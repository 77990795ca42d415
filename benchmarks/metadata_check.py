"""Metadata check: publish date, authors, 来源 and site name, per set and part, worst first.

For iterating on extract/metadata.py and its helpers: prints every page whose metadata is
wrong (got vs truth) and a summary per set and part (tune / check, see _corpus.py). Tune on
``tune``; keep a change only when ``check`` does not get worse.

- date: the same calendar day, where the truth has year-month-day; "minute" also asks for
  the same hour and minute where the truth has a time;
- author: the same set of names as the truth (benchmarks/extraction.py's rule); on cwced-zh,
  whose truth was written by hand for every page, a page without an author must give none
  ("author or rightly none"); elsewhere only pages with an author count;
- 来源: benchmarks/data/publisher_truth.json (read by hand, the sets carry none): the same
  name, or none where the page shows none;
- site: mozilla-readability's site name against ``site_name``.

Usage:  python benchmarks/metadata_check.py [--sets a,b] [--part tune|check] [--quiet] [--write]
(--write: the summary into benchmarks/results/metadata.md)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from _corpus import PARTS, CorpusPage, available, load_set  # noqa: E402
from extraction import author_ok, date_ok, title_ok  # noqa: E402

from huaibei_reader.errors import NotAnArticle  # noqa: E402
from huaibei_reader.extract import extract_article  # noqa: E402
from huaibei_reader.models import Article  # noqa: E402

PUBLISHER_TRUTH = HERE / "data" / "publisher_truth.json"
RESULTS = HERE / "results" / "metadata.md"
# Sets whose author truth was written for every page, so "no author" is truth too.
FULL_AUTHOR_TRUTH = {"cwced-zh"}


@dataclass
class Tally:
    scores: dict[str, list[bool]] = field(default_factory=dict)

    def add(self, name: str, ok: bool | None) -> None:
        if ok is not None:
            self.scores.setdefault(name, []).append(ok)

    def cell(self, name: str) -> str:
        values = self.scores.get(name, [])
        return f"{sum(values) / len(values):.2f} ({sum(values)}/{len(values)})" if values else "-"


COLUMNS = ("date", "minute", "author", "author-or-none", "source", "site")


def minute_ok(got, want: str | None) -> bool | None:
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})", want or "")
    if not m:
        return None
    y, mo, d, hh, mi = (int(x) for x in m.groups())
    return got is not None and (got.year, got.month, got.day, got.hour, got.minute) == \
        (y, mo, d, hh, mi)


def _norm(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", text or "").lower()


def publisher_truth() -> dict[str, dict[str, str | None]]:
    data = json.loads(PUBLISHER_TRUTH.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def judge(p: CorpusPage, a: Article | None, sources: dict[str, str | None]
          ) -> dict[str, bool | None]:
    got_date = a.published if a else None
    authors = a.authors if a else ()
    out: dict[str, bool | None] = {
        "date": date_ok(got_date, p.published),
        "minute": minute_ok(got_date, p.published),
        "author": author_ok(authors, p.author),
    }
    if p.set in FULL_AUTHOR_TRUTH:
        out["author-or-none"] = author_ok(authors, p.author) if p.author else not authors
    key = next((k for k in sources if p.id.startswith(k)), None)
    if key is not None:
        want = sources[key]
        got = a.publisher if a else None
        out["source"] = (_norm(got) == _norm(want)) if want else got is None
    if p.source and p.set == "mozilla-readability":
        out["site"] = title_ok(a.site_name if a else None, p.source)
    return out


def run(sets: list[str], part: str | None, quiet: bool) -> dict[tuple[str, str], Tally]:
    truth = publisher_truth()
    tallies: dict[tuple[str, str], Tally] = {}
    for set_name in sets:
        bad: list[tuple[int, str]] = []
        for p in load_set(set_name, part):
            try:
                a = extract_article(p.data, p.url, http_charset=p.http_charset)
            except NotAnArticle:
                a = None
            verdict = judge(p, a, truth.get(set_name, {}))
            tally = tallies.setdefault((set_name, p.part), Tally())
            for name, ok in verdict.items():
                tally.add(name, ok)
            wrong = [n for n, ok in verdict.items() if ok is False]
            if wrong:
                got = (f"date {a.published.isoformat() if a and a.published else None} "
                       f"authors {list(a.authors) if a else []} source "
                       f"{a.publisher if a else None!r} site {a.site_name if a else None!r}")
                want = (f"date {p.published} author {p.author!r} source "
                        f"{truth.get(set_name, {}).get(p.id[:8], p.source)!r}")
                bad.append((len(wrong), f"{p.part:5} {set_name}/{p.id[:12]} wrong: "
                                        f"{','.join(wrong)}\n      got  {got}\n      want {want}"))
        if not quiet:
            for _, line in sorted(bad, key=lambda x: -x[0]):
                print(line)
    return tallies


def report(tallies: dict[tuple[str, str], Tally]) -> str:
    lines = ["| set | part | " + " | ".join(COLUMNS) + " |",
             "|---|---|" + "---|" * len(COLUMNS)]
    for (set_name, part), t in sorted(tallies.items()):
        lines.append(f"| {set_name} | {part} | " + " | ".join(t.cell(c) for c in COLUMNS) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="cwced-zh,mozilla-readability")
    parser.add_argument("--part", choices=PARTS, default=None)
    parser.add_argument("--quiet", action="store_true", help="the summary only")
    parser.add_argument("--write", action="store_true", help=f"write the summary to {RESULTS}")
    args = parser.parse_args(argv)
    if not available():
        print("../shared/corpus is not beside this checkout; nothing to measure", file=sys.stderr)
        return 2
    table = report(run(args.sets.split(","), args.part, args.quiet))
    print(table)
    if args.write:
        from datetime import datetime

        RESULTS.write_text(
            "# Metadata check\n\n"
            f"Run: {datetime.now().strftime('%Y-%m-%d %H:%M')} (benchmarks/metadata_check.py)."
            " Rates are right / counted, per set and part (tune: the part the rules were"
            " tuned on; check: the other part, looked at only to judge a change; the 来源"
            " truth of both was read by hand).\n\n" + __doc__.split("\n\n")[2] +
            "\n\n" + table + "\n", encoding="utf-8")
        print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
