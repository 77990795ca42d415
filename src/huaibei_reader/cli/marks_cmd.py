"""`bookmark`, `unbookmark`, `clip`, `cite`, `export`: the journalist's commands."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bookmark", help="bookmark an article")
    p.add_argument("id", type=int)
    p.add_argument("--note", default="")
    p.add_argument("--tag", action="append", default=[])
    p.set_defaults(func=run_bookmark)

    p = sub.add_parser("unbookmark", help="remove a bookmark")
    p.add_argument("id", type=int)
    p.set_defaults(func=run_unbookmark)

    p = sub.add_parser("clip", help="save a quote from an article, with its citation")
    p.add_argument("id", type=int)
    p.add_argument("--quote", required=True)
    p.add_argument("--note", default="")
    p.add_argument("--tag", action="append", default=[])
    p.set_defaults(func=run_clip)

    p = sub.add_parser("cite", help="print a citation of an article")
    p.add_argument("id", type=int)
    p.add_argument("--style", choices=["gbt7714", "apa", "chicago"], default=None)
    p.set_defaults(func=run_cite)

    p = sub.add_parser("export", help="export articles, bookmarks or clippings")
    p.add_argument("ids", nargs="*", type=int)
    p.add_argument("--bookmarks", action="store_true")
    p.add_argument("--clippings", action="store_true")
    p.add_argument("--tag", default=None)
    p.add_argument("--format", required=True,
                   choices=["md", "html", "pdf", "docx", "txt", "json", "warc"])
    p.add_argument("-o", "--output", required=True, type=Path)
    p.set_defaults(func=run_export)


def run_bookmark(args, services) -> int:
    raise NotImplementedError  # owned by the clippings work


def run_unbookmark(args, services) -> int:
    raise NotImplementedError


def run_clip(args, services) -> int:
    raise NotImplementedError


def run_cite(args, services) -> int:
    raise NotImplementedError


def run_export(args, services) -> int:
    raise NotImplementedError
