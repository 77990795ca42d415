"""`refresh`: fetch what is new on every source; progress on stderr, a summary line per source
on stdout (or JSON with --json). Exit 1 when every source failed."""

from __future__ import annotations

import argparse
import json
import sys

from huaibei_reader.app.refresh import RefreshProgress, SourceReport


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("refresh", help="fetch new articles from your sources")
    p.add_argument("--source", default=None, help="only this source (name or id)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_refresh)


class _StderrProgress:
    """One updating line on a terminal; plain lines (each list page, each failure, every
    tenth article) when stderr is a file or a pipe."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.width = 0

    def __call__(self, p: RefreshProgress) -> None:
        text = f"[{p.source}] {p.done}/{p.total} {p.message}"
        if self.tty:
            shown = text[:110]
            sys.stderr.write("\r" + shown + " " * max(0, self.width - len(shown)))
            self.width = len(shown)
        elif (not p.message.startswith(("new:", "updated:", "unchanged:"))
              or p.done % 10 == 0 or p.done == p.total):
            sys.stderr.write(text + "\n")
        sys.stderr.flush()

    def end(self) -> None:
        if self.tty and self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()


def report_dict(r: SourceReport) -> dict:
    return {"source": r.source.name, "id": r.source.id, "new": r.new, "updated": r.updated,
            "unchanged": r.unchanged, "error": r.error,
            "failed": [{"url": url, "reason": reason} for url, reason in r.failed],
            "pages": r.pages, "not_modified": r.not_modified, "images": r.images}


def run_refresh(args: argparse.Namespace, services) -> int:
    from huaibei_reader.app.refresh import refresh_sources
    from huaibei_reader.cli.sources_cmd import EMPTY_HINT

    library = services.library
    sources = [library.sources.find(args.source)] if args.source else library.sources.all()
    if not sources:
        print(EMPTY_HINT, file=sys.stderr)
        if args.json:
            print("[]")
        return 0
    progress = _StderrProgress()
    try:
        reports = refresh_sources(sources, library=library, client=services.http_client,
                                  site_rules=services.site_rules, progress=progress)
        library.search.index_pending()  # the process ends here: index what was saved now
    finally:
        progress.end()
    if args.json:
        json.dump([report_dict(r) for r in reports], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for r in reports:
            print(r.summary())
            for url, reason in r.failed[:20]:
                print(f"    failed: {url}: {reason}", file=sys.stderr)
            if len(r.failed) > 20:
                print(f"    ... and {len(r.failed) - 20} more", file=sys.stderr)
    return 1 if all(r.error for r in reports) else 0
