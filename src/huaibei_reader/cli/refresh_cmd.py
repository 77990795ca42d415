"""`refresh`: fetch what is new on every source; progress on stderr, a summary line per source
on stdout (or JSON with --json), and on stderr one line per host given up on. Exit 1 when
every source failed.

Ctrl+C or SIGTERM stops the refresh through its cancel token: the requests in flight are
cut, one line on stderr says how many articles were saved before it stopped, nothing goes to
stdout, and the exit status is 128 + the signal number (130, 143)."""

from __future__ import annotations

import argparse
import json
import sys

from huaibei_reader.app.refresh import RefreshProgress, SourceReport
from huaibei_reader.cli.args import text
from huaibei_reader.textsafe import json_for_terminal, one_line


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("refresh", help="fetch new articles from your sources")
    p.add_argument("--source", type=text("--source"), default=None,
                   help="only this source (name or id)")
    p.add_argument("--json", action="store_true",
                   help="the summary as JSON on stdout (progress stays on stderr)")
    p.set_defaults(func=run_refresh)


class _StderrProgress:
    """One updating line on a terminal; plain lines (each list page, each failure, every
    tenth article) when stderr is a file or a pipe."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.width = 0

    def __call__(self, p: RefreshProgress) -> None:
        text = one_line(f"[{p.source}] {p.done}/{p.total} {p.message}")  # titles from pages
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
            "pages": r.pages, "not_modified": r.not_modified, "images": r.images,
            "from_feed": r.from_feed,
            "skipped": [{"host": host, "reason": s.reason, "articles": s.articles,
                         "from_feed": s.from_feed, "message": s.line(host)}
                        for host, s in r.skipped.items()]}


def run_refresh(args: argparse.Namespace, services) -> int:
    from huaibei_reader.app.refresh import RefreshCancelled, refresh_sources
    from huaibei_reader.cancel import CancelToken
    from huaibei_reader.cli.interrupt import stop_on_signals
    from huaibei_reader.cli.sources_cmd import EMPTY_HINT

    library = services.library
    sources = [library.sources.find(args.source)] if args.source else library.sources.all()
    if not sources:
        print(EMPTY_HINT, file=sys.stderr)
        if args.json:
            print("[]")
        return 0
    progress = _StderrProgress()
    cancel = CancelToken()
    with stop_on_signals(cancel) as caught:
        try:
            reports = refresh_sources(sources, library=library, client=services.http_client,
                                      site_rules=services.site_rules, progress=progress,
                                      cancel=cancel)
            # the process ends here: index what was saved now (a signal stops it between
            # chunks; search reads what is left in the queue all the same)
            library.search.index_pending(cancel=cancel)
        except RefreshCancelled as stopped:
            progress.end()
            print(f"huaibei-reader: {caught.word}: {stopped}", file=sys.stderr)
            return caught.exit_code
        finally:
            progress.end()
    if args.json:
        sys.stdout.write(json_for_terminal(json.dumps([report_dict(r) for r in reports],
                                                      ensure_ascii=False, indent=1)) + "\n")
    else:
        for r in reports:
            print(one_line(r.summary()))
            if progress.tty:  # else the progress lines already said it, once
                for line in r.notes():
                    print(one_line(f"    {line}"), file=sys.stderr)
            for url, reason in r.failed[:20]:
                print(one_line(f"    failed: {url}: {reason}"), file=sys.stderr)
            if len(r.failed) > 20:
                print(f"    ... and {len(r.failed) - 20} more", file=sys.stderr)
    if caught.signum is not None:
        return caught.exit_code
    return 1 if all(r.error for r in reports) else 0
