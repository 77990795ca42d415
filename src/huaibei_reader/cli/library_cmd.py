"""`list`, `show`, `search`, `reextract`, `backup`: the library from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list articles, newest first")
    p.add_argument("--source", default=None)
    p.add_argument("--unread", action="store_true")
    p.add_argument("--bookmarked", action="store_true")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_list)

    p = sub.add_parser("show", help="show one article")
    p.add_argument("id", type=int)
    p.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    p.set_defaults(func=run_show)

    p = sub.add_parser("search", help="full-text search (Chinese-aware)")
    p.add_argument("query")
    p.add_argument("--source", default=None)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_search)

    p = sub.add_parser("reextract", help="re-run extraction on stored raw pages, offline")
    p.add_argument("--source", default=None)
    p.set_defaults(func=run_reextract)

    p = sub.add_parser("backup", help="online copy of the library")
    p.add_argument("path", type=Path)
    p.set_defaults(func=run_backup)


def run_list(args, services) -> int:
    raise NotImplementedError  # owned by the library work


def run_show(args, services) -> int:
    raise NotImplementedError


def run_search(args, services) -> int:
    raise NotImplementedError


def run_reextract(args, services) -> int:
    raise NotImplementedError


def run_backup(args, services) -> int:
    raise NotImplementedError
