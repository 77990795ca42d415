"""`discover PATH_OR_URL...`: the article links, feeds and pagination of index pages.

One JSON object per input on stdout (input, url, articles, feeds, next, sections); an input
that cannot be read prints an object with "error" instead, the others still print, and the
exit status is 1 if any failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from huaibei_reader.cli.local_files import MAX_PAGE_FILE, read_capped
from huaibei_reader.errors import InputError, KnownError
from huaibei_reader.textsafe import json_for_terminal, one_line


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("discover", help="find article links, feeds and next pages")
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL",
                   help="index pages: files or http(s) addresses")
    p.add_argument("--base-url", default=None, help="the page URL of a file input")
    p.add_argument("--format", choices=["jsonl"], default="jsonl",
                   help="one JSON object per input (the only format)")
    p.set_defaults(func=run_discover)


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _discover_one(item: str, args: argparse.Namespace, services) -> dict:
    from huaibei_reader.sources.discover import discover
    from huaibei_reader.sources.siterules import rules_for_url

    if _is_url(item):
        result = services.http_client.get(item)
        data, url = result.content, result.url
    else:
        data = read_capped(item, cap=MAX_PAGE_FILE, what="a page")
        url = args.base_url or Path(item).resolve().as_uri()
    site = rules_for_url(services.site_rules, url)
    found = discover(data, url, rules=site.discovery if site else None,
                     encoding=site.encoding if site else None)
    return {"input": item, **found.to_dict()}


def run_discover(args: argparse.Namespace, services) -> int:
    if args.base_url is not None and not _is_url(args.base_url):
        raise InputError(f"--base-url must be an http(s) URL, not {args.base_url!r}")
    failed = 0
    for item in args.inputs:
        try:
            record = _discover_one(item, args, services)
        except KnownError as exc:
            failed += 1
            record = {"input": item, "error": str(exc)}
            print(f"huaibei-reader: {one_line(str(exc))}", file=sys.stderr)
        sys.stdout.write(json_for_terminal(json.dumps(record, ensure_ascii=False)) + "\n")
    sys.stdout.flush()
    return 1 if failed else 0
