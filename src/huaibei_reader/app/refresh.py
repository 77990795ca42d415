"""The refresh pipeline: list pages and feeds -> new URLs -> fetch and extract -> library.

Plain Python, no Qt. The calling thread runs a small scheduler and does every library write
(one connection, each article committed as it arrives, so a crash loses only the in-flight
ones); a pool of network workers fetches, and two extraction threads turn pages into
articles (``app.refresh_jobs``). Hosts are served round-robin with at most
``2 x per_host_limit`` fetches each in the pool, so one slow site never starves the others,
and the HTTP client's own gate keeps the politeness bound exact.

A site source is read from its start page (the source URL, or the site rules' list_pages)
and, when that page was downloaded, from up to ``max_sections`` of the section (channel)
pages discovery finds on it, same host first: a home page shows only the newest stories.
Each list page follows its pagination up to the rules' ``max_pages`` while it still lists
articles new to the library, and a source reads at most ``max_list_pages`` list pages.

Nothing is downloaded twice: list pages and feeds are asked with the validators of the last
answer (ETag / Last-Modified, so an unchanged one is a 304), only URLs the library does not
hold are fetched, and a few known articles on a *changed* list page are re-checked for edits
with a conditional request (a 304 costs no body).

What goes wrong stays bounded:

- a host that keeps failing (refused, no such name, TLS, timeouts, "unavailable") is given
  up on for this refresh after a few failures in a row, and a host asking for a long
  ``Retry-After`` at once (``app.host_health``); one line per host says so;
- a feed item whose page cannot be read is stored from the feed itself, marked so, and read
  from its page by a later refresh (``app.feed_items``);
- cancelling stops the scheduler at its next look at the token (every ``_TICK``), cuts every
  request in flight through the workers' cancel tokens, and raises
  :class:`RefreshCancelled` with what was saved; the workers are daemon threads
  (``app.daemon_pool``), so a server that holds a socket cannot hold the process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from huaibei_reader.app.daemon_pool import DaemonPool
from huaibei_reader.app.host_health import DOWN, RETRY, HostHealth, HostSkip, origin_key
from huaibei_reader.app.host_queues import HostQueues
from huaibei_reader.app.refresh_jobs import (
    MAX_IMAGE_BYTES,
    MAX_PAGE_BYTES,
    Job,
    Outcome,
    SourceState,
    extract_job,
    fetch_job,
    is_transient,
)
from huaibei_reader.app.refresh_report import RefreshCancelled, RefreshProgress, SourceReport
from huaibei_reader.app.refresh_saving import RefreshSaver
from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled
from huaibei_reader.models import SiteRules, Source

if TYPE_CHECKING:
    from huaibei_reader.net import HttpClient
    from huaibei_reader.store import Library

__all__ = ["MAX_IMAGE_BYTES", "MAX_PAGE_BYTES", "RefreshCancelled", "RefreshProgress",
           "SourceReport", "refresh_sources"]

MAX_SECTIONS = 8  # section (channel) pages read per site source, by default
MAX_LIST_PAGES = 30  # list pages (start, section and next pages) read per source and refresh
RECHECK_LIMIT = 5  # known articles re-checked for edits per changed list page
MAX_ARTICLES_PER_SOURCE = 500  # new articles fetched per source and refresh
EXTRACT_THREADS = 2  # CPU work (under the GIL) apart from the network workers
_TICK = 0.1  # seconds between looks at the cancel token while waiting for workers


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

    Raises :class:`RefreshCancelled` when ``cancel`` is set (articles already saved stay
    saved; requests in flight are cut) and :class:`~huaibei_reader.errors.LibraryError` when
    the library cannot be written.
    """
    run = _Run(library, client, site_rules or {}, progress, cancel, max(1, workers),
               max_sections=max(0, max_sections), max_list_pages=max(1, max_list_pages))
    return run.go(list(sources))


