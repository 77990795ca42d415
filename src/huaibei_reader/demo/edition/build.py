"""Write the sample edition (pages, images, feed, manifest, README) from the article data.

    python -m huaibei_reader.demo.edition.build [--out DIR] [--check]

The pages are committed under resources/sample-edition/; ``--check`` rebuilds into memory
and fails when the committed files differ, so nobody edits one without the other.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from huaibei_reader.demo.edition import readme, shehui, wenlv
from huaibei_reader.demo.edition.chrome import (
    CHANNELS,
    FRIEND_LINKS,
    SITE_NAME,
    teaser,
)
from huaibei_reader.demo.edition.model import (
    Heading,
    Image,
    ItemList,
    Para,
    Quote,
    SampleArticle,
    Table,
)
from huaibei_reader.demo.edition.pages import (
    LIST_PAGE_SIZE,
    about_page,
    article_page,
    feed_xml,
    home_page,
    image_src,
    list_page,
    list_page_path,
    published_datetime,
    related_items,
)
from huaibei_reader.demo.edition.png import flat_png, scene_png
from huaibei_reader.demo.edition.seed import SEED, SEED_FOOTER_DESCRIPTION, SEED_TEASER
from huaibei_reader.demo.edition.static import COMMON_JS, ROBOTS_TXT, STYLE_CSS

# Page furniture that must never reach an extracted article (checked against each body).
FURNITURE_PHRASES = (
    "相关资讯", "友情链接", "责任编辑", "分享到", "上一篇", "下一篇", "热门排行", "推荐阅读",
    "版权所有", "ICP备", "示例内容", "当前位置", "设为首页", "浏览:", "打印本页", "网友评论",
    "文明上网",
)

_ARTICLE_LINK = re.compile(r'href="(/news/\d{4}-\d{2}/\d{2}/\d+\.html)"')


def all_articles() -> list[SampleArticle]:
    """The whole edition, newest first."""
    articles = [SEED, *shehui.ARTICLES, *wenlv.ARTICLES]
    return sorted(articles, key=lambda x: x.published, reverse=True)


def _encode(article: SampleArticle, html: str) -> bytes:
    if article.encoding == "utf-8":
        return html.encode("utf-8")
    # Strict: a character the encoding lacks is a bug in the sample, not something to hide.
    return html.replace("©", "&copy;").encode(article.encoding)


def _article_links(html: str) -> list[str]:
    seen: dict[str, None] = {}
    for m in _ARTICLE_LINK.finditer(html):
        seen.setdefault(m.group(1))
    return list(seen)


def _must_not_contain(article: SampleArticle, articles: list[SampleArticle]) -> list[str]:
    phrases = list(FURNITURE_PHRASES)
    phrases.append(f"时间:{article.published}")
    phrases.append(teaser(article)[: len(article.publisher) + 10])  # the summary box
    phrases.append(SEED_FOOTER_DESCRIPTION[:14])
    phrases.append(FRIEND_LINKS[1])
    for title, text, _href in related_items(article, articles)[:3]:
        phrases.append(title)
        phrases.append(text.strip()[:16])
    return [p for p in dict.fromkeys(phrases) if p]


def _article_entry(article: SampleArticle, articles: list[SampleArticle], *,
                   strict: bool = True) -> dict:
    """The manifest entry; ``strict``: a trap phrase inside the body is an error, else dropped."""
    paragraphs = list(article.paragraphs)
    text_lines: list[str] = []
    for part in article.body:
        if isinstance(part, (Para, Heading, Quote)):
            text_lines.append(part.text)
        elif isinstance(part, ItemList):
            text_lines.extend(part.items)
        elif isinstance(part, Table):
            text_lines.extend(" ".join(row) for row in part.rows)
    first, last = paragraphs[0], paragraphs[-1]
    middle = paragraphs[len(paragraphs) // 2]
    must_contain = [first[:20], middle[:20], last[-20:]]
    for part in article.body:
        if isinstance(part, ItemList):
            must_contain.append(part.items[-1])
        if isinstance(part, Table):
            must_contain.append(part.rows[-1][1])
        if isinstance(part, (Heading, Quote)):
            must_contain.append(part.text[:20])
    body = article.body_text()
    must_not = _must_not_contain(article, articles)
    clash = [p for p in must_not if p in body]
    if clash and not strict:
        must_not = [p for p in must_not if p not in clash]
    elif clash:
        raise ValueError(f"{article.path}: forbidden phrases inside the body: {clash}")
    if article.captured and teaser(article) != SEED_TEASER:
        raise ValueError("the seed's summary box no longer matches the capture")
    return {
        "path": article.path,
        "title": article.title,
        "published": article.published,
        "published_iso": published_datetime(article).isoformat(),
        "publisher": article.publisher,
        "site_name": SITE_NAME,
        "authors": list(article.authors),
        "byline": article.byline_top or article.byline_end or "",
        "editor": article.editor,
        "view_count": article.views,
        "channel": article.channel,
        "channel_name": CHANNELS[article.channel],
        "captured": article.captured,
        "encoding": article.encoding,
        "meta_charset": article.meta_charset,
        "http_charset": article.http_charset,
        "first_paragraph": first,
        "last_paragraph": last,
        "paragraphs": paragraphs,
        "text": "\n".join(text_lines),
        "images": [{"src": image_src(article, p, relative=False), "alt": p.alt,
                    "caption": p.caption} for p in article.body if isinstance(p, Image)],
        "lists": [{"ordered": p.ordered, "items": list(p.items)}
                  for p in article.body if isinstance(p, ItemList)],
        "tables": [[list(r) for r in p.rows] for p in article.body if isinstance(p, Table)],
        "headings": [{"level": p.level, "text": p.text}
                     for p in article.body if isinstance(p, Heading)],
        "quotes": [p.text for p in article.body if isinstance(p, Quote)],
        "must_contain": must_contain,
        "must_not_contain": must_not,
        "occurs_once": [first[:24]],
        "teaser": teaser(article),
    }


def build(articles: list[SampleArticle] | None = None, *,
          page_size: int = LIST_PAGE_SIZE) -> dict[str, bytes]:
    """Every file of the edition, by its path relative to the edition folder.

    Without ``articles``: the bundled sample edition. With them (newest first): a site of
    the same shape, e.g. the large synthetic editions of the benchmarks.
    """
    bundled = articles is None
    articles = all_articles() if articles is None else articles
    files: dict[str, bytes] = {}
    pages_links: dict[str, list[str]] = {}

    def put_html(path: str, html: str, data: bytes | None = None) -> None:
        files[path.lstrip("/")] = data if data is not None else html.encode("utf-8")
        pages_links[path] = _article_links(html)

    home = home_page(articles)
    put_html("/index.html", home)
    channels: list[dict[str, Any]] = []
    for slug, name in CHANNELS.items():
        members = [x for x in articles if x.channel == slug]
        count = -(-len(members) // page_size)
        channel_pages: list[dict[str, Any]] = []
        for n in range(1, count + 1):
            path = list_page_path(slug, n)
            put_html(path, list_page(slug, n, articles, page_size=page_size))
            listed = members[(n - 1) * page_size: n * page_size]
            channel_pages.append({"path": path, "listed": [x.path for x in listed],
                                  "next": list_page_path(slug, n + 1) if n < count else None})
        channels.append({"slug": slug, "name": name, "pages": channel_pages,
                         "articles": [x.path for x in members]})
    for article in articles:
        html = article_page(article, articles)
        put_html(article.path, html, _encode(article, html))
        for part in article.body:
            if isinstance(part, Image):
                w, h = part.size
                files[image_src(article, part, relative=False).lstrip("/")] = scene_png(
                    w, h, part.palette, seed=article.id % 97)
    put_html("/about.html", about_page(articles))
    files["feed.xml"] = feed_xml(articles).encode("utf-8")
    files["robots.txt"] = ROBOTS_TXT.encode("utf-8")
    files["static/css/style.css"] = STYLE_CSS.encode("utf-8")
    files["static/js/common.js"] = COMMON_JS.encode("utf-8")
    files["static/images/logo.png"] = flat_png(240, 60, "logo")
    files["static/images/ad-banner.png"] = flat_png(300, 100, "banner")

    content_types: dict[str, str | None] = {}
    for article in articles:
        if article.encoding != "utf-8" or article.http_charset != "utf-8":
            content_types[article.path] = (f"text/html; charset={article.http_charset}"
                                           if article.http_charset else None)
    content_types["/feed.xml"] = "application/rss+xml; charset=utf-8"
    server_config = {
        "comment": "Read by huaibei_reader.demo.server; files starting with _ are not served.",
        "content_types": content_types,
        "base_url_placeholder": {"files": ["/feed.xml"],
                                 "placeholder": "http://sample-edition.invalid/"},
    }
    files["_server.json"] = _json(server_config)

    manifest = {
        "name": "今日淮北 sample edition (示例内容)",
        "site_name": SITE_NAME,
        "note": "Sample content for Huaibei Reader; not real news, except the captured article.",
        "timezone": "Asia/Shanghai",
        "home": "/index.html",
        "feed": "/feed.xml",
        "robots_disallow": ["/admin/"],
        "channels": channels,
        "non_articles": ["/index.html", "/about.html",
                         *(p["path"] for c in channels for p in c["pages"])],
        "article_links": pages_links,
        "dead_links": sorted({r.href for x in articles for r in x.related}
                             - {x.path for x in articles}),
        "gbk_pages": [x.path for x in articles if x.encoding == "gbk"],
        "images": sorted("/" + k for k in files if k.startswith("uploads/")),
        "articles": [_article_entry(x, articles, strict=bundled) for x in articles],
    }
    files["manifest.json"] = _json(manifest)
    if bundled:
        files["README.md"] = readme.render(articles, channels).encode("utf-8")
    return files


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def differences(out: Path, files: dict[str, bytes]) -> list[str]:
    """What differs between the folder and a fresh build (empty when up to date)."""
    problems = []
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    for name in sorted(set(files) - on_disk):
        problems.append(f"missing: {name}")
    for name in sorted(on_disk - set(files)):
        problems.append(f"not built by the generator: {name}")
    for name in sorted(set(files) & on_disk):
        if (out / name).read_bytes() != files[name]:
            problems.append(f"differs: {name}")
    return problems


def write(out: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    from huaibei_reader.paths import sample_edition_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    out = args.out or sample_edition_dir()
    files = build()
    if args.check:
        problems = differences(out, files)
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    write(out, files)
    print(f"wrote {len(files)} files to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
