"""`extract PATH_OR_URL...`: clean article(s) on stdout.

Inputs are files or http(s) URLs. An input that holds no article (or cannot be read) is
reported and the others still print; the exit status is 1 if any input failed.
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from typing import Any

from huaibei_reader.cli.local_files import MAX_PAGE_FILE, read_capped
from huaibei_reader.errors import InputError, KnownError, NotAnArticle
from huaibei_reader.models import Article, BlockKind, SiteRules
from huaibei_reader.textsafe import json_for_terminal, one_line, strip_controls

NO_ARTICLE_FOUND = "no article found on the page"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract clean article(s) from files or URLs")
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL",
                   help="web page files or http(s) addresses")
    p.add_argument("--format", choices=["text", "markdown", "json", "jsonl"], default="text",
                   help="text (default), markdown, a JSON list, or one JSON object per line")
    p.add_argument("--encoding", default=None, metavar="E",
                   help="read every input in this character set, whatever the page declares "
                        "(e.g. gbk, big5, utf-8; gb2312 and gbk are read as their superset "
                        "gb18030)")
    p.set_defaults(func=run_extract)


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _site_rules(services: Any, url: str) -> SiteRules | None:
    """The rules of the site ``url`` belongs to (bundled or the person's), if any; a bad
    rules file is an ``InputError`` naming it."""
    if not url:
        return None
    from huaibei_reader.sources.siterules import rules_for_url

    return rules_for_url(services.site_rules, url)


# Labels read as their superset, as browsers do: a page labelled gb2312 uses GBK characters.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030"}


def forced_codec(label: str) -> str:
    """The Python codec for ``--encoding``; InputError naming it when there is none."""
    try:
        codec = codecs.lookup(label).name
        "".encode(codec)  # refuses codecs that are not character sets (base64, zlib, rot13)
    except (LookupError, ValueError):
        raise InputError(f"unknown encoding {label!r} for --encoding (a character set such as "
                         "utf-8, gbk, gb18030 or big5)") from None
    return _SUPERSETS.get(codec, codec)


def _fetch(value: str, services: Any) -> tuple[bytes, str, str | None]:
    """Bytes, page URL and HTTP charset of one input (file or URL)."""
    if _is_url(value):
        result = services.http_client.get(value)
        return result.content, result.url, result.charset
    return read_capped(value, cap=MAX_PAGE_FILE, what="a page"), "", None


def article_record(value: str, article: Article) -> dict[str, Any]:
    """The JSON object of one extracted article (the CLI contract's fields, then extras)."""
    return {
        "input": value,
        "url": article.url or article.canonical_url or "",
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "source": article.publisher,
        "author": article.author,
        "text": article.text,
        "blocks": [b.to_dict() for b in article.blocks],
        "images": list(article.images),
        "lang": article.lang,
        "authors": list(article.authors),
        "site_name": article.site_name,
        "canonical_url": article.canonical_url,
        "view_count": article.view_count,
        "warnings": list(article.warnings),
    }


def _byline(article: Article) -> str:
    parts = []
    if article.published:
        parts.append(article.published.strftime("%Y-%m-%d %H:%M"))
    if article.publisher:
        parts.append(f"来源: {article.publisher}")
    if article.author:
        parts.append(f"作者: {article.author}")
    return " | ".join(parts)


def render_text(article: Article) -> str:
    lines = [article.title] if article.title else []
    byline = _byline(article)
    if byline:
        lines.append(byline)
    lines.append("")
    lines.append(article.text)
    return "\n".join(lines)


def _md_escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(article: Article) -> str:
    out: list[str] = []
    if article.title:
        out.append(f"# {article.title}")
    byline = _byline(article)
    if byline:
        out.append(f"*{byline}*")
    url = article.canonical_url or article.url
    if url:
        out.append(f"<{url}>")
    for b in article.blocks:
        if b.kind is BlockKind.HEADING:
            out.append("#" * min(6, max(2, b.level or 2)) + " " + b.text)
        elif b.kind is BlockKind.LIST:
            out.append("\n".join((f"{n}. " if b.ordered else "- ") + item
                                 for n, item in enumerate(b.items, 1)))
        elif b.kind is BlockKind.QUOTE:
            out.append("\n".join("> " + line for line in b.text.splitlines()))
        elif b.kind is BlockKind.TABLE and b.rows:
            width = max(len(r) for r in b.rows)
            rows = [list(r) + [""] * (width - len(r)) for r in b.rows]
            table = ["| " + " | ".join(_md_escape_cell(c) for c in rows[0]) + " |",
                     "|" + "---|" * width]
            table += ["| " + " | ".join(_md_escape_cell(c) for c in r) + " |" for r in rows[1:]]
            out.append("\n".join(table))
        elif b.kind is BlockKind.IMAGE:
            image = f"![{b.alt}]({b.src})"
            out.append(image + (f"\n*{b.text}*" if b.text else ""))
        elif b.text:
            out.append(b.text)
    return "\n\n".join(out) + "\n"


def run_extract(args: argparse.Namespace, services) -> int:
    from huaibei_reader.extract import extract_article

    forced = forced_codec(args.encoding) if args.encoding is not None else None
    failed = 0
    records: list[dict[str, Any]] = []
    first = True
    for value in args.inputs:
        try:
            data, url, charset = _fetch(value, services)
            site = _site_rules(services, url)
            article = extract_article(data, url or "", http_charset=charset,
                                      rules=site.extract if site else None,
                                      forced_charset=forced or (site.encoding if site else None))
        except KnownError as exc:
            failed += 1
            message = str(exc) or type(exc).__name__
            if args.format in ("json", "jsonl"):
                record: dict[str, Any] = {"input": value, "error": message}
                if isinstance(exc, NotAnArticle):
                    record["kind"] = "not-an-article"
                    record["warnings"] = [NO_ARTICLE_FOUND]
                records.append(record)
                if args.format == "jsonl":
                    print(json_for_terminal(json.dumps(record, ensure_ascii=False)),
                          flush=True)
            # the one line on stderr in every format (stdout stays pure JSON in json formats)
            print(f"huaibei-reader: {one_line(value)}: {one_line(message)}", file=sys.stderr)
            continue
        if args.format in ("text", "markdown"):
            for warning in article.warnings:  # json formats carry them in "warnings"
                print(f"huaibei-reader: {one_line(value)}: warning: {one_line(warning)}",
                      file=sys.stderr)
        if args.format == "jsonl":
            print(json_for_terminal(json.dumps(article_record(value, article),
                                               ensure_ascii=False)), flush=True)
        elif args.format == "json":
            records.append(article_record(value, article))
        else:
            if not first:
                print("\n" + "-" * 40 + "\n")
            print(strip_controls(render_markdown(article) if args.format == "markdown"
                                 else render_text(article)))
            first = False
    if args.format == "json":
        print(json_for_terminal(json.dumps(records, ensure_ascii=False, indent=2)))
    return 1 if failed else 0
