"""`refresh`: fetch what is new on every source; progress on stderr."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("refresh", help="fetch new articles from your sources")
    p.add_argument("--source", default=None, help="only this source (name or id)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_refresh)


def run_refresh(args: argparse.Namespace, services) -> int:
    raise NotImplementedError  # owned by the sources work
