"""The refresh's units of work: one URL fetched (and parsed, for list pages and feeds) on a
network worker, article pages extracted on an extraction thread. No library access here:
the scheduler in ``app.refresh`` owns every library call."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from huaibei_reader.errors import Cancelled, FetchBlocked, KnownError, NetworkError
from huaibei_reader.models import Article, SiteRules, Source

if TYPE_CHECKING:
    from huaibei_reader.app.refresh_report import SourceReport
    from huaibei_reader.cancel import CancelToken
    from huaibei_reader.net import FetchResult, HttpClient
    from huaibei_reader.sources.feeds import FeedEntry

log = logging.getLogger("huaibei_reader.app.refresh")

SITEMAP_URLS = 100  # newest sitemap entries considered per refresh
MAX_IMAGE_BYTES = 10 * 1024 * 1024
# Pages and list pages past this are refused: the extractor reads only the first 8 MB anyway,
# and up to `workers` bodies are in memory at once. Feeds and sitemaps keep the client's cap.
MAX_PAGE_BYTES = 16 * 1024 * 1024
IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8"


@dataclass
class SourceState:
    """One source's book-keeping during a refresh (the scheduler's thread only)."""

    source: Source
    rules: SiteRules | None
    report: SourceReport
    total: int = 0
    done: int = 0
    pending_validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    transient_failures: int = 0
    lists_ok: int = 0
    lists_failed: list[str] = field(default_factory=list)
    list_pages: int = 0  # list-page jobs queued (bounded by max_list_pages)
    sections: int = 0  # section pages queued
    new_urls: set[str] = field(default_factory=set)  # listed unknown to the library this run


@dataclass
class Job:
    kind: str  # "list" | "feed" | "sitemap" | "article" | "image"
    url: str
    state: SourceState
    page: int = 1
    etag: str | None = None
    last_modified: str | None = None
    recheck: bool = False
    start: bool = False  # a start page of a site source: its sections are read too
    section: bool = False  # a section page found on a start page
    # the feed item of an article not yet read from its page: stored from it when the page
    # cannot be read (None for site sources and for re-checks of articles read before)
    entry: FeedEntry | None = None
    retried: bool = False  # asked again after a pause its host asked for (Retry-After)


@dataclass
class Outcome:
    job: Job
    result: FetchResult | None = None
    article: Article | None = None
    links: list[str] = field(default_factory=list)
    entries: list[FeedEntry] = field(default_factory=list)  # a feed's items, in feed order
    next_pages: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    error: KnownError | None = None
    cancelled: bool = False  # cut off by its cancel token (host given up, or refresh stopped)


def fetch_job(job: Job, client: HttpClient, cancel: CancelToken) -> Outcome:
    """Fetch one URL in a network worker (and parse it, for list pages and feeds); article
    pages are extracted afterwards on the extraction threads, so network workers only wait
    on the network."""
    from huaibei_reader.net import FEED_ACCEPT

    out = Outcome(job)
    try:
        if job.kind == "image":
            out.result = client.get(job.url, accept=IMAGE_ACCEPT, cancel=cancel,
                                    max_bytes=MAX_IMAGE_BYTES)
            return out
        feedish = job.kind in ("feed", "sitemap")
        res = client.get(job.url, etag=job.etag, last_modified=job.last_modified,
                         accept=FEED_ACCEPT if feedish else None, cancel=cancel,
                         max_bytes=None if feedish else MAX_PAGE_BYTES)
        out.result = res
        if res.not_modified or job.kind == "article":
            return out
        if job.kind == "feed":
            from huaibei_reader.sources.feeds import parse_feed

            out.entries = parse_feed(res.content, res.url).entries
            out.links = [e.url for e in out.entries]
        elif job.kind == "sitemap":
            out.links, out.children = _read_sitemap(res)
        else:
            from huaibei_reader.sources.discover import discover

            site = job.state.rules
            found = discover(res.content, res.url, rules=site.discovery if site else None,
                             encoding=site.encoding if site else None)
            out.links, out.next_pages = list(found.articles), list(found.next)
            out.sections = list(found.sections)
    except Cancelled:
        out.cancelled = True
    except KnownError as exc:
        out.error = exc
    except Exception as exc:  # a bug on one hostile page must not end the whole refresh
        log.exception("refresh: unexpected error on %s", job.url)
        out.error = KnownError(f"internal error while reading the page "
                               f"({type(exc).__name__}); see the log")
    return out


def extract_job(out: Outcome) -> Outcome:
    """Extract the article of a fetched page (on an extraction thread)."""
    assert out.result is not None
    try:
        out.article = _extract(out.result, out.job)
    except KnownError as exc:
        out.error = exc
    except Exception as exc:  # a bug on one hostile page must not end the whole refresh
        log.exception("refresh: unexpected error extracting %s", out.job.url)
        out.error = KnownError(f"internal error while reading the page "
                               f"({type(exc).__name__}); see the log")
    return out


_NOT_PAGES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
              "application/octet-stream", "application/x-", "application/vnd.",
              "application/msword")


def _extract(res: FetchResult, job: Job) -> Article:
    from huaibei_reader.errors import NotAnArticle
    from huaibei_reader.extract import extract_article

    if res.content_type.startswith(_NOT_PAGES):
        raise NotAnArticle(f"not a web page but a file ({res.content_type})")
    rules = job.state.rules  # binary bodies are refused by extract_article itself
    article = extract_article(res.content, res.url, http_charset=res.charset,
                              rules=rules.extract if rules else None,
                              forced_charset=rules.encoding if rules else None)
    if res.url != job.url or article.url != job.url:
        # Keep the URL the list page links to, so the next refresh knows it; the final
        # address after redirects stays findable as the canonical one.
        article = dataclasses.replace(article, url=job.url,
                                      canonical_url=article.canonical_url or res.url)
    return article


def _read_sitemap(res: FetchResult) -> tuple[list[str], list[str]]:
    from huaibei_reader.sources.feeds import parse_sitemap

    sm = parse_sitemap(res.content, res.url)
    floor = datetime.min.replace(tzinfo=UTC)
    if sm.children:
        newest = sorted(sm.children, key=lambda c: c[1] or floor, reverse=True)
        return [], [newest[0][0]]
    dated = sorted(sm.urls, key=lambda u: u[1] or floor, reverse=True)
    return [u for u, _ in dated[:SITEMAP_URLS]], []


def is_transient(exc: KnownError) -> bool:
    """Worth trying again next time even if the list page has not changed."""
    if isinstance(exc, FetchBlocked):
        return False
    status = getattr(exc, "status", None)
    if status in (404, 410, 451):
        return False
    return isinstance(exc, NetworkError)


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"BM")


def sniff_image(data: bytes) -> bool:
    return data.startswith(_IMAGE_MAGIC)
