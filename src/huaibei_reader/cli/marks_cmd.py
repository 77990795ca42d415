"""`bookmark`, `unbookmark`, `clip`, `cite`, `export`: the journalist's commands."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from huaibei_reader.errors import InputError


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

    p = sub.add_parser("export", help="export articles, bookmarks or clippings",
                       description="PATH may be a file, or a folder (existing, or ending with "
                                   "a slash) to write a file named after the title into. "
                                   "warc: a .warc.gz file; with -o NAME.zip, a zip of the "
                                   "WARC, the PDF rendering and SHA256SUMS.")
    p.add_argument("ids", nargs="*", type=int)
    p.add_argument("--bookmarks", action="store_true")
    p.add_argument("--clippings", action="store_true")
    p.add_argument("--tag", default=None)
    p.add_argument("--format", required=True,
                   choices=["md", "html", "pdf", "docx", "txt", "json", "warc"])
    p.add_argument("-o", "--output", required=True, type=Path)
    p.add_argument("--style", choices=["gbt7714", "apa", "chicago"], default=None,
                   help="citation style (default: GB/T 7714 for Chinese articles, else APA)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace PATH if it exists (otherwise an existing file is refused)")
    p.set_defaults(func=run_export)


def _tags(values: list[str]) -> tuple[str, ...]:
    """Tags as given, trimmed, each once; ``--tag a,b`` also works."""
    seen: dict[str, None] = {}
    for v in values:
        for t in v.split(","):
            if t.strip():
                seen.setdefault(t.strip(), None)
    return tuple(seen)


def run_bookmark(args, services) -> int:
    library = services.library
    item = library.articles.get(args.id)
    library.marks.bookmark(item.id, note=args.note, tags=_tags(args.tag))
    print(f"bookmarked {item.id}: {item.article.title}")
    return 0


def run_unbookmark(args, services) -> int:
    library = services.library
    item = library.articles.get(args.id)
    library.marks.unbookmark(item.id)
    print(f"bookmark removed from {item.id}: {item.article.title}")
    return 0


def run_clip(args, services) -> int:
    from huaibei_reader.export.citation import citation_for, format_citation
    from huaibei_reader.export.diff import quote_in_text
    from huaibei_reader.models import Clipping

    library = services.library
    item = library.articles.get(args.id)
    quote = args.quote.strip()
    if not quote:
        raise InputError("the quote is empty")
    if not quote_in_text(quote, item.article.title + "\n" + item.article.text):
        raise InputError(f"the quote is not in the text of article {item.id} "
                         "(copy it exactly as the article has it)")
    clipping = library.marks.add_clipping(Clipping(
        id=None, article_id=item.id, article_version=item.version, quote=quote,
        citation=citation_for(item), created_at=datetime.now(UTC), note=args.note,
        tags=_tags(args.tag)))
    print(f"clipping {clipping.id} saved from article {item.id}")
    print(format_citation(clipping.citation))
    return 0


def run_cite(args, services) -> int:
    from huaibei_reader.export.citation import citation_for, format_citation

    print(format_citation(citation_for(services.library.articles.get(args.id)), args.style))
    return 0


def run_export(args, services) -> int:
    from huaibei_reader.export import service

    chosen = sum((bool(args.ids), args.bookmarks, args.clippings))
    if chosen != 1:
        raise InputError("export needs exactly one of: article IDs, --bookmarks, --clippings")
    if args.tag is not None and args.ids:
        raise InputError("--tag goes with --bookmarks or --clippings")
    library = services.library
    if args.ids:
        selection = service.select_articles(library, args.ids)
    elif args.bookmarks:
        selection = service.select_bookmarks(library, tag=args.tag)
    else:
        selection = service.select_clippings(library, tag=args.tag)
    path = service.export(selection, library, fmt=args.format, target=args.output,
                          style=args.style, overwrite=args.overwrite)
    print(path)
    if selection.stale_count:
        print(f"note: {selection.stale_count} clipping(s) quote text no longer in the current "
              "version of their article (flagged in the export)", file=sys.stderr)
    return 0
