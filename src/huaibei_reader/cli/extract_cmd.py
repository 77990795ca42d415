"""`extract PATH_OR_URL...`: clean article(s) on stdout."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract clean article(s) from files or URLs")
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--format", choices=["text", "markdown", "json", "jsonl"], default="text")
    p.add_argument("--encoding", default=None, help="force this charset for files")
    p.set_defaults(func=run_extract)


def run_extract(args: argparse.Namespace, services) -> int:
    raise NotImplementedError  # owned by the extraction work
