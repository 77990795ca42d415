"""Refresh from the window: the toolbar action, Ctrl+R and the interval timer start it as a
background operation; the status bar shows progress with a cancel button; the end reports
the new-article count, failures on their sources, or a quiet offline banner. Afterwards the
new texts are indexed for search and the library is kept under its size limit, both on a
worker."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QToolButton

from huaibei_reader.app.library_operations import LibraryService
from huaibei_reader.app.operations import Progress
from huaibei_reader.app.refresh_report import RefreshCancelled
from huaibei_reader.app.refresh_service import RefreshOutcome, RefreshService
from huaibei_reader.app.settings import Settings
from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled, KnownError
from huaibei_reader.ui.actions import WindowActions
from huaibei_reader.ui.error_text import error_text, fill, skipped_host_text
from huaibei_reader.ui.messages import MessageChannel

# Source errors written out in the status bar after a refresh; more would not fit on one line.
SHOWN_SOURCE_ERRORS = 2
# While a refresh runs, the list is read again at most this often to show what it saved:
# often enough to watch it fill, seldom enough that rows do not jump under the pointer.
LIVE_LIST_MS = 1500


class RefreshController(QObject):
    finished = Signal(object)  # a RefreshOutcome, or the KnownError it ended with
    search_index_updated = Signal(int)  # texts indexed
    articles_removed = Signal(int)  # evicted to keep the library under its size limit
    articles_arrived = Signal()  # a running refresh saved articles (throttled: LIVE_LIST_MS)

    def __init__(self, *, actions: WindowActions, progress: QProgressBar,
                 cancel_button: QToolButton, status_label: QLabel,
                 show_banner: Callable[[str], None], refresh: RefreshService,
                 library: LibraryService, settings: Settings, messages: MessageChannel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.progress = progress
        self.cancel_button = cancel_button
        self.status_label = status_label
        self._show_banner = show_banner
        self._refresh = refresh
        self._library = library
        self._settings = settings
        self._messages = messages
        self.library_open = False
        self._token: CancelToken | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("refresh_timer")
        self.timer.timeout.connect(self._on_timer_timeout)
        self.live_timer = QTimer(self)
        self.live_timer.setObjectName("live_list_timer")
        self.live_timer.setSingleShot(True)
        self.live_timer.setInterval(LIVE_LIST_MS)
        self.live_timer.timeout.connect(self._on_live_timer_timeout)
        actions.refresh.triggered.connect(lambda: self.start())
        actions.cancel_refresh.triggered.connect(self.cancel)

    @property
    def refreshing(self) -> bool:
        return self._token is not None

    def apply_interval(self) -> None:
        """Follow the preferences' automatic refresh interval (0: none)."""
        minutes = self._settings.get("refresh/interval_minutes")
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def _on_timer_timeout(self) -> None:
        if not self.refreshing and self.library_open:
            self.start()

    def start(self, source_ids: Sequence[int] | None = None) -> bool:
        """Refresh the given sources (None: all); False when not possible now."""
        if not self.library_open or self.refreshing:
            return False
        self.actions.refresh.setEnabled(False)
        self.actions.cancel_refresh.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.status_label.setText(self.tr("Refreshing…"))
        self._token = self._refresh.refresh(source_ids).success(self._on_refresh_done) \
            .failure(self._on_refresh_failed).with_progress(self._on_refresh_progress) \
            .run_in_background()
        return True

    def cancel(self) -> None:
        """Stop the refresh (what it saved stays); also on quit."""
        if self._token is not None:
            self._token.cancel()
            self.status_label.setText(self.tr("Cancelling…"))

    def stop(self) -> None:
        """The window closes: no more timed refreshes, the running one cancelled."""
        self.timer.stop()
        if self._token is not None:
            self._token.cancel()

    def _on_live_timer_timeout(self) -> None:
        if self.refreshing:
            self.articles_arrived.emit()

    def _on_refresh_progress(self, progress: Progress) -> None:
        if progress.done > 0 and not self.live_timer.isActive():
            self.live_timer.start()
        if progress.total > 0:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(min(progress.done, progress.total))
        if progress.label and progress.total > 0:
            self.status_label.setText(fill(self.tr("Refreshing %1: %2 of %3 articles"),
                                           progress.label, progress.done, progress.total))
        elif progress.label:
            self.status_label.setText(fill(self.tr("Refreshing %1…"), progress.label))

    def _end(self) -> None:
        self._token = None
        self.live_timer.stop()
        self.actions.refresh.setEnabled(True)
        self.actions.cancel_refresh.setEnabled(False)
        self.progress.hide()
        self.cancel_button.hide()

    def _on_refresh_done(self, outcome: RefreshOutcome) -> None:
        self._end()
        if outcome.offline:
            self._show_banner(self.tr("Offline: the sources cannot be reached. Everything "
                                      "stored stays readable."))
        else:
            self._show_banner("")
        text = self.tr("Refresh finished: %1 new articles.").replace("%1", str(outcome.new))
        if outcome.offline:  # and why, in the first source's words
            text = self.tr("Offline: nothing could be fetched.") + " " + " ".join(
                error_text(exc) for exc in list(outcome.failures.values())[:1])
        elif outcome.failed_sources:
            text += " " + self.tr("%1 sources failed (see the sidebar).").replace(
                "%1", str(len(outcome.failed_sources)))
            # the first errors in full, where the person is looking (the rest: the sidebar)
            text += " " + " ".join(error_text(exc) for exc in
                                   list(outcome.failures.values())[:SHOWN_SOURCE_ERRORS])
        if outcome.skipped_hosts and not outcome.offline:  # the hosts given up on, one each
            text += " " + " ".join(skipped_host_text(s) for s in outcome.skipped_hosts)
        self._messages.info(text)
        self.finished.emit(outcome)
        self._apply_cache_limit()
        self.index_search_queue()

    def _on_refresh_failed(self, exc: KnownError) -> None:
        self._end()
        if isinstance(exc, RefreshCancelled):
            self._messages.info(self.tr("Refresh cancelled: %1 articles saved before it "
                                        "stopped.").replace("%1", str(exc.saved)))
        elif isinstance(exc, Cancelled):
            self._messages.info(self.tr("Refresh cancelled."))
        else:
            self._messages.error(self.tr("Refresh failed: %1").replace("%1", error_text(exc)))
        self.finished.emit(exc)

    # ------------------------------------------------------------------ upkeep
    def index_search_queue(self) -> None:
        """Index the texts saved since the last time, on a worker (saving only queues them,
        and search reads the queue until then). Stops at shutdown between two chunks."""
        if self.library_open:
            self._library.index_search_queue().success(self.search_index_updated.emit) \
                .latest_wins("search-index").run_in_background()

    def _apply_cache_limit(self) -> None:
        """Preferences' library size limit: evict the oldest articles after a refresh."""
        limit_mb = self._settings.get("library/cache_limit_mb")
        if not limit_mb or not self.library_open:
            return

        def done(removed: int) -> None:
            if removed:
                self._messages.info(self.tr("%1 old articles removed to keep the library "
                                            "under its size limit.").replace("%1",
                                                                             str(removed)))
                self.articles_removed.emit(removed)

        self._library.evict(limit_mb * 1024 * 1024).success(done).run_in_background()