def _import_before_threads() -> None:
    """Import what the workers and the scheduler load lazily, before the threads start: two
    threads importing one package at once can meet it half-imported (CPython's module locks
    report a false deadlock; seen as ``KeyError: 'huaibei_reader.extract'``)."""
    import huaibei_reader.extract
    import huaibei_reader.extract.fragment
    import huaibei_reader.net
    import huaibei_reader.sources.discover
    import huaibei_reader.sources.feeds  # noqa: F401


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
        self.host_key = host_key
        per_host = getattr(getattr(client, "config", None), "per_host_limit", 2)
        self.hosts = HostQueues(host_key, max(1, per_host) * 2)
        self.seen = self.hosts.seen
        self.health = HostHealth()  # its per-host tokens are what the workers see
        self.states: list[SourceState] = []
        self.fetching = 0  # jobs in the network pool
        self.extracting = 0  # pages waiting for or in extraction
        self.to_store: list[Job] = []  # skipped articles to store from their feed items
        self.hosts_down: list[str] = []  # hosts just given up on: their queues to drain
        self.saver = RefreshSaver(library, tell=self._tell, enqueue=self._enqueue,
                                  seen=self.seen)

    # -- public entry -----------------------------------------------------------------------

    def go(self, sources: list[Source]) -> list[SourceReport]:
        _import_before_threads()
        self.states = states = [self._start_source(s) for s in sources]
        pool = DaemonPool(self.workers, "refresh-net")
        cpu = DaemonPool(EXTRACT_THREADS, "refresh-cpu")
        futures: dict[Future[Outcome], tuple[str, Job]] = {}
        try:
            while True:
                self._check_cancel()
                self._fill(pool, futures)
                self._settle()
                if not futures:
                    pause = self._pause_left()
                    if pause is None:
                        break
                    self._sleep(pause)  # only hosts that asked us to wait have work left
                    continue
                done, _ = wait(list(futures), timeout=_TICK, return_when=FIRST_COMPLETED)
                for fut in done:
                    phase, job = futures.pop(fut)
                    self._arrived(phase, job, fut.result(), cpu, futures)
                self._settle()
        except Cancelled:
            self._abort(pool, cpu)
            left = sum(max(0, s.total - s.done) for s in states)
            raise RefreshCancelled([s.report for s in states], left) from None
        except BaseException:
            self._abort(pool, cpu)
            raise
        pool.shutdown(wait=True)
        cpu.shutdown(wait=True)
        for state in states:
            self._finish_source(state)
        return [s.report for s in states]

    def _arrived(self, phase: str, job: Job, out: Outcome, cpu: DaemonPool,
                 futures: dict[Future[Outcome], tuple[str, Job]]) -> None:
        if phase == "cpu":
            self.extracting -= 1
            self._handle(out)
            return
        self.hosts.release(job)
        self.fetching -= 1
        origin = origin_key(job.url)
        if out.cancelled:
            self._skip(job)  # cut off because its host was given up on
            return
        if out.error is not None:
            verdict = self.health.failed(origin, out.error, may_retry=not job.retried)
            if verdict == RETRY:  # the host asked for a pause we honour: ask again after it
                job.retried = True
                self.hosts.requeue(job)
                return
            if verdict == DOWN:
                self.hosts_down.append(origin)
        else:
            self.health.answered(origin)
        res = out.result
        if job.kind == "article" and out.error is None and res is not None \
                and not res.not_modified:
            futures[cpu.submit(extract_job, out)] = ("cpu", job)
            self.extracting += 1
        else:
            self._handle(out)

    def _abort(self, pool: DaemonPool, cpu: DaemonPool) -> None:
        """Cut every request in flight and leave the workers behind (daemon threads)."""
        self.health.cancel_all()
        pool.shutdown(wait=False, cancel_futures=True)
        cpu.shutdown(wait=False, cancel_futures=True)

    # -- scheduling -------------------------------------------------------------------------

    def _enqueue(self, job: Job) -> bool:
        """Queue a job unless its URL is already queued or done in this refresh."""
        return self.hosts.add(job)

    def _fill(self, pool: DaemonPool, futures: dict[Future[Outcome], tuple[str, Job]]) -> None:
        """Hand jobs to the network pool, hosts in turn, each host up to its cap; pause while
        the extraction threads lag behind (fetched pages wait in memory for them). Jobs of a
        host given up on are skipped here; a host that asked for a pause waits."""
        if self.extracting >= self.workers * 2:
            return
        while self.fetching < self.workers * 2:
            job = self.hosts.take(
                given_up=lambda j: bool(self.health.down(origin_key(j.url))), skip=self._skip,
                ready=lambda j: self.health.wait_left(origin_key(j.url)) <= 0)
            if job is None:
                return
            futures[pool.submit(fetch_job, job, self.client,
                                self.health.token(origin_key(job.url)))] = ("net", job)
            self.fetching += 1

    def _pause_left(self) -> float | None:
        """Nothing in flight: seconds until a paused host may be asked again, or None when
        no work is left at all."""
        waits = [self.health.wait_left(origin_key(job.url)) for job in self.hosts.heads()]
        return min(waits) if waits else None

    def _sleep(self, seconds: float) -> None:
        seconds = min(max(seconds, 0.01), _TICK)
        if self.cancel is not None:
            self.cancel.wait(seconds)
        else:
            time.sleep(seconds)

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.cancelled:
            raise Cancelled()

    def _tell(self, state: SourceState, message: str) -> None:
        if self.progress is not None:
            self.progress(RefreshProgress(state.source.name, state.done, state.total, message))

    # -- hosts given up on --------------------------------------------------------------------

    def _settle(self) -> None:
        """Drain the queues of hosts just given up on, and store what was skipped from its
        feed items (one transaction)."""
        while self.hosts_down:
            origin = self.hosts_down.pop()

            def on_host(job: Job, origin: str = origin) -> bool:
                return origin_key(job.url) == origin

            for job in self.hosts.drain(on_host):
                self._skip(job)
        if self.to_store:
            self._store_skipped()

    def _skip(self, job: Job) -> None:
        """A job of a host given up on: counted, and stored from its feed item if it has one."""
        origin = origin_key(job.url)
        reason = self.health.down(origin) or "given up on"
        state = job.state
        if job.kind == "article":
            state.done += 1
            state.transient_failures += 1
            skip = state.report.skipped.setdefault(origin, HostSkip(reason))
            skip.articles += 1
            if job.entry is not None:
                self.to_store.append(job)
        elif job.kind == "image":
            state.report.images_failed += 1
        else:
            self._list_failed(job, f"{origin}: {reason}", transient=True)

    def _store_skipped(self) -> None:
        jobs, self.to_store = self.to_store, []
        reasons = {origin_key(j.url) for j in jobs}
        why = {o: f"{o} {self.health.down(o)}; skipped in this refresh" for o in reasons}
        self.saver.skipped_from_feed([(j, why[origin_key(j.url)]) for j in jobs])

    # -- sources ----------------------------------------------------------------------------

    def _start_source(self, source: Source) -> SourceState:
        from huaibei_reader.sources.siterules import rules_for_url

        rules = None
        if source.rules and source.rules in self.site_rules:
            rules = self.site_rules[source.rules]
        elif source.url:
            rules = rules_for_url(self.site_rules, source.url)
        state = SourceState(source, rules, SourceReport(source))
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

    def _list_job(self, kind: str, url: str, state: SourceState, page: int = 1, *,
                  start: bool = False, section: bool = False) -> bool:
        """Queue a list page, feed or sitemap (asked with the validators of its last answer);
        False when it was already queued or the source's list-page budget is spent."""
        if kind == "list" and state.list_pages >= self.max_list_pages:
            return False
        etag, last_modified = self.library.articles.validators(url)
        queued = self._enqueue(Job(kind, url, state, page=page, etag=etag,
                                   last_modified=last_modified, start=start, section=section))
        if queued and kind == "list":
            state.list_pages += 1
        return queued

    def _finish_source(self, state: SourceState) -> None:
        report = state.report
        if state.lists_ok == 0 and state.lists_failed:
            report.error = state.lists_failed[0]
        if report.error is None and state.transient_failures == 0:
            for url, (etag, last_modified) in state.pending_validators.items():
                self.library.articles.set_validators(url, etag, last_modified)
        if report.source.id is not None:
            self.library.sources.set_status(report.source.id, error=report.error,
                                            refreshed_at=datetime.now(UTC))
        for line in report.notes():
            self._tell(state, line)
        self._tell(state, report.summary())

    # -- results ----------------------------------------------------------------------------

    def _handle(self, out: Outcome) -> None:
        job = out.job
        if job.kind in ("list", "feed", "sitemap"):
            self._handle_list(out)
        elif job.kind == "article":
            self.saver.article(out)
        else:
            self.saver.image(out)

    def _list_failed(self, job: Job, reason: str, *, transient: bool) -> None:
        state = job.state
        if job.page == 1 and job.kind != "sitemap" and not job.section:
            state.lists_failed.append(reason)
        else:
            state.report.failed.append((job.url, reason))
        if transient:
            state.transient_failures += 1
        self._tell(state, f"cannot read {job.url}: {reason}")

    def _handle_list(self, out: Outcome) -> None:
        job, state = out.job, out.job.state
        report = state.report
        if out.error is not None:
            self._list_failed(job, str(out.error), transient=is_transient(out.error))
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
        entries = {e.url: e for e in out.entries}
        # items stored from the feed before: their pages are tried again
        from_feed = self.library.articles.from_feed_urls([u for u in listed if u in known]) \
            if entries and known else set()
        # new to the library, even if another list page of this refresh listed it first:
        # a channel page repeating the home page's stories still leads to its older pages
        lists_new = any(u not in known or u in state.new_urls for u in listed)
        links = [u for u in listed if u not in self.seen]
        fresh = [u for u in links if u not in known or u in from_feed]
        room = MAX_ARTICLES_PER_SOURCE - state.total
        for url in fresh[: max(0, room)]:
            self._enqueue(Job("article", url, state, entry=entries.get(url)))
            state.new_urls.add(url)
            state.total += 1
        rechecks = 0
        for url in links:
            if url not in known or url in from_feed:
                continue
            etag, last_modified = (self.library.articles.validators(url)
                                   if rechecks < RECHECK_LIMIT else (None, None))
            if etag or last_modified:
                rechecks += 1
                self._enqueue(Job("article", url, state, etag=etag,
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

    def _queue_sections(self, sections: list[str], state: SourceState) -> None:
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
