"""What a refresh tells: progress while it runs, a report per source, and what a cancelled
one saved."""

from __future__ import annotations

from dataclasses import dataclass, field

from huaibei_reader.app.host_health import HostSkip
from huaibei_reader.errors import Cancelled, KnownError
from huaibei_reader.models import Source


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
    cause: KnownError | None = None  # ``error`` as the error itself (kind and values)
    pages: int = 0  # list pages and feeds downloaded
    not_modified: int = 0  # conditional requests answered 304
    images: int = 0  # images stored
    images_failed: int = 0
    from_feed: int = 0  # of new and updated: stored from the feed, their page unread
    skipped: dict[str, HostSkip] = field(default_factory=dict)  # host -> what was skipped

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def saved(self) -> int:
        """Articles stored or changed by this refresh."""
        return self.new + self.updated

    def summary(self) -> str:
        if self.error:
            return f"{self.source.name}: failed: {self.error}"
        text = (f"{self.source.name}: {self.new} new, {self.updated} updated, "
                f"{self.unchanged} unchanged")
        if self.from_feed:
            text += f" ({self.from_feed} stored from the feed)"
        if self.failed:
            text += f", {len(self.failed)} failed"
        skipped = sum(s.articles for s in self.skipped.values())
        if skipped:
            text += f", {skipped} skipped"
        return text

    def notes(self) -> list[str]:
        """One line per host given up on: why, and how many articles it cost."""
        return [skip.line(host) for host, skip in self.skipped.items()]


class RefreshCancelled(Cancelled):
    """The refresh was cancelled; what it saved stays saved (``reports`` says what)."""

    def __init__(self, reports: list[SourceReport], left: int) -> None:
        self.reports = reports
        self.saved = sum(r.saved for r in reports)
        self.left = left  # articles listed but not yet handled
        super().__init__(f"refresh stopped: {self.saved} articles saved before it stopped, "
                         f"{left} left for the next refresh")
