"""`discover PATH_OR_URL...`: the article links, feeds and pagination of index pages."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("discover", help="find article links, feeds and next pages")
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--base-url", default=None, help="the page URL of a file input")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.set_defaults(func=run_discover)


def run_discover(args: argparse.Namespace, services) -> int:
    raise NotImplementedError  # owned by the sources work
