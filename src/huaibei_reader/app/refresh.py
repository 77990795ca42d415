"""The refresh pipeline: list pages and feeds -> new URLs -> fetch and extract -> library.

Plain Python, no Qt. The calling thread runs a small scheduler and does every library write
(one connection, each article committed as it arrives, so a crash loses only the in-flight
ones); a pool of network workers fetches, and two extraction threads turn pages into
articles. Hosts are served round-robin with at most ``2 x per_host_limit`` fetches each in
the pool, so one slow site never starves the others, and the HTTP client's own gate keeps
the politeness bound exact.

A site source is read from its start page (the source URL, or the site rules' list_pages)
and, when that page was downloaded, from up to ``max_sections`` of the section (channel)
pages discovery finds on it, same host first: a home page shows only the newest stories.
Each list page follows its pagination up to the rules' ``max_pages`` while it still lists
articles new to the library, and a source reads at most ``max_list_pages`` list pages.

Nothing is downloaded twice: list pages and feeds are asked with the validators of the last
answer (ETag / Last-Modified, so an unchanged one is a 304), only URLs the library does not
hold are fetched, and a few known articles on a *changed* list page are re-checked for edits
with a conditional request (a 304 costs no body).
"""

from __future__ import annotations

import dataclasses
import logging
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled, FetchBlocked, KnownError, NetworkError
from huaibei_reader.models import Article, SiteRules, Source

if TYPE_CHECKING:
    from huaibei_reader.net import FetchResult, HttpClient
    from huaibei_reader.store import Library

log = logging.getLogger(__name__)

MAX_SECTIONS = 8  # section (channel) pages read per site source, by default
MAX_LIST_PAGES = 30  # list pages (start, section and next pages) read per source and refresh
RECHECK_LIMIT = 5  # known articles re-checked for edits per changed list page
MAX_ARTICLES_PER_SOURCE = 500  # new articles fetched per source and refresh
SITEMAP_URLS = 100  # newest sitemap entries considered per refresh
MAX_IMAGE_BYTES = 10 * 1024 * 1024
# Pages and list pages past this are refused: the extractor reads only the first 8 MB anyway,
# and up to `workers` bodies are in memory at once. Feeds and sitemaps keep the client's cap.
MAX_PAGE_BYTES = 16 * 1024 * 1024
MAX_IMAGES_PER_ARTICLE = 30
IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8"
EXTRACT_THREADS = 2  # CPU work (under the GIL) apart from the network workers
_TICK = 0.1  # seconds between looks at the cancel token while waiting for workers


@dataclass(frozen=True)
class RefreshProgress:
    source: str  # the source's name
    done: int  # articles handled so far for this source
    total: int  # articles to handle for this source (grows while list pages are read)
    message: str


@dataclass
class SourceReport:
    """What one refresh did for one source."""

    source: Source
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    error: str | None = None  # the source itself failed (index or feed unreachable)
    pages: int = 0  # list pages and feeds downloaded
    not_modified: int = 0  # conditional requests answered 304
    images: int = 0  # images stored
    images_failed: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None

    def summary(self) -> str:
        if self.error:
            return f"{self.source.name}: failed: {self.error}"
        text = (f"{self.source.name}: {self.new} new, {self.updated} updated, "
                f"{self.unchanged} unchanged")
        if self.failed:
            text += f", {len(self.failed)} failed"
        return text


def refresh_sources(sources: Iterable[Source], *, library: Library, client: HttpClient,
                    site_rules: dict[str, SiteRules] | None = None,
                    progress: Callable[[RefreshProgress], None] | None = None,
                    cancel: CancelToken | None = None, workers: int = 8,
                    max_sections: int = MAX_SECTIONS,
                    max_list_pages: int = MAX_LIST_PAGES) -> list[SourceReport]:
    """Fetch what is new on every source; one report per source, in the order given.

    A site source also reads up to ``max_sections`` section pages found on its start page
    (0: the start page and its pagination only); ``max_list_pages`` bounds the list pages
    read per source.

    Raises :class:`Cancelled` when ``cancel`` is set (articles already saved stay saved) and
    :class:`~huaibei_reader.errors.LibraryError` when the library cannot be written.
    """
    run = _Run(library, client, site_rules or {}, progress, cancel, max(1, workers),
               max_sections=max(0, max_sections), max_list_pages=max(1, max_list_pages))
    return run.go(list(sources))


