"""`sources add|list|remove|rename|import|export`.

The built-in source 今日淮北 is not added behind the user's back: a command that reads
(`sources list`) should not write, a test's temporary library should stay empty, and a user
who removed it should not see it come back. It is one word away instead:
`sources add 今日淮北` (also `morang`; the rules file resources/sites/morang.toml declares it
and its aliases), added without any network request, and `sources list` and `refresh` on an
empty library say so. The window's "Add source" takes the same names.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from huaibei_reader.cli.args import text
from huaibei_reader.cli.local_files import MAX_OPML_FILE, read_capped
from huaibei_reader.errors import InputError
from huaibei_reader.models import Source
from huaibei_reader.textsafe import json_for_terminal, one_line

EMPTY_HINT = ("no sources yet: add one with `huaibei-reader sources add URL`, or the built-in "
              "今日淮北 with `huaibei-reader sources add 今日淮北`")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sources", help="manage the sites and feeds you follow")
    s = p.add_subparsers(dest="sources_command", metavar="ACTION", required=True)
    name = text("the source's name")
    a = s.add_parser("add", help="add a site or feed (kind detected)")
    a.add_argument("url", type=text("the address"),
                   help="the site's or feed's address, or 今日淮北 for the built-in one")
    a.add_argument("--name", type=name, default=None,
                   help="what to call it (default: the site's name)")
    lst = s.add_parser("list", help="list sources")
    lst.add_argument("--json", action="store_true", help="a JSON list on stdout")
    r = s.add_parser("remove", help="remove a source")
    r.add_argument("name", type=name, help="the source's name or id")
    rn = s.add_parser("rename", help="rename a source")
    rn.add_argument("name", type=name, help="the source's name or id")
    rn.add_argument("new_name", type=text("the new name"), help="its new name")
    i = s.add_parser("import", help="import an OPML file")
    i.add_argument("opml", metavar="OPML", help="the OPML file to read")
    e = s.add_parser("export", help="export sources as OPML")
    e.add_argument("opml", metavar="OPML", help="the file to write (- for stdout)")
    p.set_defaults(func=run_sources)


def run_sources(args: argparse.Namespace, services) -> int:
    action = {"add": _add, "list": _list, "remove": _remove, "rename": _rename,
              "import": _import, "export": _export}[args.sources_command]
    return action(args, services)


def _already_following(library, candidate: Source) -> Source | None:
    wanted = {candidate.url.rstrip("/"), (candidate.feed_url or "").rstrip("/")} - {""}
    for s in library.sources.all():
        if candidate.kind == "feed" and s.feed_url:
            if s.feed_url.rstrip("/") == (candidate.feed_url or "").rstrip("/"):
                return s
        elif s.kind == candidate.kind and s.url.rstrip("/") in wanted:
            return s
    return None


def _add(args: argparse.Namespace, services) -> int:
    from huaibei_reader.sources.detect import builtin_source, detect_source

    source = builtin_source(args.url, services.site_rules, name=args.name)
    if source is None:
        print(f"looking at {args.url} ...", file=sys.stderr)
        source = detect_source(args.url, services.http_client, name=args.name)
    library = services.library
    existing = _already_following(library, source)
    if existing is not None:
        raise InputError(f"already following {source.feed_url or source.url} "
                         f"as {existing.name!r} (id {existing.id})")
    stored = library.sources.add(source)
    where = stored.feed_url if stored.kind == "feed" else stored.url
    print(one_line(f"added {stored.kind} {stored.name} (id {stored.id}): {where}"))
    return 0


def source_dict(s: Source) -> dict:
    return {"id": s.id, "name": s.name, "kind": s.kind, "url": s.url, "feed_url": s.feed_url,
            "rules": s.rules, "last_error": s.last_error,
            "last_refreshed": s.last_refreshed.isoformat() if s.last_refreshed else None}


def _list(args: argparse.Namespace, services) -> int:
    sources = services.library.sources.all()
    if args.json:
        sys.stdout.write(json_for_terminal(json.dumps([source_dict(s) for s in sources],
                                                      ensure_ascii=False, indent=1)) + "\n")
    else:
        for s in sources:
            when = s.last_refreshed.strftime("%Y-%m-%d %H:%M") if s.last_refreshed else "never"
            line = f"{s.id:>4}  {s.name}  [{s.kind}]  {s.feed_url or s.url}  refreshed: {when}"
            if s.last_error:
                line += f"  last error: {s.last_error}"
            print(one_line(line))
    if not sources:
        print(EMPTY_HINT, file=sys.stderr)
    return 0


def _remove(args: argparse.Namespace, services) -> int:
    library = services.library
    source = library.sources.find(args.name)
    library.sources.remove(source.id)
    print(one_line(f"removed {source.name} (id {source.id}); bookmarked and clipped articles "
                   "stay"))
    return 0


def _rename(args: argparse.Namespace, services) -> int:
    library = services.library
    source = library.sources.find(args.name)
    library.sources.rename(source.id, args.new_name)
    print(one_line(f"renamed {source.name} to {args.new_name.strip()}"))
    return 0


def _import(args: argparse.Namespace, services) -> int:
    from huaibei_reader.sources.opml import read_opml

    path = Path(args.opml)
    data = read_capped(args.opml, cap=MAX_OPML_FILE, what="an OPML file")
    candidates = read_opml(data)  # the whole file is checked before anything is added
    library = services.library
    names = {s.name.lower() for s in library.sources.all()}
    added = skipped = 0
    for source in candidates:
        if _already_following(library, source) is not None:
            skipped += 1
            continue
        name, n = source.name, 2
        while name.lower() in names:
            name, n = f"{source.name} ({n})", n + 1
        names.add(name.lower())
        library.sources.add(Source(None, name, source.url, source.kind, source.feed_url))
        added += 1
    print(f"imported {added} source(s) from {path}" +
          (f"; {skipped} already followed" if skipped else ""))
    return 0


def _export(args: argparse.Namespace, services) -> int:
    from huaibei_reader.sources.opml import write_opml

    data = write_opml(services.library.sources.all())
    if args.opml == "-":
        sys.stdout.buffer.write(data)
        return 0
    path = Path(args.opml)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".opml", dir=path.parent or ".")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"exported {len(services.library.sources.all())} source(s) to {path}")
    return 0
