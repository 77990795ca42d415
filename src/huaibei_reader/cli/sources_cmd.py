"""`sources add|list|remove|rename|import|export`."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sources", help="manage the sites and feeds you follow")
    s = p.add_subparsers(dest="sources_command", metavar="ACTION", required=True)
    a = s.add_parser("add", help="add a site or feed (kind detected)")
    a.add_argument("url")
    a.add_argument("--name", default=None)
    lst = s.add_parser("list", help="list sources")
    lst.add_argument("--json", action="store_true")
    r = s.add_parser("remove", help="remove a source")
    r.add_argument("name")
    rn = s.add_parser("rename", help="rename a source")
    rn.add_argument("name")
    rn.add_argument("new_name")
    i = s.add_parser("import", help="import an OPML file")
    i.add_argument("opml")
    e = s.add_parser("export", help="export sources as OPML")
    e.add_argument("opml")
    p.set_defaults(func=run_sources)


def run_sources(args: argparse.Namespace, services) -> int:
    raise NotImplementedError  # owned by the sources work