# -- jobs (run on the pool; no library access there) -----------------------------------------

@dataclass
class _SourceState:
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
class _Job:
    kind: str  # "list" | "feed" | "sitemap" | "article" | "image"
    url: str
    state: _SourceState
    page: int = 1
    etag: str | None = None
    last_modified: str | None = None
    recheck: bool = False
    start: bool = False  # a start page of a site source: its sections are read too
    section: bool = False  # a section page found on a start page


@dataclass
class _Outcome:
    job: _Job
    result: FetchResult | None = None
    article: Article | None = None
    links: list[str] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    error: KnownError | None = None


def _work(job: _Job, client: HttpClient, stop: CancelToken) -> _Outcome:
    """Fetch one URL in a network worker (and parse it, for list pages and feeds); article
    pages are extracted afterwards on the extraction threads, so network workers only wait
    on the network."""
    from huaibei_reader.net import FEED_ACCEPT

    out = _Outcome(job)
    try:
        if job.kind == "image":
            out.result = client.get(job.url, accept=IMAGE_ACCEPT, cancel=stop,
                                    max_bytes=MAX_IMAGE_BYTES)
            return out
        feedish = job.kind in ("feed", "sitemap")
        res = client.get(job.url, etag=job.etag, last_modified=job.last_modified,
                         accept=FEED_ACCEPT if feedish else None, cancel=stop,
                         max_bytes=None if feedish else MAX_PAGE_BYTES)
        out.result = res
        if res.not_modified or job.kind == "article":
            return out
        if job.kind == "feed":
            from huaibei_reader.sources.feeds import parse_feed

            out.links = [e.url for e in parse_feed(res.content, res.url).entries]
        elif job.kind == "sitemap":
            out.links, out.children = _read_sitemap(res)
        else:
            from huaibei_reader.sources.discover import discover

            rules = job.state.rules.discovery if job.state.rules else None
            found = discover(res.content, res.url, rules=rules)
            out.links, out.next_pages = list(found.articles), list(found.next)
            out.sections = list(getattr(found, "sections", ()))
    except Cancelled:
        raise
    except KnownError as exc:
        out.error = exc
    except Exception as exc:  # a bug on one hostile page must not end the whole refresh
        log.exception("refresh: unexpected error on %s", job.url)
        out.error = KnownError(f"internal error while reading the page "
                               f"({type(exc).__name__}); see the log")
    return out


def _extract_outcome(out: _Outcome) -> _Outcome:
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


def _extract(res: FetchResult, job: _Job) -> Article:
    from huaibei_reader.errors import NotAnArticle
    from huaibei_reader.extract import extract_article

    if res.content_type.startswith(_NOT_PAGES):
        raise NotAnArticle(f"not a web page but a file ({res.content_type})")
    if _looks_binary(res.content):
        raise NotAnArticle("this is binary data, not a web page")
    rules = job.state.rules
    article = extract_article(res.content, res.url, http_charset=res.charset,
                              rules=rules.extract if rules else None)
    if res.url != job.url or article.url != job.url:
        # Keep the URL the list page links to, so the next refresh knows it; the final
        # address after redirects stays findable as the canonical one.
        article = dataclasses.replace(article, url=job.url,
                                      canonical_url=article.canonical_url or res.url)
    return article


def _looks_binary(data: bytes) -> bool:
    """Many control bytes in the first 4 KB: a file served as text/html, not a page.
    (UTF-16 pages have a BOM and are left to the extractor.)"""
    head = data[:4096]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) // 20


def _read_sitemap(res: FetchResult) -> tuple[list[str], list[str]]:
    from huaibei_reader.sources.feeds import parse_sitemap

    sm = parse_sitemap(res.content, res.url)
    floor = datetime.min.replace(tzinfo=UTC)
    if sm.children:
        newest = sorted(sm.children, key=lambda c: c[1] or floor, reverse=True)
        return [], [newest[0][0]]
    dated = sorted(sm.urls, key=lambda u: u[1] or floor, reverse=True)
    return [u for u, _ in dated[:SITEMAP_URLS]], []


