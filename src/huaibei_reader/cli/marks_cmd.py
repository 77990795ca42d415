"""`bookmark`, `unbookmark`, `clip`, `cite`, `export`: the journalist's commands."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from huaibei_reader.cli.args import article_id, text
from huaibei_reader.errors import InputError, TargetExists
from huaibei_reader.export.citation import STYLES
from huaibei_reader.export.service import ExportFormat, ExportOptions, ImageMode
from huaibei_reader.textsafe import one_line


def register(sub: argparse._SubParsersAction) -> None:
    note, tag = text("the note"), text("a tag")
    p = sub.add_parser("bookmark", help="bookmark an article")
    p.add_argument("id", type=article_id, metavar="ID", help="the article's id (see list)")
    p.add_argument("--note", type=note, default="", help="a note to keep with the bookmark")
    p.add_argument("--tag", type=tag, action="append", default=[],
                   help="a tag (repeat, or separate with commas)")
    p.set_defaults(func=run_bookmark)

    p = sub.add_parser("unbookmark", help="remove a bookmark")
    p.add_argument("id", type=article_id, metavar="ID", help="the article's id")
    p.set_defaults(func=run_unbookmark)

    p = sub.add_parser("clip", help="save a quote from an article, with its citation")
    p.add_argument("id", type=article_id, metavar="ID", help="the article's id")
    p.add_argument("--quote", type=text("the quote"), required=True,
                   help="the words, exactly as the article has them")
    p.add_argument("--note", type=note, default="", help="a note to keep with the clipping")
    p.add_argument("--tag", type=tag, action="append", default=[],
                   help="a tag (repeat, or separate with commas)")
    p.set_defaults(func=run_clip)

    p = sub.add_parser("cite", help="print a citation of an article")
    p.add_argument("id", type=article_id, metavar="ID", help="the article's id")
    p.add_argument("--style", choices=list(STYLES), default=None,
                   help="citation style (default: GB/T 7714 for Chinese articles, else APA)")
    p.set_defaults(func=run_cite)

    p = sub.add_parser("export", help="export articles, bookmarks or clippings",
                       description="PATH may be a file, or a folder (existing, or ending with "
                                   "a slash) to write a file named after the title into. "
                                   "warc: a .warc.gz file; with -o NAME.zip, a zip of the "
                                   "WARC, the PDF rendering and SHA256SUMS.")
    p.add_argument("ids", nargs="*", type=article_id, metavar="ID",
                   help="the articles to export (or use --bookmarks or --clippings)")
    p.add_argument("--bookmarks", action="store_true", help="export every bookmarked article")
    p.add_argument("--clippings", action="store_true", help="export every clipping")
    p.add_argument("--tag", type=tag, default=None,
                   help="with --bookmarks or --clippings: only those with this tag")
    p.add_argument("--format", required=True, choices=[f.value for f in ExportFormat],
                   help="the file format")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="PATH",
                   help="the file to write, or a folder to write it into")
    p.add_argument("--style", choices=list(STYLES), default=None,
                   help="citation style (default: GB/T 7714 for Chinese articles, else APA)")
    p.add_argument("--images", choices=[m.value for m in ImageMode], default="embed",
                   help="md: embed the library's pictures in the file (default), write them "
                        "to a folder beside it (NAME_images), or keep captions only (text); "
                        "never links to the web")
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
    print(f"bookmarked {item.id}: {one_line(item.article.title)}")
    return 0


def run_unbookmark(args, services) -> int:
    """Exit 0 also when there was no bookmark: what was asked (no bookmark on the article)
    holds, as ``bookmark`` of a bookmarked article exits 0 too, and a script clearing marks
    may run twice. An unknown article is still an error (exit 1)."""
    library = services.library
    item = library.articles.get(args.id)
    if library.marks.bookmark_of(item.id) is None:
        print(f"article {item.id} is not bookmarked; nothing to remove: "
              f"{one_line(item.article.title)}")
        return 0
    library.marks.unbookmark(item.id)
    print(f"bookmark removed from {item.id}: {one_line(item.article.title)}")
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
    print(one_line(format_citation(clipping.citation)))
    return 0


def run_cite(args, services) -> int:
    from huaibei_reader.export.citation import citation_for, format_citation

    print(one_line(format_citation(citation_for(services.library.articles.get(args.id)),
                                   args.style)))
    return 0


def run_export(args, services) -> int:
    chosen = sum((bool(args.ids), args.bookmarks, args.clippings))
    if chosen != 1:
        raise InputError("export needs exactly one of: article IDs, --bookmarks, --clippings")
    if args.tag is not None and args.ids:
        raise InputError("--tag goes with --bookmarks or --clippings")
    exporter = services.exporter
    if args.ids:
        selection = exporter.select_articles(args.ids)
    elif args.bookmarks:
        selection = exporter.select_bookmarks(tag=args.tag)
    else:
        selection = exporter.select_clippings(tag=args.tag)
    options = ExportOptions(style=args.style, overwrite=args.overwrite,
                            images=ImageMode(args.images))
    try:
        result = exporter.export(selection, args.format, args.output, options)
    except TargetExists as exc:
        raise InputError(f"{exc.path} already exists; use --overwrite to replace it") from None
    print(one_line(str(result.path)))
    if result.stale_count:
        print(f"note: {result.stale_count} clipping(s) quote text no longer in the current "
              "version of their article (flagged in the export)", file=sys.stderr)
    return 0
