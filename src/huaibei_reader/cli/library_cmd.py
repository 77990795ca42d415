"""`list`, `show`, `search`, `reextract`, `backup`: the library from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from huaibei_reader.cli.args import article_id, limit, text
from huaibei_reader.errors import InputError, TargetExists
from huaibei_reader.models import Article, BlockKind, LibraryArticle
from huaibei_reader.textsafe import json_for_terminal, one_line, strip_controls


def register(sub: argparse._SubParsersAction) -> None:
    source = text("--source")
    p = sub.add_parser("list", help="list articles, newest first")
    p.add_argument("--source", type=source, default=None, help="only this source (name or id)")
    p.add_argument("--unread", action="store_true", help="only articles not read yet")
    p.add_argument("--bookmarked", action="store_true", help="only bookmarked articles")
    p.add_argument("--limit", type=limit, default=50,
                   help="at most this many articles (default 50)")
    p.add_argument("--json", action="store_true", help="a JSON list on stdout")
    p.set_defaults(func=run_list)

    p = sub.add_parser("show", help="show one article")
    p.add_argument("id", type=article_id, metavar="ID", help="the article's id (see list)")
    p.add_argument("--format", choices=["text", "markdown", "json"], default="text",
                   help="text (default), markdown or JSON")
    p.set_defaults(func=run_show)

    p = sub.add_parser("search", help="full-text search (Chinese-aware)",
                       description="Full-text search of the library (Chinese-aware).",
                       epilog="A query that starts with '-' goes after '--', which ends the "
                              "options: huaibei-reader search -- -5°C")
    p.add_argument("query", type=text("the search query"), help="words or a phrase to find")
    p.add_argument("--source", type=source, default=None, help="only this source (name or id)")
    p.add_argument("--limit", type=limit, default=20,
                   help="at most this many hits (default 20)")
    p.add_argument("--json", action="store_true", help="a JSON list on stdout")
    p.set_defaults(func=run_search)

    p = sub.add_parser("reextract", help="re-run extraction on stored raw pages, offline")
    p.add_argument("--source", type=source, default=None, help="only this source (name or id)")
    p.set_defaults(func=run_reextract)

    p = sub.add_parser("backup", help="online copy of the library")
    p.add_argument("path", type=Path, help="the file to write the copy to")
    p.add_argument("--overwrite", action="store_true",
                   help="replace PATH if it exists (otherwise an existing file is refused)")
    p.set_defaults(func=run_backup)


def _library(services):
    """The library (the composition root tells the person if a damaged one was moved)."""
    return services.library


def _source_id(args, services) -> int | None:
    if args.source is None:
        return None
    return _library(services).sources.find(args.source).id


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _summary(item: LibraryArticle) -> dict:
    a = item.article
    return {
        "id": item.id,
        "url": a.url,
        "title": a.title,
        "published": _iso(a.published),
        "source": item.source_name,
        "author": a.author,
        "publisher": a.publisher,
        "read": item.read,
        "bookmarked": item.bookmarked,
        "fetched_at": _iso(item.fetched_at),
        "version": item.version,
    }


def _print_json(value) -> None:
    sys.stdout.write(json_for_terminal(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def run_list(args, services) -> int:
    lib = _library(services)
    items = lib.articles.newest(source_id=_source_id(args, services), unread=args.unread,
                                bookmarked=args.bookmarked, limit=args.limit,
                                with_blocks=False)
    if args.json:
        _print_json([_summary(i) for i in items])
        return 0
    for item in items:
        when = item.article.published or item.fetched_at
        flags = ("*" if not item.read else " ") + ("B" if item.bookmarked else " ")
        source = f"[{one_line(item.source_name)}] " if item.source_name else ""
        print(f"{item.id:>6} {flags} {when:%Y-%m-%d %H:%M}  {source}"
              f"{one_line(item.article.title)}")
    return 0


def _meta_lines(item: LibraryArticle) -> list[tuple[str, str]]:
    a = item.article
    lines = []
    if a.published:
        lines.append(("Published", a.published.isoformat()))
    if a.publisher:
        lines.append(("Publisher", a.publisher))
    if a.site_name or item.source_name:
        lines.append(("Site", a.site_name or item.source_name or ""))
    if a.author:
        lines.append(("Author", a.author))
    lines.append(("URL", a.url))
    lines.append(("Retrieved", item.fetched_at.isoformat()))
    if item.version > 1:
        lines.append(("Version", f"{item.version} (changed since first stored)"))
    return lines


def _markdown(item: LibraryArticle) -> str:
    a = item.article
    out = [f"# {a.title}", ""]
    out += [f"- {k}: {v}" for k, v in _meta_lines(item)]
    out.append("")
    for b in a.blocks:
        if b.kind is BlockKind.HEADING:
            out.append("#" * min(6, max(2, b.level or 2)) + " " + b.text)
        elif b.kind is BlockKind.QUOTE:
            out.append("\n".join("> " + line for line in b.text.splitlines()))
        elif b.kind is BlockKind.LIST:
            out.append("\n".join((f"{n}. " if b.ordered else "- ") + it
                                 for n, it in enumerate(b.items, 1)))
        elif b.kind is BlockKind.IMAGE:
            if b.src:
                out.append(f"![{b.alt or b.text}]({b.src})" + (f"\n\n{b.text}" if b.text else ""))
        elif b.kind is BlockKind.TABLE:
            rows = [list(r) for r in b.rows if r]
            if rows:
                width = max(len(r) for r in rows)
                rows = [r + [""] * (width - len(r)) for r in rows]
                out.append("| " + " | ".join(rows[0]) + " |")
                out.append("|" + " --- |" * width)
                out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        elif b.text:
            out.append(b.text)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def run_show(args, services) -> int:
    item = _library(services).articles.get(args.id)
    if args.format == "json":
        data = _summary(item)
        a = item.article
        data.update({
            "authors": list(a.authors),
            "site_name": a.site_name,
            "canonical_url": a.canonical_url,
            "lang": a.lang,
            "updated_at": _iso(item.updated_at),
            "text": a.text,
            "blocks": [b.to_dict() for b in a.blocks],
            "images": list(a.images),
        })
        _print_json(data)
    elif args.format == "markdown":
        sys.stdout.write(strip_controls(_markdown(item)))
    else:
        print(one_line(item.article.title))
        for key, value in _meta_lines(item):
            print(f"{key}: {one_line(value)}")
        print()
        print(strip_controls(item.article.text))
    return 0


def run_search(args, services) -> int:
    hits = _library(services).search.find(args.query, source_id=_source_id(args, services),
                                          limit=args.limit)
    if args.json:
        _print_json([{"id": h.id, "url": h.url, "title": h.title, "snippet": h.snippet,
                      "published": _iso(h.published), "rank": h.rank} for h in hits])
        return 0
    if not hits:
        print("no articles found", file=sys.stderr)
    for h in hits:
        print(f"{h.id:>6}  {one_line(h.title)}\n        {one_line(h.snippet)}")
    return 0


def run_reextract(args, services) -> int:
    from huaibei_reader.extract import extract_article
    from huaibei_reader.sources.siterules import rules_for_url

    lib = _library(services)
    source_id = _source_id(args, services)
    site_rules = services.site_rules

    def extract(data: bytes, url: str = "", *, http_charset: str | None = None) -> Article:
        """Read again with the site's rules, as the refresh that stored the page did."""
        found = rules_for_url(site_rules, url)
        return extract_article(data, url, http_charset=http_charset,
                               rules=found.extract if found else None,
                               forced_charset=found.encoding if found else None)

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty() or done == total:
            print(f"\rre-extracting {done}/{total}", end="\n" if done == total else "",
                  file=sys.stderr, flush=True)

    total = lib.versions.count_raw_pages(source_id=source_id)
    count = lib.versions.reextract(extract, source_id=source_id, progress=progress)
    lib.search.index_pending()  # the process ends here: index the changed texts now
    print(f"re-extracted {count} of {total} stored pages")
    return 0


def run_backup(args, services) -> int:
    try:
        target = _library(services).backup(args.path, overwrite=args.overwrite)
    except TargetExists as exc:
        raise InputError(f"{exc.path} already exists; use --overwrite to replace it") from None
    print(f"backed up the library to {target}")
    return 0