def _is_transient(exc: KnownError) -> bool:
    """Worth trying again next time even if the list page has not changed."""
    if isinstance(exc, FetchBlocked):
        return False
    status = getattr(exc, "status", None)
    if status in (404, 410, 451):
        return False
    return isinstance(exc, NetworkError)


# -- the scheduler (runs in the caller's thread; owns every library call) -------------------

class _Run:
    def __init__(self, library: Library, client: HttpClient, site_rules: dict[str, SiteRules],
                 progress: Callable[[RefreshProgress], None] | None,
                 cancel: CancelToken | None, workers: int, *, max_sections: int = MAX_SECTIONS,
                 max_list_pages: int = MAX_LIST_PAGES) -> None:
        from huaibei_reader.net import host_key

        self.max_sections = max_sections
        self.max_list_pages = max_list_pages
        self.library = library
        self.client = client
        self.site_rules = site_rules
        self.progress = progress
        self.cancel = cancel
        self.workers = workers
        self.stop = CancelToken()  # what the workers see: set on cancel or on our own failure
        self.host_key = host_key
        per_host = getattr(getattr(client, "config", None), "per_host_limit", 2)
        self.per_host_cap = max(1, per_host) * 2
        self.queues: dict[str, deque[_Job]] = {}
        self.running: dict[str, int] = {}
        self.order: deque[str] = deque()  # round-robin over hosts
        self.seen: set[str] = set()
        self.fetching = 0  # jobs in the network pool
        self.extracting = 0  # pages waiting for or in extraction

    # -- public entry -----------------------------------------------------------------------

    def go(self, sources: list[Source]) -> list[SourceReport]:
        states = [self._start_source(s) for s in sources]
        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="refresh-net")
        cpu = ThreadPoolExecutor(max_workers=EXTRACT_THREADS, thread_name_prefix="refresh-cpu")
        futures: dict[Future[_Outcome], tuple[str, _Job]] = {}
        try:
            while True:
                self._check_cancel()
                self._fill(pool, futures)
                if not futures:
                    break
                done, _ = wait(list(futures), timeout=_TICK, return_when=FIRST_COMPLETED)
                for fut in done:
                    phase, job = futures.pop(fut)
                    out = fut.result()
                    if phase == "cpu":
                        self.extracting -= 1
                        self._handle(out)
                        continue
                    self._release(job)
                    self.fetching -= 1
                    res = out.result
                    if job.kind == "article" and out.error is None and res is not None \
                            and not res.not_modified:
                        futures[cpu.submit(_extract_outcome, out)] = ("cpu", job)
                        self.extracting += 1
                    else:
                        self._handle(out)
        except BaseException:
            self.stop.cancel()
            pool.shutdown(wait=False, cancel_futures=True)
            cpu.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        cpu.shutdown(wait=True)
        for state in states:
            self._finish_source(state)
        return [s.report for s in states]

    # -- scheduling -------------------------------------------------------------------------

    def _host(self, job: _Job) -> str:
        return self.host_key(job.url)

    def _enqueue(self, job: _Job) -> bool:
        """Queue a job unless its URL is already queued or done in this refresh."""
        key = job.url if job.kind in ("article", "image") else f"{job.kind}\0{job.url}"
        if key in self.seen:
            return False
        self.seen.add(key)
        host = self._host(job)
        if host not in self.queues:
            self.queues[host] = deque()
            self.running[host] = 0
            self.order.append(host)
        self.queues[host].append(job)
        return True

    def _fill(self, pool: ThreadPoolExecutor,
              futures: dict[Future[_Outcome], tuple[str, _Job]]) -> None:
        """Hand jobs to the network pool, hosts in turn, each host up to its cap; pause while
        the extraction threads lag behind (fetched pages wait in memory for them)."""
        if self.extracting >= self.workers * 2:
            return
        progressed = True
        while self.fetching < self.workers * 2 and progressed:
            progressed = False
            for _ in range(len(self.order)):
                host = self.order[0]
                self.order.rotate(-1)
                queue = self.queues[host]
                if queue and self.running[host] < self.per_host_cap:
                    job = queue.popleft()
                    self.running[host] += 1
                    futures[pool.submit(_work, job, self.client, self.stop)] = ("net", job)
                    self.fetching += 1
                    progressed = True
                    if self.fetching >= self.workers * 2:
                        return

    def _release(self, job: _Job) -> None:
        host = self._host(job)
        self.running[host] = max(0, self.running.get(host, 0) - 1)

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.cancelled:
            self.stop.cancel()
            raise Cancelled()

    def _tell(self, state: _SourceState, message: str) -> None:
        if self.progress is not None:
            self.progress(RefreshProgress(state.source.name, state.done, state.total, message))

    # -- sources ----------------------------------------------------------------------------

    def _start_source(self, source: Source) -> _SourceState:
        from huaibei_reader.sources.siterules import rules_for_url

        rules = None
        if source.rules and source.rules in self.site_rules:
            rules = self.site_rules[source.rules]
        elif source.url:
            rules = rules_for_url(self.site_rules, source.url)
        state = _SourceState(source, rules, SourceReport(source))
        if source.kind == "feed":
            self._list_job("feed", source.feed_url or source.url, state)
        else:
            pages = list(rules.discovery.list_pages) if rules else []
            urls = [urljoin(source.url, p) for p in pages] or [source.url]
            for url in dict.fromkeys(urls):
                self._list_job("list", url, state, start=True)
            if source.feed_url:
                self._list_job("sitemap", source.feed_url, state)
        self._tell(state, "checking for new articles")
        return state

    def _list_job(self, kind: str, url: str, state: _SourceState, page: int = 1, *,
                  start: bool = False, section: bool = False) -> bool:
        """Queue a list page, feed or sitemap (asked with the validators of its last answer);
        False when it was already queued or the source's list-page budget is spent."""
        if kind == "list" and state.list_pages >= self.max_list_pages:
            return False
        etag, last_modified = self.library.articles.validators(url)
        queued = self._enqueue(_Job(kind, url, state, page=page, etag=etag,
                                    last_modified=last_modified, start=start, section=section))
        if queued and kind == "list":
            state.list_pages += 1
        return queued

    def _finish_source(self, state: _SourceState) -> None:
        report = state.report
        if state.lists_ok == 0 and state.lists_failed:
            report.error = state.lists_failed[0]
        if report.error is None and state.transient_failures == 0:
            for url, (etag, last_modified) in state.pending_validators.items():
                self.library.articles.set_validators(url, etag, last_modified)
        if report.source.id is not None:
            self.library.sources.set_status(report.source.id, error=report.error,
                                            refreshed_at=datetime.now(UTC))
        self._tell(state, report.summary())

    # -- results ----------------------------------------------------------------------------

    def _handle(self, out: _Outcome) -> None:
        job = out.job
        if job.kind in ("list", "feed", "sitemap"):
            self._handle_list(out)
        elif job.kind == "article":
            self._handle_article(out)
        else:
            self._handle_image(out)

    def _handle_list(self, out: _Outcome) -> None:
        job, state = out.job, out.job.state
        report = state.report
        if out.error is not None:
            reason = str(out.error)
            if job.page == 1 and job.kind != "sitemap" and not job.section:
                state.lists_failed.append(reason)
            else:
                report.failed.append((job.url, reason))
            if _is_transient(out.error):
                state.transient_failures += 1
            self._tell(state, f"cannot read {job.url}: {reason}")
            return
        if job.kind != "sitemap" or job.page == 1:
            state.lists_ok += 1
        res = out.result
        assert res is not None
        if res.not_modified:
            report.not_modified += 1
            self._tell(state, f"unchanged since the last refresh: {job.url}")
            return
        report.pages += 1
        if res.etag or res.last_modified:
            state.pending_validators[job.url] = (res.etag, res.last_modified)
        listed = list(dict.fromkeys(out.links))
        known = self.library.articles.known_urls(listed) if listed else set()
        # new to the library, even if another list page of this refresh listed it first:
        # a channel page repeating the home page's stories still leads to its older pages
        lists_new = any(u not in known or u in state.new_urls for u in listed)
        links = [u for u in listed if u not in self.seen]
        fresh = [u for u in links if u not in known]
        room = MAX_ARTICLES_PER_SOURCE - state.total
        for url in fresh[: max(0, room)]:
            self._enqueue(_Job("article", url, state))
            state.new_urls.add(url)
            state.total += 1
        rechecks = 0
        for url in links:
            if url not in known:
                continue
            etag, last_modified = (self.library.articles.validators(url)
                                   if rechecks < RECHECK_LIMIT else (None, None))
            if etag or last_modified:
                rechecks += 1
                self._enqueue(_Job("article", url, state, etag=etag,
                                   last_modified=last_modified, recheck=True))
                state.total += 1
            else:
                report.unchanged += 1
                self.seen.add(url)
        max_pages = state.rules.discovery.max_pages if state.rules else 3
        if job.kind == "list" and lists_new and out.next_pages and job.page < max_pages:
            self._list_job("list", out.next_pages[0], state, page=job.page + 1,
                           section=job.section)
        if job.kind == "list" and job.start and job.page == 1:
            self._queue_sections(out.sections, state)
        for child in out.children:
            self._list_job("sitemap", child, state, page=job.page + 1)
        self._tell(state, f"{len(fresh)} new on {job.url}")

    def _queue_sections(self, sections: list[str], state: _SourceState) -> None:
        """Queue the section pages found on a start page: those on the source's own host
        first (a portal's other channels sit on sister hosts), page order otherwise."""
        if self.max_sections <= 0 or not sections:
            return
        own = self.host_key(state.source.url) if state.source.url else ""
        ordered = sorted(sections, key=lambda u: self.host_key(u) != own)
        for url in ordered:
            if state.sections >= self.max_sections:
                break
            if self._list_job("list", url, state, section=True):
                state.sections += 1

    def _handle_article(self, out: _Outcome) -> None:
        job, state = out.job, out.job.state
        report = state.report
        state.done += 1
        if out.error is not None:
            reason = str(out.error)
            report.failed.append((job.url, reason))
            if _is_transient(out.error):
                state.transient_failures += 1
            self._tell(state, f"failed: {job.url}: {reason}")
            return
        res = out.result
        assert res is not None
        if res.not_modified:
            report.not_modified += 1
            report.unchanged += 1
            self._tell(state, f"unchanged: {job.url}")
            return
        assert out.article is not None
        saved = self.library.articles.save(out.article, source_id=state.source.id,
                                           raw=res.content, headers=res.headers,
                                           fetched_at=datetime.now(UTC))
        if saved.status == "new":
            report.new += 1
        elif saved.status == "updated":
            report.updated += 1
        else:
            report.unchanged += 1
        if res.etag or res.last_modified:
            self.library.articles.set_validators(job.url, res.etag, res.last_modified)
        if saved.status != "unchanged":
            self._queue_images(out.article, state)
        self._tell(state, f"{saved.status}: {out.article.title or job.url}")

    def _queue_images(self, article: Article, state: _SourceState) -> None:
        wanted = [u for u in dict.fromkeys(article.images)
                  if u.startswith(("http://", "https://")) and u not in self.seen]
        wanted = wanted[:MAX_IMAGES_PER_ARTICLE]
        if not wanted:
            return
        have = self.library.images.known_urls(wanted)
        for url in wanted:
            if url not in have:
                self._enqueue(_Job("image", url, state))

    def _handle_image(self, out: _Outcome) -> None:
        report = out.job.state.report
        res = out.result
        if out.error is not None or res is None or not res.content:
            report.images_failed += 1
            return
        ctype = res.content_type
        if not (ctype.startswith("image/") or _sniff_image(res.content)):
            report.images_failed += 1
            return
        try:
            self.library.images.save(out.job.url, res.content, ctype or "image/octet-stream")
        except KnownError as exc:
            from huaibei_reader.errors import LibraryError

            if isinstance(exc, LibraryError):
                raise
            report.images_failed += 1
            return
        report.images += 1




_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"BM")


def _sniff_image(data: bytes) -> bool:
    return data.startswith(_IMAGE_MAGIC)
