"""The README of the sample edition, written with the pages so its tables never go stale."""

from __future__ import annotations

from huaibei_reader.demo.edition.chrome import CHANNELS
from huaibei_reader.demo.edition.model import Heading, Image, ItemList, Quote, SampleArticle, Table
from huaibei_reader.demo.edition.pages import LIST_PAGE_SIZE


def _tests_of(article: SampleArticle) -> str:
    notes = []
    if article.captured:
        notes.append("the captured seed article (real text): end-to-end checks")
    if article.encoding != "utf-8":
        if article.http_charset:
            notes.append(f"GBK bytes; HTTP `charset={article.http_charset}` and "
                         f"`<meta charset=\"{article.meta_charset}\">`")
        else:
            notes.append(f"GBK bytes; no HTTP charset, `<meta http-equiv>` says "
                         f"`{article.meta_charset}` and the text holds 喆 (GBK, not GB2312)")
    if any(isinstance(p, Image) for p in article.body):
        image = next(p for p in article.body if isinstance(p, Image))
        where = "relative src" if image.relative else "root-relative src"
        notes.append(f"image ({image.style} markup, {where})")
    if any(isinstance(p, ItemList) for p in article.body):
        notes.append("list")
    if any(isinstance(p, Table) for p in article.body):
        notes.append("table")
    if any(isinstance(p, Heading) for p in article.body):
        notes.append("subheadings (`<h3>`)")
    if any(isinstance(p, Quote) for p in article.body):
        notes.append("blockquote")
    if article.byline_top:
        notes.append(f"byline line first: `{article.byline_top}`")
    elif article.byline_end:
        where = "inside the last paragraph" if article.byline_in_last_para else "own line"
        notes.append(f"reporters at the end ({where}): `{article.byline_end}`")
    elif article.authors:
        notes.append("reporter in the dateline of the first paragraph")
    else:
        notes.append("no author")
    if article.indent == "fullwidth":
        notes.append("paragraphs indented with U+3000")
    return "; ".join(notes)


def render(articles: list[SampleArticle], channels: list[dict]) -> str:
    rows = "\n".join(
        f"| `{x.path}` | {x.published} | {CHANNELS[x.channel]} | {x.publisher} | "
        f"{' '.join(x.authors) or '—'} | {_tests_of(x)} |" for x in articles)
    channel_rows = "\n".join(
        f"| {c['name']} | " + ", ".join(f"`{p['path']}`" for p in c["pages"]) + " |"
        for c in channels)
    return f"""# Sample edition (示例内容)

A small static site shaped like 今日淮北 (morang.cn), bundled with Huaibei Reader. It is what
`huaibei-reader --demo`, the end-to-end tests and the installers' self-test read, through
`huaibei_reader.demo.SampleEditionServer` on 127.0.0.1.

**Sample content, not real news.** Every page says so in a banner. The one exception is the
article `/news/2022-10/01/20391.html`, whose title, time line, teaser, publisher, body, reporters,
相关资讯 teasers, friend links and footer text are the capture in
`../shared/seeds/jinri-huaibei-article.txt`, verbatim; only its markup is ours.

Generated: edit `src/huaibei_reader/demo/edition/` (articles as data, page templates) and run
`python -m huaibei_reader.demo.edition.build`. A test fails when these files and the generator
disagree. Do not edit the pages by hand.

## Pages

- `/index.html` (and `/`): home page. Focus pictures, the headline, 最新资讯 (10 newest),
  a box per channel, sidebar 热门排行/推荐阅读, advertisement, 友情链接, footer.
  Advertises `/feed.xml` with `<link rel="alternate" type="application/rss+xml">`.
- Channel lists, {LIST_PAGE_SIZE} articles a page, linked by page numbers, 上一页 and 下一页:

| channel | pages |
|---|---|
{channel_rows}

- Articles, newest first (each with the same furniture: breadcrumbs, `时间:… | 浏览:…`, a summary
  box repeating the opening after the publisher, the publisher line, 责任编辑, share bar,
  上一篇/下一篇, 相关资讯 with teasers, sidebar, 友情链接, footer):

| path | published (Asia/Shanghai) | channel | publisher | authors | what it tests |
|---|---|---|---|---|---|
{rows}

- `/about.html`: not an article (lists and headings only): extraction should refuse it.
- `/feed.xml`: RSS 2.0 of every article, newest first, teasers only (a reader must fetch the
  page). Its links use the host `sample-edition.invalid`; the server replaces it with its own
  base URL when serving (see `_server.json`).
- `/robots.txt`: allows everything except `/admin/` (which does not exist: 404).
- `/uploads/allimg/…png`: article pictures (PNG written with zlib); `/static/…`: logo, an
  advertisement banner, CSS and JS, none of which belong in an article.

The seed page's 相关资讯 entries link to stories that are not in the edition: they answer 404,
as dead links on real portals do (listed in the manifest as `dead_links`). All other links
inside the edition resolve.

## Encodings

- `/news/2022-10/03/20419.html`: bytes in GBK; the server sends `Content-Type: text/html;
  charset=gbk` and the page has `<meta charset="gbk" />`.
- `/news/2022-10/08/20480.html`: bytes in GBK; the server sends `text/html` with no charset and
  the page declares `charset=gb2312` in `<meta http-equiv>`. It contains 喆, which GBK has and
  GB2312 lacks: decoding as strict GB2312 fails; reading GB2312 as GB18030 is right.
- Every other page: UTF-8, declared by the server and by `<meta http-equiv>`.

## Serving it

    python -m huaibei_reader.demo            # prints http://127.0.0.1:47231/ (or a free port)

In code: `with SampleEditionServer() as server:` (port 0), then `server.url(path)`. Pages
answer with ETag and Last-Modified and honour If-None-Match / If-Modified-Since with 304.
The tests serve it through their own kit (tests/support/edition.py), which also records
requests, edits pages, overrides answers, slows and compresses them.

A larger site of the same shape (benchmarks): `python -m huaibei_reader.demo.edition.synthetic
OUT --count 200 --page-size 20`, then `SampleEditionServer(OUT)`.

## manifest.json

What extraction must give for each article, for other tests to check against: `path`,
`title`, `published` (`YYYY-MM-DD HH:MM:SS`, Asia/Shanghai) and `published_iso` (with
+08:00), `publisher` (来源, distinct from `site_name` 今日淮北), `authors`, `view_count`,
`first_paragraph`, `last_paragraph` (without a trailing reporters bracket: an extractor may keep
or drop it, so compare with `in`), `paragraphs`, `text` (body lines: paragraphs, list items,
table rows joined by spaces, subheadings, quotes; no captions, no bylines), `images`
(root-relative `src`, `alt`, `caption`), `lists`, `tables`, `headings`, `quotes`,
`must_contain`, `must_not_contain` (furniture, the summary box, related teasers: none occurs in
the body), `occurs_once` (the opening, which the summary box
repeats), `encoding`, `meta_charset`, `http_charset`.
Also per page: `article_links` (every article link of each page, page order, no duplicates),
`channels` (list pages, the articles each lists, the next page), `non_articles`, `gbk_pages`.
Load it with `huaibei_reader.demo.load_manifest()`.
"""
