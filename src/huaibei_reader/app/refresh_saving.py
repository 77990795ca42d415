"""What a refresh writes to the library: the articles the workers fetched (one commit each,
as they arrive), feed items stored in place of pages that could not be read, and images.

Every write is counted on its source's report and told to the progress callback; a new or
updated article queues its images. Runs in the refresh scheduler's thread (``app.refresh``),
which owns the library connection.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from huaibei_reader.app.feed_items import article_from_entry
from huaibei_reader.app.host_health import origin_key
from huaibei_reader.app.refresh_jobs import Job, Outcome, SourceState, is_transient, sniff_image
from huaibei_reader.errors import KnownError, LibraryError
from huaibei_reader.models import Article

if TYPE_CHECKING:
    from huaibei_reader.store import Library, SaveResult

MAX_IMAGES_PER_ARTICLE = 30  # images fetched per article: a gallery page stays bounded


class RefreshSaver:
    def __init__(self, library: Library, *, tell: Callable[[SourceState, str], None],
                 enqueue: Callable[[Job], bool], seen: set[str]) -> None:
        self.library = library
        self.tell = tell
        self.enqueue = enqueue
        self.seen = seen  # URLs queued or done in this refresh

    def article(self, out: Outcome) -> None:
        """An article page came back: saved (or its feed item in its place), or a failure."""
        job, state = out.job, out.job.state
        report = state.report
        state.done += 1
        if out.error is not None:
            reason = str(out.error)
            if is_transient(out.error):
                state.transient_failures += 1
            if job.entry is not None and self.from_feed(job, reason):
                return
            report.failed.append((job.url, reason))
            self.tell(state, f"failed: {job.url}: {reason}")
            return
        res = out.result
        assert res is not None
        if res.not_modified:
            report.not_modified += 1
            report.unchanged += 1
            self.tell(state, f"unchanged: {job.url}")
            return
        assert out.article is not None
        saved = self.library.articles.save(out.article, source_id=state.source.id,
                                           raw=res.content, headers=res.headers,
                                           fetched_at=datetime.now(UTC))
        if res.etag or res.last_modified:
            self.library.articles.set_validators(job.url, res.etag, res.last_modified)
        self._count(state, saved, out.article)

    def from_feed(self, job: Job, reason: str) -> bool:
        """Store a feed item whose page failed from the feed itself; False when the item has
        no text of its own."""
        assert job.entry is not None
        article = article_from_entry(job.entry, reason)
        if article is None:
            return False
        saved = self.library.articles.save(article, source_id=job.state.source.id,
                                           fetched_at=datetime.now(UTC))
        self._count(job.state, saved, article, from_feed=True)
        return True

    def skipped_from_feed(self, skipped: list[tuple[Job, str]]) -> None:
        """Store the feed items of articles skipped with their host (each with the reason to
        show), in one transaction."""
        from huaibei_reader.store.types import ToSave

        made: list[tuple[Job, Article]] = []
        for job, reason in skipped:
            assert job.entry is not None
            article = article_from_entry(job.entry, reason)
            if article is not None:
                made.append((job, article))
        if not made:
            return
        when = datetime.now(UTC)
        results = self.library.articles.save_many(
            [ToSave(article, job.state.source.id, fetched_at=when) for job, article in made])
        for (job, article), saved in zip(made, results, strict=True):
            job.state.report.skipped[origin_key(job.url)].from_feed += 1
            self._count(job.state, saved, article, from_feed=True)

    def image(self, out: Outcome) -> None:
        report = out.job.state.report
        res = out.result
        if out.error is not None or res is None or not res.content:
            report.images_failed += 1
            return
        ctype = res.content_type
        if not (ctype.startswith("image/") or sniff_image(res.content)):
            report.images_failed += 1
            return
        try:
            self.library.images.save(out.job.url, res.content, ctype or "image/octet-stream")
        except LibraryError:
            raise
        except KnownError:
            report.images_failed += 1
            return
        report.images += 1

    def _count(self, state: SourceState, saved: SaveResult, article: Article, *,
               from_feed: bool = False) -> None:
        report = state.report
        if saved.status == "new":
            report.new += 1
        elif saved.status == "updated":
            report.updated += 1
        else:
            report.unchanged += 1
        if from_feed and saved.status != "unchanged":
            report.from_feed += 1
        if saved.status != "unchanged":
            self._queue_images(article, state)
        kept = " (from the feed)" if from_feed else ""
        self.tell(state, f"{saved.status}: {article.title or article.url}{kept}")

    def _queue_images(self, article: Article, state: SourceState) -> None:
        wanted = [u for u in dict.fromkeys(article.images)
                  if u.startswith(("http://", "https://")) and u not in self.seen]
        wanted = wanted[:MAX_IMAGES_PER_ARTICLE]
        if not wanted:
            return
        have = self.library.images.known_urls(wanted)
        for url in wanted:
            if url not in have:
                self.enqueue(Job("image", url, state))
